import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { questionnairesApi } from './questionnaires.api.ts';
import * as questionnaires from './questionnaires.service.ts';

const tags = ['surveys'];

export function questionnaireRoutes(app: ZodApp) {
  route(app, questionnairesApi, 'GET /api/surveys', { tags }, (req) => questionnaires.listSurveys(req.ctx, req.query));
  route(app, questionnairesApi, 'POST /api/surveys', { tags }, async (req, reply) =>
    reply.code(201).send(await questionnaires.createSurvey(req.ctx, req.body)),
  );
  route(app, questionnairesApi, 'POST /api/surveys/from-template', { tags }, async (req, reply) =>
    reply.code(201).send(await questionnaires.createFromTemplate(req.ctx, req.body.template, req.body.code)),
  );
  route(app, questionnairesApi, 'GET /api/surveys/:surveyId', { tags }, (req) =>
    questionnaires.getSurvey(req.ctx, req.params.surveyId),
  );
  route(app, questionnairesApi, 'PUT /api/surveys/:surveyId', { tags }, (req) =>
    questionnaires.updateSurvey(req.ctx, req.params.surveyId, req.body),
  );
  route(app, questionnairesApi, 'POST /api/surveys/:surveyId/publish', { tags }, (req) =>
    questionnaires.publishSurvey(req.ctx, req.params.surveyId),
  );
  route(app, questionnairesApi, 'POST /api/surveys/:surveyId/versions', { tags }, async (req, reply) =>
    reply.code(201).send(await questionnaires.newVersion(req.ctx, req.params.surveyId)),
  );
  route(app, questionnairesApi, 'POST /api/surveys/:surveyId/retire', { tags }, (req) =>
    questionnaires.retireSurvey(req.ctx, req.params.surveyId),
  );
}
