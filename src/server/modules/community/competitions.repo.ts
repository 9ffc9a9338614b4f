import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type {
  CompetitionApplicationTable,
  CompetitionAssignmentTable,
  CompetitionFileTable,
  CompetitionScoreTable,
  CompetitionTable,
  CompetitionTeamMemberTable,
  DB,
} from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';

export type CompetitionRow = Selectable<CompetitionTable>;
export type ApplicationRow = Selectable<CompetitionApplicationTable>;
export type FileRow = Selectable<CompetitionFileTable>;
export type ScoreRow = Selectable<CompetitionScoreTable>;

const competitionColumns = [
  'c.tenant_id',
  'c.id',
  'c.title',
  'c.theme',
  'c.description',
  'c.unit_id',
  'c.unit_path',
  'c.eligible_roles',
  'c.currency',
  'c.budget_total',
  'c.max_per_grant',
  'c.opens_at',
  'c.closes_at',
  'c.review_by',
  'c.decision_on',
  'c.reporting_due',
  'c.rubric',
  'c.reviewers_per_application',
  'c.created_by_account_id',
  'c.created_at',
  'c.updated_at',
] as const;

const applicationColumns = [
  'a.tenant_id',
  'a.id',
  'a.competition_id',
  'a.lead_person_id',
  'a.title',
  'a.summary',
  'a.plan',
  'a.budget_requested',
  'a.resource_ids',
  'a.status',
  'a.submitted_at',
  'a.awarded_amount',
  'a.decision_note',
  'a.decided_by_account_id',
  'a.decided_at',
  'a.showcase_resource_id',
  'a.created_at',
  'a.updated_at',
] as const;

const fileColumns = [
  'tenant_id',
  'id',
  'application_id',
  'report_id',
  'file_name',
  'content_type',
  'size_bytes',
  'storage_key',
  'added_by_person_id',
  'created_at',
] as const;

export function getCompetition(db: Kysely<DB>, tenantId: string, id: string): Promise<CompetitionRow | undefined> {
  return db
    .selectFrom('competition as c')
    .select(competitionColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/** Holds the call's row until the transaction ends, so two awards cannot spend the same budget. */
export async function lockCompetition(db: Kysely<DB>, dialect: Dialect, tenantId: string, id: string) {
  if (dialect !== 'postgres') return; // SQLite runs one writer at a time
  await db
    .selectFrom('competition')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export function insertCompetition(db: Kysely<DB>, row: Insertable<CompetitionTable>) {
  return db.insertInto('competition').values(row).execute();
}

/** Calls managed under `managed`, calls of a unit at or above the actor's own, and calls they review. */
export function visibleCompetitions(
  db: Kysely<DB>,
  tenantId: string,
  filter: { managed: string[]; ancestors: string[]; personId: string | null },
) {
  return db
    .selectFrom('competition as c')
    .select(competitionColumns)
    .where('c.tenant_id', '=', tenantId)
    .where((eb) => {
      const ors = [pathUnder(eb, 'c.unit_path', filter.managed)];
      if (filter.ancestors.length) ors.push(eb('c.unit_path', 'in', filter.ancestors));
      if (filter.personId)
        ors.push(
          eb.exists(
            eb
              .selectFrom('competition_reviewer as r')
              .select('r.person_id')
              .whereRef('r.tenant_id', '=', 'c.tenant_id')
              .whereRef('r.competition_id', '=', 'c.id')
              .where('r.person_id', '=', filter.personId),
          ),
        );
      return eb.or(ors);
    })
    .orderBy('c.closes_at', 'desc')
    .orderBy('c.id')
    .limit(500)
    .execute();
}

export function reviewerPool(db: Kysely<DB>, tenantId: string, competitionId: string) {
  return db
    .selectFrom('competition_reviewer as r')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'r.tenant_id').onRef('p.id', '=', 'r.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['r.person_id', 'p.given_name', 'p.family_name', 'p.org_path', 'u.name as unit_name'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.competition_id', '=', competitionId)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export async function replaceReviewerPool(
  db: Kysely<DB>,
  tenantId: string,
  competitionId: string,
  personIds: string[],
  at: string,
) {
  await db
    .deleteFrom('competition_reviewer')
    .where('tenant_id', '=', tenantId)
    .where('competition_id', '=', competitionId)
    .execute();
  if (personIds.length)
    await db
      .insertInto('competition_reviewer')
      .values(
        personIds.map((person_id) => ({
          tenant_id: tenantId,
          competition_id: competitionId,
          person_id,
          created_at: at,
        })),
      )
      .execute();
}

export async function inPool(db: Kysely<DB>, tenantId: string, competitionId: string, personId: string) {
  const row = await db
    .selectFrom('competition_reviewer')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('competition_id', '=', competitionId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Eligible people of a call whose family name (then given name) starts with `prefix`. */
export function eligiblePeople(
  db: Kysely<DB>,
  tenantId: string,
  filter: { under: string; categories: string[]; prefix: string },
) {
  return db
    .selectFrom('person as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['p.id', 'p.given_name', 'p.family_name', 'u.name as unit_name'])
    .where('p.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'p.org_path', [filter.under]))
    .where('p.category', 'in', filter.categories)
    .where('p.sort_name', 'like', `${filter.prefix.replace(/[%_\\]/g, '')}%`)
    .orderBy('p.sort_name')
    .limit(20)
    .execute();
}

export function getApplication(db: Kysely<DB>, tenantId: string, id: string): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('competition_application as a')
    .select(applicationColumns)
    .where('a.tenant_id', '=', tenantId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function applicationsOf(db: Kysely<DB>, tenantId: string, competitionId: string, statuses?: string[]) {
  let q = db
    .selectFrom('competition_application as a')
    .select(applicationColumns)
    .where('a.tenant_id', '=', tenantId)
    .where('a.competition_id', '=', competitionId);
  if (statuses) q = q.where('a.status', 'in', statuses);
  return q.orderBy('a.submitted_at').orderBy('a.id').execute();
}

/** The applications of a call that this person is on the team of. */
export function applicationsWithMember(db: Kysely<DB>, tenantId: string, competitionId: string, personId: string) {
  return db
    .selectFrom('competition_application as a')
    .innerJoin('competition_team_member as m', (j) =>
      j.onRef('m.tenant_id', '=', 'a.tenant_id').onRef('m.application_id', '=', 'a.id'),
    )
    .select(applicationColumns)
    .where('a.tenant_id', '=', tenantId)
    .where('a.competition_id', '=', competitionId)
    .where('m.person_id', '=', personId)
    .execute();
}

export function insertApplication(db: Kysely<DB>, row: Insertable<CompetitionApplicationTable>) {
  return db.insertInto('competition_application').values(row).execute();
}

export function updateApplication(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  values: Partial<Insertable<CompetitionApplicationTable>>,
  fromStatus?: string,
) {
  let q = db.updateTable('competition_application').set(values).where('tenant_id', '=', tenantId).where('id', '=', id);
  if (fromStatus) q = q.where('status', '=', fromStatus);
  return q.executeTakeFirst();
}

export function teamOf(db: Kysely<DB>, tenantId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('competition_team_member as m')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.unit_id'))
    .select([
      'm.application_id',
      'm.person_id',
      'm.is_lead',
      'm.unit_path',
      'p.given_name',
      'p.family_name',
      'u.name as unit_name',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.application_id', 'in', applicationIds)
    .orderBy('m.is_lead', 'desc')
    .orderBy('p.family_name')
    .execute();
}

export async function replaceTeam(
  db: Kysely<DB>,
  tenantId: string,
  applicationId: string,
  rows: Insertable<CompetitionTeamMemberTable>[],
) {
  await db
    .deleteFrom('competition_team_member')
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .execute();
  if (rows.length) await db.insertInto('competition_team_member').values(rows).execute();
}

/** People of `personIds` already on another application of the call. */
export function takenMembers(
  db: Kysely<DB>,
  tenantId: string,
  competitionId: string,
  personIds: string[],
  exceptApplicationId: string | null,
) {
  let q = db
    .selectFrom('competition_team_member')
    .select('person_id')
    .where('tenant_id', '=', tenantId)
    .where('competition_id', '=', competitionId)
    .where('person_id', 'in', personIds);
  if (exceptApplicationId) q = q.where('application_id', '!=', exceptApplicationId);
  return q.execute();
}

export function filesOf(db: Kysely<DB>, tenantId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([] as FileRow[]);
  return db
    .selectFrom('competition_file')
    .select(fileColumns)
    .where('tenant_id', '=', tenantId)
    .where('application_id', 'in', applicationIds)
    .orderBy('created_at')
    .execute();
}

export function getFile(db: Kysely<DB>, tenantId: string, applicationId: string, id: string) {
  return db
    .selectFrom('competition_file')
    .select(fileColumns)
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function insertFile(db: Kysely<DB>, row: Insertable<CompetitionFileTable>) {
  return db.insertInto('competition_file').values(row).execute();
}

export function conflictsOf(db: Kysely<DB>, tenantId: string, competitionId: string) {
  return db
    .selectFrom('competition_conflict')
    .select(['application_id', 'reviewer_person_id', 'reason'])
    .where('tenant_id', '=', tenantId)
    .where('competition_id', '=', competitionId)
    .execute();
}

export function insertConflict(
  db: Kysely<DB>,
  row: {
    tenant_id: string;
    application_id: string;
    reviewer_person_id: string;
    competition_id: string;
    reason: string;
    created_at: string;
  },
) {
  return db
    .insertInto('competition_conflict')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'application_id', 'reviewer_person_id']).doNothing())
    .execute();
}

export function assignmentsOf(db: Kysely<DB>, tenantId: string, competitionId: string) {
  return db
    .selectFrom('competition_assignment as s')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 's.tenant_id').onRef('p.id', '=', 's.reviewer_person_id'),
    )
    .select(['s.application_id', 's.reviewer_person_id', 's.automatic', 'p.given_name', 'p.family_name'])
    .where('s.tenant_id', '=', tenantId)
    .where('s.competition_id', '=', competitionId)
    .execute();
}

export async function getAssignment(db: Kysely<DB>, tenantId: string, applicationId: string, reviewerId: string) {
  return db
    .selectFrom('competition_assignment')
    .select(['application_id', 'reviewer_person_id', 'automatic'])
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('reviewer_person_id', '=', reviewerId)
    .executeTakeFirst();
}

export function insertAssignments(db: Kysely<DB>, rows: Insertable<CompetitionAssignmentTable>[]) {
  if (rows.length === 0) return Promise.resolve();
  return db
    .insertInto('competition_assignment')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'application_id', 'reviewer_person_id']).doNothing())
    .execute();
}

export function deleteAssignment(db: Kysely<DB>, tenantId: string, applicationId: string, reviewerId: string) {
  return db
    .deleteFrom('competition_assignment')
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('reviewer_person_id', '=', reviewerId)
    .execute();
}

/** Applications assigned to a reviewer, submitted and not yet decided, over every call. */
export function assignedTo(db: Kysely<DB>, tenantId: string, reviewerId: string) {
  return db
    .selectFrom('competition_assignment as s')
    .innerJoin('competition_application as a', (j) =>
      j.onRef('a.tenant_id', '=', 's.tenant_id').onRef('a.id', '=', 's.application_id'),
    )
    .select(applicationColumns)
    .where('s.tenant_id', '=', tenantId)
    .where('s.reviewer_person_id', '=', reviewerId)
    .where('a.status', '=', 'submitted')
    .orderBy('a.submitted_at')
    .execute();
}

export function insertScores(db: Kysely<DB>, rows: Insertable<CompetitionScoreTable>[]) {
  return db.insertInto('competition_score').values(rows).execute();
}

/** Every score row of a call (or of one reviewer on one application), oldest first: later rows replace earlier. */
export function scoresOf(
  db: Kysely<DB>,
  tenantId: string,
  competitionId: string,
  only?: { applicationId: string; reviewerId: string },
) {
  let q = db
    .selectFrom('competition_score')
    .select(['id', 'application_id', 'reviewer_person_id', 'criterion_key', 'score', 'comment', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('competition_id', '=', competitionId);
  if (only) q = q.where('application_id', '=', only.applicationId).where('reviewer_person_id', '=', only.reviewerId);
  return q.orderBy('id').execute();
}

export function awardedTotal(db: Kysely<DB>, tenantId: string, competitionId: string) {
  return db
    .selectFrom('competition_application')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('awarded_amount'), eb.lit(0)).as('total'))
    .where('tenant_id', '=', tenantId)
    .where('competition_id', '=', competitionId)
    .where('status', 'in', ['awarded', 'completed'])
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.total));
}

export function milestonesOf(db: Kysely<DB>, tenantId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('competition_milestone')
    .select(['id', 'application_id', 'title', 'due_on'])
    .where('tenant_id', '=', tenantId)
    .where('application_id', 'in', applicationIds)
    .orderBy('due_on')
    .execute();
}

export function insertMilestone(
  db: Kysely<DB>,
  row: {
    tenant_id: string;
    id: string;
    application_id: string;
    title: string;
    due_on: string;
    created_by_account_id: string | null;
    created_at: string;
  },
) {
  return db.insertInto('competition_milestone').values(row).execute();
}

export function reportsOf(db: Kysely<DB>, tenantId: string, applicationIds: string[]) {
  if (applicationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('competition_report')
    .select(['id', 'application_id', 'milestone_id', 'kind', 'text', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('application_id', 'in', applicationIds)
    .orderBy('created_at')
    .execute();
}

export function insertReport(
  db: Kysely<DB>,
  row: {
    tenant_id: string;
    id: string;
    application_id: string;
    milestone_id: string | null;
    kind: string;
    text: string;
    created_by_person_id: string;
    created_at: string;
  },
) {
  return db.insertInto('competition_report').values(row).execute();
}
