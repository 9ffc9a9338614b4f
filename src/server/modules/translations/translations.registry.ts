import { frameworkTexts, goalTexts } from '../frameworks/frameworks.translatable.ts';
import { indicatorTexts } from '../monitoring/indicators.translatable.ts';
import { ruleTexts } from '../recognition/rules.translatable.ts';
import * as questionnairesRepo from '../surveys/questionnaires.repo.ts';
import { questionnaireTexts } from '../surveys/questionnaires.translatable.ts';
import { moduleTexts, programmeTexts } from '../training/training.translatable.ts';
import { glossaryTexts } from './translations.glossary.ts';
import type { TranslatableKind } from './translations.kinds.ts';
import { resourceTexts } from './translations.resources.ts';
import { wordingTexts } from './translations.wording.ts';

/**
 * Questionnaires whose latest version is published (no next draft yet): what respondents answered,
 * kept as it is; the overview says they are translated in their next draft.
 */
const questionnaires: TranslatableKind = {
  ...questionnaireTexts,
  async kept({ db, tenantId }) {
    const latest = await questionnairesRepo.listLatest(db, tenantId, { withDrafts: true, status: 'published' });
    return latest.map((s) => ({ id: s.id, name: JSON.parse(s.title) }));
  },
};

/** Every kind of object whose texts are translated, in the order the overview lists them. */
export const KINDS: TranslatableKind[] = [
  frameworkTexts,
  goalTexts,
  glossaryTexts,
  moduleTexts,
  programmeTexts,
  indicatorTexts,
  ruleTexts,
  questionnaires,
  resourceTexts,
  wordingTexts,
];
