import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemCtx } from '../../src/cli/context.ts';
import { DEMO_TENANT } from '../../src/cli/demo.ts';
import * as people from '../../src/server/modules/people/people.service.ts';
import { STATEMENT_CODES } from '../../src/server/modules/practice/schoolreviews.constants.ts';
import * as reviews from '../../src/server/modules/practice/schoolreviews.service.ts';
import type { Ctx } from '../../src/server/shared/context.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;

/**
 * The Amberfield School No. 1 leader opens the self-review; the demo teacher answers it on a phone
 * and five colleagues answer too; the leader closes it, reads the results, writes and activates the
 * school's ICT plan and records a progress review; the district officer sees it in the district list.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `school ICT plans in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let ctx: Ctx;
      let schoolId: string;
      let colleagues: string[];
      const shots = process.env.PATHWAY_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-schoolplans-'));
      const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

      beforeAll(async () => {
        world = await startBrowserWorld(200, dialect);
        const db = world.database.db;
        ctx = await systemCtx(world.database, DEMO_TENANT);
        const teacher = await db
          .selectFrom('user_account')
          .innerJoin('person', 'person.id', 'user_account.person_id')
          .select(['person.id', 'person.org_unit_id'])
          .where('user_account.username', '=', 'teacher')
          .executeTakeFirstOrThrow();
        schoolId = teacher.org_unit_id;
        colleagues = (
          await db
            .selectFrom('person')
            .select('id')
            .where('org_unit_id', '=', schoolId)
            .where('category', '=', 'teacher')
            .where('id', '!=', teacher.id)
            .execute()
        ).map((p) => p.id);
        for (let i = colleagues.length; i < 5; i++)
          colleagues.push(
            (
              await people.createPerson(ctx, {
                orgUnitId: schoolId,
                category: 'teacher',
                givenName: ['Aziza', 'Ramesh', 'Liza', 'Timur', 'Gita'][i]!,
                familyName: ['Yusupova', 'Shrestha', 'Cruz', 'Nazarov', 'Rai'][i]!,
                nationalId: `MRD-SP-${i}`,
                subjects: [],
                grades: [],
                languages: ['en'],
              })
            ).id,
          );
      }, 180_000);
      afterAll(() => world?.close());

      it('runs the self-review, writes the plan, and the district sees it', async () => {
        // The leader opens the review on a phone.
        const leader = await world.signedIn('leader', PHONE);
        await leader.getByTestId('school-plan-card').waitFor();
        await leader.goto(`${world.base}/school-plan`);
        await leader.getByRole('heading', { name: 'School ICT plan', level: 1 }).waitFor();
        await leader.getByRole('button', { name: 'Open the review' }).click();
        await leader.getByText('Open for answers').waitFor();
        await leader.getByLabel('Answer link for the staff').waitFor();
        await expect(pageWidth(leader)).resolves.toBeLessThanOrEqual(360);
        const schoolPlanUrl = leader.url();

        // The teacher finds it on the start page and answers on a phone.
        const teacher = await world.signedIn('teacher', PHONE);
        await teacher.getByRole('link', { name: /Answer your school's self-review/ }).click();
        await teacher.getByRole('heading', { name: /Self-review:/ }).waitFor();
        const questions = teacher.locator('fieldset.question');
        await expect(questions.count()).resolves.toBe(STATEMENT_CODES.length);
        await teacher.getByRole('button', { name: 'Send my answers' }).click();
        await teacher.getByText(/statements are not answered yet/).waitFor();
        for (let i = 0; i < STATEMENT_CODES.length; i++)
          await questions
            .nth(i)
            .getByRole('radio')
            .nth(i % 4)
            .check();
        await expect(pageWidth(teacher)).resolves.toBeLessThanOrEqual(360);
        await teacher.screenshot({ path: path.join(shots, `answer-${dialect}.png`), fullPage: true });
        await teacher.getByRole('button', { name: 'Send my answers' }).click();
        await teacher.getByText('Thank you, your answer has been recorded.').waitFor();

        // Five colleagues answer (through the service, as the answer form would send it).
        const review = await world.database.db
          .selectFrom('school_review')
          .select('id')
          .where('school_id', '=', schoolId)
          .where('closed_at', 'is', null)
          .orderBy('created_at', 'desc')
          .executeTakeFirstOrThrow();
        for (const [n, personId] of colleagues.slice(0, 5).entries())
          await reviews.answerReview(
            { ...ctx, actor: { accountId: null, personId, username: `colleague${n}`, grants: [], system: false } },
            review.id,
            { answers: STATEMENT_CODES.map((statement, i) => ({ statement, score: ((i + n) % 4) + 1 })) },
          );

        // The leader closes the review and reads the results.
        await leader.goto(schoolPlanUrl);
        const card = leader.getByTestId('review-card').first();
        await card.getByTestId('review-respondents').getByText('6 answers').waitFor();
        await card.getByRole('button', { name: 'Close the review' }).click();
        await card.getByText('Closed').waitFor();
        await card.getByRole('link', { name: 'See the results' }).click();
        await leader.getByRole('heading', { name: /Self-review results:/ }).waitFor();
        await leader.getByRole('heading', { name: /Leadership and vision/ }).waitFor();
        await expect(leader.getByTestId('results-respondents').textContent()).resolves.toBe('6 answers');
        await expect(pageWidth(leader)).resolves.toBeLessThanOrEqual(360);

        // The leader writes the plan from the review and activates it.
        await leader.goto(schoolPlanUrl);
        await leader.getByRole('link', { name: 'Write a plan' }).click();
        await leader.getByRole('textbox', { name: 'Plan title', exact: true }).fill('Amberfield No. 1 ICT plan');
        await leader
          .getByRole('textbox', { name: 'Vision', exact: true })
          .fill('Every student creates with ICT, every teacher learns with a colleague.');
        await leader
          .getByRole('textbox', { name: 'Infrastructure and access', exact: true })
          .fill('Every class can book the tablets.');
        const action = leader.getByTestId('action-row').first();
        await action.getByRole('textbox', { name: 'Action', exact: true }).fill('Peer lesson study every month');
        await action.getByLabel("Owner's name").fill('ICT committee');
        await expect(pageWidth(leader)).resolves.toBeLessThanOrEqual(360);
        await leader.getByRole('button', { name: 'Save the plan' }).click();
        await leader.getByRole('heading', { name: 'Amberfield No. 1 ICT plan' }).waitFor();
        await leader.getByRole('button', { name: 'Make the plan active' }).click();
        await leader.getByTestId('plan-status').getByText('Active').waitFor();
        await leader.getByLabel('Peer lesson study every month').selectOption('in_progress');
        await leader.getByLabel('What happened this term').fill('Lesson study started in grades 5 and 6.');
        await leader.getByRole('button', { name: 'Record the review' }).click();
        await leader.getByText('Lesson study started in grades 5 and 6.').waitFor();
        await expect(pageWidth(leader)).resolves.toBeLessThanOrEqual(360);
        await leader.screenshot({ path: path.join(shots, `plan-${dialect}.png`), fullPage: true });

        // The district officer sees the plan and its progress.
        const district = await world.signedIn('district', PHONE);
        await district.goto(`${world.base}/school-plans`);
        await district.getByRole('heading', { name: 'School ICT plans: Amberfield' }).waitFor();
        const row = district.getByRole('row').filter({ hasText: 'Amberfield No. 1 ICT plan' });
        await row.getByText('Active').waitFor();
        await row.getByText(/0 of 1 actions done/).waitFor();
        await expect(pageWidth(district)).resolves.toBeLessThanOrEqual(360);
        await row.getByRole('link', { name: 'Amberfield No. 1 ICT plan' }).click();
        await district.getByText('Lesson study started in grades 5 and 6.').waitFor();
        await district.screenshot({ path: path.join(shots, `district-${dialect}.png`), fullPage: true });
      }, 180_000);
    },
  );
}
