import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

describe('each role starts on its own work', () => {
  let world: BrowserWorld;
  beforeAll(async () => {
    world = await startBrowserWorld(20);
  }, 120_000);
  afterAll(() => world?.close());

  const cases = [
    { user: 'teacher', path: '/my-learning', heading: 'My learning', first: 'My learning' },
    { user: 'trainer', path: '/my-offerings', heading: 'My offerings', first: 'My offerings' },
    { user: 'assessor', path: '/reviews', heading: 'Reviews to do', first: 'Reviews' },
    { user: 'leader', path: '/my-school', heading: 'My school', first: 'My school' },
    { user: 'district', path: '/dashboard', heading: null, first: 'Dashboard' },
  ];

  for (const { user, path, heading, first } of cases) {
    it(`lands the ${user} on ${path} with "${first}" first in the menu`, async () => {
      const page = await world.signedIn(user);
      expect(new URL(page.url()).pathname).toBe(path);
      if (heading) await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link').first().textContent()).resolves.toBe(first);
      await page.context().close();
    });
  }

  it('gives the trainer an Offerings item and today’s and coming offerings', async () => {
    const page = await world.signedIn('trainer');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Offerings', exact: true }).count()).resolves.toBe(1);
    await page.getByRole('heading', { name: 'Today', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Coming up', level: 2 }).waitFor();
    await page.context().close();
  });

  it("puts the coach's lessons to observe today and follow-through due on the trainer's start page, on a phone", async () => {
    const page = await world.signedIn('trainer', { width: 360, height: 740 });
    const practice = page.getByRole('region', { name: 'In classrooms' });
    await practice.waitFor();
    const [lessons, due] = await Promise.all(
      ['/api/coaching/today', '/api/follow-through?status=due'].map(async (url) =>
        (await page.request.get(`${world.base}${url}`)).json(),
      ),
    );
    // The same lessons and visits as the coaching and follow-through pages count.
    const lessonCard = practice.locator('li.card', { hasText: 'Lessons to observe today' });
    for (const lesson of lessons.items) await lessonCard.getByRole('link', { name: lesson.teacher.name }).waitFor();
    await expect(lessonCard.getByRole('link').count()).resolves.toBe(1 + lessons.items.length);
    const visits = practice.locator('li.card', { hasText: 'Follow-through after training' });
    const n = due.items.length;
    await visits.getByText(n === 0 ? 'No visits due' : `${n} visit${n === 1 ? '' : 's'} due`).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await visits.getByRole('link', { name: 'Follow-through after training' }).click();
    expect(new URL(page.url()).pathname).toBe('/follow-through');
    await page.context().close();
  });

  it('shows the teacher a summary of their work, linked, on a phone', async () => {
    const page = await world.signedIn('teacher', { width: 360, height: 740 });
    const main = page.locator('main');
    for (const name of ['Self-assessment', 'My plan', 'My transcript', 'My credentials', 'My coaching'])
      await main.getByRole('heading', { name, exact: true, level: 2 }).waitFor();
    // The coaching and designs cards say what the pages they open list.
    const designs = await (await page.request.get(`${world.base}/api/activity-designs?scope=mine&limit=20`)).json();
    const n = designs.items.length;
    const shared = designs.items.filter((d: { sharing: string }) => d.sharing !== 'private').length;
    const designCard = main.locator('li.card', { has: page.getByRole('heading', { name: 'Activity designs' }) });
    await designCard
      .getByRole('link', { name: n === 0 ? 'No designs yet.' : `${n} design${n === 1 ? '' : 's'}, ${shared} shared` })
      .waitFor();
    const cycles = await (await page.request.get(`${world.base}/api/coaching-cycles`)).json();
    const open = cycles.items.find((c: { status: string }) => c.status !== 'closed');
    const cycleCard = main.locator('li.card', { has: page.getByRole('heading', { name: 'My coaching' }) });
    await cycleCard
      .getByRole('link', { name: open ? /^Cycle at the .+ step, lesson on / : 'No open coaching cycle.' })
      .waitFor();
    await main.getByRole('link', { name: /Credentials held: \d+/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await main.getByRole('link', { name: /Latest plan|No plan yet/ }).click();
    expect(new URL(page.url()).pathname).toBe('/my-plan');
    await page.context().close();
  });

  it('takes the school leader straight to the group report, plans and observations, on a phone', async () => {
    const page = await world.signedIn('leader', { width: 360, height: 740 });
    const main = page.locator('main');
    await main.getByRole('link', { name: 'Amberfield School No. 1' }).waitFor();
    await main.getByRole('link', { name: 'Development plans' }).waitFor();
    await main.getByRole('link', { name: 'Classroom observations' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await main.getByRole('link', { name: 'Self-assessment report' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/org\/[^/]+\/self-assessment$/);
    await page.context().close();
  });
});
