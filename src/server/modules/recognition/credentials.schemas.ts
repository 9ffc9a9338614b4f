import { z } from 'zod';

export const CredentialParams = z.object({ id: z.string().min(1).max(100) });
export const PersonParams = z.object({ personId: z.string().min(1).max(100) });
export const IssuerParams = z.object({ tenantId: z.string().min(1).max(100) });
export const KeyParams = z.object({ tenantId: z.string().min(1).max(100), keyId: z.string().min(1).max(100) });
export const StatusListParams = z.object({
  tenantId: z.string().min(1).max(100),
  purpose: z.enum(['revocation', 'suspension']),
  listNo: z.coerce.number().int().min(0).max(1_000_000),
});

export const StatusChangeBody = z.strictObject({ reason: z.string().trim().min(1).max(1000) });

/** W3C VC API issue request: the unsigned credential; options are accepted and not used. */
export const IssueBody = z.strictObject({
  credential: z.record(z.string(), z.unknown()),
  options: z.record(z.string(), z.unknown()).optional(),
});

export const JsonLdDocument = z.record(z.string(), z.unknown());

export const Check = z.object({
  check: z.enum(['schema', 'proof', 'issuer_key', 'dates', 'status']),
  outcome: z.enum(['passed', 'failed', 'not_checked', 'unknown']),
  code: z.string(),
  message: z.string(),
});

/** The VC API's { checks, warnings, errors }, with `verified` and each check's outcome for screens. */
export const Verification = z.object({
  verified: z.boolean(),
  verdict: z.enum(['valid', 'invalid', 'needs_network']),
  format: z.enum(['vc-data-integrity', 'vc-jwt']).nullable(),
  checks: z.array(z.string()),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
  results: z.array(Check),
});

/** POST /presentations/verify: the holder's proof and binding, then each credential's verification. */
export const PresentationVerification = z.object({
  verified: z.boolean(),
  verdict: z.enum(['valid', 'invalid', 'needs_network']),
  checks: z.array(z.string()),
  warnings: z.array(z.string()),
  errors: z.array(z.string()),
  results: z.array(
    z.object({
      check: z.enum(['presentation_proof', 'holder', 'schema']),
      outcome: z.enum(['passed', 'failed', 'not_checked', 'unknown']),
      code: z.string(),
      message: z.string(),
    }),
  ),
  credentials: z.array(Verification),
});

const Status = z.enum(['active', 'suspended', 'revoked']);

export const CredentialSummary = z.object({
  id: z.string(),
  personId: z.string(),
  achievementKey: z.string(),
  name: z.string(),
  achievementType: z.string(),
  locale: z.string(),
  source: z.object({ type: z.string(), id: z.string().nullable() }),
  keyId: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: Status,
  statusReason: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  verifyUrl: z.string(),
});

export const CredentialDetail = CredentialSummary.extend({
  holderName: z.string(),
  credential: JsonLdDocument,
});

export const PublicCredential = z.object({
  id: z.string(),
  status: Status,
  statusChangedAt: z.string().nullable(),
  issuer: z.object({ id: z.string(), name: z.string(), url: z.string() }),
  holderName: z.string(),
  name: z.string(),
  description: z.string(),
  achievementType: z.string(),
  locale: z.string(),
  issuedAt: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  verifyUrl: z.string(),
  credential: JsonLdDocument,
  verification: Verification,
});

export const IssuerOverview = z.object({
  id: z.string(),
  name: z.string(),
  keys: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      publicKeyMultibase: z.string(),
      createdAt: z.string(),
      retiredAt: z.string().nullable(),
      active: z.boolean(),
      credentials: z.number(),
    }),
  ),
  counts: z.object({ active: z.number(), suspended: z.number(), revoked: z.number() }),
});
