import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, sendFile } from '../api/routes.ts';
import type { ImportFault } from '../api/types.ts';
import { useCan } from '../auth/session.tsx';
import { formatNumber } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { FaultTable } from '../shell/FaultTable.tsx';
import { NotAllowed } from '../shell/Pages.tsx';

type ImportResult = ApiResponse<'POST /api/imports/people'>;

type State =
  | { step: 'idle' }
  | { step: 'uploading'; share: number }
  | { step: 'processing' }
  | { step: 'done'; result: ImportResult; dryRun: boolean }
  | { step: 'faults'; faults: ImportFault[]; truncated: boolean }
  | { step: 'failed'; error: unknown };

export default function ImportPage() {
  const { t } = useTranslation();
  const allowed = useCan('import.run');
  const client = useQueryClient();
  const [kind, setKind] = useState<'people' | 'org-units'>('people');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [state, setState] = useState<State>({ step: 'idle' });
  if (!allowed) return <NotAllowed />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setState({ step: 'uploading', share: 0 });
    try {
      const result = await sendFile(
        kind === 'people' ? 'POST /api/imports/people' : 'POST /api/imports/org-units',
        { query: { dryRun: dryRun ? 'true' : undefined } },
        file,
        'text/csv',
        (share) => setState(share < 1 ? { step: 'uploading', share } : { step: 'processing' }),
      );
      setState({ step: 'done', result, dryRun });
      if (!dryRun) await client.invalidateQueries();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'csv_invalid') {
        setState({
          step: 'faults',
          faults: error.details.errors as ImportFault[],
          truncated: !!error.details.truncated,
        });
      } else {
        setState({ step: 'failed', error });
      }
    }
  }

  const busy = state.step === 'uploading' || state.step === 'processing';
  const percent = (share: number) => `${formatNumber(Math.round(share * 100))}%`;
  return (
    <>
      <h1>{t('import.title')}</h1>
      <form className="panel" onSubmit={submit}>
        <fieldset>
          <legend>{t('import.kind')}</legend>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'people'} onChange={() => setKind('people')} />{' '}
            {t('import.people')}
          </label>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === 'org-units'} onChange={() => setKind('org-units')} />{' '}
            {t('import.orgUnits')}
          </label>
        </fieldset>
        <label>
          {t('import.file')}
          <input type="file" accept=".csv,text/csv" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <p className="muted">{t('import.help')}</p>
        <label className="choice">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> {t('import.dryRun')}
        </label>
        <button type="submit" disabled={busy || !file}>
          {t('import.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {state.step === 'uploading' && (
          <p>
            <progress max={1} value={state.share} /> {t('import.uploading', { percent: percent(state.share) })}
          </p>
        )}
        {state.step === 'processing' && (
          <p>
            <progress /> {t('import.processing')}
          </p>
        )}
        {state.step === 'done' && (
          <p role="status" className="success">
            {state.dryRun
              ? t('import.checked', { rows: state.result.rows, n: formatNumber(state.result.rows) })
              : t('import.done', {
                  rows: state.result.rows,
                  created: formatNumber(state.result.created),
                  updated: formatNumber(state.result.updated),
                })}
          </p>
        )}
      </div>
      {state.step === 'failed' && <ErrorText error={state.error} />}
      {state.step === 'faults' && (
        <FaultTable faults={state.faults} truncated={state.truncated} failed={t('import.failed')} />
      )}
    </>
  );
}
