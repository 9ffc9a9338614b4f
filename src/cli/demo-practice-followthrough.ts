import { practiceChanged } from '../server/modules/practice/practice.changes.ts';
import type { Ctx } from '../server/shared/context.ts';
import { nowIso } from '../server/shared/ids.ts';
import { draws, REGION_PACE } from './demo-country.ts';

const SEEN: Record<'applied' | 'partly' | 'not_applied', string[]> = {
  applied: [
    'Students collected data on tablets in groups and charted it themselves; the teacher moved between groups with questions.',
    'The class built a shared presentation of their village survey; each pair wrote one slide from their own photos.',
    'Pupils recorded short interviews with a phone and edited them into a class podcast.',
  ],
  partly: [
    'The teacher used the projector for the introduction; students used the laptops only for the last ten minutes.',
    'Group work with the tablets started well, but the teacher took over when the connection dropped.',
  ],
  not_applied: [
    'The laptops stayed in the cupboard: the charging trolley had been broken for a month. We agreed a plan with the leader.',
    'A lecture with slides; the teacher asked for help planning a lesson where students use the devices.',
  ],
};

/**
 * Visits in class after the demo's training: the visits that fell due before today are mostly made,
 * more of them on time where a region runs ahead, and the rest stay overdue, as a district would see.
 */
export async function seedFollowThrough(ctx: Ctx, today = nowIso().slice(0, 10)) {
  const due = await ctx.db
    .selectFrom('follow_through_visit as v')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'v.tenant_id').onRef('p.id', '=', 'v.teacher_person_id'),
    )
    .select(['v.id', 'v.due_on', 'v.teacher_person_id', 'p.org_path'])
    .where('v.tenant_id', '=', ctx.tenantId)
    .where('v.status', '=', 'due')
    .where('v.due_on', '<', today)
    .orderBy('v.id')
    .execute();
  const regions = [...new Set(due.map((v) => v.org_path.split('/')[2]))].sort();
  let made = 0;
  const teachers = new Set<string>();
  for (const [i, visit] of due.entries()) {
    const draw = draws(i + 7919);
    const pace = REGION_PACE[regions.indexOf(visit.org_path.split('/')[2]) % REGION_PACE.length] ?? 0.6;
    if (draw() > 0.5 + pace * 0.45) continue;
    // On time (in the week before the due day) more often where the region runs ahead; else late.
    const onTime = draw() < 0.35 + pace * 0.5;
    const shift = onTime ? -Math.floor(draw() * 7) : 1 + Math.floor(draw() * (pace > 0.6 ? 10 : 35));
    const day = new Date(`${visit.due_on}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + shift);
    const on = [day.toISOString().slice(0, 10), today].sort()[0]!;
    const roll = draw();
    const applied = roll < pace * 0.8 ? 'applied' : roll < 0.85 ? 'partly' : 'not_applied';
    const lines = SEEN[applied];
    await ctx.db
      .updateTable('follow_through_visit')
      .set({
        status: 'done',
        visited_on: on,
        applied,
        how: lines[Math.floor(draw() * lines.length)]!,
        updated_at: nowIso(),
      })
      .where('tenant_id', '=', ctx.tenantId)
      .where('id', '=', visit.id)
      .execute();
    made++;
    teachers.add(visit.teacher_person_id);
  }
  // Written in bulk above, so the teachers' practice facts are brought up to date once, here.
  await practiceChanged.emit(ctx, { personIds: [...teachers], sources: ['follow_through'] });
  return { visits: due.length, made };
}
