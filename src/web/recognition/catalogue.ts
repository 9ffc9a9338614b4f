import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { FrameworkDetail, FrameworkSummary } from '../api/types.ts';
import { localText } from '../frameworks/text.ts';

interface Named {
  id: string;
  code: string;
  title: string;
}

/**
 * What a rule can name, in the reader's language: the competencies, aspects and levels of the
 * standard (the one given, else the newest published), and the training catalogue.
 */
export function useRuleCatalogue(frameworkId: string | null | undefined) {
  const { i18n } = useTranslation();
  const list = useQuery({
    queryKey: ['frameworks'],
    queryFn: () => api<{ items: FrameworkSummary[] }>('/api/frameworks'),
    enabled: !frameworkId,
  });
  const newest = list.data?.items
    .filter((f) => f.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))[0]?.id;
  const id = frameworkId ?? newest;
  const detail = useQuery({
    queryKey: ['framework', id],
    queryFn: () => api<FrameworkDetail>(`/api/frameworks/${id}`),
    enabled: !!id,
    staleTime: 10 * 60_000,
  });
  const modules = useQuery({
    queryKey: ['training-modules', ''],
    queryFn: () =>
      api<{ items: { id: string; code: string; displayTitle: { text: string } }[] }>('/api/training/modules'),
  });
  const programmes = useQuery({
    queryKey: ['training-programmes'],
    queryFn: () =>
      api<{ items: { id: string; code: string; displayTitle: { text: string } }[] }>('/api/training/programmes'),
  });
  const fallback = detail.data?.languages[0] ?? 'en';
  const items = (type: string): Named[] =>
    (detail.data?.items ?? [])
      .filter((i) => i.type === type)
      .map((i) => ({ id: i.id, code: i.code, title: localText(i.title, i18n.language, fallback) }));
  const named = (rows?: { id: string; code: string; displayTitle: { text: string } }[]): Named[] =>
    (rows ?? []).map((r) => ({ id: r.id, code: r.code, title: r.displayTitle.text }));
  return {
    frameworkId: id ?? null,
    ready: detail.isSuccess && modules.isSuccess && programmes.isSuccess,
    error: list.error ?? detail.error ?? modules.error ?? programmes.error,
    competencies: items('competency'),
    aspects: items('aspect'),
    levels: (detail.data?.levels ?? []).map((l) => ({
      code: l.code,
      title: localText(l.title, i18n.language, fallback),
    })),
    modules: named(modules.data?.items),
    programmes: named(programmes.data?.items),
  };
}

export type RuleCatalogue = ReturnType<typeof useRuleCatalogue>;
