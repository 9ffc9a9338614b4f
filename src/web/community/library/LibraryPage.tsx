import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { call, queryKey, routeUrl } from '../../api/routes.ts';
import { useCan } from '../../auth/session.tsx';
import { formatNumber, LANGUAGES, languageName } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { KINDS, LICENCES } from './kinds.ts';
import './library.css';

const FILTERS = ['q', 'kind', 'language', 'licence', 'subject', 'grade'] as const;

/** The resource library: search in any language, with filters; each result opens its file or link. */
export default function LibraryPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const query = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || undefined]));
  const typed = { query: { ...query, limit: 50 } } as Parameters<typeof call<'GET /api/resources'>>[1];
  const results = useQuery({
    queryKey: queryKey('GET /api/resources', typed),
    queryFn: () => call('GET /api/resources', typed),
  });
  const set = (name: string, value: string) => setDraft({ ...draft, [name]: value });
  const moderator = useCan('community.moderate');

  return (
    <div className="library">
      <div className="library-head">
        <h1>{t('library.title')}</h1>
        <nav aria-label={t('library.title')}>
          <Link to="/library/new">{t('library.form.newTitle')}</Link>
          {moderator && <Link to="/library/review">{t('library.review.title')}</Link>}
        </nav>
      </div>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams();
          for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
          setParams(next);
        }}
      >
        <label>
          {t('library.search')}
          <input type="search" value={draft.q} onChange={(e) => set('q', e.target.value)} />
        </label>
        <label>
          {t('library.kind')}
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value)}>
            <option value="">{t('library.any')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`library.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('library.language')}
          <select value={draft.language} onChange={(e) => set('language', e.target.value)}>
            <option value="">{t('library.any')}</option>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('library.licence')}
          <select value={draft.licence} onChange={(e) => set('licence', e.target.value)}>
            <option value="">{t('library.any')}</option>
            {LICENCES.map((l) => (
              <option key={l} value={l}>
                {l === 'all_rights_reserved' ? t('library.allRightsReserved') : l}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('library.subject')}
          <input value={draft.subject} onChange={(e) => set('subject', e.target.value)} />
        </label>
        <label>
          {t('library.grade')}
          <input value={draft.grade} onChange={(e) => set('grade', e.target.value)} />
        </label>
        <button type="submit">{t('library.apply')}</button>
      </form>
      <QueryState query={results}>
        {() =>
          results.data!.items.length === 0 ? (
            <p className="muted">{t('library.none')}</p>
          ) : (
            <ul className="cards">
              {results.data!.items.map((r) => (
                <li key={r.id} className="card">
                  <Link className="card-title" to={`/library/${r.id}`}>
                    <LocalText value={r.title} />
                  </Link>
                  {r.description && (
                    <span>
                      <LocalText value={r.description} />
                    </span>
                  )}
                  <span className="muted">
                    {t(`library.kinds.${r.kind}`)}
                    {r.subject && ` · ${r.subject}`}
                    {r.languages.length > 0 && ` · ${r.languages.map((l) => languageName(l)).join(', ')}`}
                    {' · '}
                    {r.licence === 'all_rights_reserved' ? t('library.allRightsReserved') : r.licence}
                  </span>
                  <span className="muted">
                    {r.authors.map((a) => a.name).join(', ')}
                    {r.rating.average !== null &&
                      ` · ${t('library.rating', { rating: formatNumber(r.rating.average), count: r.rating.count, n: formatNumber(r.rating.count) })}`}
                    {` · ${t('library.uses', { count: r.uses, n: formatNumber(r.uses) })}`}
                  </span>
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
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
