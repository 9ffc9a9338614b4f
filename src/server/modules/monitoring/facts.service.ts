import { type Ctx, gatheredUpkeep } from '../../shared/context.ts';
import { standardShape } from '../assessment/assessment.standard.ts';
import * as people from '../people/people.service.ts';
import type { PracticeSource } from '../practice/practice.changes.ts';
import { STUDENT_CENTRED_FROM, termOf } from '../practice/practice.constants.ts';
import * as training from '../training/catalogue.service.ts';
import * as repo from './monitoring.repo.ts';
import { ancestry } from './places.ts';

/**
 * Facts about a person that indicators count beyond competency levels, grouped by what changes them:
 * - aspect: `aspect:{aspectId}:{basis}:{level}` = 1 where every competency of the aspect has a level
 *   on that basis and the lowest of them is `level` (so "at level >= L in the aspect" means in each
 *   of its competencies);
 * - self: `self_assessed` = 1 once a self-assessment was submitted;
 * - training: `trained`, `trained_module:{id}`, `trained_programme:{id}` = 1, `cpd_hours` = hours;
 * - plan: `plan_agreed` = 1 while a plan is agreed, active or done;
 * - coaching: `coached` = 1 and `coaching_visits` = visits (coaching visits and submitted lesson observations);
 * - practice, one family per source: observed: `observed:{term}` = 1 when a lesson of theirs was
 *   observed in the term, `observed_sc:{term}` = 1 when one was student-centred ICT use (students used
 *   ICT, at least STUDENT_CENTRED_FROM on the scale); cycle: `in_cycle` = 1 while a coaching cycle of
 *   theirs is not closed; follow_through: `follow_through_done` and `follow_through_on_time` = their
 *   follow-through visits recorded, and those by the day they were due; design: `designs_shared` =
 *   activity designs they wrote that are shared beyond themselves; library: `used_library` = 1 once
 *   they reported using a library resource in class.
 * Each person's facts are kept in `person_fact`; a change adds the difference to every unit above a
 * teacher, in the transaction of the change.
 */
export type Family = 'aspect' | 'self' | 'training' | 'plan' | 'coaching' | PracticeSource;
const ALL_FAMILIES: readonly Family[] = [
  'aspect',
  'self',
  'training',
  'plan',
  'coaching',
  'observed',
  'cycle',
  'follow_through',
  'design',
  'library',
];
const FAMILY_OF_FACT: Record<string, Family> = {
  self_assessed: 'self',
  plan_agreed: 'plan',
  coached: 'coaching',
  coaching_visits: 'coaching',
  in_cycle: 'cycle',
  follow_through_done: 'follow_through',
  follow_through_on_time: 'follow_through',
  designs_shared: 'design',
  used_library: 'library',
};

function familyOf(fact: string): Family {
  if (fact.startsWith('aspect:')) return 'aspect';
  if (fact.startsWith('observed')) return 'observed';
  return FAMILY_OF_FACT[fact] ?? 'training';
}

type Facts = Map<string, Map<string, number>>;

/** The current facts of these people in the given families, computed from their sources. */
async function computeFacts(ctx: Ctx, personIds: string[], families: readonly Family[]): Promise<Facts> {
  const out: Facts = new Map(personIds.map((id) => [id, new Map()]));
  const set = (personId: string, fact: string, value: number) => {
    if (value !== 0) out.get(personId)!.set(fact, value);
  };
  const wants = (f: Family) => families.includes(f);
  if (wants('aspect')) {
    const rows = await repo.statusesOfPeople(ctx.db, ctx.tenantId, personIds);
    for (const [personId, fact] of await aspectFacts(ctx, rows)) set(personId, fact, 1);
  }
  if (wants('self') || wants('plan') || wants('training')) {
    const activity = await repo.activityOf(ctx.db, ctx.tenantId, personIds, {
      submitted: wants('self'),
      plans: wants('plan'),
      hours: wants('training'),
    });
    if (wants('self')) for (const r of activity.submitted) set(r.person_id, 'self_assessed', 1);
    if (wants('plan')) for (const r of activity.plans) set(r.person_id, 'plan_agreed', 1);
    if (wants('training')) {
      for (const r of activity.hours) set(r.person_id, 'cpd_hours', Number(r.hours ?? 0));
      for (const [personId, done] of await training.completedBy(ctx, personIds)) {
        if (!out.has(personId)) continue;
        if (done.modules.size || done.programmes.size) set(personId, 'trained', 1);
        for (const m of done.modules) set(personId, `trained_module:${m}`, 1);
        for (const p of done.programmes) set(personId, `trained_programme:${p}`, 1);
      }
    }
  }
  // Coaching counts the visits recorded on their own and the submitted lesson observations.
  const sources: repo.PracticeSources = {
    observed: wants('observed') || wants('coaching'),
    cycles: wants('cycle'),
    visits: wants('follow_through'),
    designs: wants('design'),
    library: wants('library'),
    coachingVisits: wants('coaching'),
  };
  if (Object.values(sources).some(Boolean)) {
    const practice = await repo.practiceOf(ctx.db, ctx.tenantId, personIds, sources);
    if (wants('coaching')) {
      const visits = new Map(practice.coachingVisits.map((r) => [r.person_id, r.visits]));
      for (const r of practice.observed) visits.set(r.person_id, (visits.get(r.person_id) ?? 0) + 1);
      for (const [personId, n] of visits) {
        set(personId, 'coached', 1);
        set(personId, 'coaching_visits', n);
      }
    }
    for (const r of wants('observed') ? practice.observed : []) {
      const term = termOf(r.lesson_date);
      set(r.person_id, `observed:${term}`, 1);
      const studentsUsed = (JSON.parse(r.ict_users) as string[]).includes('students');
      if (studentsUsed && (r.student_centredness ?? 0) >= STUDENT_CENTRED_FROM)
        set(r.person_id, `observed_sc:${term}`, 1);
    }
    for (const r of practice.cycles) set(r.person_id, 'in_cycle', 1);
    const add = (personId: string, fact: string) => set(personId, fact, (out.get(personId)!.get(fact) ?? 0) + 1);
    for (const r of practice.visits) {
      add(r.person_id, 'follow_through_done');
      if (r.visited_on && r.visited_on <= r.due_on) add(r.person_id, 'follow_through_on_time');
    }
    for (const r of practice.designs) set(r.person_id, 'designs_shared', Number(r.shared));
    for (const r of practice.libraryUses) set(r.person_id, 'used_library', 1);
  }
  return out;
}

/** [person, fact] for every aspect whose competencies all have a level on a basis. */
async function aspectFacts(ctx: Ctx, rows: Awaited<ReturnType<typeof repo.statusesOfPeople>>) {
  const out: [string, string][] = [];
  const byPersonFramework = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.person_id}|${r.framework_id}`;
    byPersonFramework.set(key, [...(byPersonFramework.get(key) ?? []), r]);
  }
  for (const [key, mine] of byPersonFramework) {
    const [personId, frameworkId] = key.split('|') as [string, string];
    const standard = await standardShape(ctx, frameworkId);
    const byItem = new Map(mine.map((r) => [r.item_id, r]));
    const members = new Map<string, string[]>();
    for (const c of standard.competencies) {
      const aspect = standard.aspectOf.get(c.id);
      if (aspect) members.set(aspect.id, [...(members.get(aspect.id) ?? []), c.id]);
    }
    for (const [aspectId, items] of members)
      for (const basis of ['self', 'confirmed'] as const) {
        const levels: string[] = [];
        for (const itemId of items) {
          const r = byItem.get(itemId);
          const eventId = basis === 'self' ? r?.self_event_id : r?.confirmed_event_id;
          if (!eventId) break;
          levels.push((basis === 'self' ? r!.self_level_code : r!.confirmed_level_code) ?? 'not_yet');
        }
        if (levels.length < items.length) continue;
        const lowest = levels.reduce((a, b) => ((standard.rank.get(a) ?? 0) <= (standard.rank.get(b) ?? 0) ? a : b));
        out.push([personId, `aspect:${aspectId}:${basis}:${lowest}`]);
      }
  }
  return out;
}

/**
 * Brings these people's facts of the given families up to date and adds the difference to every
 * unit above each teacher, in the caller's transaction. The people are locked first, so two writers
 * cannot both read the old facts. Inside `gatheringUpkeep`, the people and families asked for are
 * gathered and refreshed once, at its end.
 */
export async function refreshFacts(ctx: Ctx, personIds: string[], families: readonly Family[]) {
  const gathered = gatheredUpkeep(ctx, refreshFacts, newGathering, (tx, g) =>
    refreshNow(tx, [...g.personIds], [...g.families]),
  );
  if (!gathered) return refreshNow(ctx, personIds, families);
  for (const id of personIds) gathered.personIds.add(id);
  for (const family of families) gathered.families.add(family);
}

const newGathering = () => ({ personIds: new Set<string>(), families: new Set<Family>() });

async function refreshNow(ctx: Ctx, personIds: string[], families: readonly Family[]) {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  await people.lockPeople(ctx, ids);
  const [placements, stored, fresh] = await Promise.all([
    people.placementsOf(ctx, ids),
    repo.personFactsOf(ctx.db, ctx.tenantId, ids),
    computeFacts(ctx, ids, families),
  ]);
  const old: Facts = new Map(ids.map((id) => [id, new Map()]));
  for (const r of stored) if (families.includes(familyOf(r.fact))) old.get(r.person_id)!.set(r.fact, Number(r.value));
  const writes: repo.PersonFactRow[] = [];
  const deltas: repo.FactCountRow[] = [];
  const unitsAbove = ancestry(ctx);
  for (const placement of placements) {
    const before = old.get(placement.id)!;
    const after = fresh.get(placement.id)!;
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (fact) => (before.get(fact) ?? 0) !== (after.get(fact) ?? 0),
    );
    if (changed.length === 0) continue;
    for (const fact of changed)
      writes.push({ tenant_id: ctx.tenantId, person_id: placement.id, fact, value: after.get(fact) ?? 0 });
    if (placement.category !== 'teacher') continue;
    const { unitIds, place } = await unitsAbove(placement.org_path);
    const sex = placement.sex ?? 'unknown';
    for (const fact of changed) {
      const value = (after.get(fact) ?? 0) - (before.get(fact) ?? 0);
      for (const unit_id of unitIds) deltas.push({ tenant_id: ctx.tenantId, unit_id, fact, sex, place, value });
    }
  }
  await repo.putPersonFacts(ctx.db, writes);
  await repo.addFactCounts(ctx.db, deltas);
}

/** Recomputes every person's facts of the tenant (in pages), then the unit figures from them. */
export async function rebuildFacts(ctx: Ctx) {
  await ctx.db.deleteFrom('person_fact').where('tenant_id', '=', ctx.tenantId).execute();
  let after = '';
  for (;;) {
    const ids = await repo.personIdsAfter(ctx.db, ctx.tenantId, after, 1000);
    if (ids.length === 0) break;
    const facts = await computeFacts(ctx, ids, ALL_FAMILIES);
    const rows: repo.PersonFactRow[] = [];
    for (const [person_id, values] of facts)
      for (const [fact, value] of values) rows.push({ tenant_id: ctx.tenantId, person_id, fact, value });
    await repo.putPersonFacts(ctx.db, rows);
    after = ids.at(-1)!;
  }
}
