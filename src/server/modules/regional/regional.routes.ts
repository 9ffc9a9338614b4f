import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { systemBase } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { grant, revoke, sharingOverview } from './agreements.service.ts';
import { compareCountries } from './comparison.service.ts';
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
}
