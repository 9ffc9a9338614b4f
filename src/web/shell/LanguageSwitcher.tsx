import { useQueryClient } from '@tanstack/react-query';
import { useContext } from 'react';
import { I18nContext, useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import { ME_KEY } from '../auth/session.tsx';
import { isLanguage, LANGUAGES, rememberLanguage, setLanguage } from '../i18n/index.ts';

/** Changes the language at once; when signed in, saves it to the account so it follows the user. */
export function LanguageSwitcher({ signedIn = false }: { signedIn?: boolean }) {
  const { t } = useTranslation();
  const { i18n } = useContext(I18nContext);
  const client = useQueryClient();

  async function change(code: string) {
    if (!isLanguage(code)) return;
    await setLanguage(code);
    rememberLanguage(code);
    if (signedIn) {
      const me = await call('PATCH /api/me', { body: { locale: code } });
      client.setQueryData(ME_KEY, me);
      await client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    }
  }

  return (
    <label className="language">
      <span>{t('lang.label')}</span>
      <select value={i18n.language} onChange={(e) => void change(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l.code} value={l.code} lang={l.intl.split('-u-')[0]}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}
