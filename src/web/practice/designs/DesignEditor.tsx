import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { formatNumber, LANGUAGES, languageName } from '../../i18n/index.ts';
import { ErrorText, QueryState } from '../../shell/ErrorText.tsx';
import { NotAllowed } from '../../shell/Pages.tsx';
import { useAct } from '../../shell/useAct.ts';
import { type Content, type Detail, designsClient, keys, type ReviseInput, type Standard } from './api.ts';
import './designs.css';

const GROUPINGS = ['individual', 'pairs', 'small_groups', 'whole_class', 'mixed'] as const;

export default function DesignEditor() {
  const { designId = '' } = useParams();
  const design = useQuery({ queryKey: keys.one(designId), queryFn: () => designsClient.get(designId) });
  const standard = useQuery({ queryKey: keys.standard, queryFn: designsClient.standard });
  return (
    <QueryState query={design}>
      {() =>
        design.data!.canEdit ? (
          <QueryState query={standard}>
            {() => <Editor key={design.data!.currentVersion} design={design.data!} standard={standard.data!} />}
          </QueryState>
        ) : (
          <NotAllowed />
        )
      }
    </QueryState>
  );
}

function Editor({ design: d, standard: s }: { design: Detail; standard: Standard }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const fromCurrent = d.current.frameworkCurrent;
  const [form, setForm] = useState<Omit<ReviseInput, 'content'> & { content: Content }>(() => ({
    baseVersion: d.currentVersion,
    title: d.title,
    subject: d.subject,
    grade: d.grade,
    language: d.language,
    coAuthorPersonId: d.coAuthor?.id ?? null,
    content: d.current.content,
    // Alignments to a superseded standard are not carried: the teacher aligns again to the current one.
    competencies: fromCurrent ? d.current.competencies.map(({ itemId, levelCode }) => ({ itemId, levelCode })) : [],
  }));
  const { act, failure, busy } = useAct([keys.all, keys.one(d.id)]);
  const content = form.content;
  const setContent = (patch: Partial<Content>) => setForm({ ...form, content: { ...content, ...patch } });
  const total = content.steps.reduce((sum, step) => sum + (Number(step.minutes) || 0), 0);
  const stale = failure instanceof ApiError && failure.code === 'conflict';

  return (
    <form
      className="designs design-editor"
      onSubmit={async (e) => {
        e.preventDefault();
        if (await act(() => designsClient.revise(d.id, form))) navigate(`/designs/${d.id}`);
      }}
    >
      <h1>{t('designs.editTitle', { n: d.currentVersion + 1 })}</h1>
      <p className="muted">
        <Link to={`/designs/${d.id}`}>{t('designs.backToDesign')}</Link>
      </p>
      {!fromCurrent && <p className="warning">{t('designs.standardChanged')}</p>}
      <section className="panel">
        <label>
          {t('designs.titleField')}
          <input
            required
            maxLength={200}
            value={form.title}
            onChange={(e) => setForm({ ...form, title: e.target.value })}
          />
        </label>
        <div className="design-row">
          <label>
            {t('designs.subject')}
            <input
              required
              maxLength={100}
              value={form.subject}
              onChange={(e) => setForm({ ...form, subject: e.target.value })}
            />
          </label>
          <label>
            {t('designs.grade')}
            <input
              required
              maxLength={32}
              value={form.grade}
              onChange={(e) => setForm({ ...form, grade: e.target.value })}
            />
          </label>
          <label>
            {t('designs.language')}
            <select
              value={form.language}
              onChange={(e) => setForm({ ...form, language: e.target.value as typeof form.language })}
            >
              {LANGUAGES.map((l) => (
                <option key={l.code} value={l.code}>
                  {languageName(l.code)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </section>
      <section className="panel">
        <h2>{t('designs.objectives')}</h2>
        <TextList
          values={content.objectives}
          max={10}
          maxLength={500}
          label={t('designs.objective')}
          onChange={(objectives) => setContent({ objectives })}
        />
      </section>
      <section className="panel">
        <h2>{t('designs.studentActivity')}</h2>
        <label>
          {t('designs.studentActivityHint')}
          <textarea
            rows={5}
            maxLength={4000}
            value={content.studentActivity}
            onChange={(e) => setContent({ studentActivity: e.target.value })}
          />
        </label>
        <h3>{t('designs.ict')}</h3>
        <TextList
          values={content.ict}
          max={20}
          maxLength={200}
          label={t('designs.ictItem')}
          onChange={(ict) => setContent({ ict })}
        />
        <label>
          {t('designs.grouping')}
          <select
            value={content.grouping}
            onChange={(e) => setContent({ grouping: e.target.value as Content['grouping'] })}
          >
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {t(`designs.groupings.${g}`)}
              </option>
            ))}
          </select>
        </label>
      </section>
      <section className="panel">
        <h2>{t('designs.steps')}</h2>
        <p className="muted">{t('designs.totalMinutes', { n: formatNumber(total) })}</p>
        <ol className="design-steps">
          {content.steps.map((step, i) => {
            const setStep = (patch: Partial<typeof step>) =>
              setContent({ steps: content.steps.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps have no identity of their own.
              <li key={i}>
                <div className="design-row">
                  <label className="grow">
                    {t('designs.stepTitle')}
                    <input
                      required
                      maxLength={200}
                      value={step.title}
                      onChange={(e) => setStep({ title: e.target.value })}
                    />
                  </label>
                  <label className="minutes">
                    {t('designs.minutes')}
                    <input
                      type="number"
                      inputMode="numeric"
                      required
                      min={1}
                      max={600}
                      value={step.minutes}
                      onChange={(e) => setStep({ minutes: Number(e.target.value) })}
                    />
                  </label>
                </div>
                <label>
                  {t('designs.stepDescription')}
                  <textarea
                    rows={2}
                    maxLength={2000}
                    value={step.description}
                    onChange={(e) => setStep({ description: e.target.value })}
                  />
                </label>
                <div className="item-actions">
                  <button
                    type="button"
                    disabled={i === 0}
                    onClick={() => {
                      const steps = [...content.steps];
                      [steps[i - 1], steps[i]] = [steps[i]!, steps[i - 1]!];
                      setContent({ steps });
                    }}
                  >
                    {t('designs.moveUp')}
                  </button>
                  <button type="button" onClick={() => setContent({ steps: content.steps.filter((_, j) => j !== i) })}>
                    {t('designs.remove')}
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
        {content.steps.length < 30 && (
          <button
            type="button"
            onClick={() => setContent({ steps: [...content.steps, { title: '', description: '', minutes: 10 }] })}
          >
            {t('designs.addStep')}
          </button>
        )}
      </section>
      <section className="panel">
        <h2>{t('designs.assessment')}</h2>
        <label>
          {t('designs.assessmentHint')}
          <textarea
            rows={4}
            maxLength={4000}
            value={content.assessment}
            onChange={(e) => setContent({ assessment: e.target.value })}
          />
        </label>
        <h3>{t('designs.resources')}</h3>
        <TextList
          values={content.resources}
          max={20}
          maxLength={500}
          label={t('designs.resource')}
          onChange={(resources) => setContent({ resources })}
        />
      </section>
      <section className="panel">
        <h2>{t('designs.competencies')}</h2>
        <ul className="design-competencies">
          {(form.competencies ?? []).map((c, i) => (
            <li key={c.itemId}>
              <label className="grow">
                {t('designs.competency')}
                <select
                  value={c.itemId}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      competencies: form.competencies!.map((x, j) => (j === i ? { ...x, itemId: e.target.value } : x)),
                    })
                  }
                >
                  {s.competencies
                    .filter((o) => o.id === c.itemId || !form.competencies!.some((x) => x.itemId === o.id))
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.code} {o.title}
                      </option>
                    ))}
                </select>
              </label>
              <label>
                {t('designs.level')}
                <select
                  value={c.levelCode}
                  onChange={(e) =>
                    setForm({
                      ...form,
                      competencies: form.competencies!.map((x, j) =>
                        j === i ? { ...x, levelCode: e.target.value } : x,
                      ),
                    })
                  }
                >
                  {s.levels.map((l) => (
                    <option key={l.code} value={l.code}>
                      {l.title}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                onClick={() => setForm({ ...form, competencies: form.competencies!.filter((_, j) => j !== i) })}
              >
                {t('designs.remove')}
              </button>
            </li>
          ))}
        </ul>
        {(form.competencies?.length ?? 0) < 20 && (
          <button
            type="button"
            onClick={() => {
              const free = s.competencies.find((o) => !form.competencies!.some((x) => x.itemId === o.id));
              if (free && s.levels[0])
                setForm({
                  ...form,
                  competencies: [...form.competencies!, { itemId: free.id, levelCode: s.levels[0].code }],
                });
            }}
          >
            {t('designs.addCompetency')}
          </button>
        )}
      </section>
      {stale ? (
        <p className="error" role="alert">
          {t('designs.stale')} <Link to={`/designs/${d.id}`}>{t('designs.backToDesign')}</Link>
        </p>
      ) : failure ? (
        <ErrorText error={failure} />
      ) : null}
      <div className="design-save">
        <button type="submit" disabled={busy}>
          {t('designs.save')}
        </button>
      </div>
    </form>
  );
}

function TextList({
  values,
  max,
  maxLength,
  label,
  onChange,
}: {
  values: string[];
  max: number;
  maxLength: number;
  label: string;
  onChange: (values: string[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <ul className="design-text-list">
        {values.map((value, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are plain text without identity.
          <li key={i}>
            {maxLength > 200 ? (
              <label className="grow">
                <span className="visually-hidden">
                  {label} {i + 1}
                </span>
                <textarea
                  required
                  rows={2}
                  maxLength={maxLength}
                  value={value}
                  onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
                />
              </label>
            ) : (
              <label className="grow">
                <span className="visually-hidden">
                  {label} {i + 1}
                </span>
                <input
                  required
                  maxLength={maxLength}
                  value={value}
                  onChange={(e) => onChange(values.map((v, j) => (j === i ? e.target.value : v)))}
                />
              </label>
            )}
            <button
              type="button"
              aria-label={`${t('designs.remove')}: ${label} ${i + 1}`}
              onClick={() => onChange(values.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {values.length < max && (
        <button type="button" className="secondary" onClick={() => onChange([...values, ''])}>
          + {label}
        </button>
      )}
    </>
  );
}
