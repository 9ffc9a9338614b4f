import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import * as ledger from '../assessment/assessment.service.ts';
import { recordCoachingVisit } from '../assessment/observation.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as training from '../training/training.ts';
import { aggregateSnapshot, rebuildAggregates, registerMonitoring } from './aggregates.service.ts';
import { FOLD_AT } from './monitoring.repo.ts';

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

describeOnEachDatabase('live aggregates over the org tree', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let assessor: Awaited<ReturnType<typeof make.user>>;
  let offerings: string[];

  beforeAll(async () => {
    registerMonitoring();
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    assessor = await make.user(world.ctx, 'assessor', world.nation);
    const college = await make.unit(world.ctx, world.regionA, 'tei', 'College A');
    const trainer = await make.person(world.ctx, college, { category: 'trainer' });
    const module = await make.trainingModule(world.ctx, standard);
    offerings = [];
    for (let i = 0; i < 2; i++)
      offerings.push((await make.offering(world.ctx, college, { moduleId: module.id, trainerIds: [trainer.id] })).id);
  });

  it('equal what a rebuild computes, after random assessments, corrections, moves of teachers and units', async () => {
    const schools = [world.schoolA1, world.schoolA1b, world.schoolA2, world.schoolB1];
    const sexes = ['female', 'male', null] as const;
    // The first aspect's competencies, so some teachers have all of them (aspect attainment), and one more.
    const firstAspect = standard.items.find((i) => i.type === 'aspect')!;
    const competencies = standard.items.filter((i) => i.type === 'competency');
    const items = [
      ...competencies.filter((i) => i.parentId === firstAspect.id),
      competencies.find((i) => i.parentId !== firstAspect.id)!,
    ];
    const levels = [...standard.levels.map((l) => l.code), null];
    for (const seed of [3, 11]) {
      const rnd = random(seed);
      const teachers: Awaited<ReturnType<typeof make.person>>[] = [];
      for (let i = 0; i < 6; i++)
        teachers.push(await make.person(world.ctx, rnd.pick(schools), { sex: rnd.pick(sexes) ?? undefined }));
      for (let step = 0; step < 50; step++) {
        const teacher = rnd.pick(teachers);
        const roll = rnd.pick(['rate', 'rate', 'rate', 'correct', 'move', 'sex', 'unit', 'coach', 'train'] as const);
        if (roll === 'rate') {
          await ledger.recordEvents(assessor.ctx, [
            {
              personId: teacher.id,
              frameworkId: standard.id,
              itemId: rnd.pick(items).id,
              levelCode: rnd.pick(levels),
              kind: rnd.pick(['self', 'assessor', 'observation', 'training'] as const),
              sourceType: 'test',
            },
          ]);
        } else if (roll === 'correct') {
          const open = (await ledger.listEvents(world.ctx, teacher.id)).filter(
            (e) => !e.supersededById && !e.void && e.kind !== 'self',
          );
          if (open.length)
            await ledger.supersede(assessor.ctx, teacher.id, rnd.pick(open).id, {
              reason: 'test',
              ...(rnd.chance(0.5) ? { void: true } : { levelCode: rnd.pick(standard.levels).code }),
            });
        } else if (roll === 'move') {
          await people.updatePerson(world.ctx, teacher.id, { orgUnitId: rnd.pick(schools).id });
        } else if (roll === 'coach') {
          await recordCoachingVisit(assessor.ctx, teacher.id, {
            visitedOn: '2026-03-02',
            focusItemIds: [],
            notes: 'Visit',
            agreedActions: 'Try it',
          });
        } else if (roll === 'train') {
          const offeringId = rnd.pick(offerings);
          const enrolled = await training.listEnrolments(world.ctx, offeringId);
          if (!enrolled.some((e) => e.personId === teacher.id)) {
            await training.nominate(world.ctx, offeringId, [teacher.id]);
            await training.recordResults(world.ctx, offeringId, {
              results: [{ personId: teacher.id, result: 'completed', score: null }],
            });
          }
        } else if (roll === 'sex') {
          await people.updatePerson(world.ctx, teacher.id, { sex: rnd.pick(sexes) });
        } else {
          // A district changes region and back: its whole subtree's figures move with it.
          const district = rnd.pick([world.districtA2, world.districtB1]);
          await org.moveUnit(world.ctx, district.id, rnd.pick([world.regionA, world.regionB]).id);
        }
      }
      // At the end one teacher is rated in every competency of the aspect (aspect attainment counted).
      await ledger.recordEvents(
        assessor.ctx,
        items.map((item) => ({
          personId: teachers[1]!.id,
          frameworkId: standard.id,
          itemId: item.id,
          levelCode: rnd.pick(levels),
          kind: 'assessor' as const,
          sourceType: 'test',
        })),
      );
      const incremental = await aggregateSnapshot(world.ctx);
      expect(incremental[0].length).toBeGreaterThan(0);
      const facts = new Set(incremental[2].map((r) => r.fact.split(':')[0]));
      expect([...facts].sort()).toEqual(
        expect.arrayContaining(['aspect', 'coached', 'coaching_visits', 'cpd_hours', 'trained', 'trained_module']),
      );
      await rebuildAggregates(world.ctx);
      expect(await aggregateSnapshot(world.ctx)).toEqual(incremental);
    }
  });

  it('fold pending deltas into the counts once enough wait (SQLite; PostgreSQL adds them to the counts), and read the same figures on either side of a fold', async () => {
    const queued = getDb().dialect === 'sqlite';
    const pending = async () =>
      Number(
        (
          await world.ctx.db
            .selectFrom('unit_competency_pending')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('tenant_id', '=', world.ctx.tenantId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const rateAll = async (teacherId: string, levelCode: string) =>
      ledger.recordEvents(
        assessor.ctx,
        standard.items
          .filter((i) => i.type === 'competency')
          .map((item) => ({
            personId: teacherId,
            frameworkId: standard.id,
            itemId: item.id,
            levelCode,
            kind: 'assessor' as const,
            sourceType: 'test',
          })),
      );
    let folded = false;
    for (let i = 0; i < 500 && !folded; i++) {
      const teacher = await make.person(world.ctx, i % 2 ? world.schoolA2 : world.schoolB1, { sex: 'male' });
      const waiting = await pending();
      await rateAll(teacher.id, i % 3 ? 'KD' : 'KA');
      if (!queued) {
        expect(await pending()).toBe(0);
        folded = i >= 2;
        continue;
      }
      folded = (await pending()) < waiting;
      if (!folded) expect(await pending()).toBeGreaterThan(waiting);
    }
    expect(folded).toBe(true);
    expect(await pending()).toBe(0);
    // Deltas pending again over folded counts: the live figures still equal a rebuild's.
    await rateAll((await make.person(world.ctx, world.schoolA2, { sex: 'female' })).id, 'KD');
    if (queued) expect(await pending()).toBeGreaterThan(0);
    expect(await pending()).toBeLessThan(FOLD_AT);
    const live = await aggregateSnapshot(world.ctx);
    await rebuildAggregates(world.ctx);
    expect(await pending()).toBe(0);
    expect(await aggregateSnapshot(world.ctx)).toEqual(live);
  });

  it('count a teacher at the school, district, region and nation in the same transaction as the rating', async () => {
    const teacher = await make.person(world.ctx, world.schoolB1, { sex: 'female' });
    const item = standard.items.find((i) => i.type === 'competency')!;
    const before = await aggregateSnapshot(world.ctx);
    const count = (rows: (typeof before)[0], unitId: string) =>
      rows
        .filter(
          (r) => r.unit_id === unitId && r.item_id === item.id && r.basis === 'confirmed' && r.level_code === 'KD',
        )
        .reduce((sum, r) => sum + r.teachers, 0);
    await ledger.recordEvents(assessor.ctx, [
      {
        personId: teacher.id,
        frameworkId: standard.id,
        itemId: item.id,
        levelCode: 'KD',
        kind: 'assessor',
        sourceType: 'test',
      },
    ]);
    const after = await aggregateSnapshot(world.ctx);
    for (const unit of [world.schoolB1, world.districtB1, world.regionB, world.nation])
      expect(count(after[0], unit.id) - count(before[0], unit.id)).toBe(1);
    expect(count(after[0], world.regionA.id)).toBe(count(before[0], world.regionA.id));
  });

  it('keep each teacher under their place of work as schools are relabelled and units move in and out of them', async () => {
    const office = await make.unit(world.ctx, world.districtB1, 'office', 'Resource desk');
    const school = await make.unit(world.ctx, world.districtB1, 'school', 'School B1-9');
    const item = standard.items.find((i) => i.type === 'competency')!;
    for (const at of [office, school, school]) {
      const teacher = await make.person(world.ctx, at, { sex: 'male' });
      await ledger.recordEvents(assessor.ctx, [
        {
          personId: teacher.id,
          frameworkId: standard.id,
          itemId: item.id,
          levelCode: 'KD',
          kind: 'assessor',
          sourceType: 'test',
        },
      ]);
    }
    // Teachers at the district, per place, as the indicator breakdowns read them.
    const places = async () => {
      const [, teachers] = await aggregateSnapshot(world.ctx);
      const out: Record<string, number> = {};
      for (const r of teachers.filter((t) => t.unit_id === world.districtB1.id))
        out[r.place] = (out[r.place] ?? 0) + r.teachers;
      return out;
    };
    const equalToRebuild = async () => {
      const incremental = await aggregateSnapshot(world.ctx);
      await rebuildAggregates(world.ctx);
      expect(await aggregateSnapshot(world.ctx)).toEqual(incremental);
    };
    const start = await places();
    expect(start['unknown|school']).toBeGreaterThanOrEqual(2);
    expect(start.other).toBe(1);

    await org.updateUnit(world.ctx, school.id, { locality: 'rural' });
    await equalToRebuild();
    let now = await places();
    expect(now['rural|school']).toBe(2);
    expect(now['unknown|school']).toBe(start['unknown|school']! - 2);

    // The office moves into the school: its teacher works there now; then it is made a TEI of its own.
    await org.moveUnit(world.ctx, office.id, school.id);
    await equalToRebuild();
    now = await places();
    expect(now['rural|school']).toBe(3);
    expect(now.other ?? 0).toBe(0);
    await org.updateUnit(world.ctx, office.id, { type: 'tei', locality: 'urban' });
    await equalToRebuild();
    now = await places();
    expect([now['rural|school'], now['urban|tei']]).toEqual([2, 1]);

    // The school becomes an office: its own teachers are under no place of work; the TEI keeps its one.
    await org.updateUnit(world.ctx, school.id, { type: 'office' });
    await equalToRebuild();
    now = await places();
    expect([now['rural|school'] ?? 0, now['urban|tei'], now.other]).toEqual([0, 1, 2]);
    await org.updateUnit(world.ctx, office.id, { type: 'office' });
    await org.moveUnit(world.ctx, office.id, world.districtB1.id);
    await org.updateUnit(world.ctx, school.id, { type: 'school', locality: 'urban' });
    await equalToRebuild();
    now = await places();
    expect([now['urban|school'], now.other]).toEqual([2, 1]);
  });

  it('stay equal to a rebuild when the same teacher is moved to different schools at the same time', async () => {
    const teacher = await make.person(world.ctx, world.schoolA1, { sex: 'female' });
    await Promise.all(
      [world.schoolA1b, world.schoolA2, world.schoolB1, world.schoolA1b].map((school) =>
        people.updatePerson(world.ctx, teacher.id, { orgUnitId: school.id }),
      ),
    );
    const incremental = await aggregateSnapshot(world.ctx);
    await rebuildAggregates(world.ctx);
    expect(await aggregateSnapshot(world.ctx)).toEqual(incremental);
  });

  it('stay equal to a rebuild when writers change the same teacher at the same time', async () => {
    const teacher = await make.person(world.ctx, world.schoolA2, { sex: 'male' });
    const item = standard.items.find((i) => i.type === 'competency')!;
    await Promise.all(
      ['KA', 'KD', 'KC', 'KD', 'KA', 'KC', 'KD', 'KA'].map((levelCode, n) =>
        ledger.recordEvents(assessor.ctx, [
          {
            personId: teacher.id,
            frameworkId: standard.id,
            itemId: item.id,
            levelCode,
            kind: n % 2 ? 'assessor' : 'self',
            sourceType: 'test',
          },
        ]),
      ),
    );
    const incremental = await aggregateSnapshot(world.ctx);
    await rebuildAggregates(world.ctx);
    expect(await aggregateSnapshot(world.ctx)).toEqual(incremental);
  });
});
