import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../api/routes.ts';
import { useMe } from '../auth/session.tsx';
import { formatDay, formatNumber } from '../i18n/index.ts';
import { SchoolPlanCard } from '../practice/schoolplans/HomeCard.tsx';
import { Loading } from '../shell/ErrorText.tsx';

/**
 * One piece of a teacher's work: its name, and where it stands as the link to it (the menu already
 * has a link named after each page).
 */
function Card({ to, title, children }: { to: string; title: string; children: ReactNode }) {
  return (
    <li className="card">
      <h2 className="card-title">{title}</h2>
      {children === null ? <Loading /> : <Link to={to}>{children}</Link>}
    </li>
  );
}

/**
 * A teacher's start page: their self-assessment, plan, trainings, credentials, coaching cycle, designs
 * and their school's ICT plan, each with where it stands.
 */
export default function TeacherHome() {
  const { t } = useTranslation();
  const me = useMe();
  const year = new Date().getFullYear();
  // The same queries (and keys) as the pages these cards open, so a click finds them loaded.
  const params = { personId: me.personId! };
  const current = useApiQuery('GET /api/self-assessment', {});
  const plans = useApiQuery('GET /api/people/:personId/development-plans', { params });
  const transcript = useApiQuery('GET /api/people/:personId/transcript', { params, query: { year } });
  const credentials = useApiQuery('GET /api/people/:personId/credentials', { params });
  const status = current.data?.selfAssessment?.status ?? 'none';
  const latest = [...(plans.data?.items ?? [])].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
  const cycles = useApiQuery('GET /api/coaching-cycles', {});
  const designs = useApiQuery('GET /api/activity-designs', { query: { scope: 'mine', limit: 20 } });
  const openCycle = cycles.data?.items.find((c) => c.teacher.id === me.personId && c.status !== 'closed');
  const pending = null;
  const schoolId = me.grants.find((g) => g.role === 'teacher')?.orgUnitId;
  return (
    <>
      <h1>{t('nav.myLearning')}</h1>
      <p>{t('home.teacher.intro')}</p>
      <ul className="cards">
        <Card to={status === 'submitted' ? '/my-results' : '/self-assessment'} title={t('nav.selfAssessment')}>
          {current.isPending ? pending : t(`home.teacher.selfAssessment.${status}`)}
        </Card>
        <Card to="/my-plan" title={t('nav.myPlan')}>
          {plans.isPending
            ? pending
            : latest
              ? t('home.teacher.plan.status', { status: t(`training.plan.status.${latest.status}`) })
              : t('home.teacher.plan.none')}
        </Card>
        <Card to="/my-transcript" title={t('nav.myTranscript')}>
          {transcript.isPending
            ? pending
            : transcript.data
              ? t('home.teacher.trainings', {
                  hours: formatNumber(transcript.data.totalHours),
                  modules: formatNumber(transcript.data.modulesCompleted),
                })
              : null}
        </Card>
        <Card to="/my-credentials" title={t('recognition.nav.wallet')}>
          {credentials.isPending
            ? pending
            : credentials.data
              ? t('home.teacher.credentials', { n: formatNumber(credentials.data.length) })
              : null}
        </Card>
        <Card to="/my-coaching" title={t('coaching.mine.title')}>
          {cycles.isPending
            ? pending
            : openCycle
              ? t('home.teacher.cycle.open', {
                  stage: t(`coaching.stage.${openCycle.status}`),
                  date: formatDay(openCycle.lessonDate),
                })
              : t('home.teacher.cycle.none')}
        </Card>
        <Card to="/designs" title={t('nav.designs')}>
          {designs.isPending
            ? pending
            : designs.data
              ? t('home.teacher.designs', {
                  count: designs.data.items.length,
                  n: formatNumber(designs.data.items.length) + (designs.data.nextCursor ? '+' : ''),
                  shared: formatNumber(designs.data.items.filter((d) => d.sharing !== 'private').length),
                })
              : null}
        </Card>
        {schoolId && <SchoolPlanCard schoolId={schoolId} leader={false} />}
      </ul>
      <p>
        <Link to="/training">{t('training.catalogue.title')}</Link>
      </p>
    </>
  );
}
