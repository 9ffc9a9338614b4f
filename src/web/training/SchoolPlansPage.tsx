import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { formatDate, formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { UnitHeading } from './UnitHeading.tsx';

/** A school leader's overview: every development plan under the unit, its status and progress. */
export default function SchoolPlansPage() {
  const { t } = useTranslation();
  const { unitId } = useParams();
  const plans = useApiQuery('GET /api/units/:unitId/development-plans', { params: { unitId: unitId! } });
  if (plans.error instanceof ApiError && plans.error.status === 404) return <NotFound />;
  if (plans.error instanceof ApiError && plans.error.status === 403) return <NotAllowed />;
  return (
    <>
      <UnitHeading unitId={unitId!} title={t('training.plans.title')} />
      <QueryState query={plans}>
        {() =>
          plans.data!.items.length === 0 ? (
            <p>{t('training.plans.none')}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('assessment.queue.teacher')}</th>
                  <th scope="col">{t('training.plans.status')}</th>
                  <th scope="col">{t('training.plan.progress')}</th>
                  <th scope="col">{t('people.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {plans.data!.items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/people/${p.personId}/plan`}>{p.personName}</Link>
                    </td>
                    <td>{t(`training.plan.status.${p.status}`)}</td>
                    <td>
                      {t('training.plans.progress', {
                        trained: formatNumber(p.progress.trained),
                        achieved: formatNumber(p.progress.achieved),
                        items: formatNumber(p.progress.items),
                      })}
                    </td>
                    <td>{formatDate(p.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}
