import { randomUUID } from 'node:crypto';
import * as plans from '../server/modules/practice/schoolplans.service.ts';
import {
  type ActionStatus,
  REVIEW_AREAS,
  REVIEW_STATEMENTS,
  type ReviewArea,
} from '../server/modules/practice/schoolreviews.constants.ts';
import * as reviewsRepo from '../server/modules/practice/schoolreviews.repo.ts';
import type { Ctx } from '../server/shared/context.ts';
import { newId, nowIso } from '../server/shared/ids.ts';
import { draws, REGION_PACE } from './demo-country.ts';

type Lang = 'en' | 'ru' | 'uz' | 'ne' | 'fil';
const LANGS: Lang[] = ['en', 'ru', 'uz', 'ne', 'fil'];

/** What a school writes, in the language its staff write in. */
interface PlanText {
  title: string;
  vision: string;
  goals: Partial<Record<ReviewArea, string>>;
  actions: { area: ReviewArea; title: string; resources: string; owner: string | null }[];
  progress: string[];
}

const TEXT: Record<Lang, PlanText> = {
  en: {
    title: 'Learning with ICT in every class',
    vision:
      'Our students use the school devices to investigate, create and share their work in every subject, and our teachers plan and learn together.',
    goals: {
      teaching_practice: 'Most observed lessons have students working with ICT in pairs or groups.',
      infrastructure_access: 'Every class can book devices and a working connection when a lesson needs them.',
      professional_learning: 'Every teacher takes part in a peer lesson study once a term.',
    },
    actions: [
      {
        area: 'infrastructure_access',
        title: 'Set up a booking sheet for the tablet trolley',
        resources: 'Tablet trolley, printed timetable',
        owner: null,
      },
      {
        area: 'professional_learning',
        title: 'Monthly lesson study in pairs of teachers',
        resources: 'One free period a month per pair',
        owner: 'ICT committee',
      },
      {
        area: 'teaching_practice',
        title: 'Each teacher designs and tries one student-centred ICT activity',
        resources: 'Activity design templates',
        owner: null,
      },
      {
        area: 'assessment_practice',
        title: 'Try quick digital checks for understanding in grades 5 to 7',
        resources: 'Quiz app on the tablets',
        owner: null,
      },
      {
        area: 'students_digital_competence',
        title: 'Online safety week for all grades',
        resources: 'Posters, parents meeting',
        owner: 'Student council',
      },
    ],
    progress: [
      'Booking sheet in use; most teachers have booked the trolley at least once. Lesson study started in two grades.',
      'Half of the teachers have tried their activity; connection problems in two rooms reported to the district.',
      'Lesson study continues; we will share the best activities with the partner college next term.',
    ],
  },
  ru: {
    title: 'Учимся с ИКТ в каждом классе',
    vision:
      'Наши ученики используют школьные устройства, чтобы исследовать, создавать и представлять свои работы по всем предметам, а учителя планируют и учатся вместе.',
    goals: {
      teaching_practice: 'На большинстве посещённых уроков ученики работают с ИКТ в парах или группах.',
      infrastructure_access:
        'Каждый класс может забронировать устройства и рабочее подключение, когда это нужно уроку.',
      professional_learning: 'Каждый учитель раз в четверть участвует в совместном изучении урока.',
    },
    actions: [
      {
        area: 'infrastructure_access',
        title: 'Завести график бронирования тележки с планшетами',
        resources: 'Тележка с планшетами, печатный график',
        owner: null,
      },
      {
        area: 'professional_learning',
        title: 'Ежемесячное изучение уроков в парах учителей',
        resources: 'Один свободный урок в месяц на пару',
        owner: 'Группа по ИКТ',
      },
      {
        area: 'teaching_practice',
        title: 'Каждый учитель разрабатывает и проводит одно ученико-ориентированное занятие с ИКТ',
        resources: 'Шаблоны разработки занятий',
        owner: null,
      },
      {
        area: 'assessment_practice',
        title: 'Попробовать быстрые цифровые проверки понимания в 5–7 классах',
        resources: 'Приложение для опросов на планшетах',
        owner: null,
      },
      {
        area: 'students_digital_competence',
        title: 'Неделя безопасности в интернете для всех классов',
        resources: 'Плакаты, родительское собрание',
        owner: 'Совет учащихся',
      },
    ],
    progress: [
      'График бронирования работает; большинство учителей хотя бы раз брали тележку. Изучение уроков началось в двух параллелях.',
      'Половина учителей провела своё занятие; о проблемах с подключением в двух кабинетах сообщено в район.',
      'Изучение уроков продолжается; лучшие занятия покажем колледжу-партнёру в следующей четверти.',
    ],
  },
  uz: {
    title: 'Har bir sinfda AKT bilan o‘qish',
    vision:
      'O‘quvchilarimiz barcha fanlarda maktab qurilmalaridan tadqiq qilish, yaratish va ishlarini taqdim etish uchun foydalanadi, o‘qituvchilarimiz esa birga rejalashtiradi va o‘rganadi.',
    goals: {
      teaching_practice: 'Kuzatilgan darslarning ko‘pchiligida o‘quvchilar AKT bilan juftlikda yoki guruhda ishlaydi.',
      infrastructure_access: 'Har bir sinf dars talab qilganda qurilma va ishlaydigan aloqani band qila oladi.',
      professional_learning: 'Har bir o‘qituvchi har chorakda bir marta darsni birgalikda o‘rganishda qatnashadi.',
    },
    actions: [
      {
        area: 'infrastructure_access',
        title: 'Planshet aravachasini band qilish jadvalini yo‘lga qo‘yish',
        resources: 'Planshet aravachasi, bosma jadval',
        owner: null,
      },
      {
        area: 'professional_learning',
        title: 'O‘qituvchilar juftligida har oy darsni o‘rganish',
        resources: 'Har juftlikka oyiga bitta bo‘sh soat',
        owner: 'AKT guruhi',
      },
      {
        area: 'teaching_practice',
        title: 'Har bir o‘qituvchi o‘quvchiga yo‘naltirilgan bitta AKT mashg‘ulotini ishlab chiqib sinaydi',
        resources: 'Mashg‘ulot loyihasi shablonlari',
        owner: null,
      },
      {
        area: 'assessment_practice',
        title: '5–7-sinflarda tushunishni tez raqamli tekshirishni sinab ko‘rish',
        resources: 'Planshetlardagi so‘rovnoma ilovasi',
        owner: null,
      },
      {
        area: 'students_digital_competence',
        title: 'Barcha sinflar uchun internet xavfsizligi haftaligi',
        resources: 'Plakatlar, ota-onalar yig‘ilishi',
        owner: 'O‘quvchilar kengashi',
      },
    ],
    progress: [
      'Band qilish jadvali ishlayapti; ko‘p o‘qituvchilar aravachani kamida bir marta olgan. Darsni o‘rganish ikki parallelda boshlandi.',
      'O‘qituvchilarning yarmi o‘z mashg‘ulotini o‘tkazdi; ikki xonadagi aloqa muammosi tumanga bildirildi.',
      'Darsni o‘rganish davom etmoqda; eng yaxshi mashg‘ulotlarni keyingi chorakda hamkor kollejga ko‘rsatamiz.',
    ],
  },
  ne: {
    title: 'हरेक कक्षामा आईसीटीसँग सिकाइ',
    vision:
      'हाम्रा विद्यार्थीले हरेक विषयमा विद्यालयका उपकरणबाट खोज्ने, बनाउने र आफ्नो काम बाँड्ने गर्छन्, र शिक्षकहरू सँगै योजना बनाउँछन् र सिक्छन्।',
    goals: {
      teaching_practice: 'अवलोकन गरिएका धेरैजसो पाठमा विद्यार्थी जोडी वा समूहमा आईसीटीसँग काम गर्छन्।',
      infrastructure_access: 'पाठलाई चाहिँदा हरेक कक्षाले उपकरण र चल्ने जडान बुक गर्न सक्छ।',
      professional_learning: 'हरेक शिक्षक त्रैमासमा एक पटक साथी-पाठ अध्ययनमा भाग लिन्छन्।',
    },
    actions: [
      {
        area: 'infrastructure_access',
        title: 'ट्याब्लेट ट्रलीको बुकिङ तालिका बनाउने',
        resources: 'ट्याब्लेट ट्रली, छापिएको तालिका',
        owner: null,
      },
      {
        area: 'professional_learning',
        title: 'शिक्षकका जोडीमा मासिक पाठ अध्ययन',
        resources: 'हरेक जोडीलाई महिनामा एक खाली घण्टी',
        owner: 'आईसीटी समिति',
      },
      {
        area: 'teaching_practice',
        title: 'हरेक शिक्षकले एउटा विद्यार्थीकेन्द्रित आईसीटी क्रियाकलाप बनाएर प्रयोग गर्ने',
        resources: 'क्रियाकलाप डिजाइनका नमुना',
        owner: null,
      },
      {
        area: 'assessment_practice',
        title: 'कक्षा ५ देखि ७ मा बुझाइको छिटो डिजिटल जाँच प्रयोग गर्ने',
        resources: 'ट्याब्लेटमा प्रश्नोत्तरी एप',
        owner: null,
      },
      {
        area: 'students_digital_competence',
        title: 'सबै कक्षाका लागि अनलाइन सुरक्षा सप्ताह',
        resources: 'पोस्टर, अभिभावक भेला',
        owner: 'विद्यार्थी परिषद्',
      },
    ],
    progress: [
      'बुकिङ तालिका चलिरहेको छ; धेरैजसो शिक्षकले कम्तीमा एक पटक ट्रली लिएका छन्। दुई कक्षामा पाठ अध्ययन सुरु भयो।',
      'आधा शिक्षकले आफ्नो क्रियाकलाप प्रयोग गरे; दुई कोठाको जडान समस्या जिल्लामा जानकारी गराइयो।',
      'पाठ अध्ययन जारी छ; उत्कृष्ट क्रियाकलाप अर्को त्रैमासमा साझेदार क्याम्पससँग बाँड्नेछौँ।',
    ],
  },
  fil: {
    title: 'Pagkatuto gamit ang ICT sa bawat klase',
    vision:
      'Ginagamit ng aming mga mag-aaral ang mga device ng paaralan para magsiyasat, lumikha at magbahagi ng gawa sa bawat asignatura, at sabay na nagpaplano at natututo ang aming mga guro.',
    goals: {
      teaching_practice:
        'Sa karamihan ng naobserbahang aralin, nagtutulungan ang mga mag-aaral gamit ang ICT nang dalawahan o pangkatan.',
      infrastructure_access:
        'Makapagrereserba ang bawat klase ng device at gumaganang koneksiyon kapag kailangan ng aralin.',
      professional_learning: 'Lumalahok ang bawat guro sa lesson study kasama ang kapwa guro minsan bawat termino.',
    },
    actions: [
      {
        area: 'infrastructure_access',
        title: 'Gumawa ng talaan ng reserbasyon para sa tablet trolley',
        resources: 'Tablet trolley, nakalimbag na iskedyul',
        owner: null,
      },
      {
        area: 'professional_learning',
        title: 'Buwanang lesson study ng magkapares na guro',
        resources: 'Isang bakanteng oras bawat buwan sa bawat pares',
        owner: 'Komite sa ICT',
      },
      {
        area: 'teaching_practice',
        title: 'Bawat guro ay magdidisenyo at susubok ng isang gawaing nakasentro sa mag-aaral gamit ang ICT',
        resources: 'Mga template ng disenyo ng gawain',
        owner: null,
      },
      {
        area: 'assessment_practice',
        title: 'Subukan ang mabilisang digital na pagsusuri ng pag-unawa sa baitang 5 hanggang 7',
        resources: 'Quiz app sa mga tablet',
        owner: null,
      },
      {
        area: 'students_digital_competence',
        title: 'Linggo ng kaligtasan online para sa lahat ng baitang',
        resources: 'Mga poster, pulong ng mga magulang',
        owner: 'Konseho ng mag-aaral',
      },
    ],
    progress: [
      'Ginagamit na ang talaan ng reserbasyon; nakahiram na ng trolley ang karamihan ng guro. Nagsimula ang lesson study sa dalawang baitang.',
      'Nasubukan na ng kalahati ng mga guro ang kanilang gawain; naiulat sa distrito ang problema sa koneksiyon sa dalawang silid.',
      'Nagpapatuloy ang lesson study; ibabahagi namin ang pinakamahusay na gawain sa katuwang na kolehiyo sa susunod na termino.',
    ],
  },
};

/** How a school stands in each area before its plan: leadership ahead, devices and assessment behind. */
const AREA_SHIFT: Record<ReviewArea, number> = {
  leadership_vision: 0.3,
  infrastructure_access: -0.4,
  professional_learning: 0.1,
  teaching_practice: -0.1,
  assessment_practice: -0.3,
  students_digital_competence: 0,
};

const LAST_YEAR_REVIEW = { opensOn: '2025-10-01', closesOn: '2025-10-21' };
const TERM_REVIEWS = ['2026-01-23', '2026-04-10', '2026-06-26', '2026-11-13'];

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const clampScore = (v: number) => Math.min(4, Math.max(1, Math.round(v)));

/** Schools that review themselves and plan: every school at demo sizes (up to 100,000 teachers), a sample beyond. */
const SAMPLED_SCHOOLS = 2500;

/**
 * School self-reviews and ICT plans across the regions, at each region's pace: most schools of a
 * fast region reviewed themselves last autumn (answered by most of their teachers, at least 5,
 * with answers spread around the school's level and lower for devices and assessment) and wrote a
 * plan from it (most now active with termly progress reviews, some still drafts, some replacing an
 * archived earlier plan); a slow region has few. Some schools have a review open now with part of
 * the staff answered. Plan text is in the language the school writes in. Amberfield School No. 1
 * (the demo leader's) has last year's review and plan archived, so its leader starts a new cycle.
 */
export async function seedSchoolPlans(ctx: Ctx) {
  const today = nowIso().slice(0, 10);
  const schools = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'code', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('type', '=', 'school')
    .orderBy('path')
    .execute();
  const teachers = await ctx.db
    .selectFrom('person')
    .select(['id', 'org_unit_id'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '=', 'teacher')
    .orderBy('sort_name')
    .orderBy('id')
    .execute();
  const teachersAt = new Map<string, string[]>();
  for (const t of teachers) teachersAt.set(t.org_unit_id, [...(teachersAt.get(t.org_unit_id) ?? []), t.id]);
  let reviewsMade = 0;
  let plansMade = 0;

  // A benchmark's country of 25,000 schools takes part through an evenly spread SAMPLED_SCHOOLS.
  const stride = Math.max(1, Math.ceil(schools.length / SAMPLED_SCHOOLS));
  for (const [s, school] of schools.entries()) {
    const [, region, , number] = /^R(\d+)-D(\d+)-S(\d+)$/.exec(school.code ?? '') ?? [];
    if (!region || (s % stride !== 0 && school.code !== 'R1-D1-S1')) continue;
    const r = Number(region) - 1;
    const pace = REGION_PACE[r % REGION_PACE.length]!;
    const draw = draws(9000 + s);
    const staff = teachersAt.get(school.id) ?? [];
    const demoSchool = school.code === 'R1-D1-S1';
    const lang = LANGS[(r + Number(number)) % LANGS.length]!;
    const level = 1.2 + pace * 2.1 + (draw() - 0.5) * 0.6;

    const reviewed = staff.length >= 5 && (demoSchool || draw() < pace * 0.95);
    let reviewId: string | null = null;
    if (reviewed && LAST_YEAR_REVIEW.closesOn < today) {
      reviewId = await seedReview(ctx, school.id, LAST_YEAR_REVIEW, staff, level, draw, 0.75);
      reviewsMade++;
    }
    if (reviewId) {
      const v = draw();
      const kind = demoSchool ? 'archived' : v < 0.15 ? 'draft' : v < 0.8 ? 'active' : 'renewed';
      plansMade += await seedPlan(ctx, school.id, reviewId, kind, lang, staff, draw, today);
    }
    // A review open now, with part of the staff answered so far.
    if (!demoSchool && staff.length >= 5 && draw() < 0.2) {
      await seedReview(
        ctx,
        school.id,
        { opensOn: addDays(today, -4), closesOn: addDays(today, 14) },
        staff,
        level + 0.3,
        draw,
        0.5,
      );
      reviewsMade++;
    }
  }
  return { reviews: reviewsMade, plans: plansMade };
}

/**
 * A review answered by a share of the staff (at least 5). Written to the tables directly, as the
 * service would write each answer, because the review's window is already past.
 */
async function seedReview(
  ctx: Ctx,
  schoolId: string,
  window: { opensOn: string; closesOn: string },
  staff: string[],
  level: number,
  draw: () => number,
  share: number,
) {
  const id = newId();
  await reviewsRepo.insertReview(ctx.db, {
    tenant_id: ctx.tenantId,
    id,
    school_id: schoolId,
    opens_on: window.opensOn,
    closes_on: window.closesOn,
    closed_at: null,
    opened_by_account_id: null,
    created_at: `${window.opensOn}T07:30:00.000Z`,
  });
  let answering = staff.filter(() => draw() < share);
  if (answering.length < 5) answering = staff.slice(0, 5);
  const answers = [];
  for (const personId of answering) {
    await reviewsRepo.insertRespondent(ctx.db, {
      tenant_id: ctx.tenantId,
      review_id: id,
      person_id: personId,
      respondent_group: 'teacher',
    });
    const bias = (draw() - 0.5) * 0.8;
    for (const area of REVIEW_AREAS)
      for (const statement of REVIEW_STATEMENTS[area])
        answers.push({
          tenant_id: ctx.tenantId,
          id: randomUUID(),
          review_id: id,
          statement_code: statement,
          respondent_group: 'teacher',
          score: clampScore(level + AREA_SHIFT[area] + bias + (draw() - 0.5) * 1.6),
        });
  }
  // Stored in random-id order, as answers come in one by one in no order a reader can use.
  answers.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (let i = 0; i < answers.length; i += 400) await reviewsRepo.insertAnswers(ctx.db, answers.slice(i, i + 400));
  return id;
}

const STEP: Record<ActionStatus, ActionStatus> = {
  planned: 'in_progress',
  in_progress: 'done',
  done: 'done',
  dropped: 'dropped',
};

async function seedPlan(
  ctx: Ctx,
  schoolId: string,
  reviewId: string,
  kind: 'draft' | 'active' | 'renewed' | 'archived',
  lang: Lang,
  staff: string[],
  draw: () => number,
  today: string,
): Promise<number> {
  const text = TEXT[lang];
  const [options] = await Promise.all([plans.planOptions(ctx, schoolId)]);
  const partnershipId = options.partnerships[0]?.id ?? null;
  const developmentPlanIds = options.developmentPlans.slice(0, 1 + Math.floor(draw() * 3)).map((d) => d.id);
  const body = (periodStart: string, periodEnd: string, title: string) => ({
    schoolId,
    reviewId,
    title,
    periodStart,
    periodEnd,
    vision: text.vision,
    goals: text.goals,
    partnershipId,
    developmentPlanIds,
    actions: text.actions
      .filter(() => draw() < 0.85)
      .map((a, i) => ({
        area: a.area,
        title: a.title,
        ownerPersonId: a.owner ? null : staff[(i * 3) % staff.length]!,
        ownerText: a.owner,
        dueOn: addDays(periodStart, 90 + i * 75),
        status: 'planned' as const,
        resources: a.resources,
      })),
  });
  let made = 0;
  if (kind === 'renewed' || kind === 'archived') {
    const earlier = await plans.createPlan(ctx, {
      ...body('2023-09-01', '2025-08-31', `${text.title} 2023–2025`),
      reviewId: null,
    });
    await plans.setPlanStatus(ctx, earlier.id, 'active');
    await progressReviews(ctx, earlier.id, ['2024-01-19', '2024-06-21', '2025-06-20'], text, draw);
    await plans.setPlanStatus(ctx, earlier.id, 'archived');
    made++;
    if (kind === 'archived') {
      const lastYear = await plans.createPlan(ctx, body('2025-11-01', '2026-08-31', `${text.title} 2025–2026`));
      await plans.setPlanStatus(ctx, lastYear.id, 'active');
      await progressReviews(ctx, lastYear.id, TERM_REVIEWS.filter((d) => d <= today).slice(0, 3), text, draw);
      await plans.setPlanStatus(ctx, lastYear.id, 'archived');
      return made + 1;
    }
  }
  const plan = await plans.createPlan(ctx, body('2025-11-01', '2028-08-31', `${text.title} 2025–2028`));
  made++;
  if (kind === 'draft') return made;
  await plans.setPlanStatus(ctx, plan.id, 'active');
  const terms = TERM_REVIEWS.filter((d) => d <= today && draw() < 0.9);
  await progressReviews(ctx, plan.id, terms, text, draw);
  return made;
}

/** Termly progress reviews: each moves some actions one step on (a few are dropped). */
async function progressReviews(ctx: Ctx, planId: string, days: string[], text: PlanText, draw: () => number) {
  for (const [i, reviewedOn] of days.entries()) {
    const plan = await plans.getPlan(ctx, planId);
    await plans.recordProgress(ctx, planId, {
      reviewedOn,
      note: text.progress[i % text.progress.length]!,
      actions: plan.actions.map((a) => ({
        actionId: a.id,
        status: draw() < 0.04 && a.status !== 'done' ? 'dropped' : draw() < 0.55 ? STEP[a.status] : a.status,
      })),
    });
  }
}
