import { type CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import type { PersonTable } from '../../server/db/schema.ts';
import * as frameworks from '../../server/modules/frameworks/frameworks.service.ts';
import { registerMonitoring, unregisterMonitoring } from '../../server/modules/monitoring/aggregates.service.ts';
import { indicatorDashboard } from '../../server/modules/monitoring/indicators.figures.ts';
import type { IndicatorInput } from '../../server/modules/monitoring/indicators.schemas.ts';
import * as indicators from '../../server/modules/monitoring/indicators.service.ts';
import { rebuildCounts, withPending } from '../../server/modules/monitoring/monitoring.repo.ts';
import * as org from '../../server/modules/org/org.service.ts';
import * as people from '../../server/modules/people/people.service.ts';
import { addMonths } from '../../server/modules/practice/coaching.links.ts';
import * as cycles from '../../server/modules/practice/cycles.service.ts';
import * as followRepo from '../../server/modules/practice/followthrough.repo.ts';
import { visitsUnderUnit } from '../../server/modules/practice/followthrough.service.ts';
import { termOf } from '../../server/modules/practice/practice.constants.ts';
import { registerRecognition, unregisterRecognition } from '../../server/modules/recognition/awards.service.ts';
import { subtreeUpperBound } from '../../server/shared/access.ts';
import type { Ctx } from '../../server/shared/context.ts';
import { newId, nowIso, todayIso } from '../../server/shared/ids.ts';
import { systemCtx } from '../context.ts';
import { seedDemo } from '../demo.ts';
import { p95, report, timeIt, withAndWithoutUpkeep } from './measure.ts';
import { rawDriver } from './raw.ts';

/** Teachers placed in the district whose follow-through list is read (issue 15). */
const DISTRICT_TEACHERS = 10_000;
/** Observation submits timed on each side (with and without the monitoring upkeep)... */
const WRITES = 400;
/** ...in this many alternating turns, so a change of load on the machine falls on both sides alike. */
const TURNS = 8;
const PRACTICE_FACTS = ['in_cycle', 'follow_through_done', 'follow_through_on_time'];

/** The compiled SQL of the first query run through `db` (for the raw limit: the same query through the driver). */
function capturing(ctx: Ctx) {
  let node: RootOperationNode | undefined;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      node ??= args.node;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const db = ctx.db.withPlugin(plugin);
  return {
    ctx: { ...ctx, db } as Ctx,
    compiled: (): CompiledQuery => db.getExecutor().compileQuery(node!, { queryId: 'bench' }),
  };
}

/** Brings one district up to DISTRICT_TEACHERS teachers, spread over its schools; answers the district. */
async function growDistrict(ctx: Ctx) {
  const district = (await org.listUnits(ctx, { type: 'district', limit: 1 }))[0]!;
  const within = (column: string) =>
    sql<boolean>`${sql.ref(column)} >= ${district.path} and ${sql.ref(column)} < ${subtreeUpperBound(district.path)}`;
  const schools = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('type', '=', 'school')
    .where(within('path'))
    .orderBy('path')
    .execute();
  const placed = await ctx.db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '=', 'teacher')
    .where(within('org_path'))
    .executeTakeFirstOrThrow();
  const at = nowIso();
  const rows: PersonTable[] = [];
  for (let i = Number(placed.n); i < DISTRICT_TEACHERS; i++) {
    const school = schools[i % schools.length]!;
    const sex = i % 2 ? 'male' : 'female';
    rows.push({
      tenant_id: ctx.tenantId,
      id: newId(),
      org_unit_id: school.id,
      org_path: school.path,
      category: 'teacher',
      given_name: sex === 'male' ? 'Hari' : 'Gita',
      family_name: `Bench${i}`,
      sort_name: people.sortNameOf(`Bench${i}`, 'Gita'),
      sex,
      national_id: `BENCHFT${String(i).padStart(7, '0')}`,
      emis_id: null,
      subjects: '["ict"]',
      grades: JSON.stringify([String((i % 12) + 1)]),
      languages: '["en"]',
      email: null,
      phone: null,
      created_at: at,
      updated_at: at,
    });
  }
  for (let i = 0; i < rows.length; i += 2000) await people.upsertPeopleRows(ctx, rows.slice(i, i + 2000));
  await org.recountTeachers(ctx);
  const teachers = await ctx.db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '=', 'teacher')
    .where(within('org_path'))
    .orderBy('id')
    .execute();
  return { district, teachers: teachers.map((t) => t.id) };
}

/**
 * Three visits (1, 3 and 6 months after) per teacher of the country, for a completion somewhere in
 * the last ten months: those not yet due are due; of those due by today about three in five were
 * made (most on time, some late), a few cancelled, the rest overdue. Written a page of teachers at a time.
 */
async function seedVisits(ctx: Ctx, districtPath: string) {
  const today = todayIso();
  const offering = await ctx.db
    .selectFrom('training_offering')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const coaches = await ctx.db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '!=', 'teacher')
    .orderBy('id')
    .limit(20)
    .execute();
  const at = nowIso();
  const dayOf = (base: string, days: number) =>
    new Date(Date.parse(base) + days * 86_400_000).toISOString().slice(0, 10);
  const counts = { visits: 0, overdue: 0, done: 0, districtOverdue: 0 };
  let after = '';
  let i = 0;
  for (;;) {
    const page = await ctx.db
      .selectFrom('person')
      .select(['id', 'org_path'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('category', '=', 'teacher')
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (page.length === 0) break;
    after = page.at(-1)!.id;
    const rows: Parameters<typeof followRepo.insertVisits>[1] = [];
    for (const teacher of page) {
      const completed = dayOf(today, -((i * 37) % 300));
      for (const [k, months] of [1, 3, 6].entries()) {
        const dueOn = addMonths(completed, months);
        const roll = (i * 7 + k * 3) % 20;
        const status = dueOn > today ? 'due' : roll < 12 ? 'done' : roll < 13 ? 'cancelled' : 'due';
        const visitedOn = status === 'done' ? dayOf(dueOn, roll < 9 ? -(roll % 5) : 3 + roll) : null;
        rows.push({
          tenant_id: ctx.tenantId,
          id: newId(),
          enrolment_id: `bench-enrolment-${teacher.id}`,
          offering_id: offering.id,
          teacher_person_id: teacher.id,
          coach_person_id: coaches[i % coaches.length]!.id,
          months_after: months,
          due_on: dueOn,
          status,
          visited_on: visitedOn && visitedOn > today ? today : visitedOn,
          applied: status === 'done' ? (['applied', 'partly', 'not_applied'] as const)[roll % 3]! : null,
          how: status === 'done' ? 'Pairs used the tablets to research and present.' : null,
          cycle_id: null,
          created_at: at,
          updated_at: at,
        });
        const overdue = status === 'due' && dueOn < today;
        counts.visits++;
        if (overdue) counts.overdue++;
        if (overdue && teacher.org_path.startsWith(districtPath)) counts.districtOverdue++;
        if (status === 'done') counts.done++;
      }
      i++;
    }
    await followRepo.insertVisits(ctx.db, rows);
  }
  // As autovacuum would have by the time anyone reads the list: the planner knows both sides of its join.
  if (ctx.dialect === 'postgres') await sql`analyze follow_through_visit, person`.execute(ctx.db);
  return counts;
}

/**
 * Practice facts per teacher, written in bulk inside the database: follow-through from the visits
 * (as the facts service counts them), and observed / student-centred / in a cycle for a share of the
 * teachers picked by the last digit of their id (teachers ending in `f` get none: they are observed
 * for real later). Then every unit figure is recounted from `person_fact`, as after a bulk load.
 */
async function seedFacts(ctx: Ctx) {
  const term = termOf(todayIso());
  const last = sql`substr(p.id, length(p.id), 1)`;
  const synthetic: [string, string[]][] = [
    [`observed:${term}`, ['0', '1', '2', '3', '4']],
    [`observed_sc:${term}`, ['0', '1', '2']],
    ['in_cycle', ['0', '1', '5', '6']],
  ];
  for (const [fact, digits] of synthetic)
    await sql`
      insert into person_fact (tenant_id, person_id, fact, value)
      select p.tenant_id, p.id, ${fact}, 1 from person p
      where p.tenant_id = ${ctx.tenantId} and p.category = 'teacher' and ${last} in (${sql.join(digits)})
      on conflict (tenant_id, person_id, fact) do nothing`.execute(ctx.db);
  for (const [fact, onTime] of [
    ['follow_through_done', sql``],
    ['follow_through_on_time', sql` and v.visited_on <= v.due_on`],
  ] as const)
    await sql`
      insert into person_fact (tenant_id, person_id, fact, value)
      select v.tenant_id, v.teacher_person_id, ${fact}, count(*) from follow_through_visit v
      where v.tenant_id = ${ctx.tenantId} and v.status = 'done'${onTime}
      group by v.tenant_id, v.teacher_person_id
      on conflict (tenant_id, person_id, fact) do update set value = excluded.value`.execute(ctx.db);
  return timeIt(() => rebuildCounts(ctx.db, ctx.tenantId));
}

async function defineIndicators(ctx: Ctx, nationId: string) {
  const define = (code: string, numerator: object, denominator: object | null, extra: Partial<IndicatorInput> = {}) =>
    indicators.createIndicator(ctx, {
      code,
      name: { en: code },
      definition: { en: `${code}, practice benchmark` },
      numerator,
      denominator,
      factor: denominator ? 'percent' : 'count',
      disaggregations: ['sex', 'org_level'],
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: null,
      meansOfVerification: { en: 'Lesson observations and follow-through visits in Pathway' },
      ...extra,
    } as IndicatorInput);
  const sc = await define(
    'PR-SC',
    { fact: 'observed_student_centred' },
    { fact: 'teachers' },
    {
      disaggregations: ['sex', 'locality', 'school_type', 'org_level'],
    },
  );
  await define('PR-CYC', { fact: 'in_cycle' }, { fact: 'teachers' });
  await define('PR-FT', { fact: 'follow_through_on_time' }, { fact: 'follow_through_done' });
  await define('PR-PART', { fact: 'schools_with_partner' }, { fact: 'schools' }, { disaggregations: ['org_level'] });
  const year = new Date().getUTCFullYear();
  await indicators.setTargets(ctx, sc.id, { unitId: nationId, baseline: null, targets: [{ year, value: 50 }] });
  return sc;
}

/**
 * Classroom practice at scale (issue 15): a district's follow-through list with 10,000 teachers in
 * it, the practice indicators at national level over every teacher, and what keeping the figures
 * live in the writing transaction costs one lesson observation submit.
 */
export async function practiceBench(database: Database, location: string, teachers: number) {
  const name = database.dialect;
  await seedDemo(database, { teachers });
  const ctx = await systemCtx(database, 'demo');
  const nation = (await org.unitsOnPath(ctx, '/1/'))[0]!;

  // 1. The district's follow-through due list (the route's default: overdue, 200).
  const { district, teachers: districtTeachers } = await growDistrict(ctx);
  const seeded = await seedVisits(ctx, district.path);
  const facts = await seedFacts(ctx);
  report(`${name}.practice.facts_recount.time`, facts.ms / 1000, 's');
  const filter = { status: 'overdue' as const, limit: 200 };
  const first = await visitsUnderUnit(ctx, district.id, filter);
  if (first.items.length === 0) throw new Error('benchmark: the district has no overdue visits');
  const dueList = await p95(100, () => visitsUnderUnit(ctx, district.id, filter));
  const spy = capturing(ctx);
  await followRepo.visitsUnder(spy.ctx.db, ctx.tenantId, [district.path], { ...filter, today: first.today });
  const dueQuery = spy.compiled();
  const driver = await rawDriver(database, location);
  const rawDue = await p95(100, () => driver.run(dueQuery.sql, dueQuery.parameters));
  console.log(
    `# ${districtTeachers.length} teachers in the district (${seeded.districtOverdue} visits overdue there); ${seeded.visits} visits in the country (${seeded.overdue} overdue, ${seeded.done} done)`,
  );
  report(`${name}.practice.follow_through_due_list_p95`, dueList, 'ms');
  report(`${name}.practice.follow_through_due_list.raw_read_p95`, rawDue, 'ms');
  report(`${name}.practice.follow_through_due_list.goal`, 50, 'ms');

  // 2. The practice indicators at national level, read from the live figures.
  const sc = await defineIndicators(ctx, nation.id);
  const national = await p95(50, () => indicatorDashboard(ctx, { unitId: nation.id }));
  const regions = await org.unitWithChildren(ctx, nation.id, 'reports.read');
  const rawQuery = database.db
    .selectFrom(withPending(database.db, 'unit_fact_count'))
    .select(['unit_id', 'fact', 'sex', (eb) => eb.fn.sum<number>('value').as('value')])
    .where('tenant_id', '=', ctx.tenantId)
    .where('unit_id', 'in', [nation.id, ...regions.children.map((c) => c.id)])
    .where('fact', 'in', [...PRACTICE_FACTS, `observed_sc:${termOf(todayIso())}`])
    .groupBy(['unit_id', 'fact', 'sex'])
    .compile();
  const rawNational = await p95(50, () => driver.run(rawQuery.sql, rawQuery.parameters));
  await driver.close();
  report(`${name}.practice.indicators_national_p95`, national, 'ms');
  report(`${name}.practice.indicators_national.raw_read_p95`, rawNational, 'ms');
  report(`${name}.practice.indicators_national.goal`, 50, 'ms');

  // 3. One observation submit with its upkeep beside the same submit without it. The demo trainer
  // coaches the teachers through explicit assignments; each teacher has a cycle planned for today
  // and the instrument filled in, so only the submit is timed.
  const standard = (await frameworks.listFrameworks(ctx)).find((f) => f.status === 'published')!;
  const focus = (await frameworks.getFramework(ctx, standard.id)).items.find((i) => i.type === 'competency')!;
  const trainer = await ctx.db
    .selectFrom('user_account')
    .select(['id', 'person_id'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('username', '=', 'trainer')
    .executeTakeFirstOrThrow();
  const coach: Ctx = {
    ...ctx,
    actor: { accountId: trainer.id, personId: trainer.person_id, username: 'trainer', grants: [], system: false },
  };
  const observed = await ctx.db
    .selectFrom('person as p')
    .select('p.id')
    .where('p.tenant_id', '=', ctx.tenantId)
    .where('p.category', '=', 'teacher')
    .where(sql<boolean>`substr(p.id, length(p.id), 1) = 'f'`)
    .where(sql<boolean>`not (p.org_path >= ${district.path} and p.org_path < ${subtreeUpperBound(district.path)})`)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('coaching_cycle as c').select('c.id').whereRef('c.teacher_person_id', '=', 'p.id'))),
    )
    .orderBy('p.org_path')
    .orderBy('p.id')
    .limit(WRITES * 2 + 1)
    .execute();
  const today = todayIso();
  await ctx.db
    .insertInto('coach_assignment')
    .values(
      observed.map((t) => ({
        tenant_id: ctx.tenantId,
        id: newId(),
        coach_person_id: trainer.person_id,
        teacher_person_id: t.id,
        starts_on: today,
        ends_on: addMonths(today, 6),
        created_by_account_id: null,
        created_at: nowIso(),
      })),
    )
    .execute();
  const drafts: string[] = [];
  for (const [i, teacher] of observed.entries()) {
    const cycle = await cycles.createCycle(coach, {
      teacherId: teacher.id,
      focusItemIds: [focus.id],
      lessonDate: today,
      planNotes: 'Pairs research a local question on tablets.',
    });
    const draft = await cycles.startObservation(coach, cycle.id);
    // Two lessons in three are student-centred, and the last one (the freshness check's).
    const studentCentred = i % 3 !== 0 || i === observed.length - 1;
    await cycles.saveObservation(coach, draft.id, {
      ictUsers: studentCentred ? ['students'] : ['teacher'],
      ictPurposes: studentCentred ? ['inquiry', 'collaboration'] : ['presentation'],
      studentCentredness: studentCentred ? 3 : 2,
      ictTimeShare: 40,
      studentProducts: 'A poster of findings',
      ratings: [{ itemId: focus.id, levelCode: 'KD' }],
    });
    drafts.push(draft.id);
  }
  // Recognition is detached on both sides, as in the monitoring bench: its rules are not what is measured.
  unregisterRecognition();
  const perTurn = Math.floor((drafts.length - 1) / 2 / TURNS);
  if (perTurn === 0) throw new Error('benchmark: too few teachers to observe');
  const { without, withUpkeep } = await withAndWithoutUpkeep(
    database,
    { turns: TURNS, perTurn, detach: unregisterMonitoring, attach: registerMonitoring },
    (i) => cycles.submitObservation(coach, drafts[i]!),
  );
  const writes = perTurn * TURNS;
  const rate = (ms: number) => (writes / ms) * 1000;
  report(`${name}.practice.observation_submit.rate_with_upkeep`, rate(withUpkeep), 'submits/s');
  report(`${name}.practice.observation_submit.rate_without_upkeep`, rate(without), 'submits/s');
  report(`${name}.practice.observation_upkeep_ratio`, rate(withUpkeep) / rate(without), 'ratio');
  report(`${name}.practice.observation_upkeep_ratio.goal`, 0.5, 'ratio');

  // Fresh: the first dashboard read after a student-centred submit commits already counts it.
  const figure = async () =>
    (await indicatorDashboard(ctx, { unitId: nation.id })).indicators.find((f) => f.indicator.id === sc.id)!.current
      .numerator;
  const before = await figure();
  const last = drafts.length - 1;
  await cycles.submitObservation(coach, drafts[last]!);
  const after = await figure();
  const fresh = after === (before ?? 0) + 1;
  report(`${name}.practice.write_to_indicator_lag`, fresh ? 0 : Number.NaN, 'ms');
  registerRecognition();
}
