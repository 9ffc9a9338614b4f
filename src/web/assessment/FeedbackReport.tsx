import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { formatDate, formatNumber } from '../i18n/index.ts';
import { QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { NotAllowed, NotFound } from '../shell/Pages.tsx';
import { LevelChart } from './LevelChart.tsx';
import { useLevelName } from './levels.ts';

/** The teacher's feedback report: levels per aspect, strengths, gaps against the target, next steps. Printable. */
export default function FeedbackReport() {
  const { t } = useTranslation();
  const me = useMe();
  const personId = useParams().personId ?? me.personId;
  const feedback = useApiQuery('GET /api/people/:personId/feedback', { params: { personId: personId! } });
  const levelName = useLevelName(feedback.data?.levels ?? []);
  // Next steps include the modules whose outcomes reach the next level of a gap.
  const catalogue = useApiQuery('GET /api/training/modules', {});
  // A module written against an earlier version of the standard names the same competency by its CASE identifier.
  const modulesFor = (caseIdentifier: string, levelCode: string) =>
    (catalogue.data?.items ?? []).filter((m) =>
      m.outcomes.some((o) => o.caseIdentifier === caseIdentifier && o.levelCode === levelCode),
    );
  const chart = useMemo(() => {
    const f = feedback.data;
    if (!f) return null;
    return {
      categories: f.aspects.map((a) => `${a.code} ${a.title.text}`),
      series: [
        { name: t('assessment.selfAssessed'), values: f.aspects.map((a) => a.selfScore) },
        { name: t('assessment.confirmed'), values: f.aspects.map((a) => a.confirmedScore) },
      ],
      levelNames: [t('assessment.notYet'), ...f.levels.map((l) => l.title.text)],
      valueText: (v: number) => formatNumber(Math.round(v * 10) / 10),
      target: f.target
        ? {
            rank: f.levels.findIndex((l) => l.code === f.target!.levelCode) + 1,
            label: t('assessment.feedback.targetMark', { level: f.target.title.text }),
          }
        : undefined,
    };
  }, [feedback.data, t]);
  if (feedback.error instanceof ApiError && feedback.error.status === 404) return <NotFound />;
  if (feedback.error instanceof ApiError && feedback.error.status === 403) return <NotAllowed />;

  return (
    <QueryState query={feedback}>
      {() => {
        const f = feedback.data!;
        const score = (v: number | null) => (v === null ? '—' : formatNumber(v));
        return (
          <article className="report">
            <h1>{t('assessment.feedback.title')}</h1>
            <p className="muted">
              {f.submittedAt
                ? t('assessment.feedback.submitted', { date: formatDate(f.submittedAt) })
                : t('assessment.feedback.notSubmitted')}
            </p>
            <p>
              {f.target ? (
                <>
                  {t('assessment.feedback.target')} <strong>{<LocalText value={f.target.title} />}</strong>
                </>
              ) : (
                t('assessment.feedback.noTarget')
              )}
            </p>
            <div className="inline no-print">
              <button type="button" onClick={() => window.print()}>
                {t('assessment.feedback.print')}
              </button>
              {personId === me.personId && <Link to="/self-assessment">{t('assessment.feedback.retake')}</Link>}
              <Link to={`/people/${personId}/portfolio`}>{t('assessment.portfolio.title')}</Link>
            </div>
            <h2>{t('assessment.feedback.byAspect')}</h2>
            {chart && <LevelChart label={t('assessment.feedback.chartLabel')} {...chart} />}
            <table className="data">
              <caption className="visually-hidden">{t('assessment.feedback.chartLabel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('assessment.aspect')}</th>
                  <th scope="col">{t('assessment.selfAssessed')}</th>
                  <th scope="col">{t('assessment.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {f.aspects.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {a.code} <LocalText value={a.title} />
                    </th>
                    <td>{score(a.selfScore)}</td>
                    <td>{score(a.confirmedScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted">{t('assessment.feedback.scaleNote')}</p>

            <h2>{t('assessment.feedback.strengths')}</h2>
            {f.strengths.length === 0 ? (
              <p>{t('assessment.feedback.noStrengths')}</p>
            ) : (
              <ul>
                {f.strengths.map((s) => (
                  <li key={s.itemId}>
                    <strong>{s.code}</strong> <LocalText value={s.title} />
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('assessment.feedback.gaps')}</h2>
            {f.gaps.length === 0 ? (
              <p>{t('assessment.feedback.noGaps')}</p>
            ) : (
              <ul className="gaps">
                {f.gaps.map((g) => (
                  <li key={g.itemId}>
                    <p>
                      <strong>{g.code}</strong> <LocalText value={g.title} />
                      {' — '}
                      {t('assessment.feedback.nowNext', {
                        now: levelName(g.currentLevelCode),
                        next: levelName(g.nextLevelCode),
                      })}
                    </p>
                    <p className="statement">
                      {t('assessment.feedback.nextStep')} <LocalText value={g.nextStep} />
                    </p>
                    {modulesFor(g.caseIdentifier, g.nextLevelCode).length > 0 && (
                      <p>
                        {t('assessment.feedback.modules')}{' '}
                        {modulesFor(g.caseIdentifier, g.nextLevelCode).map((m, i) => (
                          <span key={m.id}>
                            {i > 0 ? ', ' : ''}
                            <Link to={`/training/modules/${m.id}`}>
                              <LocalText value={m.displayTitle} />
                            </Link>
                          </span>
                        ))}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
            <h2>{t('assessment.feedback.all')}</h2>
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('assessment.competency')}</th>
                  <th scope="col">{t('assessment.selfAssessed')}</th>
                  <th scope="col">{t('assessment.confirmed')}</th>
                </tr>
              </thead>
              <tbody>
                {f.aspects.flatMap((a) =>
                  a.competencies.map((c) => (
                    <tr key={c.itemId}>
                      <th scope="row">
                        {c.code} <LocalText value={c.title} />
                      </th>
                      <td>{levelName(c.selfLevelCode)}</td>
                      <td>{levelName(c.confirmedLevelCode)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </article>
        );
      }}
    </QueryState>
  );
}
