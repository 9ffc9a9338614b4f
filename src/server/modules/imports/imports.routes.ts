import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { MAX_IMPORT_BYTES } from './csv.ts';
import { importsApi } from './imports.api.ts';
import * as imports from './imports.service.ts';

const tags = ['imports'];

/** Roster files arrive whole (spooled to a private temporary file) before the import opens its transaction. */
export function importsRoutes(app: ZodApp) {
  acceptUploads(app, MAX_IMPORT_BYTES, ['text/csv', 'text/plain']);
  route(app, importsApi, 'POST /api/imports/org-units', { tags }, (req) =>
    imports.importOrgUnits(req.ctx, requireUpload(req.body).stream(), { dryRun: req.query.dryRun }),
  );
  route(app, importsApi, 'POST /api/imports/people', { tags }, (req) =>
    imports.importPeople(req.ctx, requireUpload(req.body).stream(), { dryRun: req.query.dryRun }),
  );
}
