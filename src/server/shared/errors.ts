/** The one error type of Pathway. `code` is stable and snake_case; the UI translates it. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The only place where an error code becomes an HTTP status. Unknown codes are 400. */
const STATUS_BY_CODE: Record<string, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  body_too_large: 413,
  csv_invalid: 422,
  tree_cycle: 409,
  not_authenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  csrf_failed: 403,
  session_required: 403,
  password_change_required: 403,
  url_too_long: 414,
  upload_incomplete: 400,
  forbidden: 403,
  too_many_requests: 429,
  conflict: 409,
  duplicate_external_id: 409,
  username_taken: 409,
  duplicate_code: 409,
  framework_published: 409,
  framework_in_review: 409,
  invalid_transition: 409,
  case_invalid: 422,
  case_document_exists: 409,
  framework_not_published: 409,
  unknown_level: 422,
  unknown_competency: 422,
  unknown_evidence: 422,
  self_assessment_incomplete: 422,
  already_submitted: 409,
  already_superseded: 409,
  event_void: 409,
  event_of_another_person: 422,
  evidence_is_link: 409,
  evidence_duplicate: 409,
  file_empty: 400,
  file_too_large: 413,
  file_type_not_allowed: 415,
  unknown_module: 422,
  unknown_programme: 422,
  prerequisites_not_met: 409,
  prerequisite_cycle: 409,
  host_not_institution: 422,
  trainer_not_qualified: 422,
  offering_dates_invalid: 422,
  enrolment_closed: 409,
  already_enrolled: 409,
  not_enrolled: 409,
  session_day_outside_offering: 422,
  result_final: 409,
  offering_not_finished: 422,
  attendance_below_threshold: 422,
  trainer_cannot_enrol: 409,
  not_completed: 409,
  plan_not_draft: 409,
  plan_in_progress: 409,
  no_gaps: 422,
  unknown_aspect: 422,
  condition_too_deep: 422,
  condition_too_large: 422,
  rule_not_draft: 409,
  award_decided: 409,
  award_no_longer_met: 409,
  valid_until_past: 422,
  // The key secret is not the one the issuer keys were stored under: a configuration fault.
  issuer_key_unreadable: 500,
  partnership_overlap: 409,
  coach_assignment_exists: 409,
  partnership_host_not_institution: 422,
  partnership_host_not_serving: 422,
  not_a_school: 422,
  coach_not_at_host: 422,
  partnership_dates_invalid: 422,
  log_date_invalid: 422,
  assignment_dates_invalid: 422,
  not_a_teacher: 422,
  coach_same_as_teacher: 422,
  visit_recorded: 409,
  cycle_overlaps: 409,
  cycle_not_open: 409,
  cycle_stage_invalid: 409,
  observation_submitted: 409,
  lesson_date_invalid: 422,
  follow_up_date_invalid: 422,
  observation_incomplete: 422,
  visit_date_invalid: 422,
  route_not_found: 404,
  internal_error: 500,
};

export function httpStatusFor(code: string): number {
  if (code.endsWith('_not_found')) return 404;
  return STATUS_BY_CODE[code] ?? 400;
}

export function notFound(entity: string, id: string): AppError {
  return new AppError(`${entity}_not_found`, `No ${entity.replaceAll('_', ' ')} with id ${id}.`, { id });
}
