import type { ZodApp } from '../../http/app.ts';
import { OrgUnit } from '../org/org.schemas.ts';
import {
  CreatePersonBody,
  ListPeopleQuery,
  PeoplePage,
  Person,
  PersonParams,
  UpdatePersonBody,
} from './people.schemas.ts';
import * as people from './people.service.ts';

const tags = ['people'];

export function peopleRoutes(app: ZodApp) {
  app.get('/api/people', { schema: { tags, querystring: ListPeopleQuery, response: { 200: PeoplePage } } }, (req) =>
    people.listPeople(req.ctx, req.query),
  );

  app.get(
    '/api/people/:personId',
    { schema: { tags, params: PersonParams, response: { 200: Person.extend({ orgUnit: OrgUnit }) } } },
    (req) => people.getPerson(req.ctx, req.params.personId),
  );

  app.post('/api/people', { schema: { tags, body: CreatePersonBody, response: { 201: Person } } }, async (req, reply) =>
    reply.code(201).send(await people.createPerson(req.ctx, req.body)),
  );

  app.patch(
    '/api/people/:personId',
    { schema: { tags, params: PersonParams, body: UpdatePersonBody, response: { 200: Person } } },
    (req) => people.updatePerson(req.ctx, req.params.personId, req.body),
  );
}
