import Fastify from 'fastify';
import type { Insertable } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import type { SurveyAnswerTable, SurveyResponseTable } from '../../server/db/schema.ts';
import { buildApp } from '../../server/http/app.ts';
import { OTHER_PLACE, placeKey } from '../../server/modules/monitoring/places.ts';
import { addMonths } from '../../server/modules/practice/coaching.links.ts';
import * as questionnaires from '../../server/modules/surveys/questionnaires.service.ts';
import { answerRows, isBlank } from '../../server/modules/surveys/responses.service.ts';
import { roundResults } from '../../server/modules/surveys/results.service.ts';
import * as rounds from '../../server/modules/surveys/rounds.service.ts';
import { type Answers, isShown, type Question, questionsOf } from '../../server/modules/surveys/surveys.definition.ts';
import { addTallies, TallySum } from '../../server/modules/surveys/tally.ts';
import { rowsPerStatement, writeInBatches } from '../../server/shared/batches.ts';
import type { Ctx } from '../../server/shared/context.ts';
import { newId, todayIso } from '../../server/shared/ids.ts';
import { systemCtx } from '../context.ts';
import { seedDemo } from '../demo.ts';
import { tokensFor } from './assessment.ts';
import { p95, report, timeIt } from './measure.ts';
import { rawDriver } from './raw.ts';

/** Responses loaded into the national round whose results are read (issue 16). */
const RESPONSES = 100_000;
/** Answers submitted over HTTP, and requests to the bare route beside them. */
const SUBMISSIONS = 1000;
const CONCURRENCY = 8;
const RUNS = 5;

const TEXTS = [
  'Students made a short video about the water cycle and presented it to the class.',
  'We used a shared spreadsheet to record and chart the temperature for two weeks.',
  'Pupils searched for sources on the history of our town and checked who wrote them.',
  'A quiz on tablets at the end of the lesson showed me who had understood fractions.',
  'More time with the computers and someone to help when they break.',
  'Training at our school, with colleagues, on the lessons we teach this term.',
];

/** A small deterministic generator: the same answers on every run and dialect. */
function randomOf(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
}

/** One teacher's answers: every shown question answered the way a survey of teachers is (skewed, some left blank). */
function answersFor(questions: Question[], random: () => number): Answers {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() ** 1.4 * list.length)]!;
  const answers: Answers = {};
  for (const q of questions) {
    if (!isShown(q, answers)) continue;
    if (!q.required && random() < 0.25) continue;
    const values = q.choices.map((c) => c.value);
    switch (q.type) {
      case 'single':
      case 'likert':
        answers[q.key] = pick(values);
        break;
      case 'multiple': {
        const chosen = values.filter(() => random() < 0.35);
        answers[q.key] = chosen.length ? chosen : [pick(values)];
        break;
      }
      case 'matrix':
        answers[q.key] = Object.fromEntries(q.rows.map((r) => [r.value, pick(values)]));
        break;
      case 'number': {
        const min = q.min ?? 0;
        answers[q.key] = min + Math.floor(random() * Math.min(60, (q.max ?? min + 60) - min));
        break;
      }
      case 'date':
        answers[q.key] = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-15`;
        break;
      default:
        if (q.required || random() < 0.4) answers[q.key] = pick(TEXTS);
    }
  }
  return answers;
}

/** Sends `count` requests over loopback HTTP with keep-alive, `CONCURRENCY` at a time; answers requests/s. */
async function throughput(count: number, send: (i: number) => Promise<Response>): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const res = await send(next++);
      if (!res.ok) throw new Error(`benchmark request failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  const { ms } = await timeIt(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
  return (count / ms) * 1000;
}

/**
 * A national round of the training-effectiveness questionnaire sent to every teacher, with
 * RESPONSES responses placed as the teachers are (over regions, districts and schools), written
 * in bulk as submissions write them: the results read at the top, whole and by type of school,
 * and answers submitted over HTTP.
 */
export async function surveysBench(database: Database, location: string, teachers: number) {
  const name = database.dialect;
  await seedDemo(database, { teachers });
  const ctx = await systemCtx(database, 'demo');
  const draft = await questionnaires.createFromTemplate(ctx, 'national_training_effectiveness', 'BENCH-NTE');
  const survey = await questionnaires.publishSurvey(ctx, draft.id);
  const top = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .orderBy('path')
    .executeTakeFirstOrThrow();
  const today = todayIso();
  const round = await rounds.createRound(ctx, survey.id, {
    title: { en: 'ICT in teaching and the training behind it' },
    unitId: top.id,
    population: { categories: ['teacher'] },
    anonymous: true,
    kind: 'general',
    opensOn: today,
    closesOn: addMonths(today, 1),
  });
  const questions = questionsOf(survey.definition as Parameters<typeof questionsOf>[0]);

  const placed = await ctx.db
    .selectFrom('person as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['p.org_unit_id', 'p.org_path', 'p.sex', 'p.category', 'u.type', 'u.locality'])
    .where('p.tenant_id', '=', ctx.tenantId)
    .where('p.category', '=', 'teacher')
    .orderBy('p.id')
    .execute();
  const random = randomOf(16);
  const loaded = await timeIt(async () => {
    for (let start = 0; start < RESPONSES; start += 5000) {
      const responses: Insertable<SurveyResponseTable>[] = [];
      const answers: SurveyAnswerTable[] = [];
      const tallies = new TallySum();
      for (let i = start; i < Math.min(RESPONSES, start + 5000); i++) {
        const who = placed[i % placed.length]!;
        const id = newId();
        responses.push({
          tenant_id: ctx.tenantId,
          id,
          round_id: round.id,
          person_id: null,
          unit_id: who.org_unit_id,
          unit_path: who.org_path,
          sex: who.sex ?? 'unknown',
          role: who.category,
          school_type: who.type,
          place: placeKey(who) ?? OTHER_PLACE,
          source: 'web',
          submitted_on: today,
          // Their tallies are written with them below, as a paper import writes them.
          tallied: 1,
        });
        const given = answersFor(questions, random);
        const mine: SurveyAnswerTable[] = [];
        for (const q of questions)
          if (isShown(q, given) && !isBlank(given[q.key]))
            for (const r of answerRows(q, given[q.key]!))
              mine.push({ tenant_id: ctx.tenantId, response_id: id, round_id: round.id, question_key: q.key, ...r });
        answers.push(...mine);
        tallies.add(responses.at(-1)!, mine);
      }
      await ctx.db.transaction().execute(async (trx) => {
        await writeInBatches(responses, rowsPerStatement(11), (b) =>
          trx.insertInto('survey_response').values(b).execute(),
        );
        await writeInBatches(answers, rowsPerStatement(7), (b) => trx.insertInto('survey_answer').values(b).execute());
        await addTallies(trx, tallies);
      });
    }
  });
  const answerCount = await ctx.db
    .selectFrom('survey_answer')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('round_id', '=', round.id)
    .executeTakeFirstOrThrow();
  report(`${name}.surveys_responses_loaded`, RESPONSES, `responses(${Number(answerCount.n)}_answer_rows)`);
  report(`${name}.surveys_load_time`, loaded.ms / 1000, 's');

  // A reader of the national results who does not manage surveys: counts and numbers, no texts.
  const reader: Ctx = {
    ...ctx,
    actor: {
      accountId: null,
      personId: null,
      username: 'bench-reader',
      system: false,
      grants: [{ role: 'school_leader', orgUnitId: top.id, orgUnitPath: top.path }],
    },
  };
  const raw = await rawDriver(database, location);
  const param = (n: number) => (database.dialect === 'postgres' ? `$${n}` : '?');
  try {
    const results = await p95(RUNS, () => roundResults(reader, round.id, {}));
    const withTexts = await p95(RUNS, () => roundResults(ctx, round.id, {}));
    const rawResults = await p95(RUNS, () =>
      raw.run(
        `select question_key, item, value_text, count(*) from survey_answer
         where tenant_id = ${param(1)} and round_id = ${param(2)} group by question_key, item, value_text`,
        [ctx.tenantId, round.id],
      ),
    );
    const bySchoolType = await p95(RUNS, () => roundResults(reader, round.id, { by: 'school_type' }));
    const rawBySchoolType = await p95(RUNS, () =>
      raw.run(
        `select r.school_type, a.question_key, a.item, a.value_text, count(*) from survey_answer a
         join survey_response r on r.tenant_id = a.tenant_id and r.id = a.response_id
         where a.tenant_id = ${param(1)} and a.round_id = ${param(2)}
         group by r.school_type, a.question_key, a.item, a.value_text`,
        [ctx.tenantId, round.id],
      ),
    );
    report(`${name}.surveys_results_p95`, results, `ms(national,${RESPONSES}_responses)`);
    report(`${name}.surveys_results_raw_p95`, rawResults, 'ms');
    report(`${name}.surveys_results_with_texts_p95`, withTexts, 'ms');
    report(`${name}.surveys_results_by_school_type_p95`, bySchoolType, 'ms');
    report(`${name}.surveys_results_by_school_type_raw_p95`, rawBySchoolType, 'ms');
    report(`${name}.surveys_results.goal`, 100, 'ms');
  } finally {
    await raw.close();
  }

  // Teachers invited to the round answer it signed in, each the whole questionnaire at once.
  const submitters = await ctx.db
    .selectFrom('survey_invitation as i')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .select(['p.id', 'p.org_unit_id'])
    .where('i.tenant_id', '=', ctx.tenantId)
    .where('i.round_id', '=', round.id)
    .orderBy('p.id')
    .limit(SUBMISSIONS)
    .execute();
  const tokens = await tokensFor(ctx, submitters);
  const bodies = submitters.map(() => JSON.stringify({ answers: answersFor(questions, random) }));
  const app = await buildApp({
    config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' },
    database,
  });
  const bare = Fastify({ logger: false });
  let rate = 0;
  bare.post('/bare', async () => ({ status: 'submitted', saved: 0 }));
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const headers = (i: number) => ({ authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' });
    rate = await throughput(submitters.length, (i) =>
      fetch(`${appUrl}/api/surveys/rounds/${round.id}/answer/submit`, {
        method: 'POST',
        headers: headers(i),
        body: bodies[i],
      }),
    );
    const bareRate = await throughput(submitters.length, (i) =>
      fetch(`${bareUrl}/bare`, { method: 'POST', headers: headers(i), body: bodies[i] }),
    );
    report(`${name}.surveys_answer_rate`, rate, `submissions/s(${questions.length}_questions)`);
    report(`${name}.surveys_answer_bare_rate`, bareRate, 'requests/s');
    report(`${name}.surveys_answer.ratio`, rate / bareRate, 'ratio');
    report(`${name}.surveys_answer.goal`, 500, 'submissions/s');
  } finally {
    await app.close();
    await bare.close();
  }
  // The first read after the submissions folds them into the tallies (`foldTallies`); the next reads need not.
  const folding = await timeIt(() => roundResults(reader, round.id, {}));
  report(`${name}.surveys_results_first_after_submissions`, folding.ms, `ms(folds_${submitters.length}_responses)`);
  // What a submission costs in all, its fold included (the server folds a few seconds after it).
  const sustained = submitters.length / (submitters.length / rate + folding.ms / 1000);
  report(`${name}.surveys_answer_rate_with_fold`, sustained, 'submissions/s');
  const folded = await p95(RUNS, () => roundResults(reader, round.id, {}));
  report(`${name}.surveys_results_after_submissions_p95`, folded, 'ms');
}
