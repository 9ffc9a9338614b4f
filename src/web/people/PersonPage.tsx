import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { useCan } from '../auth/session.tsx';
import { formatDate } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotFound } from '../shell/Pages.tsx';

export default function PersonPage() {
  const { t } = useTranslation();
  const { personId } = useParams();
  const canReadAssessment = useCan('assessment.read');
  const person = useApiQuery('GET /api/people/:personId', { params: { personId: personId! } });
  if (person.error instanceof ApiError && person.error.status === 404) return <NotFound />;
  return (
    <QueryState query={person}>
      {() => {
        const p = person.data!;
        const rows: [string, React.ReactNode][] = [
          [t('people.category'), t(`people.categories.${p.category}`)],
          [
            t('people.unit'),
            <Link key="unit" to={`/org/${p.orgUnit.id}`}>
              <LocalText value={p.orgUnit.displayName} />
            </Link>,
          ],
          [t('people.sex'), p.sex ? t(`people.sexes.${p.sex}`) : '—'],
          [t('people.nationalId'), p.nationalId ?? '—'],
          [t('people.emisId'), p.emisId ?? '—'],
          [t('people.subjects'), p.subjects.join(', ') || '—'],
          [t('people.grades'), p.grades.join(', ') || '—'],
          [t('people.languages'), p.languages.join(', ') || '—'],
          [t('people.email'), p.email ?? '—'],
          [t('people.phone'), p.phone ?? '—'],
          [t('people.updated'), formatDate(p.updatedAt)],
        ];
        return (
          <>
            <h1>
              {p.givenName} {p.familyName}
            </h1>
            <dl className="facts">
              {rows.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
            {canReadAssessment && p.category === 'teacher' && (
              <nav className="inline" aria-label={t('assessment.personLinks')}>
                <Link to={`/people/${p.id}/portfolio`}>{t('assessment.portfolio.title')}</Link>
                <Link to={`/people/${p.id}/feedback`}>{t('assessment.feedback.title')}</Link>
                <Link to={`/people/${p.id}/observations`}>{t('assessment.observations.title')}</Link>
                <Link to={`/people/${p.id}/plan`}>{t('training.plan.title')}</Link>
                <Link to={`/people/${p.id}/transcript`}>{t('training.transcript.title')}</Link>
              </nav>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
