import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import * as ledger from '../assessment/assessment.service.ts';
import { registerMonitoring } from './aggregates.service.ts';
import { competencyDashboard } from './dashboard.service.ts';
import { indicatorDashboard, recordActuals } from './indicators.figures.ts';
import type { IndicatorInput } from './indicators.schemas.ts';
import { createIndicator } from './indicators.service.ts';

const year = new Date().getUTCFullYear();

/**
 * Figures about fewer than 5 teachers cannot be read in any table of a response, nor worked out by
 * subtracting what is shown: recorded years, breakdowns filtered by sex, level denominators, cells by sex.
 */
describeOnEachDatabase('small groups stay hidden', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let item2: string;

  beforeAll(async () => {
    registerMonitoring();
    world = await make.country(getDb());
    const standard = await make.publishedStandard(world.ctx);
    const [first, second] = standard.items.filter((i) => i.type === 'competency');
    item2 = second!.id;
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    const rate = (personId: string, itemId: string, levelCode: string) =>
      ledger.recordEvents(assessor.ctx, [
        { personId, frameworkId: standard.id, itemId, levelCode, kind: 'assessor', sourceType: 'test' },
      ]);
    // School A1-1: 6 women at KA and 1 man at KD (also rated KC in the second competency); A1-2: 3 women at KD.
    for (let i = 0; i < 6; i++)
      await rate((await make.person(world.ctx, world.schoolA1, { sex: 'female' })).id, first!.id, 'KA');
    const man = await make.person(world.ctx, world.schoolA1, { sex: 'male' });
    await rate(man.id, first!.id, 'KD');
    await rate(man.id, item2, 'KC');
    for (let i = 0; i < 3; i++)
      await rate((await make.person(world.ctx, world.schoolA1b, { sex: 'female' })).id, first!.id, 'KD');
    // School A2-1: 6 women at KA and 5 men in the second competency, of whom only one man was assessed.
    for (let i = 0; i < 6; i++)
      await rate((await make.person(world.ctx, world.schoolA2, { sex: 'female' })).id, item2, 'KA');
    const men = [];
    for (let i = 0; i < 5; i++) men.push(await make.person(world.ctx, world.schoolA2, { sex: 'male' }));
    await rate(men[0]!.id, item2, 'KD');

    const base = {
      definition: { en: 'd' },
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: null,
      meansOfVerification: { en: 'm' },
    };
    await createIndicator(world.ctx, {
      ...base,
      code: 'I1',
      name: { en: 'At KD in the first competency' },
      numerator: { fact: 'at_level', itemId: first!.id, levelCode: 'KD', basis: 'confirmed' },
      denominator: { fact: 'teachers' },
      factor: 'percent',
      disaggregations: ['sex', 'school_type', 'locality'],
    } satisfies IndicatorInput);
    await createIndicator(world.ctx, {
      ...base,
      code: 'I2',
      name: { en: 'Ratio of two levels' },
      numerator: { fact: 'at_level', itemId: first!.id, levelCode: 'KA', basis: 'confirmed' },
      denominator: { fact: 'at_level', itemId: item2, levelCode: 'KD', basis: 'confirmed' },
      factor: 'percent',
      disaggregations: [],
    } satisfies IndicatorInput);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
  });

  it('hides a recorded year the same way as today: a small school hides its sibling', async () => {
    await recordActuals(world.ctx, year - 1);
    for (const y of [year - 1, year]) {
      const board = await indicatorDashboard(district.ctx, { unitId: world.districtA1.id, year: y });
      const i1 = board.indicators.find((f) => f.indicator.code === 'I1')!;
      expect(i1.current).toMatchObject({ numerator: 4, denominator: 10, suppressed: false });
      expect(i1.children.map((c) => c.figure.suppressed)).toEqual([true, true]);
    }
  });

  it('shows no breakdown by place when filtered by sex, and hides the sexes when one is few', async () => {
    const female = await indicatorDashboard(district.ctx, { unitId: world.schoolA1.id, sex: 'female' });
    const i1 = female.indicators.find((f) => f.indicator.code === 'I1')!;
    expect(i1.current.suppressed).toBe(true);
    // Filtered by sex there are no place breakdowns at all: sex by place is not decided over the tree.
    expect(i1.breakdowns).toEqual([]);
    const bySex = (await indicatorDashboard(district.ctx, { unitId: world.schoolA1.id })).indicators[0]!.breakdowns;
    const sexGroups = bySex.find((b) => b.by === 'sex')!.groups;
    expect(sexGroups.map((g) => g.key)).toEqual(['female', 'male']);
    expect(sexGroups.every((g) => g.figure.suppressed)).toBe(true);
  });

  it('hides a figure whose denominator is a level only a few teachers were assessed in', async () => {
    const board = await indicatorDashboard(district.ctx, { unitId: world.schoolA1.id });
    expect(board.indicators.find((f) => f.indicator.code === 'I2')!.current).toMatchObject({
      suppressed: true,
      numerator: null,
      denominator: null,
    });
  });

  it('hides a competency cell filtered by sex when the other sex has few assessed in it', async () => {
    // Region A: 6 women and 2 men assessed in the second competency.
    const cell = async (sex?: 'female') =>
      (await competencyDashboard(world.ctx, { unitId: world.regionA.id, basis: 'confirmed', sex })).unit.cells.find(
        (c) => c.itemId === item2,
      )!;
    expect((await cell()).atTarget).toBe(8);
    expect(await cell('female')).toMatchObject({ atTarget: null, share: null });
  });

  it('says a past year has no figures by sex rather than showing today', async () => {
    const board = await indicatorDashboard(district.ctx, {
      unitId: world.districtA1.id,
      year: year - 1,
      sex: 'female',
    });
    const i1 = board.indicators.find((f) => f.indicator.code === 'I1')!;
    expect(i1).toMatchObject({ status: 'no_data', current: { value: null } });
  });
});
