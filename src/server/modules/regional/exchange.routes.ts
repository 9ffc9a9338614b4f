import fs from 'node:fs';
import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { exchangeApi } from './exchange.api.ts';
import { PACKAGE_SCHEMA_FILE } from './exchange.schema.ts';
import { heldPackageList, importPackage, tenantSignerKey } from './exchange.ts';

const tags = ['regional'];
const MAX_PACKAGE_BYTES = 20 * 1024 * 1024;

export function exchangeRoutes(app: ZodApp) {
  route(app, exchangeApi, 'GET /api/exchange/packages', { tags }, async (req) => ({
    packages: await heldPackageList(req.ctx),
  }));
  route(app, exchangeApi, 'GET /api/exchange/key', { tags }, (req) => tenantSignerKey(req.ctx));
  // The published shape, for the tools of other installations and statistics offices.
  app.get('/schemas/aggregate-package-1.json', { config: { auth: 'public' } }, async (_req, reply) =>
    reply.type('application/schema+json').send(fs.readFileSync(PACKAGE_SCHEMA_FILE, 'utf8')),
  );
  app.register(async (scope) => {
    acceptUploads(scope as ZodApp, MAX_PACKAGE_BYTES);
    route(scope as ZodApp, exchangeApi, 'POST /api/exchange/packages', { tags }, async (req) =>
      importPackage(req.ctx, await requireUpload(req.body).bytes()),
    );
  });
}
