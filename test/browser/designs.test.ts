import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;

/** A teacher designs a project-based activity on a phone, shares it with the school, and the leader comments. */
describe('activity designs', () => {
  let world: BrowserWorld;
  const shots = process.env.PATHWAY_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-designs-'));

  beforeAll(async () => {
    world = await startBrowserWorld(60);
  }, 120_000);
  afterAll(() => world?.close());

  const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

  async function inLanguage(page: Page, code: string) {
    const select = page.locator('label.language select');
    if (!(await select.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
    await select.selectOption(code);
    await page.locator(`html[lang^="${code}"]`).waitFor();
  }

  it('goes from template to two versions, shared with the school, read and commented on by the leader', async () => {
    const page = await world.signedIn('teacher', PHONE);
    await page.goto(`${world.base}/designs`);
    await page.getByRole('heading', { name: 'Activity designs' }).waitFor();
    await page.getByRole('link', { name: 'New design' }).click();
    await page.getByRole('radio', { name: /Project-based learning/ }).check();
    await page.getByLabel('Title').fill('Clean water in Amberfield');
    await page.getByLabel('Subject').fill('Science');
    await page.getByLabel('Grade').fill('8');
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Create and edit' }).click();

    // The editor opens with the template's text; the first save is version 2.
    await page.getByRole('heading', { name: 'Edit design (saves version 2)' }).waitFor();
    await expect(page.getByLabel('Step', { exact: true }).first().inputValue()).resolves.toBe(
      'Launch: driving question',
    );
    await page.getByText('280 minutes in all').waitFor();
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: 'Add a competency' }).click();
    await page.getByLabel('Minutes').first().fill('45');
    await page.getByText('285 minutes in all').waitFor();
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('heading', { name: 'Clean water in Amberfield' }).waitFor();
    await page
      .getByText(/version 2/)
      .first()
      .waitFor();

    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit design (saves version 3)' }).waitFor();
    await page.getByRole('button', { name: 'Add a step' }).click();
    await page.getByLabel('Step', { exact: true }).last().fill('Exhibition for parents');
    await page.getByLabel('Minutes').last().fill('30');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByRole('heading', { name: 'Clean water in Amberfield' }).waitFor();
    await page.getByText('Exhibition for parents').waitFor();
    await expect(page.locator('.design-versions li').count()).resolves.toBe(3);

    await page.getByLabel('Who can read it').selectOption('school');
    await page.getByRole('button', { name: 'Save sharing' }).click();
    await page.locator('p.muted', { hasText: 'Shared with my school' }).waitFor();
    await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
    const url = page.url();

    for (const code of ['uz', 'ne']) {
      await inLanguage(page, code);
      await page.goto(url);
      await page.locator('.design-body').waitFor();
      await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
      await page.screenshot({ path: path.join(shots, `design-view-${code}.png`), fullPage: true });
      await page.goto(`${url}/edit`);
      await page.locator('.design-editor').waitFor();
      await expect(pageWidth(page)).resolves.toBeLessThanOrEqual(360);
      await page.screenshot({ path: path.join(shots, `design-edit-${code}.png`), fullPage: true });
      await page.getByRole('heading', { level: 2 }).nth(2).scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(shots, `design-edit-${code}-screen.png`) });
      await page.goto(`${world.base}/designs/new`);
      await page.locator('.template-choice').waitFor();
      await page.screenshot({ path: path.join(shots, `design-new-${code}.png`), fullPage: true });
    }
    await inLanguage(page, 'en');

    // The school leader finds it among designs shared with them, reads it and comments.
    const leader = await world.signedIn('leader', PHONE);
    await leader.goto(`${world.base}/designs?scope=shared`);
    await leader.getByRole('link', { name: 'Clean water in Amberfield' }).click();
    await leader.getByText('Exhibition for parents').waitFor();
    await expect(leader.getByRole('link', { name: 'Edit', exact: true }).count()).resolves.toBe(0);
    await leader.getByLabel('Your comment').fill('Invite the district water office to the exhibition.');
    await leader.getByRole('button', { name: 'Add comment' }).click();
    await leader.getByText('Invite the district water office to the exhibition.').waitFor();

    // The print view has the whole design and nothing of the app around it.
    await leader.goto(`${url}/print`);
    await leader.getByRole('button', { name: 'Print' }).waitFor();
    await leader.emulateMedia({ media: 'print' });
    await expect(leader.locator('header.top').isVisible()).resolves.toBe(false);
    await expect(leader.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
    await leader.getByText('Exhibition for parents').waitFor();

    await page.goto(url);
    await page.getByText('Invite the district water office to the exhibition.').waitFor();
  }, 120_000);
});
