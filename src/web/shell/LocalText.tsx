import { useTranslation } from 'react-i18next';
import { languageName } from '../i18n/index.ts';

/** Data text in the user's language; when it had to fall back, says which language it shows. */
export function LocalText({ value }: { value: { text: string; locale: string; fallback: boolean } }) {
  const { t } = useTranslation();
  if (!value.fallback) return <>{value.text}</>;
  return (
    <>
      <span lang={value.locale}>{value.text}</span>{' '}
      <span className="fallback">({t('org.fallback', { language: languageName(value.locale) })})</span>
    </>
  );
}
