import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import { addMonths } from '../practice/coaching.links.ts';
import type { DefinitionInput } from './surveys.definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const scale = [
  { value: 'low', label: { en: 'Low' } },
  { value: 'mid', label: { en: 'Middling' } },
  { value: 'high', label: { en: 'High' } },
];
const definition: DefinitionInput = {
  sections: [
    {
      key: 'use',
      title: { en: 'ICT in your lessons' },
      questions: [
        {
          key: 'frequency',
          type: 'likert',
          text: { en: 'How often do your students use ICT?' },
          required: true,
          choices: [
            { value: 'never', label: { en: 'Never' } },
            { value: 'monthly', label: { en: 'Monthly' } },
            { value: 'weekly', label: { en: 'Weekly' } },
          ],
        },
        {
          key: 'tools',
          type: 'multiple',
          text: { en: 'Which tools?' },
          choices: [
            { value: 'slides', label: { en: 'Slides' } },
            { value: 'video', label: { en: 'Video' } },
            { value: 'quiz', label: { en: 'Quizzes' } },
          ],
        },
        {
          key: 'confidence',
          type: 'matrix',
          text: { en: 'How confident are you to...' },
          required: true,
          choices: scale,
          rows: [
            { value: 'plan', label: { en: 'plan with ICT' } },
            { value: 'teach', label: { en: 'teach with ICT' } },
          ],
        },
        { key: 'years', type: 'number', text: { en: 'Years teaching' }, min: 0, max: 50 },
        { key: 'trained_on', type: 'date', text: { en: 'Last trained on' } },
        {
          key: 'how',
          type: 'long_text',
          text: { en: 'What did they do last time?' },
          showIf: { question: 'frequency', anyOf: ['monthly', 'weekly'] },
        },
      ],
    },
  ],
};

const HEADER = 'person,frequency,tools,confidence.plan,confidence.teach,years,trained_on,how';
/** A file as a spreadsheet saves it: a byte order mark and CRLF line ends. */
const csv = (...lines: string[]) => `\ufeff${lines.join('\r\n')}\r\n`;

describeOnEachDatabase('surveys: importing the answers of a paper round', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let outsider: Session;
  let surveyId: string;
  let named: string;
  const teachers: { nationalId: string; email: string; id: string }[] = [];
  const today = todayIso();

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    surveyId = await make.publishedSurvey(world.ctx, definition, { code: 'PAPER-1' });
    for (let i = 0; i < 7; i++) {
      const p = await make.person(world.ctx, world.schoolA1, { email: `teacher${i}@school.example` });
      teachers.push({ nationalId: p.nationalId!, email: p.email!, id: p.id });
    }
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const away = await make.user(world.ctx, 'district_officer', world.districtA2);
    outsider = await signIn(app, away.username, away.password);
    named = await newRound({ anonymous: false, unitId: world.schoolA1.id });
  });
  afterAll(() => app.close());

  async function newRound(over: object) {
    const res = await app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/rounds`,
      headers: ministry.headers,
      payload: { title: { en: 'Paper round' }, opensOn: today, closesOn: addMonths(today, 1), ...over },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }
  const upload = (s: Session, roundId: string, body: string) =>
    app.inject({
      method: 'POST',
      url: `/api/surveys/rounds/${roundId}/responses/import`,
      headers: { ...s.headers, 'content-type': 'text/csv' },
      payload: body,
    });
  const responses = () => getDb().db.selectFrom('survey_response').selectAll().execute();
  const line = (who: string, rest: string) => `${who},${rest}`;

  it('gives the header of the round to fill in, only to its managers', async () => {
    const template = await app.inject({
      method: 'GET',
      url: `/api/surveys/rounds/${named}/responses/template.csv`,
      headers: ministry.headers,
    });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body.replace('\ufeff', '').trim()).toBe(HEADER);
    const away = await app.inject({
      method: 'GET',
      url: `/api/surveys/rounds/${named}/responses/template.csv`,
      headers: outsider.headers,
    });
    expect(away.statusCode).toBe(404);
  });

  it('refuses a file with faults, listing every one with its line, and writes nothing', async () => {
    const before = (await responses()).length;
    const [a, b, c] = teachers;
    const file = csv(
      HEADER,
      line(a!.nationalId, 'weekly,slides;quiz,high,mid,3,2026-01-15,Maps'),
      line('NID-NOBODY', 'sometimes,,low,,4,,'),
      line(c!.email.toUpperCase(), 'never,,low,low,,,'),
      line(a!.nationalId, 'monthly,slides;tiktok,mid,mid,5,,'),
      line(b!.nationalId, 'never,video,low,mid,2,,'),
    );
    const res = await upload(ministry, named, file);
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('csv_invalid');
    const faults = (error.details.errors as Json[]).map((f) => [f.line, f.column, f.code]);
    expect(faults.sort()).toEqual(
      [
        [3, 'person', 'person_not_invited'],
        [3, 'frequency', 'answer_invalid'],
        [3, 'confidence.teach', 'answers_incomplete'],
        [5, 'tools', 'answer_invalid'],
        [5, 'person', 'person_repeated'],
      ].sort(),
    );
    expect((error.details.errors as Json[]).every((f) => typeof f.message === 'string')).toBe(true);
    expect(await responses()).toHaveLength(before);
    const answered = await getDb()
      .db.selectFrom('survey_invitation')
      .select('id')
      .where('round_id', '=', named)
      .where('status', '=', 'submitted')
      .execute();
    expect(answered).toEqual([]);

    const unknownColumn = await upload(
      ministry,
      named,
      csv(`${HEADER},shoe_size`, line(a!.nationalId, 'never,,low,low,,,,9')),
    );
    expect(unknownColumn.json().error.details.errors).toEqual([
      expect.objectContaining({ line: 1, column: 'shoe_size', code: 'csv_invalid' }),
    ]);
  });

  it('imports a valid file whole (BOM, CRLF, several choices, a matrix) and the results count it', async () => {
    const file = csv(
      HEADER,
      line(teachers[0]!.nationalId, 'weekly,slides;quiz,high,mid,3,2026-01-15,"Maps, in groups"'),
      line(teachers[1]!.email, 'Weekly,Slides,high,HIGH,4,,'),
      line(teachers[2]!.nationalId, 'monthly,quiz; video,mid,mid,,,'),
      line(teachers[3]!.nationalId, 'never,,low,low,10,,Not shown: dropped'),
      line(teachers[4]!.nationalId, 'never,,low,mid,2.5,2025-12-01,'),
    );
    const res = await upload(ministry, named, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 5 });

    const rows = (await responses()).filter((r) => r.round_id === named);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.source === 'paper' && r.unit_id === world.schoolA1.id)).toBe(true);
    expect(new Set(rows.map((r) => r.person_id))).toEqual(new Set(teachers.slice(0, 5).map((t) => t.id)));
    const round = await app.inject({ method: 'GET', url: `/api/surveys/rounds/${named}`, headers: ministry.headers });
    expect(round.json()).toMatchObject({ invited: 7, responded: 5 });

    const results = (
      await app.inject({ method: 'GET', url: `/api/surveys/rounds/${named}/results`, headers: ministry.headers })
    ).json();
    expect(results).toMatchObject({ respondents: 5, suppressed: false });
    const q = (key: string) => results.questions.find((x: Json) => x.key === key);
    expect(q('frequency').counts).toEqual({ never: 2, monthly: 1, weekly: 2 });
    expect(q('tools').counts).toEqual({ slides: 2, video: 1, quiz: 2 });
    expect(q('confidence').rows).toEqual({
      plan: { low: 2, mid: 1, high: 2 },
      teach: { low: 1, mid: 3, high: 1 },
    });
    expect(q('years').number).toEqual({ mean: 4.88, median: 3.5 }); // means are rounded to two places
    expect(q('how').texts).toEqual(['Maps, in groups']);

    const again = await upload(ministry, named, csv(HEADER, line(teachers[0]!.nationalId, 'never,,low,low,,,')));
    expect(again.json().error.details.errors).toEqual([
      expect.objectContaining({ line: 2, column: 'person', code: 'response_submitted' }),
    ]);
  });

  it('stores no person for an anonymous round: the place, sex and role only', async () => {
    const anonymous = await newRound({ anonymous: true, unitId: world.districtA1.id });
    const header = 'unit,sex,role,frequency,confidence.plan,confidence.teach';
    const bad = await upload(
      ministry,
      anonymous,
      csv(header, `${world.schoolB1.code},female,teacher,never,low,low`, `${world.schoolA1.code},x,,never,low,low`),
    );
    expect((bad.json().error.details.errors as Json[]).map((f) => [f.line, f.column, f.code])).toEqual([
      [2, 'unit', 'unit_unknown'],
      [3, 'sex', 'sex_invalid'],
    ]);
    const res = await upload(
      ministry,
      anonymous,
      csv(header, `${world.schoolA1.code},female,teacher,weekly,high,mid`, `${world.schoolA1b.code},,,never,low,low`),
    );
    expect(res.json()).toEqual({ imported: 2 });
    const rows = (await responses()).filter((r) => r.round_id === anonymous);
    expect(rows.map((r) => [r.person_id, r.unit_id, r.sex, r.role, r.source]).sort()).toEqual(
      [
        [null, world.schoolA1.id, 'female', 'teacher', 'paper'],
        [null, world.schoolA1b.id, 'unknown', 'teacher', 'paper'],
      ].sort(),
    );
    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select(['after_json'])
      .where('action', '=', 'survey_response.import')
      .where('entity_id', '=', anonymous)
      .execute();
    expect(audit.map((a) => JSON.parse(a.after_json!))).toEqual([{ source: 'paper', imported: 2 }]);
    // The round counts the answers from paper as answered, as its results do.
    const round = await app.inject({
      method: 'GET',
      url: `/api/surveys/rounds/${anonymous}`,
      headers: ministry.headers,
    });
    expect(round.json().responded).toBe(2);
  });

  it('answers 404 to someone without surveys.manage over the round, and refuses a closed round', async () => {
    const file = csv(HEADER, line(teachers[5]!.nationalId, 'never,,low,low,,,'));
    const away = await upload(outsider, named, file);
    expect([away.statusCode, away.json().error.code]).toEqual([404, 'survey_round_not_found']);
    const closed = await newRound({ anonymous: false, unitId: world.schoolA1.id });
    await app.inject({ method: 'POST', url: `/api/surveys/rounds/${closed}/close`, headers: ministry.headers });
    const before = (await responses()).length;
    const late = await upload(ministry, closed, file);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'round_closed']);
    expect(await responses()).toHaveLength(before);
  });
});
