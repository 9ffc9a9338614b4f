import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { call, routeUrl } from '../api/routes.ts';
import { PreferencesForm } from '../notifications/PreferencesForm.tsx';
import { ErrorText } from '../shell/ErrorText.tsx';

/** `mustChange`: the account must set its own password before anything else (nothing but the form is shown). */
export default function AccountPage({
  mustChange = false,
  onChanged,
}: {
  mustChange?: boolean;
  onChanged?: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ current: '', next: '', confirm: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (form.next.length < 10) local.newPassword = t('account.short');
    if (form.next !== form.confirm) local.confirm = t('account.mismatch');
    setErrors(local);
    setSaved(false);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await call('POST /api/me/password', { body: { currentPassword: form.current, newPassword: form.next } });
      setSaved(true);
      setForm({ current: '', next: '', confirm: '' });
      onChanged?.();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'invalid_credentials')
        setErrors({ currentPassword: t('errors.invalid_credentials') });
      else if (error instanceof ApiError && error.fieldErrors().newPassword)
        setErrors({ newPassword: t('account.short') });
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof typeof form, errorKey: string, label: string, autoComplete: string) => (
    <label>
      {label}
      <input
        type="password"
        autoComplete={autoComplete}
        value={form[name]}
        aria-invalid={!!errors[errorKey]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
      {errors[errorKey] && <span className="field-error">{errors[errorKey]}</span>}
    </label>
  );

  return (
    <>
      <h1>{t('account.title')}</h1>
      {mustChange && (
        <p className="warning" role="status">
          {t('account.mustChange')}
        </p>
      )}
      <form className="panel" onSubmit={submit} noValidate>
        <h2>{t('account.password')}</h2>
        {field('current', 'currentPassword', t('account.current'), 'current-password')}
        {field('next', 'newPassword', t('account.new'), 'new-password')}
        {field('confirm', 'confirm', t('account.confirm'), 'new-password')}
        {failure ? <ErrorText error={failure} /> : null}
        {saved && (
          <p role="status" className="success">
            {t('account.saved')}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('account.save')}
        </button>
      </form>
      {!mustChange && <PreferencesForm />}
      {!mustChange && (
        <section className="panel" aria-labelledby="my-data">
          <h2 id="my-data">{t('account.myData.title')}</h2>
          <p>{t('account.myData.intro')}</p>
          <p>
            <a href={routeUrl('GET /api/me/export', { query: { format: 'pdf' } })} download>
              {t('account.myData.pdf')}
            </a>
            {' · '}
            <a href={routeUrl('GET /api/me/export', { query: { format: 'json' } })} download>
              {t('account.myData.json')}
            </a>
          </p>
        </section>
      )}
    </>
  );
}
