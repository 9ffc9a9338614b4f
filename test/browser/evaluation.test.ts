import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemCtx } from '../../src/cli/context.ts';
import { DEMO_TENANT } from '../../src/cli/demo.ts';
import * as rounds from '../../src/server/modules/surveys/rounds.service.ts';
import * as training from '../../src/server/modules/training/training.ts';
import type { Ctx } from '../../src/server/shared/context.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const en = JSON.parse(fs.readFileSync('src/web/i18n/en.json', 'utf8'));
const ne = JSON.parse(fs.readFileSync('src/web/i18n/ne.json', 'utf8'));
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;
interface Question {
  key: string;
  type: string;
  required: boolean;
  choices: { value: string }[];
  rows: { value: string }[];
  showIf?: { question: string; anyOf: string[] };
}

/** Answers to the required questions a person is shown, leaning to the top of each scale. */
function answersTo(definition: { sections: { questions: Question[] }[] }) {
  const answers: Record<string, unknown> = {};
  for (const q of definition.sections.flatMap((s) => s.questions)) {
    if (!q.required || (q.showIf && !q.showIf.anyOf.includes(answers[q.showIf.question] as string))) continue;
    const top = q.choices.at(-1)?.value;
    answers[q.key] =
      q.type === 'matrix'
        ? Object.fromEntries(q.rows.map((r) => [r.value, top]))
        : q.type === 'multiple'
          ? [q.choices[0]!.value]
          : q.type === 'number'
            ? 4
            : q.type === 'date'
              ? day(-10)
              : (top ?? 'Groups planned a survey of their street and charted it.');
  }
  return answers;
}

/**
 * The ministry sends an offering's completers the reaction survey from the offering's page; the demo
 * teacher answers on a phone and colleagues by link; the reaction shows on the offering. Months later
 * the follow-up, planned from the same page for three to six months after the training, is answered
 * and shows beside the follow-through visits.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `evaluating an offering in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let ctx: Ctx;
      let offeringId: string;

      beforeAll(async () => {
        world = await startBrowserWorld(150, dialect);
        const db = world.database.db;
        ctx = await systemCtx(world.database, DEMO_TENANT);
        const person = (username: string) =>
          db
            .selectFrom('user_account')
            .innerJoin('person', 'person.id', 'user_account.person_id')
            .select(['person.id', 'person.org_unit_id'])
            .where('user_account.username', '=', username)
            .executeTakeFirstOrThrow();
        const trainer = await person('trainer');
        const teacher = await person('teacher');
        const colleagues = await db
          .selectFrom('person')
          .select('id')
          .where('org_unit_id', '=', teacher.org_unit_id)
          .where('category', '=', 'teacher')
          .where('id', '!=', teacher.id)
          .orderBy('sort_name')
          .limit(5)
          .execute();
        const module = await db.selectFrom('training_module').select('id').orderBy('code').executeTakeFirstOrThrow();
        const offering = await training.createOffering(ctx, {
          moduleId: module.id,
          hostUnitId: trainer.org_unit_id,
          trainerIds: [trainer.id],
          startDate: day(-44),
          endDate: day(-40),
          enrolOpens: day(-70),
          enrolCloses: day(-45),
          venue: 'Room 5',
          onlineUrl: null,
          capacity: 20,
          language: 'en',
        });
        offeringId = offering.id;
        const people = [teacher.id, ...colleagues.map((c) => c.id)];
        await training.nominate(ctx, offeringId, people);
        await training.recordResults(ctx, offeringId, {
          results: people.map((personId) => ({ personId, result: 'completed', score: 80, completedOn: day(-40) })),
        });
      }, 240_000);
      afterAll(() => world?.close());

      /** Colleagues answer by the links the ministry downloads. */
      async function answerByLinks(roundId: string) {
        const links = await rounds.issueLinks(ctx, roundId, world.base);
        for (const link of links.items) {
          const token = link.link.split('/answer/')[1];
          const form = await (await fetch(`${world.base}/api/public/survey-answers/${token}`)).json();
          const sent = await fetch(`${world.base}/api/public/survey-answers/${token}/submit`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ answers: answersTo(form.definition) }),
          });
          expect(sent.status).toBe(200);
        }
        return links.items.length;
      }

      /** The demo teacher answers on a phone from "My surveys", ticking the last choice of each question. */
      async function answerOnPhone(page: Page, title: string) {
        await page.goto(`${world.base}/my-surveys`);
        await page.getByRole('link', { name: title }).click();
        const submit = page.getByRole('button', { name: en.surveys.answer.submit });
        await submit.waitFor();
        // Each required question, as shown: the last choice (or a number, a date, a sentence).
        for (let pass = 0; pass < 2; pass++)
          for (const box of await page.locator('fieldset.question').all()) {
            if (!(await box.getByText(en.surveys.answer.required).count())) continue;
            const rows = await box.locator('fieldset.matrix-row').all();
            if (rows.length) for (const row of rows) await row.locator('input').last().check();
            else if (await box.locator('input[type=radio], input[type=checkbox]').count())
              await box.locator('input').last().check();
            else if (await box.locator('input[type=number]').count()) await box.locator('input').fill('3');
            else if (await box.locator('input[type=date]').count()) await box.locator('input').fill(day(-10));
            else await box.locator('input, textarea').first().fill('Pairs built a model and explained it.');
          }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await submit.click();
        await page.getByText(en.surveys.answer.thanks).waitFor();
      }

      it('sends the reaction survey from the offering, and reads it there once answered', async () => {
        const ministry = await world.signedIn('ministry');
        await ministry.goto(`${world.base}/offerings/${offeringId}`);
        const evaluation = ministry.locator('section.offering-evaluation');
        await evaluation.getByRole('heading', { name: en.surveys.evaluation.title }).waitFor();
        await evaluation.getByText('6 completed of 6 enrolled.').waitFor();
        await evaluation.getByRole('link', { name: en.surveys.evaluation.send.reaction }).click();
        const form = ministry.getByRole('form', { name: en.surveys.rounds.send });
        await form.getByText(en.surveys.rounds.forOffering).waitFor();
        await form.getByLabel(en.surveys.rounds.title).fill('How was the course?');
        await form.getByRole('button', { name: en.surveys.rounds.sendButton }).click();
        await ministry.getByRole('heading', { level: 1, name: 'How was the course?' }).waitFor();
        const roundId = new URL(ministry.url()).pathname.split('/')[3]!;
        const round = await (await ministry.request.get(`${world.base}/api/surveys/rounds/${roundId}`)).json();
        expect([round.kind, round.offeringId, round.invited, round.anonymous]).toEqual([
          'reaction',
          offeringId,
          6,
          true,
        ]);

        const teacher = await world.signedIn('teacher', PHONE);
        await answerOnPhone(teacher, 'How was the course?');
        expect(await answerByLinks(roundId)).toBe(5);

        await ministry.goto(`${world.base}/offerings/${offeringId}`);
        const reaction = ministry.locator('.evaluation-round', { hasText: 'How was the course?' });
        await reaction.getByText('6 of 6 answered').waitFor();
        // Everyone chose the top of every scale: each bar reads 100%.
        const values = await reaction.locator('.bars .bar-value').allTextContents();
        expect(values.length).toBeGreaterThan(3);
        expect(values.filter((v) => !v.startsWith('100'))).toEqual([]);
      }, 180_000);

      it('plans the follow-up three to six months after the training; answered later, it shows by the visits', async () => {
        const ministry = await world.signedIn('ministry');
        await ministry.goto(`${world.base}/offerings/${offeringId}`);
        await ministry.getByRole('link', { name: en.surveys.evaluation.send.follow_up }).click();
        const form = ministry.getByRole('form', { name: en.surveys.rounds.send });
        await expect(form.getByLabel(en.surveys.rounds.opensOn).inputValue()).resolves.toBe(
          (await (await ministry.request.get(`${world.base}/api/offerings/${offeringId}/evaluation`)).json()).followUp
            .opensOn,
        );
        await form.getByLabel(en.surveys.rounds.title).fill('Three months on');
        await form.getByRole('button', { name: en.surveys.rounds.sendButton }).click();
        await ministry.getByRole('heading', { level: 1, name: 'Three months on' }).waitFor();
        const roundId = new URL(ministry.url()).pathname.split('/')[3]!;

        // Nobody answers before the window opens; when it does (the clock moved on), teachers answer.
        const teacher = await world.signedIn('teacher', PHONE);
        await teacher.goto(`${world.base}/my-surveys`);
        await teacher.getByRole('heading', { level: 1 }).waitFor();
        expect(await teacher.getByRole('link', { name: 'Three months on' }).count()).toBe(0);
        await world.database.db
          .updateTable('survey_round')
          .set({ opens_on: day(0) })
          .where('id', '=', roundId)
          .execute();
        await answerOnPhone(teacher, 'Three months on');
        expect(await answerByLinks(roundId)).toBe(5);

        await ministry.goto(`${world.base}/offerings/${offeringId}`);
        const behaviour = ministry.locator('.evaluation-round', { hasText: 'Three months on' });
        await behaviour.getByText('6 of 6 answered').waitFor();
        await behaviour.locator('.bars li').first().waitFor();
        // The follow-through visits of the six completers are due a month after the training, if the module asks.
        await ministry.getByText(/^Follow-through visits: \d+ done/).waitFor();
      }, 180_000);

      it("compares this year's national survey with last year's, in Nepali on a phone", async () => {
        const ministry = await world.signedIn('ministry', PHONE);
        const select = ministry.locator('label.language select');
        await ministry.goto(`${world.base}/surveys/rounds`);
        await ministry.getByRole('heading', { level: 1 }).waitFor();
        if (!(await select.isVisible())) await ministry.getByRole('button', { name: 'Menu' }).click();
        await select.selectOption('ne');
        await ministry.locator('html[lang^="ne"]').waitFor();
        const national = await world.database.db
          .selectFrom('survey_round')
          .select(['id', 'opens_on'])
          .where('title', 'like', '%National survey of training effectiveness%')
          .orderBy('opens_on', 'desc')
          .execute();
        expect(national).toHaveLength(2);
        await ministry.goto(`${world.base}/surveys/rounds/${national[0]!.id}/results`);
        await ministry.locator('section.question-result').first().waitFor({ timeout: 30_000 });
        await ministry.getByRole('link', { name: ne.surveys.compare.title }).click();
        await ministry.getByLabel(ne.surveys.compare.with).selectOption(national[1]!.id);
        const frequency = ministry.locator('section.question-result', { has: ministry.locator('table.cards') }).first();
        await frequency.locator('table.cards tbody tr').first().waitFor();
        const comparison = await (
          await ministry.request.get(
            `${world.base}/api/surveys/rounds/${national[0]!.id}/compare?with=${national[1]!.id}`,
          )
        ).json();
        expect(comparison.before.id).toBe(national[1]!.id);
        // Every change shown is the difference of the two shares, and the labels stay on a phone.
        const first = comparison.questions.find((q: { items: unknown[]; mean: unknown }) => q.items.length && !q.mean);
        for (const item of first.items as { before: number; after: number; change: number }[])
          expect(item.change).toBeCloseTo((item.after - item.before) * 100, 0);
        await frequency.locator(`td[data-label="${ne.surveys.compare.change}"]`).first().waitFor();
        expect(await ministry.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await ministry.screenshot({ path: 'test-results/compare-ne-360.png', fullPage: false });
      }, 120_000);
    },
  );
}
