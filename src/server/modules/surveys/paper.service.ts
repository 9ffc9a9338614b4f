import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { csvLine } from '../../shared/csv.ts';
import { AppError } from '../../shared/errors.ts';
import { todayIso } from '../../shared/ids.ts';
import { FaultList, readCsv, splitList } from '../imports/csv.ts';
import { OTHER_PLACE, placeKey } from '../monitoring/places.ts';
import * as org from '../org/org.service.ts';
import { type InvitedPerson, invitedByIdentifier } from './paper.repo.ts';
import { answerRows, checkAnswers, isBlank } from './responses.service.ts';
import * as repo from './rounds.repo.ts';
import type { Population } from './rounds.schemas.ts';
import { requireManagedRound, roundStatus } from './rounds.service.ts';
import {
  type Answers,
  type AnswerValue,
  type Definition,
  isShown,
  missingAnswers,
  type Question,
  questionsOf,
  roundDefinition,
} from './surveys.definition.ts';

/** A paper round is typed in by hand: a few thousand lines at most. */
export const MAX_PAPER_BYTES = 10 * 1024 * 1024;
const MAX_TEXT = 4000;
const SEXES = new Set(['female', 'male', 'other']);

/** A fault of one line (the header is line 1), with a code the web app translates. */
export interface PaperFault {
  line: number;
  column: string;
  code: string;
  message: string;
}

/**
 * The roster import's fault list (same `csv_invalid` answer, same cap), each fault also carrying
 * a code: the module's own (answer_invalid, answers_incomplete, response_submitted...) or
 * `csv_invalid` for what the CSV reader finds in the file's shape.
 */
class PaperFaults extends FaultList {
  private static readonly CAP = 1000;
  override add(line: number, column: string, message: string, code = 'csv_invalid') {
    const fault: PaperFault = { line, column, code, message };
    if (this.items.length < PaperFaults.CAP) this.items.push(fault);
    else this.truncated = true;
  }
  /** Faults in the order of the file, whichever check found them. */
  override fail(): never {
    this.items.sort((a, b) => a.line - b.line);
    return super.fail();
  }
}

type Round = Awaited<ReturnType<typeof requireManagedRound>>;

const questionColumns = (q: Question) => (q.type === 'matrix' ? q.rows.map((r) => `${q.key}.${r.value}`) : [q.key]);

/** The round's columns: who answered, then one per question (a matrix one per row). */
function columnsOf(definition: Definition, anonymous: boolean) {
  const who = anonymous ? ['unit', 'sex', 'role'] : ['person'];
  const required = anonymous ? ['unit'] : ['person'];
  const optional = anonymous ? ['sex', 'role'] : [];
  // A required question that is always shown must have its column; a conditional one may not.
  for (const q of questionsOf(definition)) (q.required && !q.showIf ? required : optional).push(...questionColumns(q));
  return { header: [...who, ...questionsOf(definition).flatMap(questionColumns)], required, optional };
}

function definitionOf(round: Round) {
  return roundDefinition(round);
}

/** The header line officers fill in below, one line per paper form. */
export async function paperTemplate(ctx: Ctx, roundId: string): Promise<string> {
  const round = await requireManagedRound(ctx, roundId);
  return `\ufeff${csvLine(columnsOf(definitionOf(round), round.anonymous === 1).header)}`;
}

function requireOpen(round: { id: string; status: string; opens_on: string; closes_on: string }) {
  if (roundStatus(round) !== 'open')
    throw new AppError('round_closed', 'This round is not open for answers.', {
      roundId: round.id,
      opensOn: round.opens_on,
      closesOn: round.closes_on,
    });
}

/** A cell as the answer the web form would give: choice codes, a list split on `;`, a number. */
function cellAnswer(question: Question, cell: string): AnswerValue {
  // Choice codes are lower case (surveys.definition.ts): `Weekly` typed by hand is `weekly`.
  if (question.type === 'multiple') return splitList(cell.toLowerCase());
  if (question.type === 'single' || question.type === 'likert') return cell.toLowerCase();
  // Anything else stays text, which the question's own check refuses as "not a number".
  if (question.type === 'number' && /^-?\d+([.,]\d+)?$/.test(cell)) return Number(cell.replace(',', '.'));
  return cell;
}

/** Reads one line's answers, reporting each answer that does not fit its question and each one missing. */
function readAnswers(
  definition: Definition,
  line: number,
  values: Record<string, string | undefined>,
  faults: PaperFaults,
): Answers {
  const answers: Answers = {};
  const check = (column: string, key: string, value: AnswerValue) => {
    try {
      checkAnswers(definition, { [key]: value });
      return true;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      faults.add(line, column, error.message, error.code);
      return false;
    }
  };
  for (const q of questionsOf(definition)) {
    if (q.type === 'matrix') {
      const rated: Record<string, string> = {};
      for (const row of q.rows) {
        const cell = values[`${q.key}.${row.value}`]?.toLowerCase();
        if (cell && check(`${q.key}.${row.value}`, q.key, { [row.value]: cell })) rated[row.value] = cell;
      }
      if (Object.keys(rated).length) answers[q.key] = rated;
      continue;
    }
    const cell = values[q.key];
    if (!cell) continue;
    if (cell.length > MAX_TEXT) {
      faults.add(line, q.key, `The answer to ${q.key} is longer than ${MAX_TEXT} characters.`, 'answer_invalid');
      continue;
    }
    const value = cellAnswer(q, cell);
    if (check(q.key, q.key, value)) answers[q.key] = value;
  }
  // An answer refused above counts as not given only when it was not given: a faulty answer is not also "missing".
  const refused = new Set(faults.items.filter((f) => f.line === line).map((f) => f.column.split('.')[0]));
  const byKey = new Map(questionsOf(definition).map((q) => [q.key, q]));
  for (const key of missingAnswers(definition, answers)) {
    if (refused.has(key)) continue;
    const q = byKey.get(key)!;
    const given = (answers[key] ?? {}) as Record<string, string>;
    const columns = q.type === 'matrix' ? q.rows.filter((r) => !given[r.value]).map((r) => `${key}.${r.value}`) : [key];
    for (const column of columns)
      faults.add(line, column, `The question ${key} is required and has no answer.`, 'answers_incomplete');
  }
  return answers;
}

interface Respondent {
  invitation?: InvitedPerson;
  unit: { id: string; path: string; type: string; locality: string | null };
  sex: string;
  role: string;
}

function groupBy<T>(items: T[], key: (item: T) => string | null) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** Who answered each line: one of the round's invited people, each once and not yet answered. */
async function identified(
  ctx: Ctx,
  round: Round,
  lines: { line: number; values: Record<string, string | undefined> }[],
  faults: PaperFaults,
): Promise<Map<number, Respondent>> {
  const named = [...new Set(lines.map((l) => l.values.person ?? '').filter(Boolean))];
  const invited = await invitedByIdentifier(ctx.db, ctx.tenantId, round.id, named);
  const byNationalId = groupBy(invited, (p) => p.national_id);
  const byEmisId = groupBy(invited, (p) => p.emis_id);
  const byEmail = groupBy(invited, (p) => p.email?.toLowerCase() ?? null);
  const out = new Map<number, Respondent>();
  const lineOf = new Map<string, number>();
  for (const { line, values } of lines) {
    const given = values.person ?? '';
    if (!given) {
      faults.add(line, 'person', 'Name who answered: their national id, EMIS id or email.', 'person_required');
      continue;
    }
    // National id first (unique), then EMIS id, then email (which two people might share).
    const matches = [byNationalId.get(given), byEmisId.get(given), byEmail.get(given.toLowerCase())].find(Boolean);
    if (!matches || new Set(matches.map((m) => m.person_id)).size > 1) {
      // One message either way: a file must not tell who exists outside the round.
      faults.add(line, 'person', `${given} is not one person invited to this round.`, 'person_not_invited');
      continue;
    }
    const person = matches[0]!;
    const earlier = lineOf.get(person.person_id);
    if (earlier !== undefined) {
      faults.add(line, 'person', `${given} answered on line ${earlier} already.`, 'person_repeated');
      continue;
    }
    lineOf.set(person.person_id, line);
    if (person.status === 'submitted') {
      faults.add(line, 'person', `${given} has answered this round already.`, 'response_submitted');
      continue;
    }
    out.set(line, {
      invitation: person,
      unit: { id: person.org_unit_id, path: person.org_path, type: person.unit_type, locality: person.unit_locality },
      sex: person.sex ?? 'unknown',
      role: person.category,
    });
  }
  return out;
}

/** Where and who answered each line of an anonymous round: a unit under the round, sex and role, no person. */
async function anonymousGroups(
  ctx: Ctx,
  round: Round,
  lines: { line: number; values: Record<string, string | undefined> }[],
  faults: PaperFaults,
): Promise<Map<number, Respondent>> {
  const units = new Map<string, { id: string; path: string; type: string; locality: string | null }>();
  for (const u of await org.unitIndex(ctx))
    if (u.code && u.path.startsWith(round.unit_path)) units.set(u.code.toLowerCase(), u);
  const categories = (JSON.parse(round.population) as Population).categories;
  const out = new Map<number, Respondent>();
  for (const { line, values } of lines) {
    let ok = true;
    const fault = (column: string, message: string, code: string) => {
      faults.add(line, column, message, code);
      ok = false;
    };
    const code = values.unit ?? '';
    const unit = units.get(code.toLowerCase());
    if (!unit) fault('unit', `No unit with code ${code || '(empty)'} within this round.`, 'unit_unknown');
    const sex = (values.sex ?? '').toLowerCase();
    if (sex && !SEXES.has(sex))
      fault('sex', `Unknown sex ${values.sex}: use female, male, other or leave it empty.`, 'sex_invalid');
    const role = (values.role ?? '').toLowerCase() || (categories.length === 1 ? categories[0]! : '');
    if (!(categories as string[]).includes(role))
      fault('role', `The role is one of the round's categories: ${categories.join(', ')}.`, 'role_invalid');
    if (ok && unit) out.set(line, { unit, sex: sex || 'unknown', role });
  }
  return out;
}

/**
 * A paper round's responses from CSV, all or nothing: the round's columns (`GET template.csv`),
 * every line checked with the rules of answering online, every fault reported with its line and
 * column (`csv_invalid`) and nothing written; otherwise every response is written in one
 * transaction, source `paper`, the invitations of an identified round marked answered.
 */
export async function importPaperResponses(ctx: Ctx, roundId: string, bytes: Buffer): Promise<{ imported: number }> {
  const round = await requireManagedRound(ctx, roundId);
  requireOpen(round);
  const anonymous = round.anonymous === 1;
  const definition = definitionOf(round);
  const faults = new PaperFaults();
  const lines: { line: number; values: Record<string, string | undefined>; answers: Answers }[] = [];
  const { required, optional } = columnsOf(definition, anonymous);
  for await (const { line, values } of readCsv([bytes], { required, optional }, faults, MAX_PAPER_BYTES)) {
    lines.push({ line, values, answers: readAnswers(definition, line, values, faults) });
  }
  if (lines.length === 0) faults.add(2, '', 'The file has no lines of answers.');
  const respondents = anonymous
    ? await anonymousGroups(ctx, round, lines, faults)
    : await identified(ctx, round, lines, faults);
  if (faults.any) faults.fail();

  await inTransaction(ctx, async (tx) => {
    const current = await repo.getRound(tx.db, tx.tenantId, roundId);
    requireOpen(current ?? round);
    const today = todayIso();
    for (const { line, answers } of lines) {
      const who = respondents.get(line)!;
      // Answered online since the file was checked: reported like any other fault, and all rolled back.
      if (who.invitation && !(await repo.markSubmitted(tx.db, tx.tenantId, who.invitation.invitation_id))) {
        faults.add(line, 'person', 'This person has answered this round already.', 'response_submitted');
        continue;
      }
      const responseId = randomUUID();
      const rows = questionsOf(definition)
        .filter((q) => isShown(q, answers) && !isBlank(answers[q.key]))
        .flatMap((q) => answerRows(q, answers[q.key]!).map((r) => ({ question_key: q.key, ...r })));
      await repo.insertResponse(
        tx.db,
        {
          tenant_id: tx.tenantId,
          id: responseId,
          round_id: roundId,
          person_id: anonymous ? null : (who.invitation?.person_id ?? null),
          unit_id: who.unit.id,
          unit_path: who.unit.path,
          sex: who.sex,
          role: who.role,
          school_type: who.unit.type,
          place: placeKey(who.unit) ?? OTHER_PLACE,
          source: 'paper',
          submitted_on: today,
        },
        rows,
        'now',
      );
    }
    if (faults.any) faults.fail();
    await recordAudit(tx.db, tx, 'survey_response.import', { type: 'survey_round', id: roundId }, null, {
      source: 'paper',
      imported: lines.length,
    });
  });
  return { imported: lines.length };
}
