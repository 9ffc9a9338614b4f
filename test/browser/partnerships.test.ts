import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;

/**
 * The Amberfield district officer partners the region's teacher college with a school that had no
 * partner, on a phone, and the district's coverage counts one school fewer without a partner.
 */
describe('partnerships', () => {
  let world: BrowserWorld;
  const shots = process.env.PATHWAY_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-partnerships-'));

  beforeAll(async () => {
    world = await startBrowserWorld(60);
  }, 120_000);
  afterAll(() => world?.close());

  const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);
  const figure = async (page: Page, id: string) => Number(await page.getByTestId(id).textContent());

  async function inLanguage(page: Page, code: string) {
    const select = page.locator('label.language select');
    if (!(await select.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
    await select.selectOption(code);
    await page.locator(`html[lang^="${code}"]`).waitFor();
  }

  it('is made by the district officer, and coverage follows', async () => {
    const page = await world.signedIn('district', PHONE);
    await page.goto(`${world.base}/partnerships`);
    await page.getByRole('link', { name: 'Partnership coverage: Amberfield' }).click();
    await page.getByRole('heading', { name: 'Partnership coverage: Amberfield' }).waitFor();
    const coverageUrl = page.url();
    const without = await figure(page, 'coverage-without');
    const withPartner = await figure(page, 'coverage-with');
    await page.getByRole('cell', { name: 'Amberfield School No. 2' }).waitFor();
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);

    await page.goto(`${world.base}/partnerships/new`);
    const host = page.getByLabel('Teacher college or resource centre');
    const college = await host
      .locator('option', { hasText: 'Northern Highlands Teacher College' })
      .getAttribute('value');
    await host.selectOption(college!);
    await page.getByLabel('Title').fill('Amberfield No. 2 and the college');
    await page.getByLabel('Focus').fill('Pair work with tablets in grades 5 and 6');
    const year = new Date().getUTCFullYear();
    await page.getByLabel('Ends on').fill(`${year + 1}-06-30`);
    const coaches = page.getByRole('group', { name: 'Coaches' });
    await coaches.getByRole('checkbox').first().check();
    await page.getByLabel('Find a school').fill('Amberfield School No. 2');
    await page.getByRole('checkbox', { name: 'Amberfield School No. 2' }).check();
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Create partnership' }).click();
    await page.getByRole('heading', { name: 'Amberfield No. 2 and the college' }).waitFor();
    await page.getByRole('cell', { name: 'Amberfield School No. 2' }).waitFor();
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);

    // The officer logs the opening meeting.
    await page.getByLabel('What happened').fill('Opening meeting with the school leader.');
    await page.getByRole('button', { name: 'Add to the log' }).click();
    await page.getByText('Opening meeting with the school leader.').waitFor();
    const partnershipUrl = page.url();

    await page.goto(coverageUrl);
    await page.getByRole('heading', { name: 'Partnership coverage: Amberfield' }).waitFor();
    await expect(figure(page, 'coverage-without')).resolves.toBe(without - 1);
    await expect(figure(page, 'coverage-with')).resolves.toBe(withPartner + 1);
    await expect(page.getByRole('cell', { name: 'Amberfield School No. 2' }).count()).resolves.toBe(0);

    // The same pages on a phone in Uzbek and Nepali.
    for (const code of ['uz', 'ne']) {
      await inLanguage(page, code);
      for (const [name, url] of [
        ['coverage', coverageUrl],
        ['partnership', partnershipUrl],
        ['new', `${world.base}/partnerships/new`],
        ['list', `${world.base}/partnerships`],
      ] as const) {
        await page.goto(url);
        await page.locator('main h1').first().waitFor();
        await page.locator('main form, main table, main dl').first().waitFor();
        await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
        await page.screenshot({ path: path.join(shots, `partnership-${name}-${code}.png`), fullPage: true });
      }
    }
    await inLanguage(page, 'en');
  });

  it('lets the school leader name a peer coach', async () => {
    const page = await world.signedIn('leader', PHONE);
    await page.goto(`${world.base}/coach-assignments`);
    const teacher = page.getByLabel('Teacher');
    await teacher.locator('option').nth(1).waitFor({ state: 'attached' });
    await teacher.selectOption({ index: 1 });
    const coach = page.getByLabel('Coach');
    await coach.selectOption({ index: 1 });
    const year = new Date().getUTCFullYear();
    await page.getByLabel('Ends on').fill(`${year + 1}-06-30`);
    await page.getByRole('button', { name: 'Assign the coach' }).click();
    await page.locator('main table tbody tr').first().waitFor();
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
  });
});
