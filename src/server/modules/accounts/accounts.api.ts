import { z } from 'zod';
import type { ApiMap } from '../../http/route.ts';
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

export const accountsApi = {
  'POST /api/auth/login': { body: LoginBody, response: { 200: Me } },
  'POST /api/auth/logout': {},
  'POST /api/auth/password-reset': { body: ForgotPasswordBody },
  'POST /api/auth/password-reset/confirm': { body: ResetPasswordBody },
  'GET /api/me': { response: { 200: Me } },
  'PATCH /api/me': { body: UpdateMeBody, response: { 200: Me } },
  'POST /api/me/password': { body: ChangePasswordBody },
  'GET /api/me/tokens': { response: { 200: z.object({ items: z.array(ApiTokenView) }) } },
  'POST /api/me/tokens': { body: CreateTokenBody, response: { 201: ApiTokenCreated } },
  'DELETE /api/me/tokens/:tokenId': { params: TokenParams },
  'GET /api/accounts': { querystring: ListAccountsQuery, response: { 200: z.object({ items: z.array(Account) }) } },
  'POST /api/accounts': { body: CreateAccountBody, response: { 201: Account } },
  'GET /api/accounts/:accountId': { params: AccountParams, response: { 200: Account } },
  'PATCH /api/accounts/:accountId': {
    params: AccountParams,
    body: z.strictObject({ status: z.enum(['active', 'disabled']) }),
    response: { 200: Account },
  },
  'POST /api/accounts/:accountId/password-reset': {
    params: AccountParams,
    body: ForceResetBody,
    response: { 200: z.object({ mailed: z.boolean() }) },
  },
  'POST /api/accounts/:accountId/roles': {
    params: AccountParams,
    body: RoleAssignmentBody,
    response: { 201: Account },
  },
  'DELETE /api/accounts/:accountId/roles/:grantId': { params: GrantParams, response: { 200: Account } },
} as const satisfies ApiMap;
