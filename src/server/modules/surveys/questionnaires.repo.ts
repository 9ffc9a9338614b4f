import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, SurveyTable } from '../../db/schema.ts';

const COLUMNS = [
  's.id',
  's.family_id',
  's.version',
  's.code',
  's.title',
  's.description',
  's.source_locale',
  's.purpose',
  's.definition',
  's.status',
  's.created_by_account_id',
  's.created_at',
  's.updated_at',
  's.published_at',
] as const;

export type SurveyRow = NonNullable<Awaited<ReturnType<typeof getSurvey>>>;

export function getSurvey(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('survey as s')
    .select(COLUMNS)
    .where('s.tenant_id', '=', tenantId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export interface SurveyFilter {
  /** Drafts count as versions (managers); otherwise the latest version that is not a draft. */
  withDrafts: boolean;
  purpose?: string;
  status?: string;
}

/** The latest version of each family (of those the reader may see), by code. */
export function listLatest(db: Kysely<DB>, tenantId: string, f: SurveyFilter) {
  let q = db
    .selectFrom('survey as s')
    .select(COLUMNS)
    .where('s.tenant_id', '=', tenantId)
    .where(({ eb, selectFrom }) =>
      eb(
        's.version',
        '=',
        selectFrom('survey as l')
          .select(({ fn }) => fn.max('l.version').as('v'))
          .whereRef('l.tenant_id', '=', 's.tenant_id')
          .whereRef('l.family_id', '=', 's.family_id')
          .$if(!f.withDrafts, (w) => w.where('l.status', '!=', 'draft')),
      ),
    );
  if (!f.withDrafts) q = q.where('s.status', '!=', 'draft');
  if (f.purpose) q = q.where('s.purpose', '=', f.purpose);
  if (f.status) q = q.where('s.status', '=', f.status);
  return q.orderBy('s.code').orderBy('s.id').execute();
}

export function familyVersions(db: Kysely<DB>, tenantId: string, familyId: string) {
  return db
    .selectFrom('survey')
    .select(['id', 'version', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('family_id', '=', familyId)
    .orderBy('version', 'desc')
    .execute();
}

/** A questionnaire of another family that already uses this code, if any. */
export function codeHolder(db: Kysely<DB>, tenantId: string, code: string) {
  return db
    .selectFrom('survey')
    .select(['id', 'family_id'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertSurvey(db: Kysely<DB>, row: Insertable<SurveyTable>) {
  await db.insertInto('survey').values(row).execute();
}

/** Changes a version only while it is a draft: the one statement that keeps published ones as they are. */
export async function updateDraft(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  fields: Updateable<SurveyTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('survey')
    .set(fields)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setStatus(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  from: string,
  fields: Pick<Updateable<SurveyTable>, 'status' | 'updated_at' | 'published_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('survey')
    .set(fields)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The family's other published versions: retired when a newer one is published. */
export async function retireOthers(db: Kysely<DB>, tenantId: string, familyId: string, keepId: string, at: string) {
  return db
    .updateTable('survey')
    .set({ status: 'retired', updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('family_id', '=', familyId)
    .where('id', '!=', keepId)
    .where('status', '=', 'published')
    .returning('id')
    .execute();
}
