import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Evidence, ReviewRequest } from '../api/types.ts';
import { formatDate } from '../i18n/index.ts';
import { LocalText } from '../shell/LocalText.tsx';
import { EvidencePicker } from './EvidenceForms.tsx';

type Act = (work: () => Promise<unknown>) => Promise<boolean>;
type Level = { code: string; title: { text: string; locale: string; fallback: boolean } };

/** Reviews of one teacher: their status and comments, and what each side can do next. */
export function ReviewList({
  reviews,
  evidence,
  own,
  canRate,
  levelName,
  levels,
  act,
}: {
  reviews: ReviewRequest[];
  evidence: Evidence[];
  own: boolean;
  canRate: boolean;
  levelName: (code: string | null) => string;
  levels: Level[];
  act: Act;
}) {
  const { t } = useTranslation();
  if (reviews.length === 0) return null;
  return (
    <section className="panel">
      <h2>{t('assessment.review.title')}</h2>
      <ul className="reviews">
        {reviews.map((r) => (
          <li key={r.id}>
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
            {canRate && <AssessorActions review={r} levels={levels} act={act} />}
            {own && r.status === 'more_evidence_requested' && (
              <AddEvidence review={r} evidence={evidence.filter((e) => !r.evidenceIds.includes(e.id))} act={act} />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AssessorActions({ review, levels, act }: { review: ReviewRequest; levels: Level[]; act: Act }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [level, setLevel] = useState(review.claimedLevelCode);
  if (review.status === 'confirmed' || review.status === 'more_evidence_requested') return null;
  const post = (path: string, body?: object) =>
    act(() => api(`/api/review-requests/${review.id}/${path}`, { method: 'POST', ...(body ? { body } : {}) }));

  async function decide(event: FormEvent) {
    event.preventDefault();
    await post('decide', { levelCode: level, ...(comment.trim() ? { comment: comment.trim() } : {}) });
  }

  return (
    <form className="stack" onSubmit={(e) => void decide(e)}>
      {review.status === 'submitted' && (
        <button type="button" className="secondary" onClick={() => void post('start')}>
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
        onClick={() => void post('ask-evidence', { comment: comment.trim() })}
      >
        {t('assessment.review.askEvidence')}
      </button>
      <label>
        {t('assessment.review.confirmAt')}
        <select value={level} onChange={(e) => setLevel(e.target.value)}>
          {levels.map((l) => (
            <option key={l.code} value={l.code}>
              {l.title.text}
            </option>
          ))}
          <option value="not_yet">{t('assessment.notYet')}</option>
        </select>
      </label>
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
          api(`/api/review-requests/${review.id}/evidence`, { method: 'POST', body: { evidenceIds: chosen } }),
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
