import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
import { ApproveBody, Award, AwardQuery, RejectBody } from './awards.schemas.ts';
import {
  CredentialDetail,
  CredentialParams,
  CredentialSummary,
  IssueBody,
  IssuerOverview,
  IssuerParams,
  JsonLdDocument,
  KeyParams,
  PersonParams,
  PresentationVerification,
  PublicCredential,
  StatusChangeBody,
  StatusListParams,
  Verification,
} from './credentials.schemas.ts';
import {
  IdParams,
  Preview,
  PreviewBody,
  PreviewQuery,
  Rule,
  RuleBody,
  RuleQuery,
  RuleStatusBody,
} from './rules.schemas.ts';

const statusChange = (action: string) =>
  ({
    params: CredentialParams,
    body: StatusChangeBody,
    response: { 200: CredentialSummary },
    description: `${action[0]!.toUpperCase()}${action.slice(1)} with a reason (recognition.manage over the holder). Revoking is final; only a suspended credential is reinstated; otherwise 409 invalid_transition.`,
  }) as const;

const RefusedRequest = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Rules, awards and credentials (recognition.routes.ts and credentials.routes.ts). */
export const recognitionApi = {
  'GET /api/recognition/rules': { querystring: RuleQuery, response: { 200: z.object({ items: z.array(Rule) }) } },
  'POST /api/recognition/rules': { body: RuleBody, response: { 201: Rule } },
  'GET /api/recognition/rules/:id': { params: IdParams, response: { 200: Rule } },
  'PUT /api/recognition/rules/:id': { params: IdParams, body: RuleBody, response: { 200: Rule } },
  'POST /api/recognition/rules/:id/status': { params: IdParams, body: RuleStatusBody, response: { 200: Rule } },
  'POST /api/recognition/preview': { body: PreviewBody, response: { 200: Preview } },
  'GET /api/recognition/rules/:id/preview': { params: IdParams, querystring: PreviewQuery, response: { 200: Preview } },
  'GET /api/recognition/awards': { querystring: AwardQuery, response: { 200: z.object({ items: z.array(Award) }) } },
  'POST /api/recognition/awards/:id/approve': { params: IdParams, body: ApproveBody, response: { 200: Award } },
  'POST /api/recognition/awards/:id/reject': { params: IdParams, body: RejectBody, response: { 200: Award } },

  'GET /api/people/:personId/credentials': {
    params: PersonParams,
    response: { 200: z.array(CredentialSummary) },
    description:
      "A person's credentials, newest first: for the holder and whoever may see their individual ratings (assessment.read, recognition.manage or recognition.approve over them).",
  },
  'GET /api/credentials/:id': {
    params: CredentialParams,
    response: { 200: CredentialDetail },
    description: 'One credential: its status and the signed OpenBadgeCredential as issued.',
  },
  'GET /api/credentials/:id/download': {
    params: CredentialParams,
    description: 'The signed credential as a JSON file (attachment), to keep or give to any verifier.',
  },
  'GET /api/credentials/:id/credential.jwt': {
    params: CredentialParams,
    description:
      'The credential as a VC-JWT file (application/vc+jwt, attachment): the stored credential without its proof, signed EdDSA with the issuer’s active key (kid: its key URL, typ: vc+jwt). Same readers as the JSON download.',
  },
  'GET /api/credentials/:id/certificate.pdf': {
    params: CredentialParams,
    description:
      "The printable certificate (PDF, A4) in the holder's language, with a QR code to the verification page.",
  },
  'POST /api/credentials/:id/revoke': statusChange('revoke'),
  'POST /api/credentials/:id/suspend': statusChange('suspend'),
  'POST /api/credentials/:id/reinstate': statusChange('reinstate'),
  'GET /api/issuer': {
    response: { 200: IssuerOverview },
    description: "The tenant's issuer: its keys (created, retired, credentials signed) and credentials by status.",
  },
  'POST /api/issuer/keys/rotate': {
    response: { 200: IssuerOverview },
    description: 'A new signing key (recognition.manage at the top unit); earlier keys stay published.',
  },
  // W3C VC API issuing.
  'POST /credentials/issue': {
    body: IssueBody,
    // The bare VC-JWT (Accept: application/vc+jwt) is text, sent as it is, never serialised as JSON.
    response: { 201: z.union([z.object({ verifiableCredential: JsonLdDocument }), z.string()]) },
    description:
      'W3C VC API. The credential is an unsigned OpenBadgeCredential whose credentialSubject.id is urn:uuid:<person id> (someone in your recognition.manage scope, never yourself: 403), with achievement name, description and criteria.narrative; alignment targetCode may name CASE identifiers of published competencies. A holder DID as credentialSubject.id is kept, the person then named in options.personId. Secured with an eddsa-rdfc-2022 proof; with options.format "vc+jwt" as a VC-JWT (EdDSA with the same key, kid its key URL, typ vc+jwt, the payload the credential) in an EnvelopedVerifiableCredential, or, with Accept: application/vc+jwt, as the bare token (content type application/vc+jwt). Sign in (session with CSRF header) or use an API token.',
  },
  'GET /api/public/credentials/:id': {
    params: CredentialParams,
    response: { 200: PublicCredential },
    description:
      'No sign-in: what the verification page shows. The credential, its issuer and holder, its status, and the result of verifying it now.',
  },
  'GET /issuers/:tenantId': { params: IssuerParams, response: { 200: JsonLdDocument } },
  'GET /issuers/:tenantId/keys/:keyId': { params: KeyParams, response: { 200: JsonLdDocument } },
  'GET /status/:tenantId/:purpose/:listNo': { params: StatusListParams, response: { 200: JsonLdDocument } },
  // The two verify routes read their body themselves (raw bytes, an upload): no body schema.
  'POST /credentials/verify': {
    // A request refused before verification (an unknown query parameter, say) answers the coded error.
    response: { 200: Verification, 400: z.union([Verification, RefusedRequest]) },
    description:
      'W3C VC API: { verifiableCredential, options? } > { checks, warnings, errors } (and verified, verdict, format, results). The credential is Data Integrity JSON (eddsa-rdfc-2022, eddsa-2022, Ed25519Signature2020; every proof of a set must verify) or a VC-JWT (the compact token as a string, or an EnvelopedVerifiableCredential; RS256, ES256, EdDSA; key by kid or jwk). Keys named by did:web or https are fetched (5 s, 100 kB, cached); unreachable, the verdict is needs_network (400, the check `unknown`, code key_unreachable). 200 when verified, 400 when not. Status lists of other issuers are fetched like keys and must be signed by the credential’s issuer; unreachable, the verdict is needs_network. Bodies over 64 KB are 413 body_too_large; a credential of more than 6,000 values, lists over 500 or nesting over 24 fails every check as malformed. 20 a minute per address.',
  },
  'POST /presentations/verify': {
    response: { 200: PresentationVerification, 400: z.union([PresentationVerification, RefusedRequest]) },
    description:
      "W3C VC API: { verifiablePresentation, options?: { challenge, domain } } > { checks, warnings, errors } (and verified, verdict, results, credentials). The presentation is JSON with Data Integrity proofs, or a VP-JWT (the compact token, or an EnvelopedVerifiablePresentation; the payload the presentation, or its vp claim with iss the holder). The holder proof is checked with the authentication purpose (the challenge and domain given; a VP-JWT's nonce and aud) and bound to `holder`; an unsigned JSON presentation is a warning. Its @context must begin with the VC 2.0 base context (check `schema`). Every credential in it (at most 20; JSON or VC-JWT) is verified as by POST /credentials/verify. 200 when verified, 400 when not. 20 a minute per address.",
  },
  'POST /api/public/verify': {
    response: { 200: Verification },
    description:
      'No sign-in: verify an uploaded credential file (the raw JSON, or a VC-JWT as text, as the body; a VC API { verifiableCredential } wrapper is unwrapped). Always 200: `verified` and the checks say the outcome (413 body_too_large over 64 KB). 20 a minute per address.',
  },
} as const satisfies ApiMap;
