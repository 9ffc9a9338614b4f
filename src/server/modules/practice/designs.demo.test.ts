import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { seedDesigns } from '../../../cli/demo-practice-designs.ts';
import * as designs from './designs.service.ts';

describeOnEachDatabase('demo activity designs', (getDb) => {
  it('seeds designs in several languages, shared at every reach, with comments and second versions', async () => {
    const world = await make.country(getDb());
    await make.publishedStandard(world.ctx);
    const schools = [world.schoolA1, world.schoolA1, world.schoolB1, world.schoolA2, world.schoolA1b];
    const teachers = [];
    for (const [n, school] of schools.entries()) {
      const p = await make.person(world.ctx, school);
      teachers.push({ id: p.id, region: school === world.schoolB1 ? 1 : 0, district: 0, urban: false, n });
    }
    const leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    const counts = await seedDesigns(world.ctx, teachers, { teacherId: teachers[0]!.id, leaderId: leader.person.id });
    expect(counts.designs).toBe(9);
    expect(counts.comments).toBeGreaterThan(5);
    const reader = await make.user(world.ctx, 'teacher', world.schoolB1);
    const shared = await designs.listDesigns(reader.ctx, { scope: 'shared', limit: 100 });
    expect(new Set(shared.items.map((d) => d.language)).size).toBeGreaterThan(1);
    expect(shared.items.every((d) => d.sharing !== 'private')).toBe(true);
    const first = await designs.getDesign(reader.ctx, shared.items.find((d) => d.sharing === 'nation')!.id);
    expect(first.current.content.steps.length).toBeGreaterThan(0);
  });
});
