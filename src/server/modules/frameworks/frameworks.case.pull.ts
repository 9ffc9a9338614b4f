import { recordAudit } from '../../shared/audit.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { resolveText } from '../../shared/localized.ts';
import { fetchJsonWithin } from '../recognition/credentials.resolve.ts';
import { readCfPackage } from './frameworks.case.import.ts';
import { type CaseSource, caseSourceOf, type Json, same } from './frameworks.case.source.ts';
import { caseId, checkSpec, Faults, writeSpec } from './frameworks.import.ts';
import { diff, getFramework, requireWriter } from './frameworks.service.ts';

/**
 * `pathway framework import --from URL`: a framework pulled from another CASE 1.1 provider. The
 * first pull imports the package as a file import does; a later pull of the same CFDocument (its
 * identifier is the lineage's source, kept in `case_source`) is written as a NEW draft of that
 * lineage, so a published version is never edited, and the difference from the lineage's newest
 * version is reported by CASE identifier. A dry run writes the same draft and rolls it back, so it
 * reports exactly what a real pull would do.
 */

/** A whole package can be large; an operator's pull may wait longer than a key lookup. */
const PULL_LIMITS = { timeoutMs: 30_000, maxBytes: 20 * 1024 * 1024, accept: 'application/json' };

export interface PullOptions {
  dryRun?: boolean | undefined;
  /**
   * Fetch from private and loopback addresses (and plain http): a provider on the operator's own
   * network, or a test's local server. Off by default, as for every URL Pathway fetches.
   */
  allowPrivate?: boolean | undefined;
}

export interface PullResult {
  /** imported: first pull; draft: a new draft of the lineage; unchanged: nothing new; dry_run: nothing written. */
  outcome: 'imported' | 'draft' | 'unchanged' | 'dry_run';
  /** The framework written (null for unchanged and dry runs). */
  frameworkId: string | null;
  packageUrl: string;
  title: string;
  version: string;
  /** The version compared with (null on a first pull). */
  from: { id: string; version: string } | null;
  counts: { added: number; removed: number; changed: number };
  /** One line per change: `+ id code`, `- id code`, `~ id code: fields`. */
  lines: string[];
}

const PACKAGE_PATH =
  /^(.*\/)(CFPackages|CFDocuments)\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;

/** The CFPackages URL of a CFPackages or CFDocuments URL, and the document identifier it names. */
export function packageUrl(from: string): { url: string; documentId: string } {
  let parsed: URL;
  try {
    parsed = new URL(from);
  } catch {
    return refuse(from, 'Give an http(s) URL.');
  }
  const m = PACKAGE_PATH.exec(parsed.pathname);
  if (!m || !/^https?:$/.test(parsed.protocol))
    return refuse(from, 'Give a CASE URL ending in /CFPackages/<identifier> or /CFDocuments/<identifier>.');
  const documentId = m[3]!.toLowerCase();
  return { url: `${parsed.origin}${m[1]}CFPackages/${documentId}`, documentId };
}

function refuse(from: string, message: string): never {
  throw new AppError('validation_failed', message, { fields: [{ path: 'from', message }], from });
}

/** Thrown inside the transaction to roll a dry run (or a pull with nothing new) back. */
class RollBack {
  constructor(readonly result: PullResult) {}
}

export async function pullFramework(ctx: Ctx, from: string, options: PullOptions = {}): Promise<PullResult> {
  await requireWriter(ctx);
  const { url, documentId } = packageUrl(from);
  const pkg = await fetchJsonWithin(url, { ...PULL_LIMITS, allowPrivate: options.allowPrivate === true });
  const faults = new Faults();
  const spec = readCfPackage(pkg, faults);
  checkSpec(spec, faults);
  if (spec.caseIdentifier && spec.caseIdentifier !== documentId)
    faults.add(
      { path: '$.CFDocument.identifier' },
      `The provider answered with document ${spec.caseIdentifier}, not the ${documentId} asked for.`,
    );
  faults.failIfAny('case');
  const title = resolveText(spec.title, ctx.locale, ctx.defaultLocale).text;
  // A dry run needs a transaction of its own to roll back.
  if (ctx.db.isTransaction) throw new Error('pullFramework runs its own transaction.');
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const tx: Ctx = { ...ctx, db: trx };
      const base = await newestOfDocument(tx, documentId);
      const result = { packageUrl: url, title, version: spec.version };
      if (!base) {
        const written = await writeSpec(tx, spec);
        const fw = await getFramework(tx, written.frameworkId);
        const pulled: PullResult = {
          ...result,
          outcome: 'imported',
          frameworkId: written.frameworkId,
          from: null,
          counts: { added: fw.items.length, removed: 0, changed: 0 },
          lines: fw.items.map((i) => `+ ${i.caseIdentifier} ${i.code}`),
        };
        if (options.dryRun) throw new RollBack({ ...pulled, outcome: 'dry_run', frameworkId: null });
        await recordAudit(trx, tx, 'framework.pull', { type: 'framework', id: written.frameworkId }, null, { url });
        return pulled;
      }
      // A new version: its own document identifier (as a new version made in Pathway gets), the
      // provider's one kept in case_source; the provider's version label unless the lineage has it.
      const written = await writeSpec(tx, {
        ...spec,
        caseIdentifier: caseId(),
        version: await freeVersion(tx, base.lineage_id, spec.version),
      });
      await trx
        .updateTable('framework')
        .set({ lineage_id: base.lineage_id })
        .where('tenant_id', '=', tx.tenantId)
        .where('id', '=', written.frameworkId)
        .execute();
      const changes = await describeChanges(tx, base.id, written.frameworkId, documentId);
      const to = await getFramework(tx, written.frameworkId);
      const pulled: PullResult = {
        ...result,
        version: to.version,
        outcome: 'draft',
        frameworkId: written.frameworkId,
        from: { id: base.id, version: base.version },
        counts: changes.counts,
        lines: changes.lines,
      };
      if (options.dryRun) throw new RollBack({ ...pulled, outcome: 'dry_run', frameworkId: null });
      if (changes.lines.length === 0) throw new RollBack({ ...pulled, outcome: 'unchanged', frameworkId: null });
      await recordAudit(
        trx,
        tx,
        'framework.pull',
        { type: 'framework', id: written.frameworkId },
        { id: base.id, version: base.version },
        { url, version: to.version, counts: changes.counts },
      );
      return pulled;
    });
  } catch (error) {
    if (error instanceof RollBack) return error.result;
    throw error;
  }
}

/**
 * The newest version of the lineage whose source is this CFDocument: the version carrying it as its
 * own identifier (the first pull or a file import), or any version whose kept CASE record names it.
 * Read in the service: a tenant holds a handful of frameworks.
 */
async function newestOfDocument(ctx: Ctx, documentId: string) {
  const rows = await ctx.db
    .selectFrom('framework')
    .select(['id', 'lineage_id', 'version', 'case_identifier', 'case_source', 'created_at'])
    .where('tenant_id', '=', ctx.tenantId)
    .where((eb) => eb.or([eb('case_identifier', '=', documentId), eb('case_source', 'is not', null)]))
    .execute();
  const lineages = new Set(
    rows
      .filter((r) => {
        if (r.case_identifier === documentId) return true;
        const kept = JSON.parse(r.case_source!) as { document?: Json };
        return String(kept.document?.identifier ?? '').toLowerCase() === documentId;
      })
      .map((r) => r.lineage_id),
  );
  const [lineage] = lineages;
  if (!lineage) return undefined;
  return rows
    .filter((r) => r.lineage_id === lineage)
    .sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0))[0];
}

async function freeVersion(ctx: Ctx, lineageId: string, wanted: string): Promise<string> {
  const taken = new Set(
    (
      await ctx.db
        .selectFrom('framework')
        .select('version')
        .where('tenant_id', '=', ctx.tenantId)
        .where('lineage_id', '=', lineageId)
        .execute()
    ).map((r) => r.version),
  );
  let version = wanted;
  for (let n = 2; taken.has(version); n++) version = `${wanted}-${n}`;
  return version;
}

/** Fields of two CASE records that differ, by name. */
function changedFields(a: Json | undefined, b: Json | undefined): string[] {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => !same(a?.[k], b?.[k])).sort();
}

/**
 * The lines a pull prints: the CFDocument's changed fields, items by the versions diff (added,
 * removed, changed in what Pathway reads), items whose CASE record changed in fields Pathway does
 * not read, and associations other than the tree (which item changes already say).
 */
async function describeChanges(ctx: Ctx, fromId: string, toId: string, documentId: string) {
  const d = await diff(ctx, fromId, toId);
  const [a, b] = [await caseSourceOf(ctx, fromId), await caseSourceOf(ctx, toId)];
  const lines: string[] = [];
  const documentFields = changedFields(a.document?.document, b.document?.document);
  if (documentFields.length) lines.push(`~ ${documentId} CFDocument: ${documentFields.join(', ')}`);
  for (const i of d.added) lines.push(`+ ${i.caseIdentifier} ${i.code}`);
  for (const i of d.removed) lines.push(`- ${i.caseIdentifier} ${i.code}`);
  const pathwayFields = new Map(d.changed.map((c) => [c.caseIdentifier, c.fields]));
  const to = await getFramework(ctx, toId);
  let changed = 0;
  for (const item of to.items) {
    if (!a.items.has(item.caseIdentifier) && !pathwayFields.has(item.caseIdentifier)) continue;
    const pathway = pathwayFields.get(item.caseIdentifier) ?? [];
    const record = changedFields(a.items.get(item.caseIdentifier)?.item, b.items.get(item.caseIdentifier)?.item);
    const fields = [...pathway, ...record.filter((f) => !pathway.includes(f)).map((f) => `CFItem.${f}`)];
    if (fields.length === 0) continue;
    lines.push(`~ ${item.caseIdentifier} ${item.code}: ${fields.join(', ')}`);
    changed++;
  }
  lines.push(...associationLines(a, b));
  return { lines, counts: { added: d.added.length, removed: d.removed.length, changed } };
}

function associationLines(a: CaseSource, b: CaseSource): string[] {
  const outsideTree = (s: CaseSource) =>
    new Map(s.associations.filter((x) => x.associationType !== 'isChildOf').map((x) => [x.identifier, x]));
  const [before, after] = [outsideTree(a), outsideTree(b)];
  const say = (x: { identifier: string; associationType: string; origin: string; destination: string }) =>
    `${x.identifier} ${x.associationType} ${x.origin} > ${x.destination}`;
  const lines: string[] = [];
  for (const [id, x] of after) {
    const old = before.get(id);
    if (!old) lines.push(`+ ${say(x)}`);
    else {
      const fields = changedFields(old.data, x.data);
      if (fields.length) lines.push(`~ ${say(x)}: ${fields.join(', ')}`);
    }
  }
  for (const [id, x] of before) if (!after.has(id)) lines.push(`- ${say(x)}`);
  return lines;
}
