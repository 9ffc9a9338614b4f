import { type Ctx, inTransaction } from '../../shared/context.ts';
import { csvLine } from '../../shared/csv.ts';
import { nowIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import { derivedId } from './frameworks.case.ts';
import { type CsvRow, csvRows, depthFirst, emptySpec, MOODLE_COLUMN_COUNT, moodleDelimiter } from './frameworks.csv.ts';
import {
  caseId,
  Faults,
  type ImportSpec,
  type ItemType,
  importSpec,
  isUuid,
  type SpecLevel,
} from './frameworks.import.ts';
import {
  DESCRIPTION_CELL,
  FORMAT_CELL,
  FORMAT_PLAIN,
  htmlToText,
  isHtmlDescription,
  sanitiseHtml,
} from './frameworks.moodle.html.ts';
import * as repo from './frameworks.repo.ts';
import type { FrameworkDetail } from './frameworks.schemas.ts';
import { getFramework } from './frameworks.service.ts';

/**
 * Moodle's competency framework CSV (admin tool "Import competency framework", tool_lpimportcsv):
 * 14 columns read by position, as Moodle reads them, so the header may be in any language or
 * wording; one row is the framework (Is framework = 1), the others competencies, parents by id
 * number. What Pathway has no place for (id numbers, exported ids, HTML descriptions, the scale's
 * configuration, rules, the taxonomy) is kept as the row came (`moodle_source`, migration 0026)
 * beside the values Pathway read, and given back on export while Pathway's value is unchanged.
 * Cross-references become `isRelatedTo` associations between the items (as a CASE package keeps
 * them), so they travel in CASE exports too.
 */

/** The labels Pathway writes, in Moodle's order (Moodle's own English labels vary by release). */
export const MOODLE_COLUMNS = [
  'Parent ID number',
  'ID number',
  'Short name',
  'Description',
  'Description format',
  'Scale values',
  'Scale configuration',
  'Rule type (optional)',
  'Rule outcome (optional)',
  'Rule config (optional)',
  'Cross-referenced competency ID numbers',
  'Exported ID (optional)',
  'Is framework',
  'Taxonomy',
] as const;

const C = {
  parent: 0,
  idNumber: 1,
  shortName: 2,
  description: DESCRIPTION_CELL,
  format: FORMAT_CELL,
  scaleValues: 5,
  scaleConfig: 6,
  related: 10,
  exportedId: 11,
  isFramework: 12,
  taxonomy: 13,
} as const;

// ---------- what is kept ----------

/** A Moodle row as it came (description sanitised), with what Pathway read from it. */
export interface MoodleRowSource {
  cells: string[];
  read: {
    title: string;
    statement: string;
    /** Framework row: the level titles and the item types the taxonomy gave. */
    levels?: string[];
    /** Competency row: the cross-referenced id numbers found in the file, and those not found. */
    related?: string[];
    unresolved?: string[];
  };
}

interface MoodleRead {
  spec: ImportSpec;
  framework: MoodleRowSource | null;
  items: Map<string, MoodleRowSource>;
  related: { from: string; to: string }[];
}

/** Moodle taxonomy terms (tool_lpimportcsv's list) as Pathway's item types. */
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
const typesOf = (taxonomy: string) =>
  taxonomy.split(',').map((t) => TAXONOMY_TYPE[t.trim().toLowerCase()] ?? 'competency');

// ---------- import ----------

const where = (row: CsvRow, column: number) => ({ line: row.line, column: MOODLE_COLUMNS[column]! });

/** Every row has Moodle's 14 cells: one more or less is most often a comma or line break left unquoted. */
function checkShape(row: CsvRow, faults: Faults, header: boolean): boolean {
  const n = row.cells.length;
  if (n === MOODLE_COLUMN_COUNT) return true;
  const what = header ? 'The header' : `Line ${row.line}`;
  const hint = header
    ? `: ${MOODLE_COLUMNS.join(', ')} (labels in any language, read by position)`
    : '; a description with a comma or a line break must be in double quotes';
  faults.add(
    { line: row.line, column: '' },
    `${what} has ${n} column${n === 1 ? '' : 's'}; Moodle's competency framework CSV has ${MOODLE_COLUMN_COUNT}${hint}.`,
  );
  return false;
}

/** The description as Pathway's text, and the cell to keep (HTML sanitised). */
function description(row: CsvRow): { text: string; kept: string } {
  const raw = (row.cells[C.description] ?? '').trim();
  if (isHtmlDescription(raw, row.cells[C.format] ?? '')) {
    const kept = sanitiseHtml(raw).trim();
    return { text: htmlToText(kept), kept };
  }
  return { text: raw, kept: raw };
}

export function readMoodleCsv(text: string, faults: Faults, options: { language: string }): MoodleRead {
  const lang = options.language;
  const all = csvRows(text, faults, moodleDelimiter(text.split(/\r?\n/, 1)[0] ?? '') ?? ',');
  const spec = emptySpec('moodle-csv', [lang]);
  const out: MoodleRead = { spec, framework: null, items: new Map(), related: [] };
  const header = all.shift();
  if (!header) {
    if (!faults.any) faults.add({ line: 1, column: '' }, 'The file is empty.');
    return out;
  }
  // The header is read only for its shape: Moodle's labels differ between releases and languages.
  if (!checkShape(header, faults, true)) return out;
  const cell = (row: CsvRow, i: number) => (row.cells[i] ?? '').trim();
  const kept = (row: CsvRow, desc: { kept: string }) =>
    row.cells.slice(0, MOODLE_COLUMN_COUNT).map((c, i) => (i === C.description ? desc.kept : c));
  let taxonomy: ItemType[] = [];
  const parentOf = new Map<string, string>();
  const relatedCells: { row: CsvRow; code: string; ids: string[] }[] = [];
  for (const row of all) {
    if (!checkShape(row, faults, false)) continue;
    if (['1', 'true', 'yes'].includes(cell(row, C.isFramework).toLowerCase())) {
      if (out.framework) {
        faults.add(where(row, C.isFramework), 'A second framework row: one file is one framework.');
        continue;
      }
      const title = cell(row, C.shortName);
      if (!title) faults.add(where(row, C.shortName), 'The framework has no short name.');
      spec.title = { [lang]: title || 'Framework' };
      const desc = description(row);
      if (desc.text) spec.description = { [lang]: desc.text };
      if (isUuid(cell(row, C.idNumber))) spec.caseIdentifier = cell(row, C.idNumber).toLowerCase();
      taxonomy = typesOf(cell(row, C.taxonomy));
      spec.levels = cell(row, C.scaleValues)
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map(
          (value, i): SpecLevel => ({
            code: `L${i + 1}`,
            title: { [lang]: value },
            description: {},
            where: where(row, C.scaleValues),
          }),
        );
      out.framework = {
        cells: kept(row, desc),
        read: { title: spec.title[lang]!, statement: desc.text, levels: spec.levels.map((l) => l.title[lang]!) },
      };
      continue;
    }
    const code = cell(row, C.idNumber);
    const name = cell(row, C.shortName);
    if (!code) {
      faults.add(where(row, C.idNumber), 'The competency has no id number.');
      continue;
    }
    if (!name) faults.add(where(row, C.shortName), 'The competency has no short name.');
    const desc = description(row);
    const statement = desc.text || name;
    const parent = cell(row, C.parent);
    if (parent) parentOf.set(code, parent);
    const exportId = cell(row, C.exportedId);
    const ids = cell(row, C.related)
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean);
    if (ids.length) relatedCells.push({ row, code, ids });
    spec.items.push({
      key: code,
      caseIdentifier: isUuid(exportId) ? exportId.toLowerCase() : caseId(),
      parentKey: parent || null,
      parentWhere: where(row, C.parent),
      type: 'competency',
      code,
      order: spec.items.length,
      levelCode: null,
      title: { [lang]: name || code },
      statement: { [lang]: statement },
      notes: {},
      where: where(row, C.idNumber),
    });
    out.items.set(code, { cells: kept(row, desc), read: { title: name || code, statement } });
  }
  if (!out.framework && !faults.any)
    faults.add({ line: 2, column: MOODLE_COLUMNS[C.isFramework] }, 'No row has Is framework = 1.');
  // Types from the framework's taxonomy, by depth (Moodle names one term per level of the tree).
  const depth = (code: string) => {
    let d = 0;
    for (let p = parentOf.get(code), guard = 0; p && guard < 100; p = parentOf.get(p), guard++) d++;
    return d;
  };
  for (const item of spec.items) item.type = taxonomy[depth(item.code)] ?? 'competency';
  // Cross-references: to competencies of this file become associations; others (Moodle relates
  // competencies across frameworks) are kept in the row only.
  for (const { code, ids } of relatedCells) {
    const source = out.items.get(code)!;
    const found = [...new Set(ids.filter((id) => out.items.has(id) && id !== code))];
    source.read.related = found;
    source.read.unresolved = ids.filter((id) => !out.items.has(id));
    for (const to of found) out.related.push({ from: code, to });
  }
  return out;
}

/** Reads a Moodle CSV and writes it as a new draft with what it says kept; nothing is written on any fault. */
export async function importMoodleCsv(ctx: Ctx, text: string, options: { language: string }) {
  const faults = new Faults();
  const read = readMoodleCsv(text, faults, options);
  // A row of the wrong shape is skipped, so the whole-file checks would only echo it: stop here.
  faults.failIfAny('moodle-csv');
  return inTransaction(ctx, async (tx) => {
    const result = await importSpec(tx, read.spec, faults);
    const byCode = new Map(result.framework.items.map((i) => [i.code, i]));
    await repo.updateFramework(tx.db, tx.tenantId, result.frameworkId, {
      moodle_source: read.framework ? JSON.stringify(read.framework) : null,
    });
    for (const [code, source] of read.items) {
      await repo.updateItem(tx.db, tx.tenantId, byCode.get(code)!.id, { moodle_source: JSON.stringify(source) });
    }
    const at = nowIso();
    const node = (code: string) => {
      const item = byCode.get(code)!;
      return {
        title: item.title[options.language] ?? code,
        identifier: item.caseIdentifier,
        uri: `urn:uuid:${item.caseIdentifier}`,
      };
    };
    await repo.insertCaseAssociations(
      tx.db,
      read.related.map(({ from, to }, position) => {
        const origin = node(from);
        const destination = node(to);
        const identifier = derivedId(origin.identifier, 'isRelatedTo', destination.identifier);
        return {
          tenant_id: tx.tenantId,
          framework_id: result.frameworkId,
          identifier,
          position,
          association_type: 'isRelatedTo',
          origin_identifier: origin.identifier,
          destination_identifier: destination.identifier,
          tree: 0,
          data: JSON.stringify({
            identifier,
            uri: `urn:uuid:${identifier}`,
            associationType: 'isRelatedTo',
            originNodeURI: origin,
            destinationNodeURI: destination,
            lastChangeDateTime: at,
          }),
        };
      }),
    );
    return result;
  });
}

// ---------- export ----------

/** The framework as Moodle CSV, giving back what its Moodle import kept where Pathway's value is unchanged. */
export async function exportMoodleCsv(ctx: Ctx, frameworkId: string): Promise<string> {
  const fw = await getFramework(ctx, frameworkId);
  const [kept, cases] = await Promise.all([
    repo.moodleSourceOf(ctx.db, ctx.tenantId, fw.id),
    repo.caseSourceOf(ctx.db, ctx.tenantId, fw.id),
  ]);
  const byIdentifier = new Map(fw.items.map((i) => [i.caseIdentifier, i]));
  const related = new Map<string, string[]>();
  for (const a of cases.associations) {
    const from = byIdentifier.get(a.origin_identifier);
    const to = byIdentifier.get(a.destination_identifier);
    if (a.association_type !== 'isRelatedTo' || !from || !to) continue;
    related.set(from.id, [...(related.get(from.id) ?? []), to.code]);
  }
  return toMoodleCsv(fw, {
    framework: kept.framework ? (JSON.parse(kept.framework) as MoodleRowSource) : null,
    items: new Map(kept.items.map((i) => [i.id, JSON.parse(i.moodle_source!) as MoodleRowSource])),
    related,
  });
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

export function toMoodleCsv(
  fw: FrameworkDetail,
  kept: {
    framework: MoodleRowSource | null;
    items: Map<string, MoodleRowSource>;
    related: Map<string, string[]>;
  } = { framework: null, items: new Map(), related: new Map() },
): string {
  const lang = fw.languages[0] ?? 'en';
  const text = (value: Record<string, string>) => resolveText(value, lang, lang).text;
  const ordered = depthFirst(fw);
  const byId = new Map(fw.items.map((i) => [i.id, i]));

  const source = kept.framework;
  const levels = fw.levels.map((l) => text(l.title).replaceAll(',', ' '));
  let scaleValues = levels.join(',');
  let scaleConfig = levels.length
    ? JSON.stringify([
        { scaleid: '0' },
        ...levels.map((_, i) => ({
          id: i + 1,
          scaledefault: i === 0 ? 1 : 0,
          proficient: i === levels.length - 1 ? 1 : 0,
        })),
      ])
    : '';
  if (source?.read.levels && sameList(source.read.levels, levels)) {
    scaleValues = source.cells[C.scaleValues] ?? '';
    scaleConfig = source.cells[C.scaleConfig] ?? '';
  }
  const depth = Math.max(1, ...ordered.map((o) => o.depth + 1));
  let taxonomy = Array.from({ length: depth }, (_, d) => {
    const first = ordered.find((o) => o.depth === d);
    return first ? TYPE_TAXONOMY[first.item.type] : 'competency';
  }).join(',');
  if (source) {
    const theirs = typesOf(source.cells[C.taxonomy] ?? '');
    if (ordered.every((o) => (theirs[o.depth] ?? 'competency') === o.item.type))
      taxonomy = source.cells[C.taxonomy] ?? '';
  }
  const describe = (statement: string, from: MoodleRowSource | undefined | null): [string, string] =>
    from && from.read.statement === statement
      ? [from.cells[C.description] ?? '', from.cells[C.format] ?? '']
      : [statement, FORMAT_PLAIN];
  const title = text(fw.title);

  let out = csvLine([...MOODLE_COLUMNS]);
  const frameworkRow = source ? [...source.cells] : Array<string>(MOODLE_COLUMN_COUNT).fill('');
  frameworkRow[C.parent] = '';
  frameworkRow[C.idNumber] = source ? (source.cells[C.idNumber] ?? '') : fw.caseIdentifier;
  frameworkRow[C.shortName] = source && source.read.title === title ? (source.cells[C.shortName] ?? '') : title;
  [frameworkRow[C.description], frameworkRow[C.format]] = describe(text(fw.description), source);
  frameworkRow[C.scaleValues] = scaleValues;
  frameworkRow[C.scaleConfig] = scaleConfig;
  frameworkRow[C.isFramework] = source ? (source.cells[C.isFramework] ?? '1') : '1';
  frameworkRow[C.taxonomy] = taxonomy;
  out += csvLine(frameworkRow);

  for (const { item } of ordered) {
    const from = kept.items.get(item.id);
    const row = from ? [...from.cells] : Array<string>(MOODLE_COLUMN_COUNT).fill('');
    const name = text(item.title);
    row[C.parent] = item.parentId ? byId.get(item.parentId)!.code : '';
    row[C.idNumber] = item.code;
    row[C.shortName] = from && from.read.title === name ? (from.cells[C.shortName] ?? '') : name;
    [row[C.description], row[C.format]] = describe(text(item.statement), from);
    const related = kept.related.get(item.id) ?? [];
    row[C.related] =
      from && sameSet(from.read.related ?? [], related)
        ? (from.cells[C.related] ?? '')
        : [...related, ...(from?.read.unresolved ?? [])].join(',');
    if (!from) row[C.exportedId] = item.caseIdentifier;
    out += csvLine(row);
  }
  return out;
}
