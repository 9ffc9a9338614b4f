import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { queryKey, routeUrl, sendFile } from '../../api/routes.ts';
import { formatNumber } from '../../i18n/index.ts';
import { ErrorText } from '../../shell/ErrorText.tsx';

type PaperFault = { line: number; column: string; code: string; message: string };

type State =
  | { step: 'idle' }
  | { step: 'uploading'; share: number }
  | { step: 'processing' }
  | { step: 'done'; imported: number }
  | { step: 'faults'; faults: PaperFault[]; truncated: boolean }
  | { step: 'failed'; error: unknown };

/**
 * Answers given on paper, typed into the round's template and uploaded: all or nothing, and a
 * rejected file lists every faulty line.
 */
export function PaperImport({ roundId, anonymous }: { roundId: string; anonymous: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ step: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setState({ step: 'uploading', share: 0 });
    try {
      const result = await sendFile(
        'POST /api/surveys/rounds/:roundId/responses/import',
        { params: { roundId } },
        file,
        'text/csv',
        (share) => setState(share < 1 ? { step: 'uploading', share } : { step: 'processing' }),
      );
      setState({ step: 'done', imported: result.imported });
      await Promise.all([
        client.invalidateQueries({ queryKey: queryKey('GET /api/surveys/rounds/:roundId', { params: { roundId } }) }),
        client.invalidateQueries({ queryKey: queryKey('GET /api/surveys/rounds/:roundId/results') }),
        client.invalidateQueries({ queryKey: queryKey('GET /api/surveys/rounds') }),
      ]);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'csv_invalid') {
        setState({
          step: 'faults',
          faults: (error.details.errors as PaperFault[] | undefined) ?? [],
          truncated: !!error.details.truncated,
        });
      } else {
        setState({ step: 'failed', error });
      }
    }
  }

  // A fault the module names by code is shown in the reader's language; the CSV reader's own are shown as sent.
  const shown = (faults: PaperFault[]): PaperFault[] =>
    faults.map((f) => {
      const key = `surveys.paper.fault.${f.code}`;
      return { ...f, message: i18n.exists(key) ? t(key) : f.message };
    });
  const busy = state.step === 'uploading' || state.step === 'processing';
  return (
    <section>
      <form className="panel" onSubmit={(e) => void submit(e)}>
        <h2>{t('surveys.paper.title')}</h2>
        <p className="muted">{t(anonymous ? 'surveys.paper.whoAnonymous' : 'surveys.paper.whoIdentified')}</p>
        <p className="muted">{t('surveys.paper.format')}</p>
        <p>
          <a
            href={routeUrl('GET /api/surveys/rounds/:roundId/responses/template.csv', { params: { roundId } })}
            download
          >
            {t('surveys.paper.template')}
          </a>
        </p>
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
        <button type="submit" disabled={!file || busy}>
          {t('import.submit')}
        </button>
      </form>
      <div aria-live="polite">
        {state.step === 'uploading' && (
          <p>
            <progress max={1} value={state.share} />{' '}
            {t('import.uploading', { percent: `${formatNumber(Math.round(state.share * 100))}%` })}
          </p>
        )}
        {state.step === 'processing' && (
          <p>
            <progress /> {t('import.processing')}
          </p>
        )}
        {state.step === 'done' && (
          <p className="success" role="status">
            {t('surveys.paper.done', { n: formatNumber(state.imported) })}
          </p>
        )}
      </div>
      {state.step === 'failed' && <ErrorText error={state.error} />}
      {state.step === 'faults' && <Faults faults={shown(state.faults)} truncated={state.truncated} />}
    </section>
  );
}

/**
 * Every fault of the rejected file. Unlike shell/FaultTable, a card per fault on a phone: a paper
 * round's column names (question.row) and messages are too long for three columns at 360 px.
 */
function Faults({ faults, truncated }: { faults: PaperFault[]; truncated: boolean }) {
  const { t } = useTranslation();
  return (
    <section className="faults">
      <p className="error" role="alert">
        {t('surveys.paper.failed')}
      </p>
      <table className="cards">
        <thead>
          <tr>
            <th scope="col">{t('import.line')}</th>
            <th scope="col">{t('import.column')}</th>
            <th scope="col">{t('import.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {faults.map((f) => (
            <tr key={`${f.line}-${f.column}-${f.code}-${f.message}`}>
              <td data-label={t('import.line')}>{f.line ? formatNumber(f.line) : ''}</td>
              <td data-label={t('import.column')}>
                {/* question.row names are long and unbroken: they wrap rather than widen the page. */}
                <code style={{ overflowWrap: 'anywhere' }}>{f.column}</code>
              </td>
              <td data-label={t('import.problem')}>{f.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {truncated && <p>{t('import.truncated')}</p>}
    </section>
  );
}
