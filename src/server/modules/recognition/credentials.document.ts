import { createHash } from 'node:crypto';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './credentials.proof.ts';

/** An alignment in the CASE CFItem form: the item's identifier and its URI at Pathway's CASE provider. */
export interface CfItemAlignment {
  type: ['Alignment'];
  targetType: 'CFItem';
  targetCode: string;
  targetName: string;
  targetDescription?: string;
  targetUrl: string;
  targetFramework: string;
}

export interface RubricLevel {
  code: string;
  name: string;
  description?: string;
}

/** One competency whose rubric level the credential states. */
export interface ResultEntry {
  alignment: CfItemAlignment;
  levels: RubricLevel[];
  achievedLevelCode: string;
}

export interface EvidenceEntry {
  name: string;
  url?: string;
  narrative?: string;
}

export interface BadgeInput {
  credentialId: string;
  issuer: { id: string; name: string; url: string };
  locale: string;
  validFrom: string;
  validUntil: string | null;
  holder: { identity: string; identityType: string; salt: string; did?: string };
  achievement: {
    id: string;
    name: string;
    description: string;
    criteria: string;
    achievementType: string;
    alignments: CfItemAlignment[];
  };
  results: ResultEntry[];
  evidence: EvidenceEntry[];
  /** One entry (Open Badges 3.0 allows one). */
  credentialStatus: object;
}

/**
 * The holder is named by a salted SHA-256 of Pathway's person id (a random UUID), never in clear:
 * whoever knows the id and reads the salt can confirm it, nobody can read it off a shared
 * credential. Not the national id: it is short enough to recover by trying every value.
 */
export function identityHash(identity: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(identity + salt)
    .digest('hex')}`;
}

/** Seconds precision: the XML Schema dateTime form every verifier accepts. */
export function credentialDate(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** The unsigned OpenBadgeCredential (VC Data Model 2.0, Open Badges 3.0.3 context). */
export function openBadgeCredential(input: BadgeInput) {
  const { achievement } = input;
  const resultDescriptionId = (r: ResultEntry) => `${achievement.id}/results/${r.alignment.targetCode}`;
  const levelId = (r: ResultEntry, code: string) => `${resultDescriptionId(r)}/levels/${encodeURIComponent(code)}`;
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: `urn:uuid:${input.credentialId}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: achievement.name,
    issuer: { id: input.issuer.id, type: ['Profile'], name: input.issuer.name, url: input.issuer.url },
    validFrom: credentialDate(input.validFrom),
    ...(input.validUntil ? { validUntil: credentialDate(input.validUntil) } : {}),
    credentialSubject: {
      // A DID the holder gave is kept as the subject's id (wallets match on it); the hash stays beside it.
      ...(input.holder.did ? { id: input.holder.did } : {}),
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: identityHash(input.holder.identity, input.holder.salt),
          identityType: input.holder.identityType,
          hashed: true,
          salt: input.holder.salt,
        },
      ],
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: achievement.achievementType,
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: achievement.criteria },
        inLanguage: input.locale,
        ...(achievement.alignments.length > 0 ? { alignment: achievement.alignments } : {}),
        ...(input.results.length > 0
          ? {
              resultDescription: input.results.map((r) => ({
                id: resultDescriptionId(r),
                type: ['ResultDescription'],
                name: r.alignment.targetName,
                resultType: 'RubricCriterionLevel',
                alignment: [r.alignment],
                rubricCriterionLevel: r.levels.map((level) => ({
                  id: levelId(r, level.code),
                  type: ['RubricCriterionLevel'],
                  name: level.name,
                  level: level.code,
                  ...(level.description ? { description: level.description } : {}),
                })),
              })),
            }
          : {}),
      },
      ...(input.results.length > 0
        ? {
            result: input.results.map((r) => ({
              type: ['Result'],
              resultDescription: resultDescriptionId(r),
              achievedLevel: levelId(r, r.achievedLevelCode),
              alignment: [r.alignment],
            })),
          }
        : {}),
    },
    ...(input.evidence.length > 0
      ? {
          evidence: input.evidence.map((e) => ({
            ...(e.url ? { id: e.url } : {}),
            type: ['Evidence'],
            name: e.name,
            ...(e.narrative ? { narrative: e.narrative } : {}),
          })),
        }
      : {}),
    credentialStatus: input.credentialStatus,
  };
}
