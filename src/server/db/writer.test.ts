import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../test/db.ts';
import { inTransaction, systemBase } from '../shared/context.ts';
import { addDeltas, type Deltas } from './writer.ts';

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

interface Count {
  k: string;
  n: number;
}

/** Counts kept in a probe table, added to the way tallies are. */
const counts: Deltas<Count> = {
  key: (r) => r.k,
  sum: (into, r) => {
    into.n += r.n;
  },
  write: async (db, rows) => {
    for (const r of rows)
      await sql`insert into count_probe (k, n) values (${r.k}, ${r.n})
        on conflict (k) do update set n = count_probe.n + excluded.n`.execute(db);
  },
};

describeOnEachDatabase('counts added by writes asked for at the same time', (getDb) => {
  it('sum what every successful write added, and nothing of a write that failed', async () => {
    const database = getDb();
    await sql`create table count_probe (k text primary key, n integer not null)`.execute(database.db);
    await sql`create table count_writes (x integer primary key)`.execute(database.db);
    const ctx = { ...systemBase(database), tenantId: 'probe' };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, x) =>
        inTransaction(ctx, async (tx) => {
          await sql`insert into count_writes values (${x})`.execute(tx.db);
          await addDeltas(tx.db, counts, [
            { k: 'all', n: 1 },
            { k: `mod${x % 3}`, n: x },
            { k: 'all', n: 1 },
          ]);
          if (x % 5 === 4) throw new Error('this one fails after adding');
          return x;
        }),
      ),
    );
    const ok = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    expect(ok).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13, 15, 16, 17, 18]);
    const rows = await sql<Count>`select k, n from count_probe order by k`.execute(database.db);
    const expected = new Map<string, number>([['all', 2 * ok.length]]);
    for (const x of ok) expected.set(`mod${x % 3}`, (expected.get(`mod${x % 3}`) ?? 0) + x);
    expect(rows.rows.map((r) => [r.k, Number(r.n)])).toEqual([...expected].sort(([a], [b]) => (a < b ? -1 : 1)));
  });

  it('write nothing when the only write of a commit fails, and are stored by the commit when it succeeds', async () => {
    const database = getDb();
    const ctx = { ...systemBase(database), tenantId: 'probe' };
    await expect(
      inTransaction(ctx, async (tx) => {
        await addDeltas(tx.db, counts, [{ k: 'alone', n: 5 }]);
        throw new Error('fails');
      }),
    ).rejects.toThrow('fails');
    await inTransaction(ctx, (tx) => addDeltas(tx.db, counts, [{ k: 'alone', n: 2 }]));
    const rows = await sql<Count>`select k, n from count_probe where k = 'alone'`.execute(database.db);
    expect(rows.rows.map((r) => Number(r.n))).toEqual([2]);
  });
});
