import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DialectName } from '../db.ts';
import { type BrowserWorld, offeringForDemoTeacher, startBrowserWorld } from './harness.ts';

const PHONE = { width: 360, height: 740 };
const en = JSON.parse(fs.readFileSync('src/web/i18n/en.json', 'utf8'));

/**
 * Done when: a post in an offering cohort's community notifies its members. The trainer opens the
 * cohort community from the offering's page and starts a thread; an enrolled teacher finds it in the
 * inbox on a phone, opens the thread and replies.
 */
for (const dialect of ['sqlite', 'postgres'] as const satisfies DialectName[]) {
  describe.skipIf(dialect === 'postgres' && !inject('postgres'))(
    `a cohort's community in a real browser [${dialect}]`,
    () => {
      let world: BrowserWorld;
      let offeringId: string;

      beforeAll(async () => {
        world = await startBrowserWorld(150, dialect);
        offeringId = await offeringForDemoTeacher(world);
      }, 240_000);
      afterAll(() => world?.close());

      it('tells an enrolled teacher of the trainer’s post, who opens the thread from the inbox and replies', async () => {
        const trainer = await world.signedIn('trainer');
        await trainer.goto(`${world.base}/offerings/${offeringId}`);
        await trainer.getByRole('link', { name: en.communities.offeringLink }).click();
        const form = trainer.getByRole('form', { name: en.communities.newThread });
        await form.getByLabel(en.communities.form.title).fill('Before the first day');
        await form.getByLabel(en.communities.form.body).fill('Bring a laptop and one lesson plan you want to change.');
        await form.getByRole('button', { name: en.communities.post }).click();
        await trainer.getByRole('heading', { level: 1, name: 'Before the first day' }).waitFor();

        const teacher = await world.signedIn('teacher', PHONE);
        await teacher.goto(`${world.base}/notifications`);
        const item = teacher.locator('li', { hasText: 'Before the first day' }).first();
        await item.getByText(/New in .*: Before the first day/).waitFor();
        await item.getByRole('link', { name: en.notifications.open }).click();
        await teacher.getByRole('heading', { level: 1, name: 'Before the first day' }).waitFor();
        await teacher.getByText('Bring a laptop and one lesson plan you want to change.').waitFor();
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

        const reply = teacher.getByRole('form', { name: en.communities.reply });
        await reply.getByLabel(en.communities.reply).fill('I will bring my fractions lesson.');
        await reply.getByRole('button', { name: en.communities.post }).click();
        await teacher.getByText('I will bring my fractions lesson.').waitFor();
        await teacher.getByRole('button', { name: en.communities.reaction.thanks }).first().click();
        await teacher
          .getByRole('button', { name: `${en.communities.reaction.thanks} 1` })
          .first()
          .waitFor();
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

        // The community and the list of communities fit a phone too.
        await teacher.locator('main a[href^="/communities/"]').first().click();
        await teacher.getByRole('heading', { level: 2, name: en.communities.threads }).waitFor();
        await teacher.getByRole('link', { name: 'Before the first day' }).waitFor();
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await teacher.goto(`${world.base}/communities`);
        await teacher.getByRole('heading', { level: 2, name: en.communities.mine }).waitFor();
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

        // The discussion is found again by a word of the reply, among library, discussions and events.
        await teacher.getByRole('link', { name: en.communitySearch.link }).click();
        await teacher.getByLabel(en.communitySearch.words).fill('fractions');
        await teacher.getByRole('button', { name: en.communitySearch.search }).click();
        const hit = teacher.locator('main li.card', { hasText: 'Before the first day' });
        await hit.getByText(en.communitySearch.kinds.thread).waitFor();
        expect(await teacher.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
        await hit.getByRole('link', { name: 'Before the first day' }).click();
        await teacher.getByText('I will bring my fractions lesson.').waitFor();

        // The trainer hears of the reply.
        const inbox = await (await trainer.request.get(`${world.base}/api/me/notifications`)).json();
        expect(inbox.items.map((n: { kind: string }) => n.kind)).toContain('community_post');
      }, 180_000);
    },
  );
}
