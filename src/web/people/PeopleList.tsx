import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ApiInput, call, queryKey } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { counted } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';

const CATEGORIES = ['teacher', 'trainer', 'assessor', 'school_leader', 'officer'] as const;
const SEXES = ['female', 'male', 'other'] as const;
const FILTERS = ['q', 'category', 'subject', 'sex'] as const;
type PeopleQuery = NonNullable<ApiInput<'GET /api/people'>['query']>;

export default function PeopleList() {
  const { t } = useTranslation();
  const canRead = useCan('people.read');
  const [params, setParams] = useSearchParams();
  const [draft, setDraft] = useState(() => Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])));
  const query: PeopleQuery = { limit: 50 };
  for (const key of ['unitId', ...FILTERS] as const) {
    const value = params.get(key);
    // The URL's filters go to the server as they are: an unknown category is the server's to refuse.
    if (value) (query as Record<string, string>)[key] = value;
  }
  const pages = useInfiniteQuery({
    queryKey: queryKey('GET /api/people', { query }),
    queryFn: ({ pageParam }) => call('GET /api/people', { query: { ...query, cursor: pageParam || undefined } }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: canRead,
  });
  if (!canRead) return <NotAllowed />;
  const people = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <h1>{t('people.title')}</h1>
      <form
        className="filters"
        onSubmit={(e) => {
          e.preventDefault();
          const next = new URLSearchParams();
          const unitId = params.get('unitId');
          if (unitId) next.set('unitId', unitId);
          for (const [key, value] of Object.entries(draft)) if (value.trim()) next.set(key, value.trim());
          setParams(next);
        }}
      >
        <label>
          {t('people.search')}
          <input
            type="search"
            value={draft.q}
            placeholder={t('people.searchPlaceholder')}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
          />
        </label>
        <label>
          {t('people.category')}
          <select value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
            <option value="">{t('people.any')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`people.categories.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('people.subject')}
          <input value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
        </label>
        <label>
          {t('people.sex')}
          <select value={draft.sex} onChange={(e) => setDraft({ ...draft, sex: e.target.value })}>
            <option value="">{t('people.any')}</option>
            {SEXES.map((s) => (
              <option key={s} value={s}>
                {t(`people.sexes.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('people.search')}</button>
      </form>
      <QueryState query={pages}>
        {() =>
          people.length === 0 ? (
            <p>{t('people.none')}</p>
          ) : (
            <>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('people.name')}</th>
                    <th scope="col">{t('people.category')}</th>
                    <th scope="col">{t('people.unit')}</th>
                    <th scope="col">{t('people.nationalId')}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.id}>
                      <td>
                        <Link to={`/people/${p.id}`}>
                          {p.familyName}, {p.givenName}
                        </Link>
                      </td>
                      <td>{t(`people.categories.${p.category}`)}</td>
                      <td>{p.orgUnitName}</td>
                      <td>{p.nationalId}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted" aria-live="polite">
                {t('people.shown', counted(people.length))}
              </p>
              {pages.hasNextPage && (
                <button type="button" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
                  {pages.isFetchingNextPage ? t('app.loading') : t('people.more')}
                </button>
              )}
            </>
          )
        }
      </QueryState>
    </>
  );
}
