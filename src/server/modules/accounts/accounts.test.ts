import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import type { AppError } from '../../shared/errors.ts';
import * as repo from './accounts.repo.ts';
import * as accounts from './accounts.service.ts';
import * as throttle from './accounts.throttle.ts';

describeOnEachDatabase('accounts and sessions', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let admin: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const districtAdmin = await make.user(world.ctx, 'admin', world.districtA1);
    admin = await signIn(app, districtAdmin.username, districtAdmin.password);
  });
  afterAll(() => app.close());

  const login = (username: string, password: string, from = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: from });
  const me = (headers: Record<string, string>) => app.inject({ url: '/api/me', headers });
  const newToken = async (session: Session, name = 'sync') => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: session.headers,
      payload: { name },
    });
    return { authorization: `Bearer ${res.json().token}` };
  };
  const auditOf = (action: string, accountId: string) =>
    getDb()
      .db.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', action)
      .where('entity_id', '=', accountId)
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow()
      .then((r) => JSON.parse(r.after_json ?? 'null'));

  it('signs in with an HTTP-only, SameSite=Lax cookie and answers who the user is', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const res = await login(officer.username, officer.password);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'pathway_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const body = res.json();
    expect(body).toMatchObject({ accountId: officer.account.id, username: officer.username });
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect(body.permissions).toEqual(expect.arrayContaining(['org.read', 'people.write', 'import.run']));
    expect(body.permissions).not.toContain('accounts.manage');
    expect(body.grants).toEqual([
      expect.objectContaining({ role: 'district_officer', orgUnitId: world.districtA1.id, orgUnitName: 'District A1' }),
    ]);
    const again = await me({ cookie: `pathway_session=${cookie.value}` });
    expect(again.statusCode).toBe(200);
    expect(again.json().csrfToken).toBe(body.csrfToken);
  });

  it('gives a teacher only the permissions of a teacher', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const res = await login(teacher.username, teacher.password);
    expect(res.json().permissions).toEqual(['org.read']);
  });

  it('reads the roles of a session afresh on every request, all of them, and none once all are removed', async () => {
    const user = await make.user(world.ctx, 'teacher', world.schoolA1);
    await accounts.assignRole(world.ctx, user.account.id, 'district_officer', world.districtA1.id);
    const session = await signIn(app, user.username, user.password);
    const permissions = async () => (await me(session.headers)).json().permissions as string[];
    expect(await permissions()).toEqual(expect.arrayContaining(['org.read', 'people.write']));
    expect((await me(session.headers)).json().grants).toHaveLength(2);
    for (const grant of (await accounts.getAccount(world.ctx, user.account.id)).grants) {
      await accounts.removeRole(world.ctx, user.account.id, grant.id);
    }
    const bare = await me(session.headers);
    expect(bare.statusCode).toBe(200);
    expect(bare.json()).toMatchObject({ accountId: user.account.id, grants: [], permissions: [] });
    await accounts.assignRole(world.ctx, user.account.id, 'teacher', world.schoolA1.id);
    expect(await permissions()).toEqual(['org.read']);
  });

  it('answers a wrong password, an unknown user and a disabled account alike', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const wrong = await login(officer.username, 'nope-nope-nope');
    const unknown = await login('nobody-here', 'nope-nope-nope');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('invalid_credentials');
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.cookies).toEqual([]);
  });

  it('ends every session and token of a disabled account, and refuses its sign-in', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    const created = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: session.headers,
      payload: { name: 'phone' },
    });
    const bearer = { authorization: `Bearer ${created.json().token}` };
    expect((await me(bearer)).statusCode).toBe(200);

    const disabled = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${teacher.account.id}`,
      headers: admin.headers,
      payload: { status: 'disabled' },
    });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json().status).toBe('disabled');
    expect((await me(session.headers)).statusCode).toBe(401);
    expect((await me(bearer)).statusCode).toBe(401);
    const refused = await login(teacher.username, teacher.password);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual((await login('nobody-at-all', teacher.password)).json());

    await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${teacher.account.id}`,
      headers: admin.headers,
      payload: { status: 'active' },
    });
    expect((await login(teacher.username, teacher.password)).statusCode).toBe(200);
    // Enabling the account again revives no token: they were revoked, and the audit record says so.
    expect((await me(bearer)).statusCode).toBe(401);
    const disabling = await getDb()
      .db.selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'account.status')
      .where('entity_id', '=', teacher.account.id)
      .orderBy('at')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(disabling.after_json!)).toEqual({ status: 'disabled', sessionsEnded: 1, tokensRevoked: 1 });
  });

  it('ends the session on logout, and only that one', async () => {
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const session = await signIn(app, leader.username, leader.password);
    const other = await signIn(app, leader.username, leader.password);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'pathway_session');
    expect(cleared?.value).toBe('');
    const after = await me(session.headers);
    expect(after.statusCode).toBe(401);
    expect((await me(other.headers)).statusCode).toBe(200);
  });

  it('says the session expired when it has', async () => {
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const session = await signIn(app, leader.username, leader.password);
    expect((await me(session.headers)).statusCode).toBe(200);
    await repo.setSessionsExpiry(getDb().db, world.ctx.tenantId, leader.account.id, '2000-01-01T00:00:00.000Z');
    for (let i = 0; i < 2; i++) {
      const res = await me(session.headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('session_expired');
    }
    const anonymous = await app.inject({ url: '/api/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('not_authenticated');
  });

  it('refuses writes that do not echo the CSRF token, and changes nothing', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const token = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: session.headers,
      payload: { name: 'kept' },
    });
    const attempts = [
      { method: 'PATCH', url: `/api/org-units/${world.schoolA1.id}`, payload: { name: { en: 'Forged' } } },
      { method: 'POST', url: '/api/me/tokens', payload: { name: 'forged' } },
      { method: 'DELETE', url: `/api/me/tokens/${token.json().id}` },
      { method: 'POST', url: '/api/me/password', payload: { currentPassword: officer.password, newPassword: 'x' } },
      { method: 'POST', url: '/api/people', payload: { not: 'even valid' } },
    ] as const;
    for (const attempt of attempts) {
      for (const headers of [{ cookie: session.cookie }, { cookie: session.cookie, 'x-csrf-token': 'forged' }]) {
        const res = await app.inject({ ...attempt, headers });
        expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
        expect(res.json().error.code).toBe('csrf_failed');
      }
    }
    const unit = await app.inject({ url: `/api/org-units/${world.schoolA1.id}`, headers: { cookie: session.cookie } });
    expect(unit.statusCode).toBe(200);
    expect(unit.json().name).toEqual({ en: 'School A1-1' });
    const tokens = (await app.inject({ url: '/api/me/tokens', headers: session.headers })).json().items;
    expect(tokens).toEqual([expect.objectContaining({ name: 'kept', revokedAt: null })]);
  });

  it('asks an anonymous caller to sign in before looking at what they send', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/people', payload: { not: 'even valid' } });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('not_authenticated');
  });

  it('keeps API routes that merely start like the docs page closed', async () => {
    const probe = await testApp(getDb());
    probe.get('/api/docsearch', async () => ({ secret: true }));
    try {
      const res = await probe.inject({ url: '/api/docsearch' });
      expect(res.statusCode).toBe(401);
    } finally {
      await probe.close();
    }
  });

  const throttleRow = (key: string) => repo.getThrottle(getDb().db, key);
  /** The time a throttle row holds an attempt back to passes (the tests keep no clock over HTTP). */
  const letDelayPass = (key: string) =>
    getDb().db.updateTable('login_throttle').set({ next_allowed_at: null }).where('key', '=', key).execute();

  it('refuses an address spraying many usernames once its failure budget is spent, and says how long', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const sprayer = '10.1.0.1';
    const codes: number[] = [];
    for (let i = 0; i < 120; i++) {
      // Known and unknown usernames alike; each is tried once, so no username's own delay applies.
      const name = i === 7 ? teacher.username : `sprayed-${i}`;
      codes.push((await login(name, 'Summer2024!', sprayer)).statusCode);
    }
    expect(codes.slice(0, throttle.ADDRESS_FAILURES)).toEqual(Array(throttle.ADDRESS_FAILURES).fill(401));
    expect(codes.slice(throttle.ADDRESS_FAILURES)).toEqual(Array(120 - throttle.ADDRESS_FAILURES).fill(429));

    const refused = await login(teacher.username, teacher.password, sprayer);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBe(refused.json().error.details.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(throttle.ADDRESS_WINDOW_MS / 1000);
    const row = await throttleRow(throttle.addressKey(sprayer));
    expect(row?.failures).toBe(throttle.ADDRESS_FAILURES);
    expect(Date.parse(row!.next_allowed_at!) - Date.parse(row!.window_start)).toBe(throttle.ADDRESS_WINDOW_MS);
    // Attempts refused at the address never reached the usernames.
    expect(await throttleRow(throttle.accountKey(`sprayed-${throttle.ADDRESS_FAILURES + 5}`))).toBeUndefined();
    // The user is not locked out elsewhere: one failure of theirs was counted, far from any delay.
    expect((await login(teacher.username, teacher.password, '10.1.0.2')).statusCode).toBe(200);
  });

  it('delays a username after five failures in a row from any address, then lets the rightful user in', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const key = throttle.accountKey(teacher.username);
    for (let i = 0; i < throttle.ACCOUNT_FREE_FAILURES; i++) {
      // Spelled differently each time: the delay counts the username, not the spelling.
      const name = i % 2 ? teacher.username.toUpperCase() : ` ${teacher.username}`;
      expect((await login(name, 'wrong-wrong-wrong', `10.2.0.${i + 1}`)).statusCode).toBe(401);
    }
    const row = await throttleRow(key);
    expect(row?.failures).toBe(throttle.ACCOUNT_FREE_FAILURES);
    expect(Date.parse(row!.next_allowed_at!) - Date.parse(row!.updated_at)).toBe(1000);

    // The rightful user at another address waits the current delay, not a fixed lockout.
    const held = await login(teacher.username, teacher.password, '10.2.0.100');
    expect(held.statusCode).toBe(429);
    expect(held.json().error).toMatchObject({ code: 'too_many_requests', details: { retryAfter: 1 } });
    expect(held.headers['retry-after']).toBe('1');
    // A refused attempt is not checked, so it neither counts nor moves the delay.
    expect(await throttleRow(key)).toEqual(row);

    await letDelayPass(key);
    expect((await login(teacher.username, teacher.password, '10.2.0.100')).statusCode).toBe(200);
    expect(await throttleRow(key)).toBeUndefined();
    // The count started again: the next mistakes are answered at once.
    expect((await login(teacher.username, 'wrong-wrong-wrong', '10.2.0.100')).statusCode).toBe(401);
    expect((await throttleRow(key))?.next_allowed_at).toBeNull();
  });

  it("keeps an address open to other users while one username is delayed, up to the address's budget", async () => {
    const shared = '10.3.0.1'; // a school's NAT
    const careless = await make.user(world.ctx, 'teacher', world.schoolA1);
    const colleague = await make.user(world.ctx, 'teacher', world.schoolA1);
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login(careless.username, 'wrong-wrong-wrong', shared)).statusCode);
    expect(codes).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
    // Only the five checked failures count against the address.
    expect((await throttleRow(throttle.addressKey(shared)))?.failures).toBe(5);
    expect((await login(colleague.username, colleague.password, shared)).statusCode).toBe(200);
    // A success is not a failure: the budget is as it was.
    expect((await throttleRow(throttle.addressKey(shared)))?.failures).toBe(5);

    for (let i = 5; i < throttle.ADDRESS_FAILURES; i++) {
      expect((await login(`mistyped-${i}`, 'wrong-wrong-wrong', shared)).statusCode).toBe(401);
    }
    expect((await login(colleague.username, colleague.password, shared)).statusCode).toBe(429);
    expect((await login(colleague.username, colleague.password, '10.3.0.2')).statusCode).toBe(200);
  });

  it('signs in a whole staff room at once from one address (a school behind NAT)', async () => {
    const staff = await Promise.all(Array.from({ length: 20 }, () => make.user(world.ctx, 'teacher', world.schoolA1)));
    const ip = '10.9.0.1';
    const all = await Promise.all(staff.map((u) => login(u.username, u.password, ip)));
    expect(all.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    // Every attempt was given back: the address's budget is whole.
    expect((await throttleRow(throttle.addressKey(ip)))?.failures).toBe(0);
  });

  it('lets only one of many simultaneous attempts through a free slot', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    for (let i = 1; i < throttle.ACCOUNT_FREE_FAILURES; i++) {
      await login(teacher.username, 'wrong-wrong-wrong', `10.8.0.${i}`);
    }
    // The fifth failure starts the delay: of six attempts at once from six addresses, one is checked.
    const burst = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((i) => login(teacher.username, 'wrong-wrong-wrong', `10.8.1.${i}`)),
    );
    expect(burst.map((r) => r.statusCode).sort()).toEqual([401, 429, 429, 429, 429, 429]);
    expect((await throttleRow(throttle.accountKey(teacher.username)))?.failures).toBe(throttle.ACCOUNT_FREE_FAILURES);

    const ip = '10.8.2.1';
    for (let i = 1; i < throttle.ADDRESS_FAILURES; i++) await login(`crowd-${i}`, 'wrong-wrong-wrong', ip);
    const last = await Promise.all([1, 2, 3, 4, 5].map((i) => login(`crowd-last-${i}`, 'wrong-wrong-wrong', ip)));
    expect(last.map((r) => r.statusCode).sort()).toEqual([401, 429, 429, 429, 429]);
    expect((await throttleRow(throttle.addressKey(ip)))?.failures).toBe(throttle.ADDRESS_FAILURES);
  });

  it('answers throttled known and unknown usernames alike, and keeps the same count for both', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const unknown = 'nobody-by-this-name';
    for (const name of [teacher.username, unknown]) {
      for (let i = 0; i < throttle.ACCOUNT_FREE_FAILURES; i++)
        await login(name, 'wrong-wrong-wrong', `10.4.0.${i + 1}`);
    }
    const known = await login(teacher.username, 'wrong-wrong-wrong', '10.4.0.9');
    const stranger = await login(unknown, 'wrong-wrong-wrong', '10.4.0.9');
    expect(known.statusCode).toBe(429);
    expect(known.json()).toEqual(stranger.json());
    const [a, b] = await Promise.all([teacher.username, unknown].map((n) => throttleRow(throttle.accountKey(n))));
    expect(a?.failures).toBe(b?.failures);
  });

  describe('the delay over time (service, with a clock)', () => {
    const base = () => ({ db: getDb().db, dialect: getDb().dialect, requestId: null });
    const attempt = (username: string, password: string, ip: string, at: Date) =>
      accounts.login(base(), username, password, { ip, at }).then(
        () => 'signed in',
        (e: AppError) => (e.code === 'too_many_requests' ? { wait: e.details?.retryAfter } : e.code),
      );

    it('grows 1 s, 2 s, 4 s ... up to five minutes, and a success resets it', async () => {
      const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
      const key = throttle.accountKey(teacher.username);
      let at = new Date('2030-01-01T00:00:00.000Z');
      const delays: number[] = [];
      for (let i = 0; i < 16; i++) {
        // Each from a new address, so only the username's own delay is at work.
        expect(await attempt(teacher.username, 'wrong-wrong-wrong', `10.5.0.${i}`, at)).toBe('invalid_credentials');
        const row = await throttleRow(key);
        const next = row?.next_allowed_at ? Date.parse(row.next_allowed_at) : at.getTime();
        delays.push((next - at.getTime()) / 1000);
        if (next > at.getTime()) {
          // A moment before the delay ends the attempt is refused unchecked, even with the right password.
          const early = new Date(next - 1);
          expect(await attempt(teacher.username, teacher.password, '10.5.1.1', early)).toEqual({ wait: 1 });
        }
        at = new Date(next);
      }
      expect(delays).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
      expect(await attempt(teacher.username, teacher.password, '10.5.1.1', at)).toBe('signed in');
      expect(await throttleRow(key)).toBeUndefined();
    });

    it("forgets a username's failures a day after the last one", async () => {
      const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
      const start = Date.parse('2030-02-01T00:00:00.000Z');
      for (let i = 0; i < 8; i++) {
        await attempt(teacher.username, 'wrong-wrong-wrong', `10.6.0.${i}`, new Date(start + i * 600_000));
      }
      const row = await throttleRow(throttle.accountKey(teacher.username));
      const dayLater = new Date(Date.parse(row!.updated_at) + throttle.FORGET_AFTER_MS + 1);
      expect(await attempt(teacher.username, 'wrong-wrong-wrong', '10.6.1.1', dayLater)).toBe('invalid_credentials');
      expect((await throttleRow(throttle.accountKey(teacher.username)))?.failures).toBe(1);
    });

    it('opens an address again when its window ends', async () => {
      const ip = '10.7.0.1';
      const start = Date.parse('2030-03-01T00:00:00.000Z');
      for (let i = 0; i < throttle.ADDRESS_FAILURES; i++) {
        expect(await attempt(`guess-${i}`, 'wrong-wrong-wrong', ip, new Date(start + i))).toBe('invalid_credentials');
      }
      const closed = await attempt('guess-x', 'wrong-wrong-wrong', ip, new Date(start + 60_000));
      expect(closed).toEqual({ wait: throttle.ADDRESS_WINDOW_MS / 1000 - 60 });
      const reopened = new Date(start + throttle.ADDRESS_WINDOW_MS);
      expect(await attempt('guess-y', 'wrong-wrong-wrong', ip, reopened)).toBe('invalid_credentials');
      expect((await throttleRow(throttle.addressKey(ip)))?.failures).toBe(1);
    });
  });

  it('changes a password: checks the current one, keeps this session, ends the others and the tokens', async () => {
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const here = await signIn(app, leader.username, leader.password);
    const elsewhere = await signIn(app, leader.username, leader.password);
    const bearer = await newToken(here);
    const change = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/me/password', headers: here.headers, payload });
    const wrong = await change({ currentPassword: 'not-it-at-all', newPassword: 'a-brand-new-password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', details: { field: 'currentPassword' } });
    const short = await change({ currentPassword: leader.password, newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.code).toBe('validation_failed');
    expect(short.json().error.details.issues.map((i: { path: string }) => i.path)).toEqual(['body.newPassword']);
    // Neither refusal ended a session or a token, or changed the password.
    expect((await me(elsewhere.headers)).statusCode).toBe(200);
    expect((await me(bearer)).statusCode).toBe(200);
    const third = await signIn(app, leader.username, leader.password);

    const ok = await change({ currentPassword: leader.password, newPassword: 'a-brand-new-password' });
    expect(ok.statusCode).toBe(204);
    expect((await me(here.headers)).statusCode).toBe(200);
    expect((await me(elsewhere.headers)).statusCode).toBe(401);
    expect((await me(third.headers)).statusCode).toBe(401);
    const old = await me(bearer);
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('not_authenticated');
    const [token] = (await app.inject({ url: '/api/me/tokens', headers: here.headers })).json().items;
    expect(token.revokedAt).toEqual(expect.any(String));
    expect(await auditOf('account.change_password', leader.account.id)).toEqual({
      sessionsEnded: 2,
      tokensRevoked: 1,
      tokensKept: false,
    });
    expect((await login(leader.username, leader.password)).statusCode).toBe(401);
    expect((await login(leader.username, 'a-brand-new-password')).statusCode).toBe(200);
  });

  it('keeps the API tokens through a password change when asked, and still ends the other sessions', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const here = await signIn(app, officer.username, officer.password);
    const elsewhere = await signIn(app, officer.username, officer.password);
    const bearer = await newToken(here, 'EMIS sync');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: here.headers,
      payload: { currentPassword: officer.password, newPassword: 'another-new-password', keepTokens: true },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(bearer)).statusCode).toBe(200);
    expect((await me(here.headers)).statusCode).toBe(200);
    expect((await me(elsewhere.headers)).statusCode).toBe(401);
    expect(await auditOf('account.change_password', officer.account.id)).toEqual({
      sessionsEnded: 1,
      tokensRevoked: 0,
      tokensKept: true,
    });
    // A token still cannot change the password, keepTokens or not.
    const byToken = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: bearer,
      payload: { currentPassword: 'another-new-password', newPassword: 'yet-another-password', keepTokens: true },
    });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('session_required');
  });

  it('issues API tokens that act with the account scope, need no CSRF, and stop when revoked', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const created = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: session.headers,
      payload: { name: 'EMIS sync' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^pw_[\w-]{40,}$/);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await me(bearer)).json()).toMatchObject({ accountId: officer.account.id, csrfToken: null });

    const write = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolA1b.id}`,
      headers: bearer,
      payload: { locality: 'rural' },
    });
    expect(write.statusCode).toBe(200);
    expect((await app.inject({ url: `/api/org-units/${world.schoolB1.id}`, headers: bearer })).statusCode).toBe(404);
    const outside = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolB1.id}`,
      headers: bearer,
      payload: { locality: 'rural' },
    });
    expect(outside.statusCode).toBe(404);
    expect((await app.inject({ url: '/api/accounts', headers: bearer })).statusCode).toBe(403);
    // A token cannot mint another: revoking a leaked token must end the leak.
    const minted = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: bearer, payload: { name: 'x' } });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.code).toBe('session_required');
    expect((await app.inject({ url: '/api/audit', headers: bearer })).statusCode).toBe(403);

    const list = await app.inject({ url: '/api/me/tokens', headers: bearer });
    expect(list.json().items).toEqual([
      { id, name: 'EMIS sync', createdAt: expect.any(String), lastUsedAt: expect.any(String), revokedAt: null },
    ]);
    expect(list.body).not.toContain(token.slice(3));

    const stranger = await make.user(world.ctx, 'district_officer', world.districtA1);
    const strangerSession = await signIn(app, stranger.username, stranger.password);
    const hijack = await app.inject({
      method: 'DELETE',
      url: `/api/me/tokens/${id}`,
      headers: strangerSession.headers,
    });
    expect(hijack.statusCode).toBe(404);
    expect((await me(bearer)).statusCode).toBe(200);

    const revoked = await app.inject({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: session.headers });
    expect(revoked.statusCode).toBe(204);
    const gone = await me(bearer);
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('not_authenticated');
    const [row] = (await app.inject({ url: '/api/me/tokens', headers: session.headers })).json().items;
    expect(row.revokedAt).toEqual(expect.any(String));
    await app.inject({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: session.headers });
    const [again] = (await app.inject({ url: '/api/me/tokens', headers: session.headers })).json().items;
    expect(again.revokedAt).toBe(row.revokedAt);
    expect((await me({ authorization: 'Bearer pw_made-up' })).statusCode).toBe(401);
  });

  it('remembers the language chosen', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    expect((await me(session.headers)).json().locale).toBe('en');
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: session.headers,
      payload: { locale: 'ne' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().locale).toBe('ne');
    const again = await signIn(app, teacher.username, teacher.password);
    expect((await me(again.headers)).json().locale).toBe('ne');
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: session.headers,
      payload: { locale: 'klingon' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.locale');
    expect((await me(again.headers)).json().locale).toBe('ne');
  });

  it('lets an administrator create accounts and assign roles in their district only', async () => {
    const local = await make.person(world.ctx, world.schoolA1);
    const outside = await make.person(world.ctx, world.schoolB1);
    const create = (payload: object) =>
      app.inject({ method: 'POST', url: '/api/accounts', headers: admin.headers, payload });
    const username = `local-${local.id.slice(-6)}`;

    const intoForeignUnit = await create({
      personId: local.id,
      username,
      password: 'long-enough-1',
      roles: [{ role: 'teacher', orgUnitId: world.schoolB1.id }],
    });
    expect(intoForeignUnit.statusCode).toBe(404);
    expect((await login(username, 'long-enough-1')).statusCode).toBe(401);

    const created = await create({
      personId: local.id,
      username,
      password: 'long-enough-1',
      roles: [{ role: 'teacher', orgUnitId: world.schoolA1.id }],
    });
    expect(created.statusCode).toBe(201);
    const accountId = created.json().id;
    expect(created.json().grants).toEqual([expect.objectContaining({ role: 'teacher', orgUnitId: world.schoolA1.id })]);

    const assigned = await app.inject({
      method: 'POST',
      url: `/api/accounts/${accountId}/roles`,
      headers: admin.headers,
      payload: { role: 'school_leader', orgUnitId: world.schoolA1.id },
    });
    expect(assigned.statusCode).toBe(201);
    const read = await app.inject({ url: `/api/accounts/${accountId}`, headers: admin.headers });
    expect(read.statusCode).toBe(200);
    expect(
      read
        .json()
        .grants.map((g: { role: string }) => g.role)
        .sort(),
    ).toEqual(['school_leader', 'teacher']);
    const listed = (await app.inject({ url: '/api/accounts?limit=200', headers: admin.headers })).json().items;
    expect(listed.map((a: { id: string }) => a.id)).toContain(accountId);

    const taken = await create({
      personId: local.id,
      username: ` ${username.toUpperCase()}`,
      password: 'long-enough-1',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'username_taken', details: { field: 'username' } });

    const foreignPerson = await create({ personId: outside.id, username: 'outsider-1', password: 'long-enough-1' });
    expect(foreignPerson.statusCode).toBe(404);
    expect(foreignPerson.json().error.code).toBe('person_not_found');
    for (const unit of [world.nation, world.schoolB1]) {
      const foreignRole = await app.inject({
        method: 'POST',
        url: `/api/accounts/${accountId}/roles`,
        headers: admin.headers,
        payload: { role: 'admin', orgUnitId: unit.id },
      });
      expect(foreignRole.statusCode).toBe(404);
      expect(foreignRole.json().error.code).toBe('org_unit_not_found');
    }

    // The user's rights follow their roles from the next request on.
    const user = await signIn(app, username, 'long-enough-1');
    expect((await me(user.headers)).json().permissions).toContain('people.read');
    const leaderGrant = read.json().grants.find((g: { role: string }) => g.role === 'school_leader');
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/accounts/${accountId}/roles/${leaderGrant.id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json().grants).toEqual([expect.objectContaining({ role: 'teacher' })]);
    expect(
      (await app.inject({ url: `/api/accounts/${accountId}`, headers: admin.headers })).json().grants,
    ).toHaveLength(1);
    expect((await me(user.headers)).json().permissions).toEqual(['org.read']);
    expect((await app.inject({ url: '/api/people', headers: user.headers })).statusCode).toBe(403);
  });

  it('does not let a district administrator lock out someone whose roles reach beyond the district', async () => {
    const seconded = await make.person(world.ctx, world.schoolA1, { category: 'officer' });
    const nationalAdmin = await make.user(world.ctx, 'admin', world.nation);
    const top = await signIn(app, nationalAdmin.username, nationalAdmin.password);
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: top.headers,
      payload: {
        personId: seconded.id,
        username: `seconded-${seconded.id.slice(-6)}`,
        password: 'long-enough-1',
        roles: [{ role: 'ministry_officer', orgUnitId: world.nation.id }],
      },
    });
    expect(created.statusCode).toBe(201);
    const accountId = created.json().id;
    const visible = await app.inject({ url: `/api/accounts/${accountId}`, headers: admin.headers });
    expect(visible.statusCode).toBe(200);
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${accountId}`,
      headers: admin.headers,
      payload: { status: 'disabled' },
    });
    expect(disable.statusCode).toBe(403);
    expect(disable.json().error.code).toBe('forbidden');
    expect((await login(created.json().username, 'long-enough-1')).statusCode).toBe(200);
    const byTop = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${accountId}`,
      headers: top.headers,
      payload: { status: 'disabled' },
    });
    expect(byTop.statusCode).toBe(200);
  });

  it("hides another district's accounts from a district administrator", async () => {
    const far = await make.user(world.ctx, 'teacher', world.schoolB1);
    const read = await app.inject({ url: `/api/accounts/${far.account.id}`, headers: admin.headers });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('account_not_found');
    const disable = await app.inject({
      method: 'PATCH',
      url: `/api/accounts/${far.account.id}`,
      headers: admin.headers,
      payload: { status: 'disabled' },
    });
    expect(disable.statusCode).toBe(404);
    expect((await login(far.username, far.password)).statusCode).toBe(200);
    const listed = (await app.inject({ url: '/api/accounts?limit=200', headers: admin.headers })).json().items;
    expect(listed.map((a: { id: string }) => a.id)).not.toContain(far.account.id);
    const byUnit = await app.inject({ url: `/api/accounts?unitId=${world.schoolB1.id}`, headers: admin.headers });
    expect(byUnit.statusCode).toBe(404);
  });

  it('refuses account administration to a role that has it nowhere, whatever the account', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const colleague = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    const attempts = [
      { method: 'GET', url: '/api/accounts' },
      { method: 'GET', url: `/api/accounts/${colleague.account.id}` },
      { method: 'GET', url: `/api/accounts/${teacher.account.id}` },
      { method: 'GET', url: '/api/accounts/no-such-account' },
      { method: 'PATCH', url: `/api/accounts/${colleague.account.id}`, payload: { status: 'disabled' } },
      {
        method: 'POST',
        url: `/api/accounts/${teacher.account.id}/roles`,
        payload: { role: 'admin', orgUnitId: world.schoolA1.id },
      },
      {
        method: 'POST',
        url: '/api/accounts',
        payload: { personId: colleague.person.id, username: 'sneaky-1', password: 'long-enough-1' },
      },
    ] as const;
    for (const attempt of attempts) {
      const res = await app.inject({ ...attempt, headers: session.headers });
      expect(res.statusCode, `${attempt.method} ${attempt.url}`).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    }
    expect((await login(colleague.username, colleague.password)).statusCode).toBe(200);
    expect((await me(session.headers)).json().permissions).toEqual(['org.read']);
  });

  it('answers 409, not 500, when two administrators take the same username at once', async () => {
    const [first, second] = await Promise.all([
      make.person(world.ctx, world.schoolA1),
      make.person(world.ctx, world.schoolA1),
    ]);
    const results = await Promise.all(
      [first, second].map((p) =>
        app.inject({
          method: 'POST',
          url: '/api/accounts',
          headers: admin.headers,
          payload: { personId: p!.id, username: 'same-moment', password: 'long-enough-1' },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
