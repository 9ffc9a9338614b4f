import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { formatDate, formatNumber, formatPercent } from '../i18n/index.ts';
import { yearText } from '../monitoring/indicators.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { CountryTrends } from './CountryTrends.tsx';
import './regional.css';

type Comparison = ApiResponse<'GET /api/regional/comparison'>;
type Country = Comparison['countries'][number];
type Cell = Country['cells'][number];
type Competency = Comparison['competencies'][number];

/** How many years back the period selector reaches. */
const YEARS = 6;
/** The mark the competency dashboard's status badges use for a figure hidden because the group is small. */
const SUPPRESSED_MARK = '…';
/** The mark beside a figure whose mapping to the reference is broader, narrower or related, not exact. */
const CAVEAT_MARK = '≈';

/** The reference's aspects in order, each with its competencies: a code "CFT2.KD" belongs to aspect "CFT2". */
function aspectsOf(competencies: Competency[]): { code: string; competencies: Competency[] }[] {
  const aspects: { code: string; competencies: Competency[] }[] = [];
  for (const competency of competencies) {
    const code = competency.code.split('.')[0]!;
    const last = aspects.at(-1);
    if (last && last.code === code) last.competencies.push(competency);
    else aspects.push({ code, competencies: [competency] });
  }
  return aspects;
}

/** The regional analyst's start page: the countries that share their figures, side by side through the reference. */
export default function ComparisonPage() {
  const { t } = useTranslation();
  const thisYear = new Date().getFullYear();
  const [period, setPeriod] = useState(thisYear);
  const comparison = useApiQuery('GET /api/regional/comparison', { query: { period } });
  return (
    <div className="regional">
      <h1>{t('regional.comparison.title')}</h1>
      <div className="filters">
        <label>
          {t('regional.comparison.period')}
          <select value={period} onChange={(e) => setPeriod(Number(e.target.value))}>
            {Array.from({ length: YEARS }, (_, i) => thisYear - i).map((year) => (
              <option key={year} value={year}>
                {yearText(year)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={comparison}>{() => <ComparisonView comparison={comparison.data!} />}</QueryState>
      <CountryTrends />
    </div>
  );
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const { t, i18n } = useTranslation();
  if (comparison.countries.length === 0) return <p className="empty">{t('regional.comparison.empty')}</p>;
  const aspects = aspectsOf(comparison.competencies);
  const aspectName = (code: string) => (i18n.exists(`regional.aspects.${code}`) ? t(`regional.aspects.${code}`) : code);
  return (
    <>
      <p>
        {t('regional.comparison.through')}{' '}
        <LocalText value={localResolved(comparison.reference.title, i18n.language)} />
      </p>
      <div className="comparison-wide scroll">
        <table className="comparison-table">
          <caption>{t('regional.comparison.caption', { period: comparison.period })}</caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('regional.comparison.country')}
              </th>
              {aspects.map((a) => (
                <th key={a.code} scope="colgroup" colSpan={a.competencies.length}>
                  {aspectName(a.code)}
                </th>
              ))}
            </tr>
            <tr>
              {comparison.competencies.map((c) => (
                <th key={c.identifier} scope="col" title={localResolved(c.title, i18n.language).text}>
                  {c.code}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {comparison.countries.map((country) => (
              <tr key={country.code}>
                <th scope="row">
                  <LocalText value={localResolved(country.name, i18n.language)} />
                  <CountryFacts country={country} />
                </th>
                {country.cells.map((cell) => (
                  <td key={cell.identifier}>
                    <CellFigure cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="country-cards cards">
        {comparison.countries.map((country) => (
          <li key={country.code} className="card country-card">
            <h2 className="card-title">
              <LocalText value={localResolved(country.name, i18n.language)} />
            </h2>
            <CountryFacts country={country} />
            <dl>
              {aspects.map((a) => (
                <div key={a.code}>
                  <dt>{aspectName(a.code)}</dt>
                  {a.competencies.map((c) => {
                    const cell = country.cells.find((x) => x.identifier === c.identifier);
                    return (
                      <dd key={c.identifier} className="competency-row">
                        <span>
                          {c.code} <LocalText value={localResolved(c.title, i18n.language)} />
                        </span>
                        <span className="figure">{cell ? <CellFigure cell={cell} /> : '—'}</span>
                      </dd>
                    );
                  })}
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <ul className="legend">
        <li>{t('regional.comparison.legendShare')}</li>
        <li>
          <span aria-hidden="true">{SUPPRESSED_MARK}</span> {t('monitoring.tooFew')}
        </li>
        <li>
          <span aria-hidden="true">{CAVEAT_MARK}</span> {t('regional.comparison.legendCaveat')}
        </li>
        <li>— {t('regional.comparison.legendMissing')}</li>
      </ul>
    </>
  );
}

/** A country's coverage of the reference and its target level, under its name. */
function CountryFacts({ country }: { country: Country }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="muted country-facts">
      <div>
        {country.coverage
          ? t('regional.comparison.coverage', {
              mapped: formatNumber(country.coverage.mapped),
              total: formatNumber(country.coverage.total),
            })
          : t('regional.comparison.noCrosswalk')}
      </div>
      {country.source === 'package' && (
        <div>{t('regional.comparison.fromPackage', { date: formatDate(country.generatedAt) })}</div>
      )}
      {country.source === 'recorded' && <div>{t('regional.comparison.recorded')}</div>}
      {country.target && (
        <div>
          {t('regional.comparison.target')} {localResolved(country.target.title, i18n.language).text} (
          {country.target.levelCode})
        </div>
      )}
    </div>
  );
}

/** One country's figure for one reference competency: a percent, the suppressed mark, or a dash, with its caveat. */
function CellFigure({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  const caveat =
    cell.caveats.length > 0
      ? t('regional.comparison.caveat', {
          relations: cell.caveats.map((r) => t(`regional.relations.${r}`)).join(', '),
          codes: cell.mapped.map((m) => m.code).join(', '),
        })
      : null;
  let figure: React.ReactNode;
  if (cell.suppressed)
    figure = (
      <span className="suppressed-mark" title={t('monitoring.tooFew')}>
        <span aria-hidden="true">{SUPPRESSED_MARK}</span>
        <span className="visually-hidden">{t('monitoring.tooFew')}</span>
      </span>
    );
  else if (cell.share !== null) figure = formatPercent(Math.round(cell.share * 100));
  else
    figure = (
      <span title={cell.mapped.length === 0 ? t('regional.comparison.unmapped') : t('regional.comparison.noFigures')}>
        —
      </span>
    );
  return (
    <>
      {figure}
      {caveat && (
        <span className="caveat" title={caveat}>
          <span aria-hidden="true">{CAVEAT_MARK}</span>
          <span className="visually-hidden">{caveat}</span>
        </span>
      )}
    </>
  );
}
