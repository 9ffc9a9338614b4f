import * as observations from '../server/modules/assessment/observation.service.ts';
import * as reports from '../server/modules/assessment/reports.service.ts';
import * as people from '../server/modules/people/people.service.ts';
import type { Ctx } from '../server/shared/context.ts';

type Framework = { id: string; levels: { code: string }[]; items: { id: string; type: string }[] };

/** Acting as one demo person, with the system's reach (the seeder has checked everything). */
const as = (ctx: Ctx, person: { id: string; accountId?: string | null; username?: string }): Ctx => ({
  ...ctx,
  actor: {
    ...ctx.actor,
    personId: person.id,
    accountId: person.accountId ?? null,
    username: person.username ?? 'demo',
  },
});

/**
 * The national target (Knowledge Deepening) and one observed lesson in Amberfield School No. 1; the
 * country's self-assessments and ratings are `demo-country.ts`'s.
 */
export async function seedDemoAssessment(
  ctx: Ctx,
  framework: Framework,
  places: { nationId: string; districtId: string; schoolId: string },
  demo: { teacherId: string; leader: { id: string; accountId: string } },
) {
  await reports.setTarget(ctx, places.nationId, framework.id, framework.levels[1]!.code);
  const competencies = framework.items.filter((i) => i.type === 'competency');
  const teachers = (
    await people.listPeople(ctx, { unitId: places.schoolId, category: 'teacher', limit: 20 })
  ).items.filter((t) => t.id !== demo.teacherId);
  const observed = teachers.find((t) => t.orgUnitId === places.schoolId);
  if (observed)
    await observations.recordObservation(as(ctx, { ...demo.leader, username: 'leader' }), observed.id, {
      frameworkId: framework.id,
      observedOn: '2026-10-14',
      subject: 'Science',
      grade: '7',
      lessonFocus: 'Learners record weather data on tablets and compare it in a shared spreadsheet.',
      practices: ['students_use_ict', 'collaboration_with_ict', 'ict_for_assessment'],
      ratings: { [competencies[8]!.id]: framework.levels[1]!.code },
      strengths: 'Clear roles in groups; every learner handled the data.',
      suggestions: 'Let groups present their findings to another class online.',
    });
}
