import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, SurveyTallyTable } from '../../db/schema.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';

export type TallyRow = Selectable<SurveyTallyTable>;
type Response = Pick<
  Selectable<DB['survey_response']>,
  'tenant_id' | 'round_id' | 'unit_path' | 'sex' | 'role' | 'school_type' | 'place'
>;
/** An answer row's values: a response's tallies and its `survey_answer` rows are made of these. */
export type Answer = Pick<Selectable<DB['survey_answer']>, 'question_key' | 'item' | 'value_number' | 'value_text'>;
type AnswerRow = Selectable<DB['survey_answer']>;
/** How `survey_response.pending_answers` holds an answer row: a few bytes, parsed back in one call. */
type Pending = [question_key: string, item: string, value_number: number | null, value_text: string | null];

/** A web submission's answers as its response keeps them until they are folded. */
export function pendingAnswers(answers: Answer[]): string {
  return JSON.stringify(answers.map((a): Pending => [a.question_key, a.item, a.value_number, a.value_text]));
}

function parsePending(text: string): Answer[] {
  return (JSON.parse(text) as Pending[]).map(([question_key, item, value_number, value_text]) => ({
    question_key,
    item,
    value_number,
    value_text,
  }));
}

/**
 * What a response adds to its round's tallies: for the place it was given and every unit above it,
 * overall and per group of each breakdown (sex, role, type of place), one respondent, and per answer
 * row a count: of a choice (`c`: the chosen value, with its position), of a number (`n`), or of a
 * text or date (`t`). A question answered in several rows (a multiple choice, a matrix) also counts
 * its respondent once (`a`). Results read these counts instead of the answers: a few hundred rows
 * for a round of any size. Anonymous responses add nothing that the response rows do not already hold.
 * Writers sum many responses with `TallySum`; this is the same count of one, spelled out.
 */
export function tallyRows(response: Response, answers: Answer[]): TallyRow[] {
  const counted = countedOf(answers);
  return cellsOf(response).flatMap(([unit_path, grp]) =>
    counted.map((c) => ({ tenant_id: response.tenant_id, round_id: response.round_id, unit_path, grp, ...c, n: 1 })),
  );
}

type Counted = Omit<TallyRow, 'tenant_id' | 'round_id' | 'unit_path' | 'grp' | 'n'>;

/** The units above a response's place (every path prefix) and the groups it falls in: the cells it counts in. */
function cellsOf(response: Response): [unit_path: string, grp: string][] {
  const groups = [
    '',
    `sex:${response.sex}`,
    `role:${response.role}`,
    `school_type:${response.school_type}`,
    `place:${response.place}`,
  ];
  const cells: [string, string][] = [];
  for (let i = response.unit_path.indexOf('/', 1); i > 0; i = response.unit_path.indexOf('/', i + 1)) {
    const path = response.unit_path.slice(0, i + 1);
    for (const grp of groups) cells.push([path, grp]);
  }
  return cells;
}

/** What one response counts in each of its cells: itself, and per answer row a choice, number or text. */
function countedOf(answers: Answer[]): Counted[] {
  const counted: Counted[] = [{ question_key: '', item: '', kind: 'r', value_text: '', value_number: 0 }];
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
  return counted;
}

const countedKey = (c: Counted) =>
  `${c.question_key}\u0000${c.item}\u0000${c.kind}\u0000${c.value_text}\u0000${c.value_number}`;

/**
 * The tallies of many responses summed in memory (`tallyRows` of each, equal keys added), without
 * making a row per response, cell and answer: a fold of a thousand responses is hundreds of
 * thousands of those. Counts are kept per cell (unit and group), then per answer row.
 */
export class TallySum {
  private readonly cells = new Map<string, Map<string, TallyRow>>();

  add(response: Response, answers: Answer[]) {
    const counted = countedOf(answers).map((c) => [countedKey(c), c] as const);
    for (const [unit_path, grp] of cellsOf(response)) {
      const cellKey = `${response.tenant_id}\u0000${response.round_id}\u0000${unit_path}\u0000${grp}`;
      let cell = this.cells.get(cellKey);
      if (!cell) {
        cell = new Map();
        this.cells.set(cellKey, cell);
      }
      for (const [key, c] of counted) {
        const seen = cell.get(key);
        if (seen) seen.n += 1;
        else cell.set(key, { tenant_id: response.tenant_id, round_id: response.round_id, unit_path, grp, ...c, n: 1 });
      }
    }
  }

  /**
   * The summed rows in the order of their whole key (`tallyKey`): cells in key order, then rows
   * within a cell, which is the same order since the key of a cell is the start of its rows' keys.
   */
  rows(): TallyRow[] {
    const rows: TallyRow[] = [];
    for (const cellKey of [...this.cells.keys()].sort(byText)) {
      const cell = this.cells.get(cellKey)!;
      for (const key of [...cell.keys()].sort(byText)) rows.push(cell.get(key)!);
    }
    return rows;
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const KEY = [
  'tenant_id',
  'round_id',
  'unit_path',
  'grp',
  'question_key',
  'item',
  'kind',
  'value_text',
  'value_number',
] as const;
const COLUMNS = [...KEY, 'n'] as const;

/** Rows per statement, largest first: any count is written with a few statements of these fixed sizes. */
const SIZES = [256, 64, 16, 4, 1];

/**
 * Runs the statement of `text(size)` over `rows` in a few fixed sizes (`SIZES`), each size compiled
 * once per dialect: many rows are bound to prepared statements instead of compiled afresh as objects.
 */
async function writeInSizes<R>(
  db: Kysely<DB>,
  rows: R[],
  columns: readonly (keyof R)[],
  text: (db: Kysely<DB>, size: number) => string,
) {
  let start = 0;
  for (const size of SIZES)
    for (; rows.length - start >= size; start += size) {
      const parameters: unknown[] = [];
      for (let i = start; i < start + size; i++) {
        const r = rows[i]!;
        for (const column of columns) parameters.push(r[column]);
      }
      await db.executeQuery(CompiledQuery.raw(text(db, size), parameters));
    }
}

/** The compiled text of a statement per dialect adapter and size. */
function compiledOnce(
  texts: WeakMap<object, Map<number, string>>,
  db: Kysely<DB>,
  size: number,
  compile: () => string,
) {
  const adapter = db.getExecutor().adapter;
  let bySize = texts.get(adapter);
  if (!bySize) {
    bySize = new Map();
    texts.set(adapter, bySize);
  }
  let text = bySize.get(size);
  if (!text) {
    text = compile();
    bySize.set(size, text);
  }
  return text;
}

const ANSWER_COLUMNS = [
  'tenant_id',
  'response_id',
  'round_id',
  'question_key',
  'item',
  'value_number',
  'value_text',
] as const;
const answerInserts = new WeakMap<object, Map<number, string>>();

/** Writes a fold's answer rows (the caller's transaction), thousands at a time. */
async function insertAnswers(db: Kysely<DB>, rows: AnswerRow[]) {
  await writeInSizes(db, rows, ANSWER_COLUMNS, (db, size) =>
    compiledOnce(answerInserts, db, size, () => {
      const blank: AnswerRow = {
        tenant_id: '',
        response_id: '',
        round_id: '',
        question_key: '',
        item: '',
        value_number: 0,
        value_text: '',
      };
      return db
        .insertInto('survey_answer')
        .values(Array.from({ length: size }, () => blank))
        .compile().sql;
    }),
  );
}

/**
 * The text of an upsert of `rows` tallies, per dialect adapter, compiled by Kysely once per size: a
 * submission's few hundred rows are then bound to a statement prepared once, instead of being
 * parsed and compiled afresh as objects on every write.
 */
const upserts = new WeakMap<object, Map<number, string>>();

function upsertText(db: Kysely<DB>, rows: number): string {
  return compiledOnce(upserts, db, rows, () => {
    const blank: TallyRow = {
      tenant_id: '',
      round_id: '',
      unit_path: '',
      grp: '',
      question_key: '',
      item: '',
      kind: '',
      value_text: '',
      value_number: 0,
      n: 0,
    };
    return db
      .insertInto('survey_tally')
      .values(Array.from({ length: rows }, () => blank))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({ n: eb('survey_tally.n', '+', eb.ref('excluded.n')) })),
      )
      .compile().sql;
  });
}

/** A tally's key: equal keys are one stored count. */
export const tallyKey = (r: TallyRow) =>
  `${r.tenant_id}\u0000${r.round_id}\u0000${r.unit_path}\u0000${r.grp}\u0000${countedKey(r)}`;

/**
 * Adds summed tallies to the stored counts in the caller's transaction, in key order, so that
 * concurrent writers on PostgreSQL take their row locks in one order (no deadlock).
 */
export async function addTallies(db: Kysely<DB>, sum: TallySum) {
  await writeInSizes(db, sum.rows(), COLUMNS, upsertText);
}

/**
 * Responses folded per transaction: about a second of writing on SQLite, during which submissions
 * wait. Smaller batches cost more in all (a fold of 1,000 responses at 2,000 teachers: 0.87 s in one
 * batch, 1.2 s in batches of 500, 1.7 s in batches of 200), as every batch adds again to the
 * tallies of the units above its schools.
 */
const FOLD_BATCH = 1000;

/**
 * Brings a round's tallies and answers up to date before they are read. A web submission writes only
 * its response (`tallied = 0`), its answers kept on it as JSON (`pending_answers`): counting a
 * response into the tallies of every unit above it and every group is hundreds of upserts, and its
 * answers are a row per answer, per chosen option and per matrix row, so both are done here, for
 * the round's waiting responses together: answer rows written in bulk, tallies summed. Every
 * response committed before this is called is counted, and its answers are in `survey_answer`, when
 * it returns; whatever reads a round's answers or tallies calls this first, and the server folds a
 * round a few seconds after its submissions (`FoldSchedule`). Each batch of responses is one
 * transaction that writes their answers, adds their tallies and marks them, so none is counted
 * twice or lost; on PostgreSQL it locks the round's row first, so that folds of one round run one
 * after the other and one that waited sees what the other marked (`no key update`: submissions,
 * whose rows only reference the round, are not held up). Responses waiting from before migration
 * 0049 have their answers in `survey_answer` already (`pending_answers` null): those are read from there.
 */
export async function foldTallies(ctx: Ctx, roundId: string): Promise<void> {
  const pending = (db: Kysely<DB>) =>
    db
      .selectFrom('survey_response')
      .where('tenant_id', '=', ctx.tenantId)
      .where('round_id', '=', roundId)
      .where('tallied', '=', 0);
  if (!(await pending(ctx.db).select('id').limit(1).executeTakeFirst())) return;
  for (let folded = FOLD_BATCH; folded === FOLD_BATCH; )
    folded = await inTransaction(ctx, async (tx) => {
      if (tx.dialect === 'postgres')
        await sql`select id from survey_round where tenant_id = ${tx.tenantId} and id = ${roundId} for no key update`.execute(
          tx.db,
        );
      const responses = await pending(tx.db)
        .select(['id', 'tenant_id', 'round_id', 'unit_path', 'sex', 'role', 'school_type', 'place', 'pending_answers'])
        .limit(FOLD_BATCH)
        .execute();
      if (responses.length === 0) return 0;
      const byResponse = new Map<string, Answer[]>();
      const stored = responses.filter((r) => r.pending_answers === null).map((r) => r.id);
      if (stored.length)
        for (const a of await tx.db
          .selectFrom('survey_answer')
          .select(['response_id', 'question_key', 'item', 'value_number', 'value_text'])
          .where('tenant_id', '=', tx.tenantId)
          .where('response_id', 'in', stored)
          .execute()) {
          const list = byResponse.get(a.response_id);
          if (list) list.push(a);
          else byResponse.set(a.response_id, [a]);
        }
      const rows: AnswerRow[] = [];
      for (const r of [...responses].sort((a, b) => byText(a.id, b.id))) {
        if (r.pending_answers === null) continue;
        const answers = parsePending(r.pending_answers);
        byResponse.set(r.id, answers);
        for (const a of answers) rows.push({ tenant_id: r.tenant_id, response_id: r.id, round_id: r.round_id, ...a });
      }
      await insertAnswers(tx.db, rows);
      const sum = new TallySum();
      for (const r of responses) sum.add(r, byResponse.get(r.id) ?? []);
      await addTallies(tx.db, sum);
      await tx.db
        .updateTable('survey_response')
        .set({ tallied: 1, pending_answers: null })
        .where('tenant_id', '=', tx.tenantId)
        .where(
          'id',
          'in',
          responses.map((r) => r.id),
        )
        .execute();
      return responses.length;
    });
}

/**
 * Folds the rounds where a person's own responses wait (`foldTallies`), so that their answers are
 * rows of `survey_answer` like any other: before their data is exported or erased.
 */
export async function foldResponsesOf(ctx: Ctx, personId: string): Promise<void> {
  const rounds = await ctx.db
    .selectFrom('survey_response')
    .select('round_id')
    .distinct()
    .where('tenant_id', '=', ctx.tenantId)
    .where('person_id', '=', personId)
    .where('tallied', '=', 0)
    .execute();
  for (const r of rounds) await foldTallies(ctx, r.round_id);
}

/**
 * Folds every round of the tenant with responses waiting (`pathway fold-tallies`): after an upgrade
 * that clears the tallies, so that no reader of a large round waits while it is counted.
 */
export async function foldEveryRound(ctx: Ctx): Promise<number> {
  const rounds = await ctx.db
    .selectFrom('survey_response')
    .select('round_id')
    .distinct()
    .where('tenant_id', '=', ctx.tenantId)
    .where('tallied', '=', 0)
    .execute();
  for (const r of rounds) await foldTallies(ctx, r.round_id);
  return rounds.length;
}
