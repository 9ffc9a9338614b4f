import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import { accountsOfPeople } from '../notifications/notifications.repo.ts';
import { amountParam, notify } from '../notifications/notifications.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './competitions.repo.ts';
import type { BlindApplication, DecisionInput, Ranking, ScoresInput } from './competitions.schemas.ts';
import {
  type Criterion,
  getApplication,
  parse,
  presentFile,
  requireApplication,
  requireManaged,
  rubricOf,
  text,
} from './competitions.service.ts';

/**
 * Reviewing a call's applications: the reviewer pool's conflicts of interest, assignment (automatic,
 * balancing load, or by hand), blind scoring (append-only), normalisation and ranking, and decisions.
 */

export type ConflictReason = 'declared' | 'same_school' | 'same_district' | 'team_member';

/** The school and district a person is placed in (their own unit or above it), as subtree roots. */
async function schoolAndDistrict(ctx: Ctx, orgPath: string): Promise<Root[]> {
  const units = await org.unitsOnPath(ctx, orgPath);
  return units
    .filter((u) => u.type === 'school' || u.type === 'district')
    .map((u) => ({ path: u.path, type: u.type as Root['type'] }));
}

interface Root {
  path: string;
  type: 'school' | 'district';
}

interface Reviewer {
  personId: string;
  roots: Root[];
}

async function reviewersOf(ctx: Ctx, personIds: string[]): Promise<Reviewer[]> {
  const placed = await people.placementsOf(ctx, personIds);
  return Promise.all(placed.map(async (p) => ({ personId: p.id, roots: await schoolAndDistrict(ctx, p.org_path) })));
}

/**
 * Why a reviewer may not review an application, or null. A reviewer is kept out of any application
 * with a team member placed in the reviewer's school or district, one they are on, and one they declared.
 */
function conflictOf(
  reviewer: Reviewer,
  team: { person_id: string; unit_path: string }[],
  declared: boolean,
): ConflictReason | null {
  if (declared) return 'declared';
  if (team.some((m) => m.person_id === reviewer.personId)) return 'team_member';
  for (const root of reviewer.roots)
    if (team.some((m) => m.unit_path.startsWith(root.path)))
      return root.type === 'school' ? 'same_school' : 'same_district';
  return null;
}

async function conflictFor(ctx: Ctx, application: repo.ApplicationRow, reviewerId: string) {
  const [reviewer] = await reviewersOf(ctx, [reviewerId]);
  if (!reviewer) return 'declared' as const;
  const [team, conflicts] = await Promise.all([
    repo.teamOf(ctx.db, ctx.tenantId, [application.id]),
    repo.conflictsOf(ctx.db, ctx.tenantId, application.competition_id),
  ]);
  const declared = conflicts.some((c) => c.application_id === application.id && c.reviewer_person_id === reviewerId);
  return conflictOf(reviewer, team, declared);
}

/** Assigns a reviewer of the pool by hand; a conflict of interest is refused (409 reviewer_conflicted). */
export async function assignReviewer(ctx: Ctx, applicationId: string, reviewerPersonId: string) {
  const { application, call, manager } = await requireApplication(ctx, applicationId);
  if (!manager) throw new AppError('forbidden', 'Only the call’s managers assign reviewers.', { permission: 'manage' });
  requireSubmitted(application);
  if (!(await repo.inPool(ctx.db, ctx.tenantId, call.id, reviewerPersonId)))
    throw new AppError('reviewer_not_in_pool', 'Add the reviewer to the call’s reviewers first.', {
      field: 'body.reviewerPersonId',
    });
  await inTransaction(ctx, async (tx) => {
    const reason = await conflictFor(tx, application, reviewerPersonId);
    if (reason)
      throw new AppError('reviewer_conflicted', 'This reviewer has a conflict of interest with this application.', {
        field: 'body.reviewerPersonId',
        reason,
      });
    await repo.insertAssignments(tx.db, [
      {
        tenant_id: tx.tenantId,
        application_id: applicationId,
        reviewer_person_id: reviewerPersonId,
        competition_id: call.id,
        automatic: 0,
        assigned_by_account_id: tx.actor.accountId,
        created_at: nowIso(),
      },
    ]);
    await recordAudit(
      tx.db,
      tx,
      'competition_assignment.create',
      { type: 'competition_application', id: applicationId },
      null,
      {
        reviewerPersonId,
        automatic: false,
      },
    );
  });
  return getApplication(ctx, applicationId);
}

/**
 * Gives every submitted application up to `perApplication` reviewers from the pool, never one with a
 * conflict: the application with the fewest reviewers first, each time the reviewer with the fewest
 * assignments in the call (ties by id, so a run is repeatable).
 */
export async function autoAssign(ctx: Ctx, competitionId: string, perApplication?: number) {
  const call = await requireManaged(ctx, competitionId);
  const wanted = perApplication ?? call.reviewers_per_application;
  return inTransaction(ctx, async (tx) => {
    const applications = await repo.applicationsOf(tx.db, tx.tenantId, call.id, ['submitted']);
    const pool = await reviewersOf(
      tx,
      (await repo.reviewerPool(tx.db, tx.tenantId, call.id)).map((r) => r.person_id),
    );
    const assignments = await repo.assignmentsOf(tx.db, tx.tenantId, call.id);
    const conflicts = await repo.conflictsOf(tx.db, tx.tenantId, call.id);
    const teams = await repo.teamOf(
      tx.db,
      tx.tenantId,
      applications.map((a) => a.id),
    );
    const load = new Map(pool.map((r) => [r.personId, 0]));
    for (const s of assignments) load.set(s.reviewer_person_id, (load.get(s.reviewer_person_id) ?? 0) + 1);
    const has = new Map(applications.map((a) => [a.id, new Set<string>()]));
    for (const s of assignments) has.get(s.application_id)?.add(s.reviewer_person_id);
    const order = [...applications].sort(
      (a, b) => has.get(a.id)!.size - has.get(b.id)!.size || a.id.localeCompare(b.id),
    );
    const rows: Parameters<typeof repo.insertAssignments>[1] = [];
    const short: { applicationId: string; missing: number }[] = [];
    const at = nowIso();
    for (const a of order) {
      const already = has.get(a.id)!;
      const team = teams.filter((m) => m.application_id === a.id);
      const candidates = pool.filter(
        (r) =>
          !already.has(r.personId) &&
          !conflictOf(
            r,
            team,
            conflicts.some((c) => c.application_id === a.id && c.reviewer_person_id === r.personId),
          ),
      );
      let need = wanted - already.size;
      while (need > 0 && candidates.length) {
        candidates.sort(
          (x, y) => load.get(x.personId)! - load.get(y.personId)! || x.personId.localeCompare(y.personId),
        );
        const chosen = candidates.shift()!;
        load.set(chosen.personId, load.get(chosen.personId)! + 1);
        already.add(chosen.personId);
        rows.push({
          tenant_id: tx.tenantId,
          application_id: a.id,
          reviewer_person_id: chosen.personId,
          competition_id: call.id,
          automatic: 1,
          assigned_by_account_id: tx.actor.accountId,
          created_at: at,
        });
        need--;
      }
      if (need > 0) short.push({ applicationId: a.id, missing: need });
    }
    await repo.insertAssignments(tx.db, rows);
    await recordAudit(tx.db, tx, 'competition.auto_assign', { type: 'competition', id: call.id }, null, {
      perApplication: wanted,
      assigned: rows.map((r) => [r.application_id, r.reviewer_person_id]),
      short,
    });
    return { assigned: rows.length, short };
  });
}

interface Reviewable {
  application: repo.ApplicationRow;
  call: repo.CompetitionRow;
}

/**
 * An application the actor reviews: assigned to them and without a conflict. Anything else (not
 * assigned, conflicted, a draft, another tenant's) is "not found": a reviewer learns nothing of it.
 */
async function requireReviewable(ctx: Ctx, applicationId: string): Promise<Reviewable> {
  const me = ctx.actor.personId;
  const application = await repo.getApplication(ctx.db, ctx.tenantId, applicationId);
  if (!me || !application || application.status === 'draft') throw notFound('application', applicationId);
  const assigned = await repo.getAssignment(ctx.db, ctx.tenantId, applicationId, me);
  if (!assigned || (await conflictFor(ctx, application, me))) throw notFound('application', applicationId);
  const call = (await repo.getCompetition(ctx.db, ctx.tenantId, application.competition_id))!;
  return { application, call };
}

export async function reviewerMayRead(ctx: Ctx, applicationId: string) {
  try {
    await requireReviewable(ctx, applicationId);
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'application_not_found') return false;
    throw error;
  }
}

/** Latest score row per (application, reviewer, criterion): rows are append-only, ordered by id. */
function latestScores(rows: Awaited<ReturnType<typeof repo.scoresOf>>) {
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(`${r.application_id}|${r.reviewer_person_id}|${r.criterion_key}`, r);
  return [...latest.values()];
}

async function presentBlind(ctx: Ctx, { application, call }: Reviewable): Promise<BlindApplication> {
  const me = ctx.actor.personId!;
  const [files, scores] = await Promise.all([
    repo.filesOf(ctx.db, ctx.tenantId, [application.id]),
    repo.scoresOf(ctx.db, ctx.tenantId, call.id, { applicationId: application.id, reviewerId: me }),
  ]);
  return {
    id: application.id,
    competitionId: call.id,
    competitionTitle: text(ctx, call.title),
    title: application.title,
    summary: application.summary,
    plan: application.plan,
    budgetRequested: application.budget_requested,
    currency: call.currency,
    resourceIds: parse(application.resource_ids),
    files: files.filter((f) => f.report_id === null).map(presentFile),
    rubric: rubricOf(ctx, call),
    myScores: latestScores(scores).map((s) => ({ criterion: s.criterion_key, score: s.score, comment: s.comment })),
  };
}

/** The actor's queue: submitted applications assigned to them and free of conflicts, blind. */
export async function reviewQueue(ctx: Ctx) {
  const me = ctx.actor.personId;
  if (!me) return { items: [] };
  const items: BlindApplication[] = [];
  for (const application of await repo.assignedTo(ctx.db, ctx.tenantId, me)) {
    if (await conflictFor(ctx, application, me)) continue;
    const call = (await repo.getCompetition(ctx.db, ctx.tenantId, application.competition_id))!;
    items.push(await presentBlind(ctx, { application, call }));
  }
  return { items };
}

export async function getBlindApplication(ctx: Ctx, applicationId: string) {
  return presentBlind(ctx, await requireReviewable(ctx, applicationId));
}

/**
 * A reviewer of the call declares a conflict with an application: it leaves their queue (and their
 * assignment goes) and they are never assigned it again. Unknown to them otherwise: "not found".
 */
export async function declareConflict(ctx: Ctx, applicationId: string, reason: string) {
  const me = ctx.actor.personId;
  const application = await repo.getApplication(ctx.db, ctx.tenantId, applicationId);
  if (!me || !application || application.status === 'draft') throw notFound('application', applicationId);
  if (!(await repo.inPool(ctx.db, ctx.tenantId, application.competition_id, me)))
    throw notFound('application', applicationId);
  await inTransaction(ctx, async (tx) => {
    await repo.insertConflict(tx.db, {
      tenant_id: tx.tenantId,
      application_id: applicationId,
      reviewer_person_id: me,
      competition_id: application.competition_id,
      reason,
      created_at: nowIso(),
    });
    await repo.deleteAssignment(tx.db, tx.tenantId, applicationId, me);
    await recordAudit(
      tx.db,
      tx,
      'competition_conflict.declare',
      { type: 'competition_application', id: applicationId },
      null,
      {
        reviewerPersonId: me,
        reason,
      },
    );
  });
  return reviewQueue(ctx);
}

function requireSubmitted(application: repo.ApplicationRow) {
  if (application.status === 'draft')
    throw new AppError('application_not_submitted', 'This application is not submitted yet.', {
      applicationId: application.id,
    });
  if (application.status !== 'submitted')
    throw new AppError('application_decided', 'This application has been decided.', { applicationId: application.id });
}

/**
 * Scores every criterion of the rubric with a comment. Append-only: a criterion whose score or comment
 * changed gets a new row, and the latest row counts; unchanged criteria write nothing.
 */
export async function scoreApplication(ctx: Ctx, applicationId: string, input: ScoresInput) {
  const reviewable = await requireReviewable(ctx, applicationId);
  requireSubmitted(reviewable.application);
  const rubric = parse<Criterion[]>(reviewable.call.rubric);
  for (const [i, s] of input.scores.entries()) {
    const criterion = rubric.find((c) => c.key === s.criterion);
    if (!criterion)
      throw new AppError('unknown_criterion', 'Score the criteria of the call’s rubric.', {
        field: `body.scores.${i}.criterion`,
      });
    if (s.score > criterion.maxScore)
      throw new AppError('score_out_of_range', `A score is from 0 to ${criterion.maxScore}.`, {
        field: `body.scores.${i}.score`,
        max: criterion.maxScore,
      });
  }
  const given = new Set(input.scores.map((s) => s.criterion));
  const missing = rubric.filter((c) => !given.has(c.key)).map((c) => c.key);
  if (missing.length || given.size !== input.scores.length)
    throw new AppError('scores_incomplete', 'Score each criterion of the rubric once.', {
      field: 'body.scores',
      missing,
    });
  const me = ctx.actor.personId!;
  await inTransaction(ctx, async (tx) => {
    const before = latestScores(
      await repo.scoresOf(tx.db, tx.tenantId, reviewable.call.id, { applicationId, reviewerId: me }),
    );
    const at = nowIso();
    const changed = input.scores.filter((s) => {
      const old = before.find((b) => b.criterion_key === s.criterion);
      return !old || old.score !== s.score || old.comment !== s.comment;
    });
    if (changed.length === 0) return;
    await repo.insertScores(
      tx.db,
      changed.map((s) => ({
        tenant_id: tx.tenantId,
        id: newId(),
        application_id: applicationId,
        competition_id: reviewable.call.id,
        reviewer_person_id: me,
        criterion_key: s.criterion,
        score: s.score,
        comment: s.comment,
        created_at: at,
      })),
    );
    await recordAudit(
      tx.db,
      tx,
      'competition_score.record',
      { type: 'competition_application', id: applicationId },
      before.map((b) => ({ criterion: b.criterion_key, score: b.score, comment: b.comment })),
      changed,
    );
  });
  return getBlindApplication(ctx, applicationId);
}

/** A reviewer's weighted total on the 0-100 scale: Σ weight × score / maxScore, over Σ weight. */
export function weightedTotal(rubric: Criterion[], scores: Map<string, number>): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores.get(c.key);
    if (s === undefined) return null;
    sum += (c.weight * s) / c.maxScore;
    weights += c.weight;
  }
  return (100 * sum) / weights;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => {
  const m = mean(xs);
  return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};
const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Removes each reviewer's leniency or severity. Each total is z-scored against its reviewer's own
 * totals in the call (z = (x − mean_r) / sd_r, population sd) and mapped back onto the 0-100 scale with
 * the mean and sd of every total in the call (mean + z × sd), clamped to 0-100. A reviewer with a single
 * total, or who gave every application the same total, says nothing about their scale: a single total
 * is kept as it is, equal totals all map to the call's mean.
 */
export function normalise(totals: { reviewer: string; application: string; raw: number }[]) {
  if (totals.length === 0) return [];
  const all = totals.map((t) => t.raw);
  const m = mean(all);
  const s = sd(all);
  const byReviewer = new Map<string, number[]>();
  for (const t of totals) byReviewer.set(t.reviewer, [...(byReviewer.get(t.reviewer) ?? []), t.raw]);
  return totals.map((t) => {
    const own = byReviewer.get(t.reviewer)!;
    let normalised: number;
    if (own.length < 2) normalised = t.raw;
    else {
      const sr = sd(own);
      normalised = sr === 0 ? m : m + ((t.raw - mean(own)) / sr) * s;
    }
    return { ...t, normalised: Math.min(100, Math.max(0, normalised)) };
  });
}

/** The call's applications ranked by their mean normalised total (then raw, then who submitted first). */
export async function ranking(ctx: Ctx, competitionId: string): Promise<Ranking> {
  const call = await requireManaged(ctx, competitionId);
  const rubric = parse<Criterion[]>(call.rubric);
  const applications = await repo.applicationsOf(ctx.db, ctx.tenantId, call.id, [
    'submitted',
    'awarded',
    'declined',
    'completed',
  ]);
  const scores = latestScores(await repo.scoresOf(ctx.db, ctx.tenantId, call.id));
  const pool = await repo.reviewerPool(ctx.db, ctx.tenantId, call.id);
  const assigned = await repo.assignmentsOf(ctx.db, ctx.tenantId, call.id);
  const names = new Map(
    [...pool, ...assigned.map((a) => ({ ...a, person_id: a.reviewer_person_id }))].map((r) => [
      r.person_id,
      `${r.given_name} ${r.family_name}`,
    ]),
  );
  const grouped = new Map<string, Map<string, number>>();
  for (const s of scores) {
    const key = `${s.application_id}|${s.reviewer_person_id}`;
    if (!grouped.has(key)) grouped.set(key, new Map());
    grouped.get(key)!.set(s.criterion_key, s.score);
  }
  const totals: { reviewer: string; application: string; raw: number }[] = [];
  for (const [key, byCriterion] of grouped) {
    const [application, reviewer] = key.split('|') as [string, string];
    const raw = weightedTotal(rubric, byCriterion);
    if (raw !== null) totals.push({ application, reviewer, raw });
  }
  const normalised = normalise(totals);
  const rows = applications.map((a) => {
    const own = normalised.filter((t) => t.application === a.id);
    return {
      rank: 0,
      applicationId: a.id,
      title: a.title,
      status: a.status as Ranking['items'][number]['status'],
      budgetRequested: a.budget_requested,
      awardedAmount: a.awarded_amount,
      reviews: own.length,
      raw: own.length ? round1(mean(own.map((t) => t.raw))) : null,
      normalised: own.length ? round1(mean(own.map((t) => t.normalised))) : null,
      byReviewer: own.map((t) => ({
        reviewer: names.get(t.reviewer) ?? t.reviewer,
        raw: round1(t.raw),
        normalised: round1(t.normalised),
      })),
      submittedAt: a.submitted_at ?? '',
    };
  });
  rows.sort(
    (x, y) =>
      (y.normalised ?? -1) - (x.normalised ?? -1) ||
      (y.raw ?? -1) - (x.raw ?? -1) ||
      x.submittedAt.localeCompare(y.submittedAt),
  );
  return {
    scale: { min: 0, max: 100 },
    items: rows.map(({ submittedAt: _, ...r }, i) => ({ ...r, rank: i + 1 })),
  };
}

/**
 * Awards a grant (at most what was asked, and within what is left of the budget) or declines, once.
 * The team is told in their inbox and by mail.
 */
export async function decide(ctx: Ctx, applicationId: string, input: DecisionInput) {
  const { application, call, manager } = await requireApplication(ctx, applicationId);
  if (!manager) throw new AppError('forbidden', 'Only the call’s managers decide.', { permission: 'manage' });
  requireSubmitted(application);
  if (input.decision === 'award' && input.amount > application.budget_requested)
    throw new AppError('award_above_request', 'A grant is at most the budget requested.', {
      field: 'body.amount',
      requested: application.budget_requested,
    });
  await inTransaction(ctx, async (tx) => {
    await repo.lockCompetition(tx.db, tx.dialect, tx.tenantId, call.id);
    const amount = input.decision === 'award' ? input.amount : null;
    if (amount !== null) {
      const remaining = call.budget_total - (await repo.awardedTotal(tx.db, tx.tenantId, call.id));
      if (amount > remaining)
        throw new AppError('award_above_budget', 'The grant is more than what is left of the call’s budget.', {
          field: 'body.amount',
          remaining,
        });
    }
    const at = nowIso();
    const values = {
      status: input.decision === 'award' ? 'awarded' : 'declined',
      awarded_amount: amount,
      decision_note: input.note ?? null,
      decided_by_account_id: tx.actor.accountId,
      decided_at: at,
      updated_at: at,
    };
    const done = await repo.updateApplication(tx.db, tx.tenantId, applicationId, values, 'submitted');
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError('application_decided', 'This application has been decided.', { applicationId });
    const team = await repo.teamOf(tx.db, tx.tenantId, [applicationId]);
    await notify(
      tx,
      input.decision === 'award' ? 'competition_awarded' : 'competition_declined',
      await accountsOfPeople(
        tx.db,
        tx.tenantId,
        team.map((m) => m.person_id),
      ),
      {
        call: { text: parse<LocalizedText>(call.title) },
        title: application.title,
        amount: amount === null ? '' : amountParam(amount, call.currency),
      },
      `/competitions/${call.id}`,
    );
    await recordAudit(
      tx.db,
      tx,
      'competition_application.decide',
      { type: 'competition_application', id: applicationId },
      { status: 'submitted' },
      values,
    );
  });
  return getApplication(ctx, applicationId);
}
