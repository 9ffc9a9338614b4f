import { parse } from 'csv-parse/sync';
import { csvLine, unguardCell } from '../../shared/csv.ts';
import { resolveText } from '../../shared/text.ts';
import { caseId, type Faults, type ImportSpec, type ItemType, isUuid, type SpecLevel } from './frameworks.import.ts';
import { type FrameworkDetail, ITEM_TYPES, type Item } from './frameworks.schemas.ts';

/**
 * Two CSV formats:
 * - Moodle's competency framework CSV (tool_lpimportcsv): 14 columns in a fixed order, one row for
 *   the framework (Is framework = 1) and one per competency, parents by ID number. Moodle reads
 *   columns by position; the header labels changed over releases, so both sets are accepted.
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

/** Moodle's columns: the current label first, then older or variant labels of the same column. */
export const MOODLE_COLUMNS: readonly (readonly string[])[] = [
  ['Parent ID number', 'Parent idnumber', 'parentidnumber'],
  ['ID number', 'idnumber'],
  ['Short name', 'Shortname', 'shortname'],
  ['Description', 'description'],
  ['Description format', 'descriptionformat'],
  ['Scale values', 'scalevalues'],
  ['Scale configuration', 'scaleconfiguration'],
  ['Rule type (optional)', 'Rule type', 'ruletype'],
  ['Rule outcome (optional)', 'Rule outcome', 'ruleoutcome'],
  ['Rule config (optional)', 'Rule config', 'ruleconfig'],
  ['Cross-referenced competency ID numbers', 'Related ID numbers', 'relatedidnumbers'],
  ['Exported ID (optional)', 'Exported ID', 'Export ID', 'exportid'],
  ['Is framework', 'isframework'],
  ['Taxonomy', 'Taxonomies', 'taxonomy'],
];

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

interface Row {
  line: number;
  cells: string[];
}

/** Parses CSV text into rows with the line each starts on; a malformed file is one fault. */
function rows(text: string, faults: Faults): Row[] {
  try {
    const records = parse(text, { relax_column_count: true, info: true, skip_empty_lines: false }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    const out: Row[] = [];
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

/** Which CSV format a file is, from its header; null when neither. */
export function detectCsv(text: string): CsvFormat | null {
  const header = norm(text.split(/\r?\n/, 1)[0] ?? '');
  if (header.includes('is framework') || header.includes('isframework') || header.includes('parent id number'))
    return 'moodle-csv';
  if (/(^|,)"?code"?(,|$)/.test(header) && header.includes('parent_code')) return 'csv';
  return null;
}

const stripHtml = (s: string) =>
  s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

/** Moodle taxonomy terms for each depth of the tree, as Pathway's item types. */
const TAXONOMY_TYPE: Record<string, ItemType> = {
  domain: 'aspect',
  concept: 'aspect',
  level: 'aspect',
  competency: 'competency',
  skill: 'competency',
  proficiency: 'competency',
  value: 'competency',
  indicator: 'indicator',
  outcome: 'indicator',
  behaviour: 'indicator',
  practice: 'indicator',
};
const TYPE_TAXONOMY: Record<ItemType, string> = { aspect: 'domain', competency: 'competency', indicator: 'indicator' };

export function readMoodleCsv(text: string, faults: Faults, options: { language: string }): ImportSpec {
  const all = rows(text, faults);
  const spec = emptySpec('moodle-csv', [options.language]);
  const header = all.shift();
  if (!header) {
    faults.add({ line: 1, column: '' }, 'The file is empty.');
    return spec;
  }
  MOODLE_COLUMNS.forEach((labels, i) => {
    const got = header.cells[i];
    if (got === undefined) faults.add({ line: 1, column: labels[0]! }, `The column ${labels[0]} is missing.`);
    else if (!labels.some((l) => norm(l) === norm(got)))
      faults.add({ line: 1, column: got }, `Column ${i + 1} is ${got}; Moodle's format has ${labels[0]} there.`);
  });
  if (faults.any) return spec;
  const lang = options.language;
  const cell = (row: Row, i: number) => (row.cells[i] ?? '').trim();
  const textOf = (row: Row) => {
    const raw = cell(row, 3);
    return ['0', '1', ''].includes(cell(row, 4)) && /<[a-z][^>]*>|&[a-z#0-9]+;/i.test(raw) ? stripHtml(raw) : raw;
  };
  let taxonomy: ItemType[] = [];
  const parentOf = new Map<string, string>();
  for (const row of all) {
    if (['1', 'true', 'yes'].includes(cell(row, 12).toLowerCase())) {
      if (spec.title[lang]) {
        faults.add(
          { line: row.line, column: MOODLE_COLUMNS[12]![0]! },
          'A second framework row: one file is one framework.',
        );
        continue;
      }
      if (!cell(row, 2))
        faults.add({ line: row.line, column: MOODLE_COLUMNS[2]![0]! }, 'The framework has no short name.');
      spec.title = { [lang]: cell(row, 2) || 'Framework' };
      const description = textOf(row);
      if (description) spec.description = { [lang]: description };
      if (isUuid(cell(row, 1))) spec.caseIdentifier = cell(row, 1).toLowerCase();
      taxonomy = cell(row, 13)
        .split(',')
        .map((t) => TAXONOMY_TYPE[t.trim().toLowerCase()] ?? 'competency');
      spec.levels = cell(row, 5)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map(
          (value, i): SpecLevel => ({
            code: `L${i + 1}`,
            title: { [lang]: value },
            description: {},
            where: { line: row.line, column: MOODLE_COLUMNS[5]![0]! },
          }),
        );
      continue;
    }
    const code = cell(row, 1);
    const name = cell(row, 2);
    if (!code) {
      faults.add({ line: row.line, column: MOODLE_COLUMNS[1]![0]! }, 'The competency has no ID number.');
      continue;
    }
    if (!name) faults.add({ line: row.line, column: MOODLE_COLUMNS[2]![0]! }, 'The competency has no short name.');
    const statement = textOf(row) || name;
    const parent = cell(row, 0);
    if (parent) parentOf.set(code, parent);
    const exportId = cell(row, 11);
    spec.items.push({
      key: code,
      caseIdentifier: isUuid(exportId) ? exportId.toLowerCase() : caseId(),
      parentKey: parent || null,
      parentWhere: { line: row.line, column: MOODLE_COLUMNS[0]![0]! },
      type: 'competency',
      code,
      order: spec.items.length,
      levelCode: null,
      title: { [lang]: name || code },
      statement: { [lang]: statement },
      notes: {},
      where: { line: row.line, column: MOODLE_COLUMNS[1]![0]! },
    });
  }
  if (!spec.title[lang]) faults.add({ line: 2, column: MOODLE_COLUMNS[12]![0]! }, 'No row has Is framework = 1.');
  // Types from the framework's taxonomy, by depth (Moodle names one term per level of the tree).
  const depth = (code: string) => {
    let d = 0;
    for (let p = parentOf.get(code), guard = 0; p && guard < 100; p = parentOf.get(p), guard++) d++;
    return d;
  };
  for (const item of spec.items) item.type = taxonomy[depth(item.code)] ?? 'competency';
  return spec;
}

export function readPathwayCsv(text: string, faults: Faults, options: { title?: string | undefined }): ImportSpec {
  const all = rows(text, faults);
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
  const get = (row: Row, column: string) => {
    const i = index.get(column);
    return i === undefined ? '' : (row.cells[i] ?? '').trim();
  };
  const texts = (row: Row, kind: string) => {
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

function emptySpec(format: CsvFormat, languages: string[]): ImportSpec {
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
function depthFirst(fw: FrameworkDetail): { item: Item; depth: number }[] {
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

export function toMoodleCsv(fw: FrameworkDetail): string {
  const lang = fw.languages[0] ?? 'en';
  const text = (value: Record<string, string>) => resolveText(value, lang, lang).text;
  const ordered = depthFirst(fw);
  const depth = Math.max(1, ...ordered.map((o) => o.depth + 1));
  const taxonomy = Array.from({ length: depth }, (_, d) => {
    const first = ordered.find((o) => o.depth === d);
    return first ? TYPE_TAXONOMY[first.item.type] : 'competency';
  });
  const byId = new Map(fw.items.map((i) => [i.id, i]));
  const scale = fw.levels.map((l) => text(l.title).replaceAll(',', ' '));
  const scaleConfig = scale.length
    ? JSON.stringify([
        { scaleid: '0' },
        ...scale.map((_, i) => ({
          id: i + 1,
          scaledefault: i === 0 ? 1 : 0,
          proficient: i === scale.length - 1 ? 1 : 0,
        })),
      ])
    : '';
  let out = csvLine(MOODLE_COLUMNS.map((labels) => labels[0]!));
  out += csvLine([
    '',
    fw.caseIdentifier,
    text(fw.title),
    text(fw.description),
    '2',
    scale.join(','),
    scaleConfig,
    '',
    '',
    '',
    '',
    '',
    '1',
    taxonomy.join(','),
  ]);
  for (const { item } of ordered) {
    const parent = item.parentId ? byId.get(item.parentId)!.code : '';
    out += csvLine([
      parent,
      item.code,
      text(item.title),
      text(item.statement),
      '2',
      '',
      '',
      '',
      '',
      '',
      '',
      item.caseIdentifier,
      '',
      '',
    ]);
  }
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
