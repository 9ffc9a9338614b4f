import { useStandard, useTrainingChoices } from '../training/standard.ts';

/**
 * What a rule can name, in the reader's language: the competencies, aspects and levels of the
 * standard (the one given, else the newest published), and the training catalogue.
 */
export function useRuleCatalogue(frameworkId: string | null | undefined) {
  const standard = useStandard(frameworkId);
  const training = useTrainingChoices();
  return {
    frameworkId: standard.frameworkId,
    ready: standard.ready && training.ready,
    error: standard.error ?? training.error,
    competencies: standard.competencies,
    aspects: standard.aspects,
    levels: standard.levels,
    modules: training.modules,
    programmes: training.programmes,
  };
}

export type RuleCatalogue = ReturnType<typeof useRuleCatalogue>;
