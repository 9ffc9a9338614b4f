import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Every unit count row carries the place of work of the teachers it counts (`place`: the nearest
 * school, TEI or resource centre at or above their unit, as `{urban|rural|unknown}|{type}`, or
 * `other`). A unit's breakdown by urban/rural and by type of institution is then its own rows,
 * instead of a walk over every place of work below it. The counts are a projection, so the tables
 * are made again and recounted from people, statuses and person facts.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const amount = postgres ? sql`double precision` : sql`real`;
  for (const table of ['unit_competency_count', 'unit_teacher_count', 'unit_fact_count'])
    await db.schema.dropTable(table).execute();
  await db.schema
    .createTable('unit_competency_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('framework_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('level_code', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_competency_count_pk', [
      'tenant_id',
      'unit_id',
      'framework_id',
      'item_id',
      'basis',
      'level_code',
      'sex',
      'place',
    ])
    .execute();
  await db.schema
    .createTable('unit_teacher_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('teachers', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_teacher_count_pk', ['tenant_id', 'unit_id', 'sex', 'place'])
    .execute();
  await db.schema
    .createTable('unit_fact_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('fact', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('value', amount, (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_fact_count_pk', ['tenant_id', 'unit_id', 'fact', 'sex', 'place'])
    .execute();

  const tenants = await sql<{ id: string }>`select id from tenant`.execute(db);
  for (const { id } of tenants.rows) await recount(db, id);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
async function recount(db: Kysely<any>, tenantId: string) {
  const sex = sql.raw(`coalesce(p.sex, 'unknown')`);
  const places = sql.join(['school', 'tei', 'resource_centre']);
  const tree = sql`
    above (unit_id, ancestor_id) as (
      select id, id from org_unit where tenant_id = ${tenantId}
      union all
      select above.unit_id, u.parent_id from above
      join org_unit u on u.tenant_id = ${tenantId} and u.id = above.ancestor_id
      where u.parent_id is not null
    ),
    placed (id, place) as (
      select id, case when type in (${places}) then coalesce(locality, 'unknown') || '|' || type else 'other' end
      from org_unit where tenant_id = ${tenantId} and parent_id is null
      union all
      select u.id, case when u.type in (${places}) then coalesce(u.locality, 'unknown') || '|' || u.type
        else placed.place end
      from placed join org_unit u on u.tenant_id = ${tenantId} and u.parent_id = placed.id
    )`;
  await sql`
    with recursive ${tree},
    direct as (
      select p.org_unit_id as unit_id, ${sex} as sex, count(*) as n from person p
      where p.tenant_id = ${tenantId} and p.category = 'teacher' group by p.org_unit_id, ${sex}
    )
    insert into unit_teacher_count (tenant_id, unit_id, sex, place, teachers)
    select ${tenantId}, above.ancestor_id, direct.sex, placed.place, sum(direct.n)
    from direct join above on above.unit_id = direct.unit_id join placed on placed.id = direct.unit_id
    group by above.ancestor_id, direct.sex, placed.place`.execute(db);
  await sql`
    with recursive ${tree},
    direct as (
      select p.org_unit_id as unit_id, c.framework_id, c.item_id, 'self' as basis,
        coalesce(c.self_level_code, 'not_yet') as level_code, ${sex} as sex, count(*) as n
      from competency_status c join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and p.category = 'teacher' and c.self_event_id is not null
      group by p.org_unit_id, c.framework_id, c.item_id, coalesce(c.self_level_code, 'not_yet'), ${sex}
      union all
      select p.org_unit_id as unit_id, c.framework_id, c.item_id, 'confirmed' as basis,
        coalesce(c.confirmed_level_code, 'not_yet') as level_code, ${sex} as sex, count(*) as n
      from competency_status c join person p on p.tenant_id = c.tenant_id and p.id = c.person_id
      where c.tenant_id = ${tenantId} and p.category = 'teacher' and c.confirmed_event_id is not null
      group by p.org_unit_id, c.framework_id, c.item_id, coalesce(c.confirmed_level_code, 'not_yet'), ${sex}
    )
    insert into unit_competency_count (tenant_id, unit_id, framework_id, item_id, basis, level_code, sex, place, teachers)
    select ${tenantId}, above.ancestor_id, direct.framework_id, direct.item_id, direct.basis, direct.level_code,
      direct.sex, placed.place, sum(direct.n)
    from direct join above on above.unit_id = direct.unit_id join placed on placed.id = direct.unit_id
    group by above.ancestor_id, direct.framework_id, direct.item_id, direct.basis, direct.level_code, direct.sex,
      placed.place`.execute(db);
  await sql`
    with recursive ${tree},
    direct as (
      select p.org_unit_id as unit_id, f.fact, ${sex} as sex, sum(f.value) as value
      from person_fact f join person p on p.tenant_id = f.tenant_id and p.id = f.person_id
      where f.tenant_id = ${tenantId} and p.category = 'teacher' group by p.org_unit_id, f.fact, ${sex}
    )
    insert into unit_fact_count (tenant_id, unit_id, fact, sex, place, value)
    select ${tenantId}, above.ancestor_id, direct.fact, direct.sex, placed.place, sum(direct.value)
    from direct join above on above.unit_id = direct.unit_id join placed on placed.id = direct.unit_id
    group by above.ancestor_id, direct.fact, direct.sex, placed.place`.execute(db);
}

/** Back to the shapes of 0006 and 0007, empty: `pathway rebuild-aggregates` counts them again. */
// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const table of ['unit_competency_count', 'unit_teacher_count', 'unit_fact_count'])
    await db.schema.dropTable(table).execute();
  await sql`create table unit_competency_count (tenant_id text not null, unit_id text not null,
    framework_id text not null, item_id text not null, basis text not null, level_code text not null,
    sex text not null, teachers integer not null, constraint unit_competency_count_pk
    primary key (tenant_id, unit_id, framework_id, item_id, basis, level_code, sex))`.execute(db);
  await sql`create table unit_teacher_count (tenant_id text not null, unit_id text not null, sex text not null,
    teachers integer not null, constraint unit_teacher_count_pk primary key (tenant_id, unit_id, sex))`.execute(db);
  await sql`create table unit_fact_count (tenant_id text not null, unit_id text not null, fact text not null,
    sex text not null, value ${postgres ? sql`double precision` : sql`real`} not null,
    constraint unit_fact_count_pk primary key (tenant_id, unit_id, fact, sex))`.execute(db);
}
