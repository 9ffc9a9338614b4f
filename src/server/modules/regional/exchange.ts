import { createHash } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Database } from '../../db/database.ts';
import { requireScope } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { lockIssuer } from '../recognition/credentials.repo.ts';
import { activeSigningKey } from '../recognition/issuer.keys.ts';
import { type AggregateOptions, type CountryAggregates, countryAggregates } from './aggregates.ts';
import { validatePackageShape } from './exchange.schema.ts';

/**
 * Aggregate exchange between installations: a country signs its suppressed aggregates for a period
 * with its tenant's Ed25519 key (the key that signs its credentials), and another installation that
 * trusts that key for that country loads them. The signature covers the canonical JSON of the
 * aggregates (keys sorted, no spaces), so any change to any figure breaks it.
 */

export const PACKAGE_FORMAT = 'pathway-aggregate-package/1';

export interface AggregatePackage {
  format: typeof PACKAGE_FORMAT;
  aggregates: CountryAggregates;
  proof: {
    type: 'Ed25519Signature';
    created: string;
    verificationMethod: string;
    publicKeyMultibase: string;
    /** base64url of the Ed25519 signature over canonicalJson(aggregates). */
    signatureValue: string;
  };
}

/** JSON with object keys sorted at every depth and no whitespace: one byte string per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const bytesOf = (aggregates: unknown) => new TextEncoder().encode(canonicalJson(aggregates));

/** Builds and signs the package of a country's aggregates for one period. */
export async function exportPackage(
  ctx: Ctx,
  database: Database,
  options: AggregateOptions,
): Promise<AggregatePackage> {
  const aggregates = await countryAggregates(database, ctx.tenantId, options);
  const key = await inTransaction(ctx, async (tx) => {
    await lockIssuer(tx.db, tx.tenantId);
    return activeSigningKey(tx);
  });
  const pair = await Ed25519Multikey.from({ ...key, type: 'Multikey' });
  const signature = await pair.signer().sign({ data: bytesOf(aggregates) });
  return {
    format: PACKAGE_FORMAT,
    aggregates,
    proof: {
      type: 'Ed25519Signature',
      created: nowIso(),
      verificationMethod: key.id,
      publicKeyMultibase: key.publicKeyMultibase,
      signatureValue: Buffer.from(signature).toString('base64url'),
    },
  };
}

/** The public key another installation must trust before it loads this tenant's packages. */
export async function tenantSignerKey(ctx: Ctx): Promise<{ verificationMethod: string; publicKeyMultibase: string }> {
  requireScope(ctx, 'sharing.manage');
  const key = await inTransaction(ctx, async (tx) => {
    await lockIssuer(tx.db, tx.tenantId);
    return activeSigningKey(tx);
  });
  return { verificationMethod: key.id, publicKeyMultibase: key.publicKeyMultibase };
}

/** An Ed25519 public key as a multikey: base58btc ('z') of the 0xed01 prefix and 32 bytes, 48 characters. */
const ED25519_MULTIKEY = /^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/;

async function publicKeyPair(publicKeyMultibase: string) {
  try {
    if (!ED25519_MULTIKEY.test(publicKeyMultibase)) throw new Error('not an Ed25519 multikey');
    return await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase });
  } catch {
    throw new AppError('exchange_key_invalid', 'This is not an Ed25519 public key in multibase (z6Mk…).', {
      field: 'publicKeyMultibase',
    });
  }
}

/** Trusts a key to sign packages for one country; a key already trusted for it is not added twice. */
export async function trustSigner(ctx: Ctx, input: { countryCode: string; publicKeyMultibase: string }) {
  requireScope(ctx, 'exchange.import');
  const countryCode = input.countryCode.trim();
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(countryCode))
    throw new AppError('validation_failed', 'Give the country tenant code (letters, digits, - or _).', {
      field: 'countryCode',
    });
  await publicKeyPair(input.publicKeyMultibase);
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('exchange_signer')
      .selectAll()
      .where('tenant_id', '=', tx.tenantId)
      .where('country_code', '=', countryCode)
      .where('public_key_multibase', '=', input.publicKeyMultibase)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (existing) return { id: existing.id, added: false };
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      country_code: countryCode,
      public_key_multibase: input.publicKeyMultibase,
      added_at: nowIso(),
      revoked_at: null,
    };
    await tx.db.insertInto('exchange_signer').values(row).execute();
    await recordAudit(tx.db, tx, 'exchange.signer.trust', { type: 'exchange_signer', id: row.id }, null, {
      countryCode,
      publicKeyMultibase: row.public_key_multibase,
    });
    return { id: row.id, added: true };
  });
}

export type ImportOutcome = 'imported' | 'replaced' | 'unchanged' | 'older';

/**
 * Checks a package completely (shape, signature, a signer trusted for its country) before anything is
 * written; then keeps it as the package for its country and period unless the one held is as new.
 */
export async function importPackage(
  ctx: Ctx,
  bytes: Buffer,
): Promise<{ outcome: ImportOutcome; country: string; period: number }> {
  requireScope(ctx, 'exchange.import');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new AppError('exchange_package_invalid', `The package is not JSON: ${(error as Error).message}`);
  }
  if (parsed && typeof parsed === 'object' && !('proof' in parsed))
    throw new AppError('exchange_package_unsigned', 'The package carries no signature (proof); nothing was imported.');
  const pkg = validatePackageShape(parsed);
  const pair = await publicKeyPair(pkg.proof.publicKeyMultibase);
  const valid = await pair
    .verifier()
    .verify({ data: bytesOf(pkg.aggregates), signature: Buffer.from(pkg.proof.signatureValue, 'base64url') });
  if (!valid)
    throw new AppError(
      'exchange_signature_invalid',
      'The signature does not match the contents: the package was changed after it was signed. Nothing was imported.',
    );
  const country = pkg.aggregates.country.code;
  const period = pkg.aggregates.period;
  const digest = createHash('sha256').update(canonicalJson(pkg.aggregates)).digest('hex');
  return inTransaction(ctx, async (tx) => {
    const trusted = await tx.db
      .selectFrom('exchange_signer')
      .select('id')
      .where('tenant_id', '=', tx.tenantId)
      .where('country_code', '=', country)
      .where('public_key_multibase', '=', pkg.proof.publicKeyMultibase)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (!trusted)
      throw new AppError(
        'exchange_unknown_signer',
        `The package is signed by a key not trusted for ${country}; trust it first (pathway exchange trust). Nothing was imported.`,
        { country },
      );
    const held = await tx.db
      .selectFrom('exchange_package')
      .select(['id', 'digest', 'generated_at'])
      .where('tenant_id', '=', tx.tenantId)
      .where('country_code', '=', country)
      .where('period', '=', period)
      .executeTakeFirst();
    if (held?.digest === digest) return { outcome: 'unchanged' as const, country, period };
    if (held && held.generated_at >= pkg.aggregates.generatedAt) return { outcome: 'older' as const, country, period };
    const values = {
      generated_at: pkg.aggregates.generatedAt,
      signer_key: pkg.proof.publicKeyMultibase,
      digest,
      package: JSON.stringify(pkg),
      imported_at: nowIso(),
    };
    const id = held?.id ?? newId();
    if (held)
      await tx.db
        .updateTable('exchange_package')
        .set(values)
        .where('tenant_id', '=', tx.tenantId)
        .where('id', '=', id)
        .execute();
    else
      await tx.db
        .insertInto('exchange_package')
        .values({ tenant_id: tx.tenantId, id, country_code: country, period, ...values })
        .execute();
    await recordAudit(tx.db, tx, 'exchange.package.import', { type: 'exchange_package', id }, held ?? null, {
      country,
      period,
      generatedAt: values.generated_at,
      digest,
    });
    return { outcome: held ? ('replaced' as const) : ('imported' as const), country, period };
  });
}

/** The newest package held for each country and period, as loaded. */
export async function heldPackages(ctx: Ctx): Promise<AggregatePackage[]> {
  requireScope(ctx, 'regional.read');
  const rows = await ctx.db
    .selectFrom('exchange_package')
    .select('package')
    .where('tenant_id', '=', ctx.tenantId)
    .orderBy('country_code')
    .orderBy('period')
    .execute();
  return rows.map((r) => JSON.parse(r.package) as AggregatePackage);
}

/** What the held packages are, without their figures: the list a regional office's screen shows. */
export async function heldPackageList(ctx: Ctx) {
  requireScope(ctx, 'regional.read');
  const rows = await ctx.db
    .selectFrom('exchange_package')
    .select(['country_code', 'period', 'generated_at', 'imported_at', 'signer_key'])
    .where('tenant_id', '=', ctx.tenantId)
    .orderBy('country_code')
    .orderBy('period')
    .execute();
  return rows.map((r) => ({
    country: r.country_code,
    period: r.period,
    generatedAt: r.generated_at,
    importedAt: r.imported_at,
    signer: r.signer_key,
  }));
}
