import { hasPermissionAnywhere, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { accountsOfPeople } from '../notifications/notifications.repo.ts';
import { notify } from '../notifications/notifications.service.ts';
import type { Tenant } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './collaboration.repo.ts';
import type {
  ActivityDetail,
  ActivityKind,
  ActivitySummary,
  CreateActivityInput,
  Post,
} from './collaboration.schemas.ts';

/**
 * Regional collaboration: seminars, trainings and international projects held by a regional office,
 * with participants from several countries. Everything is stored in the office's tenant. A country
 * reaches an activity in two ways only: its ministry (sharing.manage at the national root, as for
 * data-sharing agreements) sees those its country is invited to and nominates its own people; a
 * nominated person, signed in to their own country, sees the activities they take part in, the other
 * participants (name, school, country: what their ministries gave at nomination) and the discussion.
 * Anyone else is told "not found". The office never reads a country's people: it holds the snapshot.
 */

interface Actor {
  tenant: Tenant;
  /** Regional office staff (regional.read in a regional tenant): hold and run activities. */
  office: boolean;
  /** The country's ministry: sharing.manage at the top unit. */
  ministry: boolean;
}

interface Access extends Actor {
  activity: repo.ActivityRow;
  countries: repo.CountryRow[];
  participants: repo.ParticipantRow[];
  /** The actor's own place on the list, when their ministry nominated them. */
  self: repo.ParticipantRow | null;
  /** The actor's ministry, and its country is invited. */
  invited: boolean;
}

const nationalSharing = (ctx: Ctx) =>
  scopePaths(ctx, 'sharing.manage').some((path) => path.split('/').filter(Boolean).length <= 1);

async function actorOf(ctx: Ctx): Promise<Actor> {
  const tenant = await org.getTenant(ctx);
  return {
    tenant,
    office: tenant.kind === 'regional' && hasPermissionAnywhere(ctx, 'regional.read'),
    ministry: tenant.kind === 'country' && nationalSharing(ctx),
  };
}

/** The activities the actor reaches: an office its own; a country through the one read across tenants. */
function reached(ctx: Ctx, actor: Actor, activityId?: string): Promise<repo.ActivityRow[]> {
  if (actor.office) return repo.activitiesOf(ctx.db, ctx.tenantId, activityId);
  if (actor.tenant.kind !== 'country') return Promise.resolve([]);
  return repo.activitiesReachedFrom(
    ctx.db,
    ctx.tenantId,
    { invited: actor.ministry, personId: ctx.actor.personId },
    activityId,
  );
}

const isSelf = (ctx: Ctx, p: repo.ParticipantRow) =>
  p.country_tenant_id === ctx.tenantId && p.person_id === ctx.actor.personId;

async function requireActivity(ctx: Ctx, activityId: string): Promise<Access> {
  const actor = await actorOf(ctx);
  const [activity] = await reached(ctx, actor, activityId);
  if (!activity) throw notFound('regional_activity', activityId);
  const [countries, participants] = await Promise.all([
    repo.countriesOf(ctx.db, activity.tenant_id, [activity.id]),
    repo.participantsOf(ctx.db, activity.tenant_id, [activity.id]),
  ]);
  return {
    ...actor,
    activity,
    countries,
    participants,
    self: actor.office ? null : (participants.find((p) => isSelf(ctx, p)) ?? null),
    invited: actor.ministry && countries.some((c) => c.country_tenant_id === ctx.tenantId),
  };
}

const forbidden = (message: string, permission: string) => new AppError('forbidden', message, { permission });

function requireOffice(actor: Actor) {
  if (actor.tenant.kind !== 'regional')
    throw new AppError('not_regional_tenant', 'Only a regional office holds regional activities.', {});
  if (!actor.office) throw forbidden('Only the regional office’s staff run its activities.', 'regional.read');
}

const text = (ctx: Ctx, json: string) => resolveText(JSON.parse(json) as LocalizedText, ctx.locale, ctx.defaultLocale);
const tenantRef = (t: Tenant | undefined, id: string) => ({ id, code: t?.code ?? '', name: t?.name ?? { en: '' } });
const tenantsById = async (ctx: Ctx) => new Map((await org.listTenants(ctx)).map((t) => [t.id, t]));

function toSummary(
  ctx: Ctx,
  actor: Actor,
  row: repo.ActivityRow,
  tenants: Map<string, Tenant>,
  countries: repo.CountryRow[],
  participants: repo.ParticipantRow[],
): ActivitySummary {
  return {
    id: row.id,
    kind: row.kind as ActivityKind,
    title: text(ctx, row.title),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    place: row.place,
    onlineUrl: row.online_url,
    office: tenantRef(tenants.get(row.tenant_id), row.tenant_id),
    countries: countries.length,
    participants: participants.length,
    reach: {
      office: actor.office,
      ministry: actor.ministry && countries.some((c) => c.country_tenant_id === ctx.tenantId),
      participant: !actor.office && participants.some((p) => isSelf(ctx, p)),
    },
  };
}

const invitableFrom = (tenants: Map<string, Tenant>, taken: Set<string>) =>
  [...tenants.values()]
    .filter((t) => t.kind === 'country' && !taken.has(t.id))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((t) => tenantRef(t, t.id));

export async function listActivities(ctx: Ctx) {
  const actor = await actorOf(ctx);
  const rows = await reached(ctx, actor);
  const tenants = await tenantsById(ctx);
  const byOffice = new Map<string, string[]>();
  for (const row of rows) byOffice.set(row.tenant_id, [...(byOffice.get(row.tenant_id) ?? []), row.id]);
  const countries: repo.CountryRow[] = [];
  const participants: repo.ParticipantRow[] = [];
  for (const [office, ids] of byOffice) {
    countries.push(...(await repo.countriesOf(ctx.db, office, ids)));
    participants.push(...(await repo.participantsOf(ctx.db, office, ids)));
  }
  const of = <T extends { tenant_id: string; activity_id: string }>(list: T[], row: repo.ActivityRow) =>
    list.filter((x) => x.tenant_id === row.tenant_id && x.activity_id === row.id);
  return {
    items: rows.map((row) => toSummary(ctx, actor, row, tenants, of(countries, row), of(participants, row))),
    canCreate: actor.office,
    invitable: actor.office ? invitableFrom(tenants, new Set()) : [],
  };
}

export async function getActivity(ctx: Ctx, activityId: string): Promise<ActivityDetail> {
  return detailOf(ctx, await requireActivity(ctx, activityId));
}

async function detailOf(ctx: Ctx, access: Access): Promise<ActivityDetail> {
  const { activity, countries, participants } = access;
  const tenants = await tenantsById(ctx);
  const description = JSON.parse(activity.description) as LocalizedText;
  // The office and the participants see everyone on the list; a ministry not on it, its own people.
  const everyone = access.office || access.self !== null;
  const shown = (p: repo.ParticipantRow) => everyone || p.country_tenant_id === ctx.tenantId;
  const actsOn = (p: repo.ParticipantRow) => access.office || (access.invited && p.country_tenant_id === ctx.tenantId);
  return {
    ...toSummary(ctx, access, activity, tenants, countries, participants),
    description: Object.keys(description).length > 0 ? text(ctx, activity.description) : null,
    invited: countries.map((c) => ({
      ...tenantRef(tenants.get(c.country_tenant_id), c.country_tenant_id),
      invitedAt: c.invited_at,
      participants: participants
        .filter((p) => p.country_tenant_id === c.country_tenant_id && shown(p))
        .map((p) => ({
          personId: actsOn(p) ? p.person_id : null,
          name: p.name,
          school: text(ctx, p.school_name),
          attended: access.office && p.attended !== null ? p.attended === 1 : null,
        })),
    })),
    can: {
      invite: access.office,
      attendance: access.office && activity.kind !== 'project',
      nominate: access.invited,
      post: access.office || access.self !== null,
    },
    invitable: access.office ? invitableFrom(tenants, new Set(countries.map((c) => c.country_tenant_id))) : [],
  };
}

/** Countries by id, each a tenant of kind country; an unknown one is named in the error. */
async function requireCountries(ctx: Ctx, ids: string[]): Promise<string[]> {
  const tenants = await tenantsById(ctx);
  const unknown = ids.filter((id) => tenants.get(id)?.kind !== 'country');
  if (unknown.length > 0)
    throw new AppError('country_tenant_not_found', 'Some invited countries are not countries on this installation.', {
      field: 'body.countryTenantIds',
      ids: unknown,
    });
  return [...new Set(ids)];
}

async function inviteRows(tx: Ctx, activityId: string, ids: string[], already: Set<string>) {
  const at = nowIso();
  const rows = ids
    .filter((id) => !already.has(id))
    .map((country_tenant_id) => ({
      tenant_id: tx.tenantId,
      activity_id: activityId,
      country_tenant_id,
      invited_at: at,
    }));
  await repo.insertCountries(tx.db, rows);
  return rows.map((r) => r.country_tenant_id);
}

export async function createActivity(ctx: Ctx, input: CreateActivityInput): Promise<ActivityDetail> {
  requireOffice(await actorOf(ctx));
  if (input.endsOn < input.startsOn)
    throw new AppError('activity_dates_invalid', 'An activity ends on or after the day it starts.', {
      field: 'body.endsOn',
    });
  const countries = await requireCountries(ctx, input.countryTenantIds);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const row: repo.ActivityRow = {
      tenant_id: tx.tenantId,
      id,
      kind: input.kind,
      title: JSON.stringify(input.title),
      description: JSON.stringify(input.description ?? {}),
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      place: input.place ?? null,
      online_url: input.onlineUrl ?? null,
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    };
    await repo.insertActivity(tx.db, row);
    const invited = await inviteRows(tx, id, countries, new Set());
    await recordAudit(tx.db, tx, 'regional_activity.create', { type: 'regional_activity', id }, null, {
      ...row,
      invited,
    });
  });
  return getActivity(ctx, id);
}

export async function inviteCountries(ctx: Ctx, activityId: string, ids: string[]): Promise<ActivityDetail> {
  const access = await requireActivity(ctx, activityId);
  requireOffice(access);
  const countries = await requireCountries(ctx, ids);
  await inTransaction(ctx, async (tx) => {
    const already = new Set(access.countries.map((c) => c.country_tenant_id));
    const invited = await inviteRows(tx, activityId, countries, already);
    if (invited.length > 0)
      await recordAudit(tx.db, tx, 'regional_activity.invite', { type: 'regional_activity', id: activityId }, null, {
        invited,
      });
  });
  return getActivity(ctx, activityId);
}

/** A ministry's own act on its country's list: unseen is "not found", seen but not the ministry's is "forbidden". */
function requireNominating(access: Access) {
  if (!access.invited)
    throw forbidden('Only the ministry of an invited country nominates its people.', 'sharing.manage');
}

/** The same action, told in the office's audit log too (its actor is the country's officer). */
async function auditBothSides(tx: Ctx, office: string, action: string, id: string, after: unknown) {
  const entity = { type: 'regional_activity', id };
  await recordAudit(tx.db, tx, action, entity, null, after);
  await recordAudit(tx.db, { ...tx, tenantId: office }, action, entity, null, after);
}

/**
 * The ministry nominates people of its own country (among those it may read). What crosses to the
 * office is their name and school as they are now, and which country they come from; nothing else.
 */
export async function nominate(ctx: Ctx, activityId: string, personIds: string[]): Promise<ActivityDetail> {
  const access = await requireActivity(ctx, activityId);
  requireNominating(access);
  const ids = [...new Set(personIds)];
  const placed = await people.requireVisiblePeople(ctx, ids, 'body.personIds');
  const taken = ids.filter((id) =>
    access.participants.some((p) => p.country_tenant_id === ctx.tenantId && p.person_id === id),
  );
  if (taken.length > 0)
    throw new AppError('already_nominated', 'Some of these people are already nominated.', {
      field: 'body.personIds',
      ids: taken,
    });
  const office = access.activity.tenant_id;
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const rows: repo.ParticipantRow[] = [];
    for (const placement of placed) {
      const person = await people.requirePerson(tx, placement.id);
      const unit = await org.requireUnitForPerson(tx, placement.org_unit_id);
      rows.push({
        tenant_id: office,
        activity_id: activityId,
        country_tenant_id: tx.tenantId,
        person_id: person.id,
        name: `${person.given_name} ${person.family_name}`,
        school_name: JSON.stringify(unit.name),
        nominated_by_account_id: tx.actor.accountId,
        nominated_at: at,
        attended: null,
      });
    }
    await repo.insertParticipants(tx.db, rows);
    await auditBothSides(tx, office, 'regional_activity.nominate', activityId, {
      country: tx.tenantId,
      participants: rows.map((r) => ({ personId: r.person_id, name: r.name })),
    });
    const officeTenant = (await org.listTenants(tx)).find((t) => t.id === office);
    await notify(
      tx,
      'regional_nominated',
      await accountsOfPeople(tx.db, tx.tenantId, ids),
      {
        title: { text: JSON.parse(access.activity.title) as LocalizedText },
        office: { text: officeTenant?.name ?? { en: '' } },
        starts: access.activity.starts_on,
      },
      `/regional/activities/${activityId}`,
    );
  });
  return getActivity(ctx, activityId);
}

export async function withdraw(ctx: Ctx, activityId: string, personId: string): Promise<ActivityDetail> {
  const access = await requireActivity(ctx, activityId);
  requireNominating(access);
  const office = access.activity.tenant_id;
  await inTransaction(ctx, async (tx) => {
    const key = { officeTenantId: office, activityId, countryTenantId: tx.tenantId, personId };
    if (!(await repo.deleteParticipant(tx.db, key))) throw notFound('regional_participant', personId);
    await auditBothSides(tx, office, 'regional_activity.withdraw', activityId, { country: tx.tenantId, personId });
  });
  return getActivity(ctx, activityId);
}

export async function recordAttendance(
  ctx: Ctx,
  activityId: string,
  attendance: { countryTenantId: string; personId: string; attended: boolean }[],
): Promise<ActivityDetail> {
  const access = await requireActivity(ctx, activityId);
  requireOffice(access);
  if (access.activity.kind === 'project')
    throw new AppError('activity_is_project', 'Attendance is recorded for seminars and trainings.', { activityId });
  const missing = attendance.filter(
    (a) => !access.participants.some((p) => p.country_tenant_id === a.countryTenantId && p.person_id === a.personId),
  );
  if (missing.length > 0) throw notFound('regional_participant', missing[0]!.personId);
  await inTransaction(ctx, async (tx) => {
    for (const entry of attendance) await repo.setAttended(tx.db, tx.tenantId, activityId, entry);
    await recordAudit(tx.db, tx, 'regional_activity.attendance', { type: 'regional_activity', id: activityId }, null, {
      attendance,
    });
  });
  return getActivity(ctx, activityId);
}

/** The discussion is the office's and the participants'; a ministry not on the list sees its own people only. */
function requireInDiscussion(access: Access) {
  if (!access.office && access.self === null)
    throw forbidden('Only the office and the participants take part in the discussion.', 'regional.read');
}

function toPost(row: repo.PostRow, tenants: Map<string, Tenant>): Post {
  return {
    id: row.id,
    author: row.author_name,
    from: tenantRef(tenants.get(row.author_tenant_id), row.author_tenant_id),
    body: row.body,
    createdAt: row.created_at,
  };
}

export async function listPosts(ctx: Ctx, activityId: string) {
  const access = await requireActivity(ctx, activityId);
  requireInDiscussion(access);
  const [rows, tenants] = await Promise.all([
    repo.postsOf(ctx.db, access.activity.tenant_id, activityId),
    tenantsById(ctx),
  ]);
  return { items: rows.map((row) => toPost(row, tenants)) };
}

export async function addPost(ctx: Ctx, activityId: string, body: string): Promise<Post> {
  const access = await requireActivity(ctx, activityId);
  requireInDiscussion(access);
  // A participant writes under the name their ministry gave; office staff under their own.
  let author = access.self?.name ?? ctx.actor.username;
  if (!access.self && ctx.actor.personId) {
    const person = await people.requirePerson(ctx, ctx.actor.personId);
    author = `${person.given_name} ${person.family_name}`;
  }
  const row: repo.PostRow = {
    tenant_id: access.activity.tenant_id,
    activity_id: activityId,
    id: newId(),
    author_tenant_id: ctx.tenantId,
    author_person_id: ctx.actor.personId,
    author_name: author,
    body,
    created_at: nowIso(),
  };
  await inTransaction(ctx, async (tx) => {
    await repo.insertPost(tx.db, row);
    await recordAudit(
      tx.db,
      { ...tx, tenantId: row.tenant_id },
      'regional_post.create',
      {
        type: 'regional_post',
        id: row.id,
      },
      null,
      { activityId, authorTenantId: row.author_tenant_id },
    );
  });
  return toPost(row, await tenantsById(ctx));
}
