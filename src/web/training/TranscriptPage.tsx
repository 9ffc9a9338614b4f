import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { routeUrl, useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { counted, formatDay, formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';

/** A teacher's CPD record for a year: each completed module or programme and the hours credited. */
export default function TranscriptPage() {
  const { t } = useTranslation();
  const me = useMe();
  const personId = useParams().personId ?? me.personId;
  const own = personId === me.personId;
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const transcript = useApiQuery(
    'GET /api/people/:personId/transcript',
    { params: { personId: personId! }, query: { year } },
    { enabled: !!personId },
  );
  if (!personId || (transcript.error instanceof ApiError && transcript.error.status === 404)) return <NotFound />;
  const years = Array.from({ length: 6 }, (_, i) => thisYear - i);

  return (
    <>
      <h1>
        {t('training.transcript.title')}
        {!own && transcript.data ? ` · ${transcript.data.personName}` : ''}
      </h1>
      <p className="inline">
        <Link to={own ? '/my-plan' : `/people/${personId}/plan`}>{t('training.plan.title')}</Link>
      </p>
      <div className="inline">
        <label>
          {t('training.transcript.year')}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatNumber(y).replace(/[\s,.\u00a0\u202f]/g, '')}
              </option>
            ))}
          </select>
        </label>
        <a
          className="button-link"
          href={routeUrl('GET /api/people/:personId/transcript/export', { params: { personId }, query: { year } })}
          download
        >
          {t('training.transcript.export')}
        </a>
      </div>
      <QueryState query={transcript}>
        {() => {
          const tr = transcript.data!;
          return (
            <>
              <p className="coverage">
                {t('training.transcript.totals', {
                  hours: formatNumber(tr.totalHours),
                  ...counted(tr.modulesCompleted),
                })}
              </p>
              {tr.entries.length === 0 ? (
                <p>{t('training.transcript.none')}</p>
              ) : (
                <table className="data">
                  <caption className="visually-hidden">{t('training.transcript.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('training.code')}</th>
                      <th scope="col">{t('training.transcript.training')}</th>
                      <th scope="col">{t('training.transcript.completedOn')}</th>
                      <th scope="col">{t('training.duration')}</th>
                      <th scope="col">{t('training.results.score')}</th>
                      <th scope="col">{t('training.certificate.title')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {tr.entries.map((e) => (
                      <tr key={e.enrolmentId}>
                        <td>{e.code}</td>
                        <td>
                          <Link to={`/offerings/${e.offeringId}`}>
                            <LocalText value={e.title} />
                          </Link>
                          {e.kind === 'programme' && <span className="muted"> ({e.moduleCodes.join(', ')})</span>}
                        </td>
                        <td>{formatDay(e.completedOn)}</td>
                        <td>{t('training.hours', { hours: formatNumber(e.hours) })}</td>
                        <td>{e.score === null ? '—' : formatNumber(e.score)}</td>
                        <td>
                          <Link to={`/certificates/${e.enrolmentId}`}>{t('training.certificate.view')}</Link>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
