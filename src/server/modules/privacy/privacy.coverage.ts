import type { DB } from '../../db/schema.ts';

/**
 * Every table that names a person or an account, and how a person's export and erasure treat it.
 *
 * The privacy module reads these tables directly (one documented exception to "a module reads
 * another's tables through its service"): a person's export must be complete, and most services
 * answer one screen's question under scope rules that do not fit "everything about one person".
 * privacy.coverage.test.ts scans src/server/db/schema.ts and fails when a table gains a column
 * ending in `person_id`, `account_id` or `person_ids` that is not listed here, so a new table is
 * never silently left out of an export.
 *
 * - `subject`: rows about the person, or theirs (their enrolment, their post): exported whole,
 *   except the `omit` columns (secrets, and a sealed survey draft).
 * - `actor`: rows the person recorded about someone else (a rating they gave, a log they wrote on
 *   another teacher's cycle): other people's data, so listed by reference only (table, id).
 * - `via`: rows without a person column whose parent row is exported (a plan's items).
 */
export type Role = 'subject' | 'actor';

export type Group =
  | 'identity'
  | 'competency'
  | 'evidence'
  | 'practice'
  | 'training'
  | 'plans'
  | 'recognition'
  | 'surveys'
  | 'community'
  | 'notifications'
  | 'audit';

export interface TableCoverage {
  table: keyof DB;
  group: Group;
  /** Person or account columns: `*_account_id` holds an account id, `*_person_ids` a JSON list, others a person id. */
  links: Partial<Record<string, Role>>;
  /** Columns never exported. */
  omit?: string[];
  /** The column naming the person's own tenant, where the row lives in another's (the regional office's). */
  tenantColumn?: string;
}

export interface ViaCoverage {
  table: keyof DB;
  group: Group;
  /** Rows whose `column` is the `id` of an exported subject row of `parent`. */
  parent: keyof DB;
  column: string;
}

export const COVERED: TableCoverage[] = [
  { table: 'person', group: 'identity', links: { id: 'subject' } },
  { table: 'user_account', group: 'identity', links: { person_id: 'subject' }, omit: ['password_hash'] },
  { table: 'role_assignment', group: 'identity', links: { account_id: 'subject' } },
  // The session id is the cookie's secret: only when sessions began and end is exported.
  { table: 'session', group: 'identity', links: { account_id: 'subject' }, omit: ['id', 'csrf_token'] },
  { table: 'api_token', group: 'identity', links: { account_id: 'subject' }, omit: ['token_hash'] },
  { table: 'password_reset', group: 'identity', links: { account_id: 'subject' }, omit: ['token_hash'] },
  {
    table: 'calendar_token',
    group: 'identity',
    links: { account_id: 'subject', person_id: 'subject' },
    omit: ['token_hash'],
  },
  { table: 'translator_language', group: 'identity', links: { account_id: 'subject' } },
  { table: 'translation_state', group: 'identity', links: { updated_by_account_id: 'actor' } },

  {
    table: 'assessment_event',
    group: 'competency',
    links: { person_id: 'subject', actor_account_id: 'actor', actor_person_id: 'actor' },
  },
  { table: 'competency_status', group: 'competency', links: { person_id: 'subject' } },
  { table: 'self_assessment', group: 'competency', links: { person_id: 'subject' } },
  { table: 'review_request', group: 'competency', links: { person_id: 'subject', assessor_account_id: 'actor' } },
  { table: 'person_fact', group: 'competency', links: { person_id: 'subject' } },

  {
    table: 'evidence',
    group: 'evidence',
    links: { person_id: 'subject', uploaded_by_account_id: 'actor' },
    omit: ['storage_key'],
  },

  {
    table: 'observation',
    group: 'practice',
    links: { person_id: 'subject', observer_person_id: 'actor', observer_account_id: 'actor' },
  },
  {
    table: 'coaching_visit',
    group: 'practice',
    links: { person_id: 'subject', coach_person_id: 'actor', coach_account_id: 'actor' },
  },
  { table: 'coaching_cycle', group: 'practice', links: { teacher_person_id: 'subject', coach_person_id: 'actor' } },
  {
    table: 'lesson_observation',
    group: 'practice',
    links: { teacher_person_id: 'subject', observer_person_id: 'actor' },
  },
  {
    table: 'follow_through_visit',
    group: 'practice',
    links: { teacher_person_id: 'subject', coach_person_id: 'actor' },
  },
  {
    table: 'coach_assignment',
    group: 'practice',
    links: { teacher_person_id: 'subject', coach_person_id: 'subject', created_by_account_id: 'actor' },
  },
  { table: 'partnership', group: 'practice', links: { created_by_account_id: 'actor' } },
  { table: 'partnership_coach', group: 'practice', links: { person_id: 'subject' } },
  { table: 'partnership_log', group: 'practice', links: { author_person_id: 'subject' } },
  {
    table: 'activity_design',
    group: 'practice',
    links: { author_person_id: 'subject', co_author_person_id: 'subject' },
  },
  { table: 'activity_design_version', group: 'practice', links: { created_by_person_id: 'subject' } },
  { table: 'activity_design_comment', group: 'practice', links: { author_person_id: 'subject' } },
  { table: 'school_review', group: 'practice', links: { opened_by_account_id: 'actor' } },
  // Who answered a school review; the answers are kept apart with no person by design.
  { table: 'school_review_respondent', group: 'surveys', links: { person_id: 'subject' } },

  { table: 'training_offering', group: 'training', links: { created_by_account_id: 'actor' } },
  { table: 'training_offering_trainer', group: 'training', links: { person_id: 'subject' } },
  {
    table: 'training_enrolment',
    group: 'training',
    links: { person_id: 'subject', nominated_by_account_id: 'actor' },
  },
  { table: 'training_attendance', group: 'training', links: { person_id: 'subject' } },

  { table: 'development_plan', group: 'plans', links: { person_id: 'subject', agreed_by_account_id: 'actor' } },
  { table: 'school_plan', group: 'plans', links: { created_by_account_id: 'actor' } },
  { table: 'school_plan_action', group: 'plans', links: { owner_person_id: 'subject' } },
  { table: 'school_plan_progress', group: 'plans', links: { author_person_id: 'subject' } },

  { table: 'recognition_rule', group: 'recognition', links: { created_by_account_id: 'actor' } },
  {
    table: 'recognition_award',
    group: 'recognition',
    links: { person_id: 'subject', decided_by_account_id: 'actor' },
  },
  {
    table: 'credential',
    group: 'recognition',
    links: { person_id: 'subject', issued_by_account_id: 'actor', status_changed_by_account_id: 'actor' },
  },

  { table: 'survey', group: 'surveys', links: { created_by_account_id: 'actor' } },
  { table: 'survey_round', group: 'surveys', links: { created_by_account_id: 'actor' } },
  // The draft of an anonymous round is a box only the link's token opens: never exported.
  { table: 'survey_invitation', group: 'surveys', links: { person_id: 'subject' }, omit: ['token_hash', 'draft'] },
  // Only identified rounds keep person_id on a response; anonymous responses carry none. A web
  // submission's answers wait on its response (pending_answers) until its round is read: export and
  // erasure fold the person's rounds first (privacy.service.ts), so they are survey_answer rows.
  { table: 'survey_response', group: 'surveys', links: { person_id: 'subject' } },

  // Erasure removes the file of a resource the person alone wrote and withdraws it to a private draft
  // (privacy.erase.ts); a co-authored one keeps its file.
  {
    table: 'resource',
    group: 'community',
    links: { author_person_ids: 'subject', owner_person_id: 'subject', reviewed_by_person_id: 'actor' },
    omit: ['storage_key'],
  },
  { table: 'resource_rating', group: 'community', links: { person_id: 'subject' } },
  { table: 'resource_use', group: 'community', links: { person_id: 'subject' } },
  { table: 'resource_collection', group: 'community', links: { owner_person_id: 'subject' } },
  { table: 'community', group: 'community', links: { created_by_person_id: 'actor' } },
  { table: 'community_member', group: 'community', links: { person_id: 'subject' } },
  { table: 'community_thread', group: 'community', links: { author_person_id: 'subject' } },
  {
    table: 'community_post',
    group: 'community',
    links: { author_person_id: 'subject', hidden_by_person_id: 'actor' },
  },
  { table: 'community_reaction', group: 'community', links: { person_id: 'subject' } },
  { table: 'community_report', group: 'community', links: { reporter_person_id: 'subject' } },
  { table: 'event', group: 'community', links: { created_by_account_id: 'actor' } },
  { table: 'event_participant', group: 'community', links: { person_id: 'subject' } },
  { table: 'event_decision', group: 'community', links: { created_by_account_id: 'actor' } },
  {
    table: 'event_action',
    group: 'community',
    links: { owner_person_id: 'subject', closed_by_account_id: 'actor', created_by_account_id: 'actor' },
  },
  { table: 'competition', group: 'community', links: { created_by_account_id: 'actor' } },
  { table: 'competition_reviewer', group: 'community', links: { person_id: 'subject' } },
  {
    table: 'competition_application',
    group: 'community',
    links: { lead_person_id: 'subject', decided_by_account_id: 'actor' },
  },
  { table: 'competition_team_member', group: 'community', links: { person_id: 'subject' } },
  // Erasure deletes the files the person added, rows and stored files both.
  { table: 'competition_file', group: 'community', links: { added_by_person_id: 'subject' }, omit: ['storage_key'] },
  { table: 'competition_conflict', group: 'community', links: { reviewer_person_id: 'subject' } },
  {
    table: 'competition_assignment',
    group: 'community',
    links: { reviewer_person_id: 'subject', assigned_by_account_id: 'actor' },
  },
  // A reviewer's scores and comments are about someone else's application.
  { table: 'competition_score', group: 'community', links: { reviewer_person_id: 'actor' } },
  { table: 'competition_milestone', group: 'community', links: { created_by_account_id: 'actor' } },
  { table: 'competition_report', group: 'community', links: { created_by_person_id: 'subject' } },

  { table: 'notification', group: 'notifications', links: { account_id: 'subject' } },
  { table: 'notification_preference', group: 'notifications', links: { account_id: 'subject' } },

  // Entries about the person or their accounts are matched on entity_id (privacy.export.ts); entries
  // they made about others are listed by reference.
  { table: 'audit_log', group: 'audit', links: { actor_account_id: 'actor' } },
  // A ministry officer who granted or revoked a country's data sharing: the agreement is the country's, listed by reference.
  {
    table: 'data_sharing_agreement',
    group: 'audit',
    links: { granted_by_account_id: 'actor', revoked_by_account_id: 'actor' },
  },
  // Regional collaboration rows live in the office's tenant; a person's are found there, not in their country's.
  { table: 'regional_activity', group: 'community', links: { created_by_account_id: 'actor' } },
  {
    table: 'regional_participant',
    group: 'community',
    links: { person_id: 'subject', nominated_by_account_id: 'actor' },
    tenantColumn: 'country_tenant_id',
  },
  {
    table: 'regional_post',
    group: 'community',
    links: { author_person_id: 'subject' },
    tenantColumn: 'author_tenant_id',
  },
];

export const COVERED_VIA: ViaCoverage[] = [
  { table: 'development_plan_item', group: 'plans', parent: 'development_plan', column: 'plan_id' },
  { table: 'survey_answer', group: 'surveys', parent: 'survey_response', column: 'response_id' },
];

/** Whether a link column holds an account id, a JSON list of person ids, or a person id. */
export function linkKind(column: string): 'account' | 'person_list' | 'person' {
  if (column.endsWith('account_id')) return 'account';
  if (column.endsWith('person_ids')) return 'person_list';
  return 'person';
}

/** The column names that tie a row to a person: what the coverage test looks for in schema.ts. */
export const PERSON_COLUMN = /(^|_)(person_id|account_id|person_ids)$/;
