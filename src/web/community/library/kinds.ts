import type { TFunction } from 'i18next';

export const KINDS = [
  'lesson_plan',
  'activity_design',
  'case_study',
  'curriculum',
  'video',
  'link',
  'document',
] as const;
export const LICENCES = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC0-1.0',
  'all_rights_reserved',
] as const;
/** Kinds that point elsewhere (never a file), and kinds that may carry one file: as the server has them. */
export const URL_KINDS: readonly string[] = ['video', 'link'];
export const FILE_KINDS: readonly string[] = ['lesson_plan', 'case_study', 'curriculum', 'document'];

export const licenceName = (licence: string, t: TFunction) =>
  licence === 'all_rights_reserved' ? t('library.allRightsReserved') : licence;
