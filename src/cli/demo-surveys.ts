import { addMonths } from '../server/modules/practice/coaching.links.ts';
import { offeringEvaluation } from '../server/modules/surveys/evaluation.service.ts';
import * as questionnaires from '../server/modules/surveys/questionnaires.service.ts';
import * as responses from '../server/modules/surveys/responses.service.ts';
import * as rounds from '../server/modules/surveys/rounds.service.ts';
import { type Answers, isShown, type Question, questionsOf } from '../server/modules/surveys/surveys.definition.ts';
import type { Ctx } from '../server/shared/context.ts';
import { todayIso } from '../server/shared/ids.ts';
import { refreshStatistics } from './context.ts';
import { draws, REGION_PACE } from './demo-country.ts';

/** What teachers write in the open questions, in the languages they write in. */
const REMARKS = [
  'Pupils made a short video about the water in our village and showed it to the parents.',
  'We need more time with the tablets; one trolley for the whole school is not enough.',
  'Ученики работали в парах и собирали данные о погоде на планшетах.',
  'O‘quvchilar guruhlarda taqdimot tayyorlab, bir-biriga baho berishdi.',
  'विद्यार्थीहरूले समूहमा गाउँको नक्सा बनाए र कक्षामा प्रस्तुत गरे।',
  'Gumawa ang mga mag-aaral ng maikling podcast tungkol sa kanilang komunidad.',
];

/** One teacher's answers, drawn the way a country answers: ahead where the reform is further along. */
function answersFor(questionList: Question[], draw: () => number, pace: number): Answers {
  const answers: Answers = {};
  // Later choices of a scale are the more frequent or more favourable: the pace leans towards them.
  const lean = (n: number) => Math.min(n - 1, Math.floor((draw() * 0.7 + pace * 0.5) * n));
  for (const q of questionList) {
    if (!isShown(q, answers)) continue;
    if (!q.required && draw() < 0.15) continue;
    switch (q.type) {
      case 'single':
      case 'likert':
        answers[q.key] =
          q.choices[q.type === 'likert' ? lean(q.choices.length) : Math.floor(draw() * q.choices.length)]!.value;
        break;
      case 'multiple':
        answers[q.key] = q.choices.filter(() => draw() < 0.35).map((c) => c.value);
        if ((answers[q.key] as string[]).length === 0) answers[q.key] = [q.choices[0]!.value];
        break;
      case 'matrix':
        answers[q.key] = Object.fromEntries(q.rows.map((r) => [r.value, q.choices[lean(q.choices.length)]!.value]));
        break;
      case 'number': {
        const min = q.min ?? 0;
        const max = Math.min(q.max ?? 40, min + 40);
        answers[q.key] = Math.round(min + draw() * (max - min));
        break;
      }
      case 'date':
        answers[q.key] = addMonths(todayIso(), -1 - Math.floor(draw() * 10));
        break;
      default:
        answers[q.key] = REMARKS[Math.floor(draw() * REMARKS.length)]!;
    }
  }
  return answers;
}

/**
 * The questionnaires a ministry runs (the national survey of training effectiveness, the reaction
 * and follow-up surveys of training, the pre/post self-rating), published; and this year's round of
 * the national survey, sent to every teacher of the country this month, answered by about two in
 * three, more where the reform is further along.
 */
export async function seedSurveys(ctx: Ctx, nationId: string) {
  const published: Record<string, string> = {};
  for (const key of [
    'national_training_effectiveness',
    'training_reaction',
    'training_follow_up',
    'pre_post_self_rating',
  ] as const) {
    const draft = await questionnaires.createFromTemplate(ctx, key);
    published[key] = (await questionnaires.publishSurvey(ctx, draft.id)).id;
  }
  await offeringRounds(ctx, published.training_reaction!, 'reaction', 1, 60);
  await offeringRounds(ctx, published.training_follow_up!, 'follow_up', 3, 6 * 30);
  // Last year's round first (fewer teachers then used ICT with their students), then this year's.
  await nationalRound(ctx, published.national_training_effectiveness!, nationId, -12, 0.6);
  return nationalRound(ctx, published.national_training_effectiveness!, nationId, 0, 1);
}

/** Teachers answer as this person would: as themselves, with no account needed for the demo. */
async function answerAs(ctx: Ctx, roundId: string, personId: string, draw: () => number, pace: number) {
  const asTeacher: Ctx = { ...ctx, actor: { ...ctx.actor, system: false, personId, accountId: null } };
  const answering = await responses.asInvited(asTeacher, roundId);
  await responses.submit(answering, answersFor(questionsOf(answering.definition), draw, pace));
}

/**
 * The reaction (or follow-up) round of up to six offerings that ended between `fromDaysAgo` and
 * `toDaysAgo` days ago with at least five completers, sent where its completers are and answered
 * by about four in five, so that each offering's evaluation reads as a trainer would find it.
 */
async function offeringRounds(
  ctx: Ctx,
  surveyId: string,
  kind: 'reaction' | 'follow_up',
  fromDaysAgo: number,
  toDaysAgo: number,
) {
  const today = todayIso();
  const dayAgo = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
  const ended = await ctx.db
    .selectFrom('training_offering as o')
    .innerJoin('training_enrolment as e', (j) =>
      j.onRef('e.tenant_id', '=', 'o.tenant_id').onRef('e.offering_id', '=', 'o.id'),
    )
    .select(['o.id', 'o.end_date'])
    .where('o.tenant_id', '=', ctx.tenantId)
    .where('o.end_date', '<=', dayAgo(fromDaysAgo))
    .where('o.end_date', '>=', dayAgo(toDaysAgo))
    .where('e.result', '=', 'completed')
    .groupBy(['o.id', 'o.end_date'])
    .having((eb) => eb.fn.countAll(), '>=', 5)
    .orderBy('o.end_date', 'desc')
    .limit(6)
    .execute();
  for (const [n, offering] of ended.entries()) {
    const { unitId } = await offeringEvaluation(ctx, offering.id);
    if (!unitId) continue;
    const title = await ctx.db
      .selectFrom('training_offering as o')
      .leftJoin('training_module as m', (j) =>
        j.onRef('m.tenant_id', '=', 'o.tenant_id').onRef('m.id', '=', 'o.module_id'),
      )
      .leftJoin('training_programme as p', (j) =>
        j.onRef('p.tenant_id', '=', 'o.tenant_id').onRef('p.id', '=', 'o.programme_id'),
      )
      .select(['m.title as module', 'p.title as programme'])
      .where('o.tenant_id', '=', ctx.tenantId)
      .where('o.id', '=', offering.id)
      .executeTakeFirstOrThrow();
    const named: Record<string, string> = JSON.parse(title.module ?? title.programme ?? '{}');
    const words = ROUND_WORDS[kind];
    const round = await rounds.createRound(ctx, surveyId, {
      title: Object.fromEntries(
        Object.entries(words).map(([locale, word]) => [locale, `${word}: ${named[locale] ?? named.en ?? ''}`]),
      ),
      unitId,
      population: { categories: ['teacher'], offeringId: offering.id },
      anonymous: true,
      kind,
      opensOn: today,
      closesOn: addMonths(today, 1),
    });
    const invited = await ctx.db
      .selectFrom('survey_invitation')
      .select('person_id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('round_id', '=', round.id)
      .orderBy('person_id')
      .execute();
    for (const [i, { person_id }] of invited.entries()) {
      const draw = draws(n * 1009 + i + (kind === 'reaction' ? 17 : 29));
      if (draw() > 0.8) continue;
      await answerAs(ctx, round.id, person_id, draw, 0.75);
    }
  }
}

const ROUND_WORDS = {
  reaction: { en: 'Reaction', ru: 'Впечатления', uz: 'Munosabat', ne: 'प्रतिक्रिया', fil: 'Reaksiyon' },
  follow_up: {
    en: 'Follow-up',
    ru: 'Через месяцы после обучения',
    uz: 'Keyingi so‘rov',
    ne: 'अनुगमन',
    fil: 'Follow-up',
  },
};

/** Teachers of a national round who may answer it: all of them at demo sizes, a bounded sample of a benchmark's. */
const ANSWERING = 20_000;

/**
 * A round of the national survey to every teacher, answered by about two in three (more where the
 * reform is further along, the answers leaning by the region's pace times `paceFactor`). A round of
 * an earlier year (`monthsAgo` < 0) is written today and then dated back and closed, as it stood.
 */
async function nationalRound(ctx: Ctx, surveyId: string, nationId: string, monthsAgo: number, paceFactor: number) {
  const today = todayIso();
  const opensOn = addMonths(today, monthsAgo);
  const year = opensOn.slice(0, 4);
  const round = await rounds.createRound(ctx, surveyId, {
    title: {
      en: `National survey of training effectiveness ${year}`,
      ru: `Национальный опрос об эффективности обучения ${year}`,
      uz: `O‘qitish samaradorligi bo‘yicha milliy so‘rovnoma ${year}`,
      ne: `तालिम प्रभावकारिता राष्ट्रिय सर्वेक्षण ${year}`,
      fil: `Pambansang sarbey sa bisa ng pagsasanay ${year}`,
    },
    unitId: nationId,
    population: { categories: ['teacher'] },
    anonymous: true,
    kind: 'general',
    opensOn: today,
    closesOn: addMonths(today, 1),
  });
  const invited = await ctx.db
    .selectFrom('survey_invitation as i')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['i.person_id', 'p.org_path'])
    .where('i.tenant_id', '=', ctx.tenantId)
    .where('i.round_id', '=', round.id)
    .orderBy('i.person_id')
    .execute();
  const regionOrder = [...new Set(invited.map((i) => i.org_path.split('/').slice(0, 3).join('/')))].sort();
  let answered = 0;
  // A benchmark's million teachers are all invited; ANSWERING of them, evenly spread, are asked.
  const stride = Math.max(1, Math.ceil(invited.length / ANSWERING));
  for (const [n, { person_id, org_path }] of invited.entries()) {
    if (n % stride !== 0) continue;
    const draw = draws(n + 7919 + monthsAgo * 31);
    const region = regionOrder.indexOf(org_path.split('/').slice(0, 3).join('/'));
    const pace = REGION_PACE[region % REGION_PACE.length]! * paceFactor;
    if (draw() > 0.45 + pace * 0.35) continue;
    await answerAs(ctx, round.id, person_id, draw, pace);
    answered++;
    // Plans made while the responses' tables were empty would read them whole for every answer.
    if (answered === 300) await refreshStatistics(ctx);
  }
  if (monthsAgo < 0) {
    const closesOn = addMonths(opensOn, 1);
    await ctx.db
      .updateTable('survey_round')
      .set({ opens_on: opensOn, closes_on: closesOn, status: 'closed' })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', round.id)
      .execute();
    await ctx.db
      .updateTable('survey_response')
      .set({ submitted_on: opensOn })
      .where('tenant_id', '=', ctx.tenantId)
      .where('round_id', '=', round.id)
      .execute();
  }
  return { roundId: round.id, invited: invited.length, answered };
}
