import { type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../db/database.ts';
import type {
  DB,
  EventActionTable,
  EventDecisionTable,
  EventGuestTable,
  EventParticipantTable,
  EventTable,
} from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { CANDIDATES, type TextSearch } from './search.ts';

export type EventRow = Selectable<EventTable>;

const eventColumns = [
  'e.id',
  'e.kind',
  'e.title',
  'e.description',
  'e.unit_id',
  'e.unit_path',
  'e.starts_at',
  'e.ends_at',
  'e.place',
  'e.online_url',
  'e.agenda',
  'e.registration_open',
  'e.capacity',
  'e.minutes',
  'e.outcomes',
  'e.created_by_account_id',
  'e.created_at',
  'e.updated_at',
  'e.tenant_id',
] as const;

export function getEvent(db: Kysely<DB>, tenantId: string, id: string): Promise<EventRow | undefined> {
  return db
    .selectFrom('event as e')
    .select(eventColumns)
    .where('e.tenant_id', '=', tenantId)
    .where('e.id', '=', id)
    .executeTakeFirst();
}

/** Holds the event's row until the transaction ends, so two registrations cannot take the last seat. */
export async function lockEvent(db: Kysely<DB>, dialect: Dialect, tenantId: string, id: string) {
  if (dialect !== 'postgres') return; // SQLite runs one writer at a time
  await db
    .selectFrom('event')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .forUpdate()
    .execute();
}

export function insertEvent(db: Kysely<DB>, row: Insertable<EventTable>) {
  return db.insertInto('event').values(row).execute();
}

export function updateEvent(db: Kysely<DB>, tenantId: string, id: string, values: Partial<Insertable<EventTable>>) {
  return db.updateTable('event').set(values).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/**
 * Events the actor may see: under the units they organise at (`managed`), those they are on the list
 * of, and open events of a unit at or above their own (`ancestors`, their own unit's path included).
 */
export function visibleEvents(
  db: Kysely<DB>,
  tenantId: string,
  filter: { managed: string[]; personId: string | null; ancestors: string[]; under?: string; from?: string },
) {
  let q = db
    .selectFrom('event as e')
    .select(eventColumns)
    .where('e.tenant_id', '=', tenantId)
    .where((eb) => {
      const ors = [pathUnder(eb, 'e.unit_path', filter.managed)];
      if (filter.personId)
        ors.push(
          eb.exists(
            eb
              .selectFrom('event_participant as p')
              .select('p.person_id')
              .whereRef('p.tenant_id', '=', 'e.tenant_id')
              .whereRef('p.event_id', '=', 'e.id')
              .where('p.person_id', '=', filter.personId),
          ),
        );
      if (filter.ancestors.length)
        ors.push(eb.and([eb('e.registration_open', '=', 1), eb('e.unit_path', 'in', filter.ancestors)]));
      return eb.or(ors);
    });
  if (filter.under) q = q.where((eb) => pathUnder(eb, 'e.unit_path', [filter.under!]));
  if (filter.from) q = q.where('e.ends_at', '>=', filter.from);
  return q.orderBy('e.starts_at').orderBy('e.id').limit(500).execute();
}

export function participants(db: Kysely<DB>, tenantId: string, eventId: string) {
  return db
    .selectFrom('event_participant as ep')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'ep.tenant_id').onRef('p.id', '=', 'ep.person_id'))
    .select(['ep.person_id', 'ep.source', 'ep.attended', 'p.given_name', 'p.family_name'])
    .where('ep.tenant_id', '=', tenantId)
    .where('ep.event_id', '=', eventId)
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export function guests(db: Kysely<DB>, tenantId: string, eventId: string) {
  return db
    .selectFrom('event_guest')
    .select(['email', 'name', 'attended'])
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .orderBy('email')
    .execute();
}

export async function countParticipants(db: Kysely<DB>, tenantId: string, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('event_participant')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function participantOf(db: Kysely<DB>, tenantId: string, eventId: string, personId: string) {
  return db
    .selectFrom('event_participant')
    .select(['person_id', 'source', 'attended'])
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/** The actor's place on the list of each of these events. */
export async function placesOf(db: Kysely<DB>, tenantId: string, personId: string, eventIds: string[]) {
  if (eventIds.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom('event_participant')
    .select(['event_id', 'source'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .where('event_id', 'in', eventIds)
    .execute();
  return new Map(rows.map((r) => [r.event_id, r.source]));
}

export async function insertParticipants(db: Kysely<DB>, rows: Insertable<EventParticipantTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('event_participant')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id', 'person_id']).doNothing())
    .execute();
}

export async function insertGuests(db: Kysely<DB>, rows: Insertable<EventGuestTable>[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('event_guest')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'event_id', 'email']).doNothing())
    .execute();
}

export function setAttendance(db: Kysely<DB>, tenantId: string, eventId: string, personId: string, attended: boolean) {
  return db
    .updateTable('event_participant')
    .set({ attended: attended ? 1 : 0 })
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export function setGuestAttendance(
  db: Kysely<DB>,
  tenantId: string,
  eventId: string,
  email: string,
  attended: boolean,
) {
  return db
    .updateTable('event_guest')
    .set({ attended: attended ? 1 : 0 })
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export function decisions(db: Kysely<DB>, tenantId: string, eventId: string) {
  return db
    .selectFrom('event_decision')
    .select(['id', 'text', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function insertDecision(db: Kysely<DB>, row: Insertable<EventDecisionTable>) {
  return db.insertInto('event_decision').values(row).execute();
}

export function insertAction(db: Kysely<DB>, row: Insertable<EventActionTable>) {
  return db.insertInto('event_action').values(row).execute();
}

function actionsQuery(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('event_action as a')
    .innerJoin('event as e', (j) => j.onRef('e.tenant_id', '=', 'a.tenant_id').onRef('e.id', '=', 'a.event_id'))
    .innerJoin('person as o', (j) => j.onRef('o.tenant_id', '=', 'a.tenant_id').onRef('o.id', '=', 'a.owner_person_id'))
    .leftJoin('user_account as ca', (j) =>
      j.onRef('ca.tenant_id', '=', 'a.tenant_id').onRef('ca.id', '=', 'a.closed_by_account_id'),
    )
    .leftJoin('person as cp', (j) => j.onRef('cp.tenant_id', '=', 'ca.tenant_id').onRef('cp.id', '=', 'ca.person_id'))
    .select([
      'a.id',
      'a.event_id',
      'a.decision_id',
      'a.title',
      'a.owner_person_id',
      'a.due_on',
      'a.status',
      'a.closed_by_account_id',
      'a.closed_at',
      'a.created_at',
      'e.title as event_title',
      'e.unit_path as event_unit_path',
      'o.given_name as owner_given_name',
      'o.family_name as owner_family_name',
      'ca.username as closer_username',
      'cp.given_name as closer_given_name',
      'cp.family_name as closer_family_name',
    ])
    .where('a.tenant_id', '=', tenantId);
}
export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;

export function getAction(db: Kysely<DB>, tenantId: string, id: string) {
  return actionsQuery(db, tenantId).where('a.id', '=', id).executeTakeFirst();
}

export function actionsOfEvent(db: Kysely<DB>, tenantId: string, eventId: string) {
  return actionsQuery(db, tenantId).where('a.event_id', '=', eventId).orderBy('a.due_on').orderBy('a.id').execute();
}

export function openActionsOf(db: Kysely<DB>, tenantId: string, personId: string) {
  return actionsQuery(db, tenantId)
    .where('a.owner_person_id', '=', personId)
    .where('a.status', '=', 'open')
    .orderBy('a.due_on')
    .orderBy('a.id')
    .execute();
}

export function overdueActionsUnder(db: Kysely<DB>, tenantId: string, roots: string[], today: string) {
  return actionsQuery(db, tenantId)
    .where('a.status', '=', 'open')
    .where('a.due_on', '<', today)
    .where((eb) => pathUnder(eb, 'e.unit_path', roots))
    .orderBy('a.due_on')
    .orderBy('a.id')
    .limit(1000)
    .execute();
}

/** Closes an open action; answers whether it was open (a second close changes nothing). */
export async function closeAction(db: Kysely<DB>, tenantId: string, id: string, accountId: string | null, at: string) {
  const result = await db
    .updateTable('event_action')
    .set({ status: 'done', closed_by_account_id: accountId, closed_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The events a person is on the list of, ending after `from`: the calendar feed. */
export function eventsOfPerson(db: Kysely<DB>, tenantId: string, personId: string, from: string) {
  return db
    .selectFrom('event as e')
    .innerJoin('event_participant as p', (j) =>
      j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.event_id', '=', 'e.id'),
    )
    .select(eventColumns)
    .where('e.tenant_id', '=', tenantId)
    .where('p.person_id', '=', personId)
    .where('e.ends_at', '>=', from)
    .orderBy('e.starts_at')
    .limit(1000)
    .execute();
}

export async function replaceCalendarToken(
  db: Kysely<DB>,
  row: { tenant_id: string; account_id: string; person_id: string; token_hash: string; created_at: string },
) {
  await db
    .deleteFrom('calendar_token')
    .where('tenant_id', '=', row.tenant_id)
    .where('account_id', '=', row.account_id)
    .execute();
  await db.insertInto('calendar_token').values(row).execute();
}

/** The token's owner, if their account is still active: a feed stops with the account. */
export function calendarOwner(db: Kysely<DB>, tokenHash: string) {
  return db
    .selectFrom('calendar_token as t')
    .innerJoin('user_account as a', (j) =>
      j.onRef('a.tenant_id', '=', 't.tenant_id').onRef('a.id', '=', 't.account_id'),
    )
    .innerJoin('tenant', 'tenant.id', 't.tenant_id')
    .select(['t.tenant_id', 't.person_id', 'a.locale', 'tenant.default_locale'])
    .where('t.token_hash', '=', tokenHash)
    .where('a.status', '=', 'active')
    .executeTakeFirst();
}

/** The events matching a search that the reader may open, decided while the candidates are read; best score first. */
export function eventHits(
  db: Kysely<DB>,
  tenantId: string,
  text: TextSearch,
  reader: { personId: string | null; places: string[]; organiserRoots: string[]; limit: number },
) {
  const me = reader.personId;
  const candidates = db
    .selectFrom(text.from!)
    .crossJoin('event as e')
    .select(['e.id', 'e.title', text.score.as('score')])
    .where(text.where)
    .where('e.tenant_id', '=', tenantId)
    .where(sql<SqlBool>`e.id = ${text.id}`)
    .$if(me !== null, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb.exists(
            eb
              .selectFrom('event_participant as p')
              .select('p.person_id')
              .whereRef('p.tenant_id', '=', 'e.tenant_id')
              .whereRef('p.event_id', '=', 'e.id')
              .where('p.person_id', '=', me!),
          ),
          ...(reader.places.length
            ? [eb.and([eb('e.registration_open', '=', 1), eb('e.unit_path', 'in', reader.places)])]
            : []),
          pathUnder(eb, 'e.unit_path', reader.organiserRoots),
        ]),
      ),
    )
    .$if(text.newestFirst !== null, (qb) => qb.orderBy(text.newestFirst!))
    .limit(CANDIDATES);
  return db
    .selectFrom(candidates.as('h'))
    .selectAll('h')
    .orderBy('h.score', 'desc')
    .orderBy('h.id')
    .limit(reader.limit)
    .execute();
}
