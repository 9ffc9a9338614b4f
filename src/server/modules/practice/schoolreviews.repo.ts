import type { Insertable, Kysely } from 'kysely';
import type { DB, SchoolReviewAnswerTable, SchoolReviewTable } from '../../db/schema.ts';

// Reviews join the org tree for the school's name and path; they write only their own tables. The
// answer table is never read row by row: only counts per statement, group and score leave it.

const REVIEW_COLUMNS = [
  'r.id',
  'r.school_id',
  'r.opens_on',
  'r.closes_on',
  'r.closed_at',
  'r.opened_by_account_id',
  'r.created_at',
  'u.name as school_name',
  'u.path as school_path',
] as const;

function reviews(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('school_review as r')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.school_id'))
    .select(REVIEW_COLUMNS)
    .where('r.tenant_id', '=', tenantId);
}
export type ReviewRow = NonNullable<Awaited<ReturnType<typeof getReview>>>;

export function getReview(db: Kysely<DB>, tenantId: string, id: string) {
  return reviews(db, tenantId).where('r.id', '=', id).executeTakeFirst();
}

export function reviewsOfSchools(db: Kysely<DB>, tenantId: string, schoolIds: string[], limit: number) {
  if (!schoolIds.length) return Promise.resolve([]);
  return reviews(db, tenantId)
    .where('r.school_id', 'in', schoolIds)
    .orderBy('r.opens_on', 'desc')
    .orderBy('r.id', 'desc')
    .limit(limit)
    .execute();
}

/** Reviews of the school not closed early whose window ends on or after `from`. */
export function unclosedReviews(db: Kysely<DB>, tenantId: string, schoolId: string, from: string) {
  return db
    .selectFrom('school_review')
    .select(['id', 'opens_on', 'closes_on'])
    .where('tenant_id', '=', tenantId)
    .where('school_id', '=', schoolId)
    .where('closed_at', 'is', null)
    .where('closes_on', '>=', from)
    .execute();
}

export async function insertReview(db: Kysely<DB>, row: Insertable<SchoolReviewTable>) {
  await db.insertInto('school_review').values(row).execute();
}

export async function closeReview(db: Kysely<DB>, tenantId: string, id: string, at: string) {
  await db
    .updateTable('school_review')
    .set({ closed_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export function respondentCounts(db: Kysely<DB>, tenantId: string, reviewIds: string[]) {
  if (!reviewIds.length) return Promise.resolve([]);
  return db
    .selectFrom('school_review_respondent')
    .select(['review_id', 'respondent_group', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('review_id', 'in', reviewIds)
    .groupBy(['review_id', 'respondent_group'])
    .execute();
}

export function answeredBy(db: Kysely<DB>, tenantId: string, personId: string, reviewIds: string[]) {
  if (!reviewIds.length) return Promise.resolve([]);
  return db
    .selectFrom('school_review_respondent')
    .select('review_id')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('review_id', 'in', reviewIds)
    .execute();
}

export async function insertRespondent(
  db: Kysely<DB>,
  row: { tenant_id: string; review_id: string; person_id: string; respondent_group: string },
) {
  await db.insertInto('school_review_respondent').values(row).execute();
}

export async function insertAnswers(db: Kysely<DB>, rows: Insertable<SchoolReviewAnswerTable>[]) {
  if (rows.length) await db.insertInto('school_review_answer').values(rows).execute();
}

/** Counts per statement, group and score: the only way answers are read. */
export function answerCounts(db: Kysely<DB>, tenantId: string, reviewId: string) {
  return db
    .selectFrom('school_review_answer')
    .select(['statement_code', 'respondent_group', 'score', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('review_id', '=', reviewId)
    .groupBy(['statement_code', 'respondent_group', 'score'])
    .execute();
}

export function unitById(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('org_unit')
    .select(['id', 'name', 'path', 'type'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function personById(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('person')
    .select(['id', 'org_unit_id', 'category', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}
