import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { formatDay } from '../../../web/i18n/format.ts';
import * as training from './training.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

afterEach(() => {
  vi.useRealTimers();
});

/**
 * A district officer changes and cancels an offering at the region's teacher college: the roster and
 * the trainers are told in their own language, nothing recorded is dropped, a cancelled offering takes
 * nothing more, and completion reads the offering's own attendance threshold.
 */
describeOnEachDatabase('changing and cancelling an offering', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let module: Awaited<ReturnType<typeof make.trainingModule>>;
  let trainer: Awaited<ReturnType<typeof make.user>>;
  let otherTrainer: Awaited<ReturnType<typeof make.person>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let officer: Session;
  let outsider: Session;
  let teacherSession: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const standard = await make.publishedStandard(world.ctx);
    const competency = standard.items.find((i) => i.type === 'competency')!;
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    module = await make.trainingModule(ministry.ctx, standard, {
      title: { en: 'Coding in class', ru: 'Программирование на уроке' },
      outcomes: [{ itemId: competency.id, levelCode: 'KC' }],
      trainerQualification: null,
    });
    trainer = await make.user(world.ctx, 'trainer', tei);
    otherTrainer = await make.person(world.ctx, tei, { category: 'trainer' });
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    officer = await signIn(app, district.username, district.password);
    const away = await make.user(world.ctx, 'district_officer', world.districtB1);
    outsider = await signIn(app, away.username, away.password);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

  /** An offering with `seated` teachers enrolled (capacity `capacity`), the first reading Russian. */
  async function course(seated: number, capacity = 20, input: Partial<Parameters<typeof make.offering>[2]> = {}) {
    const offering = await make.offering(district.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.person.id],
      capacity,
      ...input,
    });
    const teachers: Awaited<ReturnType<typeof make.user>>[] = [];
    for (let i = 0; i < seated; i++) teachers.push(await make.user(world.ctx, 'teacher', world.schoolA1));
    if (teachers[0])
      await getDb()
        .db.updateTable('user_account')
        .set({ locale: 'ru' })
        .where('id', '=', teachers[0].account.id)
        .execute();
    if (teachers.length)
      // As the system: a course that already ran takes its roster outside the enrolment window.
      await training.nominate(
        world.ctx,
        offering.id,
        teachers.map((t) => t.person.id),
      );
    return { offering, teachers };
  }

  async function inbox(user: Awaited<ReturnType<typeof make.user>>, kind: string) {
    const session = await signIn(app, user.username, user.password);
    const answer = await call(session, 'GET', '/api/me/notifications?order=newest&limit=100');
    expect(answer.statusCode).toBe(200);
    return (answer.json().items as Json[]).filter((n) => n.kind === kind);
  }

  it('moves the dates and the venue, and tells the roster and the trainers in their own language', async () => {
    const { offering, teachers } = await course(2, 1);
    const [ru, waiting] = teachers as [Awaited<ReturnType<typeof make.user>>, Awaited<ReturnType<typeof make.user>>];
    const moved = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, {
      startDate: day(21),
      endDate: day(22),
      venue: 'Hall C',
      trainerIds: [otherTrainer.id],
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      startDate: day(21),
      endDate: day(22),
      sessionDays: [day(21), day(22)],
      venue: 'Hall C',
      enrolCloses: day(21),
      trainers: [{ personId: otherTrainer.id }],
      status: 'scheduled',
    });
    const [toRu] = await inbox(ru, 'offering_changed');
    expect(toRu).toMatchObject({ title: 'Изменения: Программирование на уроке', link: `/offerings/${offering.id}` });
    expect(toRu!.body).toContain(`Даты: ${formatDay(day(21), 'ru')} – ${formatDay(day(22), 'ru')}.`);
    expect(toRu!.body).toContain('Место: Hall C.');
    const [toWaiting] = await inbox(waiting, 'offering_changed');
    expect(toWaiting!.body).toContain(`Dates: ${formatDay(day(21), 'en')} – ${formatDay(day(22), 'en')}.`);
    // The trainer taken off the offering hears of it too.
    const [toTrainer] = await inbox(trainer, 'offering_changed');
    expect(toTrainer!.body).toContain('Trainers: ');
    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', offering.id)
      .where('action', '=', 'training_offering.update')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('keeps capacity at or above the enrolled count, and seats the waitlist when it grows', async () => {
    const { offering, teachers } = await course(3, 2);
    const below = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { capacity: 1 });
    expect(below.statusCode).toBe(409);
    expect(below.json().error).toMatchObject({ code: 'capacity_below_enrolled', details: { enrolled: 2 } });
    const grown = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { capacity: 3 });
    expect(grown.json()).toMatchObject({ capacity: 3, enrolled: 3, waitlisted: 0 });
    expect(await inbox(teachers[2]!, 'enrolment_promoted')).toHaveLength(1);
    // A change only to seats is not news to the roster.
    expect(await inbox(teachers[0]!, 'offering_changed')).toHaveLength(0);
    const bad = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { attendanceThreshold: 0 });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses dates that would drop attendance already recorded', async () => {
    const start = day(0);
    const { offering, teachers } = await course(1, 20, { startDate: start, endDate: day(2), enrolOpens: start });
    await training.recordAttendance(district.ctx, offering.id, {
      day: start,
      records: [{ personId: teachers[0]!.person.id, present: true }],
    });
    const later = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { startDate: day(1) });
    expect(later.statusCode).toBe(409);
    expect(later.json().error).toMatchObject({ code: 'offering_has_records', details: { days: [start] } });
    const kept = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { endDate: day(3) });
    expect(kept.json().sessionDays).toEqual([day(0), day(1), day(2), day(3)]);
  });

  it('lets only those who schedule at the host change or cancel it', async () => {
    const { offering, teachers } = await course(1);
    expect((await call(outsider, 'PATCH', `/api/offerings/${offering.id}`, { venue: 'Elsewhere' })).statusCode).toBe(
      403,
    );
    expect((await call(outsider, 'POST', `/api/offerings/${offering.id}/cancel`, { reason: 'x' })).statusCode).toBe(
      403,
    );
    teacherSession = await signIn(app, teachers[0]!.username, teachers[0]!.password);
    expect((await call(teacherSession, 'PATCH', `/api/offerings/${offering.id}`, { capacity: 5 })).statusCode).toBe(
      403,
    );
    const trainerSession = await signIn(app, trainer.username, trainer.password);
    expect(
      (await call(trainerSession, 'POST', `/api/offerings/${offering.id}/cancel`, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect((await call(officer, 'PATCH', '/api/offerings/no-such-offering', { capacity: 5 })).statusCode).toBe(404);
    expect((await call(officer, 'GET', `/api/offerings/${offering.id}`)).json()).toMatchObject({ venue: 'Room 4' });
  });

  it('cancels with a reason: everyone is told, and the offering takes nothing more', async () => {
    const { offering, teachers } = await course(2, 1);
    expect((await call(officer, 'POST', `/api/offerings/${offering.id}/cancel`, {})).statusCode).toBe(400);
    const cancelled = await call(officer, 'POST', `/api/offerings/${offering.id}/cancel`, {
      reason: 'The college is closed for repairs.',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancelReason: 'The college is closed for repairs.',
      cancelledAt: expect.any(String),
    });
    const [toRu] = await inbox(teachers[0]!, 'offering_cancelled');
    expect(toRu).toMatchObject({ title: 'Отменено: Программирование на уроке' });
    expect(toRu!.body).toContain(`${formatDay(offering.startDate, 'ru')} – ${formatDay(offering.endDate, 'ru')}`);
    expect(toRu!.body).toContain('Причина: The college is closed for repairs.');
    expect(await inbox(teachers[1]!, 'offering_cancelled')).toHaveLength(1);
    expect(await inbox(trainer, 'offering_cancelled')).not.toHaveLength(0);

    const newcomer = await make.user(world.ctx, 'teacher', world.schoolA1);
    const self = await signIn(app, newcomer.username, newcomer.password);
    const enrol = await call(self, 'POST', `/api/offerings/${offering.id}/enrolments`, {});
    expect(enrol.statusCode).toBe(409);
    expect(enrol.json().error.code).toBe('offering_cancelled');
    const edit = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { capacity: 5 });
    expect(edit.json().error.code).toBe('offering_cancelled');
    const again = await call(officer, 'POST', `/api/offerings/${offering.id}/cancel`, { reason: 'twice' });
    expect(again.json().error.code).toBe('offering_cancelled');
    const mark = await call(officer, 'PUT', `/api/offerings/${offering.id}/attendance`, {
      day: offering.startDate,
      records: [{ personId: teachers[0]!.person.id, present: true }],
    });
    expect(mark.json().error.code).toBe('offering_cancelled');
    // The roster stays as it was; lists mark it cancelled, and "scheduled" leaves it out.
    expect((await training.listEnrolments(district.ctx, offering.id)).map((e) => e.status).sort()).toEqual([
      'enrolled',
      'waitlisted',
    ]);
    const all = await call(officer, 'GET', `/api/offerings?moduleId=${module.id}`);
    expect((all.json().items as Json[]).find((o) => o.id === offering.id)?.status).toBe('cancelled');
    const scheduled = await call(officer, 'GET', `/api/offerings?moduleId=${module.id}&status=scheduled`);
    expect((scheduled.json().items as Json[]).some((o) => o.id === offering.id)).toBe(false);
  });

  it('refuses to cancel, or move, an offering with results recorded', async () => {
    const { offering, teachers } = await course(1, 20, { startDate: day(-5), endDate: day(-4), enrolOpens: day(-9) });
    await training.recordResults(world.ctx, offering.id, {
      results: [{ personId: teachers[0]!.person.id, result: 'not_completed', score: null }],
    });
    const cancel = await call(officer, 'POST', `/api/offerings/${offering.id}/cancel`, { reason: 'late' });
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().error).toMatchObject({ code: 'offering_has_records', details: { results: 1 } });
    const move = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { endDate: day(-3) });
    expect(move.json().error.code).toBe('offering_has_records');
    const threshold = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { attendanceThreshold: 50 });
    expect(threshold.json().error.code).toBe('offering_has_records');
    expect((await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { venue: 'Hall D' })).statusCode).toBe(200);
  });

  it("completes on the offering's own attendance threshold", async () => {
    const days = [day(30), day(31), day(32), day(33), day(34)];
    const { offering, teachers } = await course(2, 20, { startDate: days[0], endDate: days[4], sessionDays: days });
    expect(offering.attendanceThreshold).toBe(80);
    const set = await call(officer, 'PATCH', `/api/offerings/${offering.id}`, { attendanceThreshold: 60 });
    expect(set.json().attendanceThreshold).toBe(60);
    for (const d of days.slice(0, 3))
      await training.recordAttendance(district.ctx, offering.id, {
        day: d,
        records: teachers.map((t, i) => ({ personId: t.person.id, present: i === 0 || d === days[0] })),
      });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${day(35)}T09:00:00Z`));
    const short = await training
      .recordResults(district.ctx, offering.id, {
        results: [{ personId: teachers[1]!.person.id, result: 'completed', score: 50 }],
      })
      .catch((error: unknown) => error);
    expect(short).toMatchObject({
      code: 'attendance_below_threshold',
      details: { attendedDays: 1, sessionDays: 5, requiredDays: 3, threshold: 0.6 },
    });
    const done = await training.recordResults(district.ctx, offering.id, {
      results: [{ personId: teachers[0]!.person.id, result: 'completed', score: 70 }],
    });
    expect(done).toMatchObject({ completed: 1 });
  });
});
