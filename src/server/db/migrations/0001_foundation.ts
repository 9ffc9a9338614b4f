import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day, not today's types.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  // Paths are compared byte-wise so that a subtree is a range; PostgreSQL needs the C collation for that.
  const pathType = pg ? sql`text collate "C"` : sql`text`;

  await db.schema
    .createTable('tenant')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('default_locale', 'text', (c) => c.notNull())
    .addColumn('locales', 'text', (c) => c.notNull())
    .addColumn('level_names', 'text', (c) => c.notNull())
    .addColumn('unit_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('org_unit')
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenant.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('path', pathType, (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('locality', 'text')
    .addColumn('teacher_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('org_unit_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('org_unit_parent_fk', ['tenant_id', 'parent_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('org_unit_path_idx').on('org_unit').columns(['tenant_id', 'path']).unique().execute();
  await db.schema.createIndex('org_unit_code_idx').on('org_unit').columns(['tenant_id', 'code']).unique().execute();
  await db.schema.createIndex('org_unit_parent_idx').on('org_unit').columns(['tenant_id', 'parent_id']).execute();

  await db.schema
    .createTable('person')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull())
    .addColumn('org_path', pathType, (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('sort_name', pathType, (c) => c.notNull())
    .addColumn('sex', 'text')
    .addColumn('national_id', 'text')
    .addColumn('emis_id', 'text')
    .addColumn('subjects', 'text', (c) => c.notNull())
    .addColumn('grades', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('person_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('person_unit_fk', ['tenant_id', 'org_unit_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('person_scope_idx')
    .on('person')
    .columns(['tenant_id', 'org_path', 'sort_name', 'id'])
    .execute();
  await db.schema.createIndex('person_unit_idx').on('person').columns(['tenant_id', 'org_unit_id']).execute();
  await db.schema
    .createIndex('person_national_id_idx')
    .on('person')
    .columns(['tenant_id', 'national_id'])
    .unique()
    .execute();

  await db.schema
    .createTable('user_account')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('locale', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('last_login_at', ts)
    .addPrimaryKeyConstraint('user_account_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('user_account_person_fk', ['tenant_id', 'person_id'], 'person', ['tenant_id', 'id'])
    .execute();
  // Usernames sign in without naming a tenant, so they are unique across the instance.
  await db.schema.createIndex('user_account_username_idx').on('user_account').column('username').unique().execute();
  await db.schema
    .createIndex('user_account_person_idx')
    .on('user_account')
    .columns(['tenant_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('role_assignment')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('org_unit_id', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('role_assignment_pk', ['tenant_id', 'id'])
    .addForeignKeyConstraint('role_assignment_account_fk', ['tenant_id', 'account_id'], 'user_account', [
      'tenant_id',
      'id',
    ])
    .addForeignKeyConstraint('role_assignment_unit_fk', ['tenant_id', 'org_unit_id'], 'org_unit', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('role_assignment_unique_idx')
    .on('role_assignment')
    .columns(['tenant_id', 'account_id', 'role', 'org_unit_id'])
    .unique()
    .execute();

  // Keyed by the hash of the secret cookie value: the lookup happens before the tenant is known.
  await db.schema
    .createTable('session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_account_idx').on('session').columns(['tenant_id', 'account_id']).execute();

  await db.schema
    .createTable('api_token')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_used_at', ts)
    .addColumn('revoked_at', ts)
    .addPrimaryKeyConstraint('api_token_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('api_token_hash_idx').on('api_token').column('token_hash').unique().execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_account_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .addColumn('request_id', 'text')
    .addPrimaryKeyConstraint('audit_log_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['tenant_id', 'entity_type', 'entity_id', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'api_token',
    'session',
    'role_assignment',
    'user_account',
    'person',
    'org_unit',
    'tenant',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
