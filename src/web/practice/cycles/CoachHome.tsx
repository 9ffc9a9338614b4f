import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatDay, formatNumber } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type Coachee, call, useApiQuery } from './client.ts';
import { useStandard } from './standard.ts';
import './cycles.css';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** A coach's start: today's lessons to observe, then the teachers they coach with each one's cycle. */
export default function CoachHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const today = useApiQuery('GET /api/coaching/today', {});
  const coachees = useApiQuery('GET /api/coaching/coachees', {});
  // A follow-through visit links here to start a cycle with its teacher (`?plan=teacher&visit=id&on=day`).
  const [search] = useSearchParams();
  const fromVisit = search.get('visit') ? { id: search.get('visit')!, on: search.get('on') ?? '' } : null;
  const [planning, setPlanning] = useState<string | null>(search.get('plan'));
  const { act, failure, busy } = useAct([['GET /api/coaching/today'], ['GET /api/lesson-observations/:id']]);

  const observe = (cycleId: string) =>
    act(async () => {
      const draft = await call('POST /api/coaching-cycles/:id/observations', { params: { id: cycleId } });
      navigate(`/coaching/observations/${draft.id}`);
    });

  return (
    <>
      <h1>{t('coaching.title')}</h1>
      <p>{t('coaching.intro')}</p>
      <h2>{t('coaching.today')}</h2>
      <QueryState query={today}>
        {() =>
          today.data!.items.length === 0 ? (
            <p className="muted">{t('coaching.noneToday')}</p>
          ) : (
            <ul className="cards">
              {today.data!.items.map((lesson) => (
                <li key={lesson.cycleId} className="card">
                  <strong>{lesson.teacher.name}</strong>
                  <p className="muted">{lesson.teacher.schoolName}</p>
                  <div className="cycle-actions">
                    {lesson.observationStatus === 'submitted' ? (
                      <Link to={`/coaching/cycles/${lesson.cycleId}`}>{t('coaching.observedDone')}</Link>
                    ) : (
                      <button type="button" disabled={busy} onClick={() => void observe(lesson.cycleId)}>
                        {lesson.observationId ? t('coaching.continue') : t('coaching.observe')}
                      </button>
                    )}
                  </div>
                  {lesson.observationStatus !== 'submitted' && (
                    <Link to={`/coaching/cycles/${lesson.cycleId}`}>{t('coaching.cycle.open')}</Link>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {failure ? <ErrorText error={failure} /> : null}
      <h2>{t('coaching.coachees')}</h2>
      <QueryState query={coachees}>
        {() =>
          coachees.data!.items.length === 0 ? (
            <p className="muted">{t('coaching.noCoachees')}</p>
          ) : (
            <ul className="cards">
              {coachees.data!.items.map((c) => (
                <li key={c.teacher.id} className="card">
                  <strong>{c.teacher.name}</strong>
                  <p className="muted">
                    {c.teacher.schoolName} · {c.links.map((l) => t(`coaching.links.${l}`)).join(', ')}
                  </p>
                  {c.openCycle ? (
                    <p>
                      <Link to={`/coaching/cycles/${c.openCycle.id}`}>
                        {t(`coaching.stage.${c.openCycle.status}`)} · {formatDay(c.openCycle.lessonDate)}
                      </Link>
                    </p>
                  ) : planning === c.teacher.id ? (
                    <PlanForm
                      coachee={c}
                      fromVisit={search.get('plan') === c.teacher.id ? fromVisit : null}
                      onDone={() => setPlanning(null)}
                    />
                  ) : (
                    <div className="cycle-actions">
                      <button type="button" onClick={() => setPlanning(c.teacher.id)}>
                        {t('coaching.plan.start')}
                      </button>
                    </div>
                  )}
                  {c.cyclesDone > 0 && (
                    <p className="muted">
                      {t('coaching.cyclesDone', { count: c.cyclesDone, n: formatNumber(c.cyclesDone) })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </>
  );
}

function PlanForm({
  coachee,
  fromVisit,
  onDone,
}: {
  coachee: Coachee;
  fromVisit: { id: string; on: string } | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const standard = useStandard();
  const [lessonDate, setLessonDate] = useState(dayOf(new Date()));
  const [focus, setFocus] = useState<string[]>([]);
  const [notes, setNotes] = useState('');
  const { act, failure, busy } = useAct([
    ['GET /api/coaching/coachees'],
    ['GET /api/coaching/today'],
    ['GET /api/coaching-cycles'],
  ]);
  const latest = new Date();
  latest.setUTCMonth(latest.getUTCMonth() + 6);

  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(async () => {
      const cycle = await call('POST /api/coaching-cycles', {
        body: {
          teacherId: coachee.teacher.id,
          lessonDate,
          focusItemIds: focus,
          planNotes: notes.trim(),
          followThroughVisitId: fromVisit?.id ?? null,
        },
      });
      onDone();
      navigate(`/coaching/cycles/${cycle.id}`);
    });
  }

  return (
    <form
      className="stack"
      onSubmit={(e) => void submit(e)}
      aria-label={t('coaching.plan.title', { name: coachee.teacher.name })}
    >
      {fromVisit && <p className="muted">{t('followThrough.fromVisit', { date: formatDay(fromVisit.on) })}</p>}
      <label>
        {t('coaching.cycle.lessonDate')}
        <input
          type="date"
          required
          value={lessonDate}
          min={dayOf(new Date())}
          max={dayOf(latest)}
          onChange={(e) => setLessonDate(e.target.value)}
        />
      </label>
      <fieldset>
        <legend>{t('coaching.cycle.focus')}</legend>
        <QueryState query={standard.query}>
          {() => (
            <>
              {standard.competencies.map((c) => (
                <label key={c.itemId} className="choice">
                  <input
                    type="checkbox"
                    checked={focus.includes(c.itemId)}
                    disabled={!focus.includes(c.itemId) && focus.length >= 6}
                    onChange={(e) =>
                      setFocus(e.target.checked ? [...focus, c.itemId] : focus.filter((id) => id !== c.itemId))
                    }
                  />
                  {c.code} <LocalText value={c.title} />
                </label>
              ))}
            </>
          )}
        </QueryState>
      </fieldset>
      <label>
        {t('coaching.cycle.planNotes')}
        <textarea value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {failure ? <ErrorText error={failure} /> : null}
      <div className="cycle-actions">
        <button type="submit" disabled={busy || focus.length === 0}>
          {t('coaching.plan.save')}
        </button>
      </div>
      <button type="button" className="link" onClick={onDone}>
        {t('coaching.plan.cancel')}
      </button>
    </form>
  );
}
