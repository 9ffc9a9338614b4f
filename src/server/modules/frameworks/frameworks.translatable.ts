import { everyLanguage } from '../../shared/catalogues.ts';
import { nowIso } from '../../shared/ids.ts';
import type { LocalizedText } from '../../shared/text.ts';
import type { TextUnit, TranslatableKind } from '../translations/translations.kinds.ts';
import * as repo from './frameworks.repo.ts';

const parse = (text: string) => JSON.parse(text) as LocalizedText;
const hasText = (text: LocalizedText) => Object.values(text).some(Boolean);
/** A version's title with its version number, in each language: what tells 1.0 from 2.0. */
const versioned = (f: { title: string; version: string }) =>
  Object.fromEntries(Object.entries(parse(f.title)).map(([l, t]) => [l, `${t} ${f.version}`]));

/** Versions still read or written; superseded and retired ones keep the texts they had. */
const LIVE = ['draft', 'in_review', 'published'];

/**
 * A version of a standard: its title and description, its levels, every item's title, statement and
 * notes (examples), and the rubric. Keys use level codes and CASE identifiers, which a new version keeps.
 */
export const frameworkTexts: TranslatableKind = {
  type: 'framework',
  async list({ db, tenantId }) {
    return (await repo.listFrameworks(db, tenantId, LIVE)).map((f) => ({
      id: f.id,
      name: versioned(f),
      languages: JSON.parse(f.languages) as string[],
    }));
  },
  async units({ db, tenantId }, id) {
    const framework = await repo.getFramework(db, tenantId, id);
    if (!framework) return null;
    const [levels, items, rubrics] = await Promise.all([
      repo.levelsOf(db, tenantId, id),
      repo.itemsOf(db, tenantId, id),
      repo.rubricsOf(db, tenantId, id),
    ]);
    const units: TextUnit[] = [
      {
        key: 'title',
        code: '',
        field: 'title',
        text: parse(framework.title),
        ref: { table: 'framework', match: { id }, column: 'title' },
      },
      {
        key: 'description',
        code: '',
        field: 'description',
        text: parse(framework.description),
        ref: { table: 'framework', match: { id }, column: 'description' },
      },
    ];
    for (const level of levels) {
      for (const column of ['title', 'description'] as const) {
        units.push({
          key: `level/${level.code}/${column}`,
          code: level.code,
          field: column,
          text: parse(level[column]),
          ref: { table: 'framework_level', match: { id: level.id }, column },
        });
      }
    }
    for (const item of items) {
      for (const column of ['title', 'statement', 'notes'] as const) {
        const text = parse(item[column]);
        if (column === 'notes' && !hasText(text)) continue;
        units.push({
          key: `item/${item.case_identifier}/${column}`,
          code: item.code,
          field: column,
          text,
          ref: { table: 'framework_item', match: { id: item.id }, column },
        });
      }
    }
    const itemOf = new Map(items.map((i) => [i.id, i]));
    const levelOf = new Map(levels.map((l) => [l.id, l]));
    const position = (itemId: string) => itemOf.get(itemId)?.position ?? 0;
    for (const rubric of [...rubrics].sort(
      (a, b) =>
        position(a.item_id) - position(b.item_id) ||
        (levelOf.get(a.level_id)?.position ?? 0) - (levelOf.get(b.level_id)?.position ?? 0),
    )) {
      const item = itemOf.get(rubric.item_id);
      const level = levelOf.get(rubric.level_id);
      if (!item || !level) continue;
      units.push({
        key: `rubric/${item.case_identifier}/${level.code}`,
        code: `${item.code} ${level.code}`,
        field: 'rubric',
        text: parse(rubric.descriptor),
        ref: {
          table: 'rubric_descriptor',
          match: { framework_id: id, item_id: item.id, level_id: level.id },
          column: 'descriptor',
        },
      });
    }
    return {
      object: { id, name: versioned(framework), languages: JSON.parse(framework.languages) as string[] },
      units,
    };
  },
  async touch({ db, tenantId }, id) {
    await repo.updateFramework(db, tenantId, id, { updated_at: nowIso() });
  },
};

const POLICY = 'policy';
const POLICY_NAME = everyLanguage('messages.names.policyGoals');

/** The ministry's policy goals and the master plan each belongs to: one object for the tenant. */
export const goalTexts: TranslatableKind = {
  type: 'goals',
  async list({ db, tenantId, locales }) {
    const goals = await repo.listGoals(db, tenantId);
    return goals.length ? [{ id: POLICY, name: POLICY_NAME, languages: locales }] : [];
  },
  async units({ db, tenantId, locales }, id) {
    const goals = id === POLICY ? await repo.listGoals(db, tenantId) : [];
    if (!goals.length) return null;
    const units: TextUnit[] = [];
    for (const goal of goals) {
      for (const column of ['title', 'plan'] as const) {
        units.push({
          key: `goal/${goal.code}/${column}`,
          code: goal.code,
          field: column,
          text: parse(goal[column]),
          ref: { table: 'policy_goal', match: { id: goal.id }, column },
        });
      }
    }
    return { object: { id, name: POLICY_NAME, languages: locales }, units };
  },
};
