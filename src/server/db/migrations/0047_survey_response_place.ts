import { type Kysely, sql } from 'kysely';

/**
 * A response keeps the place it was given from, as the indicator breakdowns group people
 * (`{urban|rural|unknown}|{type}` of a school, TEI or resource centre, else `other`), and the tallies
 * gain a group per place, so a survey fact's urban/rural and type breakdowns are read from a few tally
 * rows per unit instead of the round's responses. Tallies are a projection: they are cleared and every
 * response waits to be folded again by the next reader.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('survey_response')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo('other'))
    .execute();
  await sql`update survey_response set place = coalesce((select case
      when u.type in ('school', 'tei', 'resource_centre') then coalesce(u.locality, 'unknown') || '|' || u.type
      else 'other' end
    from org_unit u where u.tenant_id = survey_response.tenant_id and u.id = survey_response.unit_id), 'other')`.execute(
    db,
  );
  await sql`delete from survey_tally`.execute(db);
  await sql`update survey_response set tallied = 0`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up().
export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from survey_tally where grp like 'place:%'`.execute(db);
  await db.schema.alterTable('survey_response').dropColumn('place').execute();
}
