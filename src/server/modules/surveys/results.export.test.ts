import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import { addMonths } from '../practice/coaching.links.ts';
import type { DefinitionInput } from './surveys.definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const definition: DefinitionInput = {
  sections: [
    {
      key: 'use',
      title: { en: 'ICT in your lessons', ne: 'तपाईंको कक्षामा सूचना प्रविधि' },
      questions: [
        {
          key: 'frequency',
          type: 'likert',
          text: { en: 'How often do your students use ICT?', ne: 'विद्यार्थीले कति पटक सूचना प्रविधि प्रयोग गर्छन्?' },
          required: true,
          choices: [
            { value: 'never', label: { en: 'Never', ne: 'कहिल्यै होइन' } },
            { value: 'monthly', label: { en: 'Monthly', ne: 'मासिक' } },
            { value: 'weekly', label: { en: 'Weekly', ne: 'साप्ताहिक' } },
          ],
        },
        {
          key: 'tools',
          type: 'multiple',
          text: { en: 'Which tools do you use?' },
          choices: [
            { value: 'slides', label: { en: 'Slides' } },
            { value: 'video', label: { en: 'Video' } },
            { value: 'quiz', label: { en: 'Quizzes' } },
          ],
        },
        {
          key: 'confidence',
          type: 'matrix',
          text: { en: 'How confident are you?' },
          choices: [
            { value: 'low', label: { en: 'Low' } },
            { value: 'high', label: { en: 'High' } },
          ],
          rows: [
            { value: 'plan', label: { en: 'Planning' } },
            { value: 'teach', label: { en: 'Teaching' } },
          ],
        },
        { key: 'years', type: 'number', text: { en: 'Years teaching' }, min: 0, max: 50 },
        { key: 'how', type: 'long_text', text: { en: 'What did they do last time?' } },
      ],
    },
  ],
};

/** Reads a CSV as Pathway writes it: CRLF records, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  return rows;
}

describeOnEachDatabase('survey results downloads', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let roundId: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const surveyId = await make.publishedSurvey(world.ctx, definition, { code: 'USE-X' });
    // District A1: six teachers at school A1-1, two at A1-2 (hidden, and A1-1 with it by difference).
    const sessions: Session[] = [];
    for (let i = 0; i < 8; i++) {
      const teacher = await make.user(world.ctx, 'teacher', i < 6 ? world.schoolA1 : world.schoolA1b);
      sessions.push(await signIn(app, teacher.username, teacher.password));
    }
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const today = todayIso();
    const created = await app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/rounds`,
      headers: ministry.headers,
      payload: {
        title: { en: 'ICT use, district A1', ne: 'सूचना प्रविधि प्रयोग, जिल्ला A1' },
        unitId: world.districtA1.id,
        opensOn: today,
        closesOn: addMonths(today, 1),
      },
    });
    expect(created.statusCode).toBe(201);
    roundId = created.json().id;
    for (const [i, s] of sessions.entries()) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/surveys/rounds/${roundId}/answer/submit`,
        headers: s.headers,
        payload: {
          answers: {
            frequency: i < 5 ? 'weekly' : i < 7 ? 'monthly' : 'never',
            tools: i % 2 ? ['slides', 'quiz'] : ['video'],
            confidence: { plan: i < 3 ? 'low' : 'high', teach: 'high' },
            years: 2 + i,
            how: i === 0 ? '=HYPERLINK("http://x")' : `Groups mapped the river ${i}`,
          },
        },
      });
      expect(res.statusCode).toBe(200);
    }
  });
  afterAll(() => app.close());

  const get = (s: Session, url: string) => app.inject({ method: 'GET', url, headers: s.headers });
  const base = () => `/api/surveys/rounds/${roundId}`;

  it('writes the counts the results show, a row per choice, matrix row and point, with a column per group', async () => {
    const results = (await get(ministry, `${base()}/results?by=role`)).json();
    expect(results).toMatchObject({ respondents: 8, suppressed: false });
    const res = await get(ministry, `${base()}/results.csv?by=role`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="survey-results-${roundId}-by-role.csv"`);
    const [header, ...rows] = parseCsv(res.body);
    expect(header).toEqual([
      'section',
      'question',
      'question_text',
      'item',
      'choice',
      'respondents',
      'share_percent',
      'answered',
      'value',
      'role_teacher',
    ]);
    const line = (question: string, item: string, choice: string) =>
      rows.find((r) => r[1] === question && r[3] === item && r[4] === choice)!;
    const json = (key: string) => results.questions.find((q: Json) => q.key === key);
    for (const [value, label] of [
      ['never', 'Never'],
      ['monthly', 'Monthly'],
      ['weekly', 'Weekly'],
    ] as const)
      expect(Number(line('frequency', '', label)[5])).toBe(json('frequency').counts[value]);
    expect(line('frequency', '', 'Weekly')).toEqual([
      'use',
      'frequency',
      'How often do your students use ICT?',
      '',
      'Weekly',
      '5',
      '62.5',
      '8',
      '',
      '5',
    ]);
    expect(Number(line('tools', '', 'Quizzes')[5])).toBe(json('tools').counts.quiz);
    expect(Number(line('confidence', 'Planning', 'Low')[5])).toBe(json('confidence').rows.plan.low);
    expect(Number(line('confidence', 'Teaching', 'High')[5])).toBe(8);
    expect(Number(line('years', 'mean', '')[8])).toBe(json('years').number.mean);
    expect(Number(line('years', 'median', '')[8])).toBe(json('years').number.median);
    // Written answers are counted here, never written out.
    expect(line('how', '', '')[5]).toBe('8');
    expect(res.body).not.toContain('river');
  });

  it('gives a hidden unit a note and no figures in every format, and no written answers', async () => {
    const url = `${base()}/results.csv?unitId=${world.schoolA1b.id}`;
    const results = (await get(ministry, `${base()}/results?unitId=${world.schoolA1b.id}`)).json();
    expect(results).toMatchObject({ respondents: null, suppressed: true });
    const csv = parseCsv((await get(ministry, url)).body);
    expect(csv).toHaveLength(2);
    expect(csv[1]![0]).toMatch(/^Fewer than 5 people answered here/);
    expect(csv.flat().some((cell) => /^\d+(\.\d+)?$/.test(cell))).toBe(false);

    const xlsx = await get(ministry, `${base()}/results.xlsx?unitId=${world.schoolA1.id}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Results')!;
    expect(sheet.rowCount).toBe(2);
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^Fewer than 5/);
    expect(book.getWorksheet('Units')!.getRow(2).getCell(3).value).toBe('hidden');

    const pdf = await get(ministry, `${base()}/results.pdf?unitId=${world.schoolA1b.id}`);
    expect([pdf.statusCode, pdf.rawPayload.subarray(0, 5).toString()]).toEqual([200, '%PDF-']);

    const texts = await get(ministry, `${base()}/texts.csv?unitId=${world.schoolA1b.id}`);
    expect(parseCsv(texts.body)).toEqual([['question', 'question_text', 'text']]);
  });

  it('gives survey managers the written answers sorted, guarded, and nobody else', async () => {
    const texts = await get(ministry, `${base()}/texts.csv`);
    expect(texts.statusCode).toBe(200);
    expect(texts.headers['content-disposition']).toBe(`attachment; filename="survey-texts-${roundId}.csv"`);
    const rows = parseCsv(texts.body);
    expect(rows[0]).toEqual(['question', 'question_text', 'text']);
    expect(rows.slice(1).map((r) => r[2])).toEqual([
      '\'=HYPERLINK("http://x")',
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `Groups mapped the river ${i}`),
    ]);
    expect(rows.slice(1).every((r) => r[0] === 'how' && r[1] === 'What did they do last time?')).toBe(true);

    // A reader of reports who does not manage surveys reads the figures but not the texts.
    const leader = await make.user(world.ctx, 'school_leader', world.districtA1);
    const reader = await signIn(app, leader.username, leader.password);
    expect((await get(reader, `${base()}/results.csv`)).statusCode).toBe(200);
    const refused = await get(reader, `${base()}/texts.csv`);
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden']);
  });

  it('answers 404 to everything for someone outside the round’s unit', async () => {
    const outsider = await make.user(world.ctx, 'district_officer', world.districtA2);
    const away = await signIn(app, outsider.username, outsider.password);
    for (const file of ['results.csv', 'results.xlsx', 'results.pdf', 'texts.csv']) {
      const res = await get(away, `${base()}/${file}`);
      expect([res.statusCode, res.json().error.code, res.headers['content-disposition']]).toEqual([
        404,
        'survey_round_not_found',
        undefined,
      ]);
    }
  });

  it('writes the same numbers into the workbook, with the units below', async () => {
    const csv = parseCsv((await get(ministry, `${base()}/results.csv`)).body);
    const res = await get(ministry, `${base()}/results.xlsx`);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Results')!;
    const cells: string[][] = [];
    sheet.eachRow((row) => {
      const values: string[] = [];
      for (let c = 1; c <= csv[0]!.length; c++) {
        const v = row.getCell(c).value;
        values.push(v === null || v === undefined ? '' : String(v));
      }
      cells.push(values);
    });
    expect(cells).toEqual(csv);
    expect(typeof sheet.getRow(2).getCell(6).value).toBe('number');
    const units: unknown[][] = [];
    book.getWorksheet('Units')!.eachRow((row) => {
      units.push([row.getCell(1).value, row.getCell(3).value]);
    });
    expect(units).toEqual([
      ['unit', 'respondents'],
      ['District A1', 8],
      ['School A1-1', 'hidden'],
      ['School A1-2', 'hidden'],
    ]);
  });

  it('makes the report in Nepali', async () => {
    const regional = await make.user(world.ctx, 'regional_officer', world.regionA);
    const s = await signIn(app, regional.username, regional.password);
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/me',
      headers: s.headers,
      payload: { locale: 'ne' },
    });
    expect(changed.statusCode).toBe(200);
    const res = await get(s, `${base()}/results.pdf?by=role`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="survey-results-${roundId}-by-role.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The Devanagari face is embedded for the Nepali words.
    expect(res.rawPayload.toString('latin1')).toMatch(/NotoSansDevanagari/);
    const csv = parseCsv((await get(s, `${base()}/results.csv`)).body);
    expect(csv[1]!.slice(2, 5)).toEqual(['विद्यार्थीले कति पटक सूचना प्रविधि प्रयोग गर्छन्?', '', 'कहिल्यै होइन']);
  });
});
