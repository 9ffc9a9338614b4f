import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { ResultsQuery, RoundResults } from './results.schemas.ts';
import {
  AnswerForm,
  AnswersBody,
  CreateRoundBody,
  InvitationLinks,
  MyInvitations,
  Reminded,
  Round,
  RoundList,
  RoundParams,
  RoundsQuery,
  Saved,
  SurveyParams,
  TokenParams,
} from './rounds.schemas.ts';

const LocaleQuery = z.strictObject({ locale: z.string().min(2).max(10).optional() });

export const roundsApi = {
  'POST /api/surveys/:surveyId/rounds': {
    params: SurveyParams,
    body: CreateRoundBody,
    response: { 201: Round },
    description: 'Sends a published questionnaire to the people of a unit (surveys.manage there): one invitation each.',
  },
  'GET /api/surveys/rounds': {
    querystring: RoundsQuery,
    response: { 200: RoundList },
    description: 'Rounds sent to units you manage surveys in, with how many answered.',
  },
  'GET /api/surveys/rounds/:roundId': { params: RoundParams, response: { 200: Round } },
  'POST /api/surveys/rounds/:roundId/links': {
    params: RoundParams,
    response: { 200: InvitationLinks },
    description:
      'New answer links for everyone who has not answered, to send to people without an account; each replaces the last.',
  },
  'POST /api/surveys/rounds/:roundId/remind': {
    params: RoundParams,
    response: { 200: Reminded },
    description: 'Reminds, through notifications, everyone with an account who has not answered.',
  },
  'POST /api/surveys/rounds/:roundId/close': { params: RoundParams, response: { 200: Round } },
  'GET /api/surveys/rounds/:roundId/results': {
    params: RoundParams,
    querystring: ResultsQuery,
    response: { 200: RoundResults },
    description: 'Results at a unit, with the units below and an optional breakdown; small groups are hidden.',
  },
  'GET /api/me/surveys': {
    response: { 200: MyInvitations },
    description: 'Surveys waiting for your answers.',
  },
  'GET /api/surveys/rounds/:roundId/answer': { params: RoundParams, response: { 200: AnswerForm } },
  'PUT /api/surveys/rounds/:roundId/answer': { params: RoundParams, body: AnswersBody, response: { 200: Saved } },
  'POST /api/surveys/rounds/:roundId/answer/submit': {
    params: RoundParams,
    body: AnswersBody,
    response: { 200: Saved },
  },
  'GET /api/public/survey-answers/:token': {
    params: TokenParams,
    querystring: LocaleQuery,
    response: { 200: AnswerForm },
    description: 'The answer form behind an invitation link (no account needed).',
  },
  'PUT /api/public/survey-answers/:token': { params: TokenParams, body: AnswersBody, response: { 200: Saved } },
  'POST /api/public/survey-answers/:token/submit': {
    params: TokenParams,
    body: AnswersBody,
    response: { 200: Saved },
  },
} satisfies ApiMap;
