import { requirePermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import {
  loadStandard,
  requireAssessable,
  requireCompetency,
  requireLevel,
  type Standard,
} from '../assessment/assessment.standard.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as org from '../org/org.service.ts';
import { trackEdits } from '../translations/translations.tracking.ts';
import { type Qualification, toModules, toProgrammes } from './training.presenters.ts';
import * as repo from './training.repo.ts';
import type {
  CatalogueFilter,
  CreateModuleInput,
  CreateProgrammeInput,
  Programme,
  TrainerQualificationInput,
  TrainingModule,
  UpdateModuleInput,
} from './training.schemas.ts';
import { DEFAULT_FOLLOW_THROUGH_MONTHS } from './training.schemas.ts';
import { moduleTexts } from './training.translatable.ts';

// ---------------------------------------------------------------- the catalogue

/** The catalogue is national, like the standard it is aligned to: written at the top unit. */
async function requireCatalogueWriter(ctx: Ctx) {
  requirePermissionAt(ctx, 'training.catalogue', await org.topUnitPath(ctx));
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

export async function requireModule(ctx: Ctx, moduleId: string) {
  const row = await repo.getModule(ctx.db, ctx.tenantId, moduleId);
  if (!row) throw notFound('module', moduleId);
  return row;
}

export async function getModule(ctx: Ctx, moduleId: string): Promise<TrainingModule> {
  return (await toModules(ctx, [await requireModule(ctx, moduleId)]))[0]!;
}

export async function listModules(ctx: Ctx, filter: CatalogueFilter = {}): Promise<TrainingModule[]> {
  // A module written against an earlier version names the same competency through another item id.
  const itemIds = filter.itemId ? await frameworks.itemInEveryVersion(ctx, filter.itemId) : undefined;
  const rows = await repo.listModules(ctx.db, ctx.tenantId, { ...filter, itemIds });
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
      follow_through_months: JSON.stringify(input.followThroughMonths ?? DEFAULT_FOLLOW_THROUGH_MONTHS),
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
    if (input.followThroughMonths) patch.follow_through_months = JSON.stringify(input.followThroughMonths);
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
    await trackEdits(tx, moduleTexts, moduleId, () => repo.updateModule(tx.db, tx.tenantId, moduleId, patch));
    const after = await getModule(tx, moduleId);
    await recordAudit(tx.db, tx, 'training_module.update', { type: 'training_module', id: moduleId }, before, after);
    return after;
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
      follow_through_months: JSON.stringify(input.followThroughMonths ?? DEFAULT_FOLLOW_THROUGH_MONTHS),
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
