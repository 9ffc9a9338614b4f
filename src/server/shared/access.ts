import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';

export const ROLES = [
  'admin',
  'ministry_officer',
  'regional_officer',
  'district_officer',
  'school_leader',
  'teacher',
  'trainer',
  'assessor',
  'translator',
  // A regional office's staff (a tenant of kind 'regional'): they read countries' shared aggregates, nothing else.
  'regional_analyst',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'org.read',
  'org.write',
  'people.read',
  'people.write',
  'accounts.manage',
  'audit.read',
  'import.run',
  'frameworks.write',
  'assessment.read',
  'assessment.rate',
  'assessment.observe',
  'reports.read',
  'targets.write',
  'training.catalogue',
  'training.manage',
  'training.nominate',
  'plans.agree',
  'indicators.write',
  'recognition.manage',
  'recognition.approve',
  'practice.manage',
  'surveys.manage',
  'community.moderate',
  'community.competitions.manage',
  'translations.translate',
  'translations.review',
  'sharing.manage',
  'regional.read',
  'exchange.import',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What each role may do. A role assigned at an org unit applies to that unit's whole subtree. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  ministry_officer: [
    'org.read',
    'org.write',
    'people.read',
    'people.write',
    'audit.read',
    'import.run',
    'frameworks.write',
    'reports.read',
    'targets.write',
    'training.catalogue',
    'training.manage',
    'indicators.write',
    'recognition.manage',
    'recognition.approve',
    'practice.manage',
    'surveys.manage',
    'community.moderate',
    'community.competitions.manage',
    'translations.translate',
    'translations.review',
    // Data-sharing agreements are the ministry's: granted at the national root only (see regional/agreements).
    'sharing.manage',
  ],
  regional_officer: [
    'org.read',
    'people.read',
    'audit.read',
    'reports.read',
    'targets.write',
    'training.manage',
    'practice.manage',
    'surveys.manage',
    'community.moderate',
  ],
  district_officer: [
    'org.read',
    'org.write',
    'people.read',
    'people.write',
    'import.run',
    'reports.read',
    'targets.write',
    'training.manage',
    'training.nominate',
    'practice.manage',
    'surveys.manage',
    'community.moderate',
  ],
  // Individual ratings are seen by those who work with the teacher, not by officers, who see group figures.
  school_leader: [
    'org.read',
    'people.read',
    'people.write',
    'assessment.read',
    'assessment.observe',
    'reports.read',
    'targets.write',
    'training.nominate',
    'plans.agree',
    'practice.manage',
  ],
  trainer: ['org.read', 'people.read', 'assessment.read', 'assessment.observe'],
  assessor: [
    'org.read',
    'people.read',
    'assessment.read',
    'assessment.rate',
    'assessment.observe',
    'recognition.approve',
  ],
  // Limited further to the languages given to the account (translator_language).
  translator: ['org.read', 'translations.translate'],
  teacher: ['org.read'],
  // Never people.read or reports.read: a regional office sees countries only through shared aggregates.
  // exchange.import: loading countries' signed aggregate packages (whose signers the operator trusts).
  regional_analyst: ['org.read', 'regional.read', 'exchange.import'],
};

export interface Grant {
  role: Role;
  orgUnitId: string;
  orgUnitPath: string;
}

const WHOLE_TENANT = '/';

/** Smallest set of subtree roots (paths) where the actor holds the permission. */
export function scopePaths(ctx: Ctx, permission: Permission): string[] {
  if (ctx.actor.system) return [WHOLE_TENANT];
  const paths = ctx.actor.grants
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission))
    .map((g) => g.orgUnitPath)
    .sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

export function hasPermissionAt(ctx: Ctx, permission: Permission, path: string): boolean {
  return scopePaths(ctx, permission).some((root) => path.startsWith(root));
}

export function hasPermissionAnywhere(ctx: Ctx, permission: Permission): boolean {
  return scopePaths(ctx, permission).length > 0;
}

/** Paths are '/'-delimited: every path in the subtree of `prefix` sorts in [prefix, upper). */
export function subtreeUpperBound(prefix: string): string {
  return `${prefix.slice(0, -1)}0`;
}

/**
 * A WHERE clause keeping rows whose path column lies under any of `roots`.
 * Each root is one indexed range scan, never a LIKE.
 */
export function pathUnder<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  roots: string[],
): ExpressionWrapper<DB, TB, SqlBool> {
  const ref = eb.ref(column as never);
  if (roots.length === 0) return eb.lit(false) as never;
  return eb.or(
    roots.map((root) => eb.and([eb(ref, '>=', root as never), eb(ref, '<', subtreeUpperBound(root) as never)])),
  );
}

/** Reads outside the actor's scope answer "not found": existence is not leaked. */
export function requireReadable(ctx: Ctx, permission: Permission, path: string, notFound: () => AppError): void {
  if (!hasPermissionAt(ctx, permission, path)) throw notFound();
}

/** A write the actor can see but may not make. */
export function requirePermissionAt(ctx: Ctx, permission: Permission, path: string): void {
  if (!hasPermissionAt(ctx, permission, path)) {
    throw new AppError('forbidden', `You may not do this here (needs ${permission}).`, { permission });
  }
}

/** Subtree roots where the actor holds every one of `permissions` (an intersection of scopes). */
export function scopePathsForAll(ctx: Ctx, permissions: Permission[]): string[] {
  const sets = permissions.map((p) => scopePaths(ctx, p));
  const candidates = [...new Set(sets.flat())].sort();
  const inAll = candidates.filter((path) => sets.every((roots) => roots.some((root) => path.startsWith(root))));
  return inAll.filter((p, i) => !inAll.slice(0, i).some((q) => p.startsWith(q)));
}

/** The actor's subtree roots for `permission`; a permission held nowhere is "forbidden", not an empty list. */
export function requireScope(ctx: Ctx, permission: Permission): string[] {
  const roots = scopePaths(ctx, permission);
  if (roots.length === 0) throw new AppError('forbidden', `Your roles do not include ${permission}.`, { permission });
  return roots;
}
