import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { AppError } from '../../shared/errors.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { importOrgUnits, importPeople } from './imports.service.ts';

const csv = (...lines: string[]) => [Buffer.from(`${lines.join('\n')}\n`)];

async function faultsOf(work: Promise<unknown>) {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('csv_invalid');
  return (error as AppError).details!.errors as { line: number; column: string; message: string }[];
}

describeOnEachDatabase('roster import', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let officer: Awaited<ReturnType<typeof make.user>>;
  let session: Session;

  const count = async () => {
    const units = await org.unitIndex(world.ctx);
    const list = await people.listPeople(world.ctx, { limit: 200 });
    return { units: units.length, people: list.items.length };
  };

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    session = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  it('imports org units with parents earlier or later in the file, then people into them, over HTTP', async () => {
    const units = await app.inject({
      method: 'POST',
      url: '/api/imports/org-units',
      headers: { ...session.headers, 'content-type': 'text/csv' },
      payload: [
        'code,parent_code,type,name,name_ne,locality',
        `HS-2,HS-1,school,Hill School Annex,,rural`,
        `HS-1,${world.districtA1.code},school,Hill School,पहाड विद्यालय,urban`,
      ].join('\n'),
    });
    expect(units.statusCode).toBe(200);
    expect(units.json()).toEqual({ kind: 'org-units', rows: 2, created: 2, updated: 0 });
    const hill = await org.findUnitByCode(world.ctx, 'HS-1');
    expect(JSON.parse(hill.name)).toEqual({ en: 'Hill School', ne: 'पहाड विद्यालय' });

    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/people',
      headers: { ...session.headers, 'content-type': 'text/csv' },
      payload: [
        'National_ID, given_name,family_name,sex,category,org_unit_code,subjects,email',
        'IMP-1,Sita,Gurung,female,teacher,HS-1,mathematics;ict,sita@example.org',
        'IMP-2,"Jose, Jr.",Reyes,male,teacher,HS-2,science,',
        'IMP-3,Dilnoza,Karimova,,school_leader,HS-1,,',
      ].join('\n'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ kind: 'people', rows: 3, created: 3, updated: 0 });
    const sita = await people.findByNationalId(world.ctx, 'IMP-1');
    expect(JSON.parse(sita.subjects)).toEqual(['mathematics', 'ict']);
    const detail = await org.getUnit(world.ctx, hill.id);
    expect(detail.teachersUnder).toBe(2);
  });

  it('updates rather than duplicates when the same file comes again', async () => {
    const before = await count();
    const file = [
      'national_id,given_name,family_name,sex,category,org_unit_code',
      'IMP-1,Sita,Gurung-Thapa,female,teacher,HS-1',
    ];
    const result = await importPeople(officer.ctx, csv(...file));
    expect(result).toMatchObject({ created: 0, updated: 1 });
    expect((await people.findByNationalId(world.ctx, 'IMP-1')).family_name).toBe('Gurung-Thapa');
    expect(await count()).toEqual(before);
  });

  it('reports every bad row with line and column, and writes nothing', async () => {
    const before = await count();
    const errors = await faultsOf(
      importPeople(
        officer.ctx,
        csv(
          'national_id,given_name,family_name,sex,category,org_unit_code,email',
          'NEW-1,Ana,Cruz,female,teacher,HS-1,',
          'NEW-2,Bikash,Thapa,robot,teacher,HS-1,',
          'NEW-1,Ana,Cruz,female,teacher,HS-1,',
          'NEW-3,Gita,Rai,female,pilot,NOWHERE,not-an-email',
          'NEW-4,Only,Three',
        ),
      ),
    );
    expect(errors).toEqual([
      { line: 3, column: 'sex', message: expect.stringContaining('robot') },
      { line: 4, column: 'national_id', message: expect.stringContaining('earlier in the file') },
      { line: 5, column: 'category', message: expect.stringContaining('pilot') },
      { line: 5, column: 'org_unit_code', message: 'Unknown org unit code NOWHERE.' },
      { line: 5, column: 'email', message: expect.stringContaining('not an email') },
      { line: 6, column: '', message: 'Expected 7 fields, found 3.' },
    ]);
    expect(await count()).toEqual(before);
  });

  it('names a wrong header, broken quoting, invalid UTF-8 and an empty file', async () => {
    const header = await faultsOf(
      importPeople(officer.ctx, csv('national_id,given,family_name,sex,category,org_unit_code')),
    );
    expect(header).toEqual(
      expect.arrayContaining([
        { line: 1, column: 'given', message: 'Unknown column given.' },
        { line: 1, column: 'given_name', message: 'The required column given_name is missing.' },
      ]),
    );
    const quoting = await faultsOf(
      importPeople(
        officer.ctx,
        csv('national_id,given_name,family_name,sex,category,org_unit_code', 'Q-1,"Ana"x,Cruz,female,teacher,HS-1'),
      ),
    );
    expect(quoting[0]).toMatchObject({ line: 2, message: expect.stringContaining('malformed') });
    const latin1 = Buffer.concat([
      Buffer.from('national_id,given_name,family_name,sex,category,org_unit_code\nU-1,'),
      Buffer.from([0x4a, 0xf3, 0x73, 0xe9]),
      Buffer.from(',Cruz,male,teacher,HS-1\n'),
    ]);
    const utf8 = await faultsOf(importPeople(officer.ctx, [latin1]));
    expect(utf8).toEqual([{ line: 2, column: 'given_name', message: 'The text is not valid UTF-8.' }]);
    // PostgreSQL cannot store U+0000: the cell is named, not a 500.
    const nul = await faultsOf(
      importPeople(
        officer.ctx,
        csv('national_id,given_name,family_name,sex,category,org_unit_code', 'N-1,An\u0000a,Cruz,female,teacher,HS-1'),
      ),
    );
    expect(nul).toEqual([
      expect.objectContaining({ line: 2, column: 'given_name', message: expect.stringContaining('U+0000') }),
    ]);
    const empty = await faultsOf(importPeople(officer.ctx, [Buffer.from('')]));
    expect(empty[0]!.message).toMatch(/empty/);
    await expect(people.findByNationalId(world.ctx, 'U-1')).rejects.toThrow();
  });

  it("treats another district's school as unknown, and refuses to take over another district's teacher", async () => {
    const outsider = await make.person(world.ctx, world.schoolB1, { nationalId: 'OUT-1' });
    const errors = await faultsOf(
      importPeople(
        officer.ctx,
        csv(
          'national_id,given_name,family_name,sex,category,org_unit_code',
          `X-1,Ana,Cruz,female,teacher,${world.schoolB1.code}`,
          `OUT-1,Moved,Away,female,teacher,${world.schoolA1.code}`,
        ),
      ),
    );
    expect(errors).toEqual([
      { line: 2, column: 'org_unit_code', message: `Unknown org unit code ${world.schoolB1.code}.` },
      { line: 3, column: 'national_id', message: expect.stringContaining('outside your scope') },
    ]);
    expect((await people.findByNationalId(world.ctx, 'OUT-1')).org_unit_id).toBe(outsider.orgUnitId);
  });

  it('a dry run checks and counts but writes nothing', async () => {
    const before = await count();
    const result = await importPeople(
      officer.ctx,
      csv('national_id,given_name,family_name,sex,category,org_unit_code', 'DRY-1,Ana,Cruz,female,teacher,HS-1'),
      { dryRun: true },
    );
    expect(result).toMatchObject({ rows: 1, created: 1, updated: 0 });
    expect(await count()).toEqual(before);
  });

  it('moves a subtree when a re-import changes a parent, and refuses a cycle', async () => {
    const moved = await importOrgUnits(
      world.ctx,
      csv('code,parent_code,type,name', `HS-1,${world.districtA2.code},school,Hill School`),
    );
    expect(moved).toMatchObject({ created: 0, updated: 1 });
    const annex = await org.findUnitByCode(world.ctx, 'HS-2');
    expect(annex.path.startsWith(world.districtA2.path)).toBe(true);
    const sita = await people.findByNationalId(world.ctx, 'IMP-1');
    expect(sita.org_path.startsWith(world.districtA2.path)).toBe(true);

    const before = await count();
    const cycle = await faultsOf(
      importOrgUnits(
        world.ctx,
        csv('code,parent_code,type,name', 'HS-1,HS-2,school,Hill School', 'HS-2,HS-1,school,Annex'),
      ),
    );
    expect(cycle[0]).toMatchObject({ column: 'parent_code', message: expect.stringContaining('cycle') });
    const underDescendant = await faultsOf(
      importOrgUnits(
        world.ctx,
        csv('code,parent_code,type,name', `${world.districtA2.code},HS-2,district,District A2`),
      ),
    );
    expect(underDescendant[0]).toMatchObject({
      line: 2,
      column: 'parent_code',
      message: expect.stringContaining('cycle'),
    });
    expect(await count()).toEqual(before);
  });

  it('reports an unknown parent and a duplicate code with their lines', async () => {
    const errors = await faultsOf(
      importOrgUnits(
        officer.ctx,
        csv(
          'code,parent_code,type,name',
          `D-1,${world.districtA1.code},school,One`,
          `D-1,${world.districtA1.code},school,Two`,
          'D-2,NOPE,school,Three',
          `D-3,${world.districtB1.code},school,Four`,
        ),
      ),
    );
    expect(errors).toEqual([
      { line: 3, column: 'code', message: expect.stringContaining('earlier in the file (line 2)') },
      { line: 4, column: 'parent_code', message: 'Unknown org unit code NOPE.' },
      { line: 5, column: 'parent_code', message: `Unknown org unit code ${world.districtB1.code}.` },
    ]);
  });

  it('answers HTTP with 422 and the line list, and refuses JSON bodies', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/imports/people',
      headers: { ...session.headers, 'content-type': 'text/csv' },
      payload: 'national_id,given_name\n',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('csv_invalid');
    expect(bad.json().error.details.errors[0]).toMatchObject({ line: 1 });
    const json = await app.inject({
      method: 'POST',
      url: '/api/imports/people',
      headers: session.headers,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
  });

  it('is refused to a teacher, who holds no import permission', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    await expect(importPeople(teacher.ctx, csv('national_id'))).rejects.toMatchObject({ code: 'forbidden' });
  });
});
