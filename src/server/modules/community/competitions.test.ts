import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import type { Ctx } from '../../shared/context.ts';
import { normalise, weightedTotal } from './competitions.reviews.ts';
import * as resources from './resources.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const momentFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('normalisation across reviewers', () => {
  it('weights each criterion by its weight and maximum, on a 0-100 scale', () => {
    const rubric = [
      { key: 'impact', title: { en: 'Impact' }, weight: 3, maxScore: 5 },
      { key: 'plan', title: { en: 'Plan' }, weight: 1, maxScore: 10 },
    ];
    expect(
      weightedTotal(
        rubric,
        new Map([
          ['impact', 5],
          ['plan', 10],
        ]),
      ),
    ).toBe(100);
    expect(
      weightedTotal(
        rubric,
        new Map([
          ['impact', 0],
          ['plan', 10],
        ]),
      ),
    ).toBe(25);
    expect(weightedTotal(rubric, new Map([['impact', 5]]))).toBeNull();
  });

  it('puts a lenient and a severe reviewer who rank alike on the same scale', () => {
    const out = normalise([
      { reviewer: 'lenient', application: 'a', raw: 90 },
      { reviewer: 'lenient', application: 'b', raw: 80 },
      { reviewer: 'severe', application: 'a', raw: 50 },
      { reviewer: 'severe', application: 'b', raw: 40 },
    ]);
    const of = (r: string, a: string) => out.find((t) => t.reviewer === r && t.application === a)!.normalised;
    expect(of('lenient', 'a')).toBeCloseTo(of('severe', 'a'));
    expect(of('lenient', 'b')).toBeCloseTo(of('severe', 'b'));
    expect(of('lenient', 'a')).toBeGreaterThan(of('lenient', 'b'));
    // mean of all totals (65) +- one sd of all totals (21.2...)
    expect(of('lenient', 'a')).toBeCloseTo(65 + Math.sqrt(((25 ** 2 + 15 ** 2) * 2) / 4));
  });

  it('keeps a reviewer’s single total as it is, and sends equal totals to the call’s mean', () => {
    const out = normalise([
      { reviewer: 'once', application: 'a', raw: 70 },
      { reviewer: 'flat', application: 'a', raw: 60 },
      { reviewer: 'flat', application: 'b', raw: 60 },
    ]);
    expect(out[0]!.normalised).toBe(70);
    expect(out[1]!.normalised).toBeCloseTo(190 / 3);
  });
});

describeOnEachDatabase(
  'PBL grant competitions: calls, team applications, conflicted reviewers, ranking and awards',
  (getDb) => {
    let app: TestApp;
    let world: Awaited<ReturnType<typeof make.country>>;
    type User = Awaited<ReturnType<typeof make.user>>;
    let ministry: User;
    let districtOfficer: User;
    let teacherA1: User;
    let teacherA1b: User;
    let teacherA2: User;
    let teacherB1: User;
    let teacherA2b: User;
    let reviewerA1: User; // works in district A1: kept out of any application with a member there
    let reviewerB1: User;
    let reviewerNation: User;
    const sessions = new Map<User, Session>();
    const as = (user: User) => sessions.get(user)!.headers;
    let call: Json;
    let appA: Json; // team in district A1 and A2
    let appB: Json; // team in district A2 only

    const callBody = (over: Json = {}) => ({
      title: { en: 'PBL grants 2027', ru: 'Гранты PBL 2027' },
      theme: { en: 'Water in our community' },
      unitId: world.regionA.id,
      eligibleRoles: ['teacher'],
      currency: 'UZS',
      budgetTotal: 8_000_000,
      maxPerGrant: 6_000_000,
      opensAt: momentFromNow(-1),
      closesAt: momentFromNow(10),
      reviewBy: dayFromNow(20),
      decisionOn: dayFromNow(25),
      reportingDue: dayFromNow(200),
      rubric: [
        { key: 'impact', title: { en: 'Impact on learning' }, weight: 3, maxScore: 5 },
        { key: 'feasibility', title: { en: 'Feasibility' }, weight: 1, maxScore: 5 },
      ],
      reviewersPerApplication: 2,
      ...over,
    });
    const post = (user: User, url: string, payload: unknown) =>
      app.inject({ method: 'POST', url, headers: as(user), payload: payload as Json });
    const get = (user: User, url: string) => app.inject({ method: 'GET', url, headers: as(user) });

    beforeAll(async () => {
      world = await make.country(getDb());
      app = await testApp(getDb());
      ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
      districtOfficer = await make.user(world.ctx, 'district_officer', world.districtA1);
      teacherA1 = await make.user(world.ctx, 'teacher', world.schoolA1);
      teacherA1b = await make.user(world.ctx, 'teacher', world.schoolA1b);
      teacherA2 = await make.user(world.ctx, 'teacher', world.schoolA2);
      teacherA2b = await make.user(world.ctx, 'teacher', world.schoolA2);
      teacherB1 = await make.user(world.ctx, 'teacher', world.schoolB1);
      reviewerA1 = await make.user(world.ctx, 'trainer', world.districtA1);
      reviewerB1 = await make.user(world.ctx, 'trainer', world.districtB1);
      reviewerNation = await make.user(world.ctx, 'trainer', world.nation);
      for (const user of [
        ministry,
        districtOfficer,
        teacherA1,
        teacherA1b,
        teacherA2,
        teacherA2b,
        teacherB1,
        reviewerA1,
        reviewerB1,
        reviewerNation,
      ])
        sessions.set(user, await signIn(app, user.username, user.password));
    });
    afterAll(async () => {
      await app?.close();
    });

    it('lets a ministry officer open a call at a region, and nobody without the permission', async () => {
      const refused = await post(districtOfficer, '/api/competitions', callBody({ unitId: world.districtA1.id }));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.details).toEqual({ permission: 'community.competitions.manage' });
      const backwards = await post(ministry, '/api/competitions', callBody({ decisionOn: dayFromNow(15) }));
      expect(backwards.statusCode).toBe(422);
      expect(backwards.json().error).toMatchObject({
        code: 'competition_dates_invalid',
        details: { field: 'body.decisionOn' },
      });

      const created = await post(ministry, '/api/competitions', callBody());
      expect(created.statusCode).toBe(201);
      call = created.json();
      expect(call).toMatchObject({
        title: { text: 'PBL grants 2027' },
        open: true,
        canManage: true,
        remainingBudget: 8_000_000,
      });

      // Teachers of region A see it; a teacher of region B does not (404 by id).
      expect((await get(teacherA1, '/api/competitions')).json().items.map((c: Json) => c.id)).toContain(call.id);
      expect((await get(teacherB1, '/api/competitions')).json().items.map((c: Json) => c.id)).not.toContain(call.id);
      expect((await get(teacherB1, `/api/competitions/${call.id}`)).statusCode).toBe(404);
    });

    it('takes applications from teams of eligible teachers across schools, with precise refusals', async () => {
      const body = (over: Json = {}) => ({
        title: 'Rainwater for the school garden',
        summary: 'Pupils design and build a rainwater tank.',
        plan: 'Term 1: survey. Term 2: build. Term 3: measure.',
        budgetRequested: 5_000_000,
        memberPersonIds: [teacherA2.person.id],
        ...over,
      });
      const url = `/api/competitions/${call.id}/applications`;
      // Colleagues are found by family name among the call's eligible people (teachers under region A).
      const found = (
        await get(teacherA1, `/api/competitions/${call.id}/candidates?q=${teacherA2.person.familyName.slice(0, 3)}`)
      ).json();
      expect(found.items.map((p: Json) => p.personId)).toContain(teacherA2.person.id);
      expect(found.items.map((p: Json) => p.personId)).not.toContain(teacherB1.person.id);
      expect(found.items.map((p: Json) => p.personId)).not.toContain(districtOfficer.person.id);
      const cases: [Json, number, string][] = [
        [{ memberPersonIds: [districtOfficer.person.id] }, 422, 'applicant_role_ineligible'],
        [{ memberPersonIds: [teacherB1.person.id] }, 422, 'applicant_unit_ineligible'],
        [{ budgetRequested: 6_000_001 }, 422, 'budget_above_max'],
        [{ resourceIds: ['no-such-resource'] }, 422, 'unknown_resource'],
      ];
      for (const [over, status, code] of cases) {
        const res = await post(teacherA1, url, body(over));
        expect(res.statusCode, code).toBe(status);
        expect(res.json().error.code).toBe(code);
      }
      const created = await post(teacherA1, url, body());
      expect(created.statusCode).toBe(201);
      appA = created.json();
      expect(appA.team.map((m: Json) => [m.personId, m.lead])).toEqual([
        [teacherA1.person.id, true],
        [teacherA2.person.id, false],
      ]);
      const taken = await post(teacherA1b, url, body({ memberPersonIds: [teacherA2.person.id] }));
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('applicant_on_other_team');

      // A file goes through the evidence rules: typed by its bytes.
      const upload = await app.inject({
        method: 'PUT',
        url: `/api/competitions/applications/${appA.id}/files?fileName=budget.pdf`,
        headers: { ...as(teacherA1), 'content-type': 'application/octet-stream' },
        payload: Buffer.from('%PDF-1.4\n% budget\n'),
      });
      expect(upload.statusCode).toBe(200);
      expect(upload.json().files).toMatchObject([{ fileName: 'budget.pdf', contentType: 'application/pdf' }]);
      const exe = await app.inject({
        method: 'PUT',
        url: `/api/competitions/applications/${appA.id}/files?fileName=x.exe`,
        headers: { ...as(teacherA1), 'content-type': 'application/octet-stream' },
        payload: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0xff, 0xfe]),
      });
      expect(exe.json().error.code).toBe('file_type_not_allowed');

      // A team member sees the draft; the manager does not until it is submitted; a member cannot submit.
      expect((await get(teacherA2, `/api/competitions/applications/${appA.id}`)).statusCode).toBe(200);
      expect((await get(ministry, `/api/competitions/applications/${appA.id}`)).statusCode).toBe(404);
      expect((await post(teacherA2, `/api/competitions/applications/${appA.id}/submit`, undefined)).statusCode).toBe(
        403,
      );
      const submitted = await post(teacherA1, `/api/competitions/applications/${appA.id}/submit`, undefined);
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json().status).toBe('submitted');
      const again = await app.inject({
        method: 'PUT',
        url: `/api/competitions/applications/${appA.id}`,
        headers: as(teacherA1),
        payload: body(),
      });
      expect(again.json().error.code).toBe('application_not_draft');

      appB = (
        await post(teacherA2b, url, body({ title: 'Solar oven', budgetRequested: 4_000_000, memberPersonIds: [] }))
      ).json();
      await post(teacherA2b, `/api/competitions/applications/${appB.id}/submit`, undefined);
    });

    it('refuses applications outside the call’s window', async () => {
      const later = (await post(ministry, '/api/competitions', callBody({ opensAt: momentFromNow(2) }))).json();
      const res = await post(teacherA1, `/api/competitions/${later.id}/applications`, {
        title: 'Too early',
        summary: 's',
        plan: 'p',
        budgetRequested: 1,
      });
      expect(res.json().error.code).toBe('competition_not_open');
      expect(res.statusCode).toBe(409);
    });

    it('assigns reviewers without conflicts: a reviewer of an applicant’s district is kept out', async () => {
      const pool = await app.inject({
        method: 'PUT',
        url: `/api/competitions/${call.id}/reviewers`,
        headers: as(ministry),
        payload: { personIds: [reviewerA1.person.id, reviewerB1.person.id, reviewerNation.person.id] },
      });
      expect(pool.statusCode).toBe(200);

      const manual = await post(ministry, `/api/competitions/applications/${appA.id}/reviewers`, {
        reviewerPersonId: reviewerA1.person.id,
      });
      expect(manual.statusCode).toBe(409);
      expect(manual.json().error).toMatchObject({ code: 'reviewer_conflicted', details: { reason: 'same_district' } });

      const auto = await post(ministry, `/api/competitions/${call.id}/assignments`, {});
      expect(auto.statusCode).toBe(200);
      // appA: only B1 and the nation's reviewer are free of conflicts; appB (district A2): all three.
      expect(auto.json()).toMatchObject({ assigned: 4, short: [] });
      const detail = (await get(ministry, `/api/competitions/${call.id}`)).json();
      const reviewersOf = (id: string) =>
        detail.applications
          .find((a: Json) => a.id === id)
          .reviewers.map((r: Json) => r.personId)
          .sort();
      expect(reviewersOf(appA.id)).toEqual([reviewerB1.person.id, reviewerNation.person.id].sort());
      expect(reviewersOf(appA.id)).not.toContain(reviewerA1.person.id);
      expect(reviewersOf(appB.id)).toContain(reviewerA1.person.id);
      // Load is balanced: nobody has more than two.
      expect(Math.max(...detail.reviewers.map((r: Json) => r.assigned))).toBeLessThanOrEqual(2);
    });

    it('never lets a reviewer see or score an application they are conflicted on or not assigned', async () => {
      expect((await get(reviewerA1, `/api/competition-reviews/${appA.id}`)).statusCode).toBe(404);
      expect((await get(reviewerA1, `/api/competitions/applications/${appA.id}`)).statusCode).toBe(404);
      const scored = await app.inject({
        method: 'PUT',
        url: `/api/competition-reviews/${appA.id}/scores`,
        headers: as(reviewerA1),
        payload: {
          scores: [
            { criterion: 'impact', score: 5, comment: 'x' },
            { criterion: 'feasibility', score: 5, comment: 'x' },
          ],
        },
      });
      expect(scored.statusCode).toBe(404);
      const file = appA.files?.[0];
      if (file)
        expect((await get(reviewerA1, `/api/competitions/applications/${appA.id}/files/${file.id}`)).statusCode).toBe(
          404,
        );
      // A teacher outside the pool learns nothing either.
      expect((await get(teacherB1, `/api/competition-reviews/${appA.id}`)).statusCode).toBe(404);

      // The queue is blind: no team, no schools.
      const queue = (await get(reviewerB1, '/api/competition-reviews')).json();
      const item = queue.items.find((a: Json) => a.id === appA.id);
      expect(item).toMatchObject({ title: 'Rainwater for the school garden', currency: 'UZS' });
      expect(item.team).toBeUndefined();
      expect(JSON.stringify(item)).not.toContain(teacherA1.person.id);
      expect(JSON.stringify(item)).not.toContain('School A1-1');
      // The assigned reviewer may download the attachment.
      const files = (await get(teacherA1, `/api/competitions/applications/${appA.id}`)).json().files;
      expect((await get(reviewerB1, `/api/competitions/applications/${appA.id}/files/${files[0].id}`)).statusCode).toBe(
        200,
      );
    });

    it('lets a reviewer declare a conflict, which takes the application out of their queue for good', async () => {
      const declared = await post(reviewerNation, `/api/competition-reviews/${appB.id}/conflict`, {
        reason: 'I mentored this teacher.',
      });
      expect(declared.statusCode).toBe(200);
      expect(declared.json().items.map((a: Json) => a.id)).not.toContain(appB.id);
      expect((await get(reviewerNation, `/api/competition-reviews/${appB.id}`)).statusCode).toBe(404);
      const manual = await post(ministry, `/api/competitions/applications/${appB.id}/reviewers`, {
        reviewerPersonId: reviewerNation.person.id,
      });
      expect(manual.json().error).toMatchObject({ code: 'reviewer_conflicted', details: { reason: 'declared' } });
    });

    it('keeps scores append-only, checks them against the rubric and ranks raw and normalised', async () => {
      const score = (user: User, id: string, impact: number, feasibility: number, comment = 'ok') =>
        app.inject({
          method: 'PUT',
          url: `/api/competition-reviews/${id}/scores`,
          headers: as(user),
          payload: {
            scores: [
              { criterion: 'impact', score: impact, comment },
              { criterion: 'feasibility', score: feasibility, comment },
            ],
          },
        });
      const bad = await score(reviewerB1, appA.id, 6, 1);
      expect(bad.json().error).toMatchObject({ code: 'score_out_of_range', details: { field: 'body.scores.0.score' } });
      const partial = await app.inject({
        method: 'PUT',
        url: `/api/competition-reviews/${appA.id}/scores`,
        headers: as(reviewerB1),
        payload: { scores: [{ criterion: 'impact', score: 3, comment: '' }] },
      });
      expect(partial.json().error).toMatchObject({ code: 'scores_incomplete', details: { missing: ['feasibility'] } });

      expect((await score(reviewerB1, appA.id, 3, 3)).statusCode).toBe(200);
      const changed = (await score(reviewerB1, appA.id, 5, 4, 'strong')).json();
      expect(changed.myScores).toEqual(expect.arrayContaining([{ criterion: 'impact', score: 5, comment: 'strong' }]));
      const rows = await getDb()
        .db.selectFrom('competition_score')
        .select(['score'])
        .where('application_id', '=', appA.id)
        .where('reviewer_person_id', '=', reviewerB1.person.id)
        .where('criterion_key', '=', 'impact')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.score)).toEqual([3, 5]);

      await score(reviewerNation, appA.id, 4, 4);
      await score(reviewerB1, appB.id, 2, 2);
      await score(reviewerA1, appB.id, 3, 5);

      expect((await get(teacherA1, `/api/competitions/${call.id}/ranking`)).statusCode).toBe(403);
      const ranking = (await get(ministry, `/api/competitions/${call.id}/ranking`)).json();
      expect(ranking.items.map((r: Json) => r.applicationId)).toEqual([appA.id, appB.id]);
      const first = ranking.items[0];
      expect(first).toMatchObject({ rank: 1, reviews: 2 });
      // B1's total for appA: (3×5/5 + 1×4/5) / 4 × 100 = 95; the nation's (a single total): 80.
      expect(first.byReviewer.map((r: Json) => r.raw).sort()).toEqual([80, 95]);
      expect(first.raw).toBe(87.5);
      expect(typeof first.normalised).toBe('number');
    });

    it('awards within the request and the budget, once, and tells the team', async () => {
      const over = await post(ministry, `/api/competitions/applications/${appA.id}/decision`, {
        decision: 'award',
        amount: 5_000_001,
      });
      expect(over.json().error.code).toBe('award_above_request');
      expect(
        (await post(teacherA1, `/api/competitions/applications/${appA.id}/decision`, { decision: 'decline' }))
          .statusCode,
      ).toBe(403);
      const awarded = await post(ministry, `/api/competitions/applications/${appA.id}/decision`, {
        decision: 'award',
        amount: 5_000_000,
      });
      expect(awarded.statusCode).toBe(200);
      expect(awarded.json()).toMatchObject({ status: 'awarded', awardedAmount: 5_000_000 });
      const twice = await post(ministry, `/api/competitions/applications/${appA.id}/decision`, { decision: 'decline' });
      expect(twice.json().error.code).toBe('application_decided');
      const budget = await post(ministry, `/api/competitions/applications/${appB.id}/decision`, {
        decision: 'award',
        amount: 4_000_000,
      });
      expect(budget.statusCode).toBe(409);
      expect(budget.json().error).toMatchObject({ code: 'award_above_budget', details: { remaining: 3_000_000 } });

      for (const user of [teacherA1, teacherA2]) {
        const inbox = (await get(user, '/api/me/notifications')).json();
        expect(inbox.items[0]).toMatchObject({ kind: 'competition_awarded', link: `/competitions/${call.id}` });
        expect(inbox.items[0].body).toContain('5,000,000 UZS');
      }
      // A decided application leaves the review queues.
      expect((await get(reviewerB1, '/api/competition-reviews')).json().items.map((a: Json) => a.id)).not.toContain(
        appA.id,
      );
      const audit = await getDb()
        .db.selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', appA.id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(
        expect.arrayContaining([
          'competition_application.create',
          'competition_application.submit',
          'competition_application.decide',
        ]),
      );
    });

    it('follows the grant through milestones and reports to a case study in the library', async () => {
      const tooLate = await post(teacherA1, `/api/competitions/applications/${appA.id}/milestones`, {
        title: 'Tank built',
        dueOn: dayFromNow(300),
      });
      expect(tooLate.json().error.code).toBe('milestone_after_reporting');
      const withMilestone = await post(teacherA1, `/api/competitions/applications/${appA.id}/milestones`, {
        title: 'Tank built',
        dueOn: dayFromNow(90),
      });
      expect(withMilestone.statusCode).toBe(201);
      const milestoneId = withMilestone.json().milestones[0].id;
      const progress = await post(teacherA2, `/api/competitions/applications/${appA.id}/reports`, {
        kind: 'progress',
        text: 'The tank is built.',
        milestoneId,
      });
      expect(progress.statusCode).toBe(201);
      const reportId = progress.json().reports[0].id;
      const evidence = await app.inject({
        method: 'PUT',
        url: `/api/competitions/applications/${appA.id}/files?fileName=photo.txt&reportId=${reportId}`,
        headers: { ...as(teacherA2), 'content-type': 'application/octet-stream' },
        payload: Buffer.from('Photo notes: 300 litres collected.'),
      });
      expect(evidence.statusCode).toBe(200);
      expect(evidence.json().files.find((f: Json) => f.reportId === reportId)).toBeTruthy();

      const final = await post(teacherA1, `/api/competitions/applications/${appA.id}/reports`, {
        kind: 'final',
        text: 'Pupils measured 300 litres a month and taught the village.',
      });
      expect(final.statusCode).toBe(201);
      const done = final.json();
      expect(done.status).toBe('completed');
      expect(done.showcaseResourceId).toBeTruthy();
      const showcase = await resources.getResource(teacherA1.ctx as Ctx, done.showcaseResourceId);
      expect(showcase).toMatchObject({
        kind: 'case_study',
        status: 'submitted',
        title: { text: 'Rainwater for the school garden' },
      });
      const again = await post(teacherA1, `/api/competitions/applications/${appA.id}/reports`, {
        kind: 'final',
        text: 'x',
      });
      expect(again.json().error.code).toBe('application_not_awarded');
    });
  },
);
