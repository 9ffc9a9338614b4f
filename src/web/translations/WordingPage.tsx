import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { localResolved } from '../frameworks/text.ts';
import { languageName } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { NotFound } from '../shell/Pages.tsx';
import { useAct } from '../shell/useAct.ts';
import { useRefreshTranslations } from './shared.tsx';
import './translations.css';

type Wording = ApiResponse<'GET /api/translations/wording/:id'>;
type Unit = Wording['units'][number];
type WordingId = 'notifications' | 'certificate';
const isWordingId = (id: string | undefined): id is WordingId => id === 'notifications' || id === 'certificate';

/** The ministry rewords, in its own language, the texts Pathway writes for it (notifications, certificates). */
export default function WordingPage() {
  const { id } = useParams();
  if (!isWordingId(id)) return <NotFound />;
  return <WordingForm id={id} />;
}

function WordingForm({ id }: { id: WordingId }) {
  const { t, i18n } = useTranslation();
  const wording = useApiQuery('GET /api/translations/wording/:id', { params: { id } });
  return (
    <div className="translations">
      <p>
        <Link to="/translations">{t('translations.editor.back')}</Link>
      </p>
      <QueryState query={wording}>
        {() => {
          const data = wording.data!;
          return (
            <>
              <h1>{t('translations.wording.title', { name: localResolved(data.name, i18n.language).text })}</h1>
              <p className="muted">{t('translations.wording.help', { language: languageName(data.sourceLocale) })}</p>
              <div className="translation-units">
                {data.units.map((unit) => (
                  <UnitForm key={unit.key} id={id} data={data} unit={unit} />
                ))}
              </div>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

/** A notification's kind in words where the interface names it; a certificate label by its key. */
function useLabel() {
  const { t, i18n } = useTranslation();
  return (key: string) => {
    const [kind, part] = key.split('.');
    const named = `notifications.kind.${kind}`;
    if (!part || !i18n.exists(named)) return key;
    return `${t(named)} · ${t(`translations.wording.part.${part}`, { defaultValue: part })}`;
  };
}

function UnitForm({ id, data, unit }: { id: WordingId; data: Wording; unit: Unit }) {
  const { t } = useTranslation();
  const label = useLabel();
  const client = useQueryClient();
  const refresh = useRefreshTranslations();
  const [text, setText] = useState(unit.text);
  const { act, failure, busy } = useAct([]);
  const [saved, setSaved] = useState(false);
  const fieldId = `wording-${unit.key}`;

  async function save(next: string | null) {
    setSaved(false);
    const done = await act(async () => {
      const body = { units: [{ key: unit.key, text: next }] };
      const updated = await call('PUT /api/translations/wording/:id', { params: { id }, body });
      client.setQueryData(queryKey('GET /api/translations/wording/:id', { params: { id } }), updated);
      setText(updated.units.find((u) => u.key === unit.key)?.text ?? '');
      void refresh();
    });
    setSaved(done);
  }

  const reworded = unit.text !== unit.catalogue;
  return (
    <form
      className="translation-unit"
      onSubmit={(e) => {
        e.preventDefault();
        void save(text);
      }}
    >
      <label htmlFor={fieldId}>
        <strong>{label(unit.key)}</strong>
      </label>
      <textarea
        id={fieldId}
        lang={data.sourceLocale}
        rows={unit.text.length > 120 ? 4 : 2}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {unit.placeholders.length > 0 && (
        <p className="muted">{t('translations.wording.keeps', { names: unit.placeholders.join(' ') })}</p>
      )}
      {reworded && (
        <p className="muted">
          {t('translations.wording.pathway')}: <span lang={data.sourceLocale}>{unit.catalogue}</span>
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || text.trim() === '' || text === unit.text}>
          {t('translations.wording.save')}
        </button>
        {reworded && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void save(null)}>
            {t('translations.wording.restore')}
          </button>
        )}
        {saved && <span role="status">{t('translations.editor.saved')}</span>}
      </div>
      <ErrorText error={failure} />
    </form>
  );
}
