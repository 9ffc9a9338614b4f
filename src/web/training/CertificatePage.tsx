import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { formatDay, formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';

/**
 * A certificate of attendance for one completed enrolment, laid out for an A4 page: on paper only
 * the certificate appears, without the app's header, the scope bar or the buttons.
 */
export default function CertificatePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { enrolmentId } = useParams();
  const certificate = useApiQuery(
    'GET /api/enrolments/:id/certificate',
    { params: { id: enrolmentId! } },
    { retry: false },
  );
  if (certificate.error instanceof ApiError && certificate.error.status === 404) return <NotFound />;

  return (
    <QueryState query={certificate}>
      {() => {
        const c = certificate.data!;
        const transcript = c.personId === me.personId ? '/my-transcript' : `/people/${c.personId}/transcript`;
        return (
          <>
            <div className="inline no-print">
              <Link to={transcript}>{t('training.transcript.title')}</Link>
              <Link to={`/offerings/${c.offeringId}`}>{t('training.certificate.offering')}</Link>
              <button type="button" onClick={() => window.print()}>
                {t('training.certificate.print')}
              </button>
            </div>
            <article className="certificate" aria-labelledby="certificate-title">
              <p className="issuer">
                <LocalText value={c.issuer} />
              </p>
              <h1 id="certificate-title">{t('training.certificate.title')}</h1>
              <p>{t('training.certificate.certifies')}</p>
              <p className="holder">{c.personName}</p>
              {c.nationalId && (
                <p className="muted">
                  {t('people.nationalId')}: {c.nationalId}
                </p>
              )}
              <p>
                {c.kind === 'module'
                  ? t('training.certificate.completedModule')
                  : t('training.certificate.completedProgramme')}
              </p>
              <p className="subject">
                <LocalText value={c.title} /> <span className="muted">({c.code})</span>
              </p>
              <dl className="facts">
                <div>
                  <dt>{t('training.offerings.dates')}</dt>
                  <dd>{t('training.offerings.range', { start: formatDay(c.startDate), end: formatDay(c.endDate) })}</dd>
                </div>
                <div>
                  <dt>{t('training.offerings.host')}</dt>
                  <dd>
                    <LocalText value={c.hostName} />
                  </dd>
                </div>
                <div>
                  <dt>{t('training.offerings.trainers')}</dt>
                  <dd>{c.trainers.join(', ')}</dd>
                </div>
                <div>
                  <dt>{t('training.certificate.hours')}</dt>
                  <dd>{t('training.hours', { hours: formatNumber(c.cpdHours) })}</dd>
                </div>
                <div>
                  <dt>{t('training.transcript.completedOn')}</dt>
                  <dd>{formatDay(c.completedOn)}</dd>
                </div>
              </dl>
              {c.outcomes.length > 0 && (
                <table className="data">
                  <caption>{t('training.certificate.outcomes')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('training.code')}</th>
                      <th scope="col">{t('training.competency')}</th>
                      <th scope="col">{t('training.level')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.outcomes.map((o) => (
                      <tr key={`${o.itemId}|${o.levelCode}`}>
                        <td>{o.code}</td>
                        <td>
                          <LocalText value={o.title} />
                        </td>
                        <td>
                          {o.levelCode} · <LocalText value={o.levelTitle} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p className="note">{t('training.certificate.note')}</p>
              <footer>
                <span>{t('training.certificate.number', { number: c.certificateNumber })}</span>
                <span>
                  {t('training.certificate.issuedBy')} <LocalText value={c.issuer} />
                </span>
              </footer>
            </article>
          </>
        );
      }}
    </QueryState>
  );
}
