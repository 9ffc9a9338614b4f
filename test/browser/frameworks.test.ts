import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserWorld, startBrowserWorld } from './harness.ts';

const fixture = path.resolve(import.meta.dirname, '../fixtures/case-1.0-regional-reference.json');
const REFERENCE_TITLE = 'Référentiel régional de compétences numériques des enseignants';

describe('a ministry officer adapts, publishes, exchanges and maps the national standard in the browser', () => {
  let world: BrowserWorld;
  beforeAll(async () => {
    world = await startBrowserWorld(50);
  }, 120_000);
  afterAll(() => world?.close());
  const signedIn = (username: string, viewport = { width: 1280, height: 900 }): Promise<Page> =>
    world.signedIn(username, viewport);

  /** The codes of the items directly under the item with this code, in the order the page shows them. */
  const childCodes = (page: Page, code: string) =>
    page.evaluate((parent) => {
      const item = [...document.querySelectorAll('.items li')].find(
        (li) => li.querySelector(':scope > p > strong')?.textContent === parent,
      );
      return [...(item?.querySelectorAll(':scope > ul > li') ?? [])].map(
        (li) => li.querySelector(':scope > p > strong')?.textContent,
      );
    }, code);

  it('starts from the template, adapts it in English and Russian, aligns it, publishes, exports, imports and maps it', async () => {
    const page = await signedIn('ministry');
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('button', { name: 'Start from the template' }).click();
    await page.getByText('Version 1.0 · Draft').waitFor();
    const nationalUrl = page.url();

    // Both languages are complete in the template.
    await expect(page.getByRole('tab', { name: 'English (nothing missing)' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('tab', { name: 'Russian (nothing missing)' }).isVisible()).resolves.toBe(true);

    // The title of A1.1 in English ...
    await page.getByRole('button', { name: 'Edit A1.1' }).click();
    await page.getByLabel('Title in English').fill('Understanding national ICT policy');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Understanding national ICT policy').waitFor();

    // ... and in Russian, on the Russian tab, with the English beside it for reference.
    await page.getByRole('tab', { name: /^Russian/ }).click();
    await page.getByText('Понимание политики в области ИКТ в образовании').waitFor();
    await page.getByRole('button', { name: 'Edit A1.1' }).click();
    await expect(page.getByText('English: Understanding national ICT policy').isVisible()).resolves.toBe(true);
    await page.getByLabel('Title in Russian').fill('Понимание национальной политики в области ИКТ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Понимание национальной политики в области ИКТ').waitFor();

    // A new competency written only in English is marked on the Russian tab.
    await page.getByRole('tab', { name: /^English/ }).click();
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel('Place under').selectOption({ label: 'A1 Understanding ICT in education policy' });
    await page.getByLabel('Type').selectOption('competency');
    await page.getByLabel('Code', { exact: true }).fill('A1.4');
    await page.getByRole('combobox', { name: /^Level/ }).selectOption('KA');
    await page.getByLabel('Title in English').fill('Safe and ethical use of ICT');
    await page
      .getByLabel('Statement in English')
      .fill('Teaches learners to protect their data and respect others online.');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Safe and ethical use of ICT').waitFor();
    expect(await childCodes(page, 'A1')).toEqual(['A1.1', 'A1.2', 'A1.3', 'A1.4']);
    await page.getByRole('tab', { name: 'Russian (1 missing)' }).click();
    const marked = page.locator('.items li.missing-here');
    await expect(marked.count()).resolves.toBe(1);
    await expect(marked.locator(':scope > p').first().textContent()).resolves.toMatch(
      /^A1\.4 Safe and ethical use of ICT.*Not yet in Russian$/,
    );
    await page.getByRole('tab', { name: /^English/ }).click();

    // Moved under another aspect, then one place up among its new siblings.
    await page.getByRole('button', { name: 'Move A1.4', exact: true }).click();
    await page.getByLabel('New place of A1.4').selectOption({ label: 'A2 Curriculum and assessment' });
    await page.getByRole('button', { name: 'Move here' }).click();
    await expect.poll(() => childCodes(page, 'A2')).toEqual(['A2.1', 'A2.2', 'A2.3', 'A1.4']);
    expect(await childCodes(page, 'A1')).toEqual(['A1.1', 'A1.2', 'A1.3']);
    await page.getByRole('button', { name: 'Move A1.4 up' }).click();
    await expect.poll(() => childCodes(page, 'A2')).toEqual(['A2.1', 'A2.2', 'A1.4', 'A2.3']);

    // One cell of the rubric matrix.
    await page.getByRole('button', { name: 'Rubrics' }).click();
    await page.getByRole('columnheader', { name: 'Knowledge acquisition' }).waitFor();
    await page.getByRole('button', { name: 'Edit the descriptor of A1.1 at Knowledge acquisition' }).click();
    await page
      .getByLabel('Descriptor of A1.1 at Knowledge acquisition, in English')
      .fill('Names the goals of the national ICT plan and one way they change their lessons.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const a11 = page.getByRole('row', { name: /A1\.1/ });
    await a11.getByText('Names the goals of the national ICT plan').waitFor();

    // A new policy goal, served by A1.1.
    await page.getByRole('button', { name: 'Policy alignment' }).click();
    await page.getByText('5 of 5 goals are served by no competency').waitFor();
    await page.getByRole('button', { name: 'Add a policy goal' }).click();
    await page.getByLabel('Code', { exact: true }).fill('MP-6');
    await page.getByLabel('Goal in English').fill('Every teacher meets the national standard');
    await page.getByLabel('From year').fill('2025');
    await page.getByLabel('To year').fill('2030');
    await page.getByRole('button', { name: 'Create goal' }).click();
    await page.getByText('6 of 6 goals are served by no competency').waitFor();
    const goalRow = page.getByRole('row', { name: /MP-6/ });
    await expect(goalRow.getByText('No competency serves this goal').isVisible()).resolves.toBe(true);
    await expect(goalRow.getAttribute('class')).resolves.toContain('unserved');
    await page
      .getByRole('combobox', { name: /^Competency/ })
      .selectOption({ label: 'A1.1 Understanding national ICT policy' });
    await page.getByLabel('MP-6 Every teacher meets the national standard').check();
    await page.getByRole('button', { name: 'Save alignment' }).click();
    await page.getByText('5 of 6 goals are served by no competency').waitFor();
    await expect(goalRow.textContent()).resolves.toContain('A1.1 Understanding national ICT policy');
    await expect(goalRow.getAttribute('class')).resolves.toBeNull();

    // Review, then publish: the editor goes away.
    await page.getByRole('button', { name: 'Send to review' }).click();
    await page.getByText('Version 1.0 · In review').waitFor();
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Version 1.0 · Published').waitFor();
    await page.getByRole('button', { name: 'Items' }).click();
    await page.getByText('Understanding national ICT policy').waitFor();
    await expect(page.getByRole('button', { name: 'Edit A1.1' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Add an item' }).count()).resolves.toBe(0);

    // The CASE export is a CFPackage with the edited titles.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CASE JSON' }).click(),
    ]);
    const pkg = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(pkg.CFDocument.title).toBe('National ICT competency standard for teachers');
    expect(pkg.CFItems).toHaveLength(6 + 18 + 1);
    const exported = pkg.CFItems.find((i: { humanCodingScheme: string }) => i.humanCodingScheme === 'A1.1');
    expect(exported.abbreviatedStatement).toBe('Understanding national ICT policy');
    expect(exported.extensions.pathway.title.ru).toBe('Понимание национальной политики в области ИКТ');
    expect(pkg.CFAssociations.some((a: { associationType: string }) => a.associationType === 'isChildOf')).toBe(true);

    // A package made elsewhere becomes a new draft.
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByLabel('Framework file (CASE JSON, Moodle CSV or Pathway CSV)').setInputFiles(fixture);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: REFERENCE_TITLE }).waitFor();
    await page.getByText('Version 2.1 · Draft').waitFor();
    await expect(page.getByText('RN.2.1.a').isVisible()).resolves.toBe(true);
    const referenceId = new URL(page.url()).pathname.split('/').pop()!;

    // Mapping the national standard onto it changes the coverage of both sides.
    await page.goto(nationalUrl);
    await page.getByRole('button', { name: 'Crosswalks' }).click();
    await page.getByLabel('Map to').selectOption(referenceId);
    await page.getByText('This standard: 0 of 19 mapped (0%)').waitFor();
    await expect(page.getByText('Other framework: 0 of 7 mapped (0%)').isVisible()).resolves.toBe(true);
    await page.getByLabel('Item in this standard').selectOption({ label: 'A1.1 Understanding national ICT policy' });
    await page.getByLabel('Relation').selectOption({ label: 'Broader' });
    await page.getByLabel('Item in the other framework').selectOption({ label: 'RN.1.1 Ressources numériques' });
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByText('This standard: 1 of 19 mapped (5%)').waitFor();
    await expect(page.getByText('Other framework: 1 of 7 mapped (14%)').isVisible()).resolves.toBe(true);
    const link = page.getByRole('row', { name: /A1\.1.*Broader.*RN\.1\.1/ });
    await expect(link.isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Remove the link A1.1 – RN.1.1' }).click();
    await page.getByText('This standard: 0 of 19 mapped (0%)').waitFor();
  }, 120_000);

  it('makes a new version of the published standard, deletes and edits items, and shows the diff', async () => {
    const page = await signedIn('ministry');
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('link', { name: 'National ICT competency standard for teachers' }).first().click();
    await page.getByLabel('New version number').fill('2.0');
    await page.getByRole('button', { name: 'New version' }).click();
    await page.getByText('Version 2.0 · Draft').waitFor();

    await page.getByRole('button', { name: 'Delete A6.3' }).click();
    await expect.poll(() => childCodes(page, 'A6')).toEqual(['A6.1', 'A6.2']);
    await page.getByRole('button', { name: 'Edit A2.1' }).click();
    await page.getByLabel('Statement in English').fill('Relates every digital activity to a curriculum outcome.');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Relates every digital activity to a curriculum outcome.').waitFor();

    await page.getByRole('button', { name: 'Versions' }).click();
    await page.getByLabel('Compare with').selectOption({ label: 'Version 1.0 · Published' });
    await page.getByRole('heading', { name: 'Changes from version 1.0 to version 2.0' }).waitFor();
    const rows = await page.locator('.diff tbody tr').allTextContents();
    expect(rows).toEqual(['A6.3Removed', 'A2.1Changedstatement']);
  });

  it('shows an item imported from Moodle with its bold word in bold, and none of its script', async () => {
    const page = await signedIn('ministry');
    await page.getByRole('link', { name: 'Standards' }).click();
    const row = (...cells: string[]) => [...cells, ...Array(14 - cells.length).fill('')].map((c) => `"${c}"`).join(',');
    const csv = [
      row('Parent id number', 'Id number', 'Short name'),
      row('', 'MDL-1', 'Laboratory standard', '', '1', 'Basic,Expert', '', '', '', '', '', '', '1', 'competency'),
      row(
        '',
        'LAB1',
        'Safety',
        '<p>Keeps the lab <strong>safe</strong>.</p><script>window.pwned=1</script><img src=x onerror=window.pwned=2>',
        '1',
      ),
    ].join('\n');
    await page.getByLabel('Framework file (CASE JSON, Moodle CSV or Pathway CSV)').setInputFiles({
      name: 'lab.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Laboratory standard' }).waitFor();
    await page.locator('.items .statement strong', { hasText: 'safe' }).waitFor();
    await expect(page.locator('.items script, .items img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as { pwned?: number }).pwned)).resolves.toBeUndefined();
  });

  it('shows every fault of a rejected import and writes nothing', async () => {
    const page = await signedIn('ministry');
    await page.getByRole('link', { name: 'Standards' }).click();
    const frameworks = async () =>
      Number(
        (
          await world.database.db
            .selectFrom('framework')
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await frameworks();
    const pkg = JSON.parse(fs.readFileSync(fixture, 'utf8'));
    pkg.CFAssociations[2].destinationNodeURI.identifier = '00000000-0000-4000-8000-00000000dead';
    pkg.CFAssociations[9].associationType = 'isCousinOf';
    await page.getByLabel('Framework file (CASE JSON, Moodle CSV or Pathway CSV)').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(pkg)),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Nothing was imported. Fix these problems and try again:').waitFor();
    const rows = page.locator('.faults tbody tr');
    await expect(rows.count()).resolves.toBe(2);
    const text = (await rows.allTextContents()).join('\n');
    expect(text).toContain('$.CFAssociations[2].destinationNodeURI.identifier');
    expect(text).toContain('$.CFAssociations[9].associationType');
    expect(text).toContain('Unknown association type isCousinOf.');

    await page.getByLabel('Framework file (CASE JSON, Moodle CSV or Pathway CSV)').setInputFiles({
      name: 'standard.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('code,parent_code,type,level,statement_en,colour\nA,,aspect,,x,red\n'),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('cell', { name: 'colour', exact: true }).waitFor();
    await expect(page.getByRole('cell', { name: 'Unknown column colour.' }).isVisible()).resolves.toBe(true);
    expect(await frameworks()).toBe(before);
  });
});
