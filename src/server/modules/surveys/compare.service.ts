import { hasPermissionAt } from '../../shared/access.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { MINIMUM_GROUP } from '../../shared/suppression.ts';
import { resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import type { RoundComparison } from './compare.schemas.ts';
import { pairedChange } from './evaluation.service.ts';
import type { QuestionResult, RoundResults } from './results.schemas.ts';
import { roundResults } from './results.service.ts';
import * as repo from './rounds.repo.ts';
import { type Question, questionsOf, roundDefinition } from './surveys.definition.ts';

/** Share of those who answered, per choice or per matrix row at its top two points. */
function shares(question: Question, result: QuestionResult | undefined): Map<string, number> {
  const out = new Map<string, number>();
  if (!result || result.answered === 0) return out;
  if (result.counts) for (const [value, n] of Object.entries(result.counts)) out.set(value, n / result.answered);
  if (result.rows) {
    const top = question.choices.slice(-2).map((c) => c.value);
    for (const [row, counts] of Object.entries(result.rows)) {
      const answered = Object.values(counts).reduce((s, n) => s + n, 0);
      if (answered) out.set(row, top.reduce((s, v) => s + (counts[v] ?? 0), 0) / answered);
    }
  }
  return out;
}

/**
 * Two rounds of one questionnaire (any of its versions: question keys are kept across versions) at a
 * unit within both: each question's shares side by side with the change in percentage points, read
 * through each round's results so that both follow the same suppression. Two identified rounds read
 * at the first round's own unit are also paired person by person, for those who manage both.
 */
export async function compareRounds(
  ctx: Ctx,
  roundId: string,
  query: { with: string; unitId?: string },
): Promise<RoundComparison> {
  const [first, second] = await Promise.all([
    repo.getRound(ctx.db, ctx.tenantId, roundId),
    repo.getRound(ctx.db, ctx.tenantId, query.with),
  ]);
  if (!first) throw notFound('survey_round', roundId);
  if (!second) throw notFound('survey_round', query.with);
  if (first.survey_code !== second.survey_code)
    throw new AppError('rounds_not_comparable', 'Only rounds of the same questionnaire compare.', {
      field: 'query.with',
    });
  const unit = query.unitId
    ? await org.requireUnit(ctx, query.unitId, 'org.read')
    : { id: first.unit_id, path: first.unit_path };
  if (!unit.path.startsWith(first.unit_path) || !unit.path.startsWith(second.unit_path))
    throw new AppError('rounds_not_comparable', 'The unit is not within the reach of both rounds.', {
      field: 'query.unitId',
    });
  const [before, after] = first.opens_on <= second.opens_on ? [first, second] : [second, first];
  // At a round's own unit its results check the reader's rights on the round itself.
  const at = (round: repo.RoundView) => (round.unit_id === unit.id ? {} : { unitId: unit.id });
  const [a, b] = await Promise.all([roundResults(ctx, before.id, at(before)), roundResults(ctx, after.id, at(after))]);
  const side = (round: repo.RoundView, results: RoundResults) => ({
    id: round.id,
    title: results.title,
    opensOn: round.opens_on,
    respondents: results.suppressed ? null : results.respondents,
  });
  const text = (t: Record<string, string>) => resolveText(t, ctx.locale, ctx.defaultLocale);
  const earlier = new Map(questionsOf(roundDefinition(before)).map((q) => [q.key, q]));
  const questions: RoundComparison['questions'] = [];
  for (const q of questionsOf(roundDefinition(after))) {
    if (earlier.get(q.key)?.type !== q.type || q.type === 'short_text' || q.type === 'long_text' || q.type === 'date')
      continue;
    const [x, y] = [a.questions.find((r) => r.key === q.key), b.questions.find((r) => r.key === q.key)];
    const shown = (r: RoundResults) => !r.suppressed && r.respondents !== null;
    const [sx, sy] = [shares(q, x), shares(q, y)];
    const options = q.type === 'matrix' ? q.rows : q.choices;
    const items = options.map((o) => {
      const from = shown(a) ? (sx.get(o.value) ?? 0) : null;
      const to = shown(b) ? (sy.get(o.value) ?? 0) : null;
      return {
        value: o.value,
        label: text(o.label),
        before: from,
        after: to,
        change: from === null || to === null ? null : Math.round((to - from) * 1000) / 10,
      };
    });
    questions.push({
      key: q.key,
      type: q.type,
      text: text(q.text),
      items,
      mean: q.type === 'number' ? { before: x?.number?.mean ?? null, after: y?.number?.mean ?? null } : null,
    });
  }
  const atOwnUnit = unit.id === first.unit_id;
  const managesBoth =
    hasPermissionAt(ctx, 'surveys.manage', before.unit_path) && hasPermissionAt(ctx, 'surveys.manage', after.unit_path);
  return {
    unit: { id: unit.id, name: b.unit.name },
    before: side(before, a),
    after: side(after, b),
    minimumGroup: MINIMUM_GROUP,
    questions,
    paired: atOwnUnit && managesBoth ? await pairedChange(ctx, before, after) : null,
  };
}
