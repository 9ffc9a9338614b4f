import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { configureMail, deliverOutbox } from '../../shared/mail.ts';
import { startTestSmtp } from '../notifications/test-smtp.ts';
import { resetClock } from './accounts.reset.ts';
import * as accounts from './accounts.service.ts';

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  configureMail({ smtpUrl: smtp.url, publicUrl: 'https://pathway.example' });
});
afterAll(async () => {
  configureMail({ smtpUrl: null });
  resetClock.now = () => new Date();
  await smtp.close();
});

describeOnEachDatabase('password reset', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let teacher: { username: string; email: string };
  const NEW_PASSWORD = 'a-brand-new-password';

  beforeAll(async () => {
    world = await make.country(getDb());
    const email = `t${Math.random().toString(36).slice(2, 10)}@school.example`;
    const person = await make.person(world.ctx, world.schoolA1, { email });
    const username = `reset-${Math.random().toString(36).slice(2, 8)}`;
    await accounts.createAccount(world.ctx, {
      personId: person.id,
      username,
      password: make.TEST_PASSWORD,
      roles: [{ role: 'teacher', orgUnitId: world.schoolA1.id }],
    });
    await accounts.setMyLocale(
      {
        ...world.ctx,
        actor: {
          ...world.ctx.actor,
          accountId: (await accounts.listAccounts(world.ctx, { limit: 500 })).find((a) => a.username === username)!.id,
        },
      },
      'ru',
    );
    teacher = { username, email };
    app = await testApp(getDb());
  });
  afterAll(async () => {
    resetClock.now = () => new Date();
    await app?.close();
  });

  const ask = (username: string) =>
    app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { username } });
  const confirm = (token: string, newPassword = NEW_PASSWORD) =>
    app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, newPassword } });
  const linkIn = (text: string) => /reset-password#([\w-]+)/.exec(text)![1]!;
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  it('mails a link in the account’s language that sets a new password once, ending old sign-ins', async () => {
    const old = await signIn(app, teacher.username, make.TEST_PASSWORD);
    const res = await ask(teacher.username);
    expect(res.statusCode).toBe(202);
    await deliverOutbox(getDb().db);
    const mails = mailsTo(teacher.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Pathway: новый пароль');
    expect(mails[0]!.text).toContain('https://pathway.example/reset-password#');
    const token = linkIn(mails[0]!.text);
    // Only the hash is kept.
    const stored = await getDb().db.selectFrom('password_reset').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    expect((await confirm(token)).statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: old.headers });
    expect(me.statusCode).toBe(401);
    await signIn(app, teacher.username, NEW_PASSWORD);
    const again = await confirm(token, 'yet-another-password');
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('reset_link_invalid');
  });

  it('refuses a link after 30 minutes', async () => {
    await ask(teacher.username);
    await deliverOutbox(getDb().db);
    const token = linkIn(mailsTo(teacher.email).at(-1)!.text);
    resetClock.now = () => new Date(Date.now() + 31 * 60_000);
    try {
      const late = await confirm(token, 'too-late-password');
      expect(late.json().error.code).toBe('reset_link_invalid');
    } finally {
      resetClock.now = () => new Date();
    }
    await signIn(app, teacher.username, NEW_PASSWORD);
  });

  it('answers an unknown username the same way and mails nobody', async () => {
    const before = smtp.received.length;
    const known = await ask(teacher.username);
    const unknown = await ask('nobody-has-this-name');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    await deliverOutbox(getDb().db);
    // One mail, for the account that exists; none for the name that does not.
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual([[teacher.email]]);
  });

  it('makes an account created by an administrator change its password before anything else', async () => {
    const admin = await make.user(world.ctx, 'admin', world.nation);
    const adminSession = await signIn(app, admin.username, admin.password);
    const person = await make.person(world.ctx, world.schoolA1);
    const username = `new-${Math.random().toString(36).slice(2, 8)}`;
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: adminSession.headers,
      payload: { personId: person.id, username, password: 'first-password-1', roles: [] },
    });
    expect(created.statusCode).toBe(201);
    const session = await signIn(app, username, 'first-password-1');
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers });
    expect(me.json().mustChangePassword).toBe(true);
    const blocked = await app.inject({ method: 'GET', url: '/api/me/tokens', headers: session.headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const changed = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: session.headers,
      payload: { currentPassword: 'first-password-1', newPassword: 'my-own-password-2' },
    });
    expect(changed.statusCode).toBe(204);
    const now = await app.inject({ method: 'GET', url: '/api/me/tokens', headers: session.headers });
    expect(now.statusCode).toBe(200);
  });

  it('lets an administrator over the person force a reset: sign-ins end, a link is mailed, the next sign-in sets a password', async () => {
    const email = `f${Math.random().toString(36).slice(2, 10)}@school.example`;
    const person = await make.person(world.ctx, world.schoolA1, { email });
    const username = `forced-${Math.random().toString(36).slice(2, 8)}`;
    const account = await accounts.createAccount(world.ctx, {
      personId: person.id,
      username,
      password: make.TEST_PASSWORD,
      roles: [{ role: 'teacher', orgUnitId: world.schoolA1.id }],
    });
    const session = await signIn(app, username, make.TEST_PASSWORD);
    const elsewhere = await make.user(world.ctx, 'admin', world.regionB);
    const outsider = await signIn(app, elsewhere.username, elsewhere.password);
    const force = (headers: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: `/api/accounts/${account.id}/password-reset`,
        headers,
        payload: { sendLink: true, mustChange: true },
      });
    expect((await force(outsider.headers)).statusCode).toBe(404);

    const admin = await make.user(world.ctx, 'admin', world.nation);
    const adminSession = await signIn(app, admin.username, admin.password);
    const forced = await force(adminSession.headers);
    expect(forced.statusCode).toBe(200);
    expect(forced.json()).toEqual({ mailed: true });
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: session.headers })).statusCode).toBe(401);
    await deliverOutbox(getDb().db);
    expect(mailsTo(email)).toHaveLength(1);
    const listed = await app.inject({
      method: 'GET',
      url: `/api/accounts/${account.id}`,
      headers: adminSession.headers,
    });
    expect(listed.json().mustChangePassword).toBe(true);
    const next = await signIn(app, username, make.TEST_PASSWORD);
    const blocked = await app.inject({ method: 'GET', url: '/api/me/tokens', headers: next.headers });
    expect(blocked.json().error.code).toBe('password_change_required');
    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', account.id)
      .where('action', '=', 'account.force_reset')
      .execute();
    expect(audit).toHaveLength(1);
  });
});
