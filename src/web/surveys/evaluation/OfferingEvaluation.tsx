import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApiResponse } from '../../api/routes.ts';
import { useApiQuery } from '../../api/routes.ts';
import { formatDay, formatNumber, formatPercent } from '../../i18n/index.ts';
import { LocalText } from '../../shell/LocalText.tsx';
import { pickText } from '../pickText.ts';
import '../rounds/results.css';
import './evaluation.css';

type Evaluation = ApiResponse<'GET /api/offerings/:offeringId/evaluation'>;
type Round = Evaluation['reaction'][number];
type Purpose = 'reaction' | 'pre_post' | 'follow_up';

/**
 * An offering's evaluation for its trainers and managers, at Kirkpatrick's four levels: what the
 * participants thought at the end, what they learnt (pre and post, paired by person), what they
 * apply in class (the follow-up round and the follow-through visits), and the effect on confirmed
 * competence (the module's or programme's own view). Shown only to those the server lets read it.
 */
export function OfferingEvaluation({ offeringId }: { offeringId: string }) {
  const { t } = useTranslation();
  const evaluation = useApiQuery(
    'GET /api/offerings/:offeringId/evaluation',
    { params: { offeringId } },
    { retry: false },
  );
  const e = evaluation.data;
  if (!e) return null;
  const effect = e.programmeId
    ? `/evaluation/programmes/${e.programmeId}/effect`
    : e.moduleId
      ? `/evaluation/modules/${e.moduleId}/effect`
      : null;
  return (
    <section className="offering-evaluation" aria-labelledby="evaluation-title">
      <h2 id="evaluation-title">{t('surveys.evaluation.title')}</h2>
      <p className="muted">
        {t('surveys.evaluation.people', { completers: formatNumber(e.completers), enrolled: formatNumber(e.enrolled) })}
      </p>

      <h3>{t('surveys.evaluation.reaction')}</h3>
      <Rounds rounds={e.reaction} minimum={e.minimumGroup} />
      <SendRound evaluation={e} purpose="reaction" kind="reaction" />

      <h3>{t('surveys.evaluation.learning')}</h3>
      <Rounds rounds={e.learning.rounds} minimum={e.minimumGroup} />
      {e.learning.paired && <PairedChange paired={e.learning.paired} minimum={e.minimumGroup} />}
      <SendRound evaluation={e} purpose="pre_post" kind="pre" />
      <SendRound evaluation={e} purpose="pre_post" kind="post" />

      <h3>{t('surveys.evaluation.behaviour')}</h3>
      <Visits visits={e.behaviour.visits} minimum={e.minimumGroup} />
      <Rounds rounds={e.behaviour.rounds} minimum={e.minimumGroup} />
      <SendRound evaluation={e} purpose="follow_up" kind="follow_up" />

      <h3>{t('surveys.evaluation.results')}</h3>
      {effect ? (
        <p>
          <Link to={effect}>{t('surveys.evaluation.effectLink')}</Link>
        </p>
      ) : (
        <p className="muted">{t('surveys.evaluation.noEffect')}</p>
      )}
    </section>
  );
}

function Rounds({ rounds, minimum }: { rounds: Round[]; minimum: number }) {
  const { t } = useTranslation();
  if (rounds.length === 0) return <p className="muted">{t('surveys.evaluation.noRounds')}</p>;
  return (
    <>
      {rounds.map((r) => (
        <div key={r.id} className="evaluation-round">
          <p>
            <Link to={`/surveys/rounds/${r.id}`}>
              <LocalText value={r.title} />
            </Link>{' '}
            · {t(`surveys.evaluation.kind.${r.kind}`)} · {t(`surveys.rounds.status.${r.status}`)} ·{' '}
            {t('training.offerings.range', { start: formatDay(r.opensOn), end: formatDay(r.closesOn) })}
          </p>
          <p>
            {r.respondents === null
              ? t('surveys.evaluation.hidden', { minimum })
              : t('surveys.evaluation.answered', {
                  respondents: formatNumber(r.respondents),
                  invited: formatNumber(r.invited),
                })}
          </p>
          {byQuestion(r.scale).map((items) => (
            <div key={items[0]!.key} className="scale-question">
              <p>
                <LocalText value={items[0]!.question} />
              </p>
              <ul className="bars" aria-label={t('surveys.evaluation.topTwo')}>
                {items.map((s) => (
                  <li key={s.row ?? ''}>
                    {s.row && (
                      <span className="bar-label">
                        <LocalText value={s.text} />
                      </span>
                    )}
                    <span className="bar" style={{ width: `${Math.round(s.topTwo * 100)}%` }} />
                    <span className="bar-value">
                      {formatPercent(s.topTwo * 100)} ({formatNumber(s.answered)})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {r.scale.length > 0 && <p className="muted">{t('surveys.evaluation.topTwoNote')}</p>}
        </div>
      ))}
    </>
  );
}

/** Consecutive items of one question together: a matrix's rows under its question. */
function byQuestion<T extends { key: string }>(items: T[]): T[][] {
  const groups: T[][] = [];
  for (const item of items)
    if (groups.at(-1)?.[0]?.key === item.key) groups.at(-1)!.push(item);
    else groups.push([item]);
  return groups;
}

export function PairedChange({
  paired,
  minimum,
}: {
  paired: NonNullable<Evaluation['learning']['paired']>;
  minimum: number;
}) {
  const { t } = useTranslation();
  if (paired.pairs === null) return <p>{t('surveys.evaluation.pairsHidden', { minimum })}</p>;
  return (
    <>
      <p>{t('surveys.evaluation.pairs', { pairs: formatNumber(paired.pairs) })}</p>
      <ul className="paired">
        {paired.items.map((item, i) => (
          <li key={`${item.key}.${item.row ?? ''}`}>
            <span className="paired-label">
              {item.row && paired.items[i - 1]?.key !== item.key && (
                <>
                  <LocalText value={item.question} />
                  <br />
                </>
              )}
              <LocalText value={item.text} />
            </span>
            <span>
              {t('surveys.evaluation.change', {
                before: formatNumber(item.before),
                after: formatNumber(item.after),
                change: `${item.change > 0 ? '+' : ''}${formatNumber(item.change)}`,
                pairs: formatNumber(item.pairs),
              })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function Visits({ visits, minimum }: { visits: Evaluation['behaviour']['visits']; minimum: number }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        {t('surveys.evaluation.visits', {
          done: formatNumber(visits.done),
          due: formatNumber(visits.due),
          overdue: formatNumber(visits.overdue),
        })}
      </p>
      {visits.applied ? (
        <ul className="paired">
          {(['applied', 'partly', 'not_applied'] as const).map((k) => (
            <li key={k}>
              <span className="paired-label">{t(`surveys.evaluation.applied.${k}`)}</span>
              <span>{formatNumber(visits.applied![k])}</span>
            </li>
          ))}
        </ul>
      ) : visits.done > 0 ? (
        <p className="muted">{t('surveys.evaluation.hidden', { minimum })}</p>
      ) : null}
    </>
  );
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** For those who may send: a published questionnaire of the purpose, sent to the offering's people. */
function SendRound({ evaluation, purpose, kind }: { evaluation: Evaluation; purpose: Purpose; kind: string }) {
  const { t, i18n } = useTranslation();
  const surveys = useApiQuery(
    'GET /api/surveys',
    { query: { purpose, status: 'published' } },
    { enabled: evaluation.canSend },
  );
  const [chosen, setChosen] = useState('');
  if (!evaluation.canSend || !evaluation.unitId || !surveys.data) return null;
  const surveyId = chosen || surveys.data.items[0]?.id || '';
  if (!surveyId) return null;
  const today = dayOf(new Date());
  const window =
    kind === 'follow_up'
      ? {
          opensOn: evaluation.followUp.opensOn > today ? evaluation.followUp.opensOn : today,
          closesOn: evaluation.followUp.closesOn > today ? evaluation.followUp.closesOn : '',
        }
      : { opensOn: today, closesOn: '' };
  const search = new URLSearchParams({
    offeringId: evaluation.offeringId,
    kind,
    unitId: evaluation.unitId,
    opensOn: window.opensOn,
    ...(window.closesOn ? { closesOn: window.closesOn } : {}),
  });
  const label = t(`surveys.evaluation.send.${kind}`);
  return (
    <div className="send-round">
      {surveys.data.items.length > 1 && (
        <label>
          {t('surveys.evaluation.questionnaire')}
          <select value={surveyId} onChange={(e) => setChosen(e.target.value)}>
            {surveys.data.items.map((s) => (
              <option key={s.id} value={s.id}>
                {pickText(s.title, i18n.language).text}
              </option>
            ))}
          </select>
        </label>
      )}
      <Link className="button-link" to={`/surveys/${surveyId}/send?${search}`}>
        {label}
      </Link>
    </div>
  );
}
