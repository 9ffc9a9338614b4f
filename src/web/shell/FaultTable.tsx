import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n/index.ts';

/** One fault of a rejected file: a line and column (CSV) or a path (JSON). */
export type Fault = { line?: number; column?: string; path?: string; message: string };

/** Every fault of a file that was rejected whole, so the user can mend them all at once. */
export function FaultTable({ faults, truncated, failed }: { faults: Fault[]; truncated: boolean; failed: string }) {
  const { t } = useTranslation();
  const byPath = faults.some((f) => f.path);
  const where = (fault: Fault) => {
    if (fault.path) return fault.path;
    if (!fault.line) return fault.column ?? '';
    const line = formatNumber(fault.line);
    return fault.column
      ? t('frameworks.import.lineColumn', { line, column: fault.column })
      : t('frameworks.import.line', { line });
  };
  return (
    <section className="faults">
      <p className="error" role="alert">
        {failed}
      </p>
      <table>
        <thead>
          <tr>
            {byPath ? (
              <th scope="col">{t('frameworks.import.where')}</th>
            ) : (
              <>
                <th scope="col">{t('import.line')}</th>
                <th scope="col">{t('import.column')}</th>
              </>
            )}
            <th scope="col">{t('import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {faults.map((f) => (
            <tr key={`${where(f)}-${f.message}`}>
              {byPath ? (
                <td>
                  <code>{where(f)}</code>
                </td>
              ) : (
                <>
                  <td>{f.line ? formatNumber(f.line) : ''}</td>
                  <td>{f.column}</td>
                </>
              )}
              <td>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p>{t('import.truncated')}</p>}
    </section>
  );
}
