import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendFile } from '../api/routes.ts';
import { RecognitionError } from './RecognitionError.tsx';
import type { Verification } from './types.ts';
import { Checks, PublicFrame, verdictClass, verdictOf } from './VerifyPage.tsx';

/**
 * The server reads the body's bytes whatever their type (JSON, else the text of a compact JWT), so the
 * file goes as it is; the type only says which it is: a JWT file is the token's text, not JSON.
 */
async function contentTypeOf(file: File): Promise<string> {
  if (/\.jwt$/i.test(file.name) || /jwt/.test(file.type)) return 'application/vc+jwt';
  if (/^\s*[{[]/.test(await file.slice(0, 64).text())) return 'application/json';
  return 'text/plain';
}

/** Public, no sign-in: anyone checks a credential file (JSON or VC-JWT), from Pathway or any other issuer. */
export default function VerifyFilePage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<Verification | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setFailure(null);
    setResult(null);
    try {
      setResult(await sendFile('POST /api/public/verify', {}, file, await contentTypeOf(file)));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <PublicFrame>
      <h1>{t('recognition.verifyFile.title')}</h1>
      <p>{t('recognition.verifyFile.intro')}</p>
      <form className="stack" onSubmit={submit}>
        <label>
          {t('recognition.verifyFile.file')}
          <input
            type="file"
            accept=".json,.jsonld,.jwt,.txt,application/json,application/ld+json,application/vc+jwt,application/jwt,text/plain"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setResult(null);
            }}
          />
        </label>
        <button type="submit" disabled={!file || busy}>
          {t('recognition.verifyFile.check')}
        </button>
      </form>
      <RecognitionError error={failure} />
      {result ? (
        <div aria-live="polite">
          <p className={verdictClass(verdictOf(result))} role="status">
            <strong>{t(`recognition.verify.standing.${verdictOf(result)}`)}</strong>
          </p>
          <Checks verification={result} />
        </div>
      ) : null}
    </PublicFrame>
  );
}
