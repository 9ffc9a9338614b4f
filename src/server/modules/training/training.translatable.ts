import { rowTexts } from '../translations/translations.kinds.ts';

export const moduleTexts = rowTexts({
  type: 'module',
  table: 'training_module',
  columns: ['title', 'summary'],
  name: 'title',
  code: 'code',
});

export const programmeTexts = rowTexts({
  type: 'programme',
  table: 'training_programme',
  columns: ['title', 'summary'],
  name: 'title',
  code: 'code',
});
