import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import { type Evidence, NOT_YET } from '../api/types.ts';
import { LocalText } from '../shell/LocalText.tsx';
import { EvidencePicker } from './EvidenceForms.tsx';
import type { Competency } from './PortfolioPage.tsx';

type Act = (work: () => Promise<unknown>) => Promise<boolean>;

/**
 * Radio buttons over a competency's levels, each with its rubric descriptor, plus "not yet". None is
 * chosen until the person chooses; a form sent without a choice says so (`missing`).
 */
export function LevelChoice({
  rubric,
  name,
  value,
  onChange,
  withNotYet,
  legend,
  missing = false,
}: {
  rubric: Competency['rubric'];
  name: string;
  value: string;
  onChange: (value: string) => void;
  withNotYet: boolean;
  legend?: string;
  missing?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset aria-invalid={missing || undefined}>
      <legend>{legend ?? t('assessment.level')}</legend>
      {rubric.map((r) => (
        <label key={r.levelCode} className="option">
          <input
            type="radio"
            name={name}
            value={r.levelCode}
            checked={value === r.levelCode}
            onChange={() => onChange(r.levelCode)}
          />
          <span>
            <strong>
              <LocalText value={r.levelTitle} />
            </strong>
            : <LocalText value={r.descriptor} />
          </span>
        </label>
      ))}
      {withNotYet && (
        <label className="option">
          <input
            type="radio"
            name={name}
            value={NOT_YET}
            checked={value === NOT_YET}
            onChange={() => onChange(NOT_YET)}
          />
          <span>
            <strong>{t('assessment.notYet')}</strong>
          </span>
        </label>
      )}
      {missing && (
        <p className="error" role="alert">
          {t('assessment.chooseLevel')}
        </p>
      )}
    </fieldset>
  );
}

/** An assessor rates a competency against the rubric, with a comment and evidence from the portfolio. */
export function RateForm({
  personId,
  competency,
  evidence,
  act,
}: {
  personId: string;
  competency: Competency;
  evidence: Evidence[];
  act: Act;
}) {
  const { t } = useTranslation();
  const [level, setLevel] = useState('');
  const [missing, setMissing] = useState(false);
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<string[]>(competency.evidence.map((e) => e.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!level);
    if (!level) return;
    const ok = await act(() =>
      call('POST /api/people/:personId/ratings', {
        params: { personId },
        body: {
          itemId: competency.itemId,
          levelCode: level,
          evidenceIds: chosen,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        },
      }),
    );
    if (ok) {
      setLevel('');
      setComment('');
    }
  }

  return (
    <form className="panel stack" onSubmit={(e) => void submit(e)}>
      <h3>{t('assessment.rate.title', { code: competency.code })}</h3>
      <LevelChoice
        rubric={competency.rubric}
        name={`rate-${competency.itemId}`}
        value={level}
        onChange={(value) => {
          setLevel(value);
          setMissing(false);
        }}
        withNotYet
        missing={missing}
      />
      <EvidencePicker evidence={evidence} chosen={chosen} onChange={setChosen} legend={t('assessment.rate.evidence')} />
      <label>
        {t('assessment.rate.comment')}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={3} />
      </label>
      <button type="submit">{t('assessment.rate.submit')}</button>
    </form>
  );
}

/** The teacher asks an assessor to confirm a competency at a level, with evidence. */
export function RequestReviewForm({
  competency,
  evidence,
  act,
}: {
  competency: Competency;
  evidence: Evidence[];
  act: Act;
}) {
  const { t } = useTranslation();
  const [level, setLevel] = useState('');
  const [missing, setMissing] = useState(false);
  const [note, setNote] = useState('');
  const [chosen, setChosen] = useState<string[]>(competency.evidence.map((e) => e.id));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!level);
    if (!level) return;
    const ok = await act(() =>
      call('POST /api/review-requests', {
        body: {
          itemId: competency.itemId,
          claimedLevelCode: level,
          evidenceIds: chosen,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
      }),
    );
    if (ok) {
      setLevel('');
      setNote('');
    }
  }

  return (
    <form className="panel stack" onSubmit={(e) => void submit(e)}>
      <h3>{t('assessment.review.ask', { code: competency.code })}</h3>
      <LevelChoice
        rubric={competency.rubric}
        name={`claim-${competency.itemId}`}
        value={level}
        onChange={(value) => {
          setLevel(value);
          setMissing(false);
        }}
        withNotYet={false}
        missing={missing}
      />
      <EvidencePicker evidence={evidence} chosen={chosen} onChange={setChosen} legend={t('assessment.rate.evidence')} />
      <label>
        {t('assessment.review.note')}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
      </label>
      <button type="submit" disabled={chosen.length === 0}>
        {t('assessment.review.send')}
      </button>
    </form>
  );
}
