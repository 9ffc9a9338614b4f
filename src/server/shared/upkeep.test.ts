import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../test/db.ts';
import { type Ctx, gatheredUpkeep, gatheringUpkeep, inTransaction, systemBase } from './context.ts';

describeOnEachDatabase('upkeep gathered over one write', (getDb) => {
  const key = {};
  /** Asks for the probe's upkeep of `value`: gathered inside `gatheringUpkeep`, else done at once. */
  async function askFor(ctx: Ctx, value: number) {
    const gathered = gatheredUpkeep(
      ctx,
      key,
      () => new Set<number>(),
      (tx, values) => writeSum(tx, [...values]),
    );
    if (gathered) gathered.add(value);
    else await writeSum(ctx, [value]);
  }
  const writeSum = async (ctx: Ctx, values: number[]) => {
    await sql`insert into upkeep_probe (total) values (${values.reduce((a, b) => a + b, 0)})`.execute(ctx.db);
  };
  const probe = async (db = getDb().db) =>
    (await sql<{ total: number }>`select total from upkeep_probe`.execute(db)).rows.map((r) => Number(r.total));

  it('is done once, at the end of the write and in its transaction; a failed write leaves none of it', async () => {
    const database = getDb();
    await sql`create table upkeep_probe (total integer)`.execute(database.db);
    const ctx: Ctx = { ...systemBase(database), tenantId: 'probe' };

    await askFor(ctx, 1);
    expect(await probe()).toEqual([1]);

    await gatheringUpkeep(ctx, async (tx) => {
      await askFor(tx, 2);
      // A nested write joins the gathering, as a service called inside another one does.
      await gatheringUpkeep(tx, (inner) => askFor(inner, 3));
      await inTransaction(tx, (inner) => askFor(inner, 2));
      expect(await probe(tx.db)).toEqual([1]);
    });
    // One row for the gathered write: 2 and 3 (2 asked for twice), done once.
    expect(await probe()).toEqual([1, 5]);

    await expect(
      gatheringUpkeep(ctx, async (tx) => {
        await askFor(tx, 7);
        throw new Error('the write fails');
      }),
    ).rejects.toThrow('the write fails');
    await expect(
      gatheringUpkeep(ctx, async (tx) => {
        await askFor(tx, 7);
        gatheredUpkeep(
          tx,
          {},
          () => null,
          () => Promise.reject(new Error('the upkeep fails')),
        );
        await sql`insert into upkeep_probe (total) values (0)`.execute(tx.db);
      }),
    ).rejects.toThrow('the upkeep fails');
    expect(await probe()).toEqual([1, 5]);
  });
});
