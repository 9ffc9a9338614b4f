import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { formatNumber } from '../i18n/format.ts';
import { useUnreadCount } from './api.ts';

/** The header's link to the inbox, with the unread count. */
export function UnreadBadge({ onNavigate }: { onNavigate?: () => void }) {
  const { t, i18n } = useTranslation();
  const unread = useUnreadCount().data?.unread ?? 0;
  const n = formatNumber(unread, i18n.language);
  return (
    <NavLink to="/notifications" className="notifications-link" onClick={onNavigate}>
      {t('nav.notifications')}
      {unread > 0 && (
        <>
          {' '}
          <span className="badge" aria-hidden="true">
            {n}
          </span>
          <span className="visually-hidden">{t('nav.unread', { n })}</span>
        </>
      )}
    </NavLink>
  );
}
