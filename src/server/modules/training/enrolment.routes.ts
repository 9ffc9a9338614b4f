import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as enrolments from './enrolment.service.ts';
import { trainingApi } from './training.api.ts';

const tags = ['training'];

/** The roster, enrolling oneself, nominating others, withdrawing, and a person's enrolments. */
export function enrolmentRoutes(app: ZodApp) {
  route(app, trainingApi, 'GET /api/offerings/:offeringId/enrolments', { tags }, async (req) => ({
    items: await enrolments.listEnrolments(req.ctx, req.params.offeringId),
  }));
  route(app, trainingApi, 'POST /api/offerings/:offeringId/enrolments', { tags }, async (req, reply) => {
    const { personId } = req.body;
    const enrolment =
      personId && personId !== req.ctx.actor.personId
        ? (await enrolments.nominate(req.ctx, req.params.offeringId, [personId]))[0]!
        : await enrolments.enrol(req.ctx, req.params.offeringId);
    return reply.code(201).send(enrolment);
  });
  route(app, trainingApi, 'POST /api/offerings/:offeringId/nominations', { tags }, async (req, reply) =>
    reply.code(201).send({ items: await enrolments.nominate(req.ctx, req.params.offeringId, req.body.personIds) }),
  );
  route(app, trainingApi, 'POST /api/enrolments/:id/withdraw', { tags }, (req) =>
    enrolments.withdraw(req.ctx, req.params.id),
  );
  route(app, trainingApi, 'GET /api/people/:personId/enrolments', { tags }, async (req) => ({
    items: await enrolments.enrolmentsOfPerson(req.ctx, req.params.personId),
  }));
}
