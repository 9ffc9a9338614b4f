import { hasPermissionAt, scopePaths } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';

/**
 * Where the actor may schedule and manage training: institutions in their training.manage scope,
 * and institutions that serve it (those attached to a unit above it, such as the region's teacher
 * college for a district officer).
 */
export function canManageAt(ctx: Ctx, hostPath: string): boolean {
  if (hasPermissionAt(ctx, 'training.manage', hostPath)) return true;
  const parent = hostPath.slice(0, hostPath.slice(0, -1).lastIndexOf('/') + 1);
  return parent !== '' && scopePaths(ctx, 'training.manage').some((root) => root.startsWith(parent));
}
