import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, offeringForDemoTeacher, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const en = JSON.parse(fs.readFileSync('src/web/i18n/en.json', 'utf8'));

/**
 * The district officer cancels an offering on a phone, with a reason and a confirmation; the enrolled
 * demo teacher finds the notice, with the reason, in the inbox on a phone, and the offering's page
 * says it is cancelled and offers no enrolment.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `cancelling an offering in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let offeringId: string;

      beforeAll(async () => {
        world = await startBrowserWorld(100, dialect);
        offeringId = await offeringForDemoTeacher(world);
      }, 240_000);
      afterAll(() => world?.close());

      it('tells the enrolled teacher why, in the inbox, when the district officer cancels', async () => {
        const officer = await world.signedIn('district', PHONE);
        await officer.goto(`${world.base}/offerings/${offeringId}`);
        await officer.getByText(en.training.changes.cancel, { exact: true }).first().click();
        await officer.getByLabel(en.training.changes.reason).fill('The college is closed for repairs.');
        await officer.getByRole('checkbox', { name: /I understand/ }).check();
        await officer.getByRole('button', { name: en.training.changes.cancelSubmit }).click();
        await officer
          .getByText(/This offering was cancelled on .*Reason: The college is closed for repairs\./)
          .waitFor();
        expect(await officer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

        const teacher = await world.signedIn('teacher', PHONE);
        await teacher.goto(`${world.base}/notifications`);
        const item = teacher.locator('li', { hasText: 'The college is closed for repairs.' }).first();
        await item.getByText(/Cancelled: /).waitFor();
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await item.getByRole('link', { name: en.notifications.open }).click();
        await teacher.getByText(en.training.offerings.cancelled, { exact: true }).first().waitFor();
        expect(await teacher.getByRole('button', { name: en.training.roster.enrolMe }).count()).toBe(0);
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      });
    },
  );
}
