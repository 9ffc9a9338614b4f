import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan, useMe } from '../../auth/session.tsx';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { type PartnershipItem, usePartnerships } from './data.ts';

/** Partnerships the reader manages, coaches in or works under; links to coverage and coach assignments. */
export default function PartnershipsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = useCan('practice.manage');
  const officer = canManage || me.permissions.includes('reports.read');
  const [status, setStatus] = useState<'active' | 'upcoming' | 'ended' | 'all'>('active');
  const list = usePartnerships(status);
  const areas = [...new Map(me.grants.map((g) => [g.orgUnitId, g])).values()].filter(
    (g) => g.role !== 'teacher' && g.role !== 'trainer' && g.role !== 'assessor',
  );
  return (
    <>
      <h1>{t('partnerships.title')}</h1>
      <p className="inline">
        {canManage && (
          <Link className="button-link" to="/partnerships/new">
            {t('partnerships.new')}
          </Link>
        )}
        <Link to="/coach-assignments">{t('partnerships.assignments.title')}</Link>
        {officer &&
          areas.map((g) => (
            <Link key={g.orgUnitId} to={`/org/${g.orgUnitId}/partnerships`}>
              {t('partnerships.coverage.of', { unit: g.orgUnitName })}
            </Link>
          ))}
      </p>
      <label>
        {t('partnerships.show')}
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          {(['active', 'upcoming', 'ended', 'all'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`partnerships.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={list}>
        {() =>
          list.data!.items.length === 0 ? (
            <p className="muted">{t('partnerships.none')}</p>
          ) : (
            <PartnershipTable items={list.data!.items} />
          )
        }
      </QueryState>
    </>
  );
}

export function PartnershipTable({ items }: { items: PartnershipItem[] }) {
  const { t } = useTranslation();
  return (
    <table className="cards">
      <caption className="visually-hidden">{t('partnerships.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('partnerships.fields.title')}</th>
          <th scope="col">{t('partnerships.fields.host')}</th>
          <th scope="col">{t('partnerships.fields.period')}</th>
          <th scope="col">{t('partnerships.fields.status')}</th>
          <th scope="col">{t('partnerships.fields.schools')}</th>
          <th scope="col">{t('partnerships.fields.coaches')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={p.id}>
            <td>
              <Link to={`/partnerships/${p.id}`}>{p.title}</Link>
            </td>
            <td data-label={t('partnerships.fields.host')}>{p.host.name.text}</td>
            <td data-label={t('partnerships.fields.period')}>
              {formatDay(p.startsOn)} – {formatDay(p.endsOn)}
            </td>
            <td data-label={t('partnerships.fields.status')}>{t(`partnerships.status.${p.status}`)}</td>
            <td data-label={t('partnerships.fields.schools')}>{formatNumber(p.schoolCount)}</td>
            <td data-label={t('partnerships.fields.coaches')}>{formatNumber(p.coachCount)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
