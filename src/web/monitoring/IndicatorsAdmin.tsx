import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiInput, type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import type { FactSpec } from '../api/types.ts';
import { useCan, useMe } from '../auth/session.tsx';
import { counted, formatNumber, LANGUAGES, languageName } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { type FactChoices, FactPicker, factText, useFactChoices } from './FactPicker.tsx';
import { DISAGGREGATIONS, editableCopy, FACTORS, type Factor, yearText } from './indicators.ts';
import { MonitoringError, MonitoringTabs } from './parts.tsx';

type Draft = ReturnType<typeof editableCopy>;
type TextField = 'name' | 'definition' | 'meansOfVerification';

const EMPTY: Draft = {
  code: '',
  name: {},
  definition: {},
  meansOfVerification: {},
  numerator: { fact: 'self_assessed' },
  denominator: { fact: 'teachers' },
  factor: 'percent',
  disaggregations: ['sex', 'org_level'],
  legend: { onTrack: 0.95, atRisk: 0.8 },
  objectiveId: null,
};

/** The indicators a ministry measures the reform by: list, create and edit, and a way to each one's roadmap. */
export default function IndicatorsAdmin() {
  const { t } = useTranslation();
  const allowed = useCan('indicators.write');
  const me = useMe();
  const [editing, setEditing] = useState<{ id: string | null; draft: Draft } | null>(null);
  const indicators = useApiQuery('GET /api/indicators', {}, { enabled: allowed });
  const logframe = useApiQuery('GET /api/logframe', {}, { enabled: allowed });
  const choices = useFactChoices();
  if (!allowed) return <NotAllowed />;
  // The roadmap a ministry sets is its own unit's: the top of its scope.
  const top = [...me.grants].sort((a, b) => a.orgUnitPath.length - b.orgUnitPath.length)[0]?.orgUnitId;
  const objectives = logframe.data?.objectives ?? [];

  return (
    <>
      <h1>{t('monitoring.manage.title')}</h1>
      <MonitoringTabs />
      <QueryState query={indicators}>
        {() =>
          indicators.data!.length === 0 ? (
            <p className="muted">{t('monitoring.indicators.none')}</p>
          ) : (
            <div className="scroll">
              <table className="figures-list">
                <caption className="visually-hidden">{t('monitoring.manage.listCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('monitoring.manage.code')}</th>
                    <th scope="col">{t('monitoring.manage.name')}</th>
                    <th scope="col">{t('monitoring.manage.counts')}</th>
                    <th scope="col">{t('monitoring.manage.factor')}</th>
                    <th scope="col">{t('monitoring.manage.objective')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('monitoring.manage.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {indicators.data!.map((i) => (
                    <tr key={i.id}>
                      <th scope="row">{i.code}</th>
                      <td>
                        <LocalText value={i.name} />
                      </td>
                      <td>
                        {factText(t, i.numerator, choices)}
                        {i.denominator && (
                          <>
                            {' / '}
                            {factText(t, i.denominator, choices)}
                          </>
                        )}
                      </td>
                      <td>{t(`monitoring.factors.${i.factor}`)}</td>
                      <td>
                        {(() => {
                          const o = objectives.find((x) => x.id === i.objectiveId);
                          return o ? <LocalText value={o.title} /> : '—';
                        })()}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => setEditing({ id: i.id, draft: editableCopy(i) })}
                          aria-label={t('monitoring.manage.editOne', { code: i.code })}
                        >
                          {t('monitoring.manage.edit')}
                        </button>
                        {top && (
                          <>
                            {' · '}
                            <Link
                              to={`/indicators/${top}/roadmap/${i.id}`}
                              aria-label={t('monitoring.manage.roadmapOne', { code: i.code })}
                            >
                              {t('monitoring.indicators.roadmap')}
                            </Link>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
      {editing ? (
        <IndicatorForm
          key={editing.id ?? 'new'}
          id={editing.id}
          initial={editing.draft}
          choices={choices}
          objectives={objectives}
          onDone={() => setEditing(null)}
        />
      ) : (
        <p>
          <button type="button" onClick={() => setEditing({ id: null, draft: EMPTY })}>
            {t('monitoring.manage.create')}
          </button>
        </p>
      )}
      <RecordYear />
    </>
  );
}

/** Keeps a closed year's figures: the live aggregates only know today, the progress line needs the past. */
function RecordYear() {
  const { t } = useTranslation();
  const write = useAct([queryKey('GET /api/dashboards/indicators'), queryKey('GET /api/logframe')]);
  const [year, setYear] = useState(String(new Date().getFullYear() - 1));
  const [result, setResult] = useState<ApiResponse<'POST /api/indicators/actuals'> | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setResult(null);
    await write.act(async () =>
      setResult(await call('POST /api/indicators/actuals', { body: { year: Number(year) } })),
    );
  }
  return (
    <section className="panel" aria-labelledby="record-year">
      <h2 id="record-year">{t('monitoring.manage.record.title')}</h2>
      <p className="muted">{t('monitoring.manage.record.help')}</p>
      <form className="inline" onSubmit={submit}>
        <label>
          {t('monitoring.indicators.year')}
          <input
            type="number"
            min={2000}
            max={2100}
            inputMode="numeric"
            value={year}
            onChange={(e) => setYear(e.target.value)}
            required
          />
        </label>
        <button type="submit" disabled={write.busy}>
          {t('monitoring.manage.record.submit')}
        </button>
      </form>
      {result && (
        <p className="success" role="status">
          {t('monitoring.manage.record.done', { ...counted(result.recorded), year: yearText(result.year) })}
        </p>
      )}
      <MonitoringError error={write.failure} />
    </section>
  );
}

function IndicatorForm({
  id,
  initial,
  choices,
  objectives,
  onDone,
}: {
  id: string | null;
  initial: Draft;
  choices: FactChoices;
  objectives: ApiResponse<'GET /api/logframe'>['objectives'];
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const write = useAct([
    queryKey('GET /api/indicators'),
    queryKey('GET /api/dashboards/indicators'),
    queryKey('GET /api/logframe'),
  ]);
  const [draft, setDraft] = useState<Draft>(initial);
  const language = i18n.language;
  const formId = useId();
  const errorId = `${formId}-error`;
  const others = LANGUAGES.filter((l) => l.code !== language);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setText = (field: TextField, code: string, text: string) =>
    setDraft((d) => {
      const next = { ...d[field] };
      if (text) next[code] = text;
      else delete next[code];
      return { ...d, [field]: next };
    });
  const fieldErrors = write.failure instanceof ApiError ? write.failure.fieldErrors() : {};
  const fields: Record<string, string> = {
    code: t('monitoring.manage.code'),
    name: t('monitoring.manage.name'),
    definition: t('monitoring.manage.definition'),
    meansOfVerification: t('monitoring.manage.verification'),
    numerator: t('monitoring.manage.numerator'),
    denominator: t('monitoring.manage.denominator'),
    'legend.atRisk': t('monitoring.manage.atRisk'),
    'legend.onTrack': t('monitoring.manage.onTrack'),
  };
  const heading = id ? t('monitoring.manage.editOne', { code: initial.code }) : t('monitoring.manage.create');

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: ApiInput<'POST /api/indicators'>['body'] = { ...draft, code: draft.code.trim() };
    const ok = await write.act(() =>
      id ? call('PUT /api/indicators/:id', { params: { id }, body }) : call('POST /api/indicators', { body }),
    );
    if (ok) onDone();
  }

  const textInput = (field: TextField, code: string, long: boolean) => {
    const inputId = `${formId}-${field}-${code}`;
    const props = {
      id: inputId,
      value: draft[field][code] ?? '',
      onChange: (e: { target: { value: string } }) => setText(field, code, e.target.value),
      maxLength: 2000,
      lang: code,
    };
    return (
      <div key={inputId} className="field">
        <label htmlFor={inputId}>{t(`monitoring.manage.textIn.${field}`, { language: languageName(code) })}</label>
        {long ? <textarea rows={2} {...props} /> : <input {...props} />}
      </div>
    );
  };

  return (
    <section className="panel" aria-labelledby="indicator-form">
      <h2 id="indicator-form">{heading}</h2>
      <form className="indicator-form" onSubmit={submit} noValidate>
        <label>
          {t('monitoring.manage.code')}
          <input
            value={draft.code}
            onChange={(e) => set('code', e.target.value)}
            required
            maxLength={32}
            aria-invalid={!!fieldErrors.code}
            aria-describedby={fieldErrors.code ? errorId : undefined}
          />
        </label>
        {textInput('name', language, false)}
        {textInput('definition', language, true)}
        {textInput('meansOfVerification', language, true)}
        <details>
          <summary>{t('monitoring.manage.otherLanguages')}</summary>
          {others.map((l) => (
            <fieldset key={l.code}>
              <legend>{languageName(l.code)}</legend>
              {textInput('name', l.code, false)}
              {textInput('definition', l.code, true)}
              {textInput('meansOfVerification', l.code, true)}
            </fieldset>
          ))}
        </details>
        <FactPicker
          legend={t('monitoring.manage.numerator')}
          value={draft.numerator}
          onChange={(fact) => fact && set('numerator', fact)}
          choices={choices}
        />
        <FactPicker
          legend={t('monitoring.manage.denominator')}
          value={draft.denominator}
          onChange={(fact: FactSpec | null) => set('denominator', fact)}
          choices={choices}
          allowNone
        />
        <div className="row">
          <label>
            {t('monitoring.manage.factor')}
            <select value={draft.factor} onChange={(e) => set('factor', e.target.value as Factor)}>
              {FACTORS.map((f) => (
                <option key={f} value={f}>
                  {t(`monitoring.factors.${f}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('monitoring.manage.objective')}
            <select value={draft.objectiveId ?? ''} onChange={(e) => set('objectiveId', e.target.value || null)}>
              <option value="">{t('monitoring.manage.noObjective')}</option>
              {objectives.map((o) => (
                <option key={o.id} value={o.id}>
                  {t(`monitoring.logframe.levels.${o.level}`)}: {o.title.text}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>{t('monitoring.manage.disaggregations')}</legend>
          {DISAGGREGATIONS.map((by) => (
            <label key={by} className="choice">
              <input
                type="checkbox"
                checked={draft.disaggregations.includes(by)}
                onChange={(e) =>
                  set(
                    'disaggregations',
                    e.target.checked
                      ? DISAGGREGATIONS.filter((x) => x === by || draft.disaggregations.includes(x))
                      : draft.disaggregations.filter((x) => x !== by),
                  )
                }
              />
              {t(`monitoring.manage.by.${by}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('monitoring.manage.legend')}</legend>
          <p className="muted">{t('monitoring.manage.legendHelp')}</p>
          <div className="row">
            {(['onTrack', 'atRisk'] as const).map((threshold) => (
              <label key={threshold}>
                {t(`monitoring.manage.${threshold}`)}
                <input
                  type="number"
                  min={0}
                  max={200}
                  step={1}
                  inputMode="numeric"
                  value={Math.round(draft.legend[threshold] * 100)}
                  onChange={(e) => set('legend', { ...draft.legend, [threshold]: Number(e.target.value) / 100 })}
                  aria-invalid={!!fieldErrors[`legend.${threshold}`]}
                  aria-describedby={fieldErrors[`legend.${threshold}`] ? errorId : undefined}
                />
              </label>
            ))}
          </div>
          <p className="muted">
            {t('monitoring.manage.legendNow', {
              onTrack: formatNumber(Math.round(draft.legend.onTrack * 100)),
              atRisk: formatNumber(Math.round(draft.legend.atRisk * 100)),
            })}
          </p>
        </fieldset>
        <MonitoringError id={errorId} error={write.failure} fields={fields} />
        <div className="inline">
          <button type="submit" disabled={write.busy}>
            {t('monitoring.manage.save')}
          </button>
          <button type="button" className="secondary" onClick={onDone}>
            {t('monitoring.manage.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
