import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction, systemActor } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as partnerships from '../practice/partnerships.service.ts';
import { requireOffering, requireScheduled } from '../training/offerings.service.ts';
import * as trainingRepo from '../training/training.repo.ts';
import * as repo from './communities.repo.ts';
import type {
  CommunityAccess,
  CommunityDetail,
  CommunityKind,
  CommunitySummary,
  CreateCommunityInput,
  MemberRole,
} from './communities.schemas.ts';

/*
 * Communities of practice. Who reads one: its members; for an open community, anyone placed at or
 * under its unit (who may also join); and moderators by scope (`community.moderate` over its unit).
 * Who moderates: its owners and moderators, and those moderators by scope. Anyone else gets 404.
 *
 * A cohort community belongs to a training offering and is made the first time it is asked for
 * (`GET /api/offerings/:id/community`). Its members are not chosen: the offering's enrolled people
 * and its trainers (as moderators), brought up to date whenever the community is opened, so an
 * enrolment or a withdrawal shows the next time anyone reads or posts there.
 *
 * A cancelled offering will never meet, though its enrolments stay (they show who was affected). Its
 * cohort community keeps the members it had, so what they said stays theirs to read, but is no longer
 * brought up to date: nobody joins a cohort that will not take place. One never opened before the
 * cancellation is not made (409 `offering_cancelled`).
 */

const ENTITY = 'community';
export const nameOf = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

export interface Access {
  community: repo.CommunityRow;
  role: MemberRole | null;
  moderates: boolean;
  /** Placed under an open community's unit: may join. */
  placedUnder: boolean;
}

/** The actor's place and the paths above it, where open communities and events reach them. */
export async function ownPaths(ctx: Ctx): Promise<string[]> {
  if (!ctx.actor.personId) return [];
  const [me] = await people.placementsOf(ctx, [ctx.actor.personId]);
  return me ? [...org.ancestorPathsOf(me.org_path), me.org_path] : [];
}

const moderatesByScope = (ctx: Ctx, c: repo.CommunityRow) => hasPermissionAt(ctx, 'community.moderate', c.unit_path);

/** A community the actor may read (a cohort's members brought up to date first); otherwise "not found". */
export async function requireCommunity(ctx: Ctx, communityId: string): Promise<Access> {
  const community = await repo.getCommunity(ctx.db, ctx.tenantId, communityId);
  if (!community) throw notFound(ENTITY, communityId);
  if (community.kind === 'cohort') await syncCohort(ctx, community);
  return accessTo(ctx, community, communityId);
}

async function accessTo(ctx: Ctx, community: repo.CommunityRow, communityId: string): Promise<Access> {
  const me = ctx.actor.personId;
  const [membership, places] = await Promise.all([
    me ? repo.membership(ctx.db, ctx.tenantId, community.id, me) : undefined,
    community.access === 'open' ? ownPaths(ctx) : ([] as string[]),
  ]);
  const role = membership?.role as MemberRole | undefined;
  const byScope = moderatesByScope(ctx, community);
  const placedUnder = places.includes(community.unit_path);
  if (!role && !byScope && !placedUnder) throw notFound(ENTITY, communityId);
  return {
    community,
    role: role ?? null,
    moderates: byScope || role === 'owner' || role === 'moderator',
    placedUnder,
  };
}

/** Posting needs membership (an open community is joined in one step). */
export function requireMember(access: Access) {
  if (!access.role)
    throw new AppError('forbidden', 'Join the community to post in it.', {
      communityId: access.community.id,
      permission: 'member',
    });
}

export function requireModerator(access: Access) {
  if (!access.moderates)
    throw new AppError('forbidden', 'Only the community’s moderators do this.', {
      communityId: access.community.id,
      permission: 'community.moderate',
    });
}

/** The enrolled people and trainers of the offering, as the cohort's members, written only where they differ. */
async function syncCohort(ctx: Ctx, community: repo.CommunityRow) {
  const offeringId = community.offering_id!;
  const offering = await trainingRepo.getOffering(ctx.db, ctx.tenantId, offeringId);
  if (offering?.status === 'cancelled') return;
  const [roster, trainers, current] = await Promise.all([
    trainingRepo.roster(ctx.db, ctx.tenantId, offeringId),
    trainingRepo.trainersOf(ctx.db, ctx.tenantId, [offeringId]),
    repo.members(ctx.db, ctx.tenantId, community.id),
  ]);
  const wanted = new Map<string, MemberRole>();
  for (const e of roster) if (e.status === 'enrolled') wanted.set(e.person_id, 'member');
  for (const t of trainers) wanted.set(t.person_id, 'moderator');
  const have = new Map(current.map((m) => [m.person_id, m.role]));
  const gone = current.filter((m) => !wanted.has(m.person_id)).map((m) => m.person_id);
  const fresh = [...wanted].filter(([id]) => !have.has(id));
  const changed = [...wanted].filter(([id, role]) => have.has(id) && have.get(id) !== role);
  if (!gone.length && !fresh.length && !changed.length) return;
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    await repo.removeMembers(tx.db, tx.tenantId, community.id, gone);
    await repo.putMembers(
      tx.db,
      fresh.map(([personId, role]) => ({
        tenant_id: tx.tenantId,
        community_id: community.id,
        person_id: personId,
        role,
        joined_at: at,
      })),
    );
    for (const [personId, role] of changed) await repo.setMemberRole(tx.db, tx.tenantId, community.id, personId, role);
  });
}

function toSummary(row: repo.CommunityRow, memberCount: number, myRole: MemberRole | null): CommunitySummary {
  return {
    id: row.id,
    kind: row.kind as CommunityKind,
    name: row.name,
    description: row.description,
    access: row.access as CommunityAccess,
    unit: { id: row.unit_id },
    subject: row.subject,
    partnershipId: row.partnership_id,
    offeringId: row.offering_id,
    memberCount,
    myRole,
  };
}

export function abilities(access: Access) {
  return {
    post: access.role !== null,
    join: access.role === null && access.placedUnder,
    leave: access.role !== null && access.community.kind !== 'cohort',
    moderate: access.moderates,
  };
}

export async function summaryOf(ctx: Ctx, access: Access) {
  const counts = await repo.memberCounts(ctx.db, ctx.tenantId, [access.community.id]);
  return { ...toSummary(access.community, counts.get(access.community.id) ?? 0, access.role), can: abilities(access) };
}

export async function getCommunity(ctx: Ctx, communityId: string): Promise<CommunityDetail> {
  return detailOf(ctx, await requireCommunity(ctx, communityId));
}

async function detailOf(ctx: Ctx, access: Access): Promise<CommunityDetail> {
  const list = await repo.members(ctx.db, ctx.tenantId, access.community.id);
  return {
    ...toSummary(access.community, list.length, access.role),
    members: list.map((m) => ({ id: m.person_id, name: nameOf(m), role: m.role as MemberRole })),
    can: abilities(access),
  };
}

/** The actor's communities, and the open ones of units at or above their place they have not joined. */
export async function listCommunities(ctx: Ctx) {
  const me = ctx.actor.personId;
  if (!me) return { mine: [], open: [] };
  await joinCohortsOf(ctx, me);
  const [mine, open] = await Promise.all([
    repo.communitiesOf(ctx.db, ctx.tenantId, me),
    repo.openCommunitiesAt(ctx.db, ctx.tenantId, await ownPaths(ctx)),
  ]);
  const joined = new Set(mine.map((c) => c.id));
  const notJoined = open.filter((c) => !joined.has(c.id));
  const counts = await repo.memberCounts(
    ctx.db,
    ctx.tenantId,
    [...mine, ...notJoined].map((c) => c.id),
  );
  return {
    mine: mine.map((c) => toSummary(c, counts.get(c.id) ?? 0, c.role as MemberRole)),
    open: notJoined.map((c) => toSummary(c, counts.get(c.id) ?? 0, null)),
  };
}

/** The cohort communities (already made) of offerings the person is enrolled in: synced so they are listed. */
async function joinCohortsOf(ctx: Ctx, personId: string) {
  const enrolments = await trainingRepo.enrolmentsOfPerson(ctx.db, ctx.tenantId, personId);
  const cohorts = await repo.communitiesOfOfferings(
    ctx.db,
    ctx.tenantId,
    enrolments.filter((e) => e.status === 'enrolled').map((e) => e.offering_id),
  );
  for (const cohort of cohorts) await syncCohort(ctx, cohort);
}

async function requirePlaced(ctx: Ctx) {
  const me = ctx.actor.personId ? (await people.placementsOf(ctx, [ctx.actor.personId]))[0] : undefined;
  if (!me) throw new AppError('forbidden', 'Only a person makes a community.', { permission: 'person' });
  return me;
}

/**
 * A subject or region community at a unit the actor is placed under or moderates; a partnership's
 * at its TEI, by someone who reads the partnership (its coaches join it). The maker is its owner.
 */
export async function createCommunity(ctx: Ctx, input: CreateCommunityInput): Promise<CommunityDetail> {
  const me = await requirePlaced(ctx);
  let unit: { id: string; path: string };
  let extra: string[] = [];
  if (input.kind === 'partnership') {
    const partnership = await partnerships.getPartnership(ctx, input.partnershipId!);
    // Reading the partnership is the check; its host is then read as the system would.
    unit = await org.requireUnit({ ...ctx, actor: systemActor() }, partnership.host.id);
    extra = partnership.coaches.map((c) => c.personId);
  } else {
    // A teacher reads only their own unit, yet may open a community for the district above it.
    const row = await org.requireUnit({ ...ctx, actor: systemActor() }, input.unitId!);
    const placedUnder = me.org_path.startsWith(row.path);
    if (!placedUnder && !hasPermissionAt(ctx, 'org.read', row.path)) throw notFound('org_unit', input.unitId!);
    if (!placedUnder && !hasPermissionAt(ctx, 'community.moderate', row.path))
      throw new AppError('forbidden', 'A community is made at a unit you are placed under or moderate.', {
        field: 'body.unitId',
        permission: 'community.moderate',
      });
    unit = row;
  }
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id,
      kind: input.kind,
      name: input.name,
      description: input.description,
      access: input.access,
      unit_id: unit.id,
      unit_path: unit.path,
      subject: input.subject ?? null,
      partnership_id: input.partnershipId ?? null,
      offering_id: null,
      created_by_person_id: me.id,
      created_at: at,
      updated_at: at,
    };
    await repo.insertCommunity(tx.db, row);
    await repo.putMembers(tx.db, [
      { tenant_id: tx.tenantId, community_id: id, person_id: me.id, role: 'owner', joined_at: at },
      ...extra
        .filter((p) => p !== me.id)
        .map((p) => ({ tenant_id: tx.tenantId, community_id: id, person_id: p, role: 'member', joined_at: at })),
    ]);
    await recordAudit(tx.db, tx, 'community.create', { type: ENTITY, id }, null, row);
  });
  return getCommunity(ctx, id);
}

/** The cohort community of an offering, made the first time it is asked for (never for a cancelled one). */
export async function offeringCommunity(ctx: Ctx, offeringId: string): Promise<CommunityDetail> {
  const offering = await requireOffering(ctx, offeringId);
  let community = await repo.communityOfOffering(ctx.db, ctx.tenantId, offeringId);
  if (!community) {
    requireScheduled(offering);
    const title = await offeringTitle(ctx, offering);
    await inTransaction(ctx, async (tx) => {
      const at = nowIso();
      const row = {
        tenant_id: tx.tenantId,
        id: newId(),
        kind: 'cohort',
        name: `${title} · ${offering.start_date}`,
        description: '',
        access: 'members',
        unit_id: offering.host_unit_id,
        unit_path: offering.host_path,
        subject: null,
        partnership_id: null,
        offering_id: offeringId,
        created_by_person_id: null,
        created_at: at,
        updated_at: at,
      };
      // Two first visits at once: the unique index keeps one; the other reads it below.
      await tx.db
        .insertInto('community')
        .values(row)
        .onConflict((oc) => oc.columns(['tenant_id', 'offering_id']).where('offering_id', 'is not', null).doNothing())
        .execute();
      await recordAudit(tx.db, tx, 'community.create', { type: ENTITY, id: row.id }, null, row);
    });
    community = (await repo.communityOfOffering(ctx.db, ctx.tenantId, offeringId))!;
  }
  return getCommunity(ctx, community.id);
}

async function offeringTitle(ctx: Ctx, offering: trainingRepo.OfferingWithHost): Promise<string> {
  const title = offering.module_id
    ? (await trainingRepo.getModule(ctx.db, ctx.tenantId, offering.module_id))?.title
    : (await trainingRepo.getProgramme(ctx.db, ctx.tenantId, offering.programme_id!))?.title;
  return title ? resolveText(JSON.parse(title) as LocalizedText, ctx.defaultLocale, ctx.defaultLocale).text : '';
}

/** Joins an open community of a unit at or above the actor's place. */
export async function join(ctx: Ctx, communityId: string): Promise<CommunityDetail> {
  const access = await requireCommunity(ctx, communityId);
  if (access.role) return detailOf(ctx, access);
  if (!access.placedUnder)
    throw new AppError('forbidden', 'Only people placed under an open community’s unit join it.', {
      permission: 'member',
    });
  await inTransaction(ctx, async (tx) => {
    const row = {
      tenant_id: tx.tenantId,
      community_id: communityId,
      person_id: tx.actor.personId!,
      role: 'member',
      joined_at: nowIso(),
    };
    await repo.putMembers(tx.db, [row]);
    await recordAudit(tx.db, tx, 'community.join', { type: ENTITY, id: communityId }, null, row);
  });
  return getCommunity(ctx, communityId);
}

/** Leaves a community (a cohort's members are its enrolments: they leave by withdrawing). */
export async function leave(ctx: Ctx, communityId: string): Promise<CommunityDetail | null> {
  const access = await requireCommunity(ctx, communityId);
  if (!abilities(access).leave)
    throw new AppError('forbidden', 'You are not a member you can remove.', { permission: 'member' });
  await inTransaction(ctx, async (tx) => {
    await repo.removeMembers(tx.db, tx.tenantId, communityId, [tx.actor.personId!]);
    await recordAudit(tx.db, tx, 'community.leave', { type: ENTITY, id: communityId }, { role: access.role }, null);
  });
  return accessTo(ctx, access.community, communityId)
    .then((a) => detailOf(ctx, a))
    .catch(() => null);
}

/** Owners and moderators add people placed under the community's unit. */
export async function addMembers(
  ctx: Ctx,
  communityId: string,
  input: { personIds: string[]; role: 'moderator' | 'member' },
): Promise<CommunityDetail> {
  const access = await requireCommunity(ctx, communityId);
  requireModerator(access);
  if (access.community.kind === 'cohort')
    throw new AppError('forbidden', 'A cohort’s members are its enrolments.', { permission: 'training.manage' });
  const ids = [...new Set(input.personIds)];
  const placed = await people.placementsOf(ctx, ids);
  const missing = ids.filter((id) => !placed.find((p) => p.id === id)?.org_path.startsWith(access.community.unit_path));
  if (missing.length)
    throw new AppError('unknown_person', 'Some people are not placed under this community’s unit.', {
      field: 'body.personIds',
      ids: missing,
    });
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    await repo.putMembers(
      tx.db,
      ids.map((personId) => ({
        tenant_id: tx.tenantId,
        community_id: communityId,
        person_id: personId,
        role: input.role,
        joined_at: at,
      })),
    );
    await recordAudit(tx.db, tx, 'community.add_members', { type: ENTITY, id: communityId }, null, input);
  });
  return getCommunity(ctx, communityId);
}
