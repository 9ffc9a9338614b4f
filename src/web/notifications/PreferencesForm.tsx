import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, queryKey, useApiQuery } from '../api/routes.ts';
import { ErrorText, Loading } from '../shell/ErrorText.tsx';
import type { Preference } from './api.ts';

/** Per kind of notification: in the app on or off, and mail off, at once or in the daily summary. */
export function PreferencesForm() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const saved = useApiQuery('GET /api/me/notification-preferences', {});
  const [items, setItems] = useState<Preference[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (saved.data) setItems(saved.data.items);
  }, [saved.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setDone(false);
    try {
      const result = await call('PUT /api/me/notification-preferences', { body: { items } });
      client.setQueryData(queryKey('GET /api/me/notification-preferences'), result);
      setDone(true);
    } catch (error) {
      setFailure(error);
    }
  }

  const change = (kind: Preference['kind'], patch: Partial<Preference>) =>
    setItems(items.map((item) => (item.kind === kind ? { ...item, ...patch } : item)));

  if (saved.isPending) return <Loading />;
  if (saved.error) return <ErrorText error={saved.error} />;
  return (
    <form className="panel" onSubmit={submit}>
      <h2>{t('notifications.prefs.title')}</h2>
      <div className="table-scroll">
        <table className="preferences">
          <thead>
            <tr>
              <th scope="col">{t('notifications.prefs.kind')}</th>
              <th scope="col">{t('notifications.prefs.inbox')}</th>
              <th scope="col">{t('notifications.prefs.email')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.kind}>
                <th scope="row">{t(`notifications.kind.${item.kind}`)}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t(`notifications.kind.${item.kind}`)}: ${t('notifications.prefs.inbox')}`}
                    checked={item.inbox}
                    onChange={(e) => change(item.kind, { inbox: e.target.checked })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`${t(`notifications.kind.${item.kind}`)}: ${t('notifications.prefs.email')}`}
                    value={item.email}
                    onChange={(e) => change(item.kind, { email: e.target.value as Preference['email'] })}
                  >
                    <option value="off">{t('notifications.prefs.off')}</option>
                    <option value="immediate">{t('notifications.prefs.immediate')}</option>
                    <option value="daily">{t('notifications.prefs.daily')}</option>
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failure ? <ErrorText error={failure} /> : null}
      {done && (
        <p role="status" className="success">
          {t('notifications.prefs.saved')}
        </p>
      )}
      <button type="submit">{t('notifications.prefs.save')}</button>
    </form>
  );
}
