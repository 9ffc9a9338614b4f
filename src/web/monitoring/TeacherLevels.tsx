import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ApiResponse, call, queryKey } from '../api/routes.ts';
import { NOT_YET } from '../api/types.ts';
import { formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';

/**
 * The drill-down's last step: a school's teachers by name with each competency's level, for those who
 * work with them (school leaders, assessors, trainers). Officers are told why they see counts only.
 */
export function TeacherLevels({ dashboard }: { dashboard: ApiResponse<'GET /api/dashboards/competencies'> }) {
  const { t } = useTranslation();
  const unitId = dashboard.unit.unitId;
  const query = { unitId, basis: dashboard.basis, frameworkId: dashboard.frameworkId };
  const teachers = useInfiniteQuery({
    queryKey: queryKey('GET /api/dashboards/competencies/teachers', { query }),
    queryFn: ({ pageParam }) =>
      call('GET /api/dashboards/competencies/teachers', { query: { ...query, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: dashboard.individualsVisible,
  });
  if (!dashboard.individualsVisible) return <p className="note">{t('monitoring.teachersHidden')}</p>;
  const levelTitle = new Map(dashboard.levels.map((l) => [l.code, l.title.text]));
  const levelText = (code: string | null) =>
    code === null ? '—' : code === NOT_YET ? t('assessment.notYet') : (levelTitle.get(code) ?? code);
  // Cells carry the standard's short level codes, explained once by the key, so the table stays narrow.
  const levelCell = (code: string | null) => (code === null || code === NOT_YET ? levelText(code) : code);

  return (
    <section aria-labelledby="teacher-levels">
      <h2 id="teacher-levels">{t('monitoring.teachersHere')}</h2>
      <QueryState query={teachers}>
        {() => {
          const rows = teachers.data!.pages.flatMap((p) => p.teachers);
          if (rows.length === 0) return <p>{t('monitoring.noTeachersHere')}</p>;
          return (
            <>
              <ul className="plain legend" aria-label={t('monitoring.levelKey')}>
                {dashboard.levels.map((l) => (
                  <li key={l.code}>
                    <strong>{l.code}</strong> {l.title.text}
                  </li>
                ))}
              </ul>
              <div className="scroll">
                <table className="dashboard">
                  <caption>
                    {t('monitoring.teachersCaption', { target: levelText(dashboard.target.levelCode) })}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('monitoring.teacher')}</th>
                      <th scope="col">{t('monitoring.atTargetCount')}</th>
                      {dashboard.competencies.map((c) => (
                        <th key={c.itemId} scope="col" title={c.title.text}>
                          {c.code}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.personId}>
                        <th scope="row">
                          <Link to={`/people/${r.personId}/feedback`}>{r.name}</Link>
                          {r.nationalId && <small className="muted"> {r.nationalId}</small>}
                        </th>
                        <td>
                          {t('monitoring.ofCompetencies', {
                            n: formatNumber(r.atTarget),
                            total: formatNumber(dashboard.competencies.length),
                          })}
                        </td>
                        {r.levels.map((level, i) => (
                          <td
                            key={dashboard.competencies[i]!.itemId}
                            title={`${dashboard.competencies[i]!.title.text}: ${levelText(level)}`}
                          >
                            {levelCell(level)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {teachers.hasNextPage && (
                <button type="button" onClick={() => teachers.fetchNextPage()} disabled={teachers.isFetchingNextPage}>
                  {t('monitoring.moreTeachers')}
                </button>
              )}
            </>
          );
        }}
      </QueryState>
    </section>
  );
}
