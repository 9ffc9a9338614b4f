import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as ledger from '../assessment/assessment.service.ts';
import { recordCoachingVisit } from '../assessment/observation.service.ts';
import { registerMonitoring } from './aggregates.service.ts';
import type { Indicator, IndicatorDashboard, Logframe } from './indicators.schemas.ts';

const year = new Date().getUTCFullYear();

describeOnEachDatabase('indicators, roadmap targets and their dashboard', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let ministry: Session;
  let district: Session;
  let leaderSession: Session;
  let firstItem: string;
  let atLevel: Indicator;
  let visits: Indicator;

  beforeAll(async () => {
    registerMonitoring();
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    firstItem = standard.items.find((i) => i.type === 'competency')!.id;
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    // School A1: 6 teachers (3 women), A1-2: 5 men, A2: 3 women. At KD or above: 3 + 3 + 3 = 9 of 14.
    const placed = [
      ...['KD', 'KC', 'KA'].map((l) => [world.schoolA1, 'female', l] as const),
      ...['KD', 'KA', 'KA'].map((l) => [world.schoolA1, 'male', l] as const),
      ...['KC', 'KC', 'KD', 'KA', 'KA'].map((l) => [world.schoolA1b, 'male', l] as const),
      ...['KC', 'KC', 'KC'].map((l) => [world.schoolA2, 'female', l] as const),
    ];
    const teachers = [];
    for (const [school, sex, level] of placed) {
      const teacher = await make.person(world.ctx, school, { sex });
      teachers.push(teacher);
      await ledger.recordEvents(assessor.ctx, [
        {
          personId: teacher.id,
          frameworkId: standard.id,
          itemId: firstItem,
          levelCode: level,
          kind: 'assessor',
          sourceType: 'test',
        },
      ]);
    }
    for (const visitedOn of ['2026-02-01', '2026-03-01'])
      await recordCoachingVisit(assessor.ctx, teachers[0]!.id, {
        visitedOn,
        focusItemIds: [],
        notes: 'Observed a project lesson',
        agreedActions: 'Plan the next one together',
      });
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const districtOfficer = await make.user(world.ctx, 'district_officer', world.districtA1);
    district = await signIn(app, districtOfficer.username, districtOfficer.password);
    // A school leader (not a teacher, so the figures stay as placed above) reads but may not define.
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    leaderSession = await signIn(app, leader.username, leader.password);
  });
  afterAll(() => app.close());

  const send = (session: Session, method: 'POST' | 'PUT' | 'GET', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload === undefined ? {} : { payload }) });
  const definition = (code: string, overrides: Record<string, unknown> = {}) => ({
    code,
    name: { en: `Teachers at KD in the first competency (${code})` },
    definition: { en: 'Teachers confirmed at knowledge deepening or above, of all teachers assessed.' },
    numerator: { fact: 'at_level', itemId: firstItem, levelCode: 'KD' },
    denominator: { fact: 'teachers' },
    factor: 'percent',
    meansOfVerification: { en: 'Assessor ratings in Pathway' },
    ...overrides,
  });
  const board = async (session: Session, query: string) => {
    const res = await send(session, 'GET', `/api/dashboards/indicators?${query}`);
    return { status: res.statusCode, body: res.json() as IndicatorDashboard };
  };

  it('lets the ministry define indicators as data, and refuses what does not exist', async () => {
    const created = await send(ministry, 'POST', '/api/indicators', definition('T1'));
    expect(created.statusCode).toBe(201);
    atLevel = created.json();
    expect(atLevel).toMatchObject({ code: 'T1', factor: 'percent', legend: { onTrack: 0.95, atRisk: 0.8 } });
    const count = await send(ministry, 'POST', '/api/indicators', {
      ...definition('V1'),
      name: { en: 'Coaching visits' },
      numerator: { fact: 'coaching_visits' },
      denominator: null,
      factor: 'count',
    });
    expect(count.statusCode).toBe(201);
    visits = count.json();

    const unknownItem = await send(ministry, 'POST', '/api/indicators', {
      ...definition('X1'),
      numerator: { fact: 'at_level', itemId: 'nope', levelCode: 'KD' },
    });
    expect(unknownItem.statusCode).toBe(400);
    expect(unknownItem.json().error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.numerator.itemId' }] },
    });
    const noDenominator = await send(ministry, 'POST', '/api/indicators', { ...definition('X2'), denominator: null });
    expect(noDenominator.json().error.details.issues[0].path).toBe('body.denominator');
    const badLevel = await send(ministry, 'POST', '/api/indicators', {
      ...definition('X3'),
      numerator: { fact: 'at_level', itemId: firstItem, levelCode: 'ZZ' },
    });
    expect(badLevel.json().error.details.issues[0].path).toBe('body.numerator.levelCode');
    expect((await send(ministry, 'POST', '/api/indicators', definition('T1'))).statusCode).toBe(409);
    const stranger = await send(leaderSession, 'POST', '/api/indicators', definition('X4'));
    expect(stranger.statusCode).toBe(403);
    const listed = await send(leaderSession, 'GET', '/api/indicators');
    expect(listed.json().map((i: Indicator) => i.code)).toEqual(['T1', 'V1']);
  });

  it('applies a national target below unless a unit sets its own, and keeps officers to their scope', async () => {
    const national = await send(ministry, 'PUT', `/api/indicators/${atLevel.id}/targets`, {
      unitId: world.nation.id,
      baseline: { year: year - 2, value: 40 },
      targets: [
        { year, value: 60 },
        { year: year + 2, value: 80 },
      ],
    });
    expect(national.statusCode).toBe(200);
    const own = await send(district, 'PUT', `/api/indicators/${atLevel.id}/targets`, {
      unitId: world.districtA1.id,
      baseline: null,
      targets: [{ year, value: 90 }],
    });
    expect(own.statusCode).toBe(200);
    const outside = await send(district, 'PUT', `/api/indicators/${atLevel.id}/targets`, {
      unitId: world.nation.id,
      baseline: null,
      targets: [{ year, value: 10 }],
    });
    expect(outside.statusCode).toBe(404);
    const twice = await send(district, 'PUT', `/api/indicators/${atLevel.id}/targets`, {
      unitId: world.districtA1.id,
      baseline: null,
      targets: [
        { year, value: 1 },
        { year, value: 2 },
      ],
    });
    expect(twice.statusCode).toBe(400);

    const school = await send(ministry, 'GET', `/api/indicators/${atLevel.id}/targets?unitId=${world.schoolA1.id}`);
    expect(school.json()).toMatchObject({
      baseline: null,
      targets: [],
      effective: [
        { year, value: 90, setBy: { unitId: world.districtA1.id } },
        { year: year + 2, value: 80, setBy: { unitId: world.nation.id } },
      ],
    });
  });

  it('shows the nation against its target, drills down, and hides groups under five', async () => {
    const { status, body } = await board(ministry, `unitId=${world.nation.id}`);
    expect(status).toBe(200);
    const t1 = body.indicators.find((f) => f.indicator.code === 'T1')!;
    expect(t1.current).toMatchObject({ numerator: 9, denominator: 14, suppressed: false });
    expect(t1.current.value).toBeCloseTo((9 / 14) * 100);
    expect(t1.target).toMatchObject({ year, value: 60, setBy: { unitId: world.nation.id } });
    expect(t1.status).toBe('on_track');
    expect(t1.baseline).toEqual({ year: year - 2, value: 40 });
    expect(
      t1.timeline.map((p) => [p.year, p.actual === null ? null : Math.round(p.actual), p.target, p.source]),
    ).toEqual([
      [year - 2, 40, null, 'baseline'],
      [year, 64, 60, 'live'],
      [year + 2, null, 80, 'none'],
    ]);
    const regionB = t1.children.find((c) => c.unitId === world.regionB.id)!;
    expect(regionB).toMatchObject({ status: 'suppressed', figure: { value: null, suppressed: true } });
    const v1 = body.indicators.find((f) => f.indicator.id === visits.id)!;
    expect(v1.current.value).toBe(2);
    expect(v1.status).toBe('no_target');
    const bySex = t1.breakdowns.find((b) => b.by === 'sex')!;
    expect(bySex.groups.map((g) => [g.key, g.figure.numerator])).toEqual([
      ['female', 5],
      ['male', 4],
    ]);

    // Region A: district A2 has 3 teachers, so district A1 (the rest) must be hidden too.
    const region = await board(ministry, `unitId=${world.regionA.id}`);
    const regional = region.body.indicators.find((f) => f.indicator.code === 'T1')!;
    expect(regional.children).toHaveLength(2);
    expect(regional.children.every((c) => c.figure.suppressed)).toBe(true);

    const { body: districtBoard } = await board(district, '');
    expect(districtBoard.unit.id).toBe(world.districtA1.id);
    expect(districtBoard.ancestors).toEqual([]);
    const d1 = districtBoard.indicators.find((f) => f.indicator.code === 'T1')!;
    // Hidden in region A beside district A2, district A1 is hidden on its own page too (the region
    // minus it would be A2's 3 teachers), and its schools may not add up to it: the smaller is hidden.
    expect(d1.current).toMatchObject({ numerator: null, denominator: null, suppressed: true });
    expect(d1.target).toMatchObject({ value: 90, setBy: { unitId: world.districtA1.id } });
    expect(d1.status).toBe('suppressed');
    expect(d1.children.map((c) => [c.name.text, c.figure.numerator, c.status])).toEqual([
      ['School A1-1', 3, 'off_track'],
      ['School A1-2', null, 'suppressed'],
    ]);
    const d1BySex = d1.breakdowns.find((b) => b.by === 'sex')!.groups;
    expect(d1BySex.map((g) => g.key)).toEqual(['female', 'male']);
    expect(d1BySex.every((g) => g.figure.suppressed)).toBe(true);
    expect((await board(district, `unitId=${world.nation.id}`)).status).toBe(404);
  });

  it("records a closed year's figures and shows them for that year", async () => {
    const refused = await send(district, 'POST', '/api/indicators/actuals', { year: year - 1 });
    expect(refused.statusCode).toBe(403);
    const recorded = await send(ministry, 'POST', '/api/indicators/actuals', { year: year - 1 });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json().recorded).toBeGreaterThan(0);
    const past = await board(ministry, `unitId=${world.nation.id}&year=${year - 1}`);
    const t1 = past.body.indicators.find((f) => f.indicator.code === 'T1')!;
    expect(t1.current.numerator).toBe(9);
    expect(t1.status).toBe('no_target');
    const older = await board(ministry, `unitId=${world.nation.id}&year=${year - 3}`);
    expect(older.body.indicators.find((f) => f.indicator.code === 'T1')!.status).toBe('no_data');
    const now = await board(ministry, `unitId=${world.nation.id}`);
    const line = now.body.indicators.find((f) => f.indicator.code === 'T1')!.timeline;
    expect(line.find((p) => p.year === year - 1)).toMatchObject({ source: 'recorded' });
  });

  it('exports the table as CSV and XLSX with suppressed figures empty', async () => {
    const csv = await send(ministry, 'GET', `/api/dashboards/indicators/export.csv?unitId=${world.nation.id}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      `Unit (${year}),Indicator code,Indicator,Unit of measure,Value,Numerator,Denominator,Target,Target set by,Status`,
    );
    // A unit below shows the target in effect there (inherited from the nation) and no figure.
    expect(lines).toContain(
      `Region B,T1,Teachers at KD in the first competency (T1),Percent,,,,60,${world.nation.displayName.text},Fewer than 5`,
    );
    const xlsx = await send(ministry, 'GET', `/api/dashboards/indicators/export.xlsx?unitId=${world.nation.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const competencies = await send(
      ministry,
      'GET',
      `/api/dashboards/competencies/export.xlsx?frameworkId=${standard.id}`,
    );
    expect(competencies.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await send(district, 'GET', `/api/dashboards/indicators/export.csv?unitId=${world.nation.id}`)).statusCode,
    ).toBe(404);
  });

  it('prints a PDF report per unit and year: the headline page, then a page per indicator', async () => {
    const res = await send(ministry, 'GET', `/api/reports/unit.pdf?unitId=${world.nation.id}&year=${year}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="monitoring-report-${year}.pdf"`);
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(pdf.getPageCount()).toBe(3);
    expect(pdf.getTitle()).toBe(`Monitoring report: ${world.nation.displayName.text} ${year}`);
    expect((await send(district, 'GET', `/api/reports/unit.pdf?unitId=${world.nation.id}`)).statusCode).toBe(404);
  });

  it('builds the logframe from objectives and the indicators that measure them', async () => {
    const goal = await send(ministry, 'POST', '/api/logframe/objectives', {
      level: 'goal',
      title: { en: 'Teachers integrate ICT in their teaching' },
    });
    expect(goal.statusCode).toBe(201);
    const outcome = await send(ministry, 'POST', '/api/logframe/objectives', {
      parentId: goal.json().id,
      level: 'outcome',
      title: { en: 'Teachers deepen their knowledge' },
    });
    expect(outcome.statusCode).toBe(201);
    const misplaced = await send(ministry, 'POST', '/api/logframe/objectives', {
      parentId: goal.json().id,
      level: 'output',
      title: { en: 'Modules delivered' },
    });
    expect(misplaced.json().error.details.issues[0].path).toBe('body.parentId');
    const updated = await send(ministry, 'PUT', `/api/indicators/${atLevel.id}`, {
      ...definition('T1'),
      objectiveId: outcome.json().id,
    });
    expect(updated.statusCode).toBe(200);
    const frame = (await send(ministry, 'GET', `/api/logframe?unitId=${world.nation.id}`)).json() as Logframe;
    expect(frame.objectives.map((o) => [o.level, o.indicators.map((i) => i.code)])).toEqual([
      ['goal', []],
      ['outcome', ['T1']],
    ]);
    expect(frame.objectives[1]!.indicators[0]).toMatchObject({
      baseline: { year: year - 2, value: 40 },
      target: { year: year + 2, value: 80 },
      status: 'on_track',
      meansOfVerification: { text: 'Assessor ratings in Pathway' },
    });
  });

  it('shows the policy alignment from goals to competencies to attainment', async () => {
    const res = await send(
      ministry,
      'GET',
      `/api/dashboards/alignment?unitId=${world.nation.id}&frameworkId=${standard.id}`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unit: { id: world.nation.id }, frameworkId: standard.id });
  });
});
