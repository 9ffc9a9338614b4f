import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleCatalogue } from './catalogue.ts';
import type { Condition } from './types.ts';

type Leaf = Exclude<Condition, { type: 'all' | 'any' }>;
type Group = Extract<Condition, { type: 'all' | 'any' }>;
const LEAF_TYPES = ['competency', 'aspect', 'module', 'programme'] as const;
/** Groups nest this deep in the editor (the server allows a little more). */
const MAX_EDIT_DEPTH = 2;

export const isGroup = (c: Condition): c is Group => c.type === 'all' || c.type === 'any';

export function newLeaf(type: Leaf['type'], catalogue: RuleCatalogue): Leaf {
  const level = catalogue.levels[0]?.code ?? '';
  if (type === 'competency') return { type, itemId: catalogue.competencies[0]?.id ?? '', levelCode: level };
  if (type === 'aspect') return { type, itemId: catalogue.aspects[0]?.id ?? '', levelCode: level };
  if (type === 'module') return { type, moduleId: catalogue.modules[0]?.id ?? '' };
  return { type, programmeId: catalogue.programmes[0]?.id ?? '' };
}

/** The condition tree: groups combine with AND (all) or OR (any); leaves name what must hold. */
export function ConditionEditor({
  value,
  onChange,
  onRemove,
  catalogue,
  depth = 0,
}: {
  value: Condition;
  onChange: (next: Condition) => void;
  onRemove?: () => void;
  catalogue: RuleCatalogue;
  depth?: number;
}) {
  const { t } = useTranslation();
  if (!isGroup(value))
    return <LeafEditor value={value} onChange={onChange} onRemove={onRemove} catalogue={catalogue} />;
  const set = (i: number, next: Condition) =>
    onChange({ ...value, conditions: value.conditions.map((c, j) => (j === i ? next : c)) });
  const remove = (i: number) => onChange({ ...value, conditions: value.conditions.filter((_, j) => j !== i) });
  return (
    <fieldset className="condition-group">
      <legend>{depth === 0 ? t('recognition.editor.condition') : t('recognition.editor.group')}</legend>
      <label>
        {t('recognition.editor.combine')}
        <select value={value.type} onChange={(e) => onChange({ ...value, type: e.target.value as Group['type'] })}>
          <option value="all">{t('recognition.editor.all')}</option>
          <option value="any">{t('recognition.editor.any')}</option>
        </select>
      </label>
      <ol className="plain">
        {value.conditions.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place.
          <li key={i}>
            <ConditionEditor
              value={c}
              onChange={(next) => set(i, next)}
              onRemove={value.conditions.length > 1 ? () => remove(i) : undefined}
              catalogue={catalogue}
              depth={depth + 1}
            />
          </li>
        ))}
      </ol>
      <div className="inline">
        <button
          type="button"
          className="secondary"
          onClick={() => onChange({ ...value, conditions: [...value.conditions, newLeaf('competency', catalogue)] })}
        >
          {t('recognition.editor.addCondition')}
        </button>
        {depth < MAX_EDIT_DEPTH ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              onChange({
                ...value,
                conditions: [
                  ...value.conditions,
                  { type: value.type === 'all' ? 'any' : 'all', conditions: [newLeaf('competency', catalogue)] },
                ],
              })
            }
          >
            {t('recognition.editor.addGroup')}
          </button>
        ) : null}
        {onRemove ? (
          <button type="button" className="link danger" onClick={onRemove}>
            {t('recognition.editor.removeGroup')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

function LeafEditor({
  value,
  onChange,
  onRemove,
  catalogue,
}: {
  value: Leaf;
  onChange: (next: Condition) => void;
  onRemove?: (() => void) | undefined;
  catalogue: RuleCatalogue;
}) {
  const { t } = useTranslation();
  // Each select is named by its label's text alone (aria-labelledby), not by the text and the chosen option.
  const id = useId();
  const choose = (
    options: { id: string; code: string; title: string }[],
    selected: string,
    set: (id: string) => void,
    label: string,
  ) => (
    <label>
      <span id={`${id}-item`}>{label}</span>
      <select aria-labelledby={`${id}-item`} value={selected} onChange={(e) => set(e.target.value)}>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.code} {o.title}
          </option>
        ))}
      </select>
    </label>
  );
  const level = (levelCode: string, set: (code: string) => void) => (
    <label>
      <span id={`${id}-level`}>{t('recognition.editor.atLeast')}</span>
      <select aria-labelledby={`${id}-level`} value={levelCode} onChange={(e) => set(e.target.value)}>
        {catalogue.levels.map((l) => (
          <option key={l.code} value={l.code}>
            {l.title}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="inline condition-leaf">
      <label>
        <span id={`${id}-kind`}>{t('recognition.editor.kind')}</span>
        <select
          aria-labelledby={`${id}-kind`}
          value={value.type}
          onChange={(e) => onChange(newLeaf(e.target.value as Leaf['type'], catalogue))}
        >
          {LEAF_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`recognition.kind.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {value.type === 'competency' ? (
        <>
          {choose(
            catalogue.competencies,
            value.itemId,
            (itemId) => onChange({ ...value, itemId }),
            t('recognition.kind.competency'),
          )}
          {level(value.levelCode, (levelCode) => onChange({ ...value, levelCode }))}
        </>
      ) : null}
      {value.type === 'aspect' ? (
        <>
          {choose(
            catalogue.aspects,
            value.itemId,
            (itemId) => onChange({ ...value, itemId }),
            t('recognition.kind.aspect'),
          )}
          {level(value.levelCode, (levelCode) => onChange({ ...value, levelCode }))}
        </>
      ) : null}
      {value.type === 'module'
        ? choose(
            catalogue.modules,
            value.moduleId,
            (moduleId) => onChange({ ...value, moduleId }),
            t('recognition.kind.module'),
          )
        : null}
      {value.type === 'programme'
        ? choose(
            catalogue.programmes,
            value.programmeId,
            (programmeId) => onChange({ ...value, programmeId }),
            t('recognition.kind.programme'),
          )
        : null}
      {onRemove ? (
        <button type="button" className="link danger" onClick={onRemove}>
          {t('recognition.editor.remove')}
        </button>
      ) : null}
    </div>
  );
}

/** The condition in words, for readers of a rule (and for an active rule, which no longer changes). */
export function ConditionSummary({ value, catalogue }: { value: Condition; catalogue: RuleCatalogue }) {
  const { t } = useTranslation();
  const named = (list: { id: string; code: string; title: string }[], id: string) => {
    const found = list.find((o) => o.id === id);
    return found ? `${found.code} ${found.title}` : id;
  };
  const levelName = (code: string) => catalogue.levels.find((l) => l.code === code)?.title ?? code;
  if (isGroup(value))
    return (
      <>
        {t(value.type === 'all' ? 'recognition.summary.all' : 'recognition.summary.any')}
        <ul>
          {value.conditions.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place.
            <li key={i}>
              <ConditionSummary value={c} catalogue={catalogue} />
            </li>
          ))}
        </ul>
      </>
    );
  if (value.type === 'competency')
    return (
      <>
        {t('recognition.summary.competency', {
          item: named(catalogue.competencies, value.itemId),
          level: levelName(value.levelCode),
        })}
      </>
    );
  if (value.type === 'aspect')
    return (
      <>
        {t('recognition.summary.aspect', {
          item: named(catalogue.aspects, value.itemId),
          level: levelName(value.levelCode),
        })}
      </>
    );
  if (value.type === 'module')
    return <>{t('recognition.summary.module', { item: named(catalogue.modules, value.moduleId) })}</>;
  return <>{t('recognition.summary.programme', { item: named(catalogue.programmes, value.programmeId) })}</>;
}
