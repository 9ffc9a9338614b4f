import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { DEMO_TENANT, seedDemo } from '../../../cli/demo.ts';
import { seedPartnerships } from '../../../cli/demo-practice-partnerships.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as org from '../org/org.service.ts';
import { coachLinks } from './coaching.links.ts';
import * as partnerships from './partnerships.service.ts';

describeOnEachDatabase('the demo partnerships', (getDb) => {
  it('partners every region college with some of its schools, the demo trainer coaching at Amberfield School No. 1', async () => {
    await seedDemo(getDb(), { teachers: 200 });
    const base = systemBase(getDb());
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const logins = await accounts.listAccounts(ctx, { limit: 200 });
    const personOf = (username: string) => logins.find((a) => a.username === username)!.personId!;
    // Until seedDemo runs it itself.
    if ((await partnerships.listPartnerships(ctx, { status: 'all' })).length === 0)
      await seedPartnerships(ctx, { trainerId: personOf('trainer') });

    const all = await partnerships.listPartnerships(ctx, { status: 'active' });
    const colleges = await ctx.db.selectFrom('org_unit').select('id').where('type', '=', 'tei').execute();
    expect(new Set(all.map((p) => p.host.id)).size).toBe(colleges.length);
    const northern = all.find((p) => p.host.name.text === 'Northern Highlands Teacher College')!;
    const page = await partnerships.getPartnership(ctx, northern.id);
    expect(page.schools.map((s) => s.name.text)).toContain('Amberfield School No. 1');
    expect(page.coaches.map((c) => c.personId)).toContain(personOf('trainer'));
    expect(page.log.length).toBeGreaterThan(3);
    expect((await coachLinks(ctx, personOf('trainer'))).get(personOf('teacher'))).toContain('partnership');

    const nation = (await org.listUnits(ctx, { limit: 1 }))[0]!;
    const coverage = await partnerships.coverage(ctx, nation.id, { partner: 'without' });
    expect(coverage.withPartner).toBeGreaterThan(colleges.length);
    expect(coverage.withoutPartner).toBeGreaterThan(0);
    expect(coverage.list.map((s) => s.name.text)).toContain('Amberfield School No. 2');
  });
});
