import type { ApiMap } from '../../http/route.ts';
import {
  CreateSurveyBody,
  FromTemplateBody,
  ListSurveysQuery,
  SurveyDetail,
  SurveyList,
  SurveyParams,
  UpdateSurveyBody,
} from './questionnaires.schemas.ts';

export const questionnairesApi = {
  'GET /api/surveys': {
    querystring: ListSurveysQuery,
    response: { 200: SurveyList },
    description:
      'Questionnaires: the latest version of each, with its status and the share of its texts in each language. ' +
      'Managers (surveys.manage) see drafts too; everyone else the latest published version.',
  },
  'POST /api/surveys': {
    body: CreateSurveyBody,
    response: { 201: SurveyDetail },
    description: 'A new questionnaire (version 1, a draft). Codes are unique in the tenant: 409 duplicate_code.',
  },
  'POST /api/surveys/from-template': {
    body: FromTemplateBody,
    response: { 201: SurveyDetail },
    description: 'A new draft from a questionnaire shipped with Pathway, complete in every language.',
  },
  'GET /api/surveys/:surveyId': {
    params: SurveyParams,
    response: { 200: SurveyDetail },
    description: 'One version with its sections and questions. Drafts are seen only by managers.',
  },
  'PUT /api/surveys/:surveyId': {
    params: SurveyParams,
    body: UpdateSurveyBody,
    response: { 200: SurveyDetail },
    description: 'Replaces a draft. A published or retired version answers 409 survey_published.',
  },
  'POST /api/surveys/:surveyId/publish': {
    params: SurveyParams,
    response: { 200: SurveyDetail },
    description:
      'Publishes a draft once every text is given in its source language (else 422 survey_incomplete with ' +
      'the paths); the version it follows is retired, so new rounds use this one.',
  },
  'POST /api/surveys/:surveyId/versions': {
    params: SurveyParams,
    response: { 201: SurveyDetail },
    description:
      'A new draft copying a published or retired version (same family, next version); ' +
      '409 survey_draft_exists when the family has a draft already.',
  },
  'POST /api/surveys/:surveyId/retire': {
    params: SurveyParams,
    response: { 200: SurveyDetail },
    description: 'No new rounds of this version; rounds already running go on.',
  },
} as const satisfies ApiMap;

export type QuestionnairesApi = typeof questionnairesApi;
