import * as ledger from '../server/modules/assessment/assessment.repo.ts';
import * as org from '../server/modules/org/org.service.ts';
import * as effectRepo from '../server/modules/surveys/effect.repo.ts';
import { completionDates } from '../server/modules/surveys/effect.service.ts';
import * as catalogue from '../server/modules/training/catalogue.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import { newId, nowIso, todayIso } from '../server/shared/ids.ts';
import { type ActiveTeacher, draws } from './demo-country.ts';

type Framework = { id: string; levels: { code: string; position: number }[] };

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A baseline for evaluating the 1:1 computing module: the district assessment days a year ago rated
 * the module's competencies of the teachers who hold a confirmed level in them today. The baseline
 * sits a few weeks before the evaluation's default period (the last twelve months), so each teacher's
 * change over the period is today's confirmed level against it. Teachers who completed the module in
 * the period have since gained a little more than those not yet trained (about a third of a level on
 * average, with noise); those trained earlier keep their own history. The ratings are older than
 * every current status, so the status projection and the aggregates stay as they are.
 */
export async function seedEvaluation(ctx: Ctx, standard: Framework, teachers: ActiveTeacher[], moduleId: string) {
  const module = await catalogue.getModule(ctx, moduleId);
  const itemIds = module.outcomes.map((o) => o.itemId);
  const levels = [...standard.levels].sort((a, b) => a.position - b.position).map((l) => l.code);
  const rankOf = (code: string | null) => (code === null ? 0 : levels.indexOf(code) + 1);
  const codeOf = (rank: number) => (rank === 0 ? null : levels[rank - 1]!);

  const today = todayIso();
  const from = new Date(`${today}T00:00:00Z`);
  from.setUTCMonth(from.getUTCMonth() - 12);
  const periodStart = from.toISOString().slice(0, 10);
  const baselineAt = `${addDays(periodStart, -21)}T09:00:00.000Z`;

  const trainedOn = completionDates(
    { kind: 'module', id: moduleId, moduleIds: [moduleId], programmeModules: new Map() },
    await effectRepo.completionsUnder(ctx.db, ctx.tenantId, await org.topUnitPath(ctx), {
      moduleIds: [moduleId],
      programmeIds: [],
    }),
  );
  const confirmed = new Map<string, { itemId: string; rank: number }[]>();
  for (const s of await ledger.statusOfItems(ctx.db, ctx.tenantId, itemIds)) {
    if (s.confirmed_event_id === null || s.framework_id !== standard.id) continue;
    confirmed.set(s.person_id, [
      ...(confirmed.get(s.person_id) ?? []),
      { itemId: s.item_id, rank: rankOf(s.confirmed_level_code) },
    ]);
  }

  const at = nowIso();
  const rows: ledger.EventRow[] = [];
  const counts = { trained: 0, comparison: 0 };
  for (const teacher of [...teachers].sort((a, b) => a.n - b.n)) {
    const now = confirmed.get(teacher.id);
    const on = trainedOn.get(teacher.id);
    if (!now || (on !== undefined && on < periodStart)) continue;
    const trained = on !== undefined && on <= today;
    counts[trained ? 'trained' : 'comparison']++;
    const r = draws(teacher.n + 7919);
    for (const { itemId, rank } of [...now].sort((a, b) => itemIds.indexOf(a.itemId) - itemIds.indexOf(b.itemId))) {
      // Levels gained over the year: practice grows for everyone, a little faster after the course.
      const u = r();
      const gain = trained ? (u < 0.08 ? 2 : u < 0.58 ? 1 : 0) : u < 0.24 ? 1 : 0;
      rows.push({
        tenant_id: ctx.tenantId,
        id: newId(),
        person_id: teacher.id,
        framework_id: standard.id,
        item_id: itemId,
        level_code: codeOf(Math.max(0, rank - gain)),
        kind: 'assessor',
        source_type: 'rating',
        source_id: null,
        evidence_ids: '[]',
        comment: 'Baseline rating at the district assessment day, before the 1:1 computing courses.',
        supersedes_id: null,
        is_void: 0,
        effective_at: baselineAt,
        recorded_at: at,
        actor_account_id: null,
        actor_person_id: null,
      });
    }
  }
  await ledger.insertEvents(ctx.db, rows);
  return { ...counts, ratings: rows.length };
}
