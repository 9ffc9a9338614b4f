import { type Kysely, PostgresAdapter, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = postgres ? sql`timestamptz` : sql`text`;
  const amount = postgres ? sql`double precision` : sql`real`;

  // What is counted about one person beyond competency levels (self-assessed, trained in a module,
  // CPD hours, an agreed plan, coaching visits): the per-person side of the unit figures below, so a
  // change or a move adds the difference to every unit above the teacher.
  await db.schema
    .createTable('person_fact')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('value', amount, (c) => c.notNull())
    .addPrimaryKeyConstraint('person_fact_pk', ['tenant_id', 'person_id', 'fact'])
    .execute();
  await db.schema
    .createTable('unit_fact_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('value', amount, (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_fact_count_pk', ['tenant_id', 'unit_id', 'fact', 'sex'])
    .execute();

  // The results chain of the reform (goal > outcomes > outputs) that indicators measure.
  await db.schema
    .createTable('logframe_objective')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('logframe_objective_pk', ['tenant_id', 'id'])
    .execute();

  // Indicators are data: numerator and denominator name facts; nothing about them is in code.
  await db.schema
    .createTable('indicator')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('numerator', 'text', (c) => c.notNull())
    .addColumn('denominator', 'text')
    .addColumn('factor', 'text', (c) => c.notNull())
    .addColumn('disaggregations', 'text', (c) => c.notNull())
    .addColumn('legend', 'text', (c) => c.notNull())
    .addColumn('objective_id', 'text')
    .addColumn('means_of_verification', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_pk', ['tenant_id', 'id'])
    .execute();
  await db.schema.createIndex('indicator_code_idx').on('indicator').columns(['tenant_id', 'code']).unique().execute();

  // The roadmap: a baseline and yearly targets per indicator and unit; the nearest unit's applies below.
  await db.schema
    .createTable('indicator_target')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', amount, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_target_pk', ['tenant_id', 'indicator_id', 'unit_id', 'kind', 'year'])
    .execute();

  // A closed year's figures, recorded once: the live aggregates only know today.
  await db.schema
    .createTable('indicator_actual')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('numerator', amount, (c) => c.notNull())
    .addColumn('denominator', amount)
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_actual_pk', ['tenant_id', 'indicator_id', 'unit_id', 'year'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'indicator_actual',
    'indicator_target',
    'indicator',
    'logframe_objective',
    'unit_fact_count',
    'person_fact',
  ])
    await db.schema.dropTable(table).execute();
}
