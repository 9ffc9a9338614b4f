import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useMe } from '../../auth/session.tsx';
import { formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { NotAllowed } from '../../shell/Pages.tsx';
import { useDistrictPlans } from './data.ts';
import { PlanStatus, Progress } from './parts.tsx';

const OFFICERS = ['admin', 'ministry_officer', 'regional_officer', 'district_officer'];

/** `/school-plans`: the officer's own area. */
export function MyAreaPlans() {
  const me = useMe();
  const unitId = me.grants.find((g) => OFFICERS.includes(g.role))?.orgUnitId;
  if (!unitId) return <NotAllowed />;
  return <Navigate to={`/org/${unitId}/school-plans`} replace />;
}

/** The schools under a unit with their current (else latest) ICT plan and its progress, and those without. */
export default function DistrictPlansPage() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const list = useDistrictPlans(unitId);
  return (
    <QueryState query={list}>
      {() => {
        const d = list.data!;
        return (
          <>
            <h1>{t('schoolPlans.district.title', { unit: d.unit.name.text })}</h1>
            <dl className="facts">
              <dt>{t('schoolPlans.district.schools')}</dt>
              <dd data-testid="plans-schools">{formatNumber(d.schools)}</dd>
              <dt>{t('schoolPlans.district.with')}</dt>
              <dd data-testid="plans-with">{formatNumber(d.withCurrentPlan)}</dd>
              <dt>{t('schoolPlans.district.without')}</dt>
              <dd data-testid="plans-without">{formatNumber(d.withoutCurrentPlan)}</dd>
            </dl>
            {d.list.length === 0 ? (
              <p className="muted">{t('schoolPlans.district.none')}</p>
            ) : (
              <table className="cards">
                <caption className="visually-hidden">{t('schoolPlans.district.schools')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('schoolPlans.district.school')}</th>
                    <th scope="col">{t('schoolPlans.district.area')}</th>
                    <th scope="col">{t('schoolPlans.district.plan')}</th>
                    <th scope="col">{t('schoolPlans.plan.fields.status')}</th>
                    <th scope="col">{t('schoolPlans.plan.fields.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.list.map((s) => (
                    <tr key={s.school.id}>
                      <td>{s.school.name.text}</td>
                      <td data-label={t('schoolPlans.district.area')}>{s.districtName?.text ?? ''}</td>
                      <td data-label={t('schoolPlans.district.plan')}>
                        {s.plan ? (
                          <Link to={`/school-plans/${s.plan.id}`}>{s.plan.title}</Link>
                        ) : (
                          <span className="muted">{t('schoolPlans.district.noPlan')}</span>
                        )}
                      </td>
                      <td data-label={t('schoolPlans.plan.fields.status')}>
                        {s.plan && (
                          <>
                            <PlanStatus status={s.plan.status} />
                            {s.plan.status === 'active' &&
                              !s.plan.current &&
                              ` (${t('schoolPlans.district.outOfPeriod')})`}
                          </>
                        )}
                      </td>
                      <td data-label={t('schoolPlans.plan.fields.progress')}>
                        {s.plan && <Progress progress={s.plan.progress} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {d.truncated && (
              <p className="muted">{t('schoolPlans.district.truncated', { n: formatNumber(d.list.length) })}</p>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
