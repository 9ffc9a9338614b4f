import type { Ctx } from '../../shared/context.ts';
import * as assessment from '../assessment/assessment.service.ts';
import * as rules from '../recognition/rules.service.ts';
import { staleLanguages } from '../translations/translations.tracking.ts';
import type { FrameworkDetail, PublishImpact } from './frameworks.schemas.ts';
import type { ChangedItems } from './frameworks.service.ts';
import * as frameworks from './frameworks.service.ts';
import { frameworkTexts } from './frameworks.translatable.ts';
import * as versionsRepo from './frameworks.versions.repo.ts';

/**
 * What makes an item "changed" for the ratings on it: its content. A move (parent, position) keeps
 * what the rating was about, so it does not count.
 */
const CONTENT = ['code', 'type', 'levelCode', 'title', 'statement', 'notes'] as const;

interface Pair {
  fromItemId: string;
  toItemId: string;
  code: string;
  caseIdentifier: string;
  fields: string[];
}

/** Items of two versions matched by CASE identifier: unchanged, changed (with the fields), added, removed. */
function match(from: FrameworkDetail, to: FrameworkDetail) {
  const before = new Map(from.items.map((i) => [i.caseIdentifier, i]));
  const after = new Set(to.items.map((i) => i.caseIdentifier));
  const unchanged: Pair[] = [];
  const changed: Pair[] = [];
  for (const item of to.items) {
    const old = before.get(item.caseIdentifier);
    if (!old) continue;
    const fields = CONTENT.filter((f) => JSON.stringify(old[f]) !== JSON.stringify(item[f])) as string[];
    const pair = {
      fromItemId: old.id,
      toItemId: item.id,
      code: item.code,
      caseIdentifier: item.caseIdentifier,
      fields,
    };
    (fields.length ? changed : unchanged).push(pair);
  }
  return {
    unchanged,
    changed,
    added: to.items.filter((i) => !before.has(i.caseIdentifier)),
    removed: from.items.filter((i) => !after.has(i.caseIdentifier)),
  };
}

function carried(pairs: ReturnType<typeof match>, changedItems: ChangedItems) {
  return (changedItems === 'carry_over' ? [...pairs.unchanged, ...pairs.changed] : pairs.unchanged).map((p) => ({
    fromItemId: p.fromItemId,
    toItemId: p.toItemId,
  }));
}

/**
 * Carries competency statuses of a superseded version into the version that superseded it, as new
 * ledger events (same kind and level, source `carried` naming the old event, the old event's
 * effective time), so the projection and its rebuild from the ledger agree. Runs in the publish
 * transaction.
 */
export async function carryForward(ctx: Ctx, fromId: string, toId: string, changedItems: ChangedItems) {
  const [from, to] = [await frameworks.getFramework(ctx, fromId), await frameworks.getFramework(ctx, toId)];
  const pairs = match(from, to);
  await rules.followNewVersion(ctx, fromId, toId, [...pairs.unchanged, ...pairs.changed]);
  return assessment.carryStatuses(ctx, toId, carried(pairs, changedItems), {
    levelCodes: new Set(to.levels.map((l) => l.code)),
  });
}

/**
 * Evidence recorded late on a superseded version (some people, items and status columns): carried
 * into the lineage's current version by the rule that version was published with.
 */
export async function carryIntoCurrent(
  ctx: Ctx,
  fromId: string,
  only: { personIds: string[]; itemIds: string[]; columns: ('self' | 'confirmed' | 'trained')[] },
) {
  const from = await frameworks.getFramework(ctx, fromId);
  const current = await versionsRepo.currentOfLineage(ctx.db, ctx.tenantId, from.lineageId);
  if (!current || current.id === fromId) return 0;
  const to = await frameworks.getFramework(ctx, current.id);
  const rule = (current.changed_items as ChangedItems | null) ?? 'new_evidence';
  const items = new Set(only.itemIds);
  return assessment.carryStatuses(
    ctx,
    to.id,
    carried(match(from, to), rule).filter((p) => items.has(p.fromItemId)),
    { levelCodes: new Set(to.levels.map((l) => l.code)), personIds: only.personIds, columns: only.columns },
  );
}

/** What publishing this version would do: ratings carried over, items changed (and ratings on them), added, removed. */
export async function publishImpact(ctx: Ctx, frameworkId: string): Promise<PublishImpact> {
  const to = await frameworks.getFramework(ctx, frameworkId);
  const current = await versionsRepo.currentOfLineage(ctx.db, ctx.tenantId, to.lineageId);
  const staleTranslations = staleCounts(await staleLanguages(ctx, frameworkTexts, frameworkId));
  const toRef = { id: to.id, version: to.version };
  if (!current || current.id === to.id)
    return {
      from: null,
      to: toRef,
      carryOver: 0,
      changedItems: 0,
      changedRatings: 0,
      addedItems: to.items.length,
      removedItems: 0,
      removedRatings: 0,
      changed: [],
      staleTranslations,
    };
  const from = await frameworks.getFramework(ctx, current.id);
  const pairs = match(from, to);
  const counts = await assessment.ratingCounts(
    ctx,
    from.items.map((i) => i.id),
  );
  const ratings = (itemId: string) => counts.get(itemId) ?? 0;
  const total = (ids: string[]) => ids.reduce((n, id) => n + ratings(id), 0);
  return {
    from: { id: from.id, version: from.version },
    to: toRef,
    carryOver: total(pairs.unchanged.map((p) => p.fromItemId)),
    changedItems: pairs.changed.length,
    changedRatings: total(pairs.changed.map((p) => p.fromItemId)),
    addedItems: pairs.added.length,
    removedItems: pairs.removed.length,
    removedRatings: total(pairs.removed.map((i) => i.id)),
    changed: pairs.changed.map((p) => ({
      code: p.code,
      caseIdentifier: p.caseIdentifier,
      fields: p.fields,
      ratings: ratings(p.fromItemId),
    })),
    staleTranslations,
  };
}

function staleCounts(stale: Map<string, string[]>) {
  const per = new Map<string, number>();
  for (const locales of stale.values()) for (const l of locales) per.set(l, (per.get(l) ?? 0) + 1);
  return [...per].map(([locale, texts]) => ({ locale, texts }));
}
