import { useTranslation } from 'react-i18next';
import { exportFileName } from '../../server/modules/frameworks/frameworks.names.ts';
import { routeUrl } from '../api/routes.ts';
import type { FrameworkDetail } from '../api/types.ts';
import { localText } from './text.ts';

const FORMATS = [
  { format: 'case', label: 'frameworks.exportCase' },
  { format: 'moodle-csv', label: 'frameworks.exportMoodle' },
  { format: 'csv', label: 'frameworks.exportCsv' },
] as const;

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
          href={routeUrl('GET /api/frameworks/:frameworkId/export/:format', {
            params: { frameworkId: framework.id, format },
          })}
          download={exportFileName(title, framework.version, format).name}
        >
          {t(label)}
        </a>
      ))}
    </>
  );
}
