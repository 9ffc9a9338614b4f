import { Readable } from 'node:stream';
import type { Database } from '../../server/db/database.ts';
import { importPeople } from '../../server/modules/imports/imports.service.ts';
import * as org from '../../server/modules/org/org.service.ts';
import * as people from '../../server/modules/people/people.service.ts';
import type { Ctx } from '../../server/shared/context.ts';
import { systemCtx } from '../context.ts';
import { seedDemo } from '../demo.ts';
import { p95, report, timeIt } from './measure.ts';
import { type RawDriver, rawDriver } from './raw.ts';

const HEADER = 'national_id,given_name,family_name,sex,category,org_unit_code,subjects,grades\n';
const GIVEN = ['Aruna', 'Jose', 'Dilnoza', 'Hari', 'Lourdes', 'Aziz', 'Gita', 'Paolo'];
const FAMILY = ['Adhikari', 'Santos', 'Karimov', 'Shrestha', 'Reyes', 'Yusupova', 'Gurung', 'Cruz', 'Thapa'];

function teacherFields(i: number, schoolCodes: string[]) {
  return {
    nationalId: `B${String(i).padStart(9, '0')}`,
    given: GIVEN[i % GIVEN.length]!,
    family: FAMILY[(i * 7) % FAMILY.length]!,
    sex: i % 2 ? 'male' : 'female',
    school: schoolCodes[i % schoolCodes.length]!,
  };
}

/** The roster an EMIS would export, generated as a stream so the file never sits in memory. */
function rosterCsv(teachers: number, schoolCodes: string[]): Readable {
  async function* lines() {
    yield HEADER;
    const chunk = 2000;
    for (let start = 0; start < teachers; start += chunk) {
      let text = '';
      for (let i = start; i < Math.min(teachers, start + chunk); i++) {
        const t = teacherFields(i, schoolCodes);
        text += `${t.nationalId},${t.given},${t.family},${t.sex},teacher,${t.school},mathematics;ict,${(i % 12) + 1}\n`;
      }
      yield text;
    }
  }
  return Readable.from(lines());
}

const COLUMNS = people.PERSON_COLUMNS;

/**
 * The raw limit: the same rows written straight through the driver (no CSV, no validation, no
 * query builder) into a copy of the person table with the same indexes, in one transaction.
 * SQLite: one prepared insert per row. PostgreSQL: multi-row inserts of 500 (a round trip per
 * row would make the limit, not the import, look slow).
 */
async function rawInsertRate(
  driver: RawDriver,
  database: Database,
  ctx: Ctx,
  teachers: number,
  schools: Map<string, { id: string; path: string }>,
) {
  const codes = [...schools.keys()];
  await driver.run('create table person_raw as select * from person where 1 = 0', []);
  await driver.run('create index person_raw_scope on person_raw (tenant_id, org_path, sort_name, id)', []);
  await driver.run('create index person_raw_unit on person_raw (tenant_id, org_unit_id)', []);
  await driver.run('create unique index person_raw_nid on person_raw (tenant_id, national_id)', []);
  const at = new Date().toISOString();
  const row = (i: number) => {
    const t = teacherFields(i, codes);
    const unit = schools.get(t.school)!;
    return [
      ctx.tenantId,
      `raw-${i}`,
      unit.id,
      unit.path,
      'teacher',
      t.given,
      t.family,
      people.sortNameOf(t.family, t.given),
      t.sex,
      t.nationalId,
      null,
      '["mathematics","ict"]',
      `["${(i % 12) + 1}"]`,
      '[]',
      null,
      null,
      at,
      at,
    ];
  };
  const columns = COLUMNS.join(',');
  if (database.sqlite) {
    const sqlite = database.sqlite;
    const insert = sqlite.prepare(`insert into person_raw (${columns}) values (${COLUMNS.map(() => '?').join(',')})`);
    const { ms } = await timeIt(() =>
      sqlite.transaction(() => {
        for (let i = 0; i < teachers; i++) insert.run(row(i));
      })(),
    );
    return (teachers / ms) * 1000;
  }
  const batch = 500;
  const { ms } = await timeIt(async () => {
    await driver.run('begin', []);
    for (let start = 0; start < teachers; start += batch) {
      const values: unknown[] = [];
      const tuples: string[] = [];
      for (let i = start; i < Math.min(teachers, start + batch); i++) {
        tuples.push(`(${COLUMNS.map((_, c) => `$${values.length + c + 1}`).join(',')})`);
        values.push(...row(i));
      }
      await driver.run(`insert into person_raw (${columns}) values ${tuples.join(',')}`, values);
    }
    await driver.run('commit', []);
  });
  return (teachers / ms) * 1000;
}

export async function rosterBench(database: Database, location: string, teachers: number) {
  const name = database.dialect;
  const driver = await rawDriver(database, location);
  await seedDemo(database, { teachers: 0, sizeFor: teachers });
  const ctx = await systemCtx(database, 'demo');
  const schoolRows = await database.db
    .selectFrom('org_unit')
    .select(['code', 'id', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('type', '=', 'school')
    .execute();
  const schools = new Map(schoolRows.map((s) => [s.code!, { id: s.id, path: s.path }]));

  const imported = await timeIt(() => importPeople(ctx, rosterCsv(teachers, [...schools.keys()])));
  const importRate = (imported.result.rows / imported.ms) * 1000;
  const rawRate = await rawInsertRate(driver, database, ctx, teachers, schools);
  report(`${name}.roster_import.rate`, importRate, 'rows/s');
  report(`${name}.roster_import.raw_insert_rate`, rawRate, 'rows/s');
  report(`${name}.roster_import.ratio`, importRate / rawRate, 'ratio');

  const districts = await org.listUnits(ctx, { type: 'district', limit: 1000 });
  const regions = await org.listUnits(ctx, { type: 'region', limit: 100 });
  const listQuery = (unitPath: string) =>
    database.db
      .selectFrom('person')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('category', '=', 'teacher')
      .where('org_path', '>=', unitPath)
      .where('org_path', '<', `${unitPath.slice(0, -1)}0`)
      .orderBy('org_path')
      .orderBy('sort_name')
      .orderBy('id')
      .limit(51);
  const listApp = await p95(300, (i) =>
    people.listPeople(ctx, { unitId: districts[i % districts.length]!.id, category: 'teacher', limit: 50 }),
  );
  const listRaw = await p95(300, (i) => {
    const compiled = listQuery(districts[i % districts.length]!.path).compile();
    return driver.run(compiled.sql, compiled.parameters);
  });
  report(`${name}.list_teachers_district_page1.p95`, listApp, 'ms');
  report(`${name}.list_teachers_district_page1.raw_p95`, listRaw, 'ms');

  const countApp = await p95(300, (i) => org.getUnit(ctx, regions[i % regions.length]!.id));
  const countRaw = await p95(300, (i) => {
    const path = regions[i % regions.length]!.path;
    const compiled = database.db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.sum<number>('teacher_count').as('n'))
      .where('tenant_id', '=', ctx.tenantId)
      .where('path', '>=', path)
      .where('path', '<', `${path.slice(0, -1)}0`)
      .compile();
    return driver.run(compiled.sql, compiled.parameters);
  });
  report(`${name}.count_teachers_region.p95`, countApp, 'ms');
  report(`${name}.count_teachers_region.raw_p95`, countRaw, 'ms');
  const total = (await org.getUnit(ctx, regions[0]!.parentId!)).teachersUnder;
  await driver.close();
  if (total !== teachers + 1) console.warn(`warning: the nation counts ${total} teachers, expected ${teachers + 1}`);
}
