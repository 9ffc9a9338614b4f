import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as training from '../training/training.ts';
import { addMonths } from './coaching.links.ts';
import type { Visit } from './followthrough.schemas.ts';
import { visitsUnderUnit } from './followthrough.service.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('follow-through after training', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let trainer: Awaited<ReturnType<typeof make.user>>;
  let partnerCoach: Awaited<ReturnType<typeof make.user>>;
  let trainerSession: Session;
  let teachers: Awaited<ReturnType<typeof make.person>>[];
  let completedOn: string;
  let focusId: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const standard = await make.publishedStandard(world.ctx);
    focusId = standard.items.find((i) => i.type === 'competency')!.id;
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    trainer = await make.user(world.ctx, 'trainer', tei);
    partnerCoach = await make.user(world.ctx, 'trainer', tei);
    const module = await make.trainingModule(world.ctx, standard, { followThroughMonths: [1, 3] });
    // School A1-2 works with the college through a partnership: its teachers are followed by its coach.
    const partnership = newId();
    const db = getDb().db;
    await db
      .insertInto('partnership')
      .values({
        tenant_id: world.ctx.tenantId,
        id: partnership,
        tei_unit_id: tei.id,
        title: 'College and School A1-2',
        focus: 'Project work with tablets',
        starts_on: day(-400),
        ends_on: day(400),
        created_by_account_id: null,
        created_at: nowIso(),
        updated_at: nowIso(),
      })
      .execute();
    await db
      .insertInto('partnership_school')
      .values({ tenant_id: world.ctx.tenantId, partnership_id: partnership, school_unit_id: world.schoolA1b.id })
      .execute();
    await db
      .insertInto('partnership_coach')
      .values({ tenant_id: world.ctx.tenantId, partnership_id: partnership, person_id: partnerCoach.person.id })
      .execute();

    completedOn = day(-45);
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.person.id],
      startDate: day(-49),
      endDate: completedOn,
      enrolOpens: day(-80),
      enrolCloses: day(-50),
    });
    teachers = [
      await make.person(world.ctx, world.schoolA1),
      await make.person(world.ctx, world.schoolA1b),
      await make.person(world.ctx, world.schoolA2),
    ];
    await training.nominate(
      world.ctx,
      offering.id,
      teachers.map((t) => t.id),
    );
    const results = {
      results: teachers.map((t) => ({ personId: t.id, result: 'completed' as const, score: 80, completedOn })),
    };
    await training.recordResults(world.ctx, offering.id, results);
    // A completion is final: recording it again schedules nothing twice.
    await training.recordResults(world.ctx, offering.id, results);
    trainerSession = await signIn(app, trainer.username, trainer.password);
  });
  afterAll(() => app.close());

  const get = async (session: Session, url: string) => {
    const res = await app.inject({ url, headers: session.headers });
    return { status: res.statusCode, body: res.json() as { items: Visit[]; error?: { code: string } } };
  };

  it('schedules a visit per completer and interval, with the partnership coach where there is one', async () => {
    const mine = await get(trainerSession, '/api/follow-through');
    expect(mine.status).toBe(200);
    const ids = (v: Visit[]) => [...new Set(v.map((x) => x.teacher.id))].sort();
    expect(ids(mine.body.items)).toEqual([teachers[0]!.id, teachers[2]!.id].sort());
    expect(mine.body.items).toHaveLength(4);
    expect(mine.body.items.map((v) => [v.monthsAfter, v.dueOn, v.overdue])).toEqual([
      [1, addMonths(completedOn, 1), true],
      [1, addMonths(completedOn, 1), true],
      [3, addMonths(completedOn, 3), false],
      [3, addMonths(completedOn, 3), false],
    ]);
    const partner = await get(await signIn(app, partnerCoach.username, partnerCoach.password), '/api/follow-through');
    expect(partner.body.items.map((v) => v.teacher.id)).toEqual([teachers[1]!.id, teachers[1]!.id]);
  });

  it("gives a district its overdue visits and nothing of another district's", async () => {
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const overdue = await get(session, `/api/units/${world.districtA1.id}/follow-through`);
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.map((v) => v.teacher.id).sort()).toEqual([teachers[0]!.id, teachers[1]!.id].sort());
    expect(overdue.body.items.every((v) => v.overdue && v.monthsAfter === 1)).toBe(true);
    const due = await get(session, `/api/units/${world.districtA1.id}/follow-through?status=due`);
    expect(due.body.items).toHaveLength(4);
    expect((await get(session, `/api/units/${world.districtA2.id}/follow-through`)).status).toBe(404);
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const asTeacher = await signIn(app, teacher.username, teacher.password);
    expect((await get(asTeacher, `/api/units/${world.schoolA1.id}/follow-through`)).status).toBe(404);
  });

  it('follows teachers and units that move: a unit lists the visits of the teachers placed under it now', async () => {
    const overdueUnder = async (unitId: string) =>
      (await visitsUnderUnit(world.ctx, unitId, { status: 'overdue', limit: 200 })).items
        .map((v) => v.teacher.id)
        .sort();
    const [a, b, c] = teachers.map((t) => t.id) as [string, string, string];
    await people.updatePerson(world.ctx, a, { orgUnitId: world.schoolA2.id });
    expect(await overdueUnder(world.districtA1.id)).toEqual([b]);
    expect(await overdueUnder(world.districtA2.id)).toEqual([a, c].sort());
    await org.moveUnit(world.ctx, world.districtA2.id, world.regionB.id);
    expect(await overdueUnder(world.regionA.id)).toEqual([b]);
    expect(await overdueUnder(world.regionB.id)).toEqual([a, c].sort());
    expect(await overdueUnder(world.schoolA2.id)).toEqual([a, c].sort());
    await org.moveUnit(world.ctx, world.districtA2.id, world.regionA.id);
    await people.updatePerson(world.ctx, a, { orgUnitId: world.schoolA1.id });
    expect(await overdueUnder(world.districtA1.id)).toEqual([a, b].sort());
    expect(await overdueUnder(world.regionB.id)).toEqual([]);
  });

  it('lets the coach record a visit once, on a day between the completion and today', async () => {
    // The first teacher's first visit (school A1-1, district A1): the list orders by day alone.
    const visit = (await get(trainerSession, '/api/follow-through')).body.items.find(
      (v) => v.teacher.id === teachers[0]!.id,
    )!;
    const record = (session: Session, body: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/follow-through/${visit.id}/record`,
        headers: session.headers,
        payload: body,
      });
    const body = { visitedOn: day(-1), applied: 'partly', how: 'Pupils logged weather data on tablets in pairs.' };
    const future = await record(trainerSession, { ...body, visitedOn: day(2) });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.code).toBe('visit_date_invalid');
    const before = await record(trainerSession, { ...body, visitedOn: day(-60) });
    expect(before.json().error.code).toBe('visit_date_invalid');
    const other = await signIn(app, partnerCoach.username, partnerCoach.password);
    expect((await record(other, body)).statusCode).toBe(404);

    const done = await record(trainerSession, body);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', visitedOn: day(-1), applied: 'partly', overdue: false });
    const again = await record(trainerSession, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('visit_recorded');
    const made = await get(trainerSession, '/api/follow-through?status=done');
    expect(made.body.items.map((v) => v.id)).toEqual([visit.id]);
    // The district sees that the visit was made; what was seen in class is for the school leader.
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const leader = await make.user(
      world.ctx,
      'school_leader',
      visit.teacher.schoolId === world.schoolA1.id ? world.schoolA1 : world.schoolA1b,
    );
    const unitDone = `/api/units/${world.districtA1.id}/follow-through?status=done`;
    const asOfficer = await get(await signIn(app, officer.username, officer.password), unitDone);
    expect(asOfficer.body.items.map((v) => [v.id, v.status, v.visitedOn, v.applied, v.how])).toEqual([
      [visit.id, 'done', day(-1), null, null],
    ]);
    const schoolDone = `/api/units/${visit.teacher.schoolId}/follow-through?status=done`;
    const asLeader = await get(await signIn(app, leader.username, leader.password), schoolDone);
    expect(asLeader.body.items.map((v) => [v.applied, v.how])).toEqual([['partly', body.how]]);
    expect((await get(trainerSession, '/api/follow-through')).body.items).toHaveLength(3);
  });

  it('starts a coaching cycle from a recorded visit, once, and only its own coach', async () => {
    const [recorded] = (await get(trainerSession, '/api/follow-through?status=done')).body.items;
    const pending = (await get(trainerSession, '/api/follow-through')).body.items.find(
      (v) => v.teacher.id === recorded!.teacher.id,
    )!;
    const plan = (session: Session, visitId: string) =>
      app.inject({
        method: 'POST',
        url: '/api/coaching-cycles',
        headers: session.headers,
        payload: {
          teacherId: recorded!.teacher.id,
          lessonDate: day(3),
          focusItemIds: [focusId],
          planNotes: 'Build on what the visit found.',
          followThroughVisitId: visitId,
        },
      });
    const early = await plan(trainerSession, pending.id);
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'visit_not_recorded']);
    const other = await signIn(app, partnerCoach.username, partnerCoach.password);
    expect((await plan(other, recorded!.id)).json().error.code).toMatch(/^(visit|person)_not_found$/);
    // Nothing was half-written: no cycle from the refused attempts.
    expect((await get(trainerSession, '/api/coaching-cycles')).body.items).toEqual([]);

    const started = await plan(trainerSession, recorded!.id);
    expect(started.statusCode).toBe(201);
    const cycleId = started.json().id;
    const visit = (await get(trainerSession, '/api/follow-through?status=done')).body.items[0]!;
    expect(visit.cycleId).toBe(cycleId);
    await app.inject({ method: 'POST', url: `/api/coaching-cycles/${cycleId}/close`, headers: trainerSession.headers });
    const again = await plan(trainerSession, recorded!.id);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'visit_has_cycle']);
    expect(again.json().error.details.cycleId).toBe(cycleId);
  });

  it('counts months as calendars do', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-15', 6)).toBe('2027-02-15');
  });
});
