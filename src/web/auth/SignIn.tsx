import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { call } from '../api/routes.ts';
import type { Me } from '../api/types.ts';
import { SignInFrame } from './SignInFrame.tsx';
import { adoptMe } from './session.tsx';

export function SignIn({ expired, onSignedIn }: { expired: boolean; onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [forgot, setForgot] = useState(false);
  const [sent, setSent] = useState(false);

  async function askForLink(event: FormEvent) {
    event.preventDefault();
    if (!username.trim()) return setProblem(t('signIn.required'));
    setBusy(true);
    setProblem(null);
    try {
      await call('POST /api/auth/password-reset', { body: { username: username.trim() } });
      setSent(true);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      setProblem(t(`errors.${code}`, { defaultValue: t('errors.unknown') }));
    } finally {
      setBusy(false);
    }
  }

  if (forgot)
    return (
      <SignInFrame titleId="forgot-title" onSubmit={askForLink}>
        <h1 id="forgot-title">{t('signIn.forgotTitle')}</h1>
        <p className="muted">{t('signIn.forgotHelp')}</p>
        <label htmlFor="username">{t('signIn.username')}</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        {sent && (
          <p className="success" role="status">
            {t('signIn.forgotSent')}
          </p>
        )}
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('signIn.forgotSend')}
        </button>
        <button
          type="button"
          className="link"
          onClick={() => {
            setForgot(false);
            setSent(false);
            setProblem(null);
          }}
        >
          {t('signIn.back')}
        </button>
      </SignInFrame>
    );

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setProblem(t('signIn.required'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const me = await call('POST /api/auth/login', { body: { username, password } });
      adoptMe(me);
      onSignedIn(me);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      setProblem(t(`errors.${code}`, { defaultValue: t('errors.unknown') }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SignInFrame titleId="sign-in-title" onSubmit={submit}>
      <p className="muted">{t('app.tagline')}</p>
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {expired && (
        <p className="warning" role="status">
          {t('signIn.expired')}
        </p>
      )}
      <label htmlFor="username">{t('signIn.username')}</label>
      <input
        id="username"
        name="username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor="password">{t('signIn.password')}</label>
      <input
        id="password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('signIn.busy') : t('signIn.submit')}
      </button>
      <button
        type="button"
        className="link"
        onClick={() => {
          setForgot(true);
          setProblem(null);
        }}
      >
        {t('signIn.forgot')}
      </button>
    </SignInFrame>
  );
}
