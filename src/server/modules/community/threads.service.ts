import { scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import { accountsOfPeople } from '../notifications/notifications.repo.ts';
import { notify } from '../notifications/notifications.service.ts';
import * as repo from './communities.repo.ts';
import {
  MENTION,
  type Post,
  type PostInput,
  REACTIONS,
  type Reaction,
  type ThreadInput,
} from './communities.schemas.ts';
import {
  type Access,
  nameOf,
  ownPaths,
  requireCommunity,
  requireMember,
  requireModerator,
  summaryOf,
} from './communities.service.ts';
import * as eventsRepo from './events.repo.ts';
import { organiserRoots } from './events.service.ts';
import { getResource, scoredResources } from './resources.service.ts';
import { indexPost, textSearch } from './search.ts';

/**
 * Posting limits per person, over every community: past them a post is 429 `posting_too_fast` with
 * the seconds to wait. Generous for a conversation, tight for a script.
 */
export const POSTING_LIMITS = [
  { seconds: 60, posts: 5 },
  { seconds: 3600, posts: 60 },
] as const;

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');
function decodeCursor(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!at || !id) throw new AppError('validation_failed', 'Not a page cursor.', { field: 'query.cursor' });
  return { at, id };
}

function toThread(row: repo.ThreadRow) {
  return {
    id: row.id,
    communityId: row.community_id,
    title: row.title,
    author: { id: row.author_person_id, name: nameOf(row) },
    postCount: Number(row.post_count),
    lastPostAt: row.last_post_at,
    createdAt: row.created_at,
  };
}

export async function listThreads(
  ctx: Ctx,
  communityId: string,
  query: { before?: string | undefined; limit: number },
) {
  await requireCommunity(ctx, communityId);
  const rows = await repo.threads(ctx.db, ctx.tenantId, communityId, decodeCursor(query.before), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toThread),
    next: rows.length > query.limit && last ? encodeCursor(last.last_post_at, last.id) : null,
  };
}

/** A thread the actor may read (through its community); otherwise "not found". */
async function requireThread(ctx: Ctx, threadId: string) {
  const thread = await repo.getThread(ctx.db, ctx.tenantId, threadId);
  if (!thread) throw notFound('thread', threadId);
  const access = await requireCommunity(ctx, thread.community_id).catch(() => {
    throw notFound('thread', threadId);
  });
  return { thread, access };
}

export async function getThread(ctx: Ctx, threadId: string, query: { after?: string | undefined; limit: number }) {
  const { thread, access } = await requireThread(ctx, threadId);
  const [rows, community] = await Promise.all([
    repo.postsOfThread(ctx.db, ctx.tenantId, threadId, decodeCursor(query.after), query.limit + 1),
    summaryOf(ctx, access),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    thread: toThread(thread),
    community,
    posts: await present(ctx, access, page),
    next: rows.length > query.limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}

/** People named by `@{id}` in a body: each must be a member of the community. */
async function mentionsIn(ctx: Ctx, communityId: string, body: string): Promise<string[]> {
  const ids = [...new Set([...body.matchAll(MENTION)].map((m) => m[1]!))];
  if (ids.length === 0) return [];
  const members = new Set((await repo.members(ctx.db, ctx.tenantId, communityId)).map((m) => m.person_id));
  const strangers = ids.filter((id) => !members.has(id));
  if (strangers.length)
    throw new AppError('mention_not_member', 'Only members of the community can be mentioned.', {
      field: 'body.body',
      ids: strangers,
    });
  return ids;
}

/** Attachments are library resources the poster can read. */
async function checkAttachments(ctx: Ctx, resourceIds: string[]): Promise<string[]> {
  const ids = [...new Set(resourceIds)];
  for (const id of ids)
    await getResource(ctx, id).catch(() => {
      throw new AppError('attachment_not_readable', 'Attach only library resources you can open.', {
        field: 'body.resourceIds',
        resourceId: id,
      });
    });
  return ids;
}

/** The spam limits: a person's posts over the last minute and hour. */
async function checkPostingRate(ctx: Ctx, personId: string) {
  for (const limit of POSTING_LIMITS) {
    const since = new Date(Date.now() - limit.seconds * 1000).toISOString();
    if ((await repo.postsSince(ctx.db, ctx.tenantId, personId, since)) >= limit.posts)
      throw new AppError('posting_too_fast', 'Too many posts in a short time; wait a little.', {
        retryAfterSeconds: limit.seconds,
        limit: limit.posts,
      });
  }
}

async function writePost(
  tx: Ctx,
  access: Access,
  thread: { id: string; title: string },
  input: PostInput,
  mentions: string[],
  attachments: string[],
  at: string,
) {
  const row = {
    tenant_id: tx.tenantId,
    id: newId(),
    thread_id: thread.id,
    community_id: access.community.id,
    author_person_id: tx.actor.personId!,
    body: input.body,
    mentions: JSON.stringify(mentions),
    attachments: JSON.stringify(attachments),
    hidden: 0,
    hidden_reason: null,
    hidden_by_person_id: null,
    hidden_at: null,
    created_at: at,
  };
  await repo.insertPost(tx.db, row);
  await indexPost(tx.db, tx.dialect, tx.tenantId, {
    id: row.id,
    threadId: thread.id,
    threadTitle: thread.title,
    body: input.body,
  });
  return row;
}

/** Members (not the author) hear of a new post; those mentioned hear of the mention instead. */
async function tell(tx: Ctx, access: Access, thread: { id: string; title: string }, mentions: string[]) {
  const members = (await repo.members(tx.db, tx.tenantId, access.community.id)).map((m) => m.person_id);
  const mentioned = new Set(mentions);
  const [me] = await repo.peopleNames(tx.db, tx.tenantId, [tx.actor.personId!]);
  const params = { community: access.community.name, thread: thread.title, author: me ? nameOf(me) : '' };
  const link = `/communities/${access.community.id}/threads/${thread.id}`;
  const told = members.filter((id) => !mentioned.has(id) && id !== tx.actor.personId);
  // A large community's members are read in slices, under the bound-parameter limit.
  const recipients = await accountsOfPeople(tx.db, tx.tenantId, told);
  await notify(tx, 'community_post', recipients, params, link);
  await notify(tx, 'community_mention', await accountsOfPeople(tx.db, tx.tenantId, [...mentioned]), params, link);
}

export async function createThread(ctx: Ctx, communityId: string, input: ThreadInput) {
  const access = await requireCommunity(ctx, communityId);
  requireMember(access);
  const mentions = await mentionsIn(ctx, communityId, input.body);
  const attachments = await checkAttachments(ctx, input.resourceIds);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    await checkPostingRate(tx, tx.actor.personId!);
    const at = nowIso();
    const thread = {
      tenant_id: tx.tenantId,
      id,
      community_id: communityId,
      title: input.title,
      author_person_id: tx.actor.personId!,
      post_count: 1,
      last_post_at: at,
      created_at: at,
    };
    await repo.insertThread(tx.db, thread);
    const post = await writePost(tx, access, thread, input, mentions, attachments, at);
    await tell(tx, access, thread, mentions);
    await recordAudit(tx.db, tx, 'community_thread.create', { type: 'community_thread', id }, null, {
      ...thread,
      postId: post.id,
    });
  });
  return getThread(ctx, id, { limit: 50 });
}

export async function reply(ctx: Ctx, threadId: string, input: PostInput): Promise<Post> {
  const { thread, access } = await requireThread(ctx, threadId);
  requireMember(access);
  const mentions = await mentionsIn(ctx, access.community.id, input.body);
  const attachments = await checkAttachments(ctx, input.resourceIds);
  const post = await inTransaction(ctx, async (tx) => {
    await checkPostingRate(tx, tx.actor.personId!);
    const at = nowIso();
    const row = await writePost(tx, access, thread, input, mentions, attachments, at);
    await repo.touchThread(tx.db, tx.tenantId, threadId, at);
    await tell(tx, access, thread, mentions);
    await recordAudit(tx.db, tx, 'community_post.create', { type: 'community_post', id: row.id }, null, row);
    return row;
  });
  return postFor(ctx, access, post.id);
}

/** A post the actor may read, with its community's access. */
async function requirePost(ctx: Ctx, postId: string) {
  const post = await repo.getPost(ctx.db, ctx.tenantId, postId);
  if (!post) throw notFound('post', postId);
  const access = await requireCommunity(ctx, post.community_id).catch(() => {
    throw notFound('post', postId);
  });
  return { post, access };
}

async function postFor(ctx: Ctx, access: Access, postId: string): Promise<Post> {
  const row = (await repo.getPost(ctx.db, ctx.tenantId, postId))!;
  return (await present(ctx, access, [row]))[0]!;
}

/** One reaction of each kind per person per post: adding twice keeps one. */
export async function react(ctx: Ctx, postId: string, kind: Reaction, on: boolean): Promise<Post> {
  const { post, access } = await requirePost(ctx, postId);
  requireMember(access);
  await inTransaction(ctx, async (tx) => {
    const changed = on
      ? await repo.addReaction(tx.db, {
          tenant_id: tx.tenantId,
          post_id: postId,
          person_id: tx.actor.personId!,
          kind,
          created_at: nowIso(),
        })
      : await repo.removeReaction(tx.db, tx.tenantId, postId, tx.actor.personId!, kind);
    if (changed)
      await recordAudit(
        tx.db,
        tx,
        on ? 'community_reaction.add' : 'community_reaction.remove',
        { type: 'community_post', id: postId },
        null,
        { kind },
      );
  });
  return postFor(ctx, access, post.id);
}

/** A reader of the post reports it to the moderators; once per person. */
export async function report(ctx: Ctx, postId: string, reason: string): Promise<Post> {
  const { post, access } = await requirePost(ctx, postId);
  if (!ctx.actor.personId) throw new AppError('forbidden', 'Only a person reports a post.', { permission: 'person' });
  await inTransaction(ctx, async (tx) => {
    const row = {
      tenant_id: tx.tenantId,
      post_id: postId,
      reporter_person_id: tx.actor.personId!,
      community_id: post.community_id,
      reason,
      created_at: nowIso(),
    };
    if (await repo.addReport(tx.db, row))
      await recordAudit(tx.db, tx, 'community_post.report', { type: 'community_post', id: postId }, null, row);
  });
  return postFor(ctx, access, post.id);
}

/** Hides or shows again a post, by a moderator of its community, with the reason (audited). */
export async function setHidden(ctx: Ctx, postId: string, hidden: boolean, reason: string): Promise<Post> {
  const { post, access } = await requirePost(ctx, postId);
  requireModerator(access);
  await inTransaction(ctx, async (tx) => {
    const values = {
      hidden: hidden ? 1 : 0,
      hidden_reason: reason,
      hidden_by_person_id: tx.actor.personId,
      hidden_at: nowIso(),
    };
    if (!(await repo.setHidden(tx.db, tx.tenantId, postId, values)))
      throw new AppError('invalid_transition', hidden ? 'This post is already hidden.' : 'This post is not hidden.', {
        postId,
      });
    await recordAudit(
      tx.db,
      tx,
      hidden ? 'community_post.hide' : 'community_post.unhide',
      { type: 'community_post', id: postId },
      { hidden: post.hidden === 1, reason: post.hidden_reason },
      { hidden, reason },
    );
  });
  return postFor(ctx, access, postId);
}

/** Reported posts of a community, for its moderators. */
export async function reportedPosts(ctx: Ctx, communityId: string) {
  const access = await requireCommunity(ctx, communityId);
  requireModerator(access);
  const ids = await repo.reportedPostIds(ctx.db, ctx.tenantId, communityId);
  const rows = await repo.postsByIds(ctx.db, ctx.tenantId, ids);
  const [posts, reports, threads] = await Promise.all([
    present(ctx, access, rows),
    repo.reportsOf(ctx.db, ctx.tenantId, ids),
    repo.threadsByIds(
      ctx.db,
      ctx.tenantId,
      rows.map((r) => r.thread_id),
    ),
  ]);
  const byId = new Map(posts.map((p) => [p.id, p]));
  return {
    items: ids
      .filter((id) => byId.has(id))
      .map((id) => {
        const post = byId.get(id)!;
        return {
          post,
          threadId: post.threadId,
          threadTitle: threads.find((t) => t.id === post.threadId)?.title ?? '',
          reasons: reports.filter((r) => r.post_id === id).map((r) => r.reason),
        };
      }),
  };
}

async function present(ctx: Ctx, access: Access, rows: repo.PostRow[]): Promise<Post[]> {
  const ids = rows.map((r) => r.id);
  const me = ctx.actor.personId;
  const [reactions, reports] = await Promise.all([
    repo.reactionsOf(ctx.db, ctx.tenantId, ids),
    repo.reportsOf(ctx.db, ctx.tenantId, ids),
  ]);
  const mentionIds = rows.flatMap((r) => JSON.parse(r.mentions) as string[]);
  const hiders = rows.map((r) => r.hidden_by_person_id).filter((x): x is string => !!x);
  const names = new Map(
    (await repo.peopleNames(ctx.db, ctx.tenantId, [...new Set([...mentionIds, ...hiders])])).map((p) => [
      p.id,
      nameOf(p),
    ]),
  );
  const titles = new Map<string, string | null>();
  for (const id of new Set(rows.flatMap((r) => JSON.parse(r.attachments) as string[])))
    titles.set(
      id,
      await getResource(ctx, id).then(
        (r) => r.title.text,
        () => null,
      ),
    );
  return rows.map((row) => {
    const hidden = row.hidden === 1;
    const seesHidden = access.moderates || row.author_person_id === me;
    return {
      id: row.id,
      threadId: row.thread_id,
      author: { id: row.author_person_id, name: nameOf(row) },
      body: hidden && !seesHidden ? null : row.body,
      mentions: (JSON.parse(row.mentions) as string[]).map((id) => ({ id, name: names.get(id) ?? '' })),
      attachments: (JSON.parse(row.attachments) as string[]).map((id) => ({
        id,
        title: titles.get(id) ?? null,
        readable: titles.get(id) !== null,
      })),
      reactions: REACTIONS.map((kind) => {
        const of = reactions.filter((r) => r.post_id === row.id && r.kind === kind);
        return { kind, count: of.length, mine: of.some((r) => r.person_id === me) };
      }).filter((r) => r.count > 0),
      hidden: hidden
        ? {
            reason: seesHidden ? row.hidden_reason : null,
            by:
              access.moderates && row.hidden_by_person_id
                ? { id: row.hidden_by_person_id, name: names.get(row.hidden_by_person_id) ?? '' }
                : null,
            at: row.hidden_at,
          }
        : null,
      reportCount: access.moderates ? reports.filter((r) => r.post_id === row.id).length : 0,
      reportedByMe: reports.some((r) => r.post_id === row.id && r.reporter_person_id === me),
      createdAt: row.created_at,
    };
  });
}

type Hit = { kind: 'resource' | 'thread' | 'event'; id: string; title: string; link: string; score: number };

/**
 * One search over the library, community threads and events, ranked together; each hit is one the
 * actor can open (a thread through its community, a post only while it is not hidden). Who may
 * open a hit is decided in the query over the index's candidates, so a page of hits is read at once.
 */
export async function search(
  ctx: Ctx,
  query: { q: string; kind?: 'resource' | 'thread' | 'event' | undefined; limit: number },
): Promise<{ items: Hit[] }> {
  const wants = (k: Hit['kind']) => !query.kind || query.kind === k;
  const me = ctx.actor.system ? null : (ctx.actor.personId ?? '');
  let ownPlaces: Promise<string[]> | undefined;
  const places = () => (ownPlaces ??= ownPaths(ctx));
  // The three are independent: on PostgreSQL they run at once, each on a connection of the pool.
  const resourceHits = async (): Promise<Hit[]> =>
    (await scoredResources(ctx, { q: query.q, limit: query.limit })).map(({ resource, score }) => ({
      kind: 'resource',
      id: resource.id,
      title: resource.title.text,
      link: `/library/${resource.id}`,
      score,
    }));
  const threadHits = async (): Promise<Hit[]> => {
    const posts = await textSearch(ctx.db, ctx.dialect, ctx.tenantId, query.q, 'post');
    if (!posts) return [];
    return (
      await repo.threadHits(ctx.db, ctx.tenantId, posts, {
        personId: me,
        places: await places(),
        moderatorRoots: scopePaths(ctx, 'community.moderate'),
        limit: query.limit,
      })
    ).map((t) => ({
      kind: 'thread',
      id: t.id,
      title: t.title,
      link: `/communities/${t.community_id}/threads/${t.id}`,
      score: Number(t.score),
    }));
  };
  const eventHits = async (): Promise<Hit[]> => {
    const events = await textSearch(ctx.db, ctx.dialect, ctx.tenantId, query.q, 'event');
    if (!events) return [];
    return (
      await eventsRepo.eventHits(ctx.db, ctx.tenantId, events, {
        personId: me,
        places: await places(),
        organiserRoots: organiserRoots(ctx),
        limit: query.limit,
      })
    ).map((e) => ({
      kind: 'event',
      id: e.id,
      title: resolveText(JSON.parse(e.title), ctx.locale, ctx.defaultLocale).text,
      link: `/events/${e.id}`,
      score: Number(e.score),
    }));
  };
  const hits = (
    await Promise.all([
      wants('resource') ? resourceHits() : [],
      wants('thread') ? threadHits() : [],
      wants('event') ? eventHits() : [],
    ])
  ).flat();
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return { items: hits.slice(0, query.limit) };
}
