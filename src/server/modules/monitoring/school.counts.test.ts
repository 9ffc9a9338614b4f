import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { DEMO_TENANT, seedDemo } from '../../../cli/demo.ts';
import type { Database } from '../../db/database.ts';
import { type Ctx, inTransaction, systemBase } from '../../shared/context.ts';
import { todayIso } from '../../shared/ids.ts';
import { importOrgUnits } from '../imports/imports.service.ts';
import * as org from '../org/org.service.ts';
import * as partnerships from '../practice/partnerships.service.ts';
import * as plans from '../practice/schoolplans.service.ts';
import { rebuildSchoolCounts, schoolCountSnapshot, schoolCountsOf } from './school.counts.repo.ts';
import { mergeIntervals, registerSchoolCounts, unregisterSchoolCounts } from './school.counts.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const DAYS = [-500, -200, -45, -1, 0, 1, 50, 150, 350, 450].map(day);

/**
 * The counts straight from the source tables, as the dashboard used to read them: per unit and
 * place, the schools under it, those with an active plan whose period holds `on`, and those named
 * by a partnership whose period holds it.
 */
async function counted(db: Database['db'], tenantId: string, on: string) {
  const rows = await sql<{ unit_id: string; place: string; schools: number; with_plan: number; with_partner: number }>`
    select g.id as unit_id, coalesce(s.locality, 'unknown') || '|' || s.type as place, count(*) as schools,
      sum(case when exists (select 1 from school_plan sp where sp.tenant_id = s.tenant_id and sp.school_id = s.id
        and sp.status = 'active' and sp.period_start <= ${on} and sp.period_end >= ${on}) then 1 else 0 end) as with_plan,
      sum(case when exists (select 1 from partnership_school ps join partnership p
        on p.tenant_id = ps.tenant_id and p.id = ps.partnership_id where ps.tenant_id = s.tenant_id
        and ps.school_unit_id = s.id and p.starts_on <= ${on} and p.ends_on >= ${on}) then 1 else 0 end) as with_partner
    from org_unit g join org_unit s on s.tenant_id = g.tenant_id and substr(s.path, 1, length(g.path)) = g.path
    where g.tenant_id = ${tenantId} and s.type = 'school'
    group by g.id, coalesce(s.locality, 'unknown') || '|' || s.type`.execute(db);
  return rows.rows
    .map((r) => ({
      ...r,
      schools: Number(r.schools),
      with_plan: Number(r.with_plan),
      with_partner: Number(r.with_partner),
    }))
    .sort((a, b) => a.unit_id.localeCompare(b.unit_id) || a.place.localeCompare(b.place));
}

/** Kept counts equal the source tables on each day, and a rebuild changes nothing. */
async function expectRight(ctx: Ctx, step: string) {
  const units = await ctx.db.selectFrom('org_unit').select('id').where('tenant_id', '=', ctx.tenantId).execute();
  const ids = units.map((u) => u.id);
  for (const on of DAYS)
    expect(await schoolCountsOf(ctx.db, ctx.tenantId, ids, on), `${step}, on ${on}`).toEqual(
      await counted(ctx.db, ctx.tenantId, on),
    );
  const kept = await schoolCountSnapshot(ctx.db, ctx.tenantId);
  await inTransaction(ctx, (tx) => rebuildSchoolCounts(tx.db, tx.tenantId));
  expect(await schoolCountSnapshot(ctx.db, ctx.tenantId), `${step}: incremental = rebuilt`).toEqual(kept);
}

describe('merged intervals', () => {
  it('merge overlapping and contained periods, keep touching-free ones apart, drop reversed ones', () => {
    expect(
      mergeIntervals([
        { start: '2026-03-01', end: '2026-06-30' },
        { start: '2026-01-01', end: '2026-03-01' },
        { start: '2026-02-01', end: '2026-02-10' },
        { start: '2026-07-01', end: '2026-08-01' },
        { start: '2026-09-10', end: '2026-09-01' },
      ]),
    ).toEqual([
      { start: '2026-01-01', end: '2026-06-30' },
      { start: '2026-07-01', end: '2026-08-01' },
    ]);
  });
});

describeOnEachDatabase('school counts per unit and place', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;

  beforeAll(async () => {
    registerSchoolCounts();
    world = await make.country(getDb());
  });
  afterAll(() => unregisterSchoolCounts());

  it('follow schools, plans, partnerships, moves, relabelling and imports, and equal a rebuild', async () => {
    const ctx = world.ctx;
    const { regionB, districtA1, districtA2, districtB1, schoolA1, schoolA1b, schoolA2, schoolB1 } = world;
    const urban = await org.createUnit(ctx, {
      parentId: districtA1.id,
      type: 'school',
      code: 'URBAN-1',
      name: { en: 'Urban school' },
      locality: 'urban',
    });
    await make.unit(ctx, districtB1, 'resource_centre');
    await expectRight(ctx, 'schools created');

    const plan = (schoolId: string, from: number, to: number) =>
      plans.createPlan(ctx, {
        schoolId,
        reviewId: null,
        title: 'ICT plan',
        periodStart: day(from),
        periodEnd: day(to),
        vision: 'Every class creates with ICT.',
        goals: {},
        partnershipId: null,
        developmentPlanIds: [],
        actions: [],
      });
    const a1 = await plan(schoolA1.id, -10, 300);
    await plans.setPlanStatus(ctx, a1.id, 'active');
    await plan(schoolA1b.id, -10, 300); // a draft counts for nothing
    await plans.setPlanStatus(ctx, (await plan(schoolA2.id, 30, 400)).id, 'active'); // not yet begun
    const b1old = await plan(schoolB1.id, -100, 100);
    await plans.setPlanStatus(ctx, b1old.id, 'active');
    await expectRight(ctx, 'plans activated');
    await plans.setPlanStatus(ctx, b1old.id, 'archived');
    // The next plan overlaps the archived one; only the active one counts.
    await plans.setPlanStatus(ctx, (await plan(schoolB1.id, -50, 200)).id, 'active');
    await plans.updatePlan(ctx, a1.id, { periodStart: day(-300), periodEnd: day(-1) }); // ended yesterday
    await plans.updatePlan(ctx, a1.id, { title: 'Renamed' });
    await expectRight(ctx, 'plans archived and re-dated');

    const college = await make.unit(ctx, world.regionA, 'tei', 'College A');
    const national = await make.unit(ctx, world.nation, 'tei', 'National institute');
    const coachA = await make.person(ctx, college, { category: 'trainer' });
    const coachN = await make.person(ctx, national, { category: 'trainer' });
    const partner = (host: string, coach: string, schoolIds: string[], from: number, to: number) =>
      partnerships.createPartnership(ctx, {
        teiUnitId: host,
        title: 'Partnership',
        focus: 'Tablets in grades 5-7',
        startsOn: day(from),
        endsOn: day(to),
        schoolIds,
        coachIds: [coach],
      });
    const running = await partner(college.id, coachA.id, [schoolA1.id, schoolA1b.id], -30, 300);
    // Overlapping periods of two hosts at schoolA1 merge; schoolA2 has a past and a future partnership.
    await partner(national.id, coachN.id, [schoolA1.id, schoolB1.id], -60, 100);
    await partner(college.id, coachA.id, [schoolA2.id], -400, -40);
    await partner(national.id, coachN.id, [schoolA2.id], 40, 200);
    await expectRight(ctx, 'partnerships made');
    // Today at the top: five schools; a plan at schoolB1 only (schoolA1's ended, schoolA2's not begun);
    // partnerships at schoolA1 (two), schoolA1b and schoolB1 (schoolA2's is past and to come).
    expect(await schoolCountsOf(ctx.db, ctx.tenantId, [world.nation.id], day(0))).toEqual([
      { unit_id: world.nation.id, place: 'unknown|school', schools: 4, with_plan: 1, with_partner: 3 },
      { unit_id: world.nation.id, place: 'urban|school', schools: 1, with_plan: 0, with_partner: 0 },
    ]);
    await partnerships.updatePartnership(ctx, running.id, {
      schoolIds: [schoolA1b.id, urban.id],
      startsOn: day(-20),
      endsOn: day(120),
    });
    await expectRight(ctx, 'partnership schools and period changed');

    await org.moveUnit(ctx, schoolA1b.id, districtB1.id);
    await org.moveUnit(ctx, districtA2.id, regionB.id);
    await expectRight(ctx, 'a school and a district moved');

    await org.updateUnit(ctx, schoolA1.id, { locality: 'rural' });
    await org.updateUnit(ctx, urban.id, { locality: 'rural' });
    await expectRight(ctx, 'localities changed');

    await org.updateUnit(ctx, schoolB1.id, { type: 'tei' });
    await expectRight(ctx, 'a school became a TEI');
    await org.updateUnit(ctx, schoolB1.id, { type: 'school' });
    await expectRight(ctx, 'and a school again');

    const csv = (...lines: string[]) => [Buffer.from(`${lines.join('\n')}\n`)];
    await importOrgUnits(
      ctx,
      csv(
        'code,parent_code,type,name,locality',
        `NEW-1,${districtB1.code},school,New school,urban`,
        `${schoolA2.code},${districtA1.code},school,School A2-1,rural`,
        `${schoolA1.code},${districtA1.code},tei,School A1-1,rural`,
      ),
    );
    await expectRight(ctx, 'an org import');
  });
});

describeOnEachDatabase('school counts after the demo', (getDb) => {
  it('equal the source tables', async () => {
    await seedDemo(getDb(), { teachers: 400 });
    const base = systemBase(getDb());
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const units = await ctx.db.selectFrom('org_unit').select('id').where('tenant_id', '=', ctx.tenantId).execute();
    const today = todayIso();
    const kept = await schoolCountsOf(
      ctx.db,
      ctx.tenantId,
      units.map((u) => u.id),
      today,
    );
    expect(kept).toEqual(await counted(ctx.db, ctx.tenantId, today));
    expect(kept.some((r) => r.with_plan > 0 && r.with_partner > 0)).toBe(true);
  }, 300_000); // the whole demo, seeded while other files run
});
