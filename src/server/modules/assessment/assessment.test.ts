import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describeOnEachDatabase('self-assessment, evidence and assessor ratings', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let teacherSession: Session;
  let assessorSession: Session;
  let outsideAssessor: Session;
  let leaderSession: Session;
  let competencies: Json[];

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    competencies = standard.items.filter((i) => i.type === 'competency');
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    teacherSession = await signIn(app, teacher.username, teacher.password);
    const assessor = await make.user(world.ctx, 'assessor', world.regionA);
    assessorSession = await signIn(app, assessor.username, assessor.password);
    const other = await make.user(world.ctx, 'assessor', world.regionB);
    outsideAssessor = await signIn(app, other.username, other.password);
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    leaderSession = await signIn(app, leader.username, leader.password);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const upload = (session: Session, personId: string, fileName: string, body: Buffer, itemIds: string[] = []) =>
    app.inject({
      method: 'POST',
      url: `/api/people/${personId}/evidence?title=${encodeURIComponent(fileName)}&fileName=${encodeURIComponent(fileName)}&itemIds=${itemIds.join(',')}&frameworkId=${standard.id}`,
      headers: { ...session.headers, 'content-type': 'application/octet-stream' },
      payload: body,
    });

  it('lets a teacher answer in any order, stop, resume, submit once, and see feedback against the target', async () => {
    const instrument = (
      await call(teacherSession, 'GET', `/api/self-assessment/instrument?frameworkId=${standard.id}`)
    ).json();
    expect(instrument.aspects).toHaveLength(6);
    const questions = instrument.aspects.flatMap((a: Json) => a.questions);
    expect(questions).toHaveLength(18);
    expect(questions[0].options.map((o: Json) => o.value)).toEqual(['KA', 'KD', 'KC', 'not_yet']);
    expect(questions[0].options[0].descriptor.text.length).toBeGreaterThan(10);

    const started = await call(teacherSession, 'POST', '/api/self-assessments', { frameworkId: standard.id });
    expect(started.statusCode).toBe(200);
    const id = started.json().id;
    // Answer the last question first, then two more; stop.
    const last = questions.at(-1).itemId;
    await call(teacherSession, 'PATCH', `/api/self-assessments/${id}`, { answers: { [last]: 'KC' } });
    const saved = await call(teacherSession, 'PATCH', `/api/self-assessments/${id}`, {
      answers: { [questions[0].itemId]: 'KA', [questions[1].itemId]: 'not_yet' },
    });
    expect(saved.json()).toMatchObject({ answered: 3, questions: 18, status: 'in_progress' });

    // Resuming (a new browser) finds the same self-assessment with its answers.
    const resumed = await call(teacherSession, 'POST', '/api/self-assessments', { frameworkId: standard.id });
    expect(resumed.json().id).toBe(id);
    expect(resumed.json().answers[last]).toBe('KC');

    const early = await call(teacherSession, 'POST', `/api/self-assessments/${id}/submit`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe('self_assessment_incomplete');
    expect(early.json().error.details.missing).toHaveLength(15);

    const badLevel = await call(teacherSession, 'PATCH', `/api/self-assessments/${id}`, {
      answers: { [questions[2].itemId]: 'Z9' },
    });
    expect(badLevel.statusCode).toBe(422);
    expect(badLevel.json().error).toMatchObject({ code: 'unknown_level', details: { field: expect.any(String) } });
    const badItem = await call(teacherSession, 'PATCH', `/api/self-assessments/${id}`, { answers: { nope: 'KA' } });
    expect(badItem.json().error.code).toBe('unknown_competency');

    const rest = Object.fromEntries(
      questions.slice(2, -1).map((q: Json, i: number) => [q.itemId, i % 2 ? 'KD' : 'KA']),
    );
    await call(teacherSession, 'PATCH', `/api/self-assessments/${id}`, { answers: rest });
    const submitted = await call(teacherSession, 'POST', `/api/self-assessments/${id}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const twice = await call(teacherSession, 'POST', `/api/self-assessments/${id}/submit`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_submitted');
    const afterwards = await call(teacherSession, 'PATCH', `/api/self-assessments/${id}`, {
      answers: { [last]: 'KA' },
    });
    expect(afterwards.json().error.code).toBe('already_submitted');

    const events = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/assessment-events`)).json();
    expect(events.items).toHaveLength(18);
    expect(events.items.every((e: Json) => e.kind === 'self')).toBe(true);

    // The ministry expects Knowledge Deepening everywhere; the feedback shows gaps against it.
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    const ministrySession = await signIn(app, ministry.username, ministry.password);
    const target = await call(ministrySession, 'PUT', `/api/units/${world.nation.id}/level-targets/${standard.id}`, {
      levelCode: 'KD',
    });
    expect(target.json()).toMatchObject({ levelCode: 'KD', setAtUnitId: world.nation.id });
    const feedback = (
      await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/feedback?frameworkId=${standard.id}`)
    ).json();
    expect(feedback.target.levelCode).toBe('KD');
    expect(feedback.aspects).toHaveLength(6);
    const answers = { ...rest, [last]: 'KC', [questions[0].itemId]: 'KA', [questions[1].itemId]: 'not_yet' };
    const below = Object.entries(answers)
      .filter(([, l]) => l === 'KA' || l === 'not_yet')
      .map(([k]) => k);
    expect(feedback.gaps.map((g: Json) => g.itemId).sort()).toEqual(below.sort());
    const notYet = feedback.gaps.find((g: Json) => g.itemId === questions[1].itemId);
    expect(notYet).toMatchObject({ currentLevelCode: 'not_yet', nextLevelCode: 'KA' });
    expect(feedback.strengths.map((s: Json) => s.itemId)).toContain(last);

    // A school sets its own, higher target; the nearest setting wins.
    await call(leaderSession, 'PUT', `/api/units/${world.schoolA1.id}/level-targets/${standard.id}`, {
      levelCode: 'KC',
    });
    const stricter = (
      await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/feedback?frameworkId=${standard.id}`)
    ).json();
    expect(stricter.target.levelCode).toBe('KC');
    expect(stricter.gaps).toHaveLength(17);
    const teacherSets = await call(
      teacherSession,
      'PUT',
      `/api/units/${world.schoolA1.id}/level-targets/${standard.id}`,
      {
        levelCode: 'KA',
      },
    );
    expect(teacherSets.statusCode).toBe(403);
  });

  it('takes evidence files safely and refuses what could run or is too large', async () => {
    const item = competencies[0]!.id;
    const ok = await upload(teacherSession, teacher.person.id, 'lesson plan.pdf', PDF, [item]);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ contentType: 'application/pdf', itemIds: [item], sizeBytes: PDF.length });
    const file = await call(teacherSession, 'GET', `/api/evidence/${ok.json().id}/content`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const html = await upload(
      teacherSession,
      teacher.person.id,
      'page.pdf',
      Buffer.from('<html><script>alert(1)</script>'),
    );
    expect(html.statusCode).toBe(415);
    expect(html.json().error.code).toBe('file_type_not_allowed');
    const big = await upload(
      teacherSession,
      teacher.person.id,
      'big.pdf',
      Buffer.concat([PDF, Buffer.alloc(21 * 1024 * 1024)]),
    );
    expect(big.statusCode).toBe(413);
    const empty = await upload(teacherSession, teacher.person.id, 'empty.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const list = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/evidence`)).json();
    expect(list.items).toHaveLength(1);

    // Someone outside the teacher's scope cannot fetch it, nor learn that it exists.
    const outside = await call(outsideAssessor, 'GET', `/api/evidence/${ok.json().id}/content`);
    expect(outside.statusCode).toBe(404);

    const link = await call(teacherSession, 'POST', `/api/people/${teacher.person.id}/evidence-links`, {
      title: 'Recorded lesson',
      url: 'https://video.example.org/lesson-12',
      itemIds: [item],
    });
    expect(link.statusCode).toBe(201);
    const script = await call(teacherSession, 'POST', `/api/people/${teacher.person.id}/evidence-links`, {
      title: 'Bad',
      url: 'javascript:alert(1)',
    });
    expect(script.statusCode).toBe(400);
  });

  it('refuses the same file twice in one portfolio, naming the evidence already there', async () => {
    const bytes = Buffer.concat([PDF, Buffer.from('% unit test of fractions\n')]);
    const first = await upload(teacherSession, teacher.person.id, 'fractions test.pdf', bytes);
    expect(first.statusCode).toBe(201);
    const again = await upload(teacherSession, teacher.person.id, 'copy of the test.pdf', bytes);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'evidence_duplicate',
      details: {
        evidenceId: first.json().id,
        title: 'fractions test.pdf',
        fileName: 'fractions test.pdf',
        createdAt: first.json().createdAt,
      },
    });
    // Nothing was added by the refused upload.
    const list = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/evidence`)).json();
    expect(list.items.filter((e: Json) => e.fileName === 'copy of the test.pdf')).toEqual([]);
    // One changed byte is another file; the same file in another teacher's portfolio is theirs.
    const changed = Buffer.from(bytes);
    changed[changed.length - 2] = 0x21;
    expect((await upload(teacherSession, teacher.person.id, 'fractions v2.pdf', changed)).statusCode).toBe(201);
    const colleague = await make.user(world.ctx, 'teacher', world.schoolA1);
    const colleagueSession = await signIn(app, colleague.username, colleague.password);
    expect((await upload(colleagueSession, colleague.person.id, 'fractions test.pdf', bytes)).statusCode).toBe(201);
  });

  it('runs a review from request to confirmation, and the teacher sees the result and comments', async () => {
    const item = competencies[3]!;
    const evidence = (
      await upload(
        teacherSession,
        teacher.person.id,
        'student work.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]),
        [item.id],
      )
    ).json();
    const requested = await call(teacherSession, 'POST', '/api/review-requests', {
      frameworkId: standard.id,
      itemId: item.id,
      claimedLevelCode: 'KD',
      evidenceIds: [evidence.id],
      note: 'Two projects this term.',
    });
    expect(requested.statusCode).toBe(201);
    const review = requested.json();
    expect(review.status).toBe('submitted');

    const queue = (await call(assessorSession, 'GET', '/api/review-requests?status=submitted')).json();
    expect(queue.items.map((r: Json) => r.id)).toContain(review.id);
    const otherQueue = (await call(outsideAssessor, 'GET', '/api/review-requests')).json();
    expect(otherQueue.items.map((r: Json) => r.id)).not.toContain(review.id);
    const notTheirs = await call(outsideAssessor, 'POST', `/api/review-requests/${review.id}/start`);
    expect(notTheirs.statusCode).toBe(404);

    expect((await call(assessorSession, 'POST', `/api/review-requests/${review.id}/start`)).json().status).toBe(
      'under_review',
    );
    const asked = await call(assessorSession, 'POST', `/api/review-requests/${review.id}/ask-evidence`, {
      comment: 'Add a lesson plan that shows the project.',
    });
    expect(asked.json()).toMatchObject({
      status: 'more_evidence_requested',
      assessorComment: 'Add a lesson plan that shows the project.',
    });
    const early = await call(assessorSession, 'POST', `/api/review-requests/${review.id}/decide`, { levelCode: 'KD' });
    expect(early.statusCode).toBe(409);

    const planBytes = Buffer.concat([PDF, Buffer.from('% the project plan\n')]);
    const plan = (await upload(teacherSession, teacher.person.id, 'plan.pdf', planBytes, [item.id])).json();
    const resubmitted = await call(teacherSession, 'POST', `/api/review-requests/${review.id}/evidence`, {
      evidenceIds: [plan.id],
    });
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', evidenceIds: [evidence.id, plan.id] });

    // The portfolio shows the rubric per level and the evidence for the competency.
    const portfolio = (
      await call(assessorSession, 'GET', `/api/people/${teacher.person.id}/portfolio?frameworkId=${standard.id}`)
    ).json();
    const entry = portfolio.competencies.find((c: Json) => c.itemId === item.id);
    expect(entry.rubric.map((r: Json) => r.levelCode)).toEqual(['KA', 'KD', 'KC']);
    expect(entry.evidence.map((e: Json) => e.id).sort()).toEqual([evidence.id, plan.id].sort());

    const badLevel = await call(assessorSession, 'POST', `/api/review-requests/${review.id}/decide`, {
      levelCode: 'B2',
    });
    expect(badLevel.statusCode).toBe(422);
    expect(badLevel.json().error.code).toBe('unknown_level');
    const before = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/assessment-events`)).json()
      .items.length;
    const decided = await call(assessorSession, 'POST', `/api/review-requests/${review.id}/decide`, {
      levelCode: 'KD',
      comment: 'The projects show learners using ICT to investigate.',
    });
    expect(decided.json()).toMatchObject({ status: 'confirmed', decidedLevelCode: 'KD' });
    const after = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/assessment-events`)).json()
      .items;
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ kind: 'assessor', levelCode: 'KD', evidenceIds: [evidence.id, plan.id] });

    const mine = (
      await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/competencies?frameworkId=${standard.id}`)
    ).json();
    expect(mine.items.find((s: Json) => s.itemId === item.id)).toMatchObject({
      confirmed: true,
      confirmedLevelCode: 'KD',
      confirmedKind: 'assessor',
    });
    const reviews = (await call(teacherSession, 'GET', `/api/review-requests?personId=${teacher.person.id}`)).json();
    expect(reviews.items[0].assessorComment).toBe('The projects show learners using ICT to investigate.');
  });

  it('refuses ratings outside scope, of unknown levels, or of one’s own competency, writing nothing', async () => {
    const item = competencies[5]!.id;
    const count = async () =>
      (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/assessment-events`)).json().items.length;
    const before = await count();
    const outside = await call(outsideAssessor, 'POST', `/api/people/${teacher.person.id}/ratings`, {
      frameworkId: standard.id,
      itemId: item,
      levelCode: 'KA',
    });
    expect(outside.statusCode).toBe(404);
    const unknown = await call(assessorSession, 'POST', `/api/people/${teacher.person.id}/ratings`, {
      frameworkId: standard.id,
      itemId: item,
      levelCode: 'A1',
    });
    expect(unknown.statusCode).toBe(422);
    const foreignEvidence = await call(assessorSession, 'POST', `/api/people/${teacher.person.id}/ratings`, {
      frameworkId: standard.id,
      itemId: item,
      levelCode: 'KA',
      evidenceIds: ['no-such-evidence'],
    });
    expect(foreignEvidence.json().error.code).toBe('unknown_evidence');
    const selfRating = await call(teacherSession, 'POST', `/api/people/${teacher.person.id}/ratings`, {
      frameworkId: standard.id,
      itemId: item,
      levelCode: 'KC',
    });
    expect(selfRating.statusCode).toBe(403);
    const leaderRating = await call(leaderSession, 'POST', `/api/people/${teacher.person.id}/ratings`, {
      frameworkId: standard.id,
      itemId: item,
      levelCode: 'KC',
    });
    expect(leaderRating.statusCode).toBe(403);
    expect(await count()).toBe(before);
  });

  it('corrects an event by superseding it, never by rewriting it', async () => {
    const item = competencies[7]!.id;
    const rated = (
      await call(assessorSession, 'POST', `/api/people/${teacher.person.id}/ratings`, {
        frameworkId: standard.id,
        itemId: item,
        levelCode: 'KC',
      })
    ).json();
    const fixed = await call(
      assessorSession,
      'POST',
      `/api/people/${teacher.person.id}/assessment-events/${rated.id}/supersede`,
      {
        levelCode: 'KA',
        reason: 'Entered against the wrong level.',
      },
    );
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json()).toMatchObject({
      supersedesId: rated.id,
      levelCode: 'KA',
      comment: 'Entered against the wrong level.',
    });
    const again = await call(
      assessorSession,
      'POST',
      `/api/people/${teacher.person.id}/assessment-events/${rated.id}/supersede`,
      {
        levelCode: 'KD',
        reason: 'Twice.',
      },
    );
    expect(again.json().error.code).toBe('already_superseded');

    const events = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/assessment-events`)).json()
      .items;
    const original = events.find((e: Json) => e.id === rated.id);
    expect(original).toMatchObject({ levelCode: 'KC', supersededById: fixed.json().id });
    let status = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/competencies`)).json().items;
    expect(status.find((s: Json) => s.itemId === item).confirmedLevelCode).toBe('KA');

    // Withdrawing the correction leaves the competency unconfirmed (nothing else confirmed it).
    await call(
      assessorSession,
      'POST',
      `/api/people/${teacher.person.id}/assessment-events/${fixed.json().id}/supersede`,
      {
        void: true,
        reason: 'The lesson was not this teacher’s.',
      },
    );
    status = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/competencies`)).json().items;
    expect(status.find((s: Json) => s.itemId === item).confirmed).toBe(false);

    // An event of another person cannot be superseded through this person.
    const colleague = await make.user(world.ctx, 'teacher', world.schoolA1);
    const otherRating = (
      await call(assessorSession, 'POST', `/api/people/${colleague.person.id}/ratings`, {
        frameworkId: standard.id,
        itemId: item,
        levelCode: 'KD',
      })
    ).json();
    const mismatch = await call(
      assessorSession,
      'POST',
      `/api/people/${teacher.person.id}/assessment-events/${otherRating.id}/supersede`,
      {
        levelCode: 'KA',
        reason: 'Wrong person.',
      },
    );
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.code).toBe('event_of_another_person');
    const neither = await call(
      teacherSession,
      'POST',
      `/api/people/${teacher.person.id}/assessment-events/${rated.id}/supersede`,
      {
        levelCode: 'KC',
        reason: 'I disagree.',
      },
    );
    expect(neither.statusCode).toBe(403);
  });

  it('records a lesson observation as confirmed evidence, and coaching visits after training', async () => {
    const item = competencies[9]!.id;
    const observed = await call(leaderSession, 'POST', `/api/people/${teacher.person.id}/observations`, {
      frameworkId: standard.id,
      observedOn: '2026-10-14',
      subject: 'Science',
      grade: '7',
      lessonFocus: 'Learners collect weather data with tablets.',
      practices: ['students_use_ict', 'collaboration_with_ict'],
      ratings: { [item]: 'KD' },
      strengths: 'Clear roles in groups.',
    });
    expect(observed.statusCode).toBe(201);
    expect(observed.json()).toMatchObject({
      practices: ['students_use_ict', 'collaboration_with_ict'],
      ratings: { [item]: 'KD' },
    });
    const status = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/competencies`)).json().items;
    expect(status.find((s: Json) => s.itemId === item)).toMatchObject({
      confirmedLevelCode: 'KD',
      confirmedKind: 'observation',
    });
    const badPractice = await call(leaderSession, 'POST', `/api/people/${teacher.person.id}/observations`, {
      observedOn: '2026-10-14',
      lessonFocus: 'x',
      practices: ['dancing'],
    });
    expect(badPractice.statusCode).toBe(400);
    const selfObserved = await call(teacherSession, 'POST', `/api/people/${teacher.person.id}/observations`, {
      observedOn: '2026-10-14',
      lessonFocus: 'Me',
    });
    expect(selfObserved.statusCode).toBe(403);

    const visit = await call(leaderSession, 'POST', `/api/people/${teacher.person.id}/coaching-visits`, {
      visitedOn: '2026-10-20',
      focusItemIds: [item],
      notes: 'Reviewed the data-collection lesson.',
      agreedActions: 'Try a shared spreadsheet next week.',
      nextVisitOn: '2026-11-03',
    });
    expect(visit.statusCode).toBe(201);
    const backwards = await call(leaderSession, 'POST', `/api/people/${teacher.person.id}/coaching-visits`, {
      visitedOn: '2026-10-20',
      notes: 'n',
      agreedActions: 'a',
      nextVisitOn: '2026-10-01',
    });
    expect(backwards.statusCode).toBe(400);
    const visits = (await call(teacherSession, 'GET', `/api/people/${teacher.person.id}/coaching-visits`)).json();
    expect(visits.items).toEqual([
      expect.objectContaining({ agreedActions: 'Try a shared spreadsheet next week.', nextVisitOn: '2026-11-03' }),
    ]);
  });

  describe('group report', () => {
    it('shows a school leader anonymous level counts, and nothing for fewer than five respondents', async () => {
      const school = await make.unit(world.ctx, world.districtB1, 'school', 'Report school');
      const leader = await make.user(world.ctx, 'school_leader', school);
      const leaderHere = await signIn(app, leader.username, leader.password);
      const report = () =>
        call(leaderHere, 'GET', `/api/units/${school.id}/self-assessment-report?frameworkId=${standard.id}`);
      const questionIds = competencies.map((c) => c.id);
      const submitAs = async (level: string, at = school) => {
        const t = await make.user(world.ctx, 'teacher', at);
        const s = await signIn(app, t.username, t.password);
        const sa = (await call(s, 'POST', '/api/self-assessments', { frameworkId: standard.id })).json();
        await call(s, 'PATCH', `/api/self-assessments/${sa.id}`, {
          answers: Object.fromEntries(questionIds.map((q) => [q, level])),
        });
        expect((await call(s, 'POST', `/api/self-assessments/${sa.id}/submit`)).statusCode).toBe(200);
        return s;
      };
      const first = await submitAs('KA');
      for (const level of ['KA', 'KD', 'not_yet']) await submitAs(level);
      const small = (await report()).json();
      expect(small).toMatchObject({ suppressed: true, respondents: null, teachers: 4 });
      expect(competencies).not.toHaveLength(0);
      expect(small.competencies.map((c: Json) => [c.suppressed, c.distribution])).toEqual(
        competencies.map(() => [true, {}]),
      );

      await submitAs('KC');
      // Five here, but region A holds a single respondent: the nation minus region B would name them.
      expect((await report()).json()).toMatchObject({ suppressed: true, respondents: null });
      for (const level of ['KA', 'KA', 'KD', 'KD']) await submitAs(level, world.schoolA1);
      const shown = (await report()).json();
      expect(shown).toMatchObject({ suppressed: false, respondents: 5, teachers: 5 });
      expect(shown.competencies[0].distribution).toEqual({ KA: 2, KD: 1, KC: 1, not_yet: 1 });
      expect(JSON.stringify(shown)).not.toMatch(/Given|Family/);

      // Teachers do not read group reports; officers elsewhere do not see this school.
      expect((await call(first, 'GET', `/api/units/${school.id}/self-assessment-report`)).statusCode).toBe(404);
      const district = await make.user(world.ctx, 'district_officer', world.districtA1);
      const elsewhere = await signIn(app, district.username, district.password);
      expect((await call(elsewhere, 'GET', `/api/units/${school.id}/self-assessment-report`)).statusCode).toBe(404);
      const region = await make.user(world.ctx, 'regional_officer', world.regionB);
      const regional = await signIn(app, region.username, region.password);
      expect(
        (
          await call(regional, 'GET', `/api/units/${school.id}/self-assessment-report?frameworkId=${standard.id}`)
        ).json().respondents,
      ).toBe(5);
      // Officers see group figures, not a teacher's individual ratings.
      const officerA = await make.user(world.ctx, 'regional_officer', world.regionA);
      const regionalA = await signIn(app, officerA.username, officerA.password);
      expect((await call(regionalA, 'GET', `/api/people/${teacher.person.id}/feedback`)).statusCode).toBe(403);
    });
  });

  // Last: it publishes a second standard, which becomes the tenant's newest.
  it('gives the assessor deciding a review the evidence and the rubric of the competency', async () => {
    // A standard whose competency has its own descriptor at one level; the others fall back to the level.
    const draft = await frameworks.createFromTemplate(world.ctx, { version: '7.1' });
    const item = draft.items.filter((i) => i.type === 'competency')[4]!;
    await frameworks.setRubric(world.ctx, draft.id, item.id, 'KD', {
      descriptor: { en: 'Learners use spreadsheets to test their own hypotheses.' },
    });
    await frameworks.setStatus(world.ctx, draft.id, 'in_review');
    await frameworks.setStatus(world.ctx, draft.id, 'published');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 8, 7, 6]);
    const file = (await upload(teacherSession, teacher.person.id, 'poster.png', png)).json();
    const link = (
      await call(teacherSession, 'POST', `/api/people/${teacher.person.id}/evidence-links`, {
        title: 'Lesson video',
        url: 'https://video.example.org/lesson-31',
      })
    ).json();
    const review = (
      await call(teacherSession, 'POST', '/api/review-requests', {
        frameworkId: draft.id,
        itemId: item.id,
        claimedLevelCode: 'KC',
        evidenceIds: [file.id, link.id],
      })
    ).json();
    const queue = (await call(assessorSession, 'GET', '/api/review-requests?status=submitted')).json();
    const inQueue = queue.items.find((r: Json) => r.id === review.id);
    expect(inQueue.evidence).toEqual([
      expect.objectContaining({
        id: file.id,
        kind: 'file',
        title: 'poster.png',
        fileName: 'poster.png',
        contentType: 'image/png',
        sizeBytes: png.length,
      }),
      expect.objectContaining({ id: link.id, kind: 'link', url: 'https://video.example.org/lesson-31' }),
    ]);
    expect(inQueue.rubric).toEqual(
      draft.levels.map((l) =>
        expect.objectContaining({
          levelCode: l.code,
          levelTitle: expect.objectContaining({ text: l.title.en }),
          descriptor: expect.objectContaining({
            text: l.code === 'KD' ? 'Learners use spreadsheets to test their own hypotheses.' : l.description.en,
          }),
        }),
      ),
    );
    // The teacher reads the same on their own review; an assessor outside the scope sees none of it.
    const own = (await call(teacherSession, 'GET', `/api/review-requests?personId=${teacher.person.id}`)).json();
    expect(own.items.find((r: Json) => r.id === review.id).evidence).toHaveLength(2);
    const outside = (await call(outsideAssessor, 'GET', '/api/review-requests?status=submitted')).json();
    expect(outside.items.map((r: Json) => r.id)).not.toContain(review.id);
  });
});
