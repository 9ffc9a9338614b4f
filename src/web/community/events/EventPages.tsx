import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { call, useApiQuery } from '../../api/routes.ts';
import { formatDate, formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { ActionList, AttendanceForm, InviteForm, RecordForms } from './OrganiserForms.tsx';
import './events.css';

/**
 * One event: what an invitation links to (when, where, agenda, registration), and for its organisers
 * the list, attendance, and after it the minutes, decisions and follow-up actions.
 */
export function EventPage() {
  const { t } = useTranslation();
  const { eventId = '' } = useParams();
  const params = { eventId };
  const event = useApiQuery('GET /api/events/:eventId', { params });
  const [error, setError] = useState<unknown>(null);
  const register = async () => {
    setError(null);
    try {
      await call('POST /api/events/:eventId/registration', { params });
      await event.refetch();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <QueryState query={event}>
      {() => {
        const e = event.data!;
        return (
          <>
            <h1>
              <LocalText value={e.title} />
            </h1>
            <p className="muted">
              {t(`events.kind.${e.kind}`)} · {formatDate(e.startsAt)} – {formatDate(e.endsAt)}
            </p>
            {e.place && <p>{e.place}</p>}
            {e.onlineUrl && (
              <p>
                <a href={e.onlineUrl} rel="noopener noreferrer">
                  {t('events.onlineLink')}
                </a>
              </p>
            )}
            {e.description && (
              <p>
                <LocalText value={e.description} />
              </p>
            )}
            {e.mine && <p>{t(`events.mine.${e.mine}`)}</p>}
            {!e.mine && e.registrationOpen && Date.parse(e.startsAt) > Date.now() && (
              <button type="button" onClick={() => void register()}>
                {t('events.register')}
              </button>
            )}
            {error !== null && <ErrorText error={error} />}
            {e.agenda.length > 0 && (
              <section>
                <h2>{t('events.agenda')}</h2>
                <ol>
                  {e.agenda.map((item) => (
                    <li key={`${item.time}-${item.title.text}`}>
                      {item.time} <LocalText value={item.title} />
                      {item.presenter && <span className="muted"> · {item.presenter}</span>}
                    </li>
                  ))}
                </ol>
              </section>
            )}
            {e.minutes && (
              <section>
                <h2>{t('events.minutes')}</h2>
                <p className="prewrap">
                  <LocalText value={e.minutes} />
                </p>
                {e.outcomes && (
                  <p className="prewrap">
                    <LocalText value={e.outcomes} />
                  </p>
                )}
                {!e.canManage && e.decisions.length > 0 && (
                  <ol>
                    {e.decisions.map((d) => (
                      <li key={d.id}>
                        <LocalText value={d.text} />
                      </li>
                    ))}
                  </ol>
                )}
              </section>
            )}
            {e.canManage && (
              <div className="organise events">
                <InviteForm key={`invite-${e.participants.length}`} e={e} />
                {Date.parse(e.startsAt) <= Date.now() && (
                  <AttendanceForm key={`attendance-${e.participants.length}-${e.guests.length}`} e={e} />
                )}
                {Date.parse(e.endsAt) <= Date.now() ? (
                  <RecordForms e={e} />
                ) : (
                  <p className="muted">{t('events.organise.afterEnd')}</p>
                )}
              </div>
            )}
            {!e.canManage && e.actions.length > 0 && (
              <section>
                <h2>{t('events.organise.actions')}</h2>
                <ActionList e={e} />
              </section>
            )}
          </>
        );
      }}
    </QueryState>
  );
}

/** The signed-in person's open follow-up actions, soonest due first, each closed with one button. */
export function MyActionsPage() {
  const { t } = useTranslation();
  const actions = useApiQuery('GET /api/me/actions', {});
  const [error, setError] = useState<unknown>(null);
  const close = async (actionId: string) => {
    setError(null);
    try {
      await call('POST /api/events/actions/:actionId/close', { params: { actionId } });
      await actions.refetch();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="events">
      <h1>{t('events.actions.title')}</h1>
      {error !== null && <ErrorText error={error} />}
      <QueryState query={actions}>
        {() =>
          actions.data!.items.length === 0 ? (
            <p className="muted">{t('events.actions.none')}</p>
          ) : (
            <ul className="cards">
              {actions.data!.items.map((a) => (
                <li key={a.id} className="card">
                  <LocalText value={a.title} />
                  <p className="muted">
                    <Link to={`/events/${a.eventId}`}>
                      <LocalText value={a.eventTitle} />
                    </Link>{' '}
                    · {t(a.overdue ? 'events.actions.overdue' : 'events.actions.due', { date: formatDay(a.dueOn) })}
                  </p>
                  <button type="button" onClick={() => void close(a.id)}>
                    {t('events.actions.close')}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
