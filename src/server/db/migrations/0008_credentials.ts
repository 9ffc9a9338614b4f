import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const ts = db.getExecutor().adapter instanceof PostgresAdapter ? sql`timestamptz` : sql`text`;

  // One row per issuing tenant. Issuing updates it first (to take a status index), so on
  // PostgreSQL its row lock serialises key creation, rotation and index allocation per tenant.
  await db.schema
    .createTable('credential_issuer')
    .addColumn('tenant_id', 'text', (c) => c.notNull().primaryKey())
    .addColumn('key_seq', 'integer', (c) => c.notNull())
    .addColumn('next_status_index', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  // Ed25519 keys. The secret key is AES-256-GCM ciphertext under the configured key secret;
  // retired keys stay (and stay published) so credentials they signed still verify.
  await db.schema
    .createTable('issuer_key')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    .addColumn('secret_key_encrypted', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('retired_at', ts)
    .addPrimaryKeyConstraint('issuer_key_pk', ['tenant_id', 'id'])
    .execute();

  // The signed credential exactly as issued (`document`, never rewritten); its status lives
  // in its own columns, and every change of it in the audit log.
  await db.schema
    .createTable('credential')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('achievement_key', 'text', (c) => c.notNull())
    .addColumn('achievement_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('valid_from', ts, (c) => c.notNull())
    .addColumn('valid_until', ts)
    .addColumn('issued_at', ts, (c) => c.notNull())
    .addColumn('issued_by_account_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', ts)
    .addColumn('status_changed_by_account_id', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('credential_person_idx')
    .on('credential')
    .columns(['tenant_id', 'person_id', 'issued_at'])
    .execute();
  await db.schema
    .createIndex('credential_status_index_idx')
    .on('credential')
    .columns(['tenant_id', 'status_index'])
    .unique()
    .execute();
  // The public verification page knows only the credential id (a UUID, unique across tenants),
  // like the CASE provider knows only an identifier.
  await db.schema.createIndex('credential_public_idx').on('credential').column('id').execute();

  // The signed Bitstring Status List credentials, rebuilt and re-signed whenever a bit changes.
  await db.schema
    .createTable('credential_status_list')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('list_no', 'integer', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('credential_status_list_pk', ['tenant_id', 'purpose', 'list_no'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credential_status_list').execute();
  await db.schema.dropTable('credential').execute();
  await db.schema.dropTable('issuer_key').execute();
  await db.schema.dropTable('credential_issuer').execute();
}
