/**
 * The whole-school ICT self-review: its areas and statements, as codes. The texts (each statement,
 * and a descriptor for every point of the 1-4 scale) are in the web catalogues under
 * `schoolPlans.areas.<area>` and `schoolPlans.statements.<statement>`.
 */
export const REVIEW_AREAS = [
  'leadership_vision',
  'infrastructure_access',
  'professional_learning',
  'teaching_practice',
  'assessment_practice',
  'students_digital_competence',
] as const;
export type ReviewArea = (typeof REVIEW_AREAS)[number];

/** Three statements per area; each is answered on REVIEW_SCALE. */
export const REVIEW_STATEMENTS: Record<ReviewArea, readonly string[]> = {
  leadership_vision: ['lv_shared_vision', 'lv_leaders_model', 'lv_time_budget'],
  infrastructure_access: ['ia_devices_enough', 'ia_connectivity', 'ia_support'],
  professional_learning: ['pl_needs_known', 'pl_learn_together', 'pl_try_in_class'],
  teaching_practice: ['tp_students_create', 'tp_collaborate', 'tp_inclusive'],
  assessment_practice: ['ap_formative_tools', 'ap_feedback', 'ap_portfolios'],
  students_digital_competence: ['sd_safe_responsible', 'sd_find_evaluate', 'sd_create_share'],
};

export const STATEMENT_CODES = REVIEW_AREAS.flatMap((a) => REVIEW_STATEMENTS[a]);
export const areaOfStatement = (code: string): ReviewArea | undefined =>
  REVIEW_AREAS.find((a) => REVIEW_STATEMENTS[a].includes(code));

/** 1 not yet, 2 beginning, 3 developing well, 4 embedded across the school. */
export const REVIEW_SCALE = [1, 2, 3, 4] as const;

/** Who answered: the two groups results may be split by (each only when at least MINIMUM_GROUP answered). */
export const RESPONDENT_GROUPS = ['leader', 'teacher'] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

/** A review is open for answers for at most this many days. */
export const MAX_REVIEW_DAYS = 90;

/** Actions of a school's ICT plan. */
export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const SCHOOL_PLAN_STATUSES = ['draft', 'active', 'archived'] as const;
export type SchoolPlanStatus = (typeof SCHOOL_PLAN_STATUSES)[number];

/** A plan covers at most this many years (a development plan is renewed, not left open). */
export const MAX_PLAN_YEARS = 5;
