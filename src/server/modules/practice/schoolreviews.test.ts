import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { AppError } from '../../shared/errors.ts';
import { MINIMUM_GROUP } from '../../shared/suppression.ts';
import { STATEMENT_CODES } from './schoolreviews.constants.ts';
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

/** Every statement answered with `score` (or a score drawn from it per statement). */
const sheet = (score: number | ((i: number) => number)) => ({
  answers: STATEMENT_CODES.map((statement, i) => ({ statement, score: typeof score === 'number' ? score : score(i) })),
});

/**
 * A school leader opens the self-review; the school's teachers and leaders answer once each,
 * anonymously; results appear when the review closes, only for five or more respondents, split by
 * group only when each group has five.
 */
describeOnEachDatabase('school self-review', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let otherDistrict: Awaited<ReturnType<typeof make.user>>;
  let teachers: Awaited<ReturnType<typeof make.user>>[];
  let outsider: Awaited<ReturnType<typeof make.user>>;
  let reviewId: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    otherDistrict = await make.user(world.ctx, 'district_officer', world.districtA2);
    teachers = [];
    for (let i = 0; i < 6; i++) teachers.push(await make.user(world.ctx, 'teacher', world.schoolA1));
    outsider = await make.user(world.ctx, 'teacher', world.schoolA1b);
  });

  it('is opened by the school leader with an answering window', async () => {
    const review = await reviews.openReview(leader.ctx, {
      schoolId: world.schoolA1.id,
      opensOn: day(0),
      closesOn: day(14),
    });
    reviewId = review.id;
    expect(review.status).toBe('open');
    expect(review.areas.map((a) => a.code)).toContain('students_digital_competence');
    expect(review.can).toEqual({ answer: true, manage: true });
    const overlap = await refusal(
      reviews.openReview(leader.ctx, { schoolId: world.schoolA1.id, opensOn: day(5), closesOn: day(20) }),
    );
    expect(overlap.code).toBe('review_open_exists');
    const long = await refusal(
      reviews.openReview(leader.ctx, { schoolId: world.schoolA1.id, opensOn: day(30), closesOn: day(200) }),
    );
    expect(long).toMatchObject({ code: 'review_dates_invalid', details: { field: 'body.closesOn' } });
    const past = await refusal(
      reviews.openReview(leader.ctx, { schoolId: world.schoolA1.id, opensOn: day(-3), closesOn: day(3) }),
    );
    expect(past.code).toBe('review_dates_invalid');
  });

  it('cannot be opened for another district school or by a teacher', async () => {
    expect(
      (
        await refusal(
          reviews.openReview(otherDistrict.ctx, { schoolId: world.schoolA1.id, opensOn: day(0), closesOn: day(5) }),
        )
      ).code,
    ).toBe('org_unit_not_found');
    expect(
      (
        await refusal(
          reviews.openReview(teachers[0]!.ctx, { schoolId: world.schoolA1.id, opensOn: day(0), closesOn: day(5) }),
        )
      ).code,
    ).toBe('forbidden');
  });

  it('shows up for the teachers of the school, not for others', async () => {
    const mine = await reviews.myReviews(teachers[0]!.ctx);
    expect(mine.map((r) => r.id)).toEqual([reviewId]);
    expect(mine[0]!.can.answer).toBe(true);
    expect(await reviews.myReviews(outsider.ctx)).toEqual([]);
    expect((await refusal(reviews.getReview(outsider.ctx, reviewId))).code).toBe('review_not_found');
  });

  it('takes one answer per person, and refuses a second or a partial one', async () => {
    await reviews.answerReview(teachers[0]!.ctx, reviewId, sheet(2));
    const again = await refusal(reviews.answerReview(teachers[0]!.ctx, reviewId, sheet(3)));
    expect(again.code).toBe('review_already_answered');
    const partial = await refusal(
      reviews.answerReview(teachers[1]!.ctx, reviewId, { answers: [{ statement: STATEMENT_CODES[0]!, score: 3 }] }),
    );
    expect(partial.code).toBe('review_answers_incomplete');
    const officer = await refusal(reviews.answerReview(district.ctx, reviewId, sheet(3)));
    expect(officer.code).toBe('not_a_respondent');
    expect((await refusal(reviews.answerReview(outsider.ctx, reviewId, sheet(3)))).code).toBe('review_not_found');
  });

  it('keeps who answered apart from the answers, which name nobody and carry no time', async () => {
    const db = getDb().db;
    const answers = await db.selectFrom('school_review_answer').selectAll().where('review_id', '=', reviewId).execute();
    expect(answers).toHaveLength(STATEMENT_CODES.length);
    for (const row of answers) {
      expect(Object.keys(row).sort()).toEqual(
        ['id', 'respondent_group', 'review_id', 'score', 'statement_code', 'tenant_id'].sort(),
      );
      const values = Object.values(row).map(String);
      expect(values).not.toContain(teachers[0]!.person.id);
      expect(values).not.toContain(teachers[0]!.account.id);
      // Random (v4) ids: a time-ordered id would date the answer.
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    }
    const respondents = await db
      .selectFrom('school_review_respondent')
      .selectAll()
      .where('review_id', '=', reviewId)
      .execute();
    expect(respondents).toEqual([
      {
        tenant_id: world.ctx.tenantId,
        review_id: reviewId,
        person_id: teachers[0]!.person.id,
        respondent_group: 'teacher',
      },
    ]);
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'school_review.answer').execute();
    expect(JSON.stringify(audit)).not.toMatch(/"score"|lv_shared_vision/);
  });

  it('shows no figures while open or under five respondents, then means and distributions', async () => {
    const early = await reviews.reviewResults(leader.ctx, reviewId);
    expect(early).toMatchObject({ pending: true, suppressed: true, respondents: 1, areas: [] });
    for (const [i, t] of teachers.slice(1, 4).entries()) await reviews.answerReview(t.ctx, reviewId, sheet(i + 2));
    await reviews.answerReview(
      leader.ctx,
      reviewId,
      sheet((i) => (i % 4) + 1),
    );
    expect((await reviews.getReview(leader.ctx, reviewId)).respondents).toBe(MINIMUM_GROUP);
    const stillOpen = await reviews.reviewResults(district.ctx, reviewId);
    expect(stillOpen).toMatchObject({ pending: true, areas: [] });
    const closed = await reviews.closeReview(leader.ctx, reviewId);
    expect(closed.status).toBe('closed');
    const late = await refusal(reviews.answerReview(teachers[5]!.ctx, reviewId, sheet(4)));
    expect(late.code).toBe('review_closed');
    const results = await reviews.reviewResults(district.ctx, reviewId);
    expect(results).toMatchObject({ pending: false, suppressed: false, respondents: 5, groups: [] });
    const first = results.areas[0]!.statements[0]!;
    // teachers answered 2, 2, 3, 4 and the leader 1 on the first statement
    expect(first.all.distribution).toEqual([1, 2, 1, 1]);
    expect(first.all.mean).toBe(2.4);
    expect(results.areas[0]!.byGroup).toEqual({});
    expect((await refusal(reviews.reviewResults(teachers[0]!.ctx, reviewId))).code).toBe('forbidden');
    expect((await refusal(reviews.reviewResults(otherDistrict.ctx, reviewId))).code).toBe('review_not_found');
  });

  it('suppresses a review four people answered', async () => {
    const review = await reviews.openReview(leader.ctx, {
      schoolId: world.schoolA1.id,
      opensOn: day(0),
      closesOn: day(3),
    });
    for (const t of teachers.slice(0, 4)) await reviews.answerReview(t.ctx, review.id, sheet(3));
    await reviews.closeReview(leader.ctx, review.id);
    const results = await reviews.reviewResults(leader.ctx, review.id);
    expect(results).toMatchObject({ suppressed: true, respondents: 4, areas: [] });
    expect((await refusal(reviews.closeReview(leader.ctx, review.id))).code).toBe('review_closed');
  });

  describe('over HTTP', () => {
    let app: TestApp;
    let teacherSession: Session;
    let outsiderSession: Session;
    beforeAll(async () => {
      app = await testApp(getDb());
      teacherSession = await signIn(app, teachers[5]!.username, teachers[5]!.password);
      outsiderSession = await signIn(app, outsider.username, outsider.password);
    });

    it('answers, refuses a second answer and hides the review from strangers', async () => {
      const leaderSession = await signIn(app, leader.username, leader.password);
      const opened = await app.inject({
        method: 'POST',
        url: '/api/school-reviews',
        headers: leaderSession.headers,
        payload: { schoolId: world.schoolA1.id, opensOn: day(0), closesOn: day(7) },
      });
      expect(opened.statusCode).toBe(201);
      const id = opened.json().id;
      const url = `/api/school-reviews/${id}/answers`;
      const first = await app.inject({ method: 'POST', url, headers: teacherSession.headers, payload: sheet(3) });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toMatchObject({ answered: true, respondents: 1, can: { answer: false } });
      const second = await app.inject({ method: 'POST', url, headers: teacherSession.headers, payload: sheet(3) });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.code).toBe('review_already_answered');
      const bad = await app.inject({
        method: 'POST',
        url,
        headers: teacherSession.headers,
        payload: { answers: [{ statement: 'lv_shared_vision', score: 5 }] },
      });
      expect(bad.statusCode).toBe(400);
      const stranger = await app.inject({ url: `/api/school-reviews/${id}`, headers: outsiderSession.headers });
      expect(stranger.statusCode).toBe(404);
      const mine = await app.inject({ url: '/api/school-reviews', headers: teacherSession.headers });
      expect(mine.json().items.find((r: { id: string }) => r.id === id).answered).toBe(true);
      const list = await app.inject({
        url: `/api/units/${world.schoolA1.id}/school-reviews`,
        headers: leaderSession.headers,
      });
      expect(list.json().items).toHaveLength(3);
      const closed = await app.inject({
        method: 'POST',
        url: `/api/school-reviews/${id}/close`,
        headers: leaderSession.headers,
      });
      expect(closed.statusCode).toBe(200);
      const late = await app.inject({ method: 'POST', url, headers: outsiderSession.headers, payload: sheet(3) });
      expect(late.statusCode).toBe(404);
      const lateOwn = await app.inject({
        method: 'POST',
        url,
        headers: (await signIn(app, teachers[4]!.username, teachers[4]!.password)).headers,
        payload: sheet(3),
      });
      expect(lateOwn.statusCode).toBe(409);
      expect(lateOwn.json().error.code).toBe('review_closed');
    });
  });
});
