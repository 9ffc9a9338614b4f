import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { UnitHeading } from './UnitHeading.tsx';

/** For planning offerings: how many teachers' plans propose each module, and how many are still unserved. */
export default function DemandPage() {
  const { t } = useTranslation();
  const { unitId } = useParams();
  const canSchedule = useCan('training.manage');
  const demand = useApiQuery('GET /api/units/:unitId/training-demand', { params: { unitId: unitId! } });
  if (demand.error instanceof ApiError && demand.error.status === 404) return <NotFound />;
  if (demand.error instanceof ApiError && demand.error.status === 403) return <NotAllowed />;
  return (
    <>
      <UnitHeading unitId={unitId!} title={t('training.demand.title')} />
      <p className="muted">{t('training.demand.help')}</p>
      <QueryState query={demand}>
        {() =>
          demand.data!.modules.length === 0 ? (
            <p>{t('training.demand.none')}</p>
          ) : (
            <div className="scroll">
              <table className="data demand">
                <caption className="visually-hidden">{t('training.demand.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('training.transcript.training')}</th>
                    <th scope="col">{t('training.demand.proposed')}</th>
                    <th scope="col">{t('training.demand.completed')}</th>
                    <th scope="col">{t('training.demand.enrolled')}</th>
                    <th scope="col">{t('training.demand.remaining')}</th>
                    <th scope="col">{t('training.demand.seats')}</th>
                  </tr>
                </thead>
                <tbody>
                  {demand.data!.modules.map((m) => (
                    <tr key={m.moduleId} className={m.remaining > m.upcomingSeats ? 'unserved' : undefined}>
                      <th scope="row">
                        <Link to={`/training/modules/${m.moduleId}`}>
                          {m.code} <LocalText value={m.title} />
                        </Link>
                        {canSchedule && m.remaining > 0 && (
                          <>
                            {' · '}
                            <Link to={`/offerings/new?moduleId=${m.moduleId}`}>{t('training.demand.schedule')}</Link>
                          </>
                        )}
                      </th>
                      <td>{formatNumber(m.proposed)}</td>
                      <td>{formatNumber(m.completed)}</td>
                      <td>{formatNumber(m.enrolled)}</td>
                      <td>
                        <strong>{formatNumber(m.remaining)}</strong>
                      </td>
                      <td>{formatNumber(m.upcomingSeats)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
