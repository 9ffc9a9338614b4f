import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemCtx } from '../../src/cli/context.ts';
import { DEMO_TENANT } from '../../src/cli/demo.ts';
import * as training from '../../src/server/modules/training/training.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** After training, the trainer visits each completer in class; the district sees who has not been visited. */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `follow-through in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let names: string[];
      let district: string;

      beforeAll(async () => {
        world = await startBrowserWorld(200, dialect);
        const db = world.database.db;
        const ctx = await systemCtx(world.database, DEMO_TENANT);
        const person = (username: string) =>
          db
            .selectFrom('user_account')
            .innerJoin('person', 'person.id', 'user_account.person_id')
            .select(['person.id', 'person.org_unit_id'])
            .where('user_account.username', '=', username)
            .executeTakeFirstOrThrow();
        const trainer = await person('trainer');
        const module = await db.selectFrom('training_module').select('id').orderBy('code').executeTakeFirstOrThrow();
        // Two teachers of a school outside every partnership (so the trainer follows them through) finished
        // a course 40 days ago: their one-month visits are overdue.
        // The demo district officer's district, and a school of it outside every partnership.
        district = (
          await db
            .selectFrom('role_assignment')
            .innerJoin('user_account', 'user_account.id', 'role_assignment.account_id')
            .select('role_assignment.org_unit_id')
            .where('user_account.username', '=', 'district')
            .executeTakeFirstOrThrow()
        ).org_unit_id;
        const school = await db
          .selectFrom('org_unit')
          .select('id')
          .where('type', '=', 'school')
          .where('parent_id', '=', district)
          .where('id', 'not in', db.selectFrom('partnership_school').select('school_unit_id'))
          .orderBy('path')
          .executeTakeFirstOrThrow();
        const teachers = await db
          .selectFrom('person')
          .select(['id', 'given_name', 'family_name'])
          .where('org_unit_id', '=', school.id)
          .where('category', '=', 'teacher')
          .orderBy('sort_name')
          .limit(2)
          .execute();
        names = teachers.map((t) => `${t.given_name} ${t.family_name}`);
        const offering = await training.createOffering(ctx, {
          moduleId: module.id,
          hostUnitId: trainer.org_unit_id,
          trainerIds: [trainer.id],
          startDate: day(-44),
          endDate: day(-40),
          enrolOpens: day(-70),
          enrolCloses: day(-45),
          venue: 'Room 2',
          onlineUrl: null,
          capacity: 20,
          language: 'en',
        });
        await training.nominate(
          ctx,
          offering.id,
          teachers.map((t) => t.id),
        );
        await training.recordResults(ctx, offering.id, {
          results: teachers.map((t) => ({ personId: t.id, result: 'completed', score: 75, completedOn: day(-40) })),
        });
      }, 180_000);
      afterAll(() => world?.close());

      it("puts a completed course's teachers on the trainer's visits, overdue first, and records one on a phone", async () => {
        const page = await world.signedIn('trainer', PHONE);
        await page.goto(`${world.base}/follow-through`);
        await page.getByRole('heading', { name: 'Follow-through after training' }).waitFor();
        const row = page.locator('table.cards tbody tr', { hasText: names[0]! }).first();
        await row.waitFor();
        await expect(row.getByText('overdue').count()).resolves.toBeGreaterThan(0);
        await row.getByRole('button', { name: 'Record the visit' }).click();
        const form = page.getByRole('form', { name: `Visit to ${names[0]}` });
        await form.getByRole('button', { name: 'Save the visit' }).click();
        await form.getByText('Say whether the training is applied.').waitFor();
        await form.getByLabel('Partly applied').check();
        await form
          .getByLabel('How: what you saw students and the teacher do')
          .fill('Pairs used the tablets to photograph plants and label them; the teacher still led most of the time.');
        await form.getByRole('button', { name: 'Save the visit' }).click();
        const made = page.locator('table.cards', { hasText: 'Visits made' }).locator('tr', { hasText: names[0]! });
        await made.first().waitFor();
        await expect(made.first().textContent()).resolves.toContain('Partly applied');
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      }, 120_000);

      it("shows the district officer the other teacher's visit as overdue, with the coach", async () => {
        const page = await world.signedIn('district');
        await page.goto(`${world.base}/org/${district}/follow-through`);
        await page.getByRole('heading', { name: /^Follow-through/ }).waitFor();
        const row = page.locator('table.cards tbody tr', { hasText: names[1]! }).first();
        await row.waitFor();
        await expect(row.textContent()).resolves.toMatch(/overdue/);
        // The visit the trainer made is no longer overdue.
        expect(await page.locator('table.cards tbody tr', { hasText: names[0]! }).count()).toBe(0);
        await page.getByLabel('Show').selectOption('done');
        await page.locator('table.cards tbody tr', { hasText: names[0]! }).first().waitFor();
      }, 120_000);
    },
  );
}
