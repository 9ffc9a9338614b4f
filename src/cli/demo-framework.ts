import * as frameworks from '../server/modules/frameworks/frameworks.service.ts';
import type { Ctx } from '../server/shared/context.ts';

/** The demo ministry's ICT-in-education master plan. */
const GOALS = [
  {
    code: 'MP-1',
    title: {
      en: 'Teachers integrate ICT into everyday teaching and learning',
      ru: 'Учителя интегрируют ИКТ в повседневное обучение',
    },
    competencies: ['A3.1', 'A3.2', 'A4.2'],
  },
  {
    code: 'MP-2',
    title: {
      en: 'Learners build digital skills for further study and work',
      ru: 'Учащиеся развивают цифровые навыки для учёбы и работы',
    },
    competencies: ['A2.3', 'A4.3'],
  },
  {
    code: 'MP-3',
    title: { en: 'Schools are led and run with the help of ICT', ru: 'Школы управляются с помощью ИКТ' },
    competencies: ['A5.1', 'A5.3'],
  },
  {
    code: 'MP-4',
    title: {
      en: 'Teachers learn continuously in professional networks',
      ru: 'Учителя постоянно учатся в профессиональных сетях',
    },
    competencies: ['A6.1', 'A6.2', 'A6.3'],
  },
  {
    code: 'MP-5',
    title: { en: 'Every school has reliable connectivity', ru: 'У каждой школы надёжное подключение к интернету' },
    competencies: [],
  },
];
const PLAN = {
  en: 'Meridia ICT in Education Master Plan 2025-2030',
  ru: 'Генеральный план Меридии по ИКТ в образовании на 2025-2030 годы',
};

/** What an assessor sees at each level of any competency: observable, in both languages. */
const RUBRIC: Record<string, { score: number; en: (t: string) => string; ru: (t: string) => string }> = {
  KA: {
    score: 1,
    en: (t) => `Explains what “${t}” involves and shows it in a lesson prepared with a mentor’s support.`,
    ru: (t) => `Объясняет, что включает «${t}», и показывает это на уроке, подготовленном с помощью наставника.`,
  },
  KD: {
    score: 2,
    en: (t) => `Practises “${t}” without support in regular lessons and adapts it to the learners in front of them.`,
    ru: (t) => `Самостоятельно применяет «${t}» на обычных уроках и адаптирует к своим учащимся.`,
  },
  KC: {
    score: 3,
    en: (t) =>
      `Develops new practice in “${t}” with colleagues and learners, and shares evidence of it beyond the school.`,
    ru: (t) =>
      `Вместе с коллегами и учащимися развивает новую практику в области «${t}» и делится её результатами за пределами школы.`,
  },
};

/** The published national standard of the demo country, built from the template and aligned to the plan. */
export async function seedDemoFramework(ctx: Ctx) {
  const draft = await frameworks.createFromTemplate(ctx, { version: '1.0' });
  const byCode = new Map(draft.items.map((i) => [i.code, i]));
  for (const item of draft.items.filter((i) => i.type === 'competency')) {
    for (const level of draft.levels) {
      const rubric = RUBRIC[level.code]!;
      await frameworks.setRubric(ctx, draft.id, item.id, level.code, {
        descriptor: { en: rubric.en(item.title.en!), ru: rubric.ru(item.title.ru!) },
        score: rubric.score,
      });
    }
  }
  for (const goal of GOALS) {
    const created = await frameworks.createGoal(ctx, {
      code: goal.code,
      title: goal.title,
      plan: PLAN,
      periodStart: 2025,
      periodEnd: 2030,
    });
    for (const code of goal.competencies) {
      const item = byCode.get(code)!;
      await frameworks.alignItem(ctx, draft.id, item.id, [...item.goalIds, created.id]);
      item.goalIds.push(created.id);
    }
  }
  await frameworks.setStatus(ctx, draft.id, 'in_review');
  return frameworks.setStatus(ctx, draft.id, 'published');
}
