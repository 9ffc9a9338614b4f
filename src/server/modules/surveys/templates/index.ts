import type { TemplateKey } from '../questionnaires.schemas.ts';
import { nationalTrainingEffectiveness } from './national_training_effectiveness.ts';
import { prePostSelfRating } from './pre_post_self_rating.ts';
import type { SurveyTemplate } from './text.ts';
import { trainingFollowUp } from './training_follow_up.ts';
import { trainingReaction } from './training_reaction.ts';

export type { SurveyTemplate } from './text.ts';

const TEMPLATES: Record<TemplateKey, SurveyTemplate> = {
  national_training_effectiveness: nationalTrainingEffectiveness,
  training_reaction: trainingReaction,
  pre_post_self_rating: prePostSelfRating,
  training_follow_up: trainingFollowUp,
};

export function surveyTemplate(key: TemplateKey): SurveyTemplate {
  return TEMPLATES[key];
}
