import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { counted, formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { useStandard } from '../training/standard.ts';
import { MINIMUM_GROUP, shareText } from './indicators.ts';
import { MonitoringTabs } from './parts.tsx';

type AlignedGoal = ApiResponse<'GET /api/dashboards/alignment'>['goals'][number];

/**
 * From policy to classroom: each goal of the master plan, the competencies that serve it, and how
 * many teachers under the unit stand at or above the target level in each. Goals no competency
 * serves are marked in words and by their frame.
 */
export default function AlignmentPage() {
  const { t } = useTranslation();
  const allowed = useCan('reports.read');
  const { unitId } = useParams();
  const standard = useStandard();
  const alignment = useApiQuery(
    'GET /api/dashboards/alignment',
    { query: { unitId: unitId || undefined, frameworkId: standard.frameworkId || undefined } },
    { enabled: allowed && !!standard.frameworkId },
  );
  if (!allowed) return <NotAllowed />;
  if (alignment.error instanceof ApiError && alignment.error.status === 404) return <NotFound />;

  return (
    <>
      <h1>
        {t('monitoring.alignment.title')}
        {alignment.data && (
          <>
            : <LocalText value={alignment.data.unit.name} />
          </>
        )}
      </h1>
      <MonitoringTabs unitId={unitId} />
      <QueryState query={alignment}>
        {() => {
          const a = alignment.data!;
          const unservedIds = new Set(a.unservedGoals.map((g) => g.id));
          const goals: AlignedGoal[] = [
            ...a.goals,
            ...a.unservedGoals
              .filter((g) => !a.goals.some((x) => x.id === g.id))
              .map((g) => ({ ...g, competencies: [] })),
          ];
          const unserved = (g: AlignedGoal) => unservedIds.has(g.id) || g.competencies.length === 0;
          const count = goals.filter(unserved).length;
          if (goals.length === 0) return <p className="muted">{t('monitoring.alignment.noGoals')}</p>;
          return (
            <>
              <p className={count ? 'warning' : 'success'} role="status">
                {t('monitoring.alignment.summary', { ...counted(count), total: formatNumber(goals.length) })}
              </p>
              <p>
                {t('monitoring.target')} <strong>{<LocalText value={a.target.title} />}</strong>
              </p>
              <p className="muted">{t('monitoring.alignment.explain', { minimum: formatNumber(MINIMUM_GROUP) })}</p>
              {goals.map((g) => (
                <section key={g.id} className={unserved(g) ? 'goal unserved' : 'goal'} aria-labelledby={`goal-${g.id}`}>
                  <h2 id={`goal-${g.id}`}>
                    <strong>{g.code}</strong> <LocalText value={g.title} />
                  </h2>
                  {unserved(g) ? (
                    <p>
                      <span className="tag tag-missing">{t('monitoring.alignment.unserved')}</span>
                    </p>
                  ) : (
                    <ul className="attainment" aria-label={t('monitoring.alignment.listLabel', { code: g.code })}>
                      {g.competencies.map((c) => (
                        <li key={c.itemId}>
                          <span>
                            <strong>{c.code}</strong> <LocalText value={c.title} />
                          </span>
                          <span className="bar" aria-hidden="true">
                            <span style={{ width: `${Math.round((c.share ?? 0) * 100)}%` }} />
                          </span>
                          <span className="share">
                            {c.share === null
                              ? t('monitoring.status.suppressed', { minimum: formatNumber(MINIMUM_GROUP) })
                              : shareText(c.share)}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              ))}
            </>
          );
        }}
      </QueryState>
    </>
  );
}
