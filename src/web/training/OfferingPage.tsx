import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { useCan, useMe } from '../auth/session.tsx';
import { formatDate, formatDay, formatNumber, formatPercent, languageName } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { OfferingEvaluation } from '../surveys/evaluation/OfferingEvaluation.tsx';
import { AttendanceSheet } from './AttendanceSheet.tsx';
import { NominateForm } from './NominateForm.tsx';
import { OfferingChanges } from './OfferingChanges.tsx';
import { today } from './OfferingTable.tsx';
import { ResultsImport } from './ResultsImport.tsx';
import { ResultsSection } from './ResultsSection.tsx';
import { Roster } from './Roster.tsx';

/**
 * One scheduled run of a module or programme: its details and roster for everyone who may see it;
 * enrolment for the teacher, nomination for leaders and districts, the attendance sheet and
 * results for whoever runs it, and its evaluation for its trainers and managers.
 */
export default function OfferingPage() {
  const { t } = useTranslation();
  const { offeringId } = useParams();
  const me = useMe();
  const canNominate = useCan('training.nominate');
  const params = { offeringId: offeringId! };
  const offering = useApiQuery('GET /api/offerings/:offeringId', { params });
  const roster = useApiQuery('GET /api/offerings/:offeringId/enrolments', { params });
  // Only those who run the offering may read the sheet: a refusal just means "not yours to run".
  const sheet = useApiQuery('GET /api/offerings/:offeringId/attendance', { params }, { retry: false });
  if (offering.error instanceof ApiError && offering.error.status === 404) return <NotFound />;
  const runs = !!sheet.data;

  return (
    <QueryState query={offering}>
      {() => {
        const o = offering.data!;
        const cancelled = o.status === 'cancelled';
        const open = !cancelled && o.enrolOpens <= today() && today() <= o.enrolCloses;
        return (
          <>
            <p>
              <Link to="/offerings">{t('training.offerings.title')}</Link>
            </p>
            <h1>
              <LocalText value={o.title} />
              {cancelled && <span className="tag tag-missing">{t('training.offerings.cancelled')}</span>}
            </h1>
            {cancelled && (
              <p className="warning" role="status">
                {t('training.offerings.cancelledNotice', {
                  when: formatDate(o.cancelledAt ?? ''),
                  reason: o.cancelReason ?? '',
                })}
              </p>
            )}
            <dl className="facts">
              <div>
                <dt>{t('training.offerings.dates')}</dt>
                <dd>{t('training.offerings.range', { start: formatDay(o.startDate), end: formatDay(o.endDate) })}</dd>
              </div>
              <div>
                <dt>{t('training.schedule.sessionDays')}</dt>
                <dd>{o.sessionDays.map((d) => formatDay(d)).join(', ')}</dd>
              </div>
              <div>
                <dt>{t('training.offerings.host')}</dt>
                <dd>
                  <LocalText value={o.hostName} />
                </dd>
              </div>
              {o.venue && (
                <div>
                  <dt>{t('training.offerings.venue')}</dt>
                  <dd>{o.venue}</dd>
                </div>
              )}
              {o.onlineUrl && (
                <div>
                  <dt>{t('training.offerings.onlineLink')}</dt>
                  <dd>
                    <a href={o.onlineUrl} rel="noopener noreferrer" target="_blank">
                      {o.onlineUrl}
                    </a>
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('training.offerings.trainers')}</dt>
                <dd>{o.trainers.map((tr) => tr.name).join(', ')}</dd>
              </div>
              <div>
                <dt>{t('training.language')}</dt>
                <dd>{languageName(o.language)}</dd>
              </div>
              <div>
                <dt>{t('training.duration')}</dt>
                <dd>{t('training.hours', { hours: formatNumber(o.hours) })}</dd>
              </div>
              <div>
                <dt>{t('training.offerings.seats')}</dt>
                <dd>
                  {t('training.offerings.taken', {
                    enrolled: formatNumber(o.enrolled),
                    capacity: formatNumber(o.capacity),
                  })}
                  {o.waitlisted > 0
                    ? ` · ${t('training.offerings.waitlisted', { n: formatNumber(o.waitlisted) })}`
                    : ''}
                </dd>
              </div>
              <div>
                <dt>{t('training.offerings.threshold')}</dt>
                <dd>{t('training.offerings.thresholdValue', { percent: formatPercent(o.attendanceThreshold) })}</dd>
              </div>
              <div>
                <dt>{t('training.offerings.enrolment')}</dt>
                <dd>
                  {t('training.offerings.range', { start: formatDay(o.enrolOpens), end: formatDay(o.enrolCloses) })}{' '}
                  {open ? t('training.offerings.open') : t('training.offerings.closed')}
                </dd>
              </div>
            </dl>
            {o.moduleId && (
              <p>
                <Link to={`/training/modules/${o.moduleId}`}>{t('training.offerings.aboutModule')}</Link>
              </p>
            )}
            <p>
              <Link to={`/offerings/${o.id}/community`}>{t('communities.offeringLink')}</Link>
            </p>
            <QueryState query={roster}>
              {() => (
                <Roster
                  offering={o}
                  enrolments={roster.data!.items}
                  personId={me.personId}
                  canEnrol={open && !!me.personId && !o.trainers.some((tr) => tr.personId === me.personId)}
                  canManage={(canNominate || runs) && !cancelled}
                  canNominate={canNominate}
                />
              )}
            </QueryState>
            {canNominate && open && roster.data && <NominateForm offering={o} enrolments={roster.data.items} />}
            {o.canManage && !cancelled && <OfferingChanges offering={o} />}
            {sheet.data && roster.data && !cancelled && (
              <>
                <AttendanceSheet offeringId={o.id} sheet={sheet.data} />
                <ResultsSection offering={o} enrolments={roster.data.items} />
                <ResultsImport offering={o} />
              </>
            )}
            <OfferingEvaluation offeringId={o.id} />
          </>
        );
      }}
    </QueryState>
  );
}
