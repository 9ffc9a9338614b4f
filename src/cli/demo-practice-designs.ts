import type { DesignContent, Sharing, TemplateKey } from '../server/modules/practice/designs.schemas.ts';
import * as designs from '../server/modules/practice/designs.service.ts';
import { templateText } from '../server/modules/practice/designs.templates.ts';
import type { Locale } from '../server/shared/catalogues.ts';
import type { Ctx } from '../server/shared/context.ts';
import type { ActiveTeacher } from './demo-country.ts';

/** The system acting as one person: designs are written, revised and commented on by people. */
const as = (ctx: Ctx, personId: string): Ctx => ({
  ...ctx,
  actor: { ...ctx.actor, personId, accountId: null, username: 'demo' },
});

interface DemoDesign {
  region: number;
  language: Locale;
  template: TemplateKey | null;
  title: string;
  subject: string;
  grade: string;
  sharing: Sharing;
  /** What this design says beyond its template's text. */
  content: Partial<DesignContent>;
  /** A second version: what the author changed after a comment. */
  revision?: Partial<DesignContent>;
  /** Comments in the design's language: by a reader (a colleague, or a teacher elsewhere once shared). */
  comments: string[];
  /** Competency positions in the standard and the level (0-based) each is aligned at. */
  competencies: [number, number][];
}

const DESIGNS: DemoDesign[] = [
  {
    region: 0,
    language: 'uz',
    template: 'project_based',
    title: 'Maktab hovlisidagi daraxtlar: oʻlchash va diagramma',
    subject: 'Matematika',
    grade: '7',
    sharing: 'nation',
    content: {
      objectives: [
        'Oʻquvchilar daraxtlarning balandligi va aylanasini oʻlchaydi hamda natijalarni elektron jadvalga kiritadi.',
        'Oʻquvchilar maʼlumotlar asosida ustunli va doiraviy diagramma tuzadi.',
        'Oʻquvchilar maktab maʼmuriyatiga koʻkalamzorlashtirish boʻyicha taklif tayyorlaydi.',
      ],
      studentActivity:
        'Toʻrt kishilik guruhlar hovlidagi daraxtlarni oʻlchaydi, telefon bilan suratga oladi, elektron jadvalda oʻrtacha qiymatlarni hisoblaydi va natijani slaydlarda taqdim etadi.',
    },
    revision: { resources: ['Loyiha rubrikasi', 'Oʻlchash lentasi va telefon', 'Elektron jadval namunasi'] },
    comments: [
      'Ajoyib gʻoya! Biz ham 6-sinfda sinab koʻrdik, oʻquvchilar juda qiziqdi.',
      'Oʻlchash xatolarini muhokama qilish uchun alohida bosqich qoʻshishni taklif qilaman.',
    ],
    competencies: [
      [0, 1],
      [4, 1],
    ],
  },
  {
    region: 1,
    language: 'en',
    template: 'one_to_one',
    title: 'Weather station data from our village',
    subject: 'Science',
    grade: '8',
    sharing: 'district',
    content: {
      objectives: [
        'Students read a week of temperature and rainfall data from the school weather station.',
        'Students make a line chart and describe a trend in their own words.',
      ],
      studentActivity:
        'Each student opens the station’s data on a laptop, cleans it in a spreadsheet, makes a chart and writes a three-sentence weather report for the school noticeboard.',
    },
    comments: ['Could the reports go on the school radio as well? Students would love that.'],
    competencies: [[3, 0]],
  },
  {
    region: 2,
    language: 'ne',
    template: 'project_based',
    title: 'हाम्रो गाउँको पानी: सफा पानी परियोजना',
    subject: 'विज्ञान',
    grade: '6',
    sharing: 'nation',
    content: {
      objectives: [
        'विद्यार्थीहरूले गाउँका पानीका स्रोतहरूको नक्सा बनाउँछन्।',
        'विद्यार्थीहरूले पानीको गुणस्तर जाँचको तथ्याङ्क स्प्रेडसिटमा राख्छन्।',
        'विद्यार्थीहरूले वडा कार्यालयलाई सफा पानीको प्रस्ताव प्रस्तुत गर्छन्।',
      ],
      studentActivity:
        'समूहहरूले धारा, इनार र खोलाको फोटो खिच्छन्, सरल जाँच किटबाट नतिजा टिप्छन्, स्प्रेडसिटमा तुलना गर्छन् र छोटो भिडियो बनाउँछन्।',
    },
    revision: { resources: ['पानी जाँच किट', 'परियोजना रुब्रिक', 'वडा कार्यालयलाई पत्रको नमुना'] },
    comments: ['धेरै राम्रो योजना! हामीले यसलाई कक्षा ७ मा प्रयोग गर्ने सोचेका छौँ।'],
    competencies: [
      [1, 1],
      [4, 2],
    ],
  },
  {
    region: 3,
    language: 'ru',
    template: 'one_to_one',
    title: 'Безопасность в интернете: плакат для младших классов',
    subject: 'Информатика',
    grade: '9',
    sharing: 'school',
    content: {
      objectives: [
        'Ученики называют основные правила безопасного поведения в интернете.',
        'Ученики создают цифровой плакат, понятный ученикам 3–4 классов.',
      ],
      studentActivity:
        'Каждый ученик изучает памятку, находит пример из жизни и делает плакат в редакторе; лучшие плакаты печатаются для младших классов.',
    },
    comments: ['Хорошая идея! Давайте в следующей четверти повесим плакаты в коридоре начальной школы.'],
    competencies: [[2, 0]],
  },
  {
    region: 6,
    language: 'fil',
    template: 'project_based',
    title: 'Kasaysayan ng aming barangay: digital na eksibit',
    subject: 'Araling Panlipunan',
    grade: '10',
    sharing: 'nation',
    content: {
      objectives: [
        'Nakapanayam ng mga mag-aaral ang mga nakatatanda tungkol sa kasaysayan ng barangay.',
        'Nakabubuo ang mga mag-aaral ng digital na eksibit na may larawan, audio at maikling teksto.',
      ],
      studentActivity:
        'Ang bawat grupo ay nagre-record ng panayam gamit ang cellphone, pumipili ng mga larawan, at gumagawa ng slide show na ipapakita sa pista ng barangay.',
    },
    comments: ['Magandang ideya! Puwede bang ibahagi ang gabay sa panayam na ginamit ninyo?'],
    competencies: [[5, 1]],
  },
  {
    region: 1,
    language: 'en',
    template: null,
    title: 'Story podcasts in pairs',
    subject: 'English',
    grade: '5',
    sharing: 'private',
    content: {
      objectives: ['Students retell a folk tale in their own words.', 'Students record and edit a two-minute podcast.'],
      studentActivity:
        'Pairs plan a retelling on a storyboard, record it on a tablet, listen back and re-record one part to improve it.',
      ict: ['Tablets with a voice recorder', 'Headphones'],
      steps: [
        {
          title: 'Listen to a model podcast',
          description: 'Whole class listens and names what makes it good.',
          minutes: 10,
        },
        { title: 'Storyboard', description: 'Pairs plan beginning, middle and end.', minutes: 15 },
        { title: 'Record and improve', description: 'Record, listen back, re-record one part.', minutes: 15 },
        { title: 'Share', description: 'Two pairs play their podcast; others give one star and one wish.', minutes: 5 },
      ],
      grouping: 'pairs',
      assessment:
        'A three-point checklist (clear voice, whole story, own words); one star and one wish from classmates.',
      resources: ['Folk tale collection', 'Storyboard sheet'],
    },
    comments: [],
    competencies: [[0, 0]],
  },
  {
    region: 0,
    language: 'uz',
    template: 'one_to_one',
    title: 'Hujayra tuzilishi: virtual laboratoriya',
    subject: 'Biologiya',
    grade: '8',
    sharing: 'school',
    content: {
      objectives: [
        'Oʻquvchilar virtual mikroskopda oʻsimlik va hayvon hujayralarini kuzatadi.',
        'Oʻquvchilar hujayra qismlarini belgilangan rasm sifatida taqdim etadi.',
      ],
    },
    comments: ['Virtual laboratoriya havolasini ham qoʻshsangiz, boshqa sinflar ham foydalanadi.'],
    competencies: [[3, 1]],
  },
  {
    region: 2,
    language: 'ne',
    template: 'one_to_one',
    title: 'स्प्रेडसिटमा घरको मासिक खर्च',
    subject: 'गणित',
    grade: '8',
    sharing: 'district',
    content: {
      objectives: ['विद्यार्थीहरूले घरको मासिक खर्च स्प्रेडसिटमा राख्छन्।', 'विद्यार्थीहरूले सूत्र प्रयोग गरी जम्मा र प्रतिशत निकाल्छन्।'],
    },
    comments: ['प्रतिशतको अभ्यासका लागि यो धेरै उपयोगी छ।'],
    competencies: [[4, 0]],
  },
];

const merge = (language: Locale, template: TemplateKey | null, over: Partial<DesignContent>): DesignContent => {
  const base = template
    ? templateText(template, language).content
    : ({
        objectives: [],
        studentActivity: '',
        ict: [],
        steps: [],
        grouping: 'small_groups',
        assessment: '',
        resources: [],
      } satisfies DesignContent);
  return { ...base, ...over };
};

/**
 * Activity designs by demo teachers in several regions, subjects and languages: some private, some
 * shared with their school, district or the whole country, some revised after a comment. When the demo
 * teacher and school leader are named, the teacher has a design shared with the school and the leader
 * has commented on it.
 */
export async function seedDesigns(
  ctx: Ctx,
  teachers: ActiveTeacher[],
  demo: { teacherId?: string; leaderId?: string } = {},
): Promise<{ designs: number; comments: number }> {
  const counts = { designs: 0, comments: 0 };
  if (teachers.length < 2) return counts;
  const standard = await designs.designStandard(ctx);
  const levels = standard.levels.map((l) => l.code);
  const used = new Set<string>();
  const pick = (region: number, i: number) =>
    teachers.find((t) => t.region === region && !used.has(t.id)) ??
    teachers.find((t) => !used.has(t.id)) ??
    teachers[i % teachers.length]!;

  for (const [i, d] of DESIGNS.entries()) {
    const author = pick(d.region, i);
    used.add(author.id);
    const mine = as(ctx, author.id);
    const competencies = d.competencies
      .map(([c, l]) => ({ itemId: standard.competencies[c % standard.competencies.length]!.id, levelCode: levels[l]! }))
      .filter((c, j, all) => c.levelCode && all.findIndex((x) => x.itemId === c.itemId) === j);
    const colleague = (await designs.colleagues(mine)).items[0];
    const fields = {
      title: d.title,
      subject: d.subject,
      grade: d.grade,
      language: d.language,
      coAuthorPersonId: i % 3 === 1 && colleague ? colleague.id : null,
      competencies,
    };
    const created = await designs.createDesign(mine, {
      ...fields,
      template: d.template,
      content: merge(d.language, d.template, d.content),
    });
    counts.designs++;
    if (d.sharing !== 'private') await designs.shareDesign(mine, created.id, d.sharing);
    // A reader who may comment: a colleague for a school design, a teacher of another region once shared nationally.
    const elsewhere =
      teachers.find((t) => t.region !== author.region && !used.has(t.id)) ?? teachers[(i + 1) % teachers.length]!;
    const reader = d.sharing === 'nation' ? elsewhere.id : (colleague?.id ?? null);
    for (const body of d.comments) {
      const by = reader && counts.comments % 2 === 0 ? reader : author.id;
      await designs.commentOnDesign(as(ctx, by), created.id, { body });
      counts.comments++;
    }
    if (d.revision)
      await designs.reviseDesign(mine, created.id, {
        ...fields,
        baseVersion: 1,
        content: { ...created.current.content, ...d.revision },
      });
  }

  if (demo.teacherId) {
    const mine = as(ctx, demo.teacherId);
    const created = await designs.createDesign(mine, {
      title: 'Our school garden in numbers',
      subject: 'Mathematics',
      grade: '6',
      language: 'en',
      coAuthorPersonId: null,
      template: 'project_based',
      competencies:
        standard.competencies[0] && levels[0] ? [{ itemId: standard.competencies[0].id, levelCode: levels[0] }] : [],
    });
    await designs.shareDesign(mine, created.id, 'school');
    counts.designs++;
    if (demo.leaderId) {
      await designs.commentOnDesign(as(ctx, demo.leaderId), created.id, {
        body: 'A good fit for the maths week in March: shall we show the results at the parents’ meeting?',
      });
      counts.comments++;
    }
  }
  return counts;
}
