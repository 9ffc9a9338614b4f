import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiResponse, call, useApiQuery } from '../api/routes.ts';

type PolicyGoal = ApiResponse<'POST /api/policy-goals'>;

import { counted, formatNumber, languageName } from '../i18n/index.ts';
import { ErrorText, QueryState } from '../shell/ErrorText.tsx';
import { LocalText } from '../shell/LocalText.tsx';
import { inTreeOrder, type Section, sectionText, useFrameworkWrite } from './editing.ts';

type Write = ReturnType<typeof useFrameworkWrite>;

/** The master plan's policy goals, which competencies serve each, and the goals nothing serves. */
export function AlignmentSection({ section }: { section: Section }) {
  const { t } = useTranslation();
  const f = section.framework;
  const write = useFrameworkWrite(f.id);
  const alignment = useApiQuery('GET /api/frameworks/:frameworkId/alignment', { params: { frameworkId: f.id } }, {});
  const goals = useApiQuery('GET /api/policy-goals', {}, {});
  const period = (g: PolicyGoal) => (g.periodStart || g.periodEnd ? `${g.periodStart ?? ''}–${g.periodEnd ?? ''}` : '');

  return (
    <>
      <h2>{t('frameworks.alignment.title')}</h2>
      <QueryState query={alignment}>
        {() => {
          const a = alignment.data!;
          const unserved = new Set(a.unservedGoalIds);
          if (a.goals.length === 0) return <p>{t('frameworks.alignment.noGoals')}</p>;
          return (
            <>
              <p className={unserved.size ? 'warning' : 'success'} role="status">
                {t('frameworks.alignment.summary', {
                  ...counted(unserved.size),
                  total: formatNumber(a.goals.length),
                })}
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('frameworks.alignment.goal')}</th>
                    <th scope="col">{t('frameworks.alignment.period')}</th>
                    <th scope="col">{t('frameworks.alignment.servedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.goals.map((g) => (
                    <tr key={g.id} className={unserved.has(g.id) ? 'unserved' : undefined}>
                      <th scope="row">
                        <strong>{g.code}</strong> <LocalText value={sectionText(section, g.title)} />
                      </th>
                      <td>{period(g)}</td>
                      <td>
                        {unserved.has(g.id) ? (
                          <span className="tag tag-missing">{t('frameworks.alignment.unserved')}</span>
                        ) : (
                          <ul className="plain">
                            {g.items.map((i) => (
                              <li key={i.id}>
                                <strong>{i.code}</strong> <LocalText value={sectionText(section, i.title)} />
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryState>
      {write.failure ? <ErrorText error={write.failure} /> : null}
      {section.editable && goals.data && goals.data.items.length > 0 && (
        <AlignForm section={section} goals={goals.data.items} write={write} />
      )}
      {section.canWrite && <GoalForm section={section} goals={goals.data?.items ?? []} write={write} />}
    </>
  );
}

function AlignForm({ section, goals, write }: { section: Section; goals: PolicyGoal[]; write: Write }) {
  const { t } = useTranslation();
  const f = section.framework;
  const candidates = inTreeOrder(f.items).filter(({ item }) => item.type !== 'aspect');
  const [itemId, setItemId] = useState('');
  const item = f.items.find((i) => i.id === itemId);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState(false);

  function pick(id: string) {
    setItemId(id);
    setSaved(false);
    setChosen(new Set(f.items.find((i) => i.id === id)?.goalIds ?? []));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!item) return;
    const ok = await write.run(() =>
      call('PUT /api/frameworks/:frameworkId/items/:itemId/goals', {
        params: { frameworkId: f.id, itemId: item.id },
        body: { goalIds: [...chosen] },
      }),
    );
    setSaved(ok);
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <h3>{t('frameworks.alignment.alignTitle')}</h3>
      <label>
        {t('frameworks.alignment.competency')}
        <select value={itemId} onChange={(e) => pick(e.target.value)} required>
          <option value="">{t('frameworks.alignment.choose')}</option>
          {candidates.map(({ item: c }) => (
            <option key={c.id} value={c.id}>
              {c.code} {sectionText(section, c.title).text}
            </option>
          ))}
        </select>
      </label>
      {item && (
        <fieldset>
          <legend>{t('frameworks.alignment.goalsOf', { code: item.code })}</legend>
          {goals.map((g) => (
            <label key={g.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.has(g.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(g.id);
                  else next.delete(g.id);
                  setChosen(next);
                  setSaved(false);
                }}
              />{' '}
              {g.code} {sectionText(section, g.title).text}
            </label>
          ))}
        </fieldset>
      )}
      <button type="submit" disabled={!item || write.busy}>
        {t('frameworks.alignment.save')}
      </button>
      {saved && (
        <p className="success" role="status">
          {t('frameworks.alignment.saved')}
        </p>
      )}
    </form>
  );
}

/** A new goal of the master plan; goals belong to the country, not to one version. */
function GoalForm({ section, goals, write }: { section: Section; goals: PolicyGoal[]; write: Write }) {
  const { t } = useTranslation();
  const lang = section.language;
  const language = languageName(lang);
  const [code, setCode] = useState('');
  const [title, setTitle] = useState('');
  const [plan, setPlan] = useState(() => goals.find((g) => g.plan[lang])?.plan[lang] ?? '');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [open, setOpen] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await write.run(() =>
      call('POST /api/policy-goals', {
        body: {
          code,
          title: { [lang]: title },
          plan: { [lang]: plan },
          periodStart: start ? Number(start) : null,
          periodEnd: end ? Number(end) : null,
        },
      }),
    );
    if (ok) {
      setOpen(false);
      setCode('');
      setTitle('');
    }
  }

  if (!open) {
    return (
      <p>
        <button
          type="button"
          onClick={() => {
            if (!plan) setPlan(goals.find((g) => g.plan[lang])?.plan[lang] ?? '');
            setOpen(true);
          }}
        >
          {t('frameworks.goals.add')}
        </button>
      </p>
    );
  }
  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <h3>{t('frameworks.goals.add')}</h3>
      <div className="filters">
        <label>
          {t('frameworks.editor.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} required maxLength={40} />
        </label>
        <label>
          {t('frameworks.goals.start')}
          <input
            type="number"
            min={1990}
            max={2100}
            value={start}
            onChange={(e) => setStart(e.target.value)}
            inputMode="numeric"
          />
        </label>
        <label>
          {t('frameworks.goals.end')}
          <input
            type="number"
            min={1990}
            max={2100}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            inputMode="numeric"
          />
        </label>
      </div>
      <label>
        {t('frameworks.goals.goalTitle', { language })}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={2000} />
      </label>
      <label>
        {t('frameworks.goals.plan', { language })}
        <input value={plan} onChange={(e) => setPlan(e.target.value)} required maxLength={2000} />
      </label>
      <div className="inline">
        <button type="submit" disabled={write.busy}>
          {t('frameworks.goals.create')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('frameworks.editor.cancel')}
        </button>
      </div>
    </form>
  );
}
