import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { toErrorResponse } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import { resolveText } from '../../shared/localized.ts';
import { caseApi } from './frameworks.api.ts';
import * as provider from './frameworks.case.provider.ts';
import { CASE_PATH } from './frameworks.case.ts';
import { attachment, exportFileName } from './frameworks.names.ts';
import * as frameworks from './frameworks.service.ts';

const tags = ['CASE 1.1'];
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
  // Its fixed path wins over the exchange route's `:format`, so it names the file as that route does.
  route(app, caseApi, 'GET /api/frameworks/:frameworkId/export/case', { tags }, async (req, reply) => {
    const { ctx } = req;
    const framework = await frameworks.getFramework(ctx, req.params.frameworkId);
    const title = resolveText(framework.title, ctx.locale, ctx.defaultLocale).text;
    reply.header('content-disposition', attachment(exportFileName(title, framework.version, 'case')));
    return frameworks.exportCase(ctx, framework.id, origin(req));
  });

  const publicRoute = { tags, config: { auth: 'public' as const }, errorHandler: imsxError };
  route(app, caseApi, `GET ${CASE_PATH}/CFDocuments`, publicRoute, async (req, reply) => {
    const { total, CFDocuments } = await frameworks.caseDocuments(database, req.query, origin(req));
    return reply.header('X-Total-Count', String(total)).send({ CFDocuments });
  });
  route(
    app,
    caseApi,
    `GET ${CASE_PATH}/CFDocuments/:sourcedId`,
    publicRoute,
    async (req) => (await frameworks.casePackage(database, req.params.sourcedId, origin(req))).CFDocument,
  );
  route(app, caseApi, `GET ${CASE_PATH}/CFPackages/:sourcedId`, publicRoute, (req) =>
    frameworks.casePackage(database, req.params.sourcedId, origin(req)),
  );
  route(app, caseApi, `GET ${CASE_PATH}/CFItems/:sourcedId`, publicRoute, (req) =>
    frameworks.caseItem(database, req.params.sourcedId, origin(req)),
  );
  route(app, caseApi, `GET ${CASE_PATH}/CFItemAssociations/:sourcedId`, publicRoute, (req) =>
    provider.caseItemAssociations(database, req.params.sourcedId, origin(req)),
  );
  route(app, caseApi, `GET ${CASE_PATH}/CFAssociations/:sourcedId`, publicRoute, (req) =>
    provider.caseAssociation(database, req.params.sourcedId, origin(req)),
  );
  route(app, caseApi, `GET ${CASE_PATH}/CFRubrics/:sourcedId`, publicRoute, (req) =>
    provider.caseRubric(database, req.params.sourcedId, origin(req)),
  );
  route(app, caseApi, `GET ${CASE_PATH}/CFItemTypes/:sourcedId`, publicRoute, (req) =>
    provider.caseItemType(database, req.params.sourcedId, origin(req)),
  );
  // Definitions kept from imported packages, served as they came.
  for (const kind of ['CFConcepts', 'CFSubjects', 'CFLicenses', 'CFAssociationGroupings'] as const) {
    route(app, caseApi, `GET ${CASE_PATH}/${kind}/:sourcedId`, publicRoute, (req) =>
      provider.caseDefinition(database, kind, req.params.sourcedId, origin(req)),
    );
  }
}
