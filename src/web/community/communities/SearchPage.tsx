import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import './communities.css';

const KINDS = ['resource', 'thread', 'event'] as const;
type Kind = (typeof KINDS)[number];

/** One search over the library, the communities' discussions and events, in any language. */
export default function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = (KINDS as readonly string[]).includes(params.get('kind') ?? '')
    ? (params.get('kind') as Kind)
    : undefined;
  const [typed, setTyped] = useState(q);
  const found = useApiQuery(
    'GET /api/community/search',
    { query: { q, ...(kind ? { kind } : {}) } },
    { enabled: q.trim() !== '' },
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    setParams({ q: typed.trim(), ...(kind ? { kind } : {}) });
  }

  return (
    <div className="communities">
      <h1>{t('communitySearch.title')}</h1>
      <form className="community-search" onSubmit={submit}>
        <label>
          {t('communitySearch.words')}
          <input type="search" value={typed} onChange={(e) => setTyped(e.target.value)} maxLength={200} />
        </label>
        <label>
          {t('communitySearch.kind')}
          <select
            value={kind ?? ''}
            onChange={(e) => setParams({ q, ...(e.target.value ? { kind: e.target.value } : {}) })}
          >
            <option value="">{t('communitySearch.everything')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`communitySearch.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('communitySearch.search')}</button>
      </form>
      {q.trim() !== '' && (
        <QueryState query={found}>
          {() =>
            found.data!.items.length === 0 ? (
              <p className="muted">{t('communitySearch.none')}</p>
            ) : (
              <ul className="cards">
                {found.data!.items.map((hit) => (
                  <li key={`${hit.kind}:${hit.id}`} className="card">
                    <Link className="card-title" to={hit.link}>
                      {hit.title}
                    </Link>
                    <span className="muted">{t(`communitySearch.kinds.${hit.kind}`)}</span>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      )}
    </div>
  );
}
