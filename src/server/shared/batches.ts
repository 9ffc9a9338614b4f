/**
 * One statement binds at most 32,766 parameters on SQLite and 65,535 on PostgreSQL: a multi-row
 * write or an `in (...)` list sized by the caller's data (a results file of 3,000 teachers, a
 * district's people) is cut into statements that stay well under both, whatever the data.
 */
const PARAMETERS_PER_STATEMENT = 30_000;

/** Rows per multi-row insert: at most 500 (the bulk loads' size), fewer for rows of many columns. */
export function rowsPerStatement(columnsPerRow: number, most = 500): number {
  return Math.max(1, Math.min(most, Math.floor(PARAMETERS_PER_STATEMENT / Math.max(1, columnsPerRow))));
}

/** Keys per `where(column, 'in', keys)`: leaves room for the statement's other parameters. */
export const KEYS_PER_STATEMENT = 1_000;

/** `items` in consecutive slices of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** Runs `write` on each slice in turn (one statement after another, in the caller's transaction). */
export async function writeInBatches<T>(items: readonly T[], size: number, write: (batch: T[]) => Promise<unknown>) {
  for (const batch of batches(items, size)) await write(batch);
}

/**
 * The rows of `read` over every key, one statement per slice of keys. Rows come back slice by
 * slice: a caller that needs one order across all of them sorts the result.
 */
export async function readInBatches<K, R>(
  keys: readonly K[],
  read: (batch: K[]) => Promise<R[]>,
  size = KEYS_PER_STATEMENT,
): Promise<R[]> {
  if (keys.length === 0) return [];
  if (keys.length <= size) return read([...keys]);
  const out: R[] = [];
  for (const batch of batches(keys, size)) out.push(...(await read(batch)));
  return out;
}
