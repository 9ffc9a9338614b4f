import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, PersonTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type PersonRow = Selectable<PersonTable>;

export function sortNameOf(familyName: string, givenName: string): string {
  return `${familyName} ${givenName}`.toLowerCase();
}

export function getPerson(db: Kysely<DB>, tenantId: string, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function findByNationalId(db: Kysely<DB>, tenantId: string, nationalId: string): Promise<PersonRow | undefined> {
  return db
    .selectFrom('person')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('national_id', '=', nationalId)
    .executeTakeFirst();
}

export async function insertPerson(db: Kysely<DB>, row: PersonRow): Promise<void> {
  await db.insertInto('person').values(row).execute();
}

export async function updatePerson(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  patch: Partial<PersonRow>,
): Promise<void> {
  await db.updateTable('person').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export interface PeopleFilter {
  roots: string[];
  q?: string | undefined;
  category?: string | undefined;
  subject?: string | undefined;
  sex?: string | undefined;
  after?: { orgPath: string; sortName: string; id: string } | undefined;
}

/**
 * One page of people under the given subtrees, in (unit path, name) order: the order of the
 * scope index, so page N costs the same at a million rows as at a thousand (keyset paging).
 */
export function listPeople(db: Kysely<DB>, tenantId: string, filter: PeopleFilter, limit: number) {
  let query = db
    .selectFrom('person')
    .innerJoin('org_unit', (j) =>
      j.onRef('org_unit.tenant_id', '=', 'person.tenant_id').onRef('org_unit.id', '=', 'person.org_unit_id'),
    )
    .selectAll('person')
    .select('org_unit.name as unit_name')
    .where('person.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'person.org_path', filter.roots));
  if (filter.category) query = query.where('person.category', '=', filter.category);
  if (filter.sex) query = query.where('person.sex', '=', filter.sex);
  if (filter.subject) {
    // The subject is matched as a whole JSON string; % and _ in it are literal characters.
    const pattern = `%${JSON.stringify(filter.subject).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`person.subjects like ${pattern} escape '\\'`);
  }
  if (filter.q) {
    const q = filter.q;
    const prefix = q.toLowerCase();
    query = query.where((eb) =>
      eb.or([
        eb.and([eb('person.sort_name', '>=', prefix), eb('person.sort_name', '<', `${prefix}\uffff`)]),
        eb('person.national_id', '=', q),
      ]),
    );
  }
  if (filter.after) {
    const a = filter.after;
    query = query.where(
      (eb) =>
        sql<boolean>`(${eb.ref('person.org_path')}, ${eb.ref('person.sort_name')}, ${eb.ref('person.id')}) > (${a.orgPath}, ${a.sortName}, ${a.id})`,
    );
  }
  return query.orderBy('person.org_path').orderBy('person.sort_name').orderBy('person.id').limit(limit).execute();
}

export async function countPeopleUnder(db: Kysely<DB>, tenantId: string, roots: string[], category: string) {
  const row = await db
    .selectFrom('person')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('category', '=', category)
    .where((eb) => pathUnder(eb, 'org_path', roots))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export const PERSON_COLUMNS = [
  'tenant_id',
  'id',
  'org_unit_id',
  'org_path',
  'category',
  'given_name',
  'family_name',
  'sort_name',
  'sex',
  'national_id',
  'emis_id',
  'subjects',
  'grades',
  'languages',
  'email',
  'phone',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof PersonRow)[];

// 18 columns a row: 500 rows stay far below both dialects' bound-parameter limits.
const upsertSql = new Map<string, string>();

/**
 * The upsert statement for `n` rows, compiled once per dialect and size: compiling a 500-row
 * insert costs as much as running it, and bulk loads run thousands of them.
 */
function upsertStatement(db: Kysely<DB>, n: number): string {
  const key = `${db.getExecutor().adapter.constructor.name}:${n}`;
  let text = upsertSql.get(key);
  if (!text) {
    const shape = Object.fromEntries(PERSON_COLUMNS.map((c) => [c, ''])) as unknown as PersonRow;
    text = db
      .insertInto('person')
      .values(Array.from({ length: n }, () => shape))
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'national_id']).doUpdateSet((eb) => ({
          org_unit_id: eb.ref('excluded.org_unit_id'),
          org_path: eb.ref('excluded.org_path'),
          category: eb.ref('excluded.category'),
          given_name: eb.ref('excluded.given_name'),
          family_name: eb.ref('excluded.family_name'),
          sort_name: eb.ref('excluded.sort_name'),
          sex: eb.ref('excluded.sex'),
          emis_id: eb.ref('excluded.emis_id'),
          subjects: eb.ref('excluded.subjects'),
          grades: eb.ref('excluded.grades'),
          languages: eb.ref('excluded.languages'),
          email: eb.ref('excluded.email'),
          phone: eb.ref('excluded.phone'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .compile().sql;
    upsertSql.set(key, text);
  }
  return text;
}

/**
 * Multi-row upsert for bulk loads: a row whose national id exists in the tenant updates that
 * person (re-importing a roster updates, never duplicates). The caller holds the transaction.
 */
export async function upsertPeople(db: Kysely<DB>, rows: PersonRow[]): Promise<void> {
  await writeInBatches(rows, rowsPerStatement(PERSON_COLUMNS.length), async (batch) => {
    const parameters: unknown[] = [];
    for (const row of batch) for (const column of PERSON_COLUMNS) parameters.push(row[column]);
    await db.executeQuery(CompiledQuery.raw(upsertStatement(db, batch.length), parameters));
  });
}

export function placementsOf(db: Kysely<DB>, tenantId: string, nationalIds: string[]) {
  return readInBatches([...new Set(nationalIds)], (batch) =>
    db
      .selectFrom('person')
      .select(['national_id', 'org_path'])
      .where('tenant_id', '=', tenantId)
      .where('national_id', 'in', batch)
      .execute(),
  );
}

export function getPeopleByIds(db: Kysely<DB>, tenantId: string, ids: string[]): Promise<PersonRow[]> {
  return readInBatches([...new Set(ids)], (batch) =>
    db.selectFrom('person').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', batch).execute(),
  );
}

/** Row locks on these people until the transaction ends (PostgreSQL; SQLite runs one writer at a time). */
export async function lockPeople(db: Kysely<DB>, tenantId: string, ids: string[]) {
  // Sorted, slice after slice: every locker takes the locks in the same order, so none deadlock.
  await readInBatches([...new Set(ids)].sort(), (batch) =>
    db
      .selectFrom('person')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', batch)
      .orderBy('id')
      .forUpdate()
      .execute(),
  );
}
