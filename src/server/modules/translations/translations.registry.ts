import { frameworkTexts, goalTexts } from '../frameworks/frameworks.translatable.ts';
import { indicatorTexts } from '../monitoring/indicators.translatable.ts';
import { ruleTexts } from '../recognition/rules.translatable.ts';
import { questionnaireTexts } from '../surveys/questionnaires.translatable.ts';
import { moduleTexts, programmeTexts } from '../training/training.translatable.ts';
import { glossaryTexts } from './translations.glossary.ts';
import type { TranslatableKind } from './translations.kinds.ts';
import { resourceTexts } from './translations.resources.ts';

/** Every kind of object whose texts are translated, in the order the overview lists them. */
export const KINDS: TranslatableKind[] = [
  frameworkTexts,
  goalTexts,
  glossaryTexts,
  moduleTexts,
  programmeTexts,
  indicatorTexts,
  ruleTexts,
  questionnaireTexts,
  resourceTexts,
];
