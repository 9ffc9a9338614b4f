import { parse } from 'csv-parse/sync';
import { csvLine, unguardCell } from '../../shared/csv.ts';
import { caseId, type Faults, type ImportSpec, type ItemType, isUuid } from './frameworks.import.ts';
import { type FrameworkDetail, ITEM_TYPES, type Item } from './frameworks.schemas.ts';

/**
 * Two CSV formats:
 * - Moodle's competency framework CSV (tool_lpimportcsv): frameworks.moodle.ts.
 * - Pathway's own CSV: code, parent_code, type, level, then title_<lang>, statement_<lang> and
 *   notes_<lang> per language, and an optional identifier (the CASE identifier, kept on re-import).
 *   Rows of type `level` define the proficiency levels (title = name, statement = description).
 *
 * Both are written with formula-like cells guarded (a leading quote, shared/csv.ts), because people
 * open them in spreadsheets, and both strip the guard on reading, so export > import gives the
 * original text. The trade-off is Moodle: its importer (tool_lpimportcsv) reads cells verbatim, so a
 * title like `=SUM(A1)` or `-5 points` arrives in Moodle as `'=SUM(A1)` or `'-5 points`. A file
 * that is safe to open matters more than those few titles; they can be corrected in Moodle.
 */

export interface CsvRow {
  line: number;
  cells: string[];
}

/** Parses CSV text into rows with the line each starts on; a malformed file is one fault. */
export function csvRows(text: string, faults: Faults, delimiter = ','): CsvRow[] {
  try {
    const records = parse(text, {
      relax_column_count: true,
      info: true,
      skip_empty_lines: false,
      delimiter,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    const out: CsvRow[] = [];
    let previous = 0;
    for (const { record, info } of records) {
      const line = previous + 1;
      previous = info.lines;
      if (record.every((c) => c.trim() === '')) continue;
      out.push({ line, cells: record.map(unguardCell) });
    }
    return out;
  } catch (error) {
    const e = error as { lines?: number; message: string };
    faults.add({ line: e.lines ?? 1, column: '' }, `The file is not valid CSV: ${e.message}`);
    return [];
  }
}

export type CsvFormat = 'moodle-csv' | 'csv';

/**
 * The delimiter that makes a header Moodle's 14 columns, or null. Moodle's importer lets the user
 * choose comma, semicolon or tab (spreadsheets in many languages save with semicolons).
 */
export function moodleDelimiter(header: string): string | null {
  for (const delimiter of [',', ';', '\t']) {
    try {
      const cells = (parse(header, { relax_column_count: true, relax_quotes: true, delimiter }) as string[][])[0];
      if (cells?.length === MOODLE_COLUMN_COUNT) return delimiter;
    } catch {
      // Not this delimiter.
    }
  }
  return null;
}

/** Moodle's competency framework CSV has 14 columns, read by position (frameworks.moodle.ts). */
export const MOODLE_COLUMN_COUNT = 14;

/**
 * Which CSV format a file is, from its header; null when neither. Pathway's header names its
 * columns; Moodle's is read by position, so any header of 14 columns (in any language) is Moodle's,
 * and one naming Moodle's columns in English is Moodle's whatever its shape (to be told what is wrong).
 */
export function detectCsv(text: string): CsvFormat | null {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const header = first.trim().toLowerCase().replace(/\s+/g, ' ');
  if (/(^|,)"?code"?(,|$)/.test(header) && header.includes('parent_code')) return 'csv';
  if (moodleDelimiter(first)) return 'moodle-csv';
  if (header.includes('is framework') || header.includes('isframework') || header.includes('parent id'))
    return 'moodle-csv';
  return null;
}

export function readPathwayCsv(text: string, faults: Faults, options: { title?: string | undefined }): ImportSpec {
  const all = csvRows(text, faults);
  const header = all.shift();
  const spec = emptySpec('csv', []);
  if (!header) {
    faults.add({ line: 1, column: '' }, 'The file is empty.');
    return spec;
  }
  const columns = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map(columns.map((c, i) => [c, i]));
  for (const required of ['code', 'parent_code', 'type', 'level']) {
    if (!index.has(required)) faults.add({ line: 1, column: required }, `The column ${required} is missing.`);
  }
  const languages: string[] = [];
  for (const column of columns) {
    const m = /^(title|statement|notes)_([a-z]{2,3})$/.exec(column);
    if (m) {
      if (!languages.includes(m[2]!)) languages.push(m[2]!);
    } else if (!['code', 'parent_code', 'type', 'level', 'identifier'].includes(column)) {
      faults.add({ line: 1, column }, `Unknown column ${column || '(empty)'}.`);
    }
  }
  if (!languages.some((l) => index.has(`statement_${l}`)))
    faults.add({ line: 1, column: 'statement_en' }, 'Give a statement_<language> column, e.g. statement_en.');
  if (faults.any) return spec;
  spec.languages = languages;
  spec.title = { [languages[0]!]: options.title ?? 'Imported framework' };
  const get = (row: CsvRow, column: string) => {
    const i = index.get(column);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const texts = (row: CsvRow, kind: string) => {
    const out: Record<string, string> = {};
    for (const l of languages) if (get(row, `${kind}_${l}`)) out[l] = get(row, `${kind}_${l}`);
    return out;
  };
  for (const row of all) {
    const code = get(row, 'code');
    const type = get(row, 'type').toLowerCase();
    if (!code) {
      faults.add({ line: row.line, column: 'code' }, 'The code is empty.');
      continue;
    }
    if (type === 'level') {
      const title = texts(row, 'title');
      spec.levels.push({
        code,
        title: Object.keys(title).length ? title : { [languages[0]!]: code },
        description: texts(row, 'statement'),
        where: { line: row.line, column: 'code' },
      });
      continue;
    }
    if (!(ITEM_TYPES as readonly string[]).includes(type)) {
      faults.add(
        { line: row.line, column: 'type' },
        `Unknown type ${type || '(empty)'}: level, ${ITEM_TYPES.join(', ')}.`,
      );
      continue;
    }
    const statement = texts(row, 'statement');
    if (Object.keys(statement).length === 0) {
      faults.add({ line: row.line, column: `statement_${languages[0]}` }, 'The statement is empty.');
      continue;
    }
    const title = texts(row, 'title');
    const identifier = get(row, 'identifier');
    if (identifier && !isUuid(identifier))
      faults.add({ line: row.line, column: 'identifier' }, 'The identifier is not a UUID.');
    spec.items.push({
      key: code,
      caseIdentifier: isUuid(identifier) ? identifier.toLowerCase() : caseId(),
      parentKey: get(row, 'parent_code') || null,
      parentWhere: { line: row.line, column: 'parent_code' },
      type: type as ItemType,
      code,
      order: spec.items.length,
      levelCode: get(row, 'level') || null,
      title: Object.keys(title).length ? title : statement,
      statement,
      notes: texts(row, 'notes'),
      where: { line: row.line, column: 'code' },
    });
  }
  return spec;
}

export function emptySpec(format: CsvFormat, languages: string[]): ImportSpec {
  return {
    format,
    caseIdentifier: null,
    title: {},
    description: {},
    version: '1.0',
    languages,
    licence: null,
    updatedAt: null,
    levels: [],
    items: [],
    rubrics: [],
    externalLinks: [],
    skipped: 0,
  };
}

// ---------- export ----------

/** Items parent-first, siblings in order: every row's parent is above it. */
export function depthFirst(fw: FrameworkDetail): { item: Item; depth: number }[] {
  const children = new Map<string | null, Item[]>();
  for (const item of fw.items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
  const out: { item: Item; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const item of (children.get(parent) ?? []).sort((a, b) => a.position - b.position)) {
      out.push({ item, depth });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function toPathwayCsv(fw: FrameworkDetail): string {
  const columns = ['code', 'parent_code', 'type', 'level'];
  for (const l of fw.languages) columns.push(`title_${l}`, `statement_${l}`, `notes_${l}`);
  columns.push('identifier');
  let out = csvLine(columns);
  for (const level of fw.levels) {
    out += csvLine([
      `${level.code}`,
      '',
      'level',
      '',
      ...fw.languages.flatMap((l) => [level.title[l] ?? '', level.description[l] ?? '', '']),
      '',
    ]);
  }
  const byId = new Map(fw.items.map((i) => [i.id, i]));
  for (const { item } of depthFirst(fw)) {
    out += csvLine([
      item.code,
      item.parentId ? byId.get(item.parentId)!.code : '',
      item.type,
      item.levelCode ?? '',
      ...fw.languages.flatMap((l) => [item.title[l] ?? '', item.statement[l] ?? '', item.notes[l] ?? '']),
      item.caseIdentifier,
    ]);
  }
  return out;
}
