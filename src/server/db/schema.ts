import type { Generated } from 'kysely';

/**
 * Table types. Conventions shared by both dialects:
 * - every table carries tenant_id and every key starts with it;
 * - multilingual text and lists are JSON in text columns (parsed in the repos);
 * - timestamps are ISO-8601 UTC strings (PostgreSQL stores timestamptz, read back as ISO strings).
 */
export interface TenantTable {
  id: string;
  code: string;
  name: string;
  default_locale: string;
  locales: string;
  level_names: string;
  unit_seq: number;
  created_at: string;
  /** ISO 3166-1 alpha-2 of the country the tenant is, when it is one. */
  country: string | null;
  kind: Generated<'country' | 'regional'>;
}

export interface OrgUnitTable {
  tenant_id: string;
  id: string;
  parent_id: string | null;
  /** Materialised path of path keys, '/1/a/3f/': a subtree is one range scan on (tenant_id, path). */
  path: string;
  depth: number;
  type: string;
  code: string | null;
  name: string;
  locality: string | null;
  /** People of category 'teacher' placed directly in this unit; subtree totals sum this over a path range. */
  teacher_count: number;
  created_at: string;
  updated_at: string;
}

export interface PersonTable {
  tenant_id: string;
  id: string;
  org_unit_id: string;
  /** Copy of the unit's path so "people under a unit, page 1" is one index range scan. */
  org_path: string;
  category: string;
  given_name: string;
  family_name: string;
  sort_name: string;
  sex: string | null;
  national_id: string | null;
  emis_id: string | null;
  subjects: string;
  grades: string;
  languages: string;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserAccountTable {
  tenant_id: string;
  id: string;
  person_id: string;
  username: string;
  password_hash: string;
  locale: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
  /** 1 until the person sets their own password (accounts made by import or an administrator). */
  must_change_password: Generated<number>;
}

export interface RoleAssignmentTable {
  tenant_id: string;
  id: string;
  account_id: string;
  role: string;
  org_unit_id: string;
  created_at: string;
}

export interface SessionTable {
  id: string;
  tenant_id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Sign-in throttling: 'addr:<ip>' (failures in a window) or 'acct:<username>' (consecutive failures). */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
  /** No attempt under this key is checked before this time. */
  next_allowed_at: string | null;
  updated_at: string;
}

export interface ApiTokenTable {
  tenant_id: string;
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  tenant_id: string;
  id: string;
  at: string;
  actor_account_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
}

export interface FrameworkTable {
  tenant_id: string;
  id: string;
  lineage_id: string;
  version: string;
  status: string;
  case_identifier: string;
  title: string;
  description: string;
  languages: string;
  licence: string | null;
  source: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  retired_at: string | null;
  /** When a newer version of the lineage was published over this one. */
  superseded_at: string | null;
  /** What publishing this version did with ratings of changed items: 'carry_over' | 'new_evidence'. */
  changed_items: string | null;
  /** JSON: the CASE CFDocument and definitions this version was imported from (migration 0025). */
  case_source?: string | null;
  /** JSON: the Moodle framework row this version was imported from (migration 0026). */
  moodle_source?: string | null;
}

export interface FrameworkLevelTable {
  tenant_id: string;
  id: string;
  framework_id: string;
  position: number;
  code: string;
  title: string;
  description: string;
}

export interface FrameworkItemTable {
  tenant_id: string;
  id: string;
  framework_id: string;
  parent_id: string | null;
  /** Stable across versions of the same item: how versions are compared and CASE identifiers kept. */
  case_identifier: string;
  type: string;
  code: string;
  position: number;
  /** The proficiency level a competency belongs to, where the framework is levelled per item (e.g. UNESCO ICT CFT). */
  level_code: string | null;
  /** Short name (CASE abbreviatedStatement); `statement` is the full statement. Both multilingual. */
  title: string;
  statement: string;
  notes: string;
  /** JSON: the CASE CFItem this item was imported from (migration 0025). */
  case_source?: string | null;
  /** JSON: the Moodle competency row this item was imported from (migration 0026). */
  moodle_source?: string | null;
}

/** Every CFAssociation of an imported CASE package, kept as it came (migration 0025). */
export interface FrameworkCaseAssociationTable {
  tenant_id: string;
  framework_id: string;
  identifier: string;
  position: number;
  association_type: string;
  origin_identifier: string;
  destination_identifier: string;
  tree: number;
  data: string;
}

export interface RubricDescriptorTable {
  tenant_id: string;
  framework_id: string;
  item_id: string;
  level_id: string;
  descriptor: string;
  score: number | null;
}

export interface PolicyGoalTable {
  tenant_id: string;
  id: string;
  code: string;
  title: string;
  plan: string;
  period_start: number | null;
  period_end: number | null;
  created_at: string;
}

export interface ItemGoalTable {
  tenant_id: string;
  item_id: string;
  goal_id: string;
  framework_id: string;
}

export interface CrosswalkLinkTable {
  tenant_id: string;
  id: string;
  from_framework_id: string;
  from_item_id: string;
  to_framework_id: string;
  to_item_id: string;
  relation: string;
  created_at: string;
}

export interface AssessmentEventTable {
  tenant_id: string;
  id: string;
  person_id: string;
  framework_id: string;
  item_id: string;
  /** null: "not yet" (below the first level), or nothing at all on a void correction. */
  level_code: string | null;
  kind: string;
  source_type: string;
  source_id: string | null;
  evidence_ids: string;
  comment: string | null;
  supersedes_id: string | null;
  is_void: number;
  /** When the evidence counts from: a correction takes the time of the event it corrects. */
  effective_at: string;
  recorded_at: string;
  actor_account_id: string | null;
  actor_person_id: string | null;
}

export interface CompetencyStatusTable {
  tenant_id: string;
  person_id: string;
  item_id: string;
  framework_id: string;
  self_event_id: string | null;
  self_level_code: string | null;
  self_at: string | null;
  confirmed_event_id: string | null;
  confirmed_level_code: string | null;
  confirmed_kind: string | null;
  confirmed_at: string | null;
  trained_event_id: string | null;
  trained_at: string | null;
}

export interface SelfAssessmentTable {
  tenant_id: string;
  id: string;
  person_id: string;
  framework_id: string;
  status: string;
  answers: string;
  started_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface EvidenceTable {
  tenant_id: string;
  id: string;
  person_id: string;
  kind: string;
  title: string;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  storage_key: string | null;
  url: string | null;
  item_ids: string;
  uploaded_by_account_id: string | null;
  created_at: string;
  /** Hex SHA-256 of an uploaded file's bytes; null for links and files uploaded before 0013. */
  content_sha256: string | null;
}

export interface ReviewRequestTable {
  tenant_id: string;
  id: string;
  person_id: string;
  framework_id: string;
  item_id: string;
  claimed_level_code: string;
  status: string;
  evidence_ids: string;
  note: string | null;
  assessor_comment: string | null;
  assessor_account_id: string | null;
  decided_event_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ObservationTable {
  tenant_id: string;
  id: string;
  person_id: string;
  framework_id: string;
  observer_person_id: string | null;
  observer_account_id: string | null;
  observed_on: string;
  subject: string | null;
  grade: string | null;
  lesson_focus: string;
  practices: string;
  ratings: string;
  strengths: string | null;
  suggestions: string | null;
  created_at: string;
}

export interface CoachingVisitTable {
  tenant_id: string;
  id: string;
  person_id: string;
  coach_person_id: string | null;
  coach_account_id: string | null;
  visited_on: string;
  focus_item_ids: string;
  notes: string;
  agreed_actions: string;
  next_visit_on: string | null;
  created_at: string;
}

export interface LevelTargetTable {
  tenant_id: string;
  org_unit_id: string;
  lineage_id: string;
  level_code: string;
  updated_at: string;
}

export interface TrainingModuleTable {
  tenant_id: string;
  id: string;
  code: string;
  framework_id: string;
  title: string;
  summary: string;
  hours: number;
  delivery_mode: string;
  languages: string;
  /** JSON [{ title, url }]. */
  materials: string;
  prerequisite_ids: string;
  /** JSON { programmeIds, competencies: [{ itemId, levelCode }] }, or null when anyone may lead it. */
  trainer_qualification: string | null;
  /** JSON: months after completion at which completers are visited in class. */
  follow_through_months: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface TrainingOutcomeTable {
  tenant_id: string;
  module_id: string;
  item_id: string;
  level_code: string;
}

export interface TrainingProgrammeTable {
  tenant_id: string;
  id: string;
  code: string;
  title: string;
  summary: string;
  leads_to_role: string | null;
  leads_to_level_code: string | null;
  completion_rule: string;
  trainer_qualification: string | null;
  /** JSON: months after completion at which completers are visited in class. */
  follow_through_months: Generated<string>;
  created_at: string;
}

export interface TrainingProgrammeModuleTable {
  tenant_id: string;
  programme_id: string;
  module_id: string;
  position: number;
}

export interface TrainingOfferingTable {
  tenant_id: string;
  id: string;
  module_id: string | null;
  programme_id: string | null;
  host_unit_id: string;
  /** Copy of the host's path: who may manage the offering is decided on it. */
  host_path: string;
  start_date: string;
  end_date: string;
  session_days: string;
  venue: string | null;
  online_url: string | null;
  capacity: number;
  language: string;
  enrol_opens: string;
  enrol_closes: string;
  hours: number;
  roster_version: number;
  created_by_account_id: string | null;
  created_at: string;
  /** scheduled | cancelled */
  status: Generated<string>;
  cancelled_at: string | null;
  cancel_reason: string | null;
  /** Percent of session days a participant attends to complete (1-100). */
  attendance_threshold: Generated<number>;
}

export interface TrainingOfferingTrainerTable {
  tenant_id: string;
  offering_id: string;
  person_id: string;
}

export interface TrainingEnrolmentTable {
  tenant_id: string;
  id: string;
  offering_id: string;
  person_id: string;
  /** enrolled | waitlisted | withdrawn */
  status: string;
  nominated_by_account_id: string | null;
  /** Place in the queue: the waitlisted with the earliest queued_at is promoted first. */
  queued_at: string;
  /** completed | not_completed, once results are in. */
  result: string | null;
  score: number | null;
  completed_on: string | null;
  cpd_hours: number | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingAttendanceTable {
  tenant_id: string;
  offering_id: string;
  person_id: string;
  day: string;
  present: number;
  recorded_at: string;
}

export interface DevelopmentPlanTable {
  tenant_id: string;
  id: string;
  person_id: string;
  framework_id: string;
  target_level_code: string | null;
  status: string;
  agreed_by_account_id: string | null;
  agreed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DevelopmentPlanItemTable {
  tenant_id: string;
  plan_id: string;
  position: number;
  item_id: string;
  current_level_code: string | null;
  target_level_code: string;
  module_id: string | null;
  planned_start: string | null;
  planned_end: string | null;
  note: string | null;
}

export interface UnitCompetencyCountTable {
  tenant_id: string;
  unit_id: string;
  framework_id: string;
  item_id: string;
  /** 'self' or 'confirmed': which status column the teachers are counted by. */
  basis: string;
  /** A level code, or 'not_yet'. */
  level_code: string;
  /** 'female', 'male' or 'unknown'. */
  sex: string;
  /** The teachers' place of work, `{locality}|{type}` or `other` (monitoring/places.ts). */
  place: string;
  teachers: number;
}

export interface PersonFactTable {
  tenant_id: string;
  person_id: string;
  fact: string;
  value: number;
}

/** A school's current keys for the school counts (migration 0046, monitoring/school.counts.ts). */
export interface SchoolFactTable {
  tenant_id: string;
  school_id: string;
  /** `schools`, `plan:{end}:{start}` or `partner:{end}:{start}` (a merged interval of periods). */
  key: string;
  /** The school's place key, `{locality}|school` (monitoring/places.ts). */
  place: string;
}

/** `school_fact` summed at each school and every unit above it (migration 0046). */
export interface UnitSchoolCountTable {
  tenant_id: string;
  unit_id: string;
  place: string;
  key: string;
  schools: number;
}

export interface UnitFactCountTable {
  tenant_id: string;
  unit_id: string;
  fact: string;
  sex: string;
  place: string;
  value: number;
}

export interface LogframeObjectiveTable {
  tenant_id: string;
  id: string;
  parent_id: string | null;
  level: string;
  title: string;
  position: number;
  created_at: string;
}

export interface IndicatorTable {
  tenant_id: string;
  id: string;
  code: string;
  name: string;
  definition: string;
  /** JSON FactSpec. */
  numerator: string;
  denominator: string | null;
  factor: string;
  disaggregations: string;
  legend: string;
  objective_id: string | null;
  means_of_verification: string;
  position: number;
  created_at: string;
  updated_at: string;
}

export interface IndicatorTargetTable {
  tenant_id: string;
  indicator_id: string;
  unit_id: string;
  /** 'baseline' or 'target'. */
  kind: string;
  year: number;
  value: number;
  updated_by: string;
  updated_at: string;
}

export interface IndicatorActualTable {
  tenant_id: string;
  indicator_id: string;
  unit_id: string;
  year: number;
  numerator: number;
  denominator: number | null;
  /** The teachers the figure is about: what decides its suppression when read. */
  population: number;
  recorded_at: string;
}

/** Which version of the standard a recorded year's competency counts are of. */
export interface CompetencyYearTable {
  tenant_id: string;
  year: number;
  framework_id: string;
  recorded_at: string;
}

/** `unit_competency_count` as it stood when its year was recorded. */
export interface UnitCompetencyYearTable {
  tenant_id: string;
  year: number;
  unit_id: string;
  item_id: string;
  basis: string;
  level_code: string;
  sex: string;
  teachers: number;
}

/** `unit_teacher_count` as it stood when its year was recorded. */
export interface UnitTeacherYearTable {
  tenant_id: string;
  year: number;
  unit_id: string;
  sex: string;
  teachers: number;
}

export interface UnitTeacherCountTable {
  tenant_id: string;
  unit_id: string;
  sex: string;
  place: string;
  teachers: number;
}

export interface RecognitionRuleTable {
  tenant_id: string;
  id: string;
  name: string;
  description: string;
  criteria: string;
  /** Open Badges 3.0 achievementType: Competency, Certificate, ... */
  achievement_type: string;
  framework_id: string | null;
  /** JSON condition tree (rules.schemas.ts Condition). */
  condition: string;
  /** JSON: the condition with levels, aspects and programmes looked up (rules.repo.ts Resolved). */
  resolved: string;
  /** automatic | approval */
  mode: string;
  /** draft | active | retired */
  status: string;
  created_by_account_id: string | null;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
}

export interface RecognitionRuleRefTable {
  tenant_id: string;
  rule_id: string;
  /** item | module | programme */
  ref_type: string;
  ref_id: string;
}

export interface RecognitionAwardTable {
  tenant_id: string;
  id: string;
  rule_id: string;
  person_id: string;
  /** pending | issued | rejected */
  status: string;
  credential_id: string | null;
  qualified_at: string;
  decided_at: string | null;
  decided_by_account_id: string | null;
  reason: string | null;
}

export interface CredentialIssuerTable {
  tenant_id: string;
  key_seq: number;
  next_status_index: number;
  created_at: string;
}

export interface IssuerKeyTable {
  tenant_id: string;
  id: string;
  public_key_multibase: string;
  /** AES-256-GCM ciphertext of the secret key multibase, never the key itself. */
  secret_key_encrypted: string;
  created_at: string;
  /** Null while the key signs; retired keys stay published for old credentials. */
  retired_at: string | null;
}

export interface CredentialTable {
  tenant_id: string;
  id: string;
  person_id: string;
  achievement_key: string;
  achievement_name: string;
  locale: string;
  /** recognition_rule | vc_api */
  source_type: string;
  source_id: string | null;
  key_id: string;
  /** The credential's bit in its tenant's revocation and suspension status lists. */
  status_index: number;
  valid_from: string;
  valid_until: string | null;
  issued_at: string;
  issued_by_account_id: string | null;
  /** active | suspended | revoked */
  status: string;
  status_reason: string | null;
  status_changed_at: string | null;
  status_changed_by_account_id: string | null;
  /** The signed OpenBadgeCredential exactly as issued. */
  document: string;
}

export interface CredentialStatusListTable {
  tenant_id: string;
  /** revocation | suspension */
  purpose: string;
  list_no: number;
  /** The signed BitstringStatusListCredential. */
  document: string;
  updated_at: string;
}

export interface NotificationTable {
  tenant_id: string;
  id: string;
  account_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  in_inbox: number;
  /** 'none' | 'pending' (waits for the daily digest) | 'sent' */
  digest: string;
  created_at: string;
  read_at: string | null;
}

export interface NotificationPreferenceTable {
  tenant_id: string;
  account_id: string;
  kind: string;
  inbox: number;
  /** 'off' | 'immediate' | 'daily' */
  email: string;
  updated_at: string;
}

export interface OutboxTable {
  id: string;
  tenant_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  created_at: string;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface PasswordResetTable {
  token_hash: string;
  tenant_id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PasswordResetRequestTable {
  id: string;
  key: string;
  at: string;
}

export interface ActivityDesignTable {
  tenant_id: string;
  id: string;
  author_person_id: string;
  co_author_person_id: string | null;
  org_unit_id: string;
  title: string;
  language: string;
  subject: string;
  grade: string;
  template: string | null;
  sharing: string;
  shared_at: string | null;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface ActivityDesignVersionTable {
  tenant_id: string;
  design_id: string;
  version: number;
  framework_id: string;
  /** JSON: objectives, what students do, ICT, steps with minutes, grouping, assessment, resources. */
  content: string;
  /** JSON [{ itemId, levelCode }] of `framework_id`. */
  competencies: string;
  created_by_person_id: string | null;
  created_at: string;
}

export interface ActivityDesignCommentTable {
  tenant_id: string;
  id: string;
  design_id: string;
  version: number;
  author_person_id: string;
  body: string;
  created_at: string;
}

export interface PartnershipTable {
  tenant_id: string;
  id: string;
  tei_unit_id: string;
  title: string;
  focus: string;
  starts_on: string;
  ends_on: string;
  created_by_account_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartnershipSchoolTable {
  tenant_id: string;
  partnership_id: string;
  school_unit_id: string;
}

export interface PartnershipCoachTable {
  tenant_id: string;
  partnership_id: string;
  person_id: string;
}

export interface PartnershipLogTable {
  tenant_id: string;
  id: string;
  partnership_id: string;
  happened_on: string;
  author_person_id: string | null;
  text: string;
  created_at: string;
}

export interface CoachAssignmentTable {
  tenant_id: string;
  id: string;
  coach_person_id: string;
  teacher_person_id: string;
  starts_on: string;
  ends_on: string;
  created_by_account_id: string | null;
  created_at: string;
}

export interface CoachingCycleTable {
  tenant_id: string;
  id: string;
  coach_person_id: string;
  teacher_person_id: string;
  design_id: string | null;
  framework_id: string;
  /** JSON array of competency item ids of `framework_id`. */
  focus_item_ids: string;
  starts_on: string;
  ends_on: string;
  lesson_date: string;
  status: string;
  plan_notes: string;
  strengths: string | null;
  next_steps: string | null;
  teacher_reflection: string | null;
  reflection_shared: Generated<number>;
  follow_up_on: string | null;
  follow_up_notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface LessonObservationTable {
  tenant_id: string;
  id: string;
  cycle_id: string | null;
  teacher_person_id: string;
  observer_person_id: string;
  lesson_date: string;
  subject: string | null;
  grade: string | null;
  /** JSON arrays of codes (practice.constants.ts). */
  ict_users: string;
  ict_purposes: string;
  student_centredness: number | null;
  ict_time_share: number | null;
  student_products: string | null;
  notes: string | null;
  /** JSON [{ itemId, levelCode }]. */
  ratings: string;
  status: string;
  assessment_observation_id: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
}

export interface FollowThroughVisitTable {
  tenant_id: string;
  id: string;
  enrolment_id: string;
  offering_id: string;
  teacher_person_id: string;
  coach_person_id: string;
  months_after: number;
  due_on: string;
  status: string;
  visited_on: string | null;
  applied: string | null;
  how: string | null;
  evidence_ids: Generated<string>;
  cycle_id: string | null;
  /** The teacher's `org_path`, kept by practice as people and units move (migration 0041). */
  teacher_path: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface SchoolReviewTable {
  tenant_id: string;
  id: string;
  school_id: string;
  opens_on: string;
  closes_on: string;
  closed_at: string | null;
  opened_by_account_id: string | null;
  created_at: string;
}

/** Who answered a review, kept apart from the answers. */
export interface SchoolReviewRespondentTable {
  tenant_id: string;
  review_id: string;
  person_id: string;
  respondent_group: string;
}

/** One answered statement: no person, account or time. */
export interface SchoolReviewAnswerTable {
  tenant_id: string;
  id: string;
  review_id: string;
  statement_code: string;
  respondent_group: string;
  score: number;
}

export interface SchoolPlanTable {
  tenant_id: string;
  id: string;
  school_id: string;
  review_id: string | null;
  /** draft | active | archived */
  status: string;
  period_start: string;
  period_end: string;
  title: string;
  vision: string;
  /** JSON { area: goal }. */
  goals: Generated<string>;
  partnership_id: string | null;
  /** JSON array of development_plan ids. */
  development_plan_ids: Generated<string>;
  created_by_account_id: string | null;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
  archived_at: string | null;
}

export interface SchoolPlanActionTable {
  tenant_id: string;
  id: string;
  plan_id: string;
  position: number;
  area: string;
  title: string;
  owner_person_id: string | null;
  owner_text: string | null;
  due_on: string;
  status: string;
  resources: Generated<string>;
  removed: Generated<number>;
}

export interface SchoolPlanProgressTable {
  tenant_id: string;
  id: string;
  plan_id: string;
  reviewed_on: string;
  note: string;
  /** JSON [{ actionId, title, status }]. */
  action_statuses: string;
  author_person_id: string | null;
  created_at: string;
}

export interface SurveyTable {
  tenant_id: string;
  id: string;
  family_id: string;
  version: number;
  code: string;
  /** LocalizedText JSON. */
  title: string;
  description: string;
  source_locale: string;
  /** general | national | reaction | pre_post | follow_up */
  purpose: string;
  /** The questionnaire's sections and questions (surveys.definition.ts), JSON. */
  definition: string;
  /** draft | published | retired */
  status: string;
  created_by_account_id: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface SurveyRoundTable {
  tenant_id: string;
  id: string;
  survey_id: string;
  title: string;
  unit_id: string;
  unit_path: string;
  /** Who is invited (roles, offering completers, school types), JSON. */
  population: string;
  anonymous: number;
  /** general | reaction | pre | post | follow_up */
  kind: string;
  offering_id: string | null;
  opens_on: string;
  closes_on: string;
  /** open | closed */
  status: string;
  invited: number;
  last_reminded_at: string | null;
  created_by_account_id: string | null;
  created_at: string;
}

export interface SurveyInvitationTable {
  tenant_id: string;
  id: string;
  round_id: string;
  person_id: string;
  token_hash: string;
  /** invited | started | submitted */
  status: string;
  /** Answers in progress: JSON, or for anonymous rounds a sealed box only the link's token opens. */
  draft: string | null;
  reminders: Generated<number>;
  created_at: string;
}

export interface SurveyResponseTable {
  tenant_id: string;
  id: string;
  round_id: string;
  person_id: string | null;
  unit_id: string;
  unit_path: string;
  sex: string;
  role: string;
  school_type: string;
  /** The place it was given from, as indicator breakdowns group people (monitoring/places.ts). */
  place: string;
  /** web | import */
  source: string;
  submitted_on: string;
  /** 0 while what the response counts waits to be folded into `survey_tally` (web submissions). */
  tallied: Generated<number>;
  /**
   * A web submission's answers until they are folded (`surveys/tally.ts`): JSON, one
   * `[question_key, item, value_number, value_text]` per `survey_answer` row; null once they are
   * rows of `survey_answer` (folded, imported, or submitted before migration 0049).
   */
  pending_answers: string | null;
}

export interface SurveyAnswerTable {
  tenant_id: string;
  response_id: string;
  round_id: string;
  question_key: string;
  /** The matrix row, the chosen option of a multiple choice, or '' for a single value. */
  item: string;
  value_number: number | null;
  value_text: string | null;
}

/** Counts of a round's responses and answers per unit, group, question, item and value (surveys/tally.ts). */
export interface SurveyTallyTable {
  tenant_id: string;
  round_id: string;
  unit_path: string;
  /** '' for everyone, else `sex:…`, `role:…` or `school_type:…`. */
  grp: string;
  /** '' for the respondents row. */
  question_key: string;
  item: string;
  /** r: respondents, c: a choice, n: a number, t: a text or date, a: respondents of a several-row question. */
  kind: string;
  value_text: string;
  value_number: number;
  n: number;
}

export interface EventTable {
  tenant_id: string;
  id: string;
  /** workshop | regional_seminar | policy_meeting */
  kind: string;
  /** LocalizedText JSON */
  title: string;
  description: string;
  unit_id: string;
  unit_path: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  online_url: string | null;
  /** [{ time, title, presenter }] JSON */
  agenda: string;
  registration_open: number;
  capacity: number | null;
  minutes: string | null;
  outcomes: string | null;
  created_by_account_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventParticipantTable {
  tenant_id: string;
  event_id: string;
  person_id: string;
  /** invited | registered */
  source: string;
  attended: number | null;
  created_at: string;
}

export interface EventGuestTable {
  tenant_id: string;
  event_id: string;
  email: string;
  name: string | null;
  attended: number | null;
  created_at: string;
}

export interface EventDecisionTable {
  tenant_id: string;
  id: string;
  event_id: string;
  text: string;
  created_by_account_id: string | null;
  created_at: string;
}

export interface EventActionTable {
  tenant_id: string;
  id: string;
  event_id: string;
  decision_id: string | null;
  title: string;
  owner_person_id: string;
  due_on: string;
  /** open | done */
  status: string;
  closed_by_account_id: string | null;
  closed_at: string | null;
  created_by_account_id: string | null;
  created_at: string;
}

export interface CalendarTokenTable {
  tenant_id: string;
  account_id: string;
  person_id: string;
  token_hash: string;
  created_at: string;
}

/** Where one text's translation into one language stands, and the source it was made from (migration 0028). */
export interface TranslationStateTable {
  tenant_id: string;
  object_type: string;
  object_id: string;
  unit_key: string;
  locale: string;
  /** draft | review | approved */
  status: string;
  source_text: string;
  updated_by_account_id: string | null;
  updated_at: string;
}

export interface TranslatorLanguageTable {
  tenant_id: string;
  account_id: string;
  locale: string;
}

/** A term of the standard in every language (term and note are LocalizedText JSON). */
export interface GlossaryTermTable {
  tenant_id: string;
  id: string;
  term: string;
  note: string;
  position: number;
  updated_at: string;
}

export interface DB {
  tenant: TenantTable;
  org_unit: OrgUnitTable;
  person: PersonTable;
  user_account: UserAccountTable;
  role_assignment: RoleAssignmentTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  framework: FrameworkTable;
  framework_level: FrameworkLevelTable;
  framework_item: FrameworkItemTable;
  framework_case_association: FrameworkCaseAssociationTable;
  rubric_descriptor: RubricDescriptorTable;
  policy_goal: PolicyGoalTable;
  item_goal: ItemGoalTable;
  crosswalk_link: CrosswalkLinkTable;
  assessment_event: AssessmentEventTable;
  competency_status: CompetencyStatusTable;
  self_assessment: SelfAssessmentTable;
  evidence: EvidenceTable;
  review_request: ReviewRequestTable;
  observation: ObservationTable;
  coaching_visit: CoachingVisitTable;
  level_target: LevelTargetTable;
  unit_competency_count: UnitCompetencyCountTable;
  /** Deltas of `unit_competency_count` not yet folded into it (monitoring.repo.ts): readers sum both. */
  unit_competency_pending: UnitCompetencyCountTable;
  unit_teacher_count: UnitTeacherCountTable;
  competency_year: CompetencyYearTable;
  unit_competency_year: UnitCompetencyYearTable;
  unit_teacher_year: UnitTeacherYearTable;
  person_fact: PersonFactTable;
  unit_fact_count: UnitFactCountTable;
  /** Deltas of `unit_fact_count` not yet folded into it (monitoring.repo.ts): readers sum both. */
  unit_fact_pending: UnitFactCountTable;
  school_fact: SchoolFactTable;
  unit_school_count: UnitSchoolCountTable;
  logframe_objective: LogframeObjectiveTable;
  indicator: IndicatorTable;
  indicator_target: IndicatorTargetTable;
  indicator_actual: IndicatorActualTable;
  training_module: TrainingModuleTable;
  training_outcome: TrainingOutcomeTable;
  training_programme: TrainingProgrammeTable;
  training_programme_module: TrainingProgrammeModuleTable;
  training_offering: TrainingOfferingTable;
  training_offering_trainer: TrainingOfferingTrainerTable;
  training_enrolment: TrainingEnrolmentTable;
  training_attendance: TrainingAttendanceTable;
  development_plan: DevelopmentPlanTable;
  development_plan_item: DevelopmentPlanItemTable;
  recognition_rule: RecognitionRuleTable;
  recognition_rule_ref: RecognitionRuleRefTable;
  recognition_award: RecognitionAwardTable;
  credential_issuer: CredentialIssuerTable;
  issuer_key: IssuerKeyTable;
  credential: CredentialTable;
  credential_status_list: CredentialStatusListTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  outbox: OutboxTable;
  password_reset: PasswordResetTable;
  password_reset_request: PasswordResetRequestTable;
  activity_design: ActivityDesignTable;
  activity_design_version: ActivityDesignVersionTable;
  activity_design_comment: ActivityDesignCommentTable;
  partnership: PartnershipTable;
  partnership_school: PartnershipSchoolTable;
  partnership_coach: PartnershipCoachTable;
  partnership_log: PartnershipLogTable;
  coach_assignment: CoachAssignmentTable;
  coaching_cycle: CoachingCycleTable;
  lesson_observation: LessonObservationTable;
  follow_through_visit: FollowThroughVisitTable;
  school_review: SchoolReviewTable;
  survey: SurveyTable;
  survey_round: SurveyRoundTable;
  survey_invitation: SurveyInvitationTable;
  survey_response: SurveyResponseTable;
  survey_answer: SurveyAnswerTable;
  survey_tally: SurveyTallyTable;
  school_review_respondent: SchoolReviewRespondentTable;
  school_review_answer: SchoolReviewAnswerTable;
  school_plan: SchoolPlanTable;
  school_plan_action: SchoolPlanActionTable;
  school_plan_progress: SchoolPlanProgressTable;
  resource: ResourceTable;
  resource_facet: ResourceFacetTable;
  resource_rating: ResourceRatingTable;
  resource_use: ResourceUseTable;
  resource_collection: ResourceCollectionTable;
  resource_collection_item: ResourceCollectionItemTable;
  community: CommunityTable;
  community_member: CommunityMemberTable;
  community_thread: CommunityThreadTable;
  community_post: CommunityPostTable;
  community_reaction: CommunityReactionTable;
  community_report: CommunityReportTable;
  event: EventTable;
  event_participant: EventParticipantTable;
  event_guest: EventGuestTable;
  event_decision: EventDecisionTable;
  event_action: EventActionTable;
  calendar_token: CalendarTokenTable;
  translation_state: TranslationStateTable;
  translator_language: TranslatorLanguageTable;
  glossary_term: GlossaryTermTable;
  competition: CompetitionTable;
  competition_reviewer: CompetitionReviewerTable;
  competition_application: CompetitionApplicationTable;
  competition_team_member: CompetitionTeamMemberTable;
  competition_file: CompetitionFileTable;
  competition_conflict: CompetitionConflictTable;
  competition_assignment: CompetitionAssignmentTable;
  competition_score: CompetitionScoreTable;
  competition_milestone: CompetitionMilestoneTable;
  competition_report: CompetitionReportTable;
  backup_record: BackupRecordTable;
  exchange_signer: ExchangeSignerTable;
  exchange_package: ExchangePackageTable;
  data_sharing_agreement: DataSharingAgreementTable;
  regional_activity: RegionalActivityTable;
  regional_activity_country: RegionalActivityCountryTable;
  regional_participant: RegionalParticipantTable;
  regional_post: RegionalPostTable;
  tenant_wording: TenantWordingTable;
  kysely_migration: { name: string; timestamp: string };
  kysely_migration_lock: { id: string; is_locked: Generated<number> };
}

/** A library resource (issue 17); its search index (resource_fts / search_vector) is written by raw SQL. */
export interface ResourceTable {
  tenant_id: string;
  id: string;
  /** lesson_plan | activity_design | case_study | curriculum | video | link | document */
  kind: string;
  /** Multilingual text, JSON. */
  title: string;
  description: string;
  /** An activity design, by reference (never copied). */
  design_id: string | null;
  url: string | null;
  file_name: string | null;
  content_type: string | null;
  size_bytes: number | null;
  storage_key: string | null;
  subject: string;
  grade: string;
  /** JSON lists: locales, { itemId, levelCode }, tags, person ids. */
  languages: string;
  licence: string;
  competencies: string;
  tags: string;
  author_person_ids: string;
  owner_person_id: string;
  unit_id: string;
  unit_path: string;
  /** private | school | district: who reads it before national publication */
  sharing: string;
  /** draft | shared | submitted | published */
  status: string;
  /** Readers are placed under this path ('/' once published); null: authors only. */
  visible_path: string | null;
  review_reason: string | null;
  reviewed_by_person_id: string | null;
  reviewed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResourceFacetTable {
  tenant_id: string;
  resource_id: string;
  /** competency | level | language */
  facet: string;
  value: string;
}

export interface ResourceRatingTable {
  tenant_id: string;
  resource_id: string;
  person_id: string;
  stars: number;
  created_at: string;
  updated_at: string;
}

export interface ResourceUseTable {
  tenant_id: string;
  id: string;
  resource_id: string;
  person_id: string;
  unit_path: string;
  used_on: string;
  class_label: string;
  note: string;
  created_at: string;
}

export interface ResourceCollectionTable {
  tenant_id: string;
  id: string;
  owner_person_id: string;
  name: string;
  created_at: string;
}

export interface ResourceCollectionItemTable {
  tenant_id: string;
  collection_id: string;
  resource_id: string;
  added_at: string;
}

/** A PBL grant call (issue 17 part 5). title, theme, description: LocalizedText JSON; rubric: JSON. */
export interface CompetitionTable {
  tenant_id: string;
  id: string;
  title: string;
  theme: string;
  description: string;
  unit_id: string;
  unit_path: string;
  /** JSON list of person categories that may apply. */
  eligible_roles: string;
  currency: string;
  budget_total: number;
  max_per_grant: number;
  opens_at: string;
  closes_at: string;
  review_by: string;
  decision_on: string;
  reporting_due: string;
  /** JSON list of { key, title (LocalizedText), weight, maxScore }. */
  rubric: string;
  reviewers_per_application: number;
  created_by_account_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CompetitionReviewerTable {
  tenant_id: string;
  competition_id: string;
  person_id: string;
  created_at: string;
}

export interface CompetitionApplicationTable {
  tenant_id: string;
  id: string;
  competition_id: string;
  lead_person_id: string;
  title: string;
  summary: string;
  plan: string;
  budget_requested: number;
  /** JSON list of library resource ids attached by reference. */
  resource_ids: string;
  /** draft | submitted | awarded | declined | completed */
  status: string;
  submitted_at: string | null;
  awarded_amount: number | null;
  decision_note: string | null;
  decided_by_account_id: string | null;
  decided_at: string | null;
  showcase_resource_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CompetitionTeamMemberTable {
  tenant_id: string;
  application_id: string;
  competition_id: string;
  person_id: string;
  is_lead: number;
  unit_id: string;
  unit_path: string;
  created_at: string;
}

export interface CompetitionFileTable {
  tenant_id: string;
  id: string;
  application_id: string;
  report_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  storage_key: string;
  added_by_person_id: string;
  created_at: string;
}

export interface CompetitionConflictTable {
  tenant_id: string;
  application_id: string;
  reviewer_person_id: string;
  competition_id: string;
  reason: string;
  created_at: string;
}

export interface CompetitionAssignmentTable {
  tenant_id: string;
  application_id: string;
  reviewer_person_id: string;
  competition_id: string;
  automatic: number;
  assigned_by_account_id: string | null;
  created_at: string;
}

/** Append-only: the latest row (by id) per application, reviewer and criterion counts. */
export interface CompetitionScoreTable {
  tenant_id: string;
  id: string;
  application_id: string;
  competition_id: string;
  reviewer_person_id: string;
  criterion_key: string;
  score: number;
  comment: string;
  created_at: string;
}

export interface CompetitionMilestoneTable {
  tenant_id: string;
  id: string;
  application_id: string;
  title: string;
  due_on: string;
  created_by_account_id: string | null;
  created_at: string;
}

export interface CompetitionReportTable {
  tenant_id: string;
  id: string;
  application_id: string;
  milestone_id: string | null;
  /** progress | final */
  kind: string;
  text: string;
  created_by_person_id: string;
  created_at: string;
}

/** A community of practice (issue 17): subject, region, partnership or a training offering's cohort. */
export interface CommunityTable {
  tenant_id: string;
  id: string;
  /** subject | region | partnership | cohort */
  kind: string;
  name: string;
  description: string;
  /** open (people placed under the unit join and read) | members */
  access: string;
  unit_id: string;
  unit_path: string;
  subject: string | null;
  partnership_id: string | null;
  offering_id: string | null;
  created_by_person_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommunityMemberTable {
  tenant_id: string;
  community_id: string;
  person_id: string;
  /** owner | moderator | member */
  role: string;
  joined_at: string;
}

export interface CommunityThreadTable {
  tenant_id: string;
  id: string;
  community_id: string;
  title: string;
  author_person_id: string;
  post_count: number;
  last_post_at: string;
  created_at: string;
}

/** A post; its search entry (community_fts / community_search) is written by raw SQL. */
export interface CommunityPostTable {
  tenant_id: string;
  id: string;
  thread_id: string;
  community_id: string;
  author_person_id: string;
  body: string;
  /** Person ids mentioned in the body, JSON. */
  mentions: string;
  /** Library resource ids, JSON. */
  attachments: string;
  hidden: number;
  hidden_reason: string | null;
  hidden_by_person_id: string | null;
  hidden_at: string | null;
  created_at: string;
}

export interface CommunityReactionTable {
  tenant_id: string;
  post_id: string;
  person_id: string;
  kind: string;
  created_at: string;
}

export interface CommunityReportTable {
  tenant_id: string;
  post_id: string;
  reporter_person_id: string;
  community_id: string;
  reason: string;
  created_at: string;
}

/** One backup taken by `pathway backup` (migration 0029); `pathway migrate` reads the newest one's time. */
export interface BackupRecordTable {
  id: string;
  created_at: string;
  dialect: string;
  tables: number;
  rows: number;
  files: number;
  bytes: number;
  encrypted: number;
}

/** A country's grant of one aggregate dataset to a regional tenant; append-only (a revoke fills revoked_*). */
export interface DataSharingAgreementTable {
  tenant_id: string;
  id: string;
  grantee_tenant_id: string;
  dataset: string;
  granted_at: string;
  granted_by_account_id: string | null;
  revoked_at: string | null;
  revoked_by_account_id: string | null;
}

/** A key trusted to sign aggregate packages for one country (migration 0034). */
export interface ExchangeSignerTable {
  tenant_id: string;
  id: string;
  /** The signing country's tenant code, as its packages name it. */
  country_code: string;
  public_key_multibase: string;
  added_at: string;
  revoked_at: string | null;
}

/** The newest signed aggregate package held per country and period (migration 0034). */
export interface ExchangePackageTable {
  tenant_id: string;
  id: string;
  country_code: string;
  period: number;
  generated_at: string;
  signer_key: string;
  /** sha256 of the canonical JSON of the aggregates: the same package imported twice changes nothing. */
  digest: string;
  /** The whole package as received, proof included, so it can be verified again. */
  package: string;
  imported_at: string;
}

/** A regional office's seminar, training or international project (migration 0038); in the office's tenant. */
export interface RegionalActivityTable {
  tenant_id: string;
  id: string;
  /** seminar | training | project */
  kind: string;
  /** Multilingual text, JSON. */
  title: string;
  description: string;
  starts_on: string;
  ends_on: string;
  place: string | null;
  online_url: string | null;
  created_by_account_id: string | null;
  created_at: string;
}

/** A country invited to a regional activity (migration 0038). */
export interface RegionalActivityCountryTable {
  tenant_id: string;
  activity_id: string;
  country_tenant_id: string;
  invited_at: string;
}

/** A person their country's ministry nominated to a regional activity: name and school as given then (0038). */
export interface RegionalParticipantTable {
  tenant_id: string;
  activity_id: string;
  country_tenant_id: string;
  /** The person's id in their own country's tenant. */
  person_id: string;
  name: string;
  /** The school's name, multilingual JSON, as at nomination. */
  school_name: string;
  nominated_by_account_id: string | null;
  nominated_at: string;
  attended: number | null;
}

/** A post in a regional activity's discussion; append-only (migration 0038). */
export interface RegionalPostTable {
  tenant_id: string;
  activity_id: string;
  id: string;
  author_tenant_id: string;
  author_person_id: string | null;
  author_name: string;
  body: string;
  created_at: string;
}

export interface TenantWordingTable {
  tenant_id: string;
  /** Which texts: `notifications` or `certificate`. */
  id: string;
  /** JSON `{ key: { locale: text } }`: only what the tenant reworded or translated. */
  texts: string;
  updated_at: string;
}
