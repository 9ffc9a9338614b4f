// Types of the recognition screens, inferred from the server's zod schemas (type-only, no runtime code).
import type { z } from 'zod';
import type { Award as AwardSchema } from '../../server/modules/recognition/awards.schemas.ts';
import type {
  CredentialSummary as CredentialSummarySchema,
  IssuerOverview as IssuerOverviewSchema,
  PublicCredential as PublicCredentialSchema,
  Verification as VerificationSchema,
} from '../../server/modules/recognition/credentials.schemas.ts';
import type {
  Condition,
  Preview as PreviewSchema,
  RuleInput,
  Rule as RuleSchema,
} from '../../server/modules/recognition/rules.schemas.ts';

export type Rule = z.infer<typeof RuleSchema>;
export type Preview = z.infer<typeof PreviewSchema>;
export type Award = z.infer<typeof AwardSchema>;
export type CredentialSummary = z.infer<typeof CredentialSummarySchema>;
export type PublicCredential = z.infer<typeof PublicCredentialSchema>;
export type Verification = z.infer<typeof VerificationSchema>;
export type IssuerOverview = z.infer<typeof IssuerOverviewSchema>;
export type { Condition, RuleInput };

/** The Open Badges achievement types a rule may award (the server's list; kept here to stay out of the bundle's zod). */
export const ACHIEVEMENT_TYPES = [
  'Competency',
  'Certificate',
  'Certification',
  'Badge',
  'MicroCredential',
  'Achievement',
  'Award',
  'CertificateOfCompletion',
  'LearningProgram',
  'License',
] as const satisfies readonly Rule['achievementType'][];
