import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import { addYears, personName } from './partnerships.service.ts';
import * as repo from './schoolplans.repo.ts';
import type {
  ActionInput,
  CreatePlanInput,
  DistrictPlans,
  Plan,
  PlanSummary,
  ProgressInput,
  UpdatePlanInput,
} from './schoolplans.schemas.ts';
import {
  type ActionStatus,
  MAX_PLAN_YEARS,
  type ReviewArea,
  type SchoolPlanStatus,
} from './schoolreviews.constants.ts';
import { requireSchool, standing } from './schoolreviews.service.ts';
import { schoolsChanged } from './schools.changes.ts';

const text = (ctx: Ctx, json: string) => resolveText(JSON.parse(json) as LocalizedText, ctx.locale, ctx.defaultLocale);

/** Active, and the day within its period: what "a school with a current plan" counts. */
export const isCurrent = (p: { status: string; period_start: string; period_end: string }, on = todayIso()) =>
  p.status === 'active' && p.period_start <= on && on <= p.period_end;

interface Loaded {
  row: repo.PlanRow;
  manage: boolean;
}

/**
 * A plan the actor may read: managers and report readers over its school see every state; the
 * school's leaders and teachers see it once active. Anyone else, and drafts for those, get not found.
 */
async function requirePlan(ctx: Ctx, id: string): Promise<Loaded> {
  const row = await repo.getPlan(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('school_plan', id);
  const s = await standing(ctx, { id: row.school_id, path: row.school_path });
  if (!(s.reads || (s.group && row.status !== 'draft'))) throw notFound('school_plan', id);
  return { row, manage: s.manage };
}

function requireManage(loaded: Loaded) {
  if (!loaded.manage)
    throw new AppError('forbidden', 'Only those who manage practice at the school change its plan.', {
      permission: 'practice.manage',
    });
  if (loaded.row.status === 'archived')
    throw new AppError('school_plan_archived', 'An archived plan is kept as it was; start a new plan.');
}

type ActionRow = Awaited<ReturnType<typeof repo.actionsOf>>[number];

function progressFigures(actions: ActionRow[], last: string | null) {
  const counted = actions.filter((a) => a.status !== 'dropped');
  return { actions: counted.length, done: counted.filter((a) => a.status === 'done').length, lastReviewedOn: last };
}

function summary(ctx: Ctx, row: repo.PlanRow, actions: ActionRow[], last: string | null): PlanSummary {
  return {
    id: row.id,
    school: { id: row.school_id, name: text(ctx, row.school_name) },
    title: row.title,
    status: row.status as SchoolPlanStatus,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    current: isCurrent(row),
    progress: progressFigures(actions, last),
    updatedAt: row.updated_at,
  };
}

async function summaries(ctx: Ctx, rows: repo.PlanRow[]): Promise<PlanSummary[]> {
  const ids = rows.map((r) => r.id);
  const [actions, last] = await Promise.all([
    repo.actionsOf(ctx.db, ctx.tenantId, ids),
    repo.lastProgress(ctx.db, ctx.tenantId, ids),
  ]);
  const lastOf = new Map(last.map((l) => [l.plan_id, (l.last as string | null) ?? null]));
  return rows.map((r) =>
    summary(
      ctx,
      r,
      actions.filter((a) => a.plan_id === r.id),
      lastOf.get(r.id) ?? null,
    ),
  );
}

async function present(ctx: Ctx, { row, manage }: Loaded): Promise<Plan> {
  const [actions, progress, devPlans, partnerships] = await Promise.all([
    repo.actionsOf(ctx.db, ctx.tenantId, [row.id]),
    repo.progressOf(ctx.db, ctx.tenantId, row.id),
    repo.developmentPlansAt(ctx.db, ctx.tenantId, null, JSON.parse(row.development_plan_ids) as string[]),
    row.partnership_id ? repo.partnershipsWith(ctx.db, ctx.tenantId, row.school_id) : Promise.resolve([]),
  ]);
  const partnership = partnerships.find((p) => p.id === row.partnership_id);
  const editable = manage && row.status !== 'archived';
  return {
    ...summary(ctx, row, actions, progress[0]?.reviewed_on ?? null),
    reviewId: row.review_id,
    vision: row.vision,
    goals: JSON.parse(row.goals) as Plan['goals'],
    partnership: partnership ? { id: partnership.id, title: partnership.title } : null,
    developmentPlans: devPlans.map((d) => ({ id: d.id, personId: d.person_id, name: personName(d), status: d.status })),
    actions: actions.map((a) => ({
      id: a.id,
      area: a.area as ReviewArea,
      title: a.title,
      owner: {
        personId: a.owner_person_id,
        name:
          a.given_name && a.family_name ? personName({ given_name: a.given_name, family_name: a.family_name }) : null,
        text: a.owner_text,
      },
      dueOn: a.due_on,
      status: a.status as ActionStatus,
      resources: a.resources,
    })),
    progressReviews: progress.map((g) => ({
      id: g.id,
      reviewedOn: g.reviewed_on,
      note: g.note,
      author:
        g.given_name && g.family_name ? personName({ given_name: g.given_name, family_name: g.family_name }) : null,
      actions: JSON.parse(g.action_statuses) as Plan['progressReviews'][number]['actions'],
      createdAt: g.created_at,
    })),
    can: {
      edit: editable,
      activate: manage && row.status === 'draft',
      archive: manage && row.status === 'active',
      review: manage && row.status === 'active',
    },
  };
}

export async function getPlan(ctx: Ctx, id: string): Promise<Plan> {
  return present(ctx, await requirePlan(ctx, id));
}

export async function listPlans(ctx: Ctx, schoolId: string): Promise<PlanSummary[]> {
  const { unit, reads } = await requireSchool(ctx, schoolId);
  return summaries(ctx, await repo.plansOfSchool(ctx.db, ctx.tenantId, unit.id, reads));
}

export async function planOptions(ctx: Ctx, schoolId: string) {
  const { unit, manage } = await requireSchool(ctx, schoolId);
  if (!manage) throw notFound('org_unit', schoolId);
  const [people, devPlans, partnerships, reviews] = await Promise.all([
    repo.peopleAt(ctx.db, ctx.tenantId, unit.id),
    repo.developmentPlansAt(ctx.db, ctx.tenantId, unit.id),
    repo.partnershipsWith(ctx.db, ctx.tenantId, unit.id),
    repo.reviewsOfSchool(ctx.db, ctx.tenantId, unit.id),
  ]);
  return {
    school: { id: unit.id, name: text(ctx, unit.name) },
    people: people.map((p) => ({ id: p.id, name: personName(p), category: p.category })),
    developmentPlans: devPlans.map((d) => ({ id: d.id, personId: d.person_id, name: personName(d), status: d.status })),
    partnerships: partnerships.map((p) => ({ id: p.id, title: p.title, startsOn: p.starts_on, endsOn: p.ends_on })),
    reviews: reviews.map((r) => ({ id: r.id, opensOn: r.opens_on, closesOn: r.closes_on })),
  };
}

interface Fields {
  title: string;
  periodStart: string;
  periodEnd: string;
  vision: string;
  goals: Partial<Record<ReviewArea, string>>;
  partnershipId: string | null;
  developmentPlanIds: string[];
}

/** Every rule a plan's fields answer to, checked before anything is written. */
async function checkFields(ctx: Ctx, schoolId: string, input: Fields, actions: ActionInput[] | undefined) {
  const fault = (
    code:
      | 'school_plan_dates_invalid'
      | 'partnership_not_covering_school'
      | 'development_plan_not_of_school'
      | 'action_owner_not_of_school',
    field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) => new AppError(code, message, { field: `body.${field}`, ...details });
  if (input.periodEnd <= input.periodStart)
    throw fault('school_plan_dates_invalid', 'periodEnd', 'A plan ends after it starts.');
  if (input.periodEnd > addYears(input.periodStart, MAX_PLAN_YEARS))
    throw fault('school_plan_dates_invalid', 'periodEnd', `A plan covers at most ${MAX_PLAN_YEARS} years.`, {
      maxYears: MAX_PLAN_YEARS,
    });
  if (input.partnershipId) {
    const covering = await repo.partnershipsWith(ctx.db, ctx.tenantId, schoolId);
    if (!covering.some((p) => p.id === input.partnershipId))
      throw fault('partnership_not_covering_school', 'partnershipId', 'This partnership does not cover the school.');
  }
  const devIds = [...new Set(input.developmentPlanIds)];
  const found = await repo.developmentPlansAt(ctx.db, ctx.tenantId, null, devIds);
  const ofSchool = new Set(
    found.filter((d) => d.org_unit_id === schoolId && d.category === 'teacher').map((d) => d.id),
  );
  const foreign = devIds.filter((id) => !ofSchool.has(id));
  if (foreign.length)
    throw fault(
      'development_plan_not_of_school',
      'developmentPlanIds',
      "Only development plans of the school's teachers are linked.",
      { planIds: foreign },
    );
  if (actions) {
    const owners = [...new Set(actions.flatMap((a) => (a.ownerPersonId ? [a.ownerPersonId] : [])))];
    const people = await repo.peopleByIds(ctx.db, ctx.tenantId, owners);
    const atSchool = new Set(people.filter((p) => p.org_unit_id === schoolId).map((p) => p.id));
    const outside = actions.findIndex((a) => a.ownerPersonId && !atSchool.has(a.ownerPersonId));
    if (outside >= 0)
      throw fault(
        'action_owner_not_of_school',
        `actions.${outside}.ownerPersonId`,
        'An action is owned by a person of the school, or named in words.',
      );
  }
  return devIds;
}

/** Keeps named actions (updating them), adds new ones, and marks the rest removed (progress reviews name them). */
async function writeActions(ctx: Ctx, planId: string, actions: ActionInput[]) {
  const existing = await repo.actionsOf(ctx.db, ctx.tenantId, [planId]);
  const known = new Set(existing.map((a) => a.id));
  const kept = new Set<string>();
  const fresh = [];
  for (const [position, a] of actions.entries()) {
    const fields = {
      position,
      area: a.area,
      title: a.title,
      owner_person_id: a.ownerPersonId,
      owner_text: a.ownerPersonId ? null : a.ownerText,
      due_on: a.dueOn,
      status: a.status,
      resources: a.resources,
    };
    if (a.id) {
      if (!known.has(a.id) || kept.has(a.id))
        throw new AppError('school_plan_action_not_found', 'No such action in this plan.', {
          id: a.id,
          field: `body.actions.${position}.id`,
        });
      kept.add(a.id);
      await repo.updateAction(ctx.db, ctx.tenantId, a.id, fields);
    } else fresh.push({ tenant_id: ctx.tenantId, id: newId(), plan_id: planId, removed: 0, ...fields });
  }
  await repo.insertActions(ctx.db, fresh);
  for (const a of existing) if (!kept.has(a.id)) await repo.updateAction(ctx.db, ctx.tenantId, a.id, { removed: 1 });
}

export async function createPlan(ctx: Ctx, input: CreatePlanInput): Promise<Plan> {
  const id = await inTransaction(ctx, async (tx) => {
    const { unit, manage } = await requireSchool(tx, input.schoolId, 'body.schoolId');
    if (!manage)
      throw new AppError('forbidden', 'Only those who manage practice at the school write its plan.', {
        permission: 'practice.manage',
      });
    if (input.reviewId) {
      const reviews = await repo.reviewsOfSchool(tx.db, tx.tenantId, unit.id);
      if (!reviews.some((r) => r.id === input.reviewId))
        throw new AppError('school_plan_review_invalid', 'The review is not one of this school.', {
          field: 'body.reviewId',
        });
    }
    const devIds = await checkFields(tx, unit.id, input, input.actions);
    const at = nowIso();
    const id = newId();
    await repo.insertPlan(tx.db, {
      tenant_id: tx.tenantId,
      id,
      school_id: unit.id,
      review_id: input.reviewId,
      status: 'draft',
      period_start: input.periodStart,
      period_end: input.periodEnd,
      title: input.title,
      vision: input.vision,
      goals: JSON.stringify(input.goals),
      partnership_id: input.partnershipId,
      development_plan_ids: JSON.stringify(devIds),
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
      activated_at: null,
      archived_at: null,
    });
    await writeActions(tx, id, input.actions);
    await recordAudit(tx.db, tx, 'school_plan.create', { type: 'school_plan', id }, null, input);
    return id;
  });
  return getPlan(ctx, id);
}

export async function updatePlan(ctx: Ctx, id: string, input: UpdatePlanInput): Promise<Plan> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requirePlan(tx, id);
    requireManage(loaded);
    const { row } = loaded;
    const before: Fields = {
      title: row.title,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      vision: row.vision,
      goals: JSON.parse(row.goals),
      partnershipId: row.partnership_id,
      developmentPlanIds: JSON.parse(row.development_plan_ids),
    };
    const after: Fields = {
      ...before,
      ...Object.fromEntries(Object.entries(input).filter(([k, v]) => v !== undefined && k !== 'actions')),
    };
    const devIds = await checkFields(tx, row.school_id, after, input.actions);
    await repo.updatePlan(tx.db, tx.tenantId, id, {
      title: after.title,
      period_start: after.periodStart,
      period_end: after.periodEnd,
      vision: after.vision,
      goals: JSON.stringify(after.goals),
      partnership_id: after.partnershipId,
      development_plan_ids: JSON.stringify(devIds),
      updated_at: nowIso(),
    });
    if (row.status === 'active' && (after.periodStart !== before.periodStart || after.periodEnd !== before.periodEnd))
      await schoolsChanged.emit(tx, { schoolIds: [row.school_id] });
    if (input.actions) await writeActions(tx, id, input.actions);
    await recordAudit(tx.db, tx, 'school_plan.update', { type: 'school_plan', id }, before, input);
  });
  return getPlan(ctx, id);
}

export async function setPlanStatus(ctx: Ctx, id: string, status: 'active' | 'archived'): Promise<Plan> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requirePlan(tx, id);
    requireManage(loaded);
    const from = loaded.row.status;
    if ((status === 'active' && from !== 'draft') || (status === 'archived' && from !== 'active'))
      throw new AppError('school_plan_status_invalid', `A ${from} plan cannot become ${status}.`, { from, to: status });
    if (status === 'active') {
      const other = await repo.activePlanOf(tx.db, tx.tenantId, loaded.row.school_id, id);
      if (other)
        throw new AppError('school_plan_active_exists', 'The school already has an active plan; archive it first.', {
          planId: other.id,
        });
    }
    const at = nowIso();
    await repo.updatePlan(tx.db, tx.tenantId, id, {
      status,
      updated_at: at,
      ...(status === 'active' ? { activated_at: at } : { archived_at: at }),
    });
    await schoolsChanged.emit(tx, { schoolIds: [loaded.row.school_id] });
    await recordAudit(
      tx.db,
      tx,
      `school_plan.${status === 'active' ? 'activate' : 'archive'}`,
      {
        type: 'school_plan',
        id,
      },
      { status: from },
      { status },
    );
  });
  return getPlan(ctx, id);
}

/** A dated progress review of an active plan: the note and every action's status at that moment, never changed. */
export async function recordProgress(ctx: Ctx, id: string, input: ProgressInput): Promise<Plan> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requirePlan(tx, id);
    requireManage(loaded);
    if (loaded.row.status !== 'active')
      throw new AppError('school_plan_status_invalid', 'Progress is reviewed on an active plan.', {
        from: loaded.row.status,
      });
    const today = todayIso();
    if (input.reviewedOn < loaded.row.period_start || input.reviewedOn > today)
      throw new AppError('progress_date_invalid', 'A progress review is dated within the plan and not in the future.', {
        field: 'body.reviewedOn',
        from: loaded.row.period_start,
        until: today,
      });
    const actions = await repo.actionsOf(tx.db, tx.tenantId, [id]);
    const byId = new Map(actions.map((a) => [a.id, a]));
    for (const [i, change] of input.actions.entries()) {
      const action = byId.get(change.actionId);
      if (!action)
        throw new AppError('school_plan_action_not_found', 'No such action in this plan.', {
          id: change.actionId,
          field: `body.actions.${i}.actionId`,
        });
      if (action.status !== change.status) {
        await repo.updateAction(tx.db, tx.tenantId, action.id, { status: change.status });
        action.status = change.status;
      }
    }
    const entry = {
      tenant_id: tx.tenantId,
      id: newId(),
      plan_id: id,
      reviewed_on: input.reviewedOn,
      note: input.note,
      action_statuses: JSON.stringify(actions.map((a) => ({ actionId: a.id, title: a.title, status: a.status }))),
      author_person_id: tx.actor.personId,
      created_at: nowIso(),
    };
    await repo.insertProgress(tx.db, entry);
    await repo.updatePlan(tx.db, tx.tenantId, id, { updated_at: entry.created_at });
    await recordAudit(tx.db, tx, 'school_plan.progress', { type: 'school_plan', id }, null, {
      progressId: entry.id,
      reviewedOn: input.reviewedOn,
      actions: input.actions,
    });
  });
  return getPlan(ctx, id);
}

const DISTRICT_LIST_LIMIT = 500;

/**
 * The schools under a unit, each with its current plan (else its latest) and that plan's progress,
 * and how many have no current plan. For those who manage practice or read reports over the unit.
 */
export async function districtPlans(ctx: Ctx, unitId: string): Promise<DistrictPlans> {
  const unit = await org.requireUnit(ctx, unitId);
  const sees =
    ctx.actor.system ||
    hasPermissionAt(ctx, 'practice.manage', unit.path) ||
    hasPermissionAt(ctx, 'reports.read', unit.path);
  if (!sees) throw notFound('org_unit', unitId);
  const [schools, plans] = await Promise.all([
    repo.schoolsUnder(ctx.db, ctx.tenantId, unit.path),
    repo.plansUnder(ctx.db, ctx.tenantId, unit.path),
  ]);
  const chosen = new Map<string, repo.PlanRow>();
  for (const p of plans) {
    const had = chosen.get(p.school_id);
    if (!had || (isCurrent(p) && !isCurrent(had))) chosen.set(p.school_id, p);
  }
  const withCurrent = schools.filter((s) => {
    const p = chosen.get(s.id);
    return p && isCurrent(p);
  }).length;
  const shown = schools.slice(0, DISTRICT_LIST_LIMIT);
  const shownPlans = shown.flatMap((s) => (chosen.has(s.id) ? [chosen.get(s.id)!] : []));
  const summaryOf = new Map((await summaries(ctx, shownPlans)).map((p) => [p.school.id, p]));
  return {
    unit: { id: unit.id, name: text(ctx, unit.name) },
    schools: schools.length,
    withCurrentPlan: withCurrent,
    withoutCurrentPlan: schools.length - withCurrent,
    list: shown.map((s) => ({
      school: { id: s.id, name: text(ctx, s.name) },
      districtName: s.parent_name ? text(ctx, s.parent_name) : null,
      plan: summaryOf.get(s.id) ?? null,
    })),
    truncated: schools.length > shown.length,
  };
}
