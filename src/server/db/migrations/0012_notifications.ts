import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // The in-app inbox: one row per notification per recipient account, rendered in the recipient's
  // language when written. `digest` is 'none' (no mail due), 'pending' (waits for the daily digest)
  // or 'sent'.
  await db.schema
    .createTable('notification')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('in_inbox', 'integer', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .addPrimaryKeyConstraint('notification_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('notification_account_fk', ['tenant_id', 'account_id'], 'user_account', [
      'tenant_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('notification_inbox_idx')
    .on('notification')
    .columns(['tenant_id', 'account_id', 'created_at'])
    .execute();
  await db.schema.createIndex('notification_digest_idx').on('notification').columns(['digest', 'tenant_id']).execute();

  // Per account and kind; a missing row means the kind's default.
  await db.schema
    .createTable('notification_preference')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('inbox', 'integer', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preference_pk', ['tenant_id', 'account_id', 'kind'])
    .addForeignKeyConstraint('notification_preference_account_fk', ['tenant_id', 'account_id'], 'user_account', [
      'tenant_id',
      'id',
    ])
    .execute();

  // Every mail Pathway sends is written here in the transaction that causes it and sent after the
  // commit by a drain: a failed SMTP delivery stays for the next attempt, and nothing is sent for
  // a change that rolled back.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text')
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['sent_at', 'next_attempt_at']).execute();

  // Password reset links: only the SHA-256 of the token is kept; single use, 30 minutes.
  await db.schema
    .createTable('password_reset')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('used_at', ts)
    .addForeignKeyConstraint('password_reset_account_fk', ['tenant_id', 'account_id'], 'user_account', [
      'tenant_id',
      'id',
    ])
    .execute();
  // Reset requests counted per address ('addr:<ip>') and per username tried ('user:<name>',
  // whether or not it exists), for the rate limits.
  await db.schema
    .createTable('password_reset_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('password_reset_request_key_idx')
    .on('password_reset_request')
    .columns(['key', 'at'])
    .execute();

  // Accounts made by import or by an administrator change their password at first sign-in.
  await db.schema
    .alterTable('user_account')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('user_account').dropColumn('must_change_password').execute();
  for (const table of ['password_reset_request', 'password_reset', 'outbox', 'notification_preference', 'notification'])
    await db.schema.dropTable(table).execute();
}
