import { useTranslation } from 'react-i18next';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import type { PlanItem } from './data.ts';

export function PlanStatus({ status }: { status: PlanItem['status'] }) {
  const { t } = useTranslation();
  return <span className={`status status-${status}`}>{t(`schoolPlans.plan.status.${status}`)}</span>;
}

/** Actions done of all (dropped ones left out) and the last progress review. */
export function Progress({ progress }: { progress: PlanItem['progress'] }) {
  const { t } = useTranslation();
  return (
    <span>
      {t('schoolPlans.plan.progress', { done: formatNumber(progress.done), total: formatNumber(progress.actions) })}
      {' · '}
      {progress.lastReviewedOn
        ? t('schoolPlans.plan.lastReview', { date: formatDay(progress.lastReviewedOn) })
        : t('schoolPlans.plan.noReviewYet')}
    </span>
  );
}
