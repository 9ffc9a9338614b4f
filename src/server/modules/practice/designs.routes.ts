import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { designsApi } from './designs.api.ts';
import * as designs from './designs.service.ts';

const tags = ['practice'];

export function designRoutes(app: ZodApp) {
  route(app, designsApi, 'GET /api/activity-designs', { tags }, (req) => designs.listDesigns(req.ctx, req.query));
  route(app, designsApi, 'GET /api/activity-designs/templates', { tags }, async (req) =>
    designs.listTemplates(req.ctx, req.query.language),
  );
  route(app, designsApi, 'GET /api/activity-designs/standard', { tags }, (req) => designs.designStandard(req.ctx));
  route(app, designsApi, 'GET /api/activity-designs/colleagues', { tags }, (req) => designs.colleagues(req.ctx));
  route(app, designsApi, 'POST /api/activity-designs', { tags }, async (req, reply) =>
    reply.code(201).send(await designs.createDesign(req.ctx, req.body)),
  );
  route(app, designsApi, 'GET /api/activity-designs/:designId', { tags }, (req) =>
    designs.getDesign(req.ctx, req.params.designId),
  );
  route(app, designsApi, 'PUT /api/activity-designs/:designId', { tags }, (req) =>
    designs.reviseDesign(req.ctx, req.params.designId, req.body),
  );
  route(app, designsApi, 'GET /api/activity-designs/:designId/versions/:version', { tags }, (req) =>
    designs.getDesignVersion(req.ctx, req.params.designId, req.params.version),
  );
  route(app, designsApi, 'PUT /api/activity-designs/:designId/sharing', { tags }, (req) =>
    designs.shareDesign(req.ctx, req.params.designId, req.body.sharing),
  );
  route(app, designsApi, 'POST /api/activity-designs/:designId/comments', { tags }, async (req, reply) =>
    reply.code(201).send(await designs.commentOnDesign(req.ctx, req.params.designId, req.body)),
  );
}
