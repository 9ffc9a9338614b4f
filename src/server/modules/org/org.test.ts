import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as org from './org.service.ts';

describeOnEachDatabase('org units', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let districtOfficer: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    districtOfficer = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  it('shows a district officer their district as the top of the tree, with counts', async () => {
    await make.person(world.ctx, world.schoolA1);
    await make.person(world.ctx, world.schoolA1b);
    const res = await app.inject({ url: '/api/org-units', headers: districtOfficer.headers });
    expect(res.statusCode).toBe(200);
    const [top] = res.json().items;
    expect(top).toMatchObject({ id: world.districtA1.id, schoolsUnder: 2, childCount: 2, levelName: 'District' });
    expect(top.teachersUnder).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 when a district officer reads or changes another district's school", async () => {
    const read = await app.inject({ url: `/api/org-units/${world.schoolB1.id}`, headers: districtOfficer.headers });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('org_unit_not_found');
    const change = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolB1.id}`,
      headers: districtOfficer.headers,
      payload: { name: { en: 'Taken over' } },
    });
    expect(change.statusCode).toBe(404);
    const children = await app.inject({
      url: `/api/org-units?parentId=${world.districtB1.id}`,
      headers: districtOfficer.headers,
    });
    expect(children.statusCode).toBe(404);
    const search = await app.inject({ url: '/api/org-units?q=School', headers: districtOfficer.headers });
    expect(
      search
        .json()
        .items.map((u: { id: string }) => u.id)
        .sort(),
    ).toEqual([world.schoolA1.id, world.schoolA1b.id].sort());
    const unchanged = await org.getUnit(world.ctx, world.schoolB1.id);
    expect(unchanged.name).toEqual({ en: 'School B1-1' });
  });

  it('lets the district officer rename a school in their district and keeps the history', async () => {
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolA1b.id}`,
      headers: districtOfficer.headers,
      payload: { name: { en: 'Hilltop School', ne: 'पहाडी विद्यालय' } },
    });
    expect(res.statusCode).toBe(200);
    const history = await app.inject({
      url: `/api/org-units/${world.schoolA1b.id}/history`,
      headers: districtOfficer.headers,
    });
    const entries = history.json().items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['org_unit.create', 'org_unit.update']);
    expect(entries[1].before.name).toEqual({ en: 'School A1-2' });
    expect(entries[1].after.name).toEqual({ en: 'Hilltop School', ne: 'पहाडी विद्यालय' });
  });

  it('moves a subtree: paths, counts and people follow, and history records it', async () => {
    const school = await make.unit(world.ctx, world.districtA2, 'school', 'Moving School');
    const teacher = await make.person(world.ctx, school);
    await org.moveUnit(world.ctx, school.id, world.districtB1.id);
    const moved = await org.getUnit(world.ctx, school.id);
    expect(moved.path.startsWith(world.districtB1.path)).toBe(true);
    expect(moved.ancestors.map((a) => a.id)).toEqual([world.nation.id, world.regionB.id, world.districtB1.id]);
    const [b1] = await org.listUnits(world.ctx, { parentId: world.regionB.id, limit: 10 });
    expect(b1!.teachersUnder).toBeGreaterThanOrEqual(1);
    const officerB = await make.user(world.ctx, 'district_officer', world.districtB1);
    const session = await signIn(app, officerB.username, officerB.password);
    const res = await app.inject({ url: `/api/people/${teacher.id}`, headers: session.headers });
    expect(res.statusCode).toBe(200);
    const history = await org.unitHistory(world.ctx, school.id);
    expect(history.at(-1)).toMatchObject({ action: 'org_unit.move' });
  });

  it('refuses to move a unit under its own descendant, and changes nothing', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/org-units/${world.districtA1.id}/move`,
      headers: districtOfficer.headers,
      payload: { parentId: world.schoolA1.id },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('tree_cycle');
    expect((await org.getUnit(world.ctx, world.districtA1.id)).parentId).toBe(world.regionA.id);
  });

  it('names the field of a validation error and rejects unknown fields', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: districtOfficer.headers,
      payload: { parentId: world.districtA1.id, type: 'castle', name: { en: 'X' }, colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('body.type');
    expect(paths).toContain('body.colour');
  });

  it('answers malformed JSON and oversize bodies with stable codes', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { ...districtOfficer.headers, 'content-type': 'application/json' },
      payload: '{"parentId": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('invalid_json');
    const huge = await app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: { ...districtOfficer.headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ parentId: world.districtA1.id, type: 'school', name: { en: 'x'.repeat(2_000_000) } }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('body_too_large');
  });

  it('refuses a duplicate unit code with the field named', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/org-units',
      headers: districtOfficer.headers,
      payload: { parentId: world.districtA1.id, type: 'school', code: world.schoolA1.code, name: { en: 'Twin' } },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'duplicate_external_id', details: { field: 'code' } });
  });

  it('hides every unit of another tenant', async () => {
    const other = await make.tenant(getDb());
    const res = await app.inject({ url: `/api/org-units/${other.nation.id}`, headers: districtOfficer.headers });
    expect(res.statusCode).toBe(404);
    const admin = await make.user(world.ctx, 'admin', world.nation);
    const adminSession = await signIn(app, admin.username, admin.password);
    const asAdmin = await app.inject({ url: `/api/org-units/${other.nation.id}`, headers: adminSession.headers });
    expect(asAdmin.statusCode).toBe(404);
  });
});
