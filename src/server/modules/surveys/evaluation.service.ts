import { sql } from 'kysely';
import { hasPermissionAt } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { todayIso } from '../../shared/ids.ts';
import { MINIMUM_GROUP } from '../../shared/suppression.ts';
import { resolveText } from '../../shared/text.ts';
import { addMonths } from '../practice/coaching.links.ts';
import { canManageAt, leads, requireOffering } from '../training/offerings.service.ts';
import type { EvaluationRound, OfferingEvaluation, Paired, PairedItem } from './evaluation.schemas.ts';
import * as repo from './rounds.repo.ts';
import { roundStatus } from './rounds.service.ts';
import { type Question, questionsOf, roundDefinition } from './surveys.definition.ts';
import { foldTallies } from './tally.ts';

/** Questions whose stored number is a point on an ordered scale or a quantity: those that pair and average. */
const SCALED = new Set(['likert', 'matrix', 'number']);

/** A scale item's texts: its question's, and for a matrix row the row's own (else the question's again). */
function itemTexts(ctx: Ctx, question: Question, row: string | null) {
  const text = resolveText(question.text, ctx.locale, ctx.defaultLocale);
  const label = question.rows.find((r) => r.value === row)?.label;
  return { question: text, text: label ? resolveText(label, ctx.locale, ctx.defaultLocale) : text };
}

/**
 * The change on each scale item among people who answered both rounds (identified rounds only: an
 * anonymous round cannot be paired). Only for the whole of both rounds, never per unit, so that no
 * two figures differ by a small group; items paired by fewer than the minimum are left out.
 */
export async function pairedChange(ctx: Ctx, before: repo.RoundView, after: repo.RoundView): Promise<Paired | null> {
  if (before.anonymous === 1 || after.anonymous === 1) return null;
  // Answers submitted on the web wait on their responses until their round is folded.
  await foldTallies(ctx, before.id);
  await foldTallies(ctx, after.id);
  const base = { beforeRoundId: before.id, afterRoundId: after.id };
  const people = await sql<{ n: number }>`
    select count(*) as n from survey_response a join survey_response b
      on b.tenant_id = a.tenant_id and b.round_id = ${after.id} and b.person_id = a.person_id
    where a.tenant_id = ${ctx.tenantId} and a.round_id = ${before.id} and a.person_id is not null`.execute(ctx.db);
  const pairs = Number(people.rows[0]?.n ?? 0);
  if (pairs < MINIMUM_GROUP) return { ...base, pairs: pairs === 0 ? 0 : null, items: [] };
  const rows = await sql<{ question_key: string; item: string; n: number; before: number; after: number }>`
    select x.question_key, x.item, count(*) as n, avg(x.value_number) as before, avg(y.value_number) as after
    from survey_response a
    join survey_response b on b.tenant_id = a.tenant_id and b.round_id = ${after.id} and b.person_id = a.person_id
    join survey_answer x on x.tenant_id = a.tenant_id and x.response_id = a.id
    join survey_answer y on y.tenant_id = b.tenant_id and y.response_id = b.id
      and y.question_key = x.question_key and y.item = x.item
    where a.tenant_id = ${ctx.tenantId} and a.round_id = ${before.id} and a.person_id is not null
      and x.value_number is not null and y.value_number is not null
    group by x.question_key, x.item`.execute(ctx.db);
  const questions = new Map(
    questionsOf(roundDefinition(after))
      .filter((q) => SCALED.has(q.type))
      .map((q) => [q.key, q]),
  );
  const round2 = (v: number) => Math.round(v * 100) / 100;
  const items: PairedItem[] = [];
  for (const r of rows.rows) {
    const question = questions.get(r.question_key);
    if (!question || Number(r.n) < MINIMUM_GROUP) continue;
    const row = r.item === '' ? null : r.item;
    items.push({
      key: r.question_key,
      row,
      ...itemTexts(ctx, question, row),
      pairs: Number(r.n),
      before: round2(Number(r.before)),
      after: round2(Number(r.after)),
      change: round2(Number(r.after) - Number(r.before)),
    });
  }
  const order = [...questions.keys()];
  items.sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key) || (a.row ?? '').localeCompare(b.row ?? ''));
  return { ...base, pairs, items };
}

/** Each round's respondents and, where they are at least the minimum, its scale items' top-two shares. */
async function evaluationRounds(ctx: Ctx, rounds: repo.RoundView[]): Promise<EvaluationRound[]> {
  if (rounds.length === 0) return [];
  const ids = rounds.map((r) => r.id);
  for (const id of ids) await foldTallies(ctx, id);
  const counted = await ctx.db
    .selectFrom('survey_response')
    .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', ctx.tenantId)
    .where('round_id', 'in', ids)
    .groupBy('round_id')
    .execute();
  const respondents = new Map(counted.map((r) => [r.round_id, Number(r.n)]));
  const points = await ctx.db
    .selectFrom('survey_answer')
    .select(['round_id', 'question_key', 'item', 'value_number', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', ctx.tenantId)
    .where('round_id', 'in', ids)
    .where('value_number', 'is not', null)
    .groupBy(['round_id', 'question_key', 'item', 'value_number'])
    .execute();
  return rounds.map((round) => {
    const n = respondents.get(round.id) ?? 0;
    const shown = n >= MINIMUM_GROUP;
    const scale: EvaluationRound['scale'] = [];
    if (shown)
      for (const q of questionsOf(roundDefinition(round))) {
        if (q.type !== 'likert' && q.type !== 'matrix') continue;
        const top = q.choices.length - 1; // positions are 1-based: the top two are choices.length - 1 and up
        for (const row of q.type === 'matrix' ? q.rows.map((r) => r.value) : ['']) {
          const mine = points.filter((p) => p.round_id === round.id && p.question_key === q.key && p.item === row);
          const answered = mine.reduce((s, p) => s + Number(p.n), 0);
          if (answered === 0) continue;
          const high = mine.filter((p) => Number(p.value_number) >= top).reduce((s, p) => s + Number(p.n), 0);
          const key = row === '' ? null : row;
          scale.push({ key: q.key, row: key, ...itemTexts(ctx, q, key), answered, topTwo: high / answered });
        }
      }
    return {
      id: round.id,
      kind: round.kind as EvaluationRound['kind'],
      title: resolveText(JSON.parse(round.title), ctx.locale, ctx.defaultLocale),
      status: roundStatus(round),
      anonymous: round.anonymous === 1,
      opensOn: round.opens_on,
      closesOn: round.closes_on,
      invited: Number(round.invited),
      respondents: shown ? n : n === 0 ? 0 : null,
      scale,
    };
  });
}

/** The deepest path that every one of these paths lies under ('/a/b/' for '/a/b/c/' and '/a/b/d/'). */
function commonPath(paths: string[]): string | null {
  if (paths.length === 0) return null;
  let prefix = paths[0]!;
  for (const p of paths)
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.slice(0, -1).lastIndexOf('/') + 1);
  return prefix === '' ? null : prefix;
}

/**
 * An offering's evaluation, for its trainers and those who manage training or surveys at its host.
 * Rounds of the offering are those sent with it as their population (`population.offeringId`).
 */
export async function offeringEvaluation(ctx: Ctx, offeringId: string): Promise<OfferingEvaluation> {
  const offering = await requireOffering(ctx, offeringId);
  const mayRead =
    ctx.actor.system ||
    hasPermissionAt(ctx, 'surveys.manage', offering.host_path) ||
    canManageAt(ctx, offering.host_path) ||
    (await leads(ctx, offeringId));
  if (!mayRead)
    throw new AppError('forbidden', 'Only the offering’s trainers and its training or survey managers read this.', {
      permission: 'surveys.manage',
    });

  const enrolled = await ctx.db
    .selectFrom('training_enrolment as e')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.person_id'))
    .select(['p.org_path', 'e.result'])
    .where('e.tenant_id', '=', ctx.tenantId)
    .where('e.offering_id', '=', offeringId)
    .where('e.status', '=', 'enrolled')
    .execute();
  const path = commonPath(enrolled.map((e) => e.org_path));
  const unit = path
    ? await ctx.db
        .selectFrom('org_unit')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('path', '=', path)
        .executeTakeFirst()
    : undefined;

  const ids = await ctx.db
    .selectFrom('survey_round')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('offering_id', '=', offeringId)
    .orderBy('opens_on')
    .execute();
  const rounds = (await Promise.all(ids.map((r) => repo.getRound(ctx.db, ctx.tenantId, r.id)))).filter(
    (r): r is repo.RoundView => r !== undefined,
  );
  const evaluated = await evaluationRounds(ctx, rounds);
  const ofKind = (...kinds: string[]) => evaluated.filter((r) => kinds.includes(r.kind));
  const latest = (kind: string) => rounds.filter((r) => r.kind === kind).at(-1);
  const pre = latest('pre');
  const post = latest('post');

  return {
    offeringId,
    endDate: offering.end_date,
    moduleId: offering.module_id,
    programmeId: offering.programme_id,
    completers: enrolled.filter((e) => e.result === 'completed').length,
    enrolled: enrolled.length,
    unitId: unit?.id ?? null,
    canSend: !!path && hasPermissionAt(ctx, 'surveys.manage', path),
    followUp: { opensOn: addMonths(offering.end_date, 3), closesOn: addMonths(offering.end_date, 6) },
    minimumGroup: MINIMUM_GROUP,
    reaction: ofKind('reaction', 'general'),
    learning: { rounds: ofKind('pre', 'post'), paired: pre && post ? await pairedChange(ctx, pre, post) : null },
    behaviour: { rounds: ofKind('follow_up'), visits: await visitFigures(ctx, offeringId) },
  };
}

/** The offering's follow-through visits by state, and what was found at those done. */
async function visitFigures(ctx: Ctx, offeringId: string): Promise<OfferingEvaluation['behaviour']['visits']> {
  const rows = await ctx.db
    .selectFrom('follow_through_visit')
    .select(['status', 'applied', 'due_on'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('offering_id', '=', offeringId)
    .execute();
  const today = todayIso();
  const done = rows.filter((r) => r.status === 'done');
  const count = (value: string) => done.filter((r) => r.applied === value).length;
  return {
    due: rows.filter((r) => r.status === 'due').length,
    overdue: rows.filter((r) => r.status === 'due' && r.due_on < today).length,
    done: done.length,
    cancelled: rows.filter((r) => r.status === 'cancelled').length,
    applied:
      done.length >= MINIMUM_GROUP
        ? { applied: count('applied'), partly: count('partly'), not_applied: count('not_applied') }
        : null,
  };
}
