import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Offering } from '../api/types.ts';
import { formatDay, formatNumber, languageName } from '../i18n/index.ts';
import { LocalText } from '../shell/LocalText.tsx';

/** Offerings as a table: what, when, where, who leads, and the seats taken. */
export function OfferingTable({ offerings, caption }: { offerings: Offering[]; caption: string }) {
  const { t } = useTranslation();
  if (offerings.length === 0) return <p>{t('training.offerings.none')}</p>;
  return (
    <div className="scroll">
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('training.offerings.what')}</th>
            <th scope="col">{t('training.offerings.dates')}</th>
            <th scope="col">{t('training.offerings.host')}</th>
            <th scope="col">{t('training.language')}</th>
            <th scope="col">{t('training.offerings.trainers')}</th>
            <th scope="col">{t('training.offerings.seats')}</th>
          </tr>
        </thead>
        <tbody>
          {offerings.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/offerings/${o.id}`}>
                  <LocalText value={o.title} />
                </Link>
                {o.status === 'cancelled' && (
                  <span className="tag tag-missing">{t('training.offerings.cancelled')}</span>
                )}
              </td>
              <td>{t('training.offerings.range', { start: formatDay(o.startDate), end: formatDay(o.endDate) })}</td>
              <td>
                <LocalText value={o.hostName} />
              </td>
              <td>{languageName(o.language)}</td>
              <td>{o.trainers.map((tr) => tr.name).join(', ')}</td>
              <td>
                {t('training.offerings.taken', {
                  enrolled: formatNumber(o.enrolled),
                  capacity: formatNumber(o.capacity),
                })}
                {o.waitlisted > 0 ? ` · ${t('training.offerings.waitlisted', { n: formatNumber(o.waitlisted) })}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Today as YYYY-MM-DD in the browser's own calendar. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
