import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, routeUrl, sendFile, useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { counted, formatNumber, formatPercent, languageName } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { FaultTable } from '../shell/FaultTable.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import {
  editorPath,
  STATUSES,
  StatusBadge,
  type TranslationStatus,
  useRefreshTranslations,
  useUnitLabel,
} from './shared.tsx';
import { GlossaryTerms, Translators } from './TranslationTeam.tsx';
import './translations.css';

type Overview = ApiResponse<'GET /api/translations'>;
type TranslatedObject = Overview['objects'][number];

/** A kind of object and its name in the reader's language, e.g. "Standard: National ICT … 1.0". */
function ObjectName({ object }: { object: { type: string; name: Record<string, string> } }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <span className="muted">{t(`translations.kinds.${object.type}`, { defaultValue: object.type })}</span>{' '}
      <LocalText value={localResolved(object.name, i18n.language)} />
    </>
  );
}

/** The translation workflow: what waits for me, how far each text is translated, and files out and in. */
export default function TranslationsPage() {
  const { t } = useTranslation();
  const overview = useApiQuery('GET /api/translations', {});
  return (
    <div className="translations">
      <h1>{t('translations.title')}</h1>
      <QueryState query={overview}>
        {() => (
          <>
            <WaitingForYou overview={overview.data!} />
            <Coverage overview={overview.data!} />
            <ExportForm overview={overview.data!} />
            <ImportForm />
            {overview.data!.access.review && (
              <>
                <Translators access={overview.data!.access} />
                <GlossaryTerms access={overview.data!.access} />
              </>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}

const SHOWN = 100;

function WaitingForYou({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const unitLabel = useUnitLabel();
  const [locale, setLocale] = useState('');
  const [status, setStatus] = useState('');
  const waiting = useApiQuery('GET /api/translations/queue', {
    query: {
      locale: locale || undefined,
      status: (status || undefined) as TranslationStatus | undefined,
    },
  });
  const statuses = overview.access.review
    ? STATUSES.filter((s) => s !== 'approved')
    : STATUSES.filter((s) => s !== 'approved' && s !== 'review');
  return (
    <section aria-labelledby="translations-queue">
      <h2 id="translations-queue">{t('translations.queue.title')}</h2>
      <div className="filters">
        <label>
          {t('translations.language')}
          <select value={locale} onChange={(e) => setLocale(e.target.value)}>
            <option value="">{t('translations.queue.anyLanguage')}</option>
            {overview.access.locales.map((l) => (
              <option key={l} value={l}>
                {languageName(l)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('translations.queue.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('translations.queue.anyStatus')}</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`translations.status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryState query={waiting}>
        {() => {
          const { total, entries } = waiting.data!;
          if (total === 0) return <p className="muted">{t('translations.queue.none')}</p>;
          return (
            <>
              <p className="muted">
                {t('translations.queue.total', counted(total))}
                {entries.length > SHOWN && ` ${t('translations.queue.first', { n: formatNumber(SHOWN) })}`}
              </p>
              <ul className="translation-queue">
                {entries.slice(0, SHOWN).map((e) => (
                  <li key={`${e.type}:${e.id}:${e.locale}:${e.key}`}>
                    <StatusBadge status={e.status} />{' '}
                    <Link to={editorPath(e.type, e.id, e.locale, e.key)}>
                      <bdi>{unitLabel(e)}</bdi> · {languageName(e.locale)}
                    </Link>
                    <span className="muted">
                      <LocalText value={localResolved(e.name, i18n.language)} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryState>
    </section>
  );
}

function Coverage({ overview }: { overview: Overview }) {
  const { t } = useTranslation();
  const locales = overview.access.locales;
  return (
    <section aria-labelledby="translations-coverage">
      <h2 id="translations-coverage">{t('translations.coverage.title')}</h2>
      {overview.objects.length === 0 && overview.kept.length === 0 ? (
        <p className="muted">{t('translations.coverage.none')}</p>
      ) : (
        <table className="cards translation-coverage">
          <thead>
            <tr>
              <th scope="col">{t('translations.coverage.object')}</th>
              {locales.map((l) => (
                <th key={l} scope="col">
                  {languageName(l)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {overview.objects.map((o) => (
              <tr key={`${o.type}:${o.id}`}>
                <th scope="row">
                  <ObjectName object={o} />
                  {o.type === 'wording' && overview.access.review && (
                    <>
                      {' '}
                      <Link to={`/translations/wording/${o.id}`}>{t('translations.wording.link')}</Link>
                    </>
                  )}
                </th>
                {locales.map((l) => (
                  <CoverageCell key={l} object={o} locale={l} />
                ))}
              </tr>
            ))}
            {overview.kept.map((o) => (
              <tr key={`${o.type}:${o.id}`} className="translation-kept">
                <th scope="row">
                  <ObjectName object={o} />
                </th>
                <td colSpan={locales.length}>{t('translations.coverage.published')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {overview.kept.length > 0 && <p className="muted">{t('translations.coverage.publishedHelp')}</p>}
    </section>
  );
}

function CoverageCell({ object, locale }: { object: TranslatedObject; locale: string }) {
  const { t } = useTranslation();
  const counts = object.languages.find((l) => l.locale === locale)?.counts;
  if (!counts)
    return (
      <td data-label={languageName(locale)} className="muted">
        {t('translations.coverage.notKept')}
      </td>
    );
  return (
    <td data-label={languageName(locale)}>
      <Link to={editorPath(object.type, object.id, locale)}>
        {t('translations.coverage.percent', { percent: formatPercent(counts.coverage) })}
      </Link>
      {counts.stale > 0 && (
        <span className="count-stale"> {t('translations.coverage.stale', counted(counts.stale))}</span>
      )}
      {counts.missing > 0 && (
        <span className="count-missing"> {t('translations.coverage.missing', counted(counts.missing))}</span>
      )}
      {counts.review > 0 && <span className="muted"> {t('translations.coverage.review', counted(counts.review))}</span>}
    </td>
  );
}

function ExportForm({ overview }: { overview: Overview }) {
  const { t, i18n } = useTranslation();
  const [object, setObject] = useState('');
  const [locale, setLocale] = useState(overview.access.locales[0] ?? '');
  const [format, setFormat] = useState<'xliff' | 'po'>('xliff');
  if (!locale) return null;
  const href = routeUrl('GET /api/translations/export', { query: { locale, format, object: object || undefined } });
  return (
    <section aria-labelledby="translations-export" className="panel">
      <h2 id="translations-export">{t('translations.export.title')}</h2>
      <p className="muted">{t('translations.export.help')}</p>
      <label>
        {t('translations.export.object')}
        <select value={object} onChange={(e) => setObject(e.target.value)}>
          <option value="">{t('translations.export.all')}</option>
          {overview.objects.map((o) => (
            <option key={`${o.type}:${o.id}`} value={`${o.type}:${o.id}`}>
              {t(`translations.kinds.${o.type}`, { defaultValue: o.type })}: {localResolved(o.name, i18n.language).text}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('translations.language')}
        <select value={locale} onChange={(e) => setLocale(e.target.value)}>
          {overview.access.locales.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>{t('translations.export.format')}</legend>
        {(['xliff', 'po'] as const).map((f) => (
          <label key={f} className="choice">
            <input type="radio" name="format" checked={format === f} onChange={() => setFormat(f)} />{' '}
            {t(`translations.export.${f}`)}
          </label>
        ))}
      </fieldset>
      <a className="button-link" href={href} download>
        {t('translations.export.download')}
      </a>
    </section>
  );
}

type ImportState =
  | { step: 'idle' }
  | { step: 'uploading' }
  | { step: 'done'; result: ApiResponse<'POST /api/translations/import'> }
  | { step: 'faults'; faults: { where: string; line?: number; message: string }[]; truncated: boolean }
  | { step: 'failed'; error: unknown };

function ImportForm() {
  const { t } = useTranslation();
  const refresh = useRefreshTranslations();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<ImportState>({ step: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setState({ step: 'uploading' });
    // The server reads the format from the bytes; the type only helps proxies and logs.
    const type = /\.po$/i.test(file.name) ? 'text/x-gettext-translation' : 'application/xliff+xml';
    try {
      const result = await sendFile('POST /api/translations/import', {}, file, type);
      setState({ step: 'done', result });
      await refresh();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'translation_file_invalid')
        setState({
          step: 'faults',
          faults: (error.details.faults as { where: string; line?: number; message: string }[] | undefined) ?? [],
          truncated: !!error.details.truncated,
        });
      else setState({ step: 'failed', error });
    }
  }

  return (
    <section aria-labelledby="translations-import">
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h2 id="translations-import">{t('translations.import.title')}</h2>
        <label>
          {t('translations.import.file')}
          <input
            type="file"
            accept=".xlf,.xliff,.po,application/xliff+xml,text/x-gettext-translation"
            required
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ step: 'idle' });
            }}
          />
        </label>
        <p className="muted">{t('translations.import.help')}</p>
        <button type="submit" disabled={!file || state.step === 'uploading'}>
          {t('translations.import.submit')}
        </button>
        {state.step === 'uploading' && (
          <p aria-live="polite">
            <progress /> {t('import.processing')}
          </p>
        )}
        {state.step === 'done' && (
          <p className="success" role="status">
            {t('translations.import.done', {
              ...counted(state.result.units),
              objects: formatNumber(state.result.objects),
              language: languageName(state.result.locale),
            })}
          </p>
        )}
      </form>
      {state.step === 'failed' && <ErrorText error={state.error} />}
      {state.step === 'faults' && (
        <FaultTable
          faults={state.faults.map((f) => ({ path: f.line ? `${f.where}:${f.line}` : f.where, message: f.message }))}
          truncated={state.truncated}
          failed={t('translations.import.failed')}
        />
      )}
    </section>
  );
}
