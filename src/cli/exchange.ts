import fs from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Database } from '../server/db/database.ts';
import { toAdx } from '../server/modules/regional/adx.ts';
import { exportPackage, importPackage, tenantSignerKey, trustSigner } from '../server/modules/regional/exchange.ts';
import { REFERENCE_CASE_IDENTIFIER } from '../server/modules/regional/reference.ts';
import { AppError } from '../server/shared/errors.ts';
import { systemCtx } from './context.ts';

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

const year = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 2000 || n > 2100) throw new InvalidArgumentError('Give a year, e.g. 2026.');
  return n;
};

/** Sends a package to a hub, retrying a refused or failed delivery with growing pauses. */
export async function pushPackage(hub: string, body: string, token: string | undefined, tries = 4): Promise<number> {
  const url = `${hub.replace(/\/+$/, '')}/api/exchange/packages`;
  let last = '';
  for (let attempt = 1; attempt <= tries; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body,
        signal: AbortSignal.timeout(30_000),
      });
      // A refusal of the package itself will not change on a retry.
      if (res.ok || (res.status >= 400 && res.status < 500 && res.status !== 429)) {
        if (!res.ok)
          throw new AppError('exchange_push_refused', `The hub refused the package: ${res.status} ${await res.text()}`);
        return attempt;
      }
      last = `${res.status} ${res.statusText}`;
    } catch (error) {
      if (error instanceof AppError) throw error;
      last = (error as Error).message;
    }
    if (attempt < tries) await new Promise((r) => setTimeout(r, 500 * 2 ** (attempt - 1)));
  }
  throw new AppError(
    'exchange_push_failed',
    `The hub at ${hub} did not take the package after ${tries} tries: ${last}`,
  );
}

/** `pathway exchange key|trust|export|import`: signed aggregate packages between installations. */
export function registerExchangeCommands(program: Command, withDatabase: WithDatabase) {
  const command = program
    .command('exchange')
    .description(
      'Signed aggregate packages (and ADX) between installations: a country exports, a regional office imports.',
    );
  command
    .command('key')
    .description("Print the tenant's public signing key, for the receiving installation to trust.")
    .requiredOption('--tenant <code>', 'Tenant code')
    .action((opts: { tenant: string }) =>
      withDatabase(async (database) => {
        const key = await tenantSignerKey(await systemCtx(database, opts.tenant));
        console.log(`${key.publicKeyMultibase} ${key.verificationMethod}`);
      }),
    );
  command
    .command('trust')
    .description("Trust a country's public key (from `pathway exchange key` there) to sign its packages.")
    .requiredOption('--tenant <code>', 'The receiving tenant (the regional office)')
    .requiredOption('--country <code>', "The country's tenant code, as its packages name it")
    .requiredOption('--key <multibase>', 'The Ed25519 public key, z6Mk…')
    .action((opts: { tenant: string; country: string; key: string }) =>
      withDatabase(async (database) => {
        const ctx = await systemCtx(database, opts.tenant);
        const result = await trustSigner(ctx, { countryCode: opts.country, publicKeyMultibase: opts.key });
        console.log(result.added ? `Trusted ${opts.key} for ${opts.country}.` : `Already trusted for ${opts.country}.`);
      }),
    );
  command
    .command('export')
    .description("Write the tenant's suppressed aggregates for a year, signed (JSON) or as ADX for statistics offices.")
    .requiredOption('--tenant <code>', 'Tenant code')
    .requiredOption('--period <year>', 'The year', year)
    .requiredOption('--out <file>', 'Where to write the package')
    .addOption(
      new Option('--format <format>', 'Signed JSON package or ADX XML').choices(['json', 'adx']).default('json'),
    )
    .option('--reference <identifier>', 'CASE identifier of the reference framework', REFERENCE_CASE_IDENTIFIER)
    .option('--push <hub>', 'Also send the signed package to this hub (env PATHWAY_EXCHANGE_HUB_TOKEN: its API token)')
    .action(
      (opts: {
        tenant: string;
        period: number;
        out: string;
        format: 'json' | 'adx';
        reference: string;
        push?: string;
      }) =>
        withDatabase(async (database) => {
          const ctx = await systemCtx(database, opts.tenant);
          const pkg = await exportPackage(ctx, database, { period: opts.period, referenceIdentifier: opts.reference });
          const body = opts.format === 'adx' ? toAdx(pkg.aggregates) : `${JSON.stringify(pkg, null, 2)}\n`;
          fs.writeFileSync(opts.out, body);
          const a = pkg.aggregates;
          console.log(
            `Wrote ${a.indicators.length} indicators, ${a.competencyShares.length} reference shares and ${a.surveys.length} survey rounds of ${a.country.code} for ${a.period} to ${opts.out}.`,
          );
          if (opts.push) {
            const json = JSON.stringify(pkg);
            const tries = await pushPackage(opts.push, json, process.env.PATHWAY_EXCHANGE_HUB_TOKEN);
            console.log(`Sent to ${opts.push}${tries > 1 ? ` (after ${tries} tries)` : ''}.`);
          }
        }),
    );
  command
    .command('import <file>')
    .description('Verify a signed package and keep it; a tampered, unsigned or unknown-signer package changes nothing.')
    .requiredOption('--tenant <code>', 'The receiving tenant')
    .action((file: string, opts: { tenant: string }) =>
      withDatabase(async (database) => {
        if (!fs.existsSync(file)) throw new AppError('file_not_found', `No file ${file}.`);
        const bytes = fs.readFileSync(file);
        const ctx = await systemCtx(database, opts.tenant);
        const result = await importPackage(ctx, bytes);
        const said = {
          imported: 'Imported',
          replaced: 'Replaced the older package with',
          unchanged: 'Already held:',
          older: 'Kept the newer package already held; not applied:',
        }[result.outcome];
        console.log(`${said} ${result.country} ${result.period}.`);
      }),
    );
}
