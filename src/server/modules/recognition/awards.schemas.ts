import { z } from 'zod';
import { ResolvedTextSchema as Resolved } from '../org/org.schemas.ts';
import { ACHIEVEMENT_TYPES, AWARD_STATUSES, RULE_MODES } from './rules.schemas.ts';

export const Award = z.object({
  id: z.string(),
  ruleId: z.string(),
  ruleName: Resolved,
  achievementType: z.enum(ACHIEVEMENT_TYPES),
  mode: z.enum(RULE_MODES),
  personId: z.string(),
  personName: z.string(),
  unitName: Resolved,
  status: z.enum(AWARD_STATUSES),
  credentialId: z.string().nullable(),
  /** The issued credential's status now: active, suspended or revoked. */
  credentialStatus: z.enum(['active', 'suspended', 'revoked']).nullable(),
  qualifiedAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export type Award = z.infer<typeof Award>;

export const AwardQuery = z.strictObject({
  status: z.enum(AWARD_STATUSES).default('pending'),
  personId: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AwardQuery = z.infer<typeof AwardQuery>;

export const RejectBody = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
export const ApproveBody = z.strictObject({ comment: z.string().trim().max(2000).optional() });
