import type { FastifyRequest } from 'fastify';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { AppError } from '../../shared/errors.ts';
import * as awards from './awards.service.ts';
import { recognitionApi } from './recognition.api.ts';
import { conditionBoundsFault, MAX_CONDITIONS, MAX_DEPTH } from './rules.schemas.ts';
import * as rules from './rules.service.ts';

const tags = ['recognition'];

/** A condition too deep or too large is refused before zod, whose recursion it would overflow. */
const conditionWithinBounds = async (req: FastifyRequest) => {
  const condition = (req.body as { condition?: unknown } | null | undefined)?.condition;
  const fault = conditionBoundsFault(condition);
  if (fault === 'condition_too_deep')
    throw new AppError(fault, `Groups may nest ${MAX_DEPTH} deep at most.`, { field: 'body.condition' });
  if (fault === 'condition_too_large')
    throw new AppError(fault, `A rule may hold ${MAX_CONDITIONS} conditions at most.`, { field: 'body.condition' });
};

/** Recognition rules, their preview, and the approval queue (credentials themselves: credentials.routes.ts). */
export function recognitionRoutes(app: ZodApp) {
  route(app, recognitionApi, 'GET /api/recognition/rules', { tags }, async (req) => ({
    items: await rules.listRules(req.ctx, req.query.status),
  }));
  route(
    app,
    recognitionApi,
    'POST /api/recognition/rules',
    { tags, preValidation: conditionWithinBounds },
    async (req, reply) => reply.code(201).send(await rules.createRule(req.ctx, req.body)),
  );
  route(app, recognitionApi, 'GET /api/recognition/rules/:id', { tags }, (req) =>
    rules.getRule(req.ctx, req.params.id),
  );
  route(app, recognitionApi, 'PUT /api/recognition/rules/:id', { tags, preValidation: conditionWithinBounds }, (req) =>
    rules.updateRule(req.ctx, req.params.id, req.body),
  );
  route(app, recognitionApi, 'POST /api/recognition/rules/:id/status', { tags }, (req) =>
    rules.setStatus(req.ctx, req.params.id, req.body.status),
  );
  route(app, recognitionApi, 'POST /api/recognition/preview', { tags, preValidation: conditionWithinBounds }, (req) =>
    rules.previewDraft(req.ctx, req.body),
  );
  route(app, recognitionApi, 'GET /api/recognition/rules/:id/preview', { tags }, (req) =>
    rules.previewRule(req.ctx, req.params.id, req.query.unitId),
  );

  route(app, recognitionApi, 'GET /api/recognition/awards', { tags }, async (req) => ({
    items: await awards.listAwards(req.ctx, req.query),
  }));
  route(app, recognitionApi, 'POST /api/recognition/awards/:id/approve', { tags }, (req) =>
    awards.approve(req.ctx, req.params.id, req.body.comment),
  );
  route(app, recognitionApi, 'POST /api/recognition/awards/:id/reject', { tags }, (req) =>
    awards.reject(req.ctx, req.params.id, req.body.reason),
  );
}
