import type { ExpressionBuilder, Insertable, Kysely } from 'kysely';
import type {
  ActivityDesignCommentTable,
  ActivityDesignTable,
  ActivityDesignVersionTable,
  DB,
} from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';

/**
 * Where people are placed and the units above them. Reads the people and org modules' tables
 * (as practice.repo does for coaching): who may read a design is a question about placement.
 */
export function placement(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'org_unit_id', 'org_path', 'category', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

export function unitsAt(db: Kysely<DB>, tenantId: string, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('org_unit')
    .select(['id', 'path', 'type', 'name'])
    .where('tenant_id', '=', tenantId)
    .where('path', 'in', paths)
    .execute();
}

/** Teachers placed in one unit, by name: whom an author may write a design with. */
export function teachersIn(db: Kysely<DB>, tenantId: string, unitId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('org_unit_id', '=', unitId)
    .where('category', '=', 'teacher')
    .orderBy('sort_name')
    .orderBy('id')
    .limit(500)
    .execute();
}

const SUMMARY = [
  'd.id',
  'd.title',
  'd.subject',
  'd.grade',
  'd.language',
  'd.template',
  'd.sharing',
  'd.shared_at',
  'd.current_version',
  'd.author_person_id',
  'd.co_author_person_id',
  'd.org_unit_id',
  'd.created_at',
  'd.updated_at',
  'u.path as unit_path',
  'u.name as unit_name',
  'a.given_name as author_given',
  'a.family_name as author_family',
  'a.org_path as author_path',
  'c.given_name as co_given',
  'c.family_name as co_family',
  'c.org_path as co_path',
] as const;

function summaries(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('activity_design as d')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'd.tenant_id').onRef('u.id', '=', 'd.org_unit_id'))
    .innerJoin('person as a', (j) =>
      j.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.id', '=', 'd.author_person_id'),
    )
    .leftJoin('person as c', (j) =>
      j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.co_author_person_id'),
    )
    .select(SUMMARY)
    .where('d.tenant_id', '=', tenantId);
}

export type DesignRow = NonNullable<Awaited<ReturnType<typeof getDesign>>>;

export function getDesign(db: Kysely<DB>, tenantId: string, id: string) {
  return summaries(db, tenantId).where('d.id', '=', id).executeTakeFirst();
}

export interface DesignFilter {
  /** Designs these people wrote or co-wrote. */
  authorId?: string;
  /** Shared designs a reader placed under these units can read (and not theirs). */
  sharedWith?: { personId: string; schoolPaths: string[]; districtPaths: string[] };
  subject?: string;
  grade?: string;
  language?: string;
  template?: string;
  competency?: string;
  after?: { updatedAt: string; id: string };
}

export function listDesigns(db: Kysely<DB>, tenantId: string, f: DesignFilter, limit: number) {
  let q = summaries(db, tenantId);
  if (f.authorId) {
    const id = f.authorId;
    q = q.where((eb) => eb.or([eb('d.author_person_id', '=', id), eb('d.co_author_person_id', '=', id)]));
  }
  if (f.sharedWith) {
    const { personId, schoolPaths, districtPaths } = f.sharedWith;
    q = q
      .where('d.author_person_id', '!=', personId)
      .where((eb) => eb.or([eb('d.co_author_person_id', 'is', null), eb('d.co_author_person_id', '!=', personId)]))
      .where((eb) => {
        const ways = [eb('d.sharing', '=', 'nation')];
        if (schoolPaths.length > 0)
          ways.push(eb.and([eb('d.sharing', '=', 'school'), eb('u.path', 'in', schoolPaths)]));
        if (districtPaths.length > 0)
          ways.push(
            eb.and([
              eb('d.sharing', '=', 'district'),
              pathUnder(eb as unknown as ExpressionBuilder<DB, 'org_unit'>, 'u.path', districtPaths),
            ]),
          );
        return eb.or(ways);
      });
  }
  if (f.subject) q = q.where('d.subject', '=', f.subject);
  if (f.grade) q = q.where('d.grade', '=', f.grade);
  if (f.language) q = q.where('d.language', '=', f.language);
  if (f.template) q = q.where('d.template', '=', f.template);
  if (f.competency) {
    // Item ids are UUIDs: a quoted match in the JSON text is exact, and portable across both databases.
    const needle = `%"itemId":${JSON.stringify(f.competency)}%`;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('activity_design_version as v')
          .select('v.version')
          .whereRef('v.tenant_id', '=', 'd.tenant_id')
          .whereRef('v.design_id', '=', 'd.id')
          .whereRef('v.version', '=', 'd.current_version')
          .where('v.competencies', 'like', needle),
      ),
    );
  }
  if (f.after) {
    const { updatedAt, id } = f.after;
    q = q.where((eb) =>
      eb.or([eb('d.updated_at', '<', updatedAt), eb.and([eb('d.updated_at', '=', updatedAt), eb('d.id', '<', id)])]),
    );
  }
  return q.orderBy('d.updated_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

export async function insertDesign(db: Kysely<DB>, row: Insertable<ActivityDesignTable>) {
  await db.insertInto('activity_design').values(row).execute();
}

export async function insertVersion(db: Kysely<DB>, row: Insertable<ActivityDesignVersionTable>) {
  await db.insertInto('activity_design_version').values(row).execute();
}

/**
 * Moves the design from `from` to the next version, only if nobody saved since: the one statement
 * that decides a race between two editors (0 rows: someone else won).
 */
export async function advanceVersion(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  from: number,
  fields: Pick<ActivityDesignTable, 'title' | 'subject' | 'grade' | 'language' | 'co_author_person_id' | 'updated_at'>,
): Promise<boolean> {
  const r = await db
    .updateTable('activity_design')
    .set({ ...fields, current_version: from + 1 })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('current_version', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setSharing(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  sharing: string,
  sharedAt: string | null,
  at: string,
) {
  await db
    .updateTable('activity_design')
    .set({ sharing, shared_at: sharedAt, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

const VERSION = [
  'v.version',
  'v.framework_id',
  'v.content',
  'v.competencies',
  'v.created_by_person_id',
  'v.created_at',
  'p.given_name',
  'p.family_name',
] as const;

function versions(db: Kysely<DB>, tenantId: string, designId: string) {
  return db
    .selectFrom('activity_design_version as v')
    .leftJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.created_by_person_id'),
    )
    .where('v.tenant_id', '=', tenantId)
    .where('v.design_id', '=', designId);
}

export function getVersion(db: Kysely<DB>, tenantId: string, designId: string, version: number) {
  return versions(db, tenantId, designId).select(VERSION).where('v.version', '=', version).executeTakeFirst();
}

export function listVersions(db: Kysely<DB>, tenantId: string, designId: string) {
  return versions(db, tenantId, designId)
    .select(['v.version', 'v.created_by_person_id', 'v.created_at', 'p.given_name', 'p.family_name'])
    .orderBy('v.version', 'desc')
    .execute();
}

export async function insertComment(db: Kysely<DB>, row: Insertable<ActivityDesignCommentTable>) {
  await db.insertInto('activity_design_comment').values(row).execute();
}

export function listComments(db: Kysely<DB>, tenantId: string, designId: string) {
  return db
    .selectFrom('activity_design_comment as m')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.author_person_id'),
    )
    .select(['m.id', 'm.version', 'm.author_person_id', 'm.body', 'm.created_at', 'p.given_name', 'p.family_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.design_id', '=', designId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
}
