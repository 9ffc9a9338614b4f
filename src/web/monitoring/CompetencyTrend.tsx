import { useTranslation } from 'react-i18next';
import { type ApiInput, useApiQuery } from '../api/routes.ts';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { shareText, yearText } from './indicators.ts';

type Query = NonNullable<ApiInput<'GET /api/dashboards/competencies/trend'>['query']>;

/**
 * A unit's headline in each recorded year and this year, as each year's dashboard shows it: labelled
 * bars that stay readable on a phone (the figures are the text beside each bar, so no table is needed
 * beside them).
 */
export function CompetencyTrend({ query, unitName }: { query: Query; unitName: string }) {
  const { t } = useTranslation();
  const trend = useApiQuery('GET /api/dashboards/competencies/trend', { query });
  return (
    <QueryState query={trend}>
      {() => (
        <section aria-labelledby="trend-title">
          <h2 id="trend-title">{t('monitoring.trend.title')}</h2>
          <ul className="attainment trend" aria-label={t('monitoring.trend.caption', { unit: unitName })}>
            {trend.data!.points.map((p) => (
              <li key={p.year}>
                <span>
                  <strong>{yearText(p.year)}</strong>{' '}
                  <small>
                    {p.live ? `${t('monitoring.trend.live')} · ` : ''}
                    {t('monitoring.trend.version', { version: p.frameworkVersion })}
                  </small>
                  {p.teachers !== null && (
                    <>
                      <br />
                      {t('monitoring.trend.teachers')}: {formatNumber(p.teachers)}
                      {p.assessed !== null && ` · ${t('monitoring.trend.assessed')}: ${formatNumber(p.assessed)}`}
                    </>
                  )}
                </span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${Math.round((p.meanShare ?? 0) * 100)}%` }} />
                </span>
                <span
                  className="share"
                  title={p.meanShare === null ? t('monitoring.trend.hidden') : t('monitoring.trend.mean')}
                >
                  {p.meanShare === null ? (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="visually-hidden">{t('monitoring.trend.hidden')}</span>
                    </>
                  ) : (
                    shareText(p.meanShare)
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </QueryState>
  );
}
