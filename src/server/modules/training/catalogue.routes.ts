import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as catalogue from './catalogue.service.ts';
import { trainingApi } from './training.api.ts';

const tags = ['training'];

/** Modules and programmes: read by everyone signed in, written at the top unit. */
export function catalogueRoutes(app: ZodApp) {
  route(app, trainingApi, 'GET /api/training/modules', { tags }, async (req) => ({
    items: await catalogue.listModules(req.ctx, req.query),
  }));
  route(app, trainingApi, 'POST /api/training/modules', { tags }, async (req, reply) =>
    reply.code(201).send(await catalogue.createModule(req.ctx, req.body)),
  );
  route(app, trainingApi, 'GET /api/training/modules/:id', { tags }, (req) =>
    catalogue.getModule(req.ctx, req.params.id),
  );
  route(app, trainingApi, 'PATCH /api/training/modules/:id', { tags }, (req) =>
    catalogue.updateModule(req.ctx, req.params.id, req.body),
  );
  route(app, trainingApi, 'GET /api/training/programmes', { tags }, async (req) => ({
    items: await catalogue.listProgrammes(req.ctx),
  }));
  route(app, trainingApi, 'POST /api/training/programmes', { tags }, async (req, reply) =>
    reply.code(201).send(await catalogue.createProgramme(req.ctx, req.body)),
  );
  route(app, trainingApi, 'GET /api/training/programmes/:id', { tags }, (req) =>
    catalogue.getProgramme(req.ctx, req.params.id),
  );
}
