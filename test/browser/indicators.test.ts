import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

async function bytesOf(download: Promise<Download>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await (await download).createReadStream()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

describe('indicators against the roadmap in a real browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld(200);
  }, 120_000);
  afterAll(() => world?.close());

  it('shows a ministry officer the nation against its targets, down to a district and a school, and its PDF report', async () => {
    const page = await world.signedIn('ministry');
    await page.getByRole('link', { name: 'Indicators', exact: true }).first().click();
    await heading(page, 'Indicators: Meridia');
    // Headline cards: each states its target (set here, by the nation) and its status in words.
    const cards = page.locator('.indicator-card');
    expect(await cards.count()).toBeGreaterThan(0);
    await cards
      .first()
      .getByText(/^Target \d{4}:/)
      .waitFor();
    await expect(page.locator('.indicator-card', { hasText: 'Set by this unit' }).count()).resolves.toBeGreaterThan(0);
    const statuses = await page.locator('.indicator-card .badge').allTextContents();
    for (const status of statuses)
      expect(status).toMatch(/On track|At risk|Off track|No target|No figures recorded|Fewer than 5/);
    // The progress lines and the comparison load their chart code lazily, after the figures.
    await page.locator('.progress-chart svg').first().waitFor();
    await page.locator('.comparison-chart svg').waitFor();
    // Sibling comparison: one row per region, each a drill-down.
    const regions = page.locator('table.figures', { hasText: 'Indicators by unit below' }).locator('tbody tr');
    expect(await regions.count()).toBe(7);

    await page.getByRole('link', { name: 'Northern Highlands' }).click();
    await heading(page, 'Indicators: Northern Highlands');
    // Below the nation the nation's targets apply, and the card says so.
    await page.locator('.indicator-card', { hasText: 'Inherited from Meridia' }).first().waitFor();
    await page.getByRole('link', { name: 'Amberfield', exact: true }).click();
    await heading(page, 'Indicators: Amberfield');
    await page.getByRole('link', { name: 'Amberfield School No. 1' }).click();
    await heading(page, 'Indicators: Amberfield School No. 1');
    const crumbs = page.getByRole('navigation', { name: 'Units above' });
    await expect(crumbs.getByRole('link', { name: 'Meridia' }).isVisible()).resolves.toBe(true);

    await crumbs.getByRole('link', { name: 'Meridia' }).click();
    await heading(page, 'Indicators: Meridia');
    const pdf = await bytesOf(
      Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /^Report for \d{4} \(PDF\)$/ }).click(),
      ]).then(([d]) => d),
    );
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('keeps a district officer to their district', async () => {
    const page = await world.signedIn('district');
    await page.getByRole('link', { name: 'Indicators', exact: true }).first().click();
    await heading(page, 'Indicators: Amberfield');
    await expect(page.getByRole('link', { name: 'Meridia' }).count()).resolves.toBe(0);
    const nation = await world.database.db
      .selectFrom('org_unit')
      .select('id')
      .where('type', '=', 'nation')
      .executeTakeFirstOrThrow();
    await page.goto(`${world.base}/indicators/${nation.id}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  it('lets a district officer set their own target, which then applies in place of the nation’s', async () => {
    const page = await world.signedIn('district');
    await page.getByRole('link', { name: 'Indicators', exact: true }).first().click();
    await heading(page, 'Indicators: Amberfield');
    await page.locator('.indicator-card').first().getByRole('link', { name: 'Roadmap' }).click();
    await page.getByRole('heading', { level: 1, name: /^Roadmap: / }).waitFor();
    await page.getByRole('button', { name: 'Add a year' }).click();
    await page.getByLabel('Year, row 1').fill('2030');
    await page.getByLabel('Target, row 1').fill('42');
    await page.getByRole('button', { name: 'Save the roadmap' }).click();
    await page.getByRole('status').getByText('The roadmap is saved.').waitFor();
    const row = page
      .locator('table.roadmap', { hasText: 'Targets that apply here' })
      .locator('tr', { hasText: '2030' });
    await row.getByText('Set by this unit').waitFor();
    await page.getByRole('link', { name: 'Back to the indicators' }).click();
    await heading(page, 'Indicators: Amberfield');
  });

  it('gives the logframe and the policy alignment of the nation', async () => {
    const page = await world.signedIn('ministry');
    await page.goto(`${world.base}/logframe`);
    await heading(page, 'Logframe: Meridia');
    await page.locator('table.logframe th[scope="rowgroup"]', { hasText: 'Goal' }).first().waitFor();
    await page.getByLabel('Level').selectOption('outcome');
    await page.getByLabel('Serves').selectOption({ index: 1 });
    await page.getByLabel('Objective', { exact: true }).fill('School leaders plan ICT use with their staff');
    await page.getByRole('button', { name: 'Add the objective' }).click();
    await page.getByRole('status').getByText('The objective is added.').waitFor();
    await page
      .locator('table.logframe th[scope="rowgroup"]', { hasText: 'School leaders plan ICT use with their staff' })
      .waitFor();
    await page.getByRole('link', { name: 'Policy alignment' }).click();
    await heading(page, 'Policy alignment: Meridia');
    await page.locator('section.goal').first().waitFor();
  });

  it('lets a ministry officer define and edit an indicator over a competency level, and says why a code is refused', async () => {
    const page = await world.signedIn('ministry');
    await page.goto(`${world.base}/indicators/manage`);
    await heading(page, 'Manage indicators');
    const existing = (await page.locator('table.figures-list tbody th[scope="row"]').first().textContent()) ?? '';
    await page.getByRole('button', { name: 'New indicator' }).click();
    await page.getByLabel('Code', { exact: true }).fill(existing);
    await page.getByLabel('Name in English', { exact: true }).fill('Teachers confirmed at the first level in A1');
    await page.getByLabel('Definition in English', { exact: true }).fill('Of all teachers.');
    await page.getByLabel('Means of verification in English', { exact: true }).fill('Assessor ratings in Pathway');
    const numerator = page.getByRole('group', { name: 'Numerator: what is counted' });
    await numerator.getByLabel('Fact').selectOption('at_level');
    await numerator.getByLabel('Competency or aspect').selectOption({ index: 1 });
    await numerator.getByLabel('At or above the level').selectOption({ index: 0 });
    await page.getByRole('button', { name: 'Save the indicator' }).click();
    await page.getByRole('alert').getByText('Another indicator already has this code.').waitFor();
    await page.getByLabel('Code', { exact: true }).fill('IND-A1');
    await page.getByRole('button', { name: 'Save the indicator' }).click();
    const row = page.locator('table.figures-list tbody tr', { hasText: 'IND-A1' });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Teachers at or above .+ \(confirmed\) \/ Teachers/);
    // Editing keeps the definition and changes only what was changed.
    await row.getByRole('button', { name: 'Edit IND-A1' }).click();
    await page.getByRole('heading', { name: 'Edit IND-A1' }).waitFor();
    await page.getByLabel('Name in English', { exact: true }).fill('Teachers confirmed in A1');
    await page.getByRole('button', { name: 'Save the indicator' }).click();
    await row.getByText('Teachers confirmed in A1').waitFor();
    await expect(row.textContent()).resolves.toMatch(/\(confirmed\) \/ Teachers/);
  });

  it('writes years and figures in Nepali with Devanagari digits', async () => {
    const page = await world.signedIn('ministry');
    await page.getByLabel('Language').selectOption('ne');
    await page.getByRole('link', { name: 'सूचकहरू', exact: true }).first().click();
    await heading(page, /^सूचकहरू: /);
    const year = (await page.getByLabel('वर्ष').locator('option:checked').textContent()) ?? '';
    expect(year).toMatch(/^[०-९]{4}$/);
    const values = await page.locator('.indicator-card .value').allTextContents();
    for (const value of values) expect(value).not.toMatch(/[0-9]/);
    expect(values.join('')).toMatch(/[०-९]/);
  });

  it('fits a phone: no monitoring page is wider than the screen', async () => {
    const page = await world.signedIn('district', { width: 360, height: 740 });
    for (const path of ['/indicators', '/logframe', '/alignment']) {
      await page.goto(`${world.base}${path}`);
      await page.locator('h1').first().waitFor();
      await page.locator('.badge, section.goal').first().waitFor();
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
    }
  });
});
