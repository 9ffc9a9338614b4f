import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { LOCALES } from '../../shared/catalogues.ts';
import { CreateSurveyBody, TEMPLATE_KEYS } from './questionnaires.schemas.ts';
import * as questionnaires from './questionnaires.service.ts';
import { Definition, QUESTION_TYPES, questionsOf } from './surveys.definition.ts';
import { surveyTemplate } from './templates/index.ts';

type User = Awaited<ReturnType<typeof make.user>>;

const definition = {
  sections: [
    {
      key: 'use',
      title: { en: 'ICT in lessons', ru: 'ИКТ на уроках' },
      questions: [
        {
          key: 'student_ict_frequency',
          type: 'likert',
          required: true,
          text: { en: 'How often do students use devices?', ru: 'Как часто ученики используют устройства?' },
          choices: [
            { value: 'never', label: { en: 'Never', ru: 'Никогда' } },
            { value: 'weekly', label: { en: 'Weekly', ru: 'Еженедельно' } },
          ],
        },
        { key: 'comment', type: 'long_text', text: { en: 'Anything else?' } },
      ],
    },
  ],
};

const body = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  title: { en: 'Pilot survey', ru: 'Пилотный опрос' },
  description: { en: 'A short one.' },
  sourceLocale: 'en',
  purpose: 'general',
  definition,
  ...over,
});

describe('shipped questionnaires', () => {
  for (const key of TEMPLATE_KEYS)
    it(`${key} parses and every text is given in all five languages`, () => {
      const template = surveyTemplate(key);
      const parsed = Definition.parse(template.definition);
      const texts = questionnaires.textsOf({ ...template, definition: parsed });
      expect(questionnaires.languageCompleteness(texts)).toEqual(Object.fromEntries(LOCALES.map((l) => [l, 1])));
      for (const l of LOCALES)
        expect(questionnaires.missingInSource({ ...template, definition: parsed }, l)).toEqual([]);
      // No text is left in English where another language is meant.
      for (const { path, text } of texts)
        for (const l of ['ru', 'ne'] as const) expect(text[l], `${key} ${path} ${l}`).not.toBe(text.en);
    });

  it('the national survey has every question type, a condition and student ICT use by frequency', () => {
    const parsed = Definition.parse(surveyTemplate('national_training_effectiveness').definition);
    const questions = questionsOf(parsed);
    expect(new Set(questions.map((q) => q.type))).toEqual(new Set(QUESTION_TYPES));
    expect(questions.some((q) => q.showIf)).toBe(true);
    const other = questions.find((q) => q.key === 'main_barrier_other')!;
    expect(other).toMatchObject({ type: 'short_text', showIf: { question: 'main_barrier', anyOf: ['other'] } });
    const students = questions.find((q) => q.key === 'student_ict_frequency')!;
    expect(students.type).toBe('likert');
    expect(students.choices.map((c) => c.value)).toEqual(['never', 'monthly', 'weekly', 'daily']);
  });
});

describeOnEachDatabase('questionnaires', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: User;
  let district: User;
  let teacher: User;
  let ministrySession: Session;
  let teacherSession: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    app = await testApp(getDb());
    ministrySession = await signIn(app, ministry.username, ministry.password);
    teacherSession = await signIn(app, teacher.username, teacher.password);
  });
  afterAll(() => app.close());

  const post = (url: string, session: Session, payload?: object) =>
    app.inject({ method: 'POST', url, headers: session.headers, ...(payload ? { payload } : {}) });
  const row = (id: string) =>
    getDb()
      .db.selectFrom('survey')
      .selectAll()
      .where('tenant_id', '=', world.ctx.tenantId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const audits = (id: string) =>
    getDb()
      .db.selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .execute();

  it('creates a draft and reports how complete each language is', async () => {
    const res = await post('/api/surveys', ministrySession, body('pilot-1'));
    expect(res.statusCode).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      code: 'pilot-1',
      version: 1,
      status: 'draft',
      familyId: s.id,
      purpose: 'general',
      canManage: true,
    });
    // title, description, section title, 2 question texts, 2 choice labels: 7 texts; Russian misses description and one question.
    expect(s.completeness.en).toBe(1);
    expect(s.completeness.ru).toBeCloseTo(5 / 7, 3);
    expect(s.completeness.ne).toBe(0);
    expect(s.questionCount).toBe(2);
    expect((await audits(s.id)).map((a) => a.action)).toEqual(['survey.create']);
  });

  it('refuses a second questionnaire with the same code (409)', async () => {
    const res = await post('/api/surveys', ministrySession, body('pilot-1'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('duplicate_code');
  });

  it('answers definition faults with their paths (400) and writes nothing', async () => {
    const before = await getDb().db.selectFrom('survey').select('id').execute();
    const broken = {
      sections: [
        {
          key: 'use',
          title: { en: 'Use' },
          questions: [
            {
              key: 'freq',
              type: 'likert',
              text: { en: 'How often?' },
              choices: [{ value: 'never', label: { en: 'Never' } }],
            },
            { key: 'why', type: 'short_text', text: { en: 'Why?' }, showIf: { question: 'nope', anyOf: ['x'] } },
            { key: 'freq', type: 'number', text: { en: 'Again?' } },
          ],
        },
      ],
    };
    const res = await post('/api/surveys', ministrySession, body('broken', { definition: broken }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.definition.sections.0.questions.0.choices',
        'body.definition.sections.0.questions.1.showIf.question',
        'body.definition.sections.0.questions.2.key',
      ]),
    );
    expect(await getDb().db.selectFrom('survey').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses to publish until every text is in the source language, then publishes', async () => {
    const created = (await post('/api/surveys', ministrySession, body('pilot-ru', { sourceLocale: 'ru' }))).json();
    const refused = await post(`/api/surveys/${created.id}/publish`, ministrySession);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'survey_incomplete',
      details: { locale: 'ru', paths: ['description', 'definition.sections.0.questions.1.text'] },
    });
    expect((await row(created.id)).status).toBe('draft');
    const fixed = {
      ...body('pilot-ru', { sourceLocale: 'ru' }),
      description: { en: 'A short one.', ru: 'Короткий.' },
    } as Record<string, unknown>;
    delete fixed.code;
    (fixed.definition as typeof definition) = structuredClone(definition);
    (fixed.definition as typeof definition).sections[0]!.questions[1]!.text = {
      en: 'Anything else?',
      ru: 'Что-нибудь ещё?',
    } as never;
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/surveys/${created.id}`,
      headers: ministrySession.headers,
      payload: fixed,
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().completeness.ru).toBe(1);
    const published = await post(`/api/surveys/${created.id}/publish`, ministrySession);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published' });
    expect(published.json().publishedAt).toBeTruthy();
    expect((await audits(created.id)).map((a) => a.action)).toEqual([
      'survey.create',
      'survey.update',
      'survey.publish',
    ]);
  });

  it('keeps a published questionnaire as it is (409 survey_published, row unchanged)', async () => {
    const s = await questionnaires.createSurvey(ministry.ctx, CreateSurveyBody.parse(body('fixed')));
    const done = await questionnaires.publishSurvey(ministry.ctx, s.id);
    const before = await row(done.id);
    const { code: _, ...edit } = body('fixed', { title: { en: 'Changed' } });
    const res = await app.inject({
      method: 'PUT',
      url: `/api/surveys/${s.id}`,
      headers: ministrySession.headers,
      payload: edit,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('survey_published');
    expect(await row(s.id)).toEqual(before);
    expect((await post(`/api/surveys/${s.id}/publish`, ministrySession)).json().error.code).toBe('survey_published');
  });

  it('makes a new version from the published one, once; publishing it retires the old one', async () => {
    const s = await questionnaires.createFromTemplate(ministry.ctx, 'training_reaction', 'reaction-a');
    await questionnaires.publishSurvey(ministry.ctx, s.id);
    const res = await post(`/api/surveys/${s.id}/versions`, ministrySession);
    expect(res.statusCode).toBe(201);
    const v2 = res.json();
    expect(v2).toMatchObject({ familyId: s.familyId, version: 2, status: 'draft', code: 'reaction-a' });
    expect(v2.definition).toEqual(s.definition);
    expect(v2.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const again = await post(`/api/surveys/${s.id}/versions`, ministrySession);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'survey_draft_exists', details: { surveyId: v2.id } });
    // The list shows the family once, at its latest version.
    const list = (await app.inject({ url: '/api/surveys', headers: ministrySession.headers })).json();
    expect(list.items.filter((i: { familyId: string }) => i.familyId === s.familyId)).toMatchObject([
      { id: v2.id, version: 2 },
    ]);
    await questionnaires.publishSurvey(ministry.ctx, v2.id);
    expect((await row(s.id)).status).toBe('retired');
    const retired = await post(`/api/surveys/${v2.id}/retire`, ministrySession);
    expect(retired.json()).toMatchObject({ status: 'retired' });
    expect((await post(`/api/surveys/${v2.id}/retire`, ministrySession)).json().error.code).toBe('invalid_transition');
  });

  it('lets a district officer create drafts from every template, 100% complete in the five languages', async () => {
    const session = await signIn(app, district.username, district.password);
    for (const template of TEMPLATE_KEYS) {
      const res = await post('/api/surveys/from-template', session, { template, code: `${template}-d` });
      expect(res.statusCode).toBe(201);
      expect(res.json().completeness).toEqual({ en: 1, ru: 1, uz: 1, ne: 1, fil: 1 });
      expect(res.json()).toMatchObject({ purpose: surveyTemplate(template).purpose, status: 'draft' });
    }
  });

  it('lets a teacher read published questionnaires only, and write none', async () => {
    const draft = await questionnaires.createSurvey(ministry.ctx, CreateSurveyBody.parse(body('draft-only')));
    const created = await post('/api/surveys', teacherSession, body('by-teacher'));
    expect(created.statusCode).toBe(403);
    expect(
      (
        await post('/api/surveys/from-template', teacherSession, {
          template: 'training_reaction',
          code: 'by-teacher-2',
        })
      ).statusCode,
    ).toBe(403);
    const hidden = await app.inject({ url: `/api/surveys/${draft.id}`, headers: teacherSession.headers });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('survey_not_found');
    expect((await post(`/api/surveys/${draft.id}/publish`, teacherSession)).statusCode).toBe(404);
    const list = (await app.inject({ url: '/api/surveys', headers: teacherSession.headers })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((i: { status: string }) => i.status !== 'draft')).toBe(true);
    const published = list.items.find((i: { status: string }) => i.status === 'published');
    const read = await app.inject({ url: `/api/surveys/${published.id}`, headers: teacherSession.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ canManage: false });
    expect((await post(`/api/surveys/${published.id}/retire`, teacherSession)).statusCode).toBe(403);
  });
});
