import * as observations from '../server/modules/assessment/observation.service.ts';
import * as reports from '../server/modules/assessment/reports.service.ts';
import * as reviews from '../server/modules/assessment/reviews.service.ts';
import * as self from '../server/modules/assessment/selfassessment.service.ts';
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
 * A year of assessment in the first district: the national target (Knowledge Deepening), most
 * teachers' self-assessments, some confirmations by the regional assessor and one observed lesson.
 * The demo `teacher` is left to take the self-assessment themself.
 */
export async function seedDemoAssessment(
  ctx: Ctx,
  framework: Framework,
  places: { nationId: string; districtId: string; schoolId: string },
  demo: { teacherId: string; leader: { id: string; accountId: string }; assessor: { id: string; accountId: string } },
) {
  await reports.setTarget(ctx, places.nationId, framework.id, framework.levels[1]!.code);
  const competencies = framework.items.filter((i) => i.type === 'competency');
  const levels = [...framework.levels.map((l) => l.code), 'not_yet'];
  const teachers = (await people.listPeople(ctx, { unitId: places.districtId, category: 'teacher', limit: 200 })).items
    .filter((t) => t.id !== demo.teacherId)
    .filter((_, i) => i % 5 !== 4);
  for (const [t, teacher] of teachers.entries()) {
    const mine = as(ctx, teacher);
    const started = await self.startSelfAssessment(mine, framework.id);
    // Most answers sit at the first two levels; pedagogy and planning run a little ahead.
    const answers = Object.fromEntries(
      competencies.map((c, i) => [c.id, levels[[0, 0, 1, 1, 0, 3, 1, 2, 0, 1][(t * 7 + i * 3) % 10]!]!]),
    );
    await self.saveAnswers(mine, started.id, answers);
    await self.submitSelfAssessment(mine, started.id);
  }
  const assessor = as(ctx, { ...demo.assessor, username: 'assessor' });
  for (const teacher of teachers.slice(0, 12))
    for (const c of competencies.slice(0, 6))
      await reviews.rate(assessor, teacher.id, {
        frameworkId: framework.id,
        itemId: c.id,
        levelCode: framework.levels[0]!.code,
        evidenceIds: [],
        comment: 'Confirmed at the district assessment day.',
      });
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
  return { selfAssessments: teachers.length };
}
