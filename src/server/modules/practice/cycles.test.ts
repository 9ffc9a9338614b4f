import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { addMonths } from './coaching.links.ts';
import * as cycles from './cycles.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const dayAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('coaching cycles with classroom ICT-use observations', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let coach: Awaited<ReturnType<typeof make.user>>;
  let coachS: Session;
  let teacherS: Session;
  let outsiderS: Session;
  let leaderS: Session;
  let officerS: Session;
  let focus: string[];
  let levels: string[];
  const today = todayIso();

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    focus = standard.items.filter((i) => i.type === 'competency').map((i) => i.id);
    levels = standard.levels.map((l) => l.code);
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    // A peer teacher at another school coaches through an explicit assignment.
    coach = await make.user(world.ctx, 'teacher', world.schoolA2);
    await getDb()
      .db.insertInto('coach_assignment')
      .values({
        tenant_id: world.ctx.tenantId,
        id: newId(),
        coach_person_id: coach.person.id,
        teacher_person_id: teacher.person.id,
        starts_on: dayAfter(today, -30),
        ends_on: addMonths(today, 6),
        created_by_account_id: null,
        created_at: nowIso(),
      })
      .execute();
    // A trainer elsewhere: reads assessment in their own region only, and coaches nobody here.
    const outsider = await make.user(world.ctx, 'trainer', world.regionB);
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const sessions = await Promise.all(
      [coach, teacher, outsider, leader, officer].map((u) => signIn(app, u.username, u.password)),
    );
    [coachS, teacherS, outsiderS, leaderS, officerS] = sessions as [Session, Session, Session, Session, Session];
  });
  afterAll(() => app.close());

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const code = (res: { json(): Json }) => res.json().error?.code;

  let cycleId: string;
  let observationId: string;

  it('refuses lesson dates in the past or beyond the term, and teachers the coach does not reach', async () => {
    const plan = { teacherId: teacher.person.id, focusItemIds: focus.slice(0, 2), planNotes: 'Groups make a map.' };
    const past = await call(coachS, 'POST', '/api/coaching-cycles', { ...plan, lessonDate: dayAfter(today, -1) });
    expect([past.statusCode, code(past)]).toEqual([422, 'lesson_date_invalid']);
    const far = await call(coachS, 'POST', '/api/coaching-cycles', { ...plan, lessonDate: addMonths(today, 7) });
    expect(code(far)).toBe('lesson_date_invalid');
    const outside = await call(outsiderS, 'POST', '/api/coaching-cycles', { ...plan, lessonDate: today });
    expect([outside.statusCode, code(outside)]).toEqual([404, 'person_not_found']);
    const unknown = await call(coachS, 'POST', '/api/coaching-cycles', {
      ...plan,
      lessonDate: today,
      focusItemIds: ['nope'],
    });
    expect(code(unknown)).toBe('unknown_competency');
    const design = await call(coachS, 'POST', '/api/coaching-cycles', { ...plan, lessonDate: today, designId: 'nope' });
    expect([design.statusCode, code(design)]).toEqual([404, 'design_not_found']);
    // Nothing was half-written.
    expect((await call(coachS, 'GET', '/api/coaching-cycles')).json().items).toEqual([]);
  });

  it('lets the coach plan a cycle with a coachee, once at a time', async () => {
    const coachees = (await call(coachS, 'GET', '/api/coaching/coachees')).json().items;
    expect(coachees).toEqual([
      expect.objectContaining({ teacher: expect.objectContaining({ id: teacher.person.id }), links: ['assignment'] }),
    ]);
    const plan = { teacherId: teacher.person.id, focusItemIds: focus.slice(0, 2), lessonDate: today };
    const created = await call(coachS, 'POST', '/api/coaching-cycles', { ...plan, planNotes: 'Groups make a map.' });
    expect(created.statusCode).toBe(201);
    const cycle = created.json();
    cycleId = cycle.id;
    expect(cycle).toMatchObject({ status: 'planned', viewer: 'coach', frameworkId: standard.id, lessonDate: today });
    expect(cycle.endsOn).toBe(addMonths(today, 6));
    const again = await call(coachS, 'POST', '/api/coaching-cycles', plan);
    expect(code(again)).toBe('cycle_overlaps');
    expect(again.json().error.details.cycleId).toBe(cycleId);
    expect((await call(outsiderS, 'GET', `/api/coaching-cycles/${cycleId}`)).statusCode).toBe(404);
    const home = (await call(coachS, 'GET', '/api/coaching/today')).json();
    expect(home.items.map((l: Json) => l.cycleId)).toEqual([cycleId]);
    const mine = (await call(teacherS, 'GET', '/api/coaching-cycles')).json().items;
    expect(mine.map((c: Json) => [c.id, c.viewer])).toEqual([[cycleId, 'teacher']]);
    // The teacher cannot act as the coach.
    expect(code(await call(teacherS, 'POST', `/api/coaching-cycles/${cycleId}/observations`))).toBe('forbidden');
  });

  it('saves the observation field by field, resumes the draft, and submits it once into the ledger', async () => {
    const started = await call(coachS, 'POST', `/api/coaching-cycles/${cycleId}/observations`);
    expect(started.json()).toMatchObject({ status: 'draft', lessonDate: today, ictUsers: [] });
    observationId = started.json().id;
    const resumed = await call(coachS, 'POST', `/api/coaching-cycles/${cycleId}/observations`);
    expect(resumed.json().id).toBe(observationId);

    const save = (body: object) => call(coachS, 'PATCH', `/api/lesson-observations/${observationId}`, body);
    expect((await save({ ictUsers: ['students', 'teacher'] })).json().ictUsers).toEqual(['students', 'teacher']);
    const early = await call(coachS, 'POST', `/api/lesson-observations/${observationId}/submit`);
    expect(code(early)).toBe('observation_incomplete');
    expect(early.json().error.details.missing).toContain('studentCentredness');
    await save({ ictPurposes: ['inquiry', 'creation'] });
    await save({ studentCentredness: 3 });
    const twice = [await save({ ictTimeShare: 60 }), await save({ ictTimeShare: 60 })].map((r) => r.json());
    expect(twice[1]).toMatchObject({ ictTimeShare: 60, studentCentredness: 3, ictPurposes: ['inquiry', 'creation'] });
    expect(twice[1].updatedAt).toBe(twice[0].updatedAt);
    expect(code(await save({ ratings: [{ itemId: focus[0], levelCode: 'ZZ' }] }))).toBe('unknown_level');
    await save({ studentProducts: 'A shared map of the village water sources', notes: 'Quiet group at the back.' });
    const rated = await save({
      ratings: [
        { itemId: focus[0], levelCode: levels[1] },
        { itemId: focus[1], levelCode: levels[0] },
      ],
    });
    expect(rated.json().ratings).toHaveLength(2);
    // The teacher sees no draft.
    expect((await call(teacherS, 'GET', `/api/lesson-observations/${observationId}`)).statusCode).toBe(404);

    const submitted = await call(coachS, 'POST', `/api/lesson-observations/${observationId}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().status).toBe('submitted');
    const twiceSubmitted = await call(coachS, 'POST', `/api/lesson-observations/${observationId}/submit`);
    expect(code(twiceSubmitted)).toBe('observation_submitted');
    expect(code(await save({ studentCentredness: 4 }))).toBe('observation_submitted');

    const cycle = (await call(coachS, 'GET', `/api/coaching-cycles/${cycleId}`)).json();
    expect(cycle.status).toBe('observed');
    const events = (await call(teacherS, 'GET', `/api/people/${teacher.person.id}/assessment-events`)).json().items;
    const fromLesson = events.filter((e: Json) => e.sourceId === observationId);
    expect(fromLesson.map((e: Json) => [e.kind, e.itemId, e.levelCode]).sort()).toEqual(
      [
        ['observation', focus[0], levels[1]],
        ['observation', focus[1], levels[0]],
      ].sort(),
    );
    const status = (await call(teacherS, 'GET', `/api/people/${teacher.person.id}/competencies`)).json().items;
    expect(status.find((s: Json) => s.itemId === focus[0])).toMatchObject({
      confirmed: true,
      confirmedLevelCode: levels[1],
      confirmedKind: 'observation',
    });
  });

  it('keeps the reflection between teacher and coach until the teacher shares it', async () => {
    expect(
      code(
        await call(teacherS, 'PUT', `/api/coaching-cycles/${cycleId}/coach-reflection`, {
          strengths: 'x',
          nextSteps: 'y',
        }),
      ),
    ).toBe('forbidden');
    const reflected = await call(coachS, 'PUT', `/api/coaching-cycles/${cycleId}/coach-reflection`, {
      strengths: 'Clear roles in groups.',
      nextSteps: 'Let groups choose their own tool.',
    });
    expect(reflected.json()).toMatchObject({ status: 'reflected', strengths: 'Clear roles in groups.' });
    const wrote = await call(teacherS, 'PUT', `/api/coaching-cycles/${cycleId}/teacher-reflection`, {
      reflection: 'I talked too long at the start.',
      shared: false,
    });
    expect(wrote.json()).toMatchObject({
      viewer: 'teacher',
      teacherReflection: 'I talked too long at the start.',
      nextSteps: 'Let groups choose their own tool.',
    });
    expect((await call(coachS, 'GET', `/api/coaching-cycles/${cycleId}`)).json().teacherReflection).toBe(
      'I talked too long at the start.',
    );

    const hidden = (await call(leaderS, 'GET', `/api/coaching-cycles/${cycleId}`)).json();
    expect(hidden).toMatchObject({ viewer: 'leader', status: 'reflected', reflectionHidden: true });
    expect([hidden.teacherReflection, hidden.strengths, hidden.planNotes, hidden.observation.notes]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(hidden.observation.studentCentredness).toBe(3);
    const list = (await call(leaderS, 'GET', `/api/coaching-cycles?unitId=${world.schoolA1.id}`)).json().items;
    expect(list.map((c: Json) => [c.id, c.teacherReflection])).toEqual([[cycleId, null]]);
    expect((await call(outsiderS, 'GET', `/api/coaching-cycles?unitId=${world.schoolA1.id}`)).statusCode).toBe(404);
    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select('after_json')
      .where('entity_id', '=', cycleId)
      .execute();
    expect(audit.map((a) => a.after_json ?? '').join(' ')).not.toContain('talked too long');

    await call(teacherS, 'PUT', `/api/coaching-cycles/${cycleId}/teacher-reflection`, {
      reflection: 'I talked too long at the start.',
      shared: true,
    });
    const shared = (await call(leaderS, 'GET', `/api/coaching-cycles/${cycleId}`)).json();
    expect(shared).toMatchObject({ reflectionHidden: false, teacherReflection: 'I talked too long at the start.' });
  });

  it('follows up within the term, closes, and then lets a new cycle begin', async () => {
    const late = await call(coachS, 'PUT', `/api/coaching-cycles/${cycleId}/follow-up`, {
      followUpOn: addMonths(today, 7),
      notes: 'Visit again.',
    });
    expect(code(late)).toBe('follow_up_date_invalid');
    const done = await call(coachS, 'PUT', `/api/coaching-cycles/${cycleId}/follow-up`, {
      followUpOn: dayAfter(today, 14),
      notes: 'Groups chose tools; two made short videos.',
    });
    expect(done.json().status).toBe('followed_up');
    expect((await call(coachS, 'POST', `/api/coaching-cycles/${cycleId}/close`)).json().status).toBe('closed');
    expect(code(await call(coachS, 'POST', `/api/coaching-cycles/${cycleId}/close`))).toBe('cycle_not_open');
    const next = await call(coachS, 'POST', '/api/coaching-cycles', {
      teacherId: teacher.person.id,
      focusItemIds: [focus[2]],
      lessonDate: dayAfter(today, 20),
    });
    expect(next.statusCode).toBe(201);
    // Observed on the lesson day only.
    expect(code(await call(coachS, 'POST', `/api/coaching-cycles/${next.json().id}/observations`))).toBe(
      'lesson_date_invalid',
    );
  });

  it('gives officers counts and leaders the instrument aggregates', async () => {
    const officer = (await call(officerS, 'GET', `/api/coaching/units/${world.districtA1.id}/summary`)).json();
    expect(officer).toMatchObject({ observationsSubmitted: 1, teachersCoached: 1, instrument: null });
    expect(officer.cycles).toMatchObject({ planned: 1, closed: 1 });
    const leader = (await call(leaderS, 'GET', `/api/coaching/units/${world.schoolA1.id}/summary`)).json();
    expect(leader.instrument).toEqual({
      ictUsers: { students: 1, teacher: 1 },
      ictPurposes: { inquiry: 1, creation: 1 },
      studentCentredness: { '3': 1 },
      meanIctTimeShare: 60,
    });
    expect((await call(outsiderS, 'GET', `/api/coaching/units/${world.schoolA1.id}/summary`)).statusCode).toBe(404);
  });

  it('refuses a coach whose reach has ended (service, as of a later day)', async () => {
    const later = addMonths(today, 7);
    await expect(
      cycles.createCycle(
        coach.ctx,
        { teacherId: teacher.person.id, focusItemIds: [focus[3]!], lessonDate: later, planNotes: '' },
        later,
      ),
    ).rejects.toMatchObject({ code: 'person_not_found' });
  });
});
