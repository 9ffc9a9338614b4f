import { useTranslation } from 'react-i18next';
import { languageName } from '../i18n/index.ts';
import { LocalText } from '../shell/LocalText.tsx';
import { type Section, sectionText } from './editing.ts';

/**
 * A description in the language shown: as rich text where the server gives its HTML for that
 * language (a Moodle description, sanitised on import and again on output, while unedited), else
 * as text. No other text of a standard is ever read as HTML.
 */
export function Description({
  section,
  value,
  html,
  className,
}: {
  section: Section;
  value: Record<string, string>;
  html: Record<string, string> | undefined;
  className?: string;
}) {
  const { t } = useTranslation();
  const shown = sectionText(section, value);
  const rich = html?.[shown.locale];
  if (rich === undefined)
    return (
      <p className={className}>
        <LocalText value={shown} />
      </p>
    );
  return (
    <div className={className}>
      <div
        className="rich-text"
        lang={shown.fallback ? shown.locale : undefined}
        // biome-ignore lint/security/noDangerouslySetInnerHtml: only the server's descriptionHtml, sanitised by an allow-list on import and on output.
        dangerouslySetInnerHTML={{ __html: rich }}
      />
      {shown.fallback && (
        <span className="fallback">({t('org.fallback', { language: languageName(shown.locale) })})</span>
      )}
    </div>
  );
}
