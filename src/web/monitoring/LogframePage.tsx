import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { figureText, MINIMUM_GROUP, yearChoices, yearText } from './indicators.ts';
import { MonitoringError, MonitoringTabs, StatusBadge } from './parts.tsx';

type Objective = ApiResponse<'GET /api/logframe'>['objectives'][number];
const LEVELS = ['goal', 'outcome', 'output'] as const;

/** Objectives in reading order: each goal, then its outcomes, each followed by its outputs. */
function inTreeOrder(objectives: Objective[]): { objective: Objective; depth: number }[] {
  const ids = new Set(objectives.map((o) => o.id));
  const children = new Map<string | null, Objective[]>();
  for (const o of objectives) {
    const parent = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const out: { objective: Objective; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const o of children.get(parent) ?? []) {
      out.push({ objective: o, depth });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The logical framework for end-of-project evaluation: objectives, their indicators, baseline, target and actual. */
export default function LogframePage() {
  const { t } = useTranslation();
  const allowed = useCan('reports.read');
  const canWrite = useCan('indicators.write');
  const { unitId } = useParams();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ?? '';
  const logframe = useApiQuery(
    'GET /api/logframe',
    { query: { unitId: unitId || undefined, year: year || undefined } },
    { enabled: allowed },
  );
  if (!allowed) return <NotAllowed />;
  if (logframe.error instanceof ApiError && logframe.error.status === 404) return <NotFound />;

  return (
    <QueryState query={logframe}>
      {() => {
        const l = logframe.data!;
        const rows = inTreeOrder(l.objectives);
        return (
          <>
            <h1>
              {t('monitoring.logframe.title')}: <LocalText value={l.unit.name} />
            </h1>
            <MonitoringTabs unitId={unitId} />
            <div className="filters no-print">
              <label>
                {t('monitoring.indicators.year')}
                <select
                  value={String(l.year)}
                  onChange={(e) => {
                    const next = new URLSearchParams(params);
                    next.set('year', e.target.value);
                    setParams(next);
                  }}
                >
                  {yearChoices([], l.year).map((y) => (
                    <option key={y} value={y}>
                      {yearText(y)}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {rows.length === 0 ? (
              <p className="muted">{t('monitoring.logframe.none')}</p>
            ) : (
              <div className="scroll">
                <table className="logframe cards">
                  <caption>{t('monitoring.logframe.caption', { year: yearText(l.year) })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.logframe.indicator')}</th>
                      <th scope="col">{t('monitoring.logframe.baseline')}</th>
                      <th scope="col">{t('monitoring.logframe.target')}</th>
                      <th scope="col">{t('monitoring.logframe.actual')}</th>
                      <th scope="col">{t('monitoring.logframe.status')}</th>
                      <th scope="col">{t('monitoring.logframe.verification')}</th>
                    </tr>
                  </thead>
                  {rows.map(({ objective: o, depth }) => (
                    <tbody key={o.id}>
                      <tr>
                        <th scope="rowgroup" colSpan={6} className={`depth-${Math.min(depth, 2)}`}>
                          <span className="level">{t(`monitoring.logframe.levels.${o.level}`)}</span>
                          <LocalText value={o.title} />
                        </th>
                      </tr>
                      {o.indicators.length === 0 ? (
                        <tr>
                          <td colSpan={6} className="muted">
                            {t('monitoring.logframe.noIndicators')}
                          </td>
                        </tr>
                      ) : (
                        o.indicators.map((i) => (
                          <tr key={i.indicatorId}>
                            <th scope="row">
                              <strong>{i.code}</strong> <LocalText value={i.name} />
                            </th>
                            <td data-label={t('monitoring.logframe.baseline')}>
                              {i.baseline
                                ? t('monitoring.logframe.inYear', {
                                    value: figureText(t, i.baseline.value, i.factor),
                                    year: yearText(i.baseline.year),
                                  })
                                : '—'}
                            </td>
                            <td data-label={t('monitoring.logframe.target')}>
                              {i.target
                                ? t('monitoring.logframe.inYear', {
                                    value: figureText(t, i.target.value, i.factor),
                                    year: yearText(i.target.year),
                                  })
                                : '—'}
                            </td>
                            <td data-label={t('monitoring.logframe.actual')}>{figureText(t, i.actual, i.factor)}</td>
                            <td data-label={t('monitoring.logframe.status')}>
                              <StatusBadge status={i.status} minimum={MINIMUM_GROUP} />
                            </td>
                            <td data-label={t('monitoring.logframe.verification')}>
                              <LocalText value={i.meansOfVerification} />
                            </td>
                          </tr>
                        ))
                      )}
                    </tbody>
                  ))}
                </table>
              </div>
            )}
            {canWrite && <AddObjective objectives={rows} />}
          </>
        );
      }}
    </QueryState>
  );
}

function AddObjective({ objectives }: { objectives: { objective: Objective; depth: number }[] }) {
  const { t, i18n } = useTranslation();
  const write = useAct([queryKey('GET /api/logframe')]);
  const [level, setLevel] = useState<(typeof LEVELS)[number]>('goal');
  const [parentId, setParentId] = useState('');
  const [title, setTitle] = useState('');
  const [done, setDone] = useState(false);
  // An outcome serves a goal and an output an outcome: offer the level above as parents.
  const above = level === 'outcome' ? 'goal' : level === 'output' ? 'outcome' : null;
  const parents = objectives.filter(({ objective }) => objective.level === above);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const ok = await write.act(() =>
      call('POST /api/logframe/objectives', {
        body: { level, parentId: above && parentId ? parentId : null, title: { [i18n.language]: title.trim() } },
      }),
    );
    if (ok) {
      setTitle('');
      setDone(true);
    }
  }

  return (
    <section className="panel no-print" aria-labelledby="add-objective">
      <h2 id="add-objective">{t('monitoring.logframe.add')}</h2>
      <form onSubmit={submit}>
        <div className="inline">
          <label>
            {t('monitoring.logframe.level')}
            <select
              value={level}
              onChange={(e) => {
                setLevel(e.target.value as (typeof LEVELS)[number]);
                setParentId('');
              }}
            >
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`monitoring.logframe.levels.${l}`)}
                </option>
              ))}
            </select>
          </label>
          {above && (
            <label>
              {t('monitoring.logframe.parent')}
              <select value={parentId} onChange={(e) => setParentId(e.target.value)} required>
                <option value="">{t('monitoring.logframe.chooseParent')}</option>
                {parents.map(({ objective }) => (
                  <option key={objective.id} value={objective.id}>
                    {objective.title.text}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
        <label>
          {t('monitoring.logframe.objectiveTitle')}
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={2000} />
        </label>
        <button type="submit" disabled={write.busy}>
          {t('monitoring.logframe.save')}
        </button>
        {done && (
          <p className="success" role="status">
            {t('monitoring.logframe.added')}
          </p>
        )}
        <MonitoringError error={write.failure} />
      </form>
    </section>
  );
}
