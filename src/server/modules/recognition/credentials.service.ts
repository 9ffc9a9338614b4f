import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../../db/database.ts';
import { hasPermissionAt, requirePermissionAt, requireScope } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction, systemBase } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { CASE_PATH } from '../frameworks/frameworks.case.ts';
import type { FrameworkDetail } from '../frameworks/frameworks.schemas.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { worded, wordingOf } from '../translations/translations.wording.ts';
import { type CertificateLabels, renderCertificate } from './certificate.pdf.ts';
import { type CfItemAlignment, openBadgeCredential, type ResultEntry } from './credentials.document.ts';
import { envelopedCredential, signCredentialJwt, VC_JWT_TYPE } from './credentials.jwt.ts';
import { signCredential } from './credentials.proof.ts';
import * as repo from './credentials.repo.ts';
import {
  ensureStatusLists,
  LIST_SIZE,
  rebuildStatusList,
  STATUS_PURPOSES,
  type StatusPurpose,
  statusEntry,
} from './credentials.status.ts';
import {
  controllerDocument,
  issuerDocuments,
  type PresentationVerification,
  type Verification,
  verifyDocument,
  verifyPresentation as verifyPresentationDocument,
} from './credentials.verify.ts';
import { activeSigningKey, createKey, credentialSettings, issuerUrl, multikeyDocument } from './issuer.keys.ts';

export type { Verification } from './credentials.verify.ts';

export interface AchievementSpec {
  /** Stable across issues of the same achievement (B passes the recognition rule id). Becomes the Achievement id URL. */
  key: string;
  name: LocalizedText;
  description: LocalizedText;
  criteria: LocalizedText;
  achievementType: string;
  alignments: { frameworkId: string; itemId: string }[];
  results?: { frameworkId: string; itemId: string; levelCode: string }[];
}

export interface IssueInput {
  personId: string;
  achievement: AchievementSpec;
  evidence?: { name: string; url?: string; narrative?: string }[];
  source: { type: 'recognition_rule' | 'vc_api'; id: string | null };
  validUntil?: string | null;
  /** The holder's own DID, kept as credentialSubject.id (beside the hashed identifier). */
  holderDid?: string;
}

export type CredentialStatus = 'active' | 'suspended' | 'revoked';

export interface CredentialSummary {
  id: string;
  personId: string;
  achievementKey: string;
  name: string;
  achievementType: string;
  locale: string;
  source: { type: string; id: string | null };
  keyId: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  status: CredentialStatus;
  statusReason: string | null;
  statusChangedAt: string | null;
  /** The public verification page (what the certificate's QR code opens). */
  verifyUrl: string;
}

export interface CredentialDetail extends CredentialSummary {
  holderName: string;
  /** The signed OpenBadgeCredential exactly as issued. */
  credential: Record<string, unknown>;
}

const ACHIEVEMENT_TYPES = new Set([
  'Achievement',
  'ApprenticeshipCertificate',
  'Assessment',
  'Assignment',
  'AssociateDegree',
  'Award',
  'Badge',
  'BachelorDegree',
  'Certificate',
  'CertificateOfCompletion',
  'Certification',
  'CommunityService',
  'Competency',
  'Course',
  'CoCurricular',
  'Degree',
  'Diploma',
  'DoctoralDegree',
  'Fieldwork',
  'GeneralEducationDevelopment',
  'JourneymanCertificate',
  'LearningProgram',
  'License',
  'Membership',
  'ProfessionalDoctorate',
  'QualityAssuranceCredential',
  'MasterCertificate',
  'MasterDegree',
  'MicroCredential',
  'ResearchDoctorate',
  'SecondarySchoolDiploma',
]);

export const verifyUrlOf = (id: string) => `${credentialSettings().publicUrl}/verify/${id}`;
export const achievementUrl = (tenantId: string, key: string) =>
  `${credentialSettings().publicUrl}/achievements/${tenantId}/${encodeURIComponent(key)}`;

function toSummary(row: repo.CredentialRow): CredentialSummary {
  const document = JSON.parse(row.document) as { credentialSubject?: { achievement?: { achievementType?: string } } };
  return {
    id: row.id,
    personId: row.person_id,
    achievementKey: row.achievement_key,
    name: row.achievement_name,
    achievementType: document.credentialSubject?.achievement?.achievementType ?? 'Achievement',
    locale: row.locale,
    source: { type: row.source_type, id: row.source_id },
    keyId: row.key_id,
    issuedAt: row.issued_at,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    status: row.status as CredentialStatus,
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    verifyUrl: verifyUrlOf(row.id),
  };
}

const displayName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`.trim();

/** Who may issue: from a rule or an approval, a recognition manager or approver; free-form, a manager only. */
type IssuingPermission = 'recognition.manage' | 'recognition.approve';
const FROM_RULE: IssuingPermission[] = ['recognition.manage', 'recognition.approve'];
const FREE_FORM: IssuingPermission[] = ['recognition.manage'];

/**
 * The person, if the actor may issue to them with one of `permissions` over them; otherwise "not
 * found". Nobody issues to themself: only the system, acting on a rule, has no self to favour.
 */
async function requireIssuablePerson(
  ctx: Ctx,
  personId: string,
  permissions: IssuingPermission[],
): Promise<people.PersonRow> {
  const row = await people.requirePerson(ctx, personId);
  if (!ctx.actor.system && row.id === ctx.actor.personId)
    throw new AppError('forbidden', 'Nobody can issue a credential to themself.', { personId });
  const allowed = ctx.actor.system || permissions.some((p) => hasPermissionAt(ctx, p, row.org_path));
  if (!allowed) throw notFound('person', personId);
  return row;
}

function checkSpec(spec: AchievementSpec, validUntil: string | null | undefined) {
  if (!spec.key.trim() || spec.key.length > 200)
    throw new AppError('validation_failed', 'The achievement key must be 1 to 200 characters.', {
      field: 'achievement.key',
    });
  if (!ACHIEVEMENT_TYPES.has(spec.achievementType) && !/^ext:[A-Za-z0-9._-]+$/.test(spec.achievementType))
    throw new AppError('validation_failed', `Unknown Open Badges achievementType ${spec.achievementType}.`, {
      field: 'achievement.achievementType',
    });
  for (const [field, text] of Object.entries({
    name: spec.name,
    description: spec.description,
    criteria: spec.criteria,
  })) {
    if (Object.values(text).every((t) => !t?.trim()))
      throw new AppError('validation_failed', `The achievement ${field} is empty.`, { field: `achievement.${field}` });
  }
  if (validUntil !== undefined && validUntil !== null) {
    const until = Date.parse(validUntil);
    if (Number.isNaN(until))
      throw new AppError('validation_failed', 'validUntil is not a date.', { field: 'validUntil' });
    if (until <= Date.now())
      throw new AppError('valid_until_past', 'validUntil must be in the future.', { field: 'validUntil' });
  }
}

/** Resolves alignments and rubric results to CASE CFItems of published frameworks, in the holder's language. */
async function resolveAlignments(ctx: Ctx, spec: AchievementSpec, locale: string, defaultLocale: string) {
  const loaded = new Map<string, FrameworkDetail>();
  const framework = async (id: string) => {
    let fw = loaded.get(id);
    if (!fw) {
      fw = await frameworks.getFramework(ctx, id);
      // A superseded or retired version still names real, once-published items (a rule on an item the new version dropped).
      if (fw.status === 'draft' || fw.status === 'in_review')
        throw new AppError('framework_not_published', 'Credentials align only to published frameworks.', {
          frameworkId: id,
        });
      loaded.set(id, fw);
    }
    return fw;
  };
  const text = (t: LocalizedText) => resolveText(t, locale, defaultLocale).text;
  const alignmentOf = async (frameworkId: string, itemId: string): Promise<CfItemAlignment> => {
    const fw = await framework(frameworkId);
    const item = fw.items.find((i) => i.id === itemId);
    if (!item) throw new AppError('unknown_competency', `No item ${itemId} in framework ${frameworkId}.`, { itemId });
    const statement = text(item.statement);
    return {
      type: ['Alignment'],
      targetType: 'CFItem',
      targetCode: item.caseIdentifier,
      targetName: `${item.code} ${text(item.title)}`.trim(),
      ...(statement ? { targetDescription: statement } : {}),
      targetUrl: `${credentialSettings().publicUrl}${CASE_PATH}/CFItems/${item.caseIdentifier}`,
      targetFramework: `${text(fw.title)} ${fw.version}`.trim(),
    };
  };
  const alignments: CfItemAlignment[] = [];
  for (const a of spec.alignments) alignments.push(await alignmentOf(a.frameworkId, a.itemId));
  const results: ResultEntry[] = [];
  for (const r of spec.results ?? []) {
    const fw = await framework(r.frameworkId);
    if (!fw.levels.some((l) => l.code === r.levelCode))
      throw new AppError('unknown_level', `No level ${r.levelCode} in framework ${r.frameworkId}.`, {
        levelCode: r.levelCode,
      });
    results.push({
      alignment: await alignmentOf(r.frameworkId, r.itemId),
      achievedLevelCode: r.levelCode,
      levels: [...fw.levels]
        .sort((a, b) => a.position - b.position)
        .map((level) => {
          const rubric = fw.rubrics.find((x) => x.itemId === r.itemId && x.levelCode === level.code);
          const description = rubric ? text(rubric.descriptor) : (level.description[locale] ?? '');
          return { code: level.code, name: text(level.title), ...(description ? { description } : {}) };
        }),
    });
  }
  return { alignments, results };
}

/** The holder's language: their account's, else the tenant's default. */
async function holderLocale(ctx: Ctx, personId: string, defaultLocale: string): Promise<string> {
  return (await repo.accountLocaleOf(ctx.db, ctx.tenantId, personId)) ?? defaultLocale;
}

/**
 * Issues a signed Open Badges 3.0 credential to a person in the actor's recognition scope.
 * Joins the caller's transaction when there is one.
 */
/** A credential was issued or its status changed (notifications tell the holder). */
export const credentialChanged = domainEvent<{
  credentialId: string;
  personId: string;
  change: 'issued' | StatusAction;
}>();

export async function issueCredential(ctx: Ctx, input: IssueInput): Promise<{ id: string }> {
  return inTransaction(ctx, async (tx) => (await issueSigned(tx, input, FROM_RULE)).row);
}

async function issueSigned(ctx: Ctx, input: IssueInput, permissions: IssuingPermission[]) {
  checkSpec(input.achievement, input.validUntil);
  const person = await requireIssuablePerson(ctx, input.personId, permissions);
  const tenant = await org.getTenant(ctx);
  const locale = await holderLocale(ctx, person.id, tenant.defaultLocale);
  const text = (t: LocalizedText) => resolveText(t, locale, tenant.defaultLocale).text;
  const { alignments, results } = await resolveAlignments(ctx, input.achievement, locale, tenant.defaultLocale);

  // From here the issuer row is locked (PostgreSQL): index, key and lists are taken in one order.
  const index = await repo.allocateStatusIndex(ctx.db, ctx.tenantId);
  const key = await activeSigningKey(ctx);
  const resolveLocal = issuerDocuments(ctx.db);
  await ensureStatusLists(ctx, index, resolveLocal);

  const id = newId();
  const now = nowIso();
  const unsigned = openBadgeCredential({
    credentialId: id,
    issuer: { id: issuerUrl(ctx.tenantId), name: text(tenant.name), url: credentialSettings().publicUrl },
    locale,
    validFrom: now,
    validUntil: input.validUntil ?? null,
    // The person id, a random UUID, and never the national id: the salt is public, and a national
    // id is short enough to find by hashing every candidate against it.
    holder: {
      identity: person.id,
      identityType: 'sourcedId',
      salt: randomBytes(16).toString('hex'),
      ...(input.holderDid ? { did: input.holderDid } : {}),
    },
    achievement: {
      id: achievementUrl(ctx.tenantId, input.achievement.key),
      name: text(input.achievement.name),
      description: text(input.achievement.description),
      criteria: text(input.achievement.criteria),
      achievementType: input.achievement.achievementType,
      alignments,
    },
    results,
    evidence: input.evidence ?? [],
    credentialStatus: statusEntry(ctx.tenantId, index),
  });
  const signed = await signCredential(unsigned, key, resolveLocal);
  const row = {
    tenant_id: ctx.tenantId,
    id,
    person_id: person.id,
    achievement_key: input.achievement.key,
    achievement_name: text(input.achievement.name),
    locale,
    source_type: input.source.type,
    source_id: input.source.id,
    key_id: key.keyId,
    status_index: index,
    valid_from: now,
    valid_until: input.validUntil ? new Date(input.validUntil).toISOString() : null,
    issued_at: now,
    issued_by_account_id: ctx.actor.accountId,
    status: 'active',
    status_reason: null,
    status_changed_at: null,
    status_changed_by_account_id: null,
    document: JSON.stringify(signed),
  };
  await repo.insertCredential(ctx.db, row);
  await credentialChanged.emit(ctx, { credentialId: id, personId: person.id, change: 'issued' });
  await recordAudit(ctx.db, ctx, 'credential.issue', { type: 'credential', id }, null, {
    personId: person.id,
    achievementKey: input.achievement.key,
    source: input.source,
    keyId: key.keyId,
    statusIndex: index,
  });
  return { row: { id }, signed, key };
}

/**
 * A credential's results carry the holder's confirmed levels, so only those who may see individual
 * ratings read it: the holder, or assessment.read, recognition.manage or recognition.approve over
 * them (reading the person, people.read, is not enough). Anyone else is told "not found".
 */
async function requireCredentialReader(ctx: Ctx, personId: string): Promise<people.PersonRow> {
  const person = await people.requirePerson(ctx, personId);
  const allowed =
    person.id === ctx.actor.personId ||
    (['assessment.read', 'recognition.manage', 'recognition.approve'] as const).some((p) =>
      hasPermissionAt(ctx, p, person.org_path),
    );
  if (!allowed) throw notFound('person', personId);
  return person;
}

/** Credentials of a person, for the holder or whoever may see their individual ratings. */
export async function listCredentials(ctx: Ctx, query: { personId: string }): Promise<CredentialSummary[]> {
  const person = await requireCredentialReader(ctx, query.personId);
  return (await repo.credentialsOf(ctx.db, ctx.tenantId, person.id)).map(toSummary);
}

async function requireReadableCredential(ctx: Ctx, id: string) {
  const row = await repo.getCredential(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('credential', id);
  try {
    const person = await requireCredentialReader(ctx, row.person_id);
    return { row, person };
  } catch (error) {
    if (error instanceof AppError && error.code === 'person_not_found') throw notFound('credential', id);
    throw error;
  }
}

export async function getCredential(ctx: Ctx, id: string): Promise<CredentialDetail> {
  const { row, person } = await requireReadableCredential(ctx, id);
  return { ...toSummary(row), holderName: displayName(person), credential: JSON.parse(row.document) };
}

/**
 * A credential as a VC-JWT, for wallets that take JWTs: the stored credential without its Data
 * Integrity proof, signed now with the issuer's active key (a retired key signs nothing new).
 */
export async function credentialJwt(ctx: Ctx, id: string): Promise<string> {
  const { row } = await requireReadableCredential(ctx, id);
  const key = await activeSigningKey(ctx);
  return signCredentialJwt(JSON.parse(row.document), key);
}

const TRANSITIONS = {
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
} as const;
export type StatusAction = keyof typeof TRANSITIONS;

/** Revokes (final), suspends or reinstates; re-signs the status lists; the audit log records who and why. */
export async function changeStatus(
  ctx: Ctx,
  id: string,
  action: StatusAction,
  reason: string,
): Promise<CredentialSummary> {
  const why = reason.trim();
  if (!why) throw new AppError('validation_failed', 'Give a reason.', { field: 'reason' });
  return inTransaction(ctx, async (tx) => {
    const { row, person } = await requireReadableCredential(tx, id);
    requirePermissionAt(tx, 'recognition.manage', person.org_path);
    const transition = TRANSITIONS[action];
    // Lock order as in issuing: the issuer row first, so status lists are rebuilt one writer at a time.
    await repo.lockIssuer(tx.db, tx.tenantId);
    const at = nowIso();
    const changed = await repo.setStatus(tx.db, tx.tenantId, id, [...transition.from], {
      status: transition.to,
      reason: why,
      at,
      by: tx.actor.accountId,
    });
    if (!changed)
      throw new AppError('invalid_transition', `A ${row.status} credential cannot be ${action}d.`, {
        status: row.status,
        action,
      });
    const listNo = Math.floor(row.status_index / LIST_SIZE);
    const resolveLocal = issuerDocuments(tx.db);
    for (const purpose of STATUS_PURPOSES) await rebuildStatusList(tx, purpose, listNo, resolveLocal);
    await recordAudit(
      tx.db,
      tx,
      `credential.${action}`,
      { type: 'credential', id },
      { status: row.status },
      {
        status: transition.to,
        reason: why,
      },
    );
    await credentialChanged.emit(tx, { credentialId: id, personId: row.person_id, change: action });
    const updated = await repo.getCredential(tx.db, tx.tenantId, id);
    return toSummary(updated!);
  });
}

export interface IssuerOverview {
  id: string;
  name: string;
  keys: {
    id: string;
    url: string;
    publicKeyMultibase: string;
    createdAt: string;
    retiredAt: string | null;
    active: boolean;
    credentials: number;
  }[];
  counts: Record<CredentialStatus, number>;
}

export async function issuerOverview(ctx: Ctx): Promise<IssuerOverview> {
  requireScope(ctx, 'recognition.manage');
  const [tenant, keys, counts, perKey] = await Promise.all([
    org.getTenant(ctx),
    repo.listKeys(ctx.db, ctx.tenantId),
    repo.countsByStatus(ctx.db, ctx.tenantId),
    repo.countsByKey(ctx.db, ctx.tenantId),
  ]);
  return {
    id: issuerUrl(ctx.tenantId),
    name: resolveText(tenant.name, ctx.locale, tenant.defaultLocale).text,
    keys: keys.map((k) => ({
      id: k.id,
      url: multikeyDocument(ctx.tenantId, k).id,
      publicKeyMultibase: k.public_key_multibase,
      createdAt: k.created_at,
      retiredAt: k.retired_at,
      active: k.retired_at === null,
      credentials: perKey.get(k.id) ?? 0,
    })),
    counts: { active: counts.active ?? 0, suspended: counts.suspended ?? 0, revoked: counts.revoked ?? 0 },
  };
}

/** A new active key; earlier ones retire from signing but stay published, so what they signed still verifies. */
export async function rotateKey(ctx: Ctx): Promise<IssuerOverview> {
  requirePermissionAt(ctx, 'recognition.manage', await org.topUnitPath(ctx));
  await inTransaction(ctx, async (tx) => {
    await repo.lockIssuer(tx.db, tx.tenantId);
    const retired = await repo.retireKeys(tx.db, tx.tenantId, nowIso());
    const key = await createKey(tx);
    await recordAudit(
      tx.db,
      tx,
      'issuer.rotate_key',
      { type: 'issuer_key', id: key.id },
      { retired },
      {
        active: key.id,
      },
    );
  });
  return issuerOverview(ctx);
}

/** How a VC API caller wants the credential secured: a Data Integrity proof (the default) or a VC-JWT. */
const ISSUE_FORMATS = ['ldp_vc', VC_JWT_TYPE] as const;

/**
 * W3C VC API issue: an unsigned OpenBadgeCredential naming a person in the actor's
 * recognition.manage scope as `credentialSubject.id`. Free-form, it states whatever the caller
 * says, so an approver (who signs off what a rule found) may not use it. With `options.format`
 * "vc+jwt" the same credential (stored with its Data Integrity proof) is answered as a VC-JWT,
 * signed by the same key, in an EnvelopedVerifiableCredential.
 */
export async function issueFromVcApi(
  ctx: Ctx,
  credential: unknown,
  options: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const invalid = (message: string, field: string) => new AppError('validation_failed', message, { field });
  const format = options.format ?? 'ldp_vc';
  if (!(ISSUE_FORMATS as readonly unknown[]).includes(format))
    throw invalid(`options.format must be one of ${ISSUE_FORMATS.join(', ')}.`, 'options.format');
  if (!credential || typeof credential !== 'object' || Array.isArray(credential))
    throw invalid('Send the credential to issue as an object.', 'credential');
  const c = credential as Record<string, unknown>;
  const subject = c.credentialSubject as Record<string, unknown> | undefined;
  const uuid = (v: unknown) => (typeof v === 'string' ? /^(?:urn:uuid:)?([0-9a-f-]{36})$/i.exec(v)?.[1] : undefined);
  // The holder's DID is kept as the subject id; the person is then named in options.personId.
  const holderDid =
    typeof subject?.id === 'string' && /^did:[a-z0-9]+:[A-Za-z0-9._:%#-]+$/.test(subject.id) && subject.id.length <= 500
      ? subject.id
      : undefined;
  const personId = holderDid
    ? uuid(options.personId)
    : typeof subject?.id === 'string' && subject.id.startsWith('urn:uuid:')
      ? uuid(subject.id)
      : undefined;
  if (!personId)
    throw invalid(
      holderDid
        ? 'With a DID as credentialSubject.id, name the person in options.personId (their person id).'
        : 'credentialSubject.id must name the person as urn:uuid:<person id>, or be the holder’s DID with options.personId.',
      holderDid ? 'options.personId' : 'credential.credentialSubject.id',
    );
  const achievement = subject?.achievement as Record<string, unknown> | undefined;
  const tenant = await org.getTenant(ctx);
  const language =
    typeof achievement?.inLanguage === 'string' ? achievement.inLanguage.slice(0, 10) : tenant.defaultLocale;
  const str = (v: unknown, field: string) => {
    if (typeof v !== 'string' || !v.trim())
      throw invalid(`${field} is required.`, `credential.credentialSubject.achievement.${field}`);
    return { [language]: v.trim() };
  };
  if (!achievement || typeof achievement !== 'object')
    throw invalid('credentialSubject.achievement is required.', 'credential.credentialSubject.achievement');
  const name = str(achievement.name, 'name');
  const alignments = await alignmentsByCaseIdentifier(ctx, achievement.alignment);
  const key =
    typeof achievement.id === 'string'
      ? `vc-api-${createHash('sha256').update(achievement.id).digest('hex').slice(0, 24)}`
      : `vc-api-${createHash('sha256').update(JSON.stringify(name)).digest('hex').slice(0, 24)}`;
  const validUntil = typeof c.validUntil === 'string' ? c.validUntil : null;
  return inTransaction(ctx, async (tx) => {
    const { signed, key: signingKey } = await issueSigned(
      tx,
      {
        personId,
        achievement: {
          key,
          name,
          description: str(achievement.description, 'description'),
          criteria: str((achievement.criteria as { narrative?: unknown } | undefined)?.narrative, 'criteria.narrative'),
          achievementType:
            typeof achievement.achievementType === 'string' ? achievement.achievementType : 'Achievement',
          alignments,
        },
        evidence: evidenceOf(c.evidence),
        source: { type: 'vc_api', id: ctx.actor.accountId },
        validUntil,
        ...(holderDid ? { holderDid } : {}),
      },
      FREE_FORM,
    );
    return format === VC_JWT_TYPE ? envelopedCredential(await signCredentialJwt(signed, signingKey)) : signed;
  });
}

function evidenceOf(value: unknown) {
  return [value ?? []]
    .flat()
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    .map((e) => ({
      name: typeof e.name === 'string' ? e.name : 'Evidence',
      ...(typeof e.id === 'string' ? { url: e.id } : {}),
      ...(typeof e.narrative === 'string' ? { narrative: e.narrative } : {}),
    }));
}

/** VC API callers align by CASE identifier (targetCode), which names one item of one published version. */
async function alignmentsByCaseIdentifier(ctx: Ctx, value: unknown) {
  const wanted = [value ?? []]
    .flat()
    .map((a) => (a && typeof a === 'object' ? (a as { targetCode?: unknown }).targetCode : undefined));
  if (wanted.length === 0) return [];
  const published = (await frameworks.listFrameworks(ctx)).filter((f) => f.status === 'published');
  const found: { frameworkId: string; itemId: string }[] = [];
  const details = await Promise.all(published.map((f) => frameworks.getFramework(ctx, f.id)));
  for (const code of wanted) {
    const hit = details
      .map((fw) => ({ fw, item: fw.items.find((i) => i.caseIdentifier === code) }))
      .find((x) => x.item);
    if (typeof code !== 'string' || !hit?.item)
      throw new AppError('unknown_competency', `No published competency with CASE identifier ${String(code)}.`, {
        targetCode: code,
      });
    found.push({ frameworkId: hit.fw.id, itemId: hit.item.id });
  }
  return found;
}

// ---- public (no sign-in): the verification page, the issuer's documents, the status lists ----

const tenantCtx = (database: Database, tenantId: string): Ctx => ({ ...systemBase(database), tenantId });

export interface PublicCredential {
  id: string;
  status: CredentialStatus;
  statusChangedAt: string | null;
  issuer: { id: string; name: string; url: string };
  holderName: string;
  name: string;
  description: string;
  achievementType: string;
  locale: string;
  issuedAt: string;
  validFrom: string;
  validUntil: string | null;
  verifyUrl: string;
  credential: Record<string, unknown>;
  verification: Verification;
}

export async function publicCredential(database: Database, id: string): Promise<PublicCredential> {
  const row = await repo.findCredential(database.db, id);
  if (!row) throw notFound('credential', id);
  const ctx = tenantCtx(database, row.tenant_id);
  const person = await people.requirePerson(ctx, row.person_id);
  const credential = JSON.parse(row.document) as Record<string, unknown> & {
    issuer: { id: string; name: string; url: string };
    credentialSubject: { achievement: { description: string; achievementType: string } };
  };
  return {
    id: row.id,
    status: row.status as CredentialStatus,
    statusChangedAt: row.status_changed_at,
    issuer: { id: credential.issuer.id, name: credential.issuer.name, url: credential.issuer.url },
    holderName: displayName(person),
    name: row.achievement_name,
    description: credential.credentialSubject.achievement.description,
    achievementType: credential.credentialSubject.achievement.achievementType,
    locale: row.locale,
    issuedAt: row.issued_at,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    verifyUrl: verifyUrlOf(row.id),
    credential,
    verification: await verifyDocument(database.db, credential),
  };
}

export function verifyPresentation(
  database: Database,
  input: unknown,
  options: { challenge?: string; domain?: string },
): Promise<PresentationVerification> {
  return verifyPresentationDocument(database.db, input, options);
}

export function verify(database: Database, input: unknown): Promise<Verification> {
  return verifyDocument(database.db, input);
}

/** The issuer's Profile and controller document: every key, current and retired. */
export async function issuerDocument(database: Database, tenantId: string) {
  const ctx = tenantCtx(database, tenantId);
  const tenant = await org.getTenant(ctx).catch(() => undefined);
  const document =
    tenant &&
    (await controllerDocument(database.db, tenantId, {
      name: resolveText(tenant.name, tenant.defaultLocale, tenant.defaultLocale).text,
      url: credentialSettings().publicUrl,
    }));
  if (!document) throw notFound('issuer', tenantId);
  return document;
}

export async function issuerKeyDocument(database: Database, tenantId: string, keyId: string) {
  const key = await repo.getKey(database.db, tenantId, keyId);
  if (!key) throw notFound('issuer_key', keyId);
  return { '@context': 'https://w3id.org/security/multikey/v1', ...multikeyDocument(tenantId, key) };
}

export async function statusListDocument(database: Database, tenantId: string, purpose: StatusPurpose, listNo: number) {
  const row = await repo.getStatusList(database.db, tenantId, purpose, listNo);
  if (!row) throw notFound('status_list', `${tenantId}/${purpose}/${listNo}`);
  return JSON.parse(row.document) as Record<string, unknown>;
}

/** The certificate's words in one language, as the tenant words them. */
async function certificateLabels(ctx: Ctx, locale: string): Promise<CertificateLabels> {
  const texts = await wordingOf(ctx.db, ctx.tenantId, 'certificate');
  return Object.fromEntries(
    [...texts.keys()].map((key) => [key, worded(texts, key, locale, ctx.defaultLocale)]),
  ) as unknown as CertificateLabels;
}

/** The printable certificate, in the language the credential was issued in, stating its status now. */
export async function certificatePdf(ctx: Ctx, id: string): Promise<Buffer> {
  const detail = await getCredential(ctx, id);
  const credential = detail.credential as {
    issuer: { name: string };
    credentialSubject: {
      achievement: {
        name: string;
        description: string;
        achievementType: string;
        criteria: { narrative?: string };
        alignment?: CfItemAlignment[];
        resultDescription?: { id: string; rubricCriterionLevel?: { id: string; name: string }[] }[];
      };
      result?: { resultDescription: string; achievedLevel?: string; alignment?: CfItemAlignment[] }[];
    };
  };
  const { achievement, result = [] } = credential.credentialSubject;
  const levelName = (r: (typeof result)[number]) =>
    achievement.resultDescription
      ?.find((d) => d.id === r.resultDescription)
      ?.rubricCriterionLevel?.find((l) => l.id === r.achievedLevel)?.name;
  const competencies = new Map<string, { name: string; framework: string; level?: string }>();
  for (const a of achievement.alignment ?? [])
    competencies.set(a.targetCode, { name: a.targetName, framework: a.targetFramework });
  for (const r of result) {
    const a = r.alignment?.[0];
    if (a) competencies.set(a.targetCode, { name: a.targetName, framework: a.targetFramework, level: levelName(r) });
  }
  return renderCertificate({
    locale: detail.locale,
    issuerName: credential.issuer.name,
    holderName: detail.holderName,
    achievementName: achievement.name,
    achievementType: achievement.achievementType,
    description: achievement.description,
    criteria: achievement.criteria.narrative ?? '',
    competencies: [...competencies.values()],
    issuedAt: detail.issuedAt,
    validUntil: detail.validUntil,
    status: detail.status,
    credentialId: detail.id,
    verifyUrl: detail.verifyUrl,
    labels: await certificateLabels(ctx, detail.locale),
  });
}
