import { z } from 'zod';
import type { ZodApp } from '../../http/app.ts';
import * as crosswalks from './crosswalks.service.ts';
import { exchangeRoutes } from './frameworks.exchange.routes.ts';
import {
  AlignBody,
  Alignment,
  CreateFrameworkBody,
  Diff,
  DiffParams,
  FrameworkDetail,
  FrameworkParams,
  FrameworkSummary,
  FromTemplateBody,
  Goal,
  GoalBody,
  Item,
  ItemInput,
  ItemParams,
  MoveItemBody,
  NewVersionBody,
  PublishImpact,
  RubricBody,
  RubricParams,
  StatusBody,
  UpdateFrameworkBody,
  UpdateItemBody,
} from './frameworks.schemas.ts';
import * as frameworks from './frameworks.service.ts';
import * as versions from './frameworks.versions.ts';

const tags = ['frameworks'];

export function frameworksRoutes(app: ZodApp) {
  app.register(exchangeRoutes);
  app.get(
    '/api/frameworks',
    { schema: { tags, response: { 200: z.object({ items: z.array(FrameworkSummary) }) } } },
    async (req) => ({
      items: await frameworks.listFrameworks(req.ctx),
    }),
  );
  app.post(
    '/api/frameworks',
    { schema: { tags, body: CreateFrameworkBody, response: { 201: FrameworkDetail } } },
    async (req, reply) => reply.code(201).send(await frameworks.createFramework(req.ctx, req.body)),
  );
  app.post(
    '/api/frameworks/from-template',
    {
      schema: {
        tags,
        body: FromTemplateBody,
        response: { 201: FrameworkDetail },
        description: 'A complete draft with the structure of UNESCO’s ICT CFT (6 aspects x 3 levels).',
      },
    },
    async (req, reply) => reply.code(201).send(await frameworks.createFromTemplate(req.ctx, req.body)),
  );
  app.get(
    '/api/frameworks/:frameworkId',
    { schema: { tags, params: FrameworkParams, response: { 200: FrameworkDetail } } },
    (req) => frameworks.getFramework(req.ctx, req.params.frameworkId),
  );
  app.patch(
    '/api/frameworks/:frameworkId',
    { schema: { tags, params: FrameworkParams, body: UpdateFrameworkBody, response: { 200: FrameworkDetail } } },
    (req) => frameworks.updateFramework(req.ctx, req.params.frameworkId, req.body),
  );
  app.post(
    '/api/frameworks/:frameworkId/status',
    { schema: { tags, params: FrameworkParams, body: StatusBody, response: { 200: FrameworkSummary } } },
    (req) =>
      frameworks.setStatus(req.ctx, req.params.frameworkId, req.body.status, { changedItems: req.body.changedItems }),
  );
  app.get(
    '/api/frameworks/:frameworkId/publish-impact',
    { schema: { tags, params: FrameworkParams, response: { 200: PublishImpact } } },
    (req) => versions.publishImpact(req.ctx, req.params.frameworkId),
  );
  app.post(
    '/api/frameworks/:frameworkId/versions',
    { schema: { tags, params: FrameworkParams, body: NewVersionBody, response: { 201: FrameworkDetail } } },
    async (req, reply) =>
      reply.code(201).send(await frameworks.newVersion(req.ctx, req.params.frameworkId, req.body.version)),
  );
  app.get(
    '/api/frameworks/:frameworkId/diff/:otherId',
    { schema: { tags, params: DiffParams, response: { 200: Diff } } },
    (req) => frameworks.diff(req.ctx, req.params.frameworkId, req.params.otherId),
  );
  app.post(
    '/api/frameworks/:frameworkId/items',
    { schema: { tags, params: FrameworkParams, body: ItemInput, response: { 201: Item } } },
    async (req, reply) => reply.code(201).send(await frameworks.addItem(req.ctx, req.params.frameworkId, req.body)),
  );
  app.patch(
    '/api/frameworks/:frameworkId/items/:itemId',
    { schema: { tags, params: ItemParams, body: UpdateItemBody, response: { 200: Item } } },
    (req) => frameworks.updateItem(req.ctx, req.params.frameworkId, req.params.itemId, req.body),
  );
  app.post(
    '/api/frameworks/:frameworkId/items/:itemId/move',
    { schema: { tags, params: ItemParams, body: MoveItemBody, response: { 200: FrameworkDetail } } },
    (req) =>
      frameworks.moveItem(req.ctx, req.params.frameworkId, req.params.itemId, req.body.parentId, req.body.position),
  );
  app.delete(
    '/api/frameworks/:frameworkId/items/:itemId',
    { schema: { tags, params: ItemParams } },
    async (req, reply) => {
      await frameworks.deleteItem(req.ctx, req.params.frameworkId, req.params.itemId);
      return reply.code(204).send();
    },
  );
  app.put(
    '/api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode',
    { schema: { tags, params: RubricParams, body: RubricBody, response: { 200: FrameworkDetail } } },
    (req) => frameworks.setRubric(req.ctx, req.params.frameworkId, req.params.itemId, req.params.levelCode, req.body),
  );
  app.delete(
    '/api/frameworks/:frameworkId/items/:itemId/rubrics/:levelCode',
    { schema: { tags, params: RubricParams, response: { 200: FrameworkDetail } } },
    (req) => frameworks.clearRubric(req.ctx, req.params.frameworkId, req.params.itemId, req.params.levelCode),
  );
  app.put(
    '/api/frameworks/:frameworkId/items/:itemId/goals',
    { schema: { tags, params: ItemParams, body: AlignBody, response: { 200: Item } } },
    (req) => frameworks.alignItem(req.ctx, req.params.frameworkId, req.params.itemId, req.body.goalIds),
  );
  app.get(
    '/api/frameworks/:frameworkId/alignment',
    { schema: { tags, params: FrameworkParams, response: { 200: Alignment } } },
    (req) => frameworks.alignment(req.ctx, req.params.frameworkId),
  );
  app.get(
    '/api/policy-goals',
    { schema: { tags, response: { 200: z.object({ items: z.array(Goal) }) } } },
    async (req) => ({
      items: await frameworks.listGoals(req.ctx),
    }),
  );
  app.post('/api/policy-goals', { schema: { tags, body: GoalBody, response: { 201: Goal } } }, async (req, reply) =>
    reply.code(201).send(await frameworks.createGoal(req.ctx, req.body)),
  );

  app.get(
    '/api/frameworks/:frameworkId/crosswalks/:otherId',
    { schema: { tags, params: crosswalks.CrosswalkParams, response: { 200: crosswalks.Crosswalk } } },
    (req) => crosswalks.getCrosswalk(req.ctx, req.params.frameworkId, req.params.otherId),
  );
  app.post(
    '/api/frameworks/:frameworkId/crosswalks/:otherId/links',
    {
      schema: {
        tags,
        params: crosswalks.CrosswalkParams,
        body: crosswalks.LinkBody,
        response: { 201: crosswalks.Crosswalk },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await crosswalks.addLink(req.ctx, req.params.frameworkId, req.params.otherId, req.body)),
  );
  app.delete(
    '/api/frameworks/:frameworkId/crosswalks/:otherId/links/:linkId',
    { schema: { tags, params: crosswalks.LinkParams, response: { 200: crosswalks.Crosswalk } } },
    (req) => crosswalks.removeLink(req.ctx, req.params.frameworkId, req.params.otherId, req.params.linkId),
  );
}
