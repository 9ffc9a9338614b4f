import { rowTexts } from '../translations/translations.kinds.ts';

export const indicatorTexts = rowTexts({
  type: 'indicator',
  table: 'indicator',
  columns: ['name', 'definition', 'means_of_verification'],
  name: 'name',
  code: 'code',
});
