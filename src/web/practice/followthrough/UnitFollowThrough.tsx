import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { VisitTable } from './VisitTable.tsx';

const STATUSES = ['overdue', 'due', 'done'] as const;

/** Follow-through of the teachers under a unit, overdue first: what a district chases after training. */
export default function UnitFollowThrough() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get('status')) ?? 'overdue';
  const unit = useApiQuery('GET /api/org-units/:unitId', { params: { unitId } });
  const visits = useApiQuery('GET /api/units/:unitId/follow-through', { params: { unitId }, query: { status } });
  return (
    <>
      <h1>
        {t('followThrough.unitTitle')}
        {unit.data ? `: ${unit.data.displayName.text}` : ''}
      </h1>
      <p>
        <Link to={`/org/${unitId}`}>{t('followThrough.backToUnit')}</Link>
      </p>
      <label>
        {t('followThrough.show')}
        <select value={status} onChange={(e) => setParams({ status: e.target.value })}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`followThrough.filter.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={visits}>
        {() => {
          const items = visits.data!.items;
          return items.length === 0 ? (
            <p>{t(`followThrough.empty.${status}`)}</p>
          ) : (
            <>
              <p role="status">{t('followThrough.count', { n: formatNumber(items.length) })}</p>
              <VisitTable visits={items} caption={t(`followThrough.filter.${status}`)} showCoach />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
