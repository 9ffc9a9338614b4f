import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, queryKey, useApiQuery } from '../../api/routes.ts';
import { formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { money } from './CompetitionList.tsx';

type Detail = ApiResponse<'GET /api/competitions/:competitionId'>;

/** The call's managers: the reviewer pool, assignment, the ranking and the decisions. */
export function ManagerPanel({ detail }: { detail: Detail }) {
  const competitionId = detail.id;
  const params = { competitionId };
  const keys = [
    queryKey('GET /api/competitions/:competitionId', { params }),
    queryKey('GET /api/competitions/:competitionId/ranking', { params }),
  ];
  return (
    <>
      <ReviewerPool detail={detail} keys={keys} />
      <Assignments detail={detail} keys={keys} />
      <RankingSection detail={detail} keys={keys} />
    </>
  );
}

type Keys = ReturnType<typeof queryKey>[];

function ReviewerPool({ detail, keys }: { detail: Detail; keys: Keys }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ id: string; name: string; unit: string }[] | null>(null);
  const { act, failure, busy } = useAct(keys);
  const pool = detail.reviewers.map((r) => r.personId);
  const setPool = (personIds: string[]) =>
    act(() =>
      call('PUT /api/competitions/:competitionId/reviewers', {
        params: { competitionId: detail.id },
        body: { personIds },
      }),
    );
  async function find(e: FormEvent) {
    e.preventDefault();
    await act(async () => {
      const page = await call('GET /api/people', { query: { q, limit: 20 } });
      setFound(page.items.map((p) => ({ id: p.id, name: `${p.givenName} ${p.familyName}`, unit: p.orgUnitName })));
    });
  }
  return (
    <section>
      <h2>{t('competitions.manage.reviewers')}</h2>
      {detail.reviewers.length === 0 ? (
        <p className="muted">{t('competitions.manage.noReviewers')}</p>
      ) : (
        <ul>
          {detail.reviewers.map((r) => (
            <li key={r.personId}>
              {r.name} <span className="muted">({r.unitName})</span> ·{' '}
              {t('competitions.manage.assignedCount', { count: r.assigned })}{' '}
              <button type="button" disabled={busy} onClick={() => void setPool(pool.filter((p) => p !== r.personId))}>
                {t('competitions.manage.removeReviewer', { name: r.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void find(e)} className="inline">
        <label>
          {t('competitions.manage.findReviewer')}
          <input value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t('competitions.apply.find')}</button>
      </form>
      {found && (
        <ul>
          {found
            .filter((p) => !pool.includes(p.id))
            .map((p) => (
              <li key={p.id}>
                {p.name} <span className="muted">({p.unit})</span>{' '}
                <button type="button" disabled={busy} onClick={() => void setPool([...pool, p.id])}>
                  {t('competitions.manage.addReviewer', { name: p.name })}
                </button>
              </li>
            ))}
        </ul>
      )}
      {failure !== null && <ErrorText error={failure} />}
    </section>
  );
}

function Assignments({ detail, keys }: { detail: Detail; keys: Keys }) {
  const { t } = useTranslation();
  const { act, failure, busy } = useAct(keys);
  const [result, setResult] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const submitted = detail.applications.filter((a) => a.status !== 'draft');
  async function auto() {
    let r: ApiResponse<'POST /api/competitions/:competitionId/assignments'> | undefined;
    const ok = await act(async () => {
      r = await call('POST /api/competitions/:competitionId/assignments', {
        params: { competitionId: detail.id },
        body: {},
      });
    });
    // Told once the applications below show their new reviewers.
    if (ok && r)
      setResult(
        r.short.length
          ? t('competitions.manage.autoShort', { count: r.assigned, short: r.short.length })
          : t('competitions.manage.autoDone', { count: r.assigned }),
      );
  }
  async function assign(applicationId: string) {
    const reviewerPersonId = chosen[applicationId];
    if (!reviewerPersonId) return;
    await act(() =>
      call('POST /api/competitions/applications/:applicationId/reviewers', {
        params: { applicationId },
        body: { reviewerPersonId },
      }),
    );
  }
  return (
    <section>
      <h2>{t('competitions.manage.applications')}</h2>
      <button type="button" disabled={busy || detail.reviewers.length === 0} onClick={() => void auto()}>
        {t('competitions.manage.autoAssign', { count: detail.reviewersPerApplication })}
      </button>
      {result && <p role="status">{result}</p>}
      {failure !== null && <ErrorText error={failure} />}
      {submitted.length === 0 ? (
        <p className="muted">{t('competitions.manage.noApplications')}</p>
      ) : (
        <table className="cards">
          <thead>
            <tr>
              <th>{t('competitions.apply.projectTitle')}</th>
              <th>{t('competitions.apply.team')}</th>
              <th>{t('competitions.manage.assignedReviewers')}</th>
              <th>{t('competitions.manage.assign')}</th>
            </tr>
          </thead>
          <tbody>
            {submitted.map((a) => (
              <tr key={a.id}>
                <td data-label={t('competitions.apply.projectTitle')}>{a.title}</td>
                <td data-label={t('competitions.apply.team')}>
                  {a.team.map((m) => `${m.name} (${m.unitName})`).join(', ')}
                </td>
                <td data-label={t('competitions.manage.assignedReviewers')}>
                  {a.reviewers.length ? a.reviewers.map((r) => r.name).join(', ') : '—'}
                </td>
                <td data-label={t('competitions.manage.assign')}>
                  <span className="inline">
                    <select
                      aria-label={t('competitions.manage.reviewerFor', { title: a.title })}
                      value={chosen[a.id] ?? ''}
                      onChange={(e) => setChosen({ ...chosen, [a.id]: e.target.value })}
                    >
                      <option value="">—</option>
                      {detail.reviewers
                        .filter((r) => !a.reviewers.some((x) => x.personId === r.personId))
                        .map((r) => (
                          <option key={r.personId} value={r.personId}>
                            {r.name}
                          </option>
                        ))}
                    </select>
                    <button type="button" disabled={busy || !chosen[a.id]} onClick={() => void assign(a.id)}>
                      {t('competitions.manage.assign')}
                    </button>
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const score = (value: number | null) => (value === null ? '—' : formatNumber(value));

function RankingSection({ detail, keys }: { detail: Detail; keys: Keys }) {
  const { t } = useTranslation();
  const ranking = useApiQuery('GET /api/competitions/:competitionId/ranking', { params: { competitionId: detail.id } });
  const { act, failure, busy } = useAct(keys);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const decide = (applicationId: string, body: { decision: 'award'; amount: number } | { decision: 'decline' }) =>
    act(() => call('POST /api/competitions/applications/:applicationId/decision', { params: { applicationId }, body }));
  return (
    <section>
      <h2>{t('competitions.ranking.title')}</h2>
      <p className="muted">{t('competitions.ranking.method')}</p>
      {failure !== null && <ErrorText error={failure} />}
      <QueryState query={ranking}>
        {() => (
          <table className="cards">
            <thead>
              <tr>
                <th>{t('competitions.ranking.rank')}</th>
                <th>{t('competitions.apply.projectTitle')}</th>
                <th>{t('competitions.ranking.raw')}</th>
                <th>{t('competitions.ranking.normalised')}</th>
                <th>{t('competitions.ranking.reviews')}</th>
                <th>{t('competitions.ranking.requested')}</th>
                <th>{t('competitions.ranking.decision')}</th>
              </tr>
            </thead>
            <tbody>
              {ranking.data!.items.map((r) => (
                <tr key={r.applicationId}>
                  <td data-label={t('competitions.ranking.rank')}>{r.rank}</td>
                  <td data-label={t('competitions.apply.projectTitle')}>{r.title}</td>
                  <td data-label={t('competitions.ranking.raw')}>{score(r.raw)}</td>
                  <td data-label={t('competitions.ranking.normalised')}>{score(r.normalised)}</td>
                  <td data-label={t('competitions.ranking.reviews')}>{r.reviews}</td>
                  <td data-label={t('competitions.ranking.requested')}>{money(r.budgetRequested, detail.currency)}</td>
                  <td data-label={t('competitions.ranking.decision')}>
                    {r.status === 'submitted' ? (
                      <span className="inline">
                        <input
                          type="number"
                          min={1}
                          max={r.budgetRequested}
                          aria-label={t('competitions.ranking.amountFor', { title: r.title })}
                          value={amounts[r.applicationId] ?? String(r.budgetRequested)}
                          onChange={(e) => setAmounts({ ...amounts, [r.applicationId]: e.target.value })}
                        />
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() =>
                            void decide(r.applicationId, {
                              decision: 'award',
                              amount: Number(amounts[r.applicationId] ?? r.budgetRequested),
                            })
                          }
                        >
                          {t('competitions.ranking.award')}
                        </button>
                        <button
                          type="button"
                          disabled={busy}
                          onClick={() => void decide(r.applicationId, { decision: 'decline' })}
                        >
                          {t('competitions.ranking.decline')}
                        </button>
                      </span>
                    ) : (
                      <>
                        {t(`competitions.status.${r.status}`)}
                        {r.awardedAmount !== null && ` · ${money(r.awardedAmount, detail.currency)}`}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </QueryState>
    </section>
  );
}
