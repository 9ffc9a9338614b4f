import { addMonths } from '../server/modules/practice/coaching.links.ts';
import * as questionnaires from '../server/modules/surveys/questionnaires.service.ts';
import * as responses from '../server/modules/surveys/responses.service.ts';
import * as rounds from '../server/modules/surveys/rounds.service.ts';
import { type Answers, isShown, type Question, questionsOf } from '../server/modules/surveys/surveys.definition.ts';
import type { Ctx } from '../server/shared/context.ts';
import { todayIso } from '../server/shared/ids.ts';
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
  const today = todayIso();
  const round = await rounds.createRound(ctx, published.national_training_effectiveness!, {
    title: {
      en: `National survey of training effectiveness ${today.slice(0, 4)}`,
      ru: `Национальный опрос об эффективности обучения ${today.slice(0, 4)}`,
      uz: `O‘qitish samaradorligi bo‘yicha milliy so‘rovnoma ${today.slice(0, 4)}`,
      ne: `तालिम प्रभावकारिता राष्ट्रिय सर्वेक्षण ${today.slice(0, 4)}`,
      fil: `Pambansang survey sa bisa ng pagsasanay ${today.slice(0, 4)}`,
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
  for (const [n, { person_id, org_path }] of invited.entries()) {
    const draw = draws(n + 7919);
    const region = regionOrder.indexOf(org_path.split('/').slice(0, 3).join('/'));
    const pace = REGION_PACE[region % REGION_PACE.length]!;
    if (draw() > 0.45 + pace * 0.35) continue;
    const asTeacher: Ctx = { ...ctx, actor: { ...ctx.actor, system: false, personId: person_id, accountId: null } };
    const answering = await responses.asInvited(asTeacher, round.id);
    await responses.submit(answering, answersFor(questionsOf(answering.definition), draw, pace));
    answered++;
  }
  return { roundId: round.id, invited: invited.length, answered };
}
