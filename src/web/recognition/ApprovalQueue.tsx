import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatDate } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { RecognitionError } from './RecognitionError.tsx';
import type { Award } from './types.ts';

const STATUSES = ['pending', 'issued', 'rejected'] as const;

/** Awards waiting for an approver's sign-off, for people in the approver's scope; and those decided. */
export default function ApprovalQueue() {
  const { t } = useTranslation();
  const allowed = useCan('recognition.approve');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('pending');
  const queue = useApiQuery('GET /api/recognition/awards', { query: { status, limit: 200 } }, { enabled: allowed });
  if (!allowed) return <NotAllowed />;
  return (
    <>
      <h1>{t('recognition.queue.title')}</h1>
      <label>
        {t('recognition.award.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`recognition.award.state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={queue}>
        {() =>
          queue.data!.items.length === 0 ? (
            <p>{t('recognition.queue.empty')}</p>
          ) : (
            <ul className="cards">
              {queue.data!.items.map((award) => (
                <AwardCard key={award.id} award={award} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

function AwardCard({ award }: { award: Award }) {
  const { t } = useTranslation();
  const decide = useAct([['GET /api/recognition/awards'], ['GET /api/recognition/rules']]);
  const [reason, setReason] = useState('');
  const reasonId = `reason-${award.id}`;
  async function reject(event: FormEvent) {
    event.preventDefault();
    await decide.act(() =>
      call('POST /api/recognition/awards/:id/reject', { params: { id: award.id }, body: { reason } }),
    );
  }
  return (
    <li className="card" aria-labelledby={`award-${award.id}`}>
      <p className="card-title" id={`award-${award.id}`}>
        <Link to={`/people/${award.personId}`}>{award.personName}</Link>
      </p>
      <dl className="facts">
        <dt>{t('recognition.award.rule')}</dt>
        <dd>
          <LocalText value={award.ruleName} /> ({t(`recognition.type.${award.achievementType}`)})
        </dd>
        <dt>{t('recognition.unit')}</dt>
        <dd>
          <LocalText value={award.unitName} />
        </dd>
        <dt>{t('recognition.award.qualified')}</dt>
        <dd>{formatDate(award.qualifiedAt)}</dd>
        {award.decidedAt ? (
          <>
            <dt>{t('recognition.award.decided')}</dt>
            <dd>
              {formatDate(award.decidedAt)}
              {award.decidedBy ? ` · ${award.decidedBy}` : null}
            </dd>
          </>
        ) : null}
        {award.reason ? (
          <>
            <dt>{t('recognition.award.reason')}</dt>
            <dd>{award.reason}</dd>
          </>
        ) : null}
      </dl>
      {award.status === 'pending' ? (
        <>
          <button
            type="button"
            disabled={decide.busy}
            onClick={() =>
              decide.act(() => call('POST /api/recognition/awards/:id/approve', { params: { id: award.id }, body: {} }))
            }
          >
            {t('recognition.queue.approve', { name: award.personName })}
          </button>
          <form className="inline" onSubmit={reject}>
            <label htmlFor={reasonId}>{t('recognition.award.reason')}</label>
            <input id={reasonId} value={reason} required onChange={(e) => setReason(e.target.value)} />
            <button type="submit" className="secondary" disabled={decide.busy || reason.trim() === ''}>
              {t('recognition.queue.reject')}
            </button>
          </form>
          <RecognitionError error={decide.failure} />
        </>
      ) : null}
    </li>
  );
}
