import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { AppError } from '../../shared/errors.ts';
import { ApproveBody, Award, AwardQuery, RejectBody } from './awards.schemas.ts';
import * as awards from './awards.service.ts';
import {
  conditionBoundsFault,
  IdParams,
  MAX_CONDITIONS,
  MAX_DEPTH,
  Preview,
  PreviewBody,
  PreviewQuery,
  Rule,
  RuleBody,
  RuleQuery,
  RuleStatusBody,
} from './rules.schemas.ts';
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
  app.get(
    '/api/recognition/rules',
    { schema: { tags, querystring: RuleQuery, response: { 200: z.object({ items: z.array(Rule) }) } } },
    async (req) => ({ items: await rules.listRules(req.ctx, req.query.status) }),
  );
  app.post(
    '/api/recognition/rules',
    { preValidation: conditionWithinBounds, schema: { tags, body: RuleBody, response: { 201: Rule } } },
    async (req, reply) => reply.code(201).send(await rules.createRule(req.ctx, req.body)),
  );
  app.get('/api/recognition/rules/:id', { schema: { tags, params: IdParams, response: { 200: Rule } } }, (req) =>
    rules.getRule(req.ctx, req.params.id),
  );
  app.put(
    '/api/recognition/rules/:id',
    {
      preValidation: conditionWithinBounds,
      schema: { tags, params: IdParams, body: RuleBody, response: { 200: Rule } },
    },
    (req) => rules.updateRule(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/api/recognition/rules/:id/status',
    { schema: { tags, params: IdParams, body: RuleStatusBody, response: { 200: Rule } } },
    (req) => rules.setStatus(req.ctx, req.params.id, req.body.status),
  );
  app.post(
    '/api/recognition/preview',
    { preValidation: conditionWithinBounds, schema: { tags, body: PreviewBody, response: { 200: Preview } } },
    (req) => rules.previewDraft(req.ctx, req.body),
  );
  app.get(
    '/api/recognition/rules/:id/preview',
    { schema: { tags, params: IdParams, querystring: PreviewQuery, response: { 200: Preview } } },
    (req) => rules.previewRule(req.ctx, req.params.id, req.query.unitId),
  );

  app.get(
    '/api/recognition/awards',
    { schema: { tags, querystring: AwardQuery, response: { 200: z.object({ items: z.array(Award) }) } } },
    async (req) => ({ items: await awards.listAwards(req.ctx, req.query) }),
  );
  app.post(
    '/api/recognition/awards/:id/approve',
    { schema: { tags, params: IdParams, body: ApproveBody, response: { 200: Award } } },
    (req) => awards.approve(req.ctx, req.params.id, req.body.comment),
  );
  app.post(
    '/api/recognition/awards/:id/reject',
    { schema: { tags, params: IdParams, body: RejectBody, response: { 200: Award } } },
    (req) => awards.reject(req.ctx, req.params.id, req.body.reason),
  );
}
