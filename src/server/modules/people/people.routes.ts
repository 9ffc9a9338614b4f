import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { peopleApi } from './people.api.ts';
import * as people from './people.service.ts';

const tags = ['people'];

export function peopleRoutes(app: ZodApp) {
  route(app, peopleApi, 'GET /api/people', { tags }, (req) => people.listPeople(req.ctx, req.query));
  route(app, peopleApi, 'GET /api/people/:personId', { tags }, (req) => people.getPerson(req.ctx, req.params.personId));
  route(app, peopleApi, 'POST /api/people', { tags }, async (req, reply) =>
    reply.code(201).send(await people.createPerson(req.ctx, req.body)),
  );
  route(app, peopleApi, 'PATCH /api/people/:personId', { tags }, (req) =>
    people.updatePerson(req.ctx, req.params.personId, req.body),
  );
}
