import { loadStandard } from '../server/modules/assessment/assessment.standard.ts';
import { assignCoach } from '../server/modules/practice/assignments.service.ts';
import { addMonths, coachLinks } from '../server/modules/practice/coaching.links.ts';
import * as cycles from '../server/modules/practice/cycles.service.ts';
import { ICT_PURPOSES } from '../server/modules/practice/practice.constants.ts';
import type { Ctx } from '../server/shared/context.ts';
import { AppError } from '../server/shared/errors.ts';
import { draws } from './demo-country.ts';

const shift = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const PLANS = [
  'Groups use tablets to collect and chart local data.',
  'Pairs make a short slideshow explaining a process to younger students.',
  'Students research a question online and compare two sources.',
  'A shared document where groups write and comment on each other’s drafts.',
];
const PRODUCTS = [
  'Charts of the data each group collected',
  'Slideshows of four to six slides per pair',
  'Notes comparing the sources, shared with the class',
  'Drafts with peer comments',
  'Answers to the drill exercises',
];
const STRENGTHS = [
  'Clear instructions; every group knew its role.',
  'Students helped each other with the tools without waiting for the teacher.',
  'The lesson opened with a real question the students cared about.',
];
const NEXT_STEPS = [
  'Let students choose the tool for the task.',
  'Shorten the introduction so students work with ICT sooner.',
  'End with groups presenting what they made and how.',
];

/** Schools where a lead teacher coaches colleagues, and how many colleagues each coaches. */
const PEER_COACHED_SCHOOLS = 0.45;
const PEER_COACHEES = 4;

/**
 * Peer coaching inside schools: in about PEER_COACHED_SCHOOLS of the schools with at least five
 * teachers, the school's leader names a lead teacher as coach of a few colleagues (an assignment
 * since last term), as the reform asks of schools with a whole-school plan.
 */
async function assignPeerCoaches(ctx: Ctx, today: string): Promise<void> {
  const teachers = await ctx.db
    .selectFrom('person as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['p.id', 'p.org_unit_id'])
    .where('p.tenant_id', '=', ctx.tenantId)
    .where('p.category', '=', 'teacher')
    .where('u.type', '=', 'school')
    // The demo's own sign-ins keep the stories the README tells of them.
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('user_account as a').select('a.id').whereRef('a.person_id', '=', 'p.id'))),
    )
    .orderBy('p.org_unit_id')
    .orderBy('p.id')
    .execute();
  const bySchool = new Map<string, string[]>();
  for (const t of teachers) bySchool.set(t.org_unit_id, [...(bySchool.get(t.org_unit_id) ?? []), t.id]);
  for (const [s, staff] of [...bySchool.values()].entries()) {
    const draw = draws(50_000 + s);
    if (staff.length < 5 || draw() >= PEER_COACHED_SCHOOLS) continue;
    const [lead, ...colleagues] = staff;
    for (const teacherId of colleagues.slice(0, PEER_COACHEES)) {
      await assignCoach(ctx, {
        coachPersonId: lead!,
        teacherPersonId: teacherId,
        startsOn: shift(today, -150),
        endsOn: shift(today, 215),
      });
    }
  }
}

/**
 * A term of coaching: each coach who reaches teachers (through a partnership, training they led or
 * an assignment, including the lead teachers who coach colleagues in their school) runs cycles with
 * some of them, through the service as of each step's day, so observations enter the ledger as
 * they would. Most cycles of the term are done, some are on the way, and each coach has a lesson to
 * observe today. Returns how many cycles and observations.
 */
export async function seedCycles(
  ctx: Ctx,
  options: { today?: string; teachersPerCoach?: number } = {},
): Promise<{ cycles: number; observations: number }> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const perCoach = options.teachersPerCoach ?? 6;
  const standard = await loadStandard(ctx);
  const competencies = standard.competencies.map((c) => c.id);
  const levels = standard.framework.levels.map((l) => l.code);
  await assignPeerCoaches(ctx, today);
  const coachIds = await candidateCoaches(ctx);
  let made = 0;
  let observed = 0;

  for (const [c, coachId] of coachIds.entries()) {
    const coachees = [...(await coachLinks(ctx, coachId, today)).keys()].sort().slice(0, perCoach);
    const asCoach: Ctx = { ...ctx, actor: { ...ctx.actor, personId: coachId, system: true } };
    for (const [i, teacherId] of coachees.entries()) {
      const draw = draws(c * 1000 + i + 1);
      const asTeacher: Ctx = { ...ctx, actor: { ...ctx.actor, personId: teacherId, system: true } };
      // The first coachee's lesson is today (the coach's home lists it); a few are still ahead.
      const stage = i === 0 ? 'today' : draw() < 0.12 ? 'ahead' : 'past';
      const lessonDay =
        stage === 'today'
          ? today
          : stage === 'ahead'
            ? shift(today, 2 + Math.floor(draw() * 20))
            : shift(today, -(12 + Math.floor(draw() * 90)));
      const first = Math.floor(draw() * competencies.length);
      const focus = [competencies[first]!, competencies[(first + 1 + Math.floor(draw() * 3)) % competencies.length]!];
      try {
        const cycle = await cycles.createCycle(
          asCoach,
          {
            teacherId,
            lessonDate: lessonDay,
            focusItemIds: focus,
            planNotes: PLANS[Math.floor(draw() * PLANS.length)]!,
          },
          stage === 'past' ? lessonDay : today,
        );
        made += 1;
        if (stage !== 'past') continue;

        const draft = await cycles.startObservation(asCoach, cycle.id, lessonDay);
        const students = draw() < 0.7;
        const centredness = Math.min(4, Math.max(1, Math.round(1 + draw() * 2.2 + (students ? 0.8 : 0))));
        const purposes = ICT_PURPOSES.filter((_p, k) => (students ? k > 0 : k < 2) && draw() < 0.45);
        await cycles.saveObservation(
          asCoach,
          draft.id,
          {
            ictUsers: students ? ['teacher', 'students'] : ['teacher'],
            ictPurposes: purposes.length > 0 ? purposes : [students ? 'inquiry' : 'presentation'],
            studentCentredness: centredness,
            ictTimeShare: 10 * Math.round(2 + draw() * 6),
            studentProducts: PRODUCTS[Math.floor(draw() * PRODUCTS.length)]!,
            ratings: focus.map((itemId) => ({
              itemId,
              levelCode:
                levels[
                  Math.min(levels.length - 1, Math.floor(draw() * draw() * levels.length + (centredness > 2 ? 0.5 : 0)))
                ]!,
            })),
          },
          lessonDay,
        );
        await cycles.submitObservation(asCoach, draft.id, lessonDay);
        observed += 1;

        const next = draw();
        if (next < 0.1) continue; // observed, not yet talked through
        await cycles.coachReflection(
          asCoach,
          cycle.id,
          {
            strengths: STRENGTHS[Math.floor(draw() * STRENGTHS.length)]!,
            nextSteps: NEXT_STEPS[Math.floor(draw() * NEXT_STEPS.length)]!,
          },
          shift(lessonDay, 1),
        );
        if (draw() < 0.7)
          await cycles.teacherReflection(asTeacher, cycle.id, {
            reflection: 'My students did more of the work than I expected; next time I will talk less at the start.',
            shared: draw() < 0.4,
          });
        const followUpOn = shift(lessonDay, 14 + Math.floor(draw() * 21));
        if (next < 0.3 || followUpOn > today || followUpOn > addMonths(lessonDay, 6)) continue;
        await cycles.followUp(
          asCoach,
          cycle.id,
          { followUpOn, notes: 'Tried the next step in a later lesson; students chose their own tools.' },
          followUpOn,
        );
        if (next < 0.55) continue;
        await cycles.closeCycle(asCoach, cycle.id, followUpOn);
      } catch (error) {
        // A coach who did not yet reach the teacher on that day (training completed later) skips them.
        if (error instanceof AppError && error.code === 'person_not_found') continue;
        throw error;
      }
    }
  }
  return { cycles: made, observations: observed };
}

/** Everyone who could coach: trainers of offerings, partnership coaches, assigned coaches. */
async function candidateCoaches(ctx: Ctx): Promise<string[]> {
  const [trainers, partners, assigned] = await Promise.all([
    ctx.db
      .selectFrom('training_offering_trainer')
      .select('person_id as id')
      .where('tenant_id', '=', ctx.tenantId)
      .execute(),
    ctx.db.selectFrom('partnership_coach').select('person_id as id').where('tenant_id', '=', ctx.tenantId).execute(),
    ctx.db
      .selectFrom('coach_assignment')
      .select('coach_person_id as id')
      .where('tenant_id', '=', ctx.tenantId)
      .execute(),
  ]);
  return [...new Set([...trainers, ...partners, ...assigned].map((r) => r.id))].sort();
}
