import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import { addMonths } from '../practice/coaching.links.ts';
import * as training from '../training/training.ts';
import type { DefinitionInput } from './surveys.definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const AGREE = ['disagree_strongly', 'disagree', 'neutral', 'agree', 'agree_strongly'].map((value) => ({
  value,
  label: { en: value },
}));
const reaction: DefinitionInput = {
  sections: [
    {
      key: 'reaction',
      title: { en: 'The training' },
      questions: [
        { key: 'relevance', type: 'likert', text: { en: 'Relevant to my class' }, required: true, choices: AGREE },
        {
          key: 'quality',
          type: 'matrix',
          text: { en: 'Quality' },
          choices: AGREE,
          rows: [
            { value: 'materials', label: { en: 'Materials' } },
            { value: 'pace', label: { en: 'Pace' } },
          ],
        },
      ],
    },
  ],
};
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
      ],
    },
  ],
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('the evaluation of an offering: reaction, learning, behaviour', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let trainerSession: Session;
  let offeringId: string;
  let endDate: string;
  const sessions: Session[] = [];
  const surveys: Record<string, string> = {};

  const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({ method, url, ...(s ? { headers: s.headers } : {}), ...(payload ? { payload } : {}) });
  const evaluation = async (s: Session) => {
    const res = await call(s, 'GET', `/api/offerings/${offeringId}/evaluation`);
    return { status: res.statusCode, body: res.json() as Json };
  };
  const send = async (survey: string, kind: string, extra: Json = {}) => {
    const res = await call(ministry, 'POST', `/api/surveys/${surveys[survey]}/rounds`, {
      title: { en: `${kind} of the offering` },
      unitId: world.districtA1.id,
      population: { categories: ['teacher'], offeringId },
      anonymous: kind === 'reaction',
      kind,
      opensOn: todayIso(),
      closesOn: day(14),
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Json;
  };
  const answer = async (s: Session, roundId: string, answers: Json) => {
    const res = await call(s, 'POST', `/api/surveys/rounds/${roundId}/answer/submit`, { answers });
    return res;
  };

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    for (const [code, purpose, definition] of [
      ['REACT', 'reaction', reaction],
      ['CONF', 'pre_post', confidence],
    ] as const) {
      surveys[code] = await make.publishedSurvey(world.ctx, definition, { code, purpose });
    }
    const standard = await make.publishedStandard(world.ctx);
    const module = await make.trainingModule(world.ctx, standard, { followThroughMonths: [1] });
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const trainer = await make.user(world.ctx, 'trainer', tei);
    trainerSession = await signIn(app, trainer.username, trainer.password);
    endDate = day(-40);
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.person.id],
      startDate: day(-44),
      endDate,
      enrolOpens: day(-80),
      enrolCloses: day(-50),
    });
    offeringId = offering.id;
    // Seven teachers of district A1 took part; six completed it.
    const teachers = [];
    for (let i = 0; i < 7; i++)
      teachers.push(await make.user(world.ctx, 'teacher', i < 5 ? world.schoolA1 : world.schoolA1b));
    await training.nominate(
      world.ctx,
      offeringId,
      teachers.map((t) => t.person.id),
    );
    await training.recordResults(world.ctx, offeringId, {
      results: teachers.map((t, i) => ({
        personId: t.person.id,
        result: i < 6 ? ('completed' as const) : ('not_completed' as const),
        score: 70,
        completedOn: endDate,
      })),
    });
    for (const t of teachers) sessions.push(await signIn(app, t.username, t.password));
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  it('is read by the trainer and the managers, and sent where everyone enrolled is, by those who manage surveys there', async () => {
    const byTrainer = await evaluation(trainerSession);
    expect(byTrainer.status).toBe(200);
    expect(byTrainer.body).toMatchObject({
      completers: 6,
      enrolled: 7,
      unitId: world.districtA1.id,
      canSend: false,
      followUp: { opensOn: addMonths(endDate, 3), closesOn: addMonths(endDate, 6) },
      reaction: [],
    });
    expect((await evaluation(ministry)).body.canSend).toBe(true);
    const teacher = await evaluation(sessions[0]!);
    expect([teacher.status, teacher.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('shows the reaction at the end once five have answered: the share at the top two points of each scale', async () => {
    const round = await send('REACT', 'reaction');
    expect(round.invited).toBe(6);
    const notCompleted = await answer(sessions[6]!, round.id, { relevance: 'agree' });
    expect(notCompleted.statusCode).toBe(404);
    const given = ['agree_strongly', 'agree', 'agree', 'neutral'];
    for (const [i, relevance] of given.entries())
      expect((await answer(sessions[i]!, round.id, { relevance, quality: { materials: 'agree' } })).statusCode).toBe(
        200,
      );
    const four = await evaluation(trainerSession);
    expect(four.body.reaction).toMatchObject([
      { id: round.id, kind: 'reaction', invited: 6, respondents: null, scale: [] },
    ]);

    await answer(sessions[4]!, round.id, { relevance: 'disagree', quality: { materials: 'neutral', pace: 'agree' } });
    const five = (await evaluation(trainerSession)).body.reaction[0];
    expect(five.respondents).toBe(5);
    expect(five.scale.map((s: Json) => [s.key, s.row, s.answered, s.topTwo])).toEqual([
      ['relevance', null, 5, 3 / 5],
      ['quality', 'materials', 5, 4 / 5],
      ['quality', 'pace', 1, 1],
    ]);
    expect([five.scale[1].question.text, five.scale[1].text.text]).toEqual(['Quality', 'Materials']);
  });

  it('pairs the pre and post rounds by person and shows the change, only with five pairs', async () => {
    const pre = await send('CONF', 'pre');
    // A pre round is sent to everyone enrolled, completed or not.
    expect(pre.invited).toBe(7);
    const post = await send('CONF', 'post');
    expect(post.invited).toBe(6);
    for (let i = 0; i < 6; i++) await answer(sessions[i]!, pre.id, { confident: i < 3 ? 'p1' : 'p2' });
    for (let i = 0; i < 4; i++) await answer(sessions[i]!, post.id, { confident: 'p3' });
    const few = (await evaluation(ministry)).body.learning;
    expect(few.rounds.map((r: Json) => r.kind)).toEqual(['pre', 'post']);
    expect(few.paired).toEqual({ beforeRoundId: pre.id, afterRoundId: post.id, pairs: null, items: [] });

    await answer(sessions[4]!, post.id, { confident: 'p4' });
    const paired = (await evaluation(ministry)).body.learning.paired;
    // Pairs: three from 1 to 3, one from 2 to 3, one from 2 to 4: before 1.4, after 3.2.
    expect(paired.pairs).toBe(5);
    expect(paired.items).toEqual([
      {
        key: 'confident',
        row: null,
        question: expect.objectContaining({ text: 'I can plan a lesson where students use ICT' }),
        text: expect.objectContaining({ text: 'I can plan a lesson where students use ICT' }),
        pairs: 5,
        before: 1.4,
        after: 3.2,
        change: 1.8,
      },
    ]);
  });

  it('gives the follow-up its window after the training and the follow-through visits beside it', async () => {
    const early = await call(ministry, 'POST', `/api/surveys/${surveys.REACT}/rounds`, {
      title: { en: 'Follow-up' },
      unitId: world.districtA1.id,
      population: { categories: ['teacher'], offeringId },
      kind: 'follow_up',
      opensOn: addMonths(endDate, 3),
      closesOn: addMonths(endDate, 6),
    });
    expect(early.statusCode).toBe(201);
    const followUp = early.json() as Json;
    expect(followUp.status).toBe('upcoming');
    const tooSoon = await answer(sessions[0]!, followUp.id, { relevance: 'agree' });
    expect([tooSoon.statusCode, tooSoon.json().error.code]).toEqual([409, 'round_closed']);

    const behaviour = (await evaluation(trainerSession)).body.behaviour;
    expect(behaviour.rounds).toMatchObject([{ id: followUp.id, status: 'upcoming', invited: 6 }]);
    // One visit a month after the training per completer, all overdue by now, none done: nothing found yet.
    expect(behaviour.visits).toEqual({ due: 6, overdue: 6, done: 0, cancelled: 0, applied: null });
  });
});
