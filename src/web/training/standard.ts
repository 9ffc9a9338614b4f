import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/routes.ts';
import { localText } from '../frameworks/text.ts';

export interface Named {
  id: string;
  code: string;
  title: string;
}

/**
 * The published standard training is aligned to: the one given, else the newest published. Gives
 * its competencies and levels in the reader's language, for filters, pickers and level names.
 */
export function useStandard(frameworkId?: string | null) {
  const { i18n } = useTranslation();
  const list = useApiQuery('GET /api/frameworks', {}, { enabled: !frameworkId });
  const newest = list.data?.items
    .filter((f) => f.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))[0]?.id;
  const id = frameworkId ?? newest;
  const detail = useApiQuery(
    'GET /api/frameworks/:frameworkId',
    { params: { frameworkId: id! } },
    { enabled: !!id, staleTime: 10 * 60_000 },
  );
  const fallback = detail.data?.languages[0] ?? 'en';
  const ofType = (type: string): Named[] =>
    (detail.data?.items ?? [])
      .filter((i) => i.type === type)
      .map((i) => ({ id: i.id, code: i.code, title: localText(i.title, i18n.language, fallback) }));
  const competencies = ofType('competency');
  const levels = (detail.data?.levels ?? []).map((l) => ({
    code: l.code,
    title: localText(l.title, i18n.language, fallback),
  }));
  return {
    frameworkId: id ?? null,
    ready: detail.isSuccess,
    error: list.error ?? detail.error,
    competencies,
    aspects: ofType('aspect'),
    levels,
    levelName: (code: string | null | undefined) => levels.find((l) => l.code === code)?.title ?? code ?? '—',
  };
}

/** The training catalogue's modules and programmes by code and title, for pickers. */
export function useTrainingChoices() {
  type Row = { id: string; code: string; displayTitle: { text: string } };
  const modules = useApiQuery('GET /api/training/modules', {});
  const programmes = useApiQuery('GET /api/training/programmes', {});
  const named = (rows?: Row[]): Named[] =>
    (rows ?? []).map((r) => ({ id: r.id, code: r.code, title: r.displayTitle.text }));
  return {
    ready: modules.isSuccess && programmes.isSuccess,
    error: modules.error ?? programmes.error,
    modules: named(modules.data?.items),
    programmes: named(programmes.data?.items),
  };
}
