import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import type { IndicatorDashboard } from '../monitoring/indicators.schemas.ts';
import * as training from '../training/training.ts';
import type { DefinitionInput } from './surveys.definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const TOOLS = ['slides', 'video', 'quiz'].map((value) => ({ value, label: { en: value } }));
const confidence: DefinitionInput = {
  sections: [
    {
      key: 'confidence',
      title: { en: 'Confidence' },
      questions: [
        {
          key: 'confident',
          type: 'likert',
          text: { en: 'I can plan a lesson where students use ICT' },
          required: true,
          choices: ['1', '2', '3', '4'].map((v) => ({ value: `p${v}`, label: { en: v } })),
        },
        { key: 'tools', type: 'multiple', text: { en: 'Tools my students used' }, choices: TOOLS },
        { key: 'how', type: 'short_text', text: { en: 'How' } },
      ],
    },
  ],
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('answers submitted on the web, kept on the response until their round is read', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let offeringId: string;
  const sessions: Session[] = [];

  const call = (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const answerRows = async (roundId: string) =>
    (
      await getDb()
        .db.selectFrom('survey_answer')
        .select(['response_id', 'question_key', 'item', 'value_text'])
        .where('round_id', '=', roundId)
        .execute()
    ).length;
  const waiting = async (roundId: string) =>
    (
      await getDb()
        .db.selectFrom('survey_response')
        .select('id')
        .where('round_id', '=', roundId)
        .where('pending_answers', 'is not', null)
        .execute()
    ).length;
  const submit = async (s: Session, roundId: string, answers: Json) => {
    const res = await call(s, 'POST', `/api/surveys/rounds/${roundId}/answer/submit`, { answers });
    expect(res.statusCode, res.body).toBe(200);
  };

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    await make.publishedSurvey(world.ctx, confidence, { code: 'CONF', purpose: 'pre_post' });
    const standard = await make.publishedStandard(world.ctx);
    const module = await make.trainingModule(world.ctx, standard);
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const trainer = await make.user(world.ctx, 'trainer', tei);
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.person.id],
      startDate: day(-44),
      endDate: day(-40),
      enrolOpens: day(-80),
      enrolCloses: day(-50),
    });
    offeringId = offering.id;
    const teachers = [];
    for (let i = 0; i < 6; i++) teachers.push(await make.user(world.ctx, 'teacher', world.schoolA1));
    await training.nominate(
      world.ctx,
      offeringId,
      teachers.map((t) => t.person.id),
    );
    await training.recordResults(world.ctx, offeringId, {
      results: teachers.map((t) => ({
        personId: t.person.id,
        result: 'completed' as const,
        score: 70,
        completedOn: day(-40),
      })),
    });
    for (const t of teachers) sessions.push(await signIn(app, t.username, t.password));
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  it('writes no answer rows until a reader folds the round; results, the pre/post pairs and an indicator then count them', async () => {
    const send = async (kind: 'pre' | 'post') => {
      const surveyId = (
        await getDb().db.selectFrom('survey').select('id').where('code', '=', 'CONF').executeTakeFirstOrThrow()
      ).id;
      const round = await call(ministry, 'POST', `/api/surveys/${surveyId}/rounds`, {
        title: { en: `${kind} of the offering` },
        unitId: world.districtA1.id,
        population: { categories: ['teacher'], offeringId },
        anonymous: false,
        kind,
        opensOn: todayIso(),
        closesOn: day(14),
      });
      expect(round.statusCode, round.body).toBe(201);
      return round.json().id as string;
    };
    const pre = await send('pre');
    const post = await send('post');

    // Six answer the pre round: their responses hold the answers, survey_answer nothing, until results are read.
    for (let i = 0; i < 6; i++)
      await submit(sessions[i]!, pre, {
        confident: i < 3 ? 'p1' : 'p2',
        tools: i < 2 ? ['slides', 'video'] : ['quiz'],
        how: `Lesson ${i}`,
      });
    expect([await answerRows(pre), await waiting(pre)]).toEqual([0, 6]);
    const results = await call(ministry, 'GET', `/api/surveys/rounds/${pre}/results`);
    expect(results.statusCode).toBe(200);
    const questions = new Map((results.json().questions as Json[]).map((q) => [q.key, q]));
    expect(results.json().respondents).toBe(6);
    expect(questions.get('confident')!.counts).toMatchObject({ p1: 3, p2: 3 });
    expect(questions.get('tools')!.counts).toMatchObject({ slides: 2, video: 2, quiz: 4 });
    expect([...questions.get('how')!.texts].sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `Lesson ${i}`));
    // One row per answer and per chosen option: 6 scales, 8 options, 6 texts.
    expect([await answerRows(pre), await waiting(pre)]).toEqual([20, 0]);

    // Five answer the post round; the evaluation, read first, pairs them with their pre answers.
    for (let i = 0; i < 5; i++) await submit(sessions[i]!, post, { confident: i < 4 ? 'p3' : 'p4', tools: ['slides'] });
    expect([await answerRows(post), await waiting(post)]).toEqual([0, 5]);
    const evaluation = (await call(ministry, 'GET', `/api/offerings/${offeringId}/evaluation`)).json() as Json;
    // Before: 1, 1, 1, 2, 2 (1.4); after: 3, 3, 3, 3, 4 (3.2).
    expect(evaluation.learning.paired).toMatchObject({
      pairs: 5,
      items: [{ key: 'confident', before: 1.4, after: 3.2 }],
    });
    const postRound = (evaluation.learning.rounds as Json[]).find((r) => r.id === post)!;
    expect(postRound).toMatchObject({ respondents: 5, scale: [{ key: 'confident', answered: 5, topTwo: 1 }] });
    expect([await answerRows(post), await waiting(post)]).toEqual([10, 0]);

    // The sixth answers the post round; an indicator of the post round, read first, counts them.
    await submit(sessions[5]!, post, { confident: 'p2', tools: ['video', 'quiz'] });
    expect(await waiting(post)).toBe(1);
    const indicator = await call(ministry, 'POST', '/api/indicators', {
      code: 'SLIDES',
      name: { en: 'Students used slides or video' },
      definition: { en: 'Share of teachers whose students used slides or video' },
      numerator: {
        fact: 'survey_answered',
        surveyCode: 'CONF',
        roundId: post,
        questionKey: 'tools',
        values: ['slides', 'video'],
      },
      denominator: { fact: 'survey_respondents', surveyCode: 'CONF', roundId: post },
      factor: 'percent',
      meansOfVerification: { en: 'Post-training survey' },
    });
    expect(indicator.statusCode, indicator.body).toBe(201);
    const board = (await call(ministry, 'GET', `/api/dashboards/indicators?unitId=${world.nation.id}`)).json();
    const figure = (board as IndicatorDashboard).indicators.find((f) => f.indicator.code === 'SLIDES')!;
    expect(figure.current).toMatchObject({ numerator: 6, denominator: 6, suppressed: false });
    expect([await answerRows(post), await waiting(post)]).toEqual([13, 0]);
  });
});
