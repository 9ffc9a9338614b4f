import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { shareText, yearText } from '../monitoring/indicators.ts';
import '../monitoring/monitoring.css';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';

/**
 * Each country over the years: its mean share at or above its own target over the reference
 * competencies it maps, one labelled bar per year (the figure is the text beside the bar, so the list
 * reads the same on a phone and needs no table beside it).
 */
export function CountryTrends() {
  const { t, i18n } = useTranslation();
  const trends = useApiQuery('GET /api/regional/trends', {});
  return (
    <QueryState query={trends}>
      {() =>
        trends.data!.countries.length === 0 ? null : (
          <section aria-labelledby="country-trends">
            <h2 id="country-trends">{t('regional.trends.title')}</h2>
            <p className="muted">{t('regional.trends.intro')}</p>
            {trends.data!.countries.map((country) => {
              const name = localResolved(country.name, i18n.language);
              return (
                <div key={country.code} className="country-trend">
                  <h3>
                    <LocalText value={name} />
                  </h3>
                  <ul className="attainment" aria-label={t('regional.trends.label', { country: name.text })}>
                    {country.points.map((p) => (
                      <li key={p.year}>
                        <span>
                          <strong>{yearText(p.year)}</strong> <small>{t(`regional.trends.source.${p.source}`)}</small>
                        </span>
                        <span className="bar" aria-hidden="true">
                          <span style={{ width: `${Math.round((p.meanShare ?? 0) * 100)}%` }} />
                        </span>
                        <span className="share" title={p.meanShare === null ? t('regional.trends.noMean') : undefined}>
                          {p.meanShare === null ? (
                            <>
                              <span aria-hidden="true">—</span>
                              <span className="visually-hidden">{t('regional.trends.noMean')}</span>
                            </>
                          ) : (
                            shareText(p.meanShare)
                          )}
                        </span>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </section>
        )
      }
    </QueryState>
  );
}
