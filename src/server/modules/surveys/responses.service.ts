import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction, systemBase } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { todayIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import { OTHER_PLACE, placeKey } from '../monitoring/places.ts';
import * as repo from './rounds.repo.ts';
import type { AnswerForm } from './rounds.schemas.ts';
import { hashToken, roundStatus } from './rounds.service.ts';
import {
  type Answers,
  answerFault,
  type Definition,
  isShown,
  knownDefinition,
  missingAnswers,
  parseDefinition,
  type Question,
  questionsOf,
} from './surveys.definition.ts';

/**
 * Answering a round, by the invitation's link (anyone holding it, no account needed) or signed in
 * (the actor's own invitation). Identified rounds keep a draft on the server as answers are given;
 * anonymous rounds keep nothing until submission (the form keeps its draft on the device), and the
 * submitted response carries no link to the invitation or the person.
 */
export interface Answering {
  ctx: Ctx;
  invitation: repo.InvitationRow;
  round: repo.AnsweringRow['round'];
  /** Where the invited person sits and who they are, as the response keeps it. */
  profile: repo.AnsweringRow['profile'];
  definition: Definition;
}

async function answering(ctx: Ctx, found: repo.AnsweringRow): Promise<Answering> {
  const { invitation, round, profile } = found;
  const definition =
    knownDefinition(round.survey_id) ??
    parseDefinition(round.survey_id, await repo.definitionText(ctx.db, ctx.tenantId, round.survey_id));
  return { ctx, invitation, round, profile, definition };
}

/** By link: the invitation whose token this is, acting within its tenant. */
export async function byToken(database: Database, token: string, locale?: string): Promise<Answering> {
  const found = await repo.answeringByToken(database.db, hashToken(token));
  if (!found)
    throw new AppError('invitation_not_found', 'This link is not valid: it may have been replaced by a newer one.');
  const ctx: Ctx = {
    ...systemBase(database),
    tenantId: found.invitation.tenant_id,
    defaultLocale: found.defaultLocale,
    locale: locale ?? found.defaultLocale,
  };
  return answering(ctx, found);
}

/** Signed in: the actor's invitation to the round. */
export async function asInvited(ctx: Ctx, roundId: string): Promise<Answering> {
  const found = ctx.actor.personId
    ? await repo.answeringOfPerson(ctx.db, ctx.tenantId, roundId, ctx.actor.personId)
    : undefined;
  if (!found) throw notFound('survey_round', roundId);
  return answering(ctx, found);
}

export function form({ ctx, invitation, round, definition }: Answering): AnswerForm {
  const anonymous = round.anonymous === 1;
  return {
    roundId: round.id,
    title: resolveText(JSON.parse(round.title), ctx.locale, ctx.defaultLocale),
    anonymous,
    closesOn: round.closes_on,
    status: invitation.status as AnswerForm['status'],
    open: roundStatus(round) === 'open',
    locale: ctx.locale,
    definition,
    draft: !anonymous && invitation.draft ? JSON.parse(invitation.draft) : {},
  };
}

function requireOpen({ round, invitation }: Answering) {
  if (invitation.status === 'submitted')
    throw new AppError('response_submitted', 'You have answered this survey already.', { roundId: round.id });
  if (roundStatus(round) !== 'open')
    throw new AppError('round_closed', 'This survey is not open for answers.', {
      opensOn: round.opens_on,
      closesOn: round.closes_on,
    });
}

/** Each answer names a question of the questionnaire and fits it, or nothing is kept. */
export function checkAnswers(definition: Definition, answers: Answers) {
  const byKey = new Map(questionsOf(definition).map((q) => [q.key, q]));
  for (const [key, value] of Object.entries(answers)) {
    const question = byKey.get(key);
    if (!question)
      throw new AppError('unknown_question', `The questionnaire has no question ${key}.`, {
        field: `body.answers.${key}`,
      });
    const fault = answerFault(question, value);
    if (fault)
      throw new AppError('answer_invalid', `The answer to ${key} is ${fault}.`, {
        field: `body.answers.${key}`,
        fault,
      });
  }
}

/** Saves the answers given so far (identified rounds), merged into the draft. */
export async function saveDraft(a: Answering, answers: Answers) {
  requireOpen(a);
  if (a.round.anonymous === 1)
    throw new AppError('draft_not_kept', 'An anonymous survey keeps nothing of yours until you submit it.');
  checkAnswers(a.definition, answers);
  const merged = { ...(a.invitation.draft ? JSON.parse(a.invitation.draft) : {}), ...answers };
  if (!(await repo.saveDraft(a.ctx.db, a.ctx.tenantId, a.invitation.id, JSON.stringify(merged))))
    throw new AppError('response_submitted', 'You have answered this survey already.', { roundId: a.round.id });
  return { status: 'started' as const, saved: Object.keys(merged).length };
}

/** The rows one answer becomes: a value, a chosen option each, or a rated row each. */
export function answerRows(question: Question, value: Answers[string]) {
  const position = (v: string) => question.choices.findIndex((c) => c.value === v) + 1;
  switch (question.type) {
    case 'multiple':
      return (value as string[]).map((v) => ({ item: v, value_number: 1, value_text: v }));
    case 'matrix':
      return Object.entries(value as Record<string, string>).map(([row, v]) => ({
        item: row,
        value_number: position(v),
        value_text: v,
      }));
    case 'number':
      return [{ item: '', value_number: value as number, value_text: null }];
    case 'single':
    case 'likert':
      return [{ item: '', value_number: position(value as string), value_text: value as string }];
    default:
      return [{ item: '', value_number: null, value_text: value as string }];
  }
}

export const isBlank = (v: Answers[string] | undefined) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Submits the whole response once: every answer checked, required questions that are shown
 * answered, answers to questions not shown dropped; in one transaction the invitation is marked
 * answered and the response written (without the person for an anonymous round).
 */
export async function submit(a: Answering, given: Answers) {
  requireOpen(a);
  const answers = {
    ...(a.round.anonymous === 1 || !a.invitation.draft ? {} : JSON.parse(a.invitation.draft)),
    ...given,
  };
  checkAnswers(a.definition, answers);
  const missing = missingAnswers(a.definition, answers);
  if (missing.length)
    throw new AppError('answers_incomplete', 'Some required questions are not answered.', {
      field: 'body.answers',
      missing,
    });
  const anonymous = a.round.anonymous === 1;
  const { profile } = a;
  const responseId = randomUUID();
  const rows = questionsOf(a.definition)
    .filter((q) => isShown(q, answers) && !isBlank(answers[q.key]))
    .flatMap((q) => answerRows(q, answers[q.key]!).map((r) => ({ question_key: q.key, ...r })));
  await inTransaction(a.ctx, async (tx) => {
    if (!(await repo.markSubmitted(tx.db, tx.tenantId, a.invitation.id)))
      throw new AppError('response_submitted', 'You have answered this survey already.', { roundId: a.round.id });
    await repo.insertResponse(
      tx.db,
      {
        tenant_id: tx.tenantId,
        id: responseId,
        round_id: a.round.id,
        person_id: anonymous ? null : a.invitation.person_id,
        unit_id: profile.org_unit_id,
        unit_path: profile.org_path,
        sex: profile.sex ?? 'unknown',
        role: profile.category,
        school_type: profile.type,
        place: placeKey({ type: profile.type, locality: profile.locality }) ?? OTHER_PLACE,
        source: 'web',
        submitted_on: todayIso(),
      },
      rows,
      'later',
    );
    // An anonymous answer leaves no trace of who gave it; an identified one is audited like any write.
    if (!anonymous)
      await recordAudit(tx.db, tx, 'survey_response.submit', { type: 'survey_response', id: responseId }, null, {
        roundId: a.round.id,
      });
  });
  return { status: 'submitted' as const, saved: Object.keys(answers).length };
}
