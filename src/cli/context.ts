import { sql } from 'kysely';
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

/**
 * PostgreSQL plans a statement (a foreign key's check among them) once per connection, from the
 * statistics its tables had then. A seed that writes a country in one transaction outgrows them at
 * once: a check planned while `survey_response` was empty read every response of the tenant for
 * each answer. So a long seed gathers them again between its stages (ANALYZE counts the rows its
 * own transaction wrote, and replans what was planned before). Only Pathway's own schema's tables:
 * a bare ANALYZE takes every table of the database in turn, and two of them at once (seeds into
 * other schemas of one server, as the tests run) can deadlock.
 */
export async function refreshStatistics(ctx: Ctx): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  const tables = await sql<{ name: string }>`
    select quote_ident(tablename) as name from pg_tables where schemaname = current_schema() order by tablename`.execute(
    ctx.db,
  );
  if (tables.rows.length) await sql`analyze ${sql.raw(tables.rows.map((t) => t.name).join(', '))}`.execute(ctx.db);
}
