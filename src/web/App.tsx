import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError, SESSION_ENDED_EVENT } from './api/client.ts';
import type { Me } from './api/types.ts';
import { SignIn } from './auth/SignIn.tsx';
import { ME_KEY, SessionProvider, useMe, useMeQuery } from './auth/session.tsx';
import { communityRoutes } from './community/communities/routes.tsx';
import { competitionRoutes } from './community/competitions/routes.tsx';
import { eventRoutes } from './community/events/routes.tsx';
import { libraryRoutes } from './community/library/routes.tsx';
import { startPage } from './home/start.ts';
// Every screen but sign-in loads on demand, so the sign-in page stays light on a phone.
import { cycleRoutes } from './practice/cycles/routes.tsx';
import { designRoutes } from './practice/designs/routes.tsx';
import { followThroughRoutes } from './practice/followthrough/routes.tsx';
import { partnershipRoutes } from './practice/partnerships/routes.tsx';
import { schoolPlanRoutes } from './practice/schoolplans/routes.tsx';
import { regionalRoutes } from './regional/routes.tsx';
import { ErrorText, Loading } from './shell/ErrorText.tsx';
import { Layout } from './shell/Layout.tsx';
import { NotFound } from './shell/Pages.tsx';
import { answerRoutes, LinkAnswerPage } from './surveys/answer/routes.tsx';
import { effectRoutes } from './surveys/effect/routes.tsx';
import { roundRoutes } from './surveys/rounds/routes.tsx';
import { surveyRoutes } from './surveys/routes.tsx';
import { translationRoutes } from './translations/routes.tsx';

const OrgBrowser = lazy(() => import('./org/OrgBrowser.tsx'));
const PeopleList = lazy(() => import('./people/PeopleList.tsx'));
const PersonPage = lazy(() => import('./people/PersonPage.tsx'));
const Accounts = lazy(() => import('./admin/Accounts.tsx'));
const ImportPage = lazy(() => import('./imports/ImportPage.tsx'));
const AccountPage = lazy(() => import('./account/AccountPage.tsx'));
const NotificationsPage = lazy(() => import('./notifications/NotificationsPage.tsx'));
const ResetPasswordPage = lazy(() => import('./auth/ResetPassword.tsx'));
const FrameworkList = lazy(() => import('./frameworks/FrameworkList.tsx'));
const FrameworkPage = lazy(() => import('./frameworks/FrameworkPage.tsx'));
const SelfAssessmentPage = lazy(() => import('./assessment/SelfAssessmentPage.tsx'));
const FeedbackReport = lazy(() => import('./assessment/FeedbackReport.tsx'));
const PortfolioPage = lazy(() => import('./assessment/PortfolioPage.tsx'));
const ObservationsPage = lazy(() => import('./assessment/ObservationsPage.tsx'));
const ReviewQueue = lazy(() => import('./assessment/ReviewQueue.tsx'));
const GroupReportPage = lazy(() => import('./assessment/GroupReportPage.tsx'));
const DashboardPage = lazy(() => import('./monitoring/DashboardPage.tsx'));
const IndicatorsPage = lazy(() => import('./monitoring/IndicatorsPage.tsx'));
const IndicatorsAdmin = lazy(() => import('./monitoring/IndicatorsAdmin.tsx'));
const RoadmapPage = lazy(() => import('./monitoring/RoadmapPage.tsx'));
const LogframePage = lazy(() => import('./monitoring/LogframePage.tsx'));
const AlignmentPage = lazy(() => import('./monitoring/AlignmentPage.tsx'));
const CataloguePage = lazy(() => import('./training/CataloguePage.tsx'));
const ModulePage = lazy(() => import('./training/ModulePage.tsx'));
const OfferingsPage = lazy(() => import('./training/OfferingsPage.tsx'));
const ScheduleOfferingPage = lazy(() => import('./training/ScheduleOfferingPage.tsx'));
const OfferingPage = lazy(() => import('./training/OfferingPage.tsx'));
const TranscriptPage = lazy(() => import('./training/TranscriptPage.tsx'));
const CertificatePage = lazy(() => import('./training/CertificatePage.tsx'));
const PlanPage = lazy(() => import('./training/PlanPage.tsx'));
const DemandPage = lazy(() => import('./training/DemandPage.tsx'));
const CascadePage = lazy(() => import('./training/CascadePage.tsx'));
const SchoolPlansPage = lazy(() => import('./training/SchoolPlansPage.tsx'));
const RulesPage = lazy(() => import('./recognition/RulesPage.tsx'));
const RuleEditor = lazy(() => import('./recognition/RuleEditor.tsx'));
const ApprovalQueue = lazy(() => import('./recognition/ApprovalQueue.tsx'));
const WalletPage = lazy(() => import('./recognition/WalletPage.tsx'));
const IssuerPage = lazy(() => import('./recognition/IssuerPage.tsx'));
const VerifyPage = lazy(() => import('./recognition/VerifyPage.tsx'));
const TeacherHome = lazy(() => import('./home/TeacherHome.tsx'));
const TrainerHome = lazy(() => import('./home/TrainerHome.tsx'));
const SchoolHome = lazy(() => import('./home/SchoolHome.tsx'));
const VerifyFilePage = lazy(() => import('./recognition/VerifyFilePage.tsx'));

export function App() {
  const client = useQueryClient();
  const me = useMeQuery();
  const [expired, setExpired] = useState(false);
  const { pathname } = useLocation();

  useEffect(() => {
    const ended = () => {
      setExpired(true);
      client.clear();
      client.setQueryData(ME_KEY, null);
    };
    window.addEventListener(SESSION_ENDED_EVENT, ended);
    return () => window.removeEventListener(SESSION_ENDED_EVENT, ended);
  }, [client]);

  // Verification is public: a stranger who scans a certificate's QR code needs no account.
  // So is setting a new password from a reset link.
  // And answering a survey by its invitation link: teachers without an account answer too.
  if (
    pathname === '/verify' ||
    pathname.startsWith('/verify/') ||
    pathname === '/reset-password' ||
    pathname.startsWith('/answer/')
  )
    return (
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/verify" element={<VerifyFilePage />} />
          <Route path="/verify/:id" element={<VerifyPage />} />
          <Route path="/reset-password" element={<ResetPasswordPage />} />
          <Route path="/answer/:token" element={<LinkAnswerPage />} />
        </Routes>
      </Suspense>
    );
  if (me.isPending) return <Loading />;
  const signedOut = !me.data || (me.error instanceof ApiError && me.error.status === 401);
  if (me.error && !signedOut) {
    return (
      <main className="narrow">
        <ErrorText error={me.error} />
        <button type="button" onClick={() => me.refetch()}>
          Retry
        </button>
      </main>
    );
  }
  if (signedOut) {
    return (
      <SignIn
        expired={expired || (me.error instanceof ApiError && me.error.code === 'session_expired')}
        onSignedIn={(signedIn: Me) => {
          setExpired(false);
          client.setQueryData(ME_KEY, signedIn);
        }}
      />
    );
  }
  // An account made by an administrator or an import, or whose reset was forced: the password first.
  if (me.data!.mustChangePassword)
    return (
      <SessionProvider me={me.data!}>
        <main id="main" className="narrow">
          <Suspense fallback={<Loading />}>
            <AccountPage mustChange onChanged={() => void me.refetch()} />
          </Suspense>
        </main>
      </SessionProvider>
    );
  return (
    <SessionProvider me={me.data!}>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/my-learning" element={<TeacherHome />} />
            <Route path="/my-offerings" element={<TrainerHome />} />
            <Route path="/my-school" element={<SchoolHome />} />
            <Route path="/org" element={<OrgBrowser />} />
            <Route path="/org/:unitId" element={<OrgBrowser />} />
            <Route path="/people" element={<PeopleList />} />
            <Route path="/people/:personId" element={<PersonPage />} />
            <Route path="/admin/accounts" element={<Accounts />} />
            <Route path="/import" element={<ImportPage />} />
            <Route path="/account" element={<AccountPage />} />
            <Route path="/notifications" element={<NotificationsPage />} />
            <Route path="/frameworks" element={<FrameworkList />} />
            <Route path="/frameworks/:frameworkId" element={<FrameworkPage />} />
            <Route path="/self-assessment" element={<SelfAssessmentPage />} />
            <Route path="/my-results" element={<FeedbackReport />} />
            <Route path="/my-portfolio" element={<PortfolioPage />} />
            <Route path="/people/:personId/feedback" element={<FeedbackReport />} />
            <Route path="/people/:personId/portfolio" element={<PortfolioPage />} />
            <Route path="/people/:personId/observations" element={<ObservationsPage />} />
            <Route path="/reviews" element={<ReviewQueue />} />
            <Route path="/org/:unitId/self-assessment" element={<GroupReportPage />} />
            <Route path="/training" element={<CataloguePage />} />
            <Route path="/training/modules/:moduleId" element={<ModulePage />} />
            <Route path="/offerings" element={<OfferingsPage />} />
            <Route path="/offerings/new" element={<ScheduleOfferingPage />} />
            <Route path="/offerings/:offeringId" element={<OfferingPage />} />
            <Route path="/my-transcript" element={<TranscriptPage />} />
            <Route path="/people/:personId/transcript" element={<TranscriptPage />} />
            <Route path="/certificates/:enrolmentId" element={<CertificatePage />} />
            <Route path="/my-plan" element={<PlanPage />} />
            <Route path="/people/:personId/plan" element={<PlanPage />} />
            <Route path="/org/:unitId/training-demand" element={<DemandPage />} />
            <Route path="/org/:unitId/training-cascade" element={<CascadePage />} />
            <Route path="/org/:unitId/development-plans" element={<SchoolPlansPage />} />
            <Route path="/my-credentials" element={<WalletPage />} />
            <Route path="/recognition/rules" element={<RulesPage />} />
            <Route path="/recognition/rules/new" element={<RuleEditor />} />
            <Route path="/recognition/rules/:ruleId" element={<RuleEditor />} />
            <Route path="/recognition/approvals" element={<ApprovalQueue />} />
            <Route path="/recognition/issuer" element={<IssuerPage />} />
            <Route path="/dashboard" element={<DashboardPage />} />
            <Route path="/dashboard/:unitId" element={<DashboardPage />} />
            <Route path="/indicators" element={<IndicatorsPage />} />
            <Route path="/indicators/manage" element={<IndicatorsAdmin />} />
            <Route path="/indicators/:unitId" element={<IndicatorsPage />} />
            <Route path="/indicators/:unitId/roadmap/:indicatorId" element={<RoadmapPage />} />
            <Route path="/logframe" element={<LogframePage />} />
            <Route path="/logframe/:unitId" element={<LogframePage />} />
            <Route path="/alignment" element={<AlignmentPage />} />
            <Route path="/alignment/:unitId" element={<AlignmentPage />} />
            {designRoutes}
            {partnershipRoutes}
            {cycleRoutes}
            {followThroughRoutes}
            {schoolPlanRoutes}
            {surveyRoutes}
            {effectRoutes}
            {answerRoutes}
            {roundRoutes}
            {eventRoutes}
            {competitionRoutes}
            {libraryRoutes}
            {communityRoutes}
            {translationRoutes}
            {regionalRoutes}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}

/** Where signing in lands: each role on its own work (home/start.ts). */
function Home() {
  return <Navigate to={startPage(useMe())} replace />;
}
