import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import { type DocumentSource, type ItemSource, type Json, rubricSnapshot } from './frameworks.case.source.ts';
import * as repo from './frameworks.repo.ts';
import { ITEM_TYPES } from './frameworks.schemas.ts';
import { getFramework, requireWriter } from './frameworks.service.ts';

/**
 * Every import format (CASE JSON, Moodle CSV, Pathway CSV) is read into one `ImportSpec`, checked
 * here as a whole (references, cycles, duplicate codes, levels), and only then written, in one
 * transaction, as a new draft. A fault names where it is: a JSON path for CASE, a line for CSV.
 */

export type Where = { path: string } | { line: number; column: string };
export type ItemType = (typeof ITEM_TYPES)[number];

export interface SpecItem {
  /** Unique within the spec: what parents refer to (a CASE identifier, or a code in CSV). */
  key: string;
  caseIdentifier: string;
  parentKey: string | null;
  /** Where the reference to the parent was written (a CASE association, a CSV cell). */
  parentWhere?: Where;
  type: ItemType;
  code: string;
  /** Sorts siblings; positions are renumbered 0..n-1 after sorting. */
  order: number;
  levelCode: string | null;
  title: LocalizedText;
  statement: LocalizedText;
  notes: LocalizedText;
  where: Where;
  /** The CASE record as it came (CASE import only), given back on export where Pathway keeps it unchanged. */
  caseSource?: Json;
}

/** A CFAssociation as it came, kept whatever its type or its ends (CASE import only). */
export interface SpecAssociation {
  identifier: string;
  associationType: string;
  origin: string;
  destination: string;
  tree: boolean;
  data: Json;
}

export interface SpecLevel {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
  where: Where;
}

export interface SpecRubric {
  itemKey: string;
  levelCode: string;
  descriptor: LocalizedText;
  score: number | null;
  where: Where;
}

/** An association from an item to an item outside the package: kept as a crosswalk link when the target is known. */
export interface SpecExternalLink {
  itemKey: string;
  relation: 'exact_match' | 'broader' | 'narrower' | 'related';
  targetIdentifier: string;
}

export interface ImportSpec {
  format: 'case' | 'moodle-csv' | 'csv';
  caseIdentifier: string | null;
  title: LocalizedText;
  description: LocalizedText;
  version: string;
  languages: string[];
  licence: string | null;
  /** The source's last change: kept, so re-exporting an imported package gives back the same package. */
  updatedAt: string | null;
  levels: SpecLevel[];
  items: SpecItem[];
  rubrics: SpecRubric[];
  externalLinks: SpecExternalLink[];
  /** Records read but not kept (e.g. a rubric level without text), for the report. */
  skipped: number;
  /** CASE import: the CFDocument and CFDefinitions as they came, and every association. */
  caseSource?: { document: Json; definitions: Json | null; rubrics: Json[]; associations: SpecAssociation[] };
}

export interface ImportResult {
  frameworkId: string;
  caseIdentifier: string;
  format: ImportSpec['format'];
  counts: { levels: number; items: number; rubrics: number; crosswalkLinks: number; skipped: number };
}

/** Faults of one import; `fail` throws them all at once as case_invalid or csv_invalid. */
export class Faults {
  readonly list: { where: Where; message: string }[] = [];
  add(where: Where, message: string) {
    if (this.list.length < 1000) this.list.push({ where, message });
  }
  get any() {
    return this.list.length > 0;
  }
  failIfAny(format: ImportSpec['format']) {
    if (!this.any) return;
    const n = this.list.length;
    const message = `${n} problem${n === 1 ? '' : 's'} in the file; nothing was imported.`;
    if (format === 'case') {
      throw new AppError('case_invalid', message, {
        errors: this.list.map((f) => ({
          path: 'path' in f.where ? f.where.path : `line ${f.where.line}`,
          message: f.message,
        })),
      });
    }
    throw new AppError('csv_invalid', message, {
      errors: this.list.map((f) =>
        'line' in f.where
          ? { line: f.where.line, column: f.where.column, message: f.message }
          : { line: 0, column: f.where.path, message: f.message },
      ),
    });
  }
}

export const caseId = () => randomUUID().toLowerCase();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Rejects bytes that are not UTF-8, naming the line of the first bad byte. */
export function decodeUtf8(bytes: Buffer, format: ImportSpec['format']): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    let offset = 0;
    // Find the first offset where decoding fails by decoding growing prefixes line by line.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let line = 1;
    for (let start = 0; start < bytes.length; ) {
      let end = bytes.indexOf(0x0a, start);
      end = end === -1 ? bytes.length : end + 1;
      try {
        decoder.decode(bytes.subarray(start, end));
      } catch {
        offset = start;
        break;
      }
      start = end;
      line++;
    }
    const faults = new Faults();
    const message = `The file is not valid UTF-8 (line ${line}, from byte ${offset}). Save it as UTF-8 and try again.`;
    faults.add(format === 'case' ? { path: '$' } : { line, column: '' }, message);
    faults.failIfAny(format);
    throw new Error('unreachable');
  }
  // PostgreSQL stores no U+0000: a raw NUL, or one escaped in JSON, is named rather than failing the write.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what this refuses.
  const nul = /\u0000|(^|[^\\])\\u0000/i.exec(text);
  if (nul) {
    const line = text.slice(0, nul.index).split('\n').length;
    const faults = new Faults();
    const message = `The file holds a NUL character (U+0000) on line ${line}, which cannot be stored.`;
    faults.add(format === 'case' ? { path: '$' } : { line, column: '' }, message);
    faults.failIfAny(format);
  }
  return text;
}

const natural = new Intl.Collator('en', { numeric: true });

/** Whole-spec checks: references, cycles, duplicate codes and identifiers, unknown levels, empty text. */
export function checkSpec(spec: ImportSpec, faults: Faults) {
  const byKey = new Map<string, SpecItem>();
  const codes = new Map<string, SpecItem>();
  const identifiers = new Set<string>();
  const levelCodes = new Set<string>();
  for (const level of spec.levels) {
    if (levelCodes.has(level.code)) faults.add(level.where, `The level code ${level.code} is used twice.`);
    levelCodes.add(level.code);
  }
  for (const item of spec.items) {
    const first = codes.get(item.code);
    if (first) faults.add(item.where, `The code ${item.code} is used twice (first at ${describe(first.where)}).`);
    else if (byKey.has(item.key)) faults.add(item.where, `The item ${item.key} appears twice.`);
    else if (identifiers.has(item.caseIdentifier))
      faults.add(item.where, `The identifier ${item.caseIdentifier} is used twice.`);
    codes.set(item.code, first ?? item);
    if (!byKey.has(item.key)) byKey.set(item.key, item);
    identifiers.add(item.caseIdentifier);
    if (item.levelCode && !levelCodes.has(item.levelCode))
      faults.add(item.where, `No level ${item.levelCode} is defined.`);
    if (Object.keys(item.statement).length === 0) faults.add(item.where, 'The item has no statement.');
    if (!ITEM_TYPES.includes(item.type)) faults.add(item.where, `Unknown item type ${item.type}.`);
  }
  for (const item of spec.items) {
    if (item.parentKey !== null && !byKey.has(item.parentKey)) {
      faults.add(item.parentWhere ?? item.where, `The parent ${item.parentKey} of ${item.code} is not in the file.`);
    }
  }
  // A cycle: following parents from an item comes back to it.
  const reported = new Set<string>();
  for (const item of spec.items) {
    const seen = new Set<string>();
    for (let at: SpecItem | undefined = item; at?.parentKey; at = byKey.get(at.parentKey)) {
      if (seen.has(at.key)) {
        if (!reported.has(at.key)) {
          const loop = [...seen].map((k) => byKey.get(k)!.code);
          faults.add(at.parentWhere ?? at.where, `The items ${loop.join(' > ')} form a cycle.`);
          for (const k of seen) reported.add(k);
        }
        break;
      }
      seen.add(at.key);
    }
  }
  for (const rubric of spec.rubrics) {
    if (!byKey.has(rubric.itemKey))
      faults.add(rubric.where, `The rubric refers to ${rubric.itemKey}, not in the file.`);
    if (!levelCodes.has(rubric.levelCode)) faults.add(rubric.where, `No level ${rubric.levelCode} is defined.`);
  }
}

const describe = (where: Where) => ('path' in where ? where.path : `line ${where.line}`);

/** Writes a checked spec as a new draft framework, in one transaction with its audit record. */
export async function writeSpec(ctx: Ctx, spec: ImportSpec): Promise<ImportResult> {
  await requireWriter(ctx);
  return inTransaction(ctx, async (tx) => {
    const caseIdentifier = spec.caseIdentifier ?? caseId();
    const existing = await tx.db
      .selectFrom('framework')
      .select('id')
      .where('tenant_id', '=', tx.tenantId)
      .where('case_identifier', '=', caseIdentifier)
      .executeTakeFirst();
    if (existing) {
      throw new AppError(
        'case_document_exists',
        'A framework with this CASE identifier is already here; open it, or create a new version of it.',
        { frameworkId: existing.id, caseIdentifier },
      );
    }
    const at = nowIso();
    const row: repo.FrameworkRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      lineage_id: newId(),
      version: spec.version,
      status: 'draft',
      case_identifier: caseIdentifier,
      title: JSON.stringify(spec.title),
      description: JSON.stringify(spec.description),
      languages: JSON.stringify(spec.languages),
      licence: spec.licence,
      source: spec.format,
      created_at: at,
      updated_at: spec.updatedAt ?? at,
      published_at: null,
      retired_at: null,
      superseded_at: null,
      changed_items: null,
      case_source: null,
    };
    const byKey = new Map(spec.items.map((i) => [i.key, i]));
    if (spec.caseSource) {
      const kept: DocumentSource = {
        document: spec.caseSource.document,
        definitions: spec.caseSource.definitions,
        pathway: {
          caseIdentifier,
          title: spec.title,
          description: spec.description,
          version: spec.version,
          languages: spec.languages,
          licence: spec.licence,
          status: row.status,
          publishedAt: null,
          updatedAt: row.updated_at,
          levels: spec.levels.map(({ code, title, description }) => ({ code, title, description })),
          rubrics: rubricSnapshot(
            spec.rubrics.map((r) => ({
              item: byKey.get(r.itemKey)?.caseIdentifier ?? r.itemKey,
              levelCode: r.levelCode,
              descriptor: r.descriptor,
              score: r.score,
            })),
          ),
        },
        rubrics: spec.caseSource.rubrics,
        items: spec.items.map((i) => i.caseIdentifier),
      };
      row.case_source = JSON.stringify(kept);
    }
    await repo.insertFramework(tx.db, row);
    const levels = spec.levels.map((l, position) => ({
      tenant_id: tx.tenantId,
      id: newId(),
      framework_id: row.id,
      position,
      code: l.code,
      title: JSON.stringify(l.title),
      description: JSON.stringify(l.description),
    }));
    await repo.insertLevels(tx.db, levels);
    const ids = new Map(spec.items.map((i) => [i.key, newId()]));
    const siblings = new Map<string | null, SpecItem[]>();
    for (const item of spec.items) siblings.set(item.parentKey, [...(siblings.get(item.parentKey) ?? []), item]);
    const position = new Map<string, number>();
    for (const group of siblings.values()) {
      group.sort((a, b) => a.order - b.order || natural.compare(a.code, b.code));
      for (const [index, item] of group.entries()) position.set(item.key, index);
    }
    await repo.insertItems(
      tx.db,
      spec.items.map((i, index) => ({
        tenant_id: tx.tenantId,
        id: ids.get(i.key)!,
        framework_id: row.id,
        parent_id: i.parentKey ? ids.get(i.parentKey)! : null,
        case_identifier: i.caseIdentifier,
        type: i.type,
        code: i.code,
        position: position.get(i.key)!,
        level_code: i.levelCode,
        title: JSON.stringify(i.title),
        statement: JSON.stringify(i.statement),
        notes: JSON.stringify(i.notes),
        case_source: i.caseSource ? JSON.stringify(itemSource(byKey, i, index, position.get(i.key)!)) : null,
      })),
    );
    if (spec.caseSource) {
      await repo.insertCaseAssociations(
        tx.db,
        spec.caseSource.associations.map((a, index) => ({
          tenant_id: tx.tenantId,
          framework_id: row.id,
          identifier: a.identifier,
          position: index,
          association_type: a.associationType,
          origin_identifier: a.origin,
          destination_identifier: a.destination,
          tree: a.tree ? 1 : 0,
          data: JSON.stringify(a.data),
        })),
      );
    }
    const levelId = new Map(levels.map((l) => [l.code, l.id]));
    await repo.insertRubrics(
      tx.db,
      spec.rubrics.map((r) => ({
        tenant_id: tx.tenantId,
        framework_id: row.id,
        item_id: ids.get(r.itemKey)!,
        level_id: levelId.get(r.levelCode)!,
        descriptor: JSON.stringify(r.descriptor),
        score: r.score,
      })),
    );
    const linked = await keepExternalLinks(tx, row.id, spec, ids);
    const counts = {
      levels: levels.length,
      items: spec.items.length,
      rubrics: spec.rubrics.length,
      crosswalkLinks: linked,
      // A CASE package's associations are all kept as they came, linked or not.
      skipped: spec.skipped + (spec.caseSource ? 0 : spec.externalLinks.length - linked),
    };
    await recordAudit(tx.db, tx, 'framework.import', { type: 'framework', id: row.id }, null, {
      format: spec.format,
      caseIdentifier,
      version: spec.version,
      counts,
    });
    return { frameworkId: row.id, caseIdentifier, format: spec.format, counts };
  });
}

/** An item's CASE record with what Pathway read from it, to tell later edits from the record. */
function itemSource(byKey: Map<string, SpecItem>, item: SpecItem, index: number, position: number): ItemSource {
  const parent = item.parentKey ? byKey.get(item.parentKey) : undefined;
  return {
    item: item.caseSource!,
    index,
    pathway: {
      code: item.code,
      type: item.type,
      levelCode: item.levelCode,
      title: item.title,
      statement: item.statement,
      notes: item.notes,
      parent: parent?.caseIdentifier ?? null,
      position,
    },
  };
}

/** External associations become crosswalk links where the target item is in another framework of this tenant. */
async function keepExternalLinks(ctx: Ctx, frameworkId: string, spec: ImportSpec, ids: Map<string, string>) {
  if (spec.externalLinks.length === 0) return 0;
  const targets = await ctx.db
    .selectFrom('framework_item as i')
    .innerJoin('framework as f', (j) => j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.framework_id'))
    .select(['i.id', 'i.framework_id', 'i.case_identifier', 'f.created_at'])
    .where('i.tenant_id', '=', ctx.tenantId)
    .where('i.framework_id', '!=', frameworkId)
    .where(
      'i.case_identifier',
      'in',
      spec.externalLinks.map((l) => l.targetIdentifier),
    )
    .orderBy('f.created_at', 'desc')
    .execute();
  let kept = 0;
  const done = new Set<string>();
  for (const link of spec.externalLinks) {
    // Items keep their identifier across versions: link to the newest version holding the target.
    const target = targets.find((t) => t.case_identifier === link.targetIdentifier);
    const from = ids.get(link.itemKey);
    if (!target || !from || done.has(`${from}|${target.id}`)) continue;
    done.add(`${from}|${target.id}`);
    await repo.insertCrosswalkLink(ctx.db, {
      tenant_id: ctx.tenantId,
      id: newId(),
      from_framework_id: frameworkId,
      from_item_id: from,
      to_framework_id: target.framework_id,
      to_item_id: target.id,
      relation: link.relation,
      created_at: nowIso(),
    });
    kept++;
  }
  return kept;
}

/** Checks a spec and writes it, or throws every fault at once. */
export async function importSpec(ctx: Ctx, spec: ImportSpec, faults: Faults) {
  checkSpec(spec, faults);
  faults.failIfAny(spec.format);
  const result = await writeSpec(ctx, spec);
  return { ...result, framework: await getFramework(ctx, result.frameworkId) };
}
