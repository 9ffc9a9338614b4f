import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

describe('a forgotten password in a real browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld(50);
  }, 120_000);
  afterAll(() => world?.close());

  it('asks for a link on a phone and is told it is on its way; the link opens the new-password form', async () => {
    const page = await world.browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(world.base);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { name: 'Set a new password' }).waitFor();
    await page.getByLabel('Username').fill('teacher');
    await page.getByRole('button', { name: 'Send the link' }).click();
    // The server answers 202 without a body, and the same for any username.
    await page.getByText('If that account exists and has an email address, a link is on its way.').waitFor();
    expect(await page.locator('p.error').count()).toBe(0);

    await page.goto(`${world.base}/reset-password#not-a-real-token`);
    await page.locator('#new-password').fill('a-new-long-password');
    await page.locator('#confirm-password').fill('a-new-long-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.locator('p.error').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });
});
