import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { todayIso } from '../../shared/ids.ts';
import { completersLedBy } from '../training/results.service.ts';
import * as repo from './practice.repo.ts';

/** How a coach reaches a teacher: a partnership with the teacher's school, training they led, or an assignment. */
export type CoachingLink = 'partnership' | 'offering' | 'assignment';

/** A trainer follows through with those they trained for a year after the training ended. */
export const FOLLOW_THROUGH_MONTHS = 12;

/** The same day `months` later (or earlier), or that month's last day: 31 January + 1 month = 28 or 29 February. */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/**
 * The teachers a person coaches on a date, each with the links that make them a coachee. This is
 * the whole of a coach's reach: a coach sees and observes only these teachers (no role grants more).
 */
export async function coachLinks(
  ctx: Ctx,
  coachPersonId: string,
  on: string = todayIso(),
  teacherIds?: string[],
): Promise<Map<string, Set<CoachingLink>>> {
  if (teacherIds?.length === 0) return new Map();
  const [partnered, assigned, trained] = await Promise.all([
    repo.partnershipCoachees(ctx.db, ctx.tenantId, coachPersonId, on, teacherIds),
    repo.assignedCoachees(ctx.db, ctx.tenantId, coachPersonId, on, teacherIds),
    completersLedBy(ctx, coachPersonId, addMonths(on, -FOLLOW_THROUGH_MONTHS), teacherIds),
  ]);
  const links = new Map<string, Set<CoachingLink>>();
  const add = (teacherId: string, link: CoachingLink) => {
    if (teacherIds && !teacherIds.includes(teacherId)) return;
    const set = links.get(teacherId) ?? new Set<CoachingLink>();
    set.add(link);
    links.set(teacherId, set);
  };
  for (const r of partnered) add(r.teacher_id, 'partnership');
  for (const r of assigned) add(r.teacher_id, 'assignment');
  for (const r of trained) if (r.completed_on && r.completed_on <= on) add(r.person_id, 'offering');
  links.delete(coachPersonId);
  return links;
}

/**
 * The actor coaches this teacher on the date, or the teacher is "not found" to them (existence is
 * not leaked to someone who does not coach them).
 */
export async function requireCoachOf(ctx: Ctx, teacherId: string, on: string = todayIso()): Promise<Set<CoachingLink>> {
  const coach = ctx.actor.personId;
  const links = coach ? (await coachLinks(ctx, coach, on, [teacherId])).get(teacherId) : undefined;
  if (!links)
    throw new AppError('person_not_found', `You do not coach a teacher with id ${teacherId}.`, { id: teacherId });
  return links;
}
