import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { systemCtx } from '../../src/cli/context.ts';
import { DEMO_TENANT } from '../../src/cli/demo.ts';
import * as people from '../../src/server/modules/people/people.service.ts';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const TABLET = { width: 768, height: 1024 };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** A day as the app shows it in English: "Dec 1, 2026". */
const shown = (iso: string) =>
  new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/**
 * The story in a real browser: a district officer schedules a module at the teacher college
 * with the qualified trainer (an unqualified one is refused), the school leader nominates teachers
 * and agrees the demo teacher's plan, the trainer takes attendance on a tablet and records the
 * completion, the teacher's transcript and plan follow, and the district sees the remaining demand.
 */
describe('training in a real browser', () => {
  let world: BrowserWorld;
  let teacherName: string;
  let teacherId: string;
  let offeringUrl: string;
  const start = day(2);
  const end = day(3);

  beforeAll(async () => {
    world = await startBrowserWorld(200);
    const teacher = await world.database.db
      .selectFrom('user_account as a')
      .innerJoin('person as p', 'p.id', 'a.person_id')
      .select(['p.id', 'p.given_name', 'p.family_name'])
      .where('a.username', '=', 'teacher')
      .executeTakeFirstOrThrow();
    teacherId = teacher.id;
    teacherName = `${teacher.given_name} ${teacher.family_name}`;
    // A second trainer at the college who has not completed the master-trainer programme.
    const ctx = await systemCtx(world.database, DEMO_TENANT);
    const college = await world.database.db
      .selectFrom('org_unit')
      .select('id')
      .where('code', '=', 'R1-TEI')
      .executeTakeFirstOrThrow();
    await people.createPerson(ctx, {
      orgUnitId: college.id,
      category: 'trainer',
      givenName: 'Novak',
      familyName: 'Unqualified',
      nationalId: 'MRD-NOVICE-1',
      subjects: [],
      grades: [],
      languages: ['en'],
    });
  }, 120_000);
  afterAll(() => world?.close());

  it('lets the demo teacher assess themself and get a plan proposed from the gaps', async () => {
    const page = await world.signedIn('teacher');
    await page.getByRole('link', { name: 'Self-assessment' }).click();
    await page.getByRole('button', { name: 'Start the self-assessment' }).click();
    const questions = page.locator('fieldset.question');
    await questions.first().waitFor();
    const count = await questions.count();
    for (let i = 0; i < count; i++)
      await questions
        .nth(i)
        .getByRole('radio', { name: /Knowledge acquisition/i })
        .first()
        .check();
    await page.getByText(`${count} of ${count} answered · all answers saved`).waitFor();
    await page.getByRole('button', { name: 'Submit and see my feedback' }).click();
    await page.getByRole('heading', { name: 'Feedback report' }).waitFor();

    await page.getByRole('link', { name: 'My plan', exact: true }).click();
    await page.getByText('There is no development plan yet.').waitFor();
    await page.getByRole('button', { name: 'Propose a plan from my gaps' }).click();
    await page.getByText('Draft', { exact: true }).waitFor();
    await page.getByText('When the plan is ready, your school leader agrees it with you.').waitFor();
    // The gaps in 1:1 computing propose its module, for the offering open for enrolment.
    const items = page.locator('.plan-items > li');
    expect(await items.count()).toBe(count);
    await expect(
      page
        .locator('.plan-items select')
        .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent ?? '')),
    ).resolves.toContain('ICT-1TO1 · 1:1 computing in the classroom');
    await page.getByText(/Training completed: 0 of \d+ competencies/).waitFor();
  });

  it('lets the district officer schedule the module at the teacher college, refusing an unqualified trainer', async () => {
    const page = await world.signedIn('district');
    await page.getByRole('link', { name: 'Training', exact: true }).click();
    await page.getByRole('heading', { name: 'Training catalogue' }).waitFor();
    // Filtering by mode leaves the face-to-face module only.
    await page.getByLabel('Delivery mode').selectOption({ label: 'Face to face' });
    await expect.poll(() => page.locator('.cards > li').count()).toBe(1);
    await page.getByRole('link', { name: '1:1 computing in the classroom' }).click();
    await page.getByRole('heading', { name: 'Outcomes' }).waitFor();
    await page.getByText('1:1 classroom routines (handbook)').waitFor();
    await page.getByRole('link', { name: 'Schedule an offering' }).click();

    await page.getByRole('heading', { name: 'Schedule an offering' }).waitFor();
    await expect(page.getByRole('combobox', { name: /^Module/ }).inputValue()).resolves.not.toBe('');
    await page
      .getByLabel('Host institution')
      .selectOption({ label: 'Northern Highlands Teacher College (Teacher-education institution)' });
    await page.getByLabel('First day').fill(start);
    await page.getByLabel('Last day').fill(end);
    await page.getByRole('checkbox', { name: shown(start) }).waitFor();
    await page.getByLabel('Venue').fill('Room 7');
    await page.getByLabel('Capacity').fill('2');
    const novice = page.locator('label.choice', { hasText: 'Novak Unqualified' });
    await novice.getByText('not qualified for this training').waitFor();
    await novice.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await page
      .getByText('Not scheduled: Novak Unqualified does not hold the qualification this training requires.', {
        exact: false,
      })
      .waitFor();
    await novice.getByRole('checkbox').uncheck();
    const qualified = page.locator('label.choice', { hasText: 'qualified' }).filter({ hasNotText: 'not qualified' });
    await qualified.first().getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();

    await page.getByRole('heading', { name: '1:1 computing in the classroom' }).waitFor();
    await page
      .getByText(`${shown(start)} – ${shown(end)}`)
      .first()
      .waitFor();
    await page.getByText('0 of 2 taken').waitFor();
    await page.getByText('Nobody is enrolled yet.').first().waitFor();
    offeringUrl = page.url();
    expect(offeringUrl).toMatch(/\/offerings\/[\w-]+$/);
  });

  it('lets the school leader nominate teachers, past capacity onto the waitlist, and agree the plan', async () => {
    const page = await world.signedIn('leader');
    await page.goto(offeringUrl);
    await page.getByRole('heading', { name: 'Nominate teachers' }).waitFor();
    // The list of offerings is read first, so the app holds its figures while the leader nominates.
    await page.getByRole('main').getByRole('link', { name: 'Offerings', exact: true }).click();
    await page.getByText('0 of 2 taken').waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Nominate teachers' }).waitFor();
    const family = teacherName.split(' ').at(-1)!;
    await page.getByLabel('Find teachers').fill(family);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('label.choice', { hasText: teacherName }).getByRole('checkbox').check();
    await page.getByLabel('Find teachers').fill('');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const others = page.locator('label.choice', { hasNotText: teacherName }).getByRole('checkbox');
    await others.nth(0).check();
    await others.nth(1).check();
    await page.getByRole('button', { name: 'Nominate 3 teachers' }).click();
    await page.getByText('Your nomination: 2 teachers got a seat, 1 on the waitlist.').waitFor();
    await page.getByRole('table', { name: 'Enrolled' }).getByText(teacherName).waitFor();
    await expect(page.getByRole('table', { name: 'Waitlist' }).locator('tbody tr').count()).resolves.toBe(1);
    // One figure everywhere: the page, its roster and the list of offerings the leader comes back to.
    await page.getByText('2 of 2 taken · 1 waiting').waitFor();
    await page.getByText('2 enrolled · 1 on the waitlist').waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Offerings', exact: true }).click();
    await page.getByRole('table').getByText('2 of 2 taken · 1 waiting').waitFor();

    await page.getByRole('link', { name: 'Organisation' }).click();
    await page.getByRole('link', { name: 'Amberfield School No. 1' }).click();
    await page.getByRole('link', { name: 'Development plans' }).click();
    await page.getByRole('heading', { name: 'Development plans' }).waitFor();
    await page.getByRole('link', { name: teacherName }).click();
    await page.getByRole('button', { name: 'Agree the plan' }).click();
    await page.getByText('Agreed', { exact: true }).waitFor();
  });

  it('lets the trainer take attendance on a tablet and record the completion', async () => {
    const page = await world.signedIn('trainer', TABLET);
    await page.getByRole('link', { name: 'Training', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Offerings', exact: true }).click();
    // Trainers see what they lead first: the demo offering and the new one.
    await expect.poll(() => page.locator('table.data tbody tr').count()).toBeGreaterThanOrEqual(2);
    await page
      .locator('table.data tbody tr', { hasText: shown(start) })
      .getByRole('link')
      .click();
    await page.getByRole('heading', { name: 'Attendance sheet' }).waitFor();

    await page.getByRole('radio', { name: shown(end) }).check();
    const rows = page.locator('.register > li');
    expect(await rows.count()).toBe(2);
    const mine = rows.filter({ hasText: teacherName });
    await mine.getByRole('radio', { name: 'Present' }).check();
    await rows.filter({ hasNotText: teacherName }).getByRole('radio', { name: 'Absent' }).check();
    await page.getByText('1 present · 2 of 2 marked').waitFor();
    // Large targets for fingers, and nothing wider than the tablet.
    const box = await mine.locator('label.mark').first().boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    expect(box!.width).toBeGreaterThanOrEqual(200);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(TABLET.width);
    await page.getByRole('button', { name: `Save attendance for ${shown(end)}` }).click();
    await page.getByText(`Attendance for ${shown(end)} saved.`).waitFor();
    await page.reload();
    await page.getByRole('radio', { name: shown(end) }).check();
    await expect(
      page.locator('.register > li', { hasText: teacherName }).getByRole('radio', { name: 'Present' }).isChecked(),
    ).resolves.toBe(true);

    // A results file with an unknown teacher is refused whole, with the line at fault.
    await page.getByLabel('CSV file').setInputFiles({
      name: 'results.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`national_id,result\nNOBODY-1,completed\n`),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Nothing was imported. Correct these lines and try again:').waitFor();
    await page.locator('.faults tbody tr', { hasText: 'national_id' }).first().waitFor();
    expect(await page.locator('.faults tbody td').first().textContent()).toBe('2');

    // Before the course has run, no result is taken.
    await page.getByLabel(`Result of ${teacherName}`).selectOption({ label: 'Completed' });
    await page.getByLabel(`Score of ${teacherName}`).fill('86');
    await page.getByRole('button', { name: 'Record results' }).click();
    await page.getByText('Results can be recorded only after the offering’s last session day.').waitFor();

    // The day after the course (the server's clock; the in-process server shares this one), the
    // teacher present on both days: the completion is taken.
    const offeringUrl = page.url();
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${day(4)}T09:00:00Z`) });
    try {
      const after = await world.signedIn('trainer', TABLET);
      await after.goto(offeringUrl);
      await after.getByRole('heading', { name: 'Attendance sheet' }).waitFor();
      await after.getByRole('radio', { name: shown(start) }).check();
      await after.locator('.register > li', { hasText: teacherName }).getByRole('radio', { name: 'Present' }).check();
      await after.locator('.register > li', { hasNotText: teacherName }).getByRole('radio', { name: 'Absent' }).check();
      await after.getByRole('button', { name: `Save attendance for ${shown(start)}` }).click();
      await after.getByText(`Attendance for ${shown(start)} saved.`).waitFor();
      await after.getByLabel(`Result of ${teacherName}`).selectOption({ label: 'Completed' });
      await after.getByLabel(`Score of ${teacherName}`).fill('86');
      await after.getByRole('button', { name: 'Record results' }).click();
      await after.getByText('Results recorded: 1 completed, 0 not completed.').waitFor();
      await after
        .getByRole('table', { name: 'Enrolled' })
        .getByText(/Completed · 86 · .* · 24 h/)
        .waitFor();
      await after.getByRole('link', { name: `Certificate of ${teacherName}` }).waitFor();
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows the teacher the hours and module on the transcript and the progress of the plan', async () => {
    const page = await world.signedIn('teacher');
    await page.getByRole('link', { name: 'My transcript' }).click();
    await page.getByRole('heading', { name: 'CPD transcript' }).waitFor();
    await page.getByLabel('Year').selectOption(end.slice(0, 4));
    await page.getByText('24 CPD hours · 1 module completed').waitFor();
    await page.getByRole('cell', { name: '1:1 computing in the classroom' }).waitFor();
    const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csv).toBe(`/api/people/${teacherId}/transcript/export?year=${end.slice(0, 4)}`);

    // The certificate of attendance, opened from the transcript: on paper, nothing but the certificate.
    await page.getByRole('link', { name: 'View and print' }).click();
    const certificate = page.getByRole('article', { name: 'Certificate of attendance' });
    await certificate.getByText(teacherName, { exact: true }).waitFor();
    await certificate.getByText('1:1 computing in the classroom').waitFor();
    await certificate.getByText('24 h', { exact: true }).waitFor();
    await certificate.getByText(/^Certificate no\. \d{4}-[0-9A-F]{5}-[0-9A-F]{5}$/).waitFor();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.top').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
    await expect(certificate.isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'CPD transcript' }).click();

    await page.getByRole('link', { name: 'My plan', exact: true }).click();
    // Completing a module of the agreed plan set it going.
    await page.getByText('Active', { exact: true }).waitFor();
    await page.getByText(/Training completed: 3 of \d+ competencies/).waitFor();
    await expect(page.locator('.plan-items .tag', { hasText: 'training completed' }).count()).resolves.toBe(3);
  });

  it('shows the district officer the demand that remains', async () => {
    const page = await world.signedIn('district');
    // The district officer starts on the dashboard; the demand is on the district's page.
    await page.goto(`${world.base}/org`);
    await page.getByRole('link', { name: 'Amberfield', exact: true }).click();
    await page.getByRole('link', { name: 'Training demand' }).click();
    await page.getByRole('heading', { name: 'Training demand' }).waitFor();
    const row = page.locator('table.demand tbody tr', { hasText: 'ICT-1TO1' });
    const cells = await row.locator('td').allTextContents();
    const [proposed, completed, enrolled, remaining] = cells.map(Number);
    // The teacher of this test, and Amberfield teachers the demo's years trained.
    expect(completed).toBeGreaterThanOrEqual(1);
    expect(remaining).toBe(proposed! - completed! - enrolled!);
    const pbl = await page.locator('table.demand tbody tr', { hasText: 'ICT-PBL' }).locator('td').allTextContents();
    expect(Number(pbl[3])).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Amberfield', exact: true }).click();
    await page.getByRole('link', { name: 'Training cascade' }).click();
    await page.getByRole('heading', { name: 'Training cascade' }).waitFor();
    await page.getByRole('heading', { name: 'By region' }).waitFor();
  });
});
