import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';

describeOnEachDatabase('accounts and sessions', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
  });
  afterAll(() => app.close());

  it('signs in with an HTTP-only, SameSite=Lax cookie and answers who the user is', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: officer.username, password: officer.password },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'pathway_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = res.json();
    expect(me.csrfToken).toEqual(expect.any(String));
    expect(me.permissions).toEqual(expect.arrayContaining(['org.read', 'people.write', 'import.run']));
    expect(me.permissions).not.toContain('accounts.manage');
    expect(me.grants).toEqual([
      expect.objectContaining({ role: 'district_officer', orgUnitId: world.districtA1.id, orgUnitName: 'District A1' }),
    ]);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: officer.username, password: 'nope-nope-nope' },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody-here', password: 'nope-nope-nope' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('invalid_credentials');
  });

  it('refuses writes that do not echo the CSRF token, and changes nothing', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    for (const headers of [{ cookie: session.cookie }, { cookie: session.cookie, 'x-csrf-token': 'forged' }]) {
      const res = await app.inject({
        method: 'PATCH',
        url: `/api/org-units/${world.schoolA1.id}`,
        headers,
        payload: { name: { en: 'Forged' } },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('csrf_failed');
    }
    const unit = await app.inject({ url: `/api/org-units/${world.schoolA1.id}`, headers: session.headers });
    expect(unit.json().name).toEqual({ en: 'School A1-1' });
  });

  it('ends the session on logout', async () => {
    const officer = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const session = await signIn(app, officer.username, officer.password);
    const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ url: '/api/me', headers: session.headers });
    expect(me.statusCode).toBe(401);
  });

  it('says the session expired when it has', async () => {
    const officer = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const session = await signIn(app, officer.username, officer.password);
    await getDb()
      .db.updateTable('session')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('account_id', '=', officer.account.id)
      .execute();
    const me = await app.inject({ url: '/api/me', headers: session.headers });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('session_expired');
    const anonymous = await app.inject({ url: '/api/me' });
    expect(anonymous.json().error.code).toBe('not_authenticated');
  });

  it('rate-limits sign-in attempts for one username', async () => {
    const officer = await make.user(world.ctx, 'teacher', world.schoolA1);
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: officer.username, password: 'wrong-wrong-wrong' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes[10]).toBe(429);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: officer.username, password: officer.password },
    });
    expect(res.json().error.code).toBe('too_many_requests');
  });

  it('changes a password: checks the current one, keeps this session, ends the others', async () => {
    const officer = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const here = await signIn(app, officer.username, officer.password);
    const elsewhere = await signIn(app, officer.username, officer.password);
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: here.headers,
      payload: { currentPassword: 'not-it-at-all', newPassword: 'a-brand-new-password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'invalid_credentials', details: { field: 'currentPassword' } });
    const short = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: here.headers,
      payload: { currentPassword: officer.password, newPassword: 'short' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.issues[0].path).toBe('body.newPassword');
    const ok = await app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: here.headers,
      payload: { currentPassword: officer.password, newPassword: 'a-brand-new-password' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/me', headers: here.headers })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/me', headers: elsewhere.headers })).statusCode).toBe(401);
    await expect(signIn(app, officer.username, 'a-brand-new-password')).resolves.toBeTruthy();
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
    expect(token).toMatch(/^pw_/);
    const bearer = { authorization: `Bearer ${token}` };
    const write = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolA1b.id}`,
      headers: bearer,
      payload: { locality: 'rural' },
    });
    expect(write.statusCode).toBe(200);
    expect((await app.inject({ url: `/api/org-units/${world.schoolB1.id}`, headers: bearer })).statusCode).toBe(404);
    const list = await app.inject({ url: '/api/me/tokens', headers: session.headers });
    expect(JSON.stringify(list.json())).not.toContain(token);
    await app.inject({ method: 'DELETE', url: `/api/me/tokens/${id}`, headers: session.headers });
    expect((await app.inject({ url: '/api/me', headers: bearer })).statusCode).toBe(401);
  });

  it('remembers the language chosen', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    const res = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: session.headers,
      payload: { locale: 'ne' },
    });
    expect(res.json().locale).toBe('ne');
    const again = await signIn(app, teacher.username, teacher.password);
    expect((await app.inject({ url: '/api/me', headers: again.headers })).json().locale).toBe('ne');
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: session.headers,
      payload: { locale: 'klingon' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('lets an administrator manage accounts in their subtree only', async () => {
    const admin = await make.user(world.ctx, 'admin', world.districtA1);
    const session: Session = await signIn(app, admin.username, admin.password);
    const local = await make.person(world.ctx, world.schoolA1);
    const outside = await make.person(world.ctx, world.schoolB1);
    const created = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: session.headers,
      payload: {
        personId: local.id,
        username: `local-${local.id.slice(-6)}`,
        password: 'long-enough-1',
        roles: [{ role: 'teacher', orgUnitId: world.schoolA1.id }],
      },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().grants).toEqual([expect.objectContaining({ role: 'teacher', orgUnitId: world.schoolA1.id })]);
    const taken = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: session.headers,
      payload: { personId: local.id, username: created.json().username, password: 'long-enough-1' },
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'username_taken', details: { field: 'username' } });
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: session.headers,
      payload: { personId: outside.id, username: 'outsider-1', password: 'long-enough-1' },
    });
    expect(foreign.statusCode).toBe(404);
    const foreignRole = await app.inject({
      method: 'POST',
      url: `/api/accounts/${created.json().id}/roles`,
      headers: session.headers,
      payload: { role: 'admin', orgUnitId: world.nation.id },
    });
    expect(foreignRole.statusCode).toBe(404);
    const grantId = created.json().grants[0].id;
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/accounts/${created.json().id}/roles/${grantId}`,
      headers: session.headers,
    });
    expect(removed.json().grants).toEqual([]);
  });

  it('refuses account administration to a role without it', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    const res = await app.inject({ url: '/api/accounts', headers: session.headers });
    expect(res.statusCode).toBe(403);
  });
});
