import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber } from '../i18n/index.ts';
import type { Status } from './indicators.ts';
import './monitoring.css';

const MARK: Record<Status, string> = {
  on_track: '✓',
  at_risk: '!',
  off_track: '✕',
  no_target: '–',
  no_data: '?',
  suppressed: '…',
};

/** Status against the target in words, with a colour and a mark beside them (never the colour alone). */
export function StatusBadge({ status, minimum }: { status: Status; minimum: number }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status}`}>
      <span aria-hidden="true">{MARK[status]}</span>{' '}
      {t(`monitoring.status.${status}`, { minimum: formatNumber(minimum) })}
    </span>
  );
}

/**
 * A failed request in the user's language. Codes of the monitoring API are named in its own block
 * of the catalogue; the rest come from the shared `errors` block. Field problems are listed by field.
 */
export function MonitoringError({
  error,
  fields = {},
  id,
}: {
  error: unknown;
  fields?: Record<string, string>;
  /** For fields that point at the problem with `aria-describedby`. */
  id?: string;
}) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'unknown';
  const own = `monitoring.errors.${code}`;
  const message = i18n.exists(own) ? t(own) : t(`errors.${code}`, { defaultValue: t('errors.unknown') });
  const issues = error instanceof ApiError ? Object.entries(error.fieldErrors()) : [];
  return (
    <div className="error" role="alert" id={id}>
      <p>{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map(([field, text]) => (
            <li key={field}>
              {fields[field] ?? field}: {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The monitoring screens side by side: the same unit across dashboards, logframe and alignment. */
export function MonitoringTabs({ unitId }: { unitId?: string }) {
  const { t } = useTranslation();
  const manage = useCan('indicators.write');
  const suffix = unitId ? `/${unitId}` : '';
  const links = [
    { to: `/indicators${suffix}`, label: 'monitoring.tabs.indicators' },
    { to: `/dashboard${suffix}`, label: 'monitoring.tabs.competencies' },
    { to: `/logframe${suffix}`, label: 'monitoring.tabs.logframe' },
    { to: `/alignment${suffix}`, label: 'monitoring.tabs.alignment' },
    ...(manage ? [{ to: '/indicators/manage', label: 'monitoring.tabs.manage' }] : []),
  ];
  return (
    <nav className="tabs no-print" aria-label={t('monitoring.tabs.label')}>
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink end to={l.to} className="tab">
              {t(l.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
