import type { Kysely, Selectable } from 'kysely';
import type {
  DB,
  RegionalActivityCountryTable,
  RegionalActivityTable,
  RegionalParticipantTable,
  RegionalPostTable,
} from '../../db/schema.ts';

export type ActivityRow = Selectable<RegionalActivityTable>;
export type CountryRow = Selectable<RegionalActivityCountryTable>;
export type ParticipantRow = Selectable<RegionalParticipantTable>;
export type PostRow = Selectable<RegionalPostTable>;

const ACTIVITY = [
  'a.tenant_id',
  'a.id',
  'a.kind',
  'a.title',
  'a.description',
  'a.starts_on',
  'a.ends_on',
  'a.place',
  'a.online_url',
  'a.created_by_account_id',
  'a.created_at',
] as const;
const COUNTRY = ['tenant_id', 'activity_id', 'country_tenant_id', 'invited_at'] as const;
const PARTICIPANT = [
  'tenant_id',
  'activity_id',
  'country_tenant_id',
  'person_id',
  'name',
  'school_name',
  'nominated_by_account_id',
  'nominated_at',
  'attended',
] as const;
const POST = [
  'tenant_id',
  'activity_id',
  'id',
  'author_tenant_id',
  'author_person_id',
  'author_name',
  'body',
  'created_at',
] as const;

/** An office's own activities, soonest first. */
export function activitiesOf(db: Kysely<DB>, officeTenantId: string, activityId?: string): Promise<ActivityRow[]> {
  let q = db.selectFrom('regional_activity as a').select(ACTIVITY).where('a.tenant_id', '=', officeTenantId);
  if (activityId) q = q.where('a.id', '=', activityId);
  return q.orderBy('a.starts_on').orderBy('a.id').execute();
}

/**
 * THE read across tenants of regional collaboration, by design: the activities of any regional office
 * that a country reaches: those it is invited to (when `invited`: its ministry) and those one of its
 * people (`personId`, in the country's tenant) is nominated to. Every other read of this module is
 * keyed by the office tenant and activity this returns, so nothing else is reached from a country.
 */
export function activitiesReachedFrom(
  db: Kysely<DB>,
  countryTenantId: string,
  who: { invited: boolean; personId: string | null },
  activityId?: string,
): Promise<ActivityRow[]> {
  if (!who.invited && !who.personId) return Promise.resolve([]);
  let q = db
    .selectFrom('regional_activity as a')
    .select(ACTIVITY)
    .where((eb) =>
      eb.or([
        ...(who.invited
          ? [
              eb.exists(
                eb
                  .selectFrom('regional_activity_country as c')
                  .select('c.activity_id')
                  .whereRef('c.tenant_id', '=', 'a.tenant_id')
                  .whereRef('c.activity_id', '=', 'a.id')
                  .where('c.country_tenant_id', '=', countryTenantId),
              ),
            ]
          : []),
        ...(who.personId
          ? [
              eb.exists(
                eb
                  .selectFrom('regional_participant as p')
                  .select('p.activity_id')
                  .whereRef('p.tenant_id', '=', 'a.tenant_id')
                  .whereRef('p.activity_id', '=', 'a.id')
                  .where('p.country_tenant_id', '=', countryTenantId)
                  .where('p.person_id', '=', who.personId),
              ),
            ]
          : []),
      ]),
    );
  if (activityId) q = q.where('a.id', '=', activityId);
  return q.orderBy('a.starts_on').orderBy('a.id').execute();
}

export function countriesOf(db: Kysely<DB>, officeTenantId: string, activityIds: string[]): Promise<CountryRow[]> {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regional_activity_country')
    .select(COUNTRY)
    .where('tenant_id', '=', officeTenantId)
    .where('activity_id', 'in', activityIds)
    .orderBy('invited_at')
    .orderBy('country_tenant_id')
    .execute();
}

export function participantsOf(
  db: Kysely<DB>,
  officeTenantId: string,
  activityIds: string[],
): Promise<ParticipantRow[]> {
  if (activityIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('regional_participant')
    .select(PARTICIPANT)
    .where('tenant_id', '=', officeTenantId)
    .where('activity_id', 'in', activityIds)
    .orderBy('name')
    .orderBy('person_id')
    .execute();
}

export function postsOf(db: Kysely<DB>, officeTenantId: string, activityId: string): Promise<PostRow[]> {
  return db
    .selectFrom('regional_post')
    .select(POST)
    .where('tenant_id', '=', officeTenantId)
    .where('activity_id', '=', activityId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertActivity(db: Kysely<DB>, row: ActivityRow): Promise<void> {
  await db.insertInto('regional_activity').values(row).execute();
}

export async function insertCountries(db: Kysely<DB>, rows: CountryRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('regional_activity_country').values(rows).execute();
}

export async function insertParticipants(db: Kysely<DB>, rows: ParticipantRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('regional_participant').values(rows).execute();
}

/** A ministry's withdrawal of one of its own people; their posts stay (the discussion is append-only). */
export async function deleteParticipant(
  db: Kysely<DB>,
  key: { officeTenantId: string; activityId: string; countryTenantId: string; personId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('regional_participant')
    .where('tenant_id', '=', key.officeTenantId)
    .where('activity_id', '=', key.activityId)
    .where('country_tenant_id', '=', key.countryTenantId)
    .where('person_id', '=', key.personId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function setAttended(
  db: Kysely<DB>,
  officeTenantId: string,
  activityId: string,
  entry: { countryTenantId: string; personId: string; attended: boolean },
): Promise<void> {
  await db
    .updateTable('regional_participant')
    .set({ attended: entry.attended ? 1 : 0 })
    .where('tenant_id', '=', officeTenantId)
    .where('activity_id', '=', activityId)
    .where('country_tenant_id', '=', entry.countryTenantId)
    .where('person_id', '=', entry.personId)
    .execute();
}

export async function insertPost(db: Kysely<DB>, row: PostRow): Promise<void> {
  await db.insertInto('regional_post').values(row).execute();
}
