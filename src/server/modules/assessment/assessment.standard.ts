import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import { NOT_YET } from './assessment.schemas.ts';

type Detail = Awaited<ReturnType<typeof frameworks.getFramework>>;
type ItemDetail = Detail['items'][number];

/** What assessment needs of a framework version: its competencies, their aspects, levels in order. */
export interface Standard {
  framework: Detail;
  competencies: ItemDetail[];
  aspectOf: Map<string, ItemDetail | undefined>;
  /** Level code -> rank: 1 for the first level, 2 for the next...; "not yet" is 0. */
  rank: Map<string, number>;
  rubric(itemId: string, levelCode: string): LocalizedText | undefined;
}

/**
 * A framework version to assess against: the one named (a superseded one shows history), or the
 * tenant's current version (one per lineage; `frameworks.currentVersionId`). Competencies
 * are the items of type competency (or the leaves, for a standard without that type); each belongs
 * to its nearest aspect.
 */
export async function loadStandard(ctx: Ctx, frameworkId?: string): Promise<Standard> {
  const id = frameworkId ?? (await frameworks.currentVersionId(ctx));
  const key = `${ctx.tenantId}/${id}`;
  const cached = settled.get(key);
  if (cached) {
    // The shape cannot change; the status (published > superseded > retired) can, and so can a translation
    // (it touches the version). Reading them checks access.
    const { status, updatedAt } = await frameworks.versionStamp(ctx, id);
    if (updatedAt === cached.framework.updatedAt)
      return status === cached.framework.status ? cached : { ...cached, framework: { ...cached.framework, status } };
    settled.delete(key);
  }
  const standard = buildStandard(await frameworks.getFramework(ctx, id));
  if (['published', 'superseded', 'retired'].includes(standard.framework.status)) {
    if (settled.size >= 200) settled.delete(settled.keys().next().value!);
    settled.set(key, standard);
  }
  return standard;
}

/**
 * The shape of a version (competencies, aspects, level ranks) for projections that follow changes
 * already checked by their writer: a settled version's shape never changes, so it is served from the
 * cache without reading its status again.
 */
export async function standardShape(ctx: Ctx, frameworkId: string): Promise<Standard> {
  return settled.get(`${ctx.tenantId}/${frameworkId}`) ?? loadStandard(ctx, frameworkId);
}

/**
 * Published and retired versions keep their shape, and every submission and rating reads one: they
 * are kept parsed here (a few hundred at most), by tenant and id, until a translation touches one.
 */
const settled = new Map<string, Standard>();

function buildStandard(framework: Detail): Standard {
  const byId = new Map(framework.items.map((i) => [i.id, i]));
  const hasChildren = new Set(framework.items.map((i) => i.parentId));
  const ordered = depthFirst(framework.items);
  const typed = ordered.filter((i) => i.type === 'competency');
  const competencies = typed.length > 0 ? typed : ordered.filter((i) => !hasChildren.has(i.id));
  const aspectOf = new Map<string, ItemDetail | undefined>();
  for (const c of competencies) {
    let up = c.parentId ? byId.get(c.parentId) : undefined;
    while (up && up.type !== 'aspect' && up.parentId) up = byId.get(up.parentId);
    aspectOf.set(c.id, up);
  }
  const rank = new Map<string, number>([[NOT_YET, 0]]);
  for (const [i, l] of framework.levels.entries()) rank.set(l.code, i + 1);
  const rubrics = new Map(framework.rubrics.map((r) => [`${r.itemId}|${r.levelCode}`, r.descriptor]));
  return {
    framework,
    competencies,
    aspectOf,
    rank,
    rubric: (itemId, levelCode) => rubrics.get(`${itemId}|${levelCode}`),
  };
}

function depthFirst(items: ItemDetail[]): ItemDetail[] {
  const children = new Map<string | null, ItemDetail[]>();
  for (const item of items) children.set(item.parentId, [...(children.get(item.parentId) ?? []), item]);
  const out: ItemDetail[] = [];
  const walk = (parentId: string | null) => {
    for (const item of (children.get(parentId) ?? []).sort((a, b) => a.position - b.position)) {
      out.push(item);
      walk(item.id);
    }
  };
  walk(null);
  return out;
}

/**
 * New work is recorded against the current (published) version only; corrections of earlier evidence
 * also against superseded and retired versions.
 */
export function requireAssessable(standard: Standard, forNewWork: boolean) {
  const { status, id } = standard.framework;
  const ok = forNewWork ? status === 'published' : ['published', 'superseded', 'retired'].includes(status);
  if (!ok)
    throw new AppError('framework_not_published', 'Assessment is recorded against a published standard only.', {
      frameworkId: id,
      status,
    });
}

export function requireCompetency(standard: Standard, itemId: string, field: string): ItemDetail {
  const item = standard.competencies.find((c) => c.id === itemId);
  if (!item)
    throw new AppError('unknown_competency', `No competency ${itemId} in this version of the standard.`, {
      itemId,
      field,
    });
  return item;
}

/** A level of this version, or "not yet"; anything else is refused with the levels that exist. */
export function requireLevel(standard: Standard, levelCode: string, field: string): string | null {
  if (levelCode === NOT_YET) return null;
  if (!standard.rank.has(levelCode))
    throw new AppError('unknown_level', `No level ${levelCode} in this version of the standard.`, {
      field,
      levelCode,
      levels: standard.framework.levels.map((l) => l.code),
    });
  return levelCode;
}

/** Each level of the standard with its descriptor for the competency (else the level's description). */
export function rubricOf(ctx: Ctx, standard: Standard, itemId: string) {
  const text = resolver(ctx);
  return standard.framework.levels.map((l) => ({
    levelCode: l.code,
    levelTitle: text(l.title),
    descriptor: text(standard.rubric(itemId, l.code) ?? l.description),
  }));
}

/** Data text in the reader's language, else the tenant's, marked when it falls back. */
export function resolver(ctx: Ctx) {
  return (value: LocalizedText) => resolveText(value, ctx.locale, ctx.defaultLocale);
}
