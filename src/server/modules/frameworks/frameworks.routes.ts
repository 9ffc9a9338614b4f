import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import * as crosswalks from './crosswalks.service.ts';
import { frameworksApi as api } from './frameworks.api.ts';
import { exchangeRoutes } from './frameworks.exchange.routes.ts';
import * as frameworks from './frameworks.service.ts';
import * as versions from './frameworks.versions.ts';

const tags = ['frameworks'];

export function frameworksRoutes(app: ZodApp) {
  app.register(exchangeRoutes);
  route(app, api, 'GET /api/frameworks', { tags }, async (req) => ({
    items: await frameworks.listFrameworks(req.ctx),
  }));
  route(app, api, 'POST /api/frameworks', { tags }, async (req, reply) =>
    reply.code(201).send(await frameworks.createFramework(req.ctx, req.body)),
  );
  route(app, api, 'POST /api/frameworks/from-template', { tags }, async (req, reply) =>
    reply.code(201).send(await frameworks.createFromTemplate(req.ctx, req.body)),
  );
  route(app, api, 'GET /api/frameworks/:frameworkId', { tags }, (req) =>
    frameworks.getFramework(req.ctx, req.params.frameworkId),
  );
  route(app, api, 'PATCH /api/frameworks/:frameworkId', { tags }, (req) =>
    frameworks.updateFramework(req.ctx, req.params.frameworkId, req.body),
  );
  route(app, api, 'POST /api/frameworks/:frameworkId/status', { tags }, (req) =>
    frameworks.setStatus(req.ctx, req.params.frameworkId, req.body.status, { changedItems: req.body.changedItems }),
  );
  route(app, api, 'GET /api/frameworks/:frameworkId/publish-impact', { tags }, (req) =>
    versions.publishImpact(req.ctx, req.params.frameworkId),
  );
  route(app, api, 'POST /api/frameworks/:frameworkId/versions', { tags }, async (req, reply) =>
    reply.code(201).send(await frameworks.newVersion(req.ctx, req.params.frameworkId, req.body.version)),
  );
  route(app, api, 'GET /api/frameworks/:frameworkId/diff/:otherId', { tags }, (req) =>
    frameworks.diff(req.ctx, req.params.frameworkId, req.params.otherId),
  );
  route(app, api, 'POST /api/frameworks/:frameworkId/items', { tags }, async (req, reply) =>
    reply.code(201).send(await frameworks.addItem(req.ctx, req.params.frameworkId, req.body)),
  );
  route(app, api, 'PATCH /api/frameworks/:frameworkId/items/:itemId', { tags }, (req) =>
    frameworks.updateItem(req.ctx, req.params.frameworkId, req.params.itemId, req.body),
  );
  route(app, api, 'POST /api/frameworks/:frameworkId/items/:itemId/move', { tags }, (req) =>
    frameworks.moveItem(req.ctx, req.params.frameworkId, req.params.itemId, req.body.parentId, req.body.position),
  );
  route(app, api, 'DELETE /api/frameworks/:frameworkId/items/:itemId', { tags }, async (req, reply) => {
    await frameworks.deleteItem(req.ctx, req.params.frameworkId, req.params.itemId);
    return reply.code(204).send();
  });
  route(app, api, 'PUT /api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode', { tags }, (req) =>
    frameworks.setRubric(req.ctx, req.params.frameworkId, req.params.itemId, req.params.levelCode, req.body),
  );
  route(app, api, 'DELETE /api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode', { tags }, (req) =>
    frameworks.clearRubric(req.ctx, req.params.frameworkId, req.params.itemId, req.params.levelCode),
  );
  route(app, api, 'PUT /api/frameworks/:frameworkId/items/:itemId/goals', { tags }, (req) =>
    frameworks.alignItem(req.ctx, req.params.frameworkId, req.params.itemId, req.body.goalIds),
  );
  route(app, api, 'GET /api/frameworks/:frameworkId/alignment', { tags }, (req) =>
    frameworks.alignment(req.ctx, req.params.frameworkId),
  );
  route(app, api, 'GET /api/policy-goals', { tags }, async (req) => ({ items: await frameworks.listGoals(req.ctx) }));
  route(app, api, 'POST /api/policy-goals', { tags }, async (req, reply) =>
    reply.code(201).send(await frameworks.createGoal(req.ctx, req.body)),
  );

  route(app, api, 'GET /api/frameworks/:frameworkId/crosswalks/:otherId', { tags }, (req) =>
    crosswalks.getCrosswalk(req.ctx, req.params.frameworkId, req.params.otherId),
  );
  route(app, api, 'POST /api/frameworks/:frameworkId/crosswalks/:otherId/links', { tags }, async (req, reply) =>
    reply.code(201).send(await crosswalks.addLink(req.ctx, req.params.frameworkId, req.params.otherId, req.body)),
  );
  route(app, api, 'DELETE /api/frameworks/:frameworkId/crosswalks/:otherId/links/:linkId', { tags }, (req) =>
    crosswalks.removeLink(req.ctx, req.params.frameworkId, req.params.otherId, req.params.linkId),
  );
}
