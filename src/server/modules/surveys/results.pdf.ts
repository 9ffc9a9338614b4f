import type { Ctx } from '../../shared/context.ts';
import { newPdf, pdfBytes, write } from '../../shared/pdf.ts';
import { definitionOf, percent, textOf, wordsFor } from './results.export.ts';
import type { Breakdown, QuestionResult } from './results.schemas.ts';
import { roundResults } from './results.service.ts';
import * as repo from './rounds.repo.ts';
import type { Question } from './surveys.definition.ts';

interface Labels {
  title: string;
  unit: string;
  window: string;
  answered: (n: string, of: string) => string;
  questionAnswered: (n: string) => string;
  mean: string;
  median: string;
  below: string;
  hidden: string;
  everyone: string;
  generated: string;
  groups: Record<string, string>;
}

// The report's own words; the web app's catalogues are not loaded on the server.
const LABELS: Record<string, Labels> = {
  en: {
    title: 'Survey results',
    unit: 'Unit',
    window: 'Answering window',
    answered: (n, of) => `${n} of ${of} invited answered.`,
    questionAnswered: (n) => `${n} answered`,
    mean: 'Mean',
    median: 'Median',
    below: 'Units below',
    hidden: 'hidden',
    everyone: 'Everyone',
    generated: 'Generated',
    groups: {
      female: 'Women',
      male: 'Men',
      unknown: 'Not recorded',
      school: 'Schools',
      tei: 'Teacher-education institutions',
      resource_centre: 'Resource centres',
      teacher: 'Teachers',
      school_leader: 'School leaders',
      trainer: 'Trainers',
      assessor: 'Assessors',
      officer: 'Officers',
    },
  },
  ru: {
    title: 'Результаты опроса',
    unit: 'Подразделение',
    window: 'Срок ответов',
    answered: (n, of) => `Ответили ${n} из ${of} приглашённых.`,
    questionAnswered: (n) => `ответили: ${n}`,
    mean: 'Среднее',
    median: 'Медиана',
    below: 'Нижестоящие единицы',
    hidden: 'скрыто',
    everyone: 'Все',
    generated: 'Сформирован',
    groups: {
      female: 'Женщины',
      male: 'Мужчины',
      unknown: 'Не указано',
      school: 'Школы',
      tei: 'Педагогические вузы',
      resource_centre: 'Ресурсные центры',
      teacher: 'Учителя',
      school_leader: 'Руководители школ',
      trainer: 'Тренеры',
      assessor: 'Эксперты-оценщики',
      officer: 'Специалисты',
    },
  },
  uz: {
    title: 'Soʻrovnoma natijalari',
    unit: 'Boʻlinma',
    window: 'Javob berish muddati',
    answered: (n, of) => `Taklif qilingan ${of} kishidan ${n} nafari javob berdi.`,
    questionAnswered: (n) => `${n} nafar javob berdi`,
    mean: 'Oʻrtacha',
    median: 'Mediana',
    below: 'Quyi boʻlinmalar',
    hidden: 'yashirilgan',
    everyone: 'Hamma',
    generated: 'Tuzilgan sana',
    groups: {
      female: 'Ayollar',
      male: 'Erkaklar',
      unknown: 'Koʻrsatilmagan',
      school: 'Maktablar',
      tei: 'Pedagogik taʼlim muassasalari',
      resource_centre: 'Resurs markazlari',
      teacher: 'Oʻqituvchilar',
      school_leader: 'Maktab rahbarlari',
      trainer: 'Trenerlar',
      assessor: 'Baholovchilar',
      officer: 'Mutaxassislar',
    },
  },
  ne: {
    title: 'सर्वेक्षणको नतिजा',
    unit: 'एकाइ',
    window: 'उत्तर दिने अवधि',
    answered: (n, of) => `आमन्त्रित ${of} मध्ये ${n} जनाले उत्तर दिए।`,
    questionAnswered: (n) => `${n} जनाले उत्तर दिए`,
    mean: 'औसत',
    median: 'मध्यिका',
    below: 'तलका एकाइहरू',
    hidden: 'लुकाइएको',
    everyone: 'सबै',
    generated: 'तयार मिति',
    groups: {
      female: 'महिला',
      male: 'पुरुष',
      unknown: 'उल्लेख नभएको',
      school: 'विद्यालयहरू',
      tei: 'शिक्षक शिक्षा संस्थाहरू',
      resource_centre: 'स्रोत केन्द्रहरू',
      teacher: 'शिक्षकहरू',
      school_leader: 'विद्यालय प्रमुखहरू',
      trainer: 'प्रशिक्षकहरू',
      assessor: 'मूल्याङ्कनकर्ताहरू',
      officer: 'अधिकारीहरू',
    },
  },
  fil: {
    title: 'Mga resulta ng survey',
    unit: 'Yunit',
    window: 'Panahon ng pagsagot',
    answered: (n, of) => `${n} sa ${of} na inanyayahan ang sumagot.`,
    questionAnswered: (n) => `${n} ang sumagot`,
    mean: 'Karaniwan',
    median: 'Panggitna',
    below: 'Mga yunit sa ilalim',
    hidden: 'nakatago',
    everyone: 'Lahat',
    generated: 'Ginawa noong',
    groups: {
      female: 'Babae',
      male: 'Lalaki',
      unknown: 'Hindi nakatala',
      school: 'Mga paaralan',
      tei: 'Mga institusyon ng edukasyon ng guro',
      resource_centre: 'Mga resource centre',
      teacher: 'Mga guro',
      school_leader: 'Mga pinuno ng paaralan',
      trainer: 'Mga tagapagsanay',
      assessor: 'Mga tagasuri',
      officer: 'Mga opisyal',
    },
  },
};

const BAR = '#1f5f99';

/**
 * A round's results at a unit as a report in the reader's language: the round, the unit, the window,
 * who answered, and per question the counts as text with a bar each, the mean and median of numbers,
 * the groups of a breakdown, and the units below. Every figure comes from `roundResults`, so a hidden
 * unit gives the note and no figures. Written answers stay out: they are read in texts.csv.
 */
export async function resultsPdf(
  ctx: Ctx,
  roundId: string,
  query: { unitId?: string; by?: Breakdown },
): Promise<Buffer> {
  const results = await roundResults(ctx, roundId, query);
  const round = (await repo.getRound(ctx.db, ctx.tenantId, roundId))!;
  const words = LABELS[ctx.locale] ?? LABELS.en!;
  const notes = wordsFor(ctx.locale);
  const intl = ctx.locale === 'ne' ? 'ne-NP-u-nu-deva' : ctx.locale === 'uz' ? 'uz-Latn' : ctx.locale;
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const days = new Intl.DateTimeFormat(intl, { dateStyle: 'medium', timeZone: 'UTC' });
  const day = (iso: string) => days.format(new Date(`${iso}T00:00:00Z`));

  const doc = newPdf(ctx.locale, { title: `${words.title}: ${results.title.text}` });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const room = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  write(doc, results.title.text, { weight: 'bold', size: 18 });
  write(doc, `${words.unit}: ${results.unit.name.text}`, { size: 12 });
  write(doc, `${words.window}: ${day(round.opens_on)} – ${day(round.closes_on)}`, { size: 10 });
  write(
    doc,
    results.respondents === null
      ? notes.hidden(results.minimumGroup)
      : words.answered(numbers.format(results.respondents), numbers.format(results.invited)),
    { size: 10 },
  );
  write(doc, `${words.generated}: ${new Intl.DateTimeFormat(intl).format(new Date())}`, { size: 8 });
  doc.moveDown();

  /** One bar per choice: its label, the count and share, and a bar as long as the share. */
  const bars = (label: string, n: number, of: number) => {
    room(30);
    const share = percent(n, of) ?? 0;
    doc.x = left;
    write(doc, `${label}: ${numbers.format(n)} (${numbers.format(share)} %)`, { size: 9, width });
    const y = doc.y + 1;
    doc.save().rect(left, y, width, 6).fill('#eeeeee');
    if (share > 0) doc.rect(left, y, Math.max(1, (width * share) / 100), 6).fill(BAR);
    doc.restore().fillColor('#000000');
    doc.y = y + 10;
    doc.x = left;
  };
  const figures = (q: Question, r: QuestionResult, label: string) => {
    room(40);
    doc.x = left;
    write(doc, `${label} · ${words.questionAnswered(numbers.format(r.answered))}`, { weight: 'bold', size: 9 });
    if (r.counts) for (const c of q.choices) bars(textOf(ctx, c.label), r.counts[c.value] ?? 0, r.answered);
    if (r.rows)
      for (const row of q.rows) {
        room(40);
        write(doc, textOf(ctx, row.label), { size: 9 });
        for (const c of q.choices) bars(textOf(ctx, c.label), r.rows[row.value]?.[c.value] ?? 0, r.answered);
      }
    if (r.number)
      write(
        doc,
        `${words.mean}: ${numbers.format(r.number.mean)} · ${words.median}: ${numbers.format(r.number.median)}`,
        { size: 9 },
      );
    doc.moveDown(0.3);
  };

  if (results.suppressed) write(doc, notes.hidden(results.minimumGroup), { size: 11 });
  else if (results.questions.length === 0) write(doc, notes.none, { size: 11 });
  else {
    const byKey = new Map(results.questions.map((q) => [q.key, q]));
    for (const section of definitionOf(results).sections) {
      room(60);
      doc.x = left;
      write(doc, textOf(ctx, section.title), { weight: 'bold', size: 13 });
      for (const q of section.questions) {
        const all = byKey.get(q.key);
        if (!all) continue;
        room(50);
        doc.x = left;
        write(doc, textOf(ctx, q.text), { weight: 'bold', size: 10, width });
        figures(q, all, words.everyone);
        for (const g of results.breakdown?.groups ?? []) {
          const mine = g.questions.find((x) => x.key === q.key);
          if (mine) figures(q, mine, words.groups[g.key] ?? g.key);
        }
        doc.moveDown(0.5);
      }
    }
    if (results.breakdown?.hidden) write(doc, notes.breakdownHidden(results.minimumGroup), { size: 9 });
  }

  if (results.children.length) {
    room(60);
    doc.moveDown();
    doc.x = left;
    write(doc, words.below, { weight: 'bold', size: 12 });
    for (const c of results.children) {
      room(16);
      doc.x = left;
      write(doc, `${c.name.text}: ${c.respondents === null ? words.hidden : numbers.format(c.respondents)}`, {
        size: 9,
      });
    }
  }
  return pdfBytes(doc);
}
