import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { ErrorText } from '../shell/ErrorText.tsx';

/** Recognition's own error codes in the user's language; any other code as the app says it. */
export function RecognitionError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const key = error instanceof ApiError ? `recognition.errors.${error.code}` : '';
  if (!key || !i18n.exists(key)) return <ErrorText error={error} />;
  const field = error instanceof ApiError && typeof error.details.field === 'string' ? error.details.field : null;
  return (
    <p className="error" role="alert">
      {t(key)}
      {field ? ` (${field.replace(/^body\./, '')})` : null}
    </p>
  );
}
