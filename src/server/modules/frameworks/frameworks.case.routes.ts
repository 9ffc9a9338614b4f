import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { toErrorResponse } from '../../http/errors.ts';
import { route } from '../../http/route.ts';
import { resolveText } from '../../shared/localized.ts';
import { caseApi } from './frameworks.api.ts';
import * as provider from './frameworks.case.provider.ts';
import { asCase10, sourcedId } from './frameworks.case.query.ts';
import { CASE_PATH, CASE_PATH_V1P0 } from './frameworks.case.ts';
import { attachment, exportFileName } from './frameworks.names.ts';
import * as frameworks from './frameworks.service.ts';

const tags = ['CASE 1.1'];
const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/** The binding's minor codes for the failures a provider answers. */
function minorCode(status: number, code: string) {
  if (code === 'case_invalid_uuid') return 'invaliduuid';
  return status === 404 ? 'unknownobject' : status === 400 ? 'invaliddata' : 'internal_server_error';
}

/** CASE providers answer errors as imsx_StatusInfo (spelled as the JSON binding does), not Pathway's error shape. */
function imsxError(error: unknown, _req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(error);
  return reply.code(status).send({
    imsx_codeMajor: 'failure',
    imsx_severity: 'error',
    imsx_description: body.error.message,
    imsx_codeMinor: {
      imsx_codeMinorField: [
        { imsx_codeMinorFieldName: 'TargetEndSystem', imsx_codeMinorFieldValue: minorCode(status, body.error.code) },
      ],
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

  // The same provider under CASE 1.1 and, for consumers that speak only 1.0, CASE 1.0.
  for (const base of [CASE_PATH, CASE_PATH_V1P0] as const) {
    const publicRoute = {
      tags: [base === CASE_PATH ? 'CASE 1.1' : 'CASE 1.0'],
      config: { auth: 'public' as const },
      errorHandler: imsxError,
    };
    const say = <T>(req: FastifyRequest, value: T) => (base === CASE_PATH ? value : asCase10(value, origin(req)));
    route(app, caseApi, `GET ${base}/CFDocuments`, publicRoute, async (req, reply) => {
      const { total, CFDocuments } = await provider.caseDocumentList(database, req.query, origin(req));
      return reply.header('X-Total-Count', String(total)).send(say(req, { CFDocuments }));
    });
    route(app, caseApi, `GET ${base}/CFDocuments/:sourcedId`, publicRoute, async (req) =>
      say(req, (await frameworks.casePackage(database, sourcedId(req.params.sourcedId), origin(req))).CFDocument),
    );
    route(app, caseApi, `GET ${base}/CFPackages/:sourcedId`, publicRoute, async (req) =>
      say(req, await frameworks.casePackage(database, sourcedId(req.params.sourcedId), origin(req))),
    );
    route(app, caseApi, `GET ${base}/CFItems/:sourcedId`, publicRoute, async (req) =>
      say(req, await frameworks.caseItem(database, sourcedId(req.params.sourcedId), origin(req))),
    );
    route(app, caseApi, `GET ${base}/CFItemAssociations/:sourcedId`, publicRoute, async (req, reply) => {
      const id = sourcedId(req.params.sourcedId);
      const { total, ...set } = await provider.caseItemAssociations(database, id, req.query, origin(req));
      return reply.header('X-Total-Count', String(total)).send(say(req, set));
    });
    route(app, caseApi, `GET ${base}/CFAssociations/:sourcedId`, publicRoute, async (req) =>
      say(req, await provider.caseAssociation(database, sourcedId(req.params.sourcedId), origin(req))),
    );
    route(app, caseApi, `GET ${base}/CFRubrics/:sourcedId`, publicRoute, async (req) =>
      say(req, await provider.caseRubric(database, sourcedId(req.params.sourcedId), origin(req))),
    );
    for (const kind of provider.HIERARCHICAL) {
      route(app, caseApi, `GET ${base}/${kind}/:sourcedId`, publicRoute, async (req) =>
        say(req, await provider.caseDefinitionSet(database, kind, sourcedId(req.params.sourcedId), origin(req))),
      );
    }
    // Definitions kept from imported packages, served as they came.
    for (const kind of ['CFLicenses', 'CFAssociationGroupings'] as const) {
      route(app, caseApi, `GET ${base}/${kind}/:sourcedId`, publicRoute, async (req) =>
        say(req, await provider.caseDefinition(database, kind, sourcedId(req.params.sourcedId), origin(req))),
      );
    }
  }
}
