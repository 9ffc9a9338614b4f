import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { formatDate } from '../i18n/index.ts';
import { LanguageSwitcher } from '../shell/LanguageSwitcher.tsx';
import { RecognitionError } from './RecognitionError.tsx';
import type { PublicCredential, Verification } from './types.ts';

type Standing = 'verified' | 'revoked' | 'suspended' | 'expired' | 'failed' | 'needs_network';

/** What a stranger needs to know first: revoked and suspended outrank the signature; then expiry. */
export function standingOf(credential: Pick<PublicCredential, 'status' | 'validUntil' | 'verification'>): Standing {
  if (credential.status === 'revoked') return 'revoked';
  if (credential.status === 'suspended') return 'suspended';
  if (credential.validUntil && new Date(credential.validUntil).getTime() < Date.now()) return 'expired';
  return verdictOf(credential.verification);
}

/** A key that could not be fetched (offline) is neither a pass nor a forgery: it is said apart. */
export function verdictOf(verification: Pick<Verification, 'verified' | 'verdict'>): Standing {
  if (verification.verdict === 'needs_network') return 'needs_network';
  return verification.verified ? 'verified' : 'failed';
}

export function verdictClass(standing: Standing): string {
  return standing === 'verified' ? 'success' : standing === 'needs_network' ? 'warning' : 'error';
}

/** Public, no sign-in: the page a certificate's QR code opens. */
export default function VerifyPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const found = useApiQuery(
    'GET /api/public/credentials/:id',
    { params: { id: id! } },
    {
      staleTime: 0,
    },
  );
  return (
    <PublicFrame>
      <h1>{t('recognition.verify.title')}</h1>
      {found.error ? <RecognitionError error={found.error} /> : null}
      {found.isPending ? <p className="muted">{t('app.loading')}</p> : null}
      {found.data ? <CredentialVerdict credential={found.data} /> : null}
      <p>
        <Link to="/verify">{t('recognition.verify.fileLink')}</Link>
      </p>
    </PublicFrame>
  );
}

function CredentialVerdict({ credential }: { credential: PublicCredential }) {
  const { t } = useTranslation();
  const standing = standingOf(credential);
  return (
    <>
      <p className={`verdict verdict-${standing} ${verdictClass(standing)}`} role="status">
        <strong>{t(`recognition.verify.standing.${standing}`)}</strong>
      </p>
      <dl className="facts">
        <dt>{t('recognition.verify.credential')}</dt>
        <dd lang={credential.locale}>{credential.name}</dd>
        <dt>{t('recognition.verify.holder')}</dt>
        <dd>{credential.holderName}</dd>
        <dt>{t('recognition.verify.issuer')}</dt>
        <dd>{credential.issuer.name}</dd>
        <dt>{t('recognition.verify.issued')}</dt>
        <dd>{formatDate(credential.issuedAt)}</dd>
        {credential.validUntil ? (
          <>
            <dt>{t('recognition.verify.validUntil')}</dt>
            <dd>{formatDate(credential.validUntil)}</dd>
          </>
        ) : null}
        {credential.statusChangedAt && credential.status !== 'active' ? (
          <>
            <dt>{t('recognition.verify.since')}</dt>
            <dd>{formatDate(credential.statusChangedAt)}</dd>
          </>
        ) : null}
        <dt>{t('recognition.verify.description')}</dt>
        <dd lang={credential.locale}>{credential.description}</dd>
      </dl>
      <Checks verification={credential.verification} />
    </>
  );
}

/** Each check and whether it passed, in words (not only colour). */
export function Checks({ verification }: { verification: Verification }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="checks-heading">
      <h2 id="checks-heading">{t('recognition.verify.checks')}</h2>
      <ul className="plain checks">
        {verification.results.map((r) => (
          <li key={r.check} className={`check-${r.outcome}`}>
            <strong>{t(`recognition.check.${r.check}`)}</strong>: {t(`recognition.outcome.${r.outcome}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The light frame of the public pages: the name, a language choice, no navigation. */
export function PublicFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <div className="who">
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="narrow">
        {children}
      </main>
    </>
  );
}
