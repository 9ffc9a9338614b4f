import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { type ApiInput, call, queryKey, useApiQuery } from '../../api/routes.ts';
import { useCan, useMe } from '../../auth/session.tsx';
import { formatDate, i18n } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import './events.css';

const KINDS = ['workshop', 'regional_seminar', 'policy_meeting'] as const;
type Body = ApiInput<'POST /api/events'>['body'];

/** Events the person organises, is on the list of, or may register for; organisers start a new one here. */
export function EventsPage() {
  const { t } = useTranslation();
  const events = useApiQuery('GET /api/events', {});
  const managesTraining = useCan('training.manage');
  const managesSurveys = useCan('surveys.manage');
  const organiser = managesTraining || managesSurveys;
  return (
    <div className="events">
      <div className="events-head">
        <h1>{t('events.list.title')}</h1>
        <nav aria-label={t('events.list.title')}>
          {organiser && <Link to="/events/new">{t('events.form.newTitle')}</Link>}
          <Link to="/my-actions">{t('events.actions.title')}</Link>
        </nav>
      </div>
      <QueryState query={events}>
        {() =>
          events.data!.items.length === 0 ? (
            <p className="muted">{t('events.list.none')}</p>
          ) : (
            <ul className="cards">
              {events.data!.items.map((e) => (
                <li key={e.id} className="card">
                  <Link className="card-title" to={`/events/${e.id}`}>
                    <LocalText value={e.title} />
                  </Link>
                  <span className="muted">
                    {t(`events.kind.${e.kind}`)} · {formatDate(e.startsAt)}
                    {e.place && ` · ${e.place}`}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}

/** A new workshop, seminar or policy meeting at one of the organiser's units. */
export function NewEventPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const units = [...new Map(me.grants.map((g) => [g.orgUnitId, g.orgUnitName])).entries()];
  const [kind, setKind] = useState<(typeof KINDS)[number]>('policy_meeting');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? '');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [place, setPlace] = useState('');
  const [onlineUrl, setOnlineUrl] = useState('');
  const [registrationOpen, setRegistrationOpen] = useState(false);
  const [capacity, setCapacity] = useState('');
  const { act, failure, busy } = useAct([queryKey('GET /api/events')]);
  const lang = i18n.language;

  async function submit(e: FormEvent) {
    e.preventDefault();
    let id = '';
    const ok = await act(async () => {
      const body = {
        kind,
        title: { [lang]: title },
        ...(description.trim() ? { description: { [lang]: description } } : {}),
        unitId,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        ...(place.trim() ? { place: place.trim() } : {}),
        ...(onlineUrl.trim() ? { onlineUrl: onlineUrl.trim() } : {}),
        agenda: [],
        registrationOpen,
        ...(capacity ? { capacity: Number(capacity) } : {}),
      } as Body;
      id = (await call('POST /api/events', { body })).id;
    });
    if (ok) navigate(`/events/${id}`);
  }

  return (
    <div className="events narrow-form">
      <h1>{t('events.form.newTitle')}</h1>
      <form onSubmit={(e) => void submit(e)}>
        <label>
          {t('events.form.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`events.kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('events.form.title')}
          <input required maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('events.form.description')}
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <label>
          {t('events.form.unit')}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('events.form.startsAt')}
          <input type="datetime-local" required value={startsAt} onChange={(e) => setStartsAt(e.target.value)} />
        </label>
        <label>
          {t('events.form.endsAt')}
          <input type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </label>
        <label>
          {t('events.form.place')}
          <input maxLength={500} value={place} onChange={(e) => setPlace(e.target.value)} />
        </label>
        <label>
          {t('events.form.onlineUrl')}
          <input type="url" value={onlineUrl} onChange={(e) => setOnlineUrl(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={registrationOpen} onChange={(e) => setRegistrationOpen(e.target.checked)} />{' '}
          {t('events.form.registrationOpen')}
        </label>
        {registrationOpen && (
          <label>
            {t('events.form.capacity')}
            <input type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
          </label>
        )}
        {failure !== null && <ErrorText error={failure} />}
        <button type="submit" disabled={busy}>
          {t('events.form.create')}
        </button>
      </form>
    </div>
  );
}
