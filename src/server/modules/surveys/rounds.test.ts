import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import { addMonths } from '../practice/coaching.links.ts';
import type { DefinitionInput } from './surveys.definition.ts';
import { foldTallies } from './tally.ts';

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
          text: { en: 'How often do your students use ICT in your lessons?' },
          required: true,
          choices: [
            { value: 'never', label: { en: 'Never' } },
            { value: 'monthly', label: { en: 'Monthly' } },
            { value: 'weekly', label: { en: 'Weekly' } },
          ],
        },
        {
          key: 'how',
          type: 'long_text',
          text: { en: 'What did they do last time?' },
          showIf: { question: 'frequency', anyOf: ['monthly', 'weekly'] },
        },
        { key: 'years', type: 'number', text: { en: 'Years teaching' }, min: 0, max: 50 },
      ],
    },
  ],
};

describeOnEachDatabase('survey rounds: invitations, answers and results', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let surveyId: string;
  let anonymousRound: string;
  const teachers: Awaited<ReturnType<typeof make.user>>[] = [];
  const sessions: Session[] = [];
  const today = todayIso();

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    surveyId = await make.publishedSurvey(world.ctx, definition, { code: 'USE-1' });
    // District A1: six teachers at school A1-1 (four women), two at A1-2; one more without an account.
    for (let i = 0; i < 6; i++) {
      const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
      await getDb()
        .db.updateTable('person')
        .set({ sex: i < 4 ? 'female' : 'male' })
        .where('id', '=', teacher.person.id)
        .execute();
      teachers.push(teacher);
    }
    for (let i = 0; i < 2; i++) teachers.push(await make.user(world.ctx, 'teacher', world.schoolA1b));
    await make.person(world.ctx, world.schoolA1b);
    for (const t of teachers) sessions.push(await signIn(app, t.username, t.password));
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, ...(s ? { headers: s.headers } : {}), ...(payload ? { payload } : {}) });
  const code = (res: { json(): Json }) => res.json().error?.code;
  const round = (over: object = {}) => ({
    title: { en: 'ICT use, district A1' },
    unitId: world.districtA1.id,
    opensOn: today,
    closesOn: addMonths(today, 1),
    ...over,
  });

  it('sends a published questionnaire to the teachers of a unit, and refuses bad rounds with nothing written', async () => {
    const past = await call(ministry, 'POST', `/api/surveys/${surveyId}/rounds`, round({ opensOn: '2020-01-01' }));
    expect([past.statusCode, code(past)]).toEqual([422, 'round_dates_invalid']);
    const long = await call(
      ministry,
      'POST',
      `/api/surveys/${surveyId}/rounds`,
      round({ closesOn: addMonths(today, 7) }),
    );
    expect(code(long)).toBe('round_dates_invalid');
    const nobody = await call(
      ministry,
      'POST',
      `/api/surveys/${surveyId}/rounds`,
      round({ population: { categories: ['assessor'] } }),
    );
    expect([nobody.statusCode, code(nobody)]).toEqual([422, 'population_empty']);
    const teacher = await call(sessions[0]!, 'POST', `/api/surveys/${surveyId}/rounds`, round());
    expect(teacher.statusCode).toBe(404);
    expect((await call(ministry, 'GET', '/api/surveys/rounds')).json().items).toEqual([]);

    const created = await call(ministry, 'POST', `/api/surveys/${surveyId}/rounds`, round());
    expect(created.statusCode).toBe(201);
    anonymousRound = created.json().id;
    expect(created.json()).toMatchObject({ anonymous: true, invited: 9, responded: 0, status: 'open' });
    const mine = (await call(sessions[0]!, 'GET', '/api/me/surveys')).json().items;
    expect(mine).toEqual([expect.objectContaining({ roundId: anonymousRound, status: 'invited', anonymous: true })]);
    const inbox = (await call(sessions[0]!, 'GET', '/api/me/notifications')).json();
    expect(JSON.stringify(inbox)).toContain('A survey for you: ICT use, district A1');
  });

  it('checks every answer, keeps nothing of an anonymous draft, and takes one response per invitation', async () => {
    const url = `/api/surveys/rounds/${anonymousRound}/answer`;
    const form = (await call(sessions[0]!, 'GET', url)).json();
    expect(form).toMatchObject({ anonymous: true, open: true, status: 'invited', draft: {} });
    expect(code(await call(sessions[0]!, 'PUT', url, { answers: { frequency: 'weekly' } }))).toBe('draft_not_kept');
    const unknown = await call(sessions[0]!, 'POST', `${url}/submit`, { answers: { nope: 'x' } });
    expect([unknown.statusCode, code(unknown)]).toEqual([422, 'unknown_question']);
    const range = await call(sessions[0]!, 'POST', `${url}/submit`, { answers: { frequency: 'weekly', years: 90 } });
    expect([range.statusCode, code(range), range.json().error.details.field]).toEqual([
      422,
      'answer_invalid',
      'body.answers.years',
    ]);
    const missing = await call(sessions[0]!, 'POST', `${url}/submit`, { answers: { years: 3 } });
    expect(missing.json().error).toMatchObject({ code: 'answers_incomplete', details: { missing: ['frequency'] } });
    expect(await getDb().db.selectFrom('survey_response').selectAll().execute()).toEqual([]);

    const answers = (i: number) => ({
      frequency: i < 5 ? 'weekly' : 'never',
      how: i < 5 ? `Groups mapped the river, lesson ${i}` : 'This is not shown and is dropped',
      years: 2 + i,
    });
    for (const [i, s] of sessions.entries()) {
      const res = await call(s, 'POST', `${url}/submit`, { answers: answers(i) });
      expect(res.statusCode).toBe(200);
    }
    const again = await call(sessions[0]!, 'POST', `${url}/submit`, { answers: answers(0) });
    expect([again.statusCode, code(again)]).toEqual([409, 'response_submitted']);

    // The rows: no person, no invitation, no time beyond the day; the invitation only says "answered".
    const responses = await getDb().db.selectFrom('survey_response').selectAll().execute();
    expect(responses).toHaveLength(8);
    expect(responses.every((r) => r.person_id === null && r.submitted_on === today)).toBe(true);
    // Answers are rows of survey_answer once a reader has folded the round.
    await foldTallies(world.ctx, anonymousRound);
    const ids = new Set(teachers.map((t) => t.person.id));
    const rows = JSON.stringify([responses, await getDb().db.selectFrom('survey_answer').selectAll().execute()]);
    for (const id of ids) expect(rows).not.toContain(id);
    const invitationIds = (await getDb().db.selectFrom('survey_invitation').select('id').execute()).map((r) => r.id);
    for (const id of invitationIds) expect(rows).not.toContain(id);
    const answersOfHidden = await getDb()
      .db.selectFrom('survey_answer')
      .select('value_text')
      .where('question_key', '=', 'how')
      .execute();
    expect(answersOfHidden.map((a) => a.value_text)).toContain('Groups mapped the river, lesson 0');
    expect(answersOfHidden.map((a) => a.value_text)).not.toContain('This is not shown and is dropped');
  });

  it('reaches people without an account by link, once, and stops an old link when a new one is issued', async () => {
    const links = (await call(ministry, 'POST', `/api/surveys/rounds/${anonymousRound}/links`)).json().items;
    expect(links).toHaveLength(1);
    const token = links[0].link.split('/answer/')[1];
    const form = await call(null, 'GET', `/api/public/survey-answers/${token}`);
    expect(form.statusCode).toBe(200);
    expect(form.json().definition.sections[0].questions[0].key).toBe('frequency');
    const fresh = (await call(ministry, 'POST', `/api/surveys/rounds/${anonymousRound}/links`)).json().items;
    const old = await call(null, 'POST', `/api/public/survey-answers/${token}/submit`, {
      answers: { frequency: 'never' },
    });
    expect([old.statusCode, code(old)]).toEqual([404, 'invitation_not_found']);
    const newToken = fresh[0].link.split('/answer/')[1];
    const done = await call(null, 'POST', `/api/public/survey-answers/${newToken}/submit`, {
      answers: { frequency: 'monthly' },
    });
    expect(done.statusCode).toBe(200);
    const replay = await call(null, 'POST', `/api/public/survey-answers/${newToken}/submit`, {
      answers: { frequency: 'monthly' },
    });
    expect(code(replay)).toBe('response_submitted');
  });

  it('shows results with small groups hidden the same way from every side, texts only to managers', async () => {
    const results = (await call(ministry, 'GET', `/api/surveys/rounds/${anonymousRound}/results`)).json();
    expect(results).toMatchObject({ respondents: 9, suppressed: false });
    const frequency = results.questions.find((q: Json) => q.key === 'frequency');
    expect(frequency.counts).toEqual({ never: 3, monthly: 1, weekly: 5 });
    const how = results.questions.find((q: Json) => q.key === 'how');
    expect(how.texts).toHaveLength(5);
    const years = results.questions.find((q: Json) => q.key === 'years');
    expect(years.number).toEqual({ mean: 5.5, median: 5.5 });
    // School A1-2 has three respondents: hidden, and A1-1 with it (the district minus A1-1 is three).
    expect(results.children.map((c: Json) => c.respondents)).toEqual([null, null]);
    const school = (
      await call(ministry, 'GET', `/api/surveys/rounds/${anonymousRound}/results?unitId=${world.schoolA1.id}`)
    ).json();
    expect(school).toMatchObject({ respondents: null, suppressed: true, questions: [] });
    // By sex: four women, two men and three unknown in the district: the breakdown is withheld.
    const bySex = (await call(ministry, 'GET', `/api/surveys/rounds/${anonymousRound}/results?by=sex`)).json();
    expect(bySex.breakdown).toEqual({ by: 'sex', hidden: true, groups: [] });
    const byRole = (await call(ministry, 'GET', `/api/surveys/rounds/${anonymousRound}/results?by=role`)).json();
    expect(byRole.breakdown.groups.map((g: Json) => [g.key, g.respondents])).toEqual([['teacher', 9]]);

    const outsider = await make.user(world.ctx, 'district_officer', world.districtA2);
    const away = await signIn(app, outsider.username, outsider.password);
    expect((await call(away, 'GET', `/api/surveys/rounds/${anonymousRound}/results`)).statusCode).toBe(404);
    expect((await call(away, 'POST', `/api/surveys/rounds/${anonymousRound}/remind`)).statusCode).toBe(404);
  });

  it('keeps an identified draft as answers are given, resumes it, and reminds those who have not answered', async () => {
    const created = await call(
      ministry,
      'POST',
      `/api/surveys/${surveyId}/rounds`,
      round({ anonymous: false, unitId: world.schoolA1.id, title: { en: 'Named round' } }),
    );
    const id = created.json().id;
    const url = `/api/surveys/rounds/${id}/answer`;
    const saved = await call(sessions[0]!, 'PUT', url, { answers: { frequency: 'weekly' } });
    expect(saved.json()).toEqual({ status: 'started', saved: 1 });
    await call(sessions[0]!, 'PUT', url, { answers: { years: 4 } });
    const resumed = (await call(sessions[0]!, 'GET', url)).json();
    expect(resumed).toMatchObject({ status: 'started', draft: { frequency: 'weekly', years: 4 } });
    expect(
      (await call(sessions[0]!, 'POST', `${url}/submit`, { answers: { how: 'Pairs wrote a blog' } })).statusCode,
    ).toBe(200);
    const response = await getDb().db.selectFrom('survey_response').selectAll().where('round_id', '=', id).execute();
    expect(response.map((r) => r.person_id)).toEqual([teachers[0]!.person.id]);

    const reminded = (await call(ministry, 'POST', `/api/surveys/rounds/${id}/remind`)).json();
    expect(reminded).toEqual({ reminded: 5, withoutAccount: 0 });
    const inbox = JSON.stringify((await call(sessions[1]!, 'GET', '/api/me/notifications')).json());
    expect(inbox).toContain('Reminder: Named round');
    const closed = await call(ministry, 'POST', `/api/surveys/rounds/${id}/close`);
    expect(closed.json().status).toBe('closed');
    const late = await call(sessions[1]!, 'POST', `${url}/submit`, { answers: { frequency: 'never' } });
    expect([late.statusCode, code(late)]).toEqual([409, 'round_closed']);
  });
});
