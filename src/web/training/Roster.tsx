import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../api/routes.ts';
import type { Enrolment, Offering } from '../api/types.ts';
import { counted, formatDay, formatNumber } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useAct } from '../shell/useAct.ts';
import { offeringKeys } from './offeringKeys.ts';

/** Who is enrolled and waitlisted (as far as the reader may see), with enrol and withdraw. */
export function Roster({
  offering,
  enrolments,
  personId,
  canEnrol,
  canManage,
  canNominate,
}: {
  offering: Offering;
  enrolments: Enrolment[];
  personId: string | null;
  canEnrol: boolean;
  canManage: boolean;
  /** Nominators may withdraw people of their scope; trainers may not. */
  canNominate: boolean;
}) {
  const { t } = useTranslation();
  const { act, failure, busy } = useAct(offeringKeys(offering.id));
  const active = enrolments.filter((e) => e.status !== 'withdrawn');
  const mine = active.find((e) => e.personId === personId);
  const enrolled = active.filter((e) => e.status === 'enrolled');
  const waitlisted = active.filter((e) => e.status === 'waitlisted');

  const withdraw = (e: Enrolment) => act(() => call('POST /api/enrolments/:id/withdraw', { params: { id: e.id } }));

  const table = (rows: Enrolment[], caption: string) => (
    <table className="data roster">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('people.name')}</th>
          <th scope="col">{t('people.nationalId')}</th>
          <th scope="col">{t('org.type.school')}</th>
          <th scope="col">{t('training.roster.result')}</th>
          <th scope="col">{t('training.roster.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e.id}>
            <td>{canManage ? <Link to={`/people/${e.personId}/transcript`}>{e.personName}</Link> : e.personName}</td>
            <td>{e.nationalId ?? '—'}</td>
            <td>
              <LocalText value={e.schoolName} />
            </td>
            <td>
              {e.result ? t(`training.results.${e.result}`) : '—'}
              {e.score !== null ? ` · ${formatNumber(e.score)}` : ''}
              {e.completedOn ? ` · ${formatDay(e.completedOn)}` : ''}
              {e.cpdHours !== null ? ` · ${t('training.hours', { hours: formatNumber(e.cpdHours) })}` : ''}
            </td>
            <td>
              {e.result === 'completed' && (
                <Link
                  to={`/certificates/${e.id}`}
                  aria-label={t('training.certificate.openFor', { name: e.personName })}
                >
                  {t('training.certificate.open')}
                </Link>
              )}
              {e.result !== 'completed' && (e.personId === personId || canNominate) && (
                <button
                  type="button"
                  className="link danger"
                  disabled={busy}
                  onClick={() => void withdraw(e)}
                  aria-label={t('training.roster.withdrawWho', { name: e.personName })}
                >
                  {t('training.roster.withdraw')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section>
      <h2>{t('training.roster.title')}</h2>
      <p>
        {/* The offering's own counts: the rows below are only those this reader may see. */}
        {t('training.roster.counts', {
          ...counted(offering.enrolled),
          waitlisted: formatNumber(offering.waitlisted),
        })}
      </p>
      {mine ? (
        <p className="success" role="status">
          {mine.status === 'enrolled' ? t('training.roster.youEnrolled') : t('training.roster.youWaitlisted')}
        </p>
      ) : (
        canEnrol && (
          <p>
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void act(() =>
                  call('POST /api/offerings/:offeringId/enrolments', { params: { offeringId: offering.id }, body: {} }),
                )
              }
            >
              {t('training.roster.enrolMe')}
            </button>
          </p>
        )
      )}
      {failure ? <ErrorText error={failure} /> : null}
      {active.length === 0 ? (
        <p className="muted">{t('training.roster.empty')}</p>
      ) : (
        <>
          {enrolled.length > 0 && table(enrolled, t('training.roster.enrolled'))}
          {waitlisted.length > 0 && table(waitlisted, t('training.roster.waitlist'))}
        </>
      )}
    </section>
  );
}
