import { type AliasedSelectQueryBuilder, type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type {
  DB,
  PersonFactTable,
  UnitCompetencyCountTable,
  UnitFactCountTable,
  UnitTeacherCountTable,
} from '../../db/schema.ts';
import { type KeyedTable, upsertByKey } from '../../db/upsert.ts';
import { subtreeUpperBound } from '../../shared/access.ts';
import { batches, KEYS_PER_STATEMENT, readInBatches } from '../../shared/batches.ts';
import { OTHER_PLACE, PLACES_OF_WORK } from './places.ts';

export type CompetencyCountRow = Selectable<UnitCompetencyCountTable>;
export type TeacherCountRow = Selectable<UnitTeacherCountTable>;
export type FactCountRow = Selectable<UnitFactCountTable>;
export type PersonFactRow = Selectable<PersonFactTable>;

const COMPETENCY_COUNTS: KeyedTable<CompetencyCountRow> = {
  table: 'unit_competency_count',
  key: ['tenant_id', 'unit_id', 'framework_id', 'item_id', 'basis', 'level_code', 'sex', 'place'],
  amount: 'teachers',
  amountType: 'integer',
  mode: 'add',
};
const TEACHER_COUNTS: KeyedTable<TeacherCountRow> = {
  table: 'unit_teacher_count',
  key: ['tenant_id', 'unit_id', 'sex', 'place'],
  amount: 'teachers',
  amountType: 'integer',
  mode: 'add',
};
const FACT_COUNTS: KeyedTable<FactCountRow> = {
  table: 'unit_fact_count',
  key: ['tenant_id', 'unit_id', 'fact', 'sex', 'place'],
  amount: 'value',
  amountType: 'double precision',
  mode: 'add',
};
const PERSON_FACTS: KeyedTable<PersonFactRow> = {
  table: 'person_fact',
  key: ['tenant_id', 'person_id', 'fact'],
  amount: 'value',
  amountType: 'double precision',
  mode: 'set',
};

/**
 * The competency and fact counts take their deltas in a pending table each (migration 0050): a write
 * appends a few rows at the end of a small table instead of updating a row of a large tree for each
 * unit above the teacher. Once FOLD_AT or more of the tenant's deltas wait in the two tables, a write
 * folds all of them into the counts (`appendedSinceCount` says when to count them); a write with
 * that many deltas of its own (a unit moved, a bulk change) adds them to the counts directly.
 * Readers read `withPending(table)`, where a key may appear several times, and sum; so a figure is
 * fresh in the writing transaction, folded or not. SQLite only: on PostgreSQL a deleted row stays in
 * the table until vacuumed, so the queue would grow by every delta folded between two vacuums and
 * every reader would scan them; there the deltas go to the counts directly and the pending tables
 * stay empty.
 */
export const FOLD_AT = 1_000;

const COUNTS = { unit_competency_count: COMPETENCY_COUNTS, unit_fact_count: FACT_COUNTS } as const;
const PENDING = {
  unit_competency_count: { ...COMPETENCY_COUNTS, table: 'unit_competency_pending', mode: 'append' },
  unit_fact_count: { ...FACT_COUNTS, table: 'unit_fact_pending', mode: 'append' },
} as const satisfies Record<string, KeyedTable<never>>;

type Counted = keyof typeof PENDING;

/** A count table and its pending deltas as one: sum its amount per key to read a figure. */
export function withPending<T extends Counted>(db: Kysely<DB>, table: T) {
  const columns = [...PENDING[table].key, PENDING[table].amount] as const;
  const pending = PENDING[table].table;
  return db
    .selectFrom(table as Counted)
    .select(columns as never)
    .unionAll(db.selectFrom(pending).select(columns as never))
    .as(table) as unknown as AliasedSelectQueryBuilder<DB[T], T>;
}

/**
 * Deltas this process appended per tenant since it last counted the pending tables: the tables are
 * counted only once it has appended FOLD_AT, so a write does not count them every time. A rolled-back
 * write only moves the count earlier; what waits stays bounded by FOLD_AT per writing process.
 */
const appendedSinceCount = new Map<string, number>();

async function addPending<Row extends { tenant_id: string }>(
  db: Kysely<DB>,
  table: Counted,
  rows: Row[],
): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length >= FOLD_AT || db.getExecutor().adapter instanceof PostgresAdapter)
    return upsertByKey(db, COUNTS[table] as unknown as KeyedTable<Row>, rows);
  const spec = PENDING[table];
  await upsertByKey(db, spec as unknown as KeyedTable<Row>, rows);
  const tenantId = rows[0]!.tenant_id;
  const appended = (appendedSinceCount.get(tenantId) ?? 0) + rows.length;
  if (appended < FOLD_AT) {
    appendedSinceCount.set(tenantId, appended);
    return;
  }
  appendedSinceCount.delete(tenantId);
  const waiting = async (pending: 'unit_competency_pending' | 'unit_fact_pending') =>
    Number(
      (
        await db
          .selectFrom(pending)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('tenant_id', '=', tenantId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if ((await waiting('unit_competency_pending')) + (await waiting('unit_fact_pending')) >= FOLD_AT)
    await foldPending(db, tenantId);
}

/** Moves a tenant's pending deltas into the counts in the caller's transaction: taken, summed, upserted. */
async function foldPending(db: Kysely<DB>, tenantId: string) {
  const competencies = await db
    .deleteFrom('unit_competency_pending')
    .where('tenant_id', '=', tenantId)
    .returningAll()
    .execute();
  await upsertByKey(db, COMPETENCY_COUNTS, summed(competencies, COMPETENCY_COUNTS));
  const facts = await db.deleteFrom('unit_fact_pending').where('tenant_id', '=', tenantId).returningAll().execute();
  await upsertByKey(db, FACT_COUNTS, summed(facts, FACT_COUNTS));
}

/** Rows summed per key, noughts left out. */
function summed<Row>(rows: readonly Row[], spec: KeyedTable<Row>): Row[] {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const key = spec.key.map((c) => r[c]).join('\u0000');
    const seen = out.get(key);
    if (seen) (seen[spec.amount] as number) += Number(r[spec.amount]);
    else out.set(key, { ...r, [spec.amount]: Number(r[spec.amount]) });
  }
  return [...out.values()].filter((r) => r[spec.amount] !== 0);
}

/** Adds signed deltas to the competency counts (pending until folded). */
export const addCompetencyCounts = (db: Kysely<DB>, rows: CompetencyCountRow[]) =>
  addPending(db, 'unit_competency_count', summed(rows, COMPETENCY_COUNTS));

/** Adds signed deltas to the teacher counts (these change only when teachers join, leave or move). */
export const addTeacherCounts = (db: Kysely<DB>, rows: TeacherCountRow[]) =>
  upsertByKey(db, TEACHER_COUNTS, summed(rows, TEACHER_COUNTS));

/** Adds signed deltas to the fact counts (pending until folded). */
export const addFactCounts = (db: Kysely<DB>, rows: FactCountRow[]) =>
  addPending(db, 'unit_fact_count', summed(rows, FACT_COUNTS));

export function personFactsOf(db: Kysely<DB>, tenantId: string, personIds: string[]): Promise<PersonFactRow[]> {
  return readInBatches(personIds, (ids) =>
    db.selectFrom('person_fact').selectAll().where('tenant_id', '=', tenantId).where('person_id', 'in', ids).execute(),
  );
}

/** Sets these facts of these people to the given values; a nought removes the row. */
export async function putPersonFacts(db: Kysely<DB>, rows: PersonFactRow[]) {
  const gone = rows.filter((r) => r.value === 0);
  const kept = rows.filter((r) => r.value !== 0);
  for (const r of gone)
    await db
      .deleteFrom('person_fact')
      .where('tenant_id', '=', r.tenant_id)
      .where('person_id', '=', r.person_id)
      .where('fact', '=', r.fact)
      .execute();
  await upsertByKey(db, PERSON_FACTS, kept);
}

/** Statuses of several people: what aspect attainment is worked out from. */
export function statusesOfPeople(db: Kysely<DB>, tenantId: string, personIds: string[]) {
  return readInBatches(personIds, (ids) =>
    db
      .selectFrom('competency_status')
      .select([
        'person_id',
        'framework_id',
        'item_id',
        'self_event_id',
        'self_level_code',
        'confirmed_event_id',
        'confirmed_level_code',
      ])
      .where('tenant_id', '=', tenantId)
      .where('person_id', 'in', ids)
      .execute(),
  );
}

/** What of a person's activity to read: each part is one statement, read only when its facts are refreshed. */
export interface ActivityParts {
  submitted: boolean;
  plans: boolean;
  hours: boolean;
}

/** Self-assessments submitted, agreed plans and CPD hours of several people (the parts asked for). */
export async function activityOf(db: Kysely<DB>, tenantId: string, personIds: string[], wanted: ActivityParts) {
  const parts = await Promise.all(
    batches(personIds, KEYS_PER_STATEMENT).map((ids) => activityOfSome(db, tenantId, ids, wanted)),
  );
  return {
    submitted: parts.flatMap((p) => p.submitted),
    plans: parts.flatMap((p) => p.plans),
    hours: parts.flatMap((p) => p.hours),
  };
}

async function activityOfSome(db: Kysely<DB>, tenantId: string, personIds: string[], wanted: ActivityParts) {
  const none = Promise.resolve([]);
  const [submitted, plans, hours] = await Promise.all([
    wanted.submitted
      ? db
          .selectFrom('self_assessment')
          .select('person_id')
          .distinct()
          .where('tenant_id', '=', tenantId)
          .where('person_id', 'in', personIds)
          .where('status', '=', 'submitted')
          .execute()
      : none,
    wanted.plans
      ? db
          .selectFrom('development_plan')
          .select('person_id')
          .distinct()
          .where('tenant_id', '=', tenantId)
          .where('person_id', 'in', personIds)
          .where('status', 'in', ['agreed', 'active', 'done'])
          .execute()
      : none,
    wanted.hours
      ? db
          .selectFrom('training_enrolment')
          .select(['person_id', (eb) => eb.fn.sum<number>('cpd_hours').as('hours')])
          .where('tenant_id', '=', tenantId)
          .where('person_id', 'in', personIds)
          .where('result', '=', 'completed')
          .groupBy('person_id')
          .execute()
      : none,
  ]);
  return { submitted, plans, hours };
}

/** The sources of practice and coaching facts a refresh reads (the others are not read). */
export interface PracticeSources {
  /** Submitted lesson observations. */
  observed: boolean;
  /** Cycles not closed. */
  cycles: boolean;
  /** Follow-through visits recorded. */
  visits: boolean;
  /** Activity designs shared beyond their author. */
  designs: boolean;
  /** Library resources reported used in class. */
  library: boolean;
  /** Coaching visits recorded on their own (with the observations, what the coaching facts count). */
  coachingVisits: boolean;
}

/** What a teacher's practice and coaching facts are worked out from, the sources asked for. */
export async function practiceOf(db: Kysely<DB>, tenantId: string, personIds: string[], sources: PracticeSources) {
  const parts = await Promise.all(
    batches(personIds, KEYS_PER_STATEMENT).map((ids) => practiceOfSome(db, tenantId, ids, sources)),
  );
  const rows = parts.flat();
  const of = (kind: PracticeRow['kind']) => rows.filter((r) => r.kind === kind);
  return {
    observed: of('observed').map((r) => ({
      person_id: r.person_id,
      lesson_date: r.a!,
      ict_users: r.b!,
      student_centredness: r.n === null ? null : Number(r.n),
    })),
    cycles: of('cycle').map((r) => ({ person_id: r.person_id })),
    visits: of('visit').map((r) => ({ person_id: r.person_id, due_on: r.a!, visited_on: r.b })),
    designs: of('designs').map((r) => ({ person_id: r.person_id, shared: Number(r.n) })),
    libraryUses: of('library').map((r) => ({ person_id: r.person_id })),
    coachingVisits: of('coaching').map((r) => ({ person_id: r.person_id, visits: Number(r.n) })),
  };
}

interface PracticeRow {
  kind: 'observed' | 'cycle' | 'visit' | 'designs' | 'library' | 'coaching';
  person_id: string;
  a: string | null;
  b: string | null;
  n: number | string | null;
}

/**
 * One statement for the sources asked for (a refresh runs in the writer's transaction, where each
 * statement counts, and a source not asked for costs nothing): each branch is read from its table's
 * index by person. The casts give PostgreSQL one type per column across the branches.
 */
async function practiceOfSome(db: Kysely<DB>, tenantId: string, personIds: string[], sources: PracticeSources) {
  const ids = sql.join(personIds);
  const branches = [
    sources.observed &&
      sql`select 'observed' as kind, teacher_person_id as person_id, lesson_date as a, ict_users as b,
        cast(student_centredness as bigint) as n
      from lesson_observation
      where tenant_id = ${tenantId} and teacher_person_id in (${ids}) and status = 'submitted'`,
    sources.cycles &&
      sql`select distinct 'cycle' as kind, teacher_person_id as person_id, cast(null as text) as a,
        cast(null as text) as b, cast(null as bigint) as n
      from coaching_cycle where tenant_id = ${tenantId} and teacher_person_id in (${ids}) and status != 'closed'`,
    sources.visits &&
      sql`select 'visit' as kind, teacher_person_id as person_id, due_on as a, visited_on as b, cast(null as bigint) as n
      from follow_through_visit where tenant_id = ${tenantId} and teacher_person_id in (${ids}) and status = 'done'`,
    sources.designs &&
      sql`select 'designs' as kind, author_person_id as person_id, cast(null as text) as a, cast(null as text) as b,
        count(*) as n
      from activity_design where tenant_id = ${tenantId} and author_person_id in (${ids}) and sharing != 'private'
      group by author_person_id`,
    sources.library &&
      sql`select distinct 'library' as kind, person_id, cast(null as text) as a, cast(null as text) as b,
        cast(null as bigint) as n
      from resource_use where tenant_id = ${tenantId} and person_id in (${ids})`,
    sources.coachingVisits &&
      sql`select 'coaching' as kind, person_id, cast(null as text) as a, cast(null as text) as b, count(*) as n
      from coaching_visit where tenant_id = ${tenantId} and person_id in (${ids}) group by person_id`,
  ].filter((b) => b !== false);
  if (branches.length === 0) return [];
  const result = await sql<PracticeRow>`${sql.join(branches, sql` union all `)}`.execute(db);
  return result.rows;
}

/** One page of a tenant's people by id (keyset): the rebuild walks everyone in pages. */
export function personIdsAfter(db: Kysely<DB>, tenantId: string, after: string, limit: number) {
  return db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

export function factCountsOf(db: Kysely<DB>, tenantId: string, unitIds: string[]): Promise<FactCountRow[]> {
  const key = FACT_COUNTS.key;
  return readInBatches(unitIds, (ids) =>
    db
      .selectFrom(withPending(db, 'unit_fact_count'))
      .select([...key, (eb) => eb.fn.sum<number>('value').as('value')])
      .where('tenant_id', '=', tenantId)
      .where('unit_id', 'in', ids)
      .groupBy([...key])
      .having((eb) => eb.fn.sum('value'), '!=', 0)
      .execute(),
  );
}

export function competencyCountsOf(db: Kysely<DB>, tenantId: string, unitIds: string[]): Promise<CompetencyCountRow[]> {
  const key = COMPETENCY_COUNTS.key;
  return readInBatches(unitIds, (ids) =>
    db
      .selectFrom(withPending(db, 'unit_competency_count'))
      .select([...key, (eb) => eb.fn.sum<number>('teachers').as('teachers')])
      .where('tenant_id', '=', tenantId)
      .where('unit_id', 'in', ids)
      .groupBy([...key])
      .having((eb) => eb.fn.sum('teachers'), '!=', 0)
      .execute(),
  );
}

/** Teachers per (unit, item, level, sex) for one basis: the dashboard decides what it shows over every sex. */
export function levelCountsOf(
  db: Kysely<DB>,
  tenantId: string,
  unitIds: string[],
  filter: { frameworkId: string; basis: string },
) {
  return readInBatches(unitIds, (ids) =>
    db
      .selectFrom(withPending(db, 'unit_competency_count'))
      .select(['unit_id', 'item_id', 'level_code', 'sex', (eb) => eb.fn.sum<number>('teachers').as('teachers')])
      .where('tenant_id', '=', tenantId)
      .where('unit_id', 'in', ids)
      .where('framework_id', '=', filter.frameworkId)
      .where('basis', '=', filter.basis)
      .groupBy(['unit_id', 'item_id', 'level_code', 'sex'])
      .having((eb) => eb.fn.sum('teachers'), '!=', 0)
      .execute(),
  );
}

export function teacherCountsOf(db: Kysely<DB>, tenantId: string, unitIds: string[]): Promise<TeacherCountRow[]> {
  return readInBatches(unitIds, (ids) =>
    db
      .selectFrom('unit_teacher_count')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('unit_id', 'in', ids)
      .where('teachers', '!=', 0)
      .execute(),
  );
}

export function allCounts(db: Kysely<DB>, tenantId: string) {
  return Promise.all([
    db
      .selectFrom(withPending(db, 'unit_competency_count'))
      .select([...COMPETENCY_COUNTS.key, (eb) => eb.fn.sum<number>('teachers').as('teachers')])
      .where('tenant_id', '=', tenantId)
      .groupBy([...COMPETENCY_COUNTS.key])
      .having((eb) => eb.fn.sum('teachers'), '!=', 0)
      .orderBy(['unit_id', 'framework_id', 'item_id', 'basis', 'level_code', 'sex', 'place'])
      .execute(),
    db
      .selectFrom('unit_teacher_count')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('teachers', '!=', 0)
      .orderBy(['unit_id', 'sex', 'place'])
      .execute(),
    db
      .selectFrom(withPending(db, 'unit_fact_count'))
      .select([...FACT_COUNTS.key, (eb) => eb.fn.sum<number>('value').as('value')])
      .where('tenant_id', '=', tenantId)
      .groupBy([...FACT_COUNTS.key])
      .having((eb) => eb.fn.sum('value'), '!=', 0)
      .orderBy(['unit_id', 'fact', 'sex', 'place'])
      .execute(),
    db.selectFrom('person_fact').selectAll().where('tenant_id', '=', tenantId).orderBy(['person_id', 'fact']).execute(),
  ]);
}

/** The rows of some units: what each one's whole subtree contributes to the units above it. */
export async function countsOfUnits(db: Kysely<DB>, tenantId: string, unitIds: string[]) {
  const [competencies, teachers, facts] = await Promise.all([
    competencyCountsOf(db, tenantId, unitIds),
    teacherCountsOf(db, tenantId, unitIds),
    factCountsOf(db, tenantId, unitIds),
  ]);
  return { competencies, teachers, facts };
}

/** A unit and every unit below it, top first (what a change of place reads). */
export function unitsUnder(db: Kysely<DB>, tenantId: string, path: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'parent_id', 'path', 'type'])
    .where('tenant_id', '=', tenantId)
    .where('path', '>=', path)
    .where('path', '<', subtreeUpperBound(path))
    .orderBy('path')
    .execute();
}

/**
 * Recomputes both tables of a tenant from the people and the status projection, set-based: teachers
 * are counted per unit they sit in, then added to that unit and each unit above it (`above` pairs
 * every unit with itself and its ancestors, walked up by parent). This reads across modules' tables
 * on purpose: it is the rebuild of a projection over all of them.
 */
export async function rebuildCounts(db: Kysely<DB>, tenantId: string) {
  await db.deleteFrom('unit_competency_count').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('unit_competency_pending').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('unit_teacher_count').where('tenant_id', '=', tenantId).execute();
  const sexOf = sql.raw(`coalesce(p.sex, 'unknown')`);
  const tree = unitTree(tenantId);
  await sql`
    with recursive ${tree},
    direct as (
      select p.org_unit_id as unit_id, ${sexOf} as sex, count(*) as n
      from person p
      where p.tenant_id = ${tenantId} and p.category = 'teacher'
      group by p.org_unit_id, ${sexOf}
    )
    insert into unit_teacher_count (tenant_id, unit_id, sex, place, teachers)
    select ${tenantId}, above.ancestor_id, direct.sex, placed.place, sum(direct.n)
    from direct join above on above.unit_id = direct.unit_id join placed on placed.id = direct.unit_id
    group by above.ancestor_id, direct.sex, placed.place
  `.execute(db);
  await sql`
    with recursive ${tree},
    direct as (
      select p.org_unit_id as unit_id, c.framework_id, c.item_id, 'self' as basis,
        coalesce(c.self_level_code, 'not_yet') as level_code, ${sexOf} as sex, count(*) as n
      from competency_status c
      join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and p.category = 'teacher' and c.self_event_id is not null
      group by p.org_unit_id, c.framework_id, c.item_id, coalesce(c.self_level_code, 'not_yet'), ${sexOf}
      union all
      select p.org_unit_id as unit_id, c.framework_id, c.item_id, 'confirmed' as basis,
        coalesce(c.confirmed_level_code, 'not_yet') as level_code, ${sexOf} as sex, count(*) as n
      from competency_status c
      join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and p.category = 'teacher' and c.confirmed_event_id is not null
      group by p.org_unit_id, c.framework_id, c.item_id, coalesce(c.confirmed_level_code, 'not_yet'), ${sexOf}
    )
    insert into unit_competency_count (tenant_id, unit_id, framework_id, item_id, basis, level_code, sex, place, teachers)
    select ${tenantId}, above.ancestor_id, direct.framework_id, direct.item_id, direct.basis, direct.level_code,
      direct.sex, placed.place, sum(direct.n)
    from direct join above on above.unit_id = direct.unit_id join placed on placed.id = direct.unit_id
    group by above.ancestor_id, direct.framework_id, direct.item_id, direct.basis, direct.level_code, direct.sex,
      placed.place
  `.execute(db);
  await rebuildFactCounts(db, tenantId);
  // Fresh statistics, or PostgreSQL plans the dashboards' reads as if the tables were empty.
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`analyze unit_competency_count, unit_teacher_count, unit_fact_count, person_fact`.execute(db);
}

/** The unit figures of person facts, summed from `person_fact` over every unit above each teacher. */
async function rebuildFactCounts(db: Kysely<DB>, tenantId: string) {
  await db.deleteFrom('unit_fact_count').where('tenant_id', '=', tenantId).execute();
  await db.deleteFrom('unit_fact_pending').where('tenant_id', '=', tenantId).execute();
  const sexOf = sql.raw(`coalesce(p.sex, 'unknown')`);
  await sql`
    with recursive ${unitTree(tenantId)},
    direct as (
      select p.org_unit_id as unit_id, f.fact, ${sexOf} as sex, sum(f.value) as value
      from person_fact f
      join person p on p.tenant_id = f.tenant_id and p.id = f.person_id
      where f.tenant_id = ${tenantId} and p.category = 'teacher'
      group by p.org_unit_id, f.fact, ${sexOf}
    )
    insert into unit_fact_count (tenant_id, unit_id, fact, sex, place, value)
    select ${tenantId}, above.ancestor_id, direct.fact, direct.sex, placed.place, sum(direct.value)
    from direct join above on above.unit_id = direct.unit_id join placed on placed.id = direct.unit_id
    group by above.ancestor_id, direct.fact, direct.sex, placed.place
  `.execute(db);
}

/**
 * Two views of the tree: `above (unit_id, ancestor_id)` pairs every unit with itself and each unit
 * above it, walked up by parent; `placed (id, place)` gives every unit the place its teachers are
 * counted under (places.ts), walked down from the top.
 */
function unitTree(tenantId: string) {
  const places = sql.join(PLACES_OF_WORK);
  return sql`
    above (unit_id, ancestor_id) as (
      select id, id from org_unit where tenant_id = ${tenantId}
      union all
      select above.unit_id, u.parent_id from above
      join org_unit u on u.tenant_id = ${tenantId} and u.id = above.ancestor_id
      where u.parent_id is not null
    ),
    placed (id, place) as (
      select id, case when type in (${places}) then coalesce(locality, 'unknown') || '|' || type
        else ${OTHER_PLACE} end
      from org_unit where tenant_id = ${tenantId} and parent_id is null
      union all
      select u.id, case when u.type in (${places}) then coalesce(u.locality, 'unknown') || '|' || u.type
        else placed.place end
      from placed join org_unit u on u.tenant_id = ${tenantId} and u.parent_id = placed.id
    )`;
}

/** The years whose competency counts were recorded, oldest first, with the version each is of. */
export function recordedCompetencyYears(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('competency_year')
    .select(['year', 'framework_id'])
    .where('tenant_id', '=', tenantId)
    .orderBy('year')
    .execute();
}

/** `levelCountsOf` as recorded for a closed year (one version per year, named by `competency_year`). */
export function levelCountsIn(
  db: Kysely<DB>,
  tenantId: string,
  unitIds: string[],
  filter: { year: number; basis: string },
) {
  return readInBatches(unitIds, (ids) =>
    db
      .selectFrom('unit_competency_year')
      .select(['unit_id', 'item_id', 'level_code', 'sex', 'teachers'])
      .where('tenant_id', '=', tenantId)
      .where('year', '=', filter.year)
      .where('unit_id', 'in', ids)
      .where('basis', '=', filter.basis)
      .execute(),
  );
}

/** `teacherCountsOf` as recorded for a closed year. */
export function teacherCountsIn(db: Kysely<DB>, tenantId: string, unitIds: string[], year: number) {
  return readInBatches(unitIds, (ids) =>
    db
      .selectFrom('unit_teacher_year')
      .select(['unit_id', 'sex', 'teachers'])
      .where('tenant_id', '=', tenantId)
      .where('year', '=', year)
      .where('unit_id', 'in', ids)
      .execute(),
  );
}

/**
 * Records today's counts of one version as `year`'s, replacing an earlier record of that year: two
 * set-based copies, so a nation's counts never pass through the process.
 */
export async function recordCompetencyYear(
  db: Kysely<DB>,
  tenantId: string,
  year: number,
  frameworkId: string,
  at: string,
) {
  for (const table of ['unit_competency_year', 'unit_teacher_year', 'competency_year'] as const)
    await db.deleteFrom(table).where('tenant_id', '=', tenantId).where('year', '=', year).execute();
  await db
    .insertInto('competency_year')
    .values({ tenant_id: tenantId, year, framework_id: frameworkId, recorded_at: at })
    .execute();
  const theYear = sql.lit(year).as('year');
  await db
    .insertInto('unit_competency_year')
    .columns(['tenant_id', 'year', 'unit_id', 'item_id', 'basis', 'level_code', 'sex', 'teachers'])
    .expression(
      db
        .selectFrom(withPending(db, 'unit_competency_count'))
        .select(['tenant_id', theYear, 'unit_id', 'item_id', 'basis', 'level_code', 'sex'])
        .select((eb) => eb.fn.sum<number>('teachers').as('teachers'))
        .where('tenant_id', '=', tenantId)
        .where('framework_id', '=', frameworkId)
        .groupBy(['tenant_id', 'unit_id', 'item_id', 'basis', 'level_code', 'sex'])
        .having((eb) => eb.fn.sum('teachers'), '!=', 0),
    )
    .execute();
  await db
    .insertInto('unit_teacher_year')
    .columns(['tenant_id', 'year', 'unit_id', 'sex', 'teachers'])
    .expression(
      db
        .selectFrom('unit_teacher_count')
        .select(['tenant_id', theYear, 'unit_id', 'sex'])
        .select((eb) => eb.fn.sum<number>('teachers').as('teachers'))
        .where('tenant_id', '=', tenantId)
        .groupBy(['tenant_id', 'unit_id', 'sex'])
        .having((eb) => eb.fn.sum('teachers'), '!=', 0),
    )
    .execute();
}
