import type { FastifyRequest } from 'fastify';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { resolveText } from '../../shared/localized.ts';
import { exchangeApi } from './frameworks.api.ts';
import { exportFramework, importFramework } from './frameworks.exchange.ts';
import { attachment, exportFileName } from './frameworks.names.ts';
import { getFramework } from './frameworks.service.ts';

const tags = ['frameworks'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/**
 * Whole-framework files. The import takes the raw bytes of any content type (so invalid UTF-8 is
 * caught and located, not silently replaced), in its own scope so other routes keep their parsers.
 */
export async function exchangeRoutes(app: ZodApp) {
  acceptUploads(app, MAX_FILE_BYTES);
  route(app, exchangeApi, 'POST /api/frameworks/import', { tags }, async (req, reply) => {
    const file = await requireUpload(req.body).bytes();
    return reply.code(201).send(await importFramework(req.ctx, file, req.query));
  });
  route(app, exchangeApi, 'GET /api/frameworks/:frameworkId/export/:format', { tags }, async (req, reply) => {
    const { ctx } = req;
    const framework = await getFramework(ctx, req.params.frameworkId);
    const file = await exportFramework(ctx, framework.id, req.params.format, origin(req));
    const title = resolveText(framework.title, ctx.locale, ctx.defaultLocale).text;
    return reply
      .type(file.contentType)
      .header('content-disposition', attachment(exportFileName(title, framework.version, req.params.format)))
      .send(file.body);
  });
}
