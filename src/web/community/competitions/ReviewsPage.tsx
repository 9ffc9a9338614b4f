import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, queryKey, routeUrl, useApiQuery } from '../../api/routes.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { money } from './CompetitionList.tsx';
import './competitions.css';

type Blind = ApiResponse<'GET /api/competition-reviews'>['items'][number];

/** The reviewer's queue: applications assigned to them, blind (no team, no schools), each scored here. */
export function ReviewsPage() {
  const { t } = useTranslation();
  const queue = useApiQuery('GET /api/competition-reviews', {});
  return (
    <div className="competitions">
      <h1>{t('competitions.reviews.title')}</h1>
      <p className="muted">{t('competitions.reviews.blind')}</p>
      <QueryState query={queue}>
        {() =>
          queue.data!.items.length === 0 ? (
            <p className="muted">{t('competitions.reviews.none')}</p>
          ) : (
            queue.data!.items.map((a) => <ScoreForm key={a.id} application={a} />)
          )
        }
      </QueryState>
    </div>
  );
}

function ScoreForm({ application: a }: { application: Blind }) {
  const { t } = useTranslation();
  const initial = Object.fromEntries(
    a.rubric.map((c) => {
      const mine = a.myScores.find((s) => s.criterion === c.key);
      return [c.key, { score: mine ? String(mine.score) : '', comment: mine?.comment ?? '' }];
    }),
  );
  const [values, setValues] = useState<Record<string, { score: string; comment: string }>>(initial);
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { act, failure, busy } = useAct([queryKey('GET /api/competition-reviews')]);
  const set = (key: string, change: Partial<{ score: string; comment: string }>) =>
    setValues({ ...values, [key]: { ...values[key]!, ...change } });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const ok = await act(() =>
      call('PUT /api/competition-reviews/:applicationId/scores', {
        params: { applicationId: a.id },
        body: {
          scores: a.rubric.map((c) => ({
            criterion: c.key,
            score: Number(values[c.key]!.score),
            comment: values[c.key]!.comment,
          })),
        },
      }),
    );
    setSaved(ok);
  }
  async function declare(e: FormEvent) {
    e.preventDefault();
    await act(() =>
      call('POST /api/competition-reviews/:applicationId/conflict', {
        params: { applicationId: a.id },
        body: { reason },
      }),
    );
  }

  return (
    <article className="card">
      <h2>{a.title}</h2>
      <p className="muted">
        <LocalText value={a.competitionTitle} /> · {money(a.budgetRequested, a.currency)}
      </p>
      <h3>{t('competitions.apply.summary')}</h3>
      <p>{a.summary}</p>
      <h3>{t('competitions.apply.plan')}</h3>
      <p className="pre-line">{a.plan}</p>
      {a.files.length > 0 && (
        <ul>
          {a.files.map((f) => (
            <li key={f.id}>
              <a
                href={routeUrl('GET /api/competitions/applications/:applicationId/files/:fileId', {
                  params: { applicationId: a.id, fileId: f.id },
                })}
              >
                {f.fileName}
              </a>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} className="stack">
        {a.rubric.map((c) => (
          <fieldset key={c.key}>
            <legend>
              <LocalText value={c.title} />{' '}
              <span className="muted">{t('competitions.criterionFacts', { weight: c.weight, max: c.maxScore })}</span>
            </legend>
            <label>
              {t('competitions.reviews.score', { max: c.maxScore })}
              <input
                required
                type="number"
                min={0}
                max={c.maxScore}
                value={values[c.key]!.score}
                onChange={(e) => set(c.key, { score: e.target.value })}
              />
            </label>
            <label>
              {t('competitions.reviews.comment')}
              <textarea
                rows={2}
                value={values[c.key]!.comment}
                onChange={(e) => set(c.key, { comment: e.target.value })}
              />
            </label>
          </fieldset>
        ))}
        {failure !== null && <ErrorText error={failure} />}
        {saved && <p role="status">{t('competitions.reviews.saved')}</p>}
        <button type="submit" disabled={busy}>
          {t('competitions.reviews.save')}
        </button>
      </form>
      <details>
        <summary>{t('competitions.reviews.conflict')}</summary>
        <form onSubmit={(e) => void declare(e)} className="stack">
          <label>
            {t('competitions.reviews.conflictReason')}
            <input required value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('competitions.reviews.declare')}
          </button>
        </form>
      </details>
    </article>
  );
}
