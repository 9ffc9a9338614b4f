import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addMonths } from '../../src/server/modules/practice/coaching.links.ts';
import * as cycles from '../../src/server/modules/practice/cycles.service.ts';
import { type Ctx, systemBase } from '../../src/server/shared/context.ts';
import { newId, nowIso, todayIso } from '../../src/server/shared/ids.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

/**
 * The ministry defines an indicator over what coaches see in classrooms (teachers observed using ICT
 * in a student-centred way this term), gives a region a target, and reads the regions against it.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`practice indicators per region [${dialect}]`, () => {
    let world: BrowserWorld;
    let region: { id: string; name: string };

    beforeAll(async () => {
      world = await startBrowserWorld(150, dialect);
      const db = world.database.db;
      const trainer = await db
        .selectFrom('user_account as a')
        .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
        .select(['p.id', 'p.tenant_id', 'a.id as account_id'])
        .where('a.username', '=', 'trainer')
        .executeTakeFirstOrThrow();
      // The region with the most teachers: six of them are observed this week by the demo trainer.
      const regions = await db
        .selectFrom('org_unit')
        .select(['id', 'name', 'path'])
        .where('type', '=', 'region')
        .execute();
      const teachersOf = (path: string) =>
        db
          .selectFrom('person')
          .select('id')
          .where('category', '=', 'teacher')
          .where('org_path', 'like', `${path}%`)
          .execute();
      const sized = await Promise.all(regions.map(async (r) => ({ ...r, teachers: await teachersOf(r.path) })));
      const chosen = sized.sort((a, b) => b.teachers.length - a.teachers.length)[0]!;
      region = { id: chosen.id, name: JSON.parse(chosen.name).en };
      const today = todayIso();
      const observed = chosen.teachers.slice(0, 6).map((t) => t.id);
      await db
        .insertInto('coach_assignment')
        .values(
          observed.map((teacherId) => ({
            tenant_id: trainer.tenant_id,
            id: newId(),
            coach_person_id: trainer.id,
            teacher_person_id: teacherId,
            starts_on: today,
            ends_on: addMonths(today, 6),
            created_by_account_id: null,
            created_at: nowIso(),
          })),
        )
        .execute();
      const coach: Ctx = {
        ...systemBase(world.database),
        tenantId: trainer.tenant_id,
        actor: { accountId: trainer.account_id, personId: trainer.id, username: 'trainer', system: false, grants: [] },
      };
      const framework = await db
        .selectFrom('framework')
        .select('id')
        .where('status', '=', 'published')
        .executeTakeFirstOrThrow();
      const items = await db
        .selectFrom('framework_item')
        .select('id')
        .where('framework_id', '=', framework.id)
        .where('type', '=', 'competency')
        .execute();
      const levels = await db
        .selectFrom('framework_level')
        .select('code')
        .where('framework_id', '=', framework.id)
        .orderBy('position')
        .execute();
      for (const teacherId of observed) {
        const open = (await cycles.listCycles(coach, { open: true })).items.find(
          (c: { teacher: { id: string } }) => c.teacher.id === teacherId,
        );
        if (open) await cycles.closeCycle(coach, open.id);
        const cycle = await cycles.createCycle(coach, {
          teacherId,
          focusItemIds: [items[0]!.id],
          lessonDate: today,
          planNotes: 'Groups investigate a local question with tablets.',
        });
        const draft = await cycles.startObservation(coach, cycle.id);
        await cycles.saveObservation(coach, draft.id, {
          ictUsers: ['students'],
          ictPurposes: ['inquiry', 'creation'],
          studentCentredness: 3,
          ictTimeShare: 50,
          studentProducts: 'Posters of what each group found',
          ratings: [{ itemId: items[0]!.id, levelCode: levels[0]!.code }],
        });
        await cycles.submitObservation(coach, draft.id);
      }
    }, 240_000);
    afterAll(() => world?.close());

    it('defines the indicator, sets a regional target and reads every region against it', async () => {
      const year = new Date().getUTCFullYear();
      const page = await world.signedIn('ministry');
      await page.goto(`${world.base}/indicators/manage`);
      await page.getByRole('heading', { level: 1, name: 'Manage indicators' }).waitFor();
      await page.getByRole('button', { name: 'New indicator' }).click();
      await page.getByLabel('Code', { exact: true }).fill('IND-SC');
      await page.getByLabel('Name in English', { exact: true }).fill('Student-centred ICT use seen in class');
      await page.getByLabel('Definition in English', { exact: true }).fill('Of all teachers, this term.');
      await page.getByLabel('Means of verification in English', { exact: true }).fill('Lesson observations');
      const numerator = page.getByRole('group', { name: 'Numerator: what is counted' });
      await numerator.getByLabel('Fact').selectOption('observed_student_centred');
      const denominator = page.getByRole('group', { name: 'Denominator: out of what' });
      await denominator.getByLabel('Fact').selectOption('teachers');
      await page.getByRole('button', { name: 'Save the indicator' }).click();
      const row = page.locator('table.figures-list tbody tr', { hasText: 'IND-SC' });
      await row.waitFor();
      await expect(row.textContent()).resolves.toContain(
        'Teachers observed using ICT in a student-centred way this term / Teachers',
      );

      // The region's own target for this year, through its roadmap screen.
      const indicator = await world.database.db
        .selectFrom('indicator')
        .select('id')
        .where('code', '=', 'IND-SC')
        .executeTakeFirstOrThrow();
      await page.goto(`${world.base}/indicators/${region.id}/roadmap/${indicator.id}`);
      await page.getByRole('heading', { level: 1, name: /^Roadmap: / }).waitFor();
      await page.getByRole('button', { name: 'Add a year' }).click();
      await page.getByLabel('Year, row 1').fill(String(year));
      await page.getByLabel('Target, row 1').fill('4');
      await page.getByRole('button', { name: 'Save the roadmap' }).click();
      await page.getByRole('status').getByText('The roadmap is saved.').waitFor();

      await page.goto(`${world.base}/indicators`);
      await page.getByRole('heading', { level: 1, name: /^Indicators: / }).waitFor();
      const api = await page.request.get(`${world.base}/api/dashboards/indicators`);
      const figures = (await api.json()).indicators.find(
        (f: { indicator: { code: string } }) => f.indicator.code === 'IND-SC',
      );
      const mine = figures.children.find((c: { unitId: string }) => c.unitId === region.id);
      expect(mine.figure.numerator).toBeGreaterThanOrEqual(6);
      expect(mine.target).toMatchObject({ year, value: 4, setBy: { unitId: region.id } });
      const cell = page.locator('table.figures tbody tr', { hasText: region.name }).locator('td[data-label="IND-SC"]');
      await expect(cell.textContent()).resolves.toContain(`Target ${year}: 4%`);
      const shown = Number(((await cell.textContent()) ?? '').match(/^([\d.]+)\s*%/)?.[1]);
      expect(shown).toBeCloseTo(mine.figure.value, 0);
      const status = { on_track: 'On track', at_risk: 'At risk', off_track: 'Off track' }[
        mine.status as 'on_track' | 'at_risk' | 'off_track'
      ];
      await expect(cell.locator('.badge').textContent()).resolves.toContain(status);
      // Every region has a cell for the indicator: a figure with its status, or the group is too small.
      const cells = page.locator('table.figures tbody td[data-label="IND-SC"]');
      for (const text of await cells.allTextContents())
        expect(text).toMatch(/On track|At risk|Off track|No target|Fewer than 5/);
    });
  });
}
