import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, Upload } from '../../http/uploads.ts';
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
  PublicCredential,
  StatusChangeBody,
  StatusListParams,
  Verification,
} from './credentials.schemas.ts';
import * as credentials from './credentials.service.ts';

const tags = ['recognition'];
// A credential Pathway issues is a few kilobytes; verifying costs CPU in proportion to its size.
const MAX_CREDENTIAL_BYTES = 64 * 1024;
// Reading the public page of a stored credential: enough for any person or wallet, not for a flood.
const publicLimit = { max: 120, timeWindow: '1 minute' };
// Verifying a document someone sends costs up to a second of CPU: 20 a minute from one address.
const verifyLimit = { max: 20, timeWindow: '1 minute' };

/** Documents other verifiers fetch (keys, status lists) may be read from any origin. */
const openToAll = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('access-control-allow-origin', '*');
};

export function credentialsRoutes(app: ZodApp, database: Database) {
  app.get(
    '/api/people/:personId/credentials',
    {
      schema: {
        tags,
        params: PersonParams,
        response: { 200: z.array(CredentialSummary) },
        description:
          "A person's credentials, newest first: for the holder and whoever may see their individual ratings (assessment.read, recognition.manage or recognition.approve over them).",
      },
    },
    (req) => credentials.listCredentials(req.ctx, { personId: req.params.personId }),
  );
  app.get(
    '/api/credentials/:id',
    {
      schema: {
        tags,
        params: CredentialParams,
        response: { 200: CredentialDetail },
        description: 'One credential: its status and the signed OpenBadgeCredential as issued.',
      },
    },
    (req) => credentials.getCredential(req.ctx, req.params.id),
  );
  app.get(
    '/api/credentials/:id/download',
    {
      schema: {
        tags,
        params: CredentialParams,
        description: 'The signed credential as a JSON file (attachment), to keep or give to any verifier.',
      },
    },
    async (req, reply) => {
      const detail = await credentials.getCredential(req.ctx, req.params.id);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="credential-${detail.id}.json"`)
        .send(JSON.stringify(detail.credential, null, 2));
    },
  );
  app.get(
    '/api/credentials/:id/certificate.pdf',
    {
      schema: {
        tags,
        params: CredentialParams,
        description:
          "The printable certificate (PDF, A4) in the holder's language, with a QR code to the verification page.",
      },
    },
    async (req, reply) => {
      const pdf = await credentials.certificatePdf(req.ctx, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${req.params.id}.pdf"`)
        .send(pdf);
    },
  );
  for (const action of ['revoke', 'suspend', 'reinstate'] as const) {
    app.post(
      `/api/credentials/:id/${action}`,
      {
        schema: {
          tags,
          params: CredentialParams,
          body: StatusChangeBody,
          response: { 200: CredentialSummary },
          description: `${action[0]!.toUpperCase()}${action.slice(1)} with a reason (recognition.manage over the holder). Revoking is final; only a suspended credential is reinstated; otherwise 409 invalid_transition.`,
        },
      },
      (req) => credentials.changeStatus(req.ctx, req.params.id, action, req.body.reason),
    );
  }
  app.get(
    '/api/issuer',
    {
      schema: {
        tags,
        response: { 200: IssuerOverview },
        description: "The tenant's issuer: its keys (created, retired, credentials signed) and credentials by status.",
      },
    },
    (req) => credentials.issuerOverview(req.ctx),
  );
  app.post(
    '/api/issuer/keys/rotate',
    {
      schema: {
        tags,
        response: { 200: IssuerOverview },
        description: 'A new signing key (recognition.manage at the top unit); earlier keys stay published.',
      },
    },
    (req) => credentials.rotateKey(req.ctx),
  );

  // W3C VC API issuing.
  app.post(
    '/credentials/issue',
    {
      schema: {
        tags,
        body: IssueBody,
        response: { 201: z.object({ verifiableCredential: JsonLdDocument }) },
        description:
          'W3C VC API. The credential is an unsigned OpenBadgeCredential whose credentialSubject.id is urn:uuid:<person id> (someone in your recognition.manage scope, never yourself: 403), with achievement name, description and criteria.narrative; alignment targetCode may name CASE identifiers of published competencies. Sign in (session with CSRF header) or use an API token.',
      },
    },
    async (req, reply) => {
      const verifiableCredential = await credentials.issueFromVcApi(req.ctx, req.body.credential);
      return reply.code(201).send({ verifiableCredential });
    },
  );

  app.get(
    '/api/public/credentials/:id',
    {
      config: { auth: 'public', rateLimit: publicLimit },
      schema: {
        tags,
        params: CredentialParams,
        response: { 200: PublicCredential },
        description:
          'No sign-in: what the verification page shows. The credential, its issuer and holder, its status, and the result of verifying it now.',
      },
    },
    (req) => credentials.publicCredential(database, req.params.id),
  );
  app.get(
    '/issuers/:tenantId',
    {
      config: { auth: 'public' },
      onRequest: openToAll,
      schema: { tags, params: IssuerParams, response: { 200: JsonLdDocument } },
    },
    (req) => credentials.issuerDocument(database, req.params.tenantId),
  );
  app.get(
    '/issuers/:tenantId/keys/:keyId',
    {
      config: { auth: 'public' },
      onRequest: openToAll,
      schema: { tags, params: KeyParams, response: { 200: JsonLdDocument } },
    },
    (req) => credentials.issuerKeyDocument(database, req.params.tenantId, req.params.keyId),
  );
  app.get(
    '/status/:tenantId/:purpose/:listNo',
    {
      config: { auth: 'public' },
      onRequest: openToAll,
      schema: { tags, params: StatusListParams, response: { 200: JsonLdDocument } },
    },
    (req) => credentials.statusListDocument(database, req.params.tenantId, req.params.purpose, req.params.listNo),
  );

  app.register(async (scope) => verifyRoutes(scope as ZodApp, database));
}

/**
 * Verification reads the body itself (raw bytes): whatever arrives, broken JSON included, is
 * answered with the failed checks, never with a parser error.
 */
function verifyRoutes(app: ZodApp, database: Database) {
  acceptUploads(app, MAX_CREDENTIAL_BYTES);
  app.post(
    '/credentials/verify',
    {
      config: { auth: 'public', rateLimit: verifyLimit },
      schema: {
        tags,
        // A request refused before verification (an unknown query parameter, say) answers the coded error.
        response: { 200: Verification, 400: z.union([Verification, RefusedRequest]) },
        description:
          'W3C VC API: { verifiableCredential, options? } > { checks, warnings, errors } (and verified, results). 200 when verified, 400 with the failed checks when not. Offline: status lists of other issuers are not checked (a warning). Bodies over 64 KB are 413 body_too_large; a credential of more than 6,000 values, lists over 500 or nesting over 24 fails every check as malformed. 20 a minute per address.',
      },
    },
    async (req, reply) => {
      const body = await parseJson(req.body);
      const credential =
        body && typeof body === 'object'
          ? (body as { verifiableCredential?: unknown }).verifiableCredential
          : undefined;
      const result = await credentials.verify(database, credential);
      return reply.code(result.verified ? 200 : 400).send(result);
    },
  );
  app.post(
    '/api/public/verify',
    {
      config: { auth: 'public', rateLimit: verifyLimit },
      schema: {
        tags,
        response: { 200: Verification },
        description:
          'No sign-in: verify an uploaded credential file (the raw JSON as the body; a VC API { verifiableCredential } wrapper is unwrapped). Always 200: `verified` and the checks say the outcome (413 body_too_large over 64 KB). 20 a minute per address.',
      },
    },
    async (req) => {
      const body = await parseJson(req.body);
      const wrapped =
        body && typeof body === 'object' && !('@context' in body) && 'verifiableCredential' in body
          ? (body as { verifiableCredential: unknown }).verifiableCredential
          : body;
      return credentials.verify(database, wrapped);
    },
  );
}

const RefusedRequest = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

async function parseJson(body: unknown): Promise<unknown> {
  if (!(body instanceof Upload) || body.size === 0) return undefined;
  try {
    return JSON.parse((await body.bytes()).toString('utf8'));
  } catch {
    return undefined;
  }
}
