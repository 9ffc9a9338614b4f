import { z } from 'zod';
import { PERMISSIONS, ROLES } from '../../shared/access.ts';
import { LocaleSchema } from '../../shared/catalogues.ts';
import { Tenant } from '../org/org.schemas.ts';

export const RoleSchema = z.enum(ROLES);
export const PasswordSchema = z
  .string()
  .min(10, 'Use at least 10 characters.')
  .max(200)
  .describe('At least 10 characters.');
export const UsernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3)
  .max(100)
  .regex(/^[a-z0-9._@-]+$/, 'Use letters, digits and . _ @ - only.');

export const LoginBody = z.strictObject({
  username: z.string().trim().toLowerCase().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const GrantView = z.object({
  id: z.string(),
  role: RoleSchema,
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  orgUnitPath: z.string(),
});

export const Me = z.object({
  accountId: z.string(),
  username: z.string(),
  locale: z.string(),
  personId: z.string(),
  displayName: z.string(),
  tenant: Tenant,
  grants: z.array(GrantView),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string().nullable(),
  /** Set for accounts made by import or an administrator, or by a forced reset: change the password first. */
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const UpdateMeBody = z.strictObject({ locale: LocaleSchema });
export const ForgotPasswordBody = z.strictObject({ username: z.string().min(1).max(200) });
export const ResetPasswordBody = z.strictObject({ token: z.string().min(20).max(200), newPassword: PasswordSchema });
export const ForceResetBody = z.strictObject({
  sendLink: z.boolean().default(true),
  mustChange: z.boolean().default(true),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
  /** Keep the account's API tokens working (they are revoked by default, as after a leak). */
  keepTokens: z.boolean().default(false),
});

export const RoleAssignmentBody = z.strictObject({ role: RoleSchema, orgUnitId: z.string().min(1) });
export const CreateAccountBody = z.strictObject({
  personId: z.string().min(1),
  username: UsernameSchema,
  password: PasswordSchema,
  roles: z.array(RoleAssignmentBody).max(20).default([]),
});
export type CreateAccountInput = z.infer<typeof CreateAccountBody>;

export const Account = z.object({
  id: z.string(),
  username: z.string(),
  personId: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  lastLoginAt: z.string().nullable(),
  /** The next sign-in must set a new password (made by an administrator or an import, or a forced reset). */
  mustChangePassword: z.boolean(),
  grants: z.array(GrantView),
});
export type Account = z.infer<typeof Account>;

export const AccountParams = z.object({ accountId: z.string().min(1) });
export const GrantParams = z.object({ accountId: z.string().min(1), grantId: z.string().min(1) });
export const ListAccountsQuery = z.strictObject({
  unitId: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const CreateTokenBody = z.strictObject({ name: z.string().trim().min(1).max(100) });
export const ApiTokenCreated = z.object({ id: z.string(), name: z.string(), token: z.string(), createdAt: z.string() });
export const ApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const TokenParams = z.object({ tokenId: z.string().min(1) });
