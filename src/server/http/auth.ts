import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import * as accounts from '../modules/accounts/accounts.service.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';

export const SESSION_COOKIE = 'pathway_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
  interface FastifyRequest {
    auth: accounts.Authenticated | null;
    /** The service context of the signed-in caller. Only on non-public routes. */
    ctx: Ctx;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API docs page and its assets (served by @fastify/swagger-ui, which cannot mark its routes public). */
const isDocsRoute = (route: string) => route === '/api/docs' || route.startsWith('/api/docs/');

/** Constant-time comparison of a secret sent by the client; any length or bytes, never throws. */
export function sameSecret(given: string | string[] | undefined, expected: string | null): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Who is calling: a session cookie (browser; unsafe methods must echo the session's CSRF token
 * in a header, which another site cannot read) or an API token (`Authorization: Bearer pw_...`).
 */
export function registerAuth(app: FastifyInstance, database: Database) {
  app.decorateRequest('auth', null);
  app.decorateRequest('ctx', null as unknown as Ctx);

  // On request, before the body is read: a caller who may not write learns nothing from validating
  // their body, and a missing CSRF token is refused whatever the body holds.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const bearer = req.headers.authorization?.match(/^Bearer (\S+)$/i)?.[1];
    const cookie = req.cookies[SESSION_COOKIE];
    let expired = false;
    if (bearer) {
      req.auth = await accounts.authenticateToken(database.db, bearer);
      if (!req.auth) throw new AppError('not_authenticated', 'The API token is unknown or revoked.');
    } else if (cookie) {
      const found = await accounts.authenticateSession(database.db, cookie);
      expired = found === 'expired';
      req.auth = found === 'expired' ? null : found;
    }
    // The web app's files, the API docs page and the not-found answer are open; every other API route needs a caller.
    const route = req.routeOptions.url;
    const open = !route?.startsWith('/api/') || isDocsRoute(route);
    if (req.routeOptions.config.public || open) return;
    if (!req.auth) {
      throw expired || cookie
        ? new AppError('session_expired', 'Your session has ended. Sign in again.')
        : new AppError('not_authenticated', 'Sign in first.');
    }
    if (
      req.auth.sessionId &&
      !SAFE_METHODS.has(req.method) &&
      !sameSecret(req.headers[CSRF_HEADER], req.auth.csrfToken)
    ) {
      throw new AppError('csrf_failed', `Send the session's CSRF token in the ${CSRF_HEADER} header.`);
    }
    req.ctx = contextFor(database, req.auth, req.id);
  });
}

export function contextFor(database: Database, auth: accounts.Authenticated, requestId: string): Ctx {
  return {
    db: database.db,
    dialect: database.dialect,
    tenantId: auth.tenantId,
    defaultLocale: auth.defaultLocale,
    locale: auth.locale,
    actor: auth.actor,
    requestId,
  };
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
