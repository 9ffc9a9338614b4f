import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { clearSessionCookie, contextFor, setSessionCookie } from '../../http/auth.ts';
import { route } from '../../http/route.ts';
import { accountsApi } from './accounts.api.ts';
import * as accounts from './accounts.service.ts';

const tags = ['accounts'];

export function accountsRoutes(app: ZodApp, config: { secureCookies: boolean }, database: Database) {
  route(
    app,
    accountsApi,
    'POST /api/auth/login',
    // Throttled per address and per username in the service (accounts.throttle.ts). req.ip
    // follows Fastify's trustProxy setting, so behind a proxy it is the client's address.
    { tags, config: { auth: 'public' } },
    async (req, reply) => {
      const { token, expiresAt, auth } = await accounts.login(
        { db: database.db, dialect: database.dialect, requestId: req.id },
        req.body.username,
        req.body.password,
        { ip: req.ip },
      );
      setSessionCookie(reply, token, expiresAt, config.secureCookies);
      return accounts.me(contextFor(database, auth, req.id), auth.csrfToken);
    },
  );

  route(app, accountsApi, 'POST /api/auth/logout', { tags, config: { auth: 'public' } }, async (req, reply) => {
    if (req.auth) await accounts.logout(contextFor(database, req.auth, req.id), req.auth.sessionId);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  route(
    app,
    accountsApi,
    'POST /api/auth/password-reset',
    // Limited per address and per username in the service; the same answer for every username.
    { tags, config: { auth: 'public' } },
    async (req, reply) => {
      await accounts.requestPasswordReset(
        { db: database.db, dialect: database.dialect, requestId: req.id },
        req.body.username,
        { ip: req.ip },
      );
      return reply.code(202).send();
    },
  );

  route(
    app,
    accountsApi,
    'POST /api/auth/password-reset/confirm',
    { tags, config: { auth: 'public' } },
    async (req, reply) => {
      await accounts.resetPassword(
        { db: database.db, dialect: database.dialect, requestId: req.id },
        req.body.token,
        req.body.newPassword,
      );
      return reply.code(204).send();
    },
  );

  route(app, accountsApi, 'GET /api/me', { tags, config: { beforePasswordChange: true } }, (req) =>
    accounts.me(req.ctx, req.auth?.csrfToken ?? null),
  );

  route(app, accountsApi, 'PATCH /api/me', { tags }, async (req) => {
    await accounts.setMyLocale(req.ctx, req.body.locale);
    return accounts.me({ ...req.ctx, locale: req.body.locale }, req.auth?.csrfToken ?? null);
  });

  route(
    app,
    accountsApi,
    'POST /api/me/password',
    { tags, config: { auth: 'session', beforePasswordChange: true } },
    async (req, reply) => {
      await accounts.changePassword(req.ctx, req.body.currentPassword, req.body.newPassword, {
        sessionId: req.auth?.sessionId ?? null,
        tokens: req.body.keepTokens,
      });
      return reply.code(204).send();
    },
  );

  route(app, accountsApi, 'GET /api/me/tokens', { tags }, async (req) => ({
    items: await accounts.listApiTokens(req.ctx),
  }));

  route(app, accountsApi, 'POST /api/me/tokens', { tags, config: { auth: 'session' } }, async (req, reply) =>
    reply.code(201).send(await accounts.createApiToken(req.ctx, req.body.name)),
  );

  route(app, accountsApi, 'DELETE /api/me/tokens/:tokenId', { tags }, async (req, reply) => {
    await accounts.revokeApiToken(req.ctx, req.params.tokenId);
    return reply.code(204).send();
  });

  route(app, accountsApi, 'GET /api/accounts', { tags }, async (req) => ({
    items: await accounts.listAccounts(req.ctx, req.query),
  }));

  route(
    app,
    accountsApi,
    'POST /api/accounts',
    { tags },
    // Made by an administrator: the person chooses their own password at first sign-in.
    async (req, reply) =>
      reply.code(201).send(await accounts.createAccount(req.ctx, req.body, { mustChangePassword: true })),
  );

  route(app, accountsApi, 'GET /api/accounts/:accountId', { tags }, (req) =>
    accounts.getAccount(req.ctx, req.params.accountId),
  );

  route(app, accountsApi, 'PATCH /api/accounts/:accountId', { tags }, (req) =>
    accounts.setAccountStatus(req.ctx, req.params.accountId, req.body.status),
  );

  route(app, accountsApi, 'POST /api/accounts/:accountId/password-reset', { tags }, (req) =>
    accounts.forcePasswordReset(req.ctx, req.params.accountId, req.body),
  );

  route(app, accountsApi, 'POST /api/accounts/:accountId/roles', { tags }, async (req, reply) =>
    reply.code(201).send(await accounts.assignRole(req.ctx, req.params.accountId, req.body.role, req.body.orgUnitId)),
  );

  route(app, accountsApi, 'DELETE /api/accounts/:accountId/roles/:grantId', { tags }, (req) =>
    accounts.removeRole(req.ctx, req.params.accountId, req.params.grantId),
  );
}
