import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { call, queryKey, useApiQuery } from '../api/routes.ts';
import { type Instrument, NOT_YET, OBSERVED_PRACTICES } from '../api/types.ts';
import { useCan, useMe } from '../auth/session.tsx';
import { formatDay } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { useLevelName } from './levels.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Lessons observed for ICT integration, and follow-through coaching visits after training. */
export default function ObservationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { personId } = useParams();
  const canObserve = useCan('assessment.observe') && personId !== me.personId;
  const client = useQueryClient();
  const params = { personId: personId! };
  const observations = useApiQuery('GET /api/people/:personId/observations', { params });
  const visits = useApiQuery('GET /api/people/:personId/coaching-visits', { params });
  const instrument = useApiQuery('GET /api/self-assessment/instrument', {});
  const levelName = useLevelName(instrument.data?.levels ?? []);
  const failed = observations.error ?? visits.error;
  if (failed instanceof ApiError && failed.status === 404) return <NotFound />;
  if (failed instanceof ApiError && failed.status === 403) return <NotAllowed />;
  const competencies = (instrument.data?.aspects ?? []).flatMap((a) => a.questions);
  const titleOf = (itemId: string) => competencies.find((c) => c.itemId === itemId);

  const reload = async () => {
    await client.invalidateQueries({ queryKey: queryKey('GET /api/people/:personId/observations', { params }) });
    await client.invalidateQueries({ queryKey: queryKey('GET /api/people/:personId/coaching-visits', { params }) });
    await client.invalidateQueries({ queryKey: queryKey('GET /api/people/:personId/portfolio', { params }) });
  };

  return (
    <>
      <h1>{t('assessment.observations.title')}</h1>
      <p>
        <Link to={`/people/${personId}/portfolio`}>{t('assessment.portfolio.title')}</Link>
      </p>
      {canObserve && instrument.data && (
        <>
          <ObservationForm personId={personId!} instrument={instrument.data} onSaved={reload} />
          <CoachingForm personId={personId!} instrument={instrument.data} onSaved={reload} />
        </>
      )}
      <h2>{t('assessment.observations.lessons')}</h2>
      <QueryState query={observations}>
        {() =>
          observations.data!.items.length === 0 ? (
            <p className="muted">{t('assessment.observations.none')}</p>
          ) : (
            <ul className="cards">
              {observations.data!.items.map((o) => (
                <li key={o.id} className="card">
                  <strong>
                    {formatDay(o.observedOn)} · {o.subject ?? ''} {o.grade ? `(${o.grade})` : ''}
                  </strong>
                  <p>{o.lessonFocus}</p>
                  {o.practices.length > 0 && (
                    <p className="muted">{o.practices.map((p) => t(`assessment.practices.${p}`)).join(' · ')}</p>
                  )}
                  {Object.entries(o.ratings).map(([itemId, level]) => (
                    <p key={itemId}>
                      {titleOf(itemId) ? (
                        <>
                          {titleOf(itemId)!.code} <LocalText value={titleOf(itemId)!.title} />
                        </>
                      ) : (
                        t('assessment.observations.otherVersion')
                      )}
                      : {levelName(level)}
                    </p>
                  ))}
                  {o.strengths && (
                    <p>
                      {t('assessment.observations.strengths')}: {o.strengths}
                    </p>
                  )}
                  {o.suggestions && (
                    <p>
                      {t('assessment.observations.suggestions')}: {o.suggestions}
                    </p>
                  )}
                  {o.observerName && <p className="muted">{o.observerName}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <h2>{t('assessment.coaching.title')}</h2>
      <QueryState query={visits}>
        {() =>
          visits.data!.items.length === 0 ? (
            <p className="muted">{t('assessment.coaching.none')}</p>
          ) : (
            <ul className="cards">
              {visits.data!.items.map((v) => (
                <li key={v.id} className="card">
                  <strong>{formatDay(v.visitedOn)}</strong>
                  {v.focusItemIds.length > 0 && (
                    <p className="muted">
                      {v.focusItemIds
                        .map((id) => titleOf(id)?.code ?? t('assessment.observations.otherVersion'))
                        .join(', ')}
                    </p>
                  )}
                  <p>{v.notes}</p>
                  <p>
                    {t('assessment.coaching.agreed')}: {v.agreedActions}
                  </p>
                  {v.nextVisitOn && (
                    <p>
                      {t('assessment.coaching.next')}: {formatDay(v.nextVisitOn)}
                    </p>
                  )}
                  {v.coachName && <p className="muted">{v.coachName}</p>}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

function ObservationForm({
  personId,
  instrument,
  onSaved,
}: {
  personId: string;
  instrument: Instrument;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({
    observedOn: today(),
    subject: '',
    grade: '',
    lessonFocus: '',
    strengths: '',
    suggestions: '',
  });
  const [practices, setPractices] = useState<(typeof OBSERVED_PRACTICES)[number][]>([]);
  const [ratings, setRatings] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    try {
      await call('POST /api/people/:personId/observations', {
        params: { personId },
        body: {
          frameworkId: instrument.frameworkId,
          observedOn: form.observedOn,
          subject: optional(form.subject),
          grade: optional(form.grade),
          lessonFocus: form.lessonFocus.trim(),
          practices,
          ratings: Object.fromEntries(Object.entries(ratings).filter(([, v]) => v)),
          strengths: optional(form.strengths),
          suggestions: optional(form.suggestions),
        },
      });
      setForm({ observedOn: today(), subject: '', grade: '', lessonFocus: '', strengths: '', suggestions: '' });
      setPractices([]);
      setRatings({});
      setDone(true);
      await onSaved();
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <details className="panel">
      <summary>{t('assessment.observations.record')}</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('assessment.observations.date')}
          <input type="date" required {...field('observedOn')} />
        </label>
        <label>
          {t('assessment.observations.subject')}
          <input maxLength={100} {...field('subject')} />
        </label>
        <label>
          {t('assessment.observations.grade')}
          <input maxLength={40} {...field('grade')} />
        </label>
        <label>
          {t('assessment.observations.focus')}
          <textarea required maxLength={500} rows={2} {...field('lessonFocus')} />
        </label>
        <fieldset>
          <legend>{t('assessment.observations.practicesSeen')}</legend>
          {OBSERVED_PRACTICES.map((p) => (
            <label key={p} className="option">
              <input
                type="checkbox"
                checked={practices.includes(p)}
                onChange={(e) => setPractices(e.target.checked ? [...practices, p] : practices.filter((x) => x !== p))}
              />
              <span>{t(`assessment.practices.${p}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('assessment.observations.ratings')}</legend>
          {instrument.aspects
            .flatMap((a) => a.questions)
            .map((q) => (
              <label key={q.itemId}>
                {q.code} {q.title.text}
                <select
                  value={ratings[q.itemId] ?? ''}
                  onChange={(e) => setRatings({ ...ratings, [q.itemId]: e.target.value })}
                >
                  <option value="">{t('assessment.observations.notRated')}</option>
                  {instrument.levels.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.title.text}
                    </option>
                  ))}
                  <option value={NOT_YET}>{t('assessment.notYet')}</option>
                </select>
              </label>
            ))}
        </fieldset>
        <label>
          {t('assessment.observations.strengths')}
          <textarea maxLength={2000} rows={2} {...field('strengths')} />
        </label>
        <label>
          {t('assessment.observations.suggestions')}
          <textarea maxLength={2000} rows={2} {...field('suggestions')} />
        </label>
        {failure ? <ErrorText error={failure} /> : null}
        {done && <p role="status">{t('assessment.observations.saved')}</p>}
        <button type="submit">{t('assessment.observations.save')}</button>
      </form>
    </details>
  );
}

function CoachingForm({
  personId,
  instrument,
  onSaved,
}: {
  personId: string;
  instrument: Instrument;
  onSaved: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const empty = { visitedOn: today(), notes: '', agreedActions: '', nextVisitOn: '' };
  const [form, setForm] = useState(empty);
  const [focus, setFocus] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      await call('POST /api/people/:personId/coaching-visits', {
        params: { personId },
        body: {
          visitedOn: form.visitedOn,
          focusItemIds: focus,
          notes: form.notes.trim(),
          agreedActions: form.agreedActions.trim(),
          ...(form.nextVisitOn ? { nextVisitOn: form.nextVisitOn } : {}),
        },
      });
      setForm(empty);
      setFocus([]);
      await onSaved();
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <details className="panel">
      <summary>{t('assessment.coaching.record')}</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('assessment.coaching.date')}
          <input type="date" required {...field('visitedOn')} />
        </label>
        <fieldset>
          <legend>{t('assessment.coaching.focus')}</legend>
          {instrument.aspects
            .flatMap((a) => a.questions)
            .map((q) => (
              <label key={q.itemId} className="option">
                <input
                  type="checkbox"
                  checked={focus.includes(q.itemId)}
                  onChange={(e) =>
                    setFocus(e.target.checked ? [...focus, q.itemId] : focus.filter((x) => x !== q.itemId))
                  }
                />
                <span>
                  {q.code} {q.title.text}
                </span>
              </label>
            ))}
        </fieldset>
        <label>
          {t('assessment.coaching.notes')}
          <textarea required maxLength={4000} rows={3} {...field('notes')} />
        </label>
        <label>
          {t('assessment.coaching.agreed')}
          <textarea required maxLength={4000} rows={2} {...field('agreedActions')} />
        </label>
        <label>
          {t('assessment.coaching.next')}
          <input type="date" {...field('nextVisitOn')} />
        </label>
        {failure ? <ErrorText error={failure} /> : null}
        <button type="submit">{t('assessment.coaching.save')}</button>
      </form>
    </details>
  );
}
