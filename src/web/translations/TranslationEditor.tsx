import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { languageName } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { STATUSES, StatusBadge, unitAnchor, useRefreshTranslations, useUnitLabel } from './shared.tsx';
import { wordDiff } from './wordDiff.ts';
import './translations.css';

type Texts = ApiResponse<'GET /api/translations/:type/:id/:locale'>;
type Unit = Texts['units'][number];
type Params = { type: string; id: string; locale: string };

/** One object's texts side by side, source and translation, with the glossary beside them. */
export default function TranslationEditor() {
  const { type, id, locale } = useParams();
  if (!type || !id || !locale) return <NotFound />;
  return <Editor params={{ type, id, locale }} />;
}

function Editor({ params }: { params: Params }) {
  const { t, i18n } = useTranslation();
  const { hash } = useLocation();
  const texts = useApiQuery('GET /api/translations/:type/:id/:locale', { params });
  const [shown, setShown] = useState('');
  const loaded = !!texts.data;

  // A link from the queue names one text: bring it into view once the texts are there.
  useEffect(() => {
    if (!loaded || !hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView({ block: 'start' });
  }, [loaded, hash]);

  return (
    <div className="translations">
      <p>
        <Link to="/translations">{t('translations.editor.back')}</Link>
      </p>
      <QueryState query={texts}>
        {() => {
          const data = texts.data!;
          const units = shown ? data.units.filter((u) => u.status === shown) : data.units;
          return (
            <>
              <h1>
                {t('translations.editor.title', {
                  name: localResolved(data.name, i18n.language).text,
                  language: languageName(data.locale),
                })}
              </h1>
              <p className="muted">
                {t(data.review ? 'translations.editor.asReviewer' : 'translations.editor.asTranslator')}
              </p>
              <div className="translation-editor">
                <div className="translation-units">
                  <label className="translation-filter">
                    {t('translations.editor.show')}
                    <select value={shown} onChange={(e) => setShown(e.target.value)}>
                      <option value="">{t('translations.editor.showAll')}</option>
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`translations.status.${s}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {units.length === 0 && <p className="muted">{t('translations.editor.noneShown')}</p>}
                  {units.map((unit) => (
                    <UnitForm key={`${unit.key}:${unit.updatedAt}:${unit.target}`} data={data} unit={unit} />
                  ))}
                </div>
                <Glossary data={data} />
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

/** One text: its source (and, when stale, what changed in it), the translation and what may be done with it. */
function UnitForm({ data, unit }: { data: Texts; unit: Unit }) {
  const { t } = useTranslation();
  const unitLabel = useUnitLabel();
  const client = useQueryClient();
  const refresh = useRefreshTranslations();
  const [text, setText] = useState(unit.target ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const params = { type: data.type, id: data.id, locale: data.locale };
  const language = languageName(data.locale);
  const targetId = `target-${unit.key}`;

  async function run(work: () => Promise<Texts>) {
    setBusy(true);
    setFailure(null);
    setSaved(false);
    try {
      const next = await work();
      client.setQueryData(queryKey('GET /api/translations/:type/:id/:locale', { params }), next);
      setSaved(true);
      void refresh();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }
  const save = (status: 'draft' | 'review' | 'approved') =>
    run(() =>
      call('PUT /api/translations/:type/:id/:locale', { params, body: { units: [{ key: unit.key, text, status }] } }),
    );
  const approve = () =>
    run(() => call('POST /api/translations/:type/:id/:locale/approve', { params, body: { keys: [unit.key] } }));
  const empty = !text.trim();

  return (
    <article id={unitAnchor(unit.key)} className={`translation-unit translation-unit-${unit.status}`}>
      <h2>
        <bdi>{unitLabel(unit)}</bdi> <StatusBadge status={unit.status} />
      </h2>
      <p className="translation-source" lang={data.sourceLocale}>
        <span className="muted">{t('translations.editor.source', { language: languageName(data.sourceLocale) })}</span>
        <br />
        {unit.source}
      </p>
      {unit.status === 'stale' && unit.previousSource !== null && (
        <div className="translation-change">
          <p>{t('translations.editor.changed')}</p>
          <p className="translation-diff" lang={data.sourceLocale}>
            {wordDiff(unit.previousSource, unit.source).map((piece, i) =>
              piece.kind === 'removed' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one diff never move.
                <del key={i}>{piece.text}</del>
              ) : piece.kind === 'added' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above.
                <ins key={i}>{piece.text}</ins>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: as above.
                <span key={i}>{piece.text}</span>
              ),
            )}
          </p>
          <details>
            <summary>{t('translations.editor.before')}</summary>
            <p lang={data.sourceLocale}>{unit.previousSource}</p>
          </details>
        </div>
      )}
      <label htmlFor={targetId}>{t('translations.editor.target', { language, label: unitLabel(unit) })}</label>
      <textarea
        id={targetId}
        lang={data.locale}
        rows={Math.min(8, Math.max(3, Math.ceil(Math.max(unit.source.length, text.length) / 40)))}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }}
      />
      <div className="translation-actions">
        {data.review ? (
          <>
            <button type="button" disabled={busy || empty} onClick={() => void save('approved')}>
              {t('translations.editor.saveApprove')}
            </button>
            {unit.target !== null && unit.status !== 'approved' && (
              <button type="button" className="secondary" disabled={busy} onClick={() => void approve()}>
                {t('translations.editor.approve')}
              </button>
            )}
          </>
        ) : (
          <>
            <button type="button" className="secondary" disabled={busy || empty} onClick={() => void save('draft')}>
              {t('translations.editor.saveDraft')}
            </button>
            <button type="button" disabled={busy || empty} onClick={() => void save('review')}>
              {t('translations.editor.sendReview')}
            </button>
          </>
        )}
      </div>
      {saved && (
        <p className="success" role="status">
          {t('translations.editor.saved')}
        </p>
      )}
      {failure ? <ErrorText error={failure} /> : null}
    </article>
  );
}

function Glossary({ data }: { data: Texts }) {
  const { t } = useTranslation();
  return (
    <aside className="translation-glossary" aria-labelledby="translation-glossary">
      <h2 id="translation-glossary">{t('translations.editor.glossary')}</h2>
      {data.glossary.length === 0 ? (
        <p className="muted">{t('translations.editor.glossaryNone')}</p>
      ) : (
        <dl>
          {data.glossary.map((g) => (
            <div key={g.source}>
              <dt lang={data.sourceLocale}>{g.source}</dt>
              <dd lang={g.target ? data.locale : undefined}>
                {g.target ?? <span className="muted">{t('translations.editor.glossaryMissing')}</span>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="muted">{t('translations.editor.glossaryHelp')}</p>
    </aside>
  );
}
