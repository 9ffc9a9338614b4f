import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;

/**
 * A teacher publishes an activity design to the library with its Nepali translation and submits it
 * for national publication; the moderator of the teacher's district approves it; a teacher of a school
 * in another district finds it by a Nepali query and reports using it in class. On a phone.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`the resource library [${dialect}]`, () => {
    let world: BrowserWorld;
    let colleague: { name: string };
    const shots = process.env.PATHWAY_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-library-'));

    beforeAll(async () => {
      world = await startBrowserWorld(60, dialect);
      const db = world.database.db;
      const home = await db
        .selectFrom('user_account as a')
        .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
        .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
        .select(['u.path'])
        .where('a.username', '=', 'teacher')
        .executeTakeFirstOrThrow();
      const district = `${home.path.split('/').slice(0, -2).join('/')}/`;
      const other = await db
        .selectFrom('person as p')
        .innerJoin('org_unit as u', 'u.id', 'p.org_unit_id')
        .leftJoin('user_account as a', 'a.person_id', 'p.id')
        .select('p.id')
        .where('p.category', '=', 'teacher')
        .where('u.type', '=', 'school')
        .where('u.path', 'not like', `${district}%`)
        .where('a.id', 'is', null)
        .orderBy('p.id')
        .executeTakeFirstOrThrow();
      colleague = await world.addLogin('faraway', other.id, 'teacher');
    }, 180_000);
    afterAll(() => world?.close());

    const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

    async function inLanguage(page: Page, code: string) {
      await page.locator('main h1').first().waitFor();
      const select = page.locator('label.language select');
      if (!(await select.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
      await select.selectOption(code);
      await page.locator(`html[lang^="${code}"]`).waitFor();
    }

    it('goes from a design shared with the nation to a published resource used in another district', async () => {
      // The teacher writes an activity design and shares it with the nation (the library names it, never copies it).
      const teacher = await world.signedIn('teacher', PHONE);
      await teacher.goto(`${world.base}/designs/new`);
      await teacher.getByRole('radio', { name: /Project-based learning/ }).check();
      await teacher.getByLabel('Title').fill('Rainwater harvesting project');
      await teacher.getByLabel('Subject').fill('Science');
      await teacher.getByLabel('Grade').fill('6');
      await teacher.getByRole('button', { name: 'Create and edit' }).click();
      await teacher.locator('.design-editor').waitFor();
      const designUrl = teacher.url().replace(/\/edit$/, '');
      await teacher.goto(designUrl);
      await teacher.getByLabel('Who can read it').selectOption('nation');
      await teacher.getByRole('button', { name: 'Save sharing' }).click();
      await teacher.locator('p.muted', { hasText: 'Shared with the whole country' }).waitFor();

      // Into the library, with the Nepali title and description beside the English.
      await teacher.goto(`${world.base}/library`);
      await teacher.getByRole('link', { name: 'New resource' }).click();
      // The library's own filters have a "Kind" too: wait for the form before choosing.
      await teacher.getByRole('heading', { name: 'New resource' }).waitFor();
      await teacher.getByLabel('Kind').selectOption('activity_design');
      await teacher.getByLabel('My activity design').selectOption({ label: 'Rainwater harvesting project' });
      await teacher.getByText('Shared with the nation.').waitFor();
      await expect(teacher.getByLabel('Title (English)').inputValue()).resolves.toBe('Rainwater harvesting project');
      await teacher
        .getByLabel('Description (English)')
        .fill('Pupils measure and store the rain that falls on the school.');
      await teacher.getByRole('tab', { name: 'Nepali' }).click();
      await teacher.getByLabel('Title (Nepali)').fill('वर्षाको पानी संकलन परियोजना');
      await teacher.getByLabel('Description (Nepali)').fill('विद्यार्थीहरूले विद्यालयमा पर्ने वर्षा नाप्छन्।');
      await teacher.getByRole('checkbox', { name: 'Nepali' }).check();
      await expect(pageWidth(teacher)).resolves.toBeLessThanOrEqual(360);
      await teacher.getByRole('button', { name: 'Add to the library' }).click();
      await teacher.getByRole('heading', { name: 'Rainwater harvesting project' }).waitFor();
      await teacher.getByText('वर्षाको पानी संकलन परियोजना').waitFor();
      const resourceUrl = teacher.url();
      await teacher.getByRole('button', { name: 'Submit for national publication' }).click();
      await teacher.getByText('Submitted: a moderator will review it.').waitFor();
      await expect(pageWidth(teacher)).resolves.toBeLessThanOrEqual(360);

      // The district's moderator finds it in the review list and approves it.
      const moderator = await world.signedIn('district', PHONE);
      await moderator.goto(`${world.base}/library`);
      await moderator.getByRole('link', { name: 'For review' }).click();
      await moderator.getByRole('link', { name: 'Rainwater harvesting project' }).click();
      await moderator.getByRole('heading', { name: 'Moderation' }).waitFor();
      await expect(pageWidth(moderator)).resolves.toBeLessThanOrEqual(360);
      await moderator.getByRole('button', { name: 'Approve for national publication' }).click();
      await moderator.getByText('Published for the whole country').waitFor();
      await moderator.goto(`${world.base}/library/review`);
      await moderator.getByText('Nothing waits for your review.').waitFor();

      // A teacher of a school in another district finds it in Nepali and reports using it in class.
      const reader = await world.signedIn('faraway', PHONE);
      await reader.goto(`${world.base}/library`);
      await reader.getByLabel('Search in any language').fill('वर्षाको');
      await reader.getByRole('button', { name: 'Search' }).click();
      await reader.getByRole('link', { name: 'Rainwater harvesting project' }).click();
      await expect(reader.url()).toBe(resourceUrl);
      await reader.getByLabel('Class or grade').fill('Grade 6A');
      await reader.getByLabel('How it went (optional)').fill('The pupils built two gauges.');
      await reader.getByRole('button', { name: 'Report use in class' }).click();
      await reader.getByText('Thank you: your use in class is recorded.').waitFor();
      await reader.getByText(`${colleague.name} · Grade 6A`).waitFor();
      await reader.getByText('used in 1 class').first().waitFor();
      await expect(pageWidth(reader)).resolves.toBeLessThanOrEqual(360);

      // The author sees the use of their resource.
      await teacher.goto(resourceUrl);
      await teacher.getByText('The pupils built two gauges.').waitFor();

      // In Nepali the reader gets the Nepali title, and every library page fits the phone in each language.
      await inLanguage(reader, 'ne');
      await reader.goto(resourceUrl);
      await reader.getByRole('heading', { name: 'वर्षाको पानी संकलन परियोजना' }).waitFor();
      for (const code of ['ne', 'ru', 'uz', 'fil']) {
        await inLanguage(reader, code);
        for (const [name, url] of Object.entries({
          resource: resourceUrl,
          new: `${world.base}/library/new`,
          list: `${world.base}/library`,
        })) {
          await reader.goto(url);
          await reader.locator('main h1').first().waitFor();
          await expect(pageWidth(reader), `${code} ${url}`).resolves.toBeLessThanOrEqual(360);
          await reader.screenshot({ path: path.join(shots, `library-${name}-${code}-${dialect}.png`), fullPage: true });
        }
      }
    }, 180_000);
  });
}
