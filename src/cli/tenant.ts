import type { Command } from 'commander';
import type { Database } from '../server/db/database.ts';
import { createTenant, listTenants } from '../server/modules/regional/tenants.service.ts';
import { systemBase } from '../server/shared/context.ts';

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

/** `pathway tenant create | list`: countries and regional offices, made by the operator. */
export function registerTenantCommands(program: Command, withDatabase: WithDatabase) {
  const tenant = program.command('tenant').description('Tenants: countries and regional offices.');
  tenant
    .command('create')
    .description('Create a country (or, with --kind regional, a regional office) with the top unit of its tree.')
    .requiredOption('--code <code>', 'Tenant code (letters, digits, hyphens)')
    .requiredOption('--name <name>', 'Its name, in the first of its languages')
    .option('--country <iso>', 'ISO 3166-1 alpha-2 country code (required for a country)')
    .option('--locales <list>', 'Its languages, comma-separated, the first the default', 'en')
    .option('--kind <kind>', 'country or regional', 'country')
    .action((opts: { code: string; name: string; country?: string; locales: string; kind: string }) =>
      withDatabase(async (database) => {
        const created = await createTenant(systemBase(database), {
          code: opts.code,
          name: opts.name,
          country: opts.country ?? null,
          locales: opts.locales.split(',').map((l) => l.trim()),
          kind: opts.kind as 'country' | 'regional',
        });
        console.log(
          `Created ${created.kind} tenant ${created.code}${created.country ? ` (${created.country})` : ''} ` +
            `in ${created.locales.join(', ')}.`,
        );
      }),
    );
  tenant
    .command('list')
    .description('List every tenant: code, kind, country, languages, name.')
    .action(() =>
      withDatabase(async (database) => {
        for (const t of await listTenants(systemBase(database)))
          console.log(
            [
              t.code.padEnd(12),
              t.kind.padEnd(9),
              (t.country ?? '-').padEnd(3),
              t.locales.join(',').padEnd(16),
              t.name[t.defaultLocale] ?? '',
            ].join(' '),
          );
      }),
    );
}
