import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ICT_PURPOSES, ICT_USERS, STUDENT_CENTREDNESS } from '../../../server/modules/practice/practice.constants.ts';
import { ApiError } from '../../api/client.ts';
import { NOT_YET } from '../../api/types.ts';
import { formatDay, formatPercent } from '../../i18n/index.ts';
import { ErrorText, Loading } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { NotFound } from '../../shell/Pages.tsx';
import { type Cycle, call, type Input, type Observation, queryKey, useApiQuery } from './client.ts';
import { useStandard } from './standard.ts';
import './cycles.css';

type Patch = NonNullable<Input<'PATCH /api/lesson-observations/:id'>['body']>;
type Values = Required<{ [K in keyof Patch]: Exclude<Patch[K], undefined> }>;
type SaveState = 'saved' | 'saving' | 'pending' | 'failed';

const SHARES = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
const RETRY_MS = 3000;
const TYPING_MS = 800;
const stored = (id: string) => `pathway:observation:${id}`;

function valuesOf(o: Observation): Values {
  return {
    subject: o.subject ?? '',
    grade: o.grade ?? '',
    ictUsers: o.ictUsers as Values['ictUsers'],
    ictPurposes: o.ictPurposes as Values['ictPurposes'],
    studentCentredness: o.studentCentredness,
    ictTimeShare: o.ictTimeShare,
    studentProducts: o.studentProducts ?? '',
    notes: o.notes ?? '',
    ratings: o.ratings,
  };
}

/**
 * Saves each change as the coach goes: one request at a time, changes made meanwhile sent next, a
 * failed save kept (also across a reload, in this device's storage) and tried again.
 */
function useAutosave(id: string, initial: Observation) {
  const client = useQueryClient();
  const pending = useRef<Patch>(JSON.parse(localStorage.getItem(stored(id)) ?? '{}') as Patch);
  const [values, setValues] = useState<Values>({ ...valuesOf(initial), ...(pending.current as Partial<Values>) });
  const [state, setState] = useState<SaveState>(Object.keys(pending.current).length > 0 ? 'pending' : 'saved');
  const [refusal, setRefusal] = useState<unknown>(null);
  const sending = useRef(false);
  const failed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const keep = () => {
    if (Object.keys(pending.current).length === 0) localStorage.removeItem(stored(id));
    else localStorage.setItem(stored(id), JSON.stringify(pending.current));
  };

  async function flush(): Promise<boolean> {
    clearTimeout(timer.current);
    if (sending.current) return false;
    if (Object.keys(pending.current).length === 0) return true;
    sending.current = true;
    const body = pending.current;
    pending.current = {};
    setState('saving');
    try {
      const saved = await call('PATCH /api/lesson-observations/:id', { params: { id }, body });
      client.setQueryData(queryKey('GET /api/lesson-observations/:id', { params: { id } }), saved);
      setRefusal(null);
      failed.current = false;
    } catch (error) {
      failed.current = true;
      pending.current = { ...body, ...pending.current };
      keep();
      sending.current = false;
      const transient = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
      setState('failed');
      if (transient) timer.current = setTimeout(() => void flush(), RETRY_MS);
      else setRefusal(error);
      return false;
    }
    sending.current = false;
    keep();
    if (Object.keys(pending.current).length > 0) return flush();
    setState('saved');
    return true;
  }

  function change(patch: Patch, wait = 0) {
    setValues((v) => ({ ...v, ...(patch as Partial<Values>) }));
    pending.current = { ...pending.current, ...patch };
    keep();
    setState((s) => (s === 'saving' ? s : 'pending'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), wait);
  }

  // Resumes what a reload left unsaved, and stops retrying when the page goes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on the first render.
  useEffect(() => {
    if (Object.keys(pending.current).length > 0) void flush();
    return () => clearTimeout(timer.current);
  }, []);

  /** Everything typed so far is saved (or a save failed): before submitting. */
  async function saveAll(): Promise<boolean> {
    for (let tries = 0; tries < 40; tries += 1) {
      if (!sending.current) {
        if (await flush()) return true;
        if (failed.current) return false;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return false;
  }

  return { values, change, flush, saveAll, state, refusal };
}

/** The classroom ICT-use observation, for a phone held during the lesson. */
export default function ObservationPage() {
  const { observationId } = useParams();
  const observation = useApiQuery(
    'GET /api/lesson-observations/:id',
    { params: { id: observationId! } },
    { refetchOnWindowFocus: false, staleTime: Number.POSITIVE_INFINITY },
  );
  const cycleId = observation.data?.cycleId ?? undefined;
  const cycle = useApiQuery(
    'GET /api/coaching-cycles/:id',
    { params: { id: cycleId ?? '' } },
    { enabled: Boolean(cycleId) },
  );
  if (observation.error instanceof ApiError && observation.error.status === 404) return <NotFound />;
  if (observation.error || cycle.error) return <ErrorText error={observation.error ?? cycle.error} />;
  if (!observation.data || !cycle.data) return <Loading />;
  return <ObservationForm key={observation.data.id} observation={observation.data} cycle={cycle.data} />;
}

function ObservationForm({ observation, cycle }: { observation: Observation; cycle: Cycle }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const standard = useStandard();
  const { values, change, flush, saveAll, state, refusal } = useAutosave(observation.id, observation);
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const submitted = observation.status === 'submitted';
  const toggle = <T extends string>(list: T[], code: T, on: boolean) =>
    on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code);

  if (submitted)
    return (
      <>
        <h1>{t('coaching.observation.title')}</h1>
        <p className="success">{t('coaching.observation.submitted')}</p>
        <Link to={`/coaching/cycles/${cycle.id}`}>{t('coaching.cycle.open')}</Link>
      </>
    );

  const rating = (itemId: string) => values.ratings.find((r) => r.itemId === itemId)?.levelCode ?? '';
  const rate = (itemId: string, levelCode: string) =>
    change({ ratings: [...values.ratings.filter((r) => r.itemId !== itemId), { itemId, levelCode }] });
  const missing =
    failure instanceof ApiError && failure.code === 'observation_incomplete'
      ? ((failure.details.missing as string[]) ?? [])
      : [];
  const isMissing = (field: string) => missing.some((m) => m === field || m.startsWith(`${field}.`));

  async function submit() {
    setFailure(null);
    setSubmitting(true);
    try {
      if (!(await saveAll())) return;
      await call('POST /api/lesson-observations/:id/submit', { params: { id: observation.id } });
      await client.invalidateQueries({ queryKey: ['GET /api/coaching-cycles/:id'] });
      await client.invalidateQueries({ queryKey: ['GET /api/coaching/today'] });
      await client.invalidateQueries({ queryKey: ['GET /api/lesson-observations/:id'] });
      navigate(`/coaching/cycles/${cycle.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div className="observe">
      <h1>{t('coaching.observation.title')}</h1>
      <p>
        {cycle.teacher.name} · {cycle.teacher.schoolName} · {formatDay(observation.lessonDate)}
      </p>
      <p className={`save-state ${state === 'saving' ? 'pending' : state}`} role="status" aria-live="polite">
        {t(`coaching.save.${state}`)}
      </p>
      {refusal ? <ErrorText error={refusal} /> : null}

      <div className="stack">
        <label>
          {t('coaching.observation.subject')}
          <input
            value={values.subject ?? ''}
            maxLength={120}
            onChange={(e) => change({ subject: e.target.value }, TYPING_MS)}
            onBlur={() => void flush()}
          />
        </label>
        <label>
          {t('coaching.observation.grade')}
          <input
            value={values.grade ?? ''}
            maxLength={40}
            onChange={(e) => change({ grade: e.target.value }, TYPING_MS)}
            onBlur={() => void flush()}
          />
        </label>
      </div>

      <fieldset className={isMissing('ictUsers') ? 'question missing' : undefined}>
        <legend>{t('coaching.observation.users')}</legend>
        <div className="toggles">
          {ICT_USERS.map((code) => (
            <label key={code}>
              <input
                type="checkbox"
                checked={values.ictUsers.includes(code)}
                onChange={(e) => change({ ictUsers: toggle(values.ictUsers, code, e.target.checked) })}
              />
              {t(`coaching.users.${code}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className={isMissing('ictPurposes') ? 'question missing' : undefined}>
        <legend>{t('coaching.observation.purposes')}</legend>
        <div className="toggles">
          {ICT_PURPOSES.map((code) => (
            <label key={code}>
              <input
                type="checkbox"
                checked={values.ictPurposes.includes(code)}
                onChange={(e) => change({ ictPurposes: toggle(values.ictPurposes, code, e.target.checked) })}
              />
              {t(`coaching.purposes.${code}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className={isMissing('studentCentredness') ? 'question missing' : undefined}>
        <legend>{t('coaching.observation.centredness')}</legend>
        <div className="scale">
          {STUDENT_CENTREDNESS.map((n) => (
            <label key={n}>
              <input
                type="radio"
                name="centredness"
                checked={values.studentCentredness === n}
                onChange={() => change({ studentCentredness: n })}
              />
              <span>
                <strong>{t(`coaching.centredness.${n}.title`)}</strong>
                <span className="muted">{t(`coaching.centredness.${n}.descriptor`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className={isMissing('ictTimeShare') ? 'question missing' : undefined}>
        <legend>{t('coaching.observation.timeShare')}</legend>
        <div className="toggles">
          {SHARES.map((share) => (
            <label key={share} style={{ flex: '1 1 4.5rem' }}>
              <input
                type="radio"
                name="share"
                checked={values.ictTimeShare === share}
                onChange={() => change({ ictTimeShare: share })}
              />
              {formatPercent(share)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className={isMissing('studentProducts') ? 'question missing' : undefined}>
        <legend>
          <label htmlFor="products">{t('coaching.observation.products')}</label>
        </legend>
        <textarea
          id="products"
          value={values.studentProducts ?? ''}
          maxLength={2000}
          onChange={(e) => change({ studentProducts: e.target.value }, TYPING_MS)}
          onBlur={() => void flush()}
        />
      </fieldset>

      <h2>{t('coaching.observation.ratings')}</h2>
      {cycle.focusItemIds.map((itemId) => {
        const competency = standard.competency(itemId);
        return (
          <fieldset key={itemId} className={isMissing(`ratings.${itemId}`) ? 'question missing' : undefined}>
            <legend>
              {competency ? (
                <>
                  {competency.code} <LocalText value={competency.title} />
                </>
              ) : (
                t('assessment.observations.otherVersion')
              )}
            </legend>
            <div className="scale">
              {[
                ...standard.levels.map((l) => ({ code: l.code, title: l.title.text })),
                { code: NOT_YET, title: t('assessment.notYet') },
              ].map((level) => (
                <label key={level.code}>
                  <input
                    type="radio"
                    name={`rating-${itemId}`}
                    checked={rating(itemId) === level.code}
                    onChange={() => rate(itemId, level.code)}
                  />
                  <span>
                    <strong>{level.title}</strong>
                    {competency?.options.find((o) => o.value === level.code)?.descriptor && (
                      <span className="muted">
                        {competency.options.find((o) => o.value === level.code)!.descriptor!.text}
                      </span>
                    )}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        );
      })}

      <fieldset>
        <legend>
          <label htmlFor="notes">{t('coaching.observation.notes')}</label>
        </legend>
        <textarea
          id="notes"
          value={values.notes ?? ''}
          maxLength={4000}
          onChange={(e) => change({ notes: e.target.value }, TYPING_MS)}
          onBlur={() => void flush()}
        />
      </fieldset>

      {missing.length > 0 && <p className="error">{t('coaching.observation.missing')}</p>}
      {failure && !missing.length ? <ErrorText error={failure} /> : null}
      <button type="button" className="big" disabled={submitting} onClick={() => void submit()}>
        {t('coaching.observation.submit')}
      </button>
      <p>
        <Link to={`/coaching/cycles/${cycle.id}`}>{t('coaching.cycle.open')}</Link>
      </p>
    </div>
  );
}
