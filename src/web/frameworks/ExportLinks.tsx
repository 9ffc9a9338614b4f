import { useTranslation } from 'react-i18next';
import type { FrameworkDetail } from '../api/types.ts';

const FORMATS = [
  { format: 'case', label: 'frameworks.exportCase', suffix: '.json' },
  { format: 'moodle-csv', label: 'frameworks.exportMoodle', suffix: '.moodle.csv' },
  { format: 'csv', label: 'frameworks.exportCsv', suffix: '.csv' },
] as const;

/** The framework as a file in each exchange format (the server names and types the file). */
export function ExportLinks({ framework }: { framework: FrameworkDetail }) {
  const { t } = useTranslation();
  return (
    <>
      {FORMATS.map(({ format, label, suffix }) => (
        <a
          key={format}
          className="button-link"
          href={`/api/frameworks/${framework.id}/export/${format}`}
          download={`${framework.caseIdentifier}${suffix}`}
        >
          {t(label)}
        </a>
      ))}
    </>
  );
}
