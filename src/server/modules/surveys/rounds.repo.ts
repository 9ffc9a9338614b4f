import type { InferResult, Insertable, Kysely, Selectable } from 'kysely';
import { preparedQuery } from '../../db/prepared.ts';
import type { DB, SurveyInvitationTable, SurveyRoundTable } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { rowsPerStatement, writeInBatches } from '../../shared/batches.ts';
import type { Population, RoundKind } from './rounds.schemas.ts';
import { type Answer, addTallies, pendingAnswers, TallySum } from './tally.ts';

export type RoundRow = Selectable<SurveyRoundTable>;
export type InvitationRow = Selectable<SurveyInvitationTable>;

export function getSurvey(db: Kysely<DB>, tenantId: string, id: string) {
  return db.selectFrom('survey').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

/**
 * The people a round invites: those of the categories placed under the unit, narrowed as asked. An
 * offering narrows to its completers, or for a `pre` round (sent before it ends) to everyone enrolled.
 */
export function populationOf(
  db: Kysely<DB>,
  tenantId: string,
  unitPath: string,
  population: Population,
  kind: RoundKind,
) {
  let q = db
    .selectFrom('person as p')
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .select(['p.id'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.category', 'in', population.categories)
    .where((eb) => pathUnder(eb, 'p.org_path', [unitPath]));
  if (population.placeTypes) q = q.where('u.type', 'in', population.placeTypes);
  if (population.offeringId)
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('training_enrolment as e')
          .select('e.id')
          .whereRef('e.tenant_id', '=', 'p.tenant_id')
          .whereRef('e.person_id', '=', 'p.id')
          .where('e.offering_id', '=', population.offeringId!)
          .$if(kind === 'pre', (w) => w.where('e.status', '=', 'enrolled'))
          .$if(kind !== 'pre', (w) => w.where('e.result', '=', 'completed')),
      ),
    );
  return q.orderBy('p.id').execute();
}

export async function insertRound(db: Kysely<DB>, row: RoundRow) {
  await db.insertInto('survey_round').values(row).execute();
}

export async function insertInvitations(db: Kysely<DB>, rows: Omit<InvitationRow, 'reminders'>[]) {
  await writeInBatches(rows, rowsPerStatement(9), (batch) =>
    db.insertInto('survey_invitation').values(batch).execute(),
  );
}

/** Rounds with what their lists show: the questionnaire's code, version and content, the unit's name. */
function roundViews(db: Kysely<DB>, tenantId: string) {
  return db
    .selectFrom('survey_round as r')
    .innerJoin('survey as s', (j) => j.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.survey_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.unit_id'))
    .selectAll('r')
    .select(['s.code as survey_code', 's.version as survey_version', 's.definition', 'u.name as unit_name'])
    .where('r.tenant_id', '=', tenantId);
}

export function getRound(db: Kysely<DB>, tenantId: string, id: string) {
  return roundViews(db, tenantId).where('r.id', '=', id).executeTakeFirst();
}
export type RoundView = NonNullable<Awaited<ReturnType<typeof getRound>>>;

/** Rounds sent to units under these paths, latest first. */
export function roundsUnder(db: Kysely<DB>, tenantId: string, roots: string[]) {
  return roundViews(db, tenantId)
    .where((eb) => pathUnder(eb, 'r.unit_path', roots))
    .orderBy('r.created_at', 'desc')
    .limit(200)
    .execute();
}

/** Responses per round, online and from paper (a paper answer to an anonymous round marks no invitation). */
export async function respondedCounts(db: Kysely<DB>, tenantId: string, roundIds: string[]) {
  if (roundIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('survey_response')
    .select(['round_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('round_id', 'in', roundIds)
    .groupBy('round_id')
    .execute();
  return new Map(rows.map((r) => [r.round_id, Number(r.n)]));
}

/**
 * What answering needs, read in one statement: the invitation, its round (without the questionnaire,
 * which is parsed once per process: `definitionText`), the tenant's language, and where the invited
 * person sits and who they are, as the results break responses down (kept on the response).
 */
function answeringRows(db: Kysely<DB>) {
  return db
    .selectFrom('survey_invitation as i')
    .innerJoin('survey_round as r', (j) => j.onRef('r.tenant_id', '=', 'i.tenant_id').onRef('r.id', '=', 'i.round_id'))
    .innerJoin('tenant as t', 't.id', 'i.tenant_id')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .innerJoin('org_unit as u', (j) => j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'))
    .selectAll('i')
    .select([
      'r.survey_id',
      'r.title as round_title',
      'r.anonymous',
      'r.opens_on',
      'r.closes_on',
      'r.status as round_status',
      't.default_locale',
      'p.org_unit_id',
      'p.org_path',
      'p.sex',
      'p.category',
      'u.type as place_type',
      'u.locality as place_locality',
    ]);
}

function answeringOf({ rows: [row] }: { rows: InferResult<ReturnType<typeof answeringRows>> }) {
  if (!row) return undefined;
  const invitation: InvitationRow = {
    tenant_id: row.tenant_id,
    id: row.id,
    round_id: row.round_id,
    person_id: row.person_id,
    token_hash: row.token_hash,
    status: row.status,
    draft: row.draft,
    reminders: row.reminders,
    created_at: row.created_at,
  };
  return {
    invitation,
    round: {
      id: row.round_id,
      survey_id: row.survey_id,
      title: row.round_title,
      anonymous: row.anonymous,
      opens_on: row.opens_on,
      closes_on: row.closes_on,
      status: row.round_status,
    },
    defaultLocale: row.default_locale,
    profile: {
      org_unit_id: row.org_unit_id,
      org_path: row.org_path,
      sex: row.sex,
      category: row.category,
      type: row.place_type,
      locality: row.place_locality,
    },
  };
}
export type AnsweringRow = NonNullable<Awaited<ReturnType<typeof answeringOf>>>;

// Compiled once: they run on every answer saved or submitted.
const answeringByTokenQuery = preparedQuery((db, tokenHash: string) =>
  answeringRows(db).where('i.token_hash', '=', tokenHash),
);
const answeringOfPersonQuery = preparedQuery((db, tenantId: string, roundId: string, personId: string) =>
  answeringRows(db)
    .where('i.tenant_id', '=', tenantId)
    .where('i.round_id', '=', roundId)
    .where('i.person_id', '=', personId),
);

/** By link: the invitation whose token this is (any tenant). */
export async function answeringByToken(db: Kysely<DB>, tokenHash: string) {
  return answeringOf(await answeringByTokenQuery(db, tokenHash));
}

/** Signed in: the person's invitation to the round. */
export async function answeringOfPerson(db: Kysely<DB>, tenantId: string, roundId: string, personId: string) {
  return answeringOf(await answeringOfPersonQuery(db, tenantId, roundId, personId));
}

/** A questionnaire version's content as stored (JSON). */
export async function definitionText(db: Kysely<DB>, tenantId: string, surveyId: string) {
  const row = await db
    .selectFrom('survey')
    .select('definition')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return row.definition;
}

/** A person's invitations still to answer in rounds open on `today`. */
export function openInvitationsOf(db: Kysely<DB>, tenantId: string, personId: string, today: string) {
  return db
    .selectFrom('survey_invitation as i')
    .innerJoin('survey_round as r', (j) => j.onRef('r.tenant_id', '=', 'i.tenant_id').onRef('r.id', '=', 'i.round_id'))
    .select(['r.id', 'r.title', 'r.closes_on', 'r.anonymous', 'i.status'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.person_id', '=', personId)
    .where('i.status', '!=', 'submitted')
    .where('r.status', '=', 'open')
    .where('r.opens_on', '<=', today)
    .where('r.closes_on', '>=', today)
    .orderBy('r.closes_on')
    .execute();
}

/** Saves a draft while the invitation is not submitted; false when it was submitted meanwhile. */
export async function saveDraft(db: Kysely<DB>, tenantId: string, id: string, draft: string | null) {
  const result = await db
    .updateTable('survey_invitation')
    .set({ draft, status: 'started' })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '!=', 'submitted')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

const markSubmittedQuery = preparedQuery((db, tenantId: string, id: string) =>
  db
    .updateTable('survey_invitation')
    .set({ status: 'submitted', draft: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '!=', 'submitted'),
);

/** Marks the invitation answered and forgets its draft, once; false when it was already. */
export async function markSubmitted(db: Kysely<DB>, tenantId: string, id: string) {
  return (await markSubmittedQuery(db, tenantId, id)).numAffectedRows === 1n;
}

/** Invitations not answered yet, with the person's name and email, for links and reminders. */
export function unanswered(db: Kysely<DB>, tenantId: string, roundId: string) {
  return db
    .selectFrom('survey_invitation as i')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
    .select(['i.id', 'i.person_id', 'p.given_name', 'p.family_name', 'p.email'])
    .where('i.tenant_id', '=', tenantId)
    .where('i.round_id', '=', roundId)
    .where('i.status', '!=', 'submitted')
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .execute();
}

export async function replaceToken(db: Kysely<DB>, tenantId: string, id: string, tokenHash: string) {
  await db
    .updateTable('survey_invitation')
    .set({ token_hash: tokenHash })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

export async function countReminder(db: Kysely<DB>, tenantId: string, ids: string[], at: string, roundId: string) {
  if (ids.length)
    await db
      .updateTable('survey_invitation')
      .set((eb) => ({ reminders: eb('reminders', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', ids)
      .execute();
  await db
    .updateTable('survey_round')
    .set({ last_reminded_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', roundId)
    .execute();
}

export async function closeRound(db: Kysely<DB>, tenantId: string, id: string) {
  const result = await db
    .updateTable('survey_round')
    .set({ status: 'closed' })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Writes a response and its answers (the caller's transaction). An import (`now`, many at once)
 * writes the answer rows and adds what they count to the round's tallies with them; a web submission
 * (`later`) writes its response alone, its answers kept on it as JSON, and leaves answer rows and
 * tallies for the next reader of the round to fold in (`tally.ts`): one row instead of dozens, and a
 * few upserts instead of hundreds.
 */
export async function insertResponse(
  db: Kysely<DB>,
  response: Omit<Insertable<DB['survey_response']>, 'tallied' | 'pending_answers'>,
  answers: Answer[],
  tally: 'now' | 'later',
) {
  if (tally === 'later') {
    await db
      .insertInto('survey_response')
      .values({ ...response, tallied: 0, pending_answers: pendingAnswers(answers) })
      .execute();
    return;
  }
  await db
    .insertInto('survey_response')
    .values({ ...response, tallied: 1 })
    .execute();
  const { tenant_id, id: response_id, round_id } = response;
  await writeInBatches(
    answers.map((a) => ({ tenant_id, response_id, round_id, ...a })),
    rowsPerStatement(7),
    (batch) => db.insertInto('survey_answer').values(batch).execute(),
  );
  const sum = new TallySum();
  sum.add(response, answers);
  await addTallies(db, sum);
}
