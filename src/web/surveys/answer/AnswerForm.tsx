import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../../api/routes.ts';
import { formatDay, i18n } from '../../i18n/index.ts';
import { ErrorText } from '../../shell/ErrorText.tsx';
import { LocalText } from '../../shell/LocalText.tsx';
import { pickText } from '../pickText.ts';
import './answer.css';

type Form = ApiResponse<'GET /api/surveys/rounds/:roundId/answer'>;
type Text = Record<string, string>;
type Value = string | number | string[] | Record<string, string> | null;
export type Answers = Record<string, Value>;
interface Choice {
  value: string;
  label: Text;
}
interface Question {
  key: string;
  type: 'single' | 'multiple' | 'likert' | 'matrix' | 'number' | 'short_text' | 'long_text' | 'date';
  text: Text;
  help?: Text;
  required: boolean;
  choices: Choice[];
  rows: Choice[];
  min?: number;
  max?: number;
  showIf?: { question: string; anyOf: string[] };
}
interface Definition {
  sections: { key: string; title: Text; questions: Question[] }[];
}

const shown = (q: Question, answers: Answers) =>
  !q.showIf ||
  (typeof answers[q.showIf.question] === 'string' && q.showIf.anyOf.includes(answers[q.showIf.question] as string));

/**
 * The answer form of a survey round, phone-first: every answer is kept as it is given (on the
 * server for an identified round, on this device for an anonymous one, which the server keeps
 * nothing of until it is sent), so someone who stops half-way comes back to where they were.
 */
export function AnswerForm({
  form,
  save,
  submit,
}: {
  form: Form;
  /** Keeps the answers given so far; null for an anonymous round (kept on the device). */
  save: ((answers: Answers) => Promise<unknown>) | null;
  submit: (answers: Answers) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const locale = i18n.language;
  const definition = form.definition as Definition;
  const deviceKey = `pathway-survey-${form.roundId}`;
  const [answers, setAnswers] = useState<Answers>(() => {
    if (save) return form.draft as Answers;
    try {
      return JSON.parse(localStorage.getItem(deviceKey) ?? '{}') as Answers;
    } catch {
      return {};
    }
  });
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'sent'>(
    form.status === 'submitted' ? 'sent' : 'idle',
  );
  const [failure, setFailure] = useState<unknown>(null);
  const pending = useRef<Answers>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  // The latest answers, so that two answers given before a re-render both count.
  const latest = useRef(answers);
  function answer(key: string, value: Value) {
    const next = { ...latest.current, [key]: value };
    latest.current = next;
    setAnswers(next);
    if (!save) {
      localStorage.setItem(deviceKey, JSON.stringify(next));
      setState('saved');
      return;
    }
    pending.current[key] = value;
    setState('saving');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const batch = pending.current;
      pending.current = {};
      try {
        await save(batch);
        setFailure(null);
        setState('saved');
      } catch (error) {
        setFailure(error);
        setState('idle');
      }
    }, 400);
  }

  async function send(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      const given = Object.fromEntries(
        definition.sections
          .flatMap((s) => s.questions)
          .filter((q) => shown(q, answers) && answers[q.key] !== undefined)
          .map((q) => [q.key, answers[q.key]!]),
      );
      await submit(given);
      localStorage.removeItem(deviceKey);
      setState('sent');
    } catch (error) {
      setFailure(error);
    }
  }

  if (state === 'sent')
    return (
      <section className="survey-answer">
        <h1>
          <LocalText value={form.title} />
        </h1>
        <p role="status">{t('surveys.answer.thanks')}</p>
      </section>
    );
  if (!form.open)
    return (
      <section className="survey-answer">
        <h1>
          <LocalText value={form.title} />
        </h1>
        <p role="status">{t('surveys.answer.notOpen', { date: formatDay(form.closesOn) })}</p>
      </section>
    );
  return (
    <form className="survey-answer" onSubmit={send} noValidate>
      <h1>
        <LocalText value={form.title} />
      </h1>
      <p className="muted">
        {t(form.anonymous ? 'surveys.answer.anonymous' : 'surveys.answer.identified')}{' '}
        {t('surveys.answer.closes', { date: formatDay(form.closesOn) })}
      </p>
      {definition.sections.map((section) => (
        <section key={section.key}>
          <h2>
            <LocalText value={pickText(section.title, locale)} />
          </h2>
          {section.questions
            .filter((q) => shown(q, answers))
            .map((q) => (
              <QuestionField
                key={q.key}
                question={q}
                value={answers[q.key] ?? null}
                locale={locale}
                onChange={(v) => answer(q.key, v)}
              />
            ))}
        </section>
      ))}
      <p role="status" className="muted save-state">
        {state === 'saving'
          ? t('surveys.answer.saving')
          : state === 'saved'
            ? t(save ? 'surveys.answer.saved' : 'surveys.answer.savedHere')
            : ''}
      </p>
      {failure ? <ErrorText error={failure} /> : null}
      <button type="submit">{t('surveys.answer.submit')}</button>
    </form>
  );
}

function QuestionField({
  question: q,
  value,
  locale,
  onChange,
}: {
  question: Question;
  value: Value;
  locale: string;
  onChange: (value: Value) => void;
}) {
  const { t } = useTranslation();
  const label = (c: Choice) => <LocalText value={pickText(c.label, locale)} />;
  const legend = (
    <legend>
      <LocalText value={pickText(q.text, locale)} />
      {q.required && <span className="required"> {t('surveys.answer.required')}</span>}
    </legend>
  );
  const help = q.help ? (
    <p className="muted">
      <LocalText value={pickText(q.help, locale)} />
    </p>
  ) : null;
  const name = `q-${q.key}`;
  switch (q.type) {
    case 'single':
    case 'likert':
      return (
        <fieldset className="question">
          {legend}
          {help}
          {q.choices.map((c) => (
            <label key={c.value} className="choice">
              <input type="radio" name={name} checked={value === c.value} onChange={() => onChange(c.value)} />
              {label(c)}
            </label>
          ))}
        </fieldset>
      );
    case 'multiple': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="question">
          {legend}
          {help}
          {q.choices.map((c) => (
            <label key={c.value} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(c.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...chosen, c.value] : chosen.filter((v) => v !== c.value))
                }
              />
              {label(c)}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'matrix': {
      const rated = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
      return (
        <fieldset className="question">
          {legend}
          {help}
          {q.rows.map((row) => (
            <fieldset key={row.value} className="matrix-row">
              <legend>{label(row)}</legend>
              {q.choices.map((c) => (
                <label key={c.value} className="choice">
                  <input
                    type="radio"
                    name={`${name}-${row.value}`}
                    checked={rated[row.value] === c.value}
                    onChange={() => onChange({ ...rated, [row.value]: c.value })}
                  />
                  {label(c)}
                </label>
              ))}
            </fieldset>
          ))}
        </fieldset>
      );
    }
    case 'number':
      return (
        <fieldset className="question">
          {legend}
          {help}
          <input
            type="number"
            inputMode="decimal"
            aria-label={pickText(q.text, locale).text}
            min={q.min}
            max={q.max}
            value={typeof value === 'number' ? value : ''}
            onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
          />
        </fieldset>
      );
    case 'date':
      return (
        <fieldset className="question">
          {legend}
          {help}
          <input
            type="date"
            aria-label={pickText(q.text, locale).text}
            value={typeof value === 'string' ? value : ''}
            onChange={(e) => onChange(e.target.value || null)}
          />
        </fieldset>
      );
    default:
      return (
        <fieldset className="question">
          {legend}
          {help}
          {q.type === 'short_text' ? (
            <input
              aria-label={pickText(q.text, locale).text}
              maxLength={300}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
            />
          ) : (
            <textarea
              aria-label={pickText(q.text, locale).text}
              rows={4}
              maxLength={4000}
              value={typeof value === 'string' ? value : ''}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </fieldset>
      );
  }
}
