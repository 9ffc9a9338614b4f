import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { type ApiResponse, useApiQuery } from '../../api/routes.ts';
import { formatDay, formatNumber, formatPercent } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { PairedChange } from '../evaluation/OfferingEvaluation.tsx';

type Comparison = ApiResponse<'GET /api/surveys/rounds/:roundId/compare'>;

/**
 * A round beside another of the same questionnaire (last year's national survey, or the round before
 * a training and the one after): each choice's share in both and the change in percentage points,
 * at a unit within both, hidden alike below the minimum group; identified rounds paired by person.
 */
export default function ComparePage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const other = search.get('with') ?? '';
  const round = useApiQuery('GET /api/surveys/rounds/:roundId', { params: { roundId } });
  const rounds = useApiQuery('GET /api/surveys/rounds', {});
  const comparison = useApiQuery(
    'GET /api/surveys/rounds/:roundId/compare',
    { params: { roundId }, query: { with: other } },
    { enabled: !!other },
  );
  const candidates =
    rounds.data?.items.filter((r) => r.id !== roundId && r.surveyCode === round.data?.surveyCode) ?? [];
  return (
    <>
      <h1>{t('surveys.compare.title')}</h1>
      <QueryState query={round}>
        {() => (
          <p>
            <Link to={`/surveys/rounds/${roundId}`}>
              <LocalText value={round.data!.title} />
            </Link>
          </p>
        )}
      </QueryState>
      {rounds.data && candidates.length === 0 ? (
        <p className="muted">{t('surveys.compare.none')}</p>
      ) : (
        <label>
          {t('surveys.compare.with')}
          <select value={other} onChange={(e) => setSearch(e.target.value ? { with: e.target.value } : {})}>
            <option value="">{t('surveys.compare.choose')}</option>
            {candidates.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title.text} · {r.unit.name.text} · {formatDay(r.opensOn)}
              </option>
            ))}
          </select>
        </label>
      )}
      {other && <QueryState query={comparison}>{() => <Compared comparison={comparison.data!} />}</QueryState>}
    </>
  );
}

function Compared({ comparison: c }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const share = (v: number | null) => (v === null ? '–' : formatPercent(v * 100));
  const side = (s: Comparison['before']) =>
    s.respondents === null
      ? t('surveys.compare.hidden', { title: s.title.text, minimum: c.minimumGroup })
      : t('surveys.compare.respondents', { title: s.title.text, n: formatNumber(s.respondents) });
  return (
    <>
      <h2>
        <LocalText value={c.unit.name} />
      </h2>
      <ul>
        <li>
          {t('surveys.compare.before')}: {side(c.before)} ({formatDay(c.before.opensOn)})
        </li>
        <li>
          {t('surveys.compare.after')}: {side(c.after)} ({formatDay(c.after.opensOn)})
        </li>
      </ul>
      {c.questions.map((q) => (
        <section key={q.key} className="question-result">
          <h3>
            <LocalText value={q.text} />
          </h3>
          {q.mean ? (
            <p>
              {t('surveys.compare.mean')}: {q.mean.before === null ? '–' : formatNumber(q.mean.before)} →{' '}
              {q.mean.after === null ? '–' : formatNumber(q.mean.after)}
            </p>
          ) : (
            <table className="cards">
              <thead>
                <tr>
                  <th scope="col">{q.type === 'matrix' ? t('surveys.statement') : t('surveys.compare.choice')}</th>
                  <th scope="col">{t('surveys.compare.before')}</th>
                  <th scope="col">{t('surveys.compare.after')}</th>
                  <th scope="col">{t('surveys.compare.change')}</th>
                </tr>
              </thead>
              <tbody>
                {q.items.map((i) => (
                  <tr key={i.value}>
                    <th scope="row">
                      <LocalText value={i.label} />
                    </th>
                    <td data-label={t('surveys.compare.before')}>{share(i.before)}</td>
                    <td data-label={t('surveys.compare.after')}>{share(i.after)}</td>
                    <td data-label={t('surveys.compare.change')}>
                      {i.change === null
                        ? '–'
                        : t('surveys.compare.points', { n: `${i.change > 0 ? '+' : ''}${formatNumber(i.change)}` })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {q.type === 'matrix' && <p className="muted">{t('surveys.compare.topTwoNote')}</p>}
        </section>
      ))}
      {c.paired && <PairedChange paired={c.paired} minimum={c.minimumGroup} />}
    </>
  );
}
