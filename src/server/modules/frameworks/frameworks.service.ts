import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction, systemBase } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import { copyHistory, staleLanguages, trackEdits } from '../translations/translations.tracking.ts';
import { caseSourceOf } from './frameworks.case.source.ts';
import { toCfPackage } from './frameworks.case.ts';
import { moodleDescriptionHtml } from './frameworks.moodle.html.ts';
import * as repo from './frameworks.repo.ts';
import type {
  CreateFrameworkInput,
  FrameworkDetail,
  FrameworkSummary,
  GoalInput,
  Item,
  ItemInput,
  UpdateFrameworkInput,
  UpdateItemInput,
} from './frameworks.schemas.ts';
import { TEMPLATE_ASPECTS, TEMPLATE_DESCRIPTION, TEMPLATE_LEVELS, TEMPLATE_TITLE } from './frameworks.template.ts';
import { frameworkTexts } from './frameworks.translatable.ts';
import * as versionsRepo from './frameworks.versions.repo.ts';

/** CASE identifiers are lowercase UUIDs. */
const caseId = () => randomUUID().toLowerCase();
const json = (value: unknown) => JSON.stringify(value);
const parse = <T>(text: string) => JSON.parse(text) as T;

/** Standards are national: editing needs frameworks.write at the top of the tree. */
async function canWrite(ctx: Ctx): Promise<boolean> {
  return hasPermissionAt(ctx, 'frameworks.write', await org.topUnitPath(ctx));
}

export async function requireWriter(ctx: Ctx) {
  if (!(await canWrite(ctx)))
    throw new AppError('forbidden', 'Editing standards needs frameworks.write for the whole country.');
}

/** Drafts are seen only by those who may edit them; published and retired versions by everyone in the tenant. */
async function requireFramework(ctx: Ctx, id: string): Promise<repo.FrameworkRow> {
  const row = await repo.getFramework(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('framework', id);
  if ((row.status === 'draft' || row.status === 'in_review') && !(await canWrite(ctx))) throw notFound('framework', id);
  return row;
}

/** Only drafts change; a published or retired version is evidence that assessments point at. */
async function requireDraft(ctx: Ctx, id: string): Promise<repo.FrameworkRow> {
  await requireWriter(ctx);
  const row = await requireFramework(ctx, id);
  if (row.status === 'published' || row.status === 'superseded' || row.status === 'retired') {
    throw new AppError('framework_published', 'A published framework cannot be edited; create a new version.', {
      frameworkId: id,
      status: row.status,
    });
  }
  if (row.status === 'in_review') {
    throw new AppError('framework_in_review', 'The framework is in review; return it to draft to edit it.', {
      frameworkId: id,
    });
  }
  return row;
}

function toSummary(row: repo.FrameworkRow): FrameworkSummary {
  return {
    id: row.id,
    lineageId: row.lineage_id,
    version: row.version,
    status: row.status as FrameworkSummary['status'],
    caseIdentifier: row.case_identifier,
    title: parse(row.title),
    description: parse(row.description),
    languages: parse(row.languages),
    licence: row.licence,
    source: row.source,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    supersededAt: row.superseded_at,
    changedItems: row.changed_items as FrameworkSummary['changedItems'],
  };
}

export async function listFrameworks(ctx: Ctx): Promise<FrameworkSummary[]> {
  const settled = [...versionsRepo.SETTLED_STATUSES];
  const statuses = (await canWrite(ctx)) ? ['draft', 'in_review', ...settled] : settled;
  return (await repo.listFrameworks(ctx.db, ctx.tenantId, statuses)).map(toSummary);
}

export async function getFramework(ctx: Ctx, id: string): Promise<FrameworkDetail> {
  const row = await requireFramework(ctx, id);
  const [levels, items, rubrics, alignments] = await Promise.all([
    repo.levelsOf(ctx.db, ctx.tenantId, id),
    repo.itemsOf(ctx.db, ctx.tenantId, id),
    repo.rubricsOf(ctx.db, ctx.tenantId, id),
    repo.alignmentsOf(ctx.db, ctx.tenantId, id),
  ]);
  const languages = parse<string[]>(row.languages);
  const levelCode = new Map(levels.map((l) => [l.id, l.code]));
  const stale = await staleLanguages(ctx, frameworkTexts, id);
  const staleIn = (caseIdentifier: string) =>
    languages.filter((l) =>
      [...stale].some(
        ([key, locales]) =>
          locales.includes(l) &&
          (key.startsWith(`item/${caseIdentifier}/`) || key.startsWith(`rubric/${caseIdentifier}/`)),
      ),
    );
  const summary = toSummary(row);
  const descriptionHtml = moodleDescriptionHtml(row.moodle_source, summary.description);
  return {
    ...summary,
    ...(descriptionHtml ? { descriptionHtml } : {}),
    levels: levels.map((l) => ({
      id: l.id,
      code: l.code,
      position: l.position,
      title: parse(l.title),
      description: parse(l.description),
    })),
    items: items.map((i) => {
      const title = parse<LocalizedText>(i.title);
      const statement = parse<LocalizedText>(i.statement);
      const descriptionHtml = moodleDescriptionHtml(i.moodle_source, statement);
      return {
        id: i.id,
        parentId: i.parent_id,
        caseIdentifier: i.case_identifier,
        type: i.type as Item['type'],
        code: i.code,
        position: i.position,
        levelCode: i.level_code,
        title,
        statement,
        notes: parse(i.notes),
        missingLanguages: languages.filter((l) => !title[l] || !statement[l]),
        staleLanguages: staleIn(i.case_identifier),
        goalIds: alignments.filter((a) => a.item_id === i.id).map((a) => a.goal_id),
        ...(descriptionHtml ? { descriptionHtml } : {}),
      };
    }),
    rubrics: rubrics.map((r) => ({
      itemId: r.item_id,
      levelCode: levelCode.get(r.level_id) ?? '',
      descriptor: parse(r.descriptor),
      score: r.score,
    })),
  };
}

function frameworkRow(
  ctx: Ctx,
  input: {
    lineageId?: string;
    version: string;
    title: LocalizedText;
    description?: LocalizedText | undefined;
    languages: string[];
    licence?: string | null | undefined;
    source: string;
  },
): repo.FrameworkRow {
  const at = nowIso();
  return {
    tenant_id: ctx.tenantId,
    id: newId(),
    lineage_id: input.lineageId ?? newId(),
    version: input.version,
    status: 'draft',
    case_identifier: caseId(),
    title: json(input.title),
    description: json(input.description ?? {}),
    languages: json(input.languages),
    licence: input.licence ?? null,
    source: input.source,
    created_at: at,
    updated_at: at,
    published_at: null,
    retired_at: null,
    superseded_at: null,
    changed_items: null,
  };
}

function levelRows(
  ctx: Ctx,
  frameworkId: string,
  levels: { code: string; title: LocalizedText; description?: LocalizedText | undefined }[],
): repo.LevelRow[] {
  const codes = new Set<string>();
  return levels.map((l, position) => {
    if (codes.has(l.code))
      throw new AppError('validation_failed', `The level code ${l.code} is used twice.`, {
        issues: [{ path: `body.levels.${position}.code`, message: 'Duplicate level code.' }],
      });
    codes.add(l.code);
    return {
      tenant_id: ctx.tenantId,
      id: newId(),
      framework_id: frameworkId,
      position,
      code: l.code,
      title: json(l.title),
      description: json(l.description ?? {}),
    };
  });
}

export async function createFramework(ctx: Ctx, input: CreateFrameworkInput): Promise<FrameworkDetail> {
  await requireWriter(ctx);
  const id = await inTransaction(ctx, async (tx) => {
    const row = frameworkRow(tx, { ...input, source: 'authored' });
    await repo.insertFramework(tx.db, row);
    await repo.insertLevels(tx.db, levelRows(tx, row.id, input.levels));
    await recordAudit(tx.db, tx, 'framework.create', { type: 'framework', id: row.id }, null, toSummary(row));
    return row.id;
  });
  return getFramework(ctx, id);
}

/** A complete draft modelled on UNESCO's ICT CFT structure (6 aspects x 3 levels), in the five pilot languages. */
export async function createFromTemplate(ctx: Ctx, input: { version: string }): Promise<FrameworkDetail> {
  await requireWriter(ctx);
  const id = await inTransaction(ctx, async (tx) => {
    const row = frameworkRow(tx, {
      version: input.version,
      title: TEMPLATE_TITLE,
      description: TEMPLATE_DESCRIPTION,
      languages: Object.keys(TEMPLATE_TITLE),
      licence: 'CC BY-SA 4.0',
      source: 'template',
    });
    await repo.insertFramework(tx.db, row);
    await repo.insertLevels(tx.db, levelRows(tx, row.id, TEMPLATE_LEVELS));
    const items: repo.ItemRow[] = [];
    TEMPLATE_ASPECTS.forEach((aspect, a) => {
      const aspectId = newId();
      items.push({
        tenant_id: tx.tenantId,
        id: aspectId,
        framework_id: row.id,
        parent_id: null,
        case_identifier: caseId(),
        type: 'aspect',
        code: aspect.code,
        position: a,
        level_code: null,
        title: json(aspect.title),
        statement: json(aspect.title),
        notes: '{}',
      });
      aspect.competencies.forEach((c, i) => {
        items.push({
          tenant_id: tx.tenantId,
          id: newId(),
          framework_id: row.id,
          parent_id: aspectId,
          case_identifier: caseId(),
          type: 'competency',
          code: c.code,
          position: i,
          level_code: c.level,
          title: json(c.title),
          statement: json(c.statement),
          notes: '{}',
        });
      });
    });
    await repo.insertItems(tx.db, items);
    await recordAudit(tx.db, tx, 'framework.create', { type: 'framework', id: row.id }, null, {
      ...toSummary(row),
      from: 'template',
    });
    return row.id;
  });
  return getFramework(ctx, id);
}

async function itemsById(ctx: Ctx, frameworkId: string) {
  return new Map((await repo.itemsOf(ctx.db, ctx.tenantId, frameworkId)).map((i) => [i.id, i]));
}

function requireLevel(levels: repo.LevelRow[], code: string | null | undefined) {
  if (code && !levels.some((l) => l.code === code)) {
    throw new AppError('validation_failed', `No level ${code} in this framework.`, {
      issues: [{ path: 'body.levelCode', message: `Unknown level ${code}.` }],
    });
  }
}

export async function addItem(ctx: Ctx, frameworkId: string, input: ItemInput): Promise<Item> {
  const created = await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    const items = await itemsById(tx, frameworkId);
    if (input.parentId && !items.has(input.parentId)) throw notFound('framework_item', input.parentId);
    if ([...items.values()].some((i) => i.code === input.code))
      throw new AppError('duplicate_code', `The code ${input.code} is already used in this framework.`, {
        field: 'code',
      });
    requireLevel(await repo.levelsOf(tx.db, tx.tenantId, frameworkId), input.levelCode);
    const siblings = [...items.values()].filter((i) => i.parent_id === input.parentId);
    const row: repo.ItemRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      framework_id: frameworkId,
      parent_id: input.parentId,
      case_identifier: caseId(),
      type: input.type,
      code: input.code,
      position: input.position ?? siblings.length,
      level_code: input.levelCode ?? null,
      title: json(input.title),
      statement: json(input.statement),
      notes: json(input.notes ?? {}),
    };
    await repo.insertItems(tx.db, [row]);
    await touch(tx, frameworkId);
    await recordAudit(tx.db, tx, 'framework_item.create', { type: 'framework_item', id: row.id }, null, input);
    return row.id;
  });
  return (await getFramework(ctx, frameworkId)).items.find((i) => i.id === created)!;
}

async function touch(ctx: Ctx, frameworkId: string) {
  await repo.updateFramework(ctx.db, ctx.tenantId, frameworkId, { updated_at: nowIso() });
}

export async function updateItem(ctx: Ctx, frameworkId: string, itemId: string, input: UpdateItemInput): Promise<Item> {
  await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    const items = await itemsById(tx, frameworkId);
    const before = items.get(itemId);
    if (!before) throw notFound('framework_item', itemId);
    if (input.code && [...items.values()].some((i) => i.code === input.code && i.id !== itemId)) {
      throw new AppError('duplicate_code', `The code ${input.code} is already used in this framework.`, {
        field: 'code',
      });
    }
    requireLevel(await repo.levelsOf(tx.db, tx.tenantId, frameworkId), input.levelCode);
    const patch: Partial<repo.ItemRow> = {
      ...(input.type ? { type: input.type } : {}),
      ...(input.code ? { code: input.code } : {}),
      ...(input.title ? { title: json(input.title) } : {}),
      ...(input.statement ? { statement: json(input.statement) } : {}),
      ...(input.notes ? { notes: json(input.notes) } : {}),
      ...(input.levelCode !== undefined ? { level_code: input.levelCode } : {}),
    };
    await trackEdits(tx, frameworkTexts, frameworkId, () => repo.updateItem(tx.db, tx.tenantId, itemId, patch));
    await touch(tx, frameworkId);
    await recordAudit(tx.db, tx, 'framework_item.update', { type: 'framework_item', id: itemId }, before, {
      ...before,
      ...patch,
    });
  });
  return (await getFramework(ctx, frameworkId)).items.find((i) => i.id === itemId)!;
}

/** Moves an item under another parent (or to the top) at a position; siblings renumber. */
export async function moveItem(
  ctx: Ctx,
  frameworkId: string,
  itemId: string,
  parentId: string | null,
  position: number,
) {
  await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    const items = await itemsById(tx, frameworkId);
    const item = items.get(itemId);
    if (!item) throw notFound('framework_item', itemId);
    if (parentId && !items.has(parentId)) throw notFound('framework_item', parentId);
    for (let p: string | null = parentId; p; p = items.get(p)?.parent_id ?? null) {
      if (p === itemId)
        throw new AppError('tree_cycle', 'An item cannot be moved under itself or its own descendant.', {
          field: 'parentId',
        });
    }
    const siblings = [...items.values()]
      .filter((i) => i.parent_id === parentId && i.id !== itemId)
      .sort((a, b) => a.position - b.position);
    siblings.splice(Math.min(position, siblings.length), 0, item);
    for (const [index, sibling] of siblings.entries()) {
      const patch = sibling.id === itemId ? { parent_id: parentId, position: index } : { position: index };
      if (sibling.id === itemId || sibling.position !== index)
        await repo.updateItem(tx.db, tx.tenantId, sibling.id, patch);
    }
    await touch(tx, frameworkId);
    await recordAudit(
      tx.db,
      tx,
      'framework_item.move',
      { type: 'framework_item', id: itemId },
      { parentId: item.parent_id, position: item.position },
      { parentId, position },
    );
  });
  return getFramework(ctx, frameworkId);
}

export async function deleteItem(ctx: Ctx, frameworkId: string, itemId: string) {
  await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    const items = await itemsById(tx, frameworkId);
    if (!items.has(itemId)) throw notFound('framework_item', itemId);
    const doomed = new Set([itemId]);
    // Items come parent-first often but not always: repeat until the subtree stops growing.
    for (let before = 0; before !== doomed.size; ) {
      before = doomed.size;
      for (const i of items.values()) if (i.parent_id && doomed.has(i.parent_id)) doomed.add(i.id);
    }
    await repo.deleteItems(tx.db, tx.tenantId, [...doomed]);
    await touch(tx, frameworkId);
    await recordAudit(tx.db, tx, 'framework_item.delete', { type: 'framework_item', id: itemId }, items.get(itemId), {
      deleted: doomed.size,
    });
  });
}

export async function setRubric(
  ctx: Ctx,
  frameworkId: string,
  itemId: string,
  levelCode: string,
  input: { descriptor: LocalizedText; score?: number | null | undefined },
) {
  await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    const items = await itemsById(tx, frameworkId);
    const item = items.get(itemId);
    if (!item) throw notFound('framework_item', itemId);
    if (item.type === 'aspect')
      throw new AppError('validation_failed', 'Rubrics describe competencies and indicators, not aspects.', {
        field: 'itemId',
      });
    const level = (await repo.levelsOf(tx.db, tx.tenantId, frameworkId)).find((l) => l.code === levelCode);
    if (!level) throw notFound('framework_level', levelCode);
    await trackEdits(tx, frameworkTexts, frameworkId, () =>
      repo.putRubric(tx.db, {
        tenant_id: tx.tenantId,
        framework_id: frameworkId,
        item_id: itemId,
        level_id: level.id,
        descriptor: json(input.descriptor),
        score: input.score ?? null,
      }),
    );
    await touch(tx, frameworkId);
    await recordAudit(tx.db, tx, 'rubric.set', { type: 'framework_item', id: itemId }, null, { levelCode, ...input });
  });
  return getFramework(ctx, frameworkId);
}

/** Title, description, languages and licence of a draft; adding a language marks every item missing it. */
export async function updateFramework(ctx: Ctx, frameworkId: string, input: UpdateFrameworkInput) {
  await inTransaction(ctx, async (tx) => {
    const before = await requireDraft(tx, frameworkId);
    const patch: Partial<repo.FrameworkRow> = {
      ...(input.title ? { title: json(input.title) } : {}),
      ...(input.description ? { description: json(input.description) } : {}),
      ...(input.languages ? { languages: json([...new Set(input.languages)]) } : {}),
      ...(input.licence !== undefined ? { licence: input.licence } : {}),
      updated_at: nowIso(),
    };
    await trackEdits(tx, frameworkTexts, frameworkId, () =>
      repo.updateFramework(tx.db, tx.tenantId, frameworkId, patch),
    );
    await recordAudit(tx.db, tx, 'framework.update', { type: 'framework', id: frameworkId }, toSummary(before), {
      ...toSummary({ ...before, ...patch }),
    });
  });
  return getFramework(ctx, frameworkId);
}

/** Clears one cell of the rubric matrix. */
export async function clearRubric(ctx: Ctx, frameworkId: string, itemId: string, levelCode: string) {
  await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    if (!(await itemsById(tx, frameworkId)).has(itemId)) throw notFound('framework_item', itemId);
    const level = (await repo.levelsOf(tx.db, tx.tenantId, frameworkId)).find((l) => l.code === levelCode);
    if (!level) throw notFound('framework_level', levelCode);
    await repo.deleteRubric(tx.db, tx.tenantId, itemId, level.id);
    await touch(tx, frameworkId);
    await recordAudit(tx.db, tx, 'rubric.clear', { type: 'framework_item', id: itemId }, { levelCode }, null);
  });
  return getFramework(ctx, frameworkId);
}

const TRANSITIONS: Record<string, string[]> = {
  draft: ['in_review'],
  in_review: ['draft', 'published'],
  published: ['retired'],
  superseded: ['retired'],
  retired: [],
};

export type ChangedItems = 'carry_over' | 'new_evidence';

/**
 * Moves a version along its workflow. Publishing makes it the current version of its lineage: the
 * lineage is locked, the version current until now becomes `superseded` (still readable, its
 * evidence still valid), and competency statuses are carried into the new version through the ledger
 * (unchanged items always; changed items as `changedItems` says, by default they need new evidence).
 */
export async function setStatus(
  ctx: Ctx,
  frameworkId: string,
  status: string,
  options: { changedItems?: ChangedItems | undefined } = {},
): Promise<FrameworkSummary> {
  await requireWriter(ctx);
  return inTransaction(ctx, async (tx) => {
    let row = await requireFramework(tx, frameworkId);
    if (status === 'published') {
      await versionsRepo.lockLineage(tx.db, tx.dialect, tx.tenantId, row.lineage_id);
      row = await requireFramework(tx, frameworkId);
    }
    if (!TRANSITIONS[row.status]!.includes(status)) {
      throw new AppError('invalid_transition', `A ${row.status} framework cannot become ${status}.`, {
        from: row.status,
        to: status,
        allowed: TRANSITIONS[row.status],
      });
    }
    if (status === 'published' && (await repo.itemsOf(tx.db, tx.tenantId, frameworkId)).length === 0) {
      throw new AppError('invalid_transition', 'An empty framework cannot be published.', {
        from: row.status,
        to: status,
      });
    }
    const at = nowIso();
    const changedItems = options.changedItems ?? 'new_evidence';
    const patch = {
      status,
      updated_at: at,
      ...(status === 'published' ? { published_at: at, changed_items: changedItems } : {}),
      ...(status === 'retired' ? { retired_at: at } : {}),
    };
    const previous =
      status === 'published' ? await versionsRepo.currentOfLineage(tx.db, tx.tenantId, row.lineage_id) : undefined;
    if (previous) await versionsRepo.supersede(tx.db, tx.tenantId, previous.id, at);
    await repo.updateFramework(tx.db, tx.tenantId, frameworkId, patch);
    if (previous) {
      // Imported lazily: carrying reads assessment, which reads frameworks through this service.
      const { carryForward } = await import('./frameworks.versions.ts');
      await carryForward(tx, previous.id, frameworkId, changedItems);
      await recordAudit(
        tx.db,
        tx,
        'framework.superseded',
        { type: 'framework', id: previous.id },
        { status: 'published' },
        { status: 'superseded', by: frameworkId },
      );
    }
    await recordAudit(
      tx.db,
      tx,
      `framework.${status}`,
      { type: 'framework', id: frameworkId },
      { status: row.status },
      { status },
    );
    return toSummary({ ...row, ...patch });
  });
}

/** Copies a version as a new draft of the same lineage; items keep their CASE identifiers. */
export async function newVersion(ctx: Ctx, frameworkId: string, version: string): Promise<FrameworkDetail> {
  await requireWriter(ctx);
  const id = await inTransaction(ctx, async (tx) => {
    const from = await requireFramework(tx, frameworkId);
    if (await repo.versionExists(tx.db, tx.tenantId, from.lineage_id, version)) {
      throw new AppError('conflict', `Version ${version} of this framework exists.`, { field: 'version' });
    }
    const at = nowIso();
    const row: repo.FrameworkRow = {
      ...from,
      id: newId(),
      version,
      status: 'draft',
      case_identifier: caseId(),
      created_at: at,
      updated_at: at,
      published_at: null,
      retired_at: null,
      superseded_at: null,
      changed_items: null,
    };
    await repo.insertFramework(tx.db, row);
    const levels = await repo.levelsOf(tx.db, tx.tenantId, from.id);
    const levelIds = new Map(levels.map((l) => [l.id, newId()]));
    await repo.insertLevels(
      tx.db,
      levels.map((l) => ({ ...l, id: levelIds.get(l.id)!, framework_id: row.id })),
    );
    const items = await repo.itemsOf(tx.db, tx.tenantId, from.id);
    const itemIds = new Map(items.map((i) => [i.id, newId()]));
    await repo.insertItems(
      tx.db,
      items.map((i) => ({
        ...i,
        id: itemIds.get(i.id)!,
        framework_id: row.id,
        parent_id: i.parent_id ? itemIds.get(i.parent_id)! : null,
      })),
    );
    const rubrics = await repo.rubricsOf(tx.db, tx.tenantId, from.id);
    await repo.insertRubrics(
      tx.db,
      rubrics.map((r) => ({
        ...r,
        framework_id: row.id,
        item_id: itemIds.get(r.item_id)!,
        level_id: levelIds.get(r.level_id)!,
      })),
    );
    await repo.copyCaseAssociations(tx.db, tx.tenantId, from.id, row.id);
    await copyHistory(tx, frameworkTexts.type, from.id, row.id);
    const alignments = await repo.alignmentsOf(tx.db, tx.tenantId, from.id);
    await repo.insertAlignments(
      tx.db,
      alignments.map((a) => ({
        tenant_id: tx.tenantId,
        framework_id: row.id,
        item_id: itemIds.get(a.item_id)!,
        goal_id: a.goal_id,
      })),
    );
    await recordAudit(
      tx.db,
      tx,
      'framework.new_version',
      { type: 'framework', id: row.id },
      { id: from.id, version: from.version },
      { id: row.id, version },
    );
    return row.id;
  });
  return getFramework(ctx, id);
}

const COMPARED = ['code', 'type', 'levelCode', 'title', 'statement', 'notes', 'parent', 'position'] as const;

/** Items matched by CASE identifier across two versions: added, removed, and changed (with the fields). */
export async function diff(ctx: Ctx, fromId: string, toId: string) {
  const [from, to] = [await getFramework(ctx, fromId), await getFramework(ctx, toId)];
  const view = (fw: FrameworkDetail) => {
    const byId = new Map(fw.items.map((i) => [i.id, i]));
    return new Map(
      fw.items.map((i) => [
        i.caseIdentifier,
        { ...i, parent: i.parentId ? byId.get(i.parentId)!.caseIdentifier : null },
      ]),
    );
  };
  const a = view(from);
  const b = view(to);
  const pick = (i: { code: string; caseIdentifier: string }) => ({ code: i.code, caseIdentifier: i.caseIdentifier });
  return {
    from: { id: from.id, version: from.version },
    to: { id: to.id, version: to.version },
    added: [...b.values()].filter((i) => !a.has(i.caseIdentifier)).map(pick),
    removed: [...a.values()].filter((i) => !b.has(i.caseIdentifier)).map(pick),
    changed: [...b.values()]
      .filter((i) => a.has(i.caseIdentifier))
      .map((i) => ({
        ...pick(i),
        fields: COMPARED.filter((f) => json(a.get(i.caseIdentifier)![f]) !== json(i[f])) as string[],
      }))
      .filter((c) => c.fields.length > 0),
  };
}

// ---------- policy alignment ----------

function toGoal(row: repo.GoalRow) {
  return {
    id: row.id,
    code: row.code,
    title: parse<LocalizedText>(row.title),
    plan: parse<LocalizedText>(row.plan),
    periodStart: row.period_start,
    periodEnd: row.period_end,
  };
}

export async function listGoals(ctx: Ctx) {
  return (await repo.listGoals(ctx.db, ctx.tenantId)).map(toGoal);
}

export async function createGoal(ctx: Ctx, input: GoalInput) {
  await requireWriter(ctx);
  return inTransaction(ctx, async (tx) => {
    if (await repo.goalByCode(tx.db, tx.tenantId, input.code))
      throw new AppError('duplicate_code', `A policy goal with code ${input.code} exists.`, { field: 'code' });
    if (input.periodStart && input.periodEnd && input.periodEnd < input.periodStart) {
      throw new AppError('validation_failed', 'The period ends before it starts.', {
        issues: [{ path: 'body.periodEnd', message: 'Ends before it starts.' }],
      });
    }
    const row: repo.GoalRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      code: input.code,
      title: json(input.title),
      plan: json(input.plan),
      period_start: input.periodStart ?? null,
      period_end: input.periodEnd ?? null,
      created_at: nowIso(),
    };
    await repo.insertGoal(tx.db, row);
    await recordAudit(tx.db, tx, 'policy_goal.create', { type: 'policy_goal', id: row.id }, null, input);
    return toGoal(row);
  });
}

export async function alignItem(ctx: Ctx, frameworkId: string, itemId: string, goalIds: string[]) {
  await inTransaction(ctx, async (tx) => {
    await requireDraft(tx, frameworkId);
    if (!(await itemsById(tx, frameworkId)).has(itemId)) throw notFound('framework_item', itemId);
    const known = new Set((await repo.listGoals(tx.db, tx.tenantId)).map((g) => g.id));
    const unknown = goalIds.filter((g) => !known.has(g));
    if (unknown.length)
      throw new AppError('policy_goal_not_found', `No policy goal ${unknown.join(', ')}.`, { goalIds: unknown });
    await repo.clearAlignments(tx.db, tx.tenantId, itemId);
    await repo.insertAlignments(
      tx.db,
      [...new Set(goalIds)].map((goal_id) => ({
        tenant_id: tx.tenantId,
        framework_id: frameworkId,
        item_id: itemId,
        goal_id,
      })),
    );
    await recordAudit(tx.db, tx, 'framework_item.align', { type: 'framework_item', id: itemId }, null, { goalIds });
  });
  return (await getFramework(ctx, frameworkId)).items.find((i) => i.id === itemId)!;
}

/** Each goal with the items of this framework that serve it, and the goals nothing serves. */
export async function alignment(ctx: Ctx, frameworkId: string) {
  const fw = await getFramework(ctx, frameworkId);
  const goals = await listGoals(ctx);
  const withItems = goals.map((g) => ({
    ...g,
    items: fw.items.filter((i) => i.goalIds.includes(g.id)).map((i) => ({ id: i.id, code: i.code, title: i.title })),
  }));
  return { goals: withItems, unservedGoalIds: withItems.filter((g) => g.items.length === 0).map((g) => g.id) };
}

// ---------- CASE 1.1 ----------

export async function exportCase(ctx: Ctx, frameworkId: string, origin: string) {
  const detail = await getFramework(ctx, frameworkId);
  return toCfPackage(detail, {
    origin,
    crosswalk: await crosswalkOut(ctx, frameworkId),
    source: await caseSourceOf(ctx, frameworkId),
  });
}

async function crosswalkOut(ctx: Ctx, frameworkId: string) {
  const rows = await repo.outgoingLinks(ctx.db, ctx.tenantId, frameworkId);
  return rows.map((r) => ({
    fromItemId: r.from_item_id,
    relation: r.relation,
    target: { identifier: r.target_identifier, title: parse<LocalizedText>(r.target_title) },
  }));
}

export type CaseDatabase = { db: Kysely<DB>; dialect: Ctx['dialect'] };
type Database = CaseDatabase;

/** A published version as a CFPackage, read as the system of its tenant (the provider is public). */
async function publishedPackage(
  database: Database,
  row: repo.FrameworkRow | undefined,
  notFoundId: string,
  origin: string,
) {
  if (!row) {
    throw new AppError('case_not_found', `No published CASE document or item ${notFoundId}.`, {
      identifier: notFoundId,
    });
  }
  return exportCase({ ...systemBase(database), tenantId: row.tenant_id }, row.id, origin);
}

export async function casePackage(database: Database, caseIdentifier: string, origin: string) {
  const row = await repo.publicFrameworkByCaseId(database.db, caseIdentifier);
  return publishedPackage(database, row, caseIdentifier, origin);
}

export async function caseItem(database: Database, caseIdentifier: string, origin: string) {
  const row = await repo.publicFrameworkOfItem(database.db, caseIdentifier);
  const pkg = await publishedPackage(database, row, caseIdentifier, origin);
  return pkg.CFItems.find((i) => i.identifier === caseIdentifier)!;
}

export async function caseDocuments(database: Database, page: { limit: number; offset: number }, origin: string) {
  const [rows, total] = await Promise.all([
    repo.publicFrameworks(database.db, page),
    repo.countPublicFrameworks(database.db),
  ]);
  const documents = [];
  for (const row of rows) documents.push((await casePackage(database, row.case_identifier, origin)).CFDocument);
  return { total, CFDocuments: documents };
}

/** The current (published) version of a lineage, or without one the tenant's most recently published current version. */
export async function currentVersionId(ctx: Ctx, lineageId?: string): Promise<string> {
  const row = lineageId
    ? await versionsRepo.currentOfLineage(ctx.db, ctx.tenantId, lineageId)
    : (await versionsRepo.currentVersions(ctx.db, ctx.tenantId))[0];
  if (!row) throw new AppError('framework_not_found', 'No standard is published yet.');
  return row.id;
}

/** The current version of the lineage this version belongs to (itself when it is current). */
export async function currentVersionOf(ctx: Ctx, frameworkId: string): Promise<FrameworkSummary | null> {
  const row = await requireFramework(ctx, frameworkId);
  const current = await versionsRepo.currentOfLineage(ctx.db, ctx.tenantId, row.lineage_id);
  return current ? toSummary(current) : null;
}

/**
 * An item as the current version of its standard has it, matched by CASE identifier: what indicators
 * and rules naming an item of an older version read. The item itself when no current version keeps it.
 */
export async function currentItem(ctx: Ctx, itemId: string): Promise<{ id: string; frameworkId: string } | null> {
  const row = await versionsRepo.currentItemOf(ctx.db, ctx.tenantId, itemId);
  return row ? { id: row.id, frameworkId: row.framework_id } : null;
}

/** The status of a version the actor may read: a cheap check for callers that keep published content cached. */
export async function versionStatus(ctx: Ctx, id: string): Promise<FrameworkSummary['status']> {
  return (await versionStamp(ctx, id)).status;
}

/** Status and last change of a version: a settled version's texts change only by translation, which touches it. */
export async function versionStamp(ctx: Ctx, id: string) {
  const row = await requireFramework(ctx, id);
  return { status: row.status as FrameworkSummary['status'], updatedAt: row.updated_at };
}

/** An item's ids across the versions of its standard (itself included): for lists that match competencies, not versions. */
export async function itemInEveryVersion(ctx: Ctx, itemId: string): Promise<string[]> {
  const ids = (await repo.itemInEveryVersion(ctx.db, ctx.tenantId, itemId)).map((r) => r.id);
  return ids.length > 0 ? ids : [itemId];
}
