import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { useCoverage } from './data.ts';

/**
 * Which schools under a unit have a partnership running today: the counts, each area below with its
 * share, and the schools themselves (those without a partner first, as district and regional offices ask).
 */
export default function CoveragePage() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const [partner, setPartner] = useState<'without' | 'with' | 'all'>('without');
  const coverage = useCoverage(unitId, partner);
  return (
    <QueryState query={coverage}>
      {() => {
        const c = coverage.data!;
        return (
          <>
            <p className="inline">
              <Link to={`/org/${c.unit.id}`}>{c.unit.name.text}</Link>
              <Link to="/partnerships">{t('partnerships.title')}</Link>
            </p>
            <h1>{t('partnerships.coverage.of', { unit: c.unit.name.text })}</h1>
            <dl className="facts" aria-label={t('partnerships.coverage.title')}>
              <dt>{t('partnerships.coverage.schools')}</dt>
              <dd data-testid="coverage-schools">{formatNumber(c.schools)}</dd>
              <dt>{t('partnerships.coverage.with')}</dt>
              <dd data-testid="coverage-with">{formatNumber(c.withPartner)}</dd>
              <dt>{t('partnerships.coverage.without')}</dt>
              <dd data-testid="coverage-without">{formatNumber(c.withoutPartner)}</dd>
            </dl>
            {c.areas.length > 0 && (
              <table className="cards">
                <caption>{t('partnerships.coverage.areas')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('partnerships.coverage.area')}</th>
                    <th scope="col">{t('partnerships.coverage.schools')}</th>
                    <th scope="col">{t('partnerships.coverage.with')}</th>
                    <th scope="col">{t('partnerships.coverage.without')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.areas.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/org/${a.id}/partnerships`}>{a.name.text}</Link>
                      </td>
                      <td data-label={t('partnerships.coverage.schools')}>{formatNumber(a.schools)}</td>
                      <td data-label={t('partnerships.coverage.with')}>{formatNumber(a.withPartner)}</td>
                      <td data-label={t('partnerships.coverage.without')}>{formatNumber(a.schools - a.withPartner)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <label>
              {t('partnerships.show')}
              <select value={partner} onChange={(e) => setPartner(e.target.value as typeof partner)}>
                <option value="without">{t('partnerships.coverage.without')}</option>
                <option value="with">{t('partnerships.coverage.with')}</option>
                <option value="all">{t('partnerships.coverage.allSchools')}</option>
              </select>
            </label>
            {c.list.length === 0 ? (
              <p className="muted">{t('partnerships.coverage.noSchools')}</p>
            ) : (
              <table className="cards">
                <caption className="visually-hidden">{t('partnerships.coverage.schools')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('partnerships.school')}</th>
                    <th scope="col">{t('partnerships.teachers')}</th>
                    <th scope="col">{t('partnerships.title')}</th>
                  </tr>
                </thead>
                <tbody>
                  {c.list.map((s) => (
                    <tr key={s.id}>
                      <td>{s.name.text}</td>
                      <td data-label={t('partnerships.teachers')}>{formatNumber(s.teachers)}</td>
                      <td data-label={t('partnerships.title')}>
                        {s.partnerships.length === 0
                          ? t('partnerships.coverage.noPartner')
                          : s.partnerships.map((p, i) => (
                              <span key={p.id}>
                                {i > 0 && ', '}
                                <Link to={`/partnerships/${p.id}`}>{p.title}</Link> ({p.hostName.text})
                              </span>
                            ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {c.truncated && (
              <p className="muted">{t('partnerships.coverage.truncated', { n: formatNumber(c.list.length) })}</p>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
