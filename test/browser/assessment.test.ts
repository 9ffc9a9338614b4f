import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('assessment in a real browser', () => {
  let world: BrowserWorld;

  beforeAll(async () => {
    world = await startBrowserWorld(200);
  }, 120_000);
  afterAll(() => world?.close());

  it('lets a teacher on a phone answer the self-assessment over two visits, submit, and read the feedback', async () => {
    const page = await world.signedIn('teacher', { width: 360, height: 740 });
    // On a phone the navigation waits behind the Menu button.
    await expect(page.getByRole('link', { name: 'My transcript' }).isVisible()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Self-assessment' }).click();
    await page.getByRole('button', { name: 'Start the self-assessment' }).click();
    await page.getByText('0 of 18 answered').waitFor();
    // On a phone: one aspect (three competencies) per screen, with its place in the whole.
    await page.getByText('Aspect 1 of 6').waitFor();
    const questions = page.locator('fieldset.question');
    expect(await questions.count()).toBe(3);
    // Each question carries an example of the competency in practice, and the levels are explained.
    await expect(questions.locator('summary', { hasText: 'Example' }).count()).resolves.toBe(3);
    await page.getByText('What the levels mean').click();
    await page.getByText('Knowledge acquisition', { exact: true }).first().waitFor();
    let asked = 0;
    const answerAspect = async (aspect: number, choose: (i: number) => number) => {
      await page.getByText(`Aspect ${aspect} of 6`).waitFor();
      const shown = await questions.count();
      for (let i = 0; i < shown; i++)
        await questions
          .nth(i)
          .getByRole('radio')
          .nth(choose(asked + i))
          .check();
      asked += shown;
    };
    const next = () => page.getByRole('button', { name: 'Next aspect' }).click();
    // Answer the first three aspects, then leave: the answers are saved as they are given.
    for (let aspect = 1; aspect <= 3; aspect++) {
      await answerAspect(aspect, (i) => (i % 3 === 0 ? 3 : 0));
      await next();
    }
    await page.getByText('9 of 18 answered · all answers saved').waitFor();
    await page.reload();
    await page.getByText('9 of 18 answered').waitFor();
    // Back where the teacher left off.
    await page.getByText('Aspect 4 of 6').waitFor();
    // Submitting early (from the last aspect) points at what is missing and goes back to it.
    await next();
    await next();
    await page.getByText('Aspect 6 of 6').waitFor();
    await page.getByRole('button', { name: 'Submit and see my feedback' }).click();
    await page.getByText('9 questions are not answered yet.').waitFor();
    for (let aspect = 4; aspect <= 6; aspect++) {
      await answerAspect(aspect, (i) => i % 2);
      if (aspect < 6) await next();
    }
    await page.getByText('18 of 18 answered · all answers saved').waitFor();
    await page.getByRole('button', { name: 'Submit and see my feedback' }).click();
    await page.getByRole('heading', { name: 'Feedback report' }).waitFor();
    await page.getByText('Target level set for your school: Knowledge Deepening').waitFor();
    await page.getByRole('heading', { name: 'Gaps and next steps' }).waitFor();
    await expect(page.locator('ul.gaps > li').count()).resolves.toBeGreaterThan(0);
    // Gaps the demo catalogue addresses point to its modules.
    await expect(page.locator('ul.gaps a[href^="/training/modules/"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.chart svg').count()).resolves.toBe(1);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
  });

  it('lets an assessor confirm a competency the teacher backed with evidence, and the teacher sees it', async () => {
    const teacher = await world.signedIn('teacher');
    await teacher.getByRole('link', { name: 'My portfolio' }).click();
    await teacher.getByRole('heading', { name: 'Add evidence' }).waitFor();
    const file = { name: 'project-plan.pdf', mimeType: 'application/pdf', buffer: PDF };
    await teacher.getByLabel('File (lesson plan, learners’ work, photo, video)').setInputFiles(file);
    await teacher.getByLabel('Title', { exact: true }).fill('Weather project plan');
    await teacher.getByLabel('Competency').first().selectOption({ index: 7 });
    await teacher.getByRole('button', { name: 'Upload' }).click();
    await teacher.getByText('Uploaded: project-plan.pdf').waitFor();
    // The same file again is refused, naming the evidence already there.
    await teacher.getByLabel('File (lesson plan, learners’ work, photo, video)').setInputFiles(file);
    await teacher.getByRole('button', { name: 'Upload' }).click();
    await teacher.getByText(/^This file is already in the portfolio as “Weather project plan”, uploaded on /).waitFor();
    const card = teacher.locator('details.competency').nth(6);
    await card.locator('summary').click();
    await card.getByRole('link', { name: 'Weather project plan' }).waitFor();
    await card.getByRole('radio', { name: /Knowledge deepening/i }).check();
    await card.getByRole('button', { name: 'Send for review' }).click();
    await teacher.getByText('Submitted', { exact: true }).waitFor();

    // What the assessor should read beside the decision: the competency's descriptor at each level.
    const evidence = await world.database.db
      .selectFrom('evidence')
      .select('item_ids')
      .where('title', '=', 'Weather project plan')
      .executeTakeFirstOrThrow();
    const descriptors = await world.database.db
      .selectFrom('rubric_descriptor')
      .select('descriptor')
      .where('item_id', '=', JSON.parse(evidence.item_ids)[0])
      .execute();
    expect(descriptors.length).toBe(3);

    const assessor = await world.signedIn('assessor');
    await assessor.getByRole('link', { name: 'Reviews' }).click();
    await assessor.getByRole('heading', { name: 'Reviews to do' }).waitFor();
    // The level asked for is named, not coded.
    await assessor
      .locator('tbody tr')
      .first()
      .getByText(/Knowledge deepening/i)
      .waitFor();
    await assessor.locator('tbody a').first().click();
    await assessor.getByRole('heading', { name: /^Portfolio/ }).waitFor();
    await assessor.getByRole('button', { name: 'Start reviewing' }).click();
    await assessor.getByText('Under review', { exact: true }).waitFor();
    const review = assessor.locator('ul.reviews > li').first();
    await review.getByRole('heading', { name: 'Evidence from the teacher' }).waitFor();
    const download = review.getByRole('link', { name: 'Weather project plan' });
    await expect(download.getAttribute('href')).resolves.toMatch(/^\/api\/evidence\/.+\/content$/);
    await review.getByText(/project-plan\.pdf · PDF file, 1 KB/).waitFor();
    for (const { descriptor } of descriptors)
      await review.getByText(JSON.parse(descriptor).en, { exact: false }).first().waitFor();
    // Four choices (three levels and "not yet"), none made for the assessor.
    await expect(review.getByRole('radio').count()).resolves.toBe(4);
    await expect(review.getByRole('radio', { checked: true }).count()).resolves.toBe(0);
    await review.getByRole('button', { name: 'Confirm', exact: true }).click();
    await review.getByText('Choose a level first.').waitFor();
    await expect(review.getByText('Confirmed', { exact: true }).count()).resolves.toBe(0);
    await review.getByLabel('Comment', { exact: true }).fill('The plan shows learners collecting data with ICT.');
    await review.getByRole('radio', { name: /Knowledge deepening/i }).check();
    await review.getByRole('button', { name: 'Confirm', exact: true }).click();
    await assessor.getByText('Confirmed', { exact: true }).first().waitFor();

    await teacher.reload();
    await teacher.getByText('Assessor: The plan shows learners collecting data with ICT.').waitFor();
    const summary = await teacher.locator('details.competency').nth(6).locator('summary').textContent();
    expect(summary).toMatch(/Confirmed: Knowledge deepening/i);
  });

  it('shows a school leader the anonymous group report of the school', async () => {
    const page = await world.signedIn('leader');
    await page.getByRole('link', { name: 'Amberfield School No. 1' }).click();
    await page.getByRole('link', { name: 'Self-assessment report' }).click();
    await page.getByRole('heading', { name: 'Self-assessment: group report' }).waitFor();
    await page.getByText(/teachers have submitted a self-assessment, of/).waitFor();
    const rows = page.locator('table.distribution tbody tr');
    expect(await rows.count()).toBe(18);
    const names = await world.database.db
      .selectFrom('person')
      .select('family_name')
      .where('category', '=', 'teacher')
      .execute();
    const text = (await page.locator('main').textContent())!;
    expect(names.some((n) => text.includes(n.family_name))).toBe(false);
  });
});
