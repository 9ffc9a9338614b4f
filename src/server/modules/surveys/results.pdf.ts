import { words as catalogueWords, formatDay, intlTag, message } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { newPdf, pdfBytes, write } from '../../shared/pdf.ts';
import { definitionOf, percent, textOf, wordsFor } from './results.export.ts';
import type { Breakdown, QuestionResult } from './results.schemas.ts';
import { roundResults } from './results.service.ts';
import * as repo from './rounds.repo.ts';
import type { Question } from './surveys.definition.ts';

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
  const say = (key: string, values?: Record<string, string>) =>
    message(ctx.locale, `messages.surveyResults.${key}`, values);
  const words = {
    ...catalogueWords<'title' | 'unit' | 'window' | 'mean' | 'median' | 'below' | 'everyone' | 'generated'>(
      ctx.locale,
      'messages.surveyResults',
    ),
    hidden: say('hiddenShort'),
    answered: (n: string, of: string) => say('answered', { n, of }),
    questionAnswered: (n: string) => say('questionAnswered', { n }),
    groups: catalogueWords<string>(ctx.locale, 'messages.surveyResults.groups'),
  };
  const notes = wordsFor(ctx.locale);
  const numbers = new Intl.NumberFormat(intlTag(ctx.locale), { maximumFractionDigits: 1 });
  const day = (iso: string) => formatDay(iso, ctx.locale);

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
  write(doc, `${words.generated}: ${formatDay(new Date().toISOString(), ctx.locale)}`, { size: 8 });
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
