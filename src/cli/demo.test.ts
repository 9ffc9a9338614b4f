import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/db.ts';
import type { Database } from '../server/db/database.ts';
import * as accounts from '../server/modules/accounts/accounts.service.ts';
import * as reports from '../server/modules/assessment/reports.service.ts';
import { competencyDashboard } from '../server/modules/monitoring/dashboard.service.ts';
import { indicatorDashboard } from '../server/modules/monitoring/indicators.figures.ts';
import * as org from '../server/modules/org/org.service.ts';
import { type Ctx, systemBase } from '../server/shared/context.ts';
import { DEMO_TENANT, seedDemo } from './demo.ts';

// One database: the country takes a while to seed, and each service it calls is tested on both.
describe('the demo country', () => {
  let database: Database;
  const getDb = () => database;
  beforeAll(async () => {
    database = await freshDatabase('sqlite');
  });
  afterAll(() => database.close());

  it('is active in every region over three years, the pilot region ahead of the lagging one, and the leader sees their school', async () => {
    await seedDemo(getDb(), { teachers: 700 });
    const base = systemBase(getDb());
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const nation = (await org.findUnitByCode(ctx, 'MRD')).id;
    // Its surveys are counted as it is seeded: the first dashboard read folds nothing.
    const waiting = await ctx.db
      .selectFrom('survey_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('tenant_id', '=', ctx.tenantId)
      .where('tallied', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(waiting.n)).toBe(0);

    // Every region has self-assessed and confirmed teachers, and teachers who completed training.
    const confirmed = await competencyDashboard(ctx, { unitId: nation, basis: 'confirmed' });
    const selfAssessed = await competencyDashboard(ctx, { unitId: nation, basis: 'self' });
    const regions = confirmed.rows.filter((r) => r.type === 'region');
    expect(regions).toHaveLength(7);
    for (const board of [confirmed, selfAssessed])
      for (const row of board.rows.filter((r) => r.type === 'region'))
        expect([board.basis, row.name.text, row.suppressed, row.cells.some((c) => (c.atTarget ?? 0) > 0)]).toEqual([
          board.basis,
          row.name.text,
          false,
          true,
        ]);
    const board = await indicatorDashboard(ctx, { unitId: nation });
    const trained = board.indicators.find((f) => f.indicator.code === 'IND-3')!;
    expect(trained.children.filter((c) => c.figure.numerator !== null && c.figure.numerator > 0)).toHaveLength(7);

    // The pilot region (Northern Highlands) is ahead of the lagging one (Island Provinces).
    const pedagogy = confirmed.competencies.filter((c) => c.code.startsWith('A3.')).map((c) => c.itemId);
    const share = (name: string) => {
      const cells = regions.find((r) => r.name.text === name)!.cells.filter((c) => pedagogy.includes(c.itemId));
      return cells.reduce((sum, c) => sum + c.share!, 0) / cells.length;
    };
    for (const _row of regions) expect(share('Northern Highlands')).toBeGreaterThan(share('Island Provinces'));

    // 2024 and 2025 were recorded as the years closed, 2026 is live, and each year moved the figures.
    const selfShare = board.indicators.find((f) => f.indicator.code === 'IND-1')!;
    const line = new Map(selfShare.timeline.map((p) => [p.year, p]));
    expect(line.get(2024)).toMatchObject({ source: 'recorded' });
    expect(line.get(2025)).toMatchObject({ source: 'recorded' });
    expect(line.get(2026)).toMatchObject({ source: 'live' });
    expect(line.get(2024)!.actual!).toBeGreaterThan(0);
    expect(line.get(2025)!.actual!).toBeGreaterThan(line.get(2024)!.actual!);
    expect(line.get(2026)!.actual!).toBeGreaterThan(line.get(2025)!.actual!);

    // The school leader's group report of their school is shown, with at least five respondents.
    const leader = (await accounts.listAccounts(ctx, { limit: 200 })).find((a) => a.username === 'leader')!;
    const asLeader: Ctx = {
      ...ctx,
      actor: {
        accountId: leader.id,
        personId: leader.personId,
        username: 'leader',
        system: false,
        grants: leader.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgUnitPath: g.orgUnitPath })),
      },
    };
    const school = (await org.findUnitByCode(ctx, 'R1-D1-S1')).id;
    const report = await reports.groupReport(asLeader, school);
    expect(report.suppressed).toBe(false);
    expect(report.respondents!).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
