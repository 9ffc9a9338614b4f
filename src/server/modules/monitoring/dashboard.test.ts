import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as ledger from '../assessment/assessment.service.ts';
import * as reports from '../assessment/reports.service.ts';
import type { Dashboard, TeacherLevels } from './monitoring.schemas.ts';

describeOnEachDatabase('competency dashboards', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let ministry: Session;
  let district: Session;
  let firstItem: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    firstItem = standard.items.find((i) => i.type === 'competency')!.id;
    await reports.setTarget(world.ctx, world.nation.id, standard.id, 'KD');
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    // School A1: 6 teachers (3 women), school A1-2: 5, school A2: 3 (too few to show).
    const placed: [typeof world.schoolA1, 'female' | 'male', string][] = [
      ...(['KD', 'KC', 'KA'] as const).map(
        (l) => [world.schoolA1, 'female', l] as [typeof world.schoolA1, 'female', string],
      ),
      ...(['KD', 'KA', 'KA'] as const).map(
        (l) => [world.schoolA1, 'male', l] as [typeof world.schoolA1, 'male', string],
      ),
      ...(['KC', 'KC', 'KD', 'KA', 'KA'] as const).map(
        (l) => [world.schoolA1b, 'male', l] as [typeof world.schoolA1, 'male', string],
      ),
      ...(['KC', 'KC', 'KC'] as const).map(
        (l) => [world.schoolA2, 'female', l] as [typeof world.schoolA1, 'female', string],
      ),
    ];
    for (const [school, sex, level] of placed) {
      const teacher = await make.person(world.ctx, school, { sex });
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
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const districtOfficer = await make.user(world.ctx, 'district_officer', world.districtA1);
    district = await signIn(app, districtOfficer.username, districtOfficer.password);
  });
  afterAll(() => app.close());

  const get = async (session: Session, query: string) => {
    const res = await app.inject({
      url: `/api/dashboards/competencies?frameworkId=${standard.id}&${query}`,
      headers: session.headers,
    });
    return { status: res.statusCode, body: res.json() as Dashboard };
  };
  const cell = (row: Dashboard['rows'][number]) => row.cells.find((c) => c.itemId === firstItem)!;

  it('shows the nation by region, and a region with too few teachers as suppressed', async () => {
    const { status, body } = await get(ministry, `unitId=${world.nation.id}`);
    expect(status).toBe(200);
    expect(body.target).toMatchObject({ levelCode: 'KD', setByUnit: true });
    expect(body.competencies).toHaveLength(18);
    expect(body.unit.teachers).toBe(14);
    expect(cell(body.unit)).toMatchObject({ atTarget: 9 });
    const regionA = body.rows.find((r) => r.unitId === world.regionA.id)!;
    const regionB = body.rows.find((r) => r.unitId === world.regionB.id)!;
    expect(regionA).toMatchObject({ teachers: 14, suppressed: false, hasChildren: true });
    expect(cell(regionA).share).toBeCloseTo(9 / 14);
    expect(regionB).toMatchObject({ teachers: null, suppressed: true });
    expect(regionB.cells).toHaveLength(18);
    expect(regionB.cells.every((c) => c.share === null && c.atTarget === null)).toBe(true);
  });

  it('drills down to schools, suppresses small schools and small groups by sex', async () => {
    const a1 = (await get(ministry, `unitId=${world.districtA1.id}`)).body;
    expect(a1.ancestors.map((a) => a.id)).toEqual([world.nation.id, world.regionA.id]);
    const school = a1.rows.find((r) => r.unitId === world.schoolA1.id)!;
    expect(school).toMatchObject({ teachers: 6, hasChildren: false });
    expect(cell(school).atTarget).toBe(3);
    const a2 = (await get(ministry, `unitId=${world.districtA2.id}`)).body;
    expect(a2.rows[0]).toMatchObject({ unitId: world.schoolA2.id, suppressed: true, teachers: null });
    expect(a2.unit.suppressed).toBe(true);
    const women = (await get(ministry, `unitId=${world.districtA1.id}&sex=female`)).body;
    expect(women.rows.find((r) => r.unitId === world.schoolA1.id)).toMatchObject({ suppressed: true });
    const men = (await get(ministry, `unitId=${world.regionA.id}&sex=male`)).body;
    expect(men.unit.teachers).toBe(8);
    expect(cell(men.unit).atTarget).toBe(4);
  });

  it('hides what subtraction would reveal: a small district beside a shown one, the other sex, a thinly assessed cell', async () => {
    const region = (await get(ministry, `unitId=${world.regionA.id}`)).body;
    expect(region.unit.teachers).toBe(14);
    // District A2 has 3 teachers; showing A1 would give A2 away as the region minus A1.
    expect(region.rows.map((r) => r.suppressed)).toEqual([true, true]);
    const men = (await get(ministry, `unitId=${world.districtA1.id}&sex=male`)).body;
    // School A1-1 has 3 men and 3 women: showing either sex shows the other by subtraction.
    expect(men.rows).toHaveLength(2);
    expect(men.rows.every((r) => r.suppressed)).toBe(true);
    const second = standard.items.filter((i) => i.type === 'competency')[1]!.id;
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    const rated = await make.person(world.ctx, world.schoolA1b, { sex: 'male' });
    await ledger.recordEvents(assessor.ctx, [
      {
        personId: rated.id,
        frameworkId: standard.id,
        itemId: second,
        levelCode: 'KC',
        kind: 'assessor',
        sourceType: 'test',
      },
    ]);
    const district = (await get(ministry, `unitId=${world.districtA1.id}`)).body;
    const secondCell = (row: Dashboard['rows'][number]) => row.cells.find((c) => c.itemId === second)!;
    expect(secondCell(district.unit)).toEqual({ itemId: second, atTarget: null, share: null });
    const byUnit = (id: string) => district.rows.find((r) => r.unitId === id)!;
    expect(secondCell(byUnit(world.schoolA1b.id)).atTarget).toBeNull();
    expect(district.unit.meanShare).toBeNull();
    // District A1 is hidden in its region (the region minus it is district A2's 3 teachers), so it is
    // hidden here too, and its schools (6 and 6 now) may not add up to it: one of them is hidden.
    expect(district.unit).toMatchObject({ suppressed: true, teachers: null });
    expect(cell(district.unit).atTarget).toBeNull();
    expect(district.rows.map((r) => r.suppressed)).toEqual([true, false]);
    expect(secondCell(byUnit(world.schoolA1b.id)).atTarget).toBeNull();
  });

  it('exports the table as CSV with the same figures and the same gaps', async () => {
    const res = await app.inject({
      url: `/api/dashboards/competencies/export.csv?frameworkId=${standard.id}&unitId=${world.districtA2.id}`,
      headers: ministry.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const [header, unitLine, schoolLine] = res.body
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    // Words, not codes: the target level by its title, the basis and the unit type as the screen says them.
    expect(header![0]).toMatch(new RegExp(`^Unit \\(target level: .+; Confirmed; ${new Date().getUTCFullYear()}\\)$`));
    expect(header!.slice(1, 5)).toEqual([
      'Type',
      'Teachers',
      'Average % at or above the target',
      expect.stringMatching(/^\S+: % at or above the target$/),
    ]);
    expect(res.body).not.toMatch(/percent_at_target|confirmed\b|\bdistrict\b/);
    // District A2 and its school have 3 teachers: every figure is left empty.
    expect(unitLine!.slice(1)).toEqual(['District', '', '', ...Array(18).fill('')]);
    expect(schoolLine![0]).toBe('School A2-1');
    const shown = await app.inject({
      url: `/api/dashboards/competencies/export.csv?frameworkId=${standard.id}&unitId=${world.districtA1.id}`,
      headers: ministry.headers,
    });
    const line = (name: string) =>
      shown.body
        .split('\r\n')
        .find((l) => l.startsWith(name))!
        .split(',');
    // School A1-1 is hidden so that the two schools do not add up to their hidden district; in the
    // first competency (6 and 5 assessed) School A1-2 is the smaller one and is hidden too.
    expect(line('School A1-1')[2]).toBe('');
    expect(line('School A1-2')[2]).toBe('6');
    expect(line('School A1-2')[4]).toBe('');
    const outside = await app.inject({
      url: `/api/dashboards/competencies/export.csv?frameworkId=${standard.id}&unitId=${world.nation.id}`,
      headers: district.headers,
    });
    expect(outside.statusCode).toBe(404);
  });

  it("writes the export in the reader's language", async () => {
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    const nepali = await signIn(app, officer.username, officer.password);
    await app.inject({ method: 'PATCH', url: '/api/me', headers: nepali.headers, payload: { locale: 'ne' } });
    const res = await app.inject({
      url: `/api/dashboards/competencies/export.csv?frameworkId=${standard.id}&unitId=${world.districtA1.id}`,
      headers: nepali.headers,
    });
    const [header, unitLine] = res.body.trim().split('\r\n');
    expect(header).toMatch(/^एकाइ \(लक्ष्य तह: /);
    expect(unitLine!.split(',')[1]).toBe('जिल्ला');
    const indicators = await app.inject({ url: '/api/dashboards/indicators/export.csv', headers: nepali.headers });
    expect(indicators.statusCode).toBe(200);
    expect(indicators.body.split('\r\n')[0]).toMatch(/^एकाइ \(\d{4}\),सूचक कोड,सूचक,/);
  });

  it("shows a closed year as it was recorded, and each unit's trend from the same figures", async () => {
    const now = new Date().getUTCFullYear();
    const before = (await get(ministry, `unitId=${world.nation.id}`)).body;
    expect(before).toMatchObject({ year: now, live: true, years: [now] });
    const notRecorded = await get(ministry, `unitId=${world.nation.id}&year=${now - 1}`);
    expect(notRecorded.status).toBe(404);
    expect((notRecorded.body as unknown as { error: { code: string } }).error.code).toBe('year_not_recorded');

    const record = await app.inject({
      method: 'POST',
      url: '/api/indicators/actuals',
      headers: ministry.headers,
      payload: { year: now - 1 },
    });
    expect(record.statusCode).toBe(200);
    // Today moves on: three more teachers reach the target after the year was recorded.
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    for (let i = 0; i < 3; i++) {
      const teacher = await make.person(world.ctx, world.schoolA1b, { sex: 'female' });
      await ledger.recordEvents(assessor.ctx, [
        {
          personId: teacher.id,
          frameworkId: standard.id,
          itemId: firstItem,
          levelCode: 'KD',
          kind: 'assessor',
          sourceType: 'test',
        },
      ]);
    }
    const live = (await get(ministry, `unitId=${world.nation.id}`)).body;
    const closed = (await get(ministry, `unitId=${world.nation.id}&year=${now - 1}`)).body;
    expect(live.years).toEqual([now - 1, now]);
    expect(closed).toMatchObject({ year: now - 1, live: false, frameworkId: standard.id });
    expect(closed.unit.teachers).toBe(before.unit.teachers);
    expect(cell(closed.unit).atTarget).toBe(cell(before.unit).atTarget);
    expect(live.unit.teachers).toBe(before.unit.teachers! + 3);
    expect(cell(live.unit).atTarget).toBe(cell(before.unit).atTarget! + 3);
    // The recorded year hides what it hid then, decided over its own figures.
    const closedRegion = (await get(ministry, `unitId=${world.regionA.id}&year=${now - 1}`)).body;
    expect(closedRegion.rows.map((r) => r.suppressed)).toEqual([true, true]);

    const trend = await app.inject({
      url: `/api/dashboards/competencies/trend?unitId=${world.nation.id}`,
      headers: ministry.headers,
    });
    expect(trend.statusCode).toBe(200);
    const points = trend.json().points as { year: number; live: boolean; teachers: number; meanShare: number }[];
    expect(points.map((p) => [p.year, p.live])).toEqual([
      [now - 1, false],
      [now, true],
    ]);
    expect(points.map((p) => p.teachers)).toEqual([closed.unit.teachers, live.unit.teachers]);
    expect(points.map((p) => p.meanShare)).toEqual([closed.unit.meanShare, live.unit.meanShare]);
    const outside = await app.inject({
      url: `/api/dashboards/competencies/trend?unitId=${world.nation.id}`,
      headers: district.headers,
    });
    expect(outside.statusCode).toBe(404);
  });

  it('counts self-assessed levels apart from confirmed ones', async () => {
    const self = (await get(ministry, `unitId=${world.nation.id}&basis=self`)).body;
    const confirmed = (await get(ministry, `unitId=${world.nation.id}`)).body;
    expect(self.unit.teachers).toBe(confirmed.unit.teachers);
    expect(cell(self.unit).atTarget).toBe(0);
    expect(self.unit.assessed).toBe(0);
  });

  it("ends the drill-down at a school's teachers: names for its leader, counts only for officers", async () => {
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const head = await signIn(app, leader.username, leader.password);
    const board = (await get(head, `unitId=${world.schoolA1.id}`)).body;
    expect(board.individualsVisible).toBe(true);
    const teachers = await app.inject({
      url: `/api/dashboards/competencies/teachers?frameworkId=${standard.id}&unitId=${world.schoolA1.id}`,
      headers: head.headers,
    });
    expect(teachers.statusCode).toBe(200);
    const list = teachers.json() as TeacherLevels;
    expect(list.teachers).toHaveLength(6);
    const index = board.competencies.findIndex((c) => c.itemId === firstItem);
    expect(list.teachers.map((t) => t.levels[index]).sort()).toEqual(['KA', 'KA', 'KA', 'KC', 'KD', 'KD']);
    // The same count as the district's row for the school (3 at or above KD), here by name.
    expect(list.teachers.filter((t) => t.atTarget > 0)).toHaveLength(3);
    expect(list.teachers.every((t) => t.name.length > 0 && t.levels.length === board.competencies.length)).toBe(true);

    const officerBoard = (await get(ministry, `unitId=${world.schoolA1.id}`)).body;
    expect(officerBoard.individualsVisible).toBe(false);
    expect(officerBoard.unit.teachers).toBe(board.unit.teachers);
    const refused = await app.inject({
      url: `/api/dashboards/competencies/teachers?unitId=${world.schoolA1.id}`,
      headers: ministry.headers,
    });
    expect(refused.statusCode).toBe(403);
    const elsewhere = await app.inject({
      url: `/api/dashboards/competencies/teachers?unitId=${world.schoolA2.id}`,
      headers: head.headers,
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('keeps a district officer to their district and a teacher out', async () => {
    const own = await get(district, '');
    expect(own.status).toBe(200);
    expect(own.body.unit.unitId).toBe(world.districtA1.id);
    expect((await get(district, `unitId=${world.nation.id}`)).status).toBe(404);
    expect((await get(district, `unitId=${world.districtA2.id}`)).status).toBe(404);
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const session = await signIn(app, teacher.username, teacher.password);
    expect((await get(session, '')).status).toBe(403);
  });
});
