import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatNumber, LANGUAGES, languageName } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { designsClient, keys, type ListQuery, type Page } from './api.ts';
import './designs.css';

const FILTERS = ['subject', 'grade', 'language', 'template', 'competency'] as const;
const TEMPLATE_KEYS = ['one_to_one', 'project_based'] as const;

export default function DesignList() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const scope = params.get('scope') === 'shared' ? 'shared' : 'mine';
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const query: ListQuery = { scope, limit: 20 };
  for (const f of FILTERS) {
    const value = params.get(f);
    if (value) (query as Record<string, string>)[f] = value;
  }
  const pages = useInfiniteQuery({
    queryKey: keys.list(query),
    queryFn: ({ pageParam }) => designsClient.list({ ...query, cursor: pageParam || undefined }),
    initialPageParam: '',
    getNextPageParam: (last: Page) => last.nextCursor ?? undefined,
  });
  const standard = useQuery({ queryKey: keys.standard, queryFn: designsClient.standard });
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const tab = (s: 'mine' | 'shared') => {
    const next = new URLSearchParams(params);
    if (s === 'shared') next.set('scope', 'shared');
    else next.delete('scope');
    return `?${next.toString()}`;
  };

  return (
    <div className="designs">
      <div className="designs-head">
        <h1>{t('designs.title')}</h1>
        <Link className="button-link" to="/designs/new">
          {t('designs.new')}
        </Link>
      </div>
      <nav className="tabs" aria-label={t('designs.title')}>
        <ul>
          {(['mine', 'shared'] as const).map((s) => (
            <li key={s}>
              <Link className="tab" to={tab(s)} aria-current={scope === s ? 'page' : undefined}>
                {t(`designs.scope.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <details className="designs-filters" open={FILTERS.some((f) => params.get(f))}>
        <summary>{t('designs.filter')}</summary>
        <form
          className="filters"
          onSubmit={(e) => {
            e.preventDefault();
            const next = new URLSearchParams();
            if (scope === 'shared') next.set('scope', 'shared');
            for (const [k, v] of Object.entries(draft)) if (v.trim()) next.set(k, v.trim());
            setParams(next);
          }}
        >
          <label>
            {t('designs.subject')}
            <input value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
          </label>
          <label>
            {t('designs.grade')}
            <input value={draft.grade} onChange={(e) => setDraft({ ...draft, grade: e.target.value })} />
          </label>
          <label>
            {t('designs.language')}
            <select value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value })}>
              <option value="">{t('designs.any')}</option>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {languageName(l.code)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('designs.template')}
            <select value={draft.template} onChange={(e) => setDraft({ ...draft, template: e.target.value })}>
              <option value="">{t('designs.any')}</option>
              {TEMPLATE_KEYS.map((k) => (
                <option key={k} value={k}>
                  {t(`designs.templates.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('designs.competency')}
            <select value={draft.competency} onChange={(e) => setDraft({ ...draft, competency: e.target.value })}>
              <option value="">{t('designs.any')}</option>
              {standard.data?.competencies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code} {c.title}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">{t('designs.apply')}</button>
        </form>
      </details>
      <QueryState query={pages}>
        {() =>
          items.length === 0 ? (
            <p className="muted">{t(scope === 'mine' ? 'designs.noneMine' : 'designs.noneShared')}</p>
          ) : (
            <ul className="cards">
              {items.map((d) => (
                <li key={d.id} className="card">
                  <Link className="card-title" to={`/designs/${d.id}`}>
                    {d.title}
                  </Link>
                  <span>
                    {d.subject} · {t('designs.gradeN', { grade: d.grade })} · {languageName(d.language)}
                  </span>
                  <span className="muted">
                    {d.coAuthor ? `${d.author.name}, ${d.coAuthor.name}` : d.author.name} · {d.schoolName}
                  </span>
                  <span className="muted">
                    {t(`designs.sharing.${d.sharing}`)} · {t('designs.versionN', { n: formatNumber(d.currentVersion) })}{' '}
                    · {formatDate(d.updatedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {pages.hasNextPage && (
        <button type="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('designs.more')}
        </button>
      )}
    </div>
  );
}
