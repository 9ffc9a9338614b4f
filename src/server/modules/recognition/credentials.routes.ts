import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, Upload } from '../../http/uploads.ts';
import * as credentials from './credentials.service.ts';
import { recognitionApi } from './recognition.api.ts';

const tags = ['recognition'];
// A credential Pathway issues is a few kilobytes; verifying costs CPU in proportion to its size.
const MAX_CREDENTIAL_BYTES = 64 * 1024;
// Reading the public page of a stored credential: enough for any person or wallet, not for a flood.
const publicLimit = { max: 120, timeWindow: '1 minute' };
// Verifying a document someone sends costs up to a second of CPU: 20 a minute from one address
// unless PATHWAY_VERIFY_RATE_LIMIT says otherwise (a test suite run against a local instance needs more).
const VERIFY_PER_MINUTE = 20;

/** Documents other verifiers fetch (keys, status lists) may be read from any origin. */
const openToAll = async (_req: FastifyRequest, reply: FastifyReply) => {
  reply.header('access-control-allow-origin', '*');
};

export function credentialsRoutes(app: ZodApp, database: Database, options: { verifyPerMinute?: number } = {}) {
  route(app, recognitionApi, 'GET /api/people/:personId/credentials', { tags }, (req) =>
    credentials.listCredentials(req.ctx, { personId: req.params.personId }),
  );
  route(app, recognitionApi, 'GET /api/credentials/:id', { tags }, (req) =>
    credentials.getCredential(req.ctx, req.params.id),
  );
  route(app, recognitionApi, 'GET /api/credentials/:id/download', { tags }, async (req, reply) => {
    const detail = await credentials.getCredential(req.ctx, req.params.id);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="credential-${detail.id}.json"`)
      .send(JSON.stringify(detail.credential, null, 2));
  });
  route(app, recognitionApi, 'GET /api/credentials/:id/credential.jwt', { tags }, async (req, reply) => {
    const token = await credentials.credentialJwt(req.ctx, req.params.id);
    return reply
      .type('application/vc+jwt')
      .header('content-disposition', `attachment; filename="credential-${req.params.id}.jwt"`)
      .send(token);
  });
  route(app, recognitionApi, 'GET /api/credentials/:id/certificate.pdf', { tags }, async (req, reply) => {
    const pdf = await credentials.certificatePdf(req.ctx, req.params.id);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="certificate-${req.params.id}.pdf"`)
      .send(pdf);
  });
  for (const action of ['revoke', 'suspend', 'reinstate'] as const) {
    route(app, recognitionApi, `POST /api/credentials/:id/${action}`, { tags }, (req) =>
      credentials.changeStatus(req.ctx, req.params.id, action, req.body.reason),
    );
  }
  route(app, recognitionApi, 'GET /api/issuer', { tags }, (req) => credentials.issuerOverview(req.ctx));
  route(app, recognitionApi, 'POST /api/issuer/keys/rotate', { tags }, (req) => credentials.rotateKey(req.ctx));

  // W3C VC API issuing. `Accept: application/vc+jwt` asks for the bare VC-JWT as the body.
  route(app, recognitionApi, 'POST /credentials/issue', { tags }, async (req, reply) => {
    const bareJwt = /\bapplication\/vc\+jwt\b/.test(req.headers.accept ?? '');
    const options = bareJwt ? { ...req.body.options, format: 'vc+jwt' } : req.body.options;
    const verifiableCredential = await credentials.issueFromVcApi(req.ctx, req.body.credential, options);
    if (bareJwt)
      return reply
        .code(201)
        .type('application/vc+jwt')
        .send(String(verifiableCredential.id).slice('data:application/vc+jwt,'.length));
    return reply.code(201).send({ verifiableCredential });
  });

  route(
    app,
    recognitionApi,
    'GET /api/public/credentials/:id',
    { tags, config: { auth: 'public', rateLimit: publicLimit } },
    (req) => credentials.publicCredential(database, req.params.id),
  );
  route(
    app,
    recognitionApi,
    'GET /issuers/:tenantId',
    { tags, config: { auth: 'public' }, onRequest: openToAll },
    (req) => credentials.issuerDocument(database, req.params.tenantId),
  );
  route(
    app,
    recognitionApi,
    'GET /issuers/:tenantId/keys/:keyId',
    { tags, config: { auth: 'public' }, onRequest: openToAll },
    (req) => credentials.issuerKeyDocument(database, req.params.tenantId, req.params.keyId),
  );
  route(
    app,
    recognitionApi,
    'GET /status/:tenantId/:purpose/:listNo',
    { tags, config: { auth: 'public' }, onRequest: openToAll },
    (req) => credentials.statusListDocument(database, req.params.tenantId, req.params.purpose, req.params.listNo),
  );

  const verifyLimit = { max: options.verifyPerMinute ?? VERIFY_PER_MINUTE, timeWindow: '1 minute' };
  app.register(async (scope) => verifyRoutes(scope as ZodApp, database, verifyLimit));
}

/**
 * Verification reads the body itself (raw bytes): whatever arrives, broken JSON included, is
 * answered with the failed checks, never with a parser error.
 */
function verifyRoutes(app: ZodApp, database: Database, verifyLimit: { max: number; timeWindow: string }) {
  acceptUploads(app, MAX_CREDENTIAL_BYTES);
  route(
    app,
    recognitionApi,
    'POST /credentials/verify',
    { tags, config: { auth: 'public', rateLimit: verifyLimit } },
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
  route(
    app,
    recognitionApi,
    'POST /presentations/verify',
    { tags, config: { auth: 'public', rateLimit: verifyLimit } },
    async (req, reply) => {
      const body = await parseJson(req.body);
      const { verifiablePresentation, options } =
        body && typeof body === 'object' ? (body as { verifiablePresentation?: unknown; options?: unknown }) : {};
      const given = options && typeof options === 'object' ? (options as Record<string, unknown>) : {};
      const result = await credentials.verifyPresentation(database, verifiablePresentation, {
        ...(typeof given.challenge === 'string' ? { challenge: given.challenge } : {}),
        ...(typeof given.domain === 'string' ? { domain: given.domain } : {}),
      });
      return reply.code(result.verified ? 200 : 400).send(result);
    },
  );
  route(
    app,
    recognitionApi,
    'POST /api/public/verify',
    { tags, config: { auth: 'public', rateLimit: verifyLimit } },
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

/** The body as JSON, or as text when it is not JSON (a VC-JWT is sent as the compact token). */
async function parseJson(body: unknown): Promise<unknown> {
  if (!(body instanceof Upload) || body.size === 0) return undefined;
  // A byte order mark (some editors save one) is not part of the JSON or the token.
  const text = (await body.bytes()).toString('utf8').replace(/^\uFEFF/, '');
  try {
    return JSON.parse(text);
  } catch {
    return text.trim();
  }
}
