import { useTranslation } from 'react-i18next';
import { NOT_YET } from '../api/types.ts';

/** A level code as the reader says it: the level's title, "not yet", or a dash when there is none. */
export function useLevelName(levels: { code: string; title: { text: string } }[]) {
  const { t } = useTranslation();
  return (code: string | null | undefined) => {
    if (code === null || code === undefined) return '—';
    if (code === NOT_YET) return t('assessment.notYet');
    return levels.find((l) => l.code === code)?.title.text ?? code;
  };
}
