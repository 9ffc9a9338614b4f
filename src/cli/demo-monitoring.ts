import type { IndicatorInput } from '../server/modules/monitoring/indicators.schemas.ts';
import { createIndicator, createObjective, setTargets } from '../server/modules/monitoring/indicators.service.ts';
import type { Ctx } from '../server/shared/context.ts';

type Framework = { items: { id: string; code: string; type: string }[] };

/**
 * The roadmap of the demo country: a results chain (goal > outcomes > outputs), the standard
 * indicators that measure it, national baselines from a (fictional) 2024 survey and yearly targets
 * to 2030, and one region that set itself a steeper target for teachers' pedagogy.
 */
export async function seedDemoMonitoring(
  ctx: Ctx,
  framework: Framework,
  places: { nationId: string; regionId: string },
  modules: { integrationModuleId: string },
) {
  const aspect = (code: string) => framework.items.find((i) => i.code === code && i.type === 'aspect')!.id;
  const goal = await createObjective(ctx, {
    parentId: null,
    level: 'goal',
    title: {
      en: 'Teachers integrate ICT into teaching and learning across the country',
      ru: 'Учителя по всей стране интегрируют ИКТ в преподавание и обучение',
      uz: 'Butun mamlakat o‘qituvchilari AKTni o‘qitish va ta’limga joriy etadi',
      ne: 'देशभरका शिक्षकहरूले शिक्षण र सिकाइमा सूचना प्रविधि एकीकृत गर्छन्',
      fil: 'Isinasama ng mga guro sa buong bansa ang ICT sa pagtuturo at pagkatuto',
    },
  });
  const competence = await createObjective(ctx, {
    parentId: goal.id,
    level: 'outcome',
    title: {
      en: "Teachers' ICT competency reaches the national standard's target level",
      ru: 'ИКТ-компетентность учителей достигает целевого уровня национального стандарта',
      uz: 'O‘qituvchilarning AKT kompetensiyasi milliy standartning maqsadli darajasiga yetadi',
      ne: 'शिक्षकको सूचना प्रविधि दक्षता राष्ट्रिय मापदण्डको लक्षित तहमा पुग्छ',
      fil: 'Naaabot ng kakayahan sa ICT ng mga guro ang target na antas ng pambansang pamantayan',
    },
  });
  const learning = await createObjective(ctx, {
    parentId: goal.id,
    level: 'outcome',
    title: {
      en: 'Teachers take part in competency-based professional development',
      ru: 'Учителя участвуют в профессиональном развитии на основе компетенций',
      uz: 'O‘qituvchilar kompetensiyaga asoslangan kasbiy rivojlanishda qatnashadi',
      ne: 'शिक्षकहरू दक्षतामा आधारित पेशागत विकासमा सहभागी हुन्छन्',
      fil: 'Nakikilahok ang mga guro sa propesyonal na pag-unlad na batay sa kakayahan',
    },
  });
  const support = await createObjective(ctx, {
    parentId: learning.id,
    level: 'output',
    title: {
      en: 'Training and follow-through coaching reach schools',
      ru: 'Обучение и последующий коучинг доходят до школ',
      uz: 'O‘qitish va keyingi murabbiylik maktablarga yetib boradi',
      ne: 'तालिम र त्यसपछिको कोचिङ विद्यालयसम्म पुग्छ',
      fil: 'Umaabot sa mga paaralan ang pagsasanay at ang kasunod na coaching',
    },
  });

  const share = (
    code: string,
    name: IndicatorInput['name'],
    definition: IndicatorInput['definition'],
    numerator: IndicatorInput['numerator'],
    objectiveId: string,
    meansOfVerification: IndicatorInput['meansOfVerification'],
  ): IndicatorInput => ({
    code,
    name,
    definition,
    numerator,
    denominator: { fact: 'teachers' },
    factor: 'percent',
    disaggregations: ['sex', 'locality', 'school_type', 'org_level'],
    legend: { onTrack: 0.95, atRisk: 0.8 },
    objectiveId,
    meansOfVerification,
  });
  const indicators = [
    share(
      'IND-1',
      {
        en: 'Teachers who completed a self-assessment',
        ru: 'Учителя, прошедшие самооценку',
        uz: 'O‘zini o‘zi baholashdan o‘tgan o‘qituvchilar',
        ne: 'स्वमूल्याङ्कन पूरा गरेका शिक्षक',
        fil: 'Mga gurong nakatapos ng pansariling pagtatasa',
      },
      {
        en: 'Teachers who submitted at least one self-assessment against the national standard, of all teachers.',
        ru: 'Учителя, отправившие хотя бы одну самооценку по национальному стандарту, от всех учителей.',
      },
      { fact: 'self_assessed' },
      learning.id,
      { en: 'Self-assessments submitted in Pathway', ru: 'Самооценки, отправленные в Pathway' },
    ),
    share(
      'IND-2',
      {
        en: 'Teachers confirmed at knowledge deepening or above in pedagogy',
        ru: 'Учителя с подтверждённым уровнем «углубление знаний» и выше по педагогике',
        uz: 'Pedagogikada «bilimlarni chuqurlashtirish» va undan yuqori darajasi tasdiqlangan o‘qituvchilar',
        ne: 'शिक्षणशास्त्रमा ज्ञान गहनता वा माथिल्लो तह पुष्टि भएका शिक्षक',
        fil: 'Mga gurong kumpirmadong nasa pagpapalalim ng kaalaman o mas mataas sa pedagohiya',
      },
      {
        en: 'Teachers whose every pedagogy competency an assessor confirmed at knowledge deepening or above, of all teachers.',
        ru: 'Учителя, у которых каждая компетенция по педагогике подтверждена на уровне «углубление знаний» или выше, от всех учителей.',
      },
      { fact: 'at_level', itemId: aspect('A3'), levelCode: 'KD', basis: 'confirmed' },
      competence.id,
      {
        en: 'Assessor ratings and classroom observations in Pathway',
        ru: 'Оценки экспертов и наблюдения уроков в Pathway',
      },
    ),
    share(
      'IND-3',
      {
        en: 'Teachers trained in ICT integration',
        ru: 'Учителя, прошедшие обучение по интеграции ИКТ',
        uz: 'AKTni integratsiya qilish bo‘yicha o‘qitilgan o‘qituvchilar',
        ne: 'सूचना प्रविधि एकीकरणमा तालिम पाएका शिक्षक',
        fil: 'Mga gurong nasanay sa pagsasama ng ICT',
      },
      {
        en: 'Teachers who completed the one-to-one classroom module, of all teachers.',
        ru: 'Учителя, завершившие модуль «Класс один к одному», от всех учителей.',
      },
      { fact: 'trained', moduleId: modules.integrationModuleId },
      support.id,
      { en: 'Training results recorded by trainers', ru: 'Результаты обучения, внесённые тренерами' },
    ),
    share(
      'IND-4',
      {
        en: 'Teachers with an agreed development plan',
        ru: 'Учителя с согласованным планом развития',
        uz: 'Rivojlanish rejasi kelishilgan o‘qituvchilar',
        ne: 'स्वीकृत विकास योजना भएका शिक्षक',
        fil: 'Mga gurong may napagkasunduang plano sa pag-unlad',
      },
      {
        en: 'Teachers whose development plan their school leader agreed (agreed, active or done), of all teachers.',
        ru: 'Учителя, чей план развития согласован руководителем школы (согласован, выполняется или выполнен), от всех учителей.',
      },
      { fact: 'plan_agreed' },
      learning.id,
      { en: 'Development plans in Pathway', ru: 'Планы развития в Pathway' },
    ),
    {
      code: 'IND-5',
      name: {
        en: 'Coaching visits after training',
        ru: 'Визиты коучинга после обучения',
        uz: 'O‘qishdan keyingi murabbiylik tashriflari',
        ne: 'तालिमपछिका कोचिङ भ्रमण',
        fil: 'Mga pagbisita sa coaching pagkatapos ng pagsasanay',
      },
      definition: {
        en: 'Follow-through coaching visits to teachers in their classrooms.',
        ru: 'Визиты последующего коучинга к учителям на их уроки.',
      },
      numerator: { fact: 'coaching_visits' },
      denominator: null,
      factor: 'count',
      disaggregations: ['sex', 'org_level'],
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: support.id,
      meansOfVerification: { en: 'Coaching visit records', ru: 'Записи о визитах коучинга' },
    } satisfies IndicatorInput,
  ];
  const created = [];
  for (const input of indicators) created.push(await createIndicator(ctx, input));

  // Baselines from the 2024 survey; targets rise to 2030.
  const roadmap: [number, number[]][] = [
    [10, [15, 30, 45, 60, 75, 85, 95]],
    [5, [6, 10, 15, 22, 30, 40, 50]],
    [8, [10, 20, 30, 45, 60, 70, 80]],
    [0, [5, 15, 25, 40, 55, 65, 75]],
    [0, [50, 200, 400, 800, 1200, 1600, 2000]],
  ];
  for (const [i, indicator] of created.entries()) {
    const [baseline, values] = roadmap[i]!;
    await setTargets(ctx, indicator.id, {
      unitId: places.nationId,
      baseline: { year: 2024, value: baseline },
      targets: values.map((value, n) => ({ year: 2024 + n, value })),
    });
  }
  await setTargets(ctx, created[1]!.id, {
    unitId: places.regionId,
    baseline: null,
    targets: [2026, 2027, 2028, 2029, 2030].map((year, n) => ({ year, value: 20 + n * 12 })),
  });
}
