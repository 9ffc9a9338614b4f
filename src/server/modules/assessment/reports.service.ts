import { requirePermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { decide, MINIMUM_GROUP, sliceFor } from '../../shared/suppression.ts';
import * as org from '../org/org.service.ts';
import * as repo from './assessment.repo.ts';
import { type Feedback, NOT_YET } from './assessment.schemas.ts';
import { emptyStatus, requireSubject, toStatus } from './assessment.service.ts';
import { loadStandard, requireLevel, resolver, type Standard } from './assessment.standard.ts';

/** Groups smaller than this are never shown: individuals must not be identifiable. */
export { MINIMUM_GROUP };

/** The target level that applies at a unit: its own, else the nearest unit above that sets one. */
async function effectiveTarget(ctx: Ctx, unitPath: string, standard: Standard) {
  const units = await org.unitsOnPath(ctx, unitPath);
  const targets = await repo.targetsAt(
    ctx.db,
    ctx.tenantId,
    units.map((u) => u.id),
    standard.framework.lineageId,
  );
  const depthOf = new Map(units.map((u) => [u.id, u.path.length]));
  const nearest = targets
    .filter((t) => standard.rank.has(t.level_code))
    .sort((a, b) => depthOf.get(b.org_unit_id)! - depthOf.get(a.org_unit_id)!)[0];
  return nearest ? { levelCode: nearest.level_code, unitId: nearest.org_unit_id, setAt: nearest.updated_at } : null;
}

/**
 * A teacher's feedback: levels per aspect, strengths, gaps against the target level that applies
 * at their school, and for each gap the behaviour that marks the next level. The current level of
 * a competency is the confirmed one where an assessor has rated it, else the self-assessed one.
 */
export async function feedback(ctx: Ctx, personId: string, frameworkId?: string): Promise<Feedback> {
  const person = await requireSubject(ctx, personId, 'assessment.read');
  const standard = await loadStandard(ctx, frameworkId);
  const text = resolver(ctx);
  const { framework, rank } = standard;
  const statusRows = await repo.statusOf(ctx.db, ctx.tenantId, personId, framework.id);
  const status = new Map(statusRows.map((r) => [r.item_id, toStatus(r)]));
  const target = await effectiveTarget(ctx, person.org_path, standard);
  const targetRank = target ? rank.get(target.levelCode)! : null;
  const latest = await repo.latestSelfAssessment(ctx.db, ctx.tenantId, personId, framework.id);

  const rows = standard.competencies.map((c) => {
    const s = status.get(c.id) ?? emptyStatus(c.id);
    const current = s.confirmed
      ? (s.confirmedLevelCode ?? NOT_YET)
      : s.selfAssessed
        ? (s.selfLevelCode ?? NOT_YET)
        : null;
    const currentRank = current === null ? null : rank.get(current)!;
    return { item: c, status: s, current, currentRank };
  });
  const assessed = rows.filter((r) => r.currentRank !== null);
  const ranks = assessed.map((r) => r.currentRank!);
  const top = Math.max(...ranks, 0);
  const bottom = Math.min(...ranks, top);
  const isStrength = (r: (typeof rows)[number]) =>
    r.currentRank !== null && (targetRank !== null ? r.currentRank >= targetRank : r.currentRank === top && top > 0);
  const isGap = (r: (typeof rows)[number]) =>
    r.currentRank !== null &&
    r.currentRank < framework.levels.length &&
    (targetRank !== null ? r.currentRank < targetRank : r.currentRank === bottom && bottom < top);

  const mean = (values: number[]) =>
    values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 : null;
  const rankOf = (code: string | null, assessedFlag: boolean) => (assessedFlag ? rank.get(code ?? NOT_YET)! : null);
  const aspectIds = [...new Set(standard.competencies.map((c) => standard.aspectOf.get(c.id)?.id ?? ''))];

  return {
    personId,
    frameworkId: framework.id,
    submittedAt: latest?.submitted_at ?? null,
    target: target
      ? {
          levelCode: target.levelCode,
          title: text(framework.levels.find((l) => l.code === target.levelCode)!.title),
          setAt: target.setAt,
        }
      : null,
    levels: framework.levels.map((l) => ({ code: l.code, title: text(l.title) })),
    aspects: aspectIds.map((aspectId) => {
      const members = rows.filter((r) => (standard.aspectOf.get(r.item.id)?.id ?? '') === aspectId);
      const aspect = standard.aspectOf.get(members[0]!.item.id);
      const self = members.map((m) => rankOf(m.status.selfLevelCode, m.status.selfAssessed));
      const confirmed = members.map((m) => rankOf(m.status.confirmedLevelCode, m.status.confirmed));
      return {
        id: aspectId,
        code: aspect?.code ?? '',
        title: text(aspect?.title ?? framework.title),
        selfScore: mean(self.filter((v): v is number => v !== null)),
        confirmedScore: mean(confirmed.filter((v): v is number => v !== null)),
        competencies: members.map((m) => ({
          itemId: m.item.id,
          code: m.item.code,
          title: text(m.item.title),
          selfLevelCode: m.status.selfAssessed ? (m.status.selfLevelCode ?? NOT_YET) : null,
          confirmedLevelCode: m.status.confirmed ? (m.status.confirmedLevelCode ?? NOT_YET) : null,
          gap: targetRank !== null && m.currentRank !== null ? Math.max(0, targetRank - m.currentRank) : null,
        })),
      };
    }),
    strengths: rows
      .filter(isStrength)
      .map((r) => ({ itemId: r.item.id, code: r.item.code, title: text(r.item.title) })),
    gaps: rows.filter(isGap).map((r) => {
      const next = framework.levels[r.currentRank!]!;
      return {
        itemId: r.item.id,
        caseIdentifier: r.item.caseIdentifier,
        code: r.item.code,
        title: text(r.item.title),
        currentLevelCode: r.current,
        nextLevelCode: next.code,
        nextStep: text(
          standard.rubric(r.item.id, next.code) ??
            (Object.keys(next.description).length ? next.description : next.title),
        ),
      };
    }),
  };
}

/**
 * How the teachers under a unit assessed themselves, per competency: counts per level, no names.
 * Whether the unit's respondents and each competency are shown is decided over the tree
 * (`shared/suppression.ts`), as the dashboards decide it, so no two reports subtract to a few people.
 */
export async function groupReport(ctx: Ctx, unitId: string, frameworkId?: string) {
  const unit = await org.requireUnit(ctx, unitId, 'reports.read');
  const standard = await loadStandard(ctx, frameworkId);
  const text = resolver(ctx);
  const frameworkIdResolved = standard.framework.id;
  const [index, counted] = await Promise.all([org.unitIndex(ctx), org.getUnit(ctx, unitId)]);
  const slice = sliceFor(index, unit.id, false);
  const pathOf = new Map(index.map((u) => [u.id, u.path]));
  const figures = new Map(
    await Promise.all(
      slice.units.map(async (id) => {
        const roots = [pathOf.get(id)!];
        const [respondents, levels] = await Promise.all([
          repo.respondentsUnder(ctx.db, ctx.tenantId, roots, frameworkIdResolved),
          repo.selfLevelsUnder(ctx.db, ctx.tenantId, roots, frameworkIdResolved),
        ]);
        return [id, { respondents, levels }] as const;
      }),
    ),
  );
  const selfAssessedIn = (id: string, itemId: string) =>
    figures.get(id)!.levels.reduce((n, r) => n + (r.item_id === itemId ? Number(r.n) : 0), 0);
  const suppressed = decide(slice, { sizes: ['respondents'], size: (id) => figures.get(id)!.respondents }).units.has(
    unitId,
  );
  const { respondents, levels: levelCounts } = figures.get(unitId)!;
  return {
    unitId,
    frameworkId: frameworkIdResolved,
    minimumGroup: MINIMUM_GROUP,
    teachers: counted.teachersUnder,
    respondents: suppressed ? null : respondents,
    suppressed,
    levels: standard.framework.levels.map((l) => ({ code: l.code, title: text(l.title) })),
    competencies: standard.competencies.map((c) => {
      const rows = levelCounts.filter((r) => r.item_id === c.id);
      const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
      // The same sizes as the self-assessed dashboard's and indicators' figures of this competency.
      const hidden =
        suppressed ||
        decide(slice, { sizes: [`c:${c.id}:self`], size: (id) => selfAssessedIn(id, c.id) }).units.has(unitId);
      const aspect = standard.aspectOf.get(c.id);
      return {
        itemId: c.id,
        code: c.code,
        title: text(c.title),
        aspectTitle: text(aspect?.title ?? standard.framework.title),
        respondents: hidden ? null : total,
        suppressed: hidden,
        distribution: hidden ? {} : Object.fromEntries(rows.map((r) => [r.self_level_code ?? NOT_YET, Number(r.n)])),
      };
    }),
  };
}

export async function getTarget(ctx: Ctx, unitId: string, frameworkId: string) {
  const unit = await org.requireUnit(ctx, unitId);
  const standard = await loadStandard(ctx, frameworkId);
  const target = await effectiveTarget(ctx, unit.path, standard);
  return { unitId, frameworkId, levelCode: target?.levelCode ?? null, setAtUnitId: target?.unitId ?? null };
}

/** Sets the level teachers under a unit should reach in a standard (all its versions). */
export async function setTarget(ctx: Ctx, unitId: string, frameworkId: string, levelCode: string) {
  const unit = await org.requireUnit(ctx, unitId);
  requirePermissionAt(ctx, 'targets.write', unit.path);
  const standard = await loadStandard(ctx, frameworkId);
  if (levelCode === NOT_YET)
    throw new AppError('unknown_level', 'A target is one of the standard’s levels.', { field: 'body.levelCode' });
  requireLevel(standard, levelCode, 'body.levelCode');
  await inTransaction(ctx, async (tx) => {
    const row = {
      tenant_id: tx.tenantId,
      org_unit_id: unitId,
      lineage_id: standard.framework.lineageId,
      level_code: levelCode,
      updated_at: nowIso(),
    };
    await repo.putTarget(tx.db, row);
    await recordAudit(tx.db, tx, 'level_target.set', { type: 'org_unit', id: unitId }, null, row);
  });
  return getTarget(ctx, unitId, frameworkId);
}
