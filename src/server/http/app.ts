import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { DestinationStream } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { accountsRoutes } from '../modules/accounts/accounts.routes.ts';
import { assessmentRoutes } from '../modules/assessment/assessment.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { communityRoutes } from '../modules/community/community.routes.ts';
import { caseRoutes } from '../modules/frameworks/frameworks.case.routes.ts';
import { frameworksRoutes } from '../modules/frameworks/frameworks.routes.ts';
import { importsRoutes } from '../modules/imports/imports.routes.ts';
import { registerMonitoring } from '../modules/monitoring/aggregates.service.ts';
import { monitoringRoutes } from '../modules/monitoring/monitoring.routes.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { registerNotifications } from '../modules/notifications/notifications.service.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { peopleRoutes } from '../modules/people/people.routes.ts';
import { registerPractice } from '../modules/practice/practice.events.ts';
import { practiceRoutes } from '../modules/practice/practice.routes.ts';
import { privacyRoutes } from '../modules/privacy/privacy.routes.ts';
import { registerRecognition } from '../modules/recognition/awards.service.ts';
import { credentialsRoutes } from '../modules/recognition/credentials.routes.ts';
import { configureCredentialsFrom } from '../modules/recognition/issuer.keys.ts';
import { recognitionRoutes } from '../modules/recognition/recognition.routes.ts';
import { exchangeRoutes } from '../modules/regional/exchange.routes.ts';
import { regionalRoutes } from '../modules/regional/regional.routes.ts';
import { surveyRoutes } from '../modules/surveys/surveys.routes.ts';
import { trainingRoutes } from '../modules/training/training.routes.ts';
import { translationsRoutes } from '../modules/translations/translations.routes.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { diskStore, type FileStore } from '../shared/storage.ts';
import { declareRouteAuth, registerAuth } from './auth.ts';
import { handleError } from './errors.ts';
import { registerMetrics, routeLabel } from './metrics.ts';
import { route } from './route.ts';
import { requireStrictInput } from './strict-input.ts';
import { systemApi } from './system.api.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface AppDeps {
  config: Pick<Config, 'secureCookies' | 'webDir' | 'logLevel'> &
    // Credential URLs and the key secret; tests leave them out (credentials then read the environment).
    Partial<
      Pick<Config, 'publicUrl' | 'keySecret' | 'keySecretFile' | 'trustProxy' | 'verifyRateLimit' | 'tls' | 'metrics'>
    >;
  database: Database;
  /** Uploaded files; a throwaway folder when not given (tests). */
  files?: FileStore;
  /** Socket and request time limits (tests shorten them). */
  timeouts?: { idleMs: number; requestMs: number };
  /** Where the JSON log lines go (standard output when not given; tests read them). */
  logStream?: DestinationStream;
}

/**
 * A socket silent for a minute is closed; a whole request (an upload over a slow rural link
 * included) must arrive within 15 minutes. Uploads are spooled to disk before any transaction
 * opens, so a slow one costs a socket, never the database.
 */
const TIMEOUTS = { idleMs: 60_000, requestMs: 15 * 60_000 };

export async function buildApp({ config, database, files, timeouts = TIMEOUTS, logStream }: AppDeps) {
  registerMonitoring();
  if (config.publicUrl && config.keySecretFile) {
    const { publicUrl, keySecretFile } = config;
    configureCredentialsFrom({ publicUrl, keySecretFile, keySecret: config.keySecret ?? null });
  }
  registerRecognition();
  registerNotifications();
  registerPractice();
  const app = Fastify({
    // HTTPS when a certificate is configured (wallets and the W3C test suites require it).
    ...(config.tls
      ? { https: { cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) } }
      : {}),
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // Nothing logs a request or reply object; if one ever does, these never reach the log.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], remove: true },
      serializers: { err: errorForLog },
    },
    // Fastify's own request lines carry the URL with its query string (where tokens travel); `logRequests` replaces them.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy ?? false,
    connectionTimeout: timeouts.idleMs,
    requestTimeout: timeouts.requestMs,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : newId();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot read (bad escapes, over-long parameters) gets the same coded answer as anything else.
    frameworkErrors: (error, req, reply) => handleError(error, req, reply),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  requireStrictInput(app);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  logRequests(app);
  registerMetrics(app, database, config.metrics ?? { mode: 'off' });
  await app.register(fastifyCookie);
  registerAuth(app, database);
  await app.register(fastifyRateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_req, context) =>
      new AppError('too_many_requests', `Too many attempts. Try again in ${context.after}.`, {
        retryAfter: Math.ceil(context.ttl / 1000),
      }),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Pathway API', version: '0.1.0', description: 'Competency-based teacher ICT training reform.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pathway_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    declareRouteAuth(scope, 'public');
    await scope.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  const system = { tags: ['system'], config: { auth: 'public' as const } };
  route(app, systemApi, 'GET /api/health', system, async () => {
    await sql`select 1`.execute(database.db);
    return { status: 'ok' as const, database: database.dialect };
  });
  route(app, systemApi, 'GET /api/openapi.json', system, async () => app.swagger());

  accountsRoutes(app, config, database);
  orgRoutes(app);
  peopleRoutes(app);
  auditRoutes(app);
  app.register(async (scope) => importsRoutes(scope as ZodApp));
  frameworksRoutes(app);
  caseRoutes(app, database);
  monitoringRoutes(app);
  practiceRoutes(app);
  surveyRoutes(app, database);
  communityRoutes(app, { database, files: files ?? scratchStore(app) });
  assessmentRoutes(app, files ?? scratchStore(app));
  trainingRoutes(app);
  credentialsRoutes(app, database, { verifyPerMinute: config.verifyRateLimit });
  recognitionRoutes(app);
  notificationsRoutes(app);
  translationsRoutes(app);
  privacyRoutes(app, files ?? scratchStore(app));
  regionalRoutes(app, database);
  exchangeRoutes(app);

  serveWebApp(app, config.webDir);
  return app;
}

/**
 * One JSON line per answered request: its id (bound by Fastify as reqId), method, route pattern,
 * status and duration. Never the URL (query strings carry tokens), headers, cookies, bodies, the
 * caller's address or who they are.
 */
function logRequests(app: ZodApp) {
  app.addHook('onResponse', async (req, reply) => {
    const fields = {
      method: req.method,
      route: routeLabel(req),
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
    };
    req.log.info(fields, 'request');
  });
}

/** An error's kind, code, message and stack; not its other fields (a driver's copy of the row or the SQL parameters). */
function errorForLog(error: Error & { code?: unknown }) {
  return {
    type: error.constructor?.name ?? 'Error',
    code: error.code,
    message: error.message,
    stack: error.stack ?? '',
  };
}

/** Without a file store (tests, tools), uploads go to a temporary folder that goes with the app. */
function scratchStore(app: ZodApp) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-files-'));
  app.addHook('onClose', async () => fs.rmSync(dir, { recursive: true, force: true }));
  return diskStore(dir);
}

/** Content-hashed build output never changes under its name; everything else is revalidated. */
function cacheFor(file: string) {
  return /[/\\]assets[/\\]/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The built single-page app: files as they are (brotli or gzip copies made at build, chosen by
 * Accept-Encoding), and index.html for every other non-API path.
 */
function serveWebApp(app: ZodApp, webDir: string) {
  const built = fs.existsSync(path.join(webDir, 'index.html'));
  if (built) {
    app.register(async (scope) => {
      declareRouteAuth(scope, 'public');
      await scope.register(fastifyStatic, {
        root: webDir,
        wildcard: false,
        index: false,
        decorateReply: false,
        preCompressed: true,
        cacheControl: false,
        setHeaders: (reply, file) => reply.header('cache-control', cacheFor(file)),
      });
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/ims/') || req.method !== 'GET') {
      return reply
        .code(404)
        .send({ error: { code: 'route_not_found', message: `No route ${req.method} ${req.url.split('?')[0]}.` } });
    }
    if (!built) return reply.code(503).type('text/plain').send('The web app is not built yet: run `npm run build`.');
    // Read each time: a rebuild while the server runs is served at once (the page is small and never cached).
    const page = await fs.promises.readFile(path.join(webDir, 'index.html'));
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page);
  });
}
