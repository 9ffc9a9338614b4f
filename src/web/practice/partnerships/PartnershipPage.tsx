import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { addLogEntry, keys, type PartnershipView, todayIso, usePartnership } from './data.ts';

/** A partnership: who works with whom over which period, the schools with their coaching cycles, the log. */
export default function PartnershipPage() {
  const { t } = useTranslation();
  const { partnershipId = '' } = useParams();
  const partnership = usePartnership(partnershipId);
  return (
    <QueryState query={partnership}>
      {() => {
        const p = partnership.data!;
        return (
          <>
            <p>
              <Link to="/partnerships">{t('partnerships.title')}</Link>
            </p>
            <h1>{p.title}</h1>
            <dl className="facts">
              <dt>{t('partnerships.fields.host')}</dt>
              <dd>{p.host.name.text}</dd>
              <dt>{t('partnerships.fields.period')}</dt>
              <dd>
                {formatDay(p.startsOn)} – {formatDay(p.endsOn)} ({t(`partnerships.status.${p.status}`)})
              </dd>
              <dt>{t('partnerships.fields.focus')}</dt>
              <dd>{p.focus}</dd>
              <dt>{t('partnerships.fields.coaches')}</dt>
              <dd>{p.coaches.map((c) => c.name).join(', ')}</dd>
            </dl>
            {p.can.edit && (
              <p>
                <Link className="button-link" to={`/partnerships/${p.id}/edit`}>
                  {t('partnerships.edit')}
                </Link>
              </p>
            )}
            <Schools partnership={p} />
            <Log partnership={p} />
          </>
        );
      }}
    </QueryState>
  );
}

function Schools({ partnership: p }: { partnership: PartnershipView }) {
  const { t } = useTranslation();
  const total = (pick: (s: PartnershipView['schools'][number]) => number) => p.schools.reduce((n, s) => n + pick(s), 0);
  return (
    <section>
      <h2>{t('partnerships.fields.schools')}</h2>
      <p className="muted">
        {t('partnerships.cyclesSummary', {
          started: formatNumber(total((s) => s.cyclesStarted)),
          completed: formatNumber(total((s) => s.cyclesCompleted)),
        })}
      </p>
      <table className="cards">
        <caption className="visually-hidden">{t('partnerships.fields.schools')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('partnerships.school')}</th>
            <th scope="col">{t('partnerships.teachers')}</th>
            <th scope="col">{t('partnerships.cyclesStarted')}</th>
            <th scope="col">{t('partnerships.cyclesCompleted')}</th>
          </tr>
        </thead>
        <tbody>
          {p.schools.map((s) => (
            <tr key={s.id}>
              <td>{s.name.text}</td>
              <td data-label={t('partnerships.teachers')}>{formatNumber(s.teachers)}</td>
              <td data-label={t('partnerships.cyclesStarted')}>{formatNumber(s.cyclesStarted)}</td>
              <td data-label={t('partnerships.cyclesCompleted')}>{formatNumber(s.cyclesCompleted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Log({ partnership: p }: { partnership: PartnershipView }) {
  const { t } = useTranslation();
  const [happenedOn, setHappenedOn] = useState(todayIso() > p.endsOn ? p.endsOn : todayIso());
  const [text, setText] = useState('');
  const { act, failure, busy } = useAct([keys.one(p.id)]);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await act(() => addLogEntry(p.id, { happenedOn, text: text.trim() }))) setText('');
  }
  return (
    <section>
      <h2>{t('partnerships.log.title')}</h2>
      {p.can.log && (
        <form className="panel stack" onSubmit={(e) => void submit(e)}>
          <label>
            {t('partnerships.log.date')}
            <input
              type="date"
              required
              min={p.startsOn}
              max={todayIso() > p.endsOn ? p.endsOn : todayIso()}
              value={happenedOn}
              onChange={(e) => setHappenedOn(e.target.value)}
            />
          </label>
          <label>
            {t('partnerships.log.text')}
            <textarea required maxLength={4000} rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          {failure !== null && <ErrorText error={failure} />}
          <p>
            <button type="submit" disabled={busy || !text.trim()}>
              {t('partnerships.log.add')}
            </button>
          </p>
        </form>
      )}
      {p.log.length === 0 ? (
        <p className="muted">{t('partnerships.log.none')}</p>
      ) : (
        <ol className="items">
          {p.log.map((entry) => (
            <li key={entry.id}>
              <strong>{formatDay(entry.happenedOn)}</strong>
              {entry.author && <span className="muted"> · {entry.author}</span>}
              <p>{entry.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
