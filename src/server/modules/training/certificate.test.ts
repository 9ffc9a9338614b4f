import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { certificateNumber } from './records.service.ts';
import * as training from './training.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

/**
 * A certificate of attendance states what the participant completed, as the offering ran it, to
 * the participant and those who may read the offering's results; to anyone else there is none.
 */
describeOnEachDatabase('certificate of attendance', (getDb) => {
  let app: TestApp;
  let offering: Awaited<ReturnType<typeof training.createOffering>>;
  let module: Awaited<ReturnType<typeof training.createModule>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let graduate: Awaited<ReturnType<typeof make.user>>;
  let sessions: Record<'graduate' | 'classmate' | 'trainer' | 'host' | 'leader' | 'stranger', Session>;
  let completedId: string;
  let openId: string;

  beforeAll(async () => {
    const world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    const [c1, c2] = standard.items.filter((i) => i.type === 'competency');
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    module = await make.trainingModule(ministry.ctx, standard, {
      code: 'ONE2ONE',
      title: { en: '1:1 computing in the classroom', ne: '१:१ कम्प्युटिङ कक्षामा' },
      outcomes: [
        { itemId: c2!.id, levelCode: standard.levels[1]!.code },
        { itemId: c1!.id, levelCode: standard.levels[0]!.code },
      ],
      hours: 18.5,
    });
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const trainer = await make.user(world.ctx, 'trainer', tei);
    const district = await make.user(world.ctx, 'district_officer', world.districtA1);
    // The course ran last week: its results are in.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    offering = await make.offering(district.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.person.id],
      startDate: day(-9),
      endDate: day(-7),
      enrolOpens: day(-30),
      enrolCloses: day(-9),
    });
    graduate = await make.user(world.ctx, 'teacher', world.schoolA1);
    const classmate = await make.user(world.ctx, 'teacher', world.schoolA1);
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    // Nominated then (the system records enrolments of a past course), and present every day.
    const [done, open] = await training.nominate(world.ctx, offering.id, [graduate.person.id, classmate.person.id]);
    for (const day of offering.sessionDays)
      await training.recordAttendance(trainer.ctx, offering.id, {
        day,
        records: [{ personId: graduate.person.id, present: true }],
      });
    completedId = done!.id;
    openId = open!.id;
    const stranger = await make.user(world.ctx, 'teacher', world.schoolB1);
    const host = await make.user(world.ctx, 'regional_officer', world.regionA);
    const as = (u: { username: string; password: string }) => signIn(app, u.username, u.password);
    sessions = {
      graduate: await as(graduate),
      classmate: await as(classmate),
      trainer: await as(trainer),
      host: await as(host),
      leader: await as(leader),
      stranger: await as(stranger),
    };
    const recorded = await app.inject({
      method: 'PUT',
      url: `/api/offerings/${offering.id}/results`,
      headers: sessions.trainer.headers,
      payload: { results: [{ personId: graduate.person.id, result: 'completed', score: 91 }] },
    });
    expect(recorded.statusCode).toBe(200);
  });
  afterAll(() => app.close());

  const read = (who: keyof typeof sessions, enrolmentId: string) =>
    app.inject({ method: 'GET', url: `/api/enrolments/${enrolmentId}/certificate`, headers: sessions[who].headers });

  it('lets the participant read what they completed, with the figures of the offering', async () => {
    const res = await read('graduate', completedId);
    expect(res.statusCode).toBe(200);
    const cert: Json = res.json();
    expect(cert).toMatchObject({
      enrolmentId: completedId,
      personId: graduate.person.id,
      personName: `${graduate.person.givenName} ${graduate.person.familyName}`,
      nationalId: graduate.person.nationalId,
      offeringId: offering.id,
      kind: 'module',
      code: 'ONE2ONE',
      title: { text: '1:1 computing in the classroom', fallback: false },
      startDate: offering.startDate,
      endDate: offering.endDate,
      hostName: { text: 'Region A Teacher College' },
      trainers: offering.trainers.map((t) => t.name),
      cpdHours: 18.5,
      completedOn: offering.endDate,
      issuer: { text: expect.stringMatching(/^Country /) },
    });
    const [c1, c2] = standard.items.filter((i) => i.type === 'competency');
    expect(cert.outcomes.map((o: Json) => [o.code, o.levelCode])).toEqual([
      [c1!.code, standard.levels[0]!.code],
      [c2!.code, standard.levels[1]!.code],
    ]);
    expect(cert.outcomes[0].levelTitle.text).toBe(standard.levels[0]!.title.en);
    expect(cert.certificateNumber).toMatch(/^\d{4}-[0-9A-F]{5}-[0-9A-F]{5}$/);
    expect(cert.certificateNumber.startsWith(offering.endDate.slice(0, 4))).toBe(true);
  });

  it('gives one certificate number per enrolment, the same on every reading', async () => {
    const first = (await read('graduate', completedId)).json().certificateNumber;
    const again = (await read('trainer', completedId)).json().certificateNumber;
    expect(again).toBe(first);
    expect(certificateNumber(openId, offering.endDate)).not.toBe(first);
  });

  it('states the title in the reader’s language', async () => {
    await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: sessions.graduate.headers,
      payload: { locale: 'ne' },
    });
    const cert: Json = (await read('graduate', completedId)).json();
    expect(cert.title).toMatchObject({ text: '१:१ कम्प्युटिङ कक्षामा', locale: 'ne', fallback: false });
    expect(cert.hostName).toMatchObject({ text: 'Region A Teacher College', fallback: true });
  });

  it('lets the trainer, the host’s manager and the school leader read it', async () => {
    for (const who of ['trainer', 'host', 'leader'] as const) {
      const res = await read(who, completedId);
      expect(res.statusCode, who).toBe(200);
      expect(res.json().enrolmentId).toBe(completedId);
    }
  });

  it('does not exist for a teacher of another school, nor for a classmate', async () => {
    for (const who of ['stranger', 'classmate'] as const) {
      const res = await read(who, completedId);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe('enrolment_not_found');
    }
    const unknown = await read('graduate', '01900000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses a certificate before completion with 409 not_completed', async () => {
    const own = await read('classmate', openId);
    expect(own.statusCode).toBe(409);
    expect(own.json().error.code).toBe('not_completed');
    expect((await read('trainer', openId)).statusCode).toBe(409);
    // Someone who may not read the enrolment learns nothing, not even that it is incomplete.
    expect((await read('stranger', openId)).statusCode).toBe(404);
  });
});
