import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { formatDate } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import './library.css';

/** What waits for a moderator's decision on national publication: submissions from within their scope. */
export default function ReviewPage() {
  const { t } = useTranslation();
  const queue = useApiQuery('GET /api/resources', { query: { review: 'true', limit: 100 } });
  return (
    <div className="library">
      <h1>{t('library.review.title')}</h1>
      <QueryState query={queue}>
        {() =>
          queue.data!.items.length === 0 ? (
            <p className="muted">{t('library.review.none')}</p>
          ) : (
            <ul className="cards">
              {queue.data!.items.map((r) => (
                <li key={r.id} className="card">
                  <Link className="card-title" to={`/library/${r.id}`}>
                    <LocalText value={r.title} />
                  </Link>
                  <span className="muted">
                    {t(`library.kinds.${r.kind}`)} · {r.authors.map((a) => a.name).join(', ')} ·{' '}
                    {formatDate(r.updatedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </div>
  );
}
