import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

describe('the web app in a real browser', () => {
  let world: BrowserWorld;
  beforeAll(async () => {
    world = await startBrowserWorld(200);
  }, 120_000);
  afterAll(() => world?.close());
  const signedIn = (username: string, viewport = { width: 1200, height: 800 }): Promise<Page> =>
    world.signedIn(username, viewport);

  it('says so when the password is wrong', async () => {
    const page = await (await world.browser.newContext()).newPage();
    await page.goto(`${world.base}/`);
    await page.getByLabel('Username').fill('district');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Wrong username or password.');
  });

  it('lets a district officer on a phone browse the tree down to a teacher', async () => {
    const page = await signedIn('district', { width: 360, height: 740 });
    await expect(page.getByText('District officer · Amberfield').isVisible()).resolves.toBe(true);
    // The officer starts on the dashboard; the tree is one page away.
    await page.goto(`${world.base}/org`);
    await page.getByRole('link', { name: 'Amberfield', exact: true }).click();
    await page.getByRole('heading', { name: 'Amberfield' }).waitFor();
    await page.getByRole('link', { name: 'Amberfield School No. 1' }).click();
    await page.getByRole('heading', { name: 'Amberfield School No. 1' }).waitFor();
    await page.getByRole('link', { name: 'People here' }).click();
    await page.getByRole('heading', { name: 'People' }).waitFor();
    const first = page.locator('tbody a').first();
    const name = (await first.textContent())!;
    await first.click();
    const [family, given] = name.split(', ');
    await page.getByRole('heading', { name: `${given} ${family}` }).waitFor();
    await expect(page.getByText('National id').isVisible()).resolves.toBe(true);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });

  it('switches to Nepali, with Nepali digits, and keeps it at the next sign-in', async () => {
    const page = await signedIn('regional');
    await page.goto(`${world.base}/org`);
    await page.getByLabel('Language').selectOption('ne');
    await page.getByRole('heading', { name: 'संगठन' }).waitFor();
    await expect(page.getByRole('link', { name: 'व्यक्तिहरू' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.card').first().textContent()).resolves.toMatch(/[०-९]+ विद्यालय/);
    const again = await (await world.browser.newContext()).newPage();
    await again.goto(`${world.base}/`);
    await again.getByLabel('Username').fill('regional');
    await again.getByLabel('Password').fill('pathway-demo');
    await again.getByRole('button', { name: 'Sign in' }).click();
    // The officer starts on the dashboard, in Nepali.
    await again.getByRole('link', { name: 'ड्यासबोर्ड' }).waitFor();
  });

  it('imports a roster with one bad line and shows that line', async () => {
    const page = await signedIn('district');
    await page.getByRole('link', { name: 'Import' }).click();
    await page.getByRole('heading', { name: 'Import a roster' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'teachers.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'national_id,given_name,family_name,sex,category,org_unit_code\nB-1,Sita,Rai,female,teacher,R1-D1-S1\nB-2,Hari,KC,dragon,teacher,R1-D1-S1\n',
      ),
    });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText('Nothing was imported.').waitFor();
    const row = page.locator('.faults tbody tr').first();
    await expect(row.textContent()).resolves.toMatch(/^3\s*sex.*dragon/);
  });

  it("shows a district officer 'not found' for another district's school", async () => {
    const other = await world.database.db
      .selectFrom('org_unit')
      .select('id')
      .where('code', '=', 'R2-D1-S1')
      .executeTakeFirst();
    const school =
      other ??
      (await world.database.db
        .selectFrom('org_unit')
        .select('id')
        .where('code', 'like', 'R2-%')
        .where('type', '=', 'school')
        .executeTakeFirstOrThrow());
    const page = await signedIn('district');
    await page.goto(`${world.base}/org/${school.id}`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  it('sends a user whose session ended back to sign-in with a message', async () => {
    const page = await signedIn('leader');
    await page.waitForLoadState('networkidle');
    await world.database.db.updateTable('session').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    // Any request may be the first to meet the ended session: the click's own, or one the landing page
    // still had in flight, which takes the link away before the click lands. Either way the message shows.
    await page
      .getByRole('link', { name: 'People' })
      .click({ timeout: 3_000 })
      .catch(() => undefined);
    await page.getByText('Your session has ended. Please sign in again.').waitFor();
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
  });

  it('lands a teacher on their own work and an officer on the dashboard', async () => {
    const teacher = await signedIn('teacher');
    await teacher.getByRole('heading', { name: 'My learning', level: 1 }).waitFor();
    expect(new URL(teacher.url()).pathname).toBe('/my-learning');
    const officer = await signedIn('district');
    await officer.getByRole('heading', { name: /^Competencies against the target/ }).waitFor();
    expect(new URL(officer.url()).pathname).toBe('/dashboard');
    const admin = await signedIn('admin');
    await admin.getByRole('heading', { name: 'Organisation' }).waitFor();
    expect(new URL(admin.url()).pathname).toBe('/org');
  });

  it('shows the not-allowed page for a screen the role does not have', async () => {
    const page = await signedIn('teacher');
    await page.goto(`${world.base}/admin/accounts`);
    await page.getByRole('heading', { name: 'Not allowed' }).waitFor();
  });

  it('shows the published national standard and lets a ministry officer start a new one from the template', async () => {
    const page = await signedIn('ministry');
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('heading', { name: 'Competency standards' }).waitFor();
    await page.getByRole('link', { name: 'National ICT competency standard for teachers' }).first().click();
    await page.getByRole('heading', { name: 'Proficiency levels' }).waitFor();
    await expect(page.getByText('Version 1.0 · Published').isVisible()).resolves.toBe(true);
    await page.getByText('Understanding ICT in education policy').waitFor();
    await page.getByLabel('Language').selectOption('ru');
    await page.getByText('Понимание политики в области ИКТ в образовании').waitFor();
    await page.getByLabel('Язык').selectOption('en');
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('button', { name: 'Start from the template' }).click();
    await page.getByRole('heading', { name: 'Proficiency levels' }).waitFor();
    await page.getByText('Version 1.0 · Draft').waitFor();
    await expect(page.getByRole('button', { name: 'Send to review' }).isVisible()).resolves.toBe(true);
  });
});
