import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { FrameworkDetail, FrameworkSummary } from '../api/types.ts';
import { localText } from '../frameworks/text.ts';

/**
 * The published standard training is aligned to: the one given, else the newest published. Gives
 * its competencies and levels in the reader's language, for filters, pickers and level names.
 */
export function useStandard(frameworkId?: string | null) {
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
  const fallback = detail.data?.languages[0] ?? 'en';
  const competencies = (detail.data?.items ?? [])
    .filter((i) => i.type === 'competency')
    .map((i) => ({ id: i.id, code: i.code, title: localText(i.title, i18n.language, fallback) }));
  const levels = (detail.data?.levels ?? []).map((l) => ({
    code: l.code,
    title: localText(l.title, i18n.language, fallback),
  }));
  return {
    frameworkId: id ?? null,
    competencies,
    levels,
    levelName: (code: string | null | undefined) => levels.find((l) => l.code === code)?.title ?? code ?? '—',
  };
}
