import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';
import { useMe } from '../../auth/session.tsx';
import { formatDate, formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { money } from './CompetitionList.tsx';
import { ManagerPanel } from './ManagerPanel.tsx';
import './competitions.css';

type Detail = ApiResponse<'GET /api/competitions/:competitionId'>;
type Application = Detail['applications'][number];

/** One call: what it funds and when; a teacher applies with a team; its managers assign, rank and decide. */
export function CompetitionPage() {
  const { t } = useTranslation();
  const { competitionId = '' } = useParams();
  const detail = useApiQuery('GET /api/competitions/:competitionId', { params: { competitionId } });
  const me = useMe();
  return (
    <div className="competitions">
      <QueryState query={detail}>
        {() => {
          const c = detail.data!;
          const mine = c.applications.filter((a) => a.team.some((m) => m.personId === me.personId));
          return (
            <>
              <h1>
                <LocalText value={c.title} />
              </h1>
              <p>
                <LocalText value={c.theme} />
              </p>
              {c.description && (
                <p>
                  <LocalText value={c.description} />
                </p>
              )}
              <dl className="facts">
                <dt>{t('competitions.budget')}</dt>
                <dd>
                  {money(c.budgetTotal, c.currency)} ·{' '}
                  {t('competitions.maxPerGrant', { amount: money(c.maxPerGrant, c.currency) })}
                </dd>
                <dt>{t('competitions.remaining')}</dt>
                <dd>{money(c.remainingBudget, c.currency)}</dd>
                <dt>{t('competitions.window')}</dt>
                <dd>
                  {formatDate(c.opensAt)} – {formatDate(c.closesAt)}
                </dd>
                <dt>{t('competitions.form.reviewBy')}</dt>
                <dd>{formatDay(c.reviewBy)}</dd>
                <dt>{t('competitions.form.decisionOn')}</dt>
                <dd>{formatDay(c.decisionOn)}</dd>
                <dt>{t('competitions.form.reportingDue')}</dt>
                <dd>{formatDay(c.reportingDue)}</dd>
              </dl>
              <h2>{t('competitions.form.rubric')}</h2>
              <ul>
                {c.rubric.map((r) => (
                  <li key={r.key}>
                    <LocalText value={r.title} />{' '}
                    <span className="muted">
                      {t('competitions.criterionFacts', { weight: r.weight, max: r.maxScore })}
                    </span>
                  </li>
                ))}
              </ul>
              {mine.length > 0 && (
                <section>
                  <h2>{t('competitions.mine')}</h2>
                  {mine.map((a) => (
                    <MyApplication key={a.id} application={a} currency={c.currency} />
                  ))}
                </section>
              )}
              {mine.length === 0 && c.open && !c.canManage && <ApplyForm detail={c} />}
              {c.canManage && <ManagerPanel detail={c} />}
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function MyApplication({ application: a, currency }: { application: Application; currency: string }) {
  const { t } = useTranslation();
  return (
    <article className="card">
      <strong>{a.title}</strong>
      <span>
        {t(`competitions.status.${a.status}`)}
        {a.awardedAmount !== null && ` · ${money(a.awardedAmount, currency)}`}
      </span>
      <span className="muted">{a.team.map((m) => `${m.name} (${m.unitName})`).join(', ')}</span>
      {a.decisionNote && <p>{a.decisionNote}</p>}
    </article>
  );
}

/** Title, summary, plan, budget and the team (colleagues found by family name), submitted at once. */
function ApplyForm({ detail }: { detail: Detail }) {
  const { t } = useTranslation();
  const competitionId = detail.id;
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [plan, setPlan] = useState('');
  const [budget, setBudget] = useState('');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ personId: string; name: string; unitName: string }[] | null>(null);
  const [team, setTeam] = useState<{ personId: string; name: string; unitName: string }[]>([]);
  const me = useMe();
  const { act, failure, busy } = useAct([
    queryKey('GET /api/competitions/:competitionId', { params: { competitionId } }),
  ]);

  async function find(e: FormEvent) {
    e.preventDefault();
    await act(async () => {
      const result = await call('GET /api/competitions/:competitionId/candidates', {
        params: { competitionId },
        query: { q },
      });
      setFound(result.items.filter((p) => p.personId !== me.personId));
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    await act(async () => {
      const draft = await call('POST /api/competitions/:competitionId/applications', {
        params: { competitionId },
        body: {
          title,
          summary,
          plan,
          budgetRequested: Number(budget),
          memberPersonIds: team.map((m) => m.personId),
        },
      });
      await call('POST /api/competitions/applications/:applicationId/submit', { params: { applicationId: draft.id } });
    });
  }

  return (
    <section>
      <h2>{t('competitions.apply.title')}</h2>
      <form onSubmit={(e) => void find(e)} className="inline">
        <label>
          {t('competitions.apply.findMember')}
          <input value={q} minLength={2} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t('competitions.apply.find')}</button>
      </form>
      {found && found.length === 0 && <p className="muted">{t('competitions.apply.noneFound')}</p>}
      {found && found.length > 0 && (
        <ul>
          {found.map((p) => (
            <li key={p.personId}>
              {p.name} <span className="muted">({p.unitName})</span>{' '}
              {!team.some((m) => m.personId === p.personId) && (
                <button type="button" onClick={() => setTeam([...team, p])}>
                  {t('competitions.apply.addMember', { name: p.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} className="stack">
        <p>
          {t('competitions.apply.team')}:{' '}
          {team.length === 0
            ? t('competitions.apply.onlyMe')
            : team.map((m) => (
                <span key={m.personId}>
                  {m.name} ({m.unitName}){' '}
                  <button type="button" onClick={() => setTeam(team.filter((x) => x.personId !== m.personId))}>
                    {t('competitions.apply.removeMember', { name: m.name })}
                  </button>{' '}
                </span>
              ))}
        </p>
        <label>
          {t('competitions.apply.projectTitle')}
          <input required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('competitions.apply.summary')}
          <textarea required rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <label>
          {t('competitions.apply.plan')}
          <textarea required rows={6} value={plan} onChange={(e) => setPlan(e.target.value)} />
        </label>
        <label>
          {t('competitions.apply.budget', { currency: detail.currency })}
          <input
            required
            type="number"
            min={1}
            max={detail.maxPerGrant}
            value={budget}
            onChange={(e) => setBudget(e.target.value)}
          />
        </label>
        {failure !== null && <ErrorText error={failure} />}
        <button type="submit" disabled={busy}>
          {t('competitions.apply.submit')}
        </button>
      </form>
    </section>
  );
}
