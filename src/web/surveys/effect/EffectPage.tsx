import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useApiQuery } from '../../api/routes.ts';
import { counted, formatDay, formatNumber } from '../../i18n/index.ts';
import { Loading, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { NotFound } from '../../shell/Pages.tsx';
import { changeText, type Effect, type Figures } from './effect.ts';
import './effect.css';

const EffectChart = lazy(() => import('./EffectChart.tsx'));

/**
 * The effect of a module or programme on confirmed competence under a unit: how much more trained
 * teachers' confirmed level changed than that of comparable teachers not yet trained, with its
 * interval, the counts behind it, the units below, and in words why it is not proof.
 */
export default function EffectPage() {
  const { t } = useTranslation();
  const { moduleId, programmeId } = useParams();
  const [params, setParams] = useSearchParams();
  const query = {
    unitId: params.get('unitId') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    itemId: params.get('itemId') ?? undefined,
  };
  const forModule = useApiQuery(
    'GET /api/evaluation/modules/:moduleId/effect',
    { params: { moduleId: moduleId ?? '' }, query },
    { enabled: moduleId !== undefined },
  );
  const forProgramme = useApiQuery(
    'GET /api/evaluation/programmes/:programmeId/effect',
    { params: { programmeId: programmeId ?? '' }, query },
    { enabled: programmeId !== undefined },
  );
  const effect = moduleId !== undefined ? forModule : forProgramme;
  if (effect.error instanceof ApiError && effect.error.status === 404) return <NotFound />;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      {moduleId && (
        <p>
          <Link to={`/training/modules/${moduleId}`}>{t('effect.back')}</Link>
        </p>
      )}
      <QueryState query={effect}>
        {() => {
          const e = effect.data!;
          return (
            <>
              <h1>
                {t('effect.title')}: <LocalText value={e.training.title} />
              </h1>
              <p>
                {t('effect.intro', {
                  unit: e.unit.name.text,
                  from: formatDay(e.from),
                  to: formatDay(e.to),
                })}
              </p>
              <form className="filters" onSubmit={(ev) => ev.preventDefault()}>
                <label>
                  {t('effect.from')}
                  <input type="date" value={e.from} max={e.to} onChange={(ev) => set('from', ev.target.value)} />
                </label>
                <label>
                  {t('effect.to')}
                  <input type="date" value={e.to} min={e.from} onChange={(ev) => set('to', ev.target.value)} />
                </label>
                <label>
                  {t('effect.competency')}
                  <select value={e.itemId ?? ''} onChange={(ev) => set('itemId', ev.target.value)}>
                    <option value="">{t('effect.allCompetencies')}</option>
                    {e.competencies.map((c) => (
                      <option key={c.itemId} value={c.itemId}>
                        {c.code} {c.title.text}
                      </option>
                    ))}
                  </select>
                </label>
              </form>
              <section className="effect-caution" role="note" aria-labelledby="effect-caution">
                <h2 id="effect-caution">{t('effect.cautionTitle')}</h2>
                {e.cautions.map((c) => (
                  <p key={c}>{t(`effect.caution.${c}`)}</p>
                ))}
              </section>
              <Headline effect={e} figures={e.figures} />
              <h2>{t('effect.changeTitle')}</h2>
              {e.figures.strata.length === 0 ? (
                <p>{t('effect.noTeachers')}</p>
              ) : (
                <>
                  <Suspense fallback={<Loading />}>
                    <EffectChart effect={e} figures={e.figures} />
                  </Suspense>
                  <StrataTable effect={e} figures={e.figures} />
                </>
              )}
              <p className="muted">
                {t('effect.excluded', {
                  trainedBefore: formatNumber(e.excluded.trainedBefore),
                  withoutLevels: formatNumber(e.excluded.withoutLevels),
                })}
              </p>
              <h2>{t('effect.regionsTitle')}</h2>
              <RegionsTable effect={e} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}

function useCount() {
  const { t } = useTranslation();
  return (effect: Effect, n: number | null) =>
    n === null ? t('effect.fewerThan', { n: formatNumber(effect.minimumGroup) }) : t('effect.teachers', counted(n));
}

/** The estimate in words, with its interval, or why it is not shown; and each group's size. */
function Headline({ effect, figures }: { effect: Effect; figures: Figures }) {
  const { t } = useTranslation();
  const count = useCount();
  const e = figures.estimate;
  return (
    <section aria-labelledby="effect-estimate">
      <h2 id="effect-estimate">{t('effect.estimateTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('effect.groups.trained')}</dt>
          <dd data-group="trained">{count(effect, figures.counts.trained)}</dd>
        </div>
        <div>
          <dt>{t('effect.groups.comparison')}</dt>
          <dd data-group="comparison">{count(effect, figures.counts.comparison)}</dd>
        </div>
      </dl>
      {e.value === null || e.low === null || e.high === null ? (
        <p role="status">
          {t(`effect.withheld.${e.withheld ?? 'fewer_than_minimum'}`, { n: formatNumber(effect.minimumGroup) })}
        </p>
      ) : (
        <>
          <p role="status" className="effect-estimate">
            <strong>{t('effect.estimate', { value: changeText(e.value) })}</strong>{' '}
            {t('effect.interval', {
              low: changeText(e.low),
              high: changeText(e.high),
              resamples: formatNumber(effect.resamples),
            })}
          </p>
          <p>
            {e.low > 0 || e.high < 0 ? t('effect.excludesZero') : t('effect.includesZero')}{' '}
            {t('effect.matched', counted(e.matchedTrained ?? 0))}
          </p>
        </>
      )}
    </section>
  );
}

function StrataTable({ effect, figures }: { effect: Effect; figures: Figures }) {
  const { t } = useTranslation();
  const fewer = t('effect.fewerThan', { n: formatNumber(effect.minimumGroup) });
  const levelName = (rank: number) => effect.levels.find((l) => l.rank === rank)?.title?.text ?? t('effect.notYet');
  const cells = (group: 'trained' | 'comparison', cell: Figures['strata'][number]['trained']) => {
    const name = t(`effect.groups.${group}`);
    return (
      <>
        <td data-label={`${name}: ${t('effect.count')}`}>{cell.count === null ? fewer : formatNumber(cell.count)}</td>
        <td data-label={`${name}: ${t('effect.meanChange')}`} data-change={group}>
          {cell.meanChange === null ? (cell.count === 0 ? '—' : fewer) : changeText(cell.meanChange)}
        </td>
      </>
    );
  };
  return (
    <table className="data cards effect-strata">
      <caption>{t('effect.changeCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('effect.startingLevel')}</th>
          <th scope="col">
            {t('effect.groups.trained')}: {t('effect.count')}
          </th>
          <th scope="col">
            {t('effect.groups.trained')}: {t('effect.meanChange')}
          </th>
          <th scope="col">
            {t('effect.groups.comparison')}: {t('effect.count')}
          </th>
          <th scope="col">
            {t('effect.groups.comparison')}: {t('effect.meanChange')}
          </th>
          <th scope="col">{t('effect.inEstimate')}</th>
        </tr>
      </thead>
      <tbody>
        {figures.strata.map((s) => (
          <tr key={s.rank}>
            <th scope="row">{levelName(s.rank)}</th>
            {cells('trained', s.trained)}
            {cells('comparison', s.comparison)}
            <td data-label={t('effect.inEstimate')}>{s.matched ? t('effect.yes') : t('effect.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RegionsTable({ effect }: { effect: Effect }) {
  const { t } = useTranslation();
  const count = useCount();
  if (effect.regions.length === 0) return <p>{t('effect.noRegions')}</p>;
  return (
    <table className="data cards effect-regions">
      <caption>{t('effect.regionsCaption', { unit: effect.unit.name.text })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('effect.unit')}</th>
          <th scope="col">{t('effect.groups.trained')}</th>
          <th scope="col">{t('effect.groups.comparison')}</th>
          <th scope="col">{t('effect.estimateTitle')}</th>
          <th scope="col">{t('effect.intervalTitle')}</th>
        </tr>
      </thead>
      <tbody>
        {effect.regions.map((r) => {
          const e = r.figures.estimate;
          return (
            <tr key={r.unitId}>
              <th scope="row">
                <LocalText value={r.name} />
              </th>
              <td data-label={t('effect.groups.trained')}>{count(effect, r.figures.counts.trained)}</td>
              <td data-label={t('effect.groups.comparison')}>{count(effect, r.figures.counts.comparison)}</td>
              <td data-label={t('effect.estimateTitle')}>
                {e.value === null
                  ? t(`effect.withheldShort.${e.withheld ?? 'fewer_than_minimum'}`)
                  : t('effect.levelsChange', { value: changeText(e.value) })}
              </td>
              <td data-label={t('effect.intervalTitle')}>
                {e.low === null || e.high === null
                  ? '—'
                  : t('effect.intervalShort', { low: changeText(e.low), high: changeText(e.high) })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
