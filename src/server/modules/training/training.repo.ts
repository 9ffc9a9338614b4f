import type { Kysely, Selectable } from 'kysely';
import type {
  DB,
  DevelopmentPlanItemTable,
  DevelopmentPlanTable,
  TrainingAttendanceTable,
  TrainingEnrolmentTable,
  TrainingModuleTable,
  TrainingOfferingTable,
  TrainingProgrammeTable,
} from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { KEYS_PER_STATEMENT, readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type ModuleRow = Selectable<TrainingModuleTable>;
export type ProgrammeRow = Selectable<TrainingProgrammeTable>;
export type OfferingRow = Selectable<TrainingOfferingTable>;
export type EnrolmentRow = Selectable<TrainingEnrolmentTable>;
export type AttendanceRow = Selectable<TrainingAttendanceTable>;
export type PlanRow = Selectable<DevelopmentPlanTable>;
export type PlanItemRow = Selectable<DevelopmentPlanItemTable>;
export type OutcomeRow = { module_id: string; item_id: string; level_code: string };

// ---- modules ----

export async function insertModule(db: Kysely<DB>, row: ModuleRow) {
  await db.insertInto('training_module').values(row).execute();
}

export async function updateModule(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<ModuleRow>) {
  await db.updateTable('training_module').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export function getModule(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('training_module')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findModuleByCode(db: Kysely<DB>, tenantId: string, code: string) {
  return db
    .selectFrom('training_module')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function modulesByIds(db: Kysely<DB>, tenantId: string, ids: string[]): Promise<ModuleRow[]> {
  return readInBatches([...new Set(ids)], (batch) =>
    db.selectFrom('training_module').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', batch).execute(),
  );
}

/** The catalogue; an outcome filter keeps modules with at least one outcome matching both parts. */
export function listModules(
  db: Kysely<DB>,
  tenantId: string,
  filter: { itemIds?: string[] | undefined; levelCode?: string | undefined; mode?: string | undefined },
) {
  let q = db.selectFrom('training_module as m').selectAll('m').where('m.tenant_id', '=', tenantId);
  if (filter.mode) q = q.where('m.delivery_mode', '=', filter.mode);
  if (filter.itemIds || filter.levelCode)
    q = q.where(({ exists, selectFrom }) => {
      let outcomes = selectFrom('training_outcome as o')
        .select('o.module_id')
        .whereRef('o.tenant_id', '=', 'm.tenant_id')
        .whereRef('o.module_id', '=', 'm.id');
      if (filter.itemIds) outcomes = outcomes.where('o.item_id', 'in', filter.itemIds);
      if (filter.levelCode) outcomes = outcomes.where('o.level_code', '=', filter.levelCode);
      return exists(outcomes);
    });
  return q.orderBy('m.code').execute();
}

export async function replaceOutcomes(db: Kysely<DB>, tenantId: string, moduleId: string, outcomes: OutcomeRow[]) {
  await db.deleteFrom('training_outcome').where('tenant_id', '=', tenantId).where('module_id', '=', moduleId).execute();
  await writeInBatches(outcomes, rowsPerStatement(4), (batch) =>
    db
      .insertInto('training_outcome')
      .values(batch.map((o) => ({ tenant_id: tenantId, ...o })))
      .execute(),
  );
}

export function outcomesOf(db: Kysely<DB>, tenantId: string, moduleIds: string[]): Promise<OutcomeRow[]> {
  return readInBatches([...new Set(moduleIds)], (batch) =>
    db
      .selectFrom('training_outcome')
      .select(['module_id', 'item_id', 'level_code'])
      .where('tenant_id', '=', tenantId)
      .where('module_id', 'in', batch)
      .execute(),
  );
}

// ---- programmes ----

export async function insertProgramme(db: Kysely<DB>, row: ProgrammeRow, moduleIds: string[]) {
  await db.insertInto('training_programme').values(row).execute();
  const links = moduleIds.map((moduleId, position) => ({
    tenant_id: row.tenant_id,
    programme_id: row.id,
    module_id: moduleId,
    position,
  }));
  await writeInBatches(links, rowsPerStatement(4), (batch) =>
    db.insertInto('training_programme_module').values(batch).execute(),
  );
}

export function getProgramme(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('training_programme')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findProgrammeByCode(db: Kysely<DB>, tenantId: string, code: string) {
  return db
    .selectFrom('training_programme')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function listProgrammes(db: Kysely<DB>, tenantId: string, filter: { ids?: string[]; role?: string } = {}) {
  let q = db.selectFrom('training_programme').selectAll().where('tenant_id', '=', tenantId);
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([] as ProgrammeRow[]);
    q = q.where('id', 'in', filter.ids);
  }
  if (filter.role) q = q.where('leads_to_role', '=', filter.role);
  return q.orderBy('code').execute();
}

/** The modules of programmes, in order. */
export function programmeModules(db: Kysely<DB>, tenantId: string, programmeIds?: string[]) {
  const q = db
    .selectFrom('training_programme_module')
    .select(['programme_id', 'module_id', 'position'])
    .where('tenant_id', '=', tenantId);
  if (!programmeIds) return q.orderBy('programme_id').orderBy('position').execute();
  // Ids in order, so slice after slice keeps the (programme_id, position) order.
  return readInBatches([...new Set(programmeIds)].sort(), (batch) =>
    q.where('programme_id', 'in', batch).orderBy('programme_id').orderBy('position').execute(),
  );
}

// ---- offerings ----

export async function insertOffering(db: Kysely<DB>, row: OfferingRow, trainerIds: string[]) {
  await db.insertInto('training_offering').values(row).execute();
  const leads = trainerIds.map((personId) => ({ tenant_id: row.tenant_id, offering_id: row.id, person_id: personId }));
  await writeInBatches(leads, rowsPerStatement(3), (batch) =>
    db.insertInto('training_offering_trainer').values(batch).execute(),
  );
}

export type OfferingWithHost = OfferingRow & { host_name: string };

export function getOffering(db: Kysely<DB>, tenantId: string, id: string): Promise<OfferingWithHost | undefined> {
  return db
    .selectFrom('training_offering as o')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.host_unit_id'))
    .selectAll('o')
    .select('u.name as host_name')
    .where('o.tenant_id', '=', tenantId)
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/**
 * Takes the offering's row lock for the rest of the transaction (an update locks on PostgreSQL;
 * SQLite has one writer anyway), so seat counts and waitlist promotion never race.
 */
export async function lockOffering(db: Kysely<DB>, tenantId: string, id: string) {
  await db
    .updateTable('training_offering')
    .set((eb) => ({ roster_version: eb('roster_version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export function listOfferings(
  db: Kysely<DB>,
  tenantId: string,
  filter: {
    moduleId?: string | undefined;
    programmeId?: string | undefined;
    moduleIds?: string[];
    hostUnitId?: string | undefined;
    from?: string | undefined;
    ledBy?: string | undefined;
    ids?: string[];
    status?: 'scheduled' | 'cancelled' | undefined;
  },
) {
  let q = db
    .selectFrom('training_offering as o')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'o.tenant_id').onRef('u.id', '=', 'o.host_unit_id'))
    .selectAll('o')
    .select('u.name as host_name')
    .where('o.tenant_id', '=', tenantId);
  if (filter.moduleId) q = q.where('o.module_id', '=', filter.moduleId);
  if (filter.moduleIds) {
    if (filter.moduleIds.length === 0) return Promise.resolve([] as OfferingWithHost[]);
    q = q.where('o.module_id', 'in', filter.moduleIds);
  }
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([] as OfferingWithHost[]);
    q = q.where('o.id', 'in', filter.ids);
  }
  if (filter.programmeId) q = q.where('o.programme_id', '=', filter.programmeId);
  if (filter.hostUnitId) q = q.where('o.host_unit_id', '=', filter.hostUnitId);
  if (filter.from) q = q.where('o.end_date', '>=', filter.from);
  if (filter.status) q = q.where('o.status', '=', filter.status);
  if (filter.ledBy) {
    const personId = filter.ledBy;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('training_offering_trainer as t')
          .select('t.person_id')
          .whereRef('t.tenant_id', '=', 'o.tenant_id')
          .whereRef('t.offering_id', '=', 'o.id')
          .where('t.person_id', '=', personId),
      ),
    );
  }
  return q.orderBy('o.start_date').orderBy('o.id').limit(500).execute();
}

export async function updateOffering(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<OfferingRow>) {
  await db.updateTable('training_offering').set(patch).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

export async function replaceTrainers(db: Kysely<DB>, tenantId: string, offeringId: string, personIds: string[]) {
  await db
    .deleteFrom('training_offering_trainer')
    .where('tenant_id', '=', tenantId)
    .where('offering_id', '=', offeringId)
    .execute();
  const leads = personIds.map((personId) => ({ tenant_id: tenantId, offering_id: offeringId, person_id: personId }));
  await writeInBatches(leads, rowsPerStatement(3), (batch) =>
    db.insertInto('training_offering_trainer').values(batch).execute(),
  );
}

/** How many of an offering's enrolments have a result: once one has, its dates and threshold are history. */
export async function countResults(db: Kysely<DB>, tenantId: string, offeringId: string) {
  const row = await db
    .selectFrom('training_enrolment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('offering_id', '=', offeringId)
    .where('result', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The trainers of offerings, in name order within each offering. */
export function trainersOf(db: Kysely<DB>, tenantId: string, offeringIds: string[]) {
  return readInBatches([...new Set(offeringIds)], (batch) =>
    db
      .selectFrom('training_offering_trainer as t')
      .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.person_id'))
      .select(['t.offering_id', 't.person_id', 'p.given_name', 'p.family_name', 'p.org_path'])
      .where('t.tenant_id', '=', tenantId)
      .where('t.offering_id', 'in', batch)
      .orderBy('p.sort_name')
      .execute(),
  );
}

/** Every (offering, trainer) pair: the cascade is read from who led what. */
export function allLeads(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('training_offering_trainer')
    .select(['offering_id', 'person_id'])
    .where('tenant_id', '=', tenantId)
    .execute();
}

export function seatCounts(db: Kysely<DB>, tenantId: string, offeringIds: string[]) {
  return readInBatches([...new Set(offeringIds)], (batch) =>
    db
      .selectFrom('training_enrolment')
      .select(['offering_id', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('offering_id', 'in', batch)
      .where('status', 'in', ['enrolled', 'waitlisted'])
      .groupBy(['offering_id', 'status'])
      .execute(),
  );
}

// ---- enrolments ----

export async function insertEnrolment(db: Kysely<DB>, row: EnrolmentRow) {
  await db.insertInto('training_enrolment').values(row).execute();
}

export async function updateEnrolment(db: Kysely<DB>, tenantId: string, id: string, patch: Partial<EnrolmentRow>) {
  await db
    .updateTable('training_enrolment')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export function getEnrolment(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('training_enrolment')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function enrolmentsOfPeople(
  db: Kysely<DB>,
  tenantId: string,
  offeringId: string,
  personIds: string[],
): Promise<EnrolmentRow[]> {
  return readInBatches([...new Set(personIds)], (batch) =>
    db
      .selectFrom('training_enrolment')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('offering_id', '=', offeringId)
      .where('person_id', 'in', batch)
      .execute(),
  );
}

export async function countEnrolled(db: Kysely<DB>, tenantId: string, offeringId: string) {
  const row = await db
    .selectFrom('training_enrolment')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('offering_id', '=', offeringId)
    .where('status', '=', 'enrolled')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function firstWaitlisted(db: Kysely<DB>, tenantId: string, offeringId: string) {
  return db
    .selectFrom('training_enrolment')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('offering_id', '=', offeringId)
    .where('status', '=', 'waitlisted')
    .orderBy('queued_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

export type RosterRow = EnrolmentRow & {
  given_name: string;
  family_name: string;
  national_id: string | null;
  org_path: string;
  /** The person's school (or other unit): its name as stored, localized JSON. */
  unit_name: string;
};

/** The enrolments of an offering with names; `roots` keeps only people under those paths. */
export function roster(db: Kysely<DB>, tenantId: string, offeringId: string, roots?: string[]): Promise<RosterRow[]> {
  let q = db
    .selectFrom('training_enrolment as e')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .selectAll('e')
    .select(['p.given_name', 'p.family_name', 'p.national_id', 'p.org_path', 'u.name as unit_name'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.offering_id', '=', offeringId);
  if (roots) q = q.where((eb) => pathUnder(eb, 'p.org_path', roots));
  return q.orderBy('e.status').orderBy('e.queued_at').orderBy('e.id').execute();
}

export function enrolmentsOfPerson(db: Kysely<DB>, tenantId: string, personId: string): Promise<RosterRow[]> {
  return db
    .selectFrom('training_enrolment as e')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .selectAll('e')
    .select(['p.given_name', 'p.family_name', 'p.national_id', 'p.org_path', 'u.name as unit_name'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.person_id', '=', personId)
    .orderBy('e.created_at', 'desc')
    .execute();
}

/** Completed enrolments of people (all of them when `personIds` is absent), with what they completed. */
export async function completions(db: Kysely<DB>, tenantId: string, personIds?: string[]) {
  const q = db
    .selectFrom('training_enrolment as e')
    .innerJoin('training_offering as o', (j) =>
      j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.offering_id'),
    )
    .select([
      'e.id',
      'e.person_id',
      'e.offering_id',
      'e.completed_on',
      'e.cpd_hours',
      'e.score',
      'o.module_id',
      'o.programme_id',
    ])
    .where('e.tenant_id', '=', tenantId)
    .where('e.result', '=', 'completed');
  if (!personIds) return q.orderBy('e.completed_on').orderBy('e.id').execute();
  const unique = [...new Set(personIds)];
  const rows = await readInBatches(unique, (batch) =>
    q.where('e.person_id', 'in', batch).orderBy('e.completed_on').orderBy('e.id').execute(),
  );
  // Slices come back one after another: one order across them (a completion always has its date).
  if (unique.length > KEYS_PER_STATEMENT)
    rows.sort((a, b) => (a.completed_on ?? '').localeCompare(b.completed_on ?? '') || (a.id < b.id ? -1 : 1));
  return rows;
}

/** Open enrolments (enrolled or waitlisted, no result yet) of people in offerings of these modules. */
export function openEnrolmentsInModules(db: Kysely<DB>, tenantId: string, moduleIds: string[]) {
  return readInBatches([...new Set(moduleIds)], (batch) =>
    db
      .selectFrom('training_enrolment as e')
      .innerJoin('training_offering as o', (j) =>
        j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.offering_id'),
      )
      .select(['e.person_id', 'o.module_id'])
      .where('e.tenant_id', '=', tenantId)
      .where('e.status', 'in', ['enrolled', 'waitlisted'])
      .where('e.result', 'is', null)
      .where('o.status', '=', 'scheduled')
      .where('o.module_id', 'in', batch)
      .execute(),
  );
}

// ---- attendance ----

/** Marks of a whole results file (3,000 teachers x 10 days) go out 500 rows to a statement. */
export async function putAttendance(db: Kysely<DB>, rows: AttendanceRow[]) {
  await writeInBatches(rows, rowsPerStatement(6), (batch) =>
    db
      .insertInto('training_attendance')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'offering_id', 'person_id', 'day']).doUpdateSet((eb) => ({
          present: eb.ref('excluded.present'),
          recorded_at: eb.ref('excluded.recorded_at'),
        })),
      )
      .execute(),
  );
}

export function attendanceOf(db: Kysely<DB>, tenantId: string, offeringId: string) {
  return db
    .selectFrom('training_attendance')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('offering_id', '=', offeringId)
    .execute();
}

// ---- where and by whom training can be scheduled (reads of the org tree and people) ----

/**
 * Teacher-education institutions and resource centres under `roots`, or attached to a unit on the
 * path down to them (`ancestorPaths`): the candidates a scheduler may host training at.
 */
export function institutionsNear(db: Kysely<DB>, tenantId: string, roots: string[], ancestorPaths: string[]) {
  return db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as up', (j) => j.onRef('up.tenant_id', '=', 'u.tenant_id').onRef('up.id', '=', 'u.parent_id'))
    .select(['u.id', 'u.path', 'u.type', 'u.name'])
    .where('u.tenant_id', '=', tenantId)
    .where('u.type', 'in', ['tei', 'resource_centre'])
    .where((eb) =>
      ancestorPaths.length
        ? eb.or([pathUnder(eb, 'u.path', roots), eb('up.path', 'in', ancestorPaths)])
        : pathUnder(eb, 'u.path', roots),
    )
    .orderBy('u.path')
    .limit(500)
    .execute();
}

/** Everyone placed in the institutions, and people of category trainer under `areas`, with their unit's name. */
export function trainersNear(db: Kysely<DB>, tenantId: string, institutions: string[], areas: string[]) {
  return db
    .selectFrom('person as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['p.id', 'p.given_name', 'p.family_name', 'u.name as unit_name'])
    .where('p.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        pathUnder(eb, 'p.org_path', institutions),
        eb.and([eb('p.category', '=', 'trainer'), pathUnder(eb, 'p.org_path', areas)]),
      ]),
    )
    .orderBy('p.sort_name')
    .limit(500)
    .execute();
}

// ---- people (reads only: names, placement and national ids for rosters and imports) ----

export function peopleByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return readInBatches([...new Set(ids)], (batch) =>
    db
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name', 'org_path', 'national_id', 'category'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', batch)
      .execute(),
  );
}

export function peopleByNationalIds(db: Kysely<DB>, tenantId: string, nationalIds: string[]) {
  return readInBatches([...new Set(nationalIds)], (batch) =>
    db
      .selectFrom('person')
      .select(['id', 'national_id'])
      .where('tenant_id', '=', tenantId)
      .where('national_id', 'in', batch)
      .execute(),
  );
}

export function peopleUnder(db: Kysely<DB>, tenantId: string, ids: string[], roots: string[]) {
  return readInBatches([...new Set(ids)], (batch) =>
    db
      .selectFrom('person as p')
      .select(['p.id', 'p.org_path'])
      .where('p.tenant_id', '=', tenantId)
      .where('p.id', 'in', batch)
      .where((eb) => pathUnder(eb, 'p.org_path', roots))
      .execute(),
  );
}

// ---- development plans ----

export async function insertPlan(db: Kysely<DB>, row: PlanRow) {
  await db.insertInto('development_plan').values(row).execute();
}

/** Moves a plan on only from the status the caller saw, so two people cannot both move it. */
export async function movePlan(
  db: Kysely<DB>,
  tenantId: string,
  id: string,
  from: string,
  patch: Partial<PlanRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('development_plan')
    .set(patch)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Only drafts are deleted (replaced by a fresh proposal); agreed plans stay as the record. */
export async function deletePlan(db: Kysely<DB>, tenantId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('development_plan')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) return false;
  await db.deleteFrom('development_plan_item').where('tenant_id', '=', tenantId).where('plan_id', '=', id).execute();
  return true;
}

export async function replacePlanItems(db: Kysely<DB>, tenantId: string, planId: string, items: PlanItemRow[]) {
  await db
    .deleteFrom('development_plan_item')
    .where('tenant_id', '=', tenantId)
    .where('plan_id', '=', planId)
    .execute();
  await writeInBatches(items, rowsPerStatement(10), (batch) =>
    db.insertInto('development_plan_item').values(batch).execute(),
  );
}

export function getPlan(db: Kysely<DB>, tenantId: string, id: string) {
  return db
    .selectFrom('development_plan')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function planItems(db: Kysely<DB>, tenantId: string, planIds: string[]): Promise<PlanItemRow[]> {
  // Ids in order, so slice after slice keeps the (plan_id, position) order.
  return readInBatches([...new Set(planIds)].sort(), (batch) =>
    db
      .selectFrom('development_plan_item')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('plan_id', 'in', batch)
      .orderBy('plan_id')
      .orderBy('position')
      .execute(),
  );
}

export function plansOfPerson(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('development_plan')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** The plans of these people in one status. */
export function plansOfPeople(db: Kysely<DB>, tenantId: string, personIds: string[], status: string) {
  return readInBatches([...new Set(personIds)], (batch) =>
    db
      .selectFrom('development_plan')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('person_id', 'in', batch)
      .where('status', '=', status)
      .execute(),
  );
}

/** Plans whose teacher is placed under `roots`, with the teacher's name. */
export function plansUnder(db: Kysely<DB>, tenantId: string, roots: string[], statuses?: string[]) {
  let q = db
    .selectFrom('development_plan as d')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.person_id'))
    .selectAll('d')
    .select(['p.given_name', 'p.family_name', 'p.sort_name'])
    .where('d.tenant_id', '=', tenantId)
    .where((eb) => pathUnder(eb, 'p.org_path', roots));
  if (statuses) q = q.where('d.status', 'in', statuses);
  return q.orderBy('p.sort_name').orderBy('d.created_at', 'desc').limit(2000).execute();
}

/** Per module: the (person, module) pairs proposed by plans not yet done, for teachers under `roots`. */
export function proposedModulesUnder(db: Kysely<DB>, tenantId: string, roots: string[]) {
  return db
    .selectFrom('development_plan_item as i')
    .innerJoin('development_plan as d', (j) =>
      j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.plan_id'),
    )
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.person_id'))
    .select(['d.person_id', 'i.module_id'])
    .distinct()
    .where('i.tenant_id', '=', tenantId)
    .where('i.module_id', 'is not', null)
    .where('d.status', '!=', 'done')
    .where((eb) => pathUnder(eb, 'p.org_path', roots))
    .execute() as Promise<{ person_id: string; module_id: string }[]>;
}

/**
 * Who completed an offering this trainer led, since a date: the trainer follows them through in
 * class. With `personIds`, only those of them (a check of one coachee reads their enrolments, not
 * every enrolment of every offering the trainer led).
 */
export function completersLedBy(
  db: Kysely<DB>,
  tenantId: string,
  trainerPersonId: string,
  since: string,
  personIds?: string[],
) {
  return db
    .selectFrom('training_offering_trainer as t')
    .innerJoin('training_enrolment as e', (j) =>
      j.onRef('e.tenant_id', '=', 't.tenant_id').onRef('e.offering_id', '=', 't.offering_id'),
    )
    .select(['e.person_id', 'e.offering_id', 'e.completed_on'])
    .where('t.tenant_id', '=', tenantId)
    .where('t.person_id', '=', trainerPersonId)
    .where('e.result', '=', 'completed')
    .where('e.completed_on', '>=', since)
    .$if(personIds !== undefined, (q) => q.where('e.person_id', 'in', personIds!))
    .execute();
}
