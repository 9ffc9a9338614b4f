import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase, freshDatabase } from '../../../../test/db.ts';
import { seedDemo } from '../../../cli/demo.ts';
import type { Database } from '../../db/database.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import * as org from '../org/org.service.ts';
import { ADX_NAMESPACE, DATASET_SHARES, toAdx } from './adx.ts';
import type { CountryAggregates } from './aggregates.ts';
import { compareCountries } from './comparison.service.ts';
import {
  type AggregatePackage,
  canonicalJson,
  exportPackage,
  heldPackages,
  importPackage,
  tenantSignerKey,
  trustSigner,
} from './exchange.ts';
import { REFERENCE_CASE_IDENTIFIER } from './reference.ts';

const PERIOD = new Date().getUTCFullYear();

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}

const bytes = (value: unknown) => Buffer.from(JSON.stringify(value));
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));

describeOnEachDatabase('signed aggregate exchange between installations', (getDb) => {
  // The receiving installation is another database altogether, as a regional office's server would be.
  let hub: Database;
  let office: Ctx;
  let country: Ctx;
  let pkg: AggregatePackage;
  const packagesHeld = async () =>
    Number(
      (
        await hub.db
          .selectFrom('exchange_package')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const database = getDb();
    await seedDemo(database, { teachers: 160 });
    const tenant = await org.findTenantByCode(systemBase(database), 'demo');
    country = { ...systemBase(database), tenantId: tenant!.id };
    pkg = await exportPackage(country, database, { period: PERIOD, referenceIdentifier: REFERENCE_CASE_IDENTIFIER });
    hub = await freshDatabase('sqlite');
    const { tenant: regional } = await org.createTenant(systemBase(hub), {
      code: 'asia-pacific',
      name: { en: 'Regional office' },
      defaultLocale: 'en',
      locales: ['en'],
      levelNames: [{ en: 'Region' }],
      kind: 'regional',
      root: { type: 'nation', code: 'RO', name: { en: 'Regional office' } },
    });
    office = { ...systemBase(hub), tenantId: regional.id };
  }, 120_000);
  afterAll(() => hub?.close());

  it('exports what the country shares: reference shares by region, suppressed where its dashboard hides them', () => {
    const a = pkg.aggregates;
    expect(a.country.code).toBe('demo');
    expect(a.period).toBe(PERIOD);
    expect(a.reference?.identifier).toBe(REFERENCE_CASE_IDENTIFIER);
    expect(a.reference!.mapped).toBeGreaterThan(0);
    expect(a.reference!.mapped).toBeLessThanOrEqual(a.reference!.total);
    const shown = a.competencyShares.filter((s) => s.share !== null);
    expect(shown.length).toBeGreaterThan(0);
    for (const s of a.competencyShares) {
      if (s.suppressed) expect(s.share).toBeNull();
      if (s.mapped.length === 0) expect(s.share).toBeNull();
      if (s.teachers !== null) expect(s.teachers).toBeGreaterThanOrEqual(5);
    }
    expect(a.indicators.length).toBeGreaterThan(0);
    // Nothing about a person: no names, no person or account ids anywhere in the package.
    const text = JSON.stringify(pkg);
    expect(text).not.toMatch(/person_?id|account_?id|national_?id|given_?name|family_?name|username/i);
  });

  it('refuses a package from a signer the receiving side does not trust, and writes nothing', async () => {
    expect(await codeOf(importPackage(office, bytes(pkg)))).toBe('exchange_unknown_signer');
    expect(await packagesHeld()).toBe(0);
  });

  it('imports a trusted package once: a second import changes nothing', async () => {
    const key = await tenantSignerKey(country);
    expect(key.publicKeyMultibase).toBe(pkg.proof.publicKeyMultibase);
    await trustSigner(office, { countryCode: 'demo', publicKeyMultibase: key.publicKeyMultibase });
    expect(await importPackage(office, bytes(pkg))).toEqual({ outcome: 'imported', country: 'demo', period: PERIOD });
    expect(await importPackage(office, bytes(pkg))).toEqual({ outcome: 'unchanged', country: 'demo', period: PERIOD });
    expect(await packagesHeld()).toBe(1);
    expect((await heldPackages(office))[0]!.aggregates).toEqual(pkg.aggregates);
  });

  it('refuses a tampered, an unsigned or a malformed copy, naming why, and keeps what it held', async () => {
    const tampered = copy(pkg);
    const cell = tampered.aggregates.competencyShares.find((s) => s.share !== null)!;
    cell.share = Math.min(1, cell.share! + 0.1);
    expect(await codeOf(importPackage(office, bytes(tampered)))).toBe('exchange_signature_invalid');

    const reordered = copy(pkg);
    reordered.aggregates.generatedAt = new Date(Date.parse(pkg.aggregates.generatedAt) + 60_000).toISOString();
    expect(await codeOf(importPackage(office, bytes(reordered)))).toBe('exchange_signature_invalid');

    const unsigned: Partial<AggregatePackage> = copy(pkg);
    delete unsigned.proof;
    expect(await codeOf(importPackage(office, bytes(unsigned)))).toBe('exchange_package_unsigned');

    const extra = copy(pkg) as AggregatePackage & { aggregates: { people?: unknown } };
    extra.aggregates.people = [{ name: 'Someone' }];
    const error = await importPackage(office, bytes(extra)).catch((e: AppError) => e);
    expect((error as AppError).code).toBe('exchange_package_invalid');
    expect((error as AppError).message).toContain('/aggregates/people');

    expect(await codeOf(importPackage(office, Buffer.from('{"format": "pathway-aggr')))).toBe(
      'exchange_package_invalid',
    );
    expect(await packagesHeld()).toBe(1);
    expect((await heldPackages(office))[0]!.aggregates).toEqual(pkg.aggregates);
  });

  it('replaces the package of a period with a newer one, and never with an older one', async () => {
    const newer = await exportPackage(country, getDb(), {
      period: PERIOD,
      referenceIdentifier: REFERENCE_CASE_IDENTIFIER,
    });
    expect((await importPackage(office, bytes(newer))).outcome).toBe('replaced');
    expect((await importPackage(office, bytes(pkg))).outcome).toBe('older');
    expect(await packagesHeld()).toBe(1);
    expect((await heldPackages(office))[0]!.aggregates.generatedAt).toBe(newer.aggregates.generatedAt);
  });

  it('verifies a package signed by another tool that follows the published shape', async () => {
    // Written here by hand, signed with a key made here: not by Pathway's exporter.
    const pair = await Ed25519Multikey.generate({});
    const aggregates: CountryAggregates = {
      format: 'pathway-aggregates/1',
      country: { code: 'island-state', iso: 'FJ', name: { en: 'Island State' } },
      period: PERIOD,
      generatedAt: '2026-03-01T08:00:00.000Z',
      reference: { identifier: REFERENCE_CASE_IDENTIFIER, title: { en: 'Reference' }, mapped: 1, total: 18 },
      target: { levelCode: 'L2', title: { en: 'Practitioner' } },
      competencyShares: [
        {
          referenceItem: { identifier: 'urn:example:ref:1', code: 'R1', title: { en: 'Policy' } },
          mapped: [{ code: 'P-1', relation: 'narrower' }],
          unit: { code: 'IS', name: { en: 'Island State' }, type: 'nation' },
          teachers: 420,
          atTarget: 130,
          share: 130 / 420,
          suppressed: false,
        },
      ],
      indicators: [],
      surveys: [],
    };
    const signature = await pair.signer().sign({ data: new TextEncoder().encode(canonicalJson(aggregates)) });
    const foreign = {
      // Key order differs from Pathway's own files: the signature covers the canonical form, not the layout.
      proof: {
        signatureValue: Buffer.from(signature).toString('base64url'),
        publicKeyMultibase: pair.publicKeyMultibase,
        verificationMethod: `did:key:${pair.publicKeyMultibase}#${pair.publicKeyMultibase}`,
        created: '2026-03-01T08:00:01.000Z',
        type: 'Ed25519Signature',
      },
      aggregates: { ...aggregates, surveys: [], indicators: [] },
      format: 'pathway-aggregate-package/1',
    };
    await trustSigner(office, { countryCode: 'island-state', publicKeyMultibase: pair.publicKeyMultibase });
    expect((await importPackage(office, bytes(foreign))).outcome).toBe('imported');
  });

  it('shows the countries of the held packages on the regional comparison, beside none it was not sent', async () => {
    const board = await compareCountries(office, { period: PERIOD });
    expect(board.countries.map((c) => [c.code, c.source])).toEqual([
      ['demo', 'package'],
      ['island-state', 'package'],
    ]);
    const demo = board.countries[0]!;
    const held = (await heldPackages(office)).find((p) => p.aggregates.country.code === 'demo')!;
    expect(demo.generatedAt).toBe(held.aggregates.generatedAt);
    const nation = held.aggregates.competencyShares.find((s) => s.unit.type === 'nation' && s.share !== null)!;
    expect(demo.cells.find((c) => c.identifier === nation.referenceItem.identifier)!.share).toBe(nation.share);
    expect((await compareCountries(office, { period: PERIOD - 1 })).countries).toEqual([]);
  });

  it('refuses to trust something that is not an Ed25519 public key', async () => {
    expect(await codeOf(trustSigner(office, { countryCode: 'demo', publicKeyMultibase: 'zNotAKey' }))).toBe(
      'exchange_key_invalid',
    );
  });

  it('writes the same shares as ADX, leaving hidden figures out rather than writing zero', () => {
    const xml = toAdx(pkg.aggregates);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (n) => n === 'group' || n === 'dataValue',
    }).parse(xml);
    expect(parsed.adx.xmlns).toBe(ADX_NAMESPACE);
    const groups = parsed.adx.group as {
      dataSet: string;
      orgUnit: string;
      period: string;
      dataValue: { dataElement: string; value: string }[];
    }[];
    expect(groups.every((g) => g.period === `${PERIOD}-01-01/P1Y`)).toBe(true);
    const shares = groups.filter((g) => g.dataSet === DATASET_SHARES);
    const written = shares.reduce((n, g) => n + g.dataValue.length, 0);
    expect(written).toBe(pkg.aggregates.competencyShares.filter((s) => s.share !== null).length);
    const first = pkg.aggregates.competencyShares.find((s) => s.share !== null)!;
    const group = shares.find((g) => g.orgUnit === first.unit.code)!;
    const value = group.dataValue.find(
      (v) => v.dataElement === first.referenceItem.code.replace(/[^A-Za-z0-9_]+/g, '_'),
    )!;
    expect(Number(value.value)).toBeCloseTo(first.share! * 100, 3);
  });
});
