import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, useApiQuery } from '../api/routes.ts';
import { languageName } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { useRefreshTranslations } from './shared.tsx';

type Access = ApiResponse<'GET /api/translations'>['access'];
type Translator = ApiResponse<'GET /api/translations/translators'>[number];

/** For reviewers (the ministry): which languages each translator works in. */
export function Translators({ access }: { access: Access }) {
  const { t } = useTranslation();
  const translators = useApiQuery('GET /api/translations/translators', {});
  return (
    <section aria-labelledby="translations-translators">
      <h2 id="translations-translators">{t('translations.team.translators.title')}</h2>
      <p className="muted">{t('translations.team.translators.help')}</p>
      <QueryState query={translators}>
        {() =>
          translators.data!.length === 0 ? (
            <p className="muted">{t('translations.team.translators.none')}</p>
          ) : (
            <ul className="translation-team">
              {translators.data!.map((translator) => (
                <li key={translator.accountId}>
                  <TranslatorLanguages translator={translator} locales={access.locales} />
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function TranslatorLanguages({ translator, locales }: { translator: Translator; locales: string[] }) {
  const { t } = useTranslation();
  const refresh = useRefreshTranslations();
  const [chosen, setChosen] = useState(translator.locales);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    setFailure(null);
    try {
      await call('PUT /api/translations/translators/:accountId', {
        params: { accountId: translator.accountId },
        body: { locales: chosen },
      });
      setSaved(true);
      await refresh();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const name = `${translator.name} (${translator.username})`;
  return (
    <form onSubmit={(e) => void submit(e)}>
      <fieldset>
        <legend>{t('translations.team.translators.languages', { name })}</legend>
        {locales.map((l) => (
          <label key={l} className="choice">
            <input
              type="checkbox"
              checked={chosen.includes(l)}
              onChange={(e) => {
                setSaved(false);
                setChosen(e.target.checked ? [...chosen, l] : chosen.filter((c) => c !== l));
              }}
            />{' '}
            {languageName(l)}
          </label>
        ))}
      </fieldset>
      <button type="submit" disabled={busy}>
        {t('translations.team.translators.save')}
      </button>
      {saved && (
        <p className="success" role="status">
          {t('translations.editor.saved')}
        </p>
      )}
      {failure ? <ErrorText error={failure} /> : null}
    </form>
  );
}

/** For reviewers: the standard's terms, added in the languages known and translated like any text. */
export function GlossaryTerms({ access }: { access: Access }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshTranslations();
  const terms = useApiQuery('GET /api/translations/glossary', {});
  const languages = [access.sourceLocale, ...access.locales];
  const [term, setTerm] = useState<Record<string, string>>({});
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      await refresh();
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    const given = Object.fromEntries(Object.entries(term).filter(([, v]) => v.trim()));
    const added = await run(() =>
      call('POST /api/translations/glossary', {
        body: { term: given, ...(note.trim() ? { note: { [access.sourceLocale]: note } } : {}) },
      }),
    );
    if (added) {
      setTerm({});
      setNote('');
    }
  }

  const shown = (text: Record<string, string>) =>
    text[i18n.language] ?? text[access.sourceLocale] ?? Object.values(text)[0] ?? '';
  return (
    <section aria-labelledby="translations-glossary-terms">
      <h2 id="translations-glossary-terms">{t('translations.team.glossary.title')}</h2>
      <p className="muted">{t('translations.team.glossary.help')}</p>
      <QueryState query={terms}>
        {() =>
          terms.data!.length === 0 ? (
            <p className="muted">{t('translations.team.glossary.none')}</p>
          ) : (
            <ul className="translation-terms">
              {terms.data!.map((g) => (
                <li key={g.id}>
                  <span>
                    <strong lang={access.sourceLocale}>{g.term[access.sourceLocale] ?? shown(g.term)}</strong>
                    {access.locales
                      .filter((l) => g.term[l])
                      .map((l) => (
                        <span key={l} lang={l}>
                          {' · '}
                          {g.term[l]}
                        </span>
                      ))}
                  </span>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() =>
                      void run(() => call('DELETE /api/translations/glossary/:termId', { params: { termId: g.id } }))
                    }
                  >
                    {t('translations.team.glossary.removeTerm', { term: shown(g.term) })}
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      <form className="panel" onSubmit={(e) => void add(e)}>
        {languages.map((l) => (
          <label key={l}>
            {t('translations.team.glossary.term', { language: languageName(l) })}
            <input
              lang={l}
              required={l === access.sourceLocale}
              maxLength={2000}
              value={term[l] ?? ''}
              onChange={(e) => setTerm({ ...term, [l]: e.target.value })}
            />
          </label>
        ))}
        <label>
          {t('translations.team.glossary.note', { language: languageName(access.sourceLocale) })}
          <input lang={access.sourceLocale} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('translations.team.glossary.add')}
        </button>
      </form>
      {failure ? <ErrorText error={failure} /> : null}
    </section>
  );
}
