import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { localResolved } from '../frameworks/text.ts';
import { formatDate, formatDay, i18n } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useAct } from '../shell/useAct.ts';
import './regional.css';

type Detail = ApiResponse<'GET /api/regional/activities/:activityId'>;
type Country = Detail['invited'][number];

function useActivityAct(activityId: string) {
  return useAct([
    queryKey('GET /api/regional/activities/:activityId', { params: { activityId } }),
    queryKey('GET /api/regional/activities/:activityId/posts', { params: { activityId } }),
    queryKey('GET /api/regional/activities'),
  ]);
}

/** One activity: what, when and where; the countries and their participants; the ministry's nominations; the discussion. */
export default function ActivityPage() {
  const { t } = useTranslation();
  const { activityId = '' } = useParams();
  const detail = useApiQuery('GET /api/regional/activities/:activityId', { params: { activityId } });
  return (
    <div className="regional collaboration">
      <p>
        <Link to="/regional/activities">{t('regional.activities.back')}</Link>
      </p>
      <QueryState query={detail}>
        {() => {
          const a = detail.data!;
          return (
            <>
              <h1>
                <LocalText value={a.title} />
              </h1>
              <p className="muted">
                {t(`regional.activities.kind.${a.kind}`)} · {formatDay(a.startsOn)} – {formatDay(a.endsOn)} ·{' '}
                <LocalText value={localResolved(a.office.name, i18n.language)} />
              </p>
              {a.place && <p>{a.place}</p>}
              {a.onlineUrl && (
                <p>
                  <a href={a.onlineUrl} rel="noopener noreferrer" target="_blank">
                    {t('regional.activities.online')}
                  </a>
                </p>
              )}
              {a.description && (
                <p>
                  <LocalText value={a.description} />
                </p>
              )}
              <Countries a={a} />
              {a.can.invite && a.invitable.length > 0 && <InviteCountries a={a} />}
              {a.can.nominate && <Nominate a={a} />}
              {a.can.post && <Discussion a={a} />}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

/** Participants grouped by country; the ministry withdraws its own, the office records who came. */
function Countries({ a }: { a: Detail }) {
  const { t } = useTranslation();
  const me = useMe();
  const { act, failure, busy } = useActivityAct(a.id);
  const ownCountry = (c: Country) => c.id === me.tenant.id;
  return (
    <section aria-labelledby="activity-countries">
      <h2 id="activity-countries">{t('regional.activities.invited')}</h2>
      {a.invited.length === 0 && <p className="muted">{t('regional.activities.noCountries')}</p>}
      {a.invited.map((c) => (
        <div key={c.id} className="activity-country">
          <h3>
            <LocalText value={localResolved(c.name, i18n.language)} />
          </h3>
          {c.participants.length === 0 ? (
            <p className="muted">
              {a.reach.office || a.reach.participant || ownCountry(c)
                ? t('regional.activities.nobodyYet')
                : t('regional.activities.notShown')}
            </p>
          ) : (
            <ul className="participants">
              {c.participants.map((p) => (
                <li key={p.personId ?? `${p.name}-${p.school.text}`}>
                  <span>
                    {p.name} <span className="muted">· {p.school.text}</span>
                  </span>
                  {a.can.attendance && p.personId && (
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={p.attended === true}
                        disabled={busy}
                        onChange={(e) =>
                          void act(() =>
                            call('PUT /api/regional/activities/:activityId/attendance', {
                              params: { activityId: a.id },
                              body: {
                                attendance: [
                                  { countryTenantId: c.id, personId: p.personId!, attended: e.target.checked },
                                ],
                              },
                            }),
                          )
                        }
                      />{' '}
                      {t('regional.activities.attended')}
                    </label>
                  )}
                  {a.can.nominate && ownCountry(c) && p.personId && (
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() =>
                        void act(() =>
                          call('DELETE /api/regional/activities/:activityId/participants/:personId', {
                            params: { activityId: a.id, personId: p.personId! },
                          }),
                        )
                      }
                    >
                      {t('regional.activities.withdraw')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
      <ErrorText error={failure} />
    </section>
  );
}

function InviteCountries({ a }: { a: Detail }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const { act, failure, busy } = useActivityAct(a.id);
  return (
    <form
      aria-label={t('regional.activities.inviteMore')}
      onSubmit={async (e) => {
        e.preventDefault();
        const ok = await act(() =>
          call('POST /api/regional/activities/:activityId/countries', {
            params: { activityId: a.id },
            body: { countryTenantIds: chosen },
          }),
        );
        if (ok) setChosen([]);
      }}
    >
      <fieldset>
        <legend>{t('regional.activities.inviteMore')}</legend>
        {a.invitable.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(c.id)}
              onChange={(e) => setChosen(e.target.checked ? [...chosen, c.id] : chosen.filter((x) => x !== c.id))}
            />{' '}
            <LocalText value={localResolved(c.name, i18n.language)} />
          </label>
        ))}
      </fieldset>
      <ErrorText error={failure} />
      <button type="submit" disabled={busy || chosen.length === 0}>
        {t('regional.activities.invite')}
      </button>
    </form>
  );
}

/** The ministry's nominations: people of its own country it can see, found by name. */
function Nominate({ a }: { a: Detail }) {
  const { t } = useTranslation();
  const me = useMe();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const people = useApiQuery('GET /api/people', { query: { q: search, limit: 50 } }, { enabled: search !== '' });
  const { act, failure, busy } = useActivityAct(a.id);
  const listed = new Set(
    a.invited.filter((c) => c.id === me.tenant.id).flatMap((c) => c.participants.map((p) => p.personId)),
  );
  return (
    <section aria-labelledby="activity-nominate">
      <h2 id="activity-nominate">{t('regional.activities.nominate')}</h2>
      <p className="muted">{t('regional.activities.nominateIntro')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label>
          {t('regional.activities.findPerson')}
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t('regional.activities.find')}</button>
      </form>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await act(() =>
            call('POST /api/regional/activities/:activityId/participants', {
              params: { activityId: a.id },
              body: { personIds: chosen },
            }),
          );
          if (ok) setChosen([]);
        }}
      >
        {search !== '' && (
          <fieldset>
            <legend>{t('regional.activities.found')}</legend>
            {people.data?.items.length === 0 && <p className="muted">{t('regional.activities.noneFound')}</p>}
            {people.data?.items
              .filter((p) => !listed.has(p.id))
              .map((p) => (
                <label key={p.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(p.id)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))}
                  />{' '}
                  {p.givenName} {p.familyName} <span className="muted">· {p.orgUnitName}</span>
                </label>
              ))}
          </fieldset>
        )}
        <ErrorText error={failure} />
        <button type="submit" disabled={busy || chosen.length === 0}>
          {t('regional.activities.nominateChosen')}
        </button>
      </form>
    </section>
  );
}

/** The project space's (or seminar's) discussion: every post with its author's name and country. */
function Discussion({ a }: { a: Detail }) {
  const { t } = useTranslation();
  const posts = useApiQuery('GET /api/regional/activities/:activityId/posts', { params: { activityId: a.id } });
  const [body, setBody] = useState('');
  const { act, failure, busy } = useActivityAct(a.id);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await act(() =>
      call('POST /api/regional/activities/:activityId/posts', { params: { activityId: a.id }, body: { body } }),
    );
    if (ok) setBody('');
  }
  return (
    <section aria-labelledby="activity-posts">
      <h2 id="activity-posts">{t('regional.activities.posts')}</h2>
      <QueryState query={posts}>
        {() =>
          posts.data!.items.length === 0 ? (
            <p className="muted">{t('regional.activities.noPosts')}</p>
          ) : (
            <ol className="posts">
              {posts.data!.items.map((p) => (
                <li key={p.id} className="post">
                  <p className="muted">
                    <strong>{p.author}</strong> · <LocalText value={localResolved(p.from.name, i18n.language)} /> ·{' '}
                    {formatDate(p.createdAt)}
                  </p>
                  <p className="post-body">{p.body}</p>
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
      <form onSubmit={(e) => void submit(e)} aria-label={t('regional.activities.write')}>
        <label>
          {t('regional.activities.write')}
          <textarea required maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
        </label>
        <ErrorText error={failure} />
        <button type="submit" disabled={busy || body.trim() === ''}>
          {t('regional.activities.send')}
        </button>
      </form>
    </section>
  );
}
