import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { NOT_YET } from '../assessment/assessment.schemas.ts';
import * as assessment from '../assessment/assessment.service.ts';
import { loadStandard, requireCompetency, requireLevel, type Standard } from '../assessment/assessment.standard.ts';
import * as reports from '../assessment/reports.service.ts';
import * as org from '../org/org.service.ts';
import { completedBy } from './catalogue.service.ts';
import { today } from './offerings.service.ts';
import * as repo from './training.repo.ts';
import type { EditPlanInput, Plan } from './training.schemas.ts';

/** Plans are built from individual levels: they are read by those who may read the teacher's assessment. */
async function requirePlan(ctx: Ctx, planId: string) {
  const plan = await repo.getPlan(ctx.db, ctx.tenantId, planId);
  if (!plan) throw notFound('development_plan', planId);
  try {
    const person = await assessment.requireSubject(ctx, plan.person_id, 'assessment.read');
    return { plan, person };
  } catch (error) {
    if (error instanceof AppError && error.code === 'person_not_found') throw notFound('development_plan', planId);
    throw error;
  }
}

function addMonths(day: string, months: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
const lastDayOfMonth = (first: string) => {
  const d = new Date(`${addMonths(first, 1)}T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
};

/**
 * Proposes a plan from the teacher's gaps (their current level below the target that applies at
 * their school): for each gap, a module whose outcomes reach the next level, preferring modules that
 * close more of the gaps at once and that the teacher has not completed. A module with an offering
 * still open for enrolment takes its dates; others are spaced a month apart from next month.
 * A draft already there is replaced; an agreed or active plan must be finished first.
 */
export async function generatePlan(ctx: Ctx, personId: string, frameworkId?: string): Promise<Plan> {
  // It replaces the draft: the same people who may edit it, not everyone who may read it.
  await assessment.requireSubject(ctx, personId, 'plans.agree');
  const feedback = await reports.feedback(ctx, personId, frameworkId);
  if (feedback.gaps.length === 0)
    throw new AppError('no_gaps', 'No gaps against the target level: there is nothing to plan.', {
      personId,
      target: feedback.target?.levelCode ?? null,
    });
  return inTransaction(ctx, async (tx) => {
    const existing = await repo.plansOfPerson(tx.db, tx.tenantId, personId);
    const open = existing.find((p) => p.status === 'agreed' || p.status === 'active');
    if (open)
      throw new AppError('plan_in_progress', 'Finish the agreed plan before starting another.', { planId: open.id });
    // Modules name items of the version they were written against, and a new version of the standard
    // has items of its own: a module counts for a gap when its outcome names the same CASE item
    // (`case_identifier`, stable across the versions of one lineage) at the gap's next level.
    const versions = new Map<string, Standard>();
    const versionOf = async (id: string) => {
      if (!versions.has(id)) versions.set(id, await loadStandard(tx, id));
      return versions.get(id)!;
    };
    const lineage = (await versionOf(feedback.frameworkId)).framework.lineageId;
    const catalogue: repo.ModuleRow[] = [];
    for (const m of await repo.listModules(tx.db, tx.tenantId, {}))
      if ((await versionOf(m.framework_id)).framework.lineageId === lineage) catalogue.push(m);
    const caseOf = (frameworkId: string, itemId: string) =>
      versions.get(frameworkId)?.framework.items.find((i) => i.id === itemId)?.caseIdentifier;
    const frameworkOf = new Map(catalogue.map((m) => [m.id, m.framework_id]));
    const reaches = new Set(
      (
        await repo.outcomesOf(
          tx.db,
          tx.tenantId,
          catalogue.map((m) => m.id),
        )
      ).map((o) => `${o.module_id}|${caseOf(frameworkOf.get(o.module_id)!, o.item_id)}|${o.level_code}`),
    );
    const closesGap = (moduleId: string, gap: (typeof feedback.gaps)[number]) =>
      reaches.has(`${moduleId}|${caseOf(feedback.frameworkId, gap.itemId)}|${gap.nextLevelCode}`);
    const done = (await completedBy(tx, [personId])).get(personId)?.modules ?? new Set<string>();
    const closes = (moduleId: string) => feedback.gaps.filter((g) => closesGap(moduleId, g)).length;
    const current = (m: repo.ModuleRow) => Number(m.framework_id === feedback.frameworkId);
    const choice = feedback.gaps.map((gap) => {
      const candidates = catalogue
        .filter((m) => closesGap(m.id, gap))
        .sort(
          (a, b) =>
            Number(done.has(a.id)) - Number(done.has(b.id)) ||
            closes(b.id) - closes(a.id) ||
            current(b) - current(a) ||
            a.code.localeCompare(b.code),
        );
      return { gap, module: candidates[0] ?? null };
    });
    const chosen = [...new Set(choice.flatMap((c) => (c.module ? [c.module.id] : [])))];
    const upcoming = await repo.listOfferings(tx.db, tx.tenantId, {
      moduleIds: chosen,
      from: today(),
      status: 'scheduled',
    });
    const slot = new Map<string, { start: string; end: string }>();
    let month = 1;
    for (const moduleId of chosen) {
      const offering = upcoming.find((o) => o.module_id === moduleId && o.enrol_closes >= today());
      if (offering) slot.set(moduleId, { start: offering.start_date, end: offering.end_date });
      else {
        const start = addMonths(today(), month++);
        slot.set(moduleId, { start, end: lastDayOfMonth(start) });
      }
    }
    // A draft was never agreed: a fresh proposal replaces it.
    for (const draft of existing.filter((p) => p.status === 'draft')) {
      if (!(await repo.deletePlan(tx.db, tx.tenantId, draft.id)))
        throw new AppError('conflict', 'The plan changed meanwhile; reload it.', { planId: draft.id });
      await recordAudit(tx.db, tx, 'development_plan.replace', { type: 'development_plan', id: draft.id }, draft, null);
    }
    const at = nowIso();
    const plan: repo.PlanRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      person_id: personId,
      framework_id: feedback.frameworkId,
      target_level_code: feedback.target?.levelCode ?? null,
      status: 'draft',
      agreed_by_account_id: null,
      agreed_at: null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertPlan(tx.db, plan);
    await planProposed.emit(tx, { personId, planId: plan.id });
    await repo.replacePlanItems(
      tx.db,
      tx.tenantId,
      plan.id,
      choice.map(({ gap, module }, position) => ({
        tenant_id: tx.tenantId,
        plan_id: plan.id,
        position,
        item_id: gap.itemId,
        current_level_code: gap.currentLevelCode,
        target_level_code: gap.nextLevelCode,
        module_id: module?.id ?? null,
        planned_start: module ? slot.get(module.id)!.start : null,
        planned_end: module ? slot.get(module.id)!.end : null,
        note: null,
      })),
    );
    const created = await getPlan(tx, plan.id);
    await recordAudit(tx.db, tx, 'development_plan.generate', { type: 'development_plan', id: plan.id }, null, created);
    return created;
  });
}

async function toPlans(
  ctx: Ctx,
  rows: (repo.PlanRow & { given_name: string; family_name: string })[],
): Promise<Plan[]> {
  const text = (v: LocalizedText) => resolveText(v, ctx.locale, ctx.defaultLocale);
  const personIds = [...new Set(rows.map((r) => r.person_id))];
  const [items, done] = await Promise.all([
    repo.planItems(
      ctx.db,
      ctx.tenantId,
      rows.map((r) => r.id),
    ),
    completedBy(ctx, personIds),
  ]);
  const modules = new Map(
    (
      await repo.modulesByIds(
        ctx.db,
        ctx.tenantId,
        items.flatMap((i) => i.module_id ?? []),
      )
    ).map((m) => [m.id, m]),
  );
  const out: Plan[] = [];
  for (const row of rows) {
    const standard = await loadStandard(ctx, row.framework_id);
    const confirmed = (await assessment.confirmedLevels(ctx, [row.person_id], row.framework_id)).get(row.person_id)!;
    const mine = items
      .filter((i) => i.plan_id === row.id)
      .map((i) => {
        const item = standard.framework.items.find((c) => c.id === i.item_id);
        const module = i.module_id ? modules.get(i.module_id) : undefined;
        const level = confirmed.has(i.item_id) ? (confirmed.get(i.item_id) ?? NOT_YET) : null;
        return {
          itemId: i.item_id,
          code: item?.code ?? '',
          title: text(item?.title ?? {}),
          currentLevelCode: i.current_level_code,
          targetLevelCode: i.target_level_code,
          moduleId: i.module_id,
          moduleTitle: module ? text(JSON.parse(module.title)) : null,
          plannedStart: i.planned_start,
          plannedEnd: i.planned_end,
          note: i.note,
          trained: i.module_id !== null && (done.get(row.person_id)?.modules.has(i.module_id) ?? false),
          confirmedLevelCode: level,
          achieved: level !== null && standard.rank.get(level)! >= (standard.rank.get(i.target_level_code) ?? 0),
        };
      });
    out.push({
      id: row.id,
      personId: row.person_id,
      personName: `${row.given_name} ${row.family_name}`,
      frameworkId: row.framework_id,
      targetLevelCode: row.target_level_code,
      status: row.status as Plan['status'],
      agreedByAccountId: row.agreed_by_account_id,
      agreedAt: row.agreed_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      items: mine,
      progress: {
        items: mine.length,
        trained: mine.filter((i) => i.trained).length,
        achieved: mine.filter((i) => i.achieved).length,
      },
    });
  }
  return out;
}

export async function getPlan(ctx: Ctx, planId: string): Promise<Plan> {
  const { plan, person } = await requirePlan(ctx, planId);
  return (await toPlans(ctx, [{ ...plan, given_name: person.given_name, family_name: person.family_name }]))[0]!;
}

export async function plansOf(ctx: Ctx, personId: string): Promise<Plan[]> {
  const person = await assessment.requireSubject(ctx, personId, 'assessment.read');
  const rows = await repo.plansOfPerson(ctx.db, ctx.tenantId, personId);
  return toPlans(
    ctx,
    rows.map((r) => ({ ...r, given_name: person.given_name, family_name: person.family_name })),
  );
}

/** A school leader's view: every plan of the teachers under the unit, with progress. */
export async function plansUnder(ctx: Ctx, unitId: string): Promise<Omit<Plan, 'items'>[]> {
  const unit = await org.requireUnit(ctx, unitId, 'assessment.read');
  const rows = await repo.plansUnder(ctx.db, ctx.tenantId, [unit.path]);
  return (await toPlans(ctx, rows)).map(({ items: _items, ...summary }) => summary);
}

/** The teacher edits their draft (a leader who may agree it may too); agreed plans are reopened first. */
export async function editPlan(ctx: Ctx, planId: string, input: EditPlanInput): Promise<Plan> {
  return inTransaction(ctx, async (tx) => {
    const { plan, person } = await requirePlan(tx, planId);
    if (person.id !== tx.actor.personId && !hasPermissionAt(tx, 'plans.agree', person.org_path))
      throw new AppError('forbidden', 'Only the teacher or their school leader edits the plan.', {
        permission: 'plans.agree',
      });
    // The guarded update holds the row, so an agreement cannot land between this check and the write.
    if (!(await repo.movePlan(tx.db, tx.tenantId, planId, 'draft', { updated_at: nowIso() })))
      throw new AppError('plan_not_draft', 'Only a draft plan is edited; reopen it first.', {
        status: (await repo.getPlan(tx.db, tx.tenantId, planId))?.status ?? plan.status,
      });
    const standard = await loadStandard(tx, plan.framework_id);
    const moduleIds = input.items.flatMap((i) => i.moduleId ?? []);
    const modules = await repo.modulesByIds(tx.db, tx.tenantId, moduleIds);
    for (const [n, item] of input.items.entries()) {
      requireCompetency(standard, item.itemId, `body.items.${n}.itemId`);
      requireLevel(standard, item.targetLevelCode, `body.items.${n}.targetLevelCode`);
      if (item.moduleId && !modules.some((m) => m.id === item.moduleId))
        throw new AppError('unknown_module', `No module ${item.moduleId}.`, { field: `body.items.${n}.moduleId` });
      if (item.plannedStart && item.plannedEnd && item.plannedEnd < item.plannedStart)
        throw new AppError('validation_failed', 'The planned end is before the start.', {
          issues: [{ path: `body.items.${n}.plannedEnd`, message: 'Before plannedStart' }],
        });
    }
    const before = await getPlan(tx, planId);
    const current = new Map(before.items.map((i) => [i.itemId, i.currentLevelCode]));
    await repo.replacePlanItems(
      tx.db,
      tx.tenantId,
      planId,
      input.items.map((item, position) => ({
        tenant_id: tx.tenantId,
        plan_id: planId,
        position,
        item_id: item.itemId,
        current_level_code: current.get(item.itemId) ?? null,
        target_level_code: item.targetLevelCode,
        module_id: item.moduleId,
        planned_start: item.plannedStart,
        planned_end: item.plannedEnd,
        note: item.note,
      })),
    );
    const after = await getPlan(tx, planId);
    await recordAudit(tx.db, tx, 'development_plan.edit', { type: 'development_plan', id: planId }, before, after);
    return after;
  });
}

/**
 * draft > agreed (a school leader over the teacher, never the teacher themself) > active > done;
 * an agreed plan may go back to draft to be changed. Completing a module of an agreed plan makes
 * it active by itself.
 */
/** A plan was agreed, sent back to draft, started or finished (monitoring counts agreed plans). */
export const planStatusChanged = domainEvent<{ personId: string; planId?: string; status?: Plan['status'] }>();

/** A leader proposed a new draft plan to a teacher (notifications tell the teacher). */
export const planProposed = domainEvent<{ personId: string; planId: string }>();

export async function setPlanStatus(ctx: Ctx, planId: string, status: Plan['status']): Promise<Plan> {
  return inTransaction(ctx, async (tx) => {
    const { plan, person } = await requirePlan(tx, planId);
    const self = person.id === tx.actor.personId;
    const leader = hasPermissionAt(tx, 'plans.agree', person.org_path);
    const allowed: Record<string, string[]> = { draft: ['agreed'], agreed: ['draft', 'active'], active: ['done'] };
    if (!allowed[plan.status]?.includes(status))
      throw new AppError('invalid_transition', `A ${plan.status} plan cannot become ${status}.`, {
        from: plan.status,
        to: status,
      });
    if (status === 'agreed' && (self || !leader))
      throw new AppError('forbidden', 'A school leader agrees the plan with the teacher.', {
        permission: 'plans.agree',
      });
    if (status !== 'agreed' && !self && !leader)
      throw new AppError('forbidden', 'Only the teacher or their school leader moves the plan on.', {
        permission: 'plans.agree',
      });
    const at = nowIso();
    const patch =
      status === 'agreed'
        ? { status, agreed_by_account_id: tx.actor.accountId, agreed_at: at, updated_at: at }
        : status === 'draft'
          ? { status, agreed_by_account_id: null, agreed_at: null, updated_at: at }
          : { status, updated_at: at };
    if (!(await repo.movePlan(tx.db, tx.tenantId, planId, plan.status, patch)))
      throw new AppError('conflict', 'The plan changed meanwhile; reload it.', { planId });
    const after = await getPlan(tx, planId);
    await planStatusChanged.emit(tx, { personId: person.id, planId, status });
    await recordAudit(tx.db, tx, `development_plan.${status}`, { type: 'development_plan', id: planId }, plan, after);
    return after;
  });
}

/**
 * Demand for each module under a unit, for planning offerings: how many open plans propose it,
 * how many of those teachers completed it or hold a place, and how many remain to be served.
 */
export async function demand(ctx: Ctx, unitId: string) {
  const unit = await org.requireUnit(ctx, unitId, 'training.manage');
  const pairs = await repo.proposedModulesUnder(ctx.db, ctx.tenantId, [unit.path]);
  const moduleIds = [...new Set(pairs.map((p) => p.module_id))];
  const [done, open, modules, upcoming] = await Promise.all([
    completedBy(ctx, [...new Set(pairs.map((p) => p.person_id))]),
    repo.openEnrolmentsInModules(ctx.db, ctx.tenantId, moduleIds),
    repo.modulesByIds(ctx.db, ctx.tenantId, moduleIds),
    repo.listOfferings(ctx.db, ctx.tenantId, { moduleIds, from: today(), status: 'scheduled' }),
  ]);
  const seats = await repo.seatCounts(
    ctx.db,
    ctx.tenantId,
    upcoming.map((o) => o.id),
  );
  const text = (v: LocalizedText) => resolveText(v, ctx.locale, ctx.defaultLocale);
  return {
    unitId,
    modules: modules
      .map((m) => {
        const proposers = pairs.filter((p) => p.module_id === m.id).map((p) => p.person_id);
        const completed = proposers.filter((id) => done.get(id)?.modules.has(m.id)).length;
        const enrolled = proposers.filter(
          (id) => !done.get(id)?.modules.has(m.id) && open.some((e) => e.person_id === id && e.module_id === m.id),
        ).length;
        const free = upcoming
          .filter((o) => o.module_id === m.id && o.enrol_closes >= today())
          .reduce(
            (sum, o) =>
              sum +
              Math.max(
                0,
                o.capacity - Number(seats.find((s) => s.offering_id === o.id && s.status === 'enrolled')?.n ?? 0),
              ),
            0,
          );
        return {
          moduleId: m.id,
          code: m.code,
          title: text(JSON.parse(m.title)),
          proposed: proposers.length,
          completed,
          enrolled,
          remaining: proposers.length - completed - enrolled,
          upcomingSeats: free,
        };
      })
      .sort((a, b) => b.remaining - a.remaining || a.code.localeCompare(b.code)),
  };
}
