import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { PracticeToday } from '../practice/cycles/PracticeToday.tsx';
import { QueryState } from '../shell/ErrorText.tsx';
import { OfferingTable, today } from '../training/OfferingTable.tsx';

/**
 * A trainer's start page: their classroom work today (lessons to observe, follow-through due), then
 * the offerings they lead that run today, then those still to come.
 */
export default function TrainerHome() {
  const { t } = useTranslation();
  const me = useMe();
  const day = today();
  // Offerings that have not ended and still run: the ones already started are today's, the rest are to come.
  const offerings = useApiQuery('GET /api/offerings', {
    query: { from: day, ledBy: me.personId ?? undefined, status: 'scheduled' },
  });
  return (
    <>
      <h1>{t('nav.myOfferings')}</h1>
      <p>{t('home.trainer.intro')}</p>
      <p className="inline">
        <Link to="/offerings">{t('home.trainer.all')}</Link>
        <Link to="/training">{t('training.catalogue.title')}</Link>
      </p>
      <PracticeToday />
      <QueryState query={offerings}>
        {() => {
          const items = offerings.data!.items;
          const running = items.filter((o) => o.startDate <= day);
          const coming = items.filter((o) => o.startDate > day);
          return (
            <>
              <h2>{t('home.trainer.today')}</h2>
              {running.length === 0 ? (
                <p>{t('home.trainer.noneToday')}</p>
              ) : (
                <OfferingTable offerings={running} caption={t('home.trainer.today')} />
              )}
              <h2>{t('home.trainer.upcoming')}</h2>
              <OfferingTable offerings={coming} caption={t('home.trainer.upcoming')} />
            </>
          );
        }}
      </QueryState>
    </>
  );
}
