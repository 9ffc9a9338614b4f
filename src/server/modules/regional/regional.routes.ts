import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { systemBase } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { grant, revoke, sharingOverview } from './agreements.service.ts';
import * as collaboration from './collaboration.service.ts';
import { compareCountries, countryTrends } from './comparison.service.ts';
import { operatorApi, regionalApi } from './regional.api.ts';
import { createTenant, listTenants } from './tenants.service.ts';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Operator routes answer only to `Authorization: Bearer <PATHWAY_OPERATOR_TOKEN>` (compared in constant
 * time, as digests, so neither the bytes nor the length leak); with no token set they are off.
 */
function requireOperator(req: FastifyRequest) {
  const token = process.env.PATHWAY_OPERATOR_TOKEN;
  if (!token) throw new AppError('operator_api_disabled', 'Set PATHWAY_OPERATOR_TOKEN to use the operator API.');
  const given = req.headers.authorization?.match(/^Bearer (\S+)$/i)?.[1] ?? '';
  if (!timingSafeEqual(digest(given), digest(token)))
    throw new AppError('not_authenticated', 'Send the operator token as Authorization: Bearer <token>.');
}

export function regionalRoutes(app: ZodApp, database: Database) {
  const operator = {
    tags: ['operator'],
    config: { auth: 'public' as const },
    onRequest: async (req: FastifyRequest) => requireOperator(req),
  };
  route(app, operatorApi, 'GET /api/operator/tenants', operator, async () => ({
    tenants: await listTenants(systemBase(database)),
  }));
  route(app, operatorApi, 'POST /api/operator/tenants', operator, async (req, reply) =>
    reply.code(201).send(await createTenant(systemBase(database), req.body)),
  );

  const tags = ['regional'];
  route(app, regionalApi, 'GET /api/data-sharing', { tags }, (req) => sharingOverview(req.ctx));
  route(app, regionalApi, 'POST /api/data-sharing', { tags }, async (req, reply) =>
    reply.code(201).send(await grant(req.ctx, req.body)),
  );
  route(app, regionalApi, 'POST /api/data-sharing/:agreementId/revoke', { tags }, (req) =>
    revoke(req.ctx, req.params.agreementId),
  );
  route(app, regionalApi, 'GET /api/regional/comparison', { tags }, (req) => compareCountries(req.ctx, req.query));
  route(app, regionalApi, 'GET /api/regional/trends', { tags }, (req) => countryTrends(req.ctx));

  route(app, regionalApi, 'GET /api/regional/activities', { tags }, (req) => collaboration.listActivities(req.ctx));
  route(app, regionalApi, 'POST /api/regional/activities', { tags }, async (req, reply) =>
    reply.code(201).send(await collaboration.createActivity(req.ctx, req.body)),
  );
  route(app, regionalApi, 'GET /api/regional/activities/:activityId', { tags }, (req) =>
    collaboration.getActivity(req.ctx, req.params.activityId),
  );
  route(app, regionalApi, 'POST /api/regional/activities/:activityId/countries', { tags }, (req) =>
    collaboration.inviteCountries(req.ctx, req.params.activityId, req.body.countryTenantIds),
  );
  route(app, regionalApi, 'POST /api/regional/activities/:activityId/participants', { tags }, (req) =>
    collaboration.nominate(req.ctx, req.params.activityId, req.body.personIds),
  );
  route(app, regionalApi, 'DELETE /api/regional/activities/:activityId/participants/:personId', { tags }, (req) =>
    collaboration.withdraw(req.ctx, req.params.activityId, req.params.personId),
  );
  route(app, regionalApi, 'PUT /api/regional/activities/:activityId/attendance', { tags }, (req) =>
    collaboration.recordAttendance(req.ctx, req.params.activityId, req.body.attendance),
  );
  route(app, regionalApi, 'GET /api/regional/activities/:activityId/posts', { tags }, (req) =>
    collaboration.listPosts(req.ctx, req.params.activityId),
  );
  route(app, regionalApi, 'POST /api/regional/activities/:activityId/posts', { tags }, async (req, reply) =>
    reply.code(201).send(await collaboration.addPost(req.ctx, req.params.activityId, req.body.body)),
  );
}
