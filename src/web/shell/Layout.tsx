import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { Me } from '../api/types.ts';
import { useMe, useSignOut } from '../auth/session.tsx';
import { UnreadBadge } from '../notifications/UnreadBadge.tsx';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

type NavItem = { to: string; label: string; permission: Me['permissions'][number] | null; teachers?: true };
const NAV: NavItem[] = [
  { to: '/self-assessment', label: 'nav.selfAssessment', permission: null, teachers: true },
  { to: '/my-results', label: 'nav.myResults', permission: null, teachers: true },
  { to: '/my-portfolio', label: 'nav.myPortfolio', permission: null, teachers: true },
  { to: '/my-plan', label: 'nav.myPlan', permission: null, teachers: true },
  { to: '/my-transcript', label: 'nav.myTranscript', permission: null, teachers: true },
  { to: '/my-credentials', label: 'recognition.nav.wallet', permission: null },
  { to: '/dashboard', label: 'nav.dashboard', permission: 'reports.read' },
  { to: '/indicators', label: 'monitoring.nav.indicators', permission: 'reports.read' },
  { to: '/org', label: 'nav.org', permission: 'org.read' },
  { to: '/people', label: 'nav.people', permission: 'people.read' },
  { to: '/frameworks', label: 'nav.frameworks', permission: null },
  { to: '/training', label: 'nav.training', permission: null },
  { to: '/reviews', label: 'nav.reviews', permission: 'assessment.rate' },
  { to: '/recognition/approvals', label: 'recognition.nav.approvals', permission: 'recognition.approve' },
  { to: '/recognition/rules', label: 'recognition.nav.rules', permission: 'recognition.manage' },
  { to: '/recognition/issuer', label: 'recognition.nav.issuer', permission: 'recognition.manage' },
  { to: '/admin/accounts', label: 'nav.accounts', permission: 'accounts.manage' },
  { to: '/import', label: 'nav.import', permission: 'import.run' },
  { to: '/account', label: 'nav.account', permission: null },
];

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
            {NAV.filter(
              (item) =>
                (!item.permission || me.permissions.includes(item.permission)) &&
                (!item.teachers || me.grants.some((g) => g.role === 'teacher')),
            ).map((item) => (
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
