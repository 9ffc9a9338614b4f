import { expect, it } from 'vitest';
import { caseValidator } from '../../../../test/case-schema.ts';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { seedDemoFramework } from '../../../cli/demo-framework.ts';
import * as frameworks from './frameworks.service.ts';

describeOnEachDatabase('the demo national standard', (getDb) => {
  it('is published from the template in five languages, with rubrics for 18 competencies x 3 levels and aligned goals', async () => {
    const { ctx } = await make.tenant(getDb());
    const summary = await seedDemoFramework(ctx);
    expect(summary.status).toBe('published');
    const fw = await frameworks.getFramework(ctx, summary.id);
    expect(fw.languages).toEqual(['en', 'ru', 'uz', 'ne', 'fil']);
    expect(fw.rubrics).toHaveLength(54);
    expect(fw.rubrics.every((r) => fw.languages.every((l) => r.descriptor[l]))).toBe(true);
    const view = await frameworks.alignment(ctx, fw.id);
    expect(view.goals).toHaveLength(5);
    expect(view.unservedGoalIds).toHaveLength(1);
    const validate = caseValidator();
    const pkg = await frameworks.exportCase(ctx, fw.id, 'https://pathway.example.org');
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    expect(pkg.CFRubrics[0]!.CFRubricCriteria).toHaveLength(18);
  });
});
