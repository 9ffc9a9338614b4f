import { hasPermissionAt, requirePermissionAt, requireScope, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { NOT_YET } from '../assessment/assessment.schemas.ts';
import * as assessment from '../assessment/assessment.service.ts';
import {
  loadStandard,
  requireAssessable,
  requireCompetency,
  requireLevel,
  type Standard,
} from '../assessment/assessment.standard.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './training.repo.ts';
import type {
  AttendanceInput,
  CatalogueFilter,
  CreateModuleInput,
  CreateOfferingInput,
  CreateProgrammeInput,
  Enrolment,
  Offering,
  Programme,
  ResultsInput,
  SchedulingOptions,
  TrainerQualificationInput,
  TrainingModule,
  UpdateModuleInput,
} from './training.schemas.ts';

export const today = () => nowIso().slice(0, 10);
const text = (ctx: Ctx, value: LocalizedText) => resolveText(value, ctx.locale, ctx.defaultLocale);
const nameOf = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

// ---------------------------------------------------------------- the catalogue

/** The catalogue is national, like the standard it is aligned to: written at the top unit. */
async function requireCatalogueWriter(ctx: Ctx) {
  requirePermissionAt(ctx, 'training.catalogue', await org.topUnitPath(ctx));
}

interface Qualification {
  programmeIds: string[];
  frameworkId: string | null;
  competencies: { itemId: string; levelCode: string }[];
}

async function checkQualification(
  ctx: Ctx,
  input: TrainerQualificationInput | null,
  field: string,
): Promise<Qualification | null> {
  if (!input) return null;
  const programmes = await repo.listProgrammes(ctx.db, ctx.tenantId, { ids: [...new Set(input.programmeIds)] });
  const missing = input.programmeIds.filter((id) => !programmes.some((p) => p.id === id));
  if (missing.length)
    throw new AppError('unknown_programme', `No programme ${missing[0]}.`, { field: `${field}.programmeIds`, missing });
  let frameworkId: string | null = null;
  if (input.competencies.length) {
    const standard = await loadStandard(ctx, input.frameworkId);
    requireAssessable(standard, true);
    frameworkId = standard.framework.id;
    checkOutcomes(standard, input.competencies, `${field}.competencies`);
  }
  return { programmeIds: [...new Set(input.programmeIds)], frameworkId, competencies: input.competencies };
}

function checkOutcomes(standard: Standard, outcomes: { itemId: string; levelCode: string }[], field: string) {
  for (const [i, o] of outcomes.entries()) {
    requireCompetency(standard, o.itemId, `${field}.${i}.itemId`);
    if (requireLevel(standard, o.levelCode, `${field}.${i}.levelCode`) === null)
      throw new AppError('unknown_level', 'An outcome is one of the standard’s levels.', {
        field: `${field}.${i}.levelCode`,
      });
  }
}

async function checkPrerequisites(ctx: Ctx, moduleId: string | null, ids: string[]) {
  const unique = [...new Set(ids)];
  if (moduleId && unique.includes(moduleId))
    throw new AppError('prerequisite_cycle', 'A module cannot be its own prerequisite.', {
      field: 'body.prerequisiteIds',
    });
  const rows = await repo.modulesByIds(ctx.db, ctx.tenantId, unique);
  const missing = unique.filter((id) => !rows.some((r) => r.id === id));
  if (missing.length)
    throw new AppError('unknown_module', `No module ${missing[0]}.`, { field: 'body.prerequisiteIds', missing });
  if (!moduleId) return unique;
  // A new edge module -> p closes a cycle when `module` is reachable from p.
  const seen = new Set<string>();
  let frontier = unique;
  while (frontier.length) {
    if (frontier.includes(moduleId))
      throw new AppError('prerequisite_cycle', 'These prerequisites would make the module depend on itself.', {
        field: 'body.prerequisiteIds',
      });
    frontier.forEach((id) => {
      seen.add(id);
    });
    const next = await repo.modulesByIds(ctx.db, ctx.tenantId, frontier);
    frontier = next.flatMap((m) => JSON.parse(m.prerequisite_ids) as string[]).filter((id) => !seen.has(id));
  }
  return unique;
}

function toQualification(json: string | null): Qualification | null {
  return json ? (JSON.parse(json) as Qualification) : null;
}

async function toModules(ctx: Ctx, rows: repo.ModuleRow[]): Promise<TrainingModule[]> {
  const outcomes = await repo.outcomesOf(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  const standards = new Map<string, Standard>();
  for (const id of new Set(rows.map((r) => r.framework_id))) standards.set(id, await loadStandard(ctx, id));
  return rows.map((row) => {
    const standard = standards.get(row.framework_id)!;
    const title = JSON.parse(row.title) as LocalizedText;
    const summary = JSON.parse(row.summary) as LocalizedText;
    return {
      id: row.id,
      code: row.code,
      frameworkId: row.framework_id,
      title,
      summary,
      displayTitle: text(ctx, title),
      displaySummary: text(ctx, summary),
      outcomes: outcomes
        .filter((o) => o.module_id === row.id)
        .map((o) => {
          const item = standard.framework.items.find((i) => i.id === o.item_id);
          return {
            itemId: o.item_id,
            code: item?.code ?? '',
            title: text(ctx, item?.title ?? {}),
            levelCode: o.level_code,
          };
        })
        .sort((a, b) => a.code.localeCompare(b.code) || a.levelCode.localeCompare(b.levelCode)),
      hours: Number(row.hours),
      deliveryMode: row.delivery_mode as TrainingModule['deliveryMode'],
      languages: JSON.parse(row.languages),
      materials: JSON.parse(row.materials),
      prerequisiteIds: JSON.parse(row.prerequisite_ids),
      trainerQualification: toQualification(row.trainer_qualification),
      updatedAt: row.updated_at,
    };
  });
}

export async function requireModule(ctx: Ctx, moduleId: string) {
  const row = await repo.getModule(ctx.db, ctx.tenantId, moduleId);
  if (!row) throw notFound('module', moduleId);
  return row;
}

export async function getModule(ctx: Ctx, moduleId: string): Promise<TrainingModule> {
  return (await toModules(ctx, [await requireModule(ctx, moduleId)]))[0]!;
}

export async function listModules(ctx: Ctx, filter: CatalogueFilter = {}): Promise<TrainingModule[]> {
  const rows = await repo.listModules(ctx.db, ctx.tenantId, filter);
  const language = filter.language;
  return toModules(ctx, language ? rows.filter((r) => JSON.parse(r.languages).includes(language)) : rows);
}

export async function createModule(ctx: Ctx, input: CreateModuleInput): Promise<TrainingModule> {
  await requireCatalogueWriter(ctx);
  const standard = await loadStandard(ctx, input.frameworkId);
  requireAssessable(standard, true);
  checkOutcomes(standard, input.outcomes, 'body.outcomes');
  return inTransaction(ctx, async (tx) => {
    if (await repo.findModuleByCode(tx.db, tx.tenantId, input.code))
      throw new AppError('duplicate_code', `A module with code ${input.code} exists.`, { field: 'body.code' });
    const qualification = await checkQualification(tx, input.trainerQualification, 'body.trainerQualification');
    const prerequisites = await checkPrerequisites(tx, null, input.prerequisiteIds);
    const at = nowIso();
    const row: repo.ModuleRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      code: input.code,
      framework_id: standard.framework.id,
      title: JSON.stringify(input.title),
      summary: JSON.stringify(input.summary),
      hours: input.hours,
      delivery_mode: input.deliveryMode,
      languages: JSON.stringify([...new Set(input.languages)]),
      materials: JSON.stringify(input.materials),
      prerequisite_ids: JSON.stringify(prerequisites),
      trainer_qualification: qualification ? JSON.stringify(qualification) : null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertModule(tx.db, row);
    await repo.replaceOutcomes(tx.db, tx.tenantId, row.id, uniqueOutcomes(row.id, input.outcomes));
    const created = await getModule(tx, row.id);
    await recordAudit(tx.db, tx, 'training_module.create', { type: 'training_module', id: row.id }, null, created);
    return created;
  });
}

function uniqueOutcomes(moduleId: string, outcomes: { itemId: string; levelCode: string }[]) {
  const keyed = new Map(outcomes.map((o) => [`${o.itemId}|${o.levelCode}`, o]));
  return [...keyed.values()].map((o) => ({ module_id: moduleId, item_id: o.itemId, level_code: o.levelCode }));
}

export async function updateModule(ctx: Ctx, moduleId: string, input: UpdateModuleInput): Promise<TrainingModule> {
  await requireCatalogueWriter(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await getModule(tx, moduleId);
    const patch: Partial<repo.ModuleRow> = { updated_at: nowIso() };
    if (input.title) patch.title = JSON.stringify(input.title);
    if (input.summary) patch.summary = JSON.stringify(input.summary);
    if (input.hours !== undefined) patch.hours = input.hours;
    if (input.deliveryMode) patch.delivery_mode = input.deliveryMode;
    if (input.languages) patch.languages = JSON.stringify([...new Set(input.languages)]);
    if (input.materials) patch.materials = JSON.stringify(input.materials);
    if (input.prerequisiteIds)
      patch.prerequisite_ids = JSON.stringify(await checkPrerequisites(tx, moduleId, input.prerequisiteIds));
    if (input.trainerQualification !== undefined) {
      const q = await checkQualification(tx, input.trainerQualification, 'body.trainerQualification');
      patch.trainer_qualification = q ? JSON.stringify(q) : null;
    }
    if (input.outcomes) {
      const standard = await loadStandard(tx, before.frameworkId);
      checkOutcomes(standard, input.outcomes, 'body.outcomes');
      await repo.replaceOutcomes(tx.db, tx.tenantId, moduleId, uniqueOutcomes(moduleId, input.outcomes));
    }
    await repo.updateModule(tx.db, tx.tenantId, moduleId, patch);
    const after = await getModule(tx, moduleId);
    await recordAudit(tx.db, tx, 'training_module.update', { type: 'training_module', id: moduleId }, before, after);
    return after;
  });
}

async function toProgrammes(ctx: Ctx, rows: repo.ProgrammeRow[]): Promise<Programme[]> {
  const links = await repo.programmeModules(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  const modules = new Map(
    (
      await repo.modulesByIds(
        ctx.db,
        ctx.tenantId,
        links.map((l) => l.module_id),
      )
    ).map((m) => [m.id, m]),
  );
  return rows.map((row) => {
    const title = JSON.parse(row.title) as LocalizedText;
    const members = links
      .filter((l) => l.programme_id === row.id)
      .map((l) => modules.get(l.module_id)!)
      .map((m) => ({ id: m.id, code: m.code, title: text(ctx, JSON.parse(m.title)), hours: Number(m.hours) }));
    return {
      id: row.id,
      code: row.code,
      title,
      summary: JSON.parse(row.summary),
      displayTitle: text(ctx, title),
      leadsToRole: row.leads_to_role as Programme['leadsToRole'],
      leadsToLevelCode: row.leads_to_level_code,
      completionRule: 'all_modules' as const,
      modules: members,
      hours: members.reduce((sum, m) => sum + m.hours, 0),
      trainerQualification: toQualification(row.trainer_qualification),
    };
  });
}

export async function listProgrammes(ctx: Ctx): Promise<Programme[]> {
  return toProgrammes(ctx, await repo.listProgrammes(ctx.db, ctx.tenantId));
}

export async function requireProgramme(ctx: Ctx, programmeId: string) {
  const row = await repo.getProgramme(ctx.db, ctx.tenantId, programmeId);
  if (!row) throw notFound('programme', programmeId);
  return row;
}

export async function getProgramme(ctx: Ctx, programmeId: string): Promise<Programme> {
  return (await toProgrammes(ctx, [await requireProgramme(ctx, programmeId)]))[0]!;
}

export async function createProgramme(ctx: Ctx, input: CreateProgrammeInput): Promise<Programme> {
  await requireCatalogueWriter(ctx);
  return inTransaction(ctx, async (tx) => {
    if (await repo.findProgrammeByCode(tx.db, tx.tenantId, input.code))
      throw new AppError('duplicate_code', `A programme with code ${input.code} exists.`, { field: 'body.code' });
    const modules = await repo.modulesByIds(tx.db, tx.tenantId, input.moduleIds);
    const missing = input.moduleIds.filter((id) => !modules.some((m) => m.id === id));
    if (missing.length)
      throw new AppError('unknown_module', `No module ${missing[0]}.`, { field: 'body.moduleIds', missing });
    if (input.leadsToLevelCode) {
      const standard = await loadStandard(tx, modules[0]!.framework_id);
      requireLevel(standard, input.leadsToLevelCode, 'body.leadsToLevelCode');
    }
    const qualification = await checkQualification(tx, input.trainerQualification, 'body.trainerQualification');
    const row: repo.ProgrammeRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      code: input.code,
      title: JSON.stringify(input.title),
      summary: JSON.stringify(input.summary),
      leads_to_role: input.leadsToRole,
      leads_to_level_code: input.leadsToLevelCode,
      completion_rule: 'all_modules',
      trainer_qualification: qualification ? JSON.stringify(qualification) : null,
      created_at: nowIso(),
    };
    await repo.insertProgramme(tx.db, row, input.moduleIds);
    const created = await getProgramme(tx, row.id);
    await recordAudit(
      tx.db,
      tx,
      'training_programme.create',
      { type: 'training_programme', id: row.id },
      null,
      created,
    );
    return created;
  });
}

// ---------------------------------------------------------------- what people have completed

export interface Completed {
  modules: Set<string>;
  programmes: Set<string>;
}

/**
 * What each person has completed. A programme is complete when its offering was completed or when
 * every one of its modules was (the completion rule "all modules"); completing a programme's
 * offering completes its modules.
 */
export async function completedBy(ctx: Ctx, personIds?: string[]): Promise<Map<string, Completed>> {
  const [rows, links] = await Promise.all([
    repo.completions(ctx.db, ctx.tenantId, personIds),
    repo.programmeModules(ctx.db, ctx.tenantId),
  ]);
  const modulesOf = new Map<string, string[]>();
  for (const l of links) modulesOf.set(l.programme_id, [...(modulesOf.get(l.programme_id) ?? []), l.module_id]);
  const out = new Map<string, Completed>();
  for (const row of rows) {
    const entry = out.get(row.person_id) ?? { modules: new Set<string>(), programmes: new Set<string>() };
    out.set(row.person_id, entry);
    if (row.module_id) entry.modules.add(row.module_id);
    if (row.programme_id) {
      entry.programmes.add(row.programme_id);
      for (const m of modulesOf.get(row.programme_id) ?? []) entry.modules.add(m);
    }
  }
  for (const entry of out.values())
    for (const [programmeId, modules] of modulesOf)
      if (modules.every((m) => entry.modules.has(m))) entry.programmes.add(programmeId);
  return out;
}

/**
 * The cascade rule: whoever leads must have completed one of the named programmes, or hold a
 * confirmed level at least the required one in every named competency.
 */
async function unqualifiedAmong(ctx: Ctx, qualification: Qualification | null, trainerIds: string[]) {
  if (!qualification) return [];
  const done = await completedBy(ctx, trainerIds);
  const levels = qualification.competencies.length
    ? await assessment.confirmedLevels(ctx, trainerIds, qualification.frameworkId ?? undefined)
    : new Map<string, Map<string, string | null>>();
  const standard = qualification.competencies.length
    ? await loadStandard(ctx, qualification.frameworkId ?? undefined)
    : null;
  const holds = (personId: string) =>
    qualification.competencies.length > 0 &&
    qualification.competencies.every((c) => {
      const mine = levels.get(personId);
      if (!mine?.has(c.itemId)) return false;
      return standard!.rank.get(mine.get(c.itemId) ?? NOT_YET)! >= standard!.rank.get(c.levelCode)!;
    });
  return trainerIds.filter(
    (id) => !qualification.programmeIds.some((p) => done.get(id)?.programmes.has(p)) && !holds(id),
  );
}

async function requireQualified(ctx: Ctx, qualification: Qualification | null, trainerIds: string[]) {
  const unqualified = await unqualifiedAmong(ctx, qualification, trainerIds);
  if (unqualified.length)
    throw new AppError(
      'trainer_not_qualified',
      'A trainer does not hold the qualification this training requires to lead it.',
      { field: 'body.trainerIds', personIds: unqualified, requirement: qualification },
    );
}

// ---------------------------------------------------------------- offerings

/**
 * Where the actor may schedule and manage training: institutions in their training.manage scope,
 * and institutions that serve it (those attached to a unit above it, such as the region's teacher
 * college for a district officer).
 */
export function canManageAt(ctx: Ctx, hostPath: string): boolean {
  if (hasPermissionAt(ctx, 'training.manage', hostPath)) return true;
  const parent = hostPath.slice(0, hostPath.slice(0, -1).lastIndexOf('/') + 1);
  return parent !== '' && scopePaths(ctx, 'training.manage').some((root) => root.startsWith(parent));
}

const HOST_TYPES = new Set(['tei', 'resource_centre']);

async function schedulingHosts(ctx: Ctx) {
  const roots = requireScope(ctx, 'training.manage');
  const ancestors = [...new Set(roots.flatMap((r) => [...org.ancestorPathsOf(r), r]))];
  const hosts = (await repo.institutionsNear(ctx.db, ctx.tenantId, roots, ancestors)).filter((h) =>
    canManageAt(ctx, h.path),
  );
  return { roots, hosts };
}

/**
 * What a scheduler can choose from: the institutions they may host training at, and the people who
 * may lead (everyone placed in those institutions, and trainers in the scheduler's area), each
 * marked qualified or not for the module or programme asked about.
 */
export async function schedulingOptions(
  ctx: Ctx,
  subject: { moduleId?: string | undefined; programmeId?: string | undefined },
): Promise<SchedulingOptions> {
  const { roots, hosts } = await schedulingHosts(ctx);
  const trainers = await repo.trainersNear(
    ctx.db,
    ctx.tenantId,
    hosts.map((h) => h.path),
    roots,
  );
  let qualification: Qualification | null = null;
  if (subject.moduleId)
    qualification = toQualification((await requireModule(ctx, subject.moduleId)).trainer_qualification);
  else if (subject.programmeId)
    qualification = toQualification((await requireProgramme(ctx, subject.programmeId)).trainer_qualification);
  const unqualified = new Set(
    await unqualifiedAmong(
      ctx,
      qualification,
      trainers.map((t) => t.id),
    ),
  );
  return {
    hosts: hosts.map((h) => ({
      id: h.id,
      name: text(ctx, JSON.parse(h.name)),
      type: h.type as 'tei' | 'resource_centre',
    })),
    trainers: trainers.map((t) => ({
      personId: t.id,
      name: nameOf(t),
      unitName: text(ctx, JSON.parse(t.unit_name)),
      qualified: !unqualified.has(t.id),
    })),
  };
}

function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days;
}

export async function createOffering(ctx: Ctx, input: CreateOfferingInput): Promise<Offering> {
  requireScope(ctx, 'training.manage');
  const host = await org.requireUnitForPerson(ctx, input.hostUnitId);
  if (!canManageAt(ctx, host.path)) {
    if (!hasPermissionAt(ctx, 'org.read', host.path)) throw notFound('org_unit', input.hostUnitId);
    throw new AppError('forbidden', 'You may not schedule training at this institution.', {
      permission: 'training.manage',
    });
  }
  if (!HOST_TYPES.has(host.type))
    throw new AppError(
      'host_not_institution',
      'Training is hosted by a teacher-education institution or resource centre.',
      {
        field: 'body.hostUnitId',
        type: host.type,
      },
    );
  const sessionDays = [...new Set(input.sessionDays ?? daysBetween(input.startDate, input.endDate))].sort();
  const enrolOpens = input.enrolOpens ?? today();
  const enrolCloses = input.enrolCloses ?? input.startDate;
  const datesFault = (field: string, message: string) =>
    new AppError('offering_dates_invalid', message, { field: `body.${field}` });
  if (input.endDate < input.startDate) throw datesFault('endDate', 'The offering ends before it starts.');
  if (sessionDays.some((d) => d < input.startDate || d > input.endDate))
    throw datesFault('sessionDays', 'Every session day lies between the start and end dates.');
  if (enrolCloses < enrolOpens) throw datesFault('enrolCloses', 'Enrolment closes before it opens.');
  if (enrolCloses > input.endDate) throw datesFault('enrolCloses', 'Enrolment closes by the end of the offering.');

  return inTransaction(ctx, async (tx) => {
    let qualification: Qualification | null;
    let hours: number;
    if (input.moduleId) {
      const module = await repo.getModule(tx.db, tx.tenantId, input.moduleId);
      if (!module) throw new AppError('unknown_module', `No module ${input.moduleId}.`, { field: 'body.moduleId' });
      qualification = toQualification(module.trainer_qualification);
      hours = Number(module.hours);
    } else {
      const programme = await repo.getProgramme(tx.db, tx.tenantId, input.programmeId!);
      if (!programme)
        throw new AppError('unknown_programme', `No programme ${input.programmeId}.`, { field: 'body.programmeId' });
      qualification = toQualification(programme.trainer_qualification);
      hours = (await getProgramme(tx, programme.id)).hours;
    }
    const trainerIds = [...new Set(input.trainerIds)];
    // Only the candidates scheduling options offer: anyone else is "not found", and their
    // qualification (built from confirmed levels) is never checked, so never revealed.
    const { roots, hosts } = await schedulingHosts(tx);
    const institutions = [host.path, ...hosts.map((h) => h.path)];
    const trainers = (await repo.peopleByIds(tx.db, tx.tenantId, trainerIds)).filter(
      (t) =>
        institutions.some((p) => t.org_path.startsWith(p)) ||
        (t.category === 'trainer' && roots.some((r) => t.org_path.startsWith(r))),
    );
    const unknown = trainerIds.find((id) => !trainers.some((t) => t.id === id));
    if (unknown)
      throw new AppError('person_not_found', `No person ${unknown}.`, { field: 'body.trainerIds', id: unknown });
    await requireQualified(tx, qualification, trainerIds);
    const row: repo.OfferingRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      module_id: input.moduleId ?? null,
      programme_id: input.programmeId ?? null,
      host_unit_id: host.id,
      host_path: host.path,
      start_date: input.startDate,
      end_date: input.endDate,
      session_days: JSON.stringify(sessionDays),
      venue: input.venue,
      online_url: input.onlineUrl,
      capacity: input.capacity,
      language: input.language,
      enrol_opens: enrolOpens,
      enrol_closes: enrolCloses,
      hours,
      roster_version: 0,
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    };
    await repo.insertOffering(tx.db, row, trainerIds);
    const created = await getOffering(tx, row.id);
    await recordAudit(tx.db, tx, 'training_offering.create', { type: 'training_offering', id: row.id }, null, created);
    return created;
  });
}

async function toOfferings(ctx: Ctx, rows: repo.OfferingWithHost[]): Promise<Offering[]> {
  const ids = rows.map((r) => r.id);
  const [trainers, seats, modules, programmes] = await Promise.all([
    repo.trainersOf(ctx.db, ctx.tenantId, ids),
    repo.seatCounts(ctx.db, ctx.tenantId, ids),
    repo.modulesByIds(
      ctx.db,
      ctx.tenantId,
      rows.flatMap((r) => (r.module_id ? [r.module_id] : [])),
    ),
    repo.listProgrammes(ctx.db, ctx.tenantId, { ids: [...new Set(rows.flatMap((r) => r.programme_id ?? []))] }),
  ]);
  const count = (id: string, status: string) =>
    Number(seats.find((s) => s.offering_id === id && s.status === status)?.n ?? 0);
  return rows.map((row) => {
    const subject = row.module_id
      ? modules.find((m) => m.id === row.module_id)!
      : programmes.find((p) => p.id === row.programme_id)!;
    return {
      id: row.id,
      kind: row.module_id ? 'module' : 'programme',
      moduleId: row.module_id,
      programmeId: row.programme_id,
      title: text(ctx, JSON.parse(subject.title)),
      hostUnitId: row.host_unit_id,
      hostName: text(ctx, JSON.parse(row.host_name)),
      startDate: row.start_date,
      endDate: row.end_date,
      sessionDays: JSON.parse(row.session_days),
      venue: row.venue,
      onlineUrl: row.online_url,
      capacity: row.capacity,
      language: row.language,
      enrolOpens: row.enrol_opens,
      enrolCloses: row.enrol_closes,
      hours: Number(row.hours),
      trainers: trainers
        .filter((t) => t.offering_id === row.id)
        .map((t) => ({ personId: t.person_id, name: nameOf(t) })),
      enrolled: count(row.id, 'enrolled'),
      waitlisted: count(row.id, 'waitlisted'),
    };
  });
}

/** A person's enrolments, newest first, each with its offering: the teacher's "my training". */
export async function enrolmentsOfPerson(ctx: Ctx, personId: string) {
  await people.requirePerson(ctx, personId);
  const rows = await repo.enrolmentsOfPerson(ctx.db, ctx.tenantId, personId);
  const offerings = await toOfferings(
    ctx,
    await repo.listOfferings(ctx.db, ctx.tenantId, { ids: rows.map((r) => r.offering_id) }),
  );
  return rows.map((r) => ({ ...toEnrolment(ctx, r), offering: offerings.find((o) => o.id === r.offering_id)! }));
}

/** Offerings are a public schedule within the tenant: anyone signed in may find one to enrol in. */
export async function requireOffering(ctx: Ctx, offeringId: string) {
  const row = await repo.getOffering(ctx.db, ctx.tenantId, offeringId);
  if (!row) throw notFound('offering', offeringId);
  return row;
}

export async function getOffering(ctx: Ctx, offeringId: string): Promise<Offering> {
  return (await toOfferings(ctx, [await requireOffering(ctx, offeringId)]))[0]!;
}

export async function listOfferings(ctx: Ctx, filter: Parameters<typeof repo.listOfferings>[2]) {
  return toOfferings(ctx, await repo.listOfferings(ctx.db, ctx.tenantId, filter));
}

async function leads(ctx: Ctx, offeringId: string) {
  if (!ctx.actor.personId) return false;
  const trainers = await repo.trainersOf(ctx.db, ctx.tenantId, [offeringId]);
  return trainers.some((t) => t.person_id === ctx.actor.personId);
}

/** Attendance and results: the offering's trainers, or whoever manages training at its host. */
export async function requireRunner(ctx: Ctx, offering: repo.OfferingRow) {
  if (ctx.actor.system || canManageAt(ctx, offering.host_path) || (await leads(ctx, offering.id))) return;
  throw new AppError('forbidden', 'Only the offering’s trainers or training managers of its host record this.', {
    permission: 'training.manage',
  });
}

// ---------------------------------------------------------------- enrolment

const unitName = (ctx: Ctx, row: repo.RosterRow) => text(ctx, JSON.parse(row.unit_name));

function toEnrolment(ctx: Ctx, row: repo.RosterRow): Enrolment {
  return {
    id: row.id,
    offeringId: row.offering_id,
    personId: row.person_id,
    personName: nameOf(row),
    nationalId: row.national_id,
    schoolName: unitName(ctx, row),
    status: row.status as Enrolment['status'],
    nominatedByAccountId: row.nominated_by_account_id,
    queuedAt: row.queued_at,
    result: row.result as Enrolment['result'],
    score: row.score,
    completedOn: row.completed_on,
    cpdHours: row.cpd_hours === null ? null : Number(row.cpd_hours),
  };
}

/** The roster: all of it for those who run the offering; for others, the people in their scope and themselves. */
export async function listEnrolments(ctx: Ctx, offeringId: string): Promise<Enrolment[]> {
  const offering = await requireOffering(ctx, offeringId);
  const runner = ctx.actor.system || canManageAt(ctx, offering.host_path) || (await leads(ctx, offeringId));
  const rows = await repo.roster(
    ctx.db,
    ctx.tenantId,
    offeringId,
    runner ? undefined : [...scopePaths(ctx, 'training.nominate'), ...scopePaths(ctx, 'training.manage')],
  );
  const own = runner
    ? []
    : (await repo.roster(ctx.db, ctx.tenantId, offeringId)).filter((r) => r.person_id === ctx.actor.personId);
  const byId = new Map([...rows, ...own].map((r) => [r.id, r]));
  return [...byId.values()].map((r) => toEnrolment(ctx, r));
}

async function requirePrerequisites(ctx: Ctx, personIds: string[], offering: repo.OfferingRow) {
  if (!offering.module_id) return;
  const module = await repo.getModule(ctx.db, ctx.tenantId, offering.module_id);
  const needed = JSON.parse(module!.prerequisite_ids) as string[];
  if (needed.length === 0) return;
  const done = await completedBy(ctx, personIds);
  const lacking = personIds.filter((id) => needed.some((m) => !done.get(id)?.modules.has(m)));
  if (lacking.length)
    throw new AppError('prerequisites_not_met', 'Complete the prerequisite modules first.', {
      personIds: lacking,
      moduleIds: needed,
    });
}

/**
 * Seats go in the order asked: while seats remain a person is enrolled, after that waitlisted.
 * The offering's row lock makes counting and placing one step under concurrent enrolments.
 */
async function place(ctx: Ctx, offering: repo.OfferingRow, personIds: string[], nominated: boolean) {
  // The system (demo seeder, CLI) may record training that ran before Pathway did.
  if (!ctx.actor.system) {
    const now = today();
    if (now < offering.enrol_opens || now > offering.enrol_closes)
      throw new AppError('enrolment_closed', 'Enrolment in this offering is not open.', {
        opens: offering.enrol_opens,
        closes: offering.enrol_closes,
      });
  }
  // Who leads a course does not also take a seat in it (nor appear on its register).
  const trainers = new Set((await repo.trainersOf(ctx.db, ctx.tenantId, [offering.id])).map((t) => t.person_id));
  const leading = personIds.filter((id) => trainers.has(id));
  if (leading.length)
    throw new AppError('trainer_cannot_enrol', 'A trainer of this offering cannot enrol in it.', {
      personIds: leading,
    });
  await requirePrerequisites(ctx, personIds, offering);
  await repo.lockOffering(ctx.db, ctx.tenantId, offering.id);
  const existing = await repo.enrolmentsOfPeople(ctx.db, ctx.tenantId, offering.id, personIds);
  const active = existing.filter((e) => e.status !== 'withdrawn');
  if (active.length)
    throw new AppError('already_enrolled', 'Already enrolled or on the waitlist.', {
      personIds: active.map((e) => e.person_id),
    });
  let taken = await repo.countEnrolled(ctx.db, ctx.tenantId, offering.id);
  const at = nowIso();
  const ids: string[] = [];
  for (const personId of personIds) {
    const status = taken < offering.capacity ? 'enrolled' : 'waitlisted';
    if (status === 'enrolled') taken++;
    const patch = {
      status,
      nominated_by_account_id: nominated ? ctx.actor.accountId : null,
      queued_at: at,
      updated_at: at,
    };
    const before = existing.find((e) => e.person_id === personId);
    if (before) {
      await repo.updateEnrolment(ctx.db, ctx.tenantId, before.id, patch);
      ids.push(before.id);
    } else {
      const id = newId();
      await repo.insertEnrolment(ctx.db, {
        tenant_id: ctx.tenantId,
        id,
        offering_id: offering.id,
        person_id: personId,
        result: null,
        score: null,
        completed_on: null,
        cpd_hours: null,
        created_at: at,
        ...patch,
      });
      ids.push(id);
    }
  }
  const rows = await repo.roster(ctx.db, ctx.tenantId, offering.id);
  const placed = ids.map((id) => toEnrolment(ctx, rows.find((r) => r.id === id)!));
  await enrolmentChanged.emit(ctx, {
    offeringId: offering.id,
    placed: placed.map((e) => ({ personId: e.personId, status: e.status as 'enrolled' | 'waitlisted' })),
  });
  await recordAudit(
    ctx.db,
    ctx,
    nominated ? 'enrolment.nominate' : 'enrolment.create',
    {
      type: 'training_offering',
      id: offering.id,
    },
    null,
    placed,
  );
  return placed;
}

/** People placed on an offering, or moved up from its waitlist (notifications tell each person). */
export const enrolmentChanged = domainEvent<{
  offeringId: string;
  placed: { personId: string; status: 'enrolled' | 'waitlisted' | 'promoted' }[];
}>();

/** The signed-in person enrols themself. */
export async function enrol(ctx: Ctx, offeringId: string): Promise<Enrolment> {
  if (!ctx.actor.personId) throw new AppError('forbidden', 'Only a person can enrol themself.');
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    return (await place(tx, offering, [tx.actor.personId!], false))[0]!;
  });
}

/** A school leader or district officer enrols people in their scope; anyone else is "not found". */
export async function nominate(ctx: Ctx, offeringId: string, personIds: string[]): Promise<Enrolment[]> {
  const roots = requireScope(ctx, 'training.nominate');
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    const ids = [...new Set(personIds)];
    const visible = await repo.peopleUnder(tx.db, tx.tenantId, ids, roots);
    const outside = ids.find((id) => !visible.some((p) => p.id === id));
    if (outside) throw new AppError('person_not_found', `No person with id ${outside}.`, { id: outside });
    return place(tx, offering, ids, true);
  });
}

/** Leaves an offering; a freed seat goes to the first on the waitlist in the same transaction. */
export async function withdraw(ctx: Ctx, enrolmentId: string) {
  return inTransaction(ctx, async (tx) => {
    const enrolment = await repo.getEnrolment(tx.db, tx.tenantId, enrolmentId);
    if (!enrolment) throw notFound('enrolment', enrolmentId);
    const offering = await requireOffering(tx, enrolment.offering_id);
    const self = enrolment.person_id === tx.actor.personId;
    const inScope =
      self ||
      tx.actor.system ||
      canManageAt(tx, offering.host_path) ||
      (await repo.peopleUnder(tx.db, tx.tenantId, [enrolment.person_id], scopePaths(tx, 'training.nominate'))).length >
        0;
    if (!inScope) throw notFound('enrolment', enrolmentId);
    await repo.lockOffering(tx.db, tx.tenantId, offering.id);
    const current = (await repo.getEnrolment(tx.db, tx.tenantId, enrolmentId))!;
    if (current.result === 'completed')
      throw new AppError('result_final', 'A completed training cannot be withdrawn from.', { enrolmentId });
    if (current.status === 'withdrawn')
      throw new AppError('not_enrolled', 'This enrolment was withdrawn already.', { enrolmentId });
    const at = nowIso();
    await repo.updateEnrolment(tx.db, tx.tenantId, enrolmentId, { status: 'withdrawn', updated_at: at });
    let promoted: string | null = null;
    if (current.status === 'enrolled') {
      const next = await repo.firstWaitlisted(tx.db, tx.tenantId, offering.id);
      if (next) {
        await repo.updateEnrolment(tx.db, tx.tenantId, next.id, { status: 'enrolled', updated_at: at });
        promoted = next.id;
        await enrolmentChanged.emit(tx, {
          offeringId: offering.id,
          placed: [{ personId: next.person_id, status: 'promoted' }],
        });
      }
    }
    await recordAudit(tx.db, tx, 'enrolment.withdraw', { type: 'enrolment', id: enrolmentId }, current, {
      status: 'withdrawn',
      promotedEnrolmentId: promoted,
    });
    const rows = await repo.roster(tx.db, tx.tenantId, offering.id);
    const pick = (id: string | null) => (id ? toEnrolment(tx, rows.find((r) => r.id === id)!) : null);
    return { withdrawn: pick(enrolmentId)!, promoted: pick(promoted) };
  });
}

// ---------------------------------------------------------------- attendance and results

function requireSessionDay(offering: repo.OfferingRow, day: string, field: string) {
  const days = JSON.parse(offering.session_days) as string[];
  if (!days.includes(day))
    throw new AppError('session_day_outside_offering', `${day} is not a session day of this offering.`, {
      field,
      day,
      sessionDays: days,
    });
}

/** Enrolled (not waitlisted, not withdrawn) people of the offering, or the first who is not. */
async function requireEnrolled(ctx: Ctx, offering: repo.OfferingRow, personIds: string[]) {
  const rows = await repo.enrolmentsOfPeople(ctx.db, ctx.tenantId, offering.id, personIds);
  const enrolled = new Set(rows.filter((r) => r.status === 'enrolled').map((r) => r.person_id));
  const missing = personIds.filter((id) => !enrolled.has(id));
  if (missing.length)
    throw new AppError('not_enrolled', 'Someone named is not enrolled in this offering.', { personIds: missing });
  return rows;
}

export async function recordAttendance(ctx: Ctx, offeringId: string, input: AttendanceInput) {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    await requireRunner(tx, offering);
    requireSessionDay(offering, input.day, 'body.day');
    await writeAttendance(
      tx,
      offering,
      input.records.map((r) => ({ personId: r.personId, day: input.day, present: r.present })),
    );
    return attendanceSheet(tx, offeringId);
  });
}

export async function writeAttendance(
  ctx: Ctx,
  offering: repo.OfferingRow,
  marks: { personId: string; day: string; present: boolean }[],
) {
  await requireEnrolled(ctx, offering, [...new Set(marks.map((m) => m.personId))]);
  const at = nowIso();
  await repo.putAttendance(
    ctx.db,
    marks.map((m) => ({
      tenant_id: ctx.tenantId,
      offering_id: offering.id,
      person_id: m.personId,
      day: m.day,
      present: m.present ? 1 : 0,
      recorded_at: at,
    })),
  );
  await recordAudit(ctx.db, ctx, 'attendance.record', { type: 'training_offering', id: offering.id }, null, marks);
}

export async function attendanceSheet(ctx: Ctx, offeringId: string) {
  const offering = await requireOffering(ctx, offeringId);
  await requireRunner(ctx, offering);
  const [rows, marks] = await Promise.all([
    repo.roster(ctx.db, ctx.tenantId, offeringId),
    repo.attendanceOf(ctx.db, ctx.tenantId, offeringId),
  ]);
  return {
    offeringId,
    days: JSON.parse(offering.session_days) as string[],
    rows: rows
      .filter((r) => r.status === 'enrolled')
      .map((r) => ({
        personId: r.person_id,
        personName: nameOf(r),
        nationalId: r.national_id,
        schoolName: unitName(ctx, r),
        present: Object.fromEntries(
          marks.filter((m) => m.person_id === r.person_id).map((m) => [m.day, m.present === 1]),
        ),
      })),
  };
}

/**
 * People completed an offering (in the results' transaction): monitoring counts training and CPD hours,
 * recognition re-evaluates rules that name the module or programme.
 */
export const trainingCompleted = domainEvent<{
  personIds: string[];
  offeringId: string;
  moduleId: string | null;
  programmeId: string | null;
  /** The module, or every module of the programme. */
  moduleIds: string[];
  hours: number;
}>();

/**
 * Share of session days a participant attends to complete an offering. An offering has no column
 * of its own for it yet; when one is added, read it here (`attendanceThreshold(offering)`).
 */
export const ATTENDANCE_THRESHOLD = 0.8;

export function attendanceThreshold(_offering: repo.OfferingRow) {
  return ATTENDANCE_THRESHOLD;
}

/**
 * Results wait for the training: nothing before the last session day, and a completion needs the
 * attendance threshold. The system (demo seeder, CLI) records training that ran before Pathway did,
 * with no attendance in Pathway, so it is not held to either. Throws offering_not_finished; returns
 * those completing below the threshold, with the numbers (the CSV import reports them by line).
 */
export async function checkResultsTiming(
  ctx: Ctx,
  offering: repo.OfferingRow,
  results: { personId: string; result: 'completed' | 'not_completed' }[],
) {
  if (ctx.actor.system || results.length === 0) return [];
  const days = JSON.parse(offering.session_days) as string[];
  const lastDay = days.at(-1) ?? offering.end_date;
  if (today() < lastDay)
    throw new AppError('offering_not_finished', 'Results are recorded after the offering’s last session day.', {
      lastSessionDay: lastDay,
      today: today(),
    });
  const completing = results.filter((r) => r.result === 'completed').map((r) => r.personId);
  if (completing.length === 0) return [];
  const threshold = attendanceThreshold(offering);
  const required = Math.ceil(threshold * days.length - 1e-9);
  const marks = await repo.attendanceOf(ctx.db, ctx.tenantId, offering.id);
  const sessionDays = new Set(days);
  return completing.flatMap((personId) => {
    const attended = marks.filter((m) => m.person_id === personId && m.present === 1 && sessionDays.has(m.day)).length;
    return attended >= required
      ? []
      : [{ personId, attendedDays: attended, sessionDays: days.length, requiredDays: required, threshold }];
  });
}

export interface ResultRow {
  personId: string;
  result: 'completed' | 'not_completed';
  score: number | null;
  completedOn?: string | undefined;
}

/**
 * Records results. A completion credits the offering's CPD hours and writes `training` events for
 * the outcomes of what was completed into the assessment ledger ("trained", never "confirmed").
 * A completion is final; recording the same completion again changes nothing.
 */
export async function writeResults(ctx: Ctx, offering: repo.OfferingRow, results: ResultRow[]) {
  // Without it, two recordings at once both find the enrolment not yet completed and both write events.
  await repo.lockOffering(ctx.db, ctx.tenantId, offering.id);
  const enrolments = await requireEnrolled(ctx, offering, [...new Set(results.map((r) => r.personId))]);
  const byPerson = new Map(enrolments.map((e) => [e.person_id, e]));
  const final = results.filter((r) => {
    const e = byPerson.get(r.personId)!;
    return e.result === 'completed' && (r.result !== 'completed' || r.score !== e.score);
  });
  if (final.length)
    throw new AppError('result_final', 'A completion is final and cannot be changed.', {
      personIds: final.map((r) => r.personId),
    });
  const fresh = results.filter((r) => byPerson.get(r.personId)!.result !== 'completed');
  const short = await checkResultsTiming(ctx, offering, fresh);
  if (short.length)
    throw new AppError('attendance_below_threshold', 'Too few session days attended to complete the offering.', {
      ...short[0]!,
      people: short,
    });
  const moduleIds = offering.module_id
    ? [offering.module_id]
    : (await repo.programmeModules(ctx.db, ctx.tenantId, [offering.programme_id!])).map((l) => l.module_id);
  const [outcomes, modules] = await Promise.all([
    repo.outcomesOf(ctx.db, ctx.tenantId, moduleIds),
    repo.modulesByIds(ctx.db, ctx.tenantId, moduleIds),
  ]);
  const frameworkOf = new Map(modules.map((m) => [m.id, m.framework_id]));
  const at = nowIso();
  const events: assessment.NewEvent[] = [];
  for (const r of fresh) {
    const e = byPerson.get(r.personId)!;
    const completed = r.result === 'completed';
    await repo.updateEnrolment(ctx.db, ctx.tenantId, e.id, {
      result: r.result,
      score: r.score,
      completed_on: completed ? (r.completedOn ?? offering.end_date) : null,
      cpd_hours: completed ? offering.hours : null,
      updated_at: at,
    });
    if (completed)
      for (const o of outcomes)
        events.push({
          personId: r.personId,
          frameworkId: frameworkOf.get(o.module_id)!,
          itemId: o.item_id,
          levelCode: o.level_code,
          kind: 'training',
          sourceType: 'training_offering',
          sourceId: e.id,
          comment: null,
        });
  }
  if (events.length) await assessment.recordEvents(ctx, events);
  const completers = fresh.filter((r) => r.result === 'completed').map((r) => r.personId);
  await startAgreedPlans(ctx, completers, moduleIds);
  if (completers.length)
    await trainingCompleted.emit(ctx, {
      personIds: completers,
      offeringId: offering.id,
      moduleId: offering.module_id,
      programmeId: offering.programme_id,
      moduleIds,
      hours: Number(offering.hours),
    });
  await recordAudit(ctx.db, ctx, 'training_result.record', { type: 'training_offering', id: offering.id }, null, fresh);
}

/** An agreed plan becomes active when its teacher completes one of its modules. */
async function startAgreedPlans(ctx: Ctx, personIds: string[], moduleIds: string[]) {
  const agreed = await repo.plansOfPeople(ctx.db, ctx.tenantId, personIds, 'agreed');
  if (agreed.length === 0) return;
  const completed = new Set(moduleIds);
  const items = await repo.planItems(
    ctx.db,
    ctx.tenantId,
    agreed.map((p) => p.id),
  );
  const starting = new Set(items.filter((i) => i.module_id && completed.has(i.module_id)).map((i) => i.plan_id));
  for (const plan of agreed)
    if (starting.has(plan.id))
      await repo.movePlan(ctx.db, ctx.tenantId, plan.id, 'agreed', { status: 'active', updated_at: nowIso() });
}

export async function resultsSummary(ctx: Ctx, offeringId: string, attendanceMarks: number) {
  const rows = (await repo.roster(ctx.db, ctx.tenantId, offeringId)).map((r) => toEnrolment(ctx, r));
  return {
    offeringId,
    completed: rows.filter((r) => r.result === 'completed').length,
    notCompleted: rows.filter((r) => r.result === 'not_completed').length,
    attendanceMarks,
    enrolments: rows,
  };
}

export async function recordResults(ctx: Ctx, offeringId: string, input: ResultsInput) {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    await requireRunner(tx, offering);
    await writeResults(tx, offering, input.results);
    return resultsSummary(tx, offeringId, 0);
  });
}
