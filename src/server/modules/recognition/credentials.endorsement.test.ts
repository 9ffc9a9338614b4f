import { expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { verifyDocument } from './credentials.verify.ts';
import { configureCredentials } from './issuer.keys.ts';

/*
 * EndorsementCredentials from other issuers, built by hand, held to the OB 3.0 EndorsementCredential
 * schema adapted to VC 2.0: a wrong type on the subject or the issuer is named by its property.
 * Only the schema check is read here; proofs are covered in credentials.interop.test.ts.
 */

configureCredentials({ publicUrl: 'https://pathway.test', keySecret: 'endorsement-test-key-secret-0123' });
// biome-ignore lint/suspicious/noExplicitAny: tests build free-form credential JSON.
type Json = Record<string, any>;

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB3 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

function endorsement(change: (e: Json) => void = () => undefined): Json {
  const e: Json = {
    '@context': [VC2, OB3],
    id: 'urn:uuid:8d3b6a52-7a51-4c3e-9b0e-3c2f1d6e4a10',
    type: ['VerifiableCredential', 'EndorsementCredential'],
    name: 'The teachers’ union endorses the mentoring badge',
    description: 'Reviewed by the union’s professional standards committee.',
    issuer: { id: 'did:example:teachers-union', type: ['Profile'], name: 'Teachers’ union' },
    validFrom: '2025-03-01T00:00:00Z',
    validUntil: '2030-03-01T00:00:00Z',
    awardedDate: '2025-03-01T00:00:00Z',
    credentialSubject: {
      id: 'https://district.example/achievements/peer-mentor',
      type: ['EndorsementSubject'],
      endorsementComment: 'Demanding and well evidenced.',
    },
    credentialStatus: {
      id: 'https://union.example/status/1#7',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '7',
      statusListCredential: 'https://union.example/status/1',
    },
  };
  change(e);
  return e;
}

describeOnEachDatabase('EndorsementCredential schema', (getDb) => {
  const schemaCheck = async (document: Json) =>
    (await verifyDocument(getDb().db, document)).results.find((r) => r.check === 'schema')!;

  it('passes a VC 2.0 endorsement against the OB 3.0 EndorsementCredential schema', async () => {
    expect(await schemaCheck(endorsement())).toMatchObject({
      outcome: 'passed',
      message: 'Valid Open Badges 3.0 EndorsementCredential.',
    });
  });

  it('names the property when the subject has a wrong type', async () => {
    const cases: [(e: Json) => void, string][] = [
      [
        (e) => (e.credentialSubject.type = ['AchievementSubject']),
        'credentialSubject.type must include "EndorsementSubject"',
      ],
      [(e) => (e.credentialSubject.type = 5), 'credentialSubject.type must be'],
      [(e) => (e.credentialSubject.id = 42), 'credentialSubject.id must be string'],
      [
        (e) => (e.credentialSubject.endorsementComment = { en: 'Fine' }),
        'credentialSubject.endorsementComment must be string',
      ],
      [(e) => (e.credentialSubject.rating = 5), 'credentialSubject.rating is not allowed here'],
      [(e) => delete e.credentialSubject.id, 'credentialSubject.id is required'],
      [
        (e) => (e.credentialSubject = 'https://district.example/achievements/peer-mentor'),
        'credentialSubject must be object',
      ],
    ];
    for (const [change, fault] of cases) {
      const check = await schemaCheck(endorsement(change));
      expect(check.outcome, fault).toBe('failed');
      expect(check.code).toBe('schema_invalid');
      expect(check.message).toContain(fault);
    }
  });

  it('names the property when the issuer has a wrong type', async () => {
    const cases: [(e: Json) => void, string][] = [
      [(e) => (e.issuer.type = ['Organization']), 'issuer.type must include "Profile"'],
      [(e) => (e.issuer = 'did:example:teachers-union'), 'issuer must be object'],
      [(e) => (e.issuer.name = 7), 'issuer.name must be string'],
      [
        (e) => (e.issuer.parentOrg = { id: 'did:example:federation', type: ['Organization'] }),
        'issuer.parentOrg.type must include "Profile"',
      ],
      [
        (e) => (e.issuer.otherIdentifier = [{ type: 'Identifier', identifier: 'U-1', identifierType: 'name' }]),
        'issuer.otherIdentifier[0].type must include "IdentifierEntry"',
      ],
      [(e) => delete e.issuer, 'issuer is required'],
    ];
    for (const [change, fault] of cases) {
      const check = await schemaCheck(endorsement(change));
      expect(check.outcome, fault).toBe('failed');
      expect(check.message).toContain(fault);
    }
  });

  it('names the credential’s own faults: its type, name, dates and status', async () => {
    const cases: [(e: Json) => void, string][] = [
      [(e) => (e.type = ['EndorsementCredential']), 'type must include "VerifiableCredential"'],
      [(e) => delete e.name, 'name is required'],
      [(e) => delete e.validFrom, 'validFrom is required'],
      [(e) => (e.awardedDate = 'last spring'), 'awardedDate must match format "date-time"'],
      [(e) => (e.credentialStatus = [{ statusPurpose: 'revocation' }]), 'credentialStatus[0].type is required'],
      [(e) => (e['@context'] = [VC2]), '@context lacks the Open Badges 3.0 context'],
    ];
    for (const [change, fault] of cases) {
      const check = await schemaCheck(endorsement(change));
      expect(check.outcome, fault).toBe('failed');
      expect(check.message).toContain(fault);
    }
  });

  it('accepts a VC 2.0 endorsement embedded in an Open Badge, and names a wrong type inside it', async () => {
    const badge = (embedded: Json): Json => ({
      '@context': [VC2, OB3],
      id: 'urn:uuid:0f4e5a2b-3c1d-4e6f-8a9b-1c2d3e4f5a6b',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Peer mentor',
      issuer: { id: 'did:example:district', type: ['Profile'], name: 'District' },
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: {
        id: 'did:example:teacher',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://district.example/achievements/peer-mentor',
          type: ['Achievement'],
          name: 'Peer mentor',
          description: 'Mentored new teachers.',
          criteria: { narrative: 'Two mentees, one term.' },
          endorsement: [embedded],
        },
      },
    });
    const { credentialStatus: _status, awardedDate: _awarded, ...embedded } = endorsement();
    expect(await schemaCheck(badge(embedded))).toMatchObject({ outcome: 'passed' });
    const wrong = await schemaCheck(badge({ ...embedded, issuer: { ...embedded.issuer, type: ['Organization'] } }));
    expect(wrong.message).toContain('credentialSubject.achievement.endorsement[0].issuer.type must include "Profile"');
  });
});
