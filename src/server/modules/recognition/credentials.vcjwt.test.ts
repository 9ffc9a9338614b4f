import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { configureCredentials } from './issuer.keys.ts';

/*
 * Issuing as VC-JWT (VC-JOSE-COSE): the token Pathway issues verifies with Pathway's own verifier and,
 * independently, with jose against the public key document; a tampered token fails both.
 */

const PUBLIC_URL = 'https://pathway.test';
configureCredentials({ publicUrl: PUBLIC_URL, keySecret: 'vc-jwt-test-key-secret-0123' });
// biome-ignore lint/suspicious/noExplicitAny: tests read free-form credential JSON.
type Json = Record<string, any>;

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** A Multikey's raw Ed25519 public key: base58btc ('z'), after the two-byte 0xed01 multicodec prefix. */
function rawEd25519(publicKeyMultibase: string): Buffer {
  let value = 0n;
  for (const char of publicKeyMultibase.slice(1)) value = value * 58n + BigInt(BASE58.indexOf(char));
  const bytes = Buffer.from(value.toString(16).padStart(68, '0'), 'hex');
  expect([...bytes.subarray(0, 2)]).toEqual([0xed, 0x01]);
  return bytes.subarray(2);
}

const payloadOf = (token: string): Json => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));

/** The same token with its payload changed and the original signature kept. */
function tamper(token: string, change: (payload: Json) => void): string {
  const [header, , signature] = token.split('.');
  const payload = payloadOf(token);
  change(payload);
  return `${header}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
}

describeOnEachDatabase('issuing as VC-JWT', (getDb) => {
  let app: TestApp;
  let officer: Session;
  let teacher: Session;
  let teacherPersonId: string;

  beforeAll(async () => {
    const country = await make.country(getDb());
    const officerUser = await make.user(country.ctx, 'ministry_officer', country.nation);
    const teacherUser = await make.user(country.ctx, 'teacher', country.schoolA1);
    teacherPersonId = teacherUser.person.id;
    app = await testApp(getDb());
    officer = await signIn(app, officerUser.username, officerUser.password);
    teacher = await signIn(app, teacherUser.username, teacherUser.password);
  });

  const credential = () => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    credentialSubject: {
      id: `urn:uuid:${teacherPersonId}`,
      type: ['AchievementSubject'],
      achievement: {
        type: ['Achievement'],
        name: 'Peer mentor',
        description: 'Mentored two new teachers for a term.',
        criteria: { narrative: 'Two mentees, one term.' },
      },
    },
  });

  const issue = (options: Json, headers: Json = {}) =>
    app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: { ...officer.headers, ...headers },
      payload: { credential: credential(), options },
    });

  const verifyOverHttp = (verifiableCredential: unknown) =>
    app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential } });

  /** Checks the token as any JOSE library would: the key from the public key document the kid names. */
  async function verifyWithJose(token: string) {
    const { kid } = decodeProtectedHeader(token);
    const keyDocument = await app.inject({ method: 'GET', url: String(kid).slice(PUBLIC_URL.length) });
    expect(keyDocument.statusCode).toBe(200);
    const x = rawEd25519(keyDocument.json().publicKeyMultibase).toString('base64url');
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x }, 'EdDSA');
    return compactVerify(token, key, { algorithms: ['EdDSA'] });
  }

  it('issues with options.format "vc+jwt": an EnvelopedVerifiableCredential whose JWT is the credential, signed EdDSA', async () => {
    const res = await issue({ format: 'vc+jwt' });
    expect(res.statusCode, res.body).toBe(201);
    const enveloped = res.json().verifiableCredential as Json;
    expect(enveloped).toMatchObject({
      '@context': 'https://www.w3.org/ns/credentials/v2',
      type: 'EnvelopedVerifiableCredential',
      id: expect.stringMatching(/^data:application\/vc\+jwt,[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    const token = (enveloped.id as string).slice('data:application/vc+jwt,'.length);
    const header = decodeProtectedHeader(token);
    expect(header).toEqual({
      alg: 'EdDSA',
      typ: 'vc+jwt',
      kid: expect.stringMatching(new RegExp(`^${PUBLIC_URL}/issuers/[^/]+/keys/key-\\d+$`)),
    });
    const payload = payloadOf(token);
    expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(payload.credentialSubject.achievement.name).toBe('Peer mentor');
    expect(payload.issuer.id).toBe(header.kid!.replace(/\/keys\/[^/]+$/, ''));
    expect(payload).not.toHaveProperty('proof');
    expect(payload).not.toHaveProperty('vc');

    // Pathway's own verifier, as the envelope and as the bare token.
    for (const form of [enveloped, token]) {
      const verified = await verifyOverHttp(form);
      expect(verified.statusCode, verified.body).toBe(200);
      expect(verified.json()).toMatchObject({ verified: true, format: 'vc-jwt', errors: [] });
      expect(verified.json().checks).toEqual(expect.arrayContaining(['schema', 'proof', 'issuer_key', 'status']));
    }
    // Independently: jose with the key from the public key document.
    const { payload: signedBytes } = await verifyWithJose(token);
    expect(JSON.parse(new TextDecoder().decode(signedBytes))).toEqual(payload);
  });

  it('fails a tampered VC-JWT in Pathway’s verifier and in jose', async () => {
    const res = await issue({ format: 'vc+jwt' });
    const token = (res.json().verifiableCredential.id as string).slice('data:application/vc+jwt,'.length);
    const forged = tamper(token, (p) => {
      p.credentialSubject.achievement.name = 'Head of mentoring';
    });
    const verified = await verifyOverHttp(forged);
    expect(verified.statusCode).toBe(400);
    expect(verified.json().results.find((r: Json) => r.check === 'proof')).toMatchObject({
      outcome: 'failed',
      code: 'proof_invalid',
    });
    await expect(verifyWithJose(forged)).rejects.toThrow(/signature verification failed/i);
    // A token Pathway's key never signed for this credential (re-signed content it did not store) is not Pathway's.
    const unknownId = tamper(token, (p) => {
      p.id = `urn:uuid:${crypto.randomUUID()}`;
    });
    expect((await verifyOverHttp(unknownId)).statusCode).toBe(400);
  });

  it('answers the bare token for Accept: application/vc+jwt, and shows a revocation in the JWT’s status', async () => {
    const res = await issue({}, { accept: 'application/vc+jwt' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    const token = res.body;
    expect(decodeProtectedHeader(token).typ).toBe('vc+jwt');
    await verifyWithJose(token);
    expect((await verifyOverHttp(token)).statusCode).toBe(200);

    const id = (payloadOf(token).id as string).slice('urn:uuid:'.length);
    const revoke = await app.inject({
      method: 'POST',
      url: `/api/credentials/${id}/revoke`,
      headers: officer.headers,
      payload: { reason: 'Issued in error' },
    });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const after = await verifyOverHttp(token);
    expect(after.statusCode).toBe(400);
    expect(after.json().results.find((r: Json) => r.check === 'status')).toMatchObject({ code: 'revoked' });
  });

  it('lets the holder download a credential as a .jwt file that verifies, uploaded as text', async () => {
    const issued = await issue({});
    const id = (issued.json().verifiableCredential.id as string).slice('urn:uuid:'.length);
    const download = await app.inject({
      method: 'GET',
      url: `/api/credentials/${id}/credential.jwt`,
      headers: teacher.headers,
    });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="credential-${id}.jwt"`);
    const token = download.body;
    const stored = issued.json().verifiableCredential as Json;
    const { proof: _proof, ...withoutProof } = stored;
    expect(payloadOf(token)).toEqual(withoutProof);
    await verifyWithJose(token);
    // As the /verify page sends a .jwt file: its text, with the newline an editor leaves.
    const upload = await app.inject({
      method: 'POST',
      url: '/api/public/verify',
      headers: { 'content-type': 'text/plain' },
      payload: `${token}\n`,
    });
    expect(upload.json()).toMatchObject({ verified: true, format: 'vc-jwt' });
    // Nobody else's credential: "not found".
    const stranger = await app.inject({ method: 'GET', url: `/api/credentials/${id}/credential.jwt` });
    expect(stranger.statusCode).toBe(401);
  });

  it('refuses an unknown options.format, naming the field', async () => {
    const res = await issue({ format: 'mso_mdoc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'validation_failed', details: { field: 'options.format' } });
  });
});
