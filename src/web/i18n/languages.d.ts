declare module 'virtual:pathway-languages' {
  import type { FormatSection } from './format.ts';

  /** Every catalogue's language, English first (src/web/i18n/languages.plugin.ts). */
  const languages: { code: string; name: string; intl: string; format: FormatSection }[];
  export default languages;
}
