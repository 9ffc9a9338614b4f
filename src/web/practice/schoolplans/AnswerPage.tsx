import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { REVIEW_SCALE } from '../../../server/modules/practice/schoolreviews.constants.ts';
import { formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { answerReview, reviewKeys, useReview } from './data.ts';

/**
 * The self-review as a leader or teacher of the school answers it: one area after another, each
 * statement on the four-point scale with its descriptors. Answers are anonymous.
 */
export default function AnswerPage() {
  const { t } = useTranslation();
  const { reviewId = '' } = useParams();
  const review = useReview(reviewId);
  const [scores, setScores] = useState<Record<string, number>>({});
  const [tried, setTried] = useState(false);
  const { act, failure, busy } = useAct(reviewKeys);
  return (
    <QueryState query={review}>
      {() => {
        const r = review.data!;
        const statements = r.areas.flatMap((a) => a.statements);
        const left = statements.filter((s) => !scores[s]).length;
        async function submit(event: FormEvent) {
          event.preventDefault();
          setTried(true);
          if (left) return;
          await act(() =>
            answerReview(r.id, { answers: statements.map((statement) => ({ statement, score: scores[statement]! })) }),
          );
        }
        return (
          <>
            <h1>{t('schoolPlans.answer.title', { school: r.school.name.text })}</h1>
            <p className="muted">
              {t('schoolPlans.answer.window', { from: formatDay(r.opensOn), until: formatDay(r.closesOn) })}
            </p>
            {r.answered ? (
              <p className="panel" role="status">
                {t('schoolPlans.answer.thanks')}
              </p>
            ) : !r.can.answer ? (
              <p className="panel">
                {r.status === 'closed'
                  ? t('schoolPlans.answer.closed')
                  : r.status === 'upcoming'
                    ? t('schoolPlans.answer.upcoming')
                    : t('schoolPlans.answer.notYours')}
              </p>
            ) : (
              <form className="stack" onSubmit={(e) => void submit(e)}>
                <p>{t('schoolPlans.answer.anonymous')}</p>
                {r.areas.map((area) => (
                  <section key={area.code}>
                    <h2>{t(`schoolPlans.areas.${area.code}`)}</h2>
                    {area.statements.map((s) => (
                      <fieldset key={s} className={tried && !scores[s] ? 'question missing' : 'question'}>
                        <legend>{t(`schoolPlans.statements.${s}`)}</legend>
                        <div>
                          {REVIEW_SCALE.map((n) => (
                            <label key={n} className="option">
                              <input
                                type="radio"
                                name={s}
                                checked={scores[s] === n}
                                onChange={() => setScores({ ...scores, [s]: n })}
                              />
                              <span>
                                <strong>{t(`schoolPlans.scale.${n}.title`)}</strong>
                                {': '}
                                <span className="muted">{t(`schoolPlans.scale.${n}.descriptor`)}</span>
                              </span>
                            </label>
                          ))}
                        </div>
                      </fieldset>
                    ))}
                  </section>
                ))}
                {tried && left > 0 && (
                  <p className="error" role="alert">
                    {t('schoolPlans.answer.left', { count: left, n: String(left) })}
                  </p>
                )}
                {failure !== null && <ErrorText error={failure} />}
                <p>
                  <button type="submit" disabled={busy}>
                    {t('schoolPlans.answer.submit')}
                  </button>
                </p>
              </form>
            )}
            <p>
              <Link to="/">{t('errors.home')}</Link>
            </p>
          </>
        );
      }}
    </QueryState>
  );
}
