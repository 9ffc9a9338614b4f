import { type Kysely, sql } from 'kysely';

/**
 * Survey results are read from counts kept as responses are written (`surveys/tally.ts`), not by
 * adding up a round's answers on every request: a national round has millions of answer rows.
 * Rows: per round, unit (every unit above the place a response was given, and that place), group
 * ('' or `sex:…`, `role:…`, `school_type:…`), question, item and value, how many. Rounds answered
 * before this migration are counted here from their responses, the same way.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_tally')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('round_id', 'text', (c) => c.notNull())
    .addColumn('unit_path', 'text', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('question_key', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value_text', 'text', (c) => c.notNull())
    .addColumn('value_number', 'double precision', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_tally_pk', [
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
    .execute();

  // Earlier responses, counted as tally.ts counts them (written out here: a migration keeps its own logic).
  const responses = await sql<{
    tenant_id: string;
    id: string;
    round_id: string;
    unit_path: string;
    sex: string;
    role: string;
    school_type: string;
  }>`select tenant_id, id, round_id, unit_path, sex, role, school_type from survey_response`.execute(db);
  const counts = new Map<string, Record<string, unknown>>();
  const add = (row: Record<string, unknown>) => {
    const key = Object.values(row).join('\u0000');
    const seen = counts.get(key);
    if (seen) seen.n = (seen.n as number) + 1;
    else counts.set(key, { ...row, n: 1 });
  };
  for (const r of responses.rows) {
    const answers = await sql<{
      question_key: string;
      item: string;
      value_text: string | null;
      value_number: number | null;
    }>`
      select question_key, item, value_text, value_number from survey_answer
      where tenant_id = ${r.tenant_id} and response_id = ${r.id}`.execute(db);
    const paths: string[] = [];
    for (let i = r.unit_path.indexOf('/', 1); i > 0; i = r.unit_path.indexOf('/', i + 1))
      paths.push(r.unit_path.slice(0, i + 1));
    const counted: [string, string, string, string, number][] = [['', '', 'r', '', 0]];
    const spread = new Set<string>();
    for (const a of answers.rows) {
      const x = a.value_number === null ? null : Number(a.value_number);
      if (x !== null && a.value_text !== null) counted.push([a.question_key, a.item, 'c', a.value_text, x]);
      else if (x !== null) counted.push([a.question_key, a.item, 'n', '', x]);
      else counted.push([a.question_key, a.item, 't', '', 0]);
      if (a.item !== '') spread.add(a.question_key);
    }
    for (const key of spread) counted.push([key, '', 'a', '', 0]);
    for (const unit_path of paths)
      for (const grp of ['', `sex:${r.sex}`, `role:${r.role}`, `school_type:${r.school_type}`])
        for (const [question_key, item, kind, value_text, value_number] of counted)
          add({
            tenant_id: r.tenant_id,
            round_id: r.round_id,
            unit_path,
            grp,
            question_key,
            item,
            kind,
            value_text,
            value_number,
          });
  }
  const rows = [...counts.values()];
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('survey_tally')
      .values(rows.slice(i, i + 500))
      .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema of their day.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_tally').execute();
}
