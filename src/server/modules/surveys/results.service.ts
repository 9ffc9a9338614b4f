import { sql } from 'kysely';
import { hasPermissionAt, subtreeUpperBound } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { notFound } from '../../shared/errors.ts';
import { decide, MINIMUM_GROUP, sliceFor } from '../../shared/suppression.ts';
import { resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import type { Breakdown, QuestionResult, RoundResults } from './results.schemas.ts';
import * as repo from './rounds.repo.ts';
import { roundStatus } from './rounds.service.ts';
import { type Definition, questionsOf, roundDefinition } from './surveys.definition.ts';
import { foldTallies } from './tally.ts';

/**
 * A round's results at a unit within the round's reach: respondents, and per question the counts of
 * each choice (per row of a matrix), the mean and median of numbers, and the texts given. Whether the
 * unit, each unit below it and each group of a breakdown is shown is decided over the org tree from
 * the top with the one suppression rule of every report (`shared/suppression.ts`), so that no two
 * requests differ by fewer than MINIMUM_GROUP respondents. Texts are read only by those who manage
 * surveys there, and only where the unit is shown.
 */
export async function roundResults(
  ctx: Ctx,
  roundId: string,
  query: { unitId?: string; by?: Breakdown },
): Promise<RoundResults> {
  const round = await repo.getRound(ctx.db, ctx.tenantId, roundId);
  const readable = (path: string) =>
    hasPermissionAt(ctx, 'surveys.manage', path) || hasPermissionAt(ctx, 'reports.read', path);
  if (!round) throw notFound('survey_round', roundId);
  const unit = query.unitId
    ? await org.requireUnit(ctx, query.unitId, 'org.read')
    : { id: round.unit_id, path: round.unit_path };
  if (!unit.path.startsWith(round.unit_path) || !readable(unit.path)) throw notFound('survey_round', roundId);
  const definition = roundDefinition(round);
  const index = await org.unitIndex(ctx);
  const slice = sliceFor(index, unit.id, true);
  const pathOf = new Map(index.map((u) => [u.id, u.path]));

  // Respondents of each unit of the slice, overall and per group of the breakdown, from the tallies.
  await foldTallies(ctx, roundId);
  const by = query.by;
  const counted = await ctx.db
    .selectFrom('survey_tally')
    .select(['unit_path', 'grp', 'n'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('round_id', '=', roundId)
    .where('kind', '=', 'r')
    .where('question_key', '=', '')
    .where(
      'unit_path',
      'in',
      slice.units.map((id) => pathOf.get(id) ?? ''),
    )
    .where((eb) => (by ? eb.or([eb('grp', '=', ''), eb('grp', 'like', `${by}:%`)]) : eb('grp', '=', '')))
    .execute();
  const sizes = new Map(counted.map((r) => [`${r.unit_path}|${r.grp}`, Number(r.n)]));
  const sizeOf = (unitId: string, group?: string) =>
    sizes.get(`${pathOf.get(unitId) ?? ''}|${group === undefined ? '' : `${by}:${group}`}`) ?? 0;
  const groups = by
    ? [...new Set(counted.filter((r) => r.grp !== '').map((r) => r.grp.slice(by.length + 1)))].sort()
    : [];
  const hidden = decide(slice, {
    sizes: ['respondents'],
    size: (u) => sizeOf(u),
    breakdowns: by ? [{ name: by, groups, size: (u, g) => sizeOf(u, g) }] : [],
  });

  const respondents = sizeOf(unit.id);
  const shown = !hidden.units.has(unit.id) && respondents > 0;
  const readsTexts = hasPermissionAt(ctx, 'surveys.manage', unit.path);
  const children = (slice.children.get(unit.id) ?? []).map((id) => {
    const entry = index.find((u) => u.id === id)!;
    const n = sizeOf(id);
    return {
      unitId: id,
      name: resolveText(JSON.parse(entry.name), ctx.locale, ctx.defaultLocale),
      respondents: hidden.units.has(id) ? null : n,
      readable: readable(entry.path),
    };
  });
  const base = {
    roundId,
    title: resolveText(JSON.parse(round.title), ctx.locale, ctx.defaultLocale),
    status: roundStatus(round),
    unit: {
      id: unit.id,
      name: resolveText(JSON.parse(index.find((u) => u.id === unit.id)!.name), ctx.locale, ctx.defaultLocale),
    },
    invited: Number(round.invited),
    minimumGroup: MINIMUM_GROUP,
    definition,
    children,
  };
  if (!shown)
    return {
      ...base,
      respondents: respondents === 0 ? 0 : null,
      suppressed: respondents > 0,
      questions: [],
      breakdown: null,
    };

  // At the round's own unit every response counts: texts are read without looking where each was given.
  const reach = { path: unit.path, whole: unit.path === round.unit_path };
  const questions = (await questionResults(ctx, roundId, reach, definition, readsTexts)).get('')!;
  let breakdown: RoundResults['breakdown'] = null;
  if (by && !hidden.breakdowns.get(by)?.has(unit.id)) {
    const perGroup = await questionResults(ctx, roundId, reach, definition, false, by);
    breakdown = {
      by,
      groups: groups.map((g) => ({
        key: g,
        respondents: sizeOf(unit.id, g),
        questions: perGroup.get(g) ?? resultsOf(definition, undefined, false),
      })),
      hidden: false,
    };
  } else if (by) breakdown = { by, groups: [], hidden: true };
  return { ...base, respondents, suppressed: false, questions, breakdown };
}

/** Which answers count: those given under `path`; `whole` when that is every answer of the round. */
interface Reach {
  path: string;
  whole: boolean;
}

/** What the database hands back for one group: tallies per question, never the answer rows themselves. */
interface Tallies {
  /** Rows per question, item and value (the value only for choice questions, the number only for numbers). */
  rows: { q: string; item: string; v: string | null; x: number | null; n: number }[];
  /** Respondents per multiple choice and matrix question. */
  reach: Map<string, number>;
  texts: Map<string, string[]>;
}

const TEXT_TYPES = ['short_text', 'long_text'];

/**
 * Per question, the counts, means, medians and (`withTexts`) texts of the answers given under the
 * reach, per group of the breakdown `by` when given (the key '' otherwise). Counts come from the
 * round's tallies at the unit (`tally.ts`), a few hundred rows whatever the round's size; only texts
 * are read from the answers, and only for those who read them.
 */
async function questionResults(
  ctx: Ctx,
  roundId: string,
  reach: Reach,
  definition: Definition,
  withTexts: boolean,
  by?: Breakdown,
): Promise<Map<string, QuestionResult[]>> {
  const textKeys = questionsOf(definition)
    .filter((q) => TEXT_TYPES.includes(q.type))
    .map((q) => q.key);
  const [tallied, texts] = await Promise.all([
    ctx.db
      .selectFrom('survey_tally')
      .select(['grp', 'question_key', 'item', 'kind', 'value_text', 'value_number', 'n'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('round_id', '=', roundId)
      .where('unit_path', '=', reach.path)
      .where((eb) => (by ? eb('grp', 'like', `${by}:%`) : eb('grp', '=', '')))
      .where('kind', '!=', 'r')
      .execute(),
    withTexts && !by && textKeys.length
      ? sql<{ q: string; v: string | null }>`
          select a.question_key as q, a.value_text as v
          from ${reach.whole ? sql`survey_answer a` : sql`survey_response r cross join survey_answer a`}
          where ${
            reach.whole
              ? sql`a.tenant_id = ${ctx.tenantId} and a.round_id = ${roundId}`
              : sql`r.tenant_id = ${ctx.tenantId} and r.round_id = ${roundId} and a.tenant_id = r.tenant_id
                  and a.response_id = r.id and r.unit_path >= ${reach.path} and r.unit_path < ${subtreeUpperBound(reach.path)}`
          } and a.question_key in (${sql.join(textKeys)})`.execute(ctx.db)
      : { rows: [] },
  ]);

  const groups = new Map<string, Tallies>();
  const tallies = (g: string) => {
    const t: Tallies = groups.get(g) ?? { rows: [], reach: new Map(), texts: new Map() };
    groups.set(g, t);
    return t;
  };
  for (const r of tallied) {
    const t = tallies(by ? r.grp.slice(by.length + 1) : '');
    if (r.kind === 'a') t.reach.set(r.question_key, Number(r.n));
    else
      t.rows.push({
        q: r.question_key,
        item: r.item,
        v: r.kind === 'c' ? r.value_text : null,
        x: r.kind === 'n' ? Number(r.value_number) : null,
        n: Number(r.n),
      });
  }
  if (texts.rows.length) {
    const byKey = tallies('').texts;
    for (const r of texts.rows) {
      const list = byKey.get(r.q);
      if (list) list.push(r.v ?? '');
      else byKey.set(r.q, [r.v ?? '']);
    }
  }
  const results = new Map<string, QuestionResult[]>();
  for (const [g, t] of groups) results.set(g, resultsOf(definition, t, withTexts && !by));
  if (!by && !results.has('')) results.set('', resultsOf(definition, undefined, withTexts));
  return results;
}

/** The results of each question from its tallies (none: nobody answered). */
function resultsOf(definition: Definition, tallies: Tallies | undefined, withTexts: boolean): QuestionResult[] {
  const byQuestion = new Map<string, Tallies['rows']>();
  for (const r of tallies?.rows ?? []) {
    const list = byQuestion.get(r.q);
    if (list) list.push(r);
    else byQuestion.set(r.q, [r]);
  }
  return questionsOf(definition).map((q) => {
    const rows = byQuestion.get(q.key) ?? [];
    const total = rows.reduce((s, r) => s + r.n, 0);
    const count = (item: string | undefined, value: string | undefined) =>
      rows.reduce(
        (s, r) => ((item !== undefined && r.item !== item) || (value !== undefined && r.v !== value) ? s : s + r.n),
        0,
      );
    const result: QuestionResult = {
      key: q.key,
      type: q.type,
      answered: 0,
      counts: null,
      rows: null,
      number: null,
      texts: null,
    };
    if (q.type === 'single' || q.type === 'likert') {
      result.answered = total;
      result.counts = Object.fromEntries(q.choices.map((c) => [c.value, count(undefined, c.value)]));
    } else if (q.type === 'multiple') {
      result.answered = tallies?.reach.get(q.key) ?? 0;
      result.counts = Object.fromEntries(q.choices.map((c) => [c.value, count(c.value, undefined)]));
    } else if (q.type === 'matrix') {
      result.rows = Object.fromEntries(
        q.rows.map((row) => [
          row.value,
          Object.fromEntries(q.choices.map((c) => [c.value, count(row.value, c.value)])),
        ]),
      );
      result.answered = tallies?.reach.get(q.key) ?? 0;
    } else if (q.type === 'number') {
      result.answered = total;
      if (total) result.number = numberSummary(rows.map((r) => ({ value: r.x ?? 0, n: r.n })));
    } else {
      result.answered = total;
      if (withTexts && q.type !== 'date') result.texts = (tallies?.texts.get(q.key) ?? []).sort();
    }
    return result;
  });
}

/** Mean (to two places) and exact median of numbers given as distinct values with their counts. */
function numberSummary(values: { value: number; n: number }[]) {
  values.sort((a, b) => a.value - b.value);
  const total = values.reduce((s, v) => s + v.n, 0);
  const nth = (k: number) => {
    let seen = 0;
    for (const v of values) {
      seen += v.n;
      if (k < seen) return v.value;
    }
    return values.at(-1)!.value;
  };
  const mid = Math.floor(total / 2);
  return {
    mean: Math.round((values.reduce((s, v) => s + v.value * v.n, 0) / total) * 100) / 100,
    median: total % 2 ? nth(mid) : (nth(mid - 1) + nth(mid)) / 2,
  };
}
