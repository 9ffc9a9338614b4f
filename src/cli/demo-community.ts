import * as resources from '../server/modules/community/resources.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import { todayIso } from '../server/shared/ids.ts';
import { type ActiveTeacher, draws } from './demo-country.ts';

const as = (ctx: Ctx, personId: string): Ctx => ({
  ...ctx,
  actor: { ...ctx.actor, system: false, personId, accountId: null },
});

type Text = Record<'en' | 'ru' | 'uz' | 'ne' | 'fil', string>;

/** What the country's teachers and colleges share, in our own words, in every pilot language. */
const LIBRARY: {
  kind: 'curriculum' | 'case_study' | 'video' | 'link' | 'lesson_plan';
  title: Text;
  description: Text;
  subject: string;
  grade: string;
  url: string | null;
  licence: 'CC-BY-4.0' | 'CC-BY-SA-4.0' | 'CC-BY-NC-4.0';
  tags: string[];
  /** Published for the whole country, or shared in the author's district only. */
  published: boolean;
}[] = [
  {
    kind: 'curriculum',
    title: {
      en: '1:1 computing in the classroom: training curriculum',
      ru: 'Один ученик — одно устройство: программа обучения',
      uz: 'Har bir o‘quvchiga bitta qurilma: o‘qitish dasturi',
      ne: 'कक्षामा एक विद्यार्थी एक उपकरण: तालिम पाठ्यक्रम',
      fil: '1:1 computing sa silid-aralan: kurikulum ng pagsasanay',
    },
    description: {
      en: 'Five sessions on planning lessons where every student works with a device: routines, pair work, checking learning as it happens.',
      ru: 'Пять занятий о планировании уроков, где каждый ученик работает с устройством: правила, работа в парах, проверка понимания по ходу урока.',
      uz: 'Har bir o‘quvchi qurilma bilan ishlaydigan darslarni rejalashtirish bo‘yicha besh mashg‘ulot: tartib, juftlikda ishlash, o‘zlashtirishni dars davomida tekshirish.',
      ne: 'हरेक विद्यार्थीले उपकरणसँग काम गर्ने पाठ योजना बनाउने पाँच सत्र: नियम, जोडीमा काम, सिकाइको तत्काल जाँच।',
      fil: 'Limang sesyon sa pagpaplano ng aralin kung saan may device ang bawat mag-aaral: mga gawi, pares na gawain, pagsuri ng pagkatuto habang nagaganap.',
    },
    subject: 'Teacher education',
    grade: '',
    url: null,
    licence: 'CC-BY-SA-4.0',
    tags: ['1:1', 'tablets'],
    published: true,
  },
  {
    kind: 'curriculum',
    title: {
      en: 'The project-based approach: a course for teachers',
      ru: 'Проектный подход: курс для учителей',
      uz: 'Loyihaga asoslangan yondashuv: o‘qituvchilar uchun kurs',
      ne: 'परियोजनामा आधारित शिक्षण: शिक्षकका लागि पाठ्यक्रम',
      fil: 'Ang pamamaraang batay sa proyekto: kurso para sa mga guro',
    },
    description: {
      en: 'How students plan, research and present a project over several weeks, with ICT to gather, analyse and share what they find.',
      ru: 'Как ученики несколько недель планируют, исследуют и представляют проект, используя ИКТ для сбора, анализа и представления данных.',
      uz: 'O‘quvchilar bir necha hafta davomida loyihani qanday rejalashtirishi, tadqiq qilishi va taqdim etishi, ma’lumot to‘plash va tahlil qilishda AKTdan foydalanish.',
      ne: 'विद्यार्थीले केही हप्ता लगाएर परियोजना योजना, खोज र प्रस्तुति कसरी गर्छन्, तथ्य सङ्कलन र विश्लेषणमा सूचना प्रविधि प्रयोग गरेर।',
      fil: 'Paano nagpaplano, nagsasaliksik at naglalahad ng proyekto ang mga mag-aaral sa loob ng ilang linggo, gamit ang ICT sa pangangalap at pagsusuri.',
    },
    subject: 'Teacher education',
    grade: '',
    url: null,
    licence: 'CC-BY-SA-4.0',
    tags: ['project', 'PBL'],
    published: true,
  },
  {
    kind: 'case_study',
    title: {
      en: 'A village school maps its water sources with tablets',
      ru: 'Сельская школа наносит на карту источники воды с помощью планшетов',
      uz: 'Qishloq maktabi planshetlar yordamida suv manbalarini xaritaga tushirdi',
      ne: 'गाउँको विद्यालयले ट्याब्लेटबाट पानीका मुहान नक्सामा उतार्‍यो',
      fil: 'Isang paaralan sa nayon ang nagmapa ng pinagkukunan ng tubig gamit ang tablet',
    },
    description: {
      en: 'Grade 7 students photographed, located and tested the village wells, then presented their map to the community council.',
      ru: 'Семиклассники сфотографировали и нанесли на карту колодцы села, проверили воду и представили карту совету общины.',
      uz: '7-sinf o‘quvchilari qishloq quduqlarini suratga olib, xaritaga tushirdi, suvni tekshirdi va xaritani mahalla kengashiga taqdim etdi.',
      ne: 'कक्षा ७ का विद्यार्थीले गाउँका इनारको फोटो खिचे, स्थान टिपे, पानी जाँचे र नक्सा समुदायलाई देखाए।',
      fil: 'Kinunan ng larawan at minapa ng mga mag-aaral sa Grade 7 ang mga balon, sinuri ang tubig, at inilahad sa konseho ng barangay.',
    },
    subject: 'Science',
    grade: '7',
    url: null,
    licence: 'CC-BY-4.0',
    tags: ['water', 'maps', 'community'],
    published: true,
  },
  {
    kind: 'video',
    title: {
      en: 'Pair work with one device: a lesson filmed in class',
      ru: 'Работа в парах с одним устройством: урок, снятый в классе',
      uz: 'Bitta qurilma bilan juftlikda ishlash: sinfda suratga olingan dars',
      ne: 'एउटै उपकरणमा जोडीमा काम: कक्षामा खिचिएको पाठ',
      fil: 'Pares na gawain sa iisang device: isang araling kinunan sa klase',
    },
    description: {
      en: 'Twelve minutes of a grade 5 mathematics lesson: roles in the pair, the teacher moving between groups, the class sharing results.',
      ru: 'Двенадцать минут урока математики в 5 классе: роли в паре, учитель переходит от группы к группе, класс обсуждает результаты.',
      uz: '5-sinf matematika darsidan o‘n ikki daqiqa: juftlikdagi rollar, o‘qituvchi guruhlar orasida yuradi, sinf natijalarni muhokama qiladi.',
      ne: 'कक्षा ५ को गणित पाठको बाह्र मिनेट: जोडीमा भूमिका, शिक्षक समूहबीच घुम्दै, कक्षाले नतिजा बाँड्दै।',
      fil: 'Labindalawang minuto ng aralin sa matematika sa Grade 5: mga papel sa pares, gurong umiikot sa mga grupo, klaseng nagbabahagi ng resulta.',
    },
    subject: 'Mathematics',
    grade: '5',
    url: 'https://media.example.org/pathway/pair-work-one-device',
    licence: 'CC-BY-NC-4.0',
    tags: ['pair work', 'mathematics'],
    published: true,
  },
  {
    kind: 'lesson_plan',
    title: {
      en: 'Weather diary: a shared spreadsheet over two weeks',
      ru: 'Дневник погоды: общая таблица на две недели',
      uz: 'Ob-havo kundaligi: ikki haftalik umumiy jadval',
      ne: 'मौसम डायरी: दुई हप्ताको साझा तालिका',
      fil: 'Talaarawan ng panahon: pinagsasaluhang spreadsheet sa loob ng dalawang linggo',
    },
    description: {
      en: 'Groups record temperature and rain each morning, chart the fortnight and explain the pattern they see.',
      ru: 'Группы каждое утро записывают температуру и осадки, строят график за две недели и объясняют, что видят.',
      uz: 'Guruhlar har tong harorat va yog‘ingarchilikni yozib boradi, ikki haftalik grafik chizadi va ko‘rgan qonuniyatni tushuntiradi.',
      ne: 'समूहले हरेक बिहान तापक्रम र वर्षा टिप्छन्, दुई हप्ताको चार्ट बनाउँछन् र देखिएको ढाँचा बताउँछन्।',
      fil: 'Itinatala ng mga grupo ang temperatura at ulan tuwing umaga, gumagawa ng tsart at ipinaliliwanag ang nakikitang padron.',
    },
    subject: 'Science',
    grade: '6',
    url: null,
    licence: 'CC-BY-4.0',
    tags: ['data', 'spreadsheet'],
    published: false,
  },
];

/**
 * The resource library as a country's would look after a year: curricula, a case study, a filmed
 * lesson and the activity designs teachers shared with the nation, published after the ministry's
 * review; a lesson plan shared within a district; ratings and "I used this in class" reports.
 */
export async function seedLibrary(ctx: Ctx, teachers: ActiveTeacher[]) {
  if (teachers.length < 8) return { resources: 0, uses: 0 };
  const draw = draws(4441);
  const pick = () => teachers[Math.floor(draw() * teachers.length)]!;
  // Published resources and their authors (who neither rate nor report their own).
  const made: { id: string; authorId: string }[] = [];
  for (const item of LIBRARY) {
    const authorId = pick().id;
    const author = as(ctx, authorId);
    const created = await resources.createResource(author, {
      kind: item.kind,
      designId: null,
      title: item.title,
      description: item.description,
      url: item.url,
      subject: item.subject,
      grade: item.grade,
      languages: ['en', 'ru', 'uz', 'ne', 'fil'],
      licence: item.licence,
      competencies: [],
      tags: item.tags,
      authorPersonIds: [],
    });
    if (item.published) {
      await resources.submitResource(author, created.id);
      await resources.approveResource(ctx, created.id);
      made.push({ id: created.id, authorId });
    } else await resources.shareResource(author, created.id, 'district');
  }
  // Designs their authors shared with the whole country, listed by reference and published.
  const designs = await ctx.db
    .selectFrom('activity_design')
    .select(['id', 'author_person_id', 'title', 'language', 'subject', 'grade'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('sharing', '=', 'nation')
    .orderBy('id')
    .limit(6)
    .execute();
  for (const d of designs) {
    const author = as(ctx, d.author_person_id);
    const created = await resources.createResource(author, {
      kind: 'activity_design',
      designId: d.id,
      title: { [d.language]: d.title },
      url: null,
      subject: d.subject,
      grade: d.grade,
      languages: [d.language as 'en'],
      licence: 'CC-BY-4.0',
      competencies: [],
      tags: [],
      authorPersonIds: [],
    });
    await resources.submitResource(author, created.id);
    await resources.approveResource(ctx, created.id);
    made.push({ id: created.id, authorId: d.author_person_id });
  }
  // Teachers rate what they read and say what they used in class.
  let uses = 0;
  for (const [n, resource] of made.entries()) {
    const readers = new Set<string>();
    for (let k = 0; k < 3 + (n % 4); k++) {
      const readerId = pick().id;
      if (readerId === resource.authorId || readers.has(readerId)) continue;
      readers.add(readerId);
      const reader = as(ctx, readerId);
      await resources.rateResource(reader, resource.id, 3 + Math.floor(draw() * 3));
      if (draw() < 0.5) {
        await resources.reportUse(reader, resource.id, {
          usedOn: todayIso(),
          classLabel: `Grade ${5 + (k % 4)}`,
          note: '',
        });
        uses++;
      }
    }
  }
  return { resources: made.length, uses };
}
