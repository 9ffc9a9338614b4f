import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../server/shared/access.ts';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, call, useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatDate } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';

/** Resolves what an administrator types (a national id, a unit code) to the ids the API takes. */
async function personByNationalId(nationalId: string) {
  const page = await call('GET /api/people', { query: { q: nationalId, limit: 5 } });
  const person = page.items.find((p) => p.nationalId === nationalId);
  if (!person) throw new ApiError(404, 'person_not_found', 'No such person', { field: 'personId' });
  return person;
}

async function unitByCode(code: string) {
  const page = await call('GET /api/org-units', { query: { q: code, limit: 20 } });
  const unit = page.items.find((u) => u.code === code);
  if (!unit) throw new ApiError(404, 'org_unit_not_found', 'No such unit', { field: 'orgUnitId' });
  return unit;
}

function FieldError({ errors, name }: { errors: Record<string, string>; name: string }) {
  return errors[name] ? (
    <span className="field-error" id={`${name}-error`}>
      {errors[name]}
    </span>
  ) : null;
}

function CreateAccount({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ nationalId: '', username: '', password: '', role: 'teacher', unitCode: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.nationalId.trim()) local.personId = t('errors.validation_failed');
    if (form.username.trim().length < 3) local.username = t('errors.validation_failed');
    if (form.password.length < 10) local.password = t('account.short');
    if (!form.unitCode.trim()) local.orgUnitId = t('errors.validation_failed');
    setErrors(local);
    setDone(null);
    setFailure(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const person = await personByNationalId(form.nationalId.trim());
      const unit = await unitByCode(form.unitCode.trim());
      const account = await call('POST /api/accounts', {
        body: {
          personId: person.id,
          username: form.username,
          password: form.password,
          roles: [{ role: form.role as Role, orgUnitId: unit.id }],
        },
      });
      setDone(t('accounts.created', { username: account.username }));
      setForm({ nationalId: '', username: '', password: '', role: 'teacher', unitCode: '' });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors()).length) {
        const byField = error.fieldErrors();
        setErrors(
          Object.fromEntries(
            Object.keys(byField).map((k) => [k, t(`errors.${error.code}`, { defaultValue: byField[k] })]),
          ),
        );
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof typeof form, errorKey: string, label: string, type = 'text') => (
    <label>
      {label}
      <input
        type={type}
        value={form[name]}
        aria-invalid={!!errors[errorKey]}
        aria-describedby={errors[errorKey] ? `${errorKey}-error` : undefined}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
      />
      <FieldError errors={errors} name={errorKey} />
    </label>
  );

  return (
    <form className="panel" onSubmit={submit} noValidate>
      <h2>{t('accounts.create')}</h2>
      {field('nationalId', 'personId', t('accounts.person'))}
      {field('username', 'username', t('accounts.username'))}
      {field('password', 'password', t('accounts.password'), 'password')}
      <label>
        {t('accounts.role')}
        <select value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`scope.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      {field('unitCode', 'orgUnitId', t('accounts.unit'))}
      {failure ? <ErrorText error={failure} /> : null}
      {done && <p role="status">{done}</p>}
      <button type="submit" disabled={busy}>
        {busy ? t('app.loading') : t('accounts.submit')}
      </button>
    </form>
  );
}

type Account = ApiResponse<'GET /api/accounts/:accountId'>;
type Role = Account['grants'][number]['role'];

function AccountRow({ account, onChange }: { account: Account; onChange: () => void }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>('teacher');
  const [unitCode, setUnitCode] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  async function act(work: () => Promise<unknown>) {
    setFailure(null);
    setNotice(null);
    try {
      await work();
      onChange();
    } catch (error) {
      setFailure(error);
    }
  }
  return (
    <li className="card">
      <span className="card-title">
        {account.displayName} ({account.username})
      </span>
      <span className="muted">
        {t('accounts.status')}: {t(`accounts.${account.status}`)} · {t('accounts.lastLogin')}:{' '}
        {account.lastLoginAt ? formatDate(account.lastLoginAt) : t('accounts.never')}
        {account.mustChangePassword && ` · ${t('accounts.mustChange')}`}
      </span>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          if (!window.confirm(t('accounts.forceResetConfirm', { username: account.username }))) return;
          void act(async () => {
            const { mailed } = await call('POST /api/accounts/:accountId/password-reset', {
              params: { accountId: account.id },
              body: { sendLink: true, mustChange: true },
            });
            setNotice(t(mailed ? 'accounts.forceResetMailed' : 'accounts.forceResetNoMail'));
          });
        }}
      >
        {t('accounts.forceReset')}
      </button>
      {notice && <p role="status">{notice}</p>}
      <ul className="grants" aria-label={t('accounts.roles')}>
        {account.grants.map((g) => (
          <li key={g.id}>
            {t(`scope.role.${g.role}`)} · {g.orgUnitName}{' '}
            <button
              type="button"
              className="link"
              onClick={() =>
                act(() =>
                  call('DELETE /api/accounts/:accountId/roles/:grantId', {
                    params: { accountId: account.id, grantId: g.id },
                  }),
                )
              }
            >
              {t('accounts.remove')}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const unit = await unitByCode(unitCode.trim());
            await call('POST /api/accounts/:accountId/roles', {
              params: { accountId: account.id },
              body: { role, orgUnitId: unit.id },
            });
            setUnitCode('');
          });
        }}
      >
        <label>
          {t('accounts.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`scope.role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('accounts.unit')}
          <input value={unitCode} onChange={(e) => setUnitCode(e.target.value)} required />
        </label>
        <button type="submit">{t('accounts.assign')}</button>
      </form>
      {failure ? <ErrorText error={failure} /> : null}
    </li>
  );
}

export default function Accounts() {
  const { t } = useTranslation();
  const allowed = useCan('accounts.manage');
  const client = useQueryClient();
  const accounts = useApiQuery('GET /api/accounts', { query: { limit: 200 } }, { enabled: allowed });
  if (!allowed) return <NotAllowed />;
  const refresh = () => void client.invalidateQueries({ queryKey: ['GET /api/accounts'] });
  return (
    <>
      <h1>{t('accounts.title')}</h1>
      <CreateAccount onDone={refresh} />
      <QueryState query={accounts}>
        {() =>
          accounts.data!.items.length === 0 ? (
            <p>{t('accounts.none')}</p>
          ) : (
            <ul className="cards">
              {accounts.data!.items.map((a) => (
                <AccountRow key={a.id} account={a} onChange={refresh} />
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
