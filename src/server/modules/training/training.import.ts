import { measureImport } from '../../http/metrics.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { FaultList, readCsv } from '../imports/csv.ts';
import { requireOffering, requireRunner } from './offerings.service.ts';
import {
  checkResultsTiming,
  type ResultRow,
  resultsSummary,
  writeAttendance,
  writeResults,
} from './results.service.ts';
import * as repo from './training.repo.ts';

/**
 * The attendance and results of one offering as CSV: `national_id` (required), then any of
 * `name` (ignored; for the reader), `result` (completed | not_completed), `score` (0-100),
 * `completed_on` (YYYY-MM-DD), and one column per session day (the date as its header) holding
 * 1/0, yes/no or present/absent. Blank cells record nothing.
 */
export const RESULTS_COLUMNS = {
  required: ['national_id'],
  optional: ['name', 'result', 'score', 'completed_on'],
  pattern: /^\d{4}-\d{2}-\d{2}$/,
} as const;

const PRESENT = new Set(['1', 'yes', 'y', 'present', 'p', 'true']);
const ABSENT = new Set(['0', 'no', 'n', 'absent', 'a', 'false']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a dry run would have committed, carried out of its transaction so that it rolls back. */
class DryRunDone {
  constructor(readonly summary: Awaited<ReturnType<typeof resultsSummary>> & { rows: number; dryRun: true }) {}
}

/**
 * All or nothing: every faulty line is reported (csv_invalid with line and column) and nothing is
 * written. A dry run goes through every check and every write, reads the summary, and rolls back:
 * the counts are exactly what the import would give, and nothing stays.
 */
export async function importResults(ctx: Ctx, offeringId: string, bytes: Buffer, options: { dryRun?: boolean } = {}) {
  return measureImport('training_results', options, () => importResultsNow(ctx, offeringId, bytes, options));
}

async function importResultsNow(ctx: Ctx, offeringId: string, bytes: Buffer, options: { dryRun?: boolean }) {
  if (!options.dryRun) return checkAndWrite(ctx, offeringId, bytes, false);
  if (ctx.db.isTransaction) throw new Error('A dry run rolls back its own transaction: call it outside one.');
  try {
    await checkAndWrite(ctx, offeringId, bytes, true);
  } catch (error) {
    if (error instanceof DryRunDone) return error.summary;
    throw error;
  }
  throw new Error('unreachable: a dry run always rolls back');
}

async function checkAndWrite(ctx: Ctx, offeringId: string, bytes: Buffer, dryRun: boolean) {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    await requireRunner(tx, offering);
    // Held until commit: the completions read below stay true until writeResults writes.
    await repo.lockOffering(tx.db, tx.tenantId, offering.id);
    const sessionDays = new Set(JSON.parse(offering.session_days) as string[]);
    const faults = new FaultList();
    const lines: { line: number; nationalId: string; values: Record<string, string | undefined> }[] = [];
    let dayColumns: string[] | null = null;
    const seen = new Set<string>();
    for await (const record of readCsv([bytes], RESULTS_COLUMNS, faults)) {
      if (dayColumns === null) {
        dayColumns = Object.keys(record.values).filter((c) => RESULTS_COLUMNS.pattern.test(c));
        for (const day of dayColumns)
          if (!sessionDays.has(day)) faults.add(1, day, `${day} is not a session day of this offering.`);
      }
      const nationalId = record.values.national_id ?? '';
      if (!nationalId) faults.add(record.line, 'national_id', 'The national id is empty.');
      else if (seen.has(nationalId))
        faults.add(record.line, 'national_id', `National id ${nationalId} appears on an earlier line.`);
      seen.add(nationalId);
      lines.push({ line: record.line, nationalId, values: record.values });
    }
    if (lines.length === 0) faults.add(2, '', 'The file has no rows.');

    const people = await repo.peopleByNationalIds(tx.db, tx.tenantId, lines.map((l) => l.nationalId).filter(Boolean));
    const personOf = new Map(people.map((p) => [p.national_id!, p.id]));
    const enrolments = await repo.enrolmentsOfPeople(
      tx.db,
      tx.tenantId,
      offering.id,
      people.map((p) => p.id),
    );
    const enrolled = new Set(enrolments.filter((e) => e.status === 'enrolled').map((e) => e.person_id));
    const enrolmentOf = new Map(enrolments.map((e) => [e.person_id, e]));
    const marks: { personId: string; day: string; present: boolean }[] = [];
    const results: ResultRow[] = [];
    const lineOf = new Map<string, number>();
    for (const { line, nationalId, values } of lines) {
      if (!nationalId) continue;
      const personId = personOf.get(nationalId);
      if (!personId || !enrolled.has(personId)) {
        // One message either way: a trainer must not learn which national ids exist.
        faults.add(line, 'national_id', `National id ${nationalId} is not enrolled in this offering.`);
        continue;
      }
      for (const day of dayColumns ?? []) {
        const cell = (values[day] ?? '').toLowerCase();
        if (cell === '') continue;
        if (PRESENT.has(cell)) marks.push({ personId, day, present: true });
        else if (ABSENT.has(cell)) marks.push({ personId, day, present: false });
        else faults.add(line, day, `Write 1 (present) or 0 (absent), not "${values[day]}".`);
      }
      const result = values.result ?? '';
      const score = values.score ?? '';
      const completedOn = values.completed_on ?? '';
      if (result !== '' && result !== 'completed' && result !== 'not_completed') {
        faults.add(line, 'result', `The result is completed or not_completed, not "${result}".`);
        continue;
      }
      const scoreValue = score === '' ? null : Number(score);
      if (scoreValue !== null && !(Number.isFinite(scoreValue) && scoreValue >= 0 && scoreValue <= 100))
        faults.add(line, 'score', `The score is a number from 0 to 100, not "${score}".`);
      if (completedOn !== '' && (!DATE.test(completedOn) || Number.isNaN(Date.parse(completedOn))))
        faults.add(line, 'completed_on', `The date is written YYYY-MM-DD, not "${completedOn}".`);
      if (result === '' && (score !== '' || completedOn !== ''))
        faults.add(line, 'result', 'A score or completion date needs a result.');
      const earlier = enrolmentOf.get(personId)!;
      if (earlier.result === 'completed' && result !== '' && (result !== 'completed' || scoreValue !== earlier.score))
        faults.add(line, 'result', 'This teacher’s completion was recorded already and is final.');
      lineOf.set(personId, line);
      if (result !== '')
        results.push({
          personId,
          result,
          score: scoreValue,
          ...(completedOn ? { completedOn } : {}),
        });
    }
    if (faults.any) faults.fail();
    if (marks.length) await writeAttendance(tx, offering, marks);
    // After the file's own attendance is written (and rolled back with everything on a refusal).
    const short = (
      await checkResultsTiming(
        tx,
        offering,
        results.filter((r) => enrolmentOf.get(r.personId)!.result !== 'completed'),
      )
    ).map((s) => ({ line: lineOf.get(s.personId)!, ...s }));
    if (short.length)
      throw new AppError(
        'attendance_below_threshold',
        `Line ${short[0]!.line}: too few session days attended to complete the offering.`,
        { ...short[0]!, lines: short },
      );
    if (results.length) await writeResults(tx, offering, results);
    const summary = { ...(await resultsSummary(tx, offering.id, marks.length)), rows: lines.length };
    if (dryRun) throw new DryRunDone({ ...summary, dryRun: true });
    return { ...summary, dryRun: false };
  });
}
