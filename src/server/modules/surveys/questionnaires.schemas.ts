import { z } from 'zod';
import { LocaleSchema } from '../../shared/catalogues.ts';
import { LocalizedTextSchema } from '../../shared/text.ts';
import { Definition } from './surveys.definition.ts';

/** What a questionnaire is for: the evaluation level it serves, or a general or national survey. */
export const PURPOSES = ['general', 'national', 'reaction', 'pre_post', 'follow_up'] as const;
export const PurposeSchema = z.enum(PURPOSES);
export type Purpose = z.infer<typeof PurposeSchema>;

export const SURVEY_STATUSES = ['draft', 'published', 'retired'] as const;
export const SurveyStatusSchema = z.enum(SURVEY_STATUSES);
export type SurveyStatus = z.infer<typeof SurveyStatusSchema>;

/** The questionnaires shipped with Pathway (templates/), each complete in every language. */
export const TEMPLATE_KEYS = [
  'national_training_effectiveness',
  'training_reaction',
  'pre_post_self_rating',
  'training_follow_up',
] as const;
export const TemplateKeySchema = z.enum(TEMPLATE_KEYS);
export type TemplateKey = z.infer<typeof TemplateKeySchema>;

const Code = z
  .string()
  .trim()
  .min(1, 'Give the questionnaire a code.')
  .max(64, 'At most 64 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dot, dash and underscore.');

/** An optional multilingual text: empty when not given. */
const OptionalText = z.record(z.string().min(2).max(10), z.string().trim().min(1).max(2000)).default({});

const editable = {
  title: LocalizedTextSchema,
  description: OptionalText,
  sourceLocale: LocaleSchema,
  purpose: PurposeSchema,
  definition: Definition,
};

export const CreateSurveyBody = z.strictObject({ code: Code, ...editable });
export type CreateSurveyInput = z.output<typeof CreateSurveyBody>;

/** A draft's whole content; the code names the family and stays. */
export const UpdateSurveyBody = z.strictObject(editable);
export type UpdateSurveyInput = z.output<typeof UpdateSurveyBody>;

export const FromTemplateBody = z.strictObject({
  template: TemplateKeySchema,
  /** The template's own code when left out. */
  code: Code.optional(),
});

export const SurveyParams = z.strictObject({ surveyId: z.string().min(1).max(64) });

export const ListSurveysQuery = z.strictObject({
  purpose: PurposeSchema.optional(),
  status: SurveyStatusSchema.optional(),
});
export type ListSurveysQuery = z.infer<typeof ListSurveysQuery>;

const Text = z.record(z.string(), z.string());

export const SurveySummary = z.object({
  id: z.string(),
  familyId: z.string(),
  version: z.number().int(),
  code: z.string(),
  title: Text,
  description: Text,
  sourceLocale: LocaleSchema,
  purpose: PurposeSchema,
  status: SurveyStatusSchema,
  /** Share of the questionnaire's texts given in each language, 0..1. */
  completeness: z.record(z.string(), z.number()),
  questionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type SurveySummary = z.infer<typeof SurveySummary>;

export const SurveyList = z.object({ items: z.array(SurveySummary) });

export const SurveyDetail = SurveySummary.extend({
  definition: Definition,
  /** Every version of the family, newest first. */
  versions: z.array(z.object({ id: z.string(), version: z.number().int(), status: SurveyStatusSchema })),
  /** What the reader may do here. */
  canManage: z.boolean(),
});
export type SurveyDetail = z.infer<typeof SurveyDetail>;
