import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseValidator } from '../../../../test/case-schema.ts';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { exportFileName } from './frameworks.names.ts';

const fixture = (name: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../../../../test/fixtures', name));

interface Fw {
  id: string;
  title: Record<string, string>;
  caseIdentifier: string;
  status: string;
  languages: string[];
  levels: { code: string; title: Record<string, string> }[];
  items: {
    id: string;
    code: string;
    type: string;
    parentId: string | null;
    position: number;
    caseIdentifier: string;
    title: Record<string, string>;
    statement: Record<string, string>;
    notes: Record<string, string>;
  }[];
}

describeOnEachDatabase('framework import and export (CASE, Moodle CSV, Pathway CSV)', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let teacher: Session;
  let elsewhere: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const t = await make.user(world.ctx, 'teacher', world.schoolA1);
    teacher = await signIn(app, t.username, t.password);
    const other = await make.tenant(getDb());
    const admin = await make.user(other.ctx, 'admin', other.nation);
    elsewhere = await signIn(app, admin.username, admin.password);
  });
  afterAll(() => app.close());

  const call = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const upload = (s: Session, body: Buffer | string, query = '', contentType = 'application/octet-stream') =>
    app.inject({
      method: 'POST',
      url: `/api/frameworks/import${query}`,
      headers: { ...s.headers, 'content-type': contentType },
      payload: body,
    });
  const countFrameworks = async (s: Session) => (await call(s, 'GET', '/api/frameworks')).json().items.length;
  const exportOf = async (s: Session, id: string, format = 'case') => {
    const res = await call(s, 'GET', `/api/frameworks/${id}/export/${format}`);
    expect(res.statusCode).toBe(200);
    return format === 'case' ? res.json() : res.body;
  };

  it('runs the whole story: template, five languages, goals, publish, new version, diff, CASE out, CASE in, crosswalk', async () => {
    const draft: Fw = (await call(ministry, 'POST', '/api/frameworks/from-template', {})).json();
    expect(draft.languages).toEqual(['en', 'ru', 'uz', 'ne', 'fil']);
    const a42 = draft.items.find((i) => i.code === 'A4.2')!;
    const adapted = await call(ministry, 'PATCH', `/api/frameworks/${draft.id}/items/${a42.id}`, {
      title: { en: 'Digital tools for every subject', ru: 'Цифровые инструменты для каждого предмета' },
      notes: { en: 'Adapted by the ministry.', ru: 'Адаптировано министерством.' },
    });
    expect(adapted.json().missingLanguages).toEqual(['uz', 'ne', 'fil']);
    const goal = (
      await call(ministry, 'POST', '/api/policy-goals', {
        code: 'NP-1',
        title: { en: 'Teachers use ICT daily', ru: 'Учителя ежедневно используют ИКТ' },
        plan: { en: 'National ICT plan' },
      })
    ).json();
    await call(ministry, 'PUT', `/api/frameworks/${draft.id}/items/${a42.id}/goals`, { goalIds: [goal.id] });
    await call(ministry, 'PUT', `/api/frameworks/${draft.id}/items/${a42.id}/rubrics/KA`, {
      descriptor: { en: 'Uses one tool with help.', ru: 'Использует один инструмент с помощью.' },
      score: 1,
    });
    await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'in_review' });
    await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'published' });
    const refused = await call(ministry, 'PATCH', `/api/frameworks/${draft.id}/items/${a42.id}`, {
      title: { en: 'x' },
    });
    expect(refused.json().error.code).toBe('framework_published');
    const v2: Fw = (await call(ministry, 'POST', `/api/frameworks/${draft.id}/versions`, { version: '1.1' })).json();
    const v2a42 = v2.items.find((i) => i.code === 'A4.2')!;
    await call(ministry, 'PATCH', `/api/frameworks/${v2.id}/items/${v2a42.id}`, {
      statement: { en: 'New', ru: 'Новое' },
    });
    const diff = (await call(ministry, 'GET', `/api/frameworks/${draft.id}/diff/${v2.id}`)).json();
    expect(diff.changed).toEqual([expect.objectContaining({ code: 'A4.2', fields: ['statement'] })]);

    // CASE out: valid against the official schema, both languages carried.
    const pkg = await exportOf(ministry, draft.id);
    const validate = caseValidator();
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    const criterion = pkg.CFRubrics[0].CFRubricCriteria[0];
    expect(criterion.extensions.pathway.descriptors.KA.ru).toBe('Использует один инструмент с помощью.');

    // CASE in: a CASE 1.0 package made by another tool (French, markdown, unordered, an uppercase reference).
    const imported = await upload(ministry, fixture('case-1.0-regional-reference.json'));
    expect(imported.statusCode).toBe(201);
    const result = imported.json();
    // The isRelatedTo between two items is kept as it came (frameworks.case.interop.test.ts), not skipped.
    expect(result.counts).toMatchObject({ items: 9, levels: 0, rubrics: 0, skipped: 0 });
    const ref: Fw = result.framework;
    expect(ref).toMatchObject({
      status: 'draft',
      source: 'case',
      version: '2.1',
      languages: ['fr'],
      licence: 'CC BY 4.0',
      caseIdentifier: '9f3c2a10-6b7e-4c1d-8a2b-5e4d3c2b1a00',
      title: { fr: 'Référentiel régional de compétences numériques des enseignants' },
    });
    const byCode = new Map(ref.items.map((i) => [i.code, i]));
    const childrenOf = (code: string | null) =>
      ref.items
        .filter((i) => i.parentId === (code ? byCode.get(code)!.id : null))
        .sort((a, b) => a.position - b.position)
        .map((i) => i.code);
    expect(childrenOf(null)).toEqual(['RN.1', 'RN.2']);
    expect(childrenOf('RN.1')).toEqual(['RN.1.1', 'RN.1.2']);
    expect(childrenOf('RN.2')).toEqual(['RN.2.1', 'RN.2.2']);
    expect(childrenOf('RN.2.1')).toEqual(['RN.2.1.a', 'RN.2.1.b']);
    expect(byCode.get('RN.1')!.type).toBe('aspect');
    expect(byCode.get('RN.1.1')!.type).toBe('competency');
    expect(byCode.get('RN.2.1.a')!.type).toBe('indicator');
    expect(byCode.get('RN.2')!.title.fr).toBe('Domaine 2 — Enseigner et apprendre avec le numérique');
    expect(byCode.get('RN.2.2')!.statement.fr).toContain('**créent**');
    expect(byCode.get('RN.1.1')!.notes.fr).toBe('Voir aussi le « guide des ressources libres ».');
    // Re-export keeps the other tool's identifiers and is schema-valid.
    const again = await exportOf(ministry, ref.id);
    expect(validate(again) ? [] : validate.errors).toEqual([]);
    expect(again.CFDocument.identifier).toBe('9f3c2a10-6b7e-4c1d-8a2b-5e4d3c2b1a00');
    expect(again.CFItems.map((i: { identifier: string }) => i.identifier).sort()).toEqual(
      ref.items.map((i) => i.caseIdentifier).sort(),
    );
    expect(
      again.CFItems.some((i: { identifier: string }) => i.identifier === 'b2c3d4e5-0021-4000-8000-000000000021'),
    ).toBe(true);

    // Map the published national standard to the imported reference; coverage on both sides.
    const link = (from: string, to: string, relation: string) =>
      call(ministry, 'POST', `/api/frameworks/${draft.id}/crosswalks/${ref.id}/links`, {
        fromItemId: draft.items.find((i) => i.code === from)!.id,
        toItemId: byCode.get(to)!.id,
        relation,
      });
    await link('A4.1', 'RN.1.1', 'exact_match');
    const cw = (await link('A3.2', 'RN.2.1', 'narrower')).json();
    expect(cw.coverage.from).toMatchObject({ mapped: 2, total: 18 });
    expect(cw.coverage.to).toMatchObject({ mapped: 2, total: 7 });

    // Importing the same document twice into one tenant is refused: identifiers stay unique.
    const twice = await upload(ministry, fixture('case-1.0-regional-reference.json'));
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('case_document_exists');
  });

  it('changes a draft’s languages and metadata, marks missing translations, and clears a rubric cell', async () => {
    const fw: Fw = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '11.0' })).json();
    const changed = await call(ministry, 'PATCH', `/api/frameworks/${fw.id}`, {
      languages: ['en', 'ru', 'kk'],
      title: { en: 'Standard', ru: 'Стандарт', kk: 'Стандарт' },
      licence: null,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ languages: ['en', 'ru', 'kk'], licence: null, title: { kk: 'Стандарт' } });
    expect(changed.json().items.map((i: { missingLanguages: string[] }) => i.missingLanguages)).toEqual(
      Array.from({ length: 24 }, () => ['kk']),
    );
    const item = fw.items.find((i) => i.code === 'A1.1')!;
    await call(ministry, 'PUT', `/api/frameworks/${fw.id}/items/${item.id}/rubrics/KA`, { descriptor: { en: 'x' } });
    const cleared = await call(ministry, 'DELETE', `/api/frameworks/${fw.id}/items/${item.id}/rubrics/KA`);
    expect(cleared.json().rubrics).toEqual([]);
    expect((await call(teacher, 'PATCH', `/api/frameworks/${fw.id}`, { licence: 'x' })).statusCode).toBe(403);
  });

  it('round-trips CASE: export, import elsewhere, export again is identical', async () => {
    const fw: Fw = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '7.0' })).json();
    const item = fw.items.find((i) => i.code === 'A2.1')!;
    await call(ministry, 'PATCH', `/api/frameworks/${fw.id}/items/${item.id}`, {
      notes: { en: 'Note', ru: 'Заметка' },
    });
    for (const level of ['KA', 'KD', 'KC'])
      await call(ministry, 'PUT', `/api/frameworks/${fw.id}/items/${item.id}/rubrics/${level}`, {
        descriptor: { en: `At ${level}`, ru: `Уровень ${level}` },
        ...(level === 'KC' ? {} : { score: level === 'KA' ? 1 : 2 }),
      });
    const first = await exportOf(ministry, fw.id);
    const res = await upload(elsewhere, JSON.stringify(first), '', 'application/json');
    expect(res.statusCode).toBe(201);
    expect(res.json().counts).toMatchObject({ items: 24, levels: 3, rubrics: 3, skipped: 0 });
    const second = await exportOf(elsewhere, res.json().frameworkId);
    expect(second).toEqual(first);
  });

  it('exports and imports Moodle CSV, with new and old header labels', async () => {
    const fw: Fw = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '8.0' })).json();
    const csv = (await exportOf(ministry, fw.id, 'moodle-csv')) as string;
    const [header, frameworkRow] = csv.split('\r\n');
    expect(header!.split(',')).toHaveLength(14);
    expect(header).toContain('Cross-referenced competency ID numbers');
    expect(frameworkRow).toContain('domain,competency');
    const back = await upload(elsewhere, csv, '?format=moodle-csv&language=en', 'text/csv');
    expect(back.statusCode).toBe(201);
    const round: Fw = back.json().framework;
    expect(round.items).toHaveLength(24);
    expect(round.levels.map((l) => l.title.en)).toEqual([
      'Knowledge acquisition',
      'Knowledge deepening',
      'Knowledge creation',
    ]);
    expect(round.items.filter((i) => i.type === 'aspect')).toHaveLength(6);
    const a31 = round.items.find((i) => i.code === 'A3.1')!;
    expect(a31.caseIdentifier).toBe(fw.items.find((i) => i.code === 'A3.1')!.caseIdentifier);

    const modern = await upload(ministry, fixture('moodle-new-headers.csv'), '', 'text/csv');
    expect(modern.statusCode).toBe(201);
    const m: Fw = modern.json().framework;
    expect(m.title).toEqual({ en: 'Digital learning competences' });
    expect(m.levels.map((l) => l.title.en)).toEqual(['Not yet competent', 'Competent']);
    const mBy = new Map(m.items.map((i) => [i.code, i]));
    expect(mBy.get('DL1')!.statement.en).toBe('Finds, adapts and creates digital content for lessons.');
    expect(mBy.get('DL1.1')!.statement.en).toContain('licence & quality');
    expect([mBy.get('DL1')!.type, mBy.get('DL2.1')!.type, mBy.get('DL2.1.a')!.type]).toEqual([
      'aspect',
      'competency',
      'indicator',
    ]);

    const old = await upload(ministry, fixture('moodle-old-headers.csv'), '?language=ru', 'text/csv');
    expect(old.statusCode).toBe(201);
    expect(old.json().framework).toMatchObject({ title: { ru: 'Старая рамка' }, languages: ['ru'] });
    expect(old.json().counts.items).toBe(2);
  });

  it('round-trips the Pathway CSV with levels, five languages and identifiers', async () => {
    const fw: Fw = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '9.0' })).json();
    const csv = (await exportOf(ministry, fw.id, 'csv')) as string;
    expect(csv.split('\r\n')[0]).toBe(
      `code,parent_code,type,level,${['en', 'ru', 'uz', 'ne', 'fil'].map((l) => `title_${l},statement_${l},notes_${l}`).join(',')},identifier`,
    );
    const res = await upload(elsewhere, csv, `?title=${encodeURIComponent('Copy')}`, 'text/csv');
    expect(res.statusCode).toBe(201);
    const copy = res.json().framework;
    expect(await exportOf(elsewhere, copy.id, 'csv')).toBe(csv);
    expect(copy.levels.map((l: { code: string }) => l.code)).toEqual(['KA', 'KD', 'KC']);
  });

  it('rejects broken files with the path or line of each fault, writing nothing', async () => {
    const before = await countFrameworks(ministry);
    const good = JSON.parse(fixture('case-1.0-regional-reference.json').toString('utf8'));
    const variant = (change: (pkg: typeof good) => void) => {
      const pkg = structuredClone(good);
      change(pkg);
      return upload(ministry, JSON.stringify(pkg));
    };
    const faults = async (res: Awaited<ReturnType<typeof upload>>) => {
      expect(res.statusCode).toBe(422);
      return res.json().error;
    };

    const broken = await faults(
      await variant((pkg) => {
        pkg.CFAssociations[2].destinationNodeURI.identifier = '00000000-0000-4000-8000-00000000dead';
      }),
    );
    expect(broken.code).toBe('case_invalid');
    expect(broken.details.errors).toEqual([
      { path: '$.CFAssociations[2].destinationNodeURI.identifier', message: expect.stringContaining('No CFItem') },
    ]);

    const cycle = await faults(
      await variant((pkg) => {
        // RN.1 becomes a child of its own child RN.1.1.
        pkg.CFAssociations[5].destinationNodeURI.identifier = 'b2c3d4e5-0011-4000-8000-000000000011';
      }),
    );
    expect(cycle.details.errors).toEqual([
      { path: expect.stringMatching(/^\$\.CFAssociations\[\d\]/), message: expect.stringContaining('cycle') },
    ]);

    // A humanCodingScheme used twice is valid CASE (codes are optional and may repeat): see frameworks.case.interop.test.ts.

    const unknownType = await faults(
      await variant((pkg) => {
        pkg.CFAssociations[9].associationType = 'isCousinOf';
      }),
    );
    expect(unknownType.details.errors).toEqual([
      { path: '$.CFAssociations[9].associationType', message: 'Unknown association type isCousinOf.' },
    ]);

    const latin1 = Buffer.from('code,parent_code,type,level,statement_en\nA,,aspect,,Caf\xe9\n', 'latin1');
    const utf8 = await faults(await upload(ministry, latin1, '', 'text/csv'));
    expect(utf8.code).toBe('csv_invalid');
    expect(utf8.details.errors).toEqual([{ line: 2, column: '', message: expect.stringContaining('not valid UTF-8') }]);

    const header = await faults(
      await upload(ministry, 'code,parent_code,type,level,statement_en,colour\nA,,aspect,,x,red\n', '', 'text/csv'),
    );
    expect(header.details.errors).toEqual([{ line: 1, column: 'colour', message: 'Unknown column colour.' }]);

    const moodleHeader = await faults(
      await upload(
        ministry,
        'Parent ID number,ID number,Name,Description,Description format,Scale values,Scale configuration,Rule type (optional),Rule outcome (optional),Rule config (optional),Cross-referenced competency ID numbers,Is framework,Taxonomy\n',
        '',
        'text/csv',
      ),
    );
    expect(moodleHeader.details.errors).toEqual([
      { line: 1, column: '', message: expect.stringContaining('has 13 columns') },
    ]);

    const rows = await faults(
      await upload(
        ministry,
        [
          'code,parent_code,type,level,title_en,statement_en',
          'A,,aspect,,Area,An area',
          'A.1,A,competency,,One,First',
          'A.1,A,competency,,Two,Second',
          'B.1,Z,competency,,Three,Third',
          'C,D,aspect,,C,C',
          'D,C,aspect,,D,D',
          'E,,planet,,E,E',
        ].join('\n'),
        '',
        'text/csv',
      ),
    );
    expect(rows.details.errors).toEqual([
      { line: 8, column: 'type', message: expect.stringContaining('Unknown type planet') },
      { line: 4, column: 'code', message: expect.stringContaining('A.1 is used twice (first at line 3)') },
      { line: 5, column: 'parent_code', message: expect.stringContaining('The parent Z') },
      { line: 6, column: 'parent_code', message: expect.stringContaining('cycle') },
    ]);

    const notJson = await faults(await upload(ministry, '{"CFDocument": '));
    expect(notJson.details.errors[0].path).toBe('$');
    expect(await countFrameworks(ministry)).toBe(before);
  });

  it('lets only standard editors import, and keeps tenants apart', async () => {
    const before = await countFrameworks(ministry);
    const denied = await upload(teacher, fixture('moodle-new-headers.csv'), '', 'text/csv');
    expect(denied.statusCode).toBe(403);
    expect(await countFrameworks(ministry)).toBe(before);
    const fw: Fw = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '10.0' })).json();
    expect((await call(elsewhere, 'GET', `/api/frameworks/${fw.id}/export/csv`)).statusCode).toBe(404);
    expect((await call(elsewhere, 'GET', `/api/frameworks/${fw.id}/export/case`)).statusCode).toBe(404);
    expect((await call(teacher, 'GET', `/api/frameworks/${fw.id}/export/moodle-csv`)).statusCode).toBe(404);
  });

  it('names each export after the standard, with a plain fallback and the title in its own script', async () => {
    const levels = [{ code: 'L1', title: { en: 'Basic', ru: 'Базовый' } }];
    const created = await call(ministry, 'POST', '/api/frameworks', {
      title: { en: 'National ICT Competency Standard', ru: 'Национальный стандарт ИКТ-компетентности' },
      version: '2.0',
      languages: ['en', 'ru'],
      levels,
    });
    expect(created.statusCode).toBe(201);
    const disposition = async (id: string, format: string) =>
      (await call(ministry, 'GET', `/api/frameworks/${id}/export/${format}`)).headers['content-disposition'] as string;
    expect(await disposition(created.json().id, 'moodle-csv')).toBe(
      `attachment; filename="National-ICT-Competency-Standard-2.0.moodle.csv"; filename*=UTF-8''National-ICT-Competency-Standard-2.0.moodle.csv`,
    );
    expect(await disposition(created.json().id, 'csv')).toContain(
      `filename="National-ICT-Competency-Standard-2.0.csv"`,
    );
    // The CASE package is answered by the CASE provider's route (its fixed path wins), named the same way.
    expect(await disposition(created.json().id, 'case')).toBe(
      `attachment; filename="National-ICT-Competency-Standard-2.0.case.json"; filename*=UTF-8''National-ICT-Competency-Standard-2.0.case.json`,
    );

    // A title with no Latin letters: an ASCII name for old clients, the title itself (RFC 5987) for the rest.
    const russian = await call(ministry, 'POST', '/api/frameworks', {
      title: { ru: 'Стандарт «Учитель 2030»: ИКТ' },
      version: '1.0',
      languages: ['ru'],
      levels,
    });
    const header = await disposition(russian.json().id, 'csv');
    expect(header).toMatch(/^[\x20-\x7e]+$/);
    expect(header.match(/filename="([^"]*)"/)![1]).toBe('framework-1.0.csv');
    const encoded = header.match(/filename\*=UTF-8''(\S+)$/)![1]!;
    expect(decodeURIComponent(encoded)).toBe('Стандарт-«Учитель-2030»-ИКТ-1.0.csv');
    expect(exportFileName('Кадрлар', '1.0', 'csv').ascii).toBe('framework-1.0.csv');
    expect(exportFileName(' ', 'draft 3', 'case')).toEqual({
      name: 'framework-draft-3.case.json',
      ascii: 'framework-draft-3.case.json',
    });
    expect(exportFileName('Standard 2.0', '2.0', 'csv').name).toBe('Standard-2.0.csv');
  });
});
