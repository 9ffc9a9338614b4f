import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

export type TranslationStatus = 'missing' | 'draft' | 'review' | 'approved' | 'stale';
export const STATUSES: TranslationStatus[] = ['stale', 'missing', 'draft', 'review', 'approved'];

/** Where one text stands in one language, as a coloured word. */
export function StatusBadge({ status }: { status: TranslationStatus }) {
  const { t } = useTranslation();
  return <span className={`translation-badge translation-${status}`}>{t(`translations.status.${status}`)}</span>;
}

/** The editor of one object in one language; `key` scrolls to one of its texts. */
export function editorPath(type: string, id: string, locale: string, key?: string) {
  const path = `/translations/${encodeURIComponent(type)}/${encodeURIComponent(id)}/${encodeURIComponent(locale)}`;
  return key ? `${path}#${encodeURIComponent(unitAnchor(key))}` : path;
}

export const unitAnchor = (key: string) => `unit-${key}`;

const FIELDS = [
  'title',
  'description',
  'statement',
  'notes',
  'rubric',
  'plan',
  'summary',
  'name',
  'definition',
  'means_of_verification',
  'criteria',
  'text',
  'help',
  'choice',
  'row',
  'term',
  'note',
];

/** A text as a translator finds it: the code of what it belongs to and which of its texts, in their language. */
export function useUnitLabel() {
  const { t } = useTranslation();
  return (unit: { code: string; field: string }) =>
    [unit.code, FIELDS.includes(unit.field) ? t(`translations.field.${unit.field}`) : unit.field]
      .filter(Boolean)
      .join(' ');
}

/** After a save or an import: the overview, the queue, every editor and the standards' marks. */
export function useRefreshTranslations() {
  const client = useQueryClient();
  return () =>
    client.invalidateQueries({
      predicate: (q) =>
        typeof q.queryKey[0] === 'string' &&
        (q.queryKey[0].startsWith('GET /api/translations') || q.queryKey[0].startsWith('GET /api/frameworks')),
    });
}
