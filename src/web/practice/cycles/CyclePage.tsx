import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { formatDay } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { NotFound } from '../../shell/Pages.tsx';
import { useAct } from '../../shell/useAct.ts';
import { CycleSteps, FocusList, ObservationSummary } from './CycleSteps.tsx';
import { type Cycle, call, useApiQuery } from './client.ts';
import './cycles.css';

const todayIso = () => new Date().toISOString().slice(0, 10);
const RELOAD = [
  ['GET /api/coaching-cycles/:id'],
  ['GET /api/coaching-cycles'],
  ['GET /api/coaching/coachees'],
  ['GET /api/coaching/today'],
];

/** One coaching cycle: plan > observe > reflect > follow-up, as its coach, its teacher or a leader sees it. */
export default function CyclePage() {
  const { cycleId } = useParams();
  const cycle = useApiQuery('GET /api/coaching-cycles/:id', { params: { id: cycleId! } });
  if (cycle.error instanceof ApiError && cycle.error.status === 404) return <NotFound />;
  return <QueryState query={cycle}>{() => <CycleView cycle={cycle.data!} />}</QueryState>;
}

export function CycleView({ cycle, heading = true }: { cycle: Cycle; heading?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const coach = cycle.viewer === 'coach';
  const { act, failure, busy } = useAct(RELOAD);
  const open = cycle.status !== 'closed';

  const observe = () =>
    act(async () => {
      const draft = await call('POST /api/coaching-cycles/:id/observations', { params: { id: cycle.id } });
      navigate(`/coaching/observations/${draft.id}`);
    });

  return (
    <article>
      {heading ? (
        <h1>{t('coaching.cycle.title', { name: cycle.teacher.name })}</h1>
      ) : (
        <h2>{t('coaching.cycle.with', { name: cycle.coach.name })}</h2>
      )}
      <p className="muted">
        {heading && (
          <>
            {t('coaching.cycle.coach')}: {cycle.coach.name} ·{' '}
          </>
        )}
        {cycle.teacher.schoolName} · {formatDay(cycle.startsOn)} – {formatDay(cycle.endsOn)}
      </p>
      <CycleSteps status={cycle.status} />

      <section>
        <h3>{t('coaching.stage.planned')}</h3>
        <dl className="facts">
          <dt>{t('coaching.cycle.lessonDate')}</dt>
          <dd>{formatDay(cycle.lessonDate)}</dd>
          {cycle.planNotes ? (
            <>
              <dt>{t('coaching.cycle.planNotes')}</dt>
              <dd>{cycle.planNotes}</dd>
            </>
          ) : null}
          {cycle.designId && (
            <>
              <dt>{t('coaching.cycle.design')}</dt>
              <dd>
                <Link to={`/designs/${cycle.designId}`}>{t('coaching.cycle.openDesign')}</Link>
              </dd>
            </>
          )}
        </dl>
        <h4>{t('coaching.cycle.focus')}</h4>
        <FocusList itemIds={cycle.focusItemIds} />
      </section>

      <section>
        <h3>{t('coaching.stage.observed')}</h3>
        {cycle.observation?.status === 'submitted' ? (
          <ObservationSummary observation={cycle.observation} />
        ) : coach && cycle.status === 'planned' ? (
          cycle.lessonDate === todayIso() ? (
            <div className="cycle-actions">
              <button type="button" disabled={busy} onClick={() => void observe()}>
                {cycle.observation ? t('coaching.continue') : t('coaching.observe')}
              </button>
            </div>
          ) : (
            <p className="muted">{t('coaching.cycle.observeOnDay', { date: formatDay(cycle.lessonDate) })}</p>
          )
        ) : (
          <p className="muted">{t('coaching.cycle.notObserved')}</p>
        )}
      </section>

      <section>
        <h3>{t('coaching.stage.reflected')}</h3>
        {cycle.reflectionHidden ? (
          <p className="muted">{t('coaching.reflect.private')}</p>
        ) : (
          <>
            {coach && open && (cycle.status === 'observed' || cycle.status === 'reflected') ? (
              <CoachReflection cycle={cycle} />
            ) : (
              <dl className="facts">
                <dt>{t('coaching.reflect.strengths')}</dt>
                <dd>{cycle.strengths ?? '—'}</dd>
                <dt>{t('coaching.reflect.nextSteps')}</dt>
                <dd>{cycle.nextSteps ?? '—'}</dd>
              </dl>
            )}
            {cycle.viewer === 'teacher' && open && cycle.status !== 'planned' ? (
              <TeacherReflection cycle={cycle} />
            ) : (
              <dl className="facts">
                <dt>{t('coaching.reflect.teacher')}</dt>
                <dd>{cycle.teacherReflection ?? '—'}</dd>
                <dt>{t('coaching.reflect.shared')}</dt>
                <dd>{cycle.reflectionShared ? t('coaching.reflect.sharedYes') : t('coaching.reflect.sharedNo')}</dd>
              </dl>
            )}
          </>
        )}
      </section>

      <section>
        <h3>{t('coaching.stage.followed_up')}</h3>
        {coach && open && (cycle.status === 'reflected' || cycle.status === 'followed_up') ? (
          <FollowUp cycle={cycle} />
        ) : (
          <dl className="facts">
            <dt>{t('coaching.follow.on')}</dt>
            <dd>{cycle.followUpOn ? formatDay(cycle.followUpOn) : '—'}</dd>
            {cycle.followUpNotes && (
              <>
                <dt>{t('coaching.follow.notes')}</dt>
                <dd>{cycle.followUpNotes}</dd>
              </>
            )}
          </dl>
        )}
      </section>

      {coach && open && (
        <div className="cycle-actions">
          <button
            type="button"
            className="secondary"
            disabled={busy}
            onClick={() => {
              if (window.confirm(t('coaching.cycle.closeConfirm')))
                void act(() => call('POST /api/coaching-cycles/:id/close', { params: { id: cycle.id } }));
            }}
          >
            {t('coaching.cycle.close')}
          </button>
        </div>
      )}
      {failure ? <ErrorText error={failure} /> : null}
      {coach && (
        <p>
          <Link to="/coaching">{t('coaching.title')}</Link>
        </p>
      )}
    </article>
  );
}

function CoachReflection({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const [strengths, setStrengths] = useState(cycle.strengths ?? '');
  const [nextSteps, setNextSteps] = useState(cycle.nextSteps ?? '');
  const { act, failure, busy } = useAct(RELOAD);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(
      await act(() =>
        call('PUT /api/coaching-cycles/:id/coach-reflection', {
          params: { id: cycle.id },
          body: { strengths: strengths.trim(), nextSteps: nextSteps.trim() },
        }),
      ),
    );
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <label>
        {t('coaching.reflect.strengths')}
        <textarea required value={strengths} maxLength={4000} onChange={(e) => setStrengths(e.target.value)} />
      </label>
      <label>
        {t('coaching.reflect.nextSteps')}
        <textarea required value={nextSteps} maxLength={4000} onChange={(e) => setNextSteps(e.target.value)} />
      </label>
      {failure ? <ErrorText error={failure} /> : null}
      {saved && <p className="success">{t('coaching.save.saved')}</p>}
      <div className="cycle-actions">
        <button type="submit" disabled={busy}>
          {t('coaching.reflect.save')}
        </button>
      </div>
    </form>
  );
}

export function TeacherReflection({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const [text, setText] = useState(cycle.teacherReflection ?? '');
  const [shared, setShared] = useState(cycle.reflectionShared);
  const { act, failure, busy } = useAct(RELOAD);
  const [saved, setSaved] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(
      await act(() =>
        call('PUT /api/coaching-cycles/:id/teacher-reflection', {
          params: { id: cycle.id },
          body: { reflection: text.trim(), shared },
        }),
      ),
    );
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <label>
        {t('coaching.reflect.mine')}
        <textarea value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={shared}
          checked={shared}
          onChange={(e) => setShared(e.target.checked)}
        />
        {t('coaching.reflect.share')}
      </label>
      <p className="muted">{t('coaching.reflect.shareHelp')}</p>
      {failure ? <ErrorText error={failure} /> : null}
      {saved && <p className="success">{t('coaching.save.saved')}</p>}
      <div className="cycle-actions">
        <button type="submit" disabled={busy}>
          {t('coaching.reflect.saveMine')}
        </button>
      </div>
    </form>
  );
}

function FollowUp({ cycle }: { cycle: Cycle }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(cycle.followUpOn ?? todayIso());
  const [notes, setNotes] = useState(cycle.followUpNotes ?? '');
  const { act, failure, busy } = useAct(RELOAD);
  async function submit(e: FormEvent) {
    e.preventDefault();
    await act(() =>
      call('PUT /api/coaching-cycles/:id/follow-up', {
        params: { id: cycle.id },
        body: { followUpOn: on, notes: notes.trim() },
      }),
    );
  }
  return (
    <form className="stack" onSubmit={(e) => void submit(e)}>
      <label>
        {t('coaching.follow.on')}
        <input type="date" required value={on} min={cycle.lessonDate} onChange={(e) => setOn(e.target.value)} />
      </label>
      <label>
        {t('coaching.follow.notes')}
        <textarea required value={notes} maxLength={4000} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {failure ? <ErrorText error={failure} /> : null}
      <div className="cycle-actions">
        <button type="submit" disabled={busy}>
          {t('coaching.follow.save')}
        </button>
      </div>
    </form>
  );
}
