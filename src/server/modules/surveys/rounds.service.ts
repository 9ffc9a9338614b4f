import { createHash, randomBytes } from 'node:crypto';
import { hasPermissionAt, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import { accountsOfPeople } from '../notifications/notifications.repo.ts';
import { dayParam, notify } from '../notifications/notifications.service.ts';
import * as org from '../org/org.service.ts';
import { addMonths } from '../practice/coaching.links.ts';
import { requireOffering, requireScheduled } from '../training/offerings.service.ts';
import * as repo from './rounds.repo.ts';
import type { CreateRoundInput, Population, Round } from './rounds.schemas.ts';

/** A round is open for answers for at most this long. */
const MAX_ROUND_MONTHS = 6;

/** A fresh link token, and what is kept of it: its hash. */
export function newToken() {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function roundStatus(row: { status: string; opens_on: string; closes_on: string }, today = todayIso()) {
  if (row.status === 'closed' || row.closes_on < today) return 'closed' as const;
  return row.opens_on > today ? ('upcoming' as const) : ('open' as const);
}

export function toRound(ctx: Ctx, row: repo.RoundView, responded: number): Round {
  const text = (json: string) => resolveText(JSON.parse(json), ctx.locale, ctx.defaultLocale);
  return {
    id: row.id,
    surveyId: row.survey_id,
    surveyCode: row.survey_code,
    surveyVersion: Number(row.survey_version),
    title: text(row.title),
    unit: { id: row.unit_id, name: text(row.unit_name) },
    population: JSON.parse(row.population) as Population,
    anonymous: row.anonymous === 1,
    kind: row.kind as Round['kind'],
    offeringId: row.offering_id,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    status: roundStatus(row),
    invited: Number(row.invited),
    responded,
    lastRemindedAt: row.last_reminded_at,
  };
}

/** A round the actor manages: `surveys.manage` over the unit it was sent to. Others learn nothing. */
export async function requireManagedRound(ctx: Ctx, roundId: string) {
  const row = await repo.getRound(ctx.db, ctx.tenantId, roundId);
  if (!row || !hasPermissionAt(ctx, 'surveys.manage', row.unit_path)) throw notFound('survey_round', roundId);
  return row;
}

/**
 * Sends a published questionnaire to a population: the people of the categories placed under the
 * unit (narrowed to an offering's completers or to types of place), each invited once, and those
 * with an account told in their inbox. People without one are reached through links (`issueLinks`).
 */
export async function createRound(ctx: Ctx, surveyId: string, input: CreateRoundInput): Promise<Round> {
  const unit = await org.requireUnit(ctx, input.unitId, 'surveys.manage');
  const today = todayIso();
  if (
    input.opensOn < today ||
    input.closesOn < input.opensOn ||
    input.closesOn > addMonths(input.opensOn, MAX_ROUND_MONTHS)
  )
    throw new AppError(
      'round_dates_invalid',
      `A round opens today or later and closes within ${MAX_ROUND_MONTHS} months of opening.`,
      { field: 'body.closesOn', from: today },
    );
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const survey = await repo.getSurvey(tx.db, tx.tenantId, surveyId);
    if (!survey || survey.status === 'draft') throw notFound('survey', surveyId);
    if (survey.status !== 'published')
      throw new AppError('survey_not_published', 'Only a published questionnaire is sent.', { status: survey.status });
    if (input.population.offeringId) {
      // A cancelled offering will not take place: its roster stays as it was (enrolments are kept to show
      // who was affected), but there is nobody to ask before it nor anyone who completed it.
      requireScheduled(await requireOffering(tx, input.population.offeringId));
    }
    const people = await repo.populationOf(tx.db, tx.tenantId, unit.path, input.population, input.kind);
    if (people.length === 0)
      throw new AppError('population_empty', 'Nobody under this unit matches the population.', {
        field: 'body.population',
      });
    const at = nowIso();
    await repo.insertRound(tx.db, {
      tenant_id: tx.tenantId,
      id,
      survey_id: surveyId,
      title: JSON.stringify(input.title),
      unit_id: unit.id,
      unit_path: unit.path,
      population: JSON.stringify(input.population),
      anonymous: input.anonymous ? 1 : 0,
      kind: input.kind,
      offering_id: input.population.offeringId ?? null,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      status: 'open',
      invited: people.length,
      last_reminded_at: null,
      created_by_account_id: tx.actor.accountId,
      created_at: at,
    });
    await repo.insertInvitations(
      tx.db,
      people.map((p) => ({
        tenant_id: tx.tenantId,
        id: newId(),
        round_id: id,
        person_id: p.id,
        token_hash: newToken().hash,
        status: 'invited',
        draft: null,
        created_at: at,
      })),
    );
    const recipients = await accountsOfPeople(
      tx.db,
      tx.tenantId,
      people.map((p) => p.id),
    );
    await notify(
      tx,
      'survey_invited',
      recipients,
      { title: { text: input.title }, closes: dayParam(input.closesOn) },
      `/surveys/rounds/${id}/answer`,
    );
    await recordAudit(tx.db, tx, 'survey_round.create', { type: 'survey_round', id }, null, {
      surveyId,
      unitId: unit.id,
      population: input.population,
      anonymous: input.anonymous,
      invited: people.length,
    });
  });
  return getRound(ctx, id);
}

export async function getRound(ctx: Ctx, roundId: string): Promise<Round> {
  const row = await requireManagedRound(ctx, roundId);
  const responded = await repo.respondedCounts(ctx.db, ctx.tenantId, [roundId]);
  return toRound(ctx, row, responded.get(roundId) ?? 0);
}

/** Rounds the actor manages (under a unit of theirs when named). */
export async function listRounds(ctx: Ctx, unitId?: string) {
  const roots = unitId
    ? [(await org.requireUnit(ctx, unitId, 'surveys.manage')).path]
    : scopePaths(ctx, 'surveys.manage');
  if (roots.length === 0) return { items: [] };
  const rows = await repo.roundsUnder(ctx.db, ctx.tenantId, roots);
  const responded = await repo.respondedCounts(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toRound(ctx, r, responded.get(r.id) ?? 0)) };
}

/**
 * New answer links for everyone who has not answered yet, to send by email or message to people
 * without an account. Each link replaces the person's previous one, which stops working.
 */
export async function issueLinks(ctx: Ctx, roundId: string, baseUrl: string) {
  const round = await requireManagedRound(ctx, roundId);
  if (roundStatus(round) === 'closed') throw new AppError('round_closed', 'This round is closed.', { roundId });
  return inTransaction(ctx, async (tx) => {
    const open = await repo.unanswered(tx.db, tx.tenantId, roundId);
    const items = [];
    for (const invitation of open) {
      const { token, hash } = newToken();
      await repo.replaceToken(tx.db, tx.tenantId, invitation.id, hash);
      items.push({
        personId: invitation.person_id,
        name: `${invitation.given_name} ${invitation.family_name}`,
        email: invitation.email,
        link: `${baseUrl}/answer/${token}`,
      });
    }
    await recordAudit(tx.db, tx, 'survey_round.links', { type: 'survey_round', id: roundId }, null, {
      issued: items.length,
    });
    return { items };
  });
}

/** Reminds everyone with an account who has not answered; says how many have no account to remind. */
export async function remind(ctx: Ctx, roundId: string) {
  const round = await requireManagedRound(ctx, roundId);
  if (roundStatus(round) !== 'open') throw new AppError('round_closed', 'This round is not open.', { roundId });
  return inTransaction(ctx, async (tx) => {
    const open = await repo.unanswered(tx.db, tx.tenantId, roundId);
    const recipients = await accountsOfPeople(
      tx.db,
      tx.tenantId,
      open.map((i) => i.person_id),
    );
    const reached = new Set(recipients.map((r) => r.person_id));
    const at = nowIso();
    await notify(
      tx,
      'survey_reminder',
      recipients,
      { title: { text: JSON.parse(round.title) }, closes: dayParam(round.closes_on) },
      `/surveys/rounds/${roundId}/answer`,
    );
    await repo.countReminder(
      tx.db,
      tx.tenantId,
      open.filter((i) => reached.has(i.person_id)).map((i) => i.id),
      at,
      roundId,
    );
    await recordAudit(tx.db, tx, 'survey_round.remind', { type: 'survey_round', id: roundId }, null, {
      reminded: reached.size,
    });
    return { reminded: reached.size, withoutAccount: open.length - reached.size };
  });
}

export async function closeRound(ctx: Ctx, roundId: string): Promise<Round> {
  await requireManagedRound(ctx, roundId);
  await inTransaction(ctx, async (tx) => {
    if (!(await repo.closeRound(tx.db, tx.tenantId, roundId)))
      throw new AppError('round_closed', 'This round is closed already.', { roundId });
    await recordAudit(tx.db, tx, 'survey_round.close', { type: 'survey_round', id: roundId }, null, null);
  });
  return getRound(ctx, roundId);
}

/** The actor's surveys to answer now. */
export async function myInvitations(ctx: Ctx) {
  if (!ctx.actor.personId) return { items: [] };
  const rows = await repo.openInvitationsOf(ctx.db, ctx.tenantId, ctx.actor.personId, todayIso());
  return {
    items: rows.map((r) => ({
      roundId: r.id,
      title: resolveText(JSON.parse(r.title), ctx.locale, ctx.defaultLocale),
      closesOn: r.closes_on,
      anonymous: r.anonymous === 1,
      status: r.status as 'invited' | 'started',
    })),
  };
}
