import { hasPermissionAt, requireScope } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { loadStandard, resolver } from '../assessment/assessment.standard.ts';
import { getTarget, MINIMUM_GROUP } from '../assessment/reports.service.ts';
import type { OrgUnit } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import * as repo from './monitoring.repo.ts';
import type { Dashboard, DashboardQuery, DashboardRow } from './monitoring.schemas.ts';

const LEAF_TYPES = new Set(['school', 'tei', 'resource_centre']);

/**
 * Where the gap between policy and classroom is: for a unit and each unit directly below it, the
 * share of teachers at or above the target level in each competency. Read from the live aggregates
 * only; any group under the minimum size shows no figure at all.
 */
export async function competencyDashboard(ctx: Ctx, query: DashboardQuery): Promise<Dashboard> {
  const unitId = query.unitId ?? (await topOfScope(ctx));
  const { unit, children } = await org.unitWithChildren(ctx, unitId, 'reports.read');
  const standard = await loadStandard(ctx, query.frameworkId);
  const text = resolver(ctx);
  const frameworkId = standard.framework.id;
  const target = await getTarget(ctx, unitId, frameworkId);
  const targetCode = target.levelCode ?? standard.framework.levels[0]!.code;
  const targetRank = standard.rank.get(targetCode)!;
  const units = [unit, ...children];
  const ids = units.map((u) => u.id);
  const [competencyRows, teacherRows, above] = await Promise.all([
    repo.competencyCountsOf(ctx.db, ctx.tenantId, ids, frameworkId),
    repo.teacherCountsOf(ctx.db, ctx.tenantId, ids),
    org.unitsOnPath(ctx, unit.path),
  ]);
  const inGroup = (r: { sex: string }) => !query.sex || r.sex === query.sex;
  const counted = competencyRows.filter((r) => r.basis === query.basis && inGroup(r));
  const competencyIds = standard.competencies.map((c) => c.id);

  const row = (u: OrgUnit): DashboardRow => {
    const teachers = teacherRows.filter((r) => r.unit_id === u.id && inGroup(r)).reduce((n, r) => n + r.teachers, 0);
    const mine = counted.filter((r) => r.unit_id === u.id);
    const suppressed = teachers < MINIMUM_GROUP;
    const perItem = competencyIds.map((itemId) => {
      const rows = mine.filter((r) => r.item_id === itemId);
      return {
        itemId,
        assessed: rows.reduce((n, r) => n + r.teachers, 0),
        atTarget: rows
          .filter((r) => (standard.rank.get(r.level_code) ?? -1) >= targetRank)
          .reduce((n, r) => n + r.teachers, 0),
      };
    });
    const shares = perItem.map((c) => (teachers ? c.atTarget / teachers : 0));
    return {
      unitId: u.id,
      name: u.displayName,
      type: u.type,
      hasChildren: !LEAF_TYPES.has(u.type),
      teachers: suppressed ? null : teachers,
      assessed: suppressed ? null : Math.max(0, ...perItem.map((c) => c.assessed)),
      suppressed,
      meanShare: suppressed || shares.length === 0 ? null : shares.reduce((a, b) => a + b, 0) / shares.length,
      cells: perItem.map((c, i) => ({
        itemId: c.itemId,
        atTarget: suppressed ? null : c.atTarget,
        share: suppressed ? null : shares[i]!,
      })),
    };
  };

  return {
    unit: row(unit),
    ancestors: above
      .filter((a) => a.id !== unit.id && hasPermissionAt(ctx, 'reports.read', a.path))
      .map((a) => ({ id: a.id, name: text(JSON.parse(a.name)) })),
    frameworkId,
    basis: query.basis,
    sex: query.sex ?? null,
    minimumGroup: MINIMUM_GROUP,
    target: {
      levelCode: targetCode,
      title: text(standard.framework.levels.find((l) => l.code === targetCode)!.title),
      setByUnit: target.levelCode !== null,
    },
    levels: standard.framework.levels.map((l) => ({ code: l.code, title: text(l.title) })),
    competencies: standard.competencies.map((c) => {
      const aspect = standard.aspectOf.get(c.id);
      return {
        itemId: c.id,
        code: c.code,
        title: text(c.title),
        aspectCode: aspect?.code ?? '',
        aspectTitle: text(aspect?.title ?? standard.framework.title),
      };
    }),
    rows: children.map(row),
  };
}

/** The unit at the top of the actor's reporting scope. */
async function topOfScope(ctx: Ctx): Promise<string> {
  const [root] = requireScope(ctx, 'reports.read');
  const units = await org.unitsOnPath(ctx, root!);
  return units.at(-1)!.id;
}
