import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseValidator } from '../../../../test/case-schema.ts';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { exportFramework, importFramework } from './frameworks.exchange.ts';
import { sanitiseHtml } from './frameworks.moodle.html.ts';
import * as frameworks from './frameworks.service.ts';

/** Moodle-shaped files of our own (test/fixtures/moodle), written as Moodle writes them. */
const fixture = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../../test/fixtures/moodle', name), 'utf8');
const records = (csv: string) => parse(csv) as string[][];
const RELATED = 10;
const DESCRIPTION = 3;
const FORMAT = 4;

describeOnEachDatabase('Moodle competency framework CSV', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let other: Awaited<ReturnType<typeof make.tenant>>;
  let ministry: Session;
  let elsewhere: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    other = await make.tenant(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const admin = await make.user(other.ctx, 'admin', other.nation);
    elsewhere = await signIn(app, admin.username, admin.password);
  });
  afterAll(() => app.close());

  const upload = (s: Session, body: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/frameworks/import${query}`,
      headers: { ...s.headers, 'content-type': 'text/csv' },
      payload: body,
    });
  const exported = async (s: Session, id: string, format = 'moodle-csv') => {
    const res = await app.inject({ method: 'GET', url: `/api/frameworks/${id}/export/${format}`, headers: s.headers });
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const relatedOf = (rows: string[][]) =>
    rows
      .slice(1)
      .flatMap((r) =>
        r[RELATED]!.split(',')
          .filter(Boolean)
          .map((to) => `${r[1]}>${to}`),
      )
      .sort();

  it('reads Moodle’s English file by position, "Cross referenced competency id numbers" and all, and gives every cell back', async () => {
    const file = fixture('school-leadership-en.csv');
    const res = await upload(ministry, file, '?language=en');
    expect(res.statusCode).toBe(201);
    const fw = res.json().framework;
    expect(fw.title).toEqual({ en: 'School leadership framework' });
    expect(fw.levels.map((l: { title: { en: string } }) => l.title.en)).toEqual([
      'Beginning',
      'Developing',
      'Accomplished',
    ]);
    const types = Object.fromEntries(fw.items.map((i: { code: string; type: string }) => [i.code, i.type]));
    expect([types.SL1, types['SL1.1'], types['SL1.1.a']]).toEqual(['aspect', 'competency', 'indicator']);

    const out = records(await exported(ministry, fw.id));
    // Every cell of every row comes back: id numbers, exported ids, scales, rules, cross-references, taxonomy.
    expect(out.slice(1)).toEqual(records(file).slice(1));
    expect(out[1]!.slice(0, 2)).toEqual(['', 'SLF-2025']);
    expect(out.find((r) => r[1] === 'SL1.2')!.slice(7, 12)).toEqual([
      'core_competency\\competency_rule_points',
      '3',
      '{"base":{"points":2},"competencies":[{"id":"506","points":1,"required":0},{"id":"507","points":1,"required":1}]}',
      'SL1.1,SL2.1',
      '505',
    ]);
  });

  it('reads a header in French, keeping the French text', async () => {
    const file = fixture('numerique-fr.csv');
    const fw = (await importFramework(world.ctx, Buffer.from(file), { language: 'fr' })).framework;
    expect(fw.languages).toEqual(['fr']);
    expect(fw.title).toEqual({ fr: 'Référentiel numérique des enseignants' });
    expect(fw.items.find((i) => i.code === 'N2.1')!.statement.fr).toBe(
      'Utilise la messagerie de l\'école, "avec prudence".',
    );
    const out = (await exportFramework(world.ctx, fw.id, 'moodle-csv', 'https://pathway.example')).body;
    expect(records(out).slice(1)).toEqual(records(file).slice(1));
    // Saved by a spreadsheet with semicolons (Moodle's importer offers comma, semicolon and tab).
    const semicolons = records(file)
      .map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(';'))
      .join('\r\n');
    const again = await importFramework(other.ctx, Buffer.from(semicolons), { language: 'fr' });
    expect((await exportFramework(other.ctx, again.frameworkId, 'moodle-csv', 'https://pathway.example')).body).toBe(
      out,
    );
    // A new version keeps what the file said, cross-references included.
    const next = await frameworks.newVersion(world.ctx, fw.id, '2.0');
    expect((await exportFramework(world.ctx, next.id, 'moodle-csv', 'https://pathway.example')).body).toBe(out);
  });

  it('keeps HTML descriptions as sanitised rich text, and 40 of 40 cross-references as related associations', async () => {
    const file = fixture('science-html.csv');
    const res = await upload(ministry, file, '?language=en');
    expect(res.statusCode).toBe(201);
    const fw = res.json().framework;
    const sc1 = fw.items.find((i: { code: string }) => i.code === 'SC1');
    expect(sc1.statement.en).toBe('Area 1 of science teaching.\nSecond & last paragraph.');

    const csv = await exported(ministry, fw.id);
    const out = records(csv);
    const original = records(file);
    expect(csv).not.toMatch(/<script|onclick|onmouseover|onerror|javascript:|<iframe|<img/i);
    expect(out[1]![DESCRIPTION]).toBe('<p>Standards for <strong>science</strong> teachers.</p>');
    expect(out.find((r) => r[1] === 'SC1.1')![DESCRIPTION]).toBe(
      '<p>Plans <a>practical</a> work; see <a href="https://example.org/SC1.1">notes</a>.</p>\n<ul>\n<li>safety</li>\n<li>evidence</li>\n</ul>',
    );
    expect(out.slice(1).every((r) => r[FORMAT] === original.find((o) => o[1] === r[1])![FORMAT])).toBe(true);
    // Apart from the descriptions, every cell as it came.
    const withoutDescriptions = (rows: string[][]) =>
      rows
        .slice(1)
        .map((r) => r.filter((_, i) => i !== DESCRIPTION))
        .sort((a, b) => a[1]!.localeCompare(b[1]!));
    expect(withoutDescriptions(out)).toEqual(withoutDescriptions(original));

    const school = records(fixture('school-leadership-en.csv'));
    const resolvable = (rows: string[][]) => {
      const codes = new Set(rows.map((r) => r[1]));
      return relatedOf(rows).filter((link) => codes.has(link.split('>')[1]));
    };
    expect(resolvable(original).length + resolvable(school).length).toBe(40);
    expect(relatedOf(out)).toEqual(relatedOf(original));
    // The cross-references are associations between the items, so a CASE export carries them too.
    const pkg = JSON.parse(await exported(ministry, fw.id, 'case'));
    const validate = caseValidator();
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    const related = pkg.CFAssociations.filter((a: { associationType: string }) => a.associationType === 'isRelatedTo');
    expect(related).toHaveLength(resolvable(original).length);
  });

  it('gives back the file it exported: export > import > export is identical', async () => {
    for (const name of ['school-leadership-en.csv', 'science-html.csv']) {
      const imported = (await upload(ministry, fixture(name), '?language=en')).json().framework;
      const first = await exported(ministry, imported.id);
      const copy = await upload(elsewhere, first, '?language=en');
      expect(copy.statusCode).toBe(201);
      expect(await exported(elsewhere, copy.json().frameworkId)).toBe(first);
    }
    const template = await frameworks.createFromTemplate(world.ctx, { version: '3.0' });
    const first = (await exportFramework(world.ctx, template.id, 'moodle-csv', 'https://pathway.example')).body;
    const copy = await importFramework(other.ctx, Buffer.from(first), { format: 'moodle-csv', language: 'en' });
    expect((await exportFramework(other.ctx, copy.frameworkId, 'moodle-csv', 'https://pathway.example')).body).toBe(
      first,
    );
  });

  it('writes Pathway’s text, as plain text, once a description or a cross-reference is changed in Pathway', async () => {
    const fw = (await importFramework(world.ctx, Buffer.from(fixture('school-leadership-en.csv')), { language: 'en' }))
      .framework;
    const sl11 = fw.items.find((i) => i.code === 'SL1.1')!;
    await frameworks.updateItem(world.ctx, fw.id, sl11.id, {
      statement: { en: 'Plans the curriculum <b>together</b>.' },
    });
    const out = records((await exportFramework(world.ctx, fw.id, 'moodle-csv', 'https://pathway.example')).body);
    const row = out.find((r) => r[1] === 'SL1.1')!;
    expect([row[DESCRIPTION], row[FORMAT], row[RELATED], row[11]]).toEqual([
      'Plans the curriculum <b>together</b>.',
      '2',
      'SL2.1',
      '503',
    ]);
  });

  it('shows an unedited Moodle description as its sanitised HTML, and Pathway’s plain text once edited', async () => {
    const cell = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const row = (cells: string[]) => cells.map(cell).join(',');
    const hostile =
      '<p>Uses <strong>evidence</strong> of <em>learning</em>:</p><ul><li>tests</li><li><a href="https://example.org/e" onclick="x()">portfolios</a></li></ul>' +
      '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:alert(3)">trap</a>' +
      '<iframe src="https://evil.example"></iframe><style>body{display:none}</style>';
    const csv = [
      row(['Parent', 'Id', 'Name', 'Description', 'Format', 'Scale', 'Config', 'R1', 'R2', 'R3', 'X', 'E', 'F', 'T']),
      row([
        '',
        'ASSESS',
        'Assessment',
        '<p>The <b>assessment</b> standard.</p><script>x()</script>',
        '1',
        'A,B',
        '',
        '',
        '',
        '',
        '',
        '',
        '1',
        'competency',
      ]),
      row(['', 'AS1', 'Evidence', hostile, '1', '', '', '', '', '', '', '', '', '']),
      row(['', 'AS2', 'Plain', 'Marks <b>fairly</b>', '2', '', '', '', '', '', '', '', '', '']),
    ].join('\n');
    const res = await upload(ministry, csv, '?language=en');
    expect(res.statusCode).toBe(201);
    const id = res.json().frameworkId;
    const view = async () =>
      (await app.inject({ method: 'GET', url: `/api/frameworks/${id}`, headers: ministry.headers })).json();
    const fw = await view();
    const item = (code: string) => fw.items.find((i: { code: string }) => i.code === code);
    expect(fw.descriptionHtml).toEqual({ en: '<p>The <b>assessment</b> standard.</p>' });
    expect(item('AS1').statement.en).toBe('Uses evidence of learning:\ntests\nportfolios\ntrap');
    expect(item('AS1').descriptionHtml).toEqual({
      en: '<p>Uses <strong>evidence</strong> of <em>learning</em>:</p><ul><li>tests</li><li><a href="https://example.org/e">portfolios</a></li></ul><a>trap</a>',
    });
    expect(JSON.stringify(fw)).not.toMatch(/<script|<iframe|<style|<img|onerror|onclick|javascript:|alert\(/i);
    // Text Moodle marked as plain stays text, whatever it looks like.
    expect(item('AS2').descriptionHtml).toBeUndefined();
    expect(item('AS2').statement.en).toBe('Marks <b>fairly</b>');

    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/frameworks/${id}/items/${item('AS1').id}`,
      headers: ministry.headers,
      payload: { statement: { en: 'Uses evidence of learning.' } },
    });
    expect(edit.statusCode).toBe(200);
    expect(edit.json().descriptionHtml).toBeUndefined();
    const fwEdit = await app.inject({
      method: 'PATCH',
      url: `/api/frameworks/${id}`,
      headers: ministry.headers,
      payload: { description: { en: 'The assessment standard, edited.' } },
    });
    expect(fwEdit.statusCode).toBe(200);
    const after = await view();
    expect(after.descriptionHtml).toBeUndefined();
    expect(after.items.find((i: { code: string }) => i.code === 'AS1').descriptionHtml).toBeUndefined();
    expect(after.items.find((i: { code: string }) => i.code === 'AS1').statement.en).toBe('Uses evidence of learning.');
  });

  it('refuses a file of the wrong shape with the line of each fault, writing nothing', async () => {
    const before = (await app.inject({ method: 'GET', url: '/api/frameworks', headers: ministry.headers })).json().items
      .length;
    const lines = fixture('school-leadership-en.csv').split('\n');
    // A description with a comma left unquoted: one column too many on line 3.
    lines[2] = lines[2]!.replace(
      '"Sets direction for teaching and learning in the school."',
      'Sets direction, and more',
    );
    lines[4] = '"SL1.1","SL1.1.a","Term plans"';
    const res = await upload(ministry, lines.join('\n'), '?language=en');
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('csv_invalid');
    expect(error.details.errors).toEqual([
      { line: 3, column: '', message: expect.stringContaining('Line 3 has 15 columns') },
      { line: 5, column: '', message: expect.stringContaining('Line 5 has 3 columns') },
    ]);
    const header = await upload(ministry, 'a;b;c\n"",x\n', '?format=moodle-csv');
    expect(header.json().error.details.errors).toEqual([
      { line: 1, column: '', message: expect.stringContaining('The header has 1 column;') },
    ]);
    const noFramework = await upload(
      ministry,
      lines.slice(0, 1).concat('"","X1","Lone","","2","","","","","","","","",""').join('\n'),
    );
    expect(noFramework.json().error.details.errors).toEqual([
      { line: 2, column: 'Is framework', message: 'No row has Is framework = 1.' },
    ]);
    expect(
      (await app.inject({ method: 'GET', url: '/api/frameworks', headers: ministry.headers })).json().items.length,
    ).toBe(before);
  });

  it('sanitises the same way twice', () => {
    const dirty =
      '<P CLASS="x" onClick="a()">Hi <a href=" JaVaScRiPt:alert(1)" title="t">x</a><br/><style>p{}</style></P>';
    const clean = sanitiseHtml(dirty);
    expect(clean).toBe('<p>Hi <a title="t">x</a><br></p>');
    expect(sanitiseHtml(clean)).toBe(clean);
    expect(sanitiseHtml('<<x>script>alert(1)<</x>/script><img src=x onerror=alert(1) ')).toBe(
      '&lt;img src=x onerror=alert(1) ',
    );
    expect(sanitiseHtml('<<b>script>')).toBe('&lt;<b>script>');
    expect(sanitiseHtml('<a href="java&Tab;script:alert(1)">x</a><a href="&#106;avascript:x">y</a>')).toBe(
      '<a>x</a><a>y</a>',
    );
  });
});
