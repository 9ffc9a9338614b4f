import { CompiledQuery, type Kysely, type Selectable, sql } from 'kysely';
import type { DB, SurveyTallyTable } from '../../db/schema.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';

export type TallyRow = Selectable<SurveyTallyTable>;
type Response = Pick<
  Selectable<DB['survey_response']>,
  'tenant_id' | 'round_id' | 'unit_path' | 'sex' | 'role' | 'school_type' | 'place'
>;
type Answer = Pick<Selectable<DB['survey_answer']>, 'question_key' | 'item' | 'value_number' | 'value_text'>;

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
  const groups = [
    '',
    `sex:${response.sex}`,
    `role:${response.role}`,
    `school_type:${response.school_type}`,
    `place:${response.place}`,
  ];
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
 * The text of an upsert of `rows` tallies, per dialect adapter, compiled by Kysely once per size: a
 * submission's few hundred rows are then bound to a statement prepared once, instead of being
 * parsed and compiled afresh as objects on every write.
 */
const upserts = new WeakMap<object, Map<number, string>>();

function upsertText(db: Kysely<DB>, rows: number): string {
  const adapter = db.getExecutor().adapter;
  let texts = upserts.get(adapter);
  if (!texts) {
    texts = new Map();
    upserts.set(adapter, texts);
  }
  let text = texts.get(rows);
  if (!text) {
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
    text = db
      .insertInto('survey_tally')
      .values(Array.from({ length: rows }, () => blank))
      .onConflict((oc) =>
        oc.columns([...KEY]).doUpdateSet((eb) => ({ n: eb('survey_tally.n', '+', eb.ref('excluded.n')) })),
      )
      .compile().sql;
    texts.set(rows, text);
  }
  return text;
}

/** A tally's key: equal keys are one stored count. */
export const tallyKey = (r: TallyRow) =>
  `${r.tenant_id}\u0000${r.round_id}\u0000${r.unit_path}\u0000${r.grp}\u0000${r.question_key}\u0000${r.item}\u0000${r.kind}\u0000${r.value_text}\u0000${r.value_number}`;

/**
 * Adds tally rows to the stored counts in the caller's transaction. Equal keys are summed first and
 * rows are written in key order, so that concurrent writers on PostgreSQL take their row locks in one
 * order (no deadlock).
 */
export async function addTallies(db: Kysely<DB>, rows: TallyRow[]) {
  const summed = new Map<string, TallyRow>();
  for (const r of rows) {
    const key = tallyKey(r);
    const seen = summed.get(key);
    if (seen) seen.n += r.n;
    else summed.set(key, { ...r });
  }
  const sorted = [...summed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  let start = 0;
  for (const size of SIZES)
    for (; sorted.length - start >= size; start += size) {
      const parameters: unknown[] = [];
      for (let i = start; i < start + size; i++) {
        const r = sorted[i]!;
        for (const column of COLUMNS) parameters.push(r[column]);
      }
      await db.executeQuery(CompiledQuery.raw(upsertText(db, size), parameters));
    }
}

/** Untallied responses read at a time while folding: their answers are a few thousand rows. */
const FOLD_BATCH = 500;

/**
 * Brings a round's tallies up to date before they are read. A web submission writes only its
 * response and answers (`tallied = 0`): counting a response into the tallies of every unit above it
 * and every group is hundreds of upserts, so it is done here, for all of the round's waiting
 * responses at once, summed. Every response committed before this is called is counted when it
 * returns. One transaction adds the tallies and marks the responses, so none is counted twice or
 * lost; on PostgreSQL the round's row is locked first, so that folds of one round run one after the
 * other and a fold waiting for another sees what that one marked (`no key update`: submissions,
 * whose rows only reference the round, are not held up).
 */
export async function foldTallies(ctx: Ctx, roundId: string): Promise<void> {
  const pending = (db: Kysely<DB>) =>
    db
      .selectFrom('survey_response')
      .where('tenant_id', '=', ctx.tenantId)
      .where('round_id', '=', roundId)
      .where('tallied', '=', 0);
  if (!(await pending(ctx.db).select('id').limit(1).executeTakeFirst())) return;
  await inTransaction(ctx, async (tx) => {
    if (tx.dialect === 'postgres')
      await sql`select id from survey_round where tenant_id = ${tx.tenantId} and id = ${roundId} for no key update`.execute(
        tx.db,
      );
    for (;;) {
      const responses = await pending(tx.db)
        .select(['id', 'tenant_id', 'round_id', 'unit_path', 'sex', 'role', 'school_type', 'place'])
        .limit(FOLD_BATCH)
        .execute();
      if (responses.length === 0) return;
      const ids = responses.map((r) => r.id);
      const answers = await tx.db
        .selectFrom('survey_answer')
        .select(['response_id', 'question_key', 'item', 'value_number', 'value_text'])
        .where('tenant_id', '=', tx.tenantId)
        .where('response_id', 'in', ids)
        .execute();
      const byResponse = new Map<string, Answer[]>();
      for (const a of answers) {
        const list = byResponse.get(a.response_id);
        if (list) list.push(a);
        else byResponse.set(a.response_id, [a]);
      }
      await addTallies(
        tx.db,
        responses.flatMap((r) => tallyRows(r, byResponse.get(r.id) ?? [])),
      );
      await tx.db
        .updateTable('survey_response')
        .set({ tallied: 1 })
        .where('tenant_id', '=', tx.tenantId)
        .where('id', 'in', ids)
        .execute();
      if (responses.length < FOLD_BATCH) return;
    }
  });
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
