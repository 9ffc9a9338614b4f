import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { counted } from '../i18n/index.ts';

/** Where a teacher looks for collaboration: a link to the regional activities they take part in, if any. */
export function MyActivitiesLink() {
  const { t } = useTranslation();
  const list = useApiQuery('GET /api/regional/activities', {});
  const mine = list.data?.items.filter((a) => a.reach.participant).length ?? 0;
  if (mine === 0) return null;
  return (
    <p>
      <Link to="/regional/activities">{t('regional.activities.mine', counted(mine))}</Link>
    </p>
  );
}
