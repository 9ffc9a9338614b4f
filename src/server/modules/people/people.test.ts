import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as people from './people.service.ts';

describeOnEachDatabase('people', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let officer: Session;
  const ids: string[] = [];

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    for (let i = 0; i < 7; i++) {
      const p = await make.person(world.ctx, i % 2 ? world.schoolA1 : world.schoolA1b, {
        familyName: `Shrestha${i}`,
        sex: i % 3 === 0 ? 'male' : 'female',
        subjects: i < 3 ? ['ict'] : ['mathematics'],
      });
      ids.push(p.id);
    }
    await make.person(world.ctx, world.schoolB1, { familyName: 'Shrestha-Far', nationalId: 'FAR-1' });
    const user = await make.user(world.ctx, 'district_officer', world.districtA1);
    officer = await signIn(app, user.username, user.password);
  });
  afterAll(() => app.close());

  const list = async (query: string, session = officer) => {
    const res = await app.inject({ url: `/api/people?${query}`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    return res.json() as { items: { id: string; familyName: string; nationalId: string }[]; nextCursor: string | null };
  };

  it("never shows a district officer another district's people, by list, search or id", async () => {
    const all = await list('limit=200');
    expect(all.items.map((p) => p.familyName)).not.toContain('Shrestha-Far');
    expect((await list('q=shrestha-far')).items).toEqual([]);
    expect((await list('q=FAR-1')).items).toEqual([]);
    const far = await people.findByNationalId(world.ctx, 'FAR-1');
    expect((await app.inject({ url: `/api/people/${far.id}`, headers: officer.headers })).statusCode).toBe(404);
    const update = await app.inject({
      method: 'PATCH',
      url: `/api/people/${far.id}`,
      headers: officer.headers,
      payload: { familyName: 'Taken' },
    });
    expect(update.statusCode).toBe(404);
    expect((await people.findByNationalId(world.ctx, 'FAR-1')).family_name).toBe('Shrestha-Far');
  });

  it('filters by role, subject and sex', async () => {
    expect((await list('subject=ict&limit=200')).items).toHaveLength(3);
    const males = await list('sex=male&category=teacher&limit=200');
    expect(males.items).toHaveLength(3);
    expect((await list('category=trainer')).items).toEqual([]);
  });

  it('pages through everyone exactly once, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual((await list('limit=200')).items.map((p) => p.id));
    const forged = await app.inject({ url: '/api/people?cursor=bm9wZQ', headers: officer.headers });
    expect(forged.statusCode).toBe(400);
    expect(forged.json().error.details.issues[0].path).toBe('query.cursor');
  });

  it('lets a teacher read their own record but not a colleague', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    expect((await app.inject({ url: `/api/people/${teacher.person.id}`, headers: session.headers })).statusCode).toBe(
      200,
    );
    expect((await app.inject({ url: `/api/people/${ids[1]}`, headers: session.headers })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/people', headers: session.headers })).statusCode).toBe(403);
  });

  it('keeps teacher counts true through a create and a move between schools', async () => {
    const count = async (unitId: string) =>
      (await app.inject({ url: `/api/org-units/${unitId}`, headers: officer.headers })).json().teachersUnder;
    const before = {
      a: await count(world.schoolA1.id),
      b: await count(world.schoolA1b.id),
      d: await count(world.districtA1.id),
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: officer.headers,
      payload: {
        orgUnitId: world.schoolA1.id,
        category: 'teacher',
        givenName: 'Nodira',
        familyName: 'Yusupova',
        nationalId: 'UZ-77',
      },
    });
    expect(created.statusCode).toBe(201);
    expect(await count(world.schoolA1.id)).toBe(before.a + 1);
    await app.inject({
      method: 'PATCH',
      url: `/api/people/${created.json().id}`,
      headers: officer.headers,
      payload: { orgUnitId: world.schoolA1b.id },
    });
    expect(await count(world.schoolA1.id)).toBe(before.a);
    expect(await count(world.schoolA1b.id)).toBe(before.b + 1);
    expect(await count(world.districtA1.id)).toBe(before.d + 1);
    const twin = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: officer.headers,
      payload: {
        orgUnitId: world.schoolA1.id,
        category: 'teacher',
        givenName: 'Twin',
        familyName: 'Yusupova',
        nationalId: 'UZ-77',
      },
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error).toMatchObject({ code: 'duplicate_external_id', details: { field: 'nationalId' } });
  });

  it("hides another tenant's people", async () => {
    const other = await make.tenant(getDb());
    const stranger = await make.person(other.ctx, other.nation);
    expect((await app.inject({ url: `/api/people/${stranger.id}`, headers: officer.headers })).statusCode).toBe(404);
  });
});
