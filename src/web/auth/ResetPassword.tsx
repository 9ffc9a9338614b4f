import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { call } from '../api/routes.ts';
import { SignInFrame } from './SignInFrame.tsx';

/** Opened from the mailed link: the token is in the fragment, so it never reaches a server log. */
export default function ResetPassword() {
  const { t } = useTranslation();
  const token = window.location.hash.slice(1);
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (next.length < 10) return setProblem(t('account.short'));
    if (next !== confirm) return setProblem(t('account.mismatch'));
    setBusy(true);
    setProblem(null);
    try {
      await call('POST /api/auth/password-reset/confirm', { body: { token, newPassword: next } });
      window.history.replaceState(null, '', '/reset-password');
      setDone(true);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      setProblem(t(`errors.${code}`, { defaultValue: t('errors.unknown') }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SignInFrame titleId="reset-title" onSubmit={submit}>
      <h1 id="reset-title">{t('signIn.forgotTitle')}</h1>
      {done ? (
        <p role="status" className="success">
          {t('signIn.resetDone')}
        </p>
      ) : (
        <>
          <label htmlFor="new-password">{t('account.new')}</label>
          <input
            id="new-password"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
          <label htmlFor="confirm-password">{t('account.confirm')}</label>
          <input
            id="confirm-password"
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
          {problem && (
            <p className="error" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" disabled={busy || !token}>
            {t('account.save')}
          </button>
        </>
      )}
      <p>
        <a href="/">{t('signIn.back')}</a>
      </p>
    </SignInFrame>
  );
}
