import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import type { Evidence, ReviewRequest } from '../api/types.ts';
import { formatDate } from '../i18n/index.ts';
import { LocalText } from '../shell/LocalText.tsx';
import { EvidenceList, EvidencePicker } from './EvidenceForms.tsx';
import { useLevelName } from './levels.ts';
import { LevelChoice } from './RatingForms.tsx';

type Act = (work: () => Promise<unknown>) => Promise<boolean>;

/**
 * Reviews of one teacher: their status and comments, the evidence given, and what each side can do
 * next. The assessor decides beside the evidence, choosing among the competency's rubric levels.
 */
export function ReviewList({
  reviews,
  evidence,
  own,
  canRate,
  act,
}: {
  reviews: ReviewRequest[];
  evidence: Evidence[];
  own: boolean;
  canRate: boolean;
  act: Act;
}) {
  const { t } = useTranslation();
  if (reviews.length === 0) return null;
  return (
    <section className="panel">
      <h2>{t('assessment.review.title')}</h2>
      <ul className="reviews">
        {reviews.map((r) => (
          <Review key={r.id} review={r} evidence={evidence} own={own} canRate={canRate} act={act} />
        ))}
      </ul>
    </section>
  );
}

function Review({
  review: r,
  evidence,
  own,
  canRate,
  act,
}: {
  review: ReviewRequest;
  evidence: Evidence[];
  own: boolean;
  canRate: boolean;
  act: Act;
}) {
  const { t } = useTranslation();
  // Levels named from the review's own standard, which may be an earlier version than the portfolio's.
  const levelName = useLevelName(r.rubric.map((l) => ({ code: l.levelCode, title: l.levelTitle })));
  const deciding = canRate && (r.status === 'submitted' || r.status === 'under_review');
  const given = (
    <section>
      <h3>{t('assessment.review.evidence')}</h3>
      <EvidenceList evidence={r.evidence} />
    </section>
  );
  return (
    <li>
      <p>
        <strong>{r.itemCode}</strong> <LocalText value={r.itemTitle} /> · {t('assessment.review.claimed')}{' '}
        {levelName(r.claimedLevelCode)} ·{' '}
        <span className={`status status-${r.status}`}>{t(`assessment.review.status.${r.status}`)}</span>
        {r.decidedLevelCode ? ` · ${t('assessment.review.decided')} ${levelName(r.decidedLevelCode)}` : ''}
      </p>
      <p className="muted">{formatDate(r.updatedAt)}</p>
      {r.note && (
        <p>
          {t('assessment.review.teacherNote')} {r.note}
        </p>
      )}
      {r.assessorComment && (
        <p>
          {t('assessment.review.assessorComment')} {r.assessorComment}
        </p>
      )}
      {deciding ? (
        <div className="side-by-side">
          {given}
          <section>
            <AssessorActions review={r} act={act} />
          </section>
        </div>
      ) : (
        given
      )}
      {own && r.status === 'more_evidence_requested' && (
        <AddEvidence review={r} evidence={evidence.filter((e) => !r.evidenceIds.includes(e.id))} act={act} />
      )}
    </li>
  );
}

/** Start, ask for more evidence, or decide: no level is chosen for the assessor, who must choose one. */
function AssessorActions({ review, act }: { review: ReviewRequest; act: Act }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [level, setLevel] = useState('');
  const [missing, setMissing] = useState(false);
  const params = { id: review.id };

  async function decide(event: FormEvent) {
    event.preventDefault();
    setMissing(!level);
    if (!level) return;
    await act(() =>
      call('POST /api/review-requests/:id/decide', {
        params,
        body: { levelCode: level, ...(comment.trim() ? { comment: comment.trim() } : {}) },
      }),
    );
  }

  return (
    <form className="stack" noValidate onSubmit={(e) => void decide(e)}>
      {review.status === 'submitted' && (
        <button
          type="button"
          className="secondary"
          onClick={() => void act(() => call('POST /api/review-requests/:id/start', { params }))}
        >
          {t('assessment.review.start')}
        </button>
      )}
      <label>
        {t('assessment.review.comment')}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={2} />
      </label>
      <button
        type="button"
        className="secondary"
        disabled={!comment.trim()}
        onClick={() =>
          void act(() =>
            call('POST /api/review-requests/:id/ask-evidence', { params, body: { comment: comment.trim() } }),
          )
        }
      >
        {t('assessment.review.askEvidence')}
      </button>
      <LevelChoice
        rubric={review.rubric}
        name={`decide-${review.id}`}
        value={level}
        onChange={(value) => {
          setLevel(value);
          setMissing(false);
        }}
        withNotYet
        legend={t('assessment.review.confirmAt')}
        missing={missing}
      />
      <button type="submit">{t('assessment.review.confirm')}</button>
    </form>
  );
}

function AddEvidence({ review, evidence, act }: { review: ReviewRequest; evidence: Evidence[]; act: Act }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void act(() =>
          call('POST /api/review-requests/:id/evidence', { params: { id: review.id }, body: { evidenceIds: chosen } }),
        );
      }}
    >
      <EvidencePicker
        evidence={evidence}
        chosen={chosen}
        onChange={setChosen}
        legend={t('assessment.review.moreEvidence')}
      />
      <button type="submit" disabled={chosen.length === 0}>
        {t('assessment.review.resubmit')}
      </button>
    </form>
  );
}
