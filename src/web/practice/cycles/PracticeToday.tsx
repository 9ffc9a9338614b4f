import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';

/** A coach's classroom work for today on their start page: the lessons to observe and the follow-through due. */
export function PracticeToday() {
  const { t } = useTranslation();
  const lessons = useApiQuery('GET /api/coaching/today', {});
  const due = useApiQuery('GET /api/follow-through', { query: { status: 'due' } });
  return (
    <section aria-labelledby="practice-today">
      <h2 id="practice-today">{t('home.trainer.practice')}</h2>
      <ul className="cards">
        <li className="card">
          <strong>
            <Link to="/coaching">{t('home.trainer.lessonsToday')}</Link>
          </strong>
          <QueryState query={lessons}>
            {() =>
              lessons.data!.items.length === 0 ? (
                <p className="muted">{t('coaching.noneToday')}</p>
              ) : (
                <ul>
                  {lessons.data!.items.map((l) => (
                    <li key={l.cycleId}>
                      <Link to={`/coaching/cycles/${l.cycleId}`}>{l.teacher.name}</Link>{' '}
                      <span className="muted">{l.teacher.schoolName}</span>
                    </li>
                  ))}
                </ul>
              )
            }
          </QueryState>
        </li>
        <li className="card">
          <strong>
            <Link to="/follow-through">{t('home.trainer.followThrough')}</Link>
          </strong>
          <QueryState query={due}>
            {() => {
              const items = due.data!.items;
              const overdue = items.filter((v) => v.overdue).length;
              const next = items.find((v) => !v.overdue);
              return (
                <>
                  <p>
                    {t('home.trainer.visitsDue', { count: items.length, n: formatNumber(items.length) })}
                    {overdue > 0 && (
                      <strong className="badge warning">
                        {' '}
                        {t('home.trainer.visitsOverdue', { count: overdue, n: formatNumber(overdue) })}
                      </strong>
                    )}
                  </p>
                  {next && (
                    <p className="muted">
                      {t('home.trainer.nextVisit', { name: next.teacher.name, date: formatDay(next.dueOn) })}
                    </p>
                  )}
                </>
              );
            }}
          </QueryState>
        </li>
      </ul>
    </section>
  );
}
