import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type ApiResponse, call, queryKey, useApiQuery } from '../api/routes.ts';
import { counted, formatDate, formatNumber } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';

type Current = ApiResponse<'GET /api/self-assessment'>;
type Version = ApiResponse<'GET /api/frameworks'>['items'][number];

/**
 * The version the teacher's self-assessment runs on: the current one, unless one begun on the
 * version it replaced is still open. That one finishes on its own version (the server carries its
 * ratings into the current one on submission), so the page shows that version's questions and says so.
 */
function useVersionInProgress() {
  const current = useApiQuery('GET /api/self-assessment/instrument', {});
  const versions = useApiQuery('GET /api/frameworks', {});
  const currentId = current.data?.frameworkId;
  const lineage = versions.data?.items.find((v) => v.id === currentId)?.lineageId;
  const replaced: Version | undefined = versions.data?.items
    .filter((v) => v.lineageId === lineage && v.status === 'superseded')
    .sort((a, b) => (b.supersededAt ?? '').localeCompare(a.supersededAt ?? ''))[0];
  const earlier = useApiQuery(
    'GET /api/self-assessment',
    { query: { frameworkId: replaced?.id } },
    { enabled: !!replaced },
  );
  const open = earlier.data?.selfAssessment?.status === 'in_progress' ? replaced : undefined;
  const earlierInstrument = useApiQuery(
    'GET /api/self-assessment/instrument',
    { query: { frameworkId: open?.id } },
    { enabled: !!open },
  );
  // Were the earlier version's questions refused, the teacher still has the current version's.
  const finishing = open && earlierInstrument.data ? { version: open, instrument: earlierInstrument } : null;
  return {
    current,
    finishing,
    /** Until it is known whether an earlier self-assessment is open, the page waits instead of offering a new one. */
    deciding:
      current.isPending ||
      (versions.isPending && !versions.error) ||
      (!!replaced && earlier.isPending) ||
      (!!open && earlierInstrument.isPending),
  };
}

const PHONE = '(max-width: 600px)';

/** Whether the screen is a phone's: there the questions come one aspect at a time. */
function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(PHONE).matches);
  useEffect(() => {
    const query = window.matchMedia(PHONE);
    const change = () => setPhone(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, []);
  return phone;
}

/**
 * A teacher's self-assessment: one question per competency, answered in any order. Every answer is
 * saved as it is given, so closing the browser loses nothing; submitting puts it in the ledger. On a
 * phone the aspects come one per screen ("Aspect 2 of 6"), opening at the first with a question left.
 */
export default function SelfAssessmentPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const version = useVersionInProgress();
  const instrument = version.finishing?.instrument ?? version.current;
  const input = version.finishing ? { query: { frameworkId: version.finishing.version.id } } : {};
  const currentKey = queryKey('GET /api/self-assessment', input);
  const current = useApiQuery('GET /api/self-assessment', input, { enabled: !version.deciding });
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(0);
  const [failure, setFailure] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const pending = useRef(Promise.resolve());
  const phone = usePhone();
  /** The aspect shown on a phone; until the teacher moves, the first with a question left. */
  const [step, setStep] = useState<number | null>(null);
  const top = useRef<HTMLDivElement>(null);
  function goTo(index: number) {
    setStep(index);
    top.current?.scrollIntoView({ block: 'start' });
  }

  const open = current.data?.selfAssessment?.status === 'in_progress' ? current.data.selfAssessment : null;

  async function start() {
    setFailure(null);
    try {
      const started = await call('POST /api/self-assessments', {
        body: { frameworkId: instrument.data!.frameworkId },
      });
      setAnswers({});
      client.setQueryData<Current>(currentKey, { selfAssessment: started });
    } catch (error) {
      setFailure(error);
    }
  }

  function answer(itemId: string, value: string, aspectIndex: number) {
    setStep((s) => s ?? aspectIndex);
    setAnswers((a) => ({ ...a, [itemId]: value }));
    setMissing((m) => m.filter((id) => id !== itemId));
    setSaving((n) => n + 1);
    // Saves run one after another, so a slow network cannot reorder them.
    pending.current = pending.current.then(async () => {
      try {
        const saved = await call('PATCH /api/self-assessments/:id', {
          params: { id: open!.id },
          body: { answers: { [itemId]: value } },
        });
        client.setQueryData<Current>(currentKey, { selfAssessment: saved });
        setFailure(null);
      } catch (error) {
        setFailure(error);
      } finally {
        setSaving((n) => n - 1);
      }
    });
  }

  async function submit() {
    setFailure(null);
    await pending.current;
    try {
      await call('POST /api/self-assessments/:id/submit', { params: { id: open!.id } });
      await client.invalidateQueries({ queryKey: ['GET /api/self-assessment'] });
      await client.invalidateQueries({ queryKey: ['GET /api/people/:personId/feedback'] });
      navigate('/my-results');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'self_assessment_incomplete') {
        const ids = (error.details.missing as { itemId: string }[]).map((m) => m.itemId);
        setMissing(ids);
        const first = instrument.data!.aspects.findIndex((a) => a.questions.some((q) => ids.includes(q.itemId)));
        if (first >= 0) setStep(first);
      }
      setFailure(error);
    }
  }

  return (
    <QueryState
      query={{
        isPending: version.deciding || instrument.isPending || current.isPending,
        error: instrument.error ?? current.error,
      }}
    >
      {() => {
        const ins = instrument.data!;
        const saved = open?.answers ?? {};
        const given = { ...saved, ...answers };
        const questions = ins.aspects.flatMap((a) => a.questions);
        const answered = questions.filter((q) => given[q.itemId] !== undefined).length;
        const last = current.data!.selfAssessment;
        const firstOpen = ins.aspects.findIndex((a) => a.questions.some((q) => given[q.itemId] === undefined));
        const shown = Math.min(step ?? Math.max(0, firstOpen), ins.aspects.length - 1);
        const aspects = phone ? [ins.aspects[shown]!] : ins.aspects;
        const onLast = shown === ins.aspects.length - 1;
        return (
          <div className="self-assessment">
            <h1>{t('assessment.self.title')}</h1>
            <p className="muted">
              <LocalText value={ins.title} /> · {t('frameworks.version', { version: ins.version })}
            </p>
            {version.finishing && version.current.data && (
              <p className="notice">
                {t('assessment.self.finishesOnEarlierVersion', {
                  version: ins.version,
                  current: version.current.data.version,
                })}
              </p>
            )}
            <details className="glossary">
              <summary>{t('assessment.self.glossary')}</summary>
              <dl>
                {ins.levels.map((l) => (
                  <div key={l.code}>
                    <dt>
                      <LocalText value={l.title} />
                    </dt>
                    <dd>
                      <LocalText value={l.description} />
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
            {!open && (
              <div className="panel">
                {last?.status === 'submitted' && (
                  <p>
                    {t('assessment.self.lastSubmitted', { date: formatDate(last.submittedAt!) })}{' '}
                    <Link to="/my-results">{t('assessment.self.seeResults')}</Link>
                  </p>
                )}
                <p>{t('assessment.self.intro', counted(questions.length))}</p>
                <button type="button" onClick={() => void start()}>
                  {last ? t('assessment.self.startAgain') : t('assessment.self.start')}
                </button>
              </div>
            )}
            {failure ? <ErrorText error={failure} /> : null}
            {open && (
              <>
                <div className="progress-line" aria-live="polite">
                  <progress max={questions.length} value={answered} aria-label={t('assessment.self.progress')} />
                  <span>
                    {t('assessment.self.answered', { ...counted(answered), total: counted(questions.length).n })}
                    {' · '}
                    {saving > 0 ? t('assessment.self.saving') : t('assessment.self.saved')}
                  </span>
                </div>
                {phone && (
                  <div className="aspect-step" ref={top}>
                    <p className="aspect-progress" aria-live="polite">
                      {t('assessment.self.aspectOf', {
                        n: formatNumber(shown + 1),
                        total: formatNumber(ins.aspects.length),
                      })}
                    </p>
                    <progress max={ins.aspects.length} value={shown + 1} aria-hidden="true" />
                  </div>
                )}
                {aspects.map((aspect) => (
                  <section key={aspect.id} className="aspect">
                    <h2>
                      {aspect.code} <LocalText value={aspect.title} />
                    </h2>
                    {aspect.questions.map((q) => (
                      <fieldset
                        key={q.itemId}
                        id={`q-${q.itemId}`}
                        className={missing.includes(q.itemId) ? 'question missing' : 'question'}
                      >
                        <legend>
                          <strong>{q.code}</strong> <LocalText value={q.title} />
                        </legend>
                        <p className="statement">
                          <LocalText value={q.statement} />
                        </p>
                        {q.example && (
                          <details>
                            <summary>{t('assessment.self.example')}</summary>
                            <LocalText value={q.example} />
                          </details>
                        )}
                        {q.options.map((o) => {
                          const level = ins.levels.find((l) => l.code === o.levelCode);
                          return (
                            <label key={o.value} className="option">
                              <input
                                type="radio"
                                name={q.itemId}
                                value={o.value}
                                checked={given[q.itemId] === o.value}
                                onChange={() => answer(q.itemId, o.value, ins.aspects.indexOf(aspect))}
                              />
                              <span>
                                <strong>{level ? <LocalText value={level.title} /> : t('assessment.notYet')}</strong>
                                {': '}
                                {o.descriptor ? <LocalText value={o.descriptor} /> : t('assessment.notYetText')}
                              </span>
                            </label>
                          );
                        })}
                      </fieldset>
                    ))}
                  </section>
                ))}
                {phone && (
                  <div className="inline aspect-nav">
                    {shown > 0 && (
                      <button type="button" className="secondary" onClick={() => goTo(shown - 1)}>
                        {t('assessment.self.previous')}
                      </button>
                    )}
                    {!onLast && (
                      <button type="button" onClick={() => goTo(shown + 1)}>
                        {t('assessment.self.next')}
                      </button>
                    )}
                  </div>
                )}
                {missing.length > 0 && (
                  <p className="error" role="alert">
                    {t('assessment.self.missing', counted(missing.length))}{' '}
                    <a
                      href={`#q-${missing[0]}`}
                      onClick={() => {
                        const index = ins.aspects.findIndex((a) => a.questions.some((q) => q.itemId === missing[0]));
                        if (phone && index >= 0) setStep(index);
                      }}
                    >
                      {t('assessment.self.goToFirst')}
                    </a>
                  </p>
                )}
                {(!phone || onLast || answered === questions.length) && (
                  <button type="button" onClick={() => void submit()}>
                    {t('assessment.self.submit')}
                  </button>
                )}
                <p className="muted">{t('assessment.self.resumeHint')}</p>
              </>
            )}
          </div>
        );
      }}
    </QueryState>
  );
}
