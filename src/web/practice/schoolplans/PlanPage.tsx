import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ACTION_STATUSES, type ActionStatus } from '../../../server/modules/practice/schoolreviews.constants.ts';
import { formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type PlanView, planKeys, recordProgress, setPlanStatus, todayIso, usePlan } from './data.ts';
import { PlanStatus, Progress } from './parts.tsx';

/** A school's ICT plan: vision, goals, actions, links, its status, and its progress reviews. */
export default function PlanPage() {
  const { t } = useTranslation();
  const { planId = '' } = useParams();
  const plan = usePlan(planId);
  const { act, failure, busy } = useAct(planKeys);
  return (
    <QueryState query={plan}>
      {() => {
        const p = plan.data!;
        return (
          <>
            <p>
              <Link to={`/org/${p.school.id}/school-plan`}>{p.school.name.text}</Link>
            </p>
            <h1>{p.title}</h1>
            <dl className="facts">
              <dt>{t('schoolPlans.plan.fields.status')}</dt>
              <dd data-testid="plan-status">
                <PlanStatus status={p.status} />
              </dd>
              <dt>{t('schoolPlans.plan.fields.period')}</dt>
              <dd>
                {formatDay(p.periodStart)} – {formatDay(p.periodEnd)}
              </dd>
              <dt>{t('schoolPlans.plan.fields.progress')}</dt>
              <dd>
                <Progress progress={p.progress} />
              </dd>
              <dt>{t('schoolPlans.plan.fields.vision')}</dt>
              <dd>{p.vision}</dd>
              {p.partnership && (
                <>
                  <dt>{t('schoolPlans.plan.fields.partnership')}</dt>
                  <dd>
                    <Link to={`/partnerships/${p.partnership.id}`}>{p.partnership.title}</Link>
                  </dd>
                </>
              )}
              {p.reviewId && (
                <>
                  <dt>{t('schoolPlans.plan.fields.review')}</dt>
                  <dd>
                    <Link to={`/school-reviews/${p.reviewId}/results`}>{t('schoolPlans.review.results')}</Link>
                  </dd>
                </>
              )}
            </dl>
            <p className="inline">
              {p.can.edit && (
                <Link className="button-link" to={`/school-plans/${p.id}/edit`}>
                  {t('schoolPlans.plan.edit')}
                </Link>
              )}
              {p.can.activate && (
                <button type="button" disabled={busy} onClick={() => void act(() => setPlanStatus(p.id, 'active'))}>
                  {t('schoolPlans.plan.activate')}
                </button>
              )}
              {p.can.archive && (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => {
                    if (window.confirm(t('schoolPlans.plan.archiveConfirm')))
                      void act(() => setPlanStatus(p.id, 'archived'));
                  }}
                >
                  {t('schoolPlans.plan.archive')}
                </button>
              )}
            </p>
            {failure !== null && <ErrorText error={failure} />}
            <Goals plan={p} />
            <Actions plan={p} />
            {p.developmentPlans.length > 0 && (
              <section>
                <h2>{t('schoolPlans.plan.fields.developmentPlans')}</h2>
                <ul>
                  {p.developmentPlans.map((d) => (
                    <li key={d.id}>
                      {d.name} ({t(`training.plan.status.${d.status}`)})
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {p.can.review && <ProgressForm plan={p} />}
            <ProgressList plan={p} />
          </>
        );
      }}
    </QueryState>
  );
}

function Goals({ plan: p }: { plan: PlanView }) {
  const { t } = useTranslation();
  const goals = Object.entries(p.goals).filter(([, v]) => v);
  if (!goals.length) return null;
  return (
    <section>
      <h2>{t('schoolPlans.plan.fields.goals')}</h2>
      <dl className="facts">
        {goals.map(([area, goal]) => (
          <div key={area}>
            <dt>{t(`schoolPlans.areas.${area}`)}</dt>
            <dd>{goal}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Actions({ plan: p }: { plan: PlanView }) {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t('schoolPlans.plan.fields.actions')}</h2>
      {p.actions.length === 0 ? (
        <p className="muted">{t('schoolPlans.action.none')}</p>
      ) : (
        <table className="cards">
          <caption className="visually-hidden">{t('schoolPlans.plan.fields.actions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('schoolPlans.action.title')}</th>
              <th scope="col">{t('schoolPlans.action.area')}</th>
              <th scope="col">{t('schoolPlans.action.owner')}</th>
              <th scope="col">{t('schoolPlans.action.dueOn')}</th>
              <th scope="col">{t('schoolPlans.action.status')}</th>
              <th scope="col">{t('schoolPlans.action.resources')}</th>
            </tr>
          </thead>
          <tbody>
            {p.actions.map((a) => (
              <tr key={a.id}>
                <td>{a.title}</td>
                <td data-label={t('schoolPlans.action.area')}>{t(`schoolPlans.areas.${a.area}`)}</td>
                <td data-label={t('schoolPlans.action.owner')}>{a.owner.name ?? a.owner.text}</td>
                <td data-label={t('schoolPlans.action.dueOn')}>{formatDay(a.dueOn)}</td>
                <td data-label={t('schoolPlans.action.status')}>{t(`schoolPlans.action.statuses.${a.status}`)}</td>
                <td data-label={t('schoolPlans.action.resources')}>{a.resources}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ProgressForm({ plan: p }: { plan: PlanView }) {
  const { t } = useTranslation();
  const [reviewedOn, setReviewedOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const [statuses, setStatuses] = useState<Record<string, ActionStatus>>(
    Object.fromEntries(p.actions.map((a) => [a.id, a.status])),
  );
  const { act, failure, busy } = useAct(planKeys);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await act(() =>
      recordProgress(p.id, {
        reviewedOn,
        note: note.trim(),
        actions: p.actions.map((a) => ({ actionId: a.id, status: statuses[a.id] ?? a.status })),
      }),
    );
    if (ok) setNote('');
  }
  return (
    <form className="panel stack" onSubmit={(e) => void submit(e)}>
      <h2>{t('schoolPlans.progress.new')}</h2>
      <p className="muted">{t('schoolPlans.progress.hint')}</p>
      <label>
        {t('schoolPlans.progress.date')}
        <input
          type="date"
          required
          min={p.periodStart}
          max={todayIso()}
          value={reviewedOn}
          onChange={(e) => setReviewedOn(e.target.value)}
        />
      </label>
      {p.actions.map((a) => (
        <label key={a.id}>
          {a.title}
          <select
            value={statuses[a.id] ?? a.status}
            onChange={(e) => setStatuses({ ...statuses, [a.id]: e.target.value as ActionStatus })}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`schoolPlans.action.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
      ))}
      <label>
        {t('schoolPlans.progress.note')}
        <textarea required maxLength={4000} rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {failure !== null && <ErrorText error={failure} />}
      <p>
        <button type="submit" disabled={busy || !note.trim()}>
          {t('schoolPlans.progress.submit')}
        </button>
      </p>
    </form>
  );
}

function ProgressList({ plan: p }: { plan: PlanView }) {
  const { t } = useTranslation();
  return (
    <section>
      <h2>{t('schoolPlans.progress.title')}</h2>
      {p.progressReviews.length === 0 ? (
        <p className="muted">{t('schoolPlans.plan.noReviewYet')}</p>
      ) : (
        <ul className="cards">
          {p.progressReviews.map((g) => (
            <li key={g.id} className="card">
              <h3 className="card-title">{formatDay(g.reviewedOn)}</h3>
              <p>{g.note}</p>
              {g.author && <p className="muted">{g.author}</p>}
              <ul>
                {g.actions.map((a) => (
                  <li key={a.actionId}>
                    {a.title}: {t(`schoolPlans.action.statuses.${a.status}`)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
