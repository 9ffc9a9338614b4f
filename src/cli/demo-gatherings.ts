import * as communities from '../server/modules/community/communities.service.ts';
import * as reviews from '../server/modules/community/competitions.reviews.ts';
import * as competitions from '../server/modules/community/competitions.service.ts';
import * as events from '../server/modules/community/events.service.ts';
import * as threads from '../server/modules/community/threads.service.ts';
import type { Grant, Role } from '../server/shared/access.ts';
import type { Ctx } from '../server/shared/context.ts';
import { todayIso } from '../server/shared/ids.ts';
import { type ActiveTeacher, draws } from './demo-country.ts';

const as = (ctx: Ctx, personId: string): Ctx => ({
  ...ctx,
  actor: { ...ctx.actor, system: false, personId, accountId: null },
});

type Text = Record<'en' | 'ru' | 'uz' | 'ne' | 'fil', string>;

const DAY = 86_400_000;
/** A day `days` from today, as YYYY-MM-DD. */
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
/** A moment on a day from today, in Meridia's time (UTC+05:00). */
const at = (days: number, time: string) => `${dayFrom(days)}T${time}:00+05:00`;

/** A demo sign-in acting with its own roles (an officer organises, a ministry officer runs a call). */
async function signedIn(ctx: Ctx, username: string): Promise<Ctx | null> {
  const rows = await ctx.db
    .selectFrom('user_account as a')
    .innerJoin('role_assignment as r', (j) =>
      j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.account_id', '=', 'a.id'),
    )
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.org_unit_id'))
    .select(['a.id as accountId', 'a.person_id as personId', 'r.role', 'r.org_unit_id', 'u.path'])
    .where('a.tenant_id', '=', ctx.tenantId)
    .where('a.username', '=', username)
    .execute();
  const first = rows[0];
  if (!first) return null;
  const grants: Grant[] = rows.map((r) => ({ role: r.role as Role, orgUnitId: r.org_unit_id, orgUnitPath: r.path }));
  return {
    ...ctx,
    actor: { accountId: first.accountId, personId: first.personId, username, grants, system: false },
  };
}

async function unitByCode(ctx: Ctx, code: string) {
  return ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Subject communities: one per region for the first two regions, threads written in the region's languages. */
const COMMUNITIES: {
  region: number;
  subject: string;
  /** Teachers of this subject (their place in the seed, modulo the subjects) join first. */
  subjectIndex: number;
  name: string;
  description: string;
  threads: { title: string; body: string; replies: string[] }[];
}[] = [
  {
    region: 0,
    subject: 'Science',
    subjectIndex: 1,
    name: 'Science teachers · Northern Highlands',
    description:
      'Experiments with tablets and sensors, data the class collects itself, and what worked in our classrooms.',
    threads: [
      {
        title: 'Measuring rainfall with a shared spreadsheet',
        body: 'My grade 6 class recorded rain and temperature for two weeks in one shared sheet. The charts they made were better than any textbook picture. Has anyone tried it with a phone sensor app?',
        replies: [
          'Мы делали то же самое в 7 классе, но с фотографиями облаков каждое утро. Дети сами нашли связь с осадками.',
          'हामीले पनि यही गर्‍यौं। बिजुली नहुने दिन कागजमा लेखेर पछि तालिकामा सार्‍यौं।',
          'Sinab ko‘rdim — @{mention} ning tajribasi juda foydali bo‘ldi. Keyingi oy o‘zim ham sinab ko‘raman.',
        ],
      },
      {
        title: 'Тест по теме «Вода» на планшетах: делюсь',
        body: 'Составила короткий тест из десяти вопросов с картинками колодцев нашего села. Ученики проходят его в парах, ответы видны мне сразу. Могу прислать файл.',
        replies: [
          'Salamat po! Ginamit ko ito sa Grade 7 kahapon, at mas nakinig ang mga bata dahil kilala nila ang mga larawan.',
          'Please share it in the library so the whole district can find it. @{mention} did the same with the weather diary.',
        ],
      },
      {
        title: 'विज्ञान प्रयोगशाला बिना प्रयोग: भिडियो कसरी प्रयोग गर्ने?',
        body: 'हाम्रो विद्यालयमा प्रयोगशाला छैन। भिडियो देखाएर विद्यार्थीलाई अनुमान गर्न लगाउँछु, अनि घरमा सजिलो सामग्रीले प्रयोग दोहोर्‍याउँछन्। अरूले कसरी गर्नुहुन्छ?',
        replies: [
          'I pause the video before the result and ask each pair to write a prediction first. It turns watching into thinking.',
          'Biz ham shunday qilamiz. Videodan keyin o‘quvchilar natijani o‘z daftarlariga chizadi.',
        ],
      },
    ],
  },
  {
    region: 1,
    subject: 'Mathematics',
    subjectIndex: 0,
    name: 'Matematika o‘qituvchilari · Daryo tekisliklari',
    description:
      'Mathematics teachers of River Plains: geometry software, graphs from real data, pair work with one device.',
    threads: [
      {
        title: 'Geometriya: dinamik chizmalar bilan birinchi dars',
        body: 'Bugun 8-sinfda birinchi marta dinamik geometriya dasturidan foydalandim. O‘quvchilar uchburchak burchaklarini o‘zlari o‘lchab, yig‘indisini topdilar. Kim qanday topshiriqlar beradi?',
        replies: [
          'Great start! I ask them to drag a vertex and say what stays the same. @{mention} has a worksheet for that.',
          'Ginawa ko rin ito. Mas madali kapag magkapares ang mga bata sa iisang tablet: isa ang gumagalaw, isa ang nagtatala.',
        ],
      },
      {
        title: 'Graphs from our own data: heights in the class',
        body: 'Grade 5 measured each other, entered the numbers and drew a bar chart. The discussion about the tallest bar being "not fair" was the best part of the lesson.',
        replies: [
          'Отличная идея. Мы так измеряли время дороги до школы — получилась целая дискуссия о транспорте.',
          'हामीले पनि कक्षामा यो गर्‍यौं। विद्यार्थीहरू आफ्नै तथ्याङ्क देखेर धेरै उत्साहित भए।',
          'Salamat sa ideya, @{mention}. Susubukan ko ito sa susunod na linggo.',
        ],
      },
    ],
  },
];

const SEMINAR: { title: Text; description: Text; agenda: { time: string; title: Text; presenter?: string }[] } = {
  title: {
    en: 'Regional seminar: ICT in the science classroom',
    ru: 'Региональный семинар: ИКТ на уроках естествознания',
    uz: 'Viloyat seminari: tabiiy fanlar darsida AKT',
    ne: 'क्षेत्रीय गोष्ठी: विज्ञान कक्षामा सूचना प्रविधि',
    fil: 'Panrehiyong seminar: ICT sa klase ng agham',
  },
  description: {
    en: 'Teachers of the region share lessons where students collect and analyse their own data.',
    ru: 'Учителя региона делятся уроками, на которых ученики сами собирают и анализируют данные.',
    uz: 'Viloyat o‘qituvchilari o‘quvchilar ma’lumotni o‘zlari to‘plab tahlil qiladigan darslari bilan o‘rtoqlashadi.',
    ne: 'क्षेत्रका शिक्षकले विद्यार्थी आफैंले तथ्याङ्क सङ्कलन र विश्लेषण गर्ने पाठ बाँड्छन्।',
    fil: 'Ibinabahagi ng mga guro ng rehiyon ang mga araling nangangalap at nagsusuri ng sariling datos ang mga mag-aaral.',
  },
  agenda: [
    {
      time: '09:00',
      title: {
        en: 'Opening and the year in figures',
        ru: 'Открытие и итоги года в цифрах',
        uz: 'Ochilish va yil yakunlari raqamlarda',
        ne: 'उद्घाटन र वर्षको तथ्याङ्क',
        fil: 'Pagbubukas at ang taon sa mga numero',
      },
    },
    {
      time: '10:00',
      title: {
        en: 'Three lessons, three schools',
        ru: 'Три урока, три школы',
        uz: 'Uch dars, uch maktab',
        ne: 'तीन पाठ, तीन विद्यालय',
        fil: 'Tatlong aralin, tatlong paaralan',
      },
    },
    {
      time: '14:00',
      title: {
        en: 'Planning next term’s support',
        ru: 'Планирование поддержки на следующий семестр',
        uz: 'Keyingi chorak uchun yordamni rejalashtirish',
        ne: 'अर्को सत्रको सहयोग योजना',
        fil: 'Pagpaplano ng suporta sa susunod na termino',
      },
    },
  ],
};

const POLICY: { title: Text; description: Text } = {
  title: {
    en: 'National policy meeting: the ICT competency standard, year two',
    ru: 'Национальное совещание: стандарт ИКТ-компетентности, второй год',
    uz: 'Milliy yig‘ilish: AKT kompetensiyasi standarti, ikkinchi yil',
    ne: 'राष्ट्रिय नीति बैठक: सूचना प्रविधि दक्षता मापदण्ड, दोस्रो वर्ष',
    fil: 'Pambansang pulong sa patakaran: pamantayan sa kakayahang ICT, ikalawang taon',
  },
  description: {
    en: 'Regional and district officers review the first year’s results and agree the priorities for training and grants.',
    ru: 'Региональные и районные специалисты обсуждают итоги первого года и согласуют приоритеты обучения и грантов.',
    uz: 'Viloyat va tuman mutaxassislari birinchi yil natijalarini ko‘rib chiqib, o‘qitish va grantlar ustuvorliklarini kelishadi.',
    ne: 'क्षेत्रीय र जिल्ला अधिकारीहरूले पहिलो वर्षको नतिजा हेरी तालिम र अनुदानका प्राथमिकता तय गर्छन्।',
    fil: 'Sinusuri ng mga opisyal ng rehiyon at distrito ang resulta ng unang taon at pinagkakasunduan ang mga prayoridad.',
  },
};

const WORKSHOP: { title: Text; description: Text } = {
  title: {
    en: 'District workshop: project-based learning with tablets',
    ru: 'Районный практикум: проектное обучение с планшетами',
    uz: 'Tuman amaliy mashg‘uloti: planshetlar bilan loyihaga asoslangan ta’lim',
    ne: 'जिल्ला कार्यशाला: ट्याब्लेटसँग परियोजनामा आधारित सिकाइ',
    fil: 'Workshop ng distrito: pagkatutong batay sa proyekto gamit ang tablet',
  },
  description: {
    en: 'A hands-on day: plan a four-week project with your class and leave with a ready first lesson.',
    ru: 'Практический день: спланируйте четырёхнедельный проект с классом и уйдите с готовым первым уроком.',
    uz: 'Amaliy kun: sinfingiz bilan to‘rt haftalik loyihani rejalashtiring va tayyor birinchi dars bilan keting.',
    ne: 'व्यावहारिक दिन: आफ्नो कक्षासँग चार हप्ताको परियोजना योजना बनाउनुहोस् र पहिलो पाठ तयार पारेर जानुहोस्।',
    fil: 'Isang araw ng praktika: magplano ng apat na linggong proyekto at umuwi na may handang unang aralin.',
  },
};

const CALL: { title: Text; theme: Text; description: Text } = {
  title: {
    en: 'Small grants for project-based learning 2026',
    ru: 'Малые гранты на проектное обучение 2026',
    uz: 'Loyihaviy ta’lim uchun kichik grantlar 2026',
    ne: 'परियोजनामा आधारित सिकाइका लागि साना अनुदान २०२६',
    fil: 'Maliliit na grant para sa pagkatutong batay sa proyekto 2026',
  },
  theme: {
    en: 'Students investigate their own community with ICT',
    ru: 'Ученики исследуют своё сообщество с помощью ИКТ',
    uz: 'O‘quvchilar AKT yordamida o‘z mahallasini o‘rganadi',
    ne: 'विद्यार्थीले सूचना प्रविधिको सहायताले आफ्नो समुदाय अध्ययन गर्छन्',
    fil: 'Sinisiyasat ng mga mag-aaral ang sariling komunidad gamit ang ICT',
  },
  description: {
    en: 'Teams of teachers from one or more schools propose a term-long project; grants buy devices, data and materials.',
    ru: 'Команды учителей одной или нескольких школ предлагают проект на четверть; гранты покрывают устройства, связь и материалы.',
    uz: 'Bir yoki bir nechta maktab o‘qituvchilari jamoasi chorak davomidagi loyihani taklif qiladi; grant qurilma, internet va materiallarga.',
    ne: 'एक वा धेरै विद्यालयका शिक्षक टोलीले एक सत्रको परियोजना प्रस्ताव गर्छन्; अनुदानले उपकरण, डेटा र सामग्री किन्छ।',
    fil: 'Nagmumungkahi ang mga pangkat ng guro ng proyektong tatagal ng isang termino; pambili ng device, data at materyales ang grant.',
  },
};

const RUBRIC = [
  {
    key: 'learning',
    title: {
      en: 'Students’ learning',
      ru: 'Обучение учеников',
      uz: 'O‘quvchilar ta’limi',
      ne: 'विद्यार्थीको सिकाइ',
      fil: 'Pagkatuto ng mag-aaral',
    },
    weight: 50,
    maxScore: 10,
  },
  {
    key: 'feasibility',
    title: { en: 'Feasibility', ru: 'Выполнимость', uz: 'Amalga oshirish', ne: 'सम्भाव्यता', fil: 'Pagiging posible' },
    weight: 30,
    maxScore: 10,
  },
  {
    key: 'sharing',
    title: {
      en: 'Sharing with others',
      ru: 'Распространение опыта',
      uz: 'Tajriba almashish',
      ne: 'अरूसँग बाँडफाँड',
      fil: 'Pagbabahagi sa iba',
    },
    weight: 20,
    maxScore: 10,
  },
];

const APPLICATIONS = [
  {
    title: 'Water of our village: mapping wells with tablets',
    summary: 'Grade 7 students locate, photograph and test the village wells and present a map to the council.',
    plan: 'Weeks 1-2: training on the mapping app. Weeks 3-6: field work in groups. Weeks 7-8: analysis and a public presentation.',
    budget: 18_000_000,
  },
  {
    title: 'Цены на рынке: математика на местном базаре',
    summary: 'Ученики 6 класса собирают цены на рынке, строят графики и обсуждают, почему цены меняются.',
    plan: 'Неделя 1: план сбора данных. Недели 2-5: еженедельные наблюдения. Недели 6-8: графики, выводы и выставка в школе.',
    budget: 12_000_000,
  },
  {
    title: 'हाम्रो गाउँको इतिहास: डिजिटल कथा',
    summary: 'विद्यार्थीले गाउँका बुढापाकासँग अन्तर्वार्ता लिएर अडियो र फोटोसहित डिजिटल कथा बनाउँछन्।',
    plan: 'पहिलो महिना: अन्तर्वार्ता तालिम र रेकर्डिङ। दोस्रो महिना: सम्पादन र विद्यालयमा प्रदर्शन।',
    budget: 15_000_000,
  },
];

/**
 * The gatherings of a country after a year: subject communities with conversations in several languages,
 * the running offering's cohort, a regional seminar with its minutes and follow-up, an upcoming national
 * policy meeting and district workshop, and a PBL grant call reviewed and decided.
 */
export async function seedGatherings(ctx: Ctx, teachers: ActiveTeacher[]) {
  const result = { communities: 0, posts: 0, events: 0, applications: 0 };
  if (teachers.length < 8) return result;
  const draw = draws(7717);
  // Each person posts at most four times: the posting limits (5 a minute) hold while the seed runs.
  const posted = new Map<string, number>();
  const canPost = (id: string) => (posted.get(id) ?? 0) < 4;
  const post = (id: string) => {
    posted.set(id, (posted.get(id) ?? 0) + 1);
    result.posts++;
  };

  for (const spec of COMMUNITIES) {
    const region = await unitByCode(ctx, `R${spec.region + 1}`);
    const local = teachers.filter((t) => t.region === spec.region);
    const members = [
      ...local.filter((t) => t.n % 6 === spec.subjectIndex),
      ...local.filter((t) => t.n % 6 !== spec.subjectIndex),
    ].slice(0, 14);
    if (!region || members.length < 6) continue;
    const owner = as(ctx, members[0]!.id);
    const community = await communities.createCommunity(owner, {
      kind: 'subject',
      name: spec.name,
      description: spec.description,
      access: 'open',
      unitId: region.id,
      subject: spec.subject,
    });
    result.communities++;
    for (const m of members.slice(1)) await communities.join(as(ctx, m.id), community.id);
    let k = 1;
    const next = () => {
      for (let tries = 0; tries < members.length; tries++) {
        const m = members[k++ % members.length]!;
        if (canPost(m.id)) return m.id;
      }
      return null;
    };
    for (const t of spec.threads) {
      const authorId = next();
      if (!authorId) break;
      const page = await threads.createThread(as(ctx, authorId), community.id, {
        title: t.title,
        body: t.body,
        resourceIds: [],
      });
      post(authorId);
      const opening = page.posts[0]!;
      for (const body of t.replies) {
        const replierId = next();
        if (!replierId) break;
        // A mention names a colleague who took part: the thread's author.
        const text = body.replace('@{mention}', `@{${authorId === replierId ? members[0]!.id : authorId}}`);
        const reply = await threads.reply(as(ctx, replierId), page.thread.id, { body: text, resourceIds: [] });
        post(replierId);
        if (draw() < 0.5) await threads.react(as(ctx, authorId), reply.id, 'thanks', true);
      }
      // A couple of colleagues react to the opening post.
      for (const m of members.slice(2, 2 + 1 + Math.floor(draw() * 3)))
        if (m.id !== authorId)
          await threads.react(as(ctx, m.id), opening.id, draw() < 0.5 ? 'like' : 'insightful', true);
    }
  }

  // The running offering's cohort: the trainer welcomes the group and a teacher answers.
  const demoTrainer = await signedIn(ctx, 'trainer');
  const offerings = await ctx.db
    .selectFrom('training_offering as o')
    .innerJoin('training_offering_trainer as tr', (j) =>
      j.onRef('tr.tenant_id', '=', 'o.tenant_id').onRef('tr.offering_id', '=', 'o.id'),
    )
    .innerJoin('training_enrolment as e', (j) =>
      j.onRef('e.tenant_id', '=', 'o.tenant_id').onRef('e.offering_id', '=', 'o.id'),
    )
    .select(['o.id', 'tr.person_id as trainerId', 'o.start_date'])
    .select((eb) => eb.fn.min('e.person_id').as('learnerId'))
    .where('o.tenant_id', '=', ctx.tenantId)
    .where('e.status', '=', 'enrolled')
    .where('o.end_date', '>=', todayIso())
    .groupBy(['o.id', 'tr.person_id', 'o.start_date'])
    .orderBy('o.start_date')
    .orderBy('o.id')
    .limit(50)
    .execute();
  // The demo trainer's current run if there is one, otherwise the soonest running or upcoming one.
  const offering = offerings.find((o) => o.trainerId === demoTrainer?.actor.personId) ?? offerings[0];
  const demoTeacher = await signedIn(ctx, 'teacher');
  if (offering) {
    const cohort = await communities.offeringCommunity(ctx, offering.id);
    result.communities++;
    const learners = cohort.members.filter((m) => m.role === 'member').map((m) => m.id);
    const learnerId =
      learners.find((id) => id === demoTeacher?.actor.personId) ?? learners.find(canPost) ?? offering.learnerId;
    if (canPost(offering.trainerId)) {
      const page = await threads.createThread(as(ctx, offering.trainerId), cohort.id, {
        title: 'Welcome to the course',
        body: 'Welcome, everyone! Introduce yourself here: your school, your subject and one thing you want to try with ICT this term. Our first session starts with your own lesson ideas.',
        resourceIds: [],
      });
      post(offering.trainerId);
      if (learnerId && learnerId !== offering.trainerId && canPost(learnerId)) {
        await threads.reply(as(ctx, learnerId), page.thread.id, {
          body: 'Thank you! I teach grade 6 science here in Amberfield. This term I want my class to collect weather data in a shared spreadsheet.',
          resourceIds: [],
        });
        post(learnerId);
        await threads.react(as(ctx, learnerId), page.posts[0]!.id, 'like', true);
      }
    }
  }

  // Events, organised by the demo's officers with their own roles.
  const regional = await signedIn(ctx, 'regional');
  const district = await signedIn(ctx, 'district');
  const ministry = await signedIn(ctx, 'ministry');
  const region1 = await unitByCode(ctx, 'R1');
  const district1 = await unitByCode(ctx, 'R1-D1');
  if (regional && region1) {
    const seminar = await events.createEvent(regional, {
      kind: 'regional_seminar',
      title: SEMINAR.title,
      description: SEMINAR.description,
      unitId: region1.id,
      startsAt: at(-60, '09:00'),
      endsAt: at(-60, '16:00'),
      place: 'Northern Highlands Teacher College, main hall',
      agenda: SEMINAR.agenda,
      registrationOpen: false,
    });
    result.events++;
    const invited = teachers.filter((t) => t.region === 0).slice(0, 10);
    await events.invite(regional, seminar.id, {
      personIds: invited.map((t) => t.id),
      guests: [{ email: 'science.adviser@example.org', name: 'Science adviser, partner university' }],
    });
    await events.recordAttendance(regional, seminar.id, {
      people: invited.map((t, i) => ({ personId: t.id, attended: i % 5 !== 4 })),
      guests: [{ email: 'science.adviser@example.org', attended: true }],
    });
    await events.recordMinutes(regional, seminar.id, {
      minutes: {
        en: 'Three schools showed lessons where students collected their own data. Teachers asked for sensor kits and for time to plan together.',
        ru: 'Три школы показали уроки, где ученики сами собирали данные. Учителя попросили наборы датчиков и время на совместное планирование.',
        uz: 'Uch maktab o‘quvchilar ma’lumotni o‘zlari to‘plagan darslarni ko‘rsatdi. O‘qituvchilar sensor to‘plamlari va birgalikda rejalashtirish vaqtini so‘radi.',
        ne: 'तीन विद्यालयले विद्यार्थी आफैंले तथ्याङ्क सङ्कलन गरेका पाठ देखाए। शिक्षकले सेन्सर किट र सँगै योजना बनाउने समय मागे।',
        fil: 'Tatlong paaralan ang nagpakita ng araling nangalap ng sariling datos ang mga mag-aaral. Humiling ang mga guro ng sensor kit at oras sa sama-samang pagpaplano.',
      },
      outcomes: {
        en: 'A regional science community online; sensor kits for district resource centres.',
        ru: 'Региональное сообщество учителей естествознания онлайн; наборы датчиков для районных ресурсных центров.',
        uz: 'Onlayn viloyat tabiiy fanlar hamjamiyati; tuman resurs markazlari uchun sensor to‘plamlari.',
        ne: 'अनलाइन क्षेत्रीय विज्ञान समुदाय; जिल्ला स्रोत केन्द्रका लागि सेन्सर किट।',
        fil: 'Panrehiyong online na komunidad ng agham; sensor kit para sa mga resource centre ng distrito.',
      },
    });
    const decided = await events.addDecision(regional, seminar.id, {
      en: 'Each district resource centre lends a set of science sensor kits to schools from next term.',
      ru: 'С нового семестра каждый районный ресурсный центр выдаёт школам наборы датчиков.',
      uz: 'Keyingi chorakdan har bir tuman resurs markazi maktablarga sensor to‘plamlarini beradi.',
      ne: 'अर्को सत्रदेखि हरेक जिल्ला स्रोत केन्द्रले विद्यालयलाई विज्ञान सेन्सर किट उपलब्ध गराउँछ।',
      fil: 'Mula sa susunod na termino, magpapahiram ang bawat resource centre ng distrito ng sensor kit sa mga paaralan.',
    });
    const decisionId = decided.decisions?.[0]?.id;
    const ownerId = district?.actor.personId ?? regional.actor.personId!;
    const done = await events.addAction(regional, seminar.id, {
      title: {
        en: 'Open the regional science community',
        ru: 'Открыть региональное сообщество учителей естествознания',
        uz: 'Viloyat tabiiy fanlar hamjamiyatini ochish',
        ne: 'क्षेत्रीय विज्ञान समुदाय सुरु गर्ने',
        fil: 'Buksan ang panrehiyong komunidad ng agham',
      },
      ownerPersonId: regional.actor.personId!,
      dueOn: dayFrom(-40),
    });
    await events.closeAction(regional, done.id);
    await events.addAction(regional, seminar.id, {
      title: {
        en: 'Buy and register sensor kits for Amberfield resource centre',
        ru: 'Закупить и зарегистрировать наборы датчиков для ресурсного центра Амберфилда',
        uz: 'Amberfield resurs markazi uchun sensor to‘plamlarini sotib olish va ro‘yxatga olish',
        ne: 'एम्बरफिल्ड स्रोत केन्द्रका लागि सेन्सर किट किन्ने र दर्ता गर्ने',
        fil: 'Bumili at magrehistro ng sensor kit para sa resource centre ng Amberfield',
      },
      ownerPersonId: ownerId,
      dueOn: dayFrom(20),
      ...(decisionId ? { decisionId } : {}),
    });
  }
  if (ministry) {
    const policy = await events.createEvent(ministry, {
      kind: 'policy_meeting',
      title: POLICY.title,
      description: POLICY.description,
      unitId: ministry.actor.grants[0]!.orgUnitId,
      startsAt: at(24, '10:00'),
      endsAt: at(24, '13:00'),
      place: 'Ministry of Education, conference room 2',
      onlineUrl: 'https://meet.example.org/pathway-policy',
      agenda: [],
      registrationOpen: false,
    });
    result.events++;
    const officers = [regional, district].flatMap((o) => (o?.actor.personId ? [o.actor.personId] : []));
    if (officers.length) await events.invite(ministry, policy.id, { personIds: officers, guests: [] });
  }
  if (district && district1) {
    const workshop = await events.createEvent(district, {
      kind: 'workshop',
      title: WORKSHOP.title,
      description: WORKSHOP.description,
      unitId: district1.id,
      startsAt: at(10, '09:30'),
      endsAt: at(10, '15:30'),
      place: 'Amberfield ICT Resource Centre',
      agenda: [],
      registrationOpen: true,
      capacity: 30,
    });
    result.events++;
    for (const t of teachers.filter((x) => x.region === 0 && x.district === 0).slice(0, 6))
      await events.register(as(ctx, t.id), workshop.id);
  }

  // A PBL grant call, run by the ministry: teams of different schools apply, reviewers score, awards are decided.
  if (ministry) {
    const nationId = ministry.actor.grants[0]!.orgUnitId;
    const call = await competitions.createCompetition(ministry, {
      ...CALL,
      unitId: nationId,
      eligibleRoles: ['teacher'],
      currency: 'UZS',
      budgetTotal: 40_000_000,
      maxPerGrant: 20_000_000,
      opensAt: at(-30, '09:00'),
      closesAt: at(14, '18:00'),
      reviewBy: dayFrom(28),
      decisionOn: dayFrom(35),
      reportingDue: dayFrom(200),
      rubric: RUBRIC,
      reviewersPerApplication: 2,
    });
    // Teams of two, each from different schools of a region; reviewers from regions the teams are not in.
    const byRegion = (r: number) => teachers.filter((t) => t.region === r);
    const teams = [0, 1, 2]
      .map((r) => byRegion(r))
      .filter((list) => list.length >= 2)
      .map((list) => [list[0]!, list.find((t) => t.district !== list[0]!.district) ?? list[1]!]);
    const made: string[] = [];
    for (const [i, team] of teams.slice(0, APPLICATIONS.length).entries()) {
      const spec = APPLICATIONS[i]!;
      const lead = as(ctx, team[0]!.id);
      const application = await competitions.createApplication(lead, call.id, {
        title: spec.title,
        summary: spec.summary,
        plan: spec.plan,
        budgetRequested: spec.budget,
        memberPersonIds: [team[1]!.id],
        resourceIds: [],
      });
      await competitions.submitApplication(lead, application.id);
      made.push(application.id);
      result.applications++;
    }
    // The call closed yesterday (applications are only made while it is open, so its window is moved
    // back once they are in, as the calendar would have it); it is now in review.
    if (made.length) {
      await ctx.db
        .updateTable('competition')
        .set({
          opens_at: new Date(Date.parse(at(-45, '09:00'))).toISOString(),
          closes_at: new Date(Date.parse(at(-1, '18:00'))).toISOString(),
        })
        .where('tenant_id', '=', ctx.tenantId)
        .where('id', '=', call.id)
        .execute();
      await ctx.db
        .updateTable('competition_application')
        .set({ submitted_at: new Date(Date.parse(at(-3, '16:00'))).toISOString() })
        .where('tenant_id', '=', ctx.tenantId)
        .where('competition_id', '=', call.id)
        .execute();
    }
    const reviewers = teachers.filter((t) => t.region >= 3).slice(0, 4);
    if (made.length && reviewers.length >= 2) {
      await competitions.setReviewers(
        ministry,
        call.id,
        reviewers.map((r) => r.id),
      );
      await reviews.autoAssign(ministry, call.id);
      // Half the reviewers have scored what they were given; the others have not started yet.
      for (const reviewer of reviewers.slice(0, Math.ceil(reviewers.length / 2))) {
        const me = as(ctx, reviewer.id);
        for (const item of (await reviews.reviewQueue(me)).items)
          await reviews.scoreApplication(me, item.id, {
            scores: RUBRIC.map((c) => ({
              criterion: c.key,
              score: 5 + Math.floor(draw() * 5),
              comment: c.key === 'learning' ? 'Clear learning goals and a real question students care about.' : '',
            })),
          });
      }
    }
  }
  return result;
}
