import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ApiResponse, call, queryKey, routeUrl, useApiQuery } from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { formatDay, formatNumber, languageName } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { licenceName } from './kinds.ts';
import './library.css';

type Detail = ApiResponse<'GET /api/resources/:resourceId'>;
const today = () => new Date().toISOString().slice(0, 10);

/** One resource: what it is, in the reader's language, and what the reader may do with it. */
export default function ResourcePage() {
  const { t } = useTranslation();
  const { resourceId = '' } = useParams();
  const resource = useApiQuery('GET /api/resources/:resourceId', { params: { resourceId } });
  return (
    <div className="library resource">
      <QueryState query={resource}>{() => <Resource r={resource.data!} t={t} />}</QueryState>
    </div>
  );
}

function Resource({ r, t }: { r: Detail; t: ReturnType<typeof useTranslation>['t'] }) {
  const me = useMe();
  const standard = useApiQuery('GET /api/activity-designs/standard', {});
  const isAuthor = r.authors.some((a) => a.id === me.personId);
  const competency = (id: string) => standard.data?.competencies.find((c) => c.id === id);
  const level = (code: string) => standard.data?.levels.find((l) => l.code === code)?.title ?? code;
  const others = Object.entries(r.titles).filter(([code]) => code !== r.title.locale);

  return (
    <>
      <h1>
        <LocalText value={r.title} />
      </h1>
      <p className="muted">
        {t(`library.kinds.${r.kind}`)} · {t(`library.status.${r.status}`)}
        {r.status === 'shared' && ` · ${t(`library.sharing.${r.sharing}`)}`}
      </p>
      {r.description && (
        <p>
          <LocalText value={r.description} />
        </p>
      )}
      {r.review.reason && <p className="warning">{t('library.detail.reviewReason', { reason: r.review.reason })}</p>}
      <dl className="resource-facts">
        {r.design && (
          <>
            <dt>{t('library.kinds.activity_design')}</dt>
            <dd>
              <Link to={`/designs/${r.design.id}`}>{r.design.title}</Link>
            </dd>
          </>
        )}
        {r.subject && (
          <>
            <dt>{t('library.subject')}</dt>
            <dd>{r.subject}</dd>
          </>
        )}
        {r.grade && (
          <>
            <dt>{t('library.grade')}</dt>
            <dd>{r.grade}</dd>
          </>
        )}
        {r.languages.length > 0 && (
          <>
            <dt>{t('library.form.languages')}</dt>
            <dd>{r.languages.map((l) => languageName(l)).join(', ')}</dd>
          </>
        )}
        <dt>{t('library.licence')}</dt>
        <dd>{licenceName(r.licence, t)}</dd>
        <dt>{t('library.detail.authors')}</dt>
        <dd>{r.authors.map((a) => a.name).join(', ')}</dd>
        {r.competencies.length > 0 && (
          <>
            <dt>{t('library.form.competencies')}</dt>
            <dd>
              <ul>
                {r.competencies.map((c) => (
                  <li key={c.itemId}>
                    {competency(c.itemId)?.code} {competency(c.itemId)?.title ?? c.itemId} · {level(c.levelCode)}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>{t('library.detail.ratingLabel')}</dt>
        <dd>
          {r.rating.average === null
            ? t('library.detail.notRated')
            : t('library.rating', {
                rating: formatNumber(r.rating.average),
                count: r.rating.count,
                n: formatNumber(r.rating.count),
              })}
          {` · ${t('library.uses', { count: r.uses, n: formatNumber(r.uses) })}`}
        </dd>
      </dl>
      {others.length > 0 && (
        <section>
          <h2>{t('library.detail.translations')}</h2>
          <ul>
            {others.map(([code, text]) => (
              <li key={code}>
                <span className="muted">{languageName(code)}:</span> <span lang={code}>{text}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="resource-open">
        {r.url && (
          <a href={r.url} target="_blank" rel="noopener noreferrer">
            {t('library.open')}
          </a>
        )}
        {r.file && (
          <a href={routeUrl('GET /api/resources/:resourceId/file', { params: { resourceId: r.id } })}>
            {t('library.download', { name: r.file.name })}
          </a>
        )}
      </p>
      {isAuthor && <AuthorActions r={r} />}
      {r.canModerate && (r.status === 'submitted' || r.status === 'shared') && <ModeratorActions r={r} />}
      {!isAuthor && <RateForm r={r} />}
      <UseForm r={r} />
      <CollectionForm r={r} />
      {r.recentUses.length > 0 && (
        <section>
          <h2>{t('library.detail.recentUses')}</h2>
          <ul className="cards">
            {r.recentUses.map((u) => (
              <li key={u.id} className="card">
                <span>
                  {u.person.name} · {u.classLabel} · {formatDay(u.usedOn)}
                </span>
                {u.note && <span className="muted">{u.note}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function useResourceAct(id: string) {
  return useAct([
    queryKey('GET /api/resources/:resourceId', { params: { resourceId: id } }),
    queryKey('GET /api/resources'),
  ]);
}

function AuthorActions({ r }: { r: Detail }) {
  const { t } = useTranslation();
  const [sharing, setSharing] = useState(r.sharing);
  const { act, failure, busy } = useResourceAct(r.id);
  const params = { resourceId: r.id };
  if (r.status === 'submitted') return <p className="muted">{t('library.detail.awaitingReview')}</p>;
  if (r.status === 'published') return null;
  return (
    <section>
      <h2>{t('library.detail.share')}</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => call('PUT /api/resources/:resourceId/sharing', { params, body: { sharing } }));
        }}
      >
        <label>
          {t('library.detail.whoReads')}
          <select value={sharing} onChange={(e) => setSharing(e.target.value as typeof sharing)}>
            {(['private', 'school', 'district'] as const).map((s) => (
              <option key={s} value={s}>
                {t(`library.sharing.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy}>
          {t('library.detail.saveSharing')}
        </button>
      </form>
      <p className="muted">{t('library.detail.submitHint')}</p>
      <button
        type="button"
        disabled={busy}
        onClick={() => void act(() => call('POST /api/resources/:resourceId/submit', { params }))}
      >
        {t('library.detail.submit')}
      </button>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

function ModeratorActions({ r }: { r: Detail }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const { act, failure, busy } = useResourceAct(r.id);
  const params = { resourceId: r.id };
  return (
    <section className="moderation">
      <h2>{t('library.detail.moderation')}</h2>
      {r.status === 'submitted' && (
        <button
          type="button"
          disabled={busy}
          onClick={() => void act(() => call('POST /api/resources/:resourceId/approve', { params }))}
        >
          {t('library.detail.approve')}
        </button>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => call('POST /api/resources/:resourceId/reject', { params, body: { reason } }));
        }}
      >
        <label>
          {t('library.detail.reason')}
          <textarea required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t(r.status === 'submitted' ? 'library.detail.reject' : 'library.detail.withdraw')}
        </button>
      </form>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

function RateForm({ r }: { r: Detail }) {
  const { t } = useTranslation();
  const [stars, setStars] = useState(r.myRating ?? 0);
  const { act, failure, busy } = useResourceAct(r.id);
  return (
    <section>
      <h2>{t('library.detail.rate')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (stars > 0)
            void act(() =>
              call('PUT /api/resources/:resourceId/rating', { params: { resourceId: r.id }, body: { stars } }),
            );
        }}
      >
        <fieldset className="stars">
          <legend>{t('library.detail.yourRating')}</legend>
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n}>
              <input type="radio" name="stars" checked={stars === n} onChange={() => setStars(n)} />{' '}
              {t('library.detail.stars', { count: n, n: formatNumber(n) })}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={busy || stars === 0}>
          {t('library.detail.saveRating')}
        </button>
      </form>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

function UseForm({ r }: { r: Detail }) {
  const { t } = useTranslation();
  const [usedOn, setUsedOn] = useState(today);
  const [classLabel, setClassLabel] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const { act, failure, busy } = useResourceAct(r.id);
  return (
    <section>
      <h2>{t('library.detail.usedInClass')}</h2>
      <form
        aria-label={t('library.detail.usedInClass')}
        onSubmit={async (e) => {
          e.preventDefault();
          setDone(false);
          const ok = await act(() =>
            call('POST /api/resources/:resourceId/uses', {
              params: { resourceId: r.id },
              body: { usedOn, classLabel, note },
            }),
          );
          if (ok) {
            setClassLabel('');
            setNote('');
            setDone(true);
          }
        }}
      >
        <label>
          {t('library.detail.usedOn')}
          <input type="date" required max={today()} value={usedOn} onChange={(e) => setUsedOn(e.target.value)} />
        </label>
        <label>
          {t('library.detail.classLabel')}
          <input required maxLength={100} value={classLabel} onChange={(e) => setClassLabel(e.target.value)} />
        </label>
        <label>
          {t('library.detail.note')}
          <textarea rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('library.detail.reportUse')}
        </button>
        {done && <p role="status">{t('library.detail.useRecorded')}</p>}
      </form>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

function CollectionForm({ r }: { r: Detail }) {
  const { t } = useTranslation();
  const collections = useApiQuery('GET /api/resource-collections', {});
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [added, setAdded] = useState('');
  const { act, failure, busy } = useAct([queryKey('GET /api/resource-collections')]);
  const add = (collectionId: string) =>
    call('POST /api/resource-collections/:collectionId/items', {
      params: { collectionId },
      body: { resourceId: r.id },
    });
  return (
    <section>
      <h2>{t('library.detail.collections')}</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          let target = '';
          const ok = await act(async () => {
            if (chosen) {
              target = (await add(chosen)).name;
            } else {
              const made = await call('POST /api/resource-collections', { body: { name } });
              target = (await add(made.id)).name;
            }
          });
          if (ok) {
            setAdded(target);
            setName('');
          }
        }}
      >
        <label>
          {t('library.detail.collection')}
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('library.detail.newCollection')}</option>
            {collections.data?.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        {chosen === '' && (
          <label>
            {t('library.detail.collectionName')}
            <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <button type="submit" disabled={busy}>
          {t('library.detail.addToCollection')}
        </button>
        {added && <p role="status">{t('library.detail.added', { name: added })}</p>}
      </form>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}
