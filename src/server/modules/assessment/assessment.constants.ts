// Plain values shared with the web app, which must not pull zod into its bundles.

export const EVENT_KINDS = ['self', 'assessor', 'observation', 'training', 'imported'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The answer for "below the first level". */
export const NOT_YET = 'not_yet';

/** ICT-integration practices an observer can tick during a lesson. */
export const OBSERVED_PRACTICES = [
  'students_use_ict',
  'students_create_with_ict',
  'collaboration_with_ict',
  'teacher_models_ict',
  'ict_for_assessment',
  'ict_for_differentiation',
  'safe_responsible_use',
] as const;
