import type { Kysely, Selectable } from 'kysely';
import type { DB, RecognitionAwardTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type AwardRow = Selectable<RecognitionAwardTable>;

/**
 * Inserts awards unless the (rule, person) pair has one: the unique key decides, so two
 * evaluations at once (or a repeated event) leave one award. Answers the rows that went in.
 */
export async function insertAwards(db: Kysely<DB>, rows: AwardRow[]): Promise<AwardRow[]> {
  const inserted: AwardRow[] = [];
  await writeInBatches(rows, rowsPerStatement(10), async (batch) => {
    const ids = await db
      .insertInto('recognition_award')
      .values(batch)
      .onConflict((oc) => oc.columns(['tenant_id', 'rule_id', 'person_id']).doNothing())
      .returning('id')
      .execute();
    const went = new Set(ids.map((r) => r.id));
    inserted.push(...batch.filter((r) => went.has(r.id)));
  });
  return inserted;
}

export function getAward(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('recognition_award')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Decides a pending award; false when someone decided it first. */
export async function decide(db: Kysely<DB>, tenantId: string, id: string, values: Partial<AwardRow>) {
  const result = await db
    .updateTable('recognition_award')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function setCredential(db: Kysely<DB>, tenantId: string, id: string, credentialId: string) {
  return db
    .updateTable('recognition_award')
    .set({ credential_id: credentialId })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Awards of people under `roots`, with who and what, newest first. */
export function listAwards(
  db: Kysely<DB>,
  tenantId: string,
  filter: { roots: string[]; status?: string; personId?: string; id?: string },
  limit: number,
) {
  let query = db
    .selectFrom('recognition_award as a')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .innerJoin('recognition_rule as r', (j) =>
      j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.rule_id'),
    )
    .leftJoin('credential as c', (j) =>
      j.onRef('c.tenant_id', '=', 'a.tenant_id').onRef('c.id', '=', 'a.credential_id'),
    )
    .leftJoin('user_account as d', (j) =>
      j.onRef('d.tenant_id', '=', 'a.tenant_id').onRef('d.id', '=', 'a.decided_by_account_id'),
    )
    .selectAll('a')
    .select([
      'p.given_name',
      'p.family_name',
      'p.org_path',
      'u.name as unit_name',
      'r.name as rule_name',
      'r.achievement_type',
      'r.mode',
      'd.username as decided_by',
      'c.status as credential_status',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'p.org_path', filter.roots));
  if (filter.status) query = query.where('a.status', '=', filter.status);
  if (filter.personId) query = query.where('a.person_id', '=', filter.personId);
  if (filter.id) query = query.where('a.id', '=', filter.id);
  return query.orderBy('a.qualified_at', 'desc').orderBy('a.id', 'desc').limit(limit).execute();
}

/** Pending, issued and rejected awards per rule. */
export async function countsByRule(db: Kysely<DB>, tenantId: string, ruleIds: string[]) {
  return readInBatches([...new Set(ruleIds)], (batch) =>
    db
      .selectFrom('recognition_award')
      .select(['rule_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('rule_id', 'in', batch)
      .groupBy(['rule_id', 'status'])
      .execute(),
  );
}

/** The confirmed levels a person holds in these items: the results a credential states. */
export function confirmedIn(db: Kysely<DB>, tenantId: string, personId: string, itemIds: string[]) {
  return readInBatches([...new Set(itemIds)], (batch) =>
    db
      .selectFrom('competency_status')
      .select(['framework_id', 'item_id', 'confirmed_level_code'])
      .where('tenant_id', '=', tenantId)
      .where('person_id', '=', personId)
      .where('item_id', 'in', batch)
      .where('confirmed_event_id', 'is not', null)
      .execute(),
  );
}
