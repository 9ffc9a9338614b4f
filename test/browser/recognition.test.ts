import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '../../src/cli/demo.ts';
import * as accounts from '../../src/server/modules/accounts/accounts.service.ts';
import * as reviews from '../../src/server/modules/assessment/reviews.service.ts';
import * as frameworks from '../../src/server/modules/frameworks/frameworks.service.ts';
import * as org from '../../src/server/modules/org/org.service.ts';
import { type Ctx, systemBase } from '../../src/server/shared/context.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

/**
 * The Done-when: a teacher who meets a rule receives a credential, downloads the PDF, a
 * stranger opens the verification link the certificate carries and sees it verified; revoking it
 * shows "revoked" on the same page. Also the approver's queue.
 */
describe('recognition in a real browser', () => {
  let world: BrowserWorld;
  beforeAll(async () => {
    world = await startBrowserWorld(200);
  }, 120_000);
  afterAll(() => world?.close());

  /** The regional assessor confirms the demo teacher at Knowledge Acquisition in the first competency of every aspect. */
  async function confirmTheDemoTeacher() {
    const base = systemBase(world.database);
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const logins = await accounts.listAccounts(ctx, { limit: 200 });
    const teacher = logins.find((a) => a.username === 'teacher')!;
    const assessor = logins.find((a) => a.username === 'assessor')!;
    const asAssessor: Ctx = {
      ...ctx,
      actor: {
        accountId: assessor.id,
        personId: assessor.personId,
        username: assessor.username,
        system: false,
        grants: assessor.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgUnitPath: g.orgUnitPath })),
      },
    };
    const [published] = (await frameworks.listFrameworks(ctx)).filter((f) => f.status === 'published');
    const standard = await frameworks.getFramework(ctx, published!.id);
    for (const code of ['A1.1', 'A2.1', 'A3.1', 'A4.1', 'A5.1', 'A6.1'])
      await reviews.rate(asAssessor, teacher.personId, {
        frameworkId: standard.id,
        itemId: standard.items.find((i) => i.code === code)!.id,
        levelCode: 'KA',
        evidenceIds: [],
        comment: 'Confirmed at the district assessment day.',
      });
  }

  it('issues the credential, the PDF links to a public page that says verified, and then revoked', async () => {
    await confirmTheDemoTeacher();

    // The teacher finds the credential in their wallet and downloads the certificate.
    const teacher = await world.signedIn('teacher');
    await teacher.getByRole('link', { name: 'My credentials' }).click();
    await teacher.getByRole('heading', { name: 'My credentials' }).waitFor();
    const card = teacher.getByRole('listitem').filter({ hasText: 'ICT foundations for teaching' });
    // The wallet loads after its heading: wait for the card rather than look once.
    await card.getByText('Valid', { exact: true }).waitFor();
    const [download] = await Promise.all([
      teacher.waitForEvent('download'),
      card.getByRole('link', { name: 'Download the certificate (PDF)' }).click(),
    ]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The certificate's link annotation: the same verification URL its QR code encodes.
    const printed = /\/URI \((https?:\/\/[^)]+\/verify\/[^)]+)\)/.exec(pdf.toString('latin1'))?.[1];
    expect(printed).toBeDefined();
    const shared = await card.getByLabel('Link to share').inputValue();
    expect(shared).toBe(printed);
    const path = new URL(printed!).pathname;

    // A stranger, no session, on a phone.
    const stranger = await (await world.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    stranger.setDefaultTimeout(15_000);
    await stranger.goto(`${world.base}${path}`);
    await stranger.getByRole('heading', { name: 'Credential verification' }).waitFor();
    await stranger.getByText('Verified: this credential is genuine and valid.').waitFor();
    const facts = await stranger.locator('dl.facts').textContent();
    expect(facts).toContain('ICT foundations for teaching');
    expect(facts).toContain('Republic of Meridia');
    const checks = await stranger.locator('ul.checks').textContent();
    expect(checks).toContain('Signature: passed');
    expect(checks).not.toContain('failed');
    expect(await stranger.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The ministry revokes it, with a reason; the same page now says revoked.
    const ministry = await world.signedIn('ministry');
    await ministry.getByRole('link', { name: 'Issuer' }).click();
    await ministry.getByRole('heading', { name: 'Issuer administration' }).waitFor();
    const issued = ministry.getByRole('listitem').filter({ has: ministry.locator(`a[href="${path}"]`) });
    await issued.getByLabel('Change').selectOption('revoke');
    await issued.getByLabel('Reason').fill('Issued on a rating that was withdrawn.');
    await issued.getByRole('button', { name: 'Apply' }).click();
    await issued.getByText('Revoked', { exact: true }).waitFor();

    await stranger.reload();
    await stranger.getByText('Revoked: the issuer has withdrawn this credential.').waitFor();
    expect(await stranger.locator('ul.checks').textContent()).toContain('Not revoked or suspended: failed');
  });

  it('lets the assessor approve the master-trainer certificate waiting in the queue', async () => {
    const assessor = await world.signedIn('assessor');
    await assessor.getByRole('link', { name: 'Approvals' }).click();
    await assessor.getByRole('heading', { name: 'Recognition approvals' }).waitFor();
    const pending = assessor.getByRole('listitem').filter({ hasText: 'Master trainer' });
    await pending.getByRole('button', { name: /Approve and issue to/ }).click();
    await assessor.getByText('Nothing here.').waitFor();
    await assessor.getByLabel('Status').selectOption('issued');
    await assessor.getByRole('listitem').filter({ hasText: 'Master trainer' }).waitFor();
  });

  it('lets the ministry write a rule with a live preview, and activate it', async () => {
    const page = await world.signedIn('ministry');
    await page.getByRole('link', { name: 'Recognition rules' }).click();
    await page.getByRole('heading', { name: 'Recognition rules' }).waitFor();
    await page.getByRole('link', { name: 'New rule' }).click();
    await page.getByRole('heading', { name: 'New rule' }).waitFor();
    await page.getByLabel('Name (English)').fill('Creative pedagogy');
    await page.getByLabel('Description (English)').fill('Leads learners to manage their own learning with ICT.');
    await page
      .getByLabel('Criteria (as the credential states them) (English)')
      .fill('A3.3 confirmed at Knowledge creation.');
    await page.getByLabel('Kind of achievement').selectOption('Badge');
    await page.getByLabel('Issued after an approver signs off').check();
    await page.getByLabel('Competency', { exact: true }).selectOption({ label: 'A3.3 Learner self-management' });
    await page.getByLabel('Confirmed at least at').selectOption({ label: 'Knowledge creation' });
    // The demo's three years confirmed some teachers that high: the ministry, which does not see
    // individual ratings, is told how many (or fewer than 5), and no name.
    await page.getByText(/^(\d[\d,]* people qualify|Fewer than 5 people qualify)$/).waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/recognition\/rules\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Creative pedagogy' }).waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Active', { exact: true }).waitFor();
    await page.getByText(/^(\d[\d,]* people qualify|Fewer than 5 people qualify)$/).waitFor();
    expect(await page.locator('#preview-heading + label + div table').count()).toBe(0);
    expect(await page.locator('dl.facts').textContent()).toContain(
      'A3.3 Learner self-management confirmed at Knowledge creation or above',
    );
  });

  it('checks an uploaded credential file without signing in', async () => {
    const page = await (await world.browser.newContext()).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${world.base}/verify`);
    await page.getByRole('heading', { name: 'Check a credential file' }).waitFor();
    await page.getByLabel('Credential file').setInputFiles({
      name: 'forged.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['x'] })),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('Not verified: this credential failed a check.').waitFor();
  });
});
