import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { call, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatDay, LANGUAGES, languageName } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';

function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  if (!start || !end || end < start) return days;
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`) && days.length < 200; ) {
    days.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return days;
}

/**
 * Schedules a run of a module or programme at a teacher college or resource centre. Trainers are
 * marked by whether they hold the qualification; the server has the last word and its refusal
 * names who is not qualified.
 */
export default function ScheduleOfferingPage() {
  const { t } = useTranslation();
  const allowed = useCan('training.manage');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<'module' | 'programme'>(params.get('programmeId') ? 'programme' : 'module');
  const [subjectId, setSubjectId] = useState(params.get('moduleId') ?? params.get('programmeId') ?? '');
  const [form, setForm] = useState({
    hostUnitId: '',
    startDate: '',
    endDate: '',
    venue: '',
    onlineUrl: '',
    capacity: '20',
    language: 'en',
    enrolOpens: '',
    enrolCloses: '',
  });
  const [skipped, setSkipped] = useState<string[]>([]);
  const [trainerIds, setTrainerIds] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const modules = useApiQuery('GET /api/training/modules', {}, { enabled: allowed });
  const programmes = useApiQuery('GET /api/training/programmes', {}, { enabled: allowed });
  const subject = subjectId ? (kind === 'module' ? { moduleId: subjectId } : { programmeId: subjectId }) : {};
  const options = useApiQuery('GET /api/training/scheduling-options', { query: subject }, { enabled: allowed });
  if (!allowed) return <NotAllowed />;

  const days = daysBetween(form.startDate, form.endDate);
  const sessionDays = days.filter((d) => !skipped.includes(d));
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });
  const refused =
    failure instanceof ApiError && failure.code === 'trainer_not_qualified'
      ? ((failure.details.personIds as string[] | undefined) ?? [])
      : [];
  const fieldErrors = failure instanceof ApiError ? failure.fieldErrors() : {};
  const trainerName = (id: string) => options.data?.trainers.find((tr) => tr.personId === id)?.name ?? id;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setBusy(true);
    try {
      const created = await call('POST /api/offerings', {
        body: {
          ...(kind === 'module' ? { moduleId: subjectId } : { programmeId: subjectId }),
          hostUnitId: form.hostUnitId,
          startDate: form.startDate,
          endDate: form.endDate,
          ...(skipped.length ? { sessionDays } : {}),
          venue: form.venue.trim() || null,
          onlineUrl: form.onlineUrl.trim() || null,
          capacity: Number(form.capacity),
          language: form.language,
          ...(form.enrolOpens ? { enrolOpens: form.enrolOpens } : {}),
          ...(form.enrolCloses ? { enrolCloses: form.enrolCloses } : {}),
          trainerIds,
        },
      });
      await client.invalidateQueries({ queryKey: ['GET /api/offerings'] });
      navigate(`/offerings/${created.id}`);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>{t('training.schedule.title')}</h1>
      <form className="panel stack" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('training.schedule.what')}</legend>
          <label className="choice">
            <input
              type="radio"
              name="kind"
              checked={kind === 'module'}
              onChange={() => {
                setKind('module');
                setSubjectId('');
              }}
            />
            {t('training.schedule.aModule')}
          </label>
          <label className="choice">
            <input
              type="radio"
              name="kind"
              checked={kind === 'programme'}
              onChange={() => {
                setKind('programme');
                setSubjectId('');
              }}
            />
            {t('training.schedule.aProgramme')}
          </label>
          <label>
            {kind === 'module' ? t('training.schedule.module') : t('training.schedule.programme')}
            <select required value={subjectId} onChange={(e) => setSubjectId(e.target.value)}>
              <option value="">{t('training.schedule.choose')}</option>
              {(kind === 'module' ? (modules.data?.items ?? []) : (programmes.data?.items ?? [])).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.code} · {m.displayTitle.text}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
        <label>
          {t('training.offerings.host')}
          <select required {...field('hostUnitId')}>
            <option value="">{t('training.schedule.choose')}</option>
            {(options.data?.hosts ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.name.text} ({t(`org.type.${h.type}`)})
              </option>
            ))}
          </select>
          {fieldErrors.hostUnitId && <span className="field-error">{fieldErrors.hostUnitId}</span>}
        </label>
        <fieldset>
          <legend>{t('training.offerings.dates')}</legend>
          <label>
            {t('training.schedule.start')}
            <input type="date" required {...field('startDate')} />
          </label>
          <label>
            {t('training.schedule.end')}
            <input type="date" required min={form.startDate || undefined} {...field('endDate')} />
            {fieldErrors.endDate && <span className="field-error">{fieldErrors.endDate}</span>}
          </label>
          {days.length > 0 && (
            <fieldset>
              <legend>{t('training.schedule.sessionDays')}</legend>
              {days.map((d) => (
                <label key={d} className="choice">
                  <input
                    type="checkbox"
                    checked={!skipped.includes(d)}
                    onChange={(e) => setSkipped((s) => (e.target.checked ? s.filter((x) => x !== d) : [...s, d]))}
                  />
                  {formatDay(d)}
                </label>
              ))}
              {fieldErrors.sessionDays && <span className="field-error">{fieldErrors.sessionDays}</span>}
            </fieldset>
          )}
        </fieldset>
        <label>
          {t('training.offerings.venue')}
          <input {...field('venue')} />
          {fieldErrors.venue && <span className="field-error">{fieldErrors.venue}</span>}
        </label>
        <label>
          {t('training.offerings.onlineLink')}
          <input type="url" placeholder="https://" {...field('onlineUrl')} />
          {fieldErrors.onlineUrl && <span className="field-error">{fieldErrors.onlineUrl}</span>}
        </label>
        <p className="muted">{t('training.schedule.venueHelp')}</p>
        <fieldset>
          <legend>{t('training.offerings.trainers')}</legend>
          {(options.data?.trainers ?? []).length === 0 && <p className="muted">{t('training.schedule.noTrainers')}</p>}
          {(options.data?.trainers ?? []).map((tr) => (
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
              {tr.name} · <LocalText value={tr.unitName} />
              {subjectId && (
                <span className={tr.qualified ? 'tag' : 'tag tag-missing'}>
                  {tr.qualified ? t('training.schedule.qualified') : t('training.schedule.notQualified')}
                </span>
              )}
            </label>
          ))}
        </fieldset>
        <label>
          {t('training.offerings.capacity')}
          <input type="number" min={1} max={10000} required {...field('capacity')} />
        </label>
        <label>
          {t('training.language')}
          <select {...field('language')}>
            {LANGUAGES.map((l) => (
              <option key={l.code} value={l.code}>
                {languageName(l.code)}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>{t('training.offerings.enrolment')}</legend>
          <label>
            {t('training.schedule.enrolOpens')}
            <input type="date" {...field('enrolOpens')} />
          </label>
          <label>
            {t('training.schedule.enrolCloses')}
            <input type="date" {...field('enrolCloses')} />
            {fieldErrors.enrolCloses && <span className="field-error">{fieldErrors.enrolCloses}</span>}
          </label>
          <p className="muted">{t('training.schedule.enrolHelp')}</p>
        </fieldset>
        {failure ? (
          refused.length > 0 ? (
            <p className="error" role="alert">
              {t('training.schedule.refused', { names: refused.map(trainerName).join(', ') })}
            </p>
          ) : (
            <ErrorText error={failure} />
          )
        ) : null}
        <button type="submit" disabled={busy || trainerIds.length === 0}>
          {t('training.schedule.submit')}
        </button>
      </form>
    </>
  );
}
