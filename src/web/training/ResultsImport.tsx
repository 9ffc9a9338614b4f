import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { sendFile } from '../api/routes.ts';
import type { Offering, ResultsFault, ResultsSummary } from '../api/types.ts';
import { formatNumber } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { FaultTable } from '../shell/FaultTable.tsx';
import { offeringKeys } from './offeringKeys.ts';

type State =
  | { step: 'idle' }
  | { step: 'uploading' }
  | { step: 'done'; summary: ResultsSummary }
  | { step: 'faults'; faults: ResultsFault[]; truncated: boolean }
  | { step: 'failed'; error: unknown };

/** Attendance and results from a CSV: all or nothing, and a rejected file lists every faulty line. */
export function ResultsImport({ offering }: { offering: Offering }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setState({ step: 'uploading' });
    try {
      const summary = await sendFile(
        'POST /api/offerings/:offeringId/results/import',
        { params: { offeringId: offering.id } },
        file,
        'text/csv',
      );
      setState({ step: 'done', summary });
      await Promise.all(offeringKeys(offering.id).map((queryKey) => client.invalidateQueries({ queryKey })));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'csv_invalid') {
        setState({
          step: 'faults',
          faults: (error.details.errors as ResultsFault[] | undefined) ?? [],
          truncated: !!error.details.truncated,
        });
      } else {
        setState({ step: 'failed', error });
      }
    }
  }

  return (
    <section>
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h2>{t('training.import.title')}</h2>
        <label>
          {t('import.file')}
          <input
            type="file"
            accept=".csv,text/csv"
            required
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ step: 'idle' });
            }}
          />
        </label>
        <p className="muted">{t('training.import.help', { days: offering.sessionDays.join(', ') })}</p>
        <button type="submit" disabled={!file || state.step === 'uploading'}>
          {t('import.submit')}
        </button>
        {state.step === 'uploading' && (
          <p aria-live="polite">
            <progress /> {t('import.processing')}
          </p>
        )}
      </form>
      {state.step === 'done' && (
        <p className="success" role="status">
          {t('training.import.done', {
            completed: formatNumber(state.summary.completed),
            notCompleted: formatNumber(state.summary.notCompleted),
            marks: formatNumber(state.summary.attendanceMarks),
          })}
        </p>
      )}
      {state.step === 'failed' && <ErrorText error={state.error} />}
      {state.step === 'faults' && (
        <FaultTable faults={state.faults} truncated={state.truncated} failed={t('training.import.failed')} />
      )}
    </section>
  );
}
