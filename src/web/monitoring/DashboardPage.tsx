import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiInput, routeUrl, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber, formatPercent } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { CompetencyTrend } from './CompetencyTrend.tsx';
import { Heatmap } from './Heatmap.tsx';
import { yearText } from './indicators.ts';
import { MonitoringTabs } from './parts.tsx';
import { TeacherLevels } from './TeacherLevels.tsx';

// The filter as the URL has it; the server answers an unknown value with a fault.
type Sex = NonNullable<NonNullable<ApiInput<'GET /api/dashboards/competencies'>['query']>['sex']>;

/**
 * Where the gap between policy and classroom is: a unit, and each unit below it by competency, as
 * the share of teachers at or above the target level. A row drills down to that unit.
 */
export default function DashboardPage() {
  const { t } = useTranslation();
  const allowed = useCan('reports.read');
  const { unitId } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const basis = params.get('basis') === 'self' ? 'self' : 'confirmed';
  const sex = params.get('sex') ?? '';
  const year = params.get('year') ?? '';
  const trendQuery = { basis, unitId: unitId || undefined, sex: (sex || undefined) as Sex | undefined } as const;
  const version = params.get('version') ?? '';
  const query: ApiInput<'GET /api/dashboards/competencies'>['query'] = {
    ...trendQuery,
    year: year || undefined,
    frameworkId: version || undefined,
  };
  const dashboard = useApiQuery('GET /api/dashboards/competencies', { query }, { enabled: allowed });
  const d = dashboard.data;
  // The versions of the standard shown that were ever in force: a superseded one shows history.
  const frameworks = useApiQuery('GET /api/frameworks', {}, { enabled: allowed });
  const lineage = frameworks.data?.items.find((f) => f.id === d?.frameworkId)?.lineageId;
  const versions = (frameworks.data?.items ?? []).filter(
    (f) => f.lineageId === lineage && (f.status === 'published' || f.status === 'superseded'),
  );
  const heat = useMemo(
    () =>
      d && {
        rows: d.rows.map((r) => r.name.text),
        columns: d.competencies.map((c) => c.code),
        values: d.rows.map((r) => r.cells.map((c) => c.share)),
      },
    [d],
  );
  const drill = useCallback(
    (index: number) => {
      const row = d?.rows[index];
      if (row) navigate(`/dashboard/${row.unitId}?${params}`);
    },
    [d, navigate, params],
  );
  if (!allowed) return <NotAllowed />;
  if (dashboard.error instanceof ApiError && dashboard.error.status === 404) return <NotFound />;

  const percent = (share: number | null) => (share === null ? '—' : formatPercent(Math.round(share * 100)));
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  return (
    <QueryState query={dashboard}>
      {() => (
        <>
          <nav aria-label={t('monitoring.breadcrumb')} className="breadcrumb">
            {d!.ancestors.map((a) => (
              <span key={a.id}>
                <Link to={`/dashboard/${a.id}?${params}`}>
                  <LocalText value={a.name} />
                </Link>
                {' › '}
              </span>
            ))}
          </nav>
          <h1>
            {t('monitoring.title')}: <LocalText value={d!.unit.name} />
          </h1>
          <MonitoringTabs unitId={unitId} />
          <div className="filters">
            <label>
              {t('monitoring.basis')}
              <select value={basis} onChange={(e) => setFilter('basis', e.target.value === 'self' ? 'self' : '')}>
                <option value="confirmed">{t('assessment.confirmed')}</option>
                <option value="self">{t('assessment.selfAssessed')}</option>
              </select>
            </label>
            <label>
              {t('monitoring.indicators.year')}
              <select
                value={String(d!.year)}
                onChange={(e) => setFilter('year', e.target.value === String(d!.years.at(-1)) ? '' : e.target.value)}
              >
                {d!.years.map((y) => (
                  <option key={y} value={y}>
                    {yearText(y)}
                  </option>
                ))}
              </select>
            </label>
            {d!.live && versions.length > 1 && (
              <label>
                {t('frameworks.versions.version')}
                <select
                  value={d!.frameworkId}
                  onChange={(e) =>
                    setFilter(
                      'version',
                      versions.find((v) => v.id === e.target.value)?.status === 'published' ? '' : e.target.value,
                    )
                  }
                >
                  {versions.map((v) => (
                    <option key={v.id} value={v.id}>
                      {t('frameworks.version', { version: v.version })} · {t(`frameworks.status.${v.status}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('monitoring.sex')}
              <select value={sex} onChange={(e) => setFilter('sex', e.target.value)}>
                <option value="">{t('monitoring.allTeachers')}</option>
                <option value="female">{t('people.sexes.female')}</option>
                <option value="male">{t('people.sexes.male')}</option>
              </select>
            </label>
          </div>
          <p className="no-print">
            <a href={routeUrl('GET /api/dashboards/competencies/export.csv', { query })} download>
              {t('monitoring.exportCsv')}
            </a>
            {' · '}
            <a href={routeUrl('GET /api/dashboards/competencies/export.xlsx', { query })} download>
              {t('monitoring.exportXlsx')}
            </a>
          </p>
          <p>
            {t(d!.live ? 'monitoring.shownLive' : 'monitoring.shownRecorded', {
              year: yearText(d!.year),
              version: d!.frameworkVersion,
            })}
          </p>
          <p>
            {t('monitoring.target')} <strong>{<LocalText value={d!.target.title} />}</strong>
            {d!.target.setByUnit ? '' : ` (${t('monitoring.noTargetSet')})`}
          </p>
          {d!.unit.suppressed ? (
            <p className="warning" role="status">
              {t('monitoring.suppressed', { minimum: formatNumber(d!.minimumGroup) })}
            </p>
          ) : (
            <ul className="headline">
              <li>
                <strong>{formatNumber(d!.unit.teachers!)}</strong> {t('monitoring.teachers')}
              </li>
              <li>
                <strong>{formatNumber(d!.unit.assessed!)}</strong> {t('monitoring.assessed')}
              </li>
              <li>
                <strong>{percent(d!.unit.meanShare)}</strong> {t('monitoring.meanAtTarget')}
              </li>
            </ul>
          )}
          {d!.rows.length > 0 && heat && (
            <>
              <h2>{t('monitoring.byUnit')}</h2>
              <Heatmap label={t('monitoring.heatmapLabel')} {...heat} minimum={d!.minimumGroup} onRow={drill} />
              <div className="scroll">
                <table className="dashboard">
                  <caption>{t('monitoring.tableCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.unit')}</th>
                      <th scope="col">{t('monitoring.teachers')}</th>
                      <th scope="col">{t('monitoring.mean')}</th>
                      {d!.competencies.map((c) => (
                        <th key={c.itemId} scope="col" title={c.title.text}>
                          {c.code}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d!.rows.map((r) => (
                      <tr key={r.unitId}>
                        <th scope="row">
                          <Link to={`/dashboard/${r.unitId}?${params}`}>
                            <LocalText value={r.name} />
                          </Link>
                        </th>
                        {r.suppressed ? (
                          <td className="suppressed" colSpan={d!.competencies.length + 2}>
                            {t('monitoring.tooFew')}
                          </td>
                        ) : (
                          <>
                            <td>{formatNumber(r.teachers!)}</td>
                            <td>{percent(r.meanShare)}</td>
                            {r.cells.map((c) => (
                              <td key={c.itemId}>{percent(c.share)}</td>
                            ))}
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {d!.years.length > 1 && <CompetencyTrend query={trendQuery} unitName={d!.unit.name.text} />}
          {!d!.unit.hasChildren && d!.live && <TeacherLevels dashboard={d!} />}
          <h2>{t('monitoring.competencies')}</h2>
          <ul className="plain">
            {d!.competencies.map((c, i) => (
              <li key={c.itemId}>
                <strong>{c.code}</strong> <LocalText value={c.title} /> —{' '}
                {d!.unit.suppressed ? '—' : percent(d!.unit.cells[i]!.share)}
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryState>
  );
}
