import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="notice">
      <h1>{t('errors.notFound')}</h1>
      <p>{t('errors.notFoundText')}</p>
      <Link to="/">{t('errors.home')}</Link>
    </section>
  );
}

export function NotAllowed() {
  const { t } = useTranslation();
  return (
    <section className="notice">
      <h1>{t('errors.notAllowed')}</h1>
      <p>{t('errors.notAllowedText')}</p>
      <Link to="/">{t('errors.home')}</Link>
    </section>
  );
}
