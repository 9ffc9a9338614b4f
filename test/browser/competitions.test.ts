import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemCtx } from '../../src/cli/context.ts';
import { DEMO_TENANT } from '../../src/cli/demo.ts';
import * as reviews from '../../src/server/modules/community/competitions.reviews.ts';
import * as competitions from '../../src/server/modules/community/competitions.service.ts';
import type { Ctx } from '../../src/server/shared/context.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const en = JSON.parse(fs.readFileSync('src/web/i18n/en.json', 'utf8'));
const c = en.competitions;
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

/**
 * Done when: a PBL call runs from call to ranked awards with a conflicted reviewer kept out. The ministry
 * opens a call; the demo teacher applies with a colleague from another district; a teacher of a third
 * school applies too; reviewers are assigned, and the Amberfield district officer (the demo teacher's
 * district) is kept off the teacher's application; reviewers score blind; the ministry ranks and awards
 * on a phone; the teacher reads the award in their inbox.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `a PBL grant competition in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let ctx: Ctx;
      const person = (username: string) =>
        world.database.db
          .selectFrom('user_account')
          .innerJoin('person', 'person.id', 'user_account.person_id')
          .select(['person.id', 'person.org_path', 'person.given_name', 'person.family_name'])
          .where('user_account.username', '=', username)
          .executeTakeFirstOrThrow();
      const as = (personId: string): Ctx => ({
        ...ctx,
        actor: { accountId: null, personId, username: personId, grants: [], system: false },
      });

      beforeAll(async () => {
        world = await startBrowserWorld(60, dialect);
        ctx = await systemCtx(world.database, DEMO_TENANT);
      }, 240_000);
      afterAll(async () => {
        await world?.close();
      });

      it('runs from call to ranked awards with a conflicted reviewer kept out', async () => {
        const db = world.database.db;
        const teacher = await person('teacher');
        const district = await person('district');
        const trainer = await person('trainer');
        const assessor = await person('assessor');
        // Teachers of schools outside the demo teacher's district (Amberfield).
        const others = await db
          .selectFrom('person')
          .innerJoin('org_unit', (j) => j.onRef('org_unit.id', '=', 'person.org_unit_id'))
          .select(['person.id', 'person.given_name', 'person.family_name'])
          .where('person.tenant_id', '=', ctx.tenantId)
          .where('person.category', '=', 'teacher')
          .where('org_unit.type', '=', 'school')
          .where('person.org_path', 'not like', `${district.org_path}%`)
          .orderBy('person.sort_name')
          .limit(2)
          .execute();
        const [colleague, rival] = others as [(typeof others)[0], (typeof others)[0]];

        // The ministry opens a call.
        const ministry = await world.signedIn('ministry');
        await ministry.goto(`${world.base}/competitions`);
        await ministry.getByLabel(c.form.title, { exact: true }).fill('PBL grants 2027');
        await ministry.getByLabel(c.form.theme).fill('Water in our community');
        await ministry.getByLabel(c.form.budgetTotal).fill('10000000');
        await ministry.getByLabel(c.form.maxPerGrant).fill('6000000');
        await ministry.getByLabel(fill(c.form.criterion, { n: 1 })).fill('Impact on learning');
        await ministry.getByLabel(fill(c.form.criterion, { n: 2 })).fill('Feasibility');
        await ministry.getByRole('button', { name: c.form.create }).click();
        await ministry.getByRole('link', { name: c.form.created }).click();
        await ministry.getByRole('heading', { name: 'PBL grants 2027' }).waitFor();
        const competitionId = ministry.url().split('/').at(-1)!;

        // The demo teacher applies with a colleague from another district, found by family name.
        const page = await world.signedIn('teacher');
        await page.goto(`${world.base}/competitions/${competitionId}`);
        await page.getByLabel(c.apply.findMember).fill(colleague.family_name);
        await page.getByRole('button', { name: c.apply.find }).click();
        const colleagueName = `${colleague.given_name} ${colleague.family_name}`;
        await page.getByRole('button', { name: fill(c.apply.addMember, { name: colleagueName }) }).click();
        await page.getByLabel(c.apply.projectTitle).fill('Rainwater for the school garden');
        await page.getByLabel(c.apply.summary).fill('Pupils design and build a rainwater tank.');
        await page.getByLabel(c.apply.plan).fill('Survey, build, measure, teach the village.');
        await page.getByLabel(fill(c.apply.budget, { currency: 'UZS' })).fill('5000000');
        await page.getByRole('button', { name: c.apply.submit }).click();
        await page.getByRole('heading', { name: c.mine }).waitFor();
        await expect(page.locator('article.card').textContent()).resolves.toContain(c.status.submitted);

        // A teacher of a third school applies too (set up through the service).
        const draft = await competitions.createApplication(as(rival.id), competitionId, {
          title: 'Solar oven',
          summary: 'A solar oven for the school kitchen.',
          plan: 'Build and measure.',
          budgetRequested: 4_000_000,
          memberPersonIds: [],
          resourceIds: [],
        });
        await competitions.submitApplication(as(rival.id), draft.id);
        const rainwater = (await competitions.getApplication(as(teacher.id), draft.id).catch(() => null)) ?? null;
        expect(rainwater).toBeNull(); // the teacher is not on the rival's team
        await competitions.setReviewers(ctx, competitionId, [district.id, trainer.id, assessor.id]);

        // The ministry assigns reviewers automatically: the Amberfield district officer is kept off the teacher's.
        await ministry.reload();
        await ministry.getByRole('button', { name: fill(c.manage.autoAssign, { count: 2 }) }).click();
        await ministry.getByText(fill(c.manage.autoDone, { count: 4 })).waitFor();
        const districtName = `${district.given_name} ${district.family_name}`;
        const teacherRow = ministry.locator('tr', { hasText: 'Rainwater for the school garden' }).first();
        const assignedCell = teacherRow.locator('td').nth(2);
        await expect(assignedCell.textContent()).resolves.toContain(`${trainer.given_name} ${trainer.family_name}`);
        await expect(assignedCell.textContent()).resolves.not.toContain(districtName);
        await expect(teacherRow.textContent()).resolves.toContain('Amberfield School No. 1');
        // Assigning the district officer by hand is refused with the conflict.
        await teacherRow
          .getByLabel(fill(c.manage.reviewerFor, { title: 'Rainwater for the school garden' }))
          .selectOption(district.id);
        await teacherRow.getByRole('button', { name: c.manage.assign }).click();
        await ministry.getByText(en.errors.reviewer_conflicted).waitFor();

        const applications = await db
          .selectFrom('competition_application')
          .select(['id', 'title'])
          .where('competition_id', '=', competitionId)
          .execute();
        const teacherApp = applications.find((a) => a.title === 'Rainwater for the school garden')!;

        // The district officer's queue holds the rival's application only, and the teacher's is not found.
        const officer = await world.signedIn('district');
        await officer.goto(`${world.base}/competition-reviews`);
        await officer.getByRole('heading', { name: 'Solar oven' }).waitFor();
        await expect(officer.getByText('Rainwater for the school garden').count()).resolves.toBe(0);
        const peek = await officer.request.get(`${world.base}/api/competition-reviews/${teacherApp.id}`);
        expect(peek.status()).toBe(404);

        // The trainer scores the teacher's application blind, in the browser.
        const reviewer = await world.signedIn('trainer');
        await reviewer.goto(`${world.base}/competition-reviews`);
        const card = reviewer.locator('article', {
          has: reviewer.getByRole('heading', { name: 'Rainwater for the school garden' }),
        });
        await expect(card.textContent()).resolves.not.toContain(teacher.family_name);
        await expect(card.textContent()).resolves.not.toContain(colleague.family_name);
        const scoresOf = card.getByLabel(fill(c.reviews.score, { max: 5 }));
        await scoresOf.nth(0).fill('5');
        await scoresOf.nth(1).fill('4');
        await card.getByLabel(c.reviews.comment).nth(0).fill('Real water, real measurement.');
        await card.getByRole('button', { name: c.reviews.save }).click();
        await card.getByText(c.reviews.saved).waitFor();

        // The other assigned reviewers score through the service: the rival's project lower.
        const assignments = await db
          .selectFrom('competition_assignment')
          .select(['application_id', 'reviewer_person_id'])
          .where('competition_id', '=', competitionId)
          .execute();
        for (const a of assignments) {
          if (a.application_id === teacherApp.id && a.reviewer_person_id === trainer.id) continue;
          const high = a.application_id === teacherApp.id;
          await reviews.scoreApplication(as(a.reviewer_person_id), a.application_id, {
            scores: [
              { criterion: 'c1', score: high ? 4 : 2, comment: '' },
              { criterion: 'c2', score: high ? 4 : 3, comment: '' },
            ],
          });
        }

        // On a phone, the ministry sees the ranking (raw and normalised) and awards the first.
        const phone = await world.signedIn('ministry', PHONE);
        await phone.goto(`${world.base}/competitions/${competitionId}`);
        await phone.getByRole('heading', { name: c.ranking.title }).waitFor();
        const ranked = phone
          .locator('section', { has: phone.getByRole('heading', { name: c.ranking.title }) })
          .locator('tbody tr');
        await expect(ranked.first().textContent()).resolves.toContain('Rainwater for the school garden');
        // On a phone each cell names its column (data-label): raw and normalised side by side.
        const cell = (label: string) => ranked.first().locator(`td[data-label="${label}"]`);
        await expect(cell(c.ranking.raw).textContent()).resolves.toMatch(/^\d+(\.\d)?$/);
        await expect(cell(c.ranking.normalised).textContent()).resolves.toMatch(/^\d+(\.\d)?$/);
        expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await ranked.first().getByRole('button', { name: c.ranking.award }).click();
        await phone.locator('tbody tr', { hasText: c.status.awarded }).first().waitFor();
        await expect(ranked.first().textContent()).resolves.toContain('5,000,000 UZS');
        expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

        // The applicant reads the award in their inbox.
        await page.goto(`${world.base}/notifications`);
        await page.getByText('Grant awarded: Rainwater for the school garden').waitFor();
      }, 180_000);
    },
  );
}
