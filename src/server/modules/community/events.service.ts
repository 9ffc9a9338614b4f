import { hasPermissionAt, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { accountsOfPeople } from '../notifications/notifications.repo.ts';
import { momentParam, notify } from '../notifications/notifications.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { ownPaths } from './communities.service.ts';
import * as repo from './events.repo.ts';
import type {
  ActionInput,
  AttendanceInput,
  EventAction,
  EventDetail,
  EventInput,
  EventKind,
  EventSummary,
  InviteInput,
  RecordInput,
} from './events.schemas.ts';
import { indexEvent } from './search.ts';

/**
 * Who organises events at a unit: those who manage training or surveys there (officers from the
 * district up, and administrators). Both permissions are held by the same roles today; either suffices,
 * so a survey team can run a policy meeting on its results without running training.
 */
const ORGANISER_PERMISSIONS = ['training.manage', 'surveys.manage'] as const;

export const organises = (ctx: Ctx, path: string) => ORGANISER_PERMISSIONS.some((p) => hasPermissionAt(ctx, p, path));

/** Subtree roots where the actor organises events. */
export function organiserRoots(ctx: Ctx): string[] {
  const paths = [...new Set(ORGANISER_PERMISSIONS.flatMap((p) => scopePaths(ctx, p)))].sort();
  return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

const text = (ctx: Ctx, json: string) => resolveText(JSON.parse(json) as LocalizedText, ctx.locale, ctx.defaultLocale);
const textOrNull = (ctx: Ctx, json: string | null) => (json ? text(ctx, json) : null);
const utc = (moment: string) => new Date(moment).toISOString();

/** The actor's own placement: their unit's path and the paths above it (where open events reach them). */

interface Access {
  event: repo.EventRow;
  manages: boolean;
  place: string | null;
}

/**
 * An event the actor may see: as an organiser at its unit, as someone on its list, or as a person
 * under its unit while registration is open. Otherwise "not found".
 */
async function requireEvent(ctx: Ctx, eventId: string): Promise<Access> {
  const event = await repo.getEvent(ctx.db, ctx.tenantId, eventId);
  if (!event) throw notFound('event', eventId);
  const manages = organises(ctx, event.unit_path);
  const place = ctx.actor.personId
    ? ((await repo.participantOf(ctx.db, ctx.tenantId, eventId, ctx.actor.personId))?.source ?? null)
    : null;
  if (manages || place) return { event, manages, place };
  if (event.registration_open === 1 && (await ownPaths(ctx)).includes(event.unit_path))
    return { event, manages, place };
  throw notFound('event', eventId);
}

/** An event the actor organises: unseen is "not found", seen but not theirs to change is "forbidden". */
async function requireOrganised(ctx: Ctx, eventId: string): Promise<repo.EventRow> {
  const { event, manages } = await requireEvent(ctx, eventId);
  if (!manages)
    throw new AppError('forbidden', 'Only those who manage training or surveys at its unit change an event.', {
      permission: ORGANISER_PERMISSIONS.join(' | '),
    });
  return event;
}

function checkTimes(input: { startsAt: string; endsAt: string }) {
  if (Date.parse(input.endsAt) <= Date.parse(input.startsAt))
    throw new AppError('event_dates_invalid', 'An event ends after it starts.', { field: 'body.endsAt' });
}

const eventValues = (input: EventInput) => ({
  kind: input.kind,
  title: JSON.stringify(input.title),
  description: JSON.stringify(input.description ?? {}),
  starts_at: utc(input.startsAt),
  ends_at: utc(input.endsAt),
  place: input.place ?? null,
  online_url: input.onlineUrl ?? null,
  agenda: JSON.stringify(input.agenda),
  registration_open: input.registrationOpen ? 1 : 0,
  capacity: input.capacity ?? null,
});

/** What community search finds an event by: its title, description and agenda in every language. */
const searchTexts = (input: EventInput) => [input.title, input.description ?? {}, ...input.agenda.map((a) => a.title)];

export async function createEvent(ctx: Ctx, input: EventInput): Promise<EventDetail> {
  const unit = await org.requireUnit(ctx, input.unitId);
  if (!organises(ctx, unit.path))
    throw new AppError('forbidden', 'Only those who manage training or surveys at a unit organise its events.', {
      permission: ORGANISER_PERMISSIONS.join(' | '),
    });
  checkTimes(input);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id,
      ...eventValues(input),
      unit_id: unit.id,
      unit_path: unit.path,
      minutes: null,
      outcomes: null,
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
    };
    await repo.insertEvent(tx.db, row);
    await indexEvent(tx.db, tx.dialect, tx.tenantId, id, searchTexts(input));
    await recordAudit(tx.db, tx, 'event.create', { type: 'event', id }, null, row);
  });
  return getEvent(ctx, id);
}

/** Changes what an event is, where and when; its unit stays (a new unit is a new event). */
export async function updateEvent(ctx: Ctx, eventId: string, input: EventInput): Promise<EventDetail> {
  const before = await requireOrganised(ctx, eventId);
  if (input.unitId !== before.unit_id)
    throw new AppError('validation_failed', 'An event keeps its organising unit.', { field: 'body.unitId' });
  checkTimes(input);
  await inTransaction(ctx, async (tx) => {
    const values = { ...eventValues(input), updated_at: nowIso() };
    await repo.updateEvent(tx.db, tx.tenantId, eventId, values);
    await indexEvent(tx.db, tx.dialect, tx.tenantId, eventId, searchTexts(input));
    await recordAudit(tx.db, tx, 'event.update', { type: 'event', id: eventId }, before, values);
  });
  return getEvent(ctx, eventId);
}

export async function listEvents(ctx: Ctx, query: { unitId?: string | undefined; from?: string | undefined }) {
  const under = query.unitId ? (await org.requireUnit(ctx, query.unitId)).path : undefined;
  const rows = await repo.visibleEvents(ctx.db, ctx.tenantId, {
    managed: organiserRoots(ctx),
    personId: ctx.actor.personId,
    ancestors: await ownPaths(ctx),
    ...(under ? { under } : {}),
    ...(query.from ? { from: utc(query.from) } : {}),
  });
  const places = ctx.actor.personId
    ? await repo.placesOf(
        ctx.db,
        ctx.tenantId,
        ctx.actor.personId,
        rows.map((r) => r.id),
      )
    : new Map<string, string>();
  return { items: rows.map((row) => toSummary(ctx, row, organises(ctx, row.unit_path), places.get(row.id) ?? null)) };
}

function toSummary(ctx: Ctx, row: repo.EventRow, manages: boolean, place: string | null): EventSummary {
  return {
    id: row.id,
    kind: row.kind as EventKind,
    title: text(ctx, row.title),
    unit: { id: row.unit_id },
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    onlineUrl: row.online_url,
    registrationOpen: row.registration_open === 1,
    capacity: row.capacity,
    mine: place as EventSummary['mine'],
    canManage: manages,
  };
}

export async function getEvent(ctx: Ctx, eventId: string): Promise<EventDetail> {
  const { event, manages, place } = await requireEvent(ctx, eventId);
  const [participants, guests, decisions, actions, seatsTaken] = await Promise.all([
    manages ? repo.participants(ctx.db, ctx.tenantId, eventId) : Promise.resolve([]),
    manages ? repo.guests(ctx.db, ctx.tenantId, eventId) : Promise.resolve([]),
    repo.decisions(ctx.db, ctx.tenantId, eventId),
    repo.actionsOfEvent(ctx.db, ctx.tenantId, eventId),
    repo.countParticipants(ctx.db, ctx.tenantId, eventId),
  ]);
  const agenda = JSON.parse(event.agenda) as { time: string; title: LocalizedText; presenter?: string }[];
  const description = JSON.parse(event.description) as LocalizedText;
  const today = todayIso();
  return {
    ...toSummary(ctx, event, manages, place),
    description: Object.keys(description).length ? text(ctx, event.description) : null,
    source: { title: JSON.parse(event.title), description: Object.keys(description).length ? description : null },
    agenda: agenda.map((item) => ({
      time: item.time,
      title: resolveText(item.title, ctx.locale, ctx.defaultLocale),
      presenter: item.presenter ?? null,
    })),
    seatsTaken,
    participants: participants.map((p) => ({
      personId: p.person_id,
      name: `${p.given_name} ${p.family_name}`,
      source: p.source as 'invited' | 'registered',
      attended: p.attended === null ? null : p.attended === 1,
    })),
    guests: guests.map((g) => ({
      email: g.email,
      name: g.name,
      attended: g.attended === null ? null : g.attended === 1,
    })),
    minutes: textOrNull(ctx, event.minutes),
    outcomes: textOrNull(ctx, event.outcomes),
    decisions: decisions.map((d) => ({ id: d.id, text: text(ctx, d.text), createdAt: d.created_at })),
    actions: actions
      .filter((a) => manages || a.owner_person_id === ctx.actor.personId)
      .map((a) => toAction(ctx, a, today)),
  };
}

/**
 * Puts people of the tenant (those the actor can see) and outside guests on the list. People with an
 * account are told in their inbox; guests are kept by email for the organiser to write to.
 */
export async function invite(ctx: Ctx, eventId: string, input: InviteInput): Promise<EventDetail> {
  const event = await requireOrganised(ctx, eventId);
  const personIds = [...new Set(input.personIds)];
  await people.requireVisiblePeople(ctx, personIds, 'body.personIds');
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const already = new Set((await repo.participants(tx.db, tx.tenantId, eventId)).map((p) => p.person_id));
    const fresh = personIds.filter((id) => !already.has(id));
    await repo.insertParticipants(
      tx.db,
      fresh.map((personId) => ({
        tenant_id: tx.tenantId,
        event_id: eventId,
        person_id: personId,
        source: 'invited',
        attended: null,
        created_at: at,
      })),
    );
    await repo.insertGuests(
      tx.db,
      input.guests.map((g) => ({
        tenant_id: tx.tenantId,
        event_id: eventId,
        email: g.email.toLowerCase(),
        name: g.name ?? null,
        attended: null,
        created_at: at,
      })),
    );
    const recipients = await accountsOfPeople(tx.db, tx.tenantId, fresh);
    await notify(
      tx,
      'event_invited',
      recipients,
      { title: { text: JSON.parse(event.title) }, starts: momentParam(event.starts_at) },
      `/events/${eventId}`,
    );
    await recordAudit(tx.db, tx, 'event.invite', { type: 'event', id: eventId }, null, {
      personIds: fresh,
      guests: input.guests.map((g) => g.email.toLowerCase()),
    });
  });
  return getEvent(ctx, eventId);
}

/** The actor registers for an open event of a unit at or above their own, before it starts, while seats remain. */
export async function register(ctx: Ctx, eventId: string): Promise<EventDetail> {
  const { event, place } = await requireEvent(ctx, eventId);
  const personId = ctx.actor.personId;
  if (!personId || !(await ownPaths(ctx)).includes(event.unit_path)) throw notFound('event', eventId);
  if (place) throw new AppError('already_registered', 'You are already on the list of this event.', { eventId });
  if (event.registration_open !== 1 || Date.parse(event.starts_at) <= Date.now())
    throw new AppError('event_registration_closed', 'Registration for this event is closed.', { eventId });
  await inTransaction(ctx, async (tx) => {
    await repo.lockEvent(tx.db, tx.dialect, tx.tenantId, eventId);
    if (event.capacity !== null && (await repo.countParticipants(tx.db, tx.tenantId, eventId)) >= event.capacity)
      throw new AppError('event_full', 'This event is full.', { eventId, capacity: event.capacity });
    await repo.insertParticipants(tx.db, [
      {
        tenant_id: tx.tenantId,
        event_id: eventId,
        person_id: personId,
        source: 'registered',
        attended: null,
        created_at: nowIso(),
      },
    ]);
    await recordAudit(tx.db, tx, 'event.register', { type: 'event', id: eventId }, null, { personId });
  });
  return getEvent(ctx, eventId);
}

/** Who came, recorded by the organiser once the event has started; people and guests must be on the list. */
export async function recordAttendance(ctx: Ctx, eventId: string, input: AttendanceInput): Promise<EventDetail> {
  const event = await requireOrganised(ctx, eventId);
  if (Date.parse(event.starts_at) > Date.now())
    throw new AppError('event_not_started', 'Attendance is recorded once the event has started.', { eventId });
  await inTransaction(ctx, async (tx) => {
    for (const p of input.people) {
      const result = await repo.setAttendance(tx.db, tx.tenantId, eventId, p.personId, p.attended);
      if (Number(result.numUpdatedRows) !== 1)
        throw new AppError('not_a_participant', 'This person is not on the list of this event.', {
          field: 'body.people',
          personId: p.personId,
        });
    }
    for (const g of input.guests) {
      const result = await repo.setGuestAttendance(tx.db, tx.tenantId, eventId, g.email.toLowerCase(), g.attended);
      if (Number(result.numUpdatedRows) !== 1)
        throw new AppError('not_a_participant', 'This guest is not on the list of this event.', {
          field: 'body.guests',
          email: g.email,
        });
    }
    await recordAudit(tx.db, tx, 'event.attendance', { type: 'event', id: eventId }, null, input);
  });
  return getEvent(ctx, eventId);
}

function requireEnded(event: repo.EventRow) {
  if (Date.parse(event.ends_at) > Date.now())
    throw new AppError('event_not_ended', 'Minutes, decisions and actions are recorded after the event.', {
      eventId: event.id,
    });
}

/** Minutes and outcomes, after the event; written again, they replace the last (the audit log keeps each). */
export async function recordMinutes(ctx: Ctx, eventId: string, input: RecordInput): Promise<EventDetail> {
  const event = await requireOrganised(ctx, eventId);
  requireEnded(event);
  await inTransaction(ctx, async (tx) => {
    const values = {
      minutes: JSON.stringify(input.minutes),
      outcomes: input.outcomes ? JSON.stringify(input.outcomes) : null,
      updated_at: nowIso(),
    };
    await repo.updateEvent(tx.db, tx.tenantId, eventId, values);
    await recordAudit(
      tx.db,
      tx,
      'event.minutes',
      { type: 'event', id: eventId },
      { minutes: event.minutes, outcomes: event.outcomes },
      values,
    );
  });
  return getEvent(ctx, eventId);
}

export async function addDecision(ctx: Ctx, eventId: string, decision: LocalizedText): Promise<EventDetail> {
  const event = await requireOrganised(ctx, eventId);
  requireEnded(event);
  await inTransaction(ctx, async (tx) => {
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      event_id: eventId,
      text: JSON.stringify(decision),
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    };
    await repo.insertDecision(tx.db, row);
    await recordAudit(tx.db, tx, 'event.decision', { type: 'event_decision', id: row.id }, null, row);
  });
  return getEvent(ctx, eventId);
}

/** A follow-up action with an owner (a person the actor can see) and a due day. */
export async function addAction(ctx: Ctx, eventId: string, input: ActionInput): Promise<EventAction> {
  const event = await requireOrganised(ctx, eventId);
  requireEnded(event);
  await people.requireVisiblePeople(ctx, [input.ownerPersonId], 'body.ownerPersonId');
  if (input.decisionId && !(await repo.decisions(ctx.db, ctx.tenantId, eventId)).some((d) => d.id === input.decisionId))
    throw notFound('event_decision', input.decisionId);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const row = {
      tenant_id: tx.tenantId,
      id,
      event_id: eventId,
      decision_id: input.decisionId ?? null,
      title: JSON.stringify(input.title),
      owner_person_id: input.ownerPersonId,
      due_on: input.dueOn,
      status: 'open',
      closed_by_account_id: null,
      closed_at: null,
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    };
    await repo.insertAction(tx.db, row);
    await recordAudit(tx.db, tx, 'event_action.create', { type: 'event_action', id }, null, row);
  });
  return toAction(ctx, (await repo.getAction(ctx.db, ctx.tenantId, id))!, todayIso());
}

/**
 * Closes an action: its owner or an organiser of its event, once. The row records who and when, and
 * the audit log keeps the row as it was and as it became (an action is never reopened or deleted).
 */
export async function closeAction(ctx: Ctx, actionId: string): Promise<EventAction> {
  const action = await repo.getAction(ctx.db, ctx.tenantId, actionId);
  const mine = action && ctx.actor.personId !== null && action.owner_person_id === ctx.actor.personId;
  if (!action || !(mine || organises(ctx, action.event_unit_path))) throw notFound('event_action', actionId);
  if (action.status !== 'open') throw new AppError('event_action_closed', 'This action is already done.', { actionId });
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    if (!(await repo.closeAction(tx.db, tx.tenantId, actionId, tx.actor.accountId, at)))
      throw new AppError('event_action_closed', 'This action is already done.', { actionId });
    await recordAudit(
      tx.db,
      tx,
      'event_action.close',
      { type: 'event_action', id: actionId },
      { status: 'open' },
      { status: 'done', closedByAccountId: tx.actor.accountId, closedAt: at },
    );
  });
  return toAction(ctx, (await repo.getAction(ctx.db, ctx.tenantId, actionId))!, todayIso());
}

/** The actor's open actions, soonest due first. */
export async function myActions(ctx: Ctx) {
  if (!ctx.actor.personId) return { items: [] };
  const today = todayIso();
  const rows = await repo.openActionsOf(ctx.db, ctx.tenantId, ctx.actor.personId);
  return { items: rows.map((r) => toAction(ctx, r, today)) };
}

/** Open actions past their due day, of events the actor organises. */
export async function overdueActions(ctx: Ctx) {
  const roots = organiserRoots(ctx);
  if (roots.length === 0) return { items: [] };
  const today = todayIso();
  const rows = await repo.overdueActionsUnder(ctx.db, ctx.tenantId, roots, today);
  return { items: rows.map((r) => toAction(ctx, r, today)) };
}

function toAction(ctx: Ctx, row: repo.ActionRow, today: string): EventAction {
  return {
    id: row.id,
    eventId: row.event_id,
    eventTitle: text(ctx, row.event_title),
    decisionId: row.decision_id,
    title: text(ctx, row.title),
    owner: { personId: row.owner_person_id, name: `${row.owner_given_name} ${row.owner_family_name}` },
    dueOn: row.due_on,
    status: row.status as 'open' | 'done',
    overdue: row.status === 'open' && row.due_on < today,
    closedAt: row.closed_at,
    closedBy: row.closed_by_account_id
      ? {
          accountId: row.closed_by_account_id,
          name: row.closer_given_name
            ? `${row.closer_given_name} ${row.closer_family_name}`
            : (row.closer_username ?? ''),
        }
      : null,
    createdAt: row.created_at,
  };
}
