import { type Kysely, PostgresAdapter } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { requirePermissionAt, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { FileStore } from '../../shared/storage.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard, requireCompetency, requireLevel } from '../assessment/assessment.standard.ts';
import { EVIDENCE_MAX_BYTES, sniffContentType } from '../assessment/evidence.service.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as org from '../org/org.service.ts';
import * as designsRepo from '../practice/designs.repo.ts';
import * as designs from '../practice/designs.service.ts';
import { practiceChanged } from '../practice/practice.changes.ts';
import { resourceTexts } from '../translations/translations.resources.ts';
import { trackEdits } from '../translations/translations.tracking.ts';
import * as repo from './resources.repo.ts';
import {
  type CreateResourceInput,
  type ResourceDetail,
  type ResourceKind,
  type ResourceSharing,
  type ResourceStatus,
  type ResourceSummary,
  type SearchResourcesQuery,
  type UpdateResourceInput,
  URL_KINDS,
} from './resources.schemas.ts';
import { indexResource, textSearch } from './search.ts';

/*
 * The resource library. A resource is a draft its authors alone read; shared at their school or
 * district, readers placed there find it; submitted for national publication, it waits for a
 * moderator; published, the whole tenant reads it.
 *
 * Moderation (community.moderate): national publication is decided by a moderator whose scope covers
 * the resource's unit (a district officer over a school's resource, a regional or ministry officer),
 * who reads what is shared or submitted there and may also withdraw a school- or district-shared
 * resource (back to a draft, with the reason). Taking a published resource back down is for a
 * moderator over the whole tenant (a ministry officer). Nobody decides on their own resource.
 */

export const RESOURCE_MAX_BYTES = EVIDENCE_MAX_BYTES;
const ENTITY = 'resource';
const SHARING_REACH = { private: 0, school: 1, district: 2, nation: 3 } as const;
const nameOf = (p: { given_name: string | null; family_name: string | null }) =>
  [p.given_name, p.family_name].filter(Boolean).join(' ');
const parse = <T>(json: string | null): T => (json ? JSON.parse(json) : null) as T;

/** '/1/2/4/' -> ['/', '/1/', '/1/2/', '/1/2/4/']: where a reader placed at that path reads from. */
function pathsFromTop(path: string): string[] {
  return ['/', ...org.ancestorPathsOf(path), path];
}

async function readerOf(ctx: Ctx): Promise<repo.Reader> {
  if (ctx.actor.system) return { personId: null, paths: [], moderatorRoots: [] };
  const me = ctx.actor.personId ? await repo.placement(ctx.db, ctx.tenantId, ctx.actor.personId) : undefined;
  return {
    personId: ctx.actor.personId ?? '',
    paths: me ? pathsFromTop(me.org_path) : [],
    moderatorRoots: scopePaths(ctx, 'community.moderate'),
  };
}

const authorsOf = (r: repo.ResourceRow) => [r.owner_person_id, ...parse<string[]>(r.author_person_ids)];
const isAuthor = (ctx: Ctx, r: repo.ResourceRow) =>
  ctx.actor.personId !== null && authorsOf(r).includes(ctx.actor.personId);

function readable(reader: repo.Reader, r: repo.ResourceRow): boolean {
  if (reader.personId === null) return true;
  if (authorsOf(r).includes(reader.personId)) return true;
  if (r.visible_path !== null && reader.paths.includes(r.visible_path)) return true;
  return (
    (r.status === 'shared' || r.status === 'submitted') && reader.moderatorRoots.some((p) => r.unit_path.startsWith(p))
  );
}

async function requireResource(ctx: Ctx, id: string): Promise<repo.ResourceRow> {
  const row = await repo.getResource(ctx.db, ctx.tenantId, id);
  if (!row || !readable(await readerOf(ctx), row)) throw notFound(ENTITY, id);
  return row;
}

function requireAuthor(ctx: Ctx, r: repo.ResourceRow) {
  if (!isAuthor(ctx, r))
    throw new AppError('forbidden', 'Only the authors of a resource change it.', {
      resourceId: r.id,
      permission: 'author',
    });
}

function requireUnlocked(r: repo.ResourceRow) {
  if (r.status === 'submitted' || r.status === 'published')
    throw new AppError('resource_locked', 'A resource under review or published cannot be changed.', {
      resourceId: r.id,
      status: r.status,
    });
}

async function requirePlacedActor(ctx: Ctx) {
  const me = ctx.actor.personId ? await repo.placement(ctx.db, ctx.tenantId, ctx.actor.personId) : undefined;
  if (!me) throw new AppError('forbidden', 'Only a person adds to the library.', { permission: 'author' });
  return me;
}

/** Where readers of a resource are placed: nobody (draft), its school, its district, or everyone. */
async function visiblePath(ctx: Ctx, status: ResourceStatus, sharing: ResourceSharing, unitPath: string) {
  if (status === 'published') return '/';
  if (sharing === 'private') return null;
  if (sharing === 'school') return unitPath;
  const units = await org.unitsOnPath(ctx, unitPath);
  return units.findLast((u) => u.type === 'district')?.path ?? unitPath;
}

/** A design resource reaches no further than the design itself is shared. */
async function requireDesignShared(ctx: Ctx, designId: string, reach: keyof typeof SHARING_REACH) {
  const design = await designs.getDesign(ctx, designId);
  if (SHARING_REACH[design.sharing] < Math.max(1, SHARING_REACH[reach]))
    throw new AppError('design_not_shared', 'Share the activity design at least as widely as the resource.', {
      designId,
      designSharing: design.sharing,
      needed: reach === 'private' ? 'school' : reach,
    });
  return design;
}

async function checkCompetencies(ctx: Ctx, competencies: { itemId: string; levelCode: string }[]) {
  if (competencies.length === 0) return;
  const standard = await loadStandard(ctx, await frameworks.currentVersionId(ctx));
  for (const [i, c] of competencies.entries()) {
    requireCompetency(standard, c.itemId, `body.competencies.${i}.itemId`);
    if (requireLevel(standard, c.levelCode, `body.competencies.${i}.levelCode`) === null)
      throw new AppError('unknown_level', 'Align a resource to a level of the standard, not "not yet".', {
        field: `body.competencies.${i}.levelCode`,
        levelCode: c.levelCode,
      });
  }
}

async function checkAuthors(ctx: Ctx, ids: string[]) {
  const found = new Set((await repo.personNames(ctx.db, ctx.tenantId, ids)).map((p) => p.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing)
    throw new AppError('unknown_person', 'An author is not a person of this tenant.', {
      field: 'body.authorPersonIds',
      personId: missing,
    });
}

/** Facets for the filters and the text for search, written with every change of the resource. */
async function reindex(ctx: Pick<Ctx, 'db' | 'dialect' | 'tenantId'>, r: repo.ResourceRow) {
  const competencies = parse<{ itemId: string; levelCode: string }[]>(r.competencies);
  await repo.replaceFacets(ctx.db, ctx.tenantId, r.id, [
    ...competencies.map((c) => ({ facet: 'competency' as const, value: c.itemId })),
    ...competencies.map((c) => ({ facet: 'level' as const, value: c.levelCode })),
    ...parse<string[]>(r.languages).map((l) => ({ facet: 'language' as const, value: l })),
    ...parse<string[]>(r.author_person_ids).map((p) => ({ facet: 'author' as const, value: p })),
  ]);
  const design = r.design_id ? await designsRepo.getDesign(ctx.db, ctx.tenantId, r.design_id) : undefined;
  await indexResource(ctx.db, ctx.dialect, ctx.tenantId, r.id, [
    ...Object.values(parse<LocalizedText>(r.title)),
    ...Object.values(parse<LocalizedText>(r.description)),
    ...parse<string[]>(r.tags),
    r.subject,
    design?.title ?? '',
  ]);
}

/**
 * Indexes a resource again after its texts changed outside this service (a translation of its title
 * or description saved or imported through /translations), in the caller's transaction, so the new
 * language is found at once rather than after the author's next edit. An unknown id is left alone.
 */
export async function reindexResource(db: Kysely<DB>, tenantId: string, id: string): Promise<void> {
  const row = await repo.getResource(db, tenantId, id);
  if (!row) return;
  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  await reindex({ db, dialect, tenantId }, row);
}

function fieldsOf(input: UpdateResourceInput) {
  return {
    kind: input.kind,
    title: JSON.stringify(input.title),
    description: JSON.stringify(input.description ?? {}),
    url: URL_KINDS.includes(input.kind) ? input.url : null,
    subject: input.subject,
    grade: input.grade,
    languages: JSON.stringify([...new Set(input.languages)]),
    licence: input.licence,
    competencies: JSON.stringify(input.competencies),
    tags: JSON.stringify(input.tags),
    author_person_ids: JSON.stringify([...new Set(input.authorPersonIds)]),
  };
}

/** Writes a change of a resource with its index and its audit record, in the caller's transaction. */
async function change(ctx: Ctx, before: repo.ResourceRow, set: Partial<repo.ResourceRow>, action: string) {
  const after: repo.ResourceRow = { ...before, ...set, updated_at: nowIso() };
  await repo.updateResource(ctx.db, ctx.tenantId, before.id, { ...set, updated_at: after.updated_at });
  await reindex(ctx, after);
  await recordAudit(ctx.db, ctx, action, { type: ENTITY, id: before.id }, before, after);
  return after;
}

export async function createResource(ctx: Ctx, input: CreateResourceInput): Promise<ResourceDetail> {
  const id = await inTransaction(ctx, async (tx) => {
    const me = await requirePlacedActor(tx);
    if (input.designId) await requireDesignShared(tx, input.designId, 'private');
    await checkCompetencies(tx, input.competencies);
    const authors = input.authorPersonIds.filter((p) => p !== me.id);
    await checkAuthors(tx, authors);
    const at = nowIso();
    const row: repo.ResourceRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      ...fieldsOf({ ...input, authorPersonIds: authors }),
      design_id: input.designId,
      file_name: null,
      content_type: null,
      size_bytes: null,
      storage_key: null,
      owner_person_id: me.id,
      unit_id: me.org_unit_id,
      unit_path: me.org_path,
      sharing: 'private',
      status: 'draft',
      visible_path: null,
      review_reason: null,
      reviewed_by_person_id: null,
      reviewed_at: null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertResource(tx.db, row);
    await reindex(tx, row);
    await recordAudit(tx.db, tx, 'resource.create', { type: ENTITY, id: row.id }, null, row);
    return row.id;
  });
  return getResource(ctx, id);
}

export async function updateResource(ctx: Ctx, id: string, input: UpdateResourceInput): Promise<ResourceDetail> {
  await inTransaction(ctx, async (tx) => {
    const before = await requireResource(tx, id);
    requireAuthor(tx, before);
    requireUnlocked(before);
    if ((before.kind === 'activity_design') !== (input.kind === 'activity_design'))
      throw new AppError('validation_failed', 'An activity design resource stays one, and no other becomes one.', {
        issues: [{ path: 'body.kind', message: 'Keep the kind.' }],
      });
    if (before.storage_key && URL_KINDS.includes(input.kind))
      throw new AppError('resource_kind_no_file', 'A resource with a file cannot become a link or a video.', {
        field: 'body.kind',
      });
    await checkCompetencies(tx, input.competencies);
    const authors = input.authorPersonIds.filter((p) => p !== before.owner_person_id);
    await checkAuthors(tx, authors);
    await trackEdits(tx, resourceTexts, id, () =>
      change(tx, before, fieldsOf({ ...input, authorPersonIds: authors }), 'resource.update'),
    );
  });
  return getResource(ctx, id);
}

export async function shareResource(ctx: Ctx, id: string, sharing: ResourceSharing): Promise<ResourceDetail> {
  await inTransaction(ctx, async (tx) => {
    const before = await requireResource(tx, id);
    requireAuthor(tx, before);
    requireUnlocked(before);
    if (before.design_id && sharing !== 'private') await requireDesignShared(tx, before.design_id, sharing);
    const status: ResourceStatus = sharing === 'private' ? 'draft' : 'shared';
    await change(
      tx,
      before,
      { sharing, status, visible_path: await visiblePath(tx, status, sharing, before.unit_path) },
      'resource.share',
    );
  });
  return getResource(ctx, id);
}

export async function submitResource(ctx: Ctx, id: string): Promise<ResourceDetail> {
  await inTransaction(ctx, async (tx) => {
    const before = await requireResource(tx, id);
    requireAuthor(tx, before);
    requireUnlocked(before);
    if (before.design_id) await requireDesignShared(tx, before.design_id, 'nation');
    await change(tx, before, { status: 'submitted', review_reason: null }, 'resource.submit');
  });
  return getResource(ctx, id);
}

function requireNotOwnDecision(ctx: Ctx, r: repo.ResourceRow) {
  if (isAuthor(ctx, r))
    throw new AppError('forbidden', 'Nobody decides on their own resource.', { permission: 'community.moderate' });
}

export async function approveResource(ctx: Ctx, id: string): Promise<ResourceDetail> {
  await inTransaction(ctx, async (tx) => {
    const before = await requireResource(tx, id);
    if (before.status !== 'submitted')
      throw new AppError('resource_not_submitted', 'Only a resource submitted for publication is approved.', {
        resourceId: id,
        status: before.status,
      });
    requirePermissionAt(tx, 'community.moderate', before.unit_path);
    requireNotOwnDecision(tx, before);
    if (before.design_id) await requireDesignShared(tx, before.design_id, 'nation');
    await change(
      tx,
      before,
      {
        status: 'published',
        visible_path: '/',
        review_reason: null,
        reviewed_by_person_id: tx.actor.personId,
        reviewed_at: nowIso(),
      },
      'resource.approve',
    );
  });
  return getResource(ctx, id);
}

/**
 * A submission turned down by a moderator over its unit, or a published resource taken back down by
 * a national one: it returns to where it was shared. A school- or district-shared one withdrawn by a moderator over its
 * unit: back to a draft. The reason is kept for the authors.
 */
export async function rejectResource(ctx: Ctx, id: string, reason: string): Promise<ResourceDetail> {
  const after = await inTransaction(ctx, async (tx) => {
    const before = await requireResource(tx, id);
    if (before.status === 'draft')
      throw new AppError('resource_not_submitted', 'A draft is not shared and has nothing to decide.', {
        resourceId: id,
        status: before.status,
      });
    const national = before.status !== 'shared';
    requirePermissionAt(
      tx,
      'community.moderate',
      before.status === 'published' ? await org.topUnitPath(tx) : before.unit_path,
    );
    requireNotOwnDecision(tx, before);
    const sharing = (national ? before.sharing : 'private') as ResourceSharing;
    const status: ResourceStatus = sharing === 'private' ? 'draft' : 'shared';
    return change(
      tx,
      before,
      {
        status,
        sharing,
        visible_path: await visiblePath(tx, status, sharing, before.unit_path),
        review_reason: reason,
        reviewed_by_person_id: tx.actor.personId,
        reviewed_at: nowIso(),
      },
      'resource.reject',
    );
  });
  // Read as the moderator, who may no longer read a resource withdrawn to a draft.
  return detailOf(ctx, after);
}

/**
 * The resource's file, replacing any earlier one. The upload has been read whole before this runs
 * (no transaction waits on a client); the type comes from the bytes, as for evidence.
 */
export async function uploadResourceFile(
  ctx: Ctx,
  files: FileStore,
  id: string,
  fileName: string,
  bytes: Buffer,
): Promise<ResourceDetail> {
  const current = await requireResource(ctx, id);
  requireAuthor(ctx, current);
  requireUnlocked(current);
  if (URL_KINDS.includes(current.kind as ResourceKind) || current.kind === 'activity_design')
    throw new AppError('resource_kind_no_file', 'Links, videos and activity designs carry no file.', {
      kind: current.kind,
    });
  if (bytes.length === 0) throw new AppError('file_empty', 'The file is empty.', { field: 'body' });
  if (bytes.length > RESOURCE_MAX_BYTES)
    throw new AppError('file_too_large', `Resource files are at most ${RESOURCE_MAX_BYTES / 1024 / 1024} MB.`, {
      maxBytes: RESOURCE_MAX_BYTES,
    });
  const contentType = sniffContentType(bytes, fileName);
  if (!contentType)
    throw new AppError(
      'file_type_not_allowed',
      'Only PDF, images (PNG, JPEG, GIF, WebP), MP4 video, office documents and plain text are accepted.',
      { fileName },
    );
  const key = `${ctx.tenantId}/resources/${id}/${newId()}`;
  await files.put(key, bytes);
  let previous: string | null = null;
  try {
    await inTransaction(ctx, async (tx) => {
      const before = await requireResource(tx, id);
      requireUnlocked(before);
      previous = before.storage_key;
      await change(
        tx,
        before,
        { file_name: fileName, content_type: contentType, size_bytes: bytes.length, storage_key: key },
        'resource.file',
      );
    });
  } catch (error) {
    await files.remove(key);
    throw error;
  }
  if (previous) await files.remove(previous).catch(() => undefined);
  return getResource(ctx, id);
}

export async function resourceFile(ctx: Ctx, files: FileStore, id: string) {
  const row = await requireResource(ctx, id);
  if (!row.storage_key) throw notFound('resource_file', id);
  return { bytes: await files.get(row.storage_key), contentType: row.content_type!, fileName: row.file_name! };
}

export async function rateResource(ctx: Ctx, id: string, stars: number): Promise<ResourceDetail> {
  await inTransaction(ctx, async (tx) => {
    const row = await requireResource(tx, id);
    const me = await requirePlacedActor(tx);
    if (isAuthor(tx, row))
      throw new AppError('forbidden', 'Authors do not rate their own resource.', { permission: 'author' });
    const before = await repo.myRating(tx.db, tx.tenantId, id, me.id);
    await repo.upsertRating(tx.db, { tenant_id: tx.tenantId, resource_id: id, person_id: me.id, stars, at: nowIso() });
    await recordAudit(tx.db, tx, 'resource.rate', { type: ENTITY, id }, before ?? null, { personId: me.id, stars });
  });
  return getResource(ctx, id);
}

/**
 * "I used this in class": append-only. Each report is the raw material of an indicator of practice
 * (resources used in class per teacher and unit, by the reporter's unit_path and used_on), to be
 * read as a fact by monitoring; nothing here aggregates them yet.
 */
export async function reportUse(
  ctx: Ctx,
  id: string,
  input: { usedOn: string; classLabel: string; note: string },
): Promise<ResourceDetail> {
  await inTransaction(ctx, async (tx) => {
    await requireResource(tx, id);
    const me = await requirePlacedActor(tx);
    if (input.usedOn > nowIso().slice(0, 10))
      throw new AppError('use_date_invalid', 'A use in class is reported after it happened.', { field: 'body.usedOn' });
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      resource_id: id,
      person_id: me.id,
      unit_path: me.org_path,
      used_on: input.usedOn,
      class_label: input.classLabel,
      note: input.note,
      created_at: nowIso(),
    };
    await repo.insertUse(tx.db, row);
    await recordAudit(tx.db, tx, 'resource.use', { type: 'resource_use', id: row.id }, null, row);
    // Counted by the `used_library` indicator fact, kept up to date in the same transaction.
    await practiceChanged.emit(tx, { personIds: [row.person_id], sources: ['library'] });
  });
  return getResource(ctx, id);
}

// ---- reading ----

async function summaries(ctx: Ctx, rows: repo.ResourceRow[]): Promise<ResourceSummary[]> {
  const ids = rows.map((r) => r.id);
  const [ratings, uses, people, designRows] = await Promise.all([
    repo.ratingsOf(ctx.db, ctx.tenantId, ids),
    repo.countUses(ctx.db, ctx.tenantId, ids),
    repo.personNames(ctx.db, ctx.tenantId, [...new Set(rows.flatMap(authorsOf))]),
    Promise.all(
      [...new Set(rows.map((r) => r.design_id).filter((d): d is string => d !== null))].map((d) =>
        designsRepo.getDesign(ctx.db, ctx.tenantId, d),
      ),
    ),
  ]);
  const names = new Map(people.map((p) => [p.id, nameOf(p)]));
  const designById = new Map(designRows.filter((d) => d !== undefined).map((d) => [d.id, d]));
  const text = (t: LocalizedText) => resolveText(t, ctx.locale, ctx.defaultLocale);
  return rows.map((r) => {
    const title = parse<LocalizedText>(r.title);
    const description = parse<LocalizedText>(r.description);
    const design = r.design_id ? designById.get(r.design_id) : undefined;
    const rating = ratings.get(r.id);
    return {
      id: r.id,
      kind: r.kind as ResourceKind,
      title: text(title),
      titles: title,
      description: Object.keys(description).length ? text(description) : null,
      design: design
        ? { id: design.id, title: design.title, subject: design.subject, grade: design.grade, sharing: design.sharing }
        : null,
      url: r.url,
      file: r.storage_key
        ? { name: r.file_name!, contentType: r.content_type!, sizeBytes: Number(r.size_bytes) }
        : null,
      subject: r.subject,
      grade: r.grade,
      languages: parse<string[]>(r.languages),
      licence: r.licence as ResourceSummary['licence'],
      competencies: parse(r.competencies),
      tags: parse(r.tags),
      authors: authorsOf(r).map((p) => ({ id: p, name: names.get(p) ?? '' })),
      sharing: r.sharing as ResourceSharing,
      status: r.status as ResourceStatus,
      rating: { average: rating ? Math.round(rating.average * 10) / 10 : null, count: rating?.count ?? 0 },
      uses: uses.get(r.id) ?? 0,
      updatedAt: r.updated_at,
    };
  });
}

export async function getResource(ctx: Ctx, id: string): Promise<ResourceDetail> {
  return detailOf(ctx, await requireResource(ctx, id));
}

async function detailOf(ctx: Ctx, row: repo.ResourceRow): Promise<ResourceDetail> {
  const id = row.id;
  const [summary] = await summaries(ctx, [row]);
  const me = ctx.actor.personId;
  const mine = me ? await repo.myRating(ctx.db, ctx.tenantId, id, me) : undefined;
  const uses = await repo.recentUses(ctx.db, ctx.tenantId, id, 20);
  const moderatorRoots = scopePaths(ctx, 'community.moderate');
  return {
    ...summary!,
    review: { reason: row.review_reason, reviewedAt: row.reviewed_at },
    myRating: mine?.stars ?? null,
    recentUses: uses.map((u) => ({
      id: u.id,
      person: { id: u.person_id, name: nameOf(u) },
      usedOn: u.used_on,
      classLabel: u.class_label,
      note: u.note,
      createdAt: u.created_at,
    })),
    canEdit: isAuthor(ctx, row) && row.status !== 'submitted' && row.status !== 'published',
    canModerate: !isAuthor(ctx, row) && moderatorRoots.some((p) => row.unit_path.startsWith(p)),
  };
}

/** Search and browse: ranked by the text when there is one, newest first otherwise. */
export async function searchResources(ctx: Ctx, query: SearchResourcesQuery) {
  return { items: (await scoredResources(ctx, query)).map((r) => r.resource) };
}

/** The resources found with their text-match scores (bm25 or ts_rank; 0 without words), best first. */
export async function scoredResources(ctx: Ctx, query: SearchResourcesQuery, ids?: string[]) {
  const text = await textSearch(ctx.db, ctx.dialect, ctx.tenantId, query.q, 'resource');
  const rows = await repo.searchResources(
    ctx.db,
    ctx.tenantId,
    text,
    await readerOf(ctx),
    {
      competency: query.competency,
      level: query.level,
      language: query.language,
      subject: query.subject,
      grade: query.grade,
      licence: query.licence,
      kind: query.kind,
      mine: query.mine === 'true',
      review: query.review === 'true',
      ids,
    },
    query.limit,
  );
  const items = await summaries(ctx, rows);
  return items.map((resource, i) => ({ resource, score: Number(rows[i]!.score) }));
}

// ---- collections: a person's own named lists ----

async function requireCollection(ctx: Ctx, id: string) {
  const c = await repo.getCollection(ctx.db, ctx.tenantId, id);
  if (!c || c.owner_person_id !== ctx.actor.personId) throw notFound('resource_collection', id);
  return c;
}

export async function createCollection(ctx: Ctx, name: string) {
  const me = await requirePlacedActor(ctx);
  const row = { tenant_id: ctx.tenantId, id: newId(), owner_person_id: me.id, name, created_at: nowIso() };
  await inTransaction(ctx, async (tx) => {
    await repo.insertCollection(tx.db, row);
    await recordAudit(tx.db, tx, 'resource_collection.create', { type: 'resource_collection', id: row.id }, null, row);
  });
  return getCollection(ctx, row.id);
}

export async function listCollections(ctx: Ctx) {
  const me = ctx.actor.personId;
  const rows = me ? await repo.collectionsOf(ctx.db, ctx.tenantId, me) : [];
  return { items: rows.map((c) => ({ id: c.id, name: c.name, size: Number(c.size ?? 0), createdAt: c.created_at })) };
}

/** A collection lists only what its owner may still read. */
export async function getCollection(ctx: Ctx, id: string) {
  const c = await requireCollection(ctx, id);
  const ids = await repo.collectionResourceIds(ctx.db, ctx.tenantId, id);
  const items = ids.length
    ? (await scoredResources(ctx, { limit: 100, mine: undefined } as SearchResourcesQuery, ids)).map((r) => r.resource)
    : [];
  const order = new Map(ids.map((r, i) => [r, i]));
  items.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  return { id: c.id, name: c.name, items, createdAt: c.created_at };
}

export async function addToCollection(ctx: Ctx, id: string, resourceId: string) {
  await inTransaction(ctx, async (tx) => {
    await requireCollection(tx, id);
    await requireResource(tx, resourceId);
    await repo.addToCollection(tx.db, {
      tenant_id: tx.tenantId,
      collection_id: id,
      resource_id: resourceId,
      added_at: nowIso(),
    });
    await recordAudit(tx.db, tx, 'resource_collection.add', { type: 'resource_collection', id }, null, { resourceId });
  });
  return getCollection(ctx, id);
}

export async function removeFromCollection(ctx: Ctx, id: string, resourceId: string) {
  await inTransaction(ctx, async (tx) => {
    await requireCollection(tx, id);
    await repo.removeFromCollection(tx.db, tx.tenantId, id, resourceId);
    await recordAudit(
      tx.db,
      tx,
      'resource_collection.remove',
      { type: 'resource_collection', id },
      { resourceId },
      null,
    );
  });
  return getCollection(ctx, id);
}
