import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, useApiQuery } from '../api/routes.ts';
import { formatDate } from '../i18n/format.ts';
import { ErrorText, Loading } from '../shell/ErrorText.tsx';

const PAGE = 20;
const markRead = (notificationId: string) =>
  call('POST /api/me/notifications/:notificationId/read', { params: { notificationId } });

export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [order, setOrder] = useState<'unread_first' | 'newest'>('unread_first');
  const [limit, setLimit] = useState(PAGE);
  const inbox = useApiQuery('GET /api/me/notifications', { query: { order, limit } });
  const [failure, setFailure] = useState<unknown>(null);

  async function act(work: () => Promise<unknown>) {
    setFailure(null);
    try {
      await work();
      await Promise.all(
        (['GET /api/me/notifications', 'GET /api/me/notifications/unread-count'] as const).map((key) =>
          client.invalidateQueries({ queryKey: [key] }),
        ),
      );
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
        <button
          type="button"
          disabled={!inbox.data?.unread}
          onClick={() => void act(() => call('POST /api/me/notifications/read-all'))}
        >
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
                    if (!item.readAt) void act(() => markRead(item.id));
                  }}
                >
                  {t('notifications.open')}
                </Link>
                {!item.readAt && (
                  <button type="button" className="link" onClick={() => void act(() => markRead(item.id))}>
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
