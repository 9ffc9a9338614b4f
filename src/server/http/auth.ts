import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import * as accounts from '../modules/accounts/accounts.service.ts';
import type { Ctx } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';

export const SESSION_COOKIE = 'pathway_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a route needs from its caller, declared on the route as `config: { auth }` and checked in
 * one hook: `public` (anyone; a caller who sent valid credentials is still identified), `token`
 * (signed in with a browser session or an API token; the default), `session` (signed in with a
 * browser session only: what an API token must never do, such as minting tokens or changing the
 * password).
 */
export type RouteAuth = 'public' | 'token' | 'session';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /**
     * Open to an account that must change its password first (made by an administrator or an
     * import, or whose reset was forced); every other signed-in route answers 403 until it has.
     */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    auth: accounts.Authenticated | null;
    /** The service context of the signed-in caller. Only on routes that need a caller. */
    ctx: Ctx;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Constant-time comparison of a secret sent by the client; any length or bytes, never throws. */
export function sameSecret(given: string | string[] | undefined, expected: string | null): boolean {
  if (typeof given !== 'string' || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Every route says what it needs; one left silent needs a signed-in caller. */
export function declareRouteAuth(app: FastifyInstance, auth: RouteAuth | 'default') {
  app.addHook('onRoute', (route) => {
    const declared = route.config?.auth;
    route.config = { ...route.config, auth: auth === 'default' ? (declared ?? 'token') : auth };
  });
}

/**
 * Who is calling: a session cookie (browser; unsafe methods must echo the session's CSRF token
 * in a header, which another site cannot read) or an API token (`Authorization: Bearer pw_...`),
 * checked against what the route declares.
 */
export function registerAuth(app: FastifyInstance, database: Database) {
  app.decorateRequest('auth', null);
  app.decorateRequest('ctx', null as unknown as Ctx);
  declareRouteAuth(app, 'default');

  // On request, before the body is read: a caller who may not write learns nothing from validating
  // their body, and a missing CSRF token is refused whatever the body holds.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    // No route matched: the not-found answer is the same for everyone.
    const needs: RouteAuth = req.is404 ? 'public' : (req.routeOptions.config.auth ?? 'token');
    const bearer = req.headers.authorization?.match(/^Bearer (\S+)$/i)?.[1];
    const cookie = req.cookies[SESSION_COOKIE];
    let expired = false;
    if (bearer) {
      req.auth = await accounts.authenticateToken(database.db, bearer);
      if (!req.auth && needs !== 'public')
        throw new AppError('not_authenticated', 'The API token is unknown or revoked.');
    } else if (cookie) {
      const found = await accounts.authenticateSession(database.db, cookie);
      expired = found === 'expired';
      req.auth = found === 'expired' ? null : found;
    }
    if (needs === 'public') return;
    if (!req.auth) {
      throw expired || cookie
        ? new AppError('session_expired', 'Your session has ended. Sign in again.')
        : new AppError('not_authenticated', 'Sign in first.');
    }
    if (req.auth.mustChangePassword && !req.routeOptions.config.beforePasswordChange) {
      throw new AppError('password_change_required', 'Set a new password first.');
    }
    if (needs === 'session' && !req.auth.sessionId) {
      throw new AppError('session_required', 'This needs a signed-in browser session, not an API token.');
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
