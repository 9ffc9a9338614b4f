import { type Kysely, type RawBuilder, type Selectable, type SqlBool, sql } from 'kysely';
import type { DB, RecognitionRuleTable } from '../../db/schema.ts';
import { subtreeUpperBound } from '../../shared/access.ts';
import { readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type RuleRow = Selectable<RecognitionRuleTable>;
export type RefType = 'item' | 'module' | 'programme';

/**
 * A condition with everything it names looked up: the competencies an aspect stands for, the
 * levels at or above the one asked (by the framework's order), the modules of a programme.
 * This is what the database evaluates.
 */
export type Resolved =
  | { kind: 'all' | 'any'; parts: Resolved[] }
  | { kind: 'confirmed'; itemIds: string[]; levels: string[] }
  | { kind: 'module'; moduleId: string }
  | { kind: 'programme'; programmeId: string; moduleIds: string[] };

/** What a stored rule keeps besides its condition: the lookups evaluation and issuing need. */
export interface Compiled {
  condition: Resolved;
  /** Framework items the credential aligns to (named competencies and aspects). */
  alignments: { frameworkId: string; itemId: string }[];
  /** Competencies whose confirmed level the credential states as a result. */
  resultItemIds: string[];
}

export function compiledOf(row: RuleRow): Compiled {
  return JSON.parse(row.resolved) as Compiled;
}

// ---------------------------------------------------------------- rules

export function insertRule(db: Kysely<DB>, row: RuleRow) {
  return db.insertInto('recognition_rule').values(row).execute();
}

export function updateRule(db: Kysely<DB>, tenantId: string, id: string, values: Partial<RuleRow>) {
  return db
    .updateTable('recognition_rule')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** Moves a rule from one status to another only if it still has the first: the lock against two moves at once. */
export async function moveRule(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  from: string,
  values: Partial<RuleRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('recognition_rule')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function getRule(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('recognition_rule')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listRules(db: Kysely<DB>, tenantId: string, statuses: string[]) {
  return db
    .selectFrom('recognition_rule')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', statuses)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function replaceRefs(
  db: Kysely<DB>,
  tenantId: string,
  ruleId: string,
  refs: { type: RefType; id: string }[],
) {
  await db.deleteFrom('recognition_rule_ref').where('tenant_id', '=', tenantId).where('rule_id', '=', ruleId).execute();
  const unique = [...new Map(refs.map((r) => [`${r.type}|${r.id}`, r])).values()];
  await writeInBatches(unique, rowsPerStatement(4), (batch) =>
    db
      .insertInto('recognition_rule_ref')
      .values(batch.map((r) => ({ tenant_id: tenantId, rule_id: ruleId, ref_type: r.type, ref_id: r.id })))
      .execute(),
  );
}

/** Rules (any status) naming any of these items. */
export function rulesNamingItems(db: Kysely<DB>, tenantId: string, itemIds: string[]) {
  return readInBatches([...new Set(itemIds)], (batch) =>
    db
      .selectFrom('recognition_rule as r')
      .selectAll('r')
      .where('r.tenant_id', '=', tenantId)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('recognition_rule_ref as x')
            .select(sql`1`.as('one'))
            .whereRef('x.tenant_id', '=', 'r.tenant_id')
            .whereRef('x.rule_id', '=', 'r.id')
            .where('x.ref_type', '=', 'item')
            .where('x.ref_id', 'in', batch),
        ),
      )
      .execute(),
  );
}

/** Adds references without removing any (a rule following a new version keeps naming the old items too). */
export async function addRefs(db: Kysely<DB>, tenantId: string, ruleId: string, refs: { type: RefType; id: string }[]) {
  await writeInBatches(refs, rowsPerStatement(4), (batch) =>
    db
      .insertInto('recognition_rule_ref')
      .values(batch.map((r) => ({ tenant_id: tenantId, rule_id: ruleId, ref_type: r.type, ref_id: r.id })))
      .onConflict((oc) => oc.columns(['tenant_id', 'ref_type', 'ref_id', 'rule_id']).doNothing())
      .execute(),
  );
}

/** Active rules naming any of these items, modules or programmes: the only ones a change can affect. */
export function activeRulesNaming(db: Kysely<DB>, tenantId: string, refs: { type: RefType; ids: string[] }[]) {
  const wanted = refs.filter((r) => r.ids.length > 0);
  if (wanted.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('recognition_rule as r')
    .selectAll('r')
    .where('r.tenant_id', '=', tenantId)
    .where('r.status', '=', 'active')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('recognition_rule_ref as x')
          .select(sql`1`.as('one'))
          .whereRef('x.tenant_id', '=', 'r.tenant_id')
          .whereRef('x.rule_id', '=', 'r.id')
          .where((w) =>
            w.or(wanted.map((ref) => w.and([w('x.ref_type', '=', ref.type), w('x.ref_id', 'in', ref.ids)]))),
          ),
      ),
    )
    .orderBy('r.id')
    .execute();
}

// ---------------------------------------------------------------- evaluating a condition in SQL

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function moduleDone(moduleId: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from training_enrolment e
    inner join training_offering o on o.tenant_id = e.tenant_id and o.id = e.offering_id
    where e.tenant_id = p.tenant_id and e.person_id = p.id and e.result = 'completed'
      and (o.module_id = ${moduleId} or o.programme_id in (
        select pm.programme_id from training_programme_module pm
        where pm.tenant_id = p.tenant_id and pm.module_id = ${moduleId})))`;
}

/**
 * The condition as a predicate on `person p`. Confirmed means the projection's confirmed column
 * (assessor, observation, imported), never self-assessed or trained; completion follows
 * training's `completedBy`: a programme's offering, or every one of its modules.
 */
export function predicate(condition: Resolved): RawBuilder<SqlBool> {
  switch (condition.kind) {
    case 'all':
    case 'any': {
      const parts = condition.parts.map((part) => sql`(${predicate(part)})`);
      return sql<SqlBool>`(${sql.join(parts, condition.kind === 'all' ? sql` and ` : sql` or `)})`;
    }
    case 'confirmed': {
      if (condition.itemIds.length === 0 || condition.levels.length === 0) return sql<SqlBool>`1 = 0`;
      // A named item is met by a confirmed level on it or on the item with its CASE identifier in any
      // version of its standard: evidence on a superseded version stays valid, and new evidence on the
      // current version counts for rules written against an earlier one.
      return sql<SqlBool>`(select count(*) from framework_item ri
        where ri.tenant_id = p.tenant_id and ri.id in (${list(condition.itemIds)})
          and exists (select 1 from framework rf
            inner join framework vf on vf.tenant_id = rf.tenant_id and vf.lineage_id = rf.lineage_id
            inner join framework_item ci on ci.tenant_id = vf.tenant_id and ci.framework_id = vf.id
              and ci.case_identifier = ri.case_identifier
            inner join competency_status cs on cs.tenant_id = ci.tenant_id and cs.person_id = p.id and cs.item_id = ci.id
            where rf.tenant_id = ri.tenant_id and rf.id = ri.framework_id
              and cs.confirmed_event_id is not null
              and cs.confirmed_level_code in (${list(condition.levels)}))) = ${condition.itemIds.length}`;
    }
    case 'module':
      return moduleDone(condition.moduleId);
    case 'programme': {
      const byOffering = sql<SqlBool>`exists (select 1 from training_enrolment e
        inner join training_offering o on o.tenant_id = e.tenant_id and o.id = e.offering_id
        where e.tenant_id = p.tenant_id and e.person_id = p.id and e.result = 'completed'
          and o.programme_id = ${condition.programmeId})`;
      if (condition.moduleIds.length === 0) return byOffering;
      const everyModule = sql.join(condition.moduleIds.map(moduleDone), sql` and `);
      return sql<SqlBool>`(${byOffering} or (${everyModule}))`;
    }
  }
}

/** Of these people, those who meet the condition and hold no award of the rule yet. */
/** Whether one person meets the condition now, award or none (an approval re-checks before issuing). */
export async function meets(db: Kysely<DB>, tenantId: string, condition: Resolved, personId: string) {
  const row = await db
    .selectFrom('person as p')
    .select('p.id')
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', personId)
    .where(predicate(condition))
    .executeTakeFirst();
  return row !== undefined;
}

export async function qualifyingAmong(
  db: Kysely<DB>,
  tenantId: string,
  ruleId: string,
  condition: Resolved,
  personIds: string[],
): Promise<string[]> {
  // 500 people a statement: the condition's own parameters ride along in each.
  const rows = await readInBatches(
    personIds,
    (batch) =>
      db
        .selectFrom('person as p')
        .select('p.id')
        .where('p.tenant_id', '=', tenantId)
        .where('p.id', 'in', batch)
        .where(predicate(condition))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('recognition_award as a')
                .select(sql`1`.as('one'))
                .whereRef('a.tenant_id', '=', 'p.tenant_id')
                .whereRef('a.person_id', '=', 'p.id')
                .where('a.rule_id', '=', ruleId),
            ),
          ),
        )
        .execute(),
    500,
  );
  return rows.map((r) => r.id);
}

/** Everyone in the tenant who meets the condition and holds no award of the rule yet (activation). */
export async function qualifyingInTenant(db: Kysely<DB>, tenantId: string, ruleId: string, condition: Resolved) {
  const rows = await db
    .selectFrom('person as p')
    .select('p.id')
    .where('p.tenant_id', '=', tenantId)
    .where(predicate(condition))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('recognition_award as a')
            .select(sql`1`.as('one'))
            .whereRef('a.tenant_id', '=', 'p.tenant_id')
            .whereRef('a.person_id', '=', 'p.id')
            .where('a.rule_id', '=', ruleId),
        ),
      ),
    )
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Who under a unit meets the condition today: counts, and the first page of names. `ruleId`
 * (a saved rule) adds whether each already holds an award of it.
 */
export async function preview(
  db: Kysely<DB>,
  tenantId: string,
  root: string,
  condition: Resolved,
  ruleId: string | null,
  limit: number,
  /** Subtrees whose people may be named; none, counts only. */
  nameRoots: string[],
) {
  const base = db
    .selectFrom('person as p')
    .leftJoin('recognition_award as a', (join) =>
      join
        .onRef('a.tenant_id', '=', 'p.tenant_id')
        .onRef('a.person_id', '=', 'p.id')
        .on('a.rule_id', '=', ruleId ?? ''),
    )
    .where('p.tenant_id', '=', tenantId)
    .where('p.org_path', '>=', root)
    .where('p.org_path', '<', subtreeUpperBound(root))
    .where(predicate(condition));
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<number | string>().as('qualifying'),
      eb.fn.count<number | string>('a.id').as('awarded'),
    ])
    .executeTakeFirst();
  const people =
    nameRoots.length === 0
      ? []
      : await base
          .where((eb) =>
            eb.or(
              nameRoots.map((r) => eb.and([eb('p.org_path', '>=', r), eb('p.org_path', '<', subtreeUpperBound(r))])),
            ),
          )
          .innerJoin('org_unit as u', (join) =>
            join.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'),
          )
          .select(['p.id', 'p.given_name', 'p.family_name', 'u.name as unit_name', 'a.status as award_status'])
          .orderBy('p.sort_name')
          .orderBy('p.id')
          .limit(limit)
          .execute();
  return {
    qualifying: Number(counts?.qualifying ?? 0),
    awarded: Number(counts?.awarded ?? 0),
    people,
  };
}
