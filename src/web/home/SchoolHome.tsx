import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { counted } from '../i18n/index.ts';
import { SchoolPlanCard } from '../practice/schoolplans/HomeCard.tsx';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';

/** A school leader's start page: their school, with its group report, plans and observations one click away. */
export default function SchoolHome() {
  const { t } = useTranslation();
  const me = useMe();
  const unitId = me.grants.find((g) => g.role === 'school_leader')?.orgUnitId;
  const unit = useApiQuery('GET /api/org-units/:unitId', { params: { unitId: unitId ?? '' } }, { enabled: !!unitId });
  if (!unitId) return <NotAllowed />;
  return (
    <>
      <h1>{t('nav.mySchool')}</h1>
      <QueryState query={unit}>
        {() => (
          <p>
            <Link to={`/org/${unitId}`}>
              <LocalText value={unit.data!.displayName} />
            </Link>
            {' · '}
            {t('org.teachers', counted(unit.data!.teachersUnder))}
          </p>
        )}
      </QueryState>
      <p>{t('home.school.intro')}</p>
      <ul className="cards">
        <SchoolPlanCard schoolId={unitId} leader />
        <li className="card">
          <Link to={`/org/${unitId}/self-assessment`} className="card-title">
            {t('assessment.group.link')}
          </Link>
          <span>{t('home.school.reportHint')}</span>
        </li>
        <li className="card">
          <Link to={`/org/${unitId}/development-plans`} className="card-title">
            {t('training.plans.title')}
          </Link>
          <span>{t('home.school.plansHint')}</span>
        </li>
        <li className="card">
          <Link to={`/people?unitId=${unitId}`} className="card-title">
            {t('home.school.observations')}
          </Link>
          <span>{t('home.school.observationsHint')}</span>
        </li>
      </ul>
      <p className="inline">
        <Link to={`/org/${unitId}/training-demand`}>{t('training.demand.title')}</Link>
        <Link to={`/org/${unitId}/training-cascade`}>{t('training.cascade.title')}</Link>
      </p>
    </>
  );
}
