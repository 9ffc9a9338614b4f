import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { ZodApp } from '../../http/app.ts';
import { clearSessionCookie, contextFor, setSessionCookie } from '../../http/auth.ts';
import {
  Account,
  AccountParams,
  ApiTokenCreated,
  ApiTokenView,
  ChangePasswordBody,
  CreateAccountBody,
  CreateTokenBody,
  ForceResetBody,
  ForgotPasswordBody,
  GrantParams,
  ListAccountsQuery,
  LoginBody,
  Me,
  ResetPasswordBody,
  RoleAssignmentBody,
  TokenParams,
  UpdateMeBody,
} from './accounts.schemas.ts';
import * as accounts from './accounts.service.ts';

const tags = ['accounts'];

export function accountsRoutes(app: ZodApp, config: { secureCookies: boolean }, database: Database) {
  app.post(
    '/api/auth/login',
    {
      // Throttled per address and per username in the service (accounts.throttle.ts). req.ip
      // follows Fastify's trustProxy setting, so behind a proxy it is the client's address.
      config: { auth: 'public' },
      schema: { tags, body: LoginBody, response: { 200: Me } },
    },
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

  app.post('/api/auth/logout', { config: { auth: 'public' }, schema: { tags } }, async (req, reply) => {
    if (req.auth) await accounts.logout(contextFor(database, req.auth, req.id), req.auth.sessionId);
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.post(
    '/api/auth/password-reset',
    {
      // Limited per address and per username in the service; the same answer for every username.
      config: { auth: 'public' },
      schema: { tags, body: ForgotPasswordBody },
    },
    async (req, reply) => {
      await accounts.requestPasswordReset(
        { db: database.db, dialect: database.dialect, requestId: req.id },
        req.body.username,
        { ip: req.ip },
      );
      return reply.code(202).send();
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    { config: { auth: 'public' }, schema: { tags, body: ResetPasswordBody } },
    async (req, reply) => {
      await accounts.resetPassword(
        { db: database.db, dialect: database.dialect, requestId: req.id },
        req.body.token,
        req.body.newPassword,
      );
      return reply.code(204).send();
    },
  );

  app.get('/api/me', { config: { beforePasswordChange: true }, schema: { tags, response: { 200: Me } } }, (req) =>
    accounts.me(req.ctx, req.auth?.csrfToken ?? null),
  );

  app.patch('/api/me', { schema: { tags, body: UpdateMeBody, response: { 200: Me } } }, async (req) => {
    await accounts.setMyLocale(req.ctx, req.body.locale);
    return accounts.me({ ...req.ctx, locale: req.body.locale }, req.auth?.csrfToken ?? null);
  });

  app.post(
    '/api/me/password',
    { config: { auth: 'session', beforePasswordChange: true }, schema: { tags, body: ChangePasswordBody } },
    async (req, reply) => {
      await accounts.changePassword(req.ctx, req.body.currentPassword, req.body.newPassword, {
        sessionId: req.auth?.sessionId ?? null,
        tokens: req.body.keepTokens,
      });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/me/tokens',
    { schema: { tags, response: { 200: z.object({ items: z.array(ApiTokenView) }) } } },
    async (req) => ({
      items: await accounts.listApiTokens(req.ctx),
    }),
  );

  app.post(
    '/api/me/tokens',
    { config: { auth: 'session' }, schema: { tags, body: CreateTokenBody, response: { 201: ApiTokenCreated } } },
    async (req, reply) => reply.code(201).send(await accounts.createApiToken(req.ctx, req.body.name)),
  );

  app.delete('/api/me/tokens/:tokenId', { schema: { tags, params: TokenParams } }, async (req, reply) => {
    await accounts.revokeApiToken(req.ctx, req.params.tokenId);
    return reply.code(204).send();
  });

  app.get(
    '/api/accounts',
    { schema: { tags, querystring: ListAccountsQuery, response: { 200: z.object({ items: z.array(Account) }) } } },
    async (req) => ({ items: await accounts.listAccounts(req.ctx, req.query) }),
  );

  app.post(
    '/api/accounts',
    { schema: { tags, body: CreateAccountBody, response: { 201: Account } } },
    // Made by an administrator: the person chooses their own password at first sign-in.
    async (req, reply) =>
      reply.code(201).send(await accounts.createAccount(req.ctx, req.body, { mustChangePassword: true })),
  );

  app.get('/api/accounts/:accountId', { schema: { tags, params: AccountParams, response: { 200: Account } } }, (req) =>
    accounts.getAccount(req.ctx, req.params.accountId),
  );

  app.patch(
    '/api/accounts/:accountId',
    {
      schema: {
        tags,
        params: AccountParams,
        body: z.strictObject({ status: z.enum(['active', 'disabled']) }),
        response: { 200: Account },
      },
    },
    (req) => accounts.setAccountStatus(req.ctx, req.params.accountId, req.body.status),
  );

  app.post(
    '/api/accounts/:accountId/password-reset',
    {
      schema: {
        tags,
        params: AccountParams,
        body: ForceResetBody,
        response: { 200: z.object({ mailed: z.boolean() }) },
      },
    },
    (req) => accounts.forcePasswordReset(req.ctx, req.params.accountId, req.body),
  );

  app.post(
    '/api/accounts/:accountId/roles',
    { schema: { tags, params: AccountParams, body: RoleAssignmentBody, response: { 201: Account } } },
    async (req, reply) =>
      reply.code(201).send(await accounts.assignRole(req.ctx, req.params.accountId, req.body.role, req.body.orgUnitId)),
  );

  app.delete(
    '/api/accounts/:accountId/roles/:grantId',
    { schema: { tags, params: GrantParams, response: { 200: Account } } },
    (req) => accounts.removeRole(req.ctx, req.params.accountId, req.params.grantId),
  );
}
