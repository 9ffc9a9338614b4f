import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { queryKey, useApiQuery } from '../api/routes.ts';
import { NOT_YET, type Portfolio } from '../api/types.ts';
import { useCan, useMe } from '../auth/session.tsx';
import { formatDate } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { EvidenceForms, EvidenceList } from './EvidenceForms.tsx';
import { useLevelName } from './levels.ts';
import { RateForm, RequestReviewForm } from './RatingForms.tsx';
import { ReviewList } from './ReviewList.tsx';

export type Competency = Portfolio['competencies'][number];
const evidenceKey = (c: Competency) => c.evidence.map((e) => e.id).join(',');

/**
 * A teacher's portfolio: per competency the current levels, the rubric, evidence and history. The
 * teacher adds evidence and asks for reviews here; an assessor rates and answers reviews.
 */
export default function PortfolioPage() {
  const { t } = useTranslation();
  const me = useMe();
  const personId = useParams().personId ?? me.personId;
  const own = personId === me.personId;
  const canRate = useCan('assessment.rate') && !own;
  const params = { personId: personId! };
  const { act, failure } = useAct([
    queryKey('GET /api/people/:personId/portfolio', { params }),
    queryKey('GET /api/people/:personId/feedback', { params }),
    ['GET /api/review-requests'],
  ]);
  const portfolio = useApiQuery('GET /api/people/:personId/portfolio', { params });
  const person = useApiQuery('GET /api/people/:personId', { params });
  const levels = (portfolio.data?.competencies[0]?.rubric ?? []).map((r) => ({
    code: r.levelCode,
    title: r.levelTitle,
  }));
  const levelName = useLevelName(levels);
  if (portfolio.error instanceof ApiError && portfolio.error.status === 404) return <NotFound />;
  if (portfolio.error instanceof ApiError && portfolio.error.status === 403) return <NotAllowed />;

  return (
    <QueryState query={portfolio}>
      {() => {
        const p = portfolio.data!;
        const allEvidence = [...p.competencies.flatMap((c) => c.evidence), ...p.otherEvidence].filter(
          (e, i, all) => all.findIndex((x) => x.id === e.id) === i,
        );
        return (
          <>
            <h1>
              {t('assessment.portfolio.title')}
              {person.data ? ` · ${person.data.givenName} ${person.data.familyName}` : ''}
            </h1>
            <div className="inline">
              <Link to={own ? '/my-results' : `/people/${personId}/feedback`}>{t('assessment.feedback.title')}</Link>
              <Link to={`/people/${personId}/observations`}>{t('assessment.observations.title')}</Link>
            </div>
            {failure ? <ErrorText error={failure} /> : null}
            <ReviewList reviews={p.reviews} evidence={allEvidence} own={own} canRate={canRate} act={act} />
            {own && <EvidenceForms personId={personId} competencies={p.competencies} act={act} />}
            <h2>{t('assessment.portfolio.competencies')}</h2>
            {p.competencies.map((c) => (
              <details key={c.itemId} className="competency">
                <summary>
                  <strong>{c.code}</strong> {c.title.text}
                  <span className="muted">
                    {' · '}
                    {t('assessment.selfAssessed')}:{' '}
                    {levelName(c.status.selfAssessed ? (c.status.selfLevelCode ?? NOT_YET) : null)}
                    {' · '}
                    {t('assessment.confirmed')}:{' '}
                    {levelName(c.status.confirmed ? (c.status.confirmedLevelCode ?? NOT_YET) : null)}
                    {c.status.trained ? ` · ${t('assessment.trained')}` : ''}
                  </span>
                </summary>
                <p className="muted">
                  <LocalText value={c.aspectTitle} />
                </p>
                <h3>{t('assessment.portfolio.rubric')}</h3>
                <dl className="rubric">
                  {c.rubric.map((r) => (
                    <div key={r.levelCode}>
                      <dt>
                        <LocalText value={r.levelTitle} />
                      </dt>
                      <dd>
                        <LocalText value={r.descriptor} />
                      </dd>
                    </div>
                  ))}
                </dl>
                <h3>{t('assessment.portfolio.evidence')}</h3>
                <EvidenceList evidence={c.evidence} />
                {/* Keyed on the evidence, so evidence added for the competency starts out chosen. */}
                {canRate && (
                  <RateForm key={evidenceKey(c)} personId={personId} competency={c} evidence={allEvidence} act={act} />
                )}
                {own && <RequestReviewForm key={evidenceKey(c)} competency={c} evidence={allEvidence} act={act} />}
                <h3>{t('assessment.portfolio.history')}</h3>
                {c.events.length === 0 ? (
                  <p className="muted">{t('assessment.portfolio.noHistory')}</p>
                ) : (
                  <ul className="history">
                    {c.events.map((e) => (
                      <li key={e.id} className={e.supersededById || e.void ? 'superseded' : undefined}>
                        {formatDate(e.recordedAt)} · {t(`assessment.kinds.${e.kind}`)} ·{' '}
                        {e.void ? t('assessment.portfolio.withdrawn') : levelName(e.levelCode ?? NOT_YET)}
                        {e.actorName ? ` · ${e.actorName}` : ''}
                        {e.comment ? ` — ${e.comment}` : ''}
                        {e.supersededById ? ` (${t('assessment.portfolio.corrected')})` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </details>
            ))}
            {p.otherEvidence.length > 0 && (
              <>
                <h2>{t('assessment.portfolio.otherEvidence')}</h2>
                <EvidenceList evidence={p.otherEvidence} />
              </>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
