import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Me } from '../api/types.ts';
import { useMe, useSignOut } from '../auth/session.tsx';
import { navRank } from '../home/start.ts';
import { UnreadBadge } from '../notifications/UnreadBadge.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

type Role = Me['grants'][number]['role'];
/** `office`: also shown in a regional office's tenant, which holds no teachers, training or library of its own. */
type NavItem = {
  to: string;
  label: string;
  permission: Me['permissions'][number] | null;
  roles?: Role[];
  office?: true;
};
/** Every item, in the order shown once each role's own work (see home/start.ts) has been put first. */
const NAV: NavItem[] = [
  { to: '/my-learning', label: 'nav.myLearning', permission: null, roles: ['teacher'] },
  { to: '/my-offerings', label: 'nav.myOfferings', permission: null, roles: ['trainer'] },
  { to: '/my-school', label: 'nav.mySchool', permission: null, roles: ['school_leader'] },
  { to: '/self-assessment', label: 'nav.selfAssessment', permission: null, roles: ['teacher'] },
  { to: '/my-results', label: 'nav.myResults', permission: null, roles: ['teacher'] },
  { to: '/my-portfolio', label: 'nav.myPortfolio', permission: null, roles: ['teacher'] },
  { to: '/my-plan', label: 'nav.myPlan', permission: null, roles: ['teacher'] },
  { to: '/my-transcript', label: 'nav.myTranscript', permission: null, roles: ['teacher'] },
  { to: '/dashboard', label: 'nav.dashboard', permission: 'reports.read' },
  { to: '/indicators', label: 'monitoring.nav.indicators', permission: 'reports.read' },
  { to: '/org', label: 'nav.org', permission: 'org.read', office: true },
  { to: '/people', label: 'nav.people', permission: 'people.read', office: true },
  { to: '/frameworks', label: 'nav.frameworks', permission: null },
  { to: '/training', label: 'nav.training', permission: null },
  { to: '/offerings', label: 'training.offerings.title', permission: null },
  { to: '/coaching', label: 'coaching.title', permission: null, roles: ['trainer', 'assessor'] },
  { to: '/my-coaching', label: 'coaching.mine.title', permission: null, roles: ['teacher'] },
  { to: '/designs', label: 'nav.designs', permission: null, roles: ['teacher', 'school_leader', 'trainer'] },
  { to: '/library', label: 'nav.library', permission: null },
  { to: '/events', label: 'nav.events', permission: null },
  { to: '/competitions', label: 'nav.competitions', permission: null },
  { to: '/communities', label: 'nav.communities', permission: null },
  { to: '/follow-through', label: 'nav.followThrough', permission: null, roles: ['trainer', 'assessor'] },
  {
    to: '/partnerships',
    label: 'nav.partnerships',
    permission: null,
    roles: ['admin', 'ministry_officer', 'regional_officer', 'district_officer', 'school_leader', 'trainer'],
  },
  { to: '/coach-assignments', label: 'nav.coachAssignments', permission: null, roles: ['school_leader'] },
  { to: '/school-plan', label: 'nav.schoolPlan', permission: null, roles: ['school_leader'] },
  { to: '/school-reviews', label: 'nav.schoolReviews', permission: null, roles: ['teacher'] },
  {
    to: '/school-plans',
    label: 'nav.schoolPlans',
    permission: null,
    roles: ['admin', 'ministry_officer', 'regional_officer', 'district_officer'],
  },
  { to: '/surveys', label: 'nav.surveys', permission: 'surveys.manage' },
  { to: '/surveys/rounds', label: 'nav.surveyRounds', permission: 'surveys.manage' },
  { to: '/my-surveys', label: 'nav.mySurveys', permission: null },
  { to: '/reviews', label: 'nav.reviews', permission: 'assessment.rate' },
  { to: '/recognition/approvals', label: 'recognition.nav.approvals', permission: 'recognition.approve' },
  { to: '/recognition/rules', label: 'recognition.nav.rules', permission: 'recognition.manage' },
  { to: '/recognition/issuer', label: 'recognition.nav.issuer', permission: 'recognition.manage' },
  { to: '/admin/accounts', label: 'nav.accounts', permission: 'accounts.manage', office: true },
  { to: '/import', label: 'nav.import', permission: 'import.run' },
  { to: '/translations', label: 'translations.nav', permission: 'translations.translate' },
  { to: '/regional', label: 'regional.nav.comparison', permission: 'regional.read', office: true },
  { to: '/data-sharing', label: 'regional.nav.sharing', permission: 'sharing.manage' },
  {
    to: '/regional/activities',
    label: 'regional.nav.activities',
    permission: null,
    roles: ['regional_analyst', 'ministry_officer', 'admin'],
    office: true,
  },
  { to: '/my-credentials', label: 'recognition.nav.wallet', permission: null },
  { to: '/account', label: 'nav.account', permission: null, office: true },
];

/** The items this person may open, their own work first. */
function navFor(me: Me): NavItem[] {
  const shown = NAV.filter(
    (item) =>
      (me.tenant.kind !== 'regional' || item.office) &&
      (!item.permission || me.permissions.includes(item.permission)) &&
      (!item.roles || me.grants.some((g) => item.roles!.includes(g.role))),
  );
  // A stable sort: items outside the role's own work keep the order above.
  return shown.sort((a, b) => navRank(me, a.to) - navRank(me, b.to));
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  // On a phone the navigation folds behind a Menu button; choosing a page folds it again.
  const [open, setOpen] = useState(false);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <span className="brand">{t('app.name')}</span>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen(!open)}
        >
          {t('nav.menu')}
        </button>
        <nav aria-label={t('nav.label')} id="main-nav" className={open ? 'open' : undefined}>
          <ul>
            {navFor(me).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} onClick={() => setOpen(false)}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <UnreadBadge />
          <LanguageSwitcher signedIn />
          <button type="button" className="link" onClick={() => void signOut()}>
            {t('nav.signOut')}
          </button>
        </div>
      </header>
      <section className="scope" aria-label={t('scope.label')}>
        <strong>{me.displayName}</strong>
        {me.grants.map((g) => (
          <span key={g.id} className="grant">
            {t(`scope.role.${g.role}`)} · {g.orgUnitName}
          </span>
        ))}
      </section>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
