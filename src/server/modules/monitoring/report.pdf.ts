import type { Ctx } from '../../shared/context.ts';
import { newPdf, pdfBytes, write } from '../../shared/pdf.ts';
import { indicatorDashboard } from './indicators.figures.ts';
import type { Figure, IndicatorDashboard, IndicatorFigures } from './indicators.schemas.ts';

type Labels = {
  title: string;
  year: string;
  generated: string;
  indicator: string;
  value: string;
  target: string;
  status: string;
  setBy: string;
  baseline: string;
  actual: string;
  below: string;
  hidden: string;
  privacy: string;
  statuses: Record<IndicatorFigures['status'], string>;
};

/** The report's own words, in each of Pathway's languages. */
const LABELS: Record<string, Labels> = {
  en: {
    title: 'Monitoring report',
    year: 'Roadmap year',
    generated: 'Generated',
    indicator: 'Indicator',
    value: 'Value',
    target: 'Target',
    status: 'Status',
    setBy: 'set by',
    baseline: 'Baseline',
    actual: 'Actual',
    below: 'Units below',
    hidden: 'fewer than 5',
    privacy: 'Figures about fewer than 5 teachers are not shown, nor any figure they could be worked out from.',
    statuses: {
      on_track: 'On track',
      at_risk: 'At risk',
      off_track: 'Off track',
      no_target: 'No target',
      no_data: 'No data',
      suppressed: 'Fewer than 5',
    },
  },
  ru: {
    title: 'Отчёт мониторинга',
    year: 'Год дорожной карты',
    generated: 'Сформирован',
    indicator: 'Показатель',
    value: 'Значение',
    target: 'Цель',
    status: 'Статус',
    setBy: 'установил',
    baseline: 'Базовый уровень',
    actual: 'Факт',
    below: 'Нижестоящие единицы',
    hidden: 'менее 5',
    privacy: 'Данные менее чем о 5 учителях не показываются, как и любые данные, из которых их можно вычислить.',
    statuses: {
      on_track: 'По плану',
      at_risk: 'Под угрозой',
      off_track: 'Отставание',
      no_target: 'Нет цели',
      no_data: 'Нет данных',
      suppressed: 'Менее 5',
    },
  },
  uz: {
    title: 'Monitoring hisoboti',
    year: 'Yoʻl xaritasi yili',
    generated: 'Tuzilgan sana',
    indicator: 'Koʻrsatkich',
    value: 'Qiymat',
    target: 'Maqsad',
    status: 'Holat',
    setBy: 'belgilagan',
    baseline: 'Boshlangʻich qiymat',
    actual: 'Haqiqiy',
    below: 'Quyi boʻlinmalar',
    hidden: '5 tadan kam',
    privacy:
      '5 nafardan kam oʻqituvchiga oid raqamlar va ularni hisoblab topish mumkin boʻlgan raqamlar koʻrsatilmaydi.',
    statuses: {
      on_track: 'Reja boʻyicha',
      at_risk: 'Xavf ostida',
      off_track: 'Ortda qolmoqda',
      no_target: 'Maqsad yoʻq',
      no_data: 'Maʼlumot yoʻq',
      suppressed: '5 tadan kam',
    },
  },
  ne: {
    title: 'अनुगमन प्रतिवेदन',
    year: 'मार्गचित्र वर्ष',
    generated: 'तयार मिति',
    indicator: 'सूचक',
    value: 'मान',
    target: 'लक्ष्य',
    status: 'अवस्था',
    setBy: 'तोक्ने',
    baseline: 'आधार रेखा',
    actual: 'वास्तविक',
    below: 'तलका एकाइहरू',
    hidden: '५ भन्दा कम',
    privacy: '५ भन्दा कम शिक्षकसम्बन्धी तथ्याङ्क र तिनलाई निकाल्न सकिने कुनै पनि तथ्याङ्क देखाइँदैन।',
    statuses: {
      on_track: 'लक्ष्यअनुसार',
      at_risk: 'जोखिममा',
      off_track: 'पछाडि',
      no_target: 'लक्ष्य छैन',
      no_data: 'तथ्याङ्क छैन',
      suppressed: '५ भन्दा कम',
    },
  },
  fil: {
    title: 'Ulat sa pagsubaybay',
    year: 'Taon ng roadmap',
    generated: 'Ginawa noong',
    indicator: 'Tagapagpahiwatig',
    value: 'Halaga',
    target: 'Target',
    status: 'Katayuan',
    setBy: 'itinakda ng',
    baseline: 'Panimulang halaga',
    actual: 'Aktwal',
    below: 'Mga yunit sa ilalim',
    hidden: 'wala pang 5',
    privacy:
      'Hindi ipinapakita ang mga bilang tungkol sa wala pang 5 guro, o anumang bilang na mapagkukunan ng mga ito.',
    statuses: {
      on_track: 'Nasa tamang landas',
      at_risk: 'Nanganganib',
      off_track: 'Nahuhuli',
      no_target: 'Walang target',
      no_data: 'Walang datos',
      suppressed: 'Wala pang 5',
    },
  },
};

const STATUS_COLOUR: Record<IndicatorFigures['status'], string> = {
  on_track: '#1b7f3b',
  at_risk: '#b26a00',
  off_track: '#b3261e',
  no_target: '#555555',
  no_data: '#555555',
  suppressed: '#555555',
};

/**
 * The indicators of a unit for a year as a PDF for evaluation meetings: each indicator's figure,
 * target and status, its progress line against the targets, and the units below it, in the
 * reader's language. It shows exactly what the dashboard shows (the same suppression).
 */
export async function unitReportPdf(ctx: Ctx, query: { unitId?: string | undefined; year?: number | undefined }) {
  const board = await indicatorDashboard(ctx, query);
  const words = LABELS[ctx.locale] ?? LABELS.en!;
  const intl = ctx.locale === 'ne' ? 'ne-NP-u-nu-deva' : ctx.locale === 'uz' ? 'uz-Latn' : ctx.locale;
  const numbers = new Intl.NumberFormat(intl, { maximumFractionDigits: 1 });
  const years = new Intl.NumberFormat(intl, { useGrouping: false });
  const doc = newPdf(ctx.locale, { title: `${words.title}: ${board.unit.name.text} ${board.year}` });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const room = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  const show = (f: IndicatorFigures, figure: Figure) =>
    figure.suppressed
      ? words.hidden
      : figure.value === null
        ? '—'
        : `${numbers.format(figure.value)}${f.indicator.factor === 'percent' ? ' %' : f.indicator.factor === 'per_thousand' ? ' ‰' : ''}`;

  write(doc, words.title, { weight: 'bold', size: 20 });
  write(doc, [...board.ancestors.map((a) => a.name.text), board.unit.name.text].join(' › '), { size: 13 });
  write(
    doc,
    `${words.year}: ${years.format(board.year)} · ${words.generated}: ${new Intl.DateTimeFormat(intl).format(new Date())}`,
    { size: 10 },
  );
  doc.moveDown();

  // The headline table.
  const columns = [0, 0.46, 0.62, 0.84].map((share) => left + share * width);
  const row = (cells: string[], bold = false, colour?: string) => {
    room(28);
    const top = doc.y;
    let bottom = top;
    cells.forEach((text, i) => {
      doc.x = columns[i]!;
      doc.y = top;
      const cellWidth = (i + 1 < columns.length ? columns[i + 1]! : left + width) - columns[i]! - 6;
      if (i === 3 && colour) doc.fillColor(colour);
      write(doc, text, { weight: bold ? 'bold' : 'regular', size: 9, width: cellWidth });
      doc.fillColor('#000000');
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = left;
    doc.y = bottom + 3;
    doc
      .moveTo(left, doc.y - 1)
      .lineTo(left + width, doc.y - 1)
      .lineWidth(0.3)
      .strokeColor('#cccccc')
      .stroke();
  };
  row([words.indicator, words.value, words.target, words.status], true);
  for (const f of board.indicators)
    row(
      [
        `${f.indicator.code} ${f.indicator.name.text}`,
        show(f, f.current),
        f.target ? `${numbers.format(f.target.value)} (${words.setBy} ${f.target.setBy.name.text})` : '—',
        words.statuses[f.status],
      ],
      false,
      STATUS_COLOUR[f.status],
    );
  doc.moveDown();
  write(doc, words.privacy, { size: 8 });

  for (const f of board.indicators) {
    doc.addPage();
    write(doc, `${f.indicator.code} ${f.indicator.name.text}`, { weight: 'bold', size: 14 });
    write(doc, f.indicator.definition.text, { size: 9 });
    doc.moveDown(0.5);
    chart(doc, f, left, doc.y, width, 160, words);
    doc.y += 180;
    doc.x = left;
    if (f.children.length) {
      write(doc, words.below, { weight: 'bold', size: 11 });
      row([words.indicator, words.value, '', words.status], true);
      for (const c of f.children)
        row([c.name.text, show(f, c.figure), '', words.statuses[c.status]], false, STATUS_COLOUR[c.status]);
    }
  }
  return pdfBytes(doc);
}

/** The progress line: actual values (solid) against the targets (dashed), year by year. */
function chart(
  doc: PDFKit.PDFDocument,
  f: IndicatorDashboard['indicators'][number],
  x: number,
  y: number,
  width: number,
  height: number,
  words: Labels,
) {
  const points = f.timeline;
  const values = points.flatMap((p) => [p.actual, p.target]).filter((v): v is number => v !== null);
  const top = Math.max(f.indicator.factor === 'percent' ? 100 : 1, ...values);
  const px = (i: number) => x + 30 + (points.length === 1 ? 0 : (i / (points.length - 1)) * (width - 40));
  const py = (v: number) => y + height - 20 - (v / top) * (height - 30);
  doc.save().lineWidth(0.5).strokeColor('#888888');
  doc
    .moveTo(x + 30, y + 5)
    .lineTo(x + 30, y + height - 20)
    .lineTo(x + width, y + height - 20)
    .stroke();
  doc.fontSize(7).fillColor('#444444');
  doc.font('regular').text(String(Math.round(top)), x, py(top) - 3, { width: 26, align: 'right' });
  doc.text('0', x, py(0) - 3, { width: 26, align: 'right' });
  for (const [i, p] of points.entries())
    doc.text(String(p.year), px(i) - 12, y + height - 15, { width: 24, align: 'center' });
  const line = (pick: (p: (typeof points)[number]) => number | null, colour: string, dashed: boolean) => {
    const at = points.map((p, i) => [i, pick(p)] as const).filter((p): p is readonly [number, number] => p[1] !== null);
    if (at.length === 0) return;
    doc.lineWidth(1.5).strokeColor(colour).fillColor(colour);
    if (dashed) doc.dash(4, { space: 3 });
    else doc.undash();
    for (const [n, [i, v]] of at.entries()) {
      if (n === 0) doc.moveTo(px(i), py(v));
      else doc.lineTo(px(i), py(v));
    }
    doc.stroke().undash();
    for (const [i, v] of at) doc.circle(px(i), py(v), 2).fill();
  };
  line((p) => p.target, '#7a7a7a', true);
  line((p) => p.actual, '#1d4ed8', false);
  doc.fillColor('#1d4ed8');
  doc.x = x + width - 150;
  doc.y = y;
  write(doc, `— ${words.actual}`, { size: 8 });
  doc.fillColor('#7a7a7a');
  doc.x = x + width - 150;
  write(doc, `- - ${words.target}`, { size: 8 });
  doc.restore().fillColor('#000000');
}
