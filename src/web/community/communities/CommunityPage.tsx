import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { call, queryKey, useApiQuery } from '../../api/routes.ts';
import { counted, formatDate } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import './communities.css';

/** A community: its threads, newest activity first, and a form to start one. */
export default function CommunityPage() {
  const { t } = useTranslation();
  const { communityId = '' } = useParams();
  const params = { communityId };
  const community = useApiQuery('GET /api/communities/:communityId', { params });
  const threads = useApiQuery('GET /api/communities/:communityId/threads', { params, query: { limit: 50 } });
  const { act, failure } = useAct([
    queryKey('GET /api/communities/:communityId', { params }),
    queryKey('GET /api/communities'),
  ]);
  return (
    <div className="communities">
      <p>
        <Link to="/communities">{t('communities.title')}</Link>
      </p>
      <QueryState query={community}>
        {() => {
          const c = community.data!;
          return (
            <>
              <h1>{c.name}</h1>
              <p className="muted">
                {t(`communities.kind.${c.kind}`)} · {t(`communities.access.${c.access}`)} ·{' '}
                {t('communities.members', counted(c.memberCount))}
              </p>
              {c.description && <p className="post-body">{c.description}</p>}
              {c.can.join && (
                <button
                  type="button"
                  onClick={() => void act(() => call('POST /api/communities/:communityId/membership', { params }))}
                >
                  {t('communities.join')}
                </button>
              )}
              <ErrorText error={failure} />
              <h2>{t('communities.threads')}</h2>
              <QueryState query={threads}>
                {() =>
                  threads.data!.items.length === 0 ? (
                    <p className="muted">{t('communities.noThreads')}</p>
                  ) : (
                    <ul className="cards">
                      {threads.data!.items.map((th) => (
                        <li key={th.id} className="card">
                          <Link className="card-title" to={`/communities/${communityId}/threads/${th.id}`}>
                            {th.title}
                          </Link>
                          <span className="muted">
                            {th.author.name} · {t('communities.posts', counted(th.postCount))} ·{' '}
                            {formatDate(th.lastPostAt)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )
                }
              </QueryState>
              {c.can.post && <NewThread communityId={communityId} />}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function NewThread({ communityId }: { communityId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const { act, failure, busy } = useAct([
    queryKey('GET /api/communities/:communityId/threads', { params: { communityId } }),
  ]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    let id = '';
    const ok = await act(async () => {
      id = (
        await call('POST /api/communities/:communityId/threads', {
          params: { communityId },
          body: { title, body },
        })
      ).thread.id;
    });
    if (ok) navigate(`/communities/${communityId}/threads/${id}`);
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={t('communities.newThread')}>
      <h2>{t('communities.newThread')}</h2>
      <label>
        {t('communities.form.title')}
        <input required maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('communities.form.body')}
        <textarea required rows={5} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <ErrorText error={failure} />
      <button type="submit" disabled={busy}>
        {t('communities.post')}
      </button>
    </form>
  );
}
