import type { ApiMap } from '../../http/route.ts';
import {
  Application,
  ApplicationBody,
  ApplicationParams,
  AssignBody,
  AutoAssignBody,
  AutoAssignResult,
  BlindApplication,
  Candidates,
  CandidatesQuery,
  CompetitionBody,
  CompetitionDetail,
  CompetitionList,
  CompetitionParams,
  ConflictBody,
  DecisionBody,
  FileParams,
  MilestoneBody,
  Ranking,
  ReportBody,
  ReviewersBody,
  ReviewQueue,
  ScoresBody,
  UploadQuery,
} from './competitions.schemas.ts';

export const competitionsApi = {
  'GET /api/competitions': {
    response: { 200: CompetitionList },
    description:
      'PBL grant calls the actor manages (community.competitions.manage at the unit), may apply to (a unit at ' +
      'or above their own) or reviews.',
  },
  'POST /api/competitions': {
    body: CompetitionBody,
    response: { 201: CompetitionDetail },
    description:
      'Opens a call at a unit: theme, who may apply (person categories under the unit), budget (total, largest ' +
      'grant, currency), timeline (opens, closes, review by, decision, reporting due) and the scoring rubric.',
  },
  'GET /api/competitions/:competitionId': {
    params: CompetitionParams,
    response: { 200: CompetitionDetail },
    description:
      'One call; its managers also see every submitted application with its team and reviewers, and the pool; ' +
      'others their own applications.',
  },
  'GET /api/competitions/:competitionId/candidates': {
    params: CompetitionParams,
    querystring: CandidatesQuery,
    response: { 200: Candidates },
    description:
      'People who may join a team for the call (its roles, under its unit) whose family name starts with q: ' +
      'for naming team members from other schools.',
  },
  'PUT /api/competitions/:competitionId/reviewers': {
    params: CompetitionParams,
    body: ReviewersBody,
    response: { 200: CompetitionDetail },
    description: 'Sets the call’s reviewer pool: people of the tenant the manager can see.',
  },
  'POST /api/competitions/:competitionId/assignments': {
    params: CompetitionParams,
    body: AutoAssignBody,
    response: { 200: AutoAssignResult },
    description:
      'Gives each submitted application reviewers from the pool, balancing load and never one with a conflict ' +
      '(school or district of a team member, a team member, or a declared conflict).',
  },
  'GET /api/competitions/:competitionId/ranking': {
    params: CompetitionParams,
    response: { 200: Ranking },
    description:
      'Applications ranked by their mean normalised total (z-score per reviewer, mapped back to 0-100), with raw ' +
      'totals and each reviewer’s, for the call’s managers.',
  },
  'POST /api/competitions/:competitionId/applications': {
    params: CompetitionParams,
    body: ApplicationBody,
    response: { 201: Application },
    description:
      'A draft application led by the actor with their team; each member must be of an eligible role, placed ' +
      'under the call’s unit and on no other application of the call. While the call is open.',
  },
  'GET /api/competitions/applications/:applicationId': {
    params: ApplicationParams,
    response: { 200: Application },
    description: 'One application, for its team and (once submitted) the call’s managers.',
  },
  'PUT /api/competitions/applications/:applicationId': {
    params: ApplicationParams,
    body: ApplicationBody,
    response: { 200: Application },
    description: 'Replaces a draft application and its team (the lead applicant, while the call is open).',
  },
  'POST /api/competitions/applications/:applicationId/submit': {
    params: ApplicationParams,
    response: { 200: Application },
    description: 'Submits a draft (the lead, while the call is open); the team’s eligibility is checked again.',
  },
  'PUT /api/competitions/applications/:applicationId/files': {
    params: ApplicationParams,
    querystring: UploadQuery,
    response: { 200: Application },
    description:
      'A file as the raw request body (at most 20 MB; PDF, images, MP4, office documents, plain text), attached ' +
      'to a draft, or with reportId as evidence of a report.',
  },
  'GET /api/competitions/applications/:applicationId/files/:fileId': {
    params: FileParams,
    description: 'A file, always as a download, with the type sniffed at upload.',
  },
  'POST /api/competitions/applications/:applicationId/reviewers': {
    params: ApplicationParams,
    body: AssignBody,
    response: { 200: Application },
    description: 'Assigns a reviewer of the pool by hand; 409 reviewer_conflicted on a conflict of interest.',
  },
  'POST /api/competitions/applications/:applicationId/decision': {
    params: ApplicationParams,
    body: DecisionBody,
    response: { 200: Application },
    description: 'Awards (at most the request and what is left of the budget) or declines, once; the team is notified.',
  },
  'POST /api/competitions/applications/:applicationId/milestones': {
    params: ApplicationParams,
    body: MilestoneBody,
    response: { 201: Application },
    description: 'A milestone of a funded project, due by the call’s reporting day.',
  },
  'POST /api/competitions/applications/:applicationId/reports': {
    params: ApplicationParams,
    body: ReportBody,
    response: { 201: Application },
    description:
      'A progress report, or the final report, which completes the grant and adds the project to the library ' +
      'as a case study submitted for national publication.',
  },
  'GET /api/competition-reviews': {
    response: { 200: ReviewQueue },
    description:
      'The actor’s review queue: applications assigned to them without a conflict, blind (no team, no schools).',
  },
  'GET /api/competition-reviews/:applicationId': {
    params: ApplicationParams,
    response: { 200: BlindApplication },
    description: 'One application to review, blind; 404 unless assigned to the actor and free of conflicts.',
  },
  'PUT /api/competition-reviews/:applicationId/scores': {
    params: ApplicationParams,
    body: ScoresBody,
    response: { 200: BlindApplication },
    description:
      'Scores every criterion with a comment; append-only (a changed score is a new row, the latest counts).',
  },
  'POST /api/competition-reviews/:applicationId/conflict': {
    params: ApplicationParams,
    body: ConflictBody,
    response: { 200: ReviewQueue },
    description: 'A reviewer of the call declares a conflict: the application leaves their queue for good.',
  },
} as const satisfies ApiMap;
