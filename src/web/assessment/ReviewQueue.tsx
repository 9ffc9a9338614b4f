import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import type { ReviewRequest } from '../api/types.ts';
import { useCan } from '../auth/session.tsx';
import { formatDate } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed } from '../shell/Pages.tsx';

const STATUSES = ['submitted', 'under_review', 'more_evidence_requested', 'confirmed'] as const;

/** The assessor's queue: reviews teachers in their scope have asked for, oldest first. */
export default function ReviewQueue() {
  const { t } = useTranslation();
  const allowed = useCan('assessment.rate');
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('submitted');
  const queue = useApiQuery('GET /api/review-requests', { query: { status, limit: 200 } }, { enabled: allowed });
  if (!allowed) return <NotAllowed />;
  return (
    <>
      <h1>{t('assessment.queue.title')}</h1>
      <label>
        {t('assessment.queue.status')}
        <select value={status} onChange={(e) => setStatus(e.target.value as (typeof STATUSES)[number])}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`assessment.review.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <QueryState query={queue}>
        {() =>
          queue.data!.items.length === 0 ? (
            <p>{t('assessment.queue.empty')}</p>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('assessment.queue.teacher')}</th>
                  <th scope="col">{t('assessment.competency')}</th>
                  <th scope="col">{t('assessment.review.claimed')}</th>
                  <th scope="col">{t('assessment.queue.since')}</th>
                </tr>
              </thead>
              <tbody>
                {queue.data!.items.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/people/${r.personId}/portfolio`}>{r.personName}</Link>
                    </td>
                    <td>
                      {r.itemCode} <LocalText value={r.itemTitle} />
                    </td>
                    <td>
                      <ClaimedLevel review={r} />
                    </td>
                    <td>{formatDate(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </>
  );
}

/** The level asked for, by its title in the review's standard. */
function ClaimedLevel({ review }: { review: ReviewRequest }) {
  const level = review.rubric.find((l) => l.levelCode === review.claimedLevelCode);
  return level ? <LocalText value={level.levelTitle} /> : review.claimedLevelCode;
}
