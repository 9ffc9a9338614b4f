import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { Ctx } from '../../shared/context.ts';
import * as repo from './assessment.repo.ts';
import { type EventKind, NOT_YET } from './assessment.schemas.ts';
import * as ledger from './assessment.service.ts';
import * as self from './selfassessment.service.ts';

/** A small deterministic generator, so a failing history can be replayed from its seed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** The projection without its key order and without rows that point at nothing (a fully withdrawn pair). */
async function snapshot(ctx: Ctx) {
  return (await repo.allStatus(ctx.db, ctx.tenantId))
    .filter((r) => r.self_event_id || r.confirmed_event_id || r.trained_event_id)
    .map(({ tenant_id: _, ...rest }) => rest);
}

describeOnEachDatabase('the competency ledger and its projection', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let assessor: Awaited<ReturnType<typeof make.user>>;

  beforeAll(async () => {
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    assessor = await make.user(world.ctx, 'assessor', world.nation);
  });

  it('gives the same status incrementally as rebuilt from the ledger, over random histories with corrections', async () => {
    const teachers = await Promise.all([1, 2, 3].map(() => make.user(world.ctx, 'teacher', world.schoolA1)));
    const items = standard.items.filter((i) => i.type === 'competency').slice(0, 3);
    const levels = [...standard.levels.map((l) => l.code), null];
    const kinds: EventKind[] = ['self', 'assessor', 'observation', 'training', 'imported'];
    for (const seed of [7, 42, 2026]) {
      const rnd = random(seed);
      let written = 0;
      for (let step = 0; step < 60; step++) {
        const live = (await Promise.all(teachers.map((t) => ledger.listEvents(world.ctx, t.person.id)))).flat();
        const correctable = live.filter((e) => !e.supersededById && !e.void);
        if (correctable.length > 0 && rnd.chance(0.3)) {
          const target = rnd.pick(correctable);
          const owner = teachers.find((t) => t.person.id === target.personId)!;
          const actor = target.kind === 'self' ? owner.ctx : assessor.ctx;
          const withdraw = rnd.chance(0.4);
          const level = rnd.pick(levels);
          await ledger.supersede(actor, target.personId, target.id, {
            reason: `seed ${seed} step ${step}`,
            ...(withdraw ? { void: true } : { levelCode: level ?? NOT_YET }),
          });
        } else {
          await ledger.recordEvents(world.ctx, [
            {
              personId: rnd.pick(teachers).person.id,
              frameworkId: standard.id,
              itemId: rnd.pick(items).id,
              levelCode: rnd.pick(levels),
              kind: rnd.pick(kinds),
              sourceType: 'test',
            },
          ]);
        }
        written++;
      }
      const incremental = await snapshot(world.ctx);
      expect(incremental.length).toBeGreaterThan(0);
      await ledger.rebuildStatus(world.ctx);
      expect(await snapshot(world.ctx)).toEqual(incremental);
      // Nothing was rewritten: every write is still in the ledger.
      const total = (await Promise.all(teachers.map((t) => ledger.listEvents(world.ctx, t.person.id)))).flat();
      expect(total.length).toBeGreaterThanOrEqual(written);
    }
  });

  it('loses nothing under concurrent writers, and settles on the latest event', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA2);
    const item = standard.items.find((i) => i.type === 'competency')!;
    const writes = Array.from({ length: 24 }, (_, n) =>
      ledger.recordEvents(assessor.ctx, [
        {
          personId: teacher.person.id,
          frameworkId: standard.id,
          itemId: item.id,
          levelCode: standard.levels[n % 3]!.code,
          kind: n % 2 ? 'assessor' : 'self',
          sourceType: 'test',
        },
      ]),
    );
    const written = (await Promise.all(writes)).flat();
    const events = await ledger.listEvents(world.ctx, teacher.person.id);
    expect(events.map((e) => e.id).sort()).toEqual(written.map((e) => e.id).sort());
    const latest = (kind: string) =>
      written
        .filter((e) => e.kind === kind)
        .sort((a, b) => a.effective_at.localeCompare(b.effective_at) || a.id.localeCompare(b.id))
        .at(-1)!;
    const [status] = await ledger.statusOf(world.ctx, teacher.person.id);
    expect(status).toMatchObject({
      selfLevelCode: latest('self').level_code,
      confirmedLevelCode: latest('assessor').level_code,
    });
    const before = await snapshot(world.ctx);
    await ledger.rebuildStatus(world.ctx);
    expect(await snapshot(world.ctx)).toEqual(before);
  });

  it('lets only one of two concurrent corrections of the same event through', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolB1);
    const item = standard.items.find((i) => i.type === 'competency')!;
    const [event] = await ledger.recordEvents(assessor.ctx, [
      {
        personId: teacher.person.id,
        frameworkId: standard.id,
        itemId: item.id,
        levelCode: 'KA',
        kind: 'assessor',
        sourceType: 'test',
      },
    ]);
    const results = await Promise.allSettled(
      ['KD', 'KC'].map((levelCode) =>
        ledger.supersede(assessor.ctx, teacher.person.id, event!.id, { levelCode, reason: 'race' }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const events = await ledger.listEvents(world.ctx, teacher.person.id);
    expect(events).toHaveLength(2);
  });

  it('submits a self-assessment once even when two submits race', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1b);
    const started = await self.startSelfAssessment(teacher.ctx, standard.id);
    const answers = Object.fromEntries(standard.items.filter((i) => i.type === 'competency').map((i) => [i.id, 'KD']));
    await self.saveAnswers(teacher.ctx, started.id, answers);
    const results = await Promise.allSettled([1, 2].map(() => self.submitSelfAssessment(teacher.ctx, started.id)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await ledger.listEvents(teacher.ctx, teacher.person.id)).toHaveLength(18);
    // A new round can start once the last one is submitted.
    const again = await self.startSelfAssessment(teacher.ctx, standard.id);
    expect(again.id).not.toBe(started.id);
  });
});
