import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import * as reports from '../assessment/reports.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as catalogue from './catalogue.service.ts';
import * as plans from './plans.service.ts';

describeOnEachDatabase('development plans after a new version of the standard', (getDb) => {
  it('proposes the modules mapped to the competencies in an earlier version, matched by CASE identifier', async () => {
    const world = await make.country(getDb());
    const v1 = await make.publishedStandard(world.ctx);
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    await reports.setTarget(ministry.ctx, world.nation.id, v1.id, 'KD');
    const old = v1.items.filter((i) => i.type === 'competency');
    // The catalogue was written against 1.x; then 2.0 is published and becomes the current version.
    const module = await make.trainingModule(ministry.ctx, v1, {
      code: 'OLDER',
      outcomes: [
        { itemId: old[0]!.id, levelCode: 'KD' },
        { itemId: old[1]!.id, levelCode: 'KD' },
      ],
    });
    const draft = await frameworks.newVersion(ministry.ctx, v1.id, '2.0');
    await frameworks.setStatus(ministry.ctx, draft.id, 'in_review');
    await frameworks.setStatus(ministry.ctx, draft.id, 'published');
    const v2 = await frameworks.getFramework(ministry.ctx, draft.id);
    const current = (caseIdentifier: string) => v2.items.find((i) => i.caseIdentifier === caseIdentifier)!.id;

    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const assessor = await make.user(world.ctx, 'assessor', world.regionA);
    for (const c of old.slice(0, 3))
      await reviews.rate(assessor.ctx, teacher.person.id, {
        frameworkId: v2.id,
        itemId: current(c.caseIdentifier),
        levelCode: 'KA',
        evidenceIds: [],
      });

    const plan = await plans.generatePlan(teacher.ctx, teacher.person.id);
    expect(plan.frameworkId).toBe(v2.id);
    const moduleOf = new Map(plan.items.map((i) => [i.itemId, i.moduleId]));
    expect(moduleOf.get(current(old[0]!.caseIdentifier))).toBe(module.id);
    expect(moduleOf.get(current(old[1]!.caseIdentifier))).toBe(module.id);
    expect(moduleOf.get(current(old[2]!.caseIdentifier))).toBeNull();
    expect(plan.items.find((i) => i.moduleId === module.id)?.moduleTitle).toEqual(module.displayTitle);

    // The catalogue's competency filter and the feedback's gaps name the competency the same way.
    const byCurrentItem = await catalogue.listModules(teacher.ctx, { itemId: current(old[0]!.caseIdentifier) });
    expect(byCurrentItem.map((m) => m.code)).toContain('OLDER');
    expect(byCurrentItem.find((m) => m.code === 'OLDER')!.outcomes[0]!.caseIdentifier).toBe(old[0]!.caseIdentifier);
    const feedback = await reports.feedback(teacher.ctx, teacher.person.id);
    const gap = feedback.gaps.find((g) => g.itemId === current(old[0]!.caseIdentifier))!;
    expect(gap.caseIdentifier).toBe(old[0]!.caseIdentifier);
  });
});
