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

  const practice = await createObjective(ctx, {
    parentId: goal.id,
    level: 'outcome',
    title: {
      en: 'Students use ICT to inquire, create and work together in lessons',
      ru: 'Ученики на уроках используют ИКТ, чтобы исследовать, создавать и работать вместе',
      uz: 'O‘quvchilar darslarda AKTdan izlanish, yaratish va birgalikda ishlash uchun foydalanadi',
      ne: 'विद्यार्थीहरूले कक्षामा खोज, सिर्जना र सहकार्यका लागि सूचना प्रविधि प्रयोग गर्छन्',
      fil: 'Gumagamit ang mga mag-aaral ng ICT sa aralin upang magsiyasat, lumikha at magtulungan',
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
        uz: 'Milliy standart bo‘yicha kamida bitta o‘zini baholashni topshirgan o‘qituvchilar, barcha o‘qituvchilardan.',
        ne: 'राष्ट्रिय मापदण्डअनुसार कम्तीमा एउटा स्वमूल्याङ्कन पेश गरेका शिक्षक, सबै शिक्षकमध्ये।',
        fil: 'Mga gurong nagsumite ng kahit isang pansariling pagtatasa batay sa pambansang pamantayan, sa lahat ng guro.',
      },
      { fact: 'self_assessed' },
      learning.id,
      {
        en: 'Self-assessments submitted in Pathway',
        ru: 'Самооценки, отправленные в Pathway',
        uz: 'Pathway’da topshirilgan o‘zini baholashlar',
        ne: 'Pathway मा पेश गरिएका स्वमूल्याङ्कन',
        fil: 'Mga pansariling pagtatasang isinumite sa Pathway',
      },
    ),
    share(
      'IND-2',
      {
        en: 'Teachers confirmed at knowledge deepening or above in pedagogy',
        ru: 'Учителя с подтверждённым уровнем «углубление знаний» и выше по педагогике',
        uz: 'Pedagogikada «bilimlarni chuqurlashtirish» va undan yuqori darajasi tasdiqlangan o‘qituvchilar',
        ne: 'शिक्षणशास्त्रमा ज्ञानको गहनता वा माथिल्लो तह पुष्टि भएका शिक्षक',
        fil: 'Mga gurong kumpirmadong nasa pagpapalalim ng kaalaman o mas mataas sa pedagohiya',
      },
      {
        en: 'Teachers whose every pedagogy competency an assessor confirmed at knowledge deepening or above, of all teachers.',
        ru: 'Учителя, у которых каждая компетенция по педагогике подтверждена на уровне «углубление знаний» или выше, от всех учителей.',
        uz: 'Pedagogika bo‘yicha har bir kompetensiyasi baholovchi tomonidan «bilimlarni chuqurlashtirish» yoki undan yuqori darajada tasdiqlangan o‘qituvchilar, barcha o‘qituvchilardan.',
        ne: 'शिक्षणशास्त्रका हरेक दक्षता मूल्याङ्कनकर्ताले ज्ञानको गहनता वा माथिल्लो तहमा पुष्टि गरेका शिक्षक, सबै शिक्षकमध्ये।',
        fil: 'Mga gurong kinumpirma ng tagatasa ang bawat kakayahan sa pedagohiya sa pagpapalalim ng kaalaman o mas mataas, sa lahat ng guro.',
      },
      { fact: 'at_level', itemId: aspect('A3'), levelCode: 'KD', basis: 'confirmed' },
      competence.id,
      {
        en: 'Assessor ratings and classroom observations in Pathway',
        ru: 'Оценки экспертов и наблюдения уроков в Pathway',
        uz: 'Pathway’dagi baholovchilar bahosi va dars kuzatuvlari',
        ne: 'Pathway मा मूल्याङ्कनकर्ताको मूल्याङ्कन र कक्षा अवलोकन',
        fil: 'Mga pagtatasa ng tagatasa at mga obserbasyon ng aralin sa Pathway',
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
        uz: '«Sinfda bir o‘quvchi — bir qurilma» modulini tugatgan o‘qituvchilar, barcha o‘qituvchilardan.',
        ne: '“कक्षाकोठामा एक विद्यार्थी एक उपकरण” मोड्युल पूरा गरेका शिक्षक, सबै शिक्षकमध्ये।',
        fil: 'Mga gurong nakatapos ng module na “Isang device bawat mag-aaral sa silid-aralan”, sa lahat ng guro.',
      },
      { fact: 'trained', moduleId: modules.integrationModuleId },
      support.id,
      {
        en: 'Training results recorded by trainers',
        ru: 'Результаты обучения, внесённые тренерами',
        uz: 'Trenerlar kiritgan o‘qish natijalari',
        ne: 'प्रशिक्षकले अभिलेख गरेका तालिमका नतिजा',
        fil: 'Mga resulta ng pagsasanay na itinala ng mga tagapagsanay',
      },
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
        uz: 'Rivojlanish rejasi maktab rahbari bilan kelishilgan (kelishilgan, bajarilmoqda yoki bajarilgan) o‘qituvchilar, barcha o‘qituvchilardan.',
        ne: 'विद्यालयका प्रमुखले विकास योजना स्वीकृत गरेका (स्वीकृत, सक्रिय वा सम्पन्न) शिक्षक, सबै शिक्षकमध्ये।',
        fil: 'Mga gurong napagkasunduan na ng pinuno ng paaralan ang plano sa pag-unlad (napagkasunduan, aktibo o tapos na), sa lahat ng guro.',
      },
      { fact: 'plan_agreed' },
      learning.id,
      {
        en: 'Development plans in Pathway',
        ru: 'Планы развития в Pathway',
        uz: 'Pathway’dagi rivojlanish rejalari',
        ne: 'Pathway मा विकास योजना',
        fil: 'Mga plano sa pag-unlad sa Pathway',
      },
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
        uz: 'O‘qishdan keyin o‘qituvchilarning darslariga qilingan murabbiylik tashriflari.',
        ne: 'तालिमपछि शिक्षकको कक्षाकोठामा गरिने कोचिङ भ्रमण।',
        fil: 'Mga follow-through na pagbisita ng coach sa mga guro sa kanilang silid-aralan.',
      },
      numerator: { fact: 'coaching_visits' },
      denominator: null,
      factor: 'count',
      disaggregations: ['sex', 'org_level'],
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: support.id,
      meansOfVerification: {
        en: 'Coaching visit records',
        ru: 'Записи о визитах коучинга',
        uz: 'Murabbiylik tashriflari yozuvlari',
        ne: 'कोचिङ भ्रमणका अभिलेख',
        fil: 'Mga tala ng pagbisita ng coach',
      },
    } satisfies IndicatorInput,
    share(
      'IND-6',
      {
        en: 'Teachers observed using ICT in a student-centred way this term',
        ru: 'Учителя, у которых в этой четверти наблюдали ученикоцентрированное использование ИКТ',
        uz: 'Bu chorakda AKTdan o‘quvchiga yo‘naltirilgan tarzda foydalangani kuzatilgan o‘qituvchilar',
        ne: 'यो सत्रमा विद्यार्थीकेन्द्रित तरिकाले सूचना प्रविधि प्रयोग गरेको अवलोकन गरिएका शिक्षक',
        fil: 'Mga gurong nakitang gumamit ng ICT nang nakasentro sa mag-aaral ngayong termino',
      },
      {
        en: 'Teachers with at least one lesson observed this term in which students used ICT and the lesson stood at student-active or student-led on the observation scale, of all teachers.',
        ru: 'Учителя, у которых в этой четверти наблюдали хотя бы один урок, где ИКТ использовали ученики и урок был на уровне «ученики активны» или «ученики ведут» по шкале наблюдения, от всех учителей.',
        uz: 'Bu chorakda kamida bitta darsi kuzatilgan, unda AKTdan o‘quvchilar foydalangan va dars kuzatuv shkalasida «o‘quvchilar faol» yoki «o‘quvchilar boshqaradi» darajasida bo‘lgan o‘qituvchilar, barcha o‘qituvchilardan.',
        ne: 'यो सत्रमा कम्तीमा एउटा कक्षा अवलोकन गरिएका, जसमा विद्यार्थीले सूचना प्रविधि प्रयोग गरे र अवलोकन मापनमा कक्षा विद्यार्थी-सक्रिय वा विद्यार्थी-नेतृत्वमा रह्यो, सबै शिक्षकमध्ये।',
        fil: 'Mga gurong may kahit isang aralin na inobserbahan ngayong termino kung saan gumamit ng ICT ang mga mag-aaral at nasa aktibo o pinangungunahan ng mag-aaral ang aralin sa iskala, sa lahat ng guro.',
      },
      { fact: 'observed_student_centred' },
      practice.id,
      {
        en: 'Lesson observations by coaches in Pathway',
        ru: 'Наблюдения уроков наставниками в Pathway',
        uz: 'Pathway’dagi murabbiylarning dars kuzatuvlari',
        ne: 'Pathway मा प्रशिक्षकले गरेका कक्षा अवलोकन',
        fil: 'Mga obserbasyon ng aralin ng mga coach sa Pathway',
      },
    ),
    {
      code: 'IND-7',
      name: {
        en: 'Schools with a current whole-school ICT plan',
        ru: 'Школы с действующим общешкольным планом ИКТ',
        uz: 'Amaldagi umummaktab AKT rejasiga ega maktablar',
        ne: 'चालु विद्यालयव्यापी सूचना प्रविधि योजना भएका विद्यालय',
        fil: 'Mga paaralang may kasalukuyang ICT plan ng buong paaralan',
      },
      definition: {
        en: 'Schools whose ICT development plan is active and in its period today, of all schools.',
        ru: 'Школы, чей план развития ИКТ действует и находится в своём сроке на сегодня, от всех школ.',
        uz: 'AKTni rivojlantirish rejasi faol va bugun o‘z muddatida bo‘lgan maktablar, barcha maktablardan.',
        ne: 'सूचना प्रविधि विकास योजना सक्रिय र आजको मितिमा अवधिभित्र रहेका विद्यालय, सबै विद्यालयमध्ये।',
        fil: 'Mga paaralang aktibo at nasa panahon ngayon ang ICT development plan, sa lahat ng paaralan.',
      },
      numerator: { fact: 'schools_with_plan' },
      denominator: { fact: 'schools' },
      factor: 'percent',
      disaggregations: ['locality', 'org_level'],
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: practice.id,
      meansOfVerification: {
        en: 'School plans in Pathway',
        ru: 'Планы школ в Pathway',
        uz: 'Pathway’dagi maktab rejalari',
        ne: 'Pathway मा विद्यालय योजना',
        fil: 'Mga plano ng paaralan sa Pathway',
      },
    } satisfies IndicatorInput,
    {
      code: 'IND-8',
      name: {
        en: 'Follow-through visits done on time',
        ru: 'Визиты сопровождения, проведённые в срок',
        uz: 'O‘z vaqtida o‘tkazilgan kuzatuv tashriflari',
        ne: 'समयमै सम्पन्न अनुगमन भ्रमण',
        fil: 'Mga follow-through na pagbisitang natapos sa takdang oras',
      },
      definition: {
        en: 'Follow-through visits after training recorded by the day they were due, of all visits recorded.',
        ru: 'Визиты сопровождения после обучения, записанные не позже срока, от всех записанных визитов.',
        uz: 'O‘qishdan keyingi kuzatuv tashriflaridan belgilangan kunigacha qayd etilganlari, barcha qayd etilgan tashriflardan.',
        ne: 'तालिमपछिका अनुगमन भ्रमणमध्ये तोकिएको दिनभित्र अभिलेख भएका, सबै अभिलेखित भ्रमणमध्ये।',
        fil: 'Mga follow-through na pagbisita pagkatapos ng pagsasanay na naitala hanggang sa takdang araw, sa lahat ng naitalang pagbisita.',
      },
      numerator: { fact: 'follow_through_on_time' },
      denominator: { fact: 'follow_through_done' },
      factor: 'percent',
      disaggregations: ['sex', 'org_level'],
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: support.id,
      meansOfVerification: {
        en: 'Follow-through visit records',
        ru: 'Записи о визитах сопровождения',
        uz: 'Kuzatuv tashriflari yozuvlari',
        ne: 'अनुगमन भ्रमणका अभिलेख',
        fil: 'Mga tala ng follow-through na pagbisita',
      },
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
    [4, [5, 10, 20, 30, 40, 50, 60]],
    [0, [2, 10, 25, 40, 60, 75, 90]],
    [0, [50, 60, 70, 80, 85, 90, 95]],
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
  // The same region also leads on classroom practice: its coaches observe more lessons.
  await setTargets(ctx, created[5]!.id, {
    unitId: places.regionId,
    baseline: null,
    targets: [2026, 2027, 2028, 2029, 2030].map((year, n) => ({ year, value: 30 + n * 10 })),
  });
  return { practiceObjectiveId: practice.id };
}

/**
 * An indicator read from the national survey of training effectiveness: created once the survey and its
 * answered round are seeded (an indicator may only name a questionnaire that exists), and read live
 * from the latest round of the code, so next year's round replaces this one without editing it.
 */
export async function seedDemoSurveyIndicator(ctx: Ctx, places: { nationId: string }, objectiveId: string) {
  const surveyCode = 'national_training_effectiveness';
  const indicator = await createIndicator(ctx, {
    code: 'IND-9',
    name: {
      en: 'Teachers reporting students use ICT weekly or more',
      ru: 'Учителя, сообщающие, что ученики используют ИКТ еженедельно или чаще',
      uz: 'O‘quvchilari AKTdan haftada kamida bir marta foydalanishini bildirgan o‘qituvchilar',
      ne: 'विद्यार्थीले हप्तामा कम्तीमा एक पटक सूचना प्रविधि प्रयोग गर्छन् भन्ने शिक्षक',
      fil: 'Mga gurong nag-uulat na gumagamit ng ICT ang mga mag-aaral linggu-linggo o mas madalas',
    },
    definition: {
      en: 'Respondents to the latest round of the national survey of training effectiveness who say their students themselves use digital devices in their lessons weekly or more often, of all its respondents.',
      ru: 'Респонденты последнего раунда национального опроса об эффективности обучения, указавшие, что их ученики сами работают с цифровыми устройствами на уроках еженедельно или чаще, от всех респондентов раунда.',
      uz: 'Milliy o‘qitish samaradorligi so‘rovnomasining so‘nggi bosqichida o‘quvchilari darslarda raqamli qurilmalardan haftada kamida bir marta o‘zlari foydalanishini bildirgan ishtirokchilar, barcha ishtirokchilardan.',
      ne: 'तालिम प्रभावकारिता राष्ट्रिय सर्वेक्षणको पछिल्लो चरणका उत्तरदातामध्ये आफ्ना विद्यार्थीले कक्षामा हप्तामा कम्तीमा एक पटक आफैँ डिजिटल उपकरण चलाउँछन् भन्ने, सबै उत्तरदातामध्ये।',
      fil: 'Mga tumugon sa pinakahuling round ng pambansang sarbey sa bisa ng pagsasanay na nagsasabing gumagamit mismo ng mga digital na device ang kanilang mga mag-aaral sa aralin linggu-linggo o mas madalas, sa lahat ng tumugon.',
    },
    numerator: {
      fact: 'survey_answered',
      surveyCode,
      questionKey: 'student_ict_frequency',
      values: ['weekly', 'daily'],
    },
    denominator: { fact: 'survey_respondents', surveyCode },
    factor: 'percent',
    disaggregations: ['sex', 'locality', 'school_type', 'org_level'],
    legend: { onTrack: 0.95, atRisk: 0.8 },
    objectiveId,
    meansOfVerification: {
      en: 'National survey of training effectiveness in Pathway',
      ru: 'Национальный опрос об эффективности обучения в Pathway',
      uz: 'Pathway’dagi o‘qitish samaradorligi bo‘yicha milliy so‘rovnoma',
      ne: 'Pathway मा तालिम प्रभावकारिता राष्ट्रिय सर्वेक्षण',
      fil: 'Pambansang sarbey sa bisa ng pagsasanay sa Pathway',
    },
  });
  // Created after the national rounds are answered (it names their questionnaire); targets rise to 2030.
  await setTargets(ctx, indicator.id, {
    unitId: places.nationId,
    baseline: null,
    targets: [2026, 2027, 2028, 2029, 2030].map((year, n) => ({ year, value: 45 + n * 10 })),
  });
}
