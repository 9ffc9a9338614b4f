import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { useCan, useMe } from '../auth/session.tsx';
import { QueryState } from '../shell/ErrorText.tsx';
import { OfferingTable, today } from './OfferingTable.tsx';

/** Scheduled training: upcoming by default, or all, or those the reader leads. */
export default function OfferingsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canSchedule = useCan('training.manage');
  const leads = me.grants.some((g) => g.role === 'trainer');
  const [show, setShow] = useState<'upcoming' | 'all' | 'mine'>(leads ? 'mine' : 'upcoming');
  const offerings = useApiQuery('GET /api/offerings', {
    query: {
      from: show === 'upcoming' ? today() : undefined,
      ledBy: show === 'mine' && me.personId ? me.personId : undefined,
    },
  });
  return (
    <>
      <h1>{t('training.offerings.title')}</h1>
      <p className="inline">
        <Link to="/training">{t('training.catalogue.title')}</Link>
        {canSchedule && (
          <Link className="button-link" to="/offerings/new">
            {t('training.schedule.title')}
          </Link>
        )}
      </p>
      <label>
        {t('training.offerings.show')}
        <select value={show} onChange={(e) => setShow(e.target.value as typeof show)}>
          <option value="upcoming">{t('training.offerings.upcoming')}</option>
          <option value="all">{t('training.offerings.all')}</option>
          {me.personId && <option value="mine">{t('training.offerings.mine')}</option>}
        </select>
      </label>
      <QueryState query={offerings}>
        {() => <OfferingTable offerings={offerings.data!.items} caption={t('training.offerings.title')} />}
      </QueryState>
    </>
  );
}
