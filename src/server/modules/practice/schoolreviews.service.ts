import { randomUUID } from 'node:crypto';
import { hasPermissionAt } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { MINIMUM_GROUP } from '../../shared/suppression.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { addMonths } from './coaching.links.ts';
import {
  MAX_REVIEW_DAYS,
  RESPONDENT_GROUPS,
  REVIEW_AREAS,
  REVIEW_SCALE,
  REVIEW_STATEMENTS,
  type RespondentGroup,
  STATEMENT_CODES,
} from './schoolreviews.constants.ts';
import * as repo from './schoolreviews.repo.ts';
import type {
  AnswerInput,
  OpenReviewInput,
  Review,
  ReviewFigure,
  ReviewResults,
  ReviewSummary,
} from './schoolreviews.schemas.ts';

const text = (ctx: Ctx, json: string) => resolveText(JSON.parse(json) as LocalizedText, ctx.locale, ctx.defaultLocale);

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function reviewStatus(row: { opens_on: string; closes_on: string; closed_at: string | null }, on = todayIso()) {
  if (row.closed_at || on > row.closes_on) return 'closed' as const;
  return on < row.opens_on ? ('upcoming' as const) : ('open' as const);
}

/**
 * How the actor stands to a school: managing practice there (opening, closing, plans), reading
 * its reports (results), and answering as one of its leaders or teachers.
 */
export async function standing(ctx: Ctx, school: { id: string; path: string }) {
  const manage = ctx.actor.system || hasPermissionAt(ctx, 'practice.manage', school.path);
  const reads = manage || hasPermissionAt(ctx, 'reports.read', school.path);
  let group: RespondentGroup | null = null;
  if (ctx.actor.personId) {
    if (ctx.actor.grants.some((g) => g.role === 'school_leader' && g.orgUnitId === school.id)) group = 'leader';
    else {
      const me = await repo.personById(ctx.db, ctx.tenantId, ctx.actor.personId);
      if (me?.org_unit_id === school.id && me.category === 'teacher') group = 'teacher';
    }
  }
  return { manage, reads, group };
}

/** The schools whose reviews the actor answers: where they lead, and where they teach. */
async function ownSchoolIds(ctx: Ctx): Promise<string[]> {
  const ids = new Set(ctx.actor.grants.filter((g) => g.role === 'school_leader').map((g) => g.orgUnitId));
  if (ctx.actor.personId) {
    const me = await repo.personById(ctx.db, ctx.tenantId, ctx.actor.personId);
    if (me?.category === 'teacher') ids.add(me.org_unit_id);
  }
  return [...ids];
}

interface Loaded {
  row: repo.ReviewRow;
  manage: boolean;
  reads: boolean;
  group: RespondentGroup | null;
}

/** A review the actor may see: its school's managers, report readers, leaders and teachers; else not found. */
async function requireReview(ctx: Ctx, id: string): Promise<Loaded> {
  const row = await repo.getReview(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('review', id);
  const s = await standing(ctx, { id: row.school_id, path: row.school_path });
  if (!(s.reads || s.group)) throw notFound('review', id);
  return { row, ...s };
}

async function summaries(ctx: Ctx, loaded: Loaded[]): Promise<ReviewSummary[]> {
  const ids = loaded.map((l) => l.row.id);
  const [counts, mine] = await Promise.all([
    repo.respondentCounts(ctx.db, ctx.tenantId, ids),
    ctx.actor.personId ? repo.answeredBy(ctx.db, ctx.tenantId, ctx.actor.personId, ids) : Promise.resolve([]),
  ]);
  const answered = new Set(mine.map((m) => m.review_id));
  return loaded.map(({ row, manage, group }) => {
    const status = reviewStatus(row);
    return {
      id: row.id,
      school: { id: row.school_id, name: text(ctx, row.school_name) },
      opensOn: row.opens_on,
      closesOn: row.closes_on,
      closedAt: row.closed_at,
      status,
      respondents: counts.filter((c) => c.review_id === row.id).reduce((sum, c) => sum + Number(c.n), 0),
      answered: answered.has(row.id),
      can: { answer: !!group && status === 'open' && !answered.has(row.id), manage: manage && status !== 'closed' },
    };
  });
}

async function present(ctx: Ctx, loaded: Loaded): Promise<Review> {
  const [summary] = await summaries(ctx, [loaded]);
  return {
    ...summary!,
    areas: REVIEW_AREAS.map((code) => ({ code, statements: [...REVIEW_STATEMENTS[code]] })),
    scale: [...REVIEW_SCALE],
  };
}

export async function getReview(ctx: Ctx, id: string): Promise<Review> {
  return present(ctx, await requireReview(ctx, id));
}

/** Reviews of the schools the actor leads or teaches at: what they are asked to answer. */
export async function myReviews(ctx: Ctx): Promise<ReviewSummary[]> {
  const rows = await repo.reviewsOfSchools(ctx.db, ctx.tenantId, await ownSchoolIds(ctx), 50);
  const loaded = await Promise.all(
    rows.map(async (row) => ({ row, ...(await standing(ctx, { id: row.school_id, path: row.school_path })) })),
  );
  return summaries(
    ctx,
    loaded.filter((l) => l.group),
  );
}

/** A school and the actor's standing there; a unit the actor cannot read, or no school, is refused. */
export async function requireSchool(ctx: Ctx, schoolId: string, field?: string) {
  const unit = await repo.unitById(ctx.db, ctx.tenantId, schoolId);
  const detail = field ? { field } : {};
  if (!unit || !(ctx.actor.system || hasPermissionAt(ctx, 'org.read', unit.path)))
    throw new AppError('org_unit_not_found', 'No such school in your area.', { id: schoolId, ...detail });
  const s = await standing(ctx, unit);
  if (!(s.reads || s.group))
    throw new AppError('org_unit_not_found', 'No such school in your area.', { id: schoolId, ...detail });
  if (unit.type !== 'school') throw new AppError('not_a_school', 'Self-reviews and plans are for schools.', detail);
  return { unit, ...s };
}

export async function schoolReviews(ctx: Ctx, schoolId: string): Promise<ReviewSummary[]> {
  const { unit, manage, reads, group } = await requireSchool(ctx, schoolId);
  const rows = await repo.reviewsOfSchools(ctx.db, ctx.tenantId, [unit.id], 50);
  return summaries(
    ctx,
    rows.map((row) => ({ row, manage, reads, group })),
  );
}

export async function openReview(ctx: Ctx, input: OpenReviewInput): Promise<Review> {
  const id = await inTransaction(ctx, async (tx) => {
    const { unit, manage } = await requireSchool(tx, input.schoolId, 'body.schoolId');
    if (!manage)
      throw new AppError('forbidden', 'Only those who manage practice at the school open its self-review.', {
        permission: 'practice.manage',
      });
    const today = todayIso();
    const fault = (message: string, field: string) =>
      new AppError('review_dates_invalid', message, { field: `body.${field}`, maxDays: MAX_REVIEW_DAYS });
    if (input.opensOn < today) throw fault('A review opens today or later.', 'opensOn');
    if (input.opensOn > addMonths(today, 6)) throw fault('A review opens within six months.', 'opensOn');
    if (input.closesOn < input.opensOn) throw fault('A review closes on or after the day it opens.', 'closesOn');
    if (input.closesOn > addDays(input.opensOn, MAX_REVIEW_DAYS))
      throw fault(`A review is open for at most ${MAX_REVIEW_DAYS} days.`, 'closesOn');
    const clash = (await repo.unclosedReviews(tx.db, tx.tenantId, unit.id, today)).find(
      (r) => r.opens_on <= input.closesOn && input.opensOn <= r.closes_on,
    );
    if (clash)
      throw new AppError('review_open_exists', 'The school already has a review open over these days.', {
        reviewId: clash.id,
      });
    const id = newId();
    await repo.insertReview(tx.db, {
      tenant_id: tx.tenantId,
      id,
      school_id: unit.id,
      opens_on: input.opensOn,
      closes_on: input.closesOn,
      closed_at: null,
      opened_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    });
    await recordAudit(tx.db, tx, 'school_review.open', { type: 'school_review', id }, null, input);
    return id;
  });
  return getReview(ctx, id);
}

export async function closeReview(ctx: Ctx, id: string): Promise<Review> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requireReview(tx, id);
    if (!loaded.manage)
      throw new AppError('forbidden', 'Only those who manage practice at the school close its review.', {
        permission: 'practice.manage',
      });
    if (reviewStatus(loaded.row) === 'closed') throw new AppError('review_closed', 'This review is already closed.');
    await repo.closeReview(tx.db, tx.tenantId, id, nowIso());
    await recordAudit(tx.db, tx, 'school_review.close', { type: 'school_review', id }, null, null);
  });
  return getReview(ctx, id);
}

/** Fisher-Yates with crypto-strength ids as keys: the rows' order says nothing about the statements' order. */
function shuffled<T>(list: T[]): T[] {
  return list
    .map((item) => ({ item, key: randomUUID() }))
    .sort((a, b) => (a.key < b.key ? -1 : 1))
    .map((x) => x.item);
}

/**
 * One answer per leader or teacher of the school while the review is open. Who answered goes to
 * the respondent table; each statement's score goes to the answer table with a random id, the
 * respondent's group and nothing else: no person, account, time, or key joining their statements.
 * The audit records that the person answered, never what.
 */
export async function answerReview(ctx: Ctx, id: string, input: AnswerInput): Promise<ReviewSummary> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requireReview(tx, id);
    if (!loaded.group || !tx.actor.personId)
      throw new AppError('not_a_respondent', "A school's self-review is answered by its leaders and teachers.");
    if (reviewStatus(loaded.row) !== 'open')
      throw new AppError('review_closed', 'This review is not open for answers.', {
        opensOn: loaded.row.opens_on,
        closesOn: loaded.row.closes_on,
      });
    const already = await repo.answeredBy(tx.db, tx.tenantId, tx.actor.personId, [id]);
    if (already.length) throw new AppError('review_already_answered', 'You have already answered this review.');
    const given = new Map(input.answers.map((a) => [a.statement, a.score]));
    const missing = STATEMENT_CODES.filter((code) => !given.has(code));
    if (missing.length || given.size !== input.answers.length)
      throw new AppError('review_answers_incomplete', 'Answer every statement once.', {
        field: 'body.answers',
        missing,
      });
    await repo.insertRespondent(tx.db, {
      tenant_id: tx.tenantId,
      review_id: id,
      person_id: tx.actor.personId,
      respondent_group: loaded.group,
    });
    await repo.insertAnswers(
      tx.db,
      shuffled([...given]).map(([statement, score]) => ({
        tenant_id: tx.tenantId,
        id: randomUUID(),
        review_id: id,
        statement_code: statement,
        respondent_group: loaded.group!,
        score,
      })),
    );
    await recordAudit(tx.db, tx, 'school_review.answer', { type: 'school_review', id }, null, null);
  });
  const loaded = await requireReview(ctx, id);
  const [summary] = await summaries(ctx, [loaded]);
  return summary!;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

function figure(counts: number[], respondents: number): ReviewFigure {
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    respondents,
    mean: total ? round2(counts.reduce((sum, n, i) => sum + n * REVIEW_SCALE[i]!, 0) / total) : null,
    distribution: counts,
  };
}

/**
 * Results per area and statement for the school's managers and report readers, once the review is
 * closed (figures that move as each answer comes in would show what that one person answered).
 * Fewer than MINIMUM_GROUP respondents show only the count; leaders and teachers are shown apart only
 * when each group has at least MINIMUM_GROUP.
 */
export async function reviewResults(ctx: Ctx, id: string): Promise<ReviewResults> {
  const loaded = await requireReview(ctx, id);
  if (!loaded.reads)
    throw new AppError('forbidden', "A review's results are read by the school's leaders and officers.", {
      permission: 'reports.read',
    });
  const status = reviewStatus(loaded.row);
  const counts = await repo.respondentCounts(ctx.db, ctx.tenantId, [id]);
  const groupSize = new Map(RESPONDENT_GROUPS.map((g) => [g, 0]));
  for (const c of counts) groupSize.set(c.respondent_group as RespondentGroup, Number(c.n));
  const respondents = [...groupSize.values()].reduce((a, b) => a + b, 0);
  const pending = status !== 'closed';
  const suppressed = respondents < MINIMUM_GROUP;
  const groups = RESPONDENT_GROUPS.every((g) => groupSize.get(g)! >= MINIMUM_GROUP) ? [...RESPONDENT_GROUPS] : [];
  const base = { reviewId: id, status, respondents, minimumGroup: MINIMUM_GROUP, suppressed, pending, groups };
  if (pending || suppressed) return { ...base, areas: [] };

  const rows = await repo.answerCounts(ctx.db, ctx.tenantId, id);
  // scores[statement][group] = answers per point of the scale
  const scores = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    const byGroup = scores.get(r.statement_code) ?? new Map<string, number[]>();
    const list = byGroup.get(r.respondent_group) ?? REVIEW_SCALE.map(() => 0);
    list[r.score - 1] = (list[r.score - 1] ?? 0) + Number(r.n);
    byGroup.set(r.respondent_group, list);
    scores.set(r.statement_code, byGroup);
  }
  const sum = (lists: number[][]) => REVIEW_SCALE.map((_, i) => lists.reduce((s, l) => s + (l[i] ?? 0), 0));
  const countsOf = (statements: readonly string[], group?: string) =>
    sum(
      statements.flatMap((s) =>
        [...(scores.get(s)?.entries() ?? [])].filter(([g]) => !group || g === group).map(([, l]) => l),
      ),
    );
  const split = (statements: readonly string[]) =>
    Object.fromEntries(groups.map((g) => [g, figure(countsOf(statements, g), groupSize.get(g)!)]));
  return {
    ...base,
    areas: REVIEW_AREAS.map((code) => ({
      code,
      all: figure(countsOf(REVIEW_STATEMENTS[code]), respondents),
      byGroup: split(REVIEW_STATEMENTS[code]),
      statements: REVIEW_STATEMENTS[code].map((s) => ({
        code: s,
        all: figure(countsOf([s]), respondents),
        byGroup: split([s]),
      })),
    })),
  };
}
