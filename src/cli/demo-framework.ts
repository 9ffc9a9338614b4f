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

/** An example of each competency in practice: the self-assessment shows it beside the question. */
const EXAMPLES: Record<string, { en: string; ru: string }> = {
  'A1.1': {
    en: 'In a staff meeting, explains which goals of the national ICT master plan concern their own subject.',
    ru: 'На педсовете объясняет, какие цели национального плана по ИКТ касаются его предмета.',
  },
  'A1.2': {
    en: 'Plans a term of lessons so that they serve a school ICT goal, such as every learner publishing one digital project.',
    ru: 'Планирует уроки четверти так, чтобы они служили цели школы по ИКТ, например, чтобы каждый ученик опубликовал цифровой проект.',
  },
  'A1.3': {
    en: 'Proposes a change to the school ICT plan after trying an approach with learners, and backs it with results.',
    ru: 'Предлагает изменение школьного плана по ИКТ после проверки подхода с учащимися и подкрепляет его результатами.',
  },
  'A2.1': {
    en: 'Names the curriculum outcomes of a unit where a simulation or data tool helps learners most.',
    ru: 'Называет результаты раздела программы, для которых симуляция или работа с данными полезнее всего.',
  },
  'A2.2': {
    en: 'Learners measure rainfall for two weeks, chart it in a spreadsheet and compare it with last year’s figures.',
    ru: 'Учащиеся две недели измеряют осадки, строят график в таблице и сравнивают с прошлым годом.',
  },
  'A2.3': {
    en: 'Learners plan, research and present a local project, deciding themselves which digital tools they need.',
    ru: 'Учащиеся планируют, исследуют и представляют местный проект, сами выбирая нужные цифровые инструменты.',
  },
  'A3.1': {
    en: 'Uses a short video and a quick online quiz to introduce a topic and check what learners already know.',
    ru: 'Использует короткое видео и быстрый онлайн-опрос, чтобы начать тему и узнать, что учащиеся уже знают.',
  },
  'A3.2': {
    en: 'Groups investigate why a school garden fails, collect evidence with tablets and propose a fix.',
    ru: 'Группы выясняют, почему не растёт школьный сад, собирают данные на планшетах и предлагают решение.',
  },
  'A3.3': {
    en: 'Learners keep a digital portfolio, set their own goals for the month and review them with the teacher.',
    ru: 'Учащиеся ведут цифровое портфолио, ставят цели на месяц и обсуждают их с учителем.',
  },
  'A4.1': {
    en: 'Keeps marks, plans and messages to parents in the school’s digital tools without help.',
    ru: 'Ведёт оценки, планы и сообщения родителям в цифровых инструментах школы без помощи.',
  },
  'A4.2': {
    en: 'Chooses between a shared document, a mind map and a survey tool according to what the lesson needs.',
    ru: 'Выбирает между общим документом, картой мыслей и опросом в зависимости от задач урока.',
  },
  'A4.3': {
    en: 'Builds an online space where learners and a partner class co-create a guide to local history.',
    ru: 'Создаёт онлайн-пространство, где учащиеся с классом-партнёром вместе пишут путеводитель по истории края.',
  },
  'A5.1': {
    en: 'Sets up a rotation so that thirty learners share six computers and all finish the task.',
    ru: 'Организует смену групп так, чтобы тридцать учащихся работали за шестью компьютерами и все успели.',
  },
  'A5.2': {
    en: 'Arranges groups with set roles (researcher, recorder, presenter) around one device each.',
    ru: 'Формирует группы с ролями (исследователь, секретарь, докладчик) вокруг одного устройства.',
  },
  'A5.3': {
    en: 'Leads the school’s move to shared online planning so that colleagues reuse each other’s lessons.',
    ru: 'Руководит переходом школы к совместному онлайн-планированию, чтобы коллеги использовали уроки друг друга.',
  },
  'A6.1': {
    en: "Completes an online course on spreadsheets and uses what was learnt in the next week's lessons.",
    ru: 'Проходит онлайн-курс по электронным таблицам и применяет его на уроках следующей недели.',
  },
  'A6.2': {
    en: 'Joins a subject teachers’ online group, shares a lesson plan and adapts one from a colleague.',
    ru: 'Участвует в онлайн-сообществе учителей предмета, делится планом урока и адаптирует план коллеги.',
  },
  'A6.3': {
    en: 'Runs a small classroom study of a new approach and presents the findings at a district workshop.',
    ru: 'Проводит небольшое исследование нового подхода в классе и представляет результаты на районном семинаре.',
  },
};

/** The published national standard of the demo country, built from the template and aligned to the plan. */
export async function seedDemoFramework(ctx: Ctx) {
  const draft = await frameworks.createFromTemplate(ctx, { version: '1.0' });
  const byCode = new Map(draft.items.map((i) => [i.code, i]));
  for (const item of draft.items.filter((i) => i.type === 'competency')) {
    const example = EXAMPLES[item.code];
    if (example) await frameworks.updateItem(ctx, draft.id, item.id, { notes: example });
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
