import type { Kysely, Selectable } from 'kysely';
import type {
  CrosswalkLinkTable,
  DB,
  FrameworkCaseAssociationTable,
  FrameworkItemTable,
  FrameworkLevelTable,
  FrameworkTable,
  PolicyGoalTable,
  RubricDescriptorTable,
} from '../../db/schema.ts';
import { KEYS_PER_STATEMENT, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

/** `case_source` (CASE fidelity, migration 0025) is written only by a CASE import, `moodle_source` (0026) by a Moodle one. */
type WithCaseSource<T> = Omit<T, 'case_source' | 'moodle_source'> & {
  case_source?: string | null;
  moodle_source?: string | null;
};
export type FrameworkRow = WithCaseSource<Selectable<FrameworkTable>>;
export type LevelRow = Selectable<FrameworkLevelTable>;
export type ItemRow = WithCaseSource<Selectable<FrameworkItemTable>>;
export type RubricRow = Selectable<RubricDescriptorTable>;
export type GoalRow = Selectable<PolicyGoalTable>;
export type CrosswalkLinkRow = Selectable<CrosswalkLinkTable>;

export function listFrameworks(db: Kysely<DB>, tenantId: string, statuses: string[]) {
  return db
    .selectFrom('framework')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', statuses)
    .orderBy('lineage_id')
    .orderBy('created_at')
    .execute();
}

export function getFramework(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('framework')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function versionExists(db: Kysely<DB>, tenantId: string, lineageId: string, version: string) {
  return db
    .selectFrom('framework')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('lineage_id', '=', lineageId)
    .where('version', '=', version)
    .executeTakeFirst();
}

export async function insertFramework(db: Kysely<DB>, row: FrameworkRow) {
  await db.insertInto('framework').values(row).execute();
}

export async function updateFramework(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<FrameworkRow>) {
  await db.updateTable('framework').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function levelsOf(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  return db
    .selectFrom('framework_level')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('framework_id', '=', frameworkId)
    .orderBy('position')
    .execute();
}

export function itemsOf(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  return db
    .selectFrom('framework_item')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('framework_id', '=', frameworkId)
    .orderBy('position')
    .orderBy('code')
    .execute();
}

export function rubricsOf(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  return db
    .selectFrom('rubric_descriptor')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('framework_id', '=', frameworkId)
    .execute();
}

export function alignmentsOf(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  return db
    .selectFrom('item_goal')
    .select(['item_id', 'goal_id'])
    .where('tenant_id', '=', tenantId)
    .where('framework_id', '=', frameworkId)
    .execute();
}

export async function insertLevels(db: Kysely<DB>, rows: LevelRow[]) {
  await writeInBatches(rows, rowsPerStatement(7), (batch) => db.insertInto('framework_level').values(batch).execute());
}

export async function insertItems(db: Kysely<DB>, rows: ItemRow[]) {
  // 200 a statement: an item's texts in every language make each row long.
  await writeInBatches(rows, rowsPerStatement(12, 200), (batch) =>
    db.insertInto('framework_item').values(batch).execute(),
  );
}

export async function updateItem(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<ItemRow>) {
  await db.updateTable('framework_item').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function deleteItems(db: Kysely<DB>, tenantId: string, ids: string[]) {
  await writeInBatches([...new Set(ids)], KEYS_PER_STATEMENT, async (batch) => {
    await db.deleteFrom('rubric_descriptor').where('tenant_id', '=', tenantId).where('item_id', 'in', batch).execute();
    await db.deleteFrom('item_goal').where('tenant_id', '=', tenantId).where('item_id', 'in', batch).execute();
    await db.deleteFrom('framework_item').where('tenant_id', '=', tenantId).where('id', 'in', batch).execute();
  });
}

export async function putRubric(db: Kysely<DB>, row: RubricRow) {
  await db
    .insertInto('rubric_descriptor')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'item_id', 'level_id']).doUpdateSet({ descriptor: row.descriptor, score: row.score }),
    )
    .execute();
}

export async function deleteRubric(db: Kysely<DB>, tenantId: string, itemId: string, levelId: string) {
  await db
    .deleteFrom('rubric_descriptor')
    .where('tenant_id', '=', tenantId)
    .where('item_id', '=', itemId)
    .where('level_id', '=', levelId)
    .execute();
}

export async function insertRubrics(db: Kysely<DB>, rows: RubricRow[]) {
  await writeInBatches(rows, rowsPerStatement(6, 200), (batch) =>
    db.insertInto('rubric_descriptor').values(batch).execute(),
  );
}

export async function insertAlignments(
  db: Kysely<DB>,
  rows: { tenant_id: string; item_id: string; goal_id: string; framework_id: string }[],
) {
  await writeInBatches(rows, rowsPerStatement(4), (batch) => db.insertInto('item_goal').values(batch).execute());
}

export async function clearAlignments(db: Kysely<DB>, tenantId: string, itemId: string) {
  await db.deleteFrom('item_goal').where('tenant_id', '=', tenantId).where('item_id', '=', itemId).execute();
}

export function listGoals(db: Kysely<DB>, tenantId: string) {
  return db.selectFrom('policy_goal').selectAll().where('tenant_id', '=', tenantId).orderBy('code').execute();
}

export function goalByCode(db: Kysely<DB>, tenantId: string, code: string) {
  return db
    .selectFrom('policy_goal')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertGoal(db: Kysely<DB>, row: GoalRow) {
  await db.insertInto('policy_goal').values(row).execute();
}

/**
 * Published, superseded and retired versions across tenants, for the public CASE provider: CASE
 * identifiers are globally unique, and what a ministry publishes is public by intent.
 */
export function publicFrameworks(db: Kysely<DB>, page: { limit: number; offset: number }) {
  return db
    .selectFrom('framework')
    .selectAll()
    .where('status', 'in', ['published', 'superseded', 'retired'])
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countPublicFrameworks(db: Kysely<DB>) {
  const row = await db
    .selectFrom('framework')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['published', 'superseded', 'retired'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function publicFrameworkByCaseId(db: Kysely<DB>, caseIdentifier: string) {
  return db
    .selectFrom('framework')
    .selectAll()
    .where('case_identifier', '=', caseIdentifier)
    .where('status', 'in', ['published', 'superseded', 'retired'])
    .executeTakeFirst();
}

/** The latest published version holding an item (items keep their identifier across versions). */
export function publicFrameworkOfItem(db: Kysely<DB>, caseIdentifier: string) {
  return db
    .selectFrom('framework_item as i')
    .innerJoin('framework as f', (j) => j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.framework_id'))
    .selectAll('f')
    .where('i.case_identifier', '=', caseIdentifier)
    .where('f.status', 'in', ['published', 'superseded', 'retired'])
    .orderBy('f.published_at', 'desc')
    .executeTakeFirst();
}

export function crosswalkLinks(db: Kysely<DB>, tenantId: string, fromId: string, toId: string) {
  return db
    .selectFrom('crosswalk_link')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('from_framework_id', '=', fromId)
    .where('to_framework_id', '=', toId)
    .orderBy('created_at')
    .execute();
}

export async function insertCrosswalkLink(db: Kysely<DB>, row: CrosswalkLinkRow) {
  await db.insertInto('crosswalk_link').values(row).execute();
}

export async function deleteCrosswalkLink(db: Kysely<DB>, tenantId: string, id: string) {
  await db.deleteFrom('crosswalk_link').where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Every crosswalk link from a framework's items, with what CASE needs of the target item. */
export function outgoingLinks(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  return db
    .selectFrom('crosswalk_link as l')
    .innerJoin('framework_item as t', (j) =>
      j.onRef('t.tenant_id', '=', 'l.tenant_id').onRef('t.id', '=', 'l.to_item_id'),
    )
    .select(['l.from_item_id', 'l.relation', 't.case_identifier as target_identifier', 't.title as target_title'])
    .where('l.tenant_id', '=', tenantId)
    .where('l.from_framework_id', '=', frameworkId)
    .orderBy('l.created_at')
    .execute();
}

/** The ids of an item in every version of the tenant's standards: the items sharing its CASE identifier. */
export function itemInEveryVersion(db: Kysely<DB>, tenantId: string, itemId: string) {
  return db
    .selectFrom('framework_item as i')
    .innerJoin('framework_item as same', (j) =>
      j.onRef('same.tenant_id', '=', 'i.tenant_id').onRef('same.case_identifier', '=', 'i.case_identifier'),
    )
    .select('same.id')
    .where('i.tenant_id', '=', tenantId)
    .where('i.id', '=', itemId)
    .execute();
}

export type CaseAssociationRow = Selectable<FrameworkCaseAssociationTable>;

/** What a CASE import kept as it came (migration 0025): the document, the items' records, every association. */
export async function caseSourceOf(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  const [framework, items, associations] = await Promise.all([
    db
      .selectFrom('framework')
      .select('case_source')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', frameworkId)
      .executeTakeFirst(),
    db
      .selectFrom('framework_item')
      .select(['case_identifier', 'case_source'])
      .where('tenant_id', '=', tenantId)
      .where('framework_id', '=', frameworkId)
      .where('case_source', 'is not', null)
      .execute(),
    db
      .selectFrom('framework_case_association')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('framework_id', '=', frameworkId)
      .orderBy('position')
      .execute(),
  ]);
  return { framework: framework?.case_source ?? null, items, associations };
}

export async function insertCaseAssociations(db: Kysely<DB>, rows: CaseAssociationRow[]) {
  await writeInBatches(rows, rowsPerStatement(9, 200), (batch) =>
    db.insertInto('framework_case_association').values(batch).execute(),
  );
}

/** A new version keeps the associations its items had. */
export async function copyCaseAssociations(db: Kysely<DB>, tenantId: string, fromId: string, toId: string) {
  const rows = await db
    .selectFrom('framework_case_association')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('framework_id', '=', fromId)
    .execute();
  await insertCaseAssociations(
    db,
    rows.map((r) => ({ ...r, framework_id: toId })),
  );
}

/** What a Moodle CSV import kept as it came (migration 0026): the framework row's and each competency row's fields. */
export async function moodleSourceOf(db: Kysely<DB>, tenantId: string, frameworkId: string) {
  const [framework, items] = await Promise.all([
    db
      .selectFrom('framework')
      .select('moodle_source')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', frameworkId)
      .executeTakeFirst(),
    db
      .selectFrom('framework_item')
      .select(['id', 'moodle_source'])
      .where('tenant_id', '=', tenantId)
      .where('framework_id', '=', frameworkId)
      .where('moodle_source', 'is not', null)
      .execute(),
  ]);
  return { framework: framework?.moodle_source ?? null, items };
}
