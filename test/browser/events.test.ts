import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
type Page = Awaited<ReturnType<BrowserWorld['signedIn']>>;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The district officer holds a policy meeting with a school leader, records its minutes, a decision
 * and a follow-up action owned by the leader; the leader closes the action from "My follow-up actions".
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(`a policy meeting's follow-up [${dialect}]`, () => {
    let world: BrowserWorld;
    let leader: { given: string; family: string };

    beforeAll(async () => {
      world = await startBrowserWorld(60, dialect);
      const row = await world.database.db
        .selectFrom('user_account as a')
        .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'a.tenant_id').onRef('p.id', '=', 'a.person_id'))
        .select(['p.given_name', 'p.family_name'])
        .where('a.username', '=', 'leader')
        .executeTakeFirstOrThrow();
      leader = { given: row.given_name ?? '', family: row.family_name ?? '' };
    }, 180_000);
    afterAll(() => world?.close());

    const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

    it('records a follow-up action that its owner later closes', async () => {
      const name = `${leader.given} ${leader.family}`;
      const officer = await world.signedIn('district', PHONE);
      await officer.goto(`${world.base}/events`);
      await officer.getByRole('link', { name: 'New event' }).click();
      await officer.getByLabel('Kind of event').selectOption('policy_meeting');
      await officer.getByLabel('Title').fill('Tablets in every classroom: the district plan');
      await officer.getByLabel('Starts').fill(`${day(-1)}T09:00`);
      await officer.getByLabel('Ends').fill(`${day(-1)}T11:00`);
      await officer.getByLabel('Place').fill('District office, room 2');
      await expect(pageWidth(officer)).resolves.toBeLessThanOrEqual(360);
      await officer.getByRole('button', { name: 'Create event' }).click();
      await officer.getByRole('heading', { name: 'Tablets in every classroom: the district plan' }).waitFor();

      // The school leader is invited, found by family name.
      await officer.getByLabel('Find a person by family name').fill(leader.family);
      await officer.getByRole('button', { name: 'Find', exact: true }).click();
      await officer
        .locator('label', { hasText: name })
        .filter({ hasText: 'Amberfield School No. 1' })
        .first()
        .getByRole('checkbox')
        .check();
      await officer.getByRole('button', { name: 'Invite' }).click();
      await officer.locator('li', { hasText: `${name} · invited` }).waitFor();

      // After the meeting: minutes, a decision and the action it leads to.
      await officer.getByLabel('Minutes', { exact: true }).fill('Schools reported on the tablets received so far.');
      await officer.getByRole('button', { name: 'Save minutes' }).click();
      await officer.getByRole('heading', { name: 'Minutes and outcomes' }).first().waitFor();
      await officer.getByLabel('Decision', { exact: true }).fill('Every school names an ICT coordinator.');
      await officer.getByRole('button', { name: 'Record decision' }).click();
      await officer.locator('ol li', { hasText: 'Every school names an ICT coordinator.' }).first().waitFor();
      const form = officer.getByRole('form', { name: 'New follow-up action' });
      await form.getByLabel('What is to be done').fill('Name the ICT coordinator of School No. 1');
      await form.getByLabel('Owner').selectOption({ label: name });
      await form.getByLabel('Due').fill(day(14));
      await form.getByLabel('Follows the decision').selectOption({ index: 1 });
      await form.getByRole('button', { name: 'Add action' }).click();
      const action = officer.locator('li.card', { hasText: 'Name the ICT coordinator of School No. 1' });
      await action.getByText(`${name} · Due`).waitFor();
      await expect(pageWidth(officer)).resolves.toBeLessThanOrEqual(360);
      const eventUrl = officer.url();

      // The owner closes it from their own list.
      const owner = await world.signedIn('leader', PHONE);
      await owner.goto(`${world.base}/my-actions`);
      const mine = owner.locator('li.card', { hasText: 'Name the ICT coordinator of School No. 1' });
      await mine.getByRole('link', { name: 'Tablets in every classroom: the district plan' }).waitFor();
      await expect(pageWidth(owner)).resolves.toBeLessThanOrEqual(360);
      await mine.getByRole('button', { name: 'Mark done' }).click();
      await owner.getByText('No open actions.').waitFor();

      // The organiser sees it done, by whom.
      await officer.goto(eventUrl);
      await officer
        .locator('li.card', { hasText: 'Name the ICT coordinator of School No. 1' })
        .getByText(`Done (${name})`)
        .waitFor();
      await expect(action.getByRole('button', { name: 'Mark done' }).count()).resolves.toBe(0);
    }, 180_000);
  });
}
