import type { Ctx } from '../../shared/context.ts';
import * as repo from './assessment.repo.ts';
import { emptyStatus, requireSubject, toEvent, toStatus } from './assessment.service.ts';
import { loadStandard, resolver, rubricOf } from './assessment.standard.ts';
import { toEvidence } from './evidence.service.ts';
import { listReviews } from './reviews.service.ts';

/**
 * What an assessor opens, and what the teacher sees of their own results: per competency the
 * current status, the rubric descriptors per level, the evidence tagged to it and its ledger history.
 */
export async function portfolio(ctx: Ctx, personId: string, frameworkId?: string) {
  await requireSubject(ctx, personId, 'assessment.read');
  const standard = await loadStandard(ctx, frameworkId);
  const text = resolver(ctx);
  const id = standard.framework.id;
  const [statusRows, evidenceRows, eventRows, reviews] = await Promise.all([
    repo.statusOf(ctx.db, ctx.tenantId, personId, id),
    repo.evidenceOfPerson(ctx.db, ctx.tenantId, personId),
    repo.eventsOfPerson(ctx.db, ctx.tenantId, personId, id),
    listReviews(ctx, { personId, limit: 200 }),
  ]);
  const status = new Map(statusRows.map((r) => [r.item_id, toStatus(r)]));
  const evidence = evidenceRows.map(toEvidence);
  const competencyIds = new Set(standard.competencies.map((c) => c.id));
  return {
    personId,
    frameworkId: id,
    competencies: standard.competencies.map((c) => ({
      itemId: c.id,
      code: c.code,
      title: text(c.title),
      aspectTitle: text(standard.aspectOf.get(c.id)?.title ?? standard.framework.title),
      status: status.get(c.id) ?? emptyStatus(c.id),
      rubric: rubricOf(ctx, standard, c.id),
      evidence: evidence.filter((e) => e.itemIds.includes(c.id)),
      events: eventRows.filter((e) => e.item_id === c.id).map((e) => toEvent(e, e.superseded_by_id, e.actor_username)),
    })),
    otherEvidence: evidence.filter((e) => !e.itemIds.some((i) => competencyIds.has(i))),
    reviews: reviews.filter((r) => r.frameworkId === id),
  };
}
