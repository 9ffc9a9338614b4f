import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { routeUrl, useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { formatDate } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { ConditionSummary } from './ConditionEditor.tsx';
import { useRuleCatalogue } from './catalogue.ts';
import type { CredentialSummary, Rule } from './types.ts';

/** The holder's credentials: each to download (JSON, VC-JWT, PDF certificate) and share; what awaits approval; what can be earned. */
export default function WalletPage() {
  const { t } = useTranslation();
  const me = useMe();
  const credentials = useApiQuery('GET /api/people/:personId/credentials', { params: { personId: me.personId! } }, {});
  const waiting = useApiQuery(
    'GET /api/recognition/awards',
    { query: { status: 'pending', personId: me.personId! } },
    {},
  );
  const rules = useApiQuery('GET /api/recognition/rules', {}, {});
  const earnable = rules.data?.items.filter((r) => r.status === 'active') ?? [];
  return (
    <>
      <h1>{t('recognition.wallet.title')}</h1>
      <QueryState query={credentials}>
        {() =>
          credentials.data!.length === 0 ? (
            <p>{t('recognition.wallet.empty')}</p>
          ) : (
            <ul className="cards">
              {credentials.data!.map((c) => (
                <CredentialCard key={c.id} credential={c} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {waiting.data && waiting.data.items.length > 0 ? (
        <section aria-labelledby="waiting-heading">
          <h2 id="waiting-heading">{t('recognition.wallet.waiting')}</h2>
          <ul>
            {waiting.data.items.map((a) => (
              <li key={a.id}>
                <LocalText value={a.ruleName} /> · {formatDate(a.qualifiedAt)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {earnable.length > 0 ? <EarnableRules rules={earnable} /> : null}
    </>
  );
}

function CredentialCard({ credential }: { credential: CredentialSummary }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const shareId = `share-${credential.id}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(credential.verifyUrl);
      setCopied(true);
    } catch {
      (document.getElementById(shareId) as HTMLInputElement | null)?.select();
    }
  }
  return (
    <li className="card" aria-labelledby={`credential-${credential.id}`}>
      <p className="card-title" id={`credential-${credential.id}`}>
        {credential.name}
      </p>
      <p>
        <span className={`tag status-${credential.status}`}>
          {t(`recognition.credential.status.${credential.status}`)}
        </span>{' '}
        {t('recognition.credential.issuedOn', { date: formatDate(credential.issuedAt) })}
      </p>
      <p className="downloads">
        <a href={routeUrl('GET /api/credentials/:id/certificate.pdf', { params: { id: credential.id } })} download>
          {t('recognition.wallet.pdf')}
        </a>{' '}
        ·{' '}
        <a href={routeUrl('GET /api/credentials/:id/download', { params: { id: credential.id } })} download>
          {t('recognition.wallet.json')}
        </a>{' '}
        ·{' '}
        <a href={routeUrl('GET /api/credentials/:id/credential.jwt', { params: { id: credential.id } })} download>
          {t('recognition.wallet.jwt')}
        </a>{' '}
        · <Link to={`/verify/${credential.id}`}>{t('recognition.wallet.open')}</Link>
      </p>
      <div className="inline share">
        <label htmlFor={shareId}>{t('recognition.wallet.link')}</label>
        <input id={shareId} readOnly value={credential.verifyUrl} onFocus={(e) => e.target.select()} />
        <button type="button" className="secondary" onClick={copy}>
          {t('recognition.wallet.copy')}
        </button>
        <span role="status">{copied ? t('recognition.wallet.copied') : ''}</span>
      </div>
    </li>
  );
}

function EarnableRules({ rules }: { rules: Rule[] }) {
  const { t } = useTranslation();
  const catalogue = useRuleCatalogue(rules[0]?.frameworkId);
  return (
    <section aria-labelledby="earnable-heading">
      <h2 id="earnable-heading">{t('recognition.wallet.earnable')}</h2>
      <ul>
        {rules.map((r) => (
          <li key={r.id}>
            <strong>
              <LocalText value={r.displayName} />
            </strong>{' '}
            ({t(`recognition.mode.${r.mode}`)})
            {catalogue.ready ? (
              <div>
                <ConditionSummary value={r.condition} catalogue={catalogue} />
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
