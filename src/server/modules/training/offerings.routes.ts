import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as changes from './offerings.changes.ts';
import * as offerings from './offerings.service.ts';
import { trainingApi } from './training.api.ts';

const tags = ['training'];

/** Scheduling offerings, and the public schedule. */
export function offeringsRoutes(app: ZodApp) {
  route(app, trainingApi, 'GET /api/training/scheduling-options', { tags }, (req) =>
    offerings.schedulingOptions(req.ctx, req.query),
  );
  route(app, trainingApi, 'GET /api/offerings', { tags }, async (req) => ({
    items: await offerings.listOfferings(req.ctx, req.query),
  }));
  route(app, trainingApi, 'POST /api/offerings', { tags }, async (req, reply) =>
    reply.code(201).send(await offerings.createOffering(req.ctx, req.body)),
  );
  route(app, trainingApi, 'GET /api/offerings/:offeringId', { tags }, (req) =>
    offerings.getOffering(req.ctx, req.params.offeringId),
  );
  route(app, trainingApi, 'PATCH /api/offerings/:offeringId', { tags }, (req) =>
    changes.editOffering(req.ctx, req.params.offeringId, req.body),
  );
  route(app, trainingApi, 'POST /api/offerings/:offeringId/cancel', { tags }, (req) =>
    changes.cancelOffering(req.ctx, req.params.offeringId, req.body.reason),
  );
}
