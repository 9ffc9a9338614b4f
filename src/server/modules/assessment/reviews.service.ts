import { requireScope } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as people from '../people/people.service.ts';
import * as repo from './assessment.repo.ts';
import { type AssessmentEvent, NOT_YET, type RateInput, type ReviewRequest } from './assessment.schemas.ts';
import { recordEvents, requireSubject, toEvent } from './assessment.service.ts';
import {
  loadStandard,
  requireAssessable,
  requireCompetency,
  requireLevel,
  resolver,
  rubricOf,
  type Standard,
} from './assessment.standard.ts';
import { requireEvidenceOf, toEvidence } from './evidence.service.ts';

/** A review moved, announced in its transaction (notifications tell the teacher or the assessors). */
export const reviewChanged = domainEvent<{
  reviewId: string;
  personId: string;
  frameworkId: string;
  itemId: string;
  change: 'requested' | 'evidence_requested' | 'evidence_added' | 'decided';
  levelCode: string | null;
}>();

/** An assessor's judgement is about someone else. */
function requireNotSelf(ctx: Ctx, personId: string) {
  if (ctx.actor.personId === personId)
    throw new AppError('forbidden', 'Nobody can confirm their own competency.', { personId });
}

/**
 * An assessor rates a competency of a teacher in their scope, with the rubric level, a comment and
 * evidence from the teacher's portfolio: an `assessor` event, which the projection takes as confirmed.
 */
export async function rate(ctx: Ctx, personId: string, input: RateInput, reviewId?: string): Promise<AssessmentEvent> {
  await requireSubject(ctx, personId, 'assessment.rate');
  requireNotSelf(ctx, personId);
  const standard = await loadStandard(ctx, input.frameworkId);
  requireAssessable(standard, true);
  requireCompetency(standard, input.itemId, 'body.itemId');
  const levelCode = requireLevel(standard, input.levelCode, 'body.levelCode');
  return inTransaction(ctx, async (tx) => {
    const evidenceIds = await requireEvidenceOf(tx, personId, input.evidenceIds, 'body.evidenceIds');
    const [event] = await recordEvents(tx, [
      {
        personId,
        frameworkId: standard.framework.id,
        itemId: input.itemId,
        levelCode,
        kind: 'assessor',
        sourceType: reviewId ? 'review' : 'rating',
        sourceId: reviewId ?? null,
        evidenceIds,
        comment: input.comment ?? null,
      },
    ]);
    await recordAudit(tx.db, tx, 'assessment.rate', { type: 'assessment_event', id: event!.id }, null, event);
    return toEvent(event!, null, tx.actor.username);
  });
}

function toReview(
  row: repo.ReviewRow & { given_name: string; family_name: string },
  standard: Standard,
  evidence: Map<string, repo.EvidenceRow>,
  ctx: Ctx,
) {
  const text = resolver(ctx);
  const item = standard.framework.items.find((i) => i.id === row.item_id);
  const evidenceIds: string[] = JSON.parse(row.evidence_ids);
  return {
    id: row.id,
    personId: row.person_id,
    personName: `${row.given_name} ${row.family_name}`,
    frameworkId: row.framework_id,
    itemId: row.item_id,
    itemCode: item?.code ?? '',
    itemTitle: text(item?.title ?? {}),
    claimedLevelCode: row.claimed_level_code,
    status: row.status as ReviewRequest['status'],
    evidenceIds,
    note: row.note,
    assessorComment: row.assessor_comment,
    decidedEventId: row.decided_event_id,
    decidedLevelCode: null as string | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    evidence: evidenceIds.flatMap((id) => {
      const found = evidence.get(id);
      return found && found.person_id === row.person_id ? [toEvidence(found)] : [];
    }),
    rubric: rubricOf(ctx, standard, row.item_id),
  } satisfies ReviewRequest;
}

async function withTitles(ctx: Ctx, rows: (repo.ReviewRow & { given_name: string; family_name: string })[]) {
  const standards = new Map<string, Standard>();
  for (const id of new Set(rows.map((r) => r.framework_id))) standards.set(id, await loadStandard(ctx, id));
  const evidenceIds = rows.flatMap((r) => JSON.parse(r.evidence_ids) as string[]);
  const evidence = new Map((await repo.evidenceByIds(ctx.db, ctx.tenantId, evidenceIds)).map((e) => [e.id, e]));
  const reviews = rows.map((r) => toReview(r, standards.get(r.framework_id)!, evidence, ctx));
  for (const review of reviews) {
    if (!review.decidedEventId) continue;
    const event = await repo.getEvent(ctx.db, ctx.tenantId, review.decidedEventId);
    review.decidedLevelCode = event ? (event.level_code ?? NOT_YET) : null;
  }
  return reviews;
}

async function loadReview(ctx: Ctx, id: string) {
  const row = await repo.getReview(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('review_request', id);
  return row;
}

async function reviewById(ctx: Ctx, id: string): Promise<ReviewRequest> {
  const rows = await repo.listReviews(ctx.db, ctx.tenantId, { id }, 1);
  if (!rows[0]) throw notFound('review_request', id);
  return (await withTitles(ctx, rows))[0]!;
}

/** A teacher asks an assessor to confirm a competency at a level, with evidence from their portfolio. */
export async function requestReview(
  ctx: Ctx,
  input: {
    frameworkId?: string | undefined;
    itemId: string;
    claimedLevelCode: string;
    evidenceIds: string[];
    note?: string | undefined;
  },
): Promise<ReviewRequest> {
  const personId = ctx.actor.personId;
  if (!personId) throw new AppError('forbidden', 'Only a person can ask for a review of their competency.');
  const standard = await loadStandard(ctx, input.frameworkId);
  requireAssessable(standard, true);
  requireCompetency(standard, input.itemId, 'body.itemId');
  if (requireLevel(standard, input.claimedLevelCode, 'body.claimedLevelCode') === null)
    throw new AppError('unknown_level', 'Ask for a review at one of the standard’s levels.', {
      field: 'body.claimedLevelCode',
    });
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const evidenceIds = await requireEvidenceOf(tx, personId, input.evidenceIds, 'body.evidenceIds');
    const at = nowIso();
    const row: repo.ReviewRow = {
      tenant_id: tx.tenantId,
      id,
      person_id: personId,
      framework_id: standard.framework.id,
      item_id: input.itemId,
      claimed_level_code: input.claimedLevelCode,
      status: 'submitted',
      evidence_ids: JSON.stringify(evidenceIds),
      note: input.note ?? null,
      assessor_comment: null,
      assessor_account_id: null,
      decided_event_id: null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertReview(tx.db, row);
    await recordAudit(tx.db, tx, 'review.request', { type: 'review_request', id }, null, row);
    await reviewChanged.emit(tx, { ...changeOf(row), change: 'requested', levelCode: row.claimed_level_code });
  });
  return reviewById(ctx, id);
}

/** Reviews of one person (theirs, or for those who may read their assessment), or an assessor's queue. */
export async function listReviews(
  ctx: Ctx,
  query: { status?: ReviewRequest['status'] | undefined; personId?: string | undefined; limit: number },
): Promise<ReviewRequest[]> {
  const filter: Parameters<typeof repo.listReviews>[2] = { status: query.status };
  if (query.personId) {
    await requireSubject(ctx, query.personId, 'assessment.read');
    filter.personId = query.personId;
  } else {
    filter.roots = requireScope(ctx, 'assessment.rate');
  }
  return withTitles(ctx, await repo.listReviews(ctx.db, ctx.tenantId, filter, query.limit));
}

/** Moves a review between statuses, refusing a move from any status but those named. */
async function transition(
  ctx: Ctx,
  id: string,
  from: string[],
  patch: Partial<repo.ReviewRow>,
  action: string,
): Promise<repo.ReviewRow> {
  const row = await loadReview(ctx, id);
  if (!from.includes(row.status) || (await repo.updateReview(ctx.db, ctx.tenantId, id, from, patch)) === 0)
    throw new AppError('invalid_transition', `A review that is ${row.status} cannot be moved this way.`, {
      id,
      status: row.status,
    });
  await recordAudit(ctx.db, ctx, action, { type: 'review_request', id }, row, { ...row, ...patch });
  return row;
}

function changeOf(row: repo.ReviewRow) {
  return { reviewId: row.id, personId: row.person_id, frameworkId: row.framework_id, itemId: row.item_id };
}

async function asAssessor(ctx: Ctx, id: string) {
  const row = await loadReview(ctx, id);
  await requireSubject(ctx, row.person_id, 'assessment.rate');
  requireNotSelf(ctx, row.person_id);
  return row;
}

export async function startReview(ctx: Ctx, id: string): Promise<ReviewRequest> {
  await asAssessor(ctx, id);
  await inTransaction(ctx, (tx) =>
    transition(
      tx,
      id,
      ['submitted'],
      { status: 'under_review', assessor_account_id: tx.actor.accountId, updated_at: nowIso() },
      'review.start',
    ),
  );
  return reviewById(ctx, id);
}

export async function askForEvidence(ctx: Ctx, id: string, comment: string): Promise<ReviewRequest> {
  await asAssessor(ctx, id);
  await inTransaction(ctx, async (tx) => {
    const row = await transition(
      tx,
      id,
      ['submitted', 'under_review'],
      {
        status: 'more_evidence_requested',
        assessor_comment: comment,
        assessor_account_id: tx.actor.accountId,
        updated_at: nowIso(),
      },
      'review.ask_evidence',
    );
    await reviewChanged.emit(tx, { ...changeOf(row), change: 'evidence_requested', levelCode: null });
  });
  return reviewById(ctx, id);
}

/** The teacher answers a request for more evidence; the review goes back to the assessors. */
export async function addReviewEvidence(
  ctx: Ctx,
  id: string,
  input: { evidenceIds: string[]; note?: string | undefined },
): Promise<ReviewRequest> {
  const row = await loadReview(ctx, id);
  if (row.person_id !== ctx.actor.personId) throw notFound('review_request', id);
  await inTransaction(ctx, async (tx) => {
    // Read again under the person's lock: two additions at once must both be kept.
    await people.lockPeople(tx, [row.person_id]);
    const current = await loadReview(tx, id);
    const added = await requireEvidenceOf(tx, row.person_id, input.evidenceIds, 'body.evidenceIds');
    const evidenceIds = [...new Set([...JSON.parse(current.evidence_ids), ...added])];
    await transition(
      tx,
      id,
      ['more_evidence_requested', 'submitted'],
      {
        status: 'submitted',
        evidence_ids: JSON.stringify(evidenceIds),
        note: input.note ?? current.note,
        updated_at: nowIso(),
      },
      'review.add_evidence',
    );
    await reviewChanged.emit(tx, { ...changeOf(current), change: 'evidence_added', levelCode: null });
  });
  return reviewById(ctx, id);
}

/** The assessor's decision: a rating event at the level judged (which may differ from the claim). */
export async function decideReview(
  ctx: Ctx,
  id: string,
  input: { levelCode: string; comment?: string | undefined },
): Promise<ReviewRequest> {
  const checked = await asAssessor(ctx, id);
  await inTransaction(ctx, async (tx) => {
    await people.lockPeople(tx, [checked.person_id]);
    const row = await loadReview(tx, id);
    const event = await rate(
      tx,
      row.person_id,
      {
        frameworkId: row.framework_id,
        itemId: row.item_id,
        levelCode: input.levelCode,
        evidenceIds: JSON.parse(row.evidence_ids),
        ...(input.comment ? { comment: input.comment } : {}),
      },
      id,
    );
    await transition(
      tx,
      id,
      ['submitted', 'under_review'],
      {
        status: 'confirmed',
        decided_event_id: event.id,
        assessor_comment: input.comment ?? row.assessor_comment,
        assessor_account_id: tx.actor.accountId,
        updated_at: nowIso(),
      },
      'review.decide',
    );
    await reviewChanged.emit(tx, { ...changeOf(row), change: 'decided', levelCode: input.levelCode });
  });
  return reviewById(ctx, id);
}
