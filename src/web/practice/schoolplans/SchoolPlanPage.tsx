import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { useApiQuery } from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { NotAllowed } from '../../shell/Pages.tsx';
import { useAct } from '../../shell/useAct.ts';
import {
  addDaysIso,
  closeReview,
  openReview,
  type ReviewItem,
  reviewKeys,
  todayIso,
  useSchoolPlans,
  useSchoolReviews,
} from './data.ts';
import { PlanStatus, Progress } from './parts.tsx';

/** `/school-plan`: the leader's own school. */
export function MySchoolPlan() {
  const me = useMe();
  const unitId = me.grants.find((g) => g.role === 'school_leader')?.orgUnitId;
  if (!unitId) return <NotAllowed />;
  return <Navigate to={`/org/${unitId}/school-plan`} replace />;
}

/** A school's self-reviews (open one, share its answer link, close it, read results) and its ICT plans. */
export default function SchoolPlanPage() {
  const { t } = useTranslation();
  const { unitId = '' } = useParams();
  const unit = useApiQuery('GET /api/org-units/:unitId', { params: { unitId } }, { enabled: !!unitId });
  const reviews = useSchoolReviews(unitId);
  const plans = useSchoolPlans(unitId);
  const manage = useMe().permissions.includes('practice.manage');
  return (
    <>
      <h1>{t('schoolPlans.title')}</h1>
      <QueryState query={unit}>
        {() => (
          <p>
            <LocalText value={unit.data!.displayName} />
          </p>
        )}
      </QueryState>
      <p className="muted">{t('schoolPlans.intro')}</p>

      <section>
        <h2>{t('schoolPlans.review.title')}</h2>
        <QueryState query={reviews}>
          {() => {
            const items = reviews.data!.items;
            const canOpen = manage && !items.some((r) => r.status !== 'closed');
            return (
              <>
                {items.length === 0 && <p className="muted">{t('schoolPlans.review.none')}</p>}
                <ul className="cards">
                  {items.map((r) => (
                    <ReviewCard key={r.id} review={r} />
                  ))}
                </ul>
                {canOpen && <OpenReview schoolId={unitId} />}
              </>
            );
          }}
        </QueryState>
      </section>

      <section>
        <h2>{t('schoolPlans.plan.listTitle')}</h2>
        {manage && (
          <p>
            <Link className="button-link" to={`/school-plans/new?schoolId=${unitId}`}>
              {t('schoolPlans.plan.new')}
            </Link>
          </p>
        )}
        <QueryState query={plans}>
          {() =>
            plans.data!.items.length === 0 ? (
              <p className="muted">{t('schoolPlans.plan.none')}</p>
            ) : (
              <ul className="cards">
                {plans.data!.items.map((p) => (
                  <li key={p.id} className="card">
                    <Link to={`/school-plans/${p.id}`} className="card-title">
                      {p.title}
                    </Link>
                    <span>
                      <PlanStatus status={p.status} /> · {formatDay(p.periodStart)} – {formatDay(p.periodEnd)}
                    </span>
                    <Progress progress={p.progress} />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function ReviewCard({ review: r }: { review: ReviewItem }) {
  const { t } = useTranslation();
  const { act, failure, busy } = useAct(reviewKeys);
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}/school-reviews/${r.id}`;
  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <li className="card" data-testid="review-card">
      <h3 className="card-title">
        {formatDay(r.opensOn)} – {formatDay(r.closesOn)}
      </h3>
      <span>
        {t(`schoolPlans.review.status.${r.status}`)} ·{' '}
        <span data-testid="review-respondents">
          {t('schoolPlans.review.respondents', { n: formatNumber(r.respondents), count: r.respondents })}
        </span>
      </span>
      {r.status !== 'closed' && (
        <label>
          {t('schoolPlans.review.shareLink')}
          <input readOnly value={link} onFocus={(e) => e.target.select()} />
        </label>
      )}
      <p className="inline">
        {r.status !== 'closed' && (
          <button type="button" className="secondary" onClick={() => void copy()}>
            {copied ? t('schoolPlans.review.copied') : t('schoolPlans.review.copy')}
          </button>
        )}
        {r.can.answer && <Link to={`/school-reviews/${r.id}`}>{t('schoolPlans.review.answerNow')}</Link>}
        {r.status === 'closed' && <Link to={`/school-reviews/${r.id}/results`}>{t('schoolPlans.review.results')}</Link>}
        {r.can.manage && (
          <button
            type="button"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('schoolPlans.review.closeConfirm'))) void act(() => closeReview(r.id));
            }}
          >
            {t('schoolPlans.review.close')}
          </button>
        )}
      </p>
      {failure !== null && <ErrorText error={failure} />}
    </li>
  );
}

function OpenReview({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const [opensOn, setOpensOn] = useState(todayIso());
  const [closesOn, setClosesOn] = useState(addDaysIso(todayIso(), 14));
  const { act, failure, busy } = useAct(reviewKeys);
  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(() => openReview({ schoolId, opensOn, closesOn }));
  }
  return (
    <form className="panel stack" onSubmit={(e) => void submit(e)}>
      <h3>{t('schoolPlans.review.open')}</h3>
      <p className="muted">{t('schoolPlans.review.openHint')}</p>
      <label>
        {t('schoolPlans.review.opensOn')}
        <input type="date" required min={todayIso()} value={opensOn} onChange={(e) => setOpensOn(e.target.value)} />
      </label>
      <label>
        {t('schoolPlans.review.closesOn')}
        <input type="date" required min={opensOn} value={closesOn} onChange={(e) => setClosesOn(e.target.value)} />
      </label>
      {failure !== null && <ErrorText error={failure} />}
      <p>
        <button type="submit" disabled={busy}>
          {t('schoolPlans.review.openSubmit')}
        </button>
      </p>
    </form>
  );
}
