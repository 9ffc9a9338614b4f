export const KINDS = [
  'review_requested',
  'review_decided',
  'evidence_requested',
  'credential_issued',
  'credential_revoked',
  'approval_waiting',
  'plan_proposed',
  'plan_agreed',
  'enrolment_confirmed',
  'enrolment_waitlisted',
  'enrolment_promoted',
  'offering_changed',
  'offering_cancelled',
  'survey_invited',
  'survey_reminder',
  'event_invited',
  'competition_awarded',
  'competition_declined',
  'community_post',
  'community_mention',
  'regional_nominated',
] as const;
export type Kind = (typeof KINDS)[number];

// What each kind of message says, in every language, is in the catalogues (`messages.notifications`),
// under what a tenant reworded or translated itself (translations/translations.wording.ts).

export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
