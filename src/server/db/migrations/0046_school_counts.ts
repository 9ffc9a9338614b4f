import { type Kysely, PostgresAdapter, SqliteAdapter, sql } from 'kysely';

/**
 * Schools per org unit and place, kept as running counts (monitoring/school.counts.ts) so the
 * indicator dashboard's `schools`, `schools_with_plan` and `schools_with_partner` read a few rows
 * per unit instead of walking every school under it.
 *
 * `school_fact` holds each school's current keys: `schools`, and one `plan:{end}:{start}` per merged
 * interval of its active plans' periods, one `partner:{end}:{start}` per merged interval of the
 * periods of the partnerships naming it (intervals overlapping once sorted by start are merged, so
 * a school is in at most one interval of a kind on any day). `unit_school_count` sums them at the
 * school and at every unit above it: "with a plan today" is the sum of the `plan:` rows whose
 * interval holds today, so nothing is written when the date changes. The end comes first in the key
 * so that a read's range on the primary key skips the intervals that have ended.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  // Keys are compared byte-wise (a read's range over the dates), as paths are.
  const keyType = db.getExecutor().adapter instanceof PostgresAdapter ? sql`text collate "C"` : sql`text`;
  // A unit's rows are read as ranges of the key: on SQLite the table is that order itself.
  const keyOrdered = db.getExecutor().adapter instanceof SqliteAdapter ? sql`without rowid` : sql``;
  await db.schema
    .createTable('school_fact')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('school_id', 'text', (c) => c.notNull())
    .addColumn('key', keyType, (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('school_fact_pk', ['tenant_id', 'school_id', 'key'])
    .modifyEnd(keyOrdered)
    .execute();
  await db.schema
    .createTable('unit_school_count')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('key', keyType, (c) => c.notNull())
    .addColumn('schools', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_school_count_pk', ['tenant_id', 'unit_id', 'key', 'place'])
    .modifyEnd(keyOrdered)
    .execute();

  // The same statements as school.counts.repo.ts rebuildSchoolCounts, as they stand today.
  const tenants = await db.selectFrom('tenant').select('id').execute();
  for (const { id: tenantId } of tenants) {
    await sql`
      with schools as (
        select id, coalesce(locality, 'unknown') || '|' || type as place from org_unit
        where tenant_id = ${tenantId} and type = 'school'
      ),
      iv (school_id, place, kind, s, e) as (
        select u.id, u.place, 'plan', sp.period_start, sp.period_end
        from school_plan sp join schools u on u.id = sp.school_id
        where sp.tenant_id = ${tenantId} and sp.status = 'active' and sp.period_start <= sp.period_end
        union all
        select u.id, u.place, 'partner', p.starts_on, p.ends_on
        from partnership_school ps join schools u on u.id = ps.school_unit_id
        join partnership p on p.tenant_id = ps.tenant_id and p.id = ps.partnership_id
        where ps.tenant_id = ${tenantId} and p.starts_on <= p.ends_on
      ),
      marked as (
        select school_id, place, kind, s, e, case when s <= max(e) over (partition by school_id, kind order by s, e
          rows between unbounded preceding and 1 preceding) then 0 else 1 end as brk
        from iv
      ),
      grouped as (
        select school_id, place, kind, s, e,
          sum(brk) over (partition by school_id, kind order by s, e rows unbounded preceding) as grp
        from marked
      ),
      merged as (
        select school_id, place, kind, min(s) as s, max(e) as e from grouped group by school_id, place, kind, grp
      )
      insert into school_fact (tenant_id, school_id, key, place)
      select cast(${tenantId} as text), id, 'schools', place from schools
      union all
      select cast(${tenantId} as text), school_id, kind || ':' || e || ':' || s, place from merged`.execute(db);
    await sql`
      with recursive above (unit_id, ancestor_id) as (
        select id, id from org_unit where tenant_id = ${tenantId} and type = 'school'
        union all
        select above.unit_id, u.parent_id from above
        join org_unit u on u.tenant_id = ${tenantId} and u.id = above.ancestor_id
        where u.parent_id is not null
      )
      insert into unit_school_count (tenant_id, unit_id, place, key, schools)
      select ${tenantId}, above.ancestor_id, f.place, f.key, count(*)
      from school_fact f join above on above.unit_id = f.school_id
      where f.tenant_id = ${tenantId}
      group by above.ancestor_id, f.place, f.key`.execute(db);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('unit_school_count').execute();
  await db.schema.dropTable('school_fact').execute();
}
