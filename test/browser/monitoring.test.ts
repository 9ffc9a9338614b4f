import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

describe('the competency dashboard in a real browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld(200);
  }, 120_000);
  afterAll(() => world?.close());

  it('takes a ministry officer from the nation down to a district, by region and school', async () => {
    const page = await world.signedIn('ministry');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Competencies against the target: Meridia' }).waitFor();
    await page.getByText('Target level: Knowledge deepening').waitFor();
    const regions = page.locator('table.dashboard tbody tr');
    expect(await regions.count()).toBe(7);
    await expect(page.locator('.heatmap svg').count()).resolves.toBe(1);
    // Self-assessed levels show where teachers think they are.
    await page.getByLabel('Count levels that are').selectOption('self');
    await page.getByRole('link', { name: 'Northern Highlands' }).click();
    await page.getByRole('heading', { name: 'Competencies against the target: Northern Highlands' }).waitFor();
    await page.getByRole('link', { name: 'Amberfield' }).click();
    await page.getByRole('heading', { name: 'Competencies against the target: Amberfield' }).waitFor();
    const school = page.locator('table.dashboard tbody tr', { hasText: 'Amberfield School No. 1' });
    await expect(school.locator('td').nth(1).textContent()).resolves.toMatch(/^\d+%$/);
    await expect(page.getByRole('link', { name: 'Meridia' }).isVisible()).resolves.toBe(true);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download this table (CSV)' }).click();
    const csv = await (await download).createReadStream();
    let text = '';
    for await (const chunk of csv) text += chunk;
    expect(text).toMatch(/^Unit \(target level: Knowledge deepening; Self-assessed; \d{4}\),Type,Teachers,/);
    expect(text).toContain('Amberfield School No. 1');
    const workbook = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download this table (XLSX)' }).click();
    const chunks: Buffer[] = [];
    for await (const chunk of await (await workbook).createReadStream()) chunks.push(Buffer.from(chunk));
    // An XLSX workbook is a zip archive.
    expect(Buffer.concat(chunks).subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('keeps a district officer to their district', async () => {
    const page = await world.signedIn('district');
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Competencies against the target: Amberfield' }).waitFor();
    await expect(page.getByRole('link', { name: 'Meridia' }).count()).resolves.toBe(0);
    const nation = await world.database.db
      .selectFrom('org_unit')
      .select('id')
      .where('type', '=', 'nation')
      .executeTakeFirstOrThrow();
    await page.goto(`${world.base}/dashboard/${nation.id}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });
});
