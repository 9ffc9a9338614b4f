import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import * as enrolments from './enrolment.service.ts';
import {
  EnrolBody,
  Enrolment,
  IdParams,
  NominateBody,
  Offering,
  OfferingParams,
  PersonParams,
} from './training.schemas.ts';

const tags = ['training'];

/** The roster, enrolling oneself, nominating others, withdrawing, and a person's enrolments. */
export function enrolmentRoutes(app: ZodApp) {
  app.get(
    '/api/offerings/:offeringId/enrolments',
    {
      schema: {
        tags,
        params: OfferingParams,
        response: { 200: z.object({ items: z.array(Enrolment) }) },
        description: 'All of it for trainers and managers; for others the people in their scope and themselves.',
      },
    },
    async (req) => ({ items: await enrolments.listEnrolments(req.ctx, req.params.offeringId) }),
  );
  app.post(
    '/api/offerings/:offeringId/enrolments',
    {
      schema: {
        tags,
        params: OfferingParams,
        body: EnrolBody,
        response: { 201: Enrolment },
        description: 'Enrols you (status enrolled, or waitlisted when full); with personId, nominates that person.',
      },
    },
    async (req, reply) => {
      const { personId } = req.body;
      const enrolment =
        personId && personId !== req.ctx.actor.personId
          ? (await enrolments.nominate(req.ctx, req.params.offeringId, [personId]))[0]!
          : await enrolments.enrol(req.ctx, req.params.offeringId);
      return reply.code(201).send(enrolment);
    },
  );
  app.post(
    '/api/offerings/:offeringId/nominations',
    {
      schema: {
        tags,
        params: OfferingParams,
        body: NominateBody,
        response: { 201: z.object({ items: z.array(Enrolment) }) },
        description: 'Enrols people in your scope in the order given; past capacity they are waitlisted.',
      },
    },
    async (req, reply) =>
      reply.code(201).send({ items: await enrolments.nominate(req.ctx, req.params.offeringId, req.body.personIds) }),
  );
  app.post(
    '/api/enrolments/:id/withdraw',
    {
      schema: {
        tags,
        params: IdParams,
        response: { 200: z.object({ withdrawn: Enrolment, promoted: Enrolment.nullable() }) },
        description: 'A freed seat goes to the first on the waitlist in the same transaction.',
      },
    },
    (req) => enrolments.withdraw(req.ctx, req.params.id),
  );
  app.get(
    '/api/people/:personId/enrolments',
    {
      schema: {
        tags,
        params: PersonParams,
        response: { 200: z.object({ items: z.array(Enrolment.extend({ offering: Offering })) }) },
      },
    },
    async (req) => ({ items: await enrolments.enrolmentsOfPerson(req.ctx, req.params.personId) }),
  );
}
