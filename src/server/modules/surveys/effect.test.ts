import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as assessment from '../assessment/assessment.service.ts';
import * as training from '../training/training.ts';
import type { Effect } from './effect.schemas.ts';
import { effectOfTraining } from './effect.service.ts';

afterEach(() => {
  vi.useRealTimers();
});

const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
};

/**
 * Per starting level, the comparison group moves 0, 0, 0, +1 levels and the trained group
 * +1, +1, +1, +2: trained teachers gain exactly one level more.
 */
const COMPARISON_GAINS = [0, 0, 0, 1];
const TRAINED_GAINS = [1, 1, 1, 2];

describeOnEachDatabase('the effect of training on confirmed competence', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let module: Awaited<ReturnType<typeof make.trainingModule>>;
  let regional: Awaited<ReturnType<typeof make.user>>;
  let app: TestApp;
  const period = { from: '2025-02-01', to: '2025-12-31' };

  beforeAll(async () => {
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    const competency = standard.items.find((i) => i.type === 'competency')!;
    const levels = [null, ...standard.levels.map((l) => l.code)];
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    regional = await make.user(world.ctx, 'regional_officer', world.regionA);
    const trainer = await make.person(world.ctx, tei, { category: 'trainer' });
    module = await make.trainingModule(ministry.ctx, standard, {
      outcomes: [{ itemId: competency.id, levelCode: standard.levels[0]!.code }],
    });

    // District A1: 16 to be trained and 16 not, half starting at "not yet", half at the first level.
    // District A2: 3 trained and 8 not, too few trained for an estimate of its own. Districts A3 and
    // A4: 4 trained and 4 not each, too few as well; together with A2 enough at each starting level
    // that A1 (their sibling) can be shown without giving any of them away.
    const districtA3 = await make.unit(world.ctx, world.regionA, 'district', 'District A3');
    const districtA4 = await make.unit(world.ctx, world.regionA, 'district', 'District A4');
    const schoolA3 = await make.unit(world.ctx, districtA3, 'school', 'School A3-1');
    const schoolA4 = await make.unit(world.ctx, districtA4, 'school', 'School A4-1');
    at('2025-01-10T09:00:00Z');
    const cohort = async (school: typeof world.schoolA1, n: number) => {
      const out = [];
      for (let i = 0; i < n; i++) out.push({ person: await make.person(world.ctx, school), start: i % 2 });
      return out;
    };
    const trainedA1 = await cohort(world.schoolA1, 16);
    const comparisonA1 = await cohort(world.schoolA1b, 16);
    const trainedA2 = await cohort(world.schoolA2, 3);
    const comparisonA2 = await cohort(world.schoolA2, 8);
    const trainedA34 = [...(await cohort(schoolA3, 4)), ...(await cohort(schoolA4, 4))];
    const comparisonA34 = [...(await cohort(schoolA3, 4)), ...(await cohort(schoolA4, 4))];
    const everyone = [...trainedA1, ...comparisonA1, ...trainedA2, ...comparisonA2, ...trainedA34, ...comparisonA34];
    const rate = (ratings: { personId: string; rank: number }[]) =>
      assessment.recordEvents(
        world.ctx,
        ratings.map((r) => ({
          personId: r.personId,
          frameworkId: standard.id,
          itemId: competency.id,
          levelCode: levels[r.rank]!,
          kind: 'assessor' as const,
          sourceType: 'rating',
        })),
      );
    await rate(everyone.map((t) => ({ personId: t.person.id, rank: t.start })));

    at('2025-03-01T09:00:00Z');
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.id],
      capacity: 40,
    });
    const trained = [...trainedA1, ...trainedA2, ...trainedA34].map((t) => t.person.id);
    await training.nominate(world.ctx, offering.id, trained);
    at('2025-03-12T09:00:00Z');
    await training.recordResults(world.ctx, offering.id, {
      results: trained.map((personId) => ({ personId, result: 'completed' as const, score: 80 })),
    });

    at('2025-11-20T09:00:00Z');
    const gains = (group: typeof everyone, by: number[]) =>
      group.map((t, i) => ({ personId: t.person.id, rank: t.start + by[Math.floor(i / 2) % by.length]! }));
    await rate([
      ...gains(trainedA1, TRAINED_GAINS),
      ...gains(comparisonA1, COMPARISON_GAINS),
      ...gains(trainedA2, TRAINED_GAINS),
      ...gains(comparisonA2, COMPARISON_GAINS),
      ...gains(trainedA34, TRAINED_GAINS),
      ...gains(comparisonA34, COMPARISON_GAINS),
    ]);
    vi.useRealTimers();
    app = await testApp(getDb());
  });

  afterAll(async () => {
    await app?.close();
  });

  const read = (unitId: string, ctx = regional.ctx) =>
    effectOfTraining(ctx, { kind: 'module', id: module.id }, { unitId, ...period });

  it('estimates one level gained by training, with an interval around it that excludes nought', async () => {
    const effect = await read(world.districtA1.id);
    expect(effect.figures.counts).toEqual({ trained: 16, comparison: 16 });
    expect(effect.figures.estimate.withheld).toBeNull();
    expect(effect.figures.estimate.value).toBeCloseTo(1, 6);
    expect(effect.figures.estimate.low!).toBeLessThan(1);
    expect(effect.figures.estimate.high!).toBeGreaterThan(1);
    expect(effect.figures.estimate.low!).toBeGreaterThan(0);
    expect(effect.figures.estimate.matchedTrained).toBe(16);
    // Per starting level: 8 of each group, the comparison up a quarter of a level, the trained one and a quarter.
    expect(effect.figures.strata.map((s) => [s.rank, s.trained, s.comparison, s.matched])).toEqual([
      [0, { count: 8, meanChange: 1.25 }, { count: 8, meanChange: 0.25 }, true],
      [1, { count: 8, meanChange: 1.25 }, { count: 8, meanChange: 0.25 }, true],
    ]);
    expect(effect.cautions).toEqual(['not_randomised']);
    expect(effect.excluded).toEqual({ trainedBefore: 0, withoutLevels: 0 });
  });

  it('gives the same interval for the same data', async () => {
    const [a, b] = [await read(world.districtA1.id), await read(world.districtA1.id)];
    expect(a.figures.estimate).toEqual(b.figures.estimate);
  });

  it('withholds every figure of a unit with a group under 5, and shows the units below alike', async () => {
    const district = await read(world.districtA2.id);
    expect(district.figures.counts).toEqual({ trained: null, comparison: null });
    expect(district.figures.estimate).toMatchObject({
      value: null,
      low: null,
      high: null,
      withheld: 'fewer_than_minimum',
    });
    expect(district.figures.strata).toEqual([]);

    const region = await read(world.regionA.id);
    expect(region.figures.counts).toEqual({ trained: 27, comparison: 32 });
    expect(region.figures.estimate.value).not.toBeNull();
    const a1 = region.regions.find((r) => r.unitId === world.districtA1.id)!;
    const a2 = region.regions.find((r) => r.unitId === world.districtA2.id)!;
    expect(a1.figures.estimate.value).toBeCloseTo(1, 6);
    expect(a2.figures.estimate.withheld).toBe('fewer_than_minimum');
    expect(a2.figures.counts.trained).toBeNull();
  });

  it('hides a sibling too where the region less the units shown would give a small one away', async () => {
    // Region A less district A1 is 11 trained in A2 to A4: enough to show A1. Were A1 the only other
    // unit, the region's count less A1's would be A2's 3.
    const region = await read(world.regionA.id);
    const shown = region.regions.filter((r) => r.figures.counts.trained !== null);
    const trainedShown = shown.reduce((n, r) => n + r.figures.counts.trained!, 0);
    expect(region.figures.counts.trained! - trainedShown).toBeGreaterThanOrEqual(5);
    // Whichever unit is asked for, a unit's figures are the same as where its parent shows them.
    for (const r of region.regions) expect((await read(r.unitId)).figures).toEqual(r.figures);
  });

  it('counts teachers trained before the period apart, and none trained after it as trained', async () => {
    const later = await effectOfTraining(
      regional.ctx,
      { kind: 'module', id: module.id },
      { unitId: world.districtA1.id, from: '2025-04-01', to: '2025-12-31' },
    );
    expect(later.excluded.trainedBefore).toBe(16);
    expect(later.figures.counts.trained).toBe(0);
    expect(later.figures.estimate.withheld).toBe('fewer_than_minimum');
    const before = await effectOfTraining(
      regional.ctx,
      { kind: 'module', id: module.id },
      { unitId: world.districtA1.id, from: '2025-02-01', to: '2025-03-05' },
    );
    // Not yet trained by the end of that period: all 32 are compared, and no one gained yet.
    expect(before.figures.counts).toEqual({ trained: 0, comparison: 32 });
  });

  it('answers over HTTP for the reader’s unit, and 404 to a district officer outside it', async () => {
    const session = await signIn(app, regional.username, regional.password);
    const url = `/api/evaluation/modules/${module.id}/effect?from=${period.from}&to=${period.to}`;
    const res = await app.inject({ url, headers: session.headers });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Effect;
    expect(body.unit.id).toBe(world.regionA.id);
    expect(body.figures.estimate.value).not.toBeNull();

    const outsider = await make.user(world.ctx, 'district_officer', world.districtB1);
    const theirs = await signIn(app, outsider.username, outsider.password);
    const refused = await app.inject({ url: `${url}&unitId=${world.districtA1.id}`, headers: theirs.headers });
    expect(refused.statusCode).toBe(404);
    const bad = await app.inject({ url: `${url.replace(period.from, '2026-01-01')}`, headers: session.headers });
    expect(bad.statusCode).toBe(400);
  });
});
