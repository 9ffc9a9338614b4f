import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { type ResultsView, useResults, useReview } from './data.ts';

type Figure = ResultsView['areas'][number]['all'];

/** A closed review's results: per area and statement, the mean and how many chose each point. */
export default function ResultsPage() {
  const { t } = useTranslation();
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  const results = useResults(reviewId);
  return (
    <QueryState query={review}>
      {() => (
        <>
          <p>
            <Link to={`/org/${review.data!.school.id}/school-plan`}>{t('schoolPlans.title')}</Link>
          </p>
          <h1>{t('schoolPlans.results.title', { school: review.data!.school.name.text })}</h1>
          <QueryState query={results}>
            {() => {
              const r = results.data!;
              return (
                <>
                  <p data-testid="results-respondents">
                    {t('schoolPlans.review.respondents', { n: formatNumber(r.respondents), count: r.respondents })}
                  </p>
                  {r.pending ? (
                    <p className="panel">{t('schoolPlans.results.pending')}</p>
                  ) : r.suppressed ? (
                    <p className="panel">{t('schoolPlans.results.suppressed', { n: formatNumber(r.minimumGroup) })}</p>
                  ) : (
                    <>
                      {r.groups.length === 0 && (
                        <p className="muted">{t('schoolPlans.results.noSplit', { n: formatNumber(r.minimumGroup) })}</p>
                      )}
                      {r.areas.map((area) => (
                        <section key={area.code}>
                          <h2>
                            {t(`schoolPlans.areas.${area.code}`)}{' '}
                            <span className="muted" data-testid={`mean-${area.code}`}>
                              {formatMean(area.all)}
                            </span>
                          </h2>
                          <table className="cards">
                            <caption className="visually-hidden">{t(`schoolPlans.areas.${area.code}`)}</caption>
                            <thead>
                              <tr>
                                <th scope="col">{t('schoolPlans.results.statement')}</th>
                                <th scope="col">{t('schoolPlans.results.mean')}</th>
                                {r.groups.map((g) => (
                                  <th scope="col" key={g}>
                                    {t(`schoolPlans.results.group.${g}`)}
                                  </th>
                                ))}
                                <th scope="col">{t('schoolPlans.results.distribution')}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {area.statements.map((s) => (
                                <tr key={s.code}>
                                  <td>{t(`schoolPlans.statements.${s.code}`)}</td>
                                  <td data-label={t('schoolPlans.results.mean')}>{formatMean(s.all)}</td>
                                  {r.groups.map((g) => (
                                    <td key={g} data-label={t(`schoolPlans.results.group.${g}`)}>
                                      {s.byGroup[g] ? formatMean(s.byGroup[g]) : ''}
                                    </td>
                                  ))}
                                  <td data-label={t('schoolPlans.results.distribution')}>
                                    <Distribution figure={s.all} />
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        </section>
                      ))}
                    </>
                  )}
                </>
              );
            }}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}

const formatMean = (f: Figure) => (f.mean === null ? '–' : formatNumber(f.mean));

function Distribution({ figure }: { figure: Figure }) {
  const { t } = useTranslation();
  if (!figure.distribution) return null;
  return (
    <span>
      {figure.distribution.map((n, i) => `${t(`schoolPlans.scale.${i + 1}.title`)}: ${formatNumber(n)}`).join(' · ')}
    </span>
  );
}
