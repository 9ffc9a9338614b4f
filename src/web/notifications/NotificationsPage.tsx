import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import { formatDate } from '../i18n/format.ts';
import { ErrorText, Loading } from '../shell/ErrorText.tsx';
import { type Inbox, notificationKeys } from './api.ts';

const PAGE = 20;

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [order, setOrder] = useState<'unread_first' | 'newest'>('unread_first');
  const [limit, setLimit] = useState(PAGE);
  const inbox = useQuery({
    queryKey: notificationKeys.inbox(order, limit),
    queryFn: () => api<Inbox>(`/api/me/notifications?order=${order}&limit=${limit}`),
  });
  const [failure, setFailure] = useState<unknown>(null);

  async function act(path: string) {
    setFailure(null);
    try {
      await api(path, { method: 'POST' });
      await client.invalidateQueries({ queryKey: notificationKeys.all });
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <>
      <h1>{t('notifications.title')}</h1>
      <div className="toolbar">
        <label>
          {t('notifications.order')}{' '}
          <select value={order} onChange={(e) => setOrder(e.target.value as typeof order)}>
            <option value="unread_first">{t('notifications.unreadFirst')}</option>
            <option value="newest">{t('notifications.newest')}</option>
          </select>
        </label>
        <button type="button" disabled={!inbox.data?.unread} onClick={() => void act('/api/me/notifications/read-all')}>
          {t('notifications.markAllRead')}
        </button>
      </div>
      {failure ? <ErrorText error={failure} /> : null}
      {inbox.isPending ? (
        <Loading />
      ) : inbox.error ? (
        <ErrorText error={inbox.error} />
      ) : inbox.data.items.length === 0 ? (
        <p className="muted">{t('notifications.empty')}</p>
      ) : (
        <ul className="notifications">
          {inbox.data.items.map((item) => (
            <li key={item.id} className={item.readAt ? 'read' : 'unread'}>
              <h2>
                {!item.readAt && <span className="badge">{t('notifications.unread')}</span>} {item.title}
              </h2>
              <p>{item.body}</p>
              <p className="muted">
                <time dateTime={item.createdAt}>{formatDate(item.createdAt, i18n.language)}</time>
              </p>
              <div className="actions">
                <Link
                  to={item.link}
                  onClick={() => {
                    if (!item.readAt) void act(`/api/me/notifications/${item.id}/read`);
                  }}
                >
                  {t('notifications.open')}
                </Link>
                {!item.readAt && (
                  <button
                    type="button"
                    className="link"
                    onClick={() => void act(`/api/me/notifications/${item.id}/read`)}
                  >
                    {t('notifications.markRead')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {inbox.data?.nextOffset != null && (
        <button type="button" onClick={() => setLimit(limit + PAGE)}>
          {t('notifications.more')}
        </button>
      )}
    </>
  );
}
