import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay } from '../../i18n/index.ts';
import { Loading } from '../../shell/ErrorText.tsx';
import { useMyReviews, useSchoolPlans } from './data.ts';
import { PlanStatus, Progress } from './parts.tsx';

/**
 * The school's ICT plan on a home page: a self-review waiting for the reader's answer, and the
 * current plan (else the latest) with its progress. `to` opens the school's plan page or the plan.
 */
export function SchoolPlanCard({ schoolId, leader }: { schoolId: string; leader: boolean }) {
  const { t } = useTranslation();
  const reviews = useMyReviews();
  const plans = useSchoolPlans(schoolId);
  const toAnswer = reviews.data?.items.find((r) => r.school.id === schoolId && r.can.answer);
  const items = plans.data?.items ?? [];
  const plan = items.find((p) => p.current) ?? items.find((p) => p.status === 'active') ?? items[0];
  return (
    <li className="card" data-testid="school-plan-card">
      <h2 className="card-title">{t('schoolPlans.title')}</h2>
      {toAnswer && (
        <Link to={`/school-reviews/${toAnswer.id}`}>
          {t('schoolPlans.home.answer', { date: formatDay(toAnswer.closesOn) })}
        </Link>
      )}
      {plans.isPending ? (
        <Loading />
      ) : plan ? (
        <Link to={leader ? `/org/${schoolId}/school-plan` : `/school-plans/${plan.id}`}>
          {plan.title} · <PlanStatus status={plan.status} /> · <Progress progress={plan.progress} />
        </Link>
      ) : leader ? (
        <Link to={`/org/${schoolId}/school-plan`}>{t('schoolPlans.home.noPlanLeader')}</Link>
      ) : (
        <span>{t('schoolPlans.home.noPlan')}</span>
      )}
    </li>
  );
}
