import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { signIn, type TestApp, testApp } from '../../../../test/http.ts';

describeOnEachDatabase('audit log', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
  });
  afterAll(() => app.close());

  it('records who changed what, before and after, with the request id', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolA1.id}`,
      headers: { ...session.headers, 'x-request-id': 'req-audit-1' },
      payload: { locality: 'urban' },
    });
    expect(res.headers['x-request-id']).toBe('req-audit-1');
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    const reader = await signIn(app, ministry.username, ministry.password);
    const log = await app.inject({
      url: `/api/audit?entityType=org_unit&entityId=${world.schoolA1.id}`,
      headers: reader.headers,
    });
    expect(log.statusCode).toBe(200);
    const [latest] = log.json().items;
    expect(latest).toMatchObject({
      action: 'org_unit.update',
      actorAccountId: officer.account.id,
      requestId: 'req-audit-1',
      before: expect.objectContaining({ locality: null }),
      after: expect.objectContaining({ locality: 'urban' }),
    });
  });

  it('is append-only: the API offers no way to change or delete it', async () => {
    const admin = await make.user(world.ctx, 'admin', world.nation);
    const session = await signIn(app, admin.username, admin.password);
    const [entry] = (await app.inject({ url: '/api/audit?limit=1', headers: session.headers })).json().items;
    for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
      const res = await app.inject({ method, url: `/api/audit/${entry.id}`, headers: session.headers, payload: {} });
      expect(res.statusCode).toBe(404);
    }
  });

  it('is readable only with audit.read at the top of the tree', async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    expect((await app.inject({ url: '/api/audit', headers: session.headers })).statusCode).toBe(403);
  });
});
