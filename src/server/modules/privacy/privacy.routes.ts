import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import type { FileStore } from '../../shared/storage.ts';
import { privacyApi } from './privacy.api.ts';
import * as privacy from './privacy.service.ts';

const tags = ['privacy'];
// An export reads every table that names a person: enough for any person, not for a loop.
const exportLimit = { max: 20, timeWindow: '1 minute' };

function send(reply: { type(t: string): unknown; header(k: string, v: string): unknown }, data: unknown, name: string) {
  if (Buffer.isBuffer(data)) {
    reply.type('application/pdf');
    reply.header('content-disposition', `attachment; filename="${name}.pdf"`);
  } else {
    reply.type('application/json; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${name}.json"`);
  }
  return data;
}

export function privacyRoutes(app: ZodApp, files: FileStore) {
  route(app, privacyApi, 'GET /api/me/export', { tags, config: { rateLimit: exportLimit } }, async (req, reply) =>
    send(reply, await privacy.exportMe(req.ctx, req.query.format), 'my-pathway-data'),
  );
  route(
    app,
    privacyApi,
    'GET /api/people/:personId/export',
    { tags, config: { rateLimit: exportLimit } },
    async (req, reply) =>
      send(
        reply,
        await privacy.exportPerson(req.ctx, req.params.personId, req.query.format),
        `pathway-person-${req.params.personId}`,
      ),
  );
  route(app, privacyApi, 'POST /api/people/:personId/erase', { tags }, (req) =>
    privacy.erasePerson(req.ctx, files, req.params.personId, req.body.confirm),
  );
}
