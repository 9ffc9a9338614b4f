import {
  hasPermissionAt,
  type Permission,
  requirePermissionAt,
  requireReadable,
  scopePaths,
} from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as repo from './org.repo.ts';
import type { CreateUnitInput, OrgUnit, OrgUnitWithCounts, Tenant, UpdateUnitInput } from './org.schemas.ts';

export type { UnitRow } from './org.repo.ts';

const unitNotFound = (id: string) => () => notFound('org_unit', id);

export async function getTenant(ctx: Ctx): Promise<Tenant> {
  const row = await repo.getTenant(ctx.db, ctx.tenantId);
  if (!row) throw notFound('tenant', ctx.tenantId);
  return toTenant(row);
}

export function toTenant(row: repo.TenantRow): Tenant {
  return {
    id: row.id,
    code: row.code,
    name: JSON.parse(row.name),
    defaultLocale: row.default_locale,
    locales: JSON.parse(row.locales),
    levelNames: JSON.parse(row.level_names),
    country: row.country,
    kind: row.kind,
  };
}

function toUnit(ctx: Ctx, row: repo.UnitRow, levelNames: LocalizedText[]): OrgUnit {
  const name = JSON.parse(row.name) as LocalizedText;
  const level = levelNames[row.depth];
  return {
    id: row.id,
    parentId: row.parent_id,
    type: row.type as OrgUnit['type'],
    levelName: level ? resolveText(level, ctx.locale, ctx.defaultLocale).text : null,
    code: row.code,
    name,
    displayName: resolveText(name, ctx.locale, ctx.defaultLocale),
    locality: row.locality as OrgUnit['locality'],
    depth: row.depth,
    path: row.path,
    updatedAt: row.updated_at,
  };
}

async function withCounts(ctx: Ctx, rows: repo.UnitRow[], known?: Tenant): Promise<OrgUnitWithCounts[]> {
  const tenant = known ?? (await getTenant(ctx));
  const counts = await repo.countsUnder(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const c = counts.get(row.id);
    return {
      ...toUnit(ctx, row, tenant.levelNames),
      schoolsUnder: c?.schoolsUnder ?? 0,
      teachersUnder: c?.teachersUnder ?? 0,
      childCount: c?.childCount ?? 0,
    };
  });
}

/** A unit the actor may see with `permission`; otherwise "not found". */
export async function requireUnit(
  ctx: Ctx,
  unitId: string,
  permission: Permission = 'org.read',
): Promise<repo.UnitRow> {
  const row = await repo.getUnit(ctx.db, ctx.tenantId, unitId);
  if (!row) throw notFound('org_unit', unitId);
  requireReadable(ctx, permission, row.path, unitNotFound(unitId));
  return row;
}

export async function getUnit(ctx: Ctx, unitId: string) {
  const row = await requireUnit(ctx, unitId);
  const tenant = await getTenant(ctx);
  const [unit] = await withCounts(ctx, [row], tenant);
  const ancestorPaths = ancestorPathsOf(row.path).filter((p) => hasPermissionAt(ctx, 'org.read', p));
  const ancestors = await repo.getUnitsByPaths(ctx.db, ctx.tenantId, ancestorPaths);
  return { ...unit!, ancestors: ancestors.map((a) => toUnit(ctx, a, tenant.levelNames)) };
}

/** A unit and its direct children as plain units (no subtree counts: callers that have figures of their own). */
export async function unitWithChildren(ctx: Ctx, unitId: string, permission: Permission) {
  const unit = await requireUnit(ctx, unitId, permission);
  const [tenant, children] = await Promise.all([getTenant(ctx), repo.listChildren(ctx.db, ctx.tenantId, unitId, 5000)]);
  return {
    unit: toUnit(ctx, unit, tenant.levelNames),
    children: children.map((c) => toUnit(ctx, c, tenant.levelNames)),
  };
}

/** The unit at `path` and every unit above it, top first (no scope check: for rules that inherit downwards). */
export function unitsOnPath(ctx: Ctx, path: string): Promise<repo.UnitRow[]> {
  return repo.getUnitsByPaths(ctx.db, ctx.tenantId, [...ancestorPathsOf(path), path]);
}

/** '/1/4/9/' -> ['/1/', '/1/4/'] */
export function ancestorPathsOf(path: string): string[] {
  const keys = path.split('/').filter(Boolean);
  return keys.slice(0, -1).map((_, i) => `/${keys.slice(0, i + 1).join('/')}/`);
}

export async function listUnits(
  ctx: Ctx,
  query: { parentId?: string | undefined; q?: string | undefined; type?: string | undefined; limit: number },
): Promise<OrgUnitWithCounts[]> {
  if (query.q || query.type) {
    const roots = query.parentId ? [(await requireUnit(ctx, query.parentId)).path] : scopePaths(ctx, 'org.read');
    return withCounts(ctx, await repo.searchUnits(ctx.db, ctx.tenantId, roots, query, query.limit));
  }
  if (query.parentId) {
    await requireUnit(ctx, query.parentId);
    return withCounts(ctx, await repo.listChildren(ctx.db, ctx.tenantId, query.parentId, query.limit));
  }
  const roots = scopePaths(ctx, 'org.read');
  if (ctx.actor.system) return withCounts(ctx, await repo.searchUnits(ctx.db, ctx.tenantId, roots, {}, 1));
  return withCounts(ctx, await repo.getUnitsByPaths(ctx.db, ctx.tenantId, roots));
}

export async function createUnit(ctx: Ctx, input: CreateUnitInput): Promise<OrgUnit> {
  return inTransaction(ctx, async (tx) => {
    let parent: repo.UnitRow | undefined;
    if (input.parentId) {
      parent = await requireUnit(tx, input.parentId);
      requirePermissionAt(tx, 'org.write', parent.path);
    } else if (!tx.actor.system && !hasPermissionAt(tx, 'org.write', '/')) {
      throw new AppError('forbidden', 'Only an administrator of the whole tenant may create a top-level unit.');
    }
    if (input.code) await requireFreeCode(tx, input.code);
    const key = await repo.reservePathKeys(tx.db, tx.tenantId, 1);
    const at = nowIso();
    const row: repo.UnitRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      parent_id: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${key.toString(36)}/`,
      depth: parent ? parent.depth + 1 : 0,
      type: input.type,
      code: input.code ?? null,
      name: JSON.stringify(input.name),
      locality: input.locality ?? null,
      teacher_count: 0,
      created_at: at,
      updated_at: at,
    };
    await repo.insertUnit(tx.db, row);
    await unitAdded.emit(tx, { unit: row });
    await recordAudit(tx.db, tx, 'org_unit.create', { type: 'org_unit', id: row.id }, null, auditView(row));
    const tenant = await getTenant(tx);
    return toUnit(tx, row, tenant.levelNames);
  });
}

async function requireFreeCode(ctx: Ctx, code: string, exceptId?: string) {
  const holder = await repo.findUnitByCode(ctx.db, ctx.tenantId, code);
  if (holder && holder.id !== exceptId) {
    throw new AppError('duplicate_external_id', `Another org unit already has code ${code}.`, { field: 'code', code });
  }
}

function auditView(row: repo.UnitRow) {
  return {
    parentId: row.parent_id,
    path: row.path,
    type: row.type,
    code: row.code,
    name: JSON.parse(row.name),
    locality: row.locality,
  };
}

export async function updateUnit(ctx: Ctx, unitId: string, input: UpdateUnitInput): Promise<OrgUnit> {
  return inTransaction(ctx, async (tx) => {
    const before = await requireUnit(tx, unitId);
    requirePermissionAt(tx, 'org.write', before.path);
    if (input.code) await requireFreeCode(tx, input.code, unitId);
    const patch = {
      ...(input.type !== undefined ? { type: input.type } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
      ...(input.name !== undefined ? { name: JSON.stringify(input.name) } : {}),
      ...(input.locality !== undefined ? { locality: input.locality } : {}),
      updated_at: nowIso(),
    };
    await repo.updateUnit(tx.db, tx.tenantId, unitId, patch);
    const after = { ...before, ...patch };
    if (after.type !== before.type || after.locality !== before.locality)
      await unitRelabelled.emit(tx, {
        unitId,
        path: before.path,
        before: { type: before.type, locality: before.locality },
        after: { type: after.type, locality: after.locality },
      });
    await recordAudit(
      tx.db,
      tx,
      'org_unit.update',
      { type: 'org_unit', id: unitId },
      auditView(before),
      auditView(after),
    );
    const tenant = await getTenant(tx);
    return toUnit(tx, after, tenant.levelNames);
  });
}

export async function moveUnit(ctx: Ctx, unitId: string, newParentId: string): Promise<OrgUnit> {
  return inTransaction(ctx, async (tx) => {
    const unit = await requireUnit(tx, unitId);
    const newParent = await requireUnit(tx, newParentId);
    if (!unit.parent_id) throw new AppError('tree_cycle', 'The top unit of the tree cannot be moved.', { unitId });
    requirePermissionAt(tx, 'org.write', unit.path);
    requirePermissionAt(tx, 'org.write', newParent.path);
    if (newParent.path.startsWith(unit.path)) {
      throw new AppError('tree_cycle', 'A unit cannot be moved under itself or one of its own descendants.', {
        field: 'parentId',
        unitId,
        parentId: newParentId,
      });
    }
    await reparentUnit(tx, unit, newParent);
    const after = (await repo.getUnit(tx.db, tx.tenantId, unitId))!;
    await recordAudit(tx.db, tx, 'org_unit.move', { type: 'org_unit', id: unitId }, auditView(unit), auditView(after));
    const tenant = await getTenant(tx);
    return toUnit(tx, after, tenant.levelNames);
  });
}

export async function unitHistory(ctx: Ctx, unitId: string) {
  await requireUnit(ctx, unitId);
  const rows = await repo.unitHistory(ctx.db, ctx.tenantId, unitId);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    actorAccountId: r.actor_account_id,
    before: r.before_json ? JSON.parse(r.before_json) : null,
    after: r.after_json ? JSON.parse(r.after_json) : null,
  }));
}

/** The unit a readable person sits in, as the person page shows it (name and level). */
export async function requireUnitForPerson(ctx: Ctx, unitId: string): Promise<OrgUnit> {
  const row = await repo.getUnit(ctx.db, ctx.tenantId, unitId);
  if (!row) throw notFound('org_unit', unitId);
  const tenant = await getTenant(ctx);
  return toUnit(ctx, row, tenant.levelNames);
}

export async function adjustTeacherCount(ctx: Ctx, unitId: string, delta: number): Promise<void> {
  await repo.adjustTeacherCount(ctx.db, ctx.tenantId, unitId, delta);
}

export interface NewTenant {
  code: string;
  name: LocalizedText;
  defaultLocale: string;
  locales: string[];
  levelNames: LocalizedText[];
  root: { type: OrgUnit['type']; code: string; name: LocalizedText };
  /** ISO 3166-1 alpha-2 of the country, when the tenant is one. */
  country?: string | null;
  /** A regional office compares countries; it has no teachers of its own. */
  kind?: 'country' | 'regional';
}

/** Creates a tenant with the top unit of its tree. Done by the operator (CLI), never over HTTP. */
export async function createTenant(
  ctx: Omit<Ctx, 'tenantId'>,
  input: NewTenant,
): Promise<{ tenant: Tenant; root: OrgUnit }> {
  const tenantId = newId();
  return inTransaction({ ...ctx, tenantId }, async (tx) => {
    if (await repo.getTenantByCode(tx.db, input.code)) {
      throw new AppError('conflict', `A tenant with code ${input.code} exists.`, { field: 'code' });
    }
    await repo.insertTenant(tx.db, {
      id: tenantId,
      code: input.code,
      name: JSON.stringify(input.name),
      default_locale: input.defaultLocale,
      locales: JSON.stringify(input.locales),
      level_names: JSON.stringify(input.levelNames),
      unit_seq: 0,
      created_at: nowIso(),
      country: input.country ?? null,
      kind: input.kind ?? 'country',
    });
    const root = await createUnit({ ...tx, defaultLocale: input.defaultLocale }, { parentId: null, ...input.root });
    return { tenant: await getTenant(tx), root };
  });
}

export async function findTenantByCode(ctx: Omit<Ctx, 'tenantId'>, code: string): Promise<Tenant | undefined> {
  const row = await repo.getTenantByCode(ctx.db, code);
  return row ? toTenant(row) : undefined;
}

export async function listTenants(ctx: Omit<Ctx, 'tenantId'>): Promise<Tenant[]> {
  return (await repo.listTenants(ctx.db)).map(toTenant);
}

/** Bulk load of prepared unit rows (demo, roster import). Paths must already be allocated. */
export async function insertUnitRows(ctx: Ctx, rows: repo.UnitRow[]): Promise<void> {
  await repo.insertUnits(ctx.db, rows);
}

export async function reservePathKeys(ctx: Ctx, n: number): Promise<number> {
  return repo.reservePathKeys(ctx.db, ctx.tenantId, n);
}

export async function recountTeachers(ctx: Ctx): Promise<void> {
  await repo.recountTeachers(ctx.db, ctx.tenantId);
}

export async function findUnitByCode(ctx: Ctx, code: string): Promise<repo.UnitRow> {
  const row = await repo.findUnitByCode(ctx.db, ctx.tenantId, code);
  if (!row || !hasPermissionAt(ctx, 'org.read', row.path)) {
    throw new AppError('org_unit_not_found', `No org unit with code ${code}.`, { code });
  }
  return row;
}

export type UnitIndexEntry = Awaited<ReturnType<typeof repo.allUnits>>[number];

export function unitIndex(ctx: Ctx): Promise<UnitIndexEntry[]> {
  return repo.allUnits(ctx.db, ctx.tenantId);
}

/** Applies an imported row's changes to an existing unit (no scope check: the import made it). */
export async function applyUnitChanges(
  ctx: Ctx,
  unitId: string,
  patch: { type: string; name: string; locality: string | null },
): Promise<void> {
  await repo.updateUnit(ctx.db, ctx.tenantId, unitId, { ...patch, updated_at: nowIso() });
}

/** A unit was created on its own (bulk loads announce `unitsLoaded` instead). */
export const unitAdded = domainEvent<{ unit: repo.UnitRow }>();

/** A unit's type or urban/rural locality changed: what it counts as a place of work may have changed. */
export const unitRelabelled = domainEvent<{
  unitId: string;
  path: string;
  before: { type: string; locality: string | null };
  after: { type: string; locality: string | null };
}>();

/** Units were loaded or changed in bulk (an org import, the demo): projections over the tree are recounted. */
export const unitsLoaded = domainEvent<Record<string, never>>();

/** A unit moved with its subtree (its id stays, its ancestors change); projections over ancestors follow. */
export const subtreeMoved = domainEvent<{ unitId: string; fromPath: string; toPath: string }>();

/** Re-parents a unit whose checks the caller has made; paths of the subtree and its people follow. */
export async function reparentUnit(
  ctx: Ctx,
  unit: { id: string; path: string; depth: number },
  parent: { id: string; path: string; depth: number },
) {
  const key = unit.path.split('/').at(-2)!;
  const newPath = `${parent.path}${key}/`;
  await repo.setParent(ctx.db, ctx.tenantId, unit.id, parent.id);
  await repo.rewriteSubtreePaths(ctx.db, ctx.tenantId, unit.path, newPath, parent.depth + 1 - unit.depth, nowIso());
  await subtreeMoved.emit(ctx, { unitId: unit.id, fromPath: unit.path, toPath: newPath });
  return newPath;
}

/** The path of the tenant's top unit: national things (standards, the audit log) need permissions there. */
export async function topUnitPath(ctx: Ctx): Promise<string> {
  const top = await repo.topUnit(ctx.db, ctx.tenantId);
  if (!top) throw notFound('org_unit', 'top');
  return top.path;
}
