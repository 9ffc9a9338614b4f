// The questionnaire routes through the typed route map (api/routes.ts): one name per call and query key.
import { type ApiInput, type ApiResponse, call, queryKey } from '../../api/routes.ts';

export type Detail = ApiResponse<'GET /api/surveys/:surveyId'>;
export type Summary = ApiResponse<'GET /api/surveys'>['items'][number];
export type Definition = Detail['definition'];
export type Question = Definition['sections'][number]['questions'][number];
export type UpdateInput = ApiInput<'PUT /api/surveys/:surveyId'>['body'];
export type TemplateKey = ApiInput<'POST /api/surveys/from-template'>['body']['template'];
export type Status = Detail['status'];

export const TEMPLATE_KEYS: TemplateKey[] = [
  'national_training_effectiveness',
  'training_reaction',
  'pre_post_self_rating',
  'training_follow_up',
];

export const keys = {
  all: queryKey('GET /api/surveys'),
  list: queryKey('GET /api/surveys', { query: {} }),
  one: (surveyId: string) => queryKey('GET /api/surveys/:surveyId', { params: { surveyId } }),
};

export const questionnairesClient = {
  list: () => call('GET /api/surveys', { query: {} }),
  get: (surveyId: string) => call('GET /api/surveys/:surveyId', { params: { surveyId } }),
  fromTemplate: (template: TemplateKey, code?: string) =>
    call('POST /api/surveys/from-template', { body: { template, ...(code ? { code } : {}) } }),
  update: (surveyId: string, body: UpdateInput) => call('PUT /api/surveys/:surveyId', { params: { surveyId }, body }),
  publish: (surveyId: string) => call('POST /api/surveys/:surveyId/publish', { params: { surveyId } }),
  newVersion: (surveyId: string) => call('POST /api/surveys/:surveyId/versions', { params: { surveyId } }),
  retire: (surveyId: string) => call('POST /api/surveys/:surveyId/retire', { params: { surveyId } }),
};
