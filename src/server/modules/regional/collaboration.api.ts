import type { ApiMap } from '../../http/route.ts';
import {
  ActivityDetail,
  ActivityList,
  ActivityParams,
  AttendanceBody,
  CreateActivityBody,
  InviteCountriesBody,
  NominateBody,
  ParticipantParams,
  Post,
  PostBody,
  PostList,
} from './collaboration.schemas.ts';

/** Regional collaboration: part of `regionalApi` (regional.api.ts), so the web client's route map has it. */
export const collaborationApi = {
  'GET /api/regional/activities': {
    response: { 200: ActivityList },
    description:
      "For the regional office: its seminars, trainings and projects. For a country's ministry: those its country " +
      'is invited to. For anyone else: those they were nominated to (none: an empty list).',
  },
  'POST /api/regional/activities': {
    body: CreateActivityBody,
    response: { 201: ActivityDetail },
    description:
      'The regional office creates a seminar, training or international project, inviting countries at once.',
  },
  'GET /api/regional/activities/:activityId': {
    params: ActivityParams,
    response: { 200: ActivityDetail },
    description:
      'One activity: the countries invited and their participants (name, school and country only); a ministry not ' +
      'on the list sees its own people. 404 for a country not invited and a person not nominated.',
  },
  'POST /api/regional/activities/:activityId/countries': {
    params: ActivityParams,
    body: InviteCountriesBody,
    response: { 200: ActivityDetail },
    description: 'The office invites more countries (tenants of kind country); one already invited is kept.',
  },
  'POST /api/regional/activities/:activityId/participants': {
    params: ActivityParams,
    body: NominateBody,
    response: { 200: ActivityDetail },
    description:
      "An invited country's ministry nominates people it can read; their name and school go to the office, and " +
      'each is told in their inbox (regional_nominated).',
  },
  'DELETE /api/regional/activities/:activityId/participants/:personId': {
    params: ParticipantParams,
    response: { 200: ActivityDetail },
    description: 'The ministry withdraws one of its own people; their posts stay.',
  },
  'PUT /api/regional/activities/:activityId/attendance': {
    params: ActivityParams,
    body: AttendanceBody,
    response: { 200: ActivityDetail },
    description: 'The office records who attended a seminar or training (409 activity_is_project for a project).',
  },
  'GET /api/regional/activities/:activityId/posts': {
    params: ActivityParams,
    response: { 200: PostList },
    description: 'The discussion, oldest first: for the office and the participants.',
  },
  'POST /api/regional/activities/:activityId/posts': {
    params: ActivityParams,
    body: PostBody,
    response: { 201: Post },
    description: 'Adds a post under the author’s name and country; posts are never changed.',
  },
} as const satisfies ApiMap;
