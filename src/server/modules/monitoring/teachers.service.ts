import { hasPermissionAt, requirePermissionAt } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { NOT_YET } from '../assessment/assessment.constants.ts';
import { statusFor } from '../assessment/assessment.repo.ts';
import { loadStandard, resolver } from '../assessment/assessment.standard.ts';
import { getTarget } from '../assessment/reports.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import type { TeacherLevels, TeacherLevelsQuery } from './monitoring.schemas.ts';

/** Whether the reader may see the unit's teachers by name: those who work with them, not officers. */
export function individualsVisible(ctx: Ctx, unitPath: string): boolean {
  return hasPermissionAt(ctx, 'assessment.read', unitPath);
}

/**
 * The end of the drill-down: the teachers placed in a unit, by name, with their level in each
 * competency of the standard (confirmed or self-assessed) and how many are at the unit's target.
 * Needs `assessment.read` over the unit; an officer, who sees group figures only, is refused.
 */
export async function teacherLevels(ctx: Ctx, query: TeacherLevelsQuery): Promise<TeacherLevels> {
  const unit = await org.requireUnit(ctx, query.unitId, 'reports.read');
  requirePermissionAt(ctx, 'assessment.read', unit.path);
  const standard = await loadStandard(ctx, query.frameworkId);
  const frameworkId = standard.framework.id;
  const target = await getTarget(ctx, unit.id, frameworkId);
  const targetCode = target.levelCode ?? standard.framework.levels[0]!.code;
  const targetRank = standard.rank.get(targetCode)!;
  const page = await people.listPeople(ctx, {
    unitId: unit.id,
    category: 'teacher',
    cursor: query.cursor,
    limit: query.limit,
  });
  // listPeople reads the subtree; the drill-down's last step is the teachers placed in the unit itself.
  const teachers = page.items.filter((p) => p.orgUnitId === unit.id);
  const competencyIds = standard.competencies.map((c) => c.id);
  const rows = await statusFor(
    ctx.db,
    ctx.tenantId,
    teachers.map((p) => p.id),
    competencyIds,
  );
  const levelOf = new Map<string, string>();
  for (const r of rows) {
    const [event, level] =
      query.basis === 'self' ? [r.self_event_id, r.self_level_code] : [r.confirmed_event_id, r.confirmed_level_code];
    if (event) levelOf.set(`${r.person_id}|${r.item_id}`, level ?? NOT_YET);
  }
  return {
    unit: { id: unit.id, name: resolver(ctx)(JSON.parse(unit.name)) },
    frameworkId,
    basis: query.basis,
    targetLevelCode: targetCode,
    teachers: teachers.map((p) => {
      const levels = competencyIds.map((id) => levelOf.get(`${p.id}|${id}`) ?? null);
      return {
        personId: p.id,
        name: `${p.givenName} ${p.familyName}`,
        nationalId: p.nationalId,
        levels,
        atTarget: levels.filter((l) => l !== null && (standard.rank.get(l) ?? -1) >= targetRank).length,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
