import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { loadConfig } from '../../config.ts';
import { buildApp } from '../../http/app.ts';
import * as credentials from './credentials.service.ts';
import { configureCredentials } from './issuer.keys.ts';

const PUBLIC_URL = 'https://pathway.test';
// biome-ignore lint/suspicious/noExplicitAny: tests read free-form credential JSON.
type Json = Record<string, any>;
configureCredentials({ publicUrl: PUBLIC_URL, keySecret: 'http-test-key-secret-0123' });

describeOnEachDatabase('credentials over HTTP', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof setUp>>;
  let officer: Session;
  let teacher: Session;

  async function setUp() {
    const country = await make.country(getDb());
    const standard = await make.publishedStandard(country.ctx);
    const officerUser = await make.user(country.ctx, 'ministry_officer', country.nation);
    const teacherUser = await make.user(country.ctx, 'teacher', country.schoolA1);
    const competency = standard.items.find((i) => i.type === 'competency')!;
    const issue = async () => {
      const { id } = await credentials.issueCredential(officerUser.ctx, {
        personId: teacherUser.person.id,
        achievement: {
          key: 'rule-http',
          name: { en: 'Classroom technology' },
          description: { en: 'Uses technology in class.' },
          criteria: { en: 'Confirmed at level 1.' },
          achievementType: 'Badge',
          alignments: [{ frameworkId: standard.id, itemId: competency.id }],
        },
        source: { type: 'recognition_rule', id: 'rule-http' },
      });
      const detail = await credentials.getCredential(officerUser.ctx, id);
      return { ...detail, credential: detail.credential as Json };
    };
    return { ...country, standard, officerUser, teacherUser, competency, issue };
  }

  beforeAll(async () => {
    world = await setUp();
    app = await testApp(getDb());
    officer = await signIn(app, world.officerUser.username, world.officerUser.password);
    teacher = await signIn(app, world.teacherUser.username, world.teacherUser.password);
  });

  it('shows a credential to anyone, with its issuer, holder, status and a fresh verification', async () => {
    const issued = await world.issue();
    const res = await app.inject({ method: 'GET', url: `/api/public/credentials/${issued.id}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      id: issued.id,
      status: 'active',
      holderName: issued.holderName,
      name: 'Classroom technology',
      issuer: { id: `${PUBLIC_URL}/issuers/${world.ctx.tenantId}` },
      verifyUrl: `${PUBLIC_URL}/verify/${issued.id}`,
      verification: { verified: true, errors: [] },
    });
    expect(body.credential).toEqual(issued.credential);
    const missing = await app.inject({ method: 'GET', url: '/api/public/credentials/no-such-credential' });
    expect(missing.statusCode).toBe(404);
  });

  it('serves the issuer, its keys and its status lists publicly', async () => {
    const issued = await world.issue();
    const issuer = await app.inject({ method: 'GET', url: `/issuers/${world.ctx.tenantId}` });
    expect(issuer.statusCode).toBe(200);
    expect(issuer.headers['access-control-allow-origin']).toBe('*');
    const key = issued.credential.proof.verificationMethod as string;
    expect(issuer.json().assertionMethod).toContain(key);
    const keyDoc = await app.inject({ method: 'GET', url: key.slice(PUBLIC_URL.length) });
    expect(keyDoc.json()).toMatchObject({ type: 'Multikey', id: key, controller: issuer.json().id });
    expect(JSON.stringify(keyDoc.json())).not.toContain('secretKey');
    for (const entry of [issued.credential.credentialStatus].flat()) {
      const list = await app.inject({ method: 'GET', url: entry.statusListCredential.slice(PUBLIC_URL.length) });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        credentialSubject: { statusPurpose: entry.statusPurpose, encodedList: expect.stringMatching(/^u/) },
        proof: { cryptosuite: 'eddsa-rdfc-2022' },
      });
    }
    expect((await app.inject({ method: 'GET', url: '/issuers/nobody' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/status/${world.ctx.tenantId}/revocation/7` })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/status/${world.ctx.tenantId}/revocation/99999999999` })).statusCode,
    ).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/status/${world.ctx.tenantId}/other/0` })).statusCode).toBe(400);
  });

  it('POST /credentials/verify speaks the VC API: 200 when verified, 400 with the failed checks when not', async () => {
    const issued = await world.issue();
    const ok = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: issued.credential, options: {} },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ checks: expect.arrayContaining(['proof', 'status']), errors: [], warnings: [] });

    const tampered = structuredClone(issued.credential);
    tampered.name = 'Something grander';
    const bad = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: tampered },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.some((e: string) => e.startsWith('proof:'))).toBe(true);

    for (const payload of ['{"verifiableCredential": ', 'null', '[]', '{}', '']) {
      const res = await app.inject({
        method: 'POST',
        url: '/credentials/verify',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json(), payload).toMatchObject({
        verified: false,
        checks: expect.any(Array),
        errors: expect.any(Array),
      });
    }
  });

  it('verifies an uploaded credential file without a session, always answering 200 with the checks', async () => {
    const issued = await world.issue();
    const file = Buffer.from(JSON.stringify(issued.credential, null, 2));
    const ok = await app.inject({
      method: 'POST',
      url: '/api/public/verify',
      headers: { 'content-type': 'application/json' },
      payload: file,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().verified).toBe(true);
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/public/verify',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from([0xff, 0xfe, 0x00, 0x41]),
    });
    expect(garbage.statusCode).toBe(200);
    expect(garbage.json()).toMatchObject({ verified: false });
    expect(garbage.json().results.map((r: { check: string; code: string }) => [r.check, r.code])).toEqual(
      ['schema', 'proof', 'issuer_key', 'dates', 'status'].map((check) => [check, 'malformed']),
    );
  });

  it('revocation shows on the public page at once', async () => {
    const issued = await world.issue();
    const res = await app.inject({
      method: 'POST',
      url: `/api/credentials/${issued.id}/revoke`,
      headers: officer.headers,
      payload: { reason: 'Issued in error.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', statusReason: 'Issued in error.' });
    const page = (await app.inject({ method: 'GET', url: `/api/public/credentials/${issued.id}` })).json();
    expect(page.status).toBe('revoked');
    expect(page.verification.results.find((r: { check: string }) => r.check === 'status')).toMatchObject({
      outcome: 'failed',
      code: 'revoked',
    });
    const again = await app.inject({
      method: 'POST',
      url: `/api/credentials/${issued.id}/suspend`,
      headers: officer.headers,
      payload: { reason: 'Too late.' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('lets the holder list, download and print their credentials, and not revoke them', async () => {
    const issued = await world.issue();
    const list = await app.inject({
      method: 'GET',
      url: `/api/people/${world.teacherUser.person.id}/credentials`,
      headers: teacher.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().map((c: { id: string }) => c.id)).toContain(issued.id);
    const one = await app.inject({ method: 'GET', url: `/api/credentials/${issued.id}`, headers: teacher.headers });
    expect(one.json()).toMatchObject({ id: issued.id, credential: { id: `urn:uuid:${issued.id}` } });
    const download = await app.inject({
      method: 'GET',
      url: `/api/credentials/${issued.id}/download`,
      headers: teacher.headers,
    });
    expect(download.headers['content-disposition']).toBe(`attachment; filename="credential-${issued.id}.json"`);
    expect(JSON.parse(download.body)).toEqual(issued.credential);
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/credentials/${issued.id}/certificate.pdf`,
      headers: teacher.headers,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const revoke = await app.inject({
      method: 'POST',
      url: `/api/credentials/${issued.id}/revoke`,
      headers: teacher.headers,
      payload: { reason: 'I do not want it.' },
    });
    expect(revoke.statusCode).toBe(403);
    // Signed-in routes need a session.
    expect((await app.inject({ method: 'GET', url: `/api/credentials/${issued.id}` })).statusCode).toBe(401);
  });

  it('shows a credential only to the holder and to those who may see their individual ratings', async () => {
    const issued = await world.issue();
    const urls = [
      `/api/credentials/${issued.id}`,
      `/api/credentials/${issued.id}/download`,
      `/api/credentials/${issued.id}/certificate.pdf`,
    ];
    // A district officer reads the person (people.read) but not their ratings.
    const districtUser = await make.user(world.ctx, 'district_officer', world.districtA1);
    const district = await signIn(app, districtUser.username, districtUser.password);
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url, headers: district.headers });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('credential_not_found');
    }
    const list = await app.inject({
      method: 'GET',
      url: `/api/people/${world.teacherUser.person.id}/credentials`,
      headers: district.headers,
    });
    expect(list.statusCode).toBe(404);
    // An assessor over the school (assessment.read) and a recognition manager do.
    const assessorUser = await make.user(world.ctx, 'assessor', world.districtA1);
    const assessor = await signIn(app, assessorUser.username, assessorUser.password);
    for (const session of [assessor, officer, teacher]) {
      for (const url of urls)
        expect((await app.inject({ method: 'GET', url, headers: session.headers })).statusCode, url).toBe(200);
    }
  });

  it('POST /credentials/issue issues to someone in scope and only with a caller', async () => {
    const credential = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: {
        id: `urn:uuid:${world.teacherUser.person.id}`,
        type: ['AchievementSubject'],
        achievement: {
          type: ['Achievement'],
          name: 'Workshop facilitator',
          description: 'Ran a district workshop.',
          criteria: { narrative: 'Ran at least one workshop.' },
          achievementType: 'Achievement',
          alignment: [{ type: ['Alignment'], targetType: 'CFItem', targetCode: world.competency.caseIdentifier }],
        },
      },
    };
    const none = await app.inject({ method: 'POST', url: '/credentials/issue', payload: { credential } });
    expect(none.statusCode).toBe(401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: { cookie: officer.cookie },
      payload: { credential },
    });
    expect(noCsrf.statusCode).toBe(403);
    // A token of the right length in characters but not in bytes is refused, not a 500.
    const nonAscii = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: { cookie: officer.cookie, 'x-csrf-token': `\u00e9${officer.csrf.slice(1)}` },
      payload: { credential },
    });
    expect(nonAscii.statusCode).toBe(403);
    expect(nonAscii.json().error.code).toBe('csrf_failed');
    const res = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: officer.headers,
      payload: { credential },
    });
    expect(res.statusCode, res.body).toBe(201);
    const vc = res.json().verifiableCredential;
    expect(vc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(vc.credentialSubject.achievement.alignment[0].targetCode).toBe(world.competency.caseIdentifier);
    const verified = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: vc },
    });
    expect(verified.statusCode).toBe(200);
    // Nobody issues to themself, a teacher included.
    const byTeacher = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: teacher.headers,
      payload: { credential },
    });
    expect(byTeacher.statusCode).toBe(403);
  });

  it('POST /credentials/issue needs recognition.manage over the holder, and nobody issues to themself', async () => {
    const credentialFor = (personId: string) => ({
      credentialSubject: {
        id: `urn:uuid:${personId}`,
        achievement: { name: 'National Master Trainer', description: 'Self-made.', criteria: { narrative: 'None.' } },
      },
    });
    const assessorUser = await make.user(world.ctx, 'assessor', world.districtA1);
    const assessor = await signIn(app, assessorUser.username, assessorUser.password);
    const post = (session: Session, personId: string) =>
      app.inject({
        method: 'POST',
        url: '/credentials/issue',
        headers: session.headers,
        payload: { credential: credentialFor(personId) },
      });
    // An assessor approves what a rule found; free-form issuing is not theirs, to anyone.
    const toTeacher = await post(assessor, world.teacherUser.person.id);
    expect(toTeacher.statusCode).toBe(404);
    const toSelf = await post(assessor, assessorUser.person.id);
    expect(toSelf.statusCode).toBe(403);
    expect(toSelf.json().error.code).toBe('forbidden');
    // A recognition manager issues to others, never to themself, by any path.
    expect((await post(officer, world.officerUser.person.id)).statusCode).toBe(403);
    await expect(
      credentials.issueCredential(world.officerUser.ctx, {
        personId: world.officerUser.person.id,
        achievement: {
          key: 'self',
          name: { en: 'Self' },
          description: { en: 'Self.' },
          criteria: { en: 'Self.' },
          achievementType: 'Badge',
          alignments: [],
        },
        source: { type: 'recognition_rule', id: 'self' },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect((await post(officer, world.teacherUser.person.id)).statusCode).toBe(201);
  });

  it('verifies bodies up to 64 KB, 20 a minute from one address', async () => {
    const big = JSON.stringify({ verifiableCredential: { filler: 'x'.repeat(65 * 1024) } });
    for (const url of ['/credentials/verify', '/api/public/verify']) {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: big,
        remoteAddress: '198.51.100.1',
      });
      expect(res.statusCode, url).toBe(413);
      expect(res.json().error.code).toBe('body_too_large');
    }
    const issued = await world.issue();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/public/verify',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(issued.credential),
        remoteAddress: '198.51.100.2',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(codes[20]).toBe(429);
    // Another address is not held back.
    const other = await app.inject({
      method: 'POST',
      url: '/credentials/verify',
      headers: { 'content-type': 'application/json' },
      payload: { verifiableCredential: issued.credential },
      remoteAddress: '198.51.100.3',
    });
    expect(other.statusCode).toBe(200);
  });

  it('takes the verification limit from PATHWAY_VERIFY_RATE_LIMIT', async () => {
    const config = loadConfig({ PATHWAY_VERIFY_RATE_LIMIT: '3' });
    expect(() => loadConfig({ PATHWAY_VERIFY_RATE_LIMIT: 'lots' })).toThrow(/PATHWAY_VERIFY_RATE_LIMIT/);
    const limited = await buildApp({
      config: {
        secureCookies: false,
        webDir: '/nonexistent',
        logLevel: 'silent',
        verifyRateLimit: config.verifyRateLimit,
      },
      database: getDb(),
    });
    const issued = await world.issue();
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await limited.inject({
        method: 'POST',
        url: '/credentials/verify',
        headers: { 'content-type': 'application/json' },
        payload: { verifiableCredential: issued.credential },
        remoteAddress: '198.51.100.4',
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 429]);
    await limited.close();
  });

  it('shows the issuer to recognition managers and rotates its key', async () => {
    await world.issue();
    const before = await app.inject({ method: 'GET', url: '/api/issuer', headers: officer.headers });
    expect(before.statusCode).toBe(200);
    expect(before.json().counts.active).toBeGreaterThan(0);
    const rotated = await app.inject({ method: 'POST', url: '/api/issuer/keys/rotate', headers: officer.headers });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().keys.length).toBe(before.json().keys.length + 1);
    expect((await app.inject({ method: 'GET', url: '/api/issuer', headers: teacher.headers })).statusCode).toBe(403);
  });
});
