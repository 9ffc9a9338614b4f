import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedSecondCountry } from '../../src/cli/demo-second-country.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const OFFICE = 'regional-office';
const HEADING = 'Countries by the reference competencies';
const EMPTY = 'No country shares its figures with this office yet.';
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;

/**
 * The regional office compares the countries that share with it through the reference framework; the
 * ministry of Meridia grants and revokes what the office receives, and the office's next look follows.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`the regional comparison [${dialect}]`, () => {
    let world: BrowserWorld;

    beforeAll(async () => {
      world = await startBrowserWorld(120, dialect);
      // A second country with a standard of its own structure (four domains, its own levels) and its crosswalk.
      await seedSecondCountry(world.database, { code: 'solvara', name: 'Republic of Solvara', teachers: 120 });
    }, 240_000);
    afterAll(() => world?.close());

    const meridiaRow = (page: Page) => page.locator('table.comparison-table tbody tr', { hasText: 'Meridia' });

    it('lands the regional office on the comparison, with Meridia, a percent and its coverage', async () => {
      const page = await world.signedIn(OFFICE);
      await page.getByRole('heading', { name: HEADING }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/regional');
      const row = meridiaRow(page);
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells).toHaveLength(18);
      expect(cells.some((text) => /^\d+%/.test(text))).toBe(true);
      await expect(row.locator('th').textContent()).resolves.toContain('15 of 18 mapped');
      // Meridia maps some competencies only broadly, narrowly or as related: those cells carry the caveat.
      expect(await row.locator('.caveat').count()).toBeGreaterThan(0);
      await page.context().close();
    });

    it("shows a second country with another standard once its ministry grants, and only that country's revoke hides it", async () => {
      const solvaraRow = (page: Page) =>
        page.locator('table.comparison-table tbody tr', { hasText: 'Republic of Solvara' });
      const office = await world.signedIn(OFFICE);
      await meridiaRow(office).waitFor();
      expect(await solvaraRow(office).count()).toBe(0);

      const ministry = await world.signedIn('solvara-ministry');
      await ministry.goto(`${world.base}/data-sharing`);
      await ministry.getByRole('heading', { name: 'Data sharing with regional offices' }).waitFor();
      await ministry.getByRole('button', { name: 'Grant Competency shares to Regional Office for Education' }).click();
      const revoke = ministry.getByRole('button', {
        name: 'Revoke Competency shares from Regional Office for Education',
      });
      await revoke.waitFor();

      await office.reload();
      await solvaraRow(office).waitFor();
      await meridiaRow(office).waitFor();
      // Each country read through its own crosswalk: Solvara maps fewer reference competencies.
      await expect(solvaraRow(office).locator('th').textContent()).resolves.toMatch(/\d+ of 18 mapped/);
      expect(await solvaraRow(office).locator('td').count()).toBe(18);

      await revoke.click();
      await ministry
        .getByRole('button', { name: 'Grant Competency shares to Regional Office for Education' })
        .waitFor();
      await office.reload();
      await meridiaRow(office).waitFor();
      expect(await solvaraRow(office).count()).toBe(0);
      await ministry.context().close();
      await office.context().close();
    });

    it('takes Meridia off the comparison when its ministry revokes, and back when it grants again', async () => {
      const ministry = await world.signedIn('ministry');
      await ministry.getByRole('link', { name: 'Data sharing' }).click();
      await ministry.getByRole('heading', { name: 'Data sharing with regional offices' }).waitFor();
      await ministry
        .getByRole('button', { name: 'Revoke Competency shares from Regional Office for Education' })
        .click();
      const grant = ministry.getByRole('button', { name: 'Grant Competency shares to Regional Office for Education' });
      await grant.waitFor();

      const office = await world.signedIn(OFFICE);
      await office.getByText(EMPTY).waitFor();
      expect(await meridiaRow(office).count()).toBe(0);

      await grant.click();
      await ministry
        .getByRole('button', { name: 'Revoke Competency shares from Regional Office for Education' })
        .waitFor();
      await office.reload();
      await meridiaRow(office).waitFor();
      expect(await office.getByText(EMPTY).count()).toBe(0);
      await ministry.context().close();
      await office.context().close();
    });

    it('folds into one card per country on a 360 px phone, without scrolling sideways', async () => {
      const page = await world.signedIn(OFFICE, PHONE);
      const card = page.locator('.country-card', { hasText: 'Meridia' });
      await card.waitFor();
      await expect(card.isVisible()).resolves.toBe(true);
      await expect(card.textContent()).resolves.toContain('15 of 18 mapped');
      await expect(page.locator('table.comparison-table').isVisible()).resolves.toBe(false);
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
      await page.context().close();
    });

    it('speaks Uzbek', async () => {
      const page = await world.signedIn(OFFICE);
      await page.getByRole('heading', { name: HEADING }).waitFor();
      await page.locator('label.language select').selectOption('uz');
      await page.locator('html[lang^="uz"]').waitFor();
      await page.getByRole('heading', { name: 'Mamlakatlar namunaviy kompetensiyalar bo‘yicha' }).waitFor();
      // The country's own name follows the language too; its coverage is told in Uzbek.
      const row = page.locator('table.comparison-table tbody tr').first();
      await row.waitFor();
      await expect(row.locator('th').textContent()).resolves.toContain('18 tadan 15 tasi moslangan');
      await page.context().close();
    });
  });
}
