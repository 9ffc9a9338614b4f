import { words as catalogueWords, formatDay, intlTag } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { newPdf, pdfBytes, write } from '../../shared/pdf.ts';
import { indicatorDashboard } from './indicators.figures.ts';
import type { Figure, IndicatorDashboard, IndicatorFigures } from './indicators.schemas.ts';

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
  const words = {
    ...catalogueWords<
      | 'title'
      | 'year'
      | 'generated'
      | 'indicator'
      | 'value'
      | 'target'
      | 'status'
      | 'setBy'
      | 'baseline'
      | 'actual'
      | 'below'
      | 'hidden'
      | 'privacy'
    >(ctx.locale, 'messages.monitoringReport'),
    statuses: catalogueWords<IndicatorFigures['status']>(ctx.locale, 'messages.monitoringReport.statuses'),
  };
  const intl = intlTag(ctx.locale);
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
    `${words.year}: ${years.format(board.year)} · ${words.generated}: ${formatDay(new Date().toISOString(), ctx.locale)}`,
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
  words: { actual: string; target: string },
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
