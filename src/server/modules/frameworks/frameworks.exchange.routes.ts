import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { resolveText } from '../../shared/localized.ts';
import { EXCHANGE_FORMATS, type ExchangeFormat, exportFramework, importFramework } from './frameworks.exchange.ts';
import { FrameworkDetail, FrameworkParams } from './frameworks.schemas.ts';
import { getFramework } from './frameworks.service.ts';

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

const SUFFIXES: Record<ExchangeFormat, string> = { case: 'case.json', 'moodle-csv': 'moodle.csv', csv: 'csv' };

/** Words of a title joined by hyphens, without what a file name cannot hold. */
function fileWords(text: string, ascii: boolean) {
  const plain = ascii ? text.normalize('NFKD').replace(/\p{M}/gu, '') : text.normalize('NFC');
  const unsafe = ascii ? /[^A-Za-z0-9._]+/g : /[\s\p{C}\\/:*?"<>|%;,]+/gu;
  return plain
    .replace(unsafe, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
}

/**
 * A framework file is named after the standard: `National-ICT-Competency-Standard-2.0.case.json`.
 * `ascii` is the fallback for clients without RFC 5987 (a title with no Latin letters becomes
 * `framework`, like a title with no letters at all); `name` keeps the title's own script.
 */
export function exportFileName(title: string, version: string, format: ExchangeFormat) {
  const named = (ascii: boolean) => {
    const words = fileWords(title, ascii);
    const stem = /\p{L}/u.test(words) ? words : 'framework';
    const v = fileWords(version, ascii);
    return `${v && !stem.endsWith(`-${v}`) ? `${stem}-${v}` : stem}.${SUFFIXES[format]}`;
  };
  return { name: named(false), ascii: named(true) };
}

/** `attachment` with both spellings of the name (RFC 6266, RFC 5987). */
export function attachment(file: { name: string; ascii: string }) {
  const encoded = encodeURIComponent(file.name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${file.ascii}"; filename*=UTF-8''${encoded}`;
}

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
          'The framework as a file: CASE 1.1 CFPackage (case), Moodle CSV (moodle-csv) or Pathway CSV (csv), named after the standard (title in the reader’s language, and version).',
      },
    },
    async (req, reply) => {
      const { ctx } = req;
      const framework = await getFramework(ctx, req.params.frameworkId);
      const file = await exportFramework(ctx, framework.id, req.params.format, origin(req));
      const title = resolveText(framework.title, ctx.locale, ctx.defaultLocale).text;
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(exportFileName(title, framework.version, req.params.format)))
        .send(file.body);
    },
  );
}
