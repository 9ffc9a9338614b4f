import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { FoldSchedule } from './fold.schedule.ts';
import * as responses from './responses.service.ts';
import { roundResults } from './results.service.ts';
import { roundsApi } from './rounds.api.ts';
import * as rounds from './rounds.service.ts';

const tags = ['surveys'];
// Links are answered by people without accounts: limited per address like other public routes.
const publicLimit = { max: 120, timeWindow: '1 minute' };

export function roundRoutes(app: ZodApp, database: Database) {
  const folds = new FoldSchedule(app.log);
  app.addHook('onClose', () => folds.close());
  const submit = async (answering: responses.Answering, answers: Parameters<typeof responses.submit>[1]) => {
    const submitted = await responses.submit(answering, answers);
    folds.after(answering.ctx, answering.round.id);
    return submitted;
  };
  route(app, roundsApi, 'POST /api/surveys/:surveyId/rounds', { tags }, async (req, reply) =>
    reply.code(201).send(await rounds.createRound(req.ctx, req.params.surveyId, req.body)),
  );
  route(app, roundsApi, 'GET /api/surveys/rounds', { tags }, (req) => rounds.listRounds(req.ctx, req.query.unitId));
  route(app, roundsApi, 'GET /api/surveys/rounds/:roundId', { tags }, (req) =>
    rounds.getRound(req.ctx, req.params.roundId),
  );
  route(app, roundsApi, 'POST /api/surveys/rounds/:roundId/links', { tags }, (req) =>
    rounds.issueLinks(req.ctx, req.params.roundId, `${req.protocol}://${req.host}`),
  );
  route(app, roundsApi, 'POST /api/surveys/rounds/:roundId/remind', { tags }, (req) =>
    rounds.remind(req.ctx, req.params.roundId),
  );
  route(app, roundsApi, 'POST /api/surveys/rounds/:roundId/close', { tags }, (req) =>
    rounds.closeRound(req.ctx, req.params.roundId),
  );
  route(app, roundsApi, 'GET /api/surveys/rounds/:roundId/results', { tags }, (req) =>
    roundResults(req.ctx, req.params.roundId, req.query),
  );
  route(app, roundsApi, 'GET /api/me/surveys', { tags }, (req) => rounds.myInvitations(req.ctx));

  route(app, roundsApi, 'GET /api/surveys/rounds/:roundId/answer', { tags }, async (req) =>
    responses.form(await responses.asInvited(req.ctx, req.params.roundId)),
  );
  route(app, roundsApi, 'PUT /api/surveys/rounds/:roundId/answer', { tags }, async (req) =>
    responses.saveDraft(await responses.asInvited(req.ctx, req.params.roundId), req.body.answers),
  );
  route(app, roundsApi, 'POST /api/surveys/rounds/:roundId/answer/submit', { tags }, async (req) =>
    submit(await responses.asInvited(req.ctx, req.params.roundId), req.body.answers),
  );

  const open = { tags, config: { auth: 'public' as const, rateLimit: publicLimit } };
  route(app, roundsApi, 'GET /api/public/survey-answers/:token', open, async (req) =>
    responses.form(await responses.byToken(database, req.params.token, req.query.locale)),
  );
  route(app, roundsApi, 'PUT /api/public/survey-answers/:token', open, async (req) =>
    responses.saveDraft(await responses.byToken(database, req.params.token), req.body.answers),
  );
  route(app, roundsApi, 'POST /api/public/survey-answers/:token/submit', open, async (req) =>
    submit(await responses.byToken(database, req.params.token), req.body.answers),
  );
}
