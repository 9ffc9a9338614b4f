import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as repo from './assessment.repo.ts';
import type { CoachingInput, ObservationInput } from './assessment.schemas.ts';
import { recordEvents, requireSubject } from './assessment.service.ts';
import { loadStandard, requireAssessable, requireCompetency, requireLevel } from './assessment.standard.ts';

const nameOf = (row: { given_name: string | null; family_name: string | null }) =>
  row.given_name ? `${row.given_name} ${row.family_name}` : null;

function requireOther(ctx: Ctx, personId: string, what: string) {
  if (ctx.actor.personId === personId) throw new AppError('forbidden', `Nobody records ${what} of themself.`);
}

/**
 * A lesson observed for ICT-integration practice. Each competency rated becomes an `observation`
 * event in the ledger, which counts as confirmed evidence like an assessor's rating.
 */
export async function recordObservation(ctx: Ctx, personId: string, input: ObservationInput) {
  await requireSubject(ctx, personId, 'assessment.observe');
  requireOther(ctx, personId, 'an observation');
  const standard = await loadStandard(ctx, input.frameworkId);
  requireAssessable(standard, true);
  const ratings = Object.entries(input.ratings).map(([itemId, level]) => {
    requireCompetency(standard, itemId, `body.ratings.${itemId}`);
    return { itemId, levelCode: requireLevel(standard, level, `body.ratings.${itemId}`) };
  });
  const row: repo.ObservationRow = {
    tenant_id: ctx.tenantId,
    id: newId(),
    person_id: personId,
    framework_id: standard.framework.id,
    observer_person_id: ctx.actor.personId,
    observer_account_id: ctx.actor.accountId,
    observed_on: input.observedOn,
    subject: input.subject ?? null,
    grade: input.grade ?? null,
    lesson_focus: input.lessonFocus,
    practices: JSON.stringify(input.practices),
    ratings: JSON.stringify(input.ratings),
    strengths: input.strengths ?? null,
    suggestions: input.suggestions ?? null,
    created_at: nowIso(),
  };
  await inTransaction(ctx, async (tx) => {
    await repo.insertObservation(tx.db, row);
    await recordEvents(
      tx,
      ratings.map((r) => ({
        personId,
        frameworkId: row.framework_id,
        itemId: r.itemId,
        levelCode: r.levelCode,
        kind: 'observation' as const,
        sourceType: 'observation',
        sourceId: row.id,
        comment: input.lessonFocus,
      })),
    );
    await recordAudit(tx.db, tx, 'observation.record', { type: 'observation', id: row.id }, null, row);
  });
  return (await listObservations(ctx, personId)).find((o) => o.id === row.id)!;
}

export async function listObservations(ctx: Ctx, personId: string) {
  await requireSubject(ctx, personId, 'assessment.read');
  return (await repo.observationsOf(ctx.db, ctx.tenantId, personId)).map((r) => ({
    id: r.id,
    personId: r.person_id,
    frameworkId: r.framework_id,
    observerName: nameOf(r),
    observedOn: r.observed_on,
    subject: r.subject,
    grade: r.grade,
    lessonFocus: r.lesson_focus,
    practices: JSON.parse(r.practices),
    ratings: JSON.parse(r.ratings),
    strengths: r.strengths,
    suggestions: r.suggestions,
    createdAt: r.created_at,
  }));
}

/** A coaching visit was recorded for a teacher (monitoring counts visits). */
export const coachingRecorded = domainEvent<{ personId: string }>();

/** A follow-through visit after training: focus competencies, what was agreed, when to meet next. */
export async function recordCoachingVisit(ctx: Ctx, personId: string, input: CoachingInput) {
  await requireSubject(ctx, personId, 'assessment.observe');
  requireOther(ctx, personId, 'a coaching visit');
  if (input.focusItemIds.length > 0) {
    const standard = await loadStandard(ctx);
    for (const id of input.focusItemIds) requireCompetency(standard, id, 'body.focusItemIds');
  }
  if (input.nextVisitOn && input.nextVisitOn < input.visitedOn)
    throw new AppError('validation_failed', 'The next visit comes after this one.', {
      issues: [{ path: 'body.nextVisitOn', message: 'Before the visit date.' }],
    });
  const row: repo.CoachingRow = {
    tenant_id: ctx.tenantId,
    id: newId(),
    person_id: personId,
    coach_person_id: ctx.actor.personId,
    coach_account_id: ctx.actor.accountId,
    visited_on: input.visitedOn,
    focus_item_ids: JSON.stringify([...new Set(input.focusItemIds)]),
    notes: input.notes,
    agreed_actions: input.agreedActions,
    next_visit_on: input.nextVisitOn ?? null,
    created_at: nowIso(),
  };
  await inTransaction(ctx, async (tx) => {
    await repo.insertCoachingVisit(tx.db, row);
    await recordAudit(tx.db, tx, 'coaching.record', { type: 'coaching_visit', id: row.id }, null, row);
    await coachingRecorded.emit(tx, { personId });
  });
  return (await listCoachingVisits(ctx, personId)).find((v) => v.id === row.id)!;
}

export async function listCoachingVisits(ctx: Ctx, personId: string) {
  await requireSubject(ctx, personId, 'assessment.read');
  return (await repo.coachingVisitsOf(ctx.db, ctx.tenantId, personId)).map((r) => ({
    id: r.id,
    personId: r.person_id,
    coachName: nameOf(r),
    visitedOn: r.visited_on,
    focusItemIds: JSON.parse(r.focus_item_ids),
    notes: r.notes,
    agreedActions: r.agreed_actions,
    nextVisitOn: r.next_visit_on,
    createdAt: r.created_at,
  }));
}
