import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { sendFile } from '../api/routes.ts';
import type { FrameworkFault } from '../api/types.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { FaultTable } from '../shell/FaultTable.tsx';

type State =
  | { step: 'idle' }
  | { step: 'uploading' }
  | { step: 'faults'; faults: FrameworkFault[]; truncated: boolean }
  | { step: 'failed'; error: unknown };

/** A CASE package or a Moodle / Pathway CSV becomes a new draft; a rejected file lists every fault. */
export function ImportFramework() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setState({ step: 'uploading' });
    // The server detects the format from the bytes; the type only helps proxies and logs.
    const type = file.name.toLowerCase().endsWith('.json') ? 'application/json' : 'text/csv';
    try {
      const result = await sendFile('POST /api/frameworks/import', {}, file, type);
      await client.invalidateQueries({ queryKey: ['GET /api/frameworks'] });
      navigate(`/frameworks/${result.frameworkId}`);
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'case_invalid' || error.code === 'csv_invalid')) {
        setState({
          step: 'faults',
          faults: (error.details.errors as FrameworkFault[] | undefined) ?? [],
          truncated: !!error.details.truncated,
        });
      } else {
        setState({ step: 'failed', error });
      }
    }
  }

  return (
    <>
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h2>{t('frameworks.import.title')}</h2>
        <label>
          {t('frameworks.import.file')}
          <input
            type="file"
            accept=".json,.csv,application/json,text/csv"
            required
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ step: 'idle' });
            }}
          />
        </label>
        <p className="muted">{t('frameworks.import.help')}</p>
        <button type="submit" disabled={!file || state.step === 'uploading'}>
          {t('frameworks.import.submit')}
        </button>
        {state.step === 'uploading' && (
          <p aria-live="polite">
            <progress /> {t('import.processing')}
          </p>
        )}
      </form>
      {state.step === 'failed' && <ErrorText error={state.error} />}
      {state.step === 'faults' && (
        <FaultTable faults={state.faults} truncated={state.truncated} failed={t('frameworks.import.failed')} />
      )}
    </>
  );
}
