import type { ApiMap } from '../../http/route.ts';
import { OrgUnit } from '../org/org.schemas.ts';
import {
  CreatePersonBody,
  ListPeopleQuery,
  PeoplePage,
  Person,
  PersonParams,
  UpdatePersonBody,
} from './people.schemas.ts';

export const peopleApi = {
  'GET /api/people': { querystring: ListPeopleQuery, response: { 200: PeoplePage } },
  'GET /api/people/:personId': { params: PersonParams, response: { 200: Person.extend({ orgUnit: OrgUnit }) } },
  'POST /api/people': { body: CreatePersonBody, response: { 201: Person } },
  'PATCH /api/people/:personId': { params: PersonParams, body: UpdatePersonBody, response: { 200: Person } },
} as const satisfies ApiMap;
