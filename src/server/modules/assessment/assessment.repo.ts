import { type Kysely, PostgresAdapter, type Selectable, sql } from 'kysely';
import type {
  AssessmentEventTable,
  CoachingVisitTable,
  CompetencyStatusTable,
  DB,
  EvidenceTable,
  ObservationTable,
  ReviewRequestTable,
  SelfAssessmentTable,
} from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type EventRow = Selectable<AssessmentEventTable>;
export type StatusRow = Selectable<CompetencyStatusTable>;
export type SelfAssessmentRow = Selectable<SelfAssessmentTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type ReviewRow = Selectable<ReviewRequestTable>;
export type ObservationRow = Selectable<ObservationTable>;
export type CoachingRow = Selectable<CoachingVisitTable>;

/** Which projection column an event kind feeds. */
export type StatusColumn = 'self' | 'confirmed' | 'trained';
export function columnFor(kind: string): StatusColumn {
  if (kind === 'self') return 'self';
  if (kind === 'training') return 'trained';
  return 'confirmed';
}

// ---- the ledger (insert and read only: there is no update or delete of assessment_event) ----

export async function insertEvents(db: Kysely<DB>, rows: EventRow[]) {
  await writeInBatches(rows, rowsPerStatement(18), (batch) =>
    db.insertInto('assessment_event').values(batch).execute(),
  );
}

export function getEvent(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('assessment_event')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function supersederOf(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('assessment_event')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('supersedes_id', '=', id)
    .executeTakeFirst();
}

export function eventsOfPerson(db: Kysely<DB>, tenantId: string, personId: string, frameworkId?: string) {
  let q = db
    .selectFrom('assessment_event as e')
    .leftJoin('assessment_event as s', (j) =>
      j.onRef('s.tenant_id', '=', 'e.tenant_id').onRef('s.supersedes_id', '=', 'e.id'),
    )
    .leftJoin('user_account as a', (j) =>
      j.onRef('a.tenant_id', '=', 'e.tenant_id').onRef('a.id', '=', 'e.actor_account_id'),
    )
    .selectAll('e')
    .select(['s.id as superseded_by_id', 'a.username as actor_username'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.person_id', '=', personId);
  if (frameworkId) q = q.where('e.framework_id', '=', frameworkId);
  return q.orderBy('e.recorded_at', 'desc').orderBy('e.id', 'desc').execute();
}

/** The latest effective (not void, not superseded) event of one column for one person and item. */
export function latestEffective(db: Kysely<DB>, tenantId: string, personId: string, itemId: string, kinds: string[]) {
  return db
    .selectFrom('assessment_event as e')
    .selectAll('e')
    .where('e.tenant_id', '=', tenantId)
    .where('e.person_id', '=', personId)
    .where('e.item_id', '=', itemId)
    .where('e.kind', 'in', kinds)
    .where('e.is_void', '=', 0)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assessment_event as s')
            .select('s.id')
            .whereRef('s.tenant_id', '=', 'e.tenant_id')
            .whereRef('s.supersedes_id', '=', 'e.id'),
        ),
      ),
    )
    .orderBy('e.effective_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

// ---- the projection ----

const POINTERS = {
  self: { id: 'self_event_id', at: 'self_at' },
  confirmed: { id: 'confirmed_event_id', at: 'confirmed_at' },
  trained: { id: 'trained_event_id', at: 'trained_at' },
} as const;

function pointerValues(column: StatusColumn, event: EventRow | null): Partial<StatusRow> {
  if (column === 'self')
    return {
      self_event_id: event?.id ?? null,
      self_level_code: event?.level_code ?? null,
      self_at: event?.effective_at ?? null,
    };
  if (column === 'confirmed')
    return {
      confirmed_event_id: event?.id ?? null,
      confirmed_level_code: event?.level_code ?? null,
      confirmed_kind: event?.kind ?? null,
      confirmed_at: event?.effective_at ?? null,
    };
  return { trained_event_id: event?.id ?? null, trained_at: event?.effective_at ?? null };
}

/**
 * Points each event's column at it unless the row already points at a later event. The condition
 * sits in the upsert itself, so concurrent writers settle on the latest event whatever order they
 * commit in. One statement per column for the whole batch.
 */
export async function advanceStatus(db: Kysely<DB>, events: EventRow[]) {
  const latest = new Map<string, EventRow>();
  for (const event of events) {
    const key = `${event.person_id}|${event.item_id}|${columnFor(event.kind)}`;
    const seen = latest.get(key);
    if (
      !seen ||
      seen.effective_at < event.effective_at ||
      (seen.effective_at === event.effective_at && seen.id < event.id)
    )
      latest.set(key, event);
  }
  for (const column of ['self', 'confirmed', 'trained'] as const) {
    const batch = [...latest.values()].filter((e) => columnFor(e.kind) === column);
    if (batch.length === 0) continue;
    const { id, at } = POINTERS[column];
    const changed = Object.keys(pointerValues(column, null)) as (keyof StatusRow)[];
    // A results file of 3,000 completions projects 3,000 rows of 13 columns: more than one statement binds.
    await writeInBatches(batch, rowsPerStatement(13), (rows) =>
      db
        .insertInto('competency_status')
        .values(
          rows.map(
            (event) =>
              ({
                tenant_id: event.tenant_id,
                person_id: event.person_id,
                item_id: event.item_id,
                framework_id: event.framework_id,
                ...pointerValues('self', null),
                ...pointerValues('confirmed', null),
                ...pointerValues('trained', null),
                ...pointerValues(column, event),
              }) as StatusRow,
          ),
        )
        .onConflict((oc) =>
          oc
            .columns(['tenant_id', 'person_id', 'item_id'])
            .doUpdateSet((eb) => Object.fromEntries(changed.map((c) => [c, eb.ref(`excluded.${c}`)])))
            .where((eb) =>
              eb.or([
                eb(`competency_status.${at}`, 'is', null),
                eb(`competency_status.${at}`, '<', eb.ref(`excluded.${at}`)),
                eb.and([
                  eb(`competency_status.${at}`, '=', eb.ref(`excluded.${at}`)),
                  eb(`competency_status.${id}`, '<', eb.ref(`excluded.${id}`)),
                ]),
              ]),
            ),
        )
        .execute(),
    );
  }
}

/** Repoints the column from `fromEventId` to `event` (or to nothing); a no-op if it points elsewhere. */
export async function repointStatus(
  db: Kysely<DB>,
  tenantId: string,
  personId: string,
  itemId: string,
  column: StatusColumn,
  fromEventId: string,
  event: EventRow | null,
) {
  await db
    .updateTable('competency_status')
    .set(pointerValues(column, event))
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('item_id', '=', itemId)
    .where(POINTERS[column].id, '=', fromEventId)
    .execute();
}

export function statusOf(db: Kysely<DB>, tenantId: string, personId: string, frameworkId?: string) {
  let q = db
    .selectFrom('competency_status')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId);
  if (frameworkId) q = q.where('framework_id', '=', frameworkId);
  return q.execute();
}

/** The status rows of these items, of everyone or of some people (carrying statuses into a new version). */
export function statusOfItems(db: Kysely<DB>, tenantId: string, itemIds: string[], personIds?: string[]) {
  return readInBatches([...new Set(itemIds)], (items) => {
    let q = db
      .selectFrom('competency_status')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('item_id', 'in', items);
    if (personIds) q = q.where('person_id', 'in', personIds);
    return q.execute();
  });
}

export function eventsByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return readInBatches([...new Set(ids)], (batch) =>
    db.selectFrom('assessment_event').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', batch).execute(),
  );
}

/** Per item, the people with a self-assessed or confirmed level. */
export function ratingCounts(db: Kysely<DB>, tenantId: string, itemIds: string[]) {
  return readInBatches([...new Set(itemIds)], (items) =>
    db
      .selectFrom('competency_status')
      .select(['item_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('item_id', 'in', items)
      .where((eb) => eb.or([eb('self_event_id', 'is not', null), eb('confirmed_event_id', 'is not', null)]))
      .groupBy('item_id')
      .execute(),
  );
}

/** The status rows of these people for these items (a batch's before-and-after picture). */
export function statusFor(db: Kysely<DB>, tenantId: string, personIds: string[], itemIds: string[]) {
  return readInBatches([...new Set(personIds)], (people) =>
    readInBatches([...new Set(itemIds)], (items) =>
      db
        .selectFrom('competency_status')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('person_id', 'in', people)
        .where('item_id', 'in', items)
        .execute(),
    ),
  );
}

export function allStatus(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('competency_status')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .orderBy('person_id')
    .orderBy('item_id')
    .execute();
}

/**
 * Recomputes the projection of a tenant from the ledger in one set-based statement: for each
 * (person, item, column) the latest event that is neither void nor superseded.
 */
export async function rebuildStatus(db: Kysely<DB>, tenantId: string): Promise<number> {
  await db.deleteFrom('competency_status').where('tenant_id', '=', tenantId).execute();
  const pick = (col: string, field: string) => sql.raw(`max(case when col = '${col}' then ${field} end)`);
  const result = await sql`
    insert into competency_status (tenant_id, person_id, item_id, framework_id,
      self_event_id, self_level_code, self_at,
      confirmed_event_id, confirmed_level_code, confirmed_kind, confirmed_at,
      trained_event_id, trained_at)
    select ${tenantId}, person_id, item_id, max(framework_id),
      ${pick('self', 'id')}, ${pick('self', 'level_code')}, ${pick('self', 'effective_at')},
      ${pick('confirmed', 'id')}, ${pick('confirmed', 'level_code')}, ${pick('confirmed', 'kind')},
      ${pick('confirmed', 'effective_at')},
      ${pick('trained', 'id')}, ${pick('trained', 'effective_at')}
    from (
      select e.person_id, e.item_id, e.framework_id, e.id, e.level_code, e.kind, e.effective_at,
        case e.kind when 'self' then 'self' when 'training' then 'trained' else 'confirmed' end as col,
        row_number() over (
          partition by e.person_id, e.item_id,
            case e.kind when 'self' then 'self' when 'training' then 'trained' else 'confirmed' end
          order by e.effective_at desc, e.id desc
        ) as rn
      from assessment_event e
      where e.tenant_id = ${tenantId} and e.is_void = 0
        and not exists (
          select 1 from assessment_event s where s.tenant_id = e.tenant_id and s.supersedes_id = e.id
        )
    ) ranked
    where rn = 1
    group by person_id, item_id
  `.execute(db);
  // Fresh statistics, or PostgreSQL plans reads of the rebuilt table as if it were empty.
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`analyze competency_status`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Self-assessed levels of the people under `roots` (the group report). */
export function selfLevelsUnder(db: Kysely<DB>, tenantId: string, roots: string[], frameworkId: string) {
  return db
    .selectFrom('competency_status as c')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.person_id'))
    .select(['c.item_id', 'c.self_level_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.tenant_id', '=', tenantId)
    .where('c.framework_id', '=', frameworkId)
    .where('c.self_event_id', 'is not', null)
    .where('p.category', '=', 'teacher')
    .where((eb) => pathUnder(eb, 'p.org_path', roots))
    .groupBy(['c.item_id', 'c.self_level_code'])
    .execute();
}

/**
 * Teachers under `roots` with a self-assessed level in this version: submitted on it, or carried into
 * it from the version it superseded.
 */
export async function respondentsUnder(db: Kysely<DB>, tenantId: string, roots: string[], frameworkId: string) {
  const row = await db
    .selectFrom('competency_status as s')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.person_id'))
    .select((eb) => eb.fn.count<number>('s.person_id').distinct().as('n'))
    .where('s.tenant_id', '=', tenantId)
    .where('s.framework_id', '=', frameworkId)
    .where('s.self_event_id', 'is not', null)
    .where('p.category', '=', 'teacher')
    .where((eb) => pathUnder(eb, 'p.org_path', roots))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- self-assessments ----

/** The newest self-assessment of a person for a version, open or submitted. */
export function latestSelfAssessment(db: Kysely<DB>, tenantId: string, personId: string, frameworkId: string) {
  return db
    .selectFrom('self_assessment')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('framework_id', '=', frameworkId)
    .orderBy('started_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function getSelfAssessment(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('self_assessment')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertSelfAssessment(db: Kysely<DB>, row: SelfAssessmentRow) {
  await db.insertInto('self_assessment').values(row).execute();
}

/** Changes an open self-assessment; answers 0 rows when it was submitted meanwhile. */
export async function updateOpenSelfAssessment(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: Partial<SelfAssessmentRow>,
) {
  const result = await db
    .updateTable('self_assessment')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// ---- evidence ----

export async function insertEvidence(db: Kysely<DB>, row: EvidenceRow) {
  await db.insertInto('evidence').values(row).execute();
}

export function getEvidence(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The file with these bytes already in the person's portfolio, if any. */
export function evidenceWithHash(db: Kysely<DB>, tenantId: string, personId: string, sha256: string) {
  return db
    .selectFrom('evidence')
    .select(['id', 'title', 'file_name', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('content_sha256', '=', sha256)
    .executeTakeFirst();
}

export function evidenceOfPerson(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('evidence')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

export function evidenceByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return readInBatches([...new Set(ids)], (batch) =>
    db.selectFrom('evidence').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', batch).execute(),
  );
}

// ---- review requests ----

export async function insertReview(db: Kysely<DB>, row: ReviewRow) {
  await db.insertInto('review_request').values(row).execute();
}

export function getReview(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('review_request')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Moves a review on only from the status the caller saw, so two assessors cannot both act on it. */
export async function updateReview(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  fromStatuses: string[],
  patch: Partial<ReviewRow>,
) {
  const result = await db
    .updateTable('review_request')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', 'in', fromStatuses)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export function listReviews(
  db: Kysely<DB>,
  tenantId: string,
  filter: { roots?: string[]; personId?: string; status?: string | undefined; id?: string },
  limit: number,
) {
  let q = db
    .selectFrom('review_request as r')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.person_id'))
    .selectAll('r')
    .select(['p.given_name', 'p.family_name'])
    .where('r.tenant_id', '=', tenantId);
  if (filter.roots) {
    const roots = filter.roots;
    q = q.where((eb) => pathUnder(eb, 'p.org_path', roots));
  }
  if (filter.personId) q = q.where('r.person_id', '=', filter.personId);
  if (filter.id) q = q.where('r.id', '=', filter.id);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  return q.orderBy('r.created_at').orderBy('r.id').limit(limit).execute();
}

// ---- observations and coaching ----

export async function insertObservation(db: Kysely<DB>, row: ObservationRow) {
  await db.insertInto('observation').values(row).execute();
}

export function observationsOf(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('observation as o')
    .leftJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.observer_person_id'),
    )
    .selectAll('o')
    .select(['p.given_name', 'p.family_name'])
    .where('o.tenant_id', '=', tenantId)
    .where('o.person_id', '=', personId)
    .orderBy('o.observed_on', 'desc')
    .orderBy('o.created_at', 'desc')
    .execute();
}

export async function insertCoachingVisit(db: Kysely<DB>, row: CoachingRow) {
  await db.insertInto('coaching_visit').values(row).execute();
}

export function coachingVisitsOf(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('coaching_visit as v')
    .leftJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.coach_person_id'))
    .selectAll('v')
    .select(['p.given_name', 'p.family_name'])
    .where('v.tenant_id', '=', tenantId)
    .where('v.person_id', '=', personId)
    .orderBy('v.visited_on', 'desc')
    .orderBy('v.created_at', 'desc')
    .execute();
}

// ---- level targets ----

export function targetsAt(db: Kysely<DB>, tenantId: string, unitIds: string[], lineageId: string) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('level_target')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('lineage_id', '=', lineageId)
    .where('org_unit_id', 'in', unitIds)
    .execute();
}

export async function putTarget(
  db: Kysely<DB>,
  row: { tenant_id: string; org_unit_id: string; lineage_id: string; level_code: string; updated_at: string },
) {
  await db
    .insertInto('level_target')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'org_unit_id', 'lineage_id'])
        .doUpdateSet({ level_code: row.level_code, updated_at: row.updated_at }),
    )
    .execute();
}
