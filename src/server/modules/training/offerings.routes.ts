import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import * as offerings from './offerings.service.ts';
import {
  CreateOfferingBody,
  Offering,
  OfferingParams,
  OfferingQuery,
  SchedulingOptions,
  SchedulingQuery,
} from './training.schemas.ts';

const tags = ['training'];

/** Scheduling offerings, and the public schedule. */
export function offeringsRoutes(app: ZodApp) {
  app.get(
    '/api/training/scheduling-options',
    {
      schema: {
        tags,
        querystring: SchedulingQuery,
        response: { 200: SchedulingOptions },
        description:
          'Institutions you may schedule at and trainers to choose from, marked qualified for the module or programme given.',
      },
    },
    (req) => offerings.schedulingOptions(req.ctx, req.query),
  );
  app.get(
    '/api/offerings',
    { schema: { tags, querystring: OfferingQuery, response: { 200: z.object({ items: z.array(Offering) }) } } },
    async (req) => ({ items: await offerings.listOfferings(req.ctx, req.query) }),
  );
  app.post(
    '/api/offerings',
    {
      schema: {
        tags,
        body: CreateOfferingBody,
        response: { 201: Offering },
        description:
          'Needs offerings.manage at the host or in the area it serves; every trainer must hold the qualification of the module or programme (trainer_not_qualified).',
      },
    },
    async (req, reply) => reply.code(201).send(await offerings.createOffering(req.ctx, req.body)),
  );
  app.get(
    '/api/offerings/:offeringId',
    { schema: { tags, params: OfferingParams, response: { 200: Offering } } },
    (req) => offerings.getOffering(req.ctx, req.params.offeringId),
  );
}
