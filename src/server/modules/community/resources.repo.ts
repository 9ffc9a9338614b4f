import { type Insertable, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DB, ResourceTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { CANDIDATES, type TextSearch } from './search.ts';

export const RESOURCE_COLUMNS = [
  'resource.id',
  'resource.tenant_id',
  'resource.kind',
  'resource.title',
  'resource.description',
  'resource.design_id',
  'resource.url',
  'resource.file_name',
  'resource.content_type',
  'resource.size_bytes',
  'resource.storage_key',
  'resource.subject',
  'resource.grade',
  'resource.languages',
  'resource.licence',
  'resource.competencies',
  'resource.tags',
  'resource.author_person_ids',
  'resource.owner_person_id',
  'resource.unit_id',
  'resource.unit_path',
  'resource.sharing',
  'resource.status',
  'resource.visible_path',
  'resource.review_reason',
  'resource.reviewed_by_person_id',
  'resource.reviewed_at',
  'resource.created_at',
  'resource.updated_at',
] as const;
export type ResourceRow = ResourceTable;

/** Where a person is placed (reads the people table, as practice does: readers are decided by placement). */
export function placement(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('person')
    .select(['id', 'org_unit_id', 'org_path', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirst();
}

export function personNames(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('person')
    .select(['id', 'given_name', 'family_name'])
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertResource(db: Kysely<DB>, row: Insertable<ResourceTable>) {
  await db.insertInto('resource').values(row).execute();
}

export async function updateResource(db: Kysely<DB>, tenantId: string, id: string, change: Partial<ResourceTable>) {
  await db.updateTable('resource').set(change).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function getResource(db: Kysely<DB>, tenantId: string, id: string): Promise<ResourceRow | undefined> {
  return db
    .selectFrom('resource')
    .select(RESOURCE_COLUMNS)
    .where('resource.tenant_id', '=', tenantId)
    .where('resource.id', '=', id)
    .executeTakeFirst();
}

export type Facet = 'competency' | 'level' | 'language' | 'author';

export async function replaceFacets(
  db: Kysely<DB>,
  tenantId: string,
  resourceId: string,
  facets: { facet: Facet; value: string }[],
) {
  await db
    .deleteFrom('resource_facet')
    .where('tenant_id', '=', tenantId)
    .where('resource_id', '=', resourceId)
    .execute();
  const unique = [...new Map(facets.map((f) => [`${f.facet}\n${f.value}`, f])).values()];
  if (unique.length)
    await db
      .insertInto('resource_facet')
      .values(unique.map((f) => ({ tenant_id: tenantId, resource_id: resourceId, ...f })))
      .execute();
}

/** Who reads what: the authors, readers placed under its visible path, moderators over its unit. */
export interface Reader {
  /** null: the system, which reads everything. */
  personId: string | null;
  /** The actor's own unit path and every path above it, '/' included. */
  paths: string[];
  moderatorRoots: string[];
}

export interface Filters {
  competency?: string | undefined;
  level?: string | undefined;
  language?: string | undefined;
  subject?: string | undefined;
  grade?: string | undefined;
  licence?: string | undefined;
  kind?: string | undefined;
  mine: boolean;
  /** Only submissions under the reader's moderator roots that the reader did not write. */
  review?: boolean | undefined;
  /** Only these resources (a collection). */
  ids?: string[] | undefined;
}

/**
 * The readable resources matching the search (all of them without one) and the filters, best score
 * first, then newest. A search reads at most CANDIDATES matches, each already readable and filtered:
 * the reader's scope is part of the candidate query, not a sieve over its result.
 */
export function searchResources(
  db: Kysely<DB>,
  tenantId: string,
  text: TextSearch | null,
  reader: Reader,
  f: Filters,
  limit: number,
): Promise<(ResourceRow & { score: number })[]> {
  const facet = (name: Facet, value: string) =>
    sql<boolean>`exists (select 1 from resource_facet rf where rf.tenant_id = resource.tenant_id
      and rf.resource_id = resource.id and rf.facet = ${name} and rf.value = ${value})`;
  const me = reader.personId;
  // biome-ignore lint/suspicious/noExplicitAny: one filter for both shapes of the query (with and without the index table).
  const filtered = <Q extends SelectQueryBuilder<any, any, any>>(query: Q): Q =>
    query
      .where('resource.tenant_id', '=', tenantId)
      .$if(me !== null, (qb) =>
        qb.where((eb) =>
          eb.or([
            eb('resource.owner_person_id', '=', me!),
            facet('author', me!),
            ...(reader.paths.length ? [eb('resource.visible_path', 'in', reader.paths)] : []),
            eb.and([
              eb('resource.status', 'in', ['shared', 'submitted']),
              pathUnder(eb, 'resource.unit_path', reader.moderatorRoots),
            ]),
          ]),
        ),
      )
      .$if(f.mine && me !== null, (qb) =>
        qb.where((eb) => eb.or([eb('resource.owner_person_id', '=', me!), facet('author', me!)])),
      )
      .$if(f.review === true, (qb) =>
        qb
          .where('resource.status', '=', 'submitted')
          .where((eb) => pathUnder(eb, 'resource.unit_path', reader.moderatorRoots))
          .$if(me !== null, (q) =>
            q.where('resource.owner_person_id', '!=', me!).where((eb) => eb.not(facet('author', me!))),
          ),
      )
      .$if(f.competency !== undefined, (qb) => qb.where(facet('competency', f.competency!)))
      .$if(f.level !== undefined, (qb) => qb.where(facet('level', f.level!)))
      .$if(f.language !== undefined, (qb) => qb.where(facet('language', f.language!)))
      .$if(f.subject !== undefined, (qb) => qb.where('resource.subject', '=', f.subject!))
      .$if(f.grade !== undefined, (qb) => qb.where('resource.grade', '=', f.grade!))
      .$if(f.licence !== undefined, (qb) => qb.where('resource.licence', '=', f.licence!))
      .$if(f.kind !== undefined, (qb) => qb.where('resource.kind', '=', f.kind!))
      .$if(f.ids !== undefined, (qb) => qb.where('resource.id', 'in', f.ids!.length ? f.ids! : [''])) as Q;
  if (!text)
    return filtered(db.selectFrom('resource').select(RESOURCE_COLUMNS).select(sql<number>`0`.as('score')))
      .orderBy('resource.updated_at', 'desc')
      .orderBy('resource.id', 'desc')
      .limit(limit)
      .execute();
  // The index drives the join (a cross join keeps SQLite from reading every resource to probe it);
  // PostgreSQL reads the resources its search names, in table order (search.ts).
  const base = text.from
    ? db.selectFrom(text.from).crossJoin('resource').where(sql<SqlBool>`resource.id = ${text.id}`)
    : db.selectFrom(text.rows ?? 'resource');
  const candidates = filtered(
    base.select([sql<string>`resource.id`.as('resource_id'), text.score.as('score')]).where(text.where),
  )
    .$if(text.newestFirst !== null, (qb) => qb.orderBy(text.newestFirst!))
    .limit(CANDIDATES);
  return db
    .selectFrom(candidates.as('hit'))
    .crossJoin('resource')
    .where('resource.tenant_id', '=', tenantId)
    .whereRef('resource.id', '=', 'hit.resource_id')
    .select(RESOURCE_COLUMNS)
    .select('hit.score')
    .orderBy('hit.score', 'desc')
    .orderBy('resource.updated_at', 'desc')
    .orderBy('resource.id', 'desc')
    .limit(limit)
    .execute();
}

export async function ratingsOf(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, { average: number; count: number }>();
  const rows = await db
    .selectFrom('resource_rating')
    .select((eb) => ['resource_id', eb.fn.avg<number>('stars').as('average'), eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('resource_id', 'in', ids)
    .groupBy('resource_id')
    .execute();
  return new Map(rows.map((r) => [r.resource_id, { average: Number(r.average), count: Number(r.count) }]));
}

export async function countUses(db: Kysely<DB>, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('resource_use')
    .select((eb) => ['resource_id', eb.fn.countAll<number>().as('count')])
    .where('tenant_id', '=', tenantId)
    .where('resource_id', 'in', ids)
    .groupBy('resource_id')
    .execute();
  return new Map(rows.map((r) => [r.resource_id, Number(r.count)]));
}

export function myRating(db: Kysely<DB>, tenantId: string, resourceId: string, personId: string) {
  return db
    .selectFrom('resource_rating')
    .select('stars')
    .where('tenant_id', '=', tenantId)
    .where('resource_id', '=', resourceId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function upsertRating(
  db: Kysely<DB>,
  row: { tenant_id: string; resource_id: string; person_id: string; stars: number; at: string },
) {
  await db
    .insertInto('resource_rating')
    .values({
      tenant_id: row.tenant_id,
      resource_id: row.resource_id,
      person_id: row.person_id,
      stars: row.stars,
      created_at: row.at,
      updated_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'resource_id', 'person_id']).doUpdateSet({ stars: row.stars, updated_at: row.at }),
    )
    .execute();
}

export async function insertUse(db: Kysely<DB>, row: Insertable<DB['resource_use']>) {
  await db.insertInto('resource_use').values(row).execute();
}

export function recentUses(db: Kysely<DB>, tenantId: string, resourceId: string, limit: number) {
  return db
    .selectFrom('resource_use as u')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'u.tenant_id').onRef('p.id', '=', 'u.person_id'))
    .select([
      'u.id',
      'u.person_id',
      'u.used_on',
      'u.class_label',
      'u.note',
      'u.created_at',
      'p.given_name',
      'p.family_name',
    ])
    .where('u.tenant_id', '=', tenantId)
    .where('u.resource_id', '=', resourceId)
    .orderBy('u.created_at', 'desc')
    .orderBy('u.id', 'desc')
    .limit(limit)
    .execute();
}

// ---- collections ----

export async function insertCollection(db: Kysely<DB>, row: Insertable<DB['resource_collection']>) {
  await db.insertInto('resource_collection').values(row).execute();
}

export function getCollection(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('resource_collection')
    .select(['id', 'owner_person_id', 'name', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function collectionsOf(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('resource_collection as c')
    .select((eb) => [
      'c.id',
      'c.name',
      'c.created_at',
      eb
        .selectFrom('resource_collection_item as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.tenant_id', '=', 'c.tenant_id')
        .whereRef('i.collection_id', '=', 'c.id')
        .as('size'),
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.owner_person_id', '=', personId)
    .orderBy('c.created_at', 'desc')
    .execute();
}

export async function collectionResourceIds(db: Kysely<DB>, tenantId: string, collectionId: string) {
  const rows = await db
    .selectFrom('resource_collection_item')
    .select('resource_id')
    .where('tenant_id', '=', tenantId)
    .where('collection_id', '=', collectionId)
    .orderBy('added_at')
    .execute();
  return rows.map((r) => r.resource_id);
}

export async function addToCollection(
  db: Kysely<DB>,
  row: { tenant_id: string; collection_id: string; resource_id: string; added_at: string },
) {
  await db
    .insertInto('resource_collection_item')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'collection_id', 'resource_id']).doNothing())
    .execute();
}

export async function removeFromCollection(db: Kysely<DB>, tenantId: string, collectionId: string, resourceId: string) {
  await db
    .deleteFrom('resource_collection_item')
    .where('tenant_id', '=', tenantId)
    .where('collection_id', '=', collectionId)
    .where('resource_id', '=', resourceId)
    .execute();
}
