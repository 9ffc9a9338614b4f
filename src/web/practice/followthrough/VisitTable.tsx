import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../../api/routes.ts';
import { formatDay } from '../../i18n/index.ts';

export type Visit = ApiResponse<'GET /api/follow-through'>['items'][number];

/** Follow-through visits as labelled cards on a phone: who, where, which training, when due, and what was seen. */
export function VisitTable({
  visits,
  caption,
  showCoach,
  action,
}: {
  visits: Visit[];
  caption: string;
  showCoach: boolean;
  action?: (visit: Visit) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <table className="cards">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('followThrough.teacher')}</th>
          <th scope="col">{t('followThrough.training')}</th>
          <th scope="col">{t('followThrough.due')}</th>
          {showCoach && <th scope="col">{t('followThrough.coach')}</th>}
          <th scope="col">{t('followThrough.outcome')}</th>
          {action && <th scope="col">{t('followThrough.action')}</th>}
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => (
          <tr key={v.id} className={v.overdue ? 'overdue' : undefined}>
            <td>
              <strong>{v.teacher.name}</strong>
              <br />
              <span className="muted">{v.teacher.schoolName}</span>
            </td>
            <td data-label={t('followThrough.training')}>
              {v.offeringTitle} · {t('followThrough.monthsAfter', { count: v.monthsAfter })}
            </td>
            <td data-label={t('followThrough.due')}>
              {formatDay(v.dueOn)}
              {v.overdue && <strong className="badge warning"> {t('followThrough.overdue')}</strong>}
            </td>
            {showCoach && <td data-label={t('followThrough.coach')}>{v.coach.name}</td>}
            <td data-label={t('followThrough.outcome')}>
              {v.status === 'done' && v.applied ? (
                <>
                  {t(`followThrough.applied.${v.applied}`)} · {formatDay(v.visitedOn!)}
                  <br />
                  {v.how}
                </>
              ) : (
                t(`followThrough.status.${v.status}`)
              )}
            </td>
            {action && <td data-label={t('followThrough.action')}>{action(v)}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
