import { useApiQuery } from '../../api/routes.ts';

/** The current standard's competencies (code and title) and levels, as the self-assessment instrument gives them. */
export function useStandard() {
  const query = useApiQuery('GET /api/self-assessment/instrument', {}, { staleTime: 10 * 60_000 });
  const competencies = (query.data?.aspects ?? []).flatMap((a) => a.questions);
  return {
    query,
    frameworkId: query.data?.frameworkId,
    levels: query.data?.levels ?? [],
    competencies,
    competency: (itemId: string) => competencies.find((c) => c.itemId === itemId),
  };
}
