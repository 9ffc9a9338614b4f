import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestSmtp } from '../../src/server/modules/notifications/test-smtp.ts';
import { configureMail, startMailSender } from '../../src/server/shared/mail.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/**
 * One product for every role, on both databases: a new version of the standard keeps every screen's
 * figures, mail reaches people through a real SMTP server, and the dashboard goes down to the teachers.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `a coherent product in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
      let stopSender: () => void;

      beforeAll(async () => {
        world = await startBrowserWorld(300, dialect);
        smtp = await startTestSmtp();
        configureMail({ smtpUrl: smtp.url, publicUrl: world.base });
        stopSender = startMailSender(world.database.db, 200);
        for (const username of ['teacher', 'assessor'])
          await world.database.db
            .updateTable('person')
            .set({ email: `${username}@school.example` })
            .where(
              'id',
              '=',
              world.database.db.selectFrom('user_account').select('person_id').where('username', '=', username),
            )
            .execute();
      }, 180_000);
      afterAll(async () => {
        stopSender?.();
        configureMail({ smtpUrl: null });
        await smtp?.close();
        await world?.close();
      });

      const mailTo = async (address: string, subject: RegExp) => {
        await expect
          .poll(() => smtp.received.find((m) => m.to.includes(address) && subject.test(m.subject)), { timeout: 15_000 })
          .toBeTruthy();
        return smtp.received.find((m) => m.to.includes(address) && subject.test(m.subject))!;
      };

      /** What each screen says about the nation's self-assessed teachers. */
      const figures = async (ministry: Page) => {
        await ministry.goto(`${world.base}/dashboard?basis=self`);
        const assessed = ministry.locator('ul.headline li', { hasText: 'assessed in at least one competency' });
        const dashboard = (await assessed.locator('strong').textContent())!;
        const nation = await world.database.db
          .selectFrom('org_unit')
          .select('id')
          .where('type', '=', 'nation')
          .executeTakeFirstOrThrow();
        await ministry.goto(`${world.base}/org/${nation.id}/self-assessment`);
        const line = (await ministry.getByText(/teachers have submitted a self-assessment, of/).textContent())!;
        const [, respondents = '', teachers = ''] =
          /^([\d,]+) teachers have submitted a self-assessment, of ([\d,]+)/.exec(line) ?? [];
        await ministry.goto(`${world.base}/indicators`);
        const card = ministry.locator('li.indicator-card', { hasText: 'IND-1' });
        const indicator = (await card.locator('p.value').textContent())!;
        return { dashboard, respondents, teachers, indicator };
      };
      const number = (text: string) => Number(text.replaceAll(',', ''));

      it('keeps the dashboard, the group report and the indicators in agreement when the ministry publishes 2.0', async () => {
        const ministry = await world.signedIn('ministry');
        const before = await figures(ministry);
        expect(number(before.dashboard)).toBeGreaterThan(0);
        expect(before.respondents).toBe(before.dashboard);
        expect(before.indicator).toBe(
          `${Math.round((1000 * number(before.respondents)) / number(before.teachers)) / 10}%`,
        );

        await ministry.getByRole('link', { name: 'Standards' }).click();
        await ministry.getByRole('link', { name: 'National ICT competency standard for teachers' }).first().click();
        await ministry.getByLabel('New version number').fill('2.0');
        await ministry.getByRole('button', { name: 'New version' }).click();
        await ministry.getByText('Version 2.0 · Draft').waitFor();
        await ministry.getByRole('button', { name: 'Send to review' }).click();
        await ministry.getByText('Version 2.0 · In review').waitFor();
        // Nothing changed: every rating carries over, and the page says so before publishing.
        await ministry.getByText('Ratings that carry over').waitFor();
        await ministry.getByRole('button', { name: 'Publish' }).click();
        await ministry.getByText('Version 2.0 · Published').waitFor();
        await ministry.getByRole('link', { name: 'Standards' }).click();
        await ministry.getByText('Superseded').first().waitFor();

        const after = await figures(ministry);
        expect(after).toEqual(before);

        // History: the dashboard's version filter shows 1.0, superseded, with the figures it had.
        await ministry.goto(`${world.base}/dashboard?basis=self`);
        const version = ministry.getByRole('combobox', { name: /^Version/ });
        await version.selectOption({ label: 'Version 1.0 · Superseded' });
        await ministry.waitForURL(/version=/);
        await ministry.getByText('live now. Version 1.0 of the standard.', { exact: false }).waitFor();
        const assessed = ministry.locator('ul.headline li', { hasText: 'assessed in at least one competency' });
        expect(await assessed.locator('strong').textContent()).toBe(before.dashboard);
      }, 180_000);

      it('ends the ministry’s drill-down at a school with counts, and shows the leader the school’s teachers by name on a phone', async () => {
        const ministry = await world.signedIn('ministry', PHONE);
        await ministry.goto(`${world.base}/dashboard`);
        for (const unit of ['Northern Highlands', 'Amberfield', 'Amberfield School No. 1']) {
          await ministry.locator('table.dashboard').getByRole('link', { name: unit, exact: true }).click();
          await ministry.getByRole('heading', { name: `Competencies against the target: ${unit}` }).waitFor();
        }
        await ministry.getByText('You see group figures only.', { exact: false }).waitFor();
        expect(await ministry.getByRole('heading', { name: 'Teachers here' }).count()).toBe(0);
        const crumbs = await ministry.getByRole('navigation', { name: 'Units above' }).textContent();
        expect(crumbs).toContain('Meridia');
        expect(crumbs).toContain('Amberfield');

        const teacher = await world.database.db
          .selectFrom('user_account')
          .innerJoin('person', 'person.id', 'user_account.person_id')
          .select(['person.given_name', 'person.family_name'])
          .where('user_account.username', '=', 'teacher')
          .executeTakeFirstOrThrow();
        const leader = await world.signedIn('leader', PHONE);
        await leader.goto(`${world.base}/dashboard`);
        await leader.getByRole('heading', { name: 'Teachers here' }).waitFor();
        const row = leader.getByRole('row', { name: new RegExp(`${teacher.given_name} ${teacher.family_name}`) });
        await row.first().waitFor();
        // Each level sits under its competency: the header of every cell is a competency code.
        const headers = await leader.locator('section[aria-labelledby="teacher-levels"] thead th').allTextContents();
        expect(headers.slice(2).every((h) => /^A\d\.\d$/.test(h))).toBe(true);
        expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      }, 120_000);

      it('notifies the assessor of a review request in the inbox and by mail', async () => {
        const teacher = await world.signedIn('teacher');
        await teacher.getByRole('link', { name: 'My portfolio' }).click();
        await teacher.getByRole('heading', { name: 'Add evidence' }).waitFor();
        await teacher.getByLabel('File (lesson plan, learners’ work, photo, video)').setInputFiles({
          name: 'lesson-plan.pdf',
          mimeType: 'application/pdf',
          buffer: PDF,
        });
        await teacher.getByLabel('Title', { exact: true }).fill('Data-logging lesson plan');
        await teacher.getByLabel('Competency').first().selectOption({ index: 3 });
        await teacher.getByRole('button', { name: 'Upload' }).click();
        const card = teacher.locator('details.competency').nth(2);
        await card.locator('summary').click();
        await card.getByRole('link', { name: 'Data-logging lesson plan' }).waitFor();
        await card.getByRole('radio', { name: /Knowledge deepening/i }).check();
        await card.getByRole('button', { name: 'Send for review' }).click();
        await teacher.getByText('Submitted', { exact: true }).waitFor();

        const mail = await mailTo('assessor@school.example', /^Review requested: /);
        expect(mail.text).toMatch(/asks you to confirm .* at level Knowledge deepening/);
        expect(mail.text).toContain(`${world.base}/reviews`);

        const assessor = await world.signedIn('assessor', PHONE);
        const inbox = assessor.getByRole('link', { name: /Notifications/ }).first();
        await expect.poll(() => inbox.textContent()).toMatch(/\d/);
        await inbox.click();
        await assessor
          .getByText(/Review requested: /)
          .first()
          .waitFor();
        await assessor
          .getByText(/asks you to confirm .* at level Knowledge deepening/)
          .first()
          .waitFor();
      }, 120_000);

      it('lets a teacher who forgot the password set a new one through the mailed link, on a phone', async () => {
        const page = await world.browser.newPage({ viewport: PHONE });
        await page.goto(world.base);
        await page.getByRole('button', { name: 'Forgot your password?' }).click();
        await page.getByLabel('Username').fill('teacher');
        await page.getByRole('button', { name: 'Send the link' }).click();
        await page.getByText('If that account exists and has an email address, a link is on its way.').waitFor();

        const mail = await mailTo('teacher@school.example', /password/i);
        const link = /https?:\/\/\S+\/reset-password#\S+/.exec(mail.text)?.[0];
        expect(link).toBeTruthy();
        await page.goto(link!);
        await page.locator('#new-password').fill('a-new-long-password');
        await page.locator('#confirm-password').fill('a-new-long-password');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.getByText('Your password is set. Sign in with it.').waitFor();
        await page.getByRole('link', { name: 'Back to sign in' }).click();
        await page.getByLabel('Username').fill('teacher');
        await page.getByLabel('Password').fill('a-new-long-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByLabel('Password').waitFor({ state: 'detached' });
        await page
          .getByRole('heading', { name: /My learning|Welcome/ })
          .first()
          .waitFor();
        // The link is single-use.
        await page.context().clearCookies();
        await page.goto(link!);
        await page.locator('#new-password').fill('another-long-password');
        await page.locator('#confirm-password').fill('another-long-password');
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.locator('p.error').waitFor();
        await page.close();
      }, 120_000);
    },
  );
}
