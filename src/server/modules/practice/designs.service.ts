import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { LOCALES, type Locale } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { loadStandard, requireCompetency, requireLevel, resolver } from '../assessment/assessment.standard.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import { coachLinks } from './coaching.links.ts';
import * as repo from './designs.repo.ts';
import {
  type CreateDesignBody,
  DesignContent,
  type DesignDetail,
  type DesignSummary,
  type ListDesignsQuery,
  type ReviseDesignBody,
  type Sharing,
  TEMPLATES,
  type TemplateKey,
} from './designs.schemas.ts';
import { templateText } from './designs.templates.ts';
import { practiceChanged } from './practice.changes.ts';

type CreateInput = import('zod').output<typeof CreateDesignBody>;
type ReviseInput = import('zod').output<typeof ReviseDesignBody>;
type Competency = { itemId: string; levelCode: string };

const ENTITY = 'activity_design';
const nameOf = (given: string | null, family: string | null) => [given, family].filter(Boolean).join(' ');

/** '/1/2/4/' -> ['/1/', '/1/2/', '/1/2/4/']: the units a path lies under, itself included. */
function pathsAbove(path: string): string[] {
  const keys = path.split('/').filter(Boolean);
  return keys.map((_, i) => `/${keys.slice(0, i + 1).join('/')}/`);
}

async function actorPlacement(ctx: Ctx) {
  const personId = ctx.actor.personId;
  return personId ? repo.placement(ctx.db, ctx.tenantId, personId) : undefined;
}

interface Access {
  read: boolean;
  edit: boolean;
  comment: boolean;
}

/**
 * What the actor may do with a design: the authors edit; they, their coaches and anyone who can
 * read it once shared comment; the school leader (assessment.read over an author) reads a private one.
 */
async function accessTo(ctx: Ctx, d: repo.DesignRow): Promise<Access> {
  const me = ctx.actor.personId;
  const authors = [d.author_person_id, d.co_author_person_id].filter((id): id is string => Boolean(id));
  if (me && authors.includes(me)) return { read: true, edit: true, comment: true };
  if (ctx.actor.system) return { read: true, edit: false, comment: true };
  const coach = me ? (await coachLinks(ctx, me, undefined, authors)).size > 0 : false;
  if (coach) return { read: true, edit: false, comment: true };
  let shared = false;
  const mine = await actorPlacement(ctx);
  if (mine && d.sharing === 'nation') shared = true;
  else if (mine && d.sharing === 'school') shared = mine.org_path.startsWith(d.unit_path);
  else if (mine && d.sharing === 'district') {
    const district = (await repo.unitsAt(ctx.db, ctx.tenantId, pathsAbove(d.unit_path))).find(
      (u) => u.type === 'district',
    );
    shared = Boolean(district && mine.org_path.startsWith(district.path));
  }
  if (shared) return { read: true, edit: false, comment: true };
  const overseer = [d.author_path, d.co_path].some((p) => p && hasPermissionAt(ctx, 'assessment.read', p));
  return { read: overseer, edit: false, comment: false };
}

async function requireDesign(ctx: Ctx, id: string): Promise<{ design: repo.DesignRow; access: Access }> {
  const design = await repo.getDesign(ctx.db, ctx.tenantId, id);
  const access = design ? await accessTo(ctx, design) : undefined;
  if (!design || !access?.read) throw notFound(ENTITY, id);
  return { design, access };
}

function requireAuthor(access: Access, id: string) {
  if (!access.edit)
    throw new AppError('forbidden', 'Only the authors of a design change it.', { designId: id, permission: 'author' });
}

/** Competencies must be items and levels of the current published standard. */
async function checkCompetencies(ctx: Ctx, competencies: Competency[]): Promise<string> {
  const standard = await loadStandard(ctx, await frameworks.currentVersionId(ctx));
  for (const [i, c] of competencies.entries()) {
    const field = `body.competencies.${i}`;
    requireCompetency(standard, c.itemId, `${field}.itemId`);
    if (requireLevel(standard, c.levelCode, `${field}.levelCode`) === null)
      throw new AppError('unknown_level', 'Align a design to a level of the standard, not "not yet".', {
        field: `${field}.levelCode`,
        levelCode: c.levelCode,
      });
  }
  return standard.framework.id;
}

/** A co-author is a teacher placed in the design's school, not the author. */
async function checkCoAuthor(ctx: Ctx, coAuthorId: string | null, authorId: string, unitId: string) {
  if (!coAuthorId) return;
  const p = await repo.placement(ctx.db, ctx.tenantId, coAuthorId);
  if (!p || p.id === authorId || p.category !== 'teacher' || p.org_unit_id !== unitId)
    throw new AppError('validation_failed', 'A co-author is another teacher of the same school.', {
      issues: [{ path: 'body.coAuthorPersonId', message: 'Choose a teacher of your school.' }],
    });
}

function toSummary(ctx: Ctx, r: repo.DesignRow): DesignSummary {
  return {
    id: r.id,
    title: r.title,
    subject: r.subject,
    grade: r.grade,
    language: r.language as Locale,
    template: r.template as TemplateKey | null,
    sharing: r.sharing as Sharing,
    sharedAt: r.shared_at,
    currentVersion: r.current_version,
    author: { id: r.author_person_id, name: nameOf(r.author_given, r.author_family) },
    coAuthor: r.co_author_person_id ? { id: r.co_author_person_id, name: nameOf(r.co_given, r.co_family) } : null,
    schoolName: resolver(ctx)(JSON.parse(r.unit_name)).text,
    updatedAt: r.updated_at,
    createdAt: r.created_at,
  };
}

export async function createDesign(ctx: Ctx, input: CreateInput): Promise<DesignDetail> {
  const id = await inTransaction(ctx, async (tx) => {
    const author = await actorPlacement(tx);
    if (!author)
      throw new AppError('forbidden', 'Only a person (a teacher) writes a design.', { permission: 'author' });
    await checkCoAuthor(tx, input.coAuthorPersonId, author.id, author.org_unit_id);
    const frameworkId = await checkCompetencies(tx, input.competencies);
    const content =
      input.content ??
      (input.template ? templateText(input.template, input.language).content : DesignContent.parse({}));
    const at = nowIso();
    const design = {
      tenant_id: tx.tenantId,
      id: newId(),
      author_person_id: author.id,
      co_author_person_id: input.coAuthorPersonId,
      org_unit_id: author.org_unit_id,
      title: input.title,
      language: input.language,
      subject: input.subject,
      grade: input.grade,
      template: input.template,
      sharing: 'private',
      shared_at: null,
      current_version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertDesign(tx.db, design);
    const version = {
      tenant_id: tx.tenantId,
      design_id: design.id,
      version: 1,
      framework_id: frameworkId,
      content: JSON.stringify(content),
      competencies: JSON.stringify(input.competencies),
      created_by_person_id: author.id,
      created_at: at,
    };
    await repo.insertVersion(tx.db, version);
    await recordAudit(tx.db, tx, 'activity_design.create', { type: ENTITY, id: design.id }, null, {
      ...design,
      version: { ...version, content, competencies: input.competencies },
    });
    return design.id;
  });
  return getDesign(ctx, id);
}

/** Saves an edit as the next version; an edit of a version that is no longer the latest is a conflict. */
export async function reviseDesign(ctx: Ctx, id: string, input: ReviseInput): Promise<DesignDetail> {
  await inTransaction(ctx, async (tx) => {
    const { design, access } = await requireDesign(tx, id);
    requireAuthor(access, id);
    const stale = () =>
      new AppError('conflict', 'Someone saved this design since you opened it; reload to see their version.', {
        designId: id,
        baseVersion: input.baseVersion,
        currentVersion: design.current_version,
      });
    if (input.baseVersion !== design.current_version) throw stale();
    await checkCoAuthor(tx, input.coAuthorPersonId, design.author_person_id, design.org_unit_id);
    const frameworkId = await checkCompetencies(tx, input.competencies);
    const at = nowIso();
    const fields = {
      title: input.title,
      subject: input.subject,
      grade: input.grade,
      language: input.language,
      co_author_person_id: input.coAuthorPersonId,
      updated_at: at,
    };
    if (!(await repo.advanceVersion(tx.db, tx.tenantId, id, input.baseVersion, fields))) throw stale();
    const version = {
      tenant_id: tx.tenantId,
      design_id: id,
      version: input.baseVersion + 1,
      framework_id: frameworkId,
      content: JSON.stringify(input.content),
      competencies: JSON.stringify(input.competencies),
      created_by_person_id: tx.actor.personId,
      created_at: at,
    };
    await repo.insertVersion(tx.db, version);
    await recordAudit(
      tx.db,
      tx,
      'activity_design.revise',
      { type: ENTITY, id },
      { version: design.current_version },
      { ...fields, version: { ...version, content: input.content, competencies: input.competencies } },
    );
  });
  return getDesign(ctx, id);
}

export async function shareDesign(ctx: Ctx, id: string, sharing: Sharing): Promise<DesignDetail> {
  await inTransaction(ctx, async (tx) => {
    const { design, access } = await requireDesign(tx, id);
    requireAuthor(access, id);
    if (design.sharing === sharing) return;
    const at = nowIso();
    const sharedAt = sharing === 'private' ? null : at;
    await repo.setSharing(tx.db, tx.tenantId, id, sharing, sharedAt, at);
    await recordAudit(
      tx.db,
      tx,
      'activity_design.share',
      { type: ENTITY, id },
      { sharing: design.sharing },
      { sharing, sharedAt },
    );
    await practiceChanged.emit(tx, { personIds: [design.author_person_id], sources: ['design'] });
  });
  return getDesign(ctx, id);
}

export async function commentOnDesign(ctx: Ctx, id: string, input: { body: string; version?: number }) {
  await inTransaction(ctx, async (tx) => {
    const { design, access } = await requireDesign(tx, id);
    if (!access.comment || !tx.actor.personId)
      throw new AppError('forbidden', 'Authors, their coaches and readers of a shared design comment on it.', {
        designId: id,
        permission: 'comment',
      });
    const version = input.version ?? design.current_version;
    if (version > design.current_version)
      throw new AppError('validation_failed', `This design has no version ${version}.`, {
        issues: [{ path: 'body.version', message: `At most ${design.current_version}.` }],
      });
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      design_id: id,
      version,
      author_person_id: tx.actor.personId,
      body: input.body,
      created_at: nowIso(),
    };
    await repo.insertComment(tx.db, row);
    await recordAudit(tx.db, tx, 'activity_design.comment', { type: ENTITY, id }, null, row);
  });
  return getDesign(ctx, id);
}

async function presentVersion(ctx: Ctx, row: NonNullable<Awaited<ReturnType<typeof repo.getVersion>>>) {
  const standard = await loadStandard(ctx, row.framework_id);
  const current = await frameworks.currentVersionId(ctx);
  const text = resolver(ctx);
  const content = DesignContent.parse(JSON.parse(row.content));
  const competencies = (JSON.parse(row.competencies) as Competency[]).map((c) => {
    const item = standard.competencies.find((i) => i.id === c.itemId);
    const level = standard.framework.levels.find((l) => l.code === c.levelCode);
    return {
      itemId: c.itemId,
      levelCode: c.levelCode,
      code: item?.code ?? null,
      title: item ? text(item.title).text : c.itemId,
      levelTitle: level ? text(level.title).text : c.levelCode,
    };
  });
  return {
    version: row.version,
    frameworkId: row.framework_id,
    frameworkCurrent: row.framework_id === current,
    content,
    competencies,
    totalMinutes: content.steps.reduce((sum, s) => sum + s.minutes, 0),
    createdBy: row.created_by_person_id
      ? { id: row.created_by_person_id, name: nameOf(row.given_name, row.family_name) }
      : null,
    createdAt: row.created_at,
  };
}

export async function getDesign(ctx: Ctx, id: string): Promise<DesignDetail> {
  const { design, access } = await requireDesign(ctx, id);
  const [current, versions, comments] = await Promise.all([
    repo.getVersion(ctx.db, ctx.tenantId, id, design.current_version),
    repo.listVersions(ctx.db, ctx.tenantId, id),
    repo.listComments(ctx.db, ctx.tenantId, id),
  ]);
  if (!current) throw notFound(ENTITY, id);
  return {
    ...toSummary(ctx, design),
    current: await presentVersion(ctx, current),
    versions: versions.map((v) => ({
      version: v.version,
      createdBy: v.created_by_person_id
        ? { id: v.created_by_person_id, name: nameOf(v.given_name, v.family_name) }
        : null,
      createdAt: v.created_at,
    })),
    comments: comments.map((c) => ({
      id: c.id,
      version: c.version,
      author: { id: c.author_person_id, name: nameOf(c.given_name, c.family_name) },
      body: c.body,
      createdAt: c.created_at,
    })),
    canEdit: access.edit,
    canComment: access.comment && Boolean(ctx.actor.personId),
  };
}

export async function getDesignVersion(ctx: Ctx, id: string, version: number) {
  await requireDesign(ctx, id);
  const row = await repo.getVersion(ctx.db, ctx.tenantId, id, version);
  if (!row) throw new AppError('activity_design_not_found', `No version ${version} of this design.`, { id, version });
  return presentVersion(ctx, row);
}

function encodeCursor(r: repo.DesignRow) {
  return Buffer.from(JSON.stringify([r.updated_at, r.id])).toString('base64url');
}

function decodeCursor(cursor: string) {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof updatedAt === 'string' && typeof id === 'string') return { updatedAt, id };
  } catch {}
  throw new AppError('validation_failed', 'The paging cursor is not one this server gave out.', {
    issues: [{ path: 'query.cursor', message: 'Invalid cursor' }],
  });
}

/** My designs, or designs shared with me (to my school, my district or the nation), newest first. */
export async function listDesigns(ctx: Ctx, query: ListDesignsQuery) {
  const me = await actorPlacement(ctx);
  if (!me) return { items: [], nextCursor: null };
  const filter: repo.DesignFilter = {
    subject: query.subject,
    grade: query.grade,
    language: query.language,
    template: query.template,
    competency: query.competency,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  };
  if (query.scope === 'mine') filter.authorId = me.id;
  else {
    const above = pathsAbove(me.org_path);
    const districts = (await repo.unitsAt(ctx.db, ctx.tenantId, above)).filter((u) => u.type === 'district');
    filter.sharedWith = { personId: me.id, schoolPaths: above, districtPaths: districts.map((u) => u.path) };
  }
  const rows = await repo.listDesigns(ctx.db, ctx.tenantId, filter, query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => toSummary(ctx, r)),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

export function listTemplates(ctx: Ctx, language?: Locale) {
  const lang = language ?? ((LOCALES as readonly string[]).includes(ctx.locale) ? (ctx.locale as Locale) : 'en');
  return {
    items: TEMPLATES.map((key) => ({ key, language: lang, ...templateText(key, lang) })),
  };
}

/** The current standard's competencies and levels, to align a design to. */
export async function designStandard(ctx: Ctx) {
  const standard = await loadStandard(ctx, await frameworks.currentVersionId(ctx));
  const text = resolver(ctx);
  return {
    frameworkId: standard.framework.id,
    levels: standard.framework.levels.map((l) => ({ code: l.code, title: text(l.title).text })),
    competencies: standard.competencies.map((c) => {
      const aspect = standard.aspectOf.get(c.id);
      return { id: c.id, code: c.code, title: text(c.title).text, aspect: aspect ? text(aspect.title).text : '' };
    }),
  };
}

/** Teachers of my school I may write a design with. */
export async function colleagues(ctx: Ctx) {
  const me = await actorPlacement(ctx);
  if (!me) return { items: [] };
  const rows = await repo.teachersIn(ctx.db, ctx.tenantId, me.org_unit_id);
  return {
    items: rows.filter((r) => r.id !== me.id).map((r) => ({ id: r.id, name: nameOf(r.given_name, r.family_name) })),
  };
}
