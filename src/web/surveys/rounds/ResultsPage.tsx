import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { type ApiResponse, routeUrl, useApiQuery } from '../../api/routes.ts';
import { useCan } from '../../auth/session.tsx';
import { formatNumber, formatPercent, i18n } from '../../i18n/index.ts';
import { QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { pickText } from '../pickText.ts';
import './results.css';

type Results = ApiResponse<'GET /api/surveys/rounds/:roundId/results'>;
type QuestionResult = Results['questions'][number];
type Text = Record<string, string>;
interface Question {
  key: string;
  type: string;
  text: Text;
  choices: { value: string; label: Text }[];
  rows: { value: string; label: Text }[];
}
const BREAKDOWNS = ['school_type', 'sex', 'role'] as const;

/**
 * A round's results at a unit: respondents, each question's answers as labelled bars (they keep
 * their labels on a phone), the units below (hidden ones say so), and a breakdown by type of place,
 * sex or role where every group is large enough.
 */
export default function ResultsPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const unitId = search.get('unitId') ?? undefined;
  const by = (search.get('by') as (typeof BREAKDOWNS)[number] | null) ?? undefined;
  const results = useApiQuery('GET /api/surveys/rounds/:roundId/results', {
    params: { roundId },
    query: { ...(unitId ? { unitId } : {}), ...(by ? { by } : {}) },
  });
  const manager = useCan('surveys.manage');
  // The downloads carry the page's unit and breakdown (texts have no breakdown).
  const download = (
    file: 'results.csv' | 'results.xlsx' | 'results.pdf' | 'texts.csv',
    withBreakdown = file !== 'texts.csv',
  ) =>
    routeUrl(`GET /api/surveys/rounds/:roundId/${file}`, {
      params: { roundId },
      query: { ...(unitId ? { unitId } : {}), ...(by && withBreakdown ? { by } : {}) },
    });
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next);
  };
  return (
    <QueryState query={results}>
      {() => {
        const r = results.data!;
        const questions = (r.definition as { sections: { questions: Question[] }[] }).sections.flatMap(
          (s) => s.questions,
        );
        return (
          <>
            <h1>
              <LocalText value={r.title} />: <LocalText value={r.unit.name} />
            </h1>
            <p>
              {r.respondents === null
                ? t('surveys.results.hidden', { minimum: r.minimumGroup })
                : t('surveys.results.respondents', { n: formatNumber(r.respondents), of: formatNumber(r.invited) })}
            </p>
            <label>
              {t('surveys.results.breakdown')}
              <select value={by ?? ''} onChange={(e) => set('by', e.target.value || null)}>
                <option value="">{t('surveys.results.noBreakdown')}</option>
                {BREAKDOWNS.map((b) => (
                  <option key={b} value={b}>
                    {t(`surveys.results.by.${b}`)}
                  </option>
                ))}
              </select>
            </label>
            <p className="downloads no-print">
              <span>{t('surveys.results.download.downloads')}:</span>
              <a href={download('results.csv')} download>
                {t('surveys.results.download.csv')}
              </a>
              <a href={download('results.xlsx')} download>
                {t('surveys.results.download.xlsx')}
              </a>
              <a href={download('results.pdf')} download>
                {t('surveys.results.download.pdf')}
              </a>
              {manager && (
                <a href={download('texts.csv')} download>
                  {t('surveys.results.download.texts')}
                </a>
              )}
            </p>
            {r.children.length > 0 && (
              <table className="cards">
                <caption>{t('surveys.results.below')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('surveys.rounds.unit')}</th>
                    <th scope="col">{t('surveys.results.respondentsCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.children.map((c) => (
                    <tr key={c.unitId}>
                      <td>
                        {c.readable && c.respondents !== null ? (
                          <button type="button" className="link" onClick={() => set('unitId', c.unitId)}>
                            <LocalText value={c.name} />
                          </button>
                        ) : (
                          <LocalText value={c.name} />
                        )}
                      </td>
                      <td data-label={t('surveys.results.respondentsCol')}>
                        {c.respondents === null
                          ? t('surveys.results.fewer', { minimum: r.minimumGroup })
                          : formatNumber(c.respondents)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {r.breakdown?.hidden && (
              <p className="muted">{t('surveys.results.breakdownHidden', { minimum: r.minimumGroup })}</p>
            )}
            {questions.map((q) => {
              const all = r.questions.find((x) => x.key === q.key);
              if (!all) return null;
              return (
                <section key={q.key} className="question-result">
                  <h2>
                    <LocalText value={pickText(q.text, i18n.language)} />
                  </h2>
                  <QuestionFigures question={q} result={all} label={t('surveys.results.all')} />
                  {r.breakdown?.groups.map((g) => {
                    const mine = g.questions.find((x) => x.key === q.key);
                    return mine ? (
                      <QuestionFigures
                        key={g.key}
                        question={q}
                        result={mine}
                        label={t(`surveys.results.group.${g.key}`, { defaultValue: g.key })}
                      />
                    ) : null;
                  })}
                </section>
              );
            })}
            <p className="downloads">
              <Link to={`/surveys/rounds/${roundId}`}>{t('surveys.results.back')}</Link>
              <Link to={`/surveys/rounds/${roundId}/compare`}>{t('surveys.compare.title')}</Link>
            </p>
          </>
        );
      }}
    </QueryState>
  );
}

function Bars({ counts, question, of }: { counts: Record<string, number>; question: Question; of: number }) {
  return (
    <ul className="bars">
      {question.choices.map((c) => {
        const n = counts[c.value] ?? 0;
        const share = of ? (n / of) * 100 : 0;
        return (
          <li key={c.value}>
            <span className="bar-label">
              <LocalText value={pickText(c.label, i18n.language)} />
            </span>
            <span className="bar" style={{ width: `${share}%` }} />
            <span className="bar-value">
              {formatNumber(n)} ({formatPercent(Math.round(share))})
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function QuestionFigures({
  question: q,
  result,
  label,
}: {
  question: Question;
  result: QuestionResult;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="figures-block">
      <h3>
        {label} · {t('surveys.results.answered', { n: formatNumber(result.answered) })}
      </h3>
      {result.counts && <Bars counts={result.counts} question={q} of={result.answered} />}
      {result.rows &&
        q.rows.map((row) => (
          <div key={row.value}>
            <h4>
              <LocalText value={pickText(row.label, i18n.language)} />
            </h4>
            <Bars counts={result.rows![row.value] ?? {}} question={q} of={result.answered} />
          </div>
        ))}
      {result.number && (
        <p>
          {t('surveys.results.mean', { value: formatNumber(result.number.mean) })} ·{' '}
          {t('surveys.results.median', { value: formatNumber(result.number.median) })}
        </p>
      )}
      {result.texts && (
        <ul className="texts">
          {result.texts.map((text, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: texts repeat and have no ids.
            <li key={i}>{text}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
