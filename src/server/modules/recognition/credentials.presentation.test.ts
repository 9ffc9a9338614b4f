import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { type TestApp, testApp } from '../../../../test/http.ts';
import { configureCredentials } from './issuer.keys.ts';

/*
 * Presentations from wallets as VP-JWTs (bare or in an EnvelopedVerifiablePresentation), built by hand
 * and signed with fresh Ed25519 keys through node:crypto and jose, never with Pathway's issuing code;
 * and the presentation's own @context checked.
 */

configureCredentials({ publicUrl: 'https://pathway.test', keySecret: 'presentation-test-key-secret-0123' });
// biome-ignore lint/suspicious/noExplicitAny: tests build free-form credential JSON.
type Json = Record<string, any>;

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
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

/** A fresh Ed25519 key and its did:key (multicodec 0xed01 + the raw key, base58btc). */
function newDidKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const fingerprint = `z${base58(Buffer.concat([Buffer.from([0xed, 0x01]), raw]))}`;
  const did = `did:key:${fingerprint}`;
  return { privateKey, did, kid: `${did}#${fingerprint}` };
}

async function jws(payload: Json, privateKey: KeyObject, header: Json): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', ...header })
    .sign(privateKey);
}

const envelope = (kind: 'vc' | 'vp', token: string) => ({
  '@context': VC2,
  id: `data:application/${kind}+jwt,${token}`,
  type: kind === 'vc' ? 'EnvelopedVerifiableCredential' : 'EnvelopedVerifiablePresentation',
});

describeOnEachDatabase('presentations from wallets', (getDb) => {
  let app: TestApp;
  const issuer = newDidKey();
  const holder = newDidKey();
  let credentialJwt: string;

  beforeAll(async () => {
    app = await testApp(getDb());
    credentialJwt = await jws(
      {
        '@context': [VC2, OB3],
        id: `urn:uuid:${crypto.randomUUID()}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        name: 'Open educator',
        issuer: { id: issuer.did, type: ['Profile'], name: 'Another academy' },
        validFrom: '2025-01-01T00:00:00Z',
        credentialSubject: {
          id: holder.did,
          type: ['AchievementSubject'],
          achievement: {
            id: 'https://academy.example/achievements/open-educator',
            type: ['Achievement'],
            name: 'Open educator',
            description: 'Publishes open lesson plans.',
            criteria: { narrative: 'Three open lesson plans.' },
          },
        },
      },
      issuer.privateKey,
      { kid: issuer.kid, typ: 'vc+jwt' },
    );
  });

  /** A VC-JOSE-COSE presentation: the payload is the presentation, with the verifier's nonce and audience. */
  const presentation = (extra: Json = {}): Json => ({
    '@context': [VC2],
    type: ['VerifiablePresentation'],
    holder: holder.did,
    verifiableCredential: [envelope('vc', credentialJwt)],
    nonce: 'n-0S6_WzA2Mj',
    aud: 'pathway.test',
    ...extra,
  });
  const signedBy = (key: ReturnType<typeof newDidKey>, payload: Json) =>
    jws(payload, key.privateKey, { kid: key.kid, typ: 'vp+jwt' });

  const verify = (
    verifiablePresentation: unknown,
    options: Json = { challenge: 'n-0S6_WzA2Mj', domain: 'pathway.test' },
  ) => app.inject({ method: 'POST', url: '/presentations/verify', payload: { verifiablePresentation, options } });

  const result = (body: Json, check: string) => body.results.find((r: Json) => r.check === check);

  it('verifies a VP-JWT in an EnvelopedVerifiablePresentation and bare: holder proof, binding, context, credentials', async () => {
    const token = await signedBy(holder, presentation());
    for (const form of [envelope('vp', token), token]) {
      const res = await verify(form);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ verified: true, verdict: 'valid', errors: [] });
      expect(body.results.map((r: Json) => [r.check, r.outcome])).toEqual([
        ['presentation_proof', 'passed'],
        ['holder', 'passed'],
        ['schema', 'passed'],
      ]);
      expect(body.credentials).toHaveLength(1);
      expect(body.credentials[0]).toMatchObject({ verified: true, format: 'vc-jwt' });
    }
  });

  it('refuses a VP-JWT made for another challenge or audience, tampered, or signed by someone else', async () => {
    const token = await signedBy(holder, presentation());
    const replayed = await verify(token, { challenge: 'another-challenge' });
    expect(replayed.statusCode).toBe(400);
    expect(result(replayed.json(), 'presentation_proof')).toMatchObject({ outcome: 'failed', code: 'proof_invalid' });
    const elsewhere = await verify(token, { domain: 'other.example' });
    expect(result(elsewhere.json(), 'presentation_proof')?.message).toContain('aud');

    const [header, , signature] = token.split('.');
    const changed = Buffer.from(JSON.stringify(presentation({ holder: 'did:example:someone-else' }))).toString(
      'base64url',
    );
    const tampered = await verify(`${header}.${changed}.${signature}`);
    expect(tampered.statusCode).toBe(400);
    expect(result(tampered.json(), 'presentation_proof')).toMatchObject({ outcome: 'failed' });

    const thief = newDidKey();
    const stolen = await verify(await signedBy(thief, presentation()));
    expect(stolen.statusCode).toBe(400);
    expect(result(stolen.json(), 'presentation_proof')).toMatchObject({ outcome: 'passed' });
    expect(result(stolen.json(), 'holder')).toMatchObject({ outcome: 'failed', code: 'key_not_holders' });
  });

  it('reads a VC 1.1-style VP-JWT: the presentation in the vp claim, iss naming the holder', async () => {
    const { nonce, aud, holder: _h, ...vp } = presentation();
    const token = await jws(
      { iss: holder.did, nonce, aud, vp: { ...vp, verifiableCredential: [credentialJwt] } },
      holder.privateKey,
      {
        kid: holder.kid,
        typ: 'JWT',
      },
    );
    const res = await verify(token);
    expect(res.statusCode, res.body).toBe(200);
    expect(result(res.json(), 'holder')).toMatchObject({ outcome: 'passed' });
  });

  it('checks the presentation’s @context: the VC 2.0 base context first', async () => {
    const cases: [Json, string][] = [
      [
        { '@context': ['https://example.org/wallet/v1', VC2] },
        '@context must begin with https://www.w3.org/ns/credentials/v2',
      ],
      [{ '@context': VC2 }, '@context must be a list'],
      [{ '@context': [VC2, 42] }, '@context entries must be URLs or context objects'],
    ];
    for (const [change, fault] of cases) {
      const res = await verify(await signedBy(holder, presentation(change)));
      expect(res.statusCode, fault).toBe(400);
      expect(result(res.json(), 'schema')).toMatchObject({ outcome: 'failed', code: 'schema_invalid' });
      expect(result(res.json(), 'schema').message).toContain(fault);
      // The holder's proof itself still holds: only the context is at fault.
      expect(result(res.json(), 'presentation_proof')).toMatchObject({ outcome: 'passed' });
    }
    // Unsigned JSON: the context is checked all the same.
    const { nonce: _n, aud: _a, ...plain } = presentation({ '@context': ['https://example.org/wallet/v1'] });
    const unsigned = await verify(plain, {});
    expect(result(unsigned.json(), 'schema')).toMatchObject({ outcome: 'failed' });
    const { nonce: _n2, aud: _a2, ...good } = presentation();
    const fine = await verify(good, {});
    expect(fine.statusCode, fine.body).toBe(200);
    expect(fine.json().warnings.some((w: string) => w.startsWith('presentation_proof:'))).toBe(true);
  });

  it('refuses a VC-JWT sent as a presentation and an envelope of the wrong kind', async () => {
    const asPresentation = await verify(credentialJwt, {});
    expect(asPresentation.statusCode).toBe(400);
    expect(asPresentation.json().results[0]).toMatchObject({ code: 'malformed' });
    const wrongEnvelope = await verify(envelope('vc', await signedBy(holder, presentation())), {});
    expect(wrongEnvelope.json().results[0]).toMatchObject({ code: 'malformed' });
  });
});
