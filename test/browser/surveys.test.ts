import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as accounts from '../../src/server/modules/accounts/accounts.service.ts';
import * as rounds from '../../src/server/modules/surveys/rounds.service.ts';
import { type Ctx, systemBase } from '../../src/server/shared/context.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;
const uz = JSON.parse(fs.readFileSync('src/web/i18n/uz.json', 'utf8'));
const en = JSON.parse(fs.readFileSync('src/web/i18n/en.json', 'utf8'));
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (_, k) => values[k] ?? '');

/**
 * The ministry sends the national survey to a district in Uzbek; teachers answer on a phone (one
 * stops half-way and comes back), others by link; a reminder reaches those who have not answered;
 * the ministry reads the results by type of place with small groups hidden.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `the national survey in a district [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let ctx: Ctx;
      let roundId: string;
      let colleagueId: string;

      beforeAll(async () => {
        world = await startBrowserWorld(150, dialect);
        const tenant = await world.database.db.selectFrom('tenant').select('id').executeTakeFirstOrThrow();
        ctx = { ...systemBase(world.database), tenantId: tenant.id };
        // A second teacher of the district signs in too, to be reminded.
        const colleague = await world.database.db
          .selectFrom('person as p')
          .innerJoin('org_unit as u', (j) =>
            j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'),
          )
          .select(['p.id', 'p.org_unit_id'])
          .where('p.category', '=', 'teacher')
          .where('u.name', 'like', '%Amberfield School No. 2%')
          .where((eb) =>
            eb.not(eb.exists(eb.selectFrom('user_account as a').select('a.id').whereRef('a.person_id', '=', 'p.id'))),
          )
          .executeTakeFirstOrThrow();
        colleagueId = colleague.id;
        await accounts.createAccount(ctx, {
          personId: colleague.id,
          username: 'colleague',
          password: 'pathway-demo',
          roles: [{ role: 'teacher', orgUnitId: colleague.org_unit_id }],
        });
      }, 240_000);
      afterAll(() => world?.close());

      async function inLanguage(page: Page, code: string) {
        const select = page.locator('label.language select');
        if (!(await select.isVisible())) await page.getByRole('button', { name: 'Menu' }).click();
        await select.selectOption(code);
        await page.locator(`html[lang^="${code}"]`).waitFor();
      }

      it('is sent in Uzbek, answered on phones and by link, reminded, and read by type of place', async () => {
        // The ministry, in Uzbek, sends the published national survey to Amberfield district.
        const ministry = await world.signedIn('ministry');
        await inLanguage(ministry, 'uz');
        await ministry.goto(`${world.base}/surveys`);
        await ministry
          .getByRole('link', { name: /O‘qitish samaradorligi|milliy/i })
          .first()
          .click();
        await ministry.getByRole('link', { name: uz.surveys.rounds.send }).click();
        const form = ministry.getByRole('form', { name: uz.surveys.rounds.send });
        await form.getByLabel(uz.surveys.rounds.title).fill('Amberfield: o‘qitish samaradorligi');
        const unit = form.locator('select').first();
        const searched = ministry.waitForResponse((r) => r.url().includes('/api/org-units?'));
        await form.getByLabel(uz.surveys.rounds.findUnit).fill('Amberfield');
        await searched;
        // The units are named in the reader's language: Amberfield is Emberfild in Uzbek.
        await unit.locator('option', { hasText: 'Emberfild' }).first().waitFor({ state: 'attached' });
        const district = await unit
          .locator('option', { hasText: /Emberfild.*\(Tuman\)/ })
          .first()
          .getAttribute('value');
        await unit.selectOption(district!);
        await form.getByRole('button', { name: uz.surveys.rounds.sendButton }).click();
        await ministry.getByRole('heading', { level: 1, name: 'Amberfield: o‘qitish samaradorligi' }).waitFor();
        roundId = new URL(ministry.url()).pathname.split('/')[3]!;

        // The demo teacher answers on a phone: stops half-way, comes back, finishes.
        const teacher = await world.signedIn('teacher', PHONE);
        await teacher.goto(`${world.base}/my-surveys`);
        await teacher.getByRole('link', { name: 'Amberfield: o‘qitish samaradorligi' }).click();
        const answer = await (await teacher.request.get(`${world.base}/api/surveys/rounds/${roundId}/answer`)).json();
        const questions = answer.definition.sections.flatMap((s: { questions: unknown[] }) => s.questions) as {
          key: string;
          type: string;
          text: Record<string, string>;
          required: boolean;
          rows: unknown[];
        }[];
        const field = (q: (typeof questions)[number]) =>
          teacher.locator('fieldset.question', { has: teacher.locator('legend', { hasText: q.text.en! }) }).first();
        const required = questions.filter((q) => q.required);
        const answerIt = async (q: (typeof questions)[number]) => {
          const box = field(q);
          if (!(await box.count())) return; // not shown for these answers
          if (q.type === 'matrix')
            for (const row of await box.locator('fieldset.matrix-row').all())
              await row.locator('input').first().check();
          else if (q.type === 'number') await box.locator('input').fill('7');
          else if (q.type === 'date') await box.locator('input').fill('2026-10-01');
          else if (q.type === 'short_text' || q.type === 'long_text')
            await box.locator('input, textarea').fill('Pairs made maps.');
          else await box.locator('input').first().check();
        };
        // Half-way: the first answers are kept on the phone; a reload finds them.
        await field(required[0]!).waitFor();
        for (const q of required.slice(0, 2)) await answerIt(q);
        await teacher.locator('p.save-state', { hasText: en.surveys.answer.savedHere }).waitFor();
        await teacher.reload();
        await field(required[0]!).waitFor();
        const kept = field(required[0]!).locator('input').first();
        await expect(required[0]!.type === 'number' ? kept.inputValue() : kept.isChecked()).resolves.toBe(
          required[0]!.type === 'number' ? '7' : true,
        );
        for (const q of required.slice(1)) await answerIt(q);
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await teacher.getByRole('button', { name: en.surveys.answer.submit }).click();
        await teacher.getByText(en.surveys.answer.thanks).waitFor();

        // Teachers without an account answer by link (the links the ministry downloads), each once.
        const links = await rounds.issueLinks(ctx, roundId, world.base);
        // The colleague with an account is left to be reminded.
        // Everyone of the largest school and two of another: that school's answers must stay hidden.
        const placed = await world.database.db
          .selectFrom('person')
          .select(['id', 'org_unit_id'])
          .where(
            'id',
            'in',
            links.items.map((l) => l.personId),
          )
          .execute();
        const schoolOf = new Map(placed.map((p) => [p.id, p.org_unit_id]));
        const bySchool = new Map<string, typeof links.items>();
        for (const l of links.items.filter((x) => x.personId !== colleagueId))
          bySchool.set(schoolOf.get(l.personId)!, [...(bySchool.get(schoolOf.get(l.personId)!) ?? []), l]);
        const [largest, other] = [...bySchool.values()].sort((a, b) => b.length - a.length);
        const byLink = [...largest!, ...other!.slice(0, 2)];
        for (const link of byLink) {
          const token = link.link.split('/answer/')[1];
          const form = await (await fetch(`${world.base}/api/public/survey-answers/${token}`)).json();
          const answers: Record<string, unknown> = {};
          for (const q of form.definition.sections.flatMap((s: { questions: unknown[] }) => s.questions) as {
            key: string;
            type: string;
            required: boolean;
            choices: { value: string }[];
            rows: { value: string }[];
            showIf?: { question: string; anyOf: string[] };
          }[]) {
            if (!q.required || (q.showIf && !q.showIf.anyOf.includes(answers[q.showIf.question] as string))) continue;
            answers[q.key] =
              q.type === 'matrix'
                ? Object.fromEntries(q.rows.map((r) => [r.value, q.choices[1]!.value]))
                : q.type === 'multiple'
                  ? [q.choices[0]!.value]
                  : q.type === 'number'
                    ? 4
                    : q.type === 'date'
                      ? '2026-10-01'
                      : q.choices.length
                        ? q.choices[q.choices.length - 1]!.value
                        : 'We learn from each other.';
          }
          const sent = await fetch(`${world.base}/api/public/survey-answers/${token}/submit`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ answers }),
          });
          expect(sent.status).toBe(200);
        }

        // The ministry reminds those who have not answered; the colleague finds the reminder.
        await ministry.goto(`${world.base}/surveys/rounds/${roundId}`);
        await ministry.getByRole('button', { name: uz.surveys.rounds.remind }).click();
        await ministry.getByRole('status').filter({ hasText: /\d/ }).waitFor();
        await expect(ministry.getByRole('status').filter({ hasText: /\d/ }).textContent()).resolves.toMatch(/^1 /);
        const colleague = await world.signedIn('colleague', PHONE);
        const inbox = await (await colleague.request.get(`${world.base}/api/me/notifications`)).json();
        expect(JSON.stringify(inbox)).toContain('Amberfield: o‘qitish samaradorligi');
        expect(inbox.items.map((n: { kind: string }) => n.kind)).toContain('survey_reminder');

        // Results by type of place; the schools with too few answers are hidden, and say so.
        await ministry.getByRole('link', { name: uz.surveys.rounds.results }).click();
        await ministry.getByLabel(uz.surveys.results.breakdown).selectOption('school_type');
        const results = await (
          await ministry.request.get(`${world.base}/api/surveys/rounds/${roundId}/results?by=school_type`)
        ).json();
        expect(results.respondents).toBe(1 + byLink.length);
        const respondents = String(1 + byLink.length);
        await ministry
          .getByText(fill(uz.surveys.results.respondents, { n: respondents, of: String(results.invited) }))
          .waitFor();
        expect(results.children.some((c: { respondents: number | null }) => c.respondents === null)).toBe(true);
        const hidden = fill(uz.surveys.results.fewer, { minimum: '5' });
        await ministry.locator('table.cards td', { hasText: hidden }).first().waitFor();
        await ministry.locator('section.question-result .bars').first().waitFor();
      });
    },
  );
}
