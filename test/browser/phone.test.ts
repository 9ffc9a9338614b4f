import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };

/**
 * Data on a 360 px phone, on both databases: tables keep their labels in view, nothing widens the page,
 * the self-assessment comes in steps.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`data on a phone [${dialect}]`, () => {
    let world: BrowserWorld;

    beforeAll(async () => {
      world = await startBrowserWorld(200, dialect);
    }, 180_000);
    afterAll(() => world?.close());

    const pageWidth = (page: Awaited<ReturnType<BrowserWorld['signedIn']>>) =>
      page.evaluate(() => document.scrollingElement!.scrollWidth);

    it('keeps each dashboard figure beside its unit and under its competency, scrolling the table, not the page', async () => {
      const page = await world.signedIn('ministry', PHONE);
      await page.goto(`${world.base}/dashboard`);
      await page.getByRole('heading', { name: 'Competencies against the target: Meridia' }).waitFor();
      const table = page.locator('table.dashboard');
      await table.waitFor();
      await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
      // The table scrolls inside its own box.
      const scroll = await table.evaluate((el) => ({ width: el.scrollWidth, box: el.clientWidth }));
      expect(scroll.width).toBeGreaterThan(scroll.box);
      // Scrolled to its last column, the unit names still stand in the first column, in view.
      await table.evaluate((el) => {
        el.scrollLeft = el.scrollWidth;
      });
      const box = (await table.boundingBox())!;
      const row = table.locator('tbody tr').first();
      const name = (await row.locator('th').boundingBox())!;
      expect(name.x).toBeGreaterThanOrEqual(box.x - 1);
      expect(name.x + name.width).toBeLessThanOrEqual(box.x + box.width / 2 + 1);
      await expect(row.locator('th').textContent()).resolves.toBe('Northern Highlands');
      // The last figure is in view, under its competency's heading and to the right of the unit name.
      const cell = (await row.locator('td').last().boundingBox())!;
      const heading = (await table.locator('thead th').last().boundingBox())!;
      expect(cell.x).toBeGreaterThanOrEqual(name.x + name.width - 1);
      expect(cell.x + cell.width).toBeLessThanOrEqual(box.x + box.width + 1);
      expect(Math.abs(heading.x - cell.x)).toBeLessThan(2);
      await expect(table.locator('thead th').last().textContent()).resolves.toMatch(/^A\d/);
      // The caption wraps as text does, not a word per line.
      const caption = (await table.locator('caption').boundingBox())!;
      expect(caption.height).toBeLessThan(100);
      // The heat map has a key with figures and says why cells are empty.
      await expect(page.locator('.heatmap-key li').first().textContent()).resolves.toMatch(/0–20%/);
      await page.getByText('Empty: not shown because fewer than 5 teachers').waitFor();
    });

    it('names the figures of each recognition rule', async () => {
      const page = await world.signedIn('admin', PHONE);
      await page.goto(`${world.base}/recognition/rules`);
      const row = page.locator('table tbody tr').first();
      await row.waitFor();
      const issued = await row
        .locator('td')
        .nth(3)
        .evaluate((el) => getComputedStyle(el, '::before').content);
      expect(issued).toContain('Issued');
      await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
    });

    it('gives the self-assessment one aspect per screen with its place, and resumes where the teacher left', async () => {
      const page = await world.signedIn('teacher', PHONE);
      await page.goto(`${world.base}/self-assessment`);
      await page.getByRole('button', { name: 'Start the self-assessment' }).click();
      await page.getByText('Aspect 1 of 6').waitFor();
      await expect(page.locator('section.aspect').count()).resolves.toBe(1);
      const questions = page.locator('fieldset.question');
      const first = await questions.count();
      for (let i = 0; i < first; i++) await questions.nth(i).getByRole('radio').first().check();
      await page.getByText('all answers saved').waitFor();
      await page.getByRole('button', { name: 'Next aspect' }).click();
      await page.getByText('Aspect 2 of 6').waitFor();
      await expect(page.locator('section.aspect').count()).resolves.toBe(1);
      await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
      // Back later: it opens at the first aspect with a question left.
      await page.reload();
      await page.getByText('Aspect 2 of 6').waitFor();
      await page.getByRole('button', { name: 'Previous aspect' }).click();
      await page.getByText('Aspect 1 of 6').waitFor();
    });

    it('fits the screen in Uzbek and Nepali too, with Nepali figures in Devanagari', async () => {
      const nation = await world.database.db
        .selectFrom('org_unit')
        .select('id')
        .where('type', '=', 'nation')
        .executeTakeFirstOrThrow();
      for (const locale of ['uz', 'ne']) {
        await world.database.db
          .updateTable('user_account')
          .set({ locale })
          .where('username', '=', 'ministry')
          .execute();
        const page = await world.signedIn('ministry', PHONE);
        for (const path of ['/dashboard', `/org/${nation.id}/self-assessment`, '/indicators']) {
          await page.goto(`${world.base}${path}`);
          await page.locator('main table').first().waitFor();
          expect(await pageWidth(page), `${locale} ${path}`).toBeLessThanOrEqual(360);
        }
        await page.goto(`${world.base}/dashboard`);
        const figures = await page.locator('table.dashboard tbody td').allTextContents();
        if (locale === 'ne') expect(figures.join('')).not.toMatch(/[0-9]/);
        await page.context().close();
      }
    });
  });
}
