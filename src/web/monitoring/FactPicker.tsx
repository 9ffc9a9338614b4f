import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FactSpec } from '../api/types.ts';
import { useStandard, useTrainingChoices } from '../training/standard.ts';
import { FACTS } from './indicators.ts';

/** What the fact pickers choose from: the published standard's aspects, competencies and levels, and the training catalogue. */
export function useFactChoices() {
  const standard = useStandard();
  const training = useTrainingChoices();
  return {
    // Each aspect followed by its competencies (codes A1, A1.1, A1.2, A2...).
    items: [
      ...standard.aspects.map((a) => ({ ...a, type: 'aspect' })),
      ...standard.competencies.map((c) => ({ ...c, type: 'competency' })),
    ].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true })),
    levels: standard.levels,
    levelName: standard.levelName,
    modules: training.modules,
    programmes: training.programmes,
  };
}
export type FactChoices = ReturnType<typeof useFactChoices>;

/** A fact in words, for lists: "Teachers at or above Knowledge deepening in C1 (confirmed)". */
export function factText(
  t: (key: string, options?: Record<string, unknown>) => string,
  fact: FactSpec | null,
  choices: FactChoices,
) {
  if (!fact) return t('monitoring.manage.noDenominator');
  if (fact.fact === 'at_level') {
    const item = choices.items.find((i) => i.id === fact.itemId);
    return t('monitoring.manage.atLevelText', {
      level: choices.levelName(fact.levelCode),
      item: item ? `${item.code} ${item.title}` : fact.itemId,
      basis: t(`monitoring.manage.bases.${fact.basis}`),
    });
  }
  if (fact.fact === 'trained' && (fact.moduleId || fact.programmeId)) {
    const what = fact.moduleId
      ? choices.modules.find((m) => m.id === fact.moduleId)
      : choices.programmes.find((p) => p.id === fact.programmeId);
    return t('monitoring.manage.trainedIn', { what: what ? `${what.code} ${what.title}` : '—' });
  }
  if (fact.fact === 'survey_respondents')
    return t('monitoring.manage.surveyRespondentsText', { code: fact.surveyCode });
  if (fact.fact === 'survey_answered')
    return t('monitoring.manage.surveyAnsweredText', {
      code: fact.surveyCode,
      question: fact.item ? `${fact.questionKey} / ${fact.item}` : fact.questionKey,
      values: fact.values.join(', '),
    });
  return t(`monitoring.facts.${fact.fact}`);
}

/** Answer values as typed: "weekly, daily" -> ['weekly', 'daily']. */
const valuesOf = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** Chooses a fact and, where it needs them, its competency or aspect, level and basis, or its module or programme. */
export function FactPicker({
  legend,
  value,
  onChange,
  choices,
  allowNone = false,
}: {
  legend: string;
  value: FactSpec | null;
  onChange: (fact: FactSpec | null) => void;
  choices: FactChoices;
  allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const choose = (fact: string) => {
    if (fact === '') return onChange(null);
    if (fact === 'at_level')
      return onChange({
        fact: 'at_level',
        itemId: choices.items.find((i) => i.type === 'competency')?.id ?? '',
        levelCode: choices.levels[1]?.code ?? choices.levels[0]?.code ?? '',
        basis: 'confirmed',
      });
    if (fact === 'trained') return onChange({ fact: 'trained' });
    const surveyCode = value && 'surveyCode' in value ? value.surveyCode : '';
    if (fact === 'survey_respondents') return onChange({ fact, surveyCode });
    if (fact === 'survey_answered') return onChange({ fact, surveyCode, questionKey: '', values: [] });
    onChange({ fact } as FactSpec);
  };
  const training =
    value?.fact === 'trained'
      ? value.moduleId
        ? `m:${value.moduleId}`
        : value.programmeId
          ? `p:${value.programmeId}`
          : ''
      : '';
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label htmlFor={`${id}-fact`}>{t('monitoring.manage.fact')}</label>
      <select id={`${id}-fact`} value={value?.fact ?? ''} onChange={(e) => choose(e.target.value)}>
        {allowNone && <option value="">{t('monitoring.manage.noDenominator')}</option>}
        {FACTS.map((f) => (
          <option key={f} value={f}>
            {t(`monitoring.facts.${f}`)}
          </option>
        ))}
      </select>
      {value?.fact === 'at_level' && (
        <div className="row">
          <label>
            {t('monitoring.manage.item')}
            <select value={value.itemId} onChange={(e) => onChange({ ...value, itemId: e.target.value })} required>
              {choices.items.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.code} {i.title} ({t(`frameworks.type.${i.type}`)})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('monitoring.manage.level')}
            <select
              value={value.levelCode}
              onChange={(e) => onChange({ ...value, levelCode: e.target.value })}
              required
            >
              {choices.levels.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.title}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('monitoring.basis')}
            <select
              value={value.basis}
              onChange={(e) => onChange({ ...value, basis: e.target.value === 'self' ? 'self' : 'confirmed' })}
            >
              <option value="confirmed">{t('assessment.confirmed')}</option>
              <option value="self">{t('assessment.selfAssessed')}</option>
            </select>
          </label>
        </div>
      )}
      {(value?.fact === 'survey_respondents' || value?.fact === 'survey_answered') && (
        <div className="row">
          <label>
            {t('monitoring.manage.surveyCode')}
            <input
              value={value.surveyCode}
              onChange={(e) => onChange({ ...value, surveyCode: e.target.value })}
              required
              maxLength={64}
            />
          </label>
          {value.fact === 'survey_answered' && (
            <>
              <label>
                {t('monitoring.manage.questionKey')}
                <input
                  value={value.questionKey}
                  onChange={(e) => onChange({ ...value, questionKey: e.target.value.trim() })}
                  required
                  maxLength={40}
                />
              </label>
              <label>
                {t('monitoring.manage.answerValues')}
                <input
                  defaultValue={value.values.join(', ')}
                  onChange={(e) => onChange({ ...value, values: valuesOf(e.target.value) })}
                  required
                />
              </label>
              <label>
                {t('monitoring.manage.matrixRow')}
                <input
                  value={value.item ?? ''}
                  onChange={(e) => {
                    const { item: _item, ...rest } = value;
                    const item = e.target.value.trim();
                    onChange(item ? { ...rest, item } : rest);
                  }}
                  maxLength={40}
                />
              </label>
            </>
          )}
        </div>
      )}
      {value?.fact === 'trained' && (
        <label>
          {t('monitoring.manage.training')}
          <select
            value={training}
            onChange={(e) => {
              const [kind, ref] = e.target.value.split(':');
              onChange(
                kind === 'm'
                  ? { fact: 'trained', moduleId: ref }
                  : kind === 'p'
                    ? { fact: 'trained', programmeId: ref }
                    : { fact: 'trained' },
              );
            }}
          >
            <option value="">{t('monitoring.manage.anyTraining')}</option>
            <optgroup label={t('monitoring.manage.modules')}>
              {choices.modules.map((m) => (
                <option key={m.id} value={`m:${m.id}`}>
                  {m.code} {m.title}
                </option>
              ))}
            </optgroup>
            <optgroup label={t('monitoring.manage.programmes')}>
              {choices.programmes.map((p) => (
                <option key={p.id} value={`p:${p.id}`}>
                  {p.code} {p.title}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
      )}
    </fieldset>
  );
}
