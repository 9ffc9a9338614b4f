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
import { Definition, questionsOf } from './surveys.definition.ts';

const GROUP_COLUMNS = { sex: 'sex', role: 'role', school_type: 'school_type' } as const;

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
  const definition = Definition.parse(JSON.parse(round.definition));
  const index = await org.unitIndex(ctx);
  const slice = sliceFor(index, unit.id, true);
  const pathOf = new Map(index.map((u) => [u.id, u.path]));

  // Respondents per place and group: every unit of the slice sums the places under it.
  const by = query.by;
  const placed = await ctx.db
    .selectFrom('survey_response')
    .select(['unit_path', (eb) => eb.fn.countAll<number>().as('n')])
    .$if(Boolean(by), (q) => q.select(sql<string>`${sql.ref(GROUP_COLUMNS[by ?? 'sex'])}`.as('grp')))
    .where('tenant_id', '=', ctx.tenantId)
    .where('round_id', '=', roundId)
    .groupBy('unit_path')
    .$if(Boolean(by), (q) => q.groupBy(GROUP_COLUMNS[by ?? 'sex']))
    .execute();
  const sizeOf = (unitId: string, group?: string) => {
    const path = pathOf.get(unitId) ?? '';
    let n = 0;
    for (const r of placed as { unit_path: string; n: number; grp?: string }[])
      if (r.unit_path.startsWith(path) && (group === undefined || r.grp === group)) n += Number(r.n);
    return n;
  };
  const groups = by ? [...new Set((placed as { grp?: string }[]).map((r) => r.grp ?? 'unknown'))].sort() : [];
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

  const questions = await questionResults(ctx, roundId, unit.path, definition, readsTexts);
  let breakdown: RoundResults['breakdown'] = null;
  if (by && !hidden.breakdowns.get(by)?.has(unit.id)) {
    const perGroup = [];
    for (const g of groups)
      perGroup.push({
        key: g,
        respondents: sizeOf(unit.id, g),
        questions: await questionResults(ctx, roundId, unit.path, definition, false, {
          column: GROUP_COLUMNS[by],
          value: g,
        }),
      });
    breakdown = { by, groups: perGroup, hidden: false };
  } else if (by) breakdown = { by, groups: [], hidden: true };
  return { ...base, respondents, suppressed: false, questions, breakdown };
}

async function questionResults(
  ctx: Ctx,
  roundId: string,
  path: string,
  definition: Definition,
  withTexts: boolean,
  group?: { column: string; value: string },
): Promise<QuestionResult[]> {
  const rows = await sql<{
    response_id: string;
    question_key: string;
    item: string;
    value_text: string | null;
    value_number: number | null;
  }>`
    select a.response_id, a.question_key, a.item, a.value_text, a.value_number
    from survey_answer a
    join survey_response r on r.tenant_id = a.tenant_id and r.id = a.response_id
    where a.tenant_id = ${ctx.tenantId} and a.round_id = ${roundId}
      and r.unit_path >= ${path} and r.unit_path < ${subtreeUpperBound(path)}
      ${group ? sql`and ${sql.ref(`r.${group.column}`)} = ${group.value}` : sql``}`.execute(ctx.db);
  const byQuestion = new Map<string, typeof rows.rows>();
  for (const r of rows.rows) byQuestion.set(r.question_key, [...(byQuestion.get(r.question_key) ?? []), r]);
  return questionsOf(definition).map((q) => {
    const answers = byQuestion.get(q.key) ?? [];
    const counts = (list: typeof answers) =>
      Object.fromEntries(q.choices.map((c) => [c.value, list.filter((a) => a.value_text === c.value).length]));
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
      result.answered = answers.length;
      result.counts = counts(answers);
    } else if (q.type === 'multiple') {
      result.answered = new Set(answers.map((a) => a.response_id)).size;
      result.counts = Object.fromEntries(
        q.choices.map((c) => [c.value, answers.filter((a) => a.item === c.value).length]),
      );
    } else if (q.type === 'matrix') {
      result.rows = Object.fromEntries(
        q.rows.map((row) => [row.value, counts(answers.filter((a) => a.item === row.value))]),
      );
      result.answered = new Set(answers.map((a) => a.response_id)).size;
    } else if (q.type === 'number') {
      const values = answers.map((a) => Number(a.value_number)).sort((x, y) => x - y);
      result.answered = values.length;
      if (values.length) {
        const mid = Math.floor(values.length / 2);
        result.number = {
          mean: Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100,
          median: values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2,
        };
      }
    } else {
      result.answered = answers.length;
      if (withTexts && q.type !== 'date') result.texts = answers.map((a) => a.value_text ?? '').sort();
    }
    return result;
  });
}
