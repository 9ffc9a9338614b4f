import { z } from 'zod';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { LocalizedTextSchema } from '../../shared/text.ts';
import * as repo from './frameworks.repo.ts';
import type { FrameworkDetail } from './frameworks.schemas.ts';
import { getFramework, requireWriter } from './frameworks.service.ts';

/** Crosswalks: item-to-item associations between two frameworks, e.g. a national standard and a reference. */

export const RELATIONS = ['exact_match', 'broader', 'narrower', 'related'] as const;

export const LinkBody = z.strictObject({
  fromItemId: z.string().min(1),
  toItemId: z.string().min(1),
  relation: z.enum(RELATIONS),
});
export const CrosswalkParams = z.object({ frameworkId: z.string().min(1), otherId: z.string().min(1) });
export const LinkParams = CrosswalkParams.extend({ linkId: z.string().min(1) });

const Side = z.object({
  frameworkId: z.string(),
  mapped: z.number().int(),
  total: z.number().int(),
  share: z.number(),
});
const LinkedItem = z.object({ id: z.string(), code: z.string(), title: LocalizedTextSchema });
export const Link = z.object({ id: z.string(), relation: z.enum(RELATIONS), from: LinkedItem, to: LinkedItem });
export const Crosswalk = z.object({ links: z.array(Link), coverage: z.object({ from: Side, to: Side }) });

type LinkRow = repo.CrosswalkLinkRow;

/**
 * Coverage counts the items that carry competencies (competencies and indicators); aspects only
 * group them and are rarely mapped, so counting them would understate coverage.
 */
function coverage(fw: FrameworkDetail, mappedIds: Set<string>) {
  const counted = fw.items.filter((i) => i.type !== 'aspect');
  const mapped = counted.filter((i) => mappedIds.has(i.id)).length;
  return { frameworkId: fw.id, mapped, total: counted.length, share: counted.length ? mapped / counted.length : 0 };
}

const INVERSE: Record<string, (typeof RELATIONS)[number]> = {
  exact_match: 'exact_match',
  broader: 'narrower',
  narrower: 'broader',
  related: 'related',
};

/**
 * The links between two frameworks seen from `fromId`, whichever side they were made from: a link
 * stored the other way round is turned around (broader becomes narrower).
 */
async function linksBetween(ctx: Ctx, fromId: string, toId: string): Promise<LinkRow[]> {
  const [forward, backward] = [
    await repo.crosswalkLinks(ctx.db, ctx.tenantId, fromId, toId),
    await repo.crosswalkLinks(ctx.db, ctx.tenantId, toId, fromId),
  ];
  return [
    ...forward,
    ...backward.map((r) => ({
      ...r,
      from_framework_id: fromId,
      from_item_id: r.to_item_id,
      to_framework_id: toId,
      to_item_id: r.from_item_id,
      relation: INVERSE[r.relation]!,
    })),
  ].sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export async function getCrosswalk(ctx: Ctx, fromId: string, toId: string) {
  const [from, to] = [await getFramework(ctx, fromId), await getFramework(ctx, toId)];
  const rows = await linksBetween(ctx, fromId, toId);
  const fromItems = new Map(from.items.map((i) => [i.id, i]));
  const toItems = new Map(to.items.map((i) => [i.id, i]));
  const view = (i: { id: string; code: string; title: Record<string, string> }) => ({
    id: i.id,
    code: i.code,
    title: i.title,
  });
  return {
    links: rows.map((r: LinkRow) => ({
      id: r.id,
      relation: r.relation as (typeof RELATIONS)[number],
      from: view(fromItems.get(r.from_item_id)!),
      to: view(toItems.get(r.to_item_id)!),
    })),
    coverage: {
      from: coverage(from, new Set(rows.map((r) => r.from_item_id))),
      to: coverage(to, new Set(rows.map((r) => r.to_item_id))),
    },
  };
}

export async function addLink(ctx: Ctx, fromId: string, toId: string, input: z.infer<typeof LinkBody>) {
  await requireWriter(ctx);
  if (fromId === toId)
    throw new AppError('validation_failed', 'A crosswalk maps two different frameworks.', { field: 'otherId' });
  await inTransaction(ctx, async (tx) => {
    const [from, to] = [await getFramework(tx, fromId), await getFramework(tx, toId)];
    if (!from.items.some((i) => i.id === input.fromItemId)) throw notFound('framework_item', input.fromItemId);
    if (!to.items.some((i) => i.id === input.toItemId)) throw notFound('framework_item', input.toItemId);
    const existing = await linksBetween(tx, fromId, toId);
    if (existing.some((l) => l.from_item_id === input.fromItemId && l.to_item_id === input.toItemId)) {
      throw new AppError('conflict', 'These two items are already mapped; remove the link to change its relation.', {
        field: 'toItemId',
      });
    }
    const row: LinkRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      from_framework_id: fromId,
      from_item_id: input.fromItemId,
      to_framework_id: toId,
      to_item_id: input.toItemId,
      relation: input.relation,
      created_at: nowIso(),
    };
    await repo.insertCrosswalkLink(tx.db, row);
    await recordAudit(tx.db, tx, 'crosswalk.link', { type: 'crosswalk_link', id: row.id }, null, input);
  });
  return getCrosswalk(ctx, fromId, toId);
}

export async function removeLink(ctx: Ctx, fromId: string, toId: string, linkId: string) {
  await requireWriter(ctx);
  await inTransaction(ctx, async (tx) => {
    const link = (await linksBetween(tx, fromId, toId)).find((l) => l.id === linkId);
    if (!link) throw notFound('crosswalk_link', linkId);
    await repo.deleteCrosswalkLink(tx.db, tx.tenantId, linkId);
    await recordAudit(tx.db, tx, 'crosswalk.unlink', { type: 'crosswalk_link', id: linkId }, link, null);
  });
  return getCrosswalk(ctx, fromId, toId);
}
