import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../test/db.ts';
import * as make from '../../../test/factories.ts';
import { preparedQuery } from './prepared.ts';

describeOnEachDatabase('a query compiled once and run with fresh arguments', (getDb) => {
  const unitsOfType = preparedQuery((db, tenantId: string, type: string) =>
    db
      .selectFrom('org_unit')
      .select(['code', 'type'])
      .where('tenant_id', '=', tenantId)
      .where('type', '=', type)
      .where('code', '!=', 'never-a-code')
      .orderBy('code'),
  );
  const renameUnit = preparedQuery((db, tenantId: string, id: string, name: string) =>
    db.updateTable('org_unit').set({ name }).where('tenant_id', '=', tenantId).where('id', '=', id),
  );

  it('binds each argument where it stands, keeps the values it was built with, and answers rows changed', async () => {
    const world = await make.country(getDb());
    const { db } = getDb();
    const schools = (await unitsOfType(db, world.ctx.tenantId, 'school')).rows;
    expect(schools.length).toBeGreaterThan(1);
    expect(schools.every((u) => u.type === 'school')).toBe(true);
    const regions = (await unitsOfType(db, world.ctx.tenantId, 'region')).rows;
    expect(regions.map((u) => u.type)).toEqual(regions.map(() => 'region'));
    expect((await unitsOfType(db, 'another tenant', 'school')).rows).toEqual([]);
    // Inside a transaction, the same text with the transaction's connection.
    await db.transaction().execute(async (trx) => {
      expect((await unitsOfType(trx, world.ctx.tenantId, 'school')).rows).toEqual(schools);
    });

    expect((await renameUnit(db, world.ctx.tenantId, world.schoolA1.id, 'Renamed')).numAffectedRows).toBe(1n);
    expect((await renameUnit(db, world.ctx.tenantId, 'no-such-unit', 'Renamed')).numAffectedRows).toBe(0n);
  });

  it('refuses a query that leaves an argument out', async () => {
    const ignoresType = preparedQuery((db, tenantId: string, _type: string) =>
      db.selectFrom('org_unit').select('code').where('tenant_id', '=', tenantId),
    );
    await expect(ignoresType(getDb().db, 'x', 'school')).rejects.toThrow(/not a parameter/);
  });
});
