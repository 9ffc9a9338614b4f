import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';
import { formatDay, i18n } from '../../i18n/index.ts';
import { ErrorText } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';

type Detail = ApiResponse<'GET /api/events/:eventId'>;
type Action = Detail['actions'][number];

function useEventAct(eventId: string) {
  return useAct([
    queryKey('GET /api/events/:eventId', { params: { eventId } }),
    queryKey('GET /api/me/actions'),
    queryKey('GET /api/events'),
  ]);
}
const here = (text: string) => ({ [i18n.language]: text }) as Record<string, string>;

/** Who is on the list, and inviting more: people the organiser can see, found by family name, and guests by email. */
export function InviteForm({ e }: { e: Detail }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [guest, setGuest] = useState('');
  const people = useApiQuery('GET /api/people', { query: { q: search, limit: 50 } }, { enabled: search !== '' });
  const { act, failure, busy } = useEventAct(e.id);
  const listed = new Set(e.participants.map((p) => p.personId));
  return (
    <section>
      <h2>{t('events.organise.participants')}</h2>
      {e.participants.length + e.guests.length === 0 ? (
        <p className="muted">{t('events.organise.nobody')}</p>
      ) : (
        <ul>
          {e.participants.map((p) => (
            <li key={p.personId}>
              {p.name} <span className="muted">· {t(`events.organise.source.${p.source}`)}</span>
            </li>
          ))}
          {e.guests.map((g) => (
            <li key={g.email}>
              {g.name ?? g.email} <span className="muted">· {t('events.organise.guest')}</span>
            </li>
          ))}
        </ul>
      )}
      <form
        className="inline-form"
        onSubmit={(ev) => {
          ev.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label>
          {t('events.organise.findPerson')}
          <input type="search" value={q} onChange={(ev) => setQ(ev.target.value)} />
        </label>
        <button type="submit">{t('events.organise.find')}</button>
      </form>
      <form
        onSubmit={async (ev) => {
          ev.preventDefault();
          const guests = guest.trim() ? [{ email: guest.trim() }] : [];
          const ok = await act(() =>
            call('POST /api/events/:eventId/invitations', {
              params: { eventId: e.id },
              body: { personIds: chosen, guests },
            }),
          );
          if (ok) {
            setChosen([]);
            setGuest('');
          }
        }}
      >
        {search !== '' && (
          <fieldset>
            <legend>{t('events.organise.found')}</legend>
            {people.data?.items.length === 0 && <p className="muted">{t('events.organise.noneFound')}</p>}
            {people.data?.items
              .filter((p) => !listed.has(p.id))
              .map((p) => (
                <label key={p.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.includes(p.id)}
                    onChange={(ev) =>
                      setChosen(ev.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))
                    }
                  />{' '}
                  {p.givenName} {p.familyName} <span className="muted">· {p.orgUnitName}</span>
                </label>
              ))}
          </fieldset>
        )}
        <label>
          {t('events.organise.guestEmail')}
          <input type="email" value={guest} onChange={(ev) => setGuest(ev.target.value)} />
        </label>
        <button type="submit" disabled={busy || (chosen.length === 0 && !guest.trim())}>
          {t('events.organise.invite')}
        </button>
      </form>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

/** Who came, once the event has started. */
export function AttendanceForm({ e }: { e: Detail }) {
  const { t } = useTranslation();
  const [came, setCame] = useState<Record<string, boolean>>(() =>
    Object.fromEntries([
      ...e.participants.map((p) => [p.personId, p.attended ?? false]),
      ...e.guests.map((g) => [g.email, g.attended ?? false]),
    ]),
  );
  const [saved, setSaved] = useState(false);
  const { act, failure, busy } = useEventAct(e.id);
  if (e.participants.length + e.guests.length === 0) return null;
  return (
    <section>
      <h2>{t('events.organise.attendance')}</h2>
      <form
        onSubmit={async (ev) => {
          ev.preventDefault();
          setSaved(false);
          const ok = await act(() =>
            call('PUT /api/events/:eventId/attendance', {
              params: { eventId: e.id },
              body: {
                people: e.participants.map((p) => ({ personId: p.personId, attended: came[p.personId] ?? false })),
                guests: e.guests.map((g) => ({ email: g.email, attended: came[g.email] ?? false })),
              },
            }),
          );
          setSaved(ok);
        }}
      >
        {[
          ...e.participants.map((p) => ({ key: p.personId, name: p.name })),
          ...e.guests.map((g) => ({ key: g.email, name: g.name ?? g.email })),
        ].map((p) => (
          <label key={p.key} className="check">
            <input
              type="checkbox"
              checked={came[p.key] ?? false}
              onChange={(ev) => setCame({ ...came, [p.key]: ev.target.checked })}
            />{' '}
            {p.name}
          </label>
        ))}
        <button type="submit" disabled={busy}>
          {t('events.organise.saveAttendance')}
        </button>
        {saved && <p role="status">{t('events.organise.saved')}</p>}
      </form>
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

/** Minutes and outcomes, decisions and follow-up actions, once the event has ended. */
export function RecordForms({ e }: { e: Detail }) {
  const { t } = useTranslation();
  const [minutes, setMinutes] = useState(e.minutes?.text ?? '');
  const [outcomes, setOutcomes] = useState(e.outcomes?.text ?? '');
  const [decision, setDecision] = useState('');
  const [action, setAction] = useState({ title: '', owner: '', dueOn: '', decisionId: '' });
  const [saved, setSaved] = useState(false);
  const { act, failure, busy } = useEventAct(e.id);
  const params = { eventId: e.id };
  return (
    <>
      <section>
        <h2>{t('events.organise.record')}</h2>
        <form
          onSubmit={async (ev) => {
            ev.preventDefault();
            setSaved(false);
            setSaved(
              await act(() =>
                call('PUT /api/events/:eventId/minutes', {
                  params,
                  body: { minutes: here(minutes), ...(outcomes.trim() ? { outcomes: here(outcomes) } : {}) },
                }),
              ),
            );
          }}
        >
          <label>
            {t('events.organise.minutes')}
            <textarea required rows={5} value={minutes} onChange={(ev) => setMinutes(ev.target.value)} />
          </label>
          <label>
            {t('events.organise.outcomes')}
            <textarea rows={3} value={outcomes} onChange={(ev) => setOutcomes(ev.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('events.organise.saveMinutes')}
          </button>
          {saved && <p role="status">{t('events.organise.saved')}</p>}
        </form>
      </section>
      <section>
        <h2>{t('events.organise.decisions')}</h2>
        {e.decisions.length > 0 && (
          <ol>
            {e.decisions.map((d) => (
              <li key={d.id}>
                <LocalText value={d.text} />
              </li>
            ))}
          </ol>
        )}
        <form
          onSubmit={async (ev) => {
            ev.preventDefault();
            if (
              await act(() => call('POST /api/events/:eventId/decisions', { params, body: { text: here(decision) } }))
            )
              setDecision('');
          }}
        >
          <label>
            {t('events.organise.decision')}
            <textarea required rows={2} value={decision} onChange={(ev) => setDecision(ev.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('events.organise.addDecision')}
          </button>
        </form>
      </section>
      <section>
        <h2>{t('events.organise.actions')}</h2>
        <ActionList e={e} />
        <form
          aria-label={t('events.organise.newAction')}
          onSubmit={async (ev) => {
            ev.preventDefault();
            const ok = await act(() =>
              call('POST /api/events/:eventId/actions', {
                params,
                body: {
                  title: here(action.title),
                  ownerPersonId: action.owner,
                  dueOn: action.dueOn,
                  ...(action.decisionId ? { decisionId: action.decisionId } : {}),
                },
              }),
            );
            if (ok) setAction({ title: '', owner: '', dueOn: '', decisionId: '' });
          }}
        >
          <label>
            {t('events.organise.actionTitle')}
            <input
              required
              maxLength={500}
              value={action.title}
              onChange={(ev) => setAction({ ...action, title: ev.target.value })}
            />
          </label>
          <label>
            {t('events.organise.owner')}
            <select required value={action.owner} onChange={(ev) => setAction({ ...action, owner: ev.target.value })}>
              <option value="">{t('events.organise.chooseOwner')}</option>
              {e.participants.map((p) => (
                <option key={p.personId} value={p.personId}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('events.organise.dueOn')}
            <input
              type="date"
              required
              value={action.dueOn}
              onChange={(ev) => setAction({ ...action, dueOn: ev.target.value })}
            />
          </label>
          {e.decisions.length > 0 && (
            <label>
              {t('events.organise.fromDecision')}
              <select
                value={action.decisionId}
                onChange={(ev) => setAction({ ...action, decisionId: ev.target.value })}
              >
                <option value="">{t('events.organise.noDecision')}</option>
                {e.decisions.map((d, i) => (
                  <option key={d.id} value={d.id}>
                    {i + 1}. {d.text.text.slice(0, 60)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={busy}>
            {t('events.organise.addAction')}
          </button>
        </form>
      </section>
      {failure !== null && <ErrorText error={failure} />}
    </>
  );
}

/** The event's actions as the reader sees them (organisers: all; others: their own), each closable once. */
export function ActionList({ e }: { e: Detail }) {
  const { t } = useTranslation();
  const { act, failure, busy } = useEventAct(e.id);
  if (e.actions.length === 0) return <p className="muted">{t('events.actions.none')}</p>;
  return (
    <>
      <ul className="cards">
        {e.actions.map((a: Action) => (
          <li key={a.id} className="card">
            <LocalText value={a.title} />
            <span className="muted">
              {a.owner.name} ·{' '}
              {a.status === 'done'
                ? t('events.actions.done', { name: a.closedBy?.name ?? '' })
                : t(a.overdue ? 'events.actions.overdue' : 'events.actions.due', { date: formatDay(a.dueOn) })}
            </span>
            {a.status === 'open' && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(() => call('POST /api/events/actions/:actionId/close', { params: { actionId: a.id } }))
                }
              >
                {t('events.actions.close')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {failure !== null && <ErrorText error={failure} />}
    </>
  );
}
