import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDay } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { useMyReviews } from './data.ts';

/** `/school-reviews`: the self-reviews of the caller's school, with the one to answer first. */
export default function MyReviews() {
  const { t } = useTranslation();
  const reviews = useMyReviews();
  return (
    <>
      <h1>{t('schoolPlans.mine.title')}</h1>
      <p className="muted">{t('schoolPlans.answer.anonymous')}</p>
      <QueryState query={reviews}>
        {() =>
          reviews.data!.items.length === 0 ? (
            <p className="muted">{t('schoolPlans.review.none')}</p>
          ) : (
            <ul className="cards">
              {reviews.data!.items.map((r) => (
                <li key={r.id} className="card">
                  <h2 className="card-title">{r.school.name.text}</h2>
                  <span>
                    {formatDay(r.opensOn)} – {formatDay(r.closesOn)} · {t(`schoolPlans.review.status.${r.status}`)}
                  </span>
                  {r.can.answer ? (
                    <Link to={`/school-reviews/${r.id}`}>{t('schoolPlans.review.answerNow')}</Link>
                  ) : r.answered ? (
                    <span>{t('schoolPlans.answer.thanks')}</span>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
