import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call, queryKey, useApiQuery } from '../../api/routes.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type Visit, VisitTable } from './VisitTable.tsx';

const APPLIED = ['applied', 'partly', 'not_applied'] as const;

/**
 * A coach's follow-through after training: the visits in class still to make, overdue first, each
 * recorded on the spot (whether and how the teacher applies the training), and those made.
 */
export default function MyFollowThrough() {
  const { t } = useTranslation();
  const due = useApiQuery('GET /api/follow-through', { query: { status: 'due' } });
  const done = useApiQuery('GET /api/follow-through', { query: { status: 'done' } });
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <h1>{t('followThrough.title')}</h1>
      <p className="muted">{t('followThrough.intro')}</p>
      <QueryState query={due}>
        {() =>
          due.data!.items.length === 0 ? (
            <p>{t('followThrough.noneDue')}</p>
          ) : (
            <VisitTable
              visits={due.data!.items}
              caption={t('followThrough.dueCaption')}
              showCoach={false}
              action={(v) =>
                open === v.id ? (
                  <RecordVisit visit={v} today={due.data!.today} onDone={() => setOpen(null)} />
                ) : (
                  <button type="button" onClick={() => setOpen(v.id)}>
                    {t('followThrough.record')}
                  </button>
                )
              }
            />
          )
        }
      </QueryState>
      <h2>{t('followThrough.doneTitle')}</h2>
      <QueryState query={done}>
        {() =>
          done.data!.items.length === 0 ? (
            <p className="muted">{t('followThrough.noneDone')}</p>
          ) : (
            <VisitTable
              visits={done.data!.items}
              caption={t('followThrough.doneCaption')}
              showCoach={false}
              action={(v) =>
                v.cycleId ? (
                  <Link to={`/coaching/cycles/${v.cycleId}`}>{t('followThrough.openCycle')}</Link>
                ) : (
                  <Link
                    to={`/coaching?${new URLSearchParams({ plan: v.teacher.id, visit: v.id, on: v.visitedOn ?? '' })}`}
                  >
                    {t('followThrough.startCycle')}
                  </Link>
                )
              }
            />
          )
        }
      </QueryState>
      <p>
        <Link to="/coaching">{t('followThrough.toCoaching')}</Link>
      </p>
    </>
  );
}

function RecordVisit({ visit, today, onDone }: { visit: Visit; today: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [visitedOn, setVisitedOn] = useState(today);
  const [applied, setApplied] = useState<(typeof APPLIED)[number] | ''>('');
  const [how, setHow] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { act, failure, busy } = useAct([queryKey('GET /api/follow-through')]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!applied) return setProblem(t('followThrough.chooseApplied'));
    if (!how.trim()) return setProblem(t('followThrough.describeHow'));
    setProblem(null);
    if (
      await act(() =>
        call('POST /api/follow-through/:visitId/record', {
          params: { visitId: visit.id },
          body: { visitedOn, applied, how: how.trim() },
        }),
      )
    )
      onDone();
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t('followThrough.recordFor', { name: visit.teacher.name })}>
      <label>
        {t('followThrough.visitedOn')}
        <input type="date" value={visitedOn} max={today} onChange={(e) => setVisitedOn(e.target.value)} />
      </label>
      <fieldset>
        <legend>{t('followThrough.appliedQuestion')}</legend>
        {APPLIED.map((a) => (
          <label key={a} className="choice">
            <input type="radio" name={`applied-${visit.id}`} checked={applied === a} onChange={() => setApplied(a)} />
            {t(`followThrough.applied.${a}`)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('followThrough.how')}
        <textarea value={how} onChange={(e) => setHow(e.target.value)} rows={4} maxLength={4000} />
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <ErrorText error={failure} />
      <button type="submit" disabled={busy}>
        {t('followThrough.save')}
      </button>
    </form>
  );
}
