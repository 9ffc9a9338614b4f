import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedSecondCountry } from '../../src/cli/demo-second-country.ts';
import * as collaboration from '../../src/server/modules/regional/collaboration.service.ts';
import { systemBase } from '../../src/server/shared/context.ts';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const PROJECT = 'International project: Our rivers, our data';

/**
 * The demo's international project space, with Solvara invited too: a teacher of Meridia and a teacher
 * of Solvara, each nominated by their own ministry, write in it on a phone and each reads the other.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`regional collaboration [${dialect}]`, () => {
    let world: BrowserWorld;
    let solvaraTeacher = '';

    beforeAll(async () => {
      world = await startBrowserWorld(120, dialect);
      const { tenant } = await seedSecondCountry(world.database, {
        code: 'solvara',
        name: 'Republic of Solvara',
        teachers: 40,
      });
      const db = world.database.db;
      const office = await db.selectFrom('tenant').select('id').where('code', '=', 'region').executeTakeFirstOrThrow();
      const project = await db
        .selectFrom('regional_activity')
        .select('id')
        .where('tenant_id', '=', office.id)
        .where('kind', '=', 'project')
        .executeTakeFirstOrThrow();
      const teacher = await db
        .selectFrom('person')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .where('category', '=', 'teacher')
        .orderBy('national_id')
        .executeTakeFirstOrThrow();
      solvaraTeacher = (await world.addLogin('solvara-teacher', teacher.id, 'teacher')).name;
      // The office invites Solvara; Solvara's ministry nominates its teacher (as the demo did for Meridia).
      await collaboration.inviteCountries({ ...systemBase(world.database), tenantId: office.id }, project.id, [
        tenant.id,
      ]);
      await collaboration.nominate({ ...systemBase(world.database), tenantId: tenant.id }, project.id, [teacher.id]);
    }, 300_000);
    afterAll(() => world?.close());

    it('two teachers of two countries post in the project space and each sees the other’s post', async () => {
      // Meridia's teacher finds the project from the communities page, where they look for collaboration.
      const meridia = await world.signedIn('teacher', PHONE);
      await meridia.goto(`${world.base}/communities`);
      await meridia.getByRole('link', { name: 'My 2 regional activities' }).click();
      await meridia.getByRole('link', { name: PROJECT }).click();
      await meridia.getByRole('heading', { name: PROJECT }).waitFor();
      // Both countries and their participants: Solvara's teacher by name.
      await meridia.getByRole('heading', { name: 'Republic of Solvara' }).waitFor();
      await meridia.getByText(solvaraTeacher).waitFor();
      await meridia.getByRole('textbox', { name: 'Write to the participants' }).fill('Amberfield measured 9 °C today.');
      await meridia.getByRole('button', { name: 'Post' }).click();
      // Until the answer comes back the text is still in the box too: it is looked for among the posts.
      await meridia.locator('.post', { hasText: 'Amberfield measured 9 °C today.' }).waitFor();

      const solvara = await world.signedIn('solvara-teacher', PHONE);
      await solvara.goto(`${world.base}/regional/activities`);
      await solvara.getByRole('link', { name: PROJECT }).click();
      const theirs = solvara.locator('.post', { hasText: 'Amberfield measured 9 °C today.' });
      await theirs.waitFor();
      await expect(theirs.textContent()).resolves.toContain('Republic of Meridia');
      await solvara
        .getByRole('textbox', { name: 'Write to the participants' })
        .fill('Hello from Solvara: 14 °C and sunny.');
      await solvara.getByRole('button', { name: 'Post' }).click();
      await solvara.locator('.post', { hasText: 'Hello from Solvara: 14 °C and sunny.' }).waitFor();

      await meridia.reload();
      const back = meridia.locator('.post', { hasText: 'Hello from Solvara: 14 °C and sunny.' });
      await back.waitFor();
      await expect(back.textContent()).resolves.toContain(solvaraTeacher);
      for (const page of [meridia, solvara])
        await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(360);
      await meridia.context().close();
      await solvara.context().close();
    });
  });
}
