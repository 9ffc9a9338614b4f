import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as reports from '../assessment/reports.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import type * as training from './catalogue.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ran = [day(-2), day(-1)] as const;

/**
 * The story over HTTP: a district officer schedules a module at a teacher college with a
 * qualified trainer, a school leader nominates teachers, the trainer records attendance and
 * completion, the teacher's transcript and plan follow, and the district sees remaining demand.
 */
describeOnEachDatabase('training over HTTP', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let module: Awaited<ReturnType<typeof training.createModule>>;
  let trainer: Awaited<ReturnType<typeof make.user>>;
  let novice: Awaited<ReturnType<typeof make.person>>;
  let teachers: Awaited<ReturnType<typeof make.user>>[];
  let districtSession: Session;
  let leaderSession: Session;
  let trainerSession: Session;
  let outsideLeader: Session;
  let offeringId: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    const c = standard.items.filter((i) => i.type === 'competency').map((i) => i.id);
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Highlands Teacher College');
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    await reports.setTarget(ministry.ctx, world.nation.id, standard.id, 'KD');
    module = await make.trainingModule(ministry.ctx, standard, {
      code: 'PBL',
      title: { en: 'Project-based learning with ICT' },
      outcomes: [{ itemId: c[6]!, levelCode: 'KD' }],
      hours: 24,
      trainerQualification: { programmeIds: [], competencies: [{ itemId: c[6]!, levelCode: 'KC' }] },
    });
    trainer = await make.user(world.ctx, 'trainer', tei);
    novice = await make.person(world.ctx, tei, { category: 'trainer' });
    const assessor = await make.user(world.ctx, 'assessor', world.regionA);
    await reviews.rate(assessor.ctx, trainer.person.id, {
      frameworkId: standard.id,
      itemId: c[6]!,
      levelCode: 'KC',
      evidenceIds: [],
    });
    teachers = [];
    for (let i = 0; i < 3; i++) {
      const t = await make.user(world.ctx, 'teacher', world.schoolA1);
      await reviews.rate(assessor.ctx, t.person.id, {
        frameworkId: standard.id,
        itemId: c[6]!,
        levelCode: 'KA',
        evidenceIds: [],
      });
      teachers.push(t);
    }
    const district = await make.user(world.ctx, 'district_officer', world.districtA1);
    districtSession = await signIn(app, district.username, district.password);
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    leaderSession = await signIn(app, leader.username, leader.password);
    trainerSession = await signIn(app, trainer.username, trainer.password);
    const other = await make.user(world.ctx, 'school_leader', world.schoolB1);
    outsideLeader = await signIn(app, other.username, other.password);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

  it('schedules an offering with a qualified trainer and refuses an unqualified one', async () => {
    const body = {
      moduleId: module.id,
      hostUnitId: tei.id,
      startDate: day(7),
      endDate: day(8),
      capacity: 2,
      language: 'en',
      venue: 'Hall B',
    };
    const options = (
      await call(districtSession, 'GET', `/api/training/scheduling-options?moduleId=${module.id}`)
    ).json();
    expect(options.hosts).toEqual([
      { id: tei.id, name: expect.objectContaining({ text: 'Highlands Teacher College' }), type: 'tei' },
    ]);
    expect(options.trainers.map((t: Json) => [t.personId, t.qualified]).sort()).toEqual(
      [
        [trainer.person.id, true],
        [novice.id, false],
      ].sort(),
    );
    const unqualified = await call(districtSession, 'POST', '/api/offerings', { ...body, trainerIds: [novice.id] });
    expect(unqualified.statusCode).toBe(422);
    expect(unqualified.json().error).toMatchObject({
      code: 'trainer_not_qualified',
      details: { personIds: [novice.id] },
    });
    const created = await call(districtSession, 'POST', '/api/offerings', { ...body, trainerIds: [trainer.person.id] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ sessionDays: [day(7), day(8)], hours: 24, enrolled: 0 });
    offeringId = created.json().id;
    const listed = (await call(trainerSession, 'GET', `/api/offerings?ledBy=${trainer.person.id}`)).json();
    expect(listed.items.map((o: Json) => o.id)).toEqual([offeringId]);
    const catalogue = (
      await call(leaderSession, 'GET', `/api/training/modules?itemId=${module.outcomes[0]!.itemId}`)
    ).json();
    expect(catalogue.items.map((m: Json) => m.code)).toEqual(['PBL']);
  });

  it('lets a school leader nominate teachers of the school, waitlisting past capacity; others are not found', async () => {
    const nominated = await call(leaderSession, 'POST', `/api/offerings/${offeringId}/nominations`, {
      personIds: teachers.map((t) => t.person.id),
    });
    expect(nominated.statusCode).toBe(201);
    expect(nominated.json().items.map((e: Json) => e.status)).toEqual(['enrolled', 'enrolled', 'waitlisted']);
    const outside = await call(outsideLeader, 'POST', `/api/offerings/${offeringId}/enrolments`, {
      personId: teachers[0]!.person.id,
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('person_not_found');
    const roster = (await call(outsideLeader, 'GET', `/api/offerings/${offeringId}/enrolments`)).json();
    expect(roster.items).toEqual([]);
  });

  it('lets the trainer take attendance on session days and import results, all or nothing', async () => {
    const wrongDay = await call(trainerSession, 'PUT', `/api/offerings/${offeringId}/attendance`, {
      day: day(9),
      records: [{ personId: teachers[0]!.person.id, present: true }],
    });
    expect(wrongDay.statusCode).toBe(422);
    expect(wrongDay.json().error.code).toBe('session_day_outside_offering');
    const leaderTakes = await call(leaderSession, 'PUT', `/api/offerings/${offeringId}/attendance`, {
      day: day(7),
      records: [{ personId: teachers[0]!.person.id, present: true }],
    });
    expect(leaderTakes.statusCode).toBe(403);

    const upload = (csv: string) =>
      app.inject({
        method: 'POST',
        url: `/api/offerings/${offeringId}/results/import`,
        headers: { ...trainerSession.headers, 'content-type': 'text/csv' },
        payload: Buffer.from(csv),
      });
    const [a, b] = teachers.map((t) => t.person.nationalId);
    const unknown = await upload(`national_id,${day(7)},result\n${a},1,completed\nX-404,1,completed\n`);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error).toMatchObject({
      code: 'csv_invalid',
      details: { errors: [{ line: 3, column: 'national_id' }] },
    });
    const sheet = (await call(trainerSession, 'GET', `/api/offerings/${offeringId}/attendance`)).json();
    expect(sheet.rows.map((r: Json) => r.present)).toEqual([{}, {}]);

    // The course has run since: its days move into the past, as the clock would (results wait for it).
    await getDb()
      .db.updateTable('training_offering')
      .set({
        start_date: ran[0],
        end_date: ran[1],
        session_days: JSON.stringify(ran),
        enrol_opens: day(-30),
        enrol_closes: ran[0],
      })
      .where('id', '=', offeringId)
      .execute();
    const ok = await upload(
      `national_id,${ran[0]},${ran[1]},result,score\n${a},1,1,completed,88\n${b},1,0,not_completed,\n`,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ completed: 1, notCompleted: 1, attendanceMarks: 4 });
  });

  it('updates the teacher’s transcript (exportable) and plan, and the district’s remaining demand', async () => {
    const me = await signIn(app, teachers[0]!.username, teachers[0]!.password);
    const year = Number(ran[1].slice(0, 4));
    const transcript = (await call(me, 'GET', `/api/people/${teachers[0]!.person.id}/transcript?year=${year}`)).json();
    expect(transcript).toMatchObject({ totalHours: 24, modulesCompleted: 1 });
    const csv = await call(me, 'GET', `/api/people/${teachers[0]!.person.id}/transcript/export?year=${year}`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toContain('Project-based learning with ICT');
    const hidden = await call(outsideLeader, 'GET', `/api/people/${teachers[0]!.person.id}/transcript`);
    expect(hidden.statusCode).toBe(404);
    const myTraining = (await call(me, 'GET', `/api/people/${teachers[0]!.person.id}/enrolments`)).json();
    expect(myTraining.items).toEqual([
      expect.objectContaining({
        result: 'completed',
        cpdHours: 24,
        offering: expect.objectContaining({ id: offeringId }),
      }),
    ]);
    expect((await call(outsideLeader, 'GET', `/api/people/${teachers[0]!.person.id}/enrolments`)).statusCode).toBe(404);

    // The second teacher did not complete: their plan proposes PBL, which the district sees as demand.
    const second = await signIn(app, teachers[1]!.username, teachers[1]!.password);
    const plan = await call(second, 'POST', `/api/people/${teachers[1]!.person.id}/development-plans`, {
      frameworkId: standard.id,
    });
    expect(plan.statusCode).toBe(201);
    expect(plan.json().items).toEqual([expect.objectContaining({ moduleId: module.id, targetLevelCode: 'KD' })]);
    const planId = plan.json().id;
    expect((await call(outsideLeader, 'GET', `/api/development-plans/${planId}`)).statusCode).toBe(404);
    const meddle = await call(outsideLeader, 'POST', `/api/development-plans/${planId}/status`, { status: 'agreed' });
    expect(meddle.statusCode).toBe(404);
    const agreed = await call(leaderSession, 'POST', `/api/development-plans/${planId}/status`, { status: 'agreed' });
    expect(agreed.json().status).toBe('agreed');
    const school = (await call(leaderSession, 'GET', `/api/units/${world.schoolA1.id}/development-plans`)).json();
    expect(school.items.map((p: Json) => p.id)).toEqual([planId]);

    // Not completed: still demand. Waitlisted: served, so not remaining.
    const demand = (await call(districtSession, 'GET', `/api/units/${world.districtA1.id}/training-demand`)).json();
    expect(demand.modules).toEqual([
      expect.objectContaining({ code: 'PBL', proposed: 1, completed: 0, enrolled: 0, remaining: 1 }),
    ]);
    const third = await signIn(app, teachers[2]!.username, teachers[2]!.password);
    await call(third, 'POST', `/api/people/${teachers[2]!.person.id}/development-plans`, { frameworkId: standard.id });
    const after = (await call(districtSession, 'GET', `/api/units/${world.districtA1.id}/training-demand`)).json();
    expect(after.modules[0]).toMatchObject({ proposed: 2, enrolled: 1, remaining: 1 });

    const roster = (await call(leaderSession, 'GET', `/api/offerings/${offeringId}/enrolments`)).json();
    const mine = roster.items.find((e: Json) => e.personId === teachers[1]!.person.id);
    const out = await call(second, 'POST', `/api/enrolments/${mine.id}/withdraw`);
    expect(out.statusCode).toBe(200);
    expect(out.json().promoted).toMatchObject({ personId: teachers[2]!.person.id, status: 'enrolled' });
    expect((await call(outsideLeader, 'POST', `/api/enrolments/${mine.id}/withdraw`)).statusCode).toBe(404);
    const cascade = await call(districtSession, 'GET', `/api/units/${world.districtA1.id}/training-cascade`);
    expect(cascade.json().totals).toMatchObject({ teachersReached: 1 });
  });

  it('counts seats the same in the offering list, on the offering page and in the full roster, for every reader', async () => {
    // The trainer runs the offering and reads the whole roster: the figure everyone else is shown.
    const roster = (await call(trainerSession, 'GET', `/api/offerings/${offeringId}/enrolments`)).json();
    const count = (status: string) => roster.items.filter((e: Json) => e.status === status).length;
    const expected = { enrolled: count('enrolled'), waitlisted: count('waitlisted') };
    expect(expected).toEqual({ enrolled: 2, waitlisted: 0 });
    for (const session of [trainerSession, leaderSession, districtSession, outsideLeader]) {
      const listed = (await call(session, 'GET', '/api/offerings')).json();
      const fromList = listed.items.find((o: Json) => o.id === offeringId);
      const page = (await call(session, 'GET', `/api/offerings/${offeringId}`)).json();
      expect({ enrolled: fromList.enrolled, waitlisted: fromList.waitlisted }).toEqual(expected);
      expect({ enrolled: page.enrolled, waitlisted: page.waitlisted }).toEqual(expected);
    }
    // A reader who sees only part of the roster still gets the offering's own figure.
    const partial = (await call(outsideLeader, 'GET', `/api/offerings/${offeringId}/enrolments`)).json();
    expect(partial.items).toEqual([]);
  });
});
