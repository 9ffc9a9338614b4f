import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import type { DefinitionInput } from './surveys.definition.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

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
          choices: ['never', 'monthly', 'weekly'].map((value) => ({ value, label: { en: value } })),
        },
        { key: 'years', type: 'number', text: { en: 'Years teaching' }, min: 0, max: 50 },
      ],
    },
  ],
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('comparing two rounds of a questionnaire', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  const sessions: Session[] = [];
  const survey = { USE: '', OTHER: '' };

  const call = async (s: Session, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json };
  };
  /** A round of the questionnaire to district A1, answered by each teacher as given, opened `daysAgo`. */
  async function answeredRound(code: keyof typeof survey, anonymous: boolean, given: string[], daysAgo: number) {
    const round = await call(ministry, 'POST', `/api/surveys/${survey[code]}/rounds`, {
      title: { en: `${code} ${daysAgo}` },
      unitId: world.districtA1.id,
      anonymous,
      opensOn: todayIso(),
      closesOn: day(10),
    });
    expect(round.status).toBe(201);
    for (const [i, frequency] of given.entries()) {
      const sent = await call(sessions[i]!, 'POST', `/api/surveys/rounds/${round.body.id}/answer/submit`, {
        answers: { frequency, years: 10 + i },
      });
      expect(sent.status).toBe(200);
    }
    await getDb()
      .db.updateTable('survey_round')
      .set({ opens_on: day(-daysAgo) })
      .where('id', '=', round.body.id)
      .execute();
    return round.body.id as string;
  }

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    for (const code of ['USE', 'OTHER'] as const) {
      survey[code] = await make.publishedSurvey(world.ctx, definition, { code });
    }
    // Six teachers at school A1-1, two at A1-2.
    for (let i = 0; i < 8; i++) {
      const teacher = await make.user(world.ctx, 'teacher', i < 6 ? world.schoolA1 : world.schoolA1b);
      sessions.push(await signIn(app, teacher.username, teacher.password));
    }
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  it('sets each choice of last year beside this year with the change in points, hidden alike where small', async () => {
    const lastYear = await answeredRound(
      'USE',
      true,
      ['weekly', 'weekly', 'never', 'never', 'monthly', 'never', 'weekly', 'never'],
      365,
    );
    const thisYear = await answeredRound(
      'USE',
      true,
      ['weekly', 'weekly', 'weekly', 'weekly', 'monthly', 'weekly', 'never', 'never'],
      0,
    );
    // Asked from either round, the earlier comes first.
    const res = await call(ministry, 'GET', `/api/surveys/rounds/${thisYear}/compare?with=${lastYear}`);
    expect(res.status).toBe(200);
    expect([res.body.before.id, res.body.after.id]).toEqual([lastYear, thisYear]);
    expect([res.body.before.respondents, res.body.after.respondents]).toEqual([8, 8]);
    const frequency = res.body.questions.find((q: Json) => q.key === 'frequency');
    expect(frequency.items.map((i: Json) => [i.value, i.before, i.after, i.change])).toEqual([
      ['never', 4 / 8, 2 / 8, -25],
      ['monthly', 1 / 8, 1 / 8, 0],
      ['weekly', 3 / 8, 5 / 8, 25],
    ]);
    expect(res.body.questions.find((q: Json) => q.key === 'years').mean).toEqual({ before: 13.5, after: 13.5 });
    // Anonymous rounds are not paired.
    expect(res.body.paired).toBeNull();

    // School A1-2 has two respondents in each: nothing of it is shown.
    const small = await call(
      ministry,
      'GET',
      `/api/surveys/rounds/${thisYear}/compare?with=${lastYear}&unitId=${world.schoolA1b.id}`,
    );
    expect([small.body.before.respondents, small.body.after.respondents]).toEqual([null, null]);
    expect(small.body.questions[0].items.every((i: Json) => i.before === null && i.change === null)).toBe(true);
    // Nor can it be worked out from school A1-1, its sibling: that is hidden too, as in the results.
    const sibling = await call(
      ministry,
      'GET',
      `/api/surveys/rounds/${thisYear}/compare?with=${lastYear}&unitId=${world.schoolA1.id}`,
    );
    expect(sibling.body.after.respondents).toBeNull();
  });

  it('pairs two identified rounds person by person', async () => {
    const before = await answeredRound('USE', false, ['never', 'never', 'monthly', 'never', 'monthly', 'never'], 120);
    const after = await answeredRound('USE', false, ['weekly', 'monthly', 'weekly', 'monthly', 'weekly', 'never'], 0);
    const res = await call(ministry, 'GET', `/api/surveys/rounds/${before}/compare?with=${after}`);
    expect(res.body.paired.pairs).toBe(6);
    // Points: before 1,1,2,1,2,1 (mean 1.33), after 3,2,3,2,3,1 (mean 2.33).
    expect(res.body.paired.items.find((i: Json) => i.key === 'frequency')).toMatchObject({
      pairs: 6,
      before: 1.33,
      after: 2.33,
      change: 1,
    });
  });

  it('refuses rounds of different questionnaires, a unit outside them, and readers without rights', async () => {
    const use = await answeredRound('USE', true, [], 30);
    const other = await answeredRound('OTHER', true, [], 0);
    const mixed = await call(ministry, 'GET', `/api/surveys/rounds/${use}/compare?with=${other}`);
    expect([mixed.status, mixed.body.error.code]).toEqual([422, 'rounds_not_comparable']);
    const outside = await call(
      ministry,
      'GET',
      `/api/surveys/rounds/${use}/compare?with=${use}&unitId=${world.districtB1.id}`,
    );
    expect([outside.status, outside.body.error.code]).toEqual([422, 'rounds_not_comparable']);
    const teacher = await call(sessions[0]!, 'GET', `/api/surveys/rounds/${use}/compare?with=${use}`);
    expect([teacher.status, teacher.body.error.code]).toEqual([404, 'survey_round_not_found']);
  });
});
