import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/routes.ts';
import type { Enrolment, Offering, ResultsSummary } from '../api/types.ts';
import { formatDay, formatNumber } from '../i18n/index.ts';
import { ErrorText } from '../shell/ErrorText.tsx';
import { useAct } from '../shell/useAct.ts';
import { offeringKeys } from './offeringKeys.ts';

type Draft = { result: '' | 'completed' | 'not_completed'; score: string };

/** Results and completion per participant. A completion credits CPD hours and is final. */
export function ResultsSection({ offering, enrolments }: { offering: Offering; enrolments: Enrolment[] }) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [summary, setSummary] = useState<ResultsSummary | null>(null);
  const { act, failure, busy } = useAct([
    ...offeringKeys(offering.id),
    ['GET /api/people/:personId/transcript'],
    ['GET /api/people/:personId/development-plans'],
  ]);
  const participants = enrolments.filter((e) => e.status === 'enrolled');
  const draftOf = (e: Enrolment): Draft =>
    drafts[e.personId] ?? { result: e.result ?? '', score: e.score === null ? '' : String(e.score) };
  const set = (personId: string, patch: Partial<Draft>, e: Enrolment) =>
    setDrafts((d) => ({ ...d, [personId]: { ...draftOf(e), ...patch } }));
  const changed = participants.filter((e) => {
    const d = drafts[e.personId];
    return d && d.result !== '' && e.result !== 'completed';
  });

  async function save() {
    setSummary(null);
    let answer: ResultsSummary | null = null;
    const ok = await act(async () => {
      answer = await call('PUT /api/offerings/:offeringId/results', {
        params: { offeringId: offering.id },
        body: {
          results: changed.flatMap((e) => {
            const d = drafts[e.personId]!;
            if (d.result === '') return [];
            return [{ personId: e.personId, result: d.result, score: d.score.trim() === '' ? null : Number(d.score) }];
          }),
        },
      });
    });
    if (ok) {
      setDrafts({});
      setSummary(answer);
    }
  }

  return (
    <section>
      <h2>{t('training.results.title')}</h2>
      <p className="muted">{t('training.results.help', { hours: formatNumber(offering.hours) })}</p>
      {participants.length === 0 ? (
        <p className="muted">{t('training.roster.empty')}</p>
      ) : (
        <div className="scroll">
          <table className="data results">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('training.roster.result')}</th>
                <th scope="col">{t('training.results.score')}</th>
              </tr>
            </thead>
            <tbody>
              {participants.map((e) => {
                const d = draftOf(e);
                const final = e.result === 'completed';
                return (
                  <tr key={e.id}>
                    <th scope="row">{e.personName}</th>
                    <td>
                      {final ? (
                        <span className="success">
                          {t('training.results.completed')}
                          {e.completedOn ? ` · ${formatDay(e.completedOn)}` : ''}
                        </span>
                      ) : (
                        <select
                          aria-label={t('training.results.resultOf', { name: e.personName })}
                          value={d.result}
                          onChange={(ev) => set(e.personId, { result: ev.target.value as Draft['result'] }, e)}
                        >
                          <option value="">—</option>
                          <option value="completed">{t('training.results.completed')}</option>
                          <option value="not_completed">{t('training.results.not_completed')}</option>
                        </select>
                      )}
                    </td>
                    <td>
                      {final ? (
                        e.score === null ? (
                          '—'
                        ) : (
                          formatNumber(e.score)
                        )
                      ) : (
                        <input
                          type="number"
                          min={0}
                          max={100}
                          step="any"
                          aria-label={t('training.results.scoreOf', { name: e.personName })}
                          value={d.score}
                          onChange={(ev) => set(e.personId, { score: ev.target.value }, e)}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <button type="button" disabled={busy || changed.length === 0} onClick={() => void save()}>
          {t('training.results.save')}
        </button>
      </p>
      {failure ? <ErrorText error={failure} /> : null}
      {summary && (
        <p className="success" role="status">
          {t('training.results.saved', {
            completed: formatNumber(summary.completed),
            notCompleted: formatNumber(summary.notCompleted),
          })}
        </p>
      )}
    </section>
  );
}
