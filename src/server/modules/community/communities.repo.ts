import { type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type SqlBool, sql } from 'kysely';
import type {
  CommunityMemberTable,
  CommunityPostTable,
  CommunityTable,
  CommunityThreadTable,
  DB,
} from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';
import { KEYS_PER_STATEMENT, readInBatches, rowsPerStatement, writeInBatches } from '../../shared/batches.ts';
import { CANDIDATES, type TextSearch } from './search.ts';

export type CommunityRow = Selectable<CommunityTable>;
export type ThreadRow = Selectable<CommunityThreadTable> & { given_name: string; family_name: string };
export type PostRow = Selectable<CommunityPostTable> & { given_name: string; family_name: string };

const communityColumns = [
  'c.tenant_id',
  'c.id',
  'c.kind',
  'c.name',
  'c.description',
  'c.access',
  'c.unit_id',
  'c.unit_path',
  'c.subject',
  'c.partnership_id',
  'c.offering_id',
  'c.created_by_person_id',
  'c.created_at',
  'c.updated_at',
] as const;

export function getCommunity(db: Kysely<DB>, tenantId: string, id: string): Promise<CommunityRow | undefined> {
  return db
    .selectFrom('community as c')
    .select(communityColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', id)
    .executeTakeFirst();
}

export function communityOfOffering(db: Kysely<DB>, tenantId: string, offeringId: string) {
  return db
    .selectFrom('community as c')
    .select(communityColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.offering_id', '=', offeringId)
    .executeTakeFirst();
}

/** Cohort communities of these offerings (those made so far). */
export function communitiesOfOfferings(db: Kysely<DB>, tenantId: string, offeringIds: string[]) {
  return readInBatches(offeringIds, (batch) =>
    db
      .selectFrom('community as c')
      .select(communityColumns)
      .where('c.tenant_id', '=', tenantId)
      .where('c.offering_id', 'in', batch)
      .execute(),
  );
}

export async function insertCommunity(db: Kysely<DB>, row: Insertable<CommunityTable>) {
  await db.insertInto('community').values(row).execute();
}

/** The person's communities, by name. */
export function communitiesOf(db: Kysely<DB>, tenantId: string, personId: string) {
  return db
    .selectFrom('community_member as m')
    .innerJoin('community as c', (j) => j.onRef('c.tenant_id', '=', 'm.tenant_id').onRef('c.id', '=', 'm.community_id'))
    .select(communityColumns)
    .select('m.role')
    .where('m.tenant_id', '=', tenantId)
    .where('m.person_id', '=', personId)
    .orderBy('c.name')
    .limit(500)
    .execute();
}

/** Open communities of units at or above the reader's place (`paths`), by name. */
export function openCommunitiesAt(db: Kysely<DB>, tenantId: string, paths: string[]) {
  if (paths.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('community as c')
    .select(communityColumns)
    .where('c.tenant_id', '=', tenantId)
    .where('c.access', '=', 'open')
    .where('c.unit_path', 'in', paths)
    .orderBy('c.name')
    .limit(500)
    .execute();
}

export async function memberCounts(db: Kysely<DB>, tenantId: string, ids: string[]) {
  const rows = await readInBatches(ids, (batch) =>
    db
      .selectFrom('community_member')
      .select(['community_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('tenant_id', '=', tenantId)
      .where('community_id', 'in', batch)
      .groupBy('community_id')
      .execute(),
  );
  return new Map(rows.map((r) => [r.community_id, Number(r.n)]));
}

export function membership(db: Kysely<DB>, tenantId: string, communityId: string, personId: string) {
  return db
    .selectFrom('community_member')
    .select(['role'])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export function members(db: Kysely<DB>, tenantId: string, communityId: string) {
  return db
    .selectFrom('community_member as m')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'm.tenant_id').onRef('p.id', '=', 'm.person_id'))
    .select(['m.person_id', 'm.role', 'p.given_name', 'p.family_name'])
    .where('m.tenant_id', '=', tenantId)
    .where('m.community_id', '=', communityId)
    .orderBy('p.sort_name')
    .execute();
}

export async function putMembers(db: Kysely<DB>, rows: Insertable<CommunityMemberTable>[]) {
  await writeInBatches(rows, rowsPerStatement(5), (batch) =>
    db
      .insertInto('community_member')
      .values(batch)
      .onConflict((oc) => oc.columns(['tenant_id', 'community_id', 'person_id']).doNothing())
      .execute(),
  );
}

export async function setMemberRole(
  db: Kysely<DB>,
  tenantId: string,
  communityId: string,
  personId: string,
  role: string,
) {
  await db
    .updateTable('community_member')
    .set({ role })
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .where('person_id', '=', personId)
    .execute();
}

export async function removeMembers(db: Kysely<DB>, tenantId: string, communityId: string, personIds: string[]) {
  await writeInBatches(personIds, KEYS_PER_STATEMENT, (batch) =>
    db
      .deleteFrom('community_member')
      .where('tenant_id', '=', tenantId)
      .where('community_id', '=', communityId)
      .where('person_id', 'in', batch)
      .execute(),
  );
}

const threadColumns = [
  't.tenant_id',
  't.id',
  't.community_id',
  't.title',
  't.author_person_id',
  't.post_count',
  't.last_post_at',
  't.created_at',
  'p.given_name',
  'p.family_name',
] as const;

export function getThread(db: Kysely<DB>, tenantId: string, id: string): Promise<ThreadRow | undefined> {
  return db
    .selectFrom('community_thread as t')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.author_person_id'),
    )
    .select(threadColumns)
    .where('t.tenant_id', '=', tenantId)
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** A community's threads, latest activity first, from before the keyset (last_post_at, id). */
export function threads(
  db: Kysely<DB>,
  tenantId: string,
  communityId: string,
  before: { at: string; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('community_thread as t')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 't.tenant_id').onRef('p.id', '=', 't.author_person_id'),
    )
    .select(threadColumns)
    .where('t.tenant_id', '=', tenantId)
    .where('t.community_id', '=', communityId);
  if (before)
    q = q.where((eb) =>
      eb.or([
        eb('t.last_post_at', '<', before.at),
        eb.and([eb('t.last_post_at', '=', before.at), eb('t.id', '<', before.id)]),
      ]),
    );
  return q.orderBy('t.last_post_at', 'desc').orderBy('t.id', 'desc').limit(limit).execute();
}

export function threadsByIds(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return readInBatches(ids, (batch) =>
    db
      .selectFrom('community_thread as t')
      .innerJoin('community as c', (j) =>
        j.onRef('c.tenant_id', '=', 't.tenant_id').onRef('c.id', '=', 't.community_id'),
      )
      .select(['t.id', 't.title', 't.community_id'])
      .where('t.tenant_id', '=', tenantId)
      .where('t.id', 'in', batch)
      .execute(),
  );
}

export async function insertThread(db: Kysely<DB>, row: Insertable<CommunityThreadTable>) {
  await db.insertInto('community_thread').values(row).execute();
}

export async function touchThread(db: Kysely<DB>, tenantId: string, threadId: string, at: string) {
  await db
    .updateTable('community_thread')
    .set((eb) => ({ post_count: eb('post_count', '+', 1), last_post_at: at }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', threadId)
    .execute();
}

const postColumns = [
  'x.tenant_id',
  'x.id',
  'x.thread_id',
  'x.community_id',
  'x.author_person_id',
  'x.body',
  'x.mentions',
  'x.attachments',
  'x.hidden',
  'x.hidden_reason',
  'x.hidden_by_person_id',
  'x.hidden_at',
  'x.created_at',
  'p.given_name',
  'p.family_name',
] as const;

/**
 * A page of a thread's posts in time order after the keyset (created_at, id): one range scan of
 * community_post_thread_idx, whatever the number of posts.
 */
export function postsOfThread(
  db: Kysely<DB>,
  tenantId: string,
  threadId: string,
  after: { at: string; id: string } | null,
  limit: number,
): Promise<PostRow[]> {
  return postsOfThreadQuery(db, tenantId, threadId, after, limit).execute();
}

/** The statement of `postsOfThread`, for its plan to be checked. */
export function postsOfThreadQuery(
  db: Kysely<DB>,
  tenantId: string,
  threadId: string,
  after: { at: string; id: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('community_post as x')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.id', '=', 'x.author_person_id'),
    )
    .select(postColumns)
    .where('x.tenant_id', '=', tenantId)
    .where('x.thread_id', '=', threadId);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('x.created_at', '>', after.at),
        eb.and([eb('x.created_at', '=', after.at), eb('x.id', '>', after.id)]),
      ]),
    );
  return q.orderBy('x.created_at').orderBy('x.id').limit(limit);
}

export function getPost(db: Kysely<DB>, tenantId: string, id: string): Promise<PostRow | undefined> {
  return db
    .selectFrom('community_post as x')
    .innerJoin('person as p', (j) =>
      j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.id', '=', 'x.author_person_id'),
    )
    .select(postColumns)
    .where('x.tenant_id', '=', tenantId)
    .where('x.id', '=', id)
    .executeTakeFirst();
}

export function postsByIds(db: Kysely<DB>, tenantId: string, ids: string[]): Promise<PostRow[]> {
  return readInBatches(ids, (batch) =>
    db
      .selectFrom('community_post as x')
      .innerJoin('person as p', (j) =>
        j.onRef('p.tenant_id', '=', 'x.tenant_id').onRef('p.id', '=', 'x.author_person_id'),
      )
      .select(postColumns)
      .where('x.tenant_id', '=', tenantId)
      .where('x.id', 'in', batch)
      .orderBy('x.created_at')
      .execute(),
  );
}

export async function insertPost(db: Kysely<DB>, row: Insertable<CommunityPostTable>) {
  await db.insertInto('community_post').values(row).execute();
}

/** Sets the hidden flag when it differs; false when it was already so. */
export async function setHidden(
  db: Kysely<DB>,
  tenantId: string,
  postId: string,
  values: { hidden: number; hidden_reason: string | null; hidden_by_person_id: string | null; hidden_at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('community_post')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', postId)
    .where('hidden', '=', values.hidden ? 0 : 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** How many posts the person wrote since each moment: what the spam limits count. */
export async function postsSince(db: Kysely<DB>, tenantId: string, personId: string, since: string) {
  const row = await db
    .selectFrom('community_post')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('author_person_id', '=', personId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function reactionsOf(db: Kysely<DB>, tenantId: string, postIds: string[]) {
  return readInBatches(postIds, (batch) =>
    db
      .selectFrom('community_reaction')
      .select(['post_id', 'person_id', 'kind'])
      .where('tenant_id', '=', tenantId)
      .where('post_id', 'in', batch)
      .execute(),
  );
}

export async function addReaction(db: Kysely<DB>, row: Insertable<DB['community_reaction']>): Promise<boolean> {
  const result = await db
    .insertInto('community_reaction')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'post_id', 'person_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function removeReaction(db: Kysely<DB>, tenantId: string, postId: string, personId: string, kind: string) {
  const result = await db
    .deleteFrom('community_reaction')
    .where('tenant_id', '=', tenantId)
    .where('post_id', '=', postId)
    .where('person_id', '=', personId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function addReport(db: Kysely<DB>, row: Insertable<DB['community_report']>): Promise<boolean> {
  const result = await db
    .insertInto('community_report')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'post_id', 'reporter_person_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function reportsOf(db: Kysely<DB>, tenantId: string, postIds: string[]) {
  return readInBatches(postIds, (batch) =>
    db
      .selectFrom('community_report')
      .select(['post_id', 'reporter_person_id', 'reason'])
      .where('tenant_id', '=', tenantId)
      .where('post_id', 'in', batch)
      .execute(),
  );
}

/** Posts of a community that someone reported, most recent report first. */
export async function reportedPostIds(db: Kysely<DB>, tenantId: string, communityId: string) {
  const rows = await db
    .selectFrom('community_report')
    .select(['post_id', (eb) => eb.fn.max('created_at').as('latest')])
    .where('tenant_id', '=', tenantId)
    .where('community_id', '=', communityId)
    .groupBy('post_id')
    .orderBy(sql`max(created_at)`, 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => r.post_id);
}

export function peopleNames(db: Kysely<DB>, tenantId: string, ids: string[]) {
  return readInBatches(ids, (batch) =>
    db
      .selectFrom('person')
      .select(['id', 'given_name', 'family_name'])
      .where('tenant_id', '=', tenantId)
      .where('id', 'in', batch)
      .execute(),
  );
}

/** Who reads which community: members, people placed under an open one's unit, moderators over its unit. */
export interface CommunityReader {
  /** null: the system, which reads everything. */
  personId: string | null;
  /** The reader's own unit path and the paths above it. */
  places: string[];
  moderatorRoots: string[];
  limit: number;
}

/** Whether a (signed-in) reader may open community `c`: a member, open at their place, or moderated by them. */
function opensCommunity(eb: ExpressionBuilder<DB & { c: DB['community'] }, 'c'>, reader: CommunityReader) {
  return eb.or([
    eb.exists(
      eb
        .selectFrom('community_member as m')
        .select('m.person_id')
        .whereRef('m.tenant_id', '=', 'c.tenant_id')
        .whereRef('m.community_id', '=', 'c.id')
        .where('m.person_id', '=', reader.personId!),
    ),
    ...(reader.places.length ? [eb.and([eb('c.access', '=', 'open'), eb('c.unit_path', 'in', reader.places)])] : []),
    pathUnder(eb, 'c.unit_path', reader.moderatorRoots),
  ]);
}

/**
 * The threads of the posts matching a search that the reader may open (hidden posts left out), by
 * their best post's score. Who may open a post is decided while the candidates are read, so the
 * CANDIDATES read are all the reader's.
 */
export function threadHits(db: Kysely<DB>, tenantId: string, text: TextSearch, reader: CommunityReader) {
  if (text.newestFirst === null) return threadHitsByKey(db, tenantId, text, reader);
  // The index drives the joins (cross joins keep SQLite reading it first, newest entries first). A
  // post's community is reached through its thread (one lookup shared by the thread's posts) and
  // the post itself is read only to see that it is not hidden, so a match in a community the reader
  // may not open costs no read of its post.
  const candidates = db
    .selectFrom(text.from!)
    .crossJoin('community_thread as t')
    .crossJoin('community as c')
    .select(['t.id', 't.title', 't.community_id', text.score.as('score')])
    .where(text.where)
    .where('t.tenant_id', '=', tenantId)
    .where(sql<SqlBool>`t.id = fts.thread_id`)
    .where('c.tenant_id', '=', tenantId)
    .whereRef('c.id', '=', 't.community_id')
    .$if(reader.personId !== null, (qb) => qb.where((eb) => opensCommunity(eb, reader)))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('community_post as x')
          .select('x.id')
          .where('x.tenant_id', '=', tenantId)
          .where(sql<SqlBool>`x.id = ${text.id}`)
          .where('x.hidden', '=', 0)
          // SQLite (its index read newest first) checks the post after the community only when the
          // community is named here.
          .whereRef('x.community_id', '=', 'c.id'),
      ),
    )
    .orderBy(text.newestFirst)
    .limit(CANDIDATES);
  return db
    .selectFrom(candidates.as('h'))
    .select(['h.id', 'h.title', 'h.community_id', (eb) => eb.fn.max('h.score').as('score')])
    .groupBy(['h.id', 'h.title', 'h.community_id'])
    .orderBy('score', 'desc')
    .orderBy('h.id')
    .limit(reader.limit)
    .execute();
}

/*
 * PostgreSQL's form: as a join, PostgreSQL hashed every thread of the tenant first whenever it expected
 * a few hundred matches, so a post's community is looked up through its thread's key for each match.
 * SQLite keeps the join above, which it reads in that order anyway (the lookup form measured 1.7 times
 * slower there).
 */
function threadHitsByKey(db: Kysely<DB>, tenantId: string, text: TextSearch, reader: CommunityReader) {
  // The post is read only to see that it is not hidden; a thread's title for the page of hits alone.
  const candidates = db
    .selectFrom(text.from!)
    .crossJoin('community as c')
    .select([sql<string>`fts.thread_id`.as('thread_id'), 'c.id as community_id', text.score.as('score')])
    .where(text.where)
    .where('c.tenant_id', '=', tenantId)
    .where(
      sql<SqlBool>`c.id = (select t.community_id from community_thread t where t.tenant_id = ${tenantId} and t.id = fts.thread_id)`,
    )
    .$if(reader.personId !== null, (qb) => qb.where((eb) => opensCommunity(eb, reader)))
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('community_post as x')
          .select('x.id')
          .where('x.tenant_id', '=', tenantId)
          .where(sql<SqlBool>`x.id = ${text.id}`)
          .where('x.hidden', '=', 0),
      ),
    )
    .limit(CANDIDATES);
  const best = db
    .selectFrom(candidates.as('h'))
    .select(['h.thread_id', 'h.community_id', (eb) => eb.fn.max('h.score').as('score')])
    .groupBy(['h.thread_id', 'h.community_id'])
    .orderBy('score', 'desc')
    .orderBy('h.thread_id')
    .limit(reader.limit);
  return db
    .selectFrom(best.as('b'))
    .innerJoin('community_thread as t', (j) => j.on('t.tenant_id', '=', tenantId).onRef('t.id', '=', 'b.thread_id'))
    .select(['t.id', 't.title', 'b.community_id', 'b.score'])
    .orderBy('b.score', 'desc')
    .orderBy('t.id')
    .execute();
}
