import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { aggregateSnapshot, rebuildAggregates, registerMonitoring } from '../monitoring/aggregates.service.ts';
import type { IndicatorDashboard } from '../monitoring/indicators.schemas.ts';
import { addMonths } from './coaching.links.ts';
import * as cycles from './cycles.service.ts';
import { CreateDesignBody } from './designs.schemas.ts';
import * as designs from './designs.service.ts';
import * as partnerships from './partnerships.service.ts';
import { termOf } from './practice.constants.ts';

const year = new Date().getUTCFullYear();

describeOnEachDatabase('classroom practice in the indicators', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let coach: Awaited<ReturnType<typeof make.user>>;
  let college: Awaited<ReturnType<typeof make.unit>>;
  let ministry: Session;
  let focus: string;
  let level: string;
  const today = todayIso();
  const teachersA: Awaited<ReturnType<typeof make.person>>[] = [];

  /** One coaching cycle up to a submitted observation of the teacher's lesson today. */
  async function observe(teacherId: string, users: ('teacher' | 'students')[], centredness: number) {
    const cycle = await cycles.createCycle(coach.ctx, {
      teacherId,
      focusItemIds: [focus],
      lessonDate: today,
      planNotes: 'Pairs research a local question on tablets.',
    });
    const draft = await cycles.startObservation(coach.ctx, cycle.id);
    await cycles.saveObservation(coach.ctx, draft.id, {
      ictUsers: users,
      ictPurposes: users.includes('students') ? ['inquiry', 'collaboration'] : ['presentation'],
      studentCentredness: centredness,
      ictTimeShare: 40,
      studentProducts: 'A poster of findings',
      ratings: [{ itemId: focus, levelCode: level }],
    });
    await cycles.submitObservation(coach.ctx, draft.id);
    return cycle;
  }

  beforeAll(async () => {
    registerMonitoring();
    world = await make.country(getDb());
    app = await testApp(getDb());
    const standard = await make.publishedStandard(world.ctx);
    focus = standard.items.find((i) => i.type === 'competency')!.id;
    level = standard.levels[1]!.code;
    college = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    coach = await make.user(world.ctx, 'trainer', college);
    for (let i = 0; i < 7; i++)
      teachersA.push(await make.person(world.ctx, world.schoolA1, { sex: i % 2 ? 'male' : 'female' }));
    for (let i = 0; i < 5; i++) await make.person(world.ctx, world.schoolB1);
    await getDb()
      .db.insertInto('coach_assignment')
      .values(
        teachersA.map((t) => ({
          tenant_id: world.ctx.tenantId,
          id: newId(),
          coach_person_id: coach.person.id,
          teacher_person_id: t.id,
          starts_on: today,
          ends_on: addMonths(today, 6),
          created_by_account_id: null,
          created_at: nowIso(),
        })),
      )
      .execute();
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: ministry.headers, ...(payload ? { payload } : {}) });
  const figures = async (unitId: string, code: string) => {
    const board = (await send('GET', `/api/dashboards/indicators?unitId=${unitId}`)).json() as IndicatorDashboard;
    return board.indicators.find((f) => f.indicator.code === code)!;
  };
  const define = (code: string, numerator: object, denominator: object | null, extra: object = {}) =>
    send('POST', '/api/indicators', {
      code,
      name: { en: code },
      definition: { en: `${code} as defined by the ICT in education master plan` },
      numerator,
      denominator,
      factor: denominator ? 'percent' : 'count',
      meansOfVerification: { en: 'Lesson observations in Pathway' },
      ...extra,
    });

  it('counts teachers observed using ICT in a student-centred way this term, per region against the target', async () => {
    // Region A: five lessons with students using ICT at 3 or 4 on the scale, one teacher-led, one teacher not seen.
    for (const [i, teacher] of teachersA.slice(0, 5).entries()) await observe(teacher.id, ['students'], 3 + (i % 2));
    await observe(teachersA[5]!.id, ['teacher'], 2);

    const created = await define('SC1', { fact: 'observed_student_centred' }, { fact: 'teachers' });
    expect(created.statusCode).toBe(201);
    await define('OBS1', { fact: 'observed' }, null);
    const target = await send('PUT', `/api/indicators/${created.json().id}/targets`, {
      unitId: world.nation.id,
      baseline: null,
      targets: [{ year, value: 50 }],
    });
    expect(target.statusCode).toBe(200);

    const nation = await figures(world.nation.id, 'SC1');
    expect(nation.current).toMatchObject({ numerator: 5, denominator: 12, suppressed: false });
    const regionA = nation.children.find((c) => c.unitId === world.regionA.id)!;
    expect(regionA.figure).toMatchObject({ numerator: 5, denominator: 7 });
    expect(regionA.figure.value).toBeCloseTo((5 / 7) * 100);
    expect(regionA).toMatchObject({ target: { year, value: 50 }, status: 'on_track' });
    // Region B: nobody observed, and that is a figure (0 of 5), not a hidden one.
    const regionB = nation.children.find((c) => c.unitId === world.regionB.id)!;
    expect(regionB.figure).toMatchObject({ numerator: 0, denominator: 5 });
    expect(regionB.status).toBe('off_track');
    expect((await figures(world.nation.id, 'OBS1')).current.value).toBe(6);
  });

  it('moves with cycles, shared designs and partnerships, and equals a rebuild from the sources', async () => {
    await define('CYC', { fact: 'in_cycle' }, null);
    await define('DES', { fact: 'designs_shared' }, null);
    await define('PART', { fact: 'schools_with_partner' }, { fact: 'schools' }, { disaggregations: ['org_level'] });
    expect((await figures(world.nation.id, 'CYC')).current.value).toBe(6);
    const closed = (await cycles.listCycles(coach.ctx, {})).items[0]!;
    await cycles.closeCycle(coach.ctx, closed.id);
    expect((await figures(world.nation.id, 'CYC')).current.value).toBe(5);

    const author = await make.user(world.ctx, 'teacher', world.schoolA1b);
    const design = await designs.createDesign(
      author.ctx,
      CreateDesignBody.parse({
        title: 'Water map',
        language: 'en',
        subject: 'Science',
        grade: '6',
        template: 'project_based',
      }),
    );
    expect((await figures(world.nation.id, 'DES')).current.value).toBe(0);
    await designs.shareDesign(author.ctx, design.id, 'district');
    expect((await figures(world.nation.id, 'DES')).current.value).toBe(1);

    const part = await figures(world.nation.id, 'PART');
    expect(part.current).toMatchObject({ numerator: 0, denominator: 4 });
    // A partnership made through the service moves the school counts in its transaction.
    const lecturer = await make.person(world.ctx, college, { category: 'trainer' });
    await partnerships.createPartnership(world.ctx, {
      teiUnitId: college.id,
      title: 'College and School A1-1',
      focus: 'Inquiry with tablets',
      startsOn: today,
      endsOn: addMonths(today, 12),
      schoolIds: [world.schoolA1.id],
      coachIds: [lecturer.id],
    });
    const after = await figures(world.nation.id, 'PART');
    expect(after.current).toMatchObject({ numerator: 1, denominator: 4 });
    expect(after.children.find((c) => c.unitId === world.regionA.id)!.figure).toMatchObject({
      numerator: 1,
      denominator: 3,
    });

    const incremental = await aggregateSnapshot(world.ctx);
    const facts = new Set(incremental[2].map((r) => r.fact));
    expect([...facts]).toEqual(
      expect.arrayContaining([
        `observed:${termOf(today)}`,
        `observed_sc:${termOf(today)}`,
        'in_cycle',
        'designs_shared',
      ]),
    );
    await rebuildAggregates(world.ctx);
    expect(await aggregateSnapshot(world.ctx)).toEqual(incremental);
  });

  it('refuses to split a count of schools by sex', async () => {
    const res = await define('PART2', { fact: 'schools_with_plan' }, { fact: 'schools' }, { disaggregations: ['sex'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.disaggregations' }] },
    });
  });
});
