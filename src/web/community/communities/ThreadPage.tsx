import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';
import { formatDate } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { PostText, withMention } from './mentions.tsx';
import './communities.css';

type Page = ApiResponse<'GET /api/community/threads/:threadId'>;
type Post = Page['posts'][number];
const REACTIONS = ['like', 'thanks', 'insightful', 'question'] as const;

/** A thread: its posts in time order, reactions, reports, moderation, and the reply form. */
export default function ThreadPage() {
  const { communityId = '', threadId = '' } = useParams();
  const page = useApiQuery('GET /api/community/threads/:threadId', { params: { threadId }, query: { limit: 200 } });
  const members = useApiQuery('GET /api/communities/:communityId', { params: { communityId } });
  return (
    <div className="communities">
      <QueryState query={page}>
        {() => {
          const { thread, community, posts } = page.data!;
          return (
            <>
              <p>
                <Link to={`/communities/${community.id}`}>{community.name}</Link>
              </p>
              <h1>{thread.title}</h1>
              <ul className="posts">
                {posts.map((p) => (
                  <PostItem
                    key={p.id}
                    post={p}
                    threadId={threadId}
                    canAct={community.can.post}
                    moderates={community.can.moderate}
                  />
                ))}
              </ul>
              {community.can.post && <Reply threadId={threadId} members={members.data?.members ?? []} />}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function PostItem({
  post,
  threadId,
  canAct,
  moderates,
}: {
  post: Post;
  threadId: string;
  canAct: boolean;
  moderates: boolean;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [reporting, setReporting] = useState(false);
  const params = { postId: post.id };
  const { act, failure, busy } = useAct([queryKey('GET /api/community/threads/:threadId', { params: { threadId } })]);
  const mine = new Map(post.reactions.map((r) => [r.kind, r]));
  return (
    <li className="post" aria-label={post.author.name}>
      <p className="muted">
        <strong>{post.author.name}</strong> · {formatDate(post.createdAt)}
      </p>
      {post.hidden && (
        <p className="muted">
          {t('communities.hidden')}
          {post.hidden.reason && `: ${post.hidden.reason}`}
        </p>
      )}
      {post.body !== null && <PostText body={post.body} mentions={post.mentions} />}
      {post.attachments.length > 0 && (
        <ul>
          {post.attachments.map((a) => (
            <li key={a.id}>
              {a.readable ? (
                <Link to={`/library/${a.id}`}>{a.title}</Link>
              ) : (
                <span className="muted">{t('communities.attachmentUnavailable')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="post-actions">
        {REACTIONS.map((kind) => {
          const r = mine.get(kind);
          return (
            <button
              key={kind}
              type="button"
              disabled={!canAct || busy}
              aria-pressed={r?.mine ?? false}
              onClick={() =>
                void act(() =>
                  call(
                    r?.mine
                      ? 'DELETE /api/community/posts/:postId/reactions/:kind'
                      : 'PUT /api/community/posts/:postId/reactions/:kind',
                    { params: { postId: post.id, kind } },
                  ),
                )
              }
            >
              {t(`communities.reaction.${kind}`)}
              {r ? ` ${r.count}` : ''}
            </button>
          );
        })}
        {!post.reportedByMe && !reporting && (
          <button type="button" onClick={() => setReporting(true)}>
            {t('communities.report')}
          </button>
        )}
        {post.reportedByMe && <span className="muted">{t('communities.reported')}</span>}
        {moderates && post.reportCount > 0 && (
          <span className="muted">
            {t('communities.reportCount', { count: post.reportCount, n: String(post.reportCount) })}
          </span>
        )}
      </div>
      {(reporting || moderates) && (
        <form
          className="moderation"
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            const key = reporting
              ? 'POST /api/community/posts/:postId/report'
              : post.hidden
                ? 'POST /api/community/posts/:postId/unhide'
                : 'POST /api/community/posts/:postId/hide';
            void act(() => call(key, { params, body: { reason } })).then((ok) => {
              if (ok) {
                setReason('');
                setReporting(false);
              }
            });
          }}
        >
          <input
            required
            maxLength={1000}
            aria-label={t('communities.reason')}
            placeholder={t('communities.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            {reporting ? t('communities.sendReport') : post.hidden ? t('communities.unhide') : t('communities.hide')}
          </button>
        </form>
      )}
      <ErrorText error={failure} />
    </li>
  );
}

function Reply({ threadId, members }: { threadId: string; members: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const { act, failure, busy } = useAct([queryKey('GET /api/community/threads/:threadId', { params: { threadId } })]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await act(() => call('POST /api/community/threads/:threadId/posts', { params: { threadId }, body: { body } })))
      setBody('');
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('communities.reply')}>
      <label>
        {t('communities.reply')}
        <textarea required rows={4} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      {members.length > 0 && (
        <label>
          {t('communities.mention')}
          <select value="" onChange={(e) => e.target.value && setBody(withMention(body, e.target.value))}>
            <option value="">—</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <ErrorText error={failure} />
      <button type="submit" disabled={busy}>
        {t('communities.post')}
      </button>
    </form>
  );
}
