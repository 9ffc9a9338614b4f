import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { AppError } from '../../shared/errors.ts';
import * as reports from '../assessment/reports.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as plans from './plans.service.ts';
import * as training from './training.ts';

async function refused(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

afterEach(() => {
  vi.useRealTimers();
});

describeOnEachDatabase('development plans from gaps', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let c: string[];
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let assessor: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let both: Awaited<ReturnType<typeof training.createModule>>;
  let single: Awaited<ReturnType<typeof training.createModule>>;
  let offering: Awaited<ReturnType<typeof training.createOffering>>;

  const rate = (personId: string, itemId: string, levelCode: string) =>
    reviews.rate(assessor.ctx, personId, { frameworkId: standard.id, itemId, levelCode, evidenceIds: [] });

  beforeAll(async () => {
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    c = standard.items.filter((i) => i.type === 'competency').map((i) => i.id);
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    await reports.setTarget(ministry.ctx, world.nation.id, standard.id, 'KD');
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    assessor = await make.user(world.ctx, 'assessor', world.regionA);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    await rate(teacher.person.id, c[1]!, 'KA');
    await rate(teacher.person.id, c[2]!, 'KA');
    await rate(teacher.person.id, c[3]!, 'KD');
    await rate(teacher.person.id, c[4]!, 'not_yet');
    both = await make.trainingModule(ministry.ctx, standard, {
      code: 'BOTH',
      outcomes: [
        { itemId: c[1]!, levelCode: 'KD' },
        { itemId: c[2]!, levelCode: 'KD' },
      ],
    });
    single = await make.trainingModule(ministry.ctx, standard, {
      code: 'SINGLE',
      outcomes: [{ itemId: c[1]!, levelCode: 'KD' }],
    });
    const centre = await make.unit(world.ctx, world.districtA1, 'resource_centre');
    const trainer = await make.person(world.ctx, centre, { category: 'trainer' });
    offering = await make.offering(district.ctx, centre, { moduleId: both.id, trainerIds: [trainer.id] });
  });

  it('proposes modules that close the gaps at the next level, with dates, and leaves uncovered gaps open', async () => {
    const plan = await plans.generatePlan(teacher.ctx, teacher.person.id, standard.id);
    expect(plan).toMatchObject({ status: 'draft', targetLevelCode: 'KD', frameworkId: standard.id });
    const byItem = new Map(plan.items.map((i) => [i.itemId, i]));
    expect([...byItem.keys()].sort()).toEqual([c[1], c[2], c[4]].sort());
    // BOTH closes two gaps, so it is preferred to SINGLE; it has an offering, so it takes its dates.
    expect(byItem.get(c[1]!)).toMatchObject({
      moduleId: both.id,
      targetLevelCode: 'KD',
      currentLevelCode: 'KA',
      plannedStart: offering.startDate,
      plannedEnd: offering.endDate,
    });
    expect(byItem.get(c[4]!)).toMatchObject({ moduleId: null, targetLevelCode: 'KA', plannedStart: null });
    expect(plan.progress).toEqual({ items: 3, trained: 0, achieved: 0 });

    // A new proposal replaces the draft.
    const again = await plans.generatePlan(teacher.ctx, teacher.person.id, standard.id);
    expect((await plans.plansOf(teacher.ctx, teacher.person.id)).map((p) => p.id)).toEqual([again.id]);
    expect((await refused(plans.getPlan(teacher.ctx, plan.id))).code).toBe('development_plan_not_found');
  });

  it('is edited by the teacher, agreed by the school leader, then followed as training completes and ratings arrive', async () => {
    const [plan] = await plans.plansOf(teacher.ctx, teacher.person.id);
    const edited = await plans.editPlan(teacher.ctx, plan!.id, {
      items: plan!.items
        .map((i) =>
          i.itemId === c[1]
            ? { ...i, moduleId: single.id, plannedStart: '2027-03-01', plannedEnd: '2027-03-31', note: 'After exams.' }
            : { ...i },
        )
        .map(({ itemId, targetLevelCode, moduleId, plannedStart, plannedEnd, note }) => ({
          itemId,
          targetLevelCode,
          moduleId,
          plannedStart,
          plannedEnd,
          note,
        })),
    });
    expect(edited.items.find((i) => i.itemId === c[1])).toMatchObject({ moduleId: single.id, note: 'After exams.' });

    expect((await refused(plans.setPlanStatus(teacher.ctx, plan!.id, 'agreed'))).code).toBe('forbidden');
    expect((await refused(plans.setPlanStatus(leader.ctx, plan!.id, 'done'))).code).toBe('invalid_transition');
    const agreed = await plans.setPlanStatus(leader.ctx, plan!.id, 'agreed');
    expect(agreed).toMatchObject({ status: 'agreed', agreedByAccountId: leader.account.id });
    const locked = await refused(plans.editPlan(teacher.ctx, plan!.id, { items: [] }));
    expect(locked.code).toBe('plan_not_draft');
    expect((await refused(plans.generatePlan(teacher.ctx, teacher.person.id, standard.id))).code).toBe(
      'plan_in_progress',
    );

    // Completing BOTH starts the plan and marks c[2] trained; a rating at KD achieves it.
    await training.nominate(leader.ctx, offering.id, [teacher.person.id]);
    for (const day of offering.sessionDays)
      await training.recordAttendance(district.ctx, offering.id, {
        day,
        records: [{ personId: teacher.person.id, present: true }],
      });
    // Results wait for the training: the day after it ends.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(Date.parse(`${offering.endDate}T09:00:00Z`) + 86_400_000));
    await training.recordResults(district.ctx, offering.id, {
      results: [{ personId: teacher.person.id, result: 'completed', score: null }],
    });
    vi.useRealTimers();
    const active = await plans.getPlan(leader.ctx, plan!.id);
    expect(active.status).toBe('active');
    expect(active.progress).toEqual({ items: 3, trained: 1, achieved: 0 });
    await rate(teacher.person.id, c[2]!, 'KD');
    const rated = await plans.getPlan(teacher.ctx, plan!.id);
    expect(rated.items.find((i) => i.itemId === c[2])).toMatchObject({
      trained: true,
      achieved: true,
      confirmedLevelCode: 'KD',
    });

    const school = await plans.plansUnder(leader.ctx, world.schoolA1.id);
    expect(school.map((p) => [p.personId, p.status, p.progress.achieved])).toEqual([[teacher.person.id, 'active', 1]]);
  });

  it('shows a district the demand per module, and what remains after completions', async () => {
    const view = await plans.demand(district.ctx, world.districtA1.id);
    const row = (code: string) => view.modules.find((m) => m.code === code);
    expect(row('SINGLE')).toMatchObject({ proposed: 1, completed: 0, enrolled: 0, remaining: 1, upcomingSeats: 0 });
    expect(row('BOTH')).toMatchObject({ proposed: 1, completed: 1, remaining: 0, upcomingSeats: 19 });
    expect((await refused(plans.demand(leader.ctx, world.districtA1.id))).code).toBe('org_unit_not_found');
  });

  it('keeps plans out of reach outside scope, and refuses a plan when there is no gap', async () => {
    const [plan] = await plans.plansOf(teacher.ctx, teacher.person.id);
    const outsider = await make.user(world.ctx, 'school_leader', world.schoolB1);
    expect((await refused(plans.getPlan(outsider.ctx, plan!.id))).code).toBe('development_plan_not_found');
    expect((await refused(plans.setPlanStatus(outsider.ctx, plan!.id, 'done'))).code).toBe(
      'development_plan_not_found',
    );
    expect((await refused(plans.plansUnder(outsider.ctx, world.schoolA1.id))).code).toBe('org_unit_not_found');
    // Officers see demand, not individual plans.
    expect((await refused(plans.getPlan(district.ctx, plan!.id))).code).toBe('forbidden');
    expect((await plans.getPlan(leader.ctx, plan!.id)).status).toBe('active');

    const fresh = await make.user(world.ctx, 'teacher', world.schoolA1);
    expect((await refused(plans.generatePlan(fresh.ctx, fresh.person.id, standard.id))).code).toBe('no_gaps');
  });
});
