import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';

/**
 * A failed request in the user's language (the stable error code picks the message); nothing at all
 * while there is no failure, so a form can place it unconditionally.
 */
export function ErrorText({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  const code = error instanceof ApiError ? error.code : 'unknown';
  return (
    <p className="error" role="alert">
      {t(`errors.${code}`, { defaultValue: t('errors.unknown') })}
    </p>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" aria-live="polite">
      {t('app.loading')}
    </p>
  );
}

/** The outcome of a query: a spinner while loading, the error when it fails, else the content. */
export function QueryState({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown };
  children: () => React.ReactNode;
}) {
  if (query.error) return <ErrorText error={query.error} />;
  if (query.isPending) return <Loading />;
  return <>{children()}</>;
}
