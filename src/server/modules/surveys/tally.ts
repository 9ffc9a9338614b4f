import type { Kysely, Selectable } from 'kysely';
import type { DB, SurveyTallyTable } from '../../db/schema.ts';
import { rowsPerStatement, writeInBatches } from '../../shared/batches.ts';

export type TallyRow = Selectable<SurveyTallyTable>;
type Response = Selectable<DB['survey_response']>;
type Answer = Selectable<DB['survey_answer']>;

/**
 * What a response adds to its round's tallies: for the place it was given and every unit above it,
 * overall and per group of each breakdown (sex, role, type of place), one respondent, and per answer
 * row a count: of a choice (`c`: the chosen value, with its position), of a number (`n`), or of a
 * text or date (`t`). A question answered in several rows (a multiple choice, a matrix) also counts
 * its respondent once (`a`). Results read these counts instead of the answers: a few hundred rows
 * for a round of any size. Anonymous responses add nothing that the response rows do not already hold.
 */
export function tallyRows(response: Response, answers: Answer[]): TallyRow[] {
  const paths: string[] = [];
  for (let i = response.unit_path.indexOf('/', 1); i > 0; i = response.unit_path.indexOf('/', i + 1))
    paths.push(response.unit_path.slice(0, i + 1));
  const groups = ['', `sex:${response.sex}`, `role:${response.role}`, `school_type:${response.school_type}`];
  const counted: Omit<TallyRow, 'tenant_id' | 'round_id' | 'unit_path' | 'grp' | 'n'>[] = [
    { question_key: '', item: '', kind: 'r', value_text: '', value_number: 0 },
  ];
  const spread = new Set<string>();
  for (const a of answers) {
    if (a.value_number !== null && a.value_text !== null)
      counted.push({
        question_key: a.question_key,
        item: a.item,
        kind: 'c',
        value_text: a.value_text,
        value_number: a.value_number,
      });
    else if (a.value_number !== null)
      counted.push({
        question_key: a.question_key,
        item: a.item,
        kind: 'n',
        value_text: '',
        value_number: a.value_number,
      });
    else counted.push({ question_key: a.question_key, item: a.item, kind: 't', value_text: '', value_number: 0 });
    if (a.item !== '') spread.add(a.question_key);
  }
  for (const key of spread) counted.push({ question_key: key, item: '', kind: 'a', value_text: '', value_number: 0 });
  return paths.flatMap((unit_path) =>
    groups.flatMap((grp) =>
      counted.map((c) => ({ tenant_id: response.tenant_id, round_id: response.round_id, unit_path, grp, ...c, n: 1 })),
    ),
  );
}

const keyOf = (r: TallyRow) =>
  [r.tenant_id, r.round_id, r.unit_path, r.grp, r.question_key, r.item, r.kind, r.value_text, r.value_number].join(
    '\u0000',
  );

/**
 * Adds tally rows to the stored counts. Equal keys are summed first and rows are written in key
 * order, so that concurrent writers on PostgreSQL take their row locks in one order (no deadlock).
 */
export async function addTallies(db: Kysely<DB>, rows: TallyRow[]) {
  const summed = new Map<string, TallyRow>();
  for (const r of rows) {
    const key = keyOf(r);
    const seen = summed.get(key);
    if (seen) seen.n += r.n;
    else summed.set(key, { ...r });
  }
  const sorted = [...summed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  await writeInBatches(sorted, rowsPerStatement(10), (batch) =>
    db
      .insertInto('survey_tally')
      .values(batch)
      .onConflict((oc) =>
        oc
          .columns([
            'tenant_id',
            'round_id',
            'unit_path',
            'grp',
            'question_key',
            'item',
            'kind',
            'value_text',
            'value_number',
          ])
          .doUpdateSet((eb) => ({ n: eb('survey_tally.n', '+', eb.ref('excluded.n')) })),
      )
      .execute(),
  );
}
