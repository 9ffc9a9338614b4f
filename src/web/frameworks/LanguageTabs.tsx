import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import type { FrameworkDetail } from '../api/types.ts';
import { counted, LANGUAGES, languageName } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { useFrameworkWrite } from './editing.ts';

export const LANGUAGE_PANEL = 'framework-language-panel';
export const languageTabId = (code: string) => `framework-language-${code}`;

/** One tab per language of the framework, each saying how many items still lack it and how many are stale in it. */
export function LanguageTabs({
  framework,
  language,
  onChange,
}: {
  framework: FrameworkDetail;
  language: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div role="tablist" aria-label={t('frameworks.lang.tabs')} className="tabs language-tabs">
      {framework.languages.map((code) => {
        const missing = framework.items.filter((i) => i.missingLanguages.includes(code)).length;
        const stale = framework.items.filter((i) => i.staleLanguages.includes(code)).length;
        return (
          <button
            key={code}
            id={languageTabId(code)}
            type="button"
            role="tab"
            aria-selected={code === language}
            aria-controls={LANGUAGE_PANEL}
            className={missing || stale ? 'tab tab-incomplete' : 'tab'}
            onClick={() => onChange(code)}
          >
            {stale
              ? t('translations.tab', {
                  language: languageName(code),
                  missing,
                  m: counted(missing).n,
                  stale,
                  s: counted(stale).n,
                })
              : t('frameworks.lang.tab', { language: languageName(code), ...counted(missing) })}
          </button>
        );
      })}
    </div>
  );
}

/** The languages a draft is written in; adding one marks every item as missing it until translated. */
export function LanguagesForm({ framework }: { framework: FrameworkDetail }) {
  const { t } = useTranslation();
  const write = useFrameworkWrite(framework.id);
  const [chosen, setChosen] = useState<string[]>(framework.languages);
  const offered = [...new Set([...framework.languages, ...LANGUAGES.map((l) => l.code)])];

  async function submit(event: FormEvent) {
    event.preventDefault();
    await write.run(() =>
      call('PATCH /api/frameworks/:frameworkId', {
        params: { frameworkId: framework.id },
        body: { languages: chosen },
      }),
    );
  }

  return (
    <details className="languages-form">
      <summary>{t('frameworks.lang.change')}</summary>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>{t('frameworks.lang.legend')}</legend>
          {offered.map((code) => (
            <label key={code} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(code)}
                onChange={(e) => setChosen(e.target.checked ? [...chosen, code] : chosen.filter((c) => c !== code))}
              />{' '}
              {languageName(code)}
            </label>
          ))}
        </fieldset>
        <button type="submit" disabled={chosen.length === 0 || write.busy}>
          {t('frameworks.lang.save')}
        </button>
        {write.failure ? <ErrorText error={write.failure} /> : null}
      </form>
    </details>
  );
}
