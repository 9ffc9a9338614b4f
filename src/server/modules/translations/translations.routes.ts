import type { ZodApp } from '../../http/app.ts';
import { route } from '../../http/route.ts';
import { acceptUploads, requireUpload } from '../../http/uploads.ts';
import { translationsApi } from './translations.api.ts';
import * as exchange from './translations.exchange.ts';
import { exportDocument, parseFile, resolveObjectRef, serialise } from './translations.exchange.ts';
import * as glossary from './translations.glossary.ts';
import * as wording from './translations.reword.ts';
import * as translations from './translations.service.ts';

const tags = ['translations'];
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const CONTENT_TYPE = { xliff: 'application/xliff+xml; charset=utf-8', po: 'text/x-gettext-translation; charset=utf-8' };

export function translationsRoutes(app: ZodApp) {
  route(app, translationsApi, 'GET /api/translations', { tags }, (req) => translations.overview(req.ctx));
  route(app, translationsApi, 'GET /api/translations/queue', { tags }, (req) => translations.queue(req.ctx, req.query));
  route(app, translationsApi, 'GET /api/translations/translators', { tags }, (req) =>
    translations.translators(req.ctx),
  );
  route(app, translationsApi, 'PUT /api/translations/translators/:accountId', { tags }, (req) =>
    translations.setTranslatorLanguages(req.ctx, req.params.accountId, req.body.locales),
  );
  route(app, translationsApi, 'GET /api/translations/glossary', { tags }, (req) => glossary.listGlossary(req.ctx));
  route(app, translationsApi, 'POST /api/translations/glossary', { tags }, async (req, reply) =>
    reply.code(201).send(await glossary.addTerm(req.ctx, req.body)),
  );
  route(app, translationsApi, 'DELETE /api/translations/glossary/:termId', { tags }, async (req, reply) => {
    await glossary.removeTerm(req.ctx, req.params.termId);
    return reply.code(204).send();
  });
  route(app, translationsApi, 'GET /api/translations/wording/:id', { tags }, (req) =>
    wording.sourceWording(req.ctx, req.params.id),
  );
  route(app, translationsApi, 'PUT /api/translations/wording/:id', { tags }, (req) =>
    wording.reword(req.ctx, req.params.id, req.body.units),
  );
  route(app, translationsApi, 'GET /api/translations/:type/:id/:locale', { tags }, (req) =>
    translations.objectTexts(req.ctx, req.params.type, req.params.id, req.params.locale),
  );
  route(app, translationsApi, 'PUT /api/translations/:type/:id/:locale', { tags }, (req) =>
    translations.saveTranslations(req.ctx, req.params.type, req.params.id, req.params.locale, req.body.units),
  );
  route(app, translationsApi, 'POST /api/translations/:type/:id/:locale/approve', { tags }, (req) =>
    translations.approve(req.ctx, req.params.type, req.params.id, req.params.locale, req.body.keys),
  );
  route(app, translationsApi, 'GET /api/translations/export', { tags }, async (req, reply) => {
    const { locale, format, object } = req.query;
    const doc = await exportDocument(req.ctx, locale, object ? await resolveObjectRef(req.ctx, object) : undefined);
    const name = `pathway-${object ? object.replace(/[^\w.-]+/g, '-') : 'all'}-${locale}.${format === 'xliff' ? 'xlf' : 'po'}`;
    return reply
      .type(CONTENT_TYPE[format])
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(serialise(doc, format));
  });
  app.register(async (scope) => {
    acceptUploads(scope as ZodApp, MAX_FILE_BYTES);
    route(scope as ZodApp, translationsApi, 'POST /api/translations/import', { tags }, async (req) => {
      const bytes = await requireUpload(req.body).bytes();
      return exchange.importDocument(req.ctx, parseFile(bytes).doc);
    });
  });
}
