import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { NOT_YET } from '../api/types.ts';
import { counted, formatNumber, formatPercent } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';

/** How the teachers under a unit assessed themselves: counts per level, never names; small groups hidden. */
export default function GroupReportPage() {
  const { t } = useTranslation();
  const { unitId } = useParams();
  const params = { unitId: unitId! };
  const report = useApiQuery('GET /api/units/:unitId/self-assessment-report', { params });
  const unit = useApiQuery('GET /api/org-units/:unitId', { params });
  if (report.error instanceof ApiError && report.error.status === 404) return <NotFound />;
  if (report.error instanceof ApiError && report.error.status === 403) return <NotAllowed />;
  return (
    <QueryState query={report}>
      {() => {
        const r = report.data!;
        const columns = [
          ...r.levels.map((l) => ({ code: l.code, title: l.title.text })),
          { code: NOT_YET, title: t('assessment.notYet') },
        ];
        const percent = (n: number, total: number) => formatPercent(Math.round((n / total) * 100));
        return (
          <>
            <h1>{t('assessment.group.title')}</h1>
            {unit.data && (
              <p>
                <Link to={`/org/${unitId}`}>
                  <LocalText value={unit.data.displayName} />
                </Link>
              </p>
            )}
            {r.suppressed ? (
              <p className="warning" role="status">
                {t('assessment.group.tooFew', { minimum: formatNumber(r.minimumGroup) })}
              </p>
            ) : (
              <p>
                {t('assessment.group.respondents', {
                  ...counted(r.respondents!),
                  teachers: formatNumber(r.teachers),
                })}
              </p>
            )}
            {!r.suppressed && (
              <div className="scroll">
                <table className="data distribution">
                  <caption>{t('assessment.group.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('assessment.competency')}</th>
                      {columns.map((c) => (
                        <th key={c.code} scope="col">
                          {c.title}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {r.competencies.map((c) => (
                      <tr key={c.itemId}>
                        <th scope="row">
                          {c.code} <LocalText value={c.title} />
                        </th>
                        {c.suppressed ? (
                          <td colSpan={columns.length}>{t('assessment.group.tooFewShort')}</td>
                        ) : (
                          columns.map((col) => {
                            const n = c.distribution[col.code] ?? 0;
                            return (
                              <td key={col.code}>
                                <span className="bar" style={{ width: `${(n / c.respondents!) * 100}%` }} />
                                {formatNumber(n)} ({percent(n, c.respondents!)})
                              </td>
                            );
                          })
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    </QueryState>
  );
}
