import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as org from '../org/org.service.ts';
import * as people from './people.service.ts';

interface Item {
  id: string;
  orgUnitId: string;
  familyName: string;
  givenName: string;
  nationalId: string | null;
  category: string;
  sex: string | null;
  subjects: string[];
}

describeOnEachDatabase('people', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let officer: Session;
  let officerUser: Awaited<ReturnType<typeof make.user>>;
  const ids: string[] = [];
  let far: Awaited<ReturnType<typeof make.person>>;

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
    await make.person(world.ctx, world.schoolA1, { category: 'trainer', familyName: 'Trainer', sex: 'male' });
    far = await make.person(world.ctx, world.schoolB1, {
      familyName: 'Shrestha-Far',
      nationalId: 'FAR-1',
      sex: 'male',
      subjects: ['ict'],
    });
    officerUser = await make.user(world.ctx, 'district_officer', world.districtA1);
    officer = await signIn(app, officerUser.username, officerUser.password);
  });
  afterAll(() => app.close());

  const list = async (query: string, session = officer) => {
    const res = await app.inject({ url: `/api/people?${query}`, headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[]; nextCursor: string | null };
  };
  const names = (page: { items: Item[] }) => page.items.map((p) => p.familyName).sort();

  it("never shows a district officer another district's people, by list, search or id", async () => {
    const all = await list('limit=200');
    expect(all.items.map((p) => p.id)).toEqual(expect.arrayContaining(ids));
    expect(all.items.map((p) => p.id)).not.toContain(far.id);
    // The same searches do find people in the district: an empty answer is the scope, not a broken search.
    expect(names(await list('q=shrestha&limit=200'))).toEqual(ids.map((_, i) => `Shrestha${i}`).sort());
    expect(names(await list('q=Shrestha3'))).toEqual(['Shrestha3']);
    const local = (await list('limit=200')).items.find((p) => p.id === ids[2])!;
    expect((await list(`q=${local.nationalId}`)).items.map((p) => p.id)).toEqual([ids[2]]);
    expect((await list('q=shrestha-far')).items).toEqual([]);
    expect((await list('q=FAR-1')).items).toEqual([]);
    const inSchool = await list(`unitId=${world.schoolA1.id}&limit=200`);
    expect(names(inSchool)).toEqual(['Shrestha1', 'Shrestha3', 'Shrestha5', 'Trainer']);
    expect(new Set(inSchool.items.map((p) => p.orgUnitId))).toEqual(new Set([world.schoolA1.id]));
    const byUnit = await app.inject({ url: `/api/people?unitId=${world.schoolB1.id}`, headers: officer.headers });
    expect(byUnit.statusCode).toBe(404);

    const read = await app.inject({ url: `/api/people/${far.id}`, headers: officer.headers });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('person_not_found');
    const sameAsMissing = await app.inject({ url: '/api/people/no-such-person', headers: officer.headers });
    expect(sameAsMissing.statusCode).toBe(404);
    await expect(people.getPerson(officerUser.ctx, far.id)).rejects.toMatchObject({ code: 'person_not_found' });
    await expect(people.findByNationalId(officerUser.ctx, 'FAR-1')).rejects.toMatchObject({
      code: 'person_not_found',
    });
  });

  it('refuses to change a person in another district, and changes nothing', async () => {
    const update = await app.inject({
      method: 'PATCH',
      url: `/api/people/${far.id}`,
      headers: officer.headers,
      payload: { familyName: 'Taken' },
    });
    expect(update.statusCode).toBe(404);
    expect(update.json().error.code).toBe('person_not_found');
    const pull = await app.inject({
      method: 'PATCH',
      url: `/api/people/${far.id}`,
      headers: officer.headers,
      payload: { orgUnitId: world.schoolA1.id },
    });
    expect(pull.statusCode).toBe(404);
    await expect(people.updatePerson(officerUser.ctx, far.id, { familyName: 'Taken' })).rejects.toMatchObject({
      code: 'person_not_found',
    });
    const unchanged = await people.getPerson(world.ctx, far.id);
    expect(unchanged).toMatchObject({ familyName: 'Shrestha-Far', orgUnitId: world.schoolB1.id });
    expect(unchanged.updatedAt).toBe(far.updatedAt);
  });

  it('filters by category, subject and sex', async () => {
    const ict = await list('subject=ict&limit=200');
    expect(names(ict)).toEqual(['Shrestha0', 'Shrestha1', 'Shrestha2']);
    expect(ict.items.every((p) => p.subjects.includes('ict'))).toBe(true);
    const males = await list('sex=male&category=teacher&limit=200');
    expect(names(males)).toEqual(['Shrestha0', 'Shrestha3', 'Shrestha6']);
    const femaleMaths = await list('sex=female&subject=mathematics&limit=200');
    expect(names(femaleMaths)).toEqual(['Shrestha4', 'Shrestha5']);
    expect(names(await list('category=trainer'))).toEqual(['Trainer']);
    expect((await list('category=assessor')).items).toEqual([]);
    // A subject is matched whole, not as a part of another.
    expect((await list('subject=ic')).items).toEqual([]);
    // Wildcard characters in a subject are literal, not patterns.
    expect((await list('subject=%25')).items).toEqual([]);
    expect((await list('subject=i_t')).items).toEqual([]);
    const bad = await app.inject({ url: '/api/people?sex=unknown', headers: officer.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('query.sex');
  });

  it('pages through everyone exactly once in a stable order, and refuses a forged cursor', async () => {
    const everyone = (await list('limit=200')).items.map((p) => p.id);
    expect(everyone.length).toBeGreaterThanOrEqual(9);
    for (const size of [1, 2, 3]) {
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await list(`limit=${size}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(size);
        seen.push(...page.items.map((p) => p.id));
        cursor = page.nextCursor;
      }
      expect(seen).toEqual(everyone);
    }
    expect((await list('limit=200')).items.map((p) => p.id)).toEqual(everyone);
    const filtered: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`subject=mathematics&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      filtered.push(...page.items.map((p) => p.familyName));
      cursor = page.nextCursor;
    }
    expect(filtered.sort()).toEqual(['Shrestha3', 'Shrestha4', 'Shrestha5', 'Shrestha6']);

    for (const forgedCursor of ['bm9wZQ', Buffer.from('{"a":1}').toString('base64url'), 'not base64 at all!']) {
      const forged = await app.inject({
        url: `/api/people?cursor=${encodeURIComponent(forgedCursor)}`,
        headers: officer.headers,
      });
      expect(forged.statusCode).toBe(400);
      expect(forged.json().error.code).toBe('validation_failed');
      expect(forged.json().error.details.issues[0].path).toBe('query.cursor');
    }
  });

  it('lets a teacher read their own record but not a colleague', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    const own = await app.inject({ url: `/api/people/${teacher.person.id}`, headers: session.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ id: teacher.person.id, orgUnit: { id: world.schoolA1.id } });
    const colleague = await app.inject({ url: `/api/people/${ids[1]}`, headers: session.headers });
    expect(colleague.statusCode).toBe(404);
    expect(colleague.json().error.code).toBe('person_not_found');
    const listing = await app.inject({ url: '/api/people', headers: session.headers });
    expect(listing.statusCode).toBe(403);
    expect(listing.json().error.code).toBe('forbidden');
    const create = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: session.headers,
      payload: { orgUnitId: world.schoolA1.id, category: 'teacher', givenName: 'New', familyName: 'Colleague' },
    });
    expect(create.statusCode).toBe(403);
    const update = await app.inject({
      method: 'PATCH',
      url: `/api/people/${ids[1]}`,
      headers: session.headers,
      payload: { familyName: 'X' },
    });
    expect(update.statusCode).toBe(403);
  });

  it('creates and updates people in scope, and keeps teacher counts true through a create and a move', async () => {
    const count = async (unitId: string) =>
      (await app.inject({ url: `/api/org-units/${unitId}`, headers: officer.headers })).json().teachersUnder;
    const before = {
      a: await count(world.schoolA1.id),
      b: await count(world.schoolA1b.id),
      d: await count(world.districtA1.id),
      far: (await org.getUnit(world.ctx, world.schoolB1.id)).teachersUnder,
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
        subjects: ['ict'],
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect(await count(world.schoolA1.id)).toBe(before.a + 1);
    expect(await count(world.districtA1.id)).toBe(before.d + 1);
    expect((await list('q=yusupova')).items.map((p) => p.id)).toEqual([id]);

    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/people/${id}`,
      headers: officer.headers,
      payload: { orgUnitId: world.schoolA1b.id, phone: '+998 90 000' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ orgUnitId: world.schoolA1b.id, phone: '+998 90 000', givenName: 'Nodira' });
    expect(await count(world.schoolA1.id)).toBe(before.a);
    expect(await count(world.schoolA1b.id)).toBe(before.b + 1);
    expect(await count(world.districtA1.id)).toBe(before.d + 1);
    const read = await app.inject({ url: `/api/people/${id}`, headers: officer.headers });
    expect(read.json()).toMatchObject({ orgUnit: { id: world.schoolA1b.id }, phone: '+998 90 000' });

    const away = await app.inject({
      method: 'PATCH',
      url: `/api/people/${id}`,
      headers: officer.headers,
      payload: { orgUnitId: world.schoolB1.id },
    });
    expect(away.statusCode).toBe(404);
    expect((await people.getPerson(world.ctx, id)).orgUnitId).toBe(world.schoolA1b.id);
    const intoForeign = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: officer.headers,
      payload: { orgUnitId: world.schoolB1.id, category: 'teacher', givenName: 'No', familyName: 'Where' },
    });
    expect(intoForeign.statusCode).toBe(404);
    expect((await org.getUnit(world.ctx, world.schoolB1.id)).teachersUnder).toBe(before.far);
    expect(await count(world.districtA1.id)).toBe(before.d + 1);
  });

  it('refuses a national id another person holds, on create and on update', async () => {
    const holder = await make.person(world.ctx, world.schoolA1, { nationalId: 'UZ-88' });
    const other = await make.person(world.ctx, world.schoolA1);
    const twin = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers: officer.headers,
      payload: {
        orgUnitId: world.schoolA1.id,
        category: 'teacher',
        givenName: 'Twin',
        familyName: 'Twin',
        nationalId: 'UZ-88',
      },
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().error).toMatchObject({ code: 'duplicate_external_id', details: { field: 'nationalId' } });
    const taking = await app.inject({
      method: 'PATCH',
      url: `/api/people/${other.id}`,
      headers: officer.headers,
      payload: { nationalId: 'UZ-88' },
    });
    expect(taking.statusCode).toBe(409);
    expect(taking.json().error).toMatchObject({ code: 'duplicate_external_id', details: { field: 'nationalId' } });
    expect((await people.getPerson(world.ctx, other.id)).nationalId).toBe(other.nationalId);
    // Keeping one's own national id is no conflict; one held in another district still is (without saying where).
    const keep = await app.inject({
      method: 'PATCH',
      url: `/api/people/${holder.id}`,
      headers: officer.headers,
      payload: { nationalId: 'UZ-88', givenName: 'Kept' },
    });
    expect(keep.statusCode).toBe(200);
  });

  it("hides another tenant's people, even where its tree mirrors ours", async () => {
    const other = await make.tenant(getDb());
    const stranger = await make.person(other.ctx, other.nation, {
      familyName: 'Shrestha-Abroad',
      nationalId: 'NID-ABROAD',
    });
    // The other tenant's top unit has the same path as ours: only the tenant keeps them apart.
    expect(other.nation.path).toBe(world.nation.path);
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    const national = await signIn(app, ministry.username, ministry.password);
    expect((await app.inject({ url: `/api/people/${stranger.id}`, headers: national.headers })).statusCode).toBe(404);
    expect((await list('q=shrestha-abroad', national)).items).toEqual([]);
    expect((await list('q=NID-ABROAD', national)).items).toEqual([]);
    const everyone = await list('limit=200', national);
    expect(everyone.items.map((p) => p.id)).not.toContain(stranger.id);
    expect(everyone.items.map((p) => p.id)).toContain(far.id);
    const update = await app.inject({
      method: 'PATCH',
      url: `/api/people/${stranger.id}`,
      headers: national.headers,
      payload: { familyName: 'Annexed' },
    });
    expect(update.statusCode).toBe(404);
    expect((await people.getPerson(other.ctx, stranger.id)).familyName).toBe('Shrestha-Abroad');
    // National ids are unique per tenant: ours may hold one that the other tenant also has.
    const same = await make.person(world.ctx, world.schoolA1, { nationalId: 'NID-ABROAD' });
    expect(same.nationalId).toBe('NID-ABROAD');
  });
});
