import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { call, queryKey, useApiQuery } from '../api/routes.ts';
import type { Plan } from '../api/types.ts';
import { useCan, useMe } from '../auth/session.tsx';
import { counted, formatDate, formatNumber } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { PlanItems } from './PlanItems.tsx';
import { useStandard } from './standard.ts';

/** What each status may become, and who may move it: the teacher, or a leader who agrees plans. */
const NEXT: Record<Plan['status'], { to: Plan['status']; self: boolean; leader: boolean }[]> = {
  draft: [{ to: 'agreed', self: false, leader: true }],
  agreed: [
    { to: 'active', self: true, leader: true },
    { to: 'draft', self: true, leader: true },
  ],
  active: [{ to: 'done', self: true, leader: true }],
  done: [],
};

/**
 * A teacher's development plan: proposed from their gaps, edited while a draft, agreed with the
 * school leader, and followed as training is completed and levels are confirmed.
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const me = useMe();
  const personId = useParams().personId ?? me.personId;
  const own = personId === me.personId;
  const leader = useCan('plans.agree') && !own;
  const params = { personId: personId! };
  const plans = useApiQuery('GET /api/people/:personId/development-plans', { params }, { enabled: !!personId });
  const { act, failure, busy } = useAct([queryKey('GET /api/people/:personId/development-plans', { params })]);
  // The plan being followed, else the newest.
  const plan =
    plans.data?.items.find((p) => p.status !== 'done') ??
    [...(plans.data?.items ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const standard = useStandard(plan?.frameworkId);
  if (!personId || (plans.error instanceof ApiError && plans.error.status === 404)) return <NotFound />;
  const canPropose = (own || leader) && (!plan || plan.status === 'draft' || plan.status === 'done');

  return (
    <>
      <h1>
        {t('training.plan.title')}
        {!own && plan ? ` · ${plan.personName}` : ''}
      </h1>
      <p className="inline">
        <Link to={own ? '/my-transcript' : `/people/${personId}/transcript`}>{t('training.transcript.title')}</Link>
        <Link to={own ? '/my-results' : `/people/${personId}/feedback`}>{t('assessment.feedback.title')}</Link>
      </p>
      {failure ? <ErrorText error={failure} /> : null}
      <QueryState query={plans}>
        {() => (
          <>
            {!plan && <p>{t('training.plan.none')}</p>}
            {canPropose && (
              <p>
                <button
                  type="button"
                  className={plan ? 'secondary' : undefined}
                  disabled={busy}
                  onClick={() =>
                    void act(() => call('POST /api/people/:personId/development-plans', { params, body: {} }))
                  }
                >
                  {plan ? t('training.plan.proposeAgain') : t('training.plan.propose')}
                </button>
              </p>
            )}
            {plan && (
              <>
                <p>
                  <span className={`status status-${plan.status}`}>{t(`training.plan.status.${plan.status}`)}</span>
                  {plan.targetLevelCode
                    ? ` · ${t('training.plan.target', { level: standard.levelName(plan.targetLevelCode) })}`
                    : ''}
                  {plan.agreedAt ? ` · ${t('training.plan.agreedAt', { when: formatDate(plan.agreedAt) })}` : ''}
                </p>
                <section aria-label={t('training.plan.progress')} className="panel">
                  <h2>{t('training.plan.progress')}</h2>
                  <label>
                    {t('training.plan.trained', {
                      ...counted(plan.progress.trained),
                      items: formatNumber(plan.progress.items),
                    })}
                    <progress max={Math.max(1, plan.progress.items)} value={plan.progress.trained} />
                  </label>
                  <label>
                    {t('training.plan.achieved', {
                      ...counted(plan.progress.achieved),
                      items: formatNumber(plan.progress.items),
                    })}
                    <progress max={Math.max(1, plan.progress.items)} value={plan.progress.achieved} />
                  </label>
                </section>
                <div className="inline">
                  {NEXT[plan.status]
                    .filter((n) => (own ? n.self : leader && n.leader))
                    .map((n) => (
                      <button
                        key={n.to}
                        type="button"
                        className={n.to === 'draft' ? 'secondary' : undefined}
                        disabled={busy}
                        onClick={() =>
                          void act(() =>
                            call('POST /api/development-plans/:id/status', {
                              params: { id: plan.id },
                              body: { status: n.to },
                            }),
                          )
                        }
                      >
                        {t(`training.plan.to.${n.to}`)}
                      </button>
                    ))}
                </div>
                {plan.status === 'draft' && own && <p className="muted">{t('training.plan.askLeader')}</p>}
                <PlanItems
                  key={`${plan.id}:${plan.updatedAt}`}
                  plan={plan}
                  editable={plan.status === 'draft' && (own || leader)}
                  levelName={standard.levelName}
                  act={act}
                  busy={busy}
                />
              </>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
