import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiInput, call, useApiQuery } from '../api/routes.ts';
import type { Offering } from '../api/types.ts';
import { counted, formatDay } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useAct } from '../shell/useAct.ts';
import { offeringKeys } from './offeringKeys.ts';

function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  if (!start || !end || end < start) return days;
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days.length > 200 ? [] : days;
}

type Body = ApiInput<'PATCH /api/offerings/:offeringId'>['body'];

/**
 * For those who schedule at the host: change the offering (only what changed is sent; the roster
 * and trainers are told), or cancel it with a reason after confirming.
 */
export function OfferingChanges({ offering }: { offering: Offering }) {
  const { t } = useTranslation();
  return (
    <section className="panel stack">
      <h2>{t('training.changes.title')}</h2>
      <EditForm offering={offering} />
      <CancelForm offering={offering} />
    </section>
  );
}

function EditForm({ offering: o }: { offering: Offering }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    startDate: o.startDate,
    endDate: o.endDate,
    venue: o.venue ?? '',
    onlineUrl: o.onlineUrl ?? '',
    capacity: String(o.capacity),
    enrolOpens: o.enrolOpens,
    enrolCloses: o.enrolCloses,
    attendanceThreshold: String(o.attendanceThreshold),
  });
  const [sessionDays, setSessionDays] = useState<string[]>(o.sessionDays);
  const [trainerIds, setTrainerIds] = useState<string[]>(o.trainers.map((tr) => tr.personId));
  const [saved, setSaved] = useState(false);
  const { act, failure, busy } = useAct(offeringKeys(o.id));
  const options = useApiQuery(
    'GET /api/training/scheduling-options',
    { query: o.moduleId ? { moduleId: o.moduleId } : { programmeId: o.programmeId ?? undefined } },
    { enabled: open },
  );
  const range = daysBetween(form.startDate, form.endDate);
  const field = (name: keyof typeof form) => ({
    name,
    value: form[name],
    onChange: (e: { target: { value: string } }) => {
      setSaved(false);
      setForm((f) => ({ ...f, [name]: e.target.value }));
    },
  });
  const candidates = [
    ...o.trainers.map((tr) => ({ personId: tr.personId, name: tr.name, qualified: true, unitName: null })),
    ...(options.data?.trainers ?? []).filter((tr) => !o.trainers.some((x) => x.personId === tr.personId)),
  ];

  function changes(): Body {
    const body: Body = {};
    if (form.startDate !== o.startDate) body.startDate = form.startDate;
    if (form.endDate !== o.endDate) body.endDate = form.endDate;
    const days = sessionDays.filter((d) => range.includes(d)).sort();
    if (days.join() !== o.sessionDays.join()) body.sessionDays = days;
    if ((form.venue.trim() || null) !== o.venue) body.venue = form.venue.trim() || null;
    if ((form.onlineUrl.trim() || null) !== o.onlineUrl) body.onlineUrl = form.onlineUrl.trim() || null;
    if (Number(form.capacity) !== o.capacity) body.capacity = Number(form.capacity);
    if (form.enrolOpens !== o.enrolOpens) body.enrolOpens = form.enrolOpens;
    if (form.enrolCloses !== o.enrolCloses) body.enrolCloses = form.enrolCloses;
    if (Number(form.attendanceThreshold) !== o.attendanceThreshold)
      body.attendanceThreshold = Number(form.attendanceThreshold);
    if (
      [...trainerIds].sort().join() !==
      o.trainers
        .map((tr) => tr.personId)
        .sort()
        .join()
    )
      body.trainerIds = trainerIds;
    return body;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = changes();
    if (Object.keys(body).length === 0) return;
    if (await act(() => call('PATCH /api/offerings/:offeringId', { params: { offeringId: o.id }, body })))
      setSaved(true);
  }

  return (
    <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('training.changes.edit')}</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('training.offerings.dates')}</legend>
          <label>
            {t('training.schedule.start')}
            <input
              type="date"
              required
              {...field('startDate')}
              onChange={(e) => {
                const start = e.target.value;
                setSaved(false);
                setForm((f) => ({ ...f, startDate: start }));
                setSessionDays(daysBetween(start, form.endDate));
              }}
            />
          </label>
          <label>
            {t('training.schedule.end')}
            <input
              type="date"
              required
              min={form.startDate}
              {...field('endDate')}
              onChange={(e) => {
                const end = e.target.value;
                setSaved(false);
                setForm((f) => ({ ...f, endDate: end }));
                setSessionDays(daysBetween(form.startDate, end));
              }}
            />
          </label>
          {range.length > 0 && (
            <fieldset>
              <legend>{t('training.schedule.sessionDays')}</legend>
              {range.map((d) => (
                <label key={d} className="choice">
                  <input
                    type="checkbox"
                    checked={sessionDays.includes(d)}
                    onChange={(e) => setSessionDays((s) => (e.target.checked ? [...s, d] : s.filter((x) => x !== d)))}
                  />
                  {formatDay(d)}
                </label>
              ))}
            </fieldset>
          )}
        </fieldset>
        <label>
          {t('training.offerings.venue')}
          <input {...field('venue')} />
        </label>
        <label>
          {t('training.offerings.onlineLink')}
          <input type="url" placeholder="https://" {...field('onlineUrl')} />
        </label>
        <p className="muted">{t('training.schedule.venueHelp')}</p>
        <label>
          {t('training.offerings.capacity')}
          <input type="number" min={1} max={10000} required {...field('capacity')} />
        </label>
        <label>
          {t('training.changes.threshold')}
          <input type="number" min={1} max={100} required {...field('attendanceThreshold')} />
        </label>
        <fieldset>
          <legend>{t('training.offerings.trainers')}</legend>
          {candidates.map((tr) => (
            <label key={tr.personId} className="choice">
              <input
                type="checkbox"
                checked={trainerIds.includes(tr.personId)}
                onChange={(e) =>
                  setTrainerIds((ids) =>
                    e.target.checked ? [...ids, tr.personId] : ids.filter((id) => id !== tr.personId),
                  )
                }
              />
              {tr.name}
              {tr.unitName && (
                <>
                  {' · '}
                  <LocalText value={tr.unitName} />
                </>
              )}
              {!tr.qualified && <span className="tag tag-missing">{t('training.schedule.notQualified')}</span>}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('training.offerings.enrolment')}</legend>
          <label>
            {t('training.schedule.enrolOpens')}
            <input type="date" required {...field('enrolOpens')} />
          </label>
          <label>
            {t('training.schedule.enrolCloses')}
            <input type="date" required {...field('enrolCloses')} />
          </label>
        </fieldset>
        <p className="muted">{t('training.changes.told')}</p>
        {failure ? <ErrorText error={failure} /> : null}
        {saved && <p role="status">{t('training.changes.saved')}</p>}
        <button type="submit" disabled={busy || trainerIds.length === 0}>
          {t('training.changes.save')}
        </button>
      </form>
    </details>
  );
}

function CancelForm({ offering: o }: { offering: Offering }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [sure, setSure] = useState(false);
  const { act, failure, busy } = useAct(offeringKeys(o.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(() =>
      call('POST /api/offerings/:offeringId/cancel', { params: { offeringId: o.id }, body: { reason: reason.trim() } }),
    );
  }

  return (
    <details>
      <summary>{t('training.changes.cancel')}</summary>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label>
          {t('training.changes.reason')}
          <textarea required maxLength={1000} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        <label className="choice">
          <input type="checkbox" required checked={sure} onChange={(e) => setSure(e.target.checked)} />
          {t('training.changes.confirm', counted(o.enrolled + o.waitlisted))}
        </label>
        {failure ? <ErrorText error={failure} /> : null}
        <button type="submit" disabled={busy || !sure || reason.trim() === ''}>
          {t('training.changes.cancelSubmit')}
        </button>
      </form>
    </details>
  );
}
