import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { EXCHANGE_FORMATS, exportFramework, importFramework } from './frameworks.exchange.ts';
import { FrameworkDetail, FrameworkParams } from './frameworks.schemas.ts';

const tags = ['frameworks'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;

const ImportQuery = z.strictObject({
  format: z.enum(EXCHANGE_FORMATS).optional().describe('Detected from the file when absent.'),
  title: z.string().trim().min(1).max(200).optional().describe('Title of a Pathway CSV (it has no framework row).'),
  language: z.string().min(2).max(10).optional().describe('Language of a Moodle CSV (default: the tenant’s).'),
});
export const ImportResult = z.object({
  frameworkId: z.string(),
  caseIdentifier: z.string(),
  format: z.enum(EXCHANGE_FORMATS),
  counts: z.object({
    levels: z.number().int(),
    items: z.number().int(),
    rubrics: z.number().int(),
    crosswalkLinks: z.number().int(),
    skipped: z.number().int(),
  }),
  framework: FrameworkDetail,
});
const ExportParams = FrameworkParams.extend({ format: z.enum(EXCHANGE_FORMATS) });

const origin = (req: FastifyRequest) => `${req.protocol}://${req.host}`;

/**
 * Whole-framework files. The import takes the raw bytes of any content type (so invalid UTF-8 is
 * caught and located, not silently replaced), in its own scope so other routes keep their parsers.
 */
export async function exchangeRoutes(app: ZodApp) {
  acceptUploads(app, MAX_FILE_BYTES);
  app.post(
    '/api/frameworks/import',
    {
      schema: {
        tags,
        querystring: ImportQuery,
        response: { 201: ImportResult },
        description:
          'The file as the request body: a CASE CFPackage (JSON), a Moodle competency framework CSV or a Pathway CSV. Imported as a new draft; any fault rejects the whole file (case_invalid with paths, csv_invalid with lines).',
      },
    },
    async (req, reply) => {
      const file = await requireUpload(req.body).bytes();
      return reply.code(201).send(await importFramework(req.ctx, file, req.query));
    },
  );
  app.get(
    '/api/frameworks/:frameworkId/export/:format',
    {
      schema: {
        tags,
        params: ExportParams,
        description:
          'The framework as a file: CASE 1.1 CFPackage (case), Moodle CSV (moodle-csv) or Pathway CSV (csv).',
      },
    },
    async (req, reply) => {
      const file = await exportFramework(req.ctx, req.params.frameworkId, req.params.format, origin(req));
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="framework-${req.params.frameworkId}.${file.extension}"`)
        .send(file.body);
    },
  );
}
