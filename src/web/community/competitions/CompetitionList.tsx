import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, queryKey, useApiQuery } from '../../api/routes.ts';
import { useCan, useMe } from '../../auth/session.tsx';
import { formatDay, formatNumber, i18n } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import './competitions.css';

export const money = (amount: number, currency: string) => `${formatNumber(amount)} ${currency}`;

/** PBL grant calls the person may apply to, manages or reviews; a manager opens a new call here. */
export function CompetitionsPage() {
  const { t } = useTranslation();
  const calls = useApiQuery('GET /api/competitions', {});
  const manager = useCan('community.competitions.manage');
  return (
    <div className="competitions">
      <div className="competitions-head">
        <h1>{t('competitions.title')}</h1>
        <Link to="/competition-reviews">{t('competitions.reviews.title')}</Link>
      </div>
      <QueryState query={calls}>
        {() =>
          calls.data!.items.length === 0 ? (
            <p className="muted">{t('competitions.none')}</p>
          ) : (
            <ul className="cards">
              {calls.data!.items.map((c) => (
                <li key={c.id} className="card">
                  <Link className="card-title" to={`/competitions/${c.id}`}>
                    <LocalText value={c.title} />
                  </Link>
                  <span>
                    <LocalText value={c.theme} />
                  </span>
                  <span className="muted">
                    {t(c.open ? 'competitions.openUntil' : 'competitions.closed', {
                      date: formatDay(c.closesAt.slice(0, 10)),
                    })}{' '}
                    · {t('competitions.maxPerGrant', { amount: money(c.maxPerGrant, c.currency) })}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {manager && <NewCallForm />}
    </div>
  );
}

interface CriterionDraft {
  title: string;
  weight: string;
  maxScore: string;
}

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A new call at one of the manager's units: theme, budget, timeline and the scoring rubric. */
function NewCallForm() {
  const { t } = useTranslation();
  const me = useMe();
  const units = [...new Map(me.grants.map((g) => [g.orgUnitId, g.orgUnitName])).entries()];
  const [title, setTitle] = useState('');
  const [theme, setTheme] = useState('');
  const [unitId, setUnitId] = useState(units[0]?.[0] ?? '');
  const [currency, setCurrency] = useState('UZS');
  const [budgetTotal, setBudgetTotal] = useState('');
  const [maxPerGrant, setMaxPerGrant] = useState('');
  const [opensOn, setOpensOn] = useState(day(0));
  const [closesOn, setClosesOn] = useState(day(30));
  const [reviewBy, setReviewBy] = useState(day(45));
  const [decisionOn, setDecisionOn] = useState(day(60));
  const [reportingDue, setReportingDue] = useState(day(240));
  const [perApplication, setPerApplication] = useState('2');
  const [rubric, setRubric] = useState<CriterionDraft[]>([
    { title: '', weight: '1', maxScore: '5' },
    { title: '', weight: '1', maxScore: '5' },
  ]);
  const [created, setCreated] = useState<string | null>(null);
  const { act, failure, busy } = useAct([queryKey('GET /api/competitions')]);
  const lang = i18n.language;
  const setCriterion = (i: number, change: Partial<CriterionDraft>) =>
    setRubric(rubric.map((c, j) => (j === i ? { ...c, ...change } : c)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    await act(async () => {
      const saved = await call('POST /api/competitions', {
        body: {
          title: { [lang]: title },
          theme: { [lang]: theme },
          unitId,
          eligibleRoles: ['teacher'],
          currency,
          budgetTotal: Number(budgetTotal),
          maxPerGrant: Number(maxPerGrant),
          // The call opens at the start of its first day and closes at the end of its last, in the browser's zone.
          opensAt: new Date(`${opensOn}T00:00`).toISOString(),
          closesAt: new Date(`${closesOn}T23:59`).toISOString(),
          reviewBy,
          decisionOn,
          reportingDue,
          reviewersPerApplication: Number(perApplication),
          rubric: rubric.map((c, i) => ({
            key: `c${i + 1}`,
            title: { [lang]: c.title },
            weight: Number(c.weight),
            maxScore: Number(c.maxScore),
          })),
        },
      });
      setCreated(saved.id);
    });
  }

  return (
    <section>
      <h2>{t('competitions.form.newTitle')}</h2>
      {created && (
        <p role="status">
          <Link to={`/competitions/${created}`}>{t('competitions.form.created')}</Link>
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label>
          {t('competitions.form.title')}
          <input required value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label>
          {t('competitions.form.theme')}
          <input required value={theme} onChange={(e) => setTheme(e.target.value)} />
        </label>
        <label>
          {t('competitions.form.unit')}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            {units.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <div className="grid-fields">
          <label>
            {t('competitions.form.currency')}
            <input
              required
              value={currency}
              maxLength={3}
              onChange={(e) => setCurrency(e.target.value.toUpperCase())}
            />
          </label>
          <label>
            {t('competitions.form.budgetTotal')}
            <input
              required
              type="number"
              min={1}
              value={budgetTotal}
              onChange={(e) => setBudgetTotal(e.target.value)}
            />
          </label>
          <label>
            {t('competitions.form.maxPerGrant')}
            <input
              required
              type="number"
              min={1}
              value={maxPerGrant}
              onChange={(e) => setMaxPerGrant(e.target.value)}
            />
          </label>
          <label>
            {t('competitions.form.opensOn')}
            <input required type="date" value={opensOn} onChange={(e) => setOpensOn(e.target.value)} />
          </label>
          <label>
            {t('competitions.form.closesOn')}
            <input required type="date" value={closesOn} onChange={(e) => setClosesOn(e.target.value)} />
          </label>
          <label>
            {t('competitions.form.reviewBy')}
            <input required type="date" value={reviewBy} onChange={(e) => setReviewBy(e.target.value)} />
          </label>
          <label>
            {t('competitions.form.decisionOn')}
            <input required type="date" value={decisionOn} onChange={(e) => setDecisionOn(e.target.value)} />
          </label>
          <label>
            {t('competitions.form.reportingDue')}
            <input required type="date" value={reportingDue} onChange={(e) => setReportingDue(e.target.value)} />
          </label>
          <label>
            {t('competitions.form.reviewersPerApplication')}
            <input
              required
              type="number"
              min={1}
              max={10}
              value={perApplication}
              onChange={(e) => setPerApplication(e.target.value)}
            />
          </label>
        </div>
        <fieldset>
          <legend>{t('competitions.form.rubric')}</legend>
          {rubric.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: criteria are edited in place and keyed by position.
            <div key={i} className="grid-fields criterion">
              <label>
                {t('competitions.form.criterion', { n: i + 1 })}
                <input required value={c.title} onChange={(e) => setCriterion(i, { title: e.target.value })} />
              </label>
              <label>
                {t('competitions.form.weight')}
                <input
                  required
                  type="number"
                  min={1}
                  max={100}
                  value={c.weight}
                  onChange={(e) => setCriterion(i, { weight: e.target.value })}
                />
              </label>
              <label>
                {t('competitions.form.maxScore')}
                <input
                  required
                  type="number"
                  min={1}
                  max={100}
                  value={c.maxScore}
                  onChange={(e) => setCriterion(i, { maxScore: e.target.value })}
                />
              </label>
            </div>
          ))}
          <button type="button" onClick={() => setRubric([...rubric, { title: '', weight: '1', maxScore: '5' }])}>
            {t('competitions.form.addCriterion')}
          </button>
        </fieldset>
        {failure !== null && <ErrorText error={failure} />}
        <button type="submit" disabled={busy}>
          {t('competitions.form.create')}
        </button>
      </form>
    </section>
  );
}
