import * as frameworks from '../server/modules/frameworks/frameworks.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import type { LocalizedText } from '../server/shared/text.ts';

/** The demo ministry's ICT-in-education master plan. */
const GOALS = [
  {
    code: 'MP-1',
    title: {
      en: 'Teachers integrate ICT into everyday teaching and learning',
      ru: 'Учителя интегрируют ИКТ в повседневное обучение',
      uz: 'O‘qituvchilar AKTni kundalik ta’lim va o‘qitishga joriy etadi',
      ne: 'शिक्षकहरूले दैनिक शिक्षण र सिकाइमा सूचना प्रविधि एकीकृत गर्छन्',
      fil: 'Isinasama ng mga guro ang ICT sa araw-araw na pagtuturo at pagkatuto',
    },
    competencies: ['A3.1', 'A3.2', 'A4.2'],
  },
  {
    code: 'MP-2',
    title: {
      en: 'Learners build digital skills for further study and work',
      ru: 'Учащиеся развивают цифровые навыки для учёбы и работы',
      uz: 'O‘quvchilar o‘qish va ish uchun raqamli ko‘nikmalarni rivojlantiradi',
      ne: 'विद्यार्थीहरूले थप अध्ययन र कामका लागि डिजिटल सीप विकास गर्छन्',
      fil: 'Nililinang ng mga mag-aaral ang digital na kasanayan para sa pag-aaral at trabaho',
    },
    competencies: ['A2.3', 'A4.3'],
  },
  {
    code: 'MP-3',
    title: {
      en: 'Schools are led and run with the help of ICT',
      ru: 'Школы управляются с помощью ИКТ',
      uz: 'Maktablar AKT yordamida boshqariladi',
      ne: 'विद्यालयहरू सूचना प्रविधिको सहयोगमा सञ्चालन हुन्छन्',
      fil: 'Pinamamahalaan ang mga paaralan sa tulong ng ICT',
    },
    competencies: ['A5.1', 'A5.3'],
  },
  {
    code: 'MP-4',
    title: {
      en: 'Teachers learn continuously in professional networks',
      ru: 'Учителя постоянно учатся в профессиональных сетях',
      uz: 'O‘qituvchilar kasbiy tarmoqlarda uzluksiz o‘rganadi',
      ne: 'शिक्षकहरू पेशागत सञ्जालमा निरन्तर सिक्छन्',
      fil: 'Patuloy na natututo ang mga guro sa mga propesyonal na network',
    },
    competencies: ['A6.1', 'A6.2', 'A6.3'],
  },
  {
    code: 'MP-5',
    title: {
      en: 'Every school has reliable connectivity',
      ru: 'У каждой школы надёжное подключение к интернету',
      uz: 'Har bir maktab ishonchli internetga ulangan',
      ne: 'हरेक विद्यालयमा भरपर्दो इन्टरनेट जडान छ',
      fil: 'May maaasahang koneksiyon sa internet ang bawat paaralan',
    },
    competencies: [],
  },
];
const PLAN = {
  en: 'Meridia ICT in Education Master Plan 2025-2030',
  ru: 'Генеральный план Меридии по ИКТ в образовании на 2025-2030 годы',
  uz: 'Meridiyada ta’limda AKT bo‘yicha 2025-2030 yillarga mo‘ljallangan bosh reja',
  ne: 'मेरिडिया शिक्षामा सूचना प्रविधि गुरुयोजना २०२५-२०३०',
  fil: 'Master Plan ng Meridia para sa ICT sa Edukasyon 2025-2030',
};

/**
 * What an assessor observes at each level of each competency, in the standard's three levels:
 * knowledge acquisition (KA), knowledge deepening (KD), knowledge creation (KC).
 */
const RUBRIC: Record<string, Record<'KA' | 'KD' | 'KC', LocalizedText>> = {
  'A1.1': {
    KA: {
      en: 'Names the main goals of the national ICT-in-education policy and points to one that concerns their own subject.',
      ru: 'Называет основные цели национальной политики по ИКТ в образовании и указывает одну, которая касается его предмета.',
    },
    KD: {
      en: 'Explains to colleagues how a policy goal changes what learners do in their lessons, with an example from their own class.',
      ru: 'Объясняет коллегам, как цель политики меняет работу учащихся на его уроках, на примере своего класса.',
    },
    KC: {
      en: 'Leads a staff discussion that turns the policy into concrete school priorities and records what was agreed.',
      ru: 'Ведёт обсуждение в коллективе, превращающее политику в конкретные приоритеты школы, и фиксирует договорённости.',
    },
  },
  'A1.2': {
    KA: {
      en: 'Marks in a unit plan which lessons serve a goal of the school ICT plan.',
      ru: 'Отмечает в плане раздела, какие уроки служат цели школьного плана по ИКТ.',
    },
    KD: {
      en: 'Plans and teaches a sequence of lessons that meets a policy goal and shows learners’ work as evidence.',
      ru: 'Планирует и проводит серию уроков, выполняющую цель политики, и показывает работы учащихся как подтверждение.',
    },
    KC: {
      en: 'Coordinates a school-wide activity across subjects that carries out a policy goal and reports its results.',
      ru: 'Координирует общешкольную межпредметную деятельность по цели политики и отчитывается о её результатах.',
    },
  },
  'A1.3': {
    KA: {
      en: 'Notes where the school ICT plan works and where it does not, from their own lessons.',
      ru: 'Отмечает по своим урокам, где школьный план по ИКТ работает, а где нет.',
    },
    KD: {
      en: 'Collects simple evidence (attendance, learners’ work, a survey) on a policy measure and discusses it with the school leader.',
      ru: 'Собирает простые данные (посещаемость, работы учащихся, опрос) о мере политики и обсуждает их с руководителем школы.',
    },
    KC: {
      en: 'Writes a proposal backed by classroom evidence that district or national leaders take up in a revision of the plan.',
      ru: 'Готовит предложение, подкреплённое данными из класса, которое район или министерство учитывает при пересмотре плана.',
    },
  },
  'A2.1': {
    KA: {
      en: 'Lists the curriculum outcomes of a unit and a digital resource that supports each of them.',
      ru: 'Перечисляет результаты раздела программы и цифровой ресурс, поддерживающий каждый из них.',
    },
    KD: {
      en: 'Chooses ICT for the outcomes where it helps most and explains why it does not use it elsewhere.',
      ru: 'Выбирает ИКТ для тех результатов, где они полезнее всего, и объясняет, почему не использует их в остальных.',
    },
    KC: {
      en: 'Maps the subject curriculum with colleagues and shares a plan of where ICT serves each outcome.',
      ru: 'Вместе с коллегами составляет карту программы предмета и делится планом, где ИКТ служат каждому результату.',
    },
  },
  'A2.2': {
    KA: {
      en: 'Uses a ready-made digital task in which learners apply a concept, and checks their answers.',
      ru: 'Использует готовое цифровое задание, в котором учащиеся применяют понятие, и проверяет ответы.',
    },
    KD: {
      en: 'Sets a real problem that learners solve with data or a simulation, and assesses it with a rubric shared in advance.',
      ru: 'Ставит реальную задачу, которую учащиеся решают с помощью данных или симуляции, и оценивает по заранее известным критериям.',
    },
    KC: {
      en: 'Designs with learners an assessment task on a local problem and moderates the results with other teachers.',
      ru: 'Вместе с учащимися разрабатывает задание по местной проблеме и согласует оценки с другими учителями.',
    },
  },
  'A2.3': {
    KA: {
      en: 'Describes the skills a knowledge society asks of learners (collaboration, inquiry, reflection) and where the subject builds them.',
      ru: 'Описывает навыки, которых требует общество знаний (сотрудничество, исследование, рефлексия), и где предмет их развивает.',
    },
    KD: {
      en: 'Gives learners a task in which they find, judge and combine sources online, and assesses the process as well as the product.',
      ru: 'Даёт задание, в котором учащиеся находят, оценивают и объединяют источники в сети, и оценивает процесс наряду с результатом.',
    },
    KC: {
      en: 'Learners publish something new they made with ICT, review each other’s work and reflect on what they learnt.',
      ru: 'Учащиеся публикуют созданный ими с помощью ИКТ продукт, рецензируют работы друг друга и размышляют о том, чему научились.',
    },
  },
  'A3.1': {
    KA: {
      en: 'Opens or explains a topic with a well-chosen video, image or presentation that makes it clearer.',
      ru: 'Начинает или объясняет тему с помощью удачно подобранного видео, изображения или презентации.',
    },
    KD: {
      en: 'Uses a digital quiz or poll during the lesson and changes the next step according to learners’ answers.',
      ru: 'Проводит на уроке цифровой опрос или тест и меняет следующий шаг в зависимости от ответов учащихся.',
    },
    KC: {
      en: 'Builds a collection of digital resources with learners and colleagues and shows how it raised engagement.',
      ru: 'Вместе с учащимися и коллегами собирает коллекцию цифровых ресурсов и показывает, как она повысила вовлечённость.',
    },
  },
  'A3.2': {
    KA: {
      en: 'Runs a short group task in which learners use a device to look up information for a question set by the teacher.',
      ru: 'Проводит короткое групповое задание, в котором учащиеся ищут на устройстве информацию по вопросу учителя.',
    },
    KD: {
      en: 'Runs a project of several lessons in which groups investigate a real problem with ICT and present a solution.',
      ru: 'Проводит проект на несколько уроков, в котором группы исследуют реальную проблему с помощью ИКТ и представляют решение.',
    },
    KC: {
      en: 'Learners define the problem themselves and work with experts or another school online to solve it.',
      ru: 'Учащиеся сами формулируют проблему и решают её в сети вместе с экспертами или другой школой.',
    },
  },
  'A3.3': {
    KA: {
      en: 'Shows learners how to keep their work in a digital folder and look back at it.',
      ru: 'Показывает учащимся, как хранить работы в цифровой папке и возвращаться к ним.',
    },
    KD: {
      en: 'Learners set goals in a digital portfolio and review their progress with the teacher each month.',
      ru: 'Учащиеся ставят цели в цифровом портфолио и ежемесячно обсуждают с учителем свой прогресс.',
    },
    KC: {
      en: 'Learners plan, carry out and evaluate their own learning projects with ICT; the teacher guides rather than directs.',
      ru: 'Учащиеся сами планируют, выполняют и оценивают свои учебные проекты с ИКТ; учитель направляет, а не руководит.',
    },
  },
  'A4.1': {
    KA: {
      en: 'Uses a computer, a projector and the school’s messaging, word-processing and spreadsheet tools without help.',
      ru: 'Без помощи работает с компьютером, проектором, школьной почтой, текстовым редактором и таблицами.',
    },
    KD: {
      en: 'Keeps passwords and learners’ data safe and teaches learners one rule of safe and responsible use each term.',
      ru: 'Защищает пароли и данные учащихся и каждую четверть учит учащихся одному правилу безопасного и ответственного использования.',
    },
    KC: {
      en: 'Helps colleagues solve everyday technical problems and writes a short guide the school uses.',
      ru: 'Помогает коллегам решать повседневные технические проблемы и пишет краткую инструкцию, которой пользуется школа.',
    },
  },
  'A4.2': {
    KA: {
      en: 'Opens and demonstrates a subject simulation or tool that a lesson plan names.',
      ru: 'Открывает и демонстрирует предметную симуляцию или инструмент, указанный в плане урока.',
    },
    KD: {
      en: 'Chooses between subject software, simulations and shared documents according to the task, and learners use them themselves.',
      ru: 'Выбирает между предметными программами, симуляциями и общими документами в зависимости от задачи; учащиеся работают с ними сами.',
    },
    KC: {
      en: 'Combines several tools into a learning sequence and shares it as a reusable lesson with other teachers.',
      ru: 'Объединяет несколько инструментов в учебную последовательность и делится ею с коллегами как готовым уроком.',
    },
  },
  'A4.3': {
    KA: {
      en: 'Shows learners a simple tool for making digital content, such as a slideshow or a short recording.',
      ru: 'Показывает учащимся простой инструмент для создания цифрового контента, например слайд-шоу или короткую запись.',
    },
    KD: {
      en: 'Learners make a video, a website or a simple program about a subject topic, and the teacher gives feedback on both content and form.',
      ru: 'Учащиеся создают видео, сайт или простую программу по теме предмета; учитель комментирует и содержание, и форму.',
    },
    KC: {
      en: 'Creates original digital materials or tools with learners that others outside the school use.',
      ru: 'Вместе с учащимися создаёт оригинальные цифровые материалы или инструменты, которыми пользуются за пределами школы.',
    },
  },
  'A5.1': {
    KA: {
      en: 'Sets out the classroom so that every learner can see the screen and reach a device during the lesson.',
      ru: 'Расставляет класс так, чтобы каждый учащийся видел экран и мог получить устройство на уроке.',
    },
    KD: {
      en: 'Runs a rotation in which a class shares a few devices and every learner finishes the task.',
      ru: 'Организует смену групп так, чтобы класс работал на нескольких устройствах и каждый учащийся выполнил задание.',
    },
    KC: {
      en: 'Plans the school’s use of shared equipment with colleagues so that every class gets fair access in the timetable.',
      ru: 'Вместе с коллегами планирует использование общего оборудования так, чтобы у каждого класса был равный доступ по расписанию.',
    },
  },
  'A5.2': {
    KA: {
      en: 'Forms groups around one device each and gives each group clear instructions.',
      ru: 'Формирует группы вокруг одного устройства и даёт каждой группе ясные инструкции.',
    },
    KD: {
      en: 'Gives group members roles (researcher, recorder, presenter) and checks that each contributes to the shared work online.',
      ru: 'Распределяет роли в группе (исследователь, секретарь, докладчик) и проверяет вклад каждого в общую работу в сети.',
    },
    KC: {
      en: 'Groups continue their work online between lessons and with learners of another class or school.',
      ru: 'Группы продолжают работу в сети между уроками и вместе с учащимися другого класса или школы.',
    },
  },
  'A5.3': {
    KA: {
      en: 'Uses the school’s shared drive or platform to find and file plans and records.',
      ru: 'Пользуется общим хранилищем или платформой школы, чтобы находить и сохранять планы и записи.',
    },
    KD: {
      en: 'Shares lesson plans on the school platform and reuses and improves those of colleagues.',
      ru: 'Размещает планы уроков на школьной платформе, использует и улучшает планы коллег.',
    },
    KC: {
      en: 'Leads a school team that reviews data on learning each term and decides on changes together.',
      ru: 'Руководит школьной командой, которая каждую четверть анализирует данные об обучении и вместе решает, что изменить.',
    },
  },
  'A6.1': {
    KA: {
      en: 'Completes a short online course and keeps a record of it in their professional portfolio.',
      ru: 'Проходит короткий онлайн-курс и сохраняет запись о нём в профессиональном портфолио.',
    },
    KD: {
      en: 'Chooses courses from their development plan and shows a change in their lessons after each.',
      ru: 'Выбирает курсы по своему плану развития и показывает изменения в уроках после каждого.',
    },
    KC: {
      en: 'Designs and runs a short course or workshop for colleagues from what they learnt.',
      ru: 'На основе полученного опыта разрабатывает и проводит для коллег короткий курс или семинар.',
    },
  },
  'A6.2': {
    KA: {
      en: 'Joins an online group of subject teachers and follows its discussions.',
      ru: 'Вступает в онлайн-сообщество учителей предмета и следит за обсуждениями.',
    },
    KD: {
      en: 'Posts a lesson plan or question in a professional network and adapts a colleague’s idea in their class.',
      ru: 'Публикует в профессиональной сети план урока или вопрос и применяет идею коллеги в своём классе.',
    },
    KC: {
      en: 'Moderates a community of practice, organising exchanges and online meetings for teachers of the district.',
      ru: 'Модерирует профессиональное сообщество, организуя обмен опытом и онлайн-встречи для учителей района.',
    },
  },
  'A6.3': {
    KA: {
      en: 'Tries a new approach seen in training and notes what happened in the lesson.',
      ru: 'Пробует новый подход, увиденный на обучении, и записывает, что получилось на уроке.',
    },
    KD: {
      en: 'Tests a new practice over several lessons, collects learners’ work as evidence and discusses it with a colleague.',
      ru: 'Проверяет новую практику на нескольких уроках, собирает работы учащихся как данные и обсуждает их с коллегой.',
    },
    KC: {
      en: 'Runs a small classroom study, presents it at a district or national event and coaches colleagues who adopt it.',
      ru: 'Проводит небольшое исследование в классе, представляет его на районном или национальном мероприятии и сопровождает коллег, которые его применяют.',
    },
  },
};
const SCORE: Record<string, number> = { KA: 1, KD: 2, KC: 3 };

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
      await frameworks.setRubric(ctx, draft.id, item.id, level.code, {
        descriptor: RUBRIC[item.code]![level.code as 'KA' | 'KD' | 'KC'],
        score: SCORE[level.code]!,
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
