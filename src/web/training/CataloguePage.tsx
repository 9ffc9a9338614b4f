import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type ApiInput, useApiQuery } from '../api/routes.ts';
import { DELIVERY_MODES } from '../api/types.ts';
import { formatNumber, LANGUAGES, languageName } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { useStandard } from './standard.ts';

const FILTERS = ['itemId', 'levelCode', 'language', 'mode'] as const;

/** The national training catalogue: modules filtered by competency, level, language and delivery mode. */
export default function CataloguePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const standard = useStandard();
  // The filters as the address has them: the server refuses a value it does not know.
  const query = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) || undefined])) as NonNullable<
    ApiInput<'GET /api/training/modules'>['query']
  >;
  const modules = useApiQuery('GET /api/training/modules', { query });
  const set = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <>
      <h1>{t('training.catalogue.title')}</h1>
      <p className="inline">
        <Link to="/offerings">{t('training.offerings.title')}</Link>
      </p>
      <search>
        <form className="filters" aria-label={t('training.catalogue.filters')} onSubmit={(e) => e.preventDefault()}>
          <label>
            {t('training.competency')}
            <select value={params.get('itemId') ?? ''} onChange={(e) => set('itemId', e.target.value)}>
              <option value="">{t('people.any')}</option>
              {standard.competencies.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.code} {c.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('training.level')}
            <select value={params.get('levelCode') ?? ''} onChange={(e) => set('levelCode', e.target.value)}>
              <option value="">{t('people.any')}</option>
              {standard.levels.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('training.language')}
            <select value={params.get('language') ?? ''} onChange={(e) => set('language', e.target.value)}>
              <option value="">{t('people.any')}</option>
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {languageName(l.code)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('training.mode')}
            <select value={params.get('mode') ?? ''} onChange={(e) => set('mode', e.target.value)}>
              <option value="">{t('people.any')}</option>
              {DELIVERY_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`training.modes.${m}`)}
                </option>
              ))}
            </select>
          </label>
        </form>
      </search>
      <QueryState query={modules}>
        {() =>
          modules.data!.items.length === 0 ? (
            <p>{t('training.catalogue.none')}</p>
          ) : (
            <ul className="cards">
              {modules.data!.items.map((m) => (
                <li key={m.id} className="card">
                  <Link to={`/training/modules/${m.id}`} className="card-title">
                    <LocalText value={m.displayTitle} />
                  </Link>
                  <span className="muted">
                    {m.code} · {t('training.hours', { hours: formatNumber(m.hours) })} ·{' '}
                    {t(`training.modes.${m.deliveryMode}`)}
                  </span>
                  <span>
                    <LocalText value={m.displaySummary} />
                  </span>
                  <span className="muted">
                    {m.outcomes.map((o) => `${o.code} → ${standard.levelName(o.levelCode)}`).join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}
