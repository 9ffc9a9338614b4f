import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../shell/LanguageSwitcher.tsx';

/** The page around every form a signed-out person sees: sign-in, forgotten password, new password. */
export function SignInFrame({
  titleId,
  onSubmit,
  children,
}: {
  titleId: string;
  onSubmit: (event: FormEvent) => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <main id="main" className="sign-in">
      <div className="sign-in-top">
        <LanguageSwitcher />
      </div>
      <form onSubmit={onSubmit} noValidate aria-labelledby={titleId}>
        <p className="brand">{t('app.name')}</p>
        {children}
      </form>
    </main>
  );
}
