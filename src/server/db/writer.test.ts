import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../test/db.ts';
import { inTransaction, systemBase } from '../shared/context.ts';

describeOnEachDatabase('writes asked for at the same time', (getDb) => {
  it('each commit or fail on their own: a failing one takes none of the others down', async () => {
    const database = getDb();
    await sql`create table writer_probe (x integer primary key)`.execute(database.db);
    const ctx = { ...systemBase(database), tenantId: 'probe' };
    const outcomes = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((x) =>
        inTransaction(ctx, async (tx) => {
          await sql`insert into writer_probe values (${x})`.execute(tx.db);
          if (x === 2) throw new Error('the second fails');
          if (x === 4) await sql`insert into writer_probe values (1)`.execute(tx.db);
          return x;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : 'failed'))).toEqual([1, 'failed', 3, 'failed', 5]);
    expect(outcomes[1]).toMatchObject({ reason: { message: 'the second fails' } });
    const rows = await sql<{ x: number }>`select x from writer_probe order by x`.execute(database.db);
    expect(rows.rows.map((r) => Number(r.x))).toEqual([1, 3, 5]);
  });
});
