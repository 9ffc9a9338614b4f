import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import type { FileStore } from '../../shared/storage.ts';
import { resourcesApi } from './resources.api.ts';
import * as resources from './resources.service.ts';

const tags = ['community'];

export function resourceRoutes(app: ZodApp, { files }: { files: FileStore }) {
  app.register(async (scope) => fileUploadRoute(scope as ZodApp, files));

  route(app, resourcesApi, 'GET /api/resources', { tags }, (req) => resources.searchResources(req.ctx, req.query));
  route(app, resourcesApi, 'POST /api/resources', { tags }, async (req, reply) =>
    reply.code(201).send(await resources.createResource(req.ctx, req.body)),
  );
  route(app, resourcesApi, 'GET /api/resources/:resourceId', { tags }, (req) =>
    resources.getResource(req.ctx, req.params.resourceId),
  );
  route(app, resourcesApi, 'PUT /api/resources/:resourceId', { tags }, (req) =>
    resources.updateResource(req.ctx, req.params.resourceId, req.body),
  );
  route(app, resourcesApi, 'PUT /api/resources/:resourceId/sharing', { tags }, (req) =>
    resources.shareResource(req.ctx, req.params.resourceId, req.body.sharing),
  );
  route(app, resourcesApi, 'POST /api/resources/:resourceId/submit', { tags }, (req) =>
    resources.submitResource(req.ctx, req.params.resourceId),
  );
  route(app, resourcesApi, 'POST /api/resources/:resourceId/approve', { tags }, (req) =>
    resources.approveResource(req.ctx, req.params.resourceId),
  );
  route(app, resourcesApi, 'POST /api/resources/:resourceId/reject', { tags }, (req) =>
    resources.rejectResource(req.ctx, req.params.resourceId, req.body.reason),
  );
  route(app, resourcesApi, 'GET /api/resources/:resourceId/file', { tags }, async (req, reply) => {
    const file = await resources.resourceFile(req.ctx, files, req.params.resourceId);
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.bytes);
  });
  route(app, resourcesApi, 'PUT /api/resources/:resourceId/rating', { tags }, (req) =>
    resources.rateResource(req.ctx, req.params.resourceId, req.body.stars),
  );
  route(app, resourcesApi, 'POST /api/resources/:resourceId/uses', { tags }, async (req, reply) =>
    reply.code(201).send(await resources.reportUse(req.ctx, req.params.resourceId, req.body)),
  );

  route(app, resourcesApi, 'GET /api/resource-collections', { tags }, (req) => resources.listCollections(req.ctx));
  route(app, resourcesApi, 'POST /api/resource-collections', { tags }, async (req, reply) =>
    reply.code(201).send(await resources.createCollection(req.ctx, req.body.name)),
  );
  route(app, resourcesApi, 'GET /api/resource-collections/:collectionId', { tags }, (req) =>
    resources.getCollection(req.ctx, req.params.collectionId),
  );
  route(app, resourcesApi, 'POST /api/resource-collections/:collectionId/items', { tags }, (req) =>
    resources.addToCollection(req.ctx, req.params.collectionId, req.body.resourceId),
  );
  route(app, resourcesApi, 'DELETE /api/resource-collections/:collectionId/items/:resourceId', { tags }, (req) =>
    resources.removeFromCollection(req.ctx, req.params.collectionId, req.params.resourceId),
  );
}

/** Files arrive as the raw request body (any content type), read whole first; the type is sniffed, never trusted. */
function fileUploadRoute(app: ZodApp, files: FileStore) {
  acceptUploads(app, resources.RESOURCE_MAX_BYTES);
  route(app, resourcesApi, 'PUT /api/resources/:resourceId/file', { tags }, async (req) => {
    const bytes = await requireUpload(req.body).bytes();
    return resources.uploadResourceFile(req.ctx, files, req.params.resourceId, req.query.fileName, bytes);
  });
}
