import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // Sign-in throttling shared by every server process: one row per address ('addr:<ip>') and per
  // username tried ('acct:<username>', whether or not the account exists). Usernames are global,
  // so the key carries no tenant.
  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', ts, (c) => c.notNull())
    .addColumn('next_allowed_at', ts)
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  // Forgotten rows (a sprayed username tried once) are pruned by age.
  await db.schema.createIndex('login_throttle_updated_idx').on('login_throttle').column('updated_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_throttle').execute();
}
