import { useTranslation } from 'react-i18next';
import type { FrameworkDetail } from '../api/types.ts';
import { localText } from './text.ts';

type Format = 'case' | 'moodle-csv' | 'csv';

const FORMATS = [
  { format: 'case', label: 'frameworks.exportCase' },
  { format: 'moodle-csv', label: 'frameworks.exportMoodle' },
  { format: 'csv', label: 'frameworks.exportCsv' },
] as const;

const SUFFIXES: Record<Format, string> = { case: 'case.json', 'moodle-csv': 'moodle.csv', csv: 'csv' };

function fileWords(text: string) {
  return text
    .normalize('NFC')
    .replace(/[\s\p{C}\\/:*?"<>|%;,]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
}

/**
 * `National-ICT-Competency-Standard-2.0.case.json`: the name the server gives the file
 * (`exportFileName` in frameworks.exchange.routes.ts, whose test holds the two to the same names).
 * The browser prefers the server's Content-Disposition name where there is one.
 */
export function exportFileName(title: string, version: string, format: Format) {
  const words = fileWords(title);
  const stem = /\p{L}/u.test(words) ? words : 'framework';
  const v = fileWords(version);
  return `${v && !stem.endsWith(`-${v}`) ? `${stem}-${v}` : stem}.${SUFFIXES[format]}`;
}

/** The framework as a file in each exchange format, named after the standard in the reader's language. */
export function ExportLinks({ framework }: { framework: FrameworkDetail }) {
  const { t, i18n } = useTranslation();
  const title = localText(framework.title, i18n.language, framework.languages[0]);
  return (
    <>
      {FORMATS.map(({ format, label }) => (
        <a
          key={format}
          className="button-link"
          href={`/api/frameworks/${framework.id}/export/${format}`}
          download={exportFileName(title, framework.version, format)}
        >
          {t(label)}
        </a>
      ))}
    </>
  );
}
