import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatDate, formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { RecognitionError } from './RecognitionError.tsx';
import type { Award } from './types.ts';

/** The issuer: credentials issued (revoke, suspend, reinstate with a reason) and its signing keys (rotate). */
export default function IssuerPage() {
  const { t } = useTranslation();
  const allowed = useCan('recognition.manage');
  const issuer = useApiQuery(
    'GET /api/issuer',
    {},
    {
      enabled: allowed,
    },
  );
  const issued = useApiQuery(
    'GET /api/recognition/awards',
    { query: { status: 'issued', limit: 200 } },
    {
      enabled: allowed,
    },
  );
  const rotate = useAct([['GET /api/issuer']]);
  if (!allowed) return <NotAllowed />;
  return (
    <>
      <h1>{t('recognition.issuer.title')}</h1>
      <QueryState query={issuer}>
        {() => (
          <>
            <p>
              <strong>{issuer.data!.name}</strong> · {issuer.data!.id}
            </p>
            <ul className="headline">
              {(['active', 'suspended', 'revoked'] as const).map((s) => (
                <li key={s}>
                  <strong>{formatNumber(issuer.data!.counts[s])}</strong> {t(`recognition.credential.status.${s}`)}
                </li>
              ))}
            </ul>
            <section aria-labelledby="keys-heading">
              <h2 id="keys-heading">{t('recognition.issuer.keys')}</h2>
              <div className="scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('recognition.issuer.key')}</th>
                      <th scope="col">{t('recognition.issuer.created')}</th>
                      <th scope="col">{t('recognition.issuer.keyState')}</th>
                      <th scope="col">{t('recognition.issuer.signed')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {issuer.data!.keys.map((k) => (
                      <tr key={k.id}>
                        <td>
                          <code>{k.publicKeyMultibase.slice(0, 16)}…</code>
                        </td>
                        <td>{formatDate(k.createdAt)}</td>
                        <td>
                          {k.active
                            ? t('recognition.issuer.active')
                            : t('recognition.issuer.retired', { date: formatDate(k.retiredAt!) })}
                        </td>
                        <td>{formatNumber(k.credentials)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                disabled={rotate.busy}
                onClick={() => {
                  if (window.confirm(t('recognition.issuer.confirmRotate')))
                    void rotate.act(() => call('POST /api/issuer/keys/rotate'));
                }}
              >
                {t('recognition.issuer.rotate')}
              </button>
              <RecognitionError error={rotate.failure} />
            </section>
          </>
        )}
      </QueryState>
      <section aria-labelledby="issued-heading">
        <h2 id="issued-heading">{t('recognition.issuer.issued')}</h2>
        <QueryState query={issued}>
          {() =>
            issued.data!.items.length === 0 ? (
              <p>{t('recognition.issuer.none')}</p>
            ) : (
              <ul className="cards">
                {issued.data!.items.map((a) => (
                  <IssuedCard key={a.id} award={a} />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function IssuedCard({ award }: { award: Award }) {
  const { t } = useTranslation();
  const change = useAct([['GET /api/recognition/awards'], ['GET /api/issuer']]);
  const [reason, setReason] = useState('');
  const [action, setAction] = useState<'revoke' | 'suspend' | 'reinstate'>(
    award.credentialStatus === 'suspended' ? 'reinstate' : 'suspend',
  );
  const id = `status-${award.id}`;
  const status = award.credentialStatus;
  const actions: ('revoke' | 'suspend' | 'reinstate')[] =
    status === 'active' ? ['suspend', 'revoke'] : status === 'suspended' ? ['reinstate', 'revoke'] : [];
  const chosen = actions.includes(action) ? action : actions[0]!;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (chosen === 'revoke' && !window.confirm(t('recognition.issuer.confirmRevoke'))) return;
    const ok = await change.act(() =>
      call(`POST /api/credentials/:id/${chosen}`, { params: { id: award.credentialId! }, body: { reason } }),
    );
    if (ok) setReason('');
  }
  return (
    <li className="card" aria-labelledby={`issued-${award.id}`}>
      <p className="card-title" id={`issued-${award.id}`}>
        {award.personName} · <LocalText value={award.ruleName} />
      </p>
      <p>
        {status ? <span className={`tag status-${status}`}>{t(`recognition.credential.status.${status}`)}</span> : null}{' '}
        {award.decidedAt ? t('recognition.credential.issuedOn', { date: formatDate(award.decidedAt) }) : null}
        {award.credentialId ? (
          <>
            {' '}
            · <Link to={`/verify/${award.credentialId}`}>{t('recognition.wallet.open')}</Link>
          </>
        ) : null}
      </p>
      {award.credentialId && actions.length > 0 ? (
        <form className="inline" onSubmit={submit}>
          <label>
            {t('recognition.issuer.action')}
            <select value={chosen} onChange={(e) => setAction(e.target.value as typeof action)}>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`recognition.issuer.do.${a}`)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={id}>{t('recognition.award.reason')}</label>
          <input id={id} value={reason} required onChange={(e) => setReason(e.target.value)} />
          <button type="submit" disabled={change.busy || reason.trim() === ''}>
            {t('recognition.issuer.apply')}
          </button>
        </form>
      ) : null}
      <RecognitionError error={change.failure} />
    </li>
  );
}
