import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, useApiQuery } from '../api/routes.ts';
import type { Plan, TrainingModule } from '../api/types.ts';
import { formatDay } from '../i18n/index.ts';
import { LocalText } from '../shell/LocalText.tsx';

type Item = Plan['items'][number];
type Draft = { moduleId: string; plannedStart: string; plannedEnd: string; note: string };

/** The plan's gaps, each with the module proposed to close it and its dates; editable while a draft. */
export function PlanItems({
  plan,
  editable,
  levelName,
  act,
  busy,
}: {
  plan: Plan;
  editable: boolean;
  levelName: (code: string | null | undefined) => string;
  act: (work: () => Promise<unknown>) => Promise<boolean>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      plan.items.map((i) => [
        i.itemId,
        {
          moduleId: i.moduleId ?? '',
          plannedStart: i.plannedStart ?? '',
          plannedEnd: i.plannedEnd ?? '',
          note: i.note ?? '',
        },
      ]),
    ),
  );
  const modules = useApiQuery('GET /api/training/modules', {}, { enabled: editable });
  const set = (itemId: string, patch: Partial<Draft>) =>
    setDrafts((d) => ({ ...d, [itemId]: { ...d[itemId]!, ...patch } }));
  // Modules that develop this competency come first in the choice; a module written against an
  // earlier version of the standard names that version's item, known here by its code.
  const develops = (m: TrainingModule, item: Item) =>
    Number(m.outcomes.some((o) => o.itemId === item.itemId || o.code === item.code));
  const choices = (item: Item) =>
    [...(modules.data?.items ?? [])].sort((a, b) => develops(b, item) - develops(a, item));

  const save = () =>
    act(() =>
      call('PUT /api/development-plans/:id/items', {
        params: { id: plan.id },
        body: {
          items: plan.items.map((i) => {
            const d = drafts[i.itemId]!;
            return {
              itemId: i.itemId,
              targetLevelCode: i.targetLevelCode,
              moduleId: d.moduleId || null,
              plannedStart: d.plannedStart || null,
              plannedEnd: d.plannedEnd || null,
              note: d.note.trim() || null,
            };
          }),
        },
      }),
    );

  return (
    <section>
      <h2>{t('training.plan.items')}</h2>
      {plan.items.length === 0 && <p className="muted">{t('training.plan.noItems')}</p>}
      <ul className="plain plan-items">
        {plan.items.map((i) => {
          const d = drafts[i.itemId]!;
          return (
            <li key={i.itemId} className="card">
              <strong>
                {i.code} <LocalText value={i.title} />
              </strong>
              <span className="muted">
                {t('training.plan.fromTo', { from: levelName(i.currentLevelCode), to: levelName(i.targetLevelCode) })}
                {i.confirmedLevelCode ? ` · ${t('assessment.confirmed')}: ${levelName(i.confirmedLevelCode)}` : ''}
              </span>
              <span>
                {i.trained && <span className="tag">{t('training.plan.isTrained')}</span>}
                {i.achieved && <span className="tag">{t('training.plan.isAchieved')}</span>}
              </span>
              {editable ? (
                <fieldset>
                  <legend>{t('training.plan.itemFor', { code: i.code })}</legend>
                  <label>
                    {t('training.schedule.module')}
                    <select value={d.moduleId} onChange={(e) => set(i.itemId, { moduleId: e.target.value })}>
                      <option value="">{t('training.plan.noModule')}</option>
                      {choices(i).map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.code} · {m.displayTitle.text}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('training.plan.start')}
                    <input
                      type="date"
                      value={d.plannedStart}
                      onChange={(e) => set(i.itemId, { plannedStart: e.target.value })}
                    />
                  </label>
                  <label>
                    {t('training.plan.end')}
                    <input
                      type="date"
                      value={d.plannedEnd}
                      onChange={(e) => set(i.itemId, { plannedEnd: e.target.value })}
                    />
                  </label>
                  <label>
                    {t('training.plan.note')}
                    <textarea
                      value={d.note}
                      maxLength={1000}
                      onChange={(e) => set(i.itemId, { note: e.target.value })}
                    />
                  </label>
                </fieldset>
              ) : (
                <span>
                  {i.moduleTitle ? <LocalText value={i.moduleTitle} /> : t('training.plan.noModule')}
                  {i.plannedStart && i.plannedEnd
                    ? ` · ${t('training.offerings.range', { start: formatDay(i.plannedStart), end: formatDay(i.plannedEnd) })}`
                    : ''}
                  {i.note ? ` — ${i.note}` : ''}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {editable && plan.items.length > 0 && (
        <button type="button" disabled={busy} onClick={() => void save()}>
          {t('training.plan.save')}
        </button>
      )}
    </section>
  );
}
