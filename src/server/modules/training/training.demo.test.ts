import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { DEMO_TENANT, seedDemo } from '../../../cli/demo.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as org from '../org/org.service.ts';
import * as plans from './plans.service.ts';
import * as records from './records.service.ts';
import * as training from './training.ts';

describeOnEachDatabase('the demo training', (getDb) => {
  it('has both example modules, a master-trainer programme, and the qualified demo trainer leading an offering with enrolled teachers', async () => {
    await seedDemo(getDb(), { teachers: 200 });
    const base = systemBase(getDb());
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const titles = (await training.listModules(ctx)).map((m) => m.title.en);
    expect(titles).toEqual(
      expect.arrayContaining(['1:1 computing in the classroom', 'Project-based learning with ICT']),
    );
    const [programme] = await training.listProgrammes(ctx);
    expect(programme).toMatchObject({ code: 'MTP', leadsToRole: 'master_trainer' });

    const trainer = (await accounts.listAccounts(ctx, { limit: 200 })).find((a) => a.username === 'trainer')!;
    // The trainer leads the upcoming run of the 1:1 module and led last term's, which most completed.
    const offerings = await training.listOfferings(ctx, { ledBy: trainer.personId });
    expect(offerings).toHaveLength(2);
    const today = new Date().toISOString().slice(0, 10);
    const upcoming = offerings.find((o) => o.startDate > today);
    expect(upcoming).toMatchObject({
      title: { text: '1:1 computing in the classroom' },
      hostName: { text: 'Northern Highlands Teacher College' },
      enrolled: 4,
    });
    expect((await training.completedBy(ctx, [trainer.personId])).get(trainer.personId)?.programmes).toContain(
      programme!.id,
    );
    const cascade = await records.cascade(ctx, (await org.listUnits(ctx, { limit: 1 }))[0]!.id);
    const lastTerm = offerings.find((o) => o.startDate < today)!;
    const completed = (await training.listEnrolments(ctx, lastTerm.id)).filter((e) => e.result === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    // The demo trainer and each region's college trainer lead the cascade; the trainer's completers are among those reached.
    expect(cascade.totals.masterTrainers).toBe(8);
    expect(cascade.totals.teachersReached).toBeGreaterThan(completed.length);

    const amberfield = (await org.findUnitByCode(ctx, 'R1-D1')).id;
    const demand = await plans.demand(ctx, amberfield);
    expect(demand.modules.length).toBeGreaterThan(0);
    expect(demand.modules.every((m) => m.proposed > 0)).toBe(true);
  }, 240_000); // the demo country takes a while to seed on PostgreSQL
});
