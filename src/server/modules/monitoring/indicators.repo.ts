import { type Kysely, type RawBuilder, type Selectable, sql } from 'kysely';
import type {
  DB,
  IndicatorActualTable,
  IndicatorTable,
  IndicatorTargetTable,
  LogframeObjectiveTable,
} from '../../db/schema.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';
import { todayIso } from '../../shared/ids.ts';
import { withPending } from './monitoring.repo.ts';
import { OTHER_PLACE, PLACES_OF_WORK } from './places.ts';
import { schoolCountsOf } from './school.counts.repo.ts';

export type IndicatorRow = Selectable<IndicatorTable>;
export type TargetRow = Selectable<IndicatorTargetTable>;
export type ActualRow = Selectable<IndicatorActualTable>;
export type ObjectiveRow = Selectable<LogframeObjectiveTable>;

export function listIndicators(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('indicator').selectAll().where('tenant_id', '=', tenantId).orderBy('position').execute();
}

export function getIndicator(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('indicator')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function indicatorByCode(db: Kysely<DB>, tenantId: string, code: string) {
  return db
    .selectFrom('indicator')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertIndicator(db: Kysely<DB>, row: IndicatorRow) {
  await db.insertInto('indicator').values(row).execute();
}

export async function updateIndicator(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<IndicatorRow>) {
  await db.updateTable('indicator').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function nextIndicatorPosition(db: Kysely<DB>, tenantId: string) {
  const row = await db
    .selectFrom('indicator')
    .select((eb) => eb.fn.max<number>('position').as('last'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export function targetsOf(db: Kysely<DB>, tenantId: string, indicatorIds: string[], unitIds: string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([] as TargetRow[]);
  const rows = readInBatches(unitIds, (ids) =>
    db
      .selectFrom('indicator_target')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('indicator_id', 'in', indicatorIds)
      .where('unit_id', 'in', ids)
      .execute(),
  );
  return rows.then((all) => all.sort((a, b) => a.year - b.year));
}

/** Replaces a unit's baseline and targets for one indicator. */
export async function replaceTargets(
  db: Kysely<DB>,
  tenantId: string,
  indicatorId: string,
  unitId: string,
  rows: TargetRow[],
) {
  await db
    .deleteFrom('indicator_target')
    .where('tenant_id', '=', tenantId)
    .where('indicator_id', '=', indicatorId)
    .where('unit_id', '=', unitId)
    .execute();
  if (rows.length) await db.insertInto('indicator_target').values(rows).execute();
}

export function actualsOf(db: Kysely<DB>, tenantId: string, indicatorIds: string[], unitIds: string[]) {
  if (indicatorIds.length === 0) return Promise.resolve([] as ActualRow[]);
  const rows = readInBatches(unitIds, (ids) =>
    db
      .selectFrom('indicator_actual')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('indicator_id', 'in', indicatorIds)
      .where('unit_id', 'in', ids)
      .execute(),
  );
  return rows.then((all) => all.sort((a, b) => a.year - b.year));
}

export async function putActuals(db: Kysely<DB>, rows: ActualRow[]) {
  await writeInBatches(rows, rowsPerStatement(8), (batch) =>
    db
      .insertInto('indicator_actual')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'indicator_id', 'unit_id', 'year']).doUpdateSet((eb) => ({
          numerator: eb.ref('excluded.numerator'),
          denominator: eb.ref('excluded.denominator'),
          population: eb.ref('excluded.population'),
          recorded_at: eb.ref('excluded.recorded_at'),
        })),
      )
      .execute(),
  );
}

/** Every unit of the tenant by id, in pages (recording a year's actuals walks them all). */
export function unitIdsAfter(db: Kysely<DB>, tenantId: string, after: string, limit: number) {
  return db
    .selectFrom('org_unit')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** The units directly below any of these units. */
export function childrenOf(db: Kysely<DB>, tenantId: string, parentIds: string[]) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'parent_id', 'path'])
    .where('tenant_id', '=', tenantId)
    .where('parent_id', 'in', parentIds)
    .execute();
}

export function listObjectives(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('logframe_objective')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('position')
    .execute();
}

export async function insertObjective(db: Kysely<DB>, row: ObjectiveRow) {
  await db.insertInto('logframe_objective').values(row).execute();
}

/** How figures are grouped: by unit, by unit and sex, or by unit and the place of work counted (places.ts). */
export type Grouping =
  | { by: 'unit'; unitIds: string[] }
  /** Groups keyed `{unit}|{sex}`. */
  | { by: 'unitSex'; unitIds: string[] }
  /** Groups keyed `{unit}|{place}`: one read serves both the urban/rural and the type breakdowns. */
  | { by: 'unitPlace'; unitIds: string[] };

/** What to read: competency items (level counts), aspect items (aspect facts) and other facts. */
export interface Wanted {
  items: string[];
  aspects: string[];
  facts: string[];
  /** Whether school counts are read (`schools`, `schools_with_plan`, `schools_with_partner`). */
  schools: boolean;
  /** Survey rounds whose respondents are counted (keyed `survey:{round}`). */
  surveyRounds: string[];
  /** Respondents of a round with one of some answers to a question, keyed `key`. */
  surveyAnswers: SurveyAnswerCount[];
  /** The survey responses read so far in this request, shared by its groupings. */
  surveyReads: Map<string, Promise<SurveyRow[]>>;
}

export interface SurveyAnswerCount {
  key: string;
  roundId: string;
  questionKey: string;
  /** The matrix row; absent, any row or chosen option counts. */
  item: string | null;
  values: string[];
  /** One answer per respondent (a single choice, a scale, a matrix row): the round's tallies of the values add up. */
  additive: boolean;
}

export const surveyRespondentsKey = (roundId: string) => `survey:${roundId}`;

/**
 * Sums of the live aggregates per group, keyed `teachers`, `c:{item}:{basis}:{level}` (competency
 * levels) or the fact name (`aspect:{item}:{basis}:{level}` among them).
 */
export async function totals(
  db: Kysely<DB>,
  tenantId: string,
  grouping: Grouping,
  sex: string | undefined,
  wanted: Wanted,
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  const add = (group: string, key: string, value: number) => {
    const m = out.get(group) ?? new Map<string, number>();
    out.set(group, m);
    m.set(key, (m.get(key) ?? 0) + Number(value));
  };
  if (grouping.unitIds.length === 0) return out;
  // The group column and the rows it reads, the same for the three aggregate tables (two of them
  // with their pending deltas, under the table's own name).
  const scope = (table: 'unit_teacher_count' | 'unit_competency_count' | 'unit_fact_count') => {
    const t = sql.table(table);
    const by = { unit: sql``, unitSex: sql` || '|' || ${t}.sex`, unitPlace: sql` || '|' || ${t}.place` }[grouping.by];
    return {
      group: sql<string>`${t}.unit_id${by}`,
      from: table === 'unit_teacher_count' ? sql`${t}` : sql`${withPending(db, table)}`,
      where: sql`${t}.tenant_id = ${tenantId} and ${t}.unit_id in (${sql.join(grouping.unitIds)})`,
    };
  };
  const bySex = (table: string) => (sex ? sql` and ${sql.table(table)}.sex = ${sex}` : sql``);

  const teachers = scope('unit_teacher_count');
  const rows = await sql<{ grp: string; n: number }>`
    select ${teachers.group} as grp, sum(unit_teacher_count.teachers) as n
    from ${teachers.from} where ${teachers.where}${bySex('unit_teacher_count')} group by ${teachers.group}`.execute(db);
  for (const r of rows.rows) add(r.grp, 'teachers', r.n);

  if (wanted.items.length) {
    const s = scope('unit_competency_count');
    const levels = await sql<{ grp: string; item_id: string; basis: string; level_code: string; n: number }>`
      select ${s.group} as grp, unit_competency_count.item_id, unit_competency_count.basis,
        unit_competency_count.level_code, sum(unit_competency_count.teachers) as n
      from ${s.from} where ${s.where}${bySex('unit_competency_count')}
        and unit_competency_count.item_id in (${sql.join(wanted.items)})
      group by ${s.group}, unit_competency_count.item_id, unit_competency_count.basis, unit_competency_count.level_code`.execute(
      db,
    );
    for (const r of levels.rows) add(r.grp, `c:${r.item_id}:${r.basis}:${r.level_code}`, r.n);
  }

  if (wanted.facts.length || wanted.aspects.length) {
    const s = scope('unit_fact_count');
    const named = wanted.facts.length ? sql`unit_fact_count.fact in (${sql.join(wanted.facts)})` : sql`1 = 0`;
    // Ids are UUIDs (no LIKE wildcards); a unit has a few dozen fact rows, so no index is needed here.
    const ranges = wanted.aspects.map((id) => sql`unit_fact_count.fact like ${`aspect:${id}:%`}`);
    const facts = await sql<{ grp: string; fact: string; n: number }>`
      select ${s.group} as grp, unit_fact_count.fact, sum(unit_fact_count.value) as n
      from ${s.from} where ${s.where}${bySex('unit_fact_count')} and (${sql.join([named, ...ranges], sql` or `)})
      group by ${s.group}, unit_fact_count.fact`.execute(db);
    for (const r of facts.rows) add(r.grp, r.fact, r.n);
  }

  if (wanted.schools && grouping.by !== 'unitSex') {
    for (const r of await schoolCounts(db, tenantId, grouping)) {
      add(r.grp, 'schools', r.schools);
      add(r.grp, 'schools_with_plan', r.with_plan);
      add(r.grp, 'schools_with_partner', r.with_partner);
    }
  }

  // From the rounds' tallies (folded by the caller) where they hold the figure: a few rows per unit.
  const tallied = sex === undefined || grouping.by !== 'unitPlace';
  if (wanted.surveyRounds.length && tallied)
    for (const r of await talliedCounts(db, tenantId, grouping, sex, wanted.surveyRounds, null))
      add(r.grp, surveyRespondentsKey(r.round_id), r.n);
  else if (wanted.surveyRounds.length)
    for (const r of await surveyCounts(
      db,
      tenantId,
      grouping,
      sex,
      sql`r.round_id in (${sql.join(wanted.surveyRounds)})`,
      wanted.surveyReads,
      `rounds:${wanted.surveyRounds.join(',')}`,
    ))
      add(r.grp, surveyRespondentsKey(r.round_id), r.n);
  for (const a of wanted.surveyAnswers) {
    if (a.additive && tallied) {
      for (const r of await talliedCounts(db, tenantId, grouping, sex, [a.roundId], a)) add(r.grp, a.key, r.n);
      continue;
    }
    const item = a.item === null ? sql`` : sql` and a.item = ${a.item}`;
    const answered = sql`r.round_id = ${a.roundId} and exists (select 1 from survey_answer a
      where a.tenant_id = r.tenant_id and a.response_id = r.id and a.question_key = ${a.questionKey}${item}
        and a.value_text in (${sql.join(a.values)}))`;
    for (const r of await surveyCounts(db, tenantId, grouping, sex, answered, wanted.surveyReads, a.key))
      add(r.grp, a.key, r.n);
  }
  return out;
}

/**
 * Respondents per group from the rounds' tallies: of each round (`answer` null), or of one round who
 * gave one of some answers to a question that takes one answer per respondent (or per matrix row).
 * The tallies count a response at every unit above it, overall and per sex and per place.
 */
async function talliedCounts(
  db: Kysely<DB>,
  tenantId: string,
  grouping: Grouping,
  sex: string | undefined,
  roundIds: string[],
  answer: SurveyAnswerCount | null,
) {
  if (grouping.unitIds.length === 0) return [];
  const prefix = { unit: null, unitSex: 'sex:', unitPlace: 'place:' }[grouping.by];
  const groups = sex
    ? sql`t.grp = ${`sex:${sex}`}`
    : prefix
      ? sql`t.grp >= ${prefix} and t.grp < ${`${prefix.slice(0, -1)};`}`
      : sql`t.grp = ''`;
  const counted = answer
    ? sql`t.question_key = ${answer.questionKey} and t.item = ${answer.item ?? ''} and t.kind = 'c'
        and t.value_text in (${sql.join(answer.values)})`
    : sql`t.question_key = '' and t.item = '' and t.kind = 'r'`;
  // The units first, then each one's tally rows by key (SQLite keeps the order of a cross join).
  const rows = await sql<{ unit_id: string; grp: string; round_id: string; n: number }>`
    select g.id as unit_id, t.grp, t.round_id, sum(t.n) as n
    from org_unit g cross join survey_tally t
    where g.tenant_id = ${tenantId} and g.id in (${sql.join(grouping.unitIds)})
      and t.tenant_id = g.tenant_id and t.unit_path = g.path
      and t.round_id in (${sql.join(roundIds)}) and ${groups} and ${counted}
    group by g.id, t.grp, t.round_id`.execute(db);
  return rows.rows.map((r) => ({
    grp:
      prefix && !sex
        ? `${r.unit_id}|${r.grp.slice(prefix.length)}`
        : grouping.by === 'unitSex'
          ? `${r.unit_id}|${sex}`
          : r.unit_id,
    round_id: r.round_id,
    n: Number(r.n),
  }));
}

type SurveyRow = { unit_id: string; sex: string; place: string; round_id: string; n: number };

/**
 * Respondents per group and round among those `which` keeps: placed under a unit by the path of the
 * unit they answered from (as survey results place them), by place of work through that unit. The
 * responses are read once per request (`reads`, by `name`) at the finest grouping, unit, sex and
 * place, and each grouping sums from it.
 */
async function surveyCounts(
  db: Kysely<DB>,
  tenantId: string,
  grouping: Grouping,
  sex: string | undefined,
  which: RawBuilder<unknown>,
  reads: Map<string, Promise<SurveyRow[]>>,
  name: string,
) {
  if (grouping.unitIds.length === 0) return [];
  const key = `${name}|${sex ?? ''}|${grouping.unitIds.join(',')}`;
  let rows = reads.get(key);
  if (!rows) {
    rows = finestSurveyCounts(db, tenantId, grouping.unitIds, sex, which);
    reads.set(key, rows);
  }
  const summed = new Map<string, { grp: string; round_id: string; n: number }>();
  for (const r of await rows) {
    const grp = { unit: r.unit_id, unitSex: `${r.unit_id}|${r.sex}`, unitPlace: `${r.unit_id}|${r.place}` }[
      grouping.by
    ];
    const at = `${grp}\n${r.round_id}`;
    const sum = summed.get(at) ?? { grp, round_id: r.round_id, n: 0 };
    sum.n += Number(r.n);
    summed.set(at, sum);
  }
  return [...summed.values()];
}

function finestSurveyCounts(
  db: Kysely<DB>,
  tenantId: string,
  unitIds: string[],
  sex: string | undefined,
  which: RawBuilder<unknown>,
) {
  const bySex = sex ? sql` and r.sex = ${sex}` : sql``;
  // A respondent's place is the unit they answered from, where it is a place of work.
  const place = sql`case when u.type in (${sql.join(PLACES_OF_WORK)})
    then coalesce(u.locality, 'unknown') || '|' || u.type else ${OTHER_PLACE} end`;
  // The units first, then each one's respondents from the round's index by path (SQLite keeps the
  // order of a cross join; left to itself it may walk every response of the tenant instead).
  return sql<SurveyRow>`
    select c.unit_id, c.sex, ${place} as place, c.round_id, c.n
    from (
      select g.id as unit_id, r.sex, r.unit_id as at_unit, r.round_id, count(*) as n
      from org_unit g cross join survey_response r
      where g.tenant_id = ${tenantId} and g.id in (${sql.join(unitIds)}) and r.tenant_id = g.tenant_id
        and r.unit_path >= g.path and r.unit_path < substr(g.path, 1, length(g.path) - 1) || '0' and ${which}${bySex}
      group by g.id, r.sex, r.unit_id, r.round_id
    ) c join org_unit u on u.tenant_id = ${tenantId} and u.id = c.at_unit`
    .execute(db)
    .then((res) => res.rows);
}

/**
 * The round a survey fact reads: the one pinned, if it is of a questionnaire with that code, else the
 * latest of the code that has opened (greatest `opens_on`, then the latest created).
 */
export function surveyRoundOf(db: Kysely<DB>, tenantId: string, surveyCode: string, roundId: string | undefined) {
  let q = db
    .selectFrom('survey_round as r')
    .innerJoin('survey as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.survey_id'))
    .select(['r.id'])
    .where('r.tenant_id', '=', tenantId)
    .where('s.code', '=', surveyCode);
  q = roundId ? q.where('r.id', '=', roundId) : q.where('r.opens_on', '<=', todayIso());
  return q
    .orderBy('r.opens_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .executeTakeFirst()
    .then((r) => r?.id ?? null);
}

/** The definitions (JSON) of every version of the questionnaire with this code. */
export function surveyDefinitions(db: Kysely<DB>, tenantId: string, surveyCode: string) {
  return db
    .selectFrom('survey')
    .select(['definition'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', surveyCode)
    .execute()
    .then((rows) => rows.map((r) => r.definition));
}

/**
 * Schools per group, and those with a whole-school plan or a partnership in effect today, from the
 * running counts (school.counts.ts): grouped by unit, or by unit and the school's place.
 */
async function schoolCounts(db: Kysely<DB>, tenantId: string, grouping: Exclude<Grouping, { by: 'unitSex' }>) {
  const rows = await schoolCountsOf(db, tenantId, grouping.unitIds, todayIso());
  return rows.map((r) => ({ ...r, grp: grouping.by === 'unit' ? r.unit_id : `${r.unit_id}|${r.place}` }));
}

/** The framework of a published (or superseded or retired) version's item, if there is one. */
export function itemFramework(db: Kysely<DB>, tenantId: string, itemId: string) {
  return db
    .selectFrom('framework_item as i')
    .innerJoin('framework as f', (j) => j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.framework_id'))
    .select(['i.framework_id', 'i.type'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.id', '=', itemId)
    .where('f.status', 'in', ['published', 'superseded', 'retired'])
    .executeTakeFirst();
}
