import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ACTION_STATUSES,
  type ActionStatus,
  REVIEW_AREAS,
  type ReviewArea,
} from '../../../server/modules/practice/schoolreviews.constants.ts';
import { formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import {
  addDaysIso,
  createPlan,
  type PlanOptions,
  type PlanView,
  planKeys,
  todayIso,
  updatePlan,
  usePlan,
  usePlanOptions,
} from './data.ts';

interface ActionDraft {
  id?: string;
  area: ReviewArea;
  title: string;
  ownerPersonId: string;
  ownerText: string;
  dueOn: string;
  status: ActionStatus;
  resources: string;
}

const blankAction = (): ActionDraft => ({
  area: 'teaching_practice',
  title: '',
  ownerPersonId: '',
  ownerText: '',
  dueOn: addDaysIso(todayIso(), 90),
  status: 'planned',
  resources: '',
});

/** `/school-plans/new?schoolId=&reviewId=` and `/school-plans/:planId/edit`. */
export default function PlanEditorPage() {
  const { planId = '' } = useParams();
  const [search] = useSearchParams();
  const plan = usePlan(planId);
  const schoolId = planId ? (plan.data?.school.id ?? '') : (search.get('schoolId') ?? '');
  const options = usePlanOptions(schoolId);
  if (planId)
    return (
      <QueryState query={plan}>
        {() => (
          <QueryState query={options}>{() => <PlanEditor options={options.data!} plan={plan.data!} />}</QueryState>
        )}
      </QueryState>
    );
  return (
    <QueryState query={options}>
      {() => <PlanEditor options={options.data!} reviewId={search.get('reviewId')} />}
    </QueryState>
  );
}

function PlanEditor({ options, plan, reviewId }: { options: PlanOptions; plan?: PlanView; reviewId?: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const year = new Date().getUTCFullYear();
  const [title, setTitle] = useState(plan?.title ?? '');
  const [periodStart, setPeriodStart] = useState(plan?.periodStart ?? todayIso());
  const [periodEnd, setPeriodEnd] = useState(plan?.periodEnd ?? `${year + 2}-08-31`);
  const [vision, setVision] = useState(plan?.vision ?? '');
  const [goals, setGoals] = useState<Partial<Record<ReviewArea, string>>>(plan?.goals ?? {});
  const [review, setReview] = useState(plan?.reviewId ?? reviewId ?? options.reviews[0]?.id ?? '');
  const [partnershipId, setPartnershipId] = useState(plan?.partnership?.id ?? '');
  const [devPlans, setDevPlans] = useState<string[]>(plan?.developmentPlans.map((d) => d.id) ?? []);
  const [actions, setActions] = useState<ActionDraft[]>(
    plan?.actions.map((a) => ({
      id: a.id,
      area: a.area,
      title: a.title,
      ownerPersonId: a.owner.personId ?? '',
      ownerText: a.owner.text ?? '',
      dueOn: a.dueOn,
      status: a.status,
      resources: a.resources,
    })) ?? [blankAction()],
  );
  const { act, failure, busy } = useAct(planKeys);
  const change = (i: number, patch: Partial<ActionDraft>) =>
    setActions(actions.map((a, j) => (j === i ? { ...a, ...patch } : a)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const fields = {
      title: title.trim(),
      periodStart,
      periodEnd,
      vision: vision.trim(),
      goals: Object.fromEntries(Object.entries(goals).filter(([, v]) => v?.trim())),
      partnershipId: partnershipId || null,
      developmentPlanIds: devPlans,
      actions: actions
        .filter((a) => a.title.trim())
        .map((a) => ({
          ...(a.id ? { id: a.id } : {}),
          area: a.area,
          title: a.title.trim(),
          ownerPersonId: a.ownerPersonId || null,
          ownerText: a.ownerPersonId ? null : a.ownerText.trim() || null,
          dueOn: a.dueOn,
          status: a.status,
          resources: a.resources.trim(),
        })),
    };
    let saved: PlanView | undefined;
    const ok = await act(async () => {
      saved = plan
        ? await updatePlan(plan.id, fields)
        : await createPlan({ schoolId: options.school.id, reviewId: review || null, ...fields });
    });
    if (ok && saved) navigate(`/school-plans/${saved.id}`);
  }

  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <p>
        <Link to={`/org/${options.school.id}/school-plan`}>{t('schoolPlans.title')}</Link>
      </p>
      <h1>{plan ? t('schoolPlans.plan.edit') : t('schoolPlans.plan.new')}</h1>
      <p>{options.school.name.text}</p>
      <label>
        {t('schoolPlans.plan.fields.title')}
        <input required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label>
        {t('schoolPlans.plan.fields.periodStart')}
        <input type="date" required value={periodStart} onChange={(e) => setPeriodStart(e.target.value)} />
      </label>
      <label>
        {t('schoolPlans.plan.fields.periodEnd')}
        <input
          type="date"
          required
          min={periodStart}
          value={periodEnd}
          onChange={(e) => setPeriodEnd(e.target.value)}
        />
      </label>
      {!plan && (
        <label>
          {t('schoolPlans.plan.fields.review')}
          <select value={review} onChange={(e) => setReview(e.target.value)}>
            <option value="">{t('schoolPlans.plan.noReview')}</option>
            {options.reviews.map((r) => (
              <option key={r.id} value={r.id}>
                {formatDay(r.opensOn)} – {formatDay(r.closesOn)}
              </option>
            ))}
          </select>
        </label>
      )}
      {review && (
        <p>
          <Link to={`/school-reviews/${review}/results`} target="_blank">
            {t('schoolPlans.review.results')}
          </Link>
        </p>
      )}
      <label>
        {t('schoolPlans.plan.fields.vision')}
        <textarea required maxLength={4000} rows={4} value={vision} onChange={(e) => setVision(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('schoolPlans.plan.fields.goals')}</legend>
        {REVIEW_AREAS.map((area) => (
          <label key={area}>
            {t(`schoolPlans.areas.${area}`)}
            <textarea
              maxLength={2000}
              rows={2}
              value={goals[area] ?? ''}
              onChange={(e) => setGoals({ ...goals, [area]: e.target.value })}
            />
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('schoolPlans.plan.fields.actions')}</legend>
        {actions.map((a, i) => (
          <div key={a.id ?? `new-${i}`} className="panel stack" data-testid="action-row">
            <label>
              {t('schoolPlans.action.title')}
              <input maxLength={500} value={a.title} onChange={(e) => change(i, { title: e.target.value })} />
            </label>
            <label>
              {t('schoolPlans.action.area')}
              <select value={a.area} onChange={(e) => change(i, { area: e.target.value as ReviewArea })}>
                {REVIEW_AREAS.map((area) => (
                  <option key={area} value={area}>
                    {t(`schoolPlans.areas.${area}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('schoolPlans.action.owner')}
              <select value={a.ownerPersonId} onChange={(e) => change(i, { ownerPersonId: e.target.value })}>
                <option value="">{t('schoolPlans.action.ownerOther')}</option>
                {options.people.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            {!a.ownerPersonId && (
              <label>
                {t('schoolPlans.action.ownerText')}
                <input
                  maxLength={200}
                  required={!!a.title.trim()}
                  value={a.ownerText}
                  onChange={(e) => change(i, { ownerText: e.target.value })}
                />
              </label>
            )}
            <label>
              {t('schoolPlans.action.dueOn')}
              <input type="date" required value={a.dueOn} onChange={(e) => change(i, { dueOn: e.target.value })} />
            </label>
            <label>
              {t('schoolPlans.action.status')}
              <select value={a.status} onChange={(e) => change(i, { status: e.target.value as ActionStatus })}>
                {ACTION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`schoolPlans.action.statuses.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('schoolPlans.action.resources')}
              <input maxLength={2000} value={a.resources} onChange={(e) => change(i, { resources: e.target.value })} />
            </label>
            <p>
              <button type="button" className="secondary" onClick={() => setActions(actions.filter((_, j) => j !== i))}>
                {t('schoolPlans.action.remove')}
              </button>
            </p>
          </div>
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => setActions([...actions, blankAction()])}>
            {t('schoolPlans.action.add')}
          </button>
        </p>
      </fieldset>

      <label>
        {t('schoolPlans.plan.fields.partnership')}
        <select value={partnershipId} onChange={(e) => setPartnershipId(e.target.value)}>
          <option value="">{t('schoolPlans.plan.noPartnership')}</option>
          {options.partnerships.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title} ({formatDay(p.startsOn)} – {formatDay(p.endsOn)})
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('schoolPlans.plan.fields.developmentPlans')}</legend>
        {options.developmentPlans.length === 0 && <p className="muted">{t('schoolPlans.plan.noDevelopmentPlans')}</p>}
        {options.developmentPlans.map((d) => (
          <label key={d.id} className="choice">
            <input
              type="checkbox"
              checked={devPlans.includes(d.id)}
              onChange={(e) => setDevPlans(e.target.checked ? [...devPlans, d.id] : devPlans.filter((x) => x !== d.id))}
            />
            {d.name} ({t(`training.plan.status.${d.status}`)})
          </label>
        ))}
      </fieldset>
      {failure !== null && <ErrorText error={failure} />}
      <p>
        <button type="submit" disabled={busy}>
          {plan ? t('schoolPlans.plan.save') : t('schoolPlans.plan.create')}
        </button>
      </p>
    </form>
  );
}
