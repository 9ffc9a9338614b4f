import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { AppError } from '../../shared/errors.ts';
import * as reports from '../assessment/reports.service.ts';
import * as ratings from '../assessment/reviews.service.ts';
import * as people from '../people/people.service.ts';
import * as developmentPlans from '../training/plans.service.ts';
import * as partnerships from './partnerships.service.ts';
import * as plans from './schoolplans.service.ts';
import * as reviews from './schoolreviews.service.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

/**
 * From its self-review, a school writes its ICT plan with actions, links its partnership and a
 * teacher's development plan, activates it (one active plan per school), reviews progress each
 * term; the district sees the plans and progress of its schools, and nobody outside reads them.
 */
describeOnEachDatabase('school ICT plans', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let otherDistrict: Awaited<ReturnType<typeof make.user>>;
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let otherTeacher: Awaited<ReturnType<typeof make.user>>;
  let devPlanId: string;
  let otherDevPlanId: string;
  let partnershipId: string;
  let otherPartnershipId: string;
  let reviewId: string;
  let planId: string;

  const body = (over: Partial<Parameters<typeof plans.createPlan>[1]> = {}) => ({
    schoolId: world.schoolA1.id,
    reviewId,
    title: 'Every class creates with ICT',
    periodStart: day(-10),
    periodEnd: day(700),
    vision: 'Students use the school devices to investigate, make and share, in every subject.',
    goals: { teaching_practice: 'Half of the lessons observed are student-centred.' },
    partnershipId,
    developmentPlanIds: [devPlanId],
    actions: [
      {
        area: 'infrastructure_access' as const,
        title: 'Tablet trolley bookable by every class',
        ownerPersonId: teacher.person.id,
        ownerText: null,
        dueOn: day(60),
        status: 'planned' as const,
        resources: 'One trolley, a booking sheet',
      },
      {
        area: 'professional_learning' as const,
        title: 'Monthly peer lesson study',
        ownerPersonId: null,
        ownerText: 'ICT committee',
        dueOn: day(120),
        status: 'planned' as const,
        resources: '',
      },
    ],
    ...over,
  });

  beforeAll(async () => {
    world = await make.country(getDb());
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    otherDistrict = await make.user(world.ctx, 'district_officer', world.districtA2);
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    otherTeacher = await make.user(world.ctx, 'teacher', world.schoolA2);
    const assessor = await make.user(world.ctx, 'assessor', world.regionA);
    const standard = await make.publishedStandard(world.ctx);
    const item = standard.items.find((i) => i.type === 'competency')!.id;
    await reports.setTarget(ministry.ctx, world.nation.id, standard.id, 'KD');
    for (const t of [teacher, otherTeacher])
      await ratings.rate(assessor.ctx, t.person.id, {
        frameworkId: standard.id,
        itemId: item,
        levelCode: 'KA',
        evidenceIds: [],
      });
    devPlanId = (await developmentPlans.generatePlan(world.ctx, teacher.person.id, standard.id)).id;
    otherDevPlanId = (await developmentPlans.generatePlan(world.ctx, otherTeacher.person.id, standard.id)).id;

    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'College');
    const coach = await make.person(world.ctx, tei, { category: 'trainer' });
    await people.updatePerson(world.ctx, coach.id, { category: 'trainer' });
    const partnership = (schoolIds: string[]) =>
      partnerships.createPartnership(world.ctx, {
        teiUnitId: tei.id,
        title: 'College and schools',
        focus: 'Tablets',
        startsOn: day(-30),
        endsOn: day(300),
        schoolIds,
        coachIds: [coach.id],
      });
    partnershipId = (await partnership([world.schoolA1.id])).id;
    otherPartnershipId = (await partnership([world.schoolA2.id])).id;
    reviewId = (
      await reviews.openReview(leader.ctx, { schoolId: world.schoolA1.id, opensOn: day(0), closesOn: day(10) })
    ).id;
  });

  it('is written by the leader from the review, as a draft', async () => {
    const plan = await plans.createPlan(leader.ctx, body());
    planId = plan.id;
    expect(plan).toMatchObject({ status: 'draft', reviewId, current: false, partnership: { id: partnershipId } });
    expect(plan.developmentPlans.map((d) => d.id)).toEqual([devPlanId]);
    expect(plan.actions.map((a) => a.owner)).toEqual([
      { personId: teacher.person.id, name: `${teacher.person.givenName} ${teacher.person.familyName}`, text: null },
      { personId: null, name: null, text: 'ICT committee' },
    ]);
    expect(plan.progress).toEqual({ actions: 2, done: 0, lastReviewedOn: null });
    expect(plan.can).toEqual({ edit: true, activate: true, archive: false, review: false });
  });

  it('refuses what is not of the school', async () => {
    expect((await refusal(plans.createPlan(leader.ctx, body({ partnershipId: otherPartnershipId })))).code).toBe(
      'partnership_not_covering_school',
    );
    expect((await refusal(plans.createPlan(leader.ctx, body({ developmentPlanIds: [otherDevPlanId] })))).code).toBe(
      'development_plan_not_of_school',
    );
    const owner = await refusal(
      plans.createPlan(
        leader.ctx,
        body({ actions: [{ ...body().actions[0]!, ownerPersonId: otherTeacher.person.id }] }),
      ),
    );
    expect(owner).toMatchObject({
      code: 'action_owner_not_of_school',
      details: { field: 'body.actions.0.ownerPersonId' },
    });
    expect((await refusal(plans.createPlan(leader.ctx, body({ periodEnd: day(-20) })))).code).toBe(
      'school_plan_dates_invalid',
    );
    expect((await refusal(plans.createPlan(otherDistrict.ctx, body()))).code).toBe('org_unit_not_found');
    expect((await refusal(plans.createPlan(teacher.ctx, body()))).code).toBe('forbidden');
  });

  it('keeps drafts from the teachers and activates one plan per school', async () => {
    expect((await refusal(plans.getPlan(teacher.ctx, planId))).code).toBe('school_plan_not_found');
    const active = await plans.setPlanStatus(leader.ctx, planId, 'active');
    expect(active).toMatchObject({ status: 'active', current: true });
    expect((await plans.getPlan(teacher.ctx, planId)).can.edit).toBe(false);
    const second = await plans.createPlan(leader.ctx, body({ title: 'A second plan' }));
    expect((await refusal(plans.setPlanStatus(leader.ctx, second.id, 'active'))).code).toBe(
      'school_plan_active_exists',
    );
    expect((await refusal(plans.setPlanStatus(leader.ctx, second.id, 'archived'))).code).toBe(
      'school_plan_status_invalid',
    );
  });

  it('records a progress review with each action status at that moment, append-only', async () => {
    const plan = await plans.getPlan(leader.ctx, planId);
    const [trolley, study] = plan.actions;
    const first = await plans.recordProgress(leader.ctx, planId, {
      reviewedOn: day(0),
      note: 'Trolley in use; lesson study started in two grades.',
      actions: [
        { actionId: trolley!.id, status: 'done' },
        { actionId: study!.id, status: 'in_progress' },
      ],
    });
    expect(first.progress).toEqual({ actions: 2, done: 1, lastReviewedOn: day(0) });
    expect(first.progressReviews[0]!.actions.map((a) => a.status)).toEqual(['done', 'in_progress']);
    // Editing the plan later changes the actions, not the record of the review.
    const edited = await plans.updatePlan(leader.ctx, planId, {
      actions: [{ ...body().actions[1]!, id: study!.id, status: 'dropped' }],
    });
    expect(edited.actions.map((a) => a.title)).toEqual(['Monthly peer lesson study']);
    expect(edited.progress).toEqual({ actions: 0, done: 0, lastReviewedOn: day(0) });
    expect(edited.progressReviews[0]!.actions).toHaveLength(2);
    expect(
      (await refusal(plans.recordProgress(leader.ctx, planId, { reviewedOn: day(3), note: 'Later', actions: [] })))
        .code,
    ).toBe('progress_date_invalid');
    expect(
      (
        await refusal(
          plans.recordProgress(leader.ctx, planId, {
            reviewedOn: day(0),
            note: 'x',
            actions: [{ actionId: trolley!.id, status: 'done' }],
          }),
        )
      ).code,
    ).toBe('school_plan_action_not_found');
  });

  it('lists the district schools with their plan and progress, and those without', async () => {
    const list = await plans.districtPlans(district.ctx, world.districtA1.id);
    expect(list).toMatchObject({ schools: 2, withCurrentPlan: 1, withoutCurrentPlan: 1 });
    const a1 = list.list.find((s) => s.school.id === world.schoolA1.id)!;
    expect(a1.plan).toMatchObject({ id: planId, current: true, progress: { lastReviewedOn: day(0) } });
    expect(list.list.find((s) => s.school.id === world.schoolA1b.id)!.plan).toBeNull();
    expect((await refusal(plans.districtPlans(otherDistrict.ctx, world.districtA1.id))).code).toBe(
      'org_unit_not_found',
    );
    expect((await refusal(plans.getPlan(otherDistrict.ctx, planId))).code).toBe('school_plan_not_found');
  });

  it('archives the active plan, after which it is kept as it was', async () => {
    const archived = await plans.setPlanStatus(leader.ctx, planId, 'archived');
    expect(archived).toMatchObject({ status: 'archived', current: false, can: { edit: false } });
    expect((await refusal(plans.updatePlan(leader.ctx, planId, { title: 'Changed' }))).code).toBe(
      'school_plan_archived',
    );
    const list = await plans.districtPlans(district.ctx, world.districtA1.id);
    expect(list.withCurrentPlan).toBe(0);
  });

  describe('over HTTP', () => {
    let app: TestApp;
    let leaderSession: Session;
    let districtSession: Session;
    let otherSession: Session;
    beforeAll(async () => {
      app = await testApp(getDb());
      leaderSession = await signIn(app, leader.username, leader.password);
      districtSession = await signIn(app, district.username, district.password);
      otherSession = await signIn(app, otherDistrict.username, otherDistrict.password);
    });

    it('writes, activates and reviews a plan; the district reads it; others get 404', async () => {
      const options = await app.inject({
        url: `/api/units/${world.schoolA1.id}/school-plan-options`,
        headers: leaderSession.headers,
      });
      expect(options.statusCode).toBe(200);
      expect(options.json().developmentPlans.map((d: { id: string }) => d.id)).toEqual([devPlanId]);
      expect(options.json().partnerships.map((p: { id: string }) => p.id)).toEqual([partnershipId]);
      const created = await app.inject({
        method: 'POST',
        url: '/api/school-plans',
        headers: leaderSession.headers,
        payload: body({ title: 'Plan over HTTP' }),
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const drafts = await app.inject({
        url: `/api/school-plans?schoolId=${world.schoolA1.id}`,
        headers: leaderSession.headers,
      });
      expect(drafts.json().items.map((p: { id: string }) => p.id)).toContain(id);
      const status = (s: string) =>
        app.inject({
          method: 'POST',
          url: `/api/school-plans/${id}/status`,
          headers: leaderSession.headers,
          payload: { status: s },
        });
      expect((await status('active')).statusCode).toBe(200);
      const progress = await app.inject({
        method: 'POST',
        url: `/api/school-plans/${id}/progress`,
        headers: leaderSession.headers,
        payload: { reviewedOn: day(0), note: 'First term done.', actions: [] },
      });
      expect(progress.statusCode).toBe(201);
      const read = await app.inject({ url: `/api/school-plans/${id}`, headers: districtSession.headers });
      expect(read.statusCode).toBe(200);
      expect(read.json().progressReviews[0].note).toBe('First term done.');
      const list = await app.inject({
        url: `/api/units/${world.districtA1.id}/school-plans`,
        headers: districtSession.headers,
      });
      expect(list.json().withCurrentPlan).toBe(1);
      for (const url of [
        `/api/school-plans/${id}`,
        `/api/units/${world.districtA1.id}/school-plans`,
        `/api/school-plans?schoolId=${world.schoolA1.id}`,
      ]) {
        const res = await app.inject({ url, headers: otherSession.headers });
        expect(res.statusCode, url).toBe(404);
      }
      const change = await app.inject({
        method: 'PATCH',
        url: `/api/school-plans/${id}`,
        headers: otherSession.headers,
        payload: { title: 'Taken over' },
      });
      expect(change.statusCode).toBe(404);
      const second = await app.inject({
        method: 'POST',
        url: '/api/school-plans',
        headers: leaderSession.headers,
        payload: body({ title: 'Another' }),
      });
      const clash = await app.inject({
        method: 'POST',
        url: `/api/school-plans/${second.json().id}/status`,
        headers: leaderSession.headers,
        payload: { status: 'active' },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json().error.code).toBe('school_plan_active_exists');
    });
  });
});
