import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ApiResponse, useApiQuery } from '../api/routes.ts';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { CascadeRegions, CascadeTotals } from '../training/CascadeFigures.tsx';
import { figureText, shareText } from './indicators.ts';
import { StatusBadge } from './parts.tsx';

/**
 * Training coverage and cascade reach under a unit: the indicators that count trained teachers, and
 * how far the cascade (master trainers > trainers > teachers) has reached, as counts and as a share
 * of the unit's teachers.
 */
export function CascadePanel({
  unitId,
  training,
  minimum,
}: {
  unitId: string;
  training: ApiResponse<'GET /api/dashboards/indicators'>['indicators'];
  minimum: number;
}) {
  const { t } = useTranslation();
  const cascade = useApiQuery('GET /api/units/:unitId/training-cascade', { params: { unitId } });
  const unit = useApiQuery('GET /api/org-units/:unitId', { params: { unitId } });
  const teachers = unit.data?.teachersUnder ?? null;

  return (
    <section aria-labelledby="coverage-heading" className="coverage-panel">
      <h2 id="coverage-heading">{t('monitoring.coverage.title')}</h2>
      {training.length > 0 && (
        <ul className="plain">
          {training.map((f) => (
            <li key={f.indicator.id}>
              <strong>{figureText(t, f.current.value, f.indicator.factor)}</strong>{' '}
              <LocalText value={f.indicator.name} /> <StatusBadge status={f.status} minimum={minimum} />
            </li>
          ))}
        </ul>
      )}
      <QueryState query={cascade}>
        {() => {
          const c = cascade.data!;
          const reach =
            teachers === null
              ? null
              : teachers < minimum
                ? t('monitoring.status.suppressed', { minimum: formatNumber(minimum) })
                : shareText(Math.min(1, c.totals.teachersReached / teachers));
          return (
            <>
              <CascadeTotals
                totals={c.totals}
                more={
                  reach !== null && (
                    <div>
                      <dt>{t('monitoring.coverage.reachShare')}</dt>
                      <dd>{reach}</dd>
                    </div>
                  )
                }
              />
              {c.regions.length > 0 && (
                <div className="scroll">
                  <CascadeRegions
                    regions={c.regions}
                    caption={t('monitoring.coverage.byRegion')}
                    className="figures compact"
                  />
                </div>
              )}
              <p className="no-print">
                <Link to={`/org/${unitId}/training-cascade`}>{t('monitoring.coverage.more')}</Link>
              </p>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
