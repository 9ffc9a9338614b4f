import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as org from '../../src/server/modules/org/org.service.ts';
import type { Effect } from '../../src/server/modules/surveys/effect.schemas.ts';
import { effectOfTraining } from '../../src/server/modules/surveys/effect.service.ts';
import { type Ctx, systemBase } from '../../src/server/shared/context.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

/** "+0.42" as the page writes a change (two decimals at most, a real minus sign). */
const changeText = (value: number) => {
  const rounded = Math.round(value * 100) / 100;
  const text = String(Math.abs(rounded));
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
};

/**
 * The ministry opens the effect of the demo's 1:1 computing module on confirmed competence from the
 * module's page: both groups' change per starting level, the estimate with its interval and the
 * caution, as the service computes them, and the units below as cards on a phone.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`effect of training [${dialect}]`, () => {
    let world: BrowserWorld;
    let expected: Effect;

    beforeAll(async () => {
      world = await startBrowserWorld(300, dialect);
      const tenant = await world.database.db.selectFrom('tenant').select('id').executeTakeFirstOrThrow();
      const ctx: Ctx = { ...systemBase(world.database), tenantId: tenant.id };
      const module = await world.database.db
        .selectFrom('training_module')
        .select('id')
        .where('code', '=', 'ICT-1TO1')
        .executeTakeFirstOrThrow();
      const nation = await org.findUnitByCode(ctx, 'MRD');
      expected = await effectOfTraining(ctx, { kind: 'module', id: module.id }, { unitId: nation.id });
    }, 240_000);
    afterAll(() => world?.close());

    it('shows trained and not-yet-trained change with the estimate’s interval and the caution', async () => {
      const f = expected.figures;
      // The demo gives both groups enough teachers with a confirmed level before and after.
      expect(f.counts.trained!).toBeGreaterThanOrEqual(5);
      expect(f.counts.comparison!).toBeGreaterThanOrEqual(5);
      expect(f.estimate.value).not.toBeNull();

      const page = await world.signedIn('ministry');
      await page.goto(`${world.base}/training`);
      await page.getByRole('link', { name: '1:1 computing in the classroom' }).click();
      await page.getByRole('link', { name: 'Effect on competence' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Effect on competence: 1:1 computing in the classroom' })
        .waitFor();

      await expect(page.locator('dd[data-group="trained"]').textContent()).resolves.toBe(
        `${f.counts.trained} teachers`,
      );
      await expect(page.locator('dd[data-group="comparison"]').textContent()).resolves.toBe(
        `${f.counts.comparison} teachers`,
      );
      const estimate = await page.locator('.effect-estimate').textContent();
      expect(estimate).toContain(`rose by ${changeText(f.estimate.value!)} levels more`);
      expect(estimate).toContain(`95% interval: ${changeText(f.estimate.low!)} to ${changeText(f.estimate.high!)}`);
      await page.getByRole('img', { name: /^Estimated effect / }).waitFor();
      await expect(page.getByRole('note').textContent()).resolves.toContain('Training was not assigned at random.');

      // Each starting level: both groups' mean change, or "Fewer than 5" where a group is small.
      const rows = page.locator('table.effect-strata tbody tr');
      await expect(rows.count()).resolves.toBe(f.strata.length);
      for (const [i, s] of f.strata.entries()) {
        const cell = (group: string) => rows.nth(i).locator(`td[data-change="${group}"]`).textContent();
        const text = (c: typeof s.trained) =>
          c.meanChange === null ? (c.count === 0 ? '—' : 'Fewer than 5') : changeText(c.meanChange);
        await expect(cell('trained')).resolves.toBe(text(s.trained));
        await expect(cell('comparison')).resolves.toBe(text(s.comparison));
      }
      expect(f.strata.some((s) => s.trained.meanChange !== null && s.comparison.meanChange !== null)).toBe(true);

      // The units below, and on a 360 px phone as labelled cards.
      const phone = await world.signedIn('ministry', { width: 360, height: 740 });
      await phone.goto(page.url());
      const regions = phone.locator('table.effect-regions tbody tr');
      await regions.first().waitFor();
      await expect(regions.count()).resolves.toBe(expected.regions.length);
      const label = await regions
        .first()
        .locator('td')
        .first()
        .evaluate((td) => getComputedStyle(td, '::before').content);
      expect(label).toContain('Trained in the period');
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
    });
  });
}
