import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { DEMO_TENANT, seedDemo } from '../../../cli/demo.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import * as org from '../org/org.service.ts';
import * as plans from './schoolplans.service.ts';
import * as reviews from './schoolreviews.service.ts';

describeOnEachDatabase('the demo school plans', (getDb) => {
  it('has reviews answered by at least 5 and plans in every state across the regions', async () => {
    await seedDemo(getDb(), { teachers: 400 });
    const base = systemBase(getDb());
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const db = ctx.db;
    const statuses = await db
      .selectFrom('school_plan')
      .select('status')
      .where('tenant_id', '=', ctx.tenantId)
      .execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['draft', 'active', 'archived']));
    const counts = await db
      .selectFrom('school_review_respondent')
      .select(['review_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('tenant_id', '=', ctx.tenantId)
      .groupBy('review_id')
      .execute();
    expect(counts.length).toBeGreaterThan(3);
    expect(Math.min(...counts.map((c) => Number(c.n)))).toBeGreaterThanOrEqual(5);

    const nation = (await org.listUnits(ctx, { limit: 1 }))[0]!;
    const national = await plans.districtPlans(ctx, nation.id);
    expect(national.withCurrentPlan).toBeGreaterThan(0);
    expect(national.withoutCurrentPlan).toBeGreaterThan(0);
    const withProgress = national.list.find((s) => s.plan?.progress.lastReviewedOn);
    expect(withProgress).toBeDefined();

    const closed = await db
      .selectFrom('school_review')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('closes_on', '<', new Date().toISOString().slice(0, 10))
      .execute();
    const results = await reviews.reviewResults(ctx, closed[0]!.id);
    expect(results.suppressed).toBe(false);
    const means = results.areas.map((a) => a.all.mean!);
    expect(Math.max(...means)).toBeGreaterThan(Math.min(...means));
  });
});
