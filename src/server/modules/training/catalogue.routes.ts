import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import * as catalogue from './catalogue.service.ts';
import {
  CatalogueQuery,
  CreateModuleBody,
  CreateProgrammeBody,
  IdParams,
  Programme,
  TrainingModule,
  UpdateModuleBody,
} from './training.schemas.ts';

const tags = ['training'];

/** Modules and programmes: read by everyone signed in, written at the top unit. */
export function catalogueRoutes(app: ZodApp) {
  app.get(
    '/api/training/modules',
    { schema: { tags, querystring: CatalogueQuery, response: { 200: z.object({ items: z.array(TrainingModule) }) } } },
    async (req) => ({ items: await catalogue.listModules(req.ctx, req.query) }),
  );
  app.post(
    '/api/training/modules',
    { schema: { tags, body: CreateModuleBody, response: { 201: TrainingModule } } },
    async (req, reply) => reply.code(201).send(await catalogue.createModule(req.ctx, req.body)),
  );
  app.get(
    '/api/training/modules/:id',
    { schema: { tags, params: IdParams, response: { 200: TrainingModule } } },
    (req) => catalogue.getModule(req.ctx, req.params.id),
  );
  app.patch(
    '/api/training/modules/:id',
    { schema: { tags, params: IdParams, body: UpdateModuleBody, response: { 200: TrainingModule } } },
    (req) => catalogue.updateModule(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/api/training/programmes',
    { schema: { tags, response: { 200: z.object({ items: z.array(Programme) }) } } },
    async (req) => ({ items: await catalogue.listProgrammes(req.ctx) }),
  );
  app.post(
    '/api/training/programmes',
    { schema: { tags, body: CreateProgrammeBody, response: { 201: Programme } } },
    async (req, reply) => reply.code(201).send(await catalogue.createProgramme(req.ctx, req.body)),
  );
  app.get('/api/training/programmes/:id', { schema: { tags, params: IdParams, response: { 200: Programme } } }, (req) =>
    catalogue.getProgramme(req.ctx, req.params.id),
  );
}
