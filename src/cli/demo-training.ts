import * as observations from '../server/modules/assessment/observation.service.ts';
import * as people from '../server/modules/people/people.service.ts';
import * as training from '../server/modules/training/training.ts';
import type { Ctx } from '../server/shared/context.ts';

type Framework = { id: string; items: { id: string; code: string; type: string }[] };

const day = (from: Date, offset: number) => new Date(from.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's catalogue: two modules and a master-trainer programme, which a national expert ran
 * last term for the demo `trainer`. Dates follow the day of seeding.
 */
export async function seedDemoCatalogue(
  ctx: Ctx,
  framework: Framework,
  places: { teiId: string; nationId: string },
  demo: { trainerId: string },
) {
  const item = (code: string) => framework.items.find((i) => i.code === code)!.id;
  const kd = (...codes: string[]) => codes.map((code) => ({ itemId: item(code), levelCode: 'KD' }));
  const coaching = await training.createModule(ctx, {
    code: 'MT-COACH',
    frameworkId: framework.id,
    title: {
      en: 'Leading teacher learning',
      ru: 'Руководство обучением учителей',
      uz: 'O‘qituvchilar ta’limiga rahbarlik',
      ne: 'शिक्षक सिकाइको नेतृत्व',
      fil: 'Pamumuno sa pagkatuto ng mga guro',
    },
    summary: {
      en: 'Planning and running workshops for adults, coaching after training, and building networks of practice.',
      ru: 'Планирование и проведение семинаров для взрослых, коучинг после обучения и создание профессиональных сетей.',
      uz: 'Kattalar uchun seminarlarni rejalashtirish va o‘tkazish, o‘qishdan keyingi murabbiylik hamda kasbiy amaliyot tarmoqlarini yaratish.',
      ne: 'वयस्कहरूका लागि कार्यशालाको योजना र सञ्चालन, तालिमपछिको कोचिङ, र अभ्यास सञ्जालको निर्माण।',
      fil: 'Pagpaplano at pagpapatakbo ng mga workshop para sa mga nasa hustong gulang, coaching pagkatapos ng pagsasanay, at pagbuo ng mga network ng praktika.',
    },
    outcomes: [
      { itemId: item('A6.2'), levelCode: 'KC' },
      { itemId: item('A6.3'), levelCode: 'KC' },
    ],
    hours: 30,
    deliveryMode: 'blended',
    languages: ['en', 'ru'],
    materials: [],
    prerequisiteIds: [],
    trainerQualification: null,
  });
  const programme = await training.createProgramme(ctx, {
    code: 'MTP',
    title: {
      en: 'Master trainer programme',
      ru: 'Программа подготовки мастер-тренеров',
      uz: 'Master-trenerlar tayyorlash dasturi',
      ne: 'मास्टर प्रशिक्षक कार्यक्रम',
      fil: 'Programa para sa dalubhasang tagapagsanay',
    },
    summary: {
      en: 'Prepares experienced teachers and teacher educators to lead the national training cascade.',
      ru: 'Готовит опытных учителей и преподавателей вузов к руководству национальным каскадом обучения.',
      uz: 'Tajribali o‘qituvchilar va pedagog kadrlar tayyorlovchi mutaxassislarni milliy o‘qitish kaskadiga rahbarlik qilishga tayyorlaydi.',
      ne: 'अनुभवी शिक्षक र शिक्षक प्रशिक्षकहरूलाई राष्ट्रिय तालिम शृङ्खलाको नेतृत्व गर्न तयार पार्छ।',
      fil: 'Inihahanda ang mga bihasang guro at tagapagturo ng mga guro na pamunuan ang pambansang cascade ng pagsasanay.',
    },
    moduleIds: [coaching.id],
    leadsToRole: 'master_trainer',
    leadsToLevelCode: 'KC',
    trainerQualification: null,
  });
  const cascade = { programmeIds: [programme.id], competencies: [] };
  const oneToOne = await training.createModule(ctx, {
    code: 'ICT-1TO1',
    frameworkId: framework.id,
    title: {
      en: '1:1 computing in the classroom',
      ru: 'Обучение в классе «один ученик — одно устройство»',
      uz: 'Sinfda «bir o‘quvchi — bir qurilma»',
      ne: 'कक्षाकोठामा एक विद्यार्थी एक उपकरण',
      fil: 'Isang device bawat mag-aaral sa silid-aralan',
    },
    summary: {
      en: 'Organising lessons where every learner has a device: classroom routines, fair access, subject software and safe use.',
      ru: 'Организация уроков, на которых у каждого ученика есть устройство: порядок работы, равный доступ, предметные программы и безопасность.',
      uz: 'Har bir o‘quvchida qurilma bo‘lgan darslarni tashkil etish: sinfdagi tartib-qoidalar, teng foydalanish imkoniyati, fan dasturlari va xavfsiz foydalanish.',
      ne: 'हरेक विद्यार्थीसँग उपकरण हुने कक्षाको व्यवस्थापन: कक्षाकोठाका दैनिक नियम, समान पहुँच, विषयगत सफ्टवेयर र सुरक्षित प्रयोग।',
      fil: 'Pag-oorganisa ng mga aralin kung saan may sariling device ang bawat mag-aaral: mga gawi sa silid-aralan, patas na access, software para sa asignatura at ligtas na paggamit.',
    },
    outcomes: kd('A4.1', 'A4.2', 'A5.1'),
    hours: 24,
    deliveryMode: 'face_to_face',
    languages: ['en', 'ru'],
    materials: [{ title: '1:1 classroom routines (handbook)', url: 'https://pathway.example.org/materials/1to1.pdf' }],
    prerequisiteIds: [],
    trainerQualification: cascade,
  });
  const pbl = await training.createModule(ctx, {
    code: 'ICT-PBL',
    frameworkId: framework.id,
    title: {
      en: 'Project-based learning with ICT',
      ru: 'Проектное обучение с ИКТ',
      uz: 'AKT yordamida loyihaga asoslangan ta’lim',
      ne: 'सूचना प्रविधिसहित परियोजनामा आधारित सिकाइ',
      fil: 'Pagkatutong batay sa proyekto gamit ang ICT',
    },
    summary: {
      en: 'Designing projects in which learners research, collaborate online and publish what they make.',
      ru: 'Разработка проектов, в которых ученики исследуют, работают вместе в сети и публикуют результаты.',
      uz: 'O‘quvchilar izlanadigan, onlayn hamkorlik qiladigan va yaratganlarini e’lon qiladigan loyihalarni ishlab chiqish.',
      ne: 'विद्यार्थीले खोजी गर्ने, अनलाइन सहकार्य गर्ने र आफूले बनाएको कुरा प्रकाशित गर्ने परियोजनाहरूको रचना।',
      fil: 'Pagdidisenyo ng mga proyekto kung saan nagsasaliksik ang mga mag-aaral, nagtutulungan online at inilalathala ang kanilang nagawa.',
    },
    outcomes: kd('A2.2', 'A3.2', 'A5.2'),
    hours: 30,
    deliveryMode: 'blended',
    languages: ['en', 'ru'],
    materials: [{ title: 'Project planning template', url: 'https://pathway.example.org/materials/pbl-template.docx' }],
    prerequisiteIds: [],
    trainerQualification: cascade,
  });

  const seeded = new Date();
  // Last term, a national expert ran the master-trainer programme; the demo trainer completed it.
  const expert = await people.createPerson(ctx, {
    orgUnitId: places.nationId,
    category: 'trainer',
    givenName: 'Nilufar',
    familyName: 'Saidova',
    nationalId: 'MRD-EXPERT-1',
    subjects: [],
    grades: [],
    languages: ['en', 'ru'],
  });
  const mtp = await training.createOffering(ctx, {
    programmeId: programme.id,
    hostUnitId: places.teiId,
    startDate: day(seeded, -120),
    endDate: day(seeded, -110),
    venue: 'Northern Highlands Teacher College, Hall A',
    onlineUrl: null,
    capacity: 12,
    language: 'en',
    enrolOpens: day(seeded, -150),
    enrolCloses: day(seeded, -121),
    trainerIds: [expert.id],
  });
  await training.nominate(ctx, mtp.id, [demo.trainerId]);
  await training.recordResults(ctx, mtp.id, {
    results: [{ personId: demo.trainerId, result: 'completed', score: 92 }],
  });
  return { modules: [oneToOne.id, pbl.id, coaching.id] as const, programmeId: programme.id, expertId: expert.id };
}

/** The Amberfield teachers the demo's own offerings enrol: the country's training leaves them out. */
export async function amberfieldCohorts(ctx: Ctx, districtId: string, teacherId: string) {
  const amberfield = (
    await people.listPeople(ctx, { unitId: districtId, category: 'teacher', limit: 40 })
  ).items.filter((t) => t.id !== teacherId);
  return { upcoming: amberfield.slice(0, 4).map((t) => t.id), lastTerm: amberfield.slice(14, 32).map((t) => t.id) };
}

/**
 * The demo trainer's offerings of "1:1 computing in the classroom" at the Northern Highlands
 * Teacher College: an upcoming run with a few Amberfield teachers enrolled (enrolment open whenever
 * the demo is loaded), and last term's, most of whose participants completed it and some of whom
 * the trainer has since coached.
 */
export async function seedDemoTraining(
  ctx: Ctx,
  framework: Framework,
  places: { teiId: string; districtId: string },
  demo: { trainerId: string; teacherId: string },
  catalogue: { moduleId: string },
) {
  const item = (code: string) => framework.items.find((i) => i.code === code)!.id;
  const seeded = new Date();
  const cohorts = await amberfieldCohorts(ctx, places.districtId, demo.teacherId);

  const start = day(seeded, 14);
  const offering = await training.createOffering(ctx, {
    moduleId: catalogue.moduleId,
    hostUnitId: places.teiId,
    startDate: start,
    endDate: day(seeded, 18),
    venue: 'Northern Highlands Teacher College, Room 12',
    onlineUrl: null,
    capacity: 20,
    language: 'en',
    enrolOpens: day(seeded, -7),
    enrolCloses: day(seeded, 13),
    trainerIds: [demo.trainerId],
  });
  await training.nominate(ctx, offering.id, cohorts.upcoming);

  // Last term's run of the same module: most of its participants completed it, and the trainer
  // has since visited some of them in their classrooms.
  const lastTerm = await training.createOffering(ctx, {
    moduleId: catalogue.moduleId,
    hostUnitId: places.teiId,
    startDate: day(seeded, -60),
    endDate: day(seeded, -56),
    venue: 'Northern Highlands Teacher College, Room 12',
    onlineUrl: null,
    capacity: 20,
    language: 'en',
    enrolOpens: day(seeded, -90),
    enrolCloses: day(seeded, -61),
    trainerIds: [demo.trainerId],
  });
  const cohort = cohorts.lastTerm;
  await training.nominate(ctx, lastTerm.id, cohort);
  await training.recordResults(ctx, lastTerm.id, {
    results: cohort.map((personId, i) => ({
      personId,
      result: i % 9 === 8 ? ('not_completed' as const) : ('completed' as const),
      score: null,
    })),
  });
  const trainer = { ...ctx, actor: { ...ctx.actor, personId: demo.trainerId } };
  for (const [i, personId] of cohort.slice(0, 8).entries())
    await observations.recordCoachingVisit(trainer, personId, {
      visitedOn: day(seeded, -40 + i * 3),
      focusItemIds: [item('A4.1'), item('A4.2')],
      notes: 'Learners worked in pairs on shared devices; the teacher moved between groups.',
      agreedActions: 'Set a routine for handing out and collecting devices.',
    });
  return { offeringId: offering.id };
}
