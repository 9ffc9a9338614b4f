import type { Database } from '../server/db/database.ts';
import * as org from '../server/modules/org/org.service.ts';
import { type Ctx, systemBase } from '../server/shared/context.ts';
import { AppError } from '../server/shared/errors.ts';

/** The CLI acts as the system inside one tenant. */
export async function systemCtx(database: Database, tenantCode: string): Promise<Ctx> {
  const base = systemBase(database);
  const tenant = await org.findTenantByCode(base, tenantCode);
  if (!tenant) throw new AppError('tenant_not_found', `No tenant with code ${tenantCode}.`);
  return { ...base, tenantId: tenant.id, defaultLocale: tenant.defaultLocale, locale: tenant.defaultLocale };
}
