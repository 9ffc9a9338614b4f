import type { TFunction } from 'i18next';
import { formatNumber } from '../../i18n/index.ts';
import { placeOf } from './texts.ts';

/** 'definition.sections.1.questions.0.choices.2.label' -> "Section 2 · Question 1 · Choice 3". */
export function describePlace(t: TFunction, path: string): string {
  const p = placeOf(path);
  const parts: string[] = [];
  if (p.section !== undefined) parts.push(t('surveys.place.section', { n: formatNumber(p.section) }));
  if (p.question !== undefined) parts.push(t('surveys.place.question', { n: formatNumber(p.question) }));
  parts.push(
    p.item !== undefined ? t(`surveys.place.${p.field}`, { n: formatNumber(p.item) }) : t(`surveys.place.${p.field}`),
  );
  return parts.join(' · ');
}
