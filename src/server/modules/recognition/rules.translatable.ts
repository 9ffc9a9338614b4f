import { rowTexts } from '../translations/translations.kinds.ts';

/** A recognition rule's texts are what its certificates and credentials say. */
export const ruleTexts = rowTexts({
  type: 'rule',
  table: 'recognition_rule',
  columns: ['name', 'description', 'criteria'],
  name: 'name',
});
