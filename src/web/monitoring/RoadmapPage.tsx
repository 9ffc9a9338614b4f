import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiInput, type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { type Factor, figureText, yearText } from './indicators.ts';
import { MonitoringError } from './parts.tsx';

type Row = { key: number; year: string; value: string };

/**
 * The roadmap of one indicator at one unit: its baseline and yearly targets, beside the targets that
 * apply to it from units above where it sets none of its own.
 */
export default function RoadmapPage() {
  const { t } = useTranslation();
  const allowed = useCan('targets.write');
  const { unitId, indicatorId } = useParams();
  // The dashboard names the unit and the indicator (the same request the dashboard page makes).
  const dashboard = useApiQuery('GET /api/dashboards/indicators', { query: { unitId } }, { enabled: allowed });
  const roadmap = useApiQuery(
    'GET /api/indicators/:id/targets',
    { params: { id: indicatorId! }, query: { unitId: unitId! } },
    { enabled: allowed },
  );
  if (!allowed) return <NotAllowed />;
  for (const q of [dashboard, roadmap]) if (q.error instanceof ApiError && q.error.status === 404) return <NotFound />;
  const figures = dashboard.data?.indicators.find((f) => f.indicator.id === indicatorId);
  if (dashboard.data && !figures) return <NotFound />;

  return (
    <QueryState
      query={{ isPending: dashboard.isPending || roadmap.isPending, error: dashboard.error ?? roadmap.error }}
    >
      {() => {
        const d = dashboard.data!;
        const indicator = figures!.indicator;
        return (
          <>
            <p className="no-print">
              <Link to={`/indicators/${unitId}`}>{t('monitoring.roadmap.back')}</Link>
            </p>
            <h1>
              {t('monitoring.roadmap.title')}: <LocalText value={indicator.name} />
            </h1>
            <p>
              <strong>{indicator.code}</strong> · <LocalText value={d.unit.name} />
            </p>
            <Effective roadmap={roadmap.data!} unitId={unitId!} factor={indicator.factor} />
            <RoadmapForm
              key={`${indicatorId}-${unitId}`}
              roadmap={roadmap.data!}
              indicatorId={indicatorId!}
              unitId={unitId!}
              factor={indicator.factor}
            />
          </>
        );
      }}
    </QueryState>
  );
}

function Effective({
  roadmap,
  unitId,
  factor,
}: {
  roadmap: ApiResponse<'GET /api/indicators/:id/targets'>;
  unitId: string;
  factor: Factor;
}) {
  const { t } = useTranslation();
  if (roadmap.effective.length === 0) return <p className="muted">{t('monitoring.roadmap.noneApply')}</p>;
  return (
    <div className="scroll">
      <table className="roadmap compact">
        <caption>{t('monitoring.roadmap.effectiveCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.indicators.year')}</th>
            <th scope="col">{t('monitoring.indicators.target')}</th>
            <th scope="col">{t('monitoring.roadmap.setBy')}</th>
          </tr>
        </thead>
        <tbody>
          {roadmap.effective.map((e) => (
            <tr key={e.year}>
              <th scope="row">{yearText(e.year)}</th>
              <td data-label={t('monitoring.indicators.target')}>{figureText(t, e.value, factor)}</td>
              <td data-label={t('monitoring.roadmap.setBy')}>
                {e.setBy.unitId === unitId ? (
                  t('monitoring.indicators.setHere')
                ) : (
                  <>
                    {t('monitoring.indicators.inheritedFrom')} <LocalText value={e.setBy.name} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

let nextKey = 0;

function RoadmapForm({
  roadmap,
  indicatorId,
  unitId,
  factor,
}: {
  roadmap: ApiResponse<'GET /api/indicators/:id/targets'>;
  indicatorId: string;
  unitId: string;
  factor: Factor;
}) {
  const { t } = useTranslation();
  const write = useAct([
    queryKey('GET /api/indicators/:id/targets', { params: { id: indicatorId } }),
    queryKey('GET /api/dashboards/indicators'),
    queryKey('GET /api/logframe'),
  ]);
  const [hasBaseline, setHasBaseline] = useState(roadmap.baseline !== null);
  const [baseline, setBaseline] = useState({
    year: String(roadmap.baseline?.year ?? new Date().getFullYear() - 1),
    value: String(roadmap.baseline?.value ?? ''),
  });
  const [rows, setRows] = useState<Row[]>(
    roadmap.targets.map((r) => ({ key: nextKey++, year: String(r.year), value: String(r.value) })),
  );
  const [saved, setSaved] = useState(false);
  const unit = t(`monitoring.roadmap.unitOf.${factor}`);
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body: ApiInput<'PUT /api/indicators/:id/targets'>['body'] = {
      unitId,
      baseline: hasBaseline ? { year: Number(baseline.year), value: Number(baseline.value) } : null,
      targets: rows.map((r) => ({ year: Number(r.year), value: Number(r.value) })).sort((a, b) => a.year - b.year),
    };
    const ok = await write.act(() => call('PUT /api/indicators/:id/targets', { params: { id: indicatorId }, body }));
    if (ok) setSaved(true);
  }

  const nextYear = () => {
    const years = rows.map((r) => Number(r.year)).filter(Number.isFinite);
    return String(years.length ? Math.max(...years) + 1 : new Date().getFullYear());
  };

  return (
    <section className="panel" aria-labelledby="roadmap-form">
      <h2 id="roadmap-form">{t('monitoring.roadmap.ownTitle')}</h2>
      <p className="muted">{t('monitoring.roadmap.help')}</p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>{t('monitoring.roadmap.baseline')}</legend>
          <label className="choice">
            <input type="checkbox" checked={hasBaseline} onChange={(e) => setHasBaseline(e.target.checked)} />
            {t('monitoring.roadmap.hasBaseline')}
          </label>
          {hasBaseline && (
            <div className="inline">
              <label>
                {t('monitoring.indicators.year')}
                <input
                  type="number"
                  min={2000}
                  max={2100}
                  inputMode="numeric"
                  value={baseline.year}
                  onChange={(e) => setBaseline({ ...baseline, year: e.target.value })}
                  required
                />
              </label>
              <label>
                {t('monitoring.roadmap.value', { unit })}
                <input
                  type="number"
                  min={0}
                  step="any"
                  inputMode="decimal"
                  value={baseline.value}
                  onChange={(e) => setBaseline({ ...baseline, value: e.target.value })}
                  required
                />
              </label>
            </div>
          )}
        </fieldset>
        <div className="scroll">
          <table className="roadmap compact">
            <caption>{t('monitoring.roadmap.targetsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('monitoring.indicators.year')}</th>
                <th scope="col">{t('monitoring.roadmap.value', { unit })}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('monitoring.manage.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    {t('monitoring.roadmap.noOwnTargets')}
                  </td>
                </tr>
              )}
              {rows.map((r, i) => (
                <tr key={r.key}>
                  <td>
                    <input
                      type="number"
                      min={2000}
                      max={2100}
                      inputMode="numeric"
                      aria-label={t('monitoring.roadmap.yearOfRow', { row: formatNumber(i + 1) })}
                      value={r.year}
                      onChange={(e) => update(r.key, { year: e.target.value })}
                      required
                    />
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      step="any"
                      inputMode="decimal"
                      aria-label={t('monitoring.roadmap.valueOfRow', { row: formatNumber(i + 1) })}
                      value={r.value}
                      onChange={(e) => update(r.key, { value: e.target.value })}
                      required
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
                    >
                      {t('monitoring.roadmap.remove', { year: r.year })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="inline">
          <button
            type="button"
            className="secondary"
            onClick={() => setRows((rs) => [...rs, { key: nextKey++, year: nextYear(), value: '' }])}
          >
            {t('monitoring.roadmap.addYear')}
          </button>
          <button type="submit" disabled={write.busy}>
            {t('monitoring.roadmap.save')}
          </button>
        </div>
        {saved && (
          <p className="success" role="status">
            {t('monitoring.roadmap.saved')}
          </p>
        )}
        <MonitoringError
          error={write.failure}
          fields={{ baseline: t('monitoring.roadmap.baseline'), targets: t('monitoring.roadmap.targetsCaption') }}
        />
      </form>
    </section>
  );
}
