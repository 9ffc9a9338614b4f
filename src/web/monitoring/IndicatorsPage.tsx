import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiInput, type ApiResponse, routeUrl, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber } from '../i18n/index.ts';
import { Loading, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { CascadePanel } from './CascadePanel.tsx';
import { figureText, type Resolved, yearChoices, yearText } from './indicators.ts';
import { MonitoringTabs, StatusBadge } from './parts.tsx';

const ProgressChart = lazy(() => import('./ProgressChart.tsx'));
const ComparisonChart = lazy(() => import('./ComparisonChart.tsx'));

type IndicatorDashboard = ApiResponse<'GET /api/dashboards/indicators'>;
type IndicatorFigures = IndicatorDashboard['indicators'][number];
// The filter as the URL has it; the server answers an unknown value with a fault.
type Sex = NonNullable<NonNullable<ApiInput<'GET /api/dashboards/indicators'>['query']>['sex']>;

/**
 * Where a unit stands on the roadmap: each indicator's figure against the year's target, the
 * progress line, the units below (each a drill-down), breakdowns, and the reports to take away.
 */
export default function IndicatorsPage() {
  const { t } = useTranslation();
  const allowed = useCan('reports.read');
  const { unitId } = useParams();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ?? '';
  const sex = params.get('sex') ?? '';
  const query: ApiInput<'GET /api/dashboards/indicators'>['query'] = {
    unitId: unitId || undefined,
    year: year || undefined,
    sex: (sex || undefined) as Sex | undefined,
  };
  const dashboard = useApiQuery('GET /api/dashboards/indicators', { query }, { enabled: allowed });
  if (!allowed) return <NotAllowed />;
  if (dashboard.error instanceof ApiError && dashboard.error.status === 404) return <NotFound />;

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };

  return (
    <QueryState query={dashboard}>
      {() => {
        const d = dashboard.data!;
        const years = yearChoices(
          d.indicators.flatMap((f) => f.timeline.map((p) => p.year)),
          d.year,
        );
        const training = d.indicators.filter((f) => f.indicator.numerator.fact === 'trained');
        return (
          <>
            <nav aria-label={t('monitoring.breadcrumb')} className="breadcrumb">
              <ol>
                {d.ancestors.map((a) => (
                  <li key={a.id}>
                    <Link to={`/indicators/${a.id}?${params}`}>
                      <LocalText value={a.name} />
                    </Link>
                  </li>
                ))}
                <li aria-current="page">
                  <LocalText value={d.unit.name} />
                </li>
              </ol>
            </nav>
            <h1>
              {t('monitoring.indicators.title')}: <LocalText value={d.unit.name} />
            </h1>
            <MonitoringTabs unitId={unitId} />
            <div className="filters no-print">
              <label>
                {t('monitoring.indicators.year')}
                <select value={String(d.year)} onChange={(e) => setFilter('year', e.target.value)}>
                  {years.map((y) => (
                    <option key={y} value={y}>
                      {yearText(y)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('monitoring.sex')}
                <select value={sex} onChange={(e) => setFilter('sex', e.target.value)}>
                  <option value="">{t('monitoring.allTeachers')}</option>
                  <option value="female">{t('people.sexes.female')}</option>
                  <option value="male">{t('people.sexes.male')}</option>
                </select>
              </label>
            </div>
            <p>
              {t('monitoring.indicators.yearShown', { year: yearText(d.year) })}
              {d.sex ? ` · ${t(`people.sexes.${d.sex}`)}` : ''}
            </p>
            <p className="downloads no-print">
              <a href={routeUrl('GET /api/dashboards/indicators/export.csv', { query })} download>
                {t('monitoring.indicators.exportCsv')}
              </a>
              <a href={routeUrl('GET /api/dashboards/indicators/export.xlsx', { query })} download>
                {t('monitoring.indicators.exportXlsx')}
              </a>
              <a
                href={routeUrl('GET /api/reports/unit.pdf', { query: { unitId: d.unit.id, year: d.year } })}
                download
                className="button-link"
              >
                {t('monitoring.indicators.reportPdf', { year: yearText(d.year) })}
              </a>
            </p>
            {d.indicators.length === 0 ? (
              <p className="muted">{t('monitoring.indicators.none')}</p>
            ) : (
              <>
                <h2>{t('monitoring.indicators.headline', { year: yearText(d.year) })}</h2>
                <ul className="indicator-cards">
                  {d.indicators.map((f) => (
                    <IndicatorCard key={f.indicator.id} figures={f} unitId={d.unit.id} minimum={d.minimumGroup} />
                  ))}
                </ul>
                <ChildUnits dashboard={d} params={params} />
                <h2>{t('monitoring.indicators.details')}</h2>
                {d.indicators.map((f) => (
                  <IndicatorDetail key={f.indicator.id} figures={f} minimum={d.minimumGroup} />
                ))}
              </>
            )}
            <CascadePanel unitId={d.unit.id} training={training} minimum={d.minimumGroup} />
          </>
        );
      }}
    </QueryState>
  );
}

function IndicatorCard({
  figures: f,
  unitId,
  minimum,
}: {
  figures: IndicatorFigures;
  unitId: string;
  minimum: number;
}) {
  const { t } = useTranslation();
  const canSetTargets = useCan('targets.write');
  const factor = f.indicator.factor;
  return (
    <li className="indicator-card">
      <h3>
        <LocalText value={f.indicator.name} /> <span className="code">{f.indicator.code}</span>
      </h3>
      <p className="value">
        {f.current.suppressed ? (
          <span className="muted">{t('monitoring.status.suppressed', { minimum: formatNumber(minimum) })}</span>
        ) : (
          figureText(t, f.current.value, factor)
        )}
      </p>
      <p>
        <StatusBadge status={f.status} minimum={minimum} />
      </p>
      {f.target ? (
        <p>
          {t('monitoring.indicators.targetFor', {
            year: yearText(f.target.year),
            value: figureText(t, f.target.value, factor),
          })}{' '}
          <span className="muted">
            {f.target.setBy.unitId === unitId ? (
              t('monitoring.indicators.setHere')
            ) : (
              <>
                {t('monitoring.indicators.inheritedFrom')} <LocalText value={f.target.setBy.name} />
              </>
            )}
          </span>
        </p>
      ) : (
        <p className="muted">{t('monitoring.indicators.noTarget')}</p>
      )}
      {f.baseline && (
        <p className="muted">
          {t('monitoring.indicators.baseline', {
            year: yearText(f.baseline.year),
            value: figureText(t, f.baseline.value, factor),
          })}
        </p>
      )}
      <p className="no-print">
        <a href={`#indicator-${f.indicator.id}`}>{t('monitoring.indicators.seeDetails')}</a>
        {canSetTargets && (
          <>
            {' · '}
            <Link to={`/indicators/${unitId}/roadmap/${f.indicator.id}`}>{t('monitoring.indicators.roadmap')}</Link>
          </>
        )}
      </p>
    </li>
  );
}

/** Sibling comparison: every unit directly below, with each indicator's figure and status. */
function ChildUnits({ dashboard: d, params }: { dashboard: IndicatorDashboard; params: URLSearchParams }) {
  const { t } = useTranslation();
  const units = useMemo(() => {
    const seen = new Map<string, Resolved>();
    for (const f of d.indicators) for (const c of f.children) if (!seen.has(c.unitId)) seen.set(c.unitId, c.name);
    return [...seen];
  }, [d]);
  const cells = useMemo(() => d.indicators.map((f) => new Map(f.children.map((c) => [c.unitId, c] as const))), [d]);
  const [chosen, setChosen] = useState(0);
  const shown = d.indicators[chosen] ?? d.indicators[0]!;
  const chart = useMemo(
    () => ({
      units: units.map(([, name]) => name.text),
      values: units.map(([id]) => {
        const c = cells[d.indicators.indexOf(shown)]!.get(id);
        return c && !c.figure.suppressed ? c.figure.value : null;
      }),
      target: shown.target
        ? { value: shown.target.value, name: t('monitoring.indicators.targetLine', { unit: d.unit.name.text }) }
        : null,
    }),
    [units, cells, d, shown, t],
  );
  const format = useMemo(() => (v: number) => figureText(t, v, shown.indicator.factor), [t, shown]);
  if (units.length === 0) return null;
  return (
    <>
      <h2>{t('monitoring.indicators.byUnit')}</h2>
      <label className="no-print compare-choice">
        {t('monitoring.indicators.compare')}
        <select value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
          {d.indicators.map((f, i) => (
            <option key={f.indicator.id} value={i}>
              {f.indicator.code} {f.indicator.name.text}
            </option>
          ))}
        </select>
      </label>
      <Suspense fallback={<Loading />}>
        <ComparisonChart
          label={t('monitoring.indicators.compareLabel', { name: shown.indicator.name.text })}
          units={chart.units}
          values={chart.values}
          target={chart.target}
          format={format}
        />
      </Suspense>
      <div className="scroll">
        <table className="figures">
          <caption>{t('monitoring.indicators.byUnitCaption', { year: yearText(d.year) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('monitoring.unit')}</th>
              {d.indicators.map((f) => (
                <th key={f.indicator.id} scope="col" title={f.indicator.name.text}>
                  {f.indicator.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {units.map(([id, name]) => (
              <tr key={id}>
                <th scope="row">
                  <Link to={`/indicators/${id}?${params}`}>
                    <LocalText value={name} />
                  </Link>
                </th>
                {d.indicators.map((f, i) => {
                  const c = cells[i]!.get(id);
                  return (
                    <td data-label={f.indicator.code} key={f.indicator.id}>
                      {c ? (
                        <>
                          {c.figure.suppressed ? '' : figureText(t, c.figure.value, f.indicator.factor)}{' '}
                          <StatusBadge status={c.status} minimum={d.minimumGroup} />
                          {c.target && (
                            <span className="muted cell-target">
                              {' '}
                              {t('monitoring.indicators.targetFor', {
                                year: yearText(c.target.year),
                                value: figureText(t, c.target.value, f.indicator.factor),
                              })}
                            </span>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {d.indicators.map((f, i) => (
          <span key={f.indicator.id}>
            {i > 0 && ' · '}
            <strong>{f.indicator.code}</strong> <LocalText value={f.indicator.name} />
          </span>
        ))}
      </p>
    </>
  );
}

/** One indicator: its definition, progress line against the roadmap, and breakdowns. */
function IndicatorDetail({ figures: f, minimum }: { figures: IndicatorFigures; minimum: number }) {
  const { t } = useTranslation();
  const factor = f.indicator.factor;
  const chart = useMemo(
    () => ({
      years: f.timeline.map((p) => yearText(p.year)),
      actual: f.timeline.map((p) => p.actual),
      target: f.timeline.map((p) => p.target),
    }),
    [f],
  );
  const names = useMemo(
    () => ({ actual: t('monitoring.indicators.actual'), target: t('monitoring.indicators.target') }),
    [t],
  );
  const format = useMemo(() => (v: number) => figureText(t, v, factor), [t, factor]);
  const headingId = `indicator-${f.indicator.id}`;
  // An indicator not broken down a way has no groups that way.
  const breakdowns = f.breakdowns.filter((b) => b.groups.length > 0);
  return (
    <section className="indicator-detail" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        <LocalText value={f.indicator.name} /> <span className="muted">({f.indicator.code})</span>
      </h3>
      <p>
        <LocalText value={f.indicator.definition} />
      </p>
      {f.timeline.some((p) => p.actual !== null || p.target !== null) && (
        <Suspense fallback={<Loading />}>
          <ProgressChart
            label={t('monitoring.indicators.chartLabel', { name: f.indicator.name.text })}
            years={chart.years}
            actual={chart.actual}
            target={chart.target}
            names={names}
            format={format}
          />
        </Suspense>
      )}
      {f.timeline.length > 0 && (
        <div className="scroll">
          <table className="figures">
            <caption>{t('monitoring.indicators.timelineCaption', { name: f.indicator.name.text })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.indicators.year')}</th>
                <th scope="col">{t('monitoring.indicators.actual')}</th>
                <th scope="col">{t('monitoring.indicators.target')}</th>
                <th scope="col">{t('monitoring.indicators.source')}</th>
              </tr>
            </thead>
            <tbody>
              {f.timeline.map((p) => (
                <tr key={p.year}>
                  <th scope="row">{chart.years[f.timeline.indexOf(p)]}</th>
                  <td data-label={t('monitoring.indicators.actual')}>{figureText(t, p.actual, factor)}</td>
                  <td data-label={t('monitoring.indicators.target')}>{figureText(t, p.target, factor)}</td>
                  <td data-label={t('monitoring.indicators.source')}>
                    {t(`monitoring.indicators.sources.${p.source}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {breakdowns.length > 0 && (
        <div className="breakdowns">
          {breakdowns.map((b) => (
            <table key={b.by} className="figures compact">
              <caption>{t(`monitoring.indicators.by.${b.by}`)}</caption>
              <tbody>
                {b.groups.map((g) => (
                  <tr key={g.key}>
                    <th scope="row">{groupName(t, b.by, g.key)}</th>
                    <td>
                      {g.figure.suppressed
                        ? t('monitoring.status.suppressed', { minimum: formatNumber(minimum) })
                        : figureText(t, g.figure.value, factor)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      )}
      <p className="muted">
        {t('monitoring.indicators.meansOfVerification')} <LocalText value={f.indicator.meansOfVerification} />
      </p>
    </section>
  );
}

function groupName(t: (key: string, options?: Record<string, unknown>) => string, by: string, key: string): string {
  if (by === 'sex') return t(`people.sexes.${key}`, { defaultValue: t('monitoring.indicators.groups.unknown') });
  if (by === 'locality')
    return t(`monitoring.indicators.groups.${key}`, { defaultValue: t('monitoring.indicators.groups.unknown') });
  return t(`org.type.${key}`, { defaultValue: t(`monitoring.indicators.groups.${key}`, { defaultValue: key }) });
}
