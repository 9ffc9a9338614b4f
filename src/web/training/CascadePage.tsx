import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { CascadeRegions, CascadeTotals } from './CascadeFigures.tsx';
import { UnitHeading } from './UnitHeading.tsx';

/** The training cascade under a unit: master trainers, the trainers they trained, and teachers reached. */
export default function CascadePage() {
  const { t } = useTranslation();
  const { unitId } = useParams();
  const cascade = useApiQuery('GET /api/units/:unitId/training-cascade', { params: { unitId: unitId! } });
  if (cascade.error instanceof ApiError && cascade.error.status === 404) return <NotFound />;
  if (cascade.error instanceof ApiError && cascade.error.status === 403) return <NotAllowed />;
  return (
    <>
      <UnitHeading unitId={unitId!} title={t('training.cascade.title')} />
      <QueryState query={cascade}>
        {() => {
          const c = cascade.data!;
          return (
            <>
              <CascadeTotals totals={c.totals} />
              <h2>{t('training.cascade.byRegion')}</h2>
              {c.regions.length === 0 ? (
                <p className="muted">{t('training.cascade.none')}</p>
              ) : (
                <CascadeRegions regions={c.regions} className="data" />
              )}
              <h2>{t('training.cascade.masterTrainers')}</h2>
              {c.masterTrainers.length === 0 ? (
                <p className="muted">{t('training.cascade.none')}</p>
              ) : (
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('people.name')}</th>
                      <th scope="col">{t('training.cascade.trainersTrained')}</th>
                      <th scope="col">{t('training.cascade.teachersReached')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.masterTrainers.map((m) => (
                      <tr key={m.personId}>
                        <th scope="row">{m.name}</th>
                        <td>{formatNumber(m.trainersTrained)}</td>
                        <td>{formatNumber(m.teachersReached)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
