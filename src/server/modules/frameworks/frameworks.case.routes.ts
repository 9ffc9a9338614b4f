import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { toErrorResponse } from '../../http/errors.ts';
import { AppError } from '../../shared/errors.ts';
import * as provider from './frameworks.case.provider.ts';
import { CASE_PATH } from './frameworks.case.ts';
import { FrameworkParams } from './frameworks.schemas.ts';
import * as frameworks from './frameworks.service.ts';

const tags = ['CASE 1.1'];
const Identifier = z.object({ sourcedId: z.string().min(1).max(100) });
const Paging = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
const CasePackage = z.record(z.string(), z.unknown()).describe('A CASE 1.1 CFPackage');

const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** CASE providers answer errors as imsx_StatusInfo, not Pathway's error shape. */
function imsxError(error: unknown, _req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(error);
  const minor = status === 404 ? 'unknownobject' : status === 400 ? 'invaliddata' : 'internal_server_error';
  return reply.code(status).send({
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: body.error.message,
    imsx_CodeMinor: {
      imsx_codeMinorField: [{ imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: minor }],
    },
  });
}

export function caseRoutes(app: ZodApp, database: Database) {
  app.get(
    '/api/frameworks/:frameworkId/export/case',
    {
      schema: {
        tags,
        params: FrameworkParams,
        response: { 200: CasePackage },
        description: 'Any framework you may read, as a CASE 1.1 CFPackage.',
      },
    },
    (req) => frameworks.exportCase(req.ctx, req.params.frameworkId, origin(req)),
  );

  const publicRoute = { config: { auth: 'public' as const }, errorHandler: imsxError };
  app.get(`${CASE_PATH}/CFDocuments`, { ...publicRoute, schema: { tags, querystring: Paging } }, async (req, reply) => {
    const { total, CFDocuments } = await frameworks.caseDocuments(database, req.query, origin(req));
    return reply.header('X-Total-Count', String(total)).send({ CFDocuments });
  });
  app.get(
    `${CASE_PATH}/CFDocuments/:sourcedId`,
    { ...publicRoute, schema: { tags, params: Identifier } },
    async (req) => (await frameworks.casePackage(database, req.params.sourcedId, origin(req))).CFDocument,
  );
  app.get(`${CASE_PATH}/CFPackages/:sourcedId`, { ...publicRoute, schema: { tags, params: Identifier } }, (req) =>
    frameworks.casePackage(database, req.params.sourcedId, origin(req)),
  );
  app.get(`${CASE_PATH}/CFItems/:sourcedId`, { ...publicRoute, schema: { tags, params: Identifier } }, (req) =>
    frameworks.caseItem(database, req.params.sourcedId, origin(req)),
  );
  app.get(
    `${CASE_PATH}/CFItemAssociations/:sourcedId`,
    { ...publicRoute, schema: { tags, params: Identifier } },
    (req) => provider.caseItemAssociations(database, req.params.sourcedId, origin(req)),
  );
  app.get(`${CASE_PATH}/CFAssociations/:sourcedId`, { ...publicRoute, schema: { tags, params: Identifier } }, (req) =>
    provider.caseAssociation(database, req.params.sourcedId, origin(req)),
  );
  app.get(`${CASE_PATH}/CFRubrics/:sourcedId`, { ...publicRoute, schema: { tags, params: Identifier } }, (req) =>
    provider.caseRubric(database, req.params.sourcedId, origin(req)),
  );
  app.get(`${CASE_PATH}/CFItemTypes/:sourcedId`, { ...publicRoute, schema: { tags, params: Identifier } }, (req) =>
    provider.caseItemType(database, req.params.sourcedId, origin(req)),
  );
  // Definitions Pathway does not keep (it exports none): always unknown, answered the CASE way.
  for (const kind of ['CFConcepts', 'CFSubjects', 'CFLicenses', 'CFAssociationGroupings']) {
    app.get(`${CASE_PATH}/${kind}/:sourcedId`, { ...publicRoute, schema: { tags, params: Identifier } }, (req) => {
      throw new AppError('case_not_found', `No ${kind.slice(0, -1)} ${req.params.sourcedId}.`, {
        identifier: req.params.sourcedId,
      });
    });
  }
}
