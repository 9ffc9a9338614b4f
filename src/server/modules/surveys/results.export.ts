import { hasPermissionAt } from '../../shared/access.ts';
import { message } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { tableCsv } from '../../shared/csv.ts';
import { AppError } from '../../shared/errors.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import type { Cell } from '../../shared/xlsx.ts';
import { xlsxBytes } from '../../shared/xlsx.ts';
import * as org from '../org/org.service.ts';
import type { Breakdown, QuestionResult, RoundResults } from './results.schemas.ts';
import { roundResults } from './results.service.ts';
import type { Definition, Question } from './surveys.definition.ts';

type Query = { unitId?: string; by?: Breakdown };

/** The notes a reader of an export needs, in the reader's language (`messages.surveyResults` of the catalogues). */
export interface ExportWords {
  hidden: (minimum: number) => string;
  breakdownHidden: (minimum: number) => string;
  none: string;
}

export const wordsFor = (locale: string): ExportWords => ({
  hidden: (minimum) => message(locale, 'messages.surveyResults.hidden', { minimum }),
  breakdownHidden: (minimum) => message(locale, 'messages.surveyResults.breakdownHidden', { minimum }),
  none: message(locale, 'messages.surveyResults.none'),
});

// roundResults parsed the definition with the Definition schema; its response schema only types it as unknown.
export const definitionOf = (results: RoundResults) => results.definition as Definition;

export const textOf = (ctx: Ctx, value: LocalizedText) => resolveText(value, ctx.locale, ctx.defaultLocale).text;

/** A share of answers in percent with one decimal, or null when nobody answered. */
export const percent = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);

/** One line of the results table, before it is written: what it is about and the figures of everyone and of each group. */
interface Line {
  section: string;
  question: Question;
  item: string;
  choice: string;
  /** The figure of a result for this line: respondents of a choice, or a mean or median. */
  figure: (r: QuestionResult) => number | null;
  isCount: boolean;
}

function linesOf(ctx: Ctx, definition: Definition): Line[] {
  const lines: Line[] = [];
  for (const section of definition.sections) {
    const s = section.key;
    for (const q of section.questions) {
      const line = (item: string, choice: string, figure: Line['figure'], isCount = true) =>
        lines.push({ section: s, question: q, item, choice, figure, isCount });
      if (q.type === 'single' || q.type === 'likert' || q.type === 'multiple')
        for (const c of q.choices) line('', textOf(ctx, c.label), (r) => r.counts?.[c.value] ?? null);
      else if (q.type === 'matrix')
        for (const row of q.rows)
          for (const c of q.choices)
            line(textOf(ctx, row.label), textOf(ctx, c.label), (r) => r.rows?.[row.value]?.[c.value] ?? null);
      else if (q.type === 'number') {
        line('mean', '', (r) => r.number?.mean ?? null, false);
        line('median', '', (r) => r.number?.median ?? null, false);
      } else line('', '', (r) => r.answered, true);
    }
  }
  return lines;
}

/**
 * The results as a table for a spreadsheet: a row per question and choice (per matrix row and point,
 * the mean and median of a number, the count of answers to a text), the respondents and share of
 * everyone, and a column per group of the breakdown. Every figure is one `roundResults` gave, so
 * what it hides stays hidden; a hidden unit or breakdown gives a note instead of figures.
 */
export function resultsTable(ctx: Ctx, results: RoundResults): Cell[][] {
  const words = wordsFor(ctx.locale);
  const groups = results.breakdown?.groups ?? [];
  const header: Cell[] = [
    'section',
    'question',
    'question_text',
    'item',
    'choice',
    'respondents',
    'share_percent',
    'answered',
    'value',
    ...groups.map((g) => `${results.breakdown!.by}_${g.key}`),
  ];
  if (results.suppressed) return [header, [words.hidden(results.minimumGroup)]];
  if (results.questions.length === 0) return [header, [words.none]];
  const byKey = new Map(results.questions.map((q) => [q.key, q]));
  const rows: Cell[][] = [header];
  for (const line of linesOf(ctx, definitionOf(results))) {
    const all = byKey.get(line.question.key);
    if (!all) continue;
    const figure = line.figure(all);
    rows.push([
      line.section,
      line.question.key,
      textOf(ctx, line.question.text),
      line.item,
      line.choice,
      line.isCount ? figure : null,
      line.isCount && line.choice && figure !== null ? percent(figure, all.answered) : null,
      all.answered,
      line.isCount ? null : figure,
      ...groups.map((g) => {
        const mine = g.questions.find((q) => q.key === line.question.key);
        return mine ? line.figure(mine) : null;
      }),
    ]);
  }
  if (results.breakdown?.hidden) rows.push([words.breakdownHidden(results.minimumGroup)]);
  return rows;
}

/** The unit and the units below it with their respondents, or "hidden". */
export function unitsTable(results: RoundResults): Cell[][] {
  const shown = (n: number | null) => (n === null ? 'hidden' : n);
  return [
    ['unit', 'unit_id', 'respondents', 'invited'],
    [results.unit.name.text, results.unit.id, shown(results.respondents), results.invited],
    ...results.children.map((c) => [c.name.text, c.unitId, shown(c.respondents), null]),
  ];
}

export async function resultsCsv(ctx: Ctx, roundId: string, query: Query): Promise<string> {
  return tableCsv(resultsTable(ctx, await roundResults(ctx, roundId, query)));
}

export async function resultsXlsx(ctx: Ctx, roundId: string, query: Query): Promise<Buffer> {
  const results = await roundResults(ctx, roundId, query);
  return xlsxBytes([
    { name: 'Results', rows: resultsTable(ctx, results) },
    { name: 'Units', rows: unitsTable(results) },
  ]);
}

/**
 * The written answers of a round at a unit, for coding: the question and the text, nothing about who
 * wrote it or when, sorted by question and text so that the order tells nothing either. Only those who
 * manage surveys at the unit read them, and only where the unit is shown (`roundResults` gives no texts
 * otherwise, so a hidden unit gives the header alone).
 */
export async function textsCsv(ctx: Ctx, roundId: string, query: { unitId?: string }): Promise<string> {
  const results = await roundResults(ctx, roundId, query);
  const unit = await org.requireUnit(ctx, results.unit.id);
  if (!hasPermissionAt(ctx, 'surveys.manage', unit.path))
    throw new AppError('forbidden', 'Written answers are read only by those who manage surveys at the unit.', {
      roundId,
      unitId: results.unit.id,
    });
  const byKey = new Map(results.questions.map((q) => [q.key, q]));
  const rows: Cell[][] = [['question', 'question_text', 'text']];
  const questions = definitionOf(results).sections.flatMap((s) => s.questions);
  for (const q of [...questions].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))) {
    const texts = [...(byKey.get(q.key)?.texts ?? [])].sort();
    for (const text of texts) rows.push([q.key, textOf(ctx, q.text), text]);
  }
  return tableCsv(rows);
}

/** A file name of letters, digits and dashes: the round, and the unit and breakdown when asked. */
export function exportName(roundId: string, query: Query & { kind: string }, extension: string) {
  const parts = ['survey', query.kind, roundId, query.unitId, query.by ? `by-${query.by}` : undefined];
  const name = parts
    .filter((p): p is string => Boolean(p))
    .join('-')
    .replace(/[^A-Za-z0-9_-]+/g, '-');
  return `${name}.${extension}`;
}
