import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { DEMO_TENANT, seedDemo } from '../../../cli/demo.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as org from '../org/org.service.ts';
import * as awards from './awards.service.ts';
import * as credentials from './credentials.service.ts';
import * as rules from './rules.service.ts';

describeOnEachDatabase('the demo recognition', (getDb) => {
  it('has an automatic badge issued to the confirmed teachers and a master-trainer certificate waiting for the assessor', async () => {
    await seedDemo(getDb(), { teachers: 200 });
    const base = systemBase(getDb());
    const tenant = (await org.findTenantByCode(base, DEMO_TENANT))!;
    const ctx: Ctx = { ...base, tenantId: tenant.id };
    const active = await rules.listRules(ctx, 'active');
    expect(active.map((r) => [r.name.en, r.mode])).toEqual([
      ['ICT foundations for teaching', 'automatic'],
      ['Master trainer', 'approval'],
    ]);
    // Issued along the demo's three years to every teacher confirmed in each aspect.
    expect(active[0]!.awards).toMatchObject({ pending: 0, rejected: 0 });
    expect(active[0]!.awards.issued).toBeGreaterThan(0);

    const issued = await awards.listAwards(ctx, { status: 'issued', limit: 50 });
    const first = await credentials.getCredential(ctx, issued[0]!.credentialId!);
    expect(first).toMatchObject({ status: 'active', achievementKey: active[0]!.id });

    const logins = await accounts.listAccounts(ctx, { limit: 200 });
    const trainer = logins.find((a) => a.username === 'trainer')!;
    const assessor = logins.find((a) => a.username === 'assessor')!;
    const queue = await awards.listAwards(
      {
        ...ctx,
        actor: {
          accountId: assessor.id,
          personId: assessor.personId,
          username: 'assessor',
          system: false,
          grants: assessor.grants.map((g) => ({ role: g.role, orgUnitId: g.orgUnitId, orgUnitPath: g.orgUnitPath })),
        },
      },
      { status: 'pending', limit: 50 },
    );
    expect(queue).toEqual([expect.objectContaining({ personId: trainer.personId, ruleId: active[1]!.id })]);
  }, 240_000); // the demo country takes a while to seed on PostgreSQL
});
