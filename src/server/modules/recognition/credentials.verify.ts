import fs from 'node:fs';
import type { ErrorObject, ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type JwtOutcome, jwtKeyIsIssuers, jwtOf, presentationJwtOf, verifyJwt } from './credentials.jwt.ts';
import {
  authenticationPurpose,
  DID_V1_CONTEXT,
  type LocalResolver,
  MULTIKEY_CONTEXT,
  type ProofOutcome,
  verifyProof,
  verifyProofs,
} from './credentials.proof.ts';
import * as repo from './credentials.repo.ts';
import { didOf, fetchCached, UnreachableDocumentError } from './credentials.resolve.ts';
import { bitOf, LIST_SIZE, STATUS_PURPOSES, type StatusPurpose } from './credentials.status.ts';
import { credentialSettings, issuerUrl, keyUrl, multikeyDocument } from './issuer.keys.ts';

export const CHECKS = ['schema', 'proof', 'issuer_key', 'dates', 'status'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface Check {
  check: CheckName;
  /** `unknown`: the check needs a document that could not be fetched (offline): neither valid nor invalid. */
  outcome: 'passed' | 'failed' | 'not_checked' | 'unknown';
  /** Stable, for the UI to translate: passed, malformed, schema_invalid, proof_missing, proof_invalid,
   * proof_unsupported, key_unknown, key_unreachable, document_unknown, key_not_issuers, key_embedded, not_issued,
   * not_yet_valid, expired, date_invalid, revoked, suspended, status_unavailable, status_offline, no_status,
   * check_error. */
  code: string;
  message: string;
}

/** The W3C VC API verification response (checks, warnings, errors) with each check spelled out. */
export interface Verification {
  verified: boolean;
  /** valid; invalid (some check failed); needs_network (nothing failed, but a key could not be fetched). */
  verdict: 'valid' | 'invalid' | 'needs_network';
  /** vc-data-integrity (one or more proofs) or vc-jwt. */
  format: 'vc-data-integrity' | 'vc-jwt' | null;
  checks: CheckName[];
  warnings: string[];
  errors: string[];
  results: Check[];
}

/**
 * 1EdTech's Open Badges 3.0 AchievementCredential schema, draft-4 variant (Apache-2.0), kept in the
 * repository because verification runs at request time; a test checks it is the published file.
 */
export const SCHEMA_FILE = new URL('./ob-v3p0-achievementcredential.schema.json', import.meta.url);

/**
 * The official Open Badges 3.0 AchievementCredential schema (draft 4), with the changes the VC
 * Data Model 2.0 needs and one the draft-4 variant lost. The bundled schema predates VC 2.0: it requires
 * `issuanceDate` (VC 2.0 names it `validFrom`; either is accepted), allows one credentialStatus object (VC 2.0 allows
 * a set, and Pathway's credentials issued before 2026-12 name a revocation and a suspension entry) and closes CredentialStatus to `id`
 * and `type` (a BitstringStatusListEntry also carries its purpose, index and list). And draft 4 has no
 * `contains`, so the variant states only in each `type`'s description which IRI the set must hold
 * ("One of the items MUST be the IRI 'Result'") and lets any string through: those sentences become
 * the `mustIncludeType` rule (see `requiredTypes`). The test suite checks that the first three are the
 * only faults an issued credential has against the schema as published.
 */
export function adaptSchemaToVc2(schema: Record<string, unknown>, className = 'AchievementCredential') {
  const adapted = structuredClone(schema) as {
    required: string[];
    anyOf?: object[];
    properties: Record<string, unknown>;
    $defs: Record<string, { properties?: Record<string, unknown>; required?: string[]; anyOf?: object[] }> & {
      CredentialStatus: { properties: Record<string, unknown> };
    };
  };
  // VC 2.0's validFrom, or VC 1.1's issuanceDate for credentials from issuers still on VC 1.1.
  adapted.required = adapted.required.filter((r) => r !== 'issuanceDate');
  adapted.anyOf = [{ required: ['validFrom'] }, { required: ['issuanceDate'] }];
  const entry = { $ref: '#/$defs/CredentialStatus' };
  adapted.properties.credentialStatus = { oneOf: [entry, { type: 'array', minItems: 1, items: entry }] };
  Object.assign(adapted.$defs.CredentialStatus.properties, {
    statusPurpose: { type: 'string' },
    statusListIndex: { type: 'string' },
    statusListCredential: { type: 'string' },
    statusSize: { type: 'integer' },
    statusMessage: { type: 'array' },
    statusReference: {},
  });
  // An endorsement embedded in a credential or profile is a VC 2.0 credential too, and its class is closed
  // (additionalProperties: false): it takes the same dates and status, and the fields OB 3.0 gives it.
  const embedded = adapted.$defs.EndorsementCredential;
  if (embedded?.properties && embedded.required) {
    embedded.required = embedded.required.filter((r) => r !== 'issuanceDate');
    embedded.anyOf = [{ required: ['validFrom'] }, { required: ['issuanceDate'] }];
    Object.assign(embedded.properties, {
      name: { type: 'string' },
      description: { type: 'string' },
      awardedDate: { type: 'string', format: 'date-time' },
      validFrom: { type: 'string', format: 'date-time' },
      validUntil: { type: 'string', format: 'date-time' },
      credentialStatus: adapted.properties.credentialStatus,
      evidence: { type: 'array', items: { $ref: '#/$defs/Evidence' } },
    });
  }
  const classes: [string, { properties?: Record<string, unknown> }][] = [
    [className, adapted],
    ...Object.entries(adapted.$defs),
  ];
  for (const [name, definition] of classes) {
    const type = definition.properties?.type as Record<string, unknown> | undefined;
    const groups = type ? requiredTypes(name, type) : [];
    if (type && groups.length > 0) type.mustIncludeType = groups;
  }
  return adapted;
}

/**
 * The IRIs a class's `type` must hold, read from the sentence the published schema states it in:
 * each clause ("…MUST be the URI 'VerifiableCredential', and one of the items MUST be the URI
 * 'AchievementCredential' or the URI 'OpenBadgeCredential'") is one group, any of whose IRIs will do.
 * Two descriptions are wrong in the published file and are corrected from the specification:
 * Achievement says nothing ("No description supplied"; OB 3.0 §B.1.1: one item MUST be 'Achievement'),
 * and EndorsementSubject copies the credential's sentence (it is a subject, not a VerifiableCredential).
 */
export function requiredTypes(className: string, typeSchema: Record<string, unknown>): string[][] {
  if (className === 'Achievement') return [['Achievement']];
  if (className === 'EndorsementSubject') return [['EndorsementSubject']];
  const description = String(
    typeSchema.description ?? (typeSchema.oneOf as { description?: string }[] | undefined)?.[0]?.description ?? '',
  );
  return description
    .split(/,? and /)
    .filter((clause) => /MUST be the (IRI|URI)/.test(clause))
    .map((clause) => [...clause.matchAll(/'([A-Za-z0-9]+)'/g)].map((m) => m[1]!));
}

export function readOfficialSchema(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
}

/** An ajv (draft 4) that knows the `mustIncludeType` rule; compiles the adapted schema or any other. */
export function openBadgesAjv() {
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  ajv.addKeyword({
    keyword: 'mustIncludeType',
    schemaType: 'array',
    errors: true,
    validate: function mustIncludeType(groups: string[][], data: unknown) {
      // A type of the wrong shape is already a fault of the schema's own rule.
      if (typeof data !== 'string' && !Array.isArray(data)) return true;
      const given = [data].flat();
      const missing = groups.filter((group) => !group.some((t) => given.includes(t)));
      if (missing.length === 0) return true;
      (mustIncludeType as { errors?: unknown[] }).errors = missing.map((group) => ({
        keyword: 'mustIncludeType',
        message: `must include ${group.map((t) => `"${t}"`).join(' or ')}`,
        params: { types: group },
      }));
      return false;
    },
  });
  return ajv;
}

let validator: ValidateFunction | undefined;
export function schemaValidator(): ValidateFunction {
  validator ??= openBadgesAjv().compile(adaptSchemaToVc2(readOfficialSchema()));
  return validator;
}

/**
 * The Open Badges 3.0 EndorsementCredential schema. 1EdTech publishes one beside the AchievementCredential
 * schema, but it is not bundled here: this one is written from the OB 3.0 data model in the same draft-4
 * shape (VC 1.1 dates, one credentialStatus), with the classes it uses copied from the bundled
 * AchievementCredential schema, and adapted to VC 2.0 by the same `adaptSchemaToVc2`.
 */
export const ENDORSEMENT_SCHEMA_FILE = new URL('./ob-v3p0-endorsementcredential.schema.json', import.meta.url);

let endorsementValidator: ValidateFunction | undefined;
export function endorsementSchemaValidator(): ValidateFunction {
  endorsementValidator ??= openBadgesAjv().compile(
    adaptSchemaToVc2(JSON.parse(fs.readFileSync(ENDORSEMENT_SCHEMA_FILE, 'utf8')), 'EndorsementCredential'),
  );
  return endorsementValidator;
}

/** `/credentialSubject/result/0/type` as a reader names it: `credentialSubject.result[0].type`. */
export function propertyPath(instancePath: string, child?: string): string {
  const parts = [...instancePath.split('/').slice(1), ...(child === undefined ? [] : [child])].map((p) =>
    p.replace(/~1/g, '/').replace(/~0/g, '~'),
  );
  let path = '';
  for (const part of parts) path += /^\d+$/.test(part) ? `[${part}]` : path === '' ? part : `.${part}`;
  return path || '(the credential)';
}

/** Ajv's errors as one fault per property, each naming its path; the clearest error of a path wins. */
export function schemaFaults(errors: readonly ErrorObject[]): string[] {
  const byPath = new Map<string, string>();
  for (const e of errors) {
    if (e.keyword === 'oneOf' || e.keyword === 'anyOf') continue;
    const params = e.params as { missingProperty?: string; additionalProperty?: string };
    const [path, message] =
      e.keyword === 'required'
        ? [propertyPath(e.instancePath, params.missingProperty), 'is required']
        : e.keyword === 'additionalProperties'
          ? [propertyPath(e.instancePath, params.additionalProperty), 'is not allowed here']
          : [propertyPath(e.instancePath), e.message ?? 'is not valid'];
    if (e.keyword === 'mustIncludeType' || !byPath.has(path)) byPath.set(path, message);
  }
  // validFrom or issuanceDate: the anyOf's two `required` errors say one thing.
  if (byPath.has('validFrom') && byPath.has('issuanceDate')) {
    byPath.delete('issuanceDate');
    byPath.set('validFrom', "is required (or VC 1.1's issuanceDate)");
  }
  return [...byPath].map(([path, message]) => `${path} ${message}`);
}

/** Pathway's issuer documents (controller with every key, and each key), resolved from the database. */
export function issuerDocuments(db: Kysely<DB>): LocalResolver {
  return async (url) => {
    if (!url.startsWith(`${credentialSettings().publicUrl}/`)) return undefined;
    const base = `${credentialSettings().publicUrl}/issuers/`;
    if (!url.startsWith(base)) return null;
    const match = /^([^/#?]+)(?:\/keys\/([^/#?]+))?$/.exec(url.slice(base.length));
    if (!match) return null;
    const [, tenantId, keyId] = match as unknown as [string, string, string | undefined];
    if (keyId) {
      const key = await repo.getKey(db, tenantId, keyId);
      return key ? { '@context': MULTIKEY_CONTEXT, ...multikeyDocument(tenantId, key) } : null;
    }
    return (await controllerDocument(db, tenantId)) ?? null;
  };
}

/** The issuer's controller document: every key it ever had, so credentials signed before a rotation verify. */
export async function controllerDocument(db: Kysely<DB>, tenantId: string, profile?: { name: string; url: string }) {
  const keys = await repo.listKeys(db, tenantId);
  if (keys.length === 0) return undefined;
  return {
    '@context': [DID_V1_CONTEXT, MULTIKEY_CONTEXT],
    id: issuerUrl(tenantId),
    ...(profile ? { type: ['Profile'], name: profile.name, url: profile.url } : {}),
    verificationMethod: keys.map((k) => multikeyDocument(tenantId, k)),
    assertionMethod: keys.map((k) => keyUrl(tenantId, k.id)),
  };
}

const failed = (check: CheckName, code: string, message: string): Check => ({
  check,
  outcome: 'failed',
  code,
  message,
});
const passed = (check: CheckName, message: string): Check => ({ check, outcome: 'passed', code: 'passed', message });
const notChecked = (check: CheckName, code: string, message: string): Check => ({
  check,
  outcome: 'not_checked',
  code,
  message,
});
const unknown = (check: CheckName, code: string, message: string): Check => ({
  check,
  outcome: 'unknown',
  code,
  message,
});

/** Accepts the credential as an object or as JSON text (an uploaded file). */
export function parseCredential(input: unknown): Record<string, unknown> | undefined {
  let value = input;
  if (typeof value === 'string' || Buffer.isBuffer(value)) {
    try {
      value = JSON.parse(value.toString());
    } catch {
      return undefined;
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * Canonicalising for the proof costs CPU in proportion to the nodes of the document (a 158 KB
 * credential of small evidence entries took seconds). Pathway's own credentials hold a few
 * hundred nodes; these bounds leave room for any real credential and refuse floods cheaply.
 */
export const MAX_NODES = 6000;
export const MAX_ARRAY = 500;
export const MAX_NESTING = 24;

/** What makes a document too big to check, walked iteratively (deep nesting cannot overflow), or null. */
export function sizeFault(document: unknown): string | null {
  const stack: { value: unknown; depth: number }[] = [{ value: document, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (++nodes > MAX_NODES) return `it has more than ${MAX_NODES} values`;
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_NESTING) return `it nests deeper than ${MAX_NESTING} levels`;
    const children = Array.isArray(value) ? value : Object.values(value);
    if (Array.isArray(value) && value.length > MAX_ARRAY) return `a list holds more than ${MAX_ARRAY} entries`;
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

/**
 * Verifies any credential, Pathway's or another issuer's, and reports each check on its own:
 * Data Integrity proofs (one or a set) or a VC-JWT. Keys named by did:web or https are fetched;
 * nothing else is. Never throws for anything the input contains.
 */
export async function verifyDocument(db: Kysely<DB>, input: unknown, now = new Date()): Promise<Verification> {
  const resolveLocal = issuerDocuments(db);
  const token = jwtOf(input);
  if (token) return verifyJwtCredential(db, token, resolveLocal, now);
  const credential = parseCredential(input);
  if (!credential) {
    const message = 'This is not a credential: expected a JSON object or a VC-JWT.';
    return summarise(
      CHECKS.map((check) => failed(check, 'malformed', message)),
      null,
    );
  }
  const tooBig = sizeFault(credential);
  if (tooBig) {
    const message = `Too large to check: ${tooBig}.`;
    return summarise(
      CHECKS.map((check) => failed(check, 'malformed', message)),
      null,
    );
  }
  const warnings: string[] = [];
  const [schema, proofChecks, dates, status] = await Promise.all([
    safely(['schema'], async () => [await checkSchema(credential)]),
    safely(['proof', 'issuer_key'], () => checkProofs(db, credential, resolveLocal, warnings)),
    safely(['dates'], async () => [checkDates(credential, now)]),
    safely(['status'], async () => [await checkStatus(db, credential, resolveLocal)]),
  ]);
  return summarise([...schema, ...proofChecks, ...dates, ...status], 'vc-data-integrity', warnings);
}

async function verifyJwtCredential(
  db: Kysely<DB>,
  token: string,
  resolveLocal: LocalResolver,
  now: Date,
): Promise<Verification> {
  const outcome = await verifyJwt(token, resolveLocal);
  const credential = outcome.credential;
  if (!credential) {
    const message = 'This is not a credential: the JWT cannot be read.';
    return summarise(
      CHECKS.map((check) => failed(check, 'malformed', message)),
      'vc-jwt',
    );
  }
  const tooBig = sizeFault(credential);
  if (tooBig) {
    const message = `Too large to check: ${tooBig}.`;
    return summarise(
      CHECKS.map((check) => failed(check, 'malformed', message)),
      'vc-jwt',
    );
  }
  const key = outcome.kid ?? 'the embedded jwk';
  const proof: Check = outcome.verified
    ? passed('proof', `The VC-JWT signature (${outcome.alg}, key ${key}) is valid: the content is as signed.`)
    : outcome.unreachableUrl
      ? unknown('proof', 'key_unreachable', `Needs the network: ${outcome.errors.join('; ')}`)
      : failed('proof', 'proof_invalid', `The VC-JWT does not verify: ${outcome.errors.join('; ')}`);
  const issuer = issuerIdOf(credential);
  let binding: Check;
  const bound = jwtKeyIsIssuers(outcome, issuer);
  if (outcome.iss && issuer && outcome.iss !== issuer)
    binding = failed('issuer_key', 'key_not_issuers', `The token's iss ${outcome.iss} is not the issuer ${issuer}.`);
  else if (outcome.unreachableUrl)
    binding = unknown('issuer_key', 'key_unreachable', `Needs the network: the key ${key} could not be fetched.`);
  else if (bound === undefined)
    binding = notChecked(
      'issuer_key',
      'key_embedded',
      `The token carries its own key (jwk); nothing ties that key to the issuer ${issuer}.`,
    );
  else if (bound) {
    // A token naming a Pathway issuer secures a credential that issuer stored (its proof aside).
    binding = await issuedByPathway(db, credential, issuer!, key, { withoutProof: true });
    if (binding.outcome === 'passed') binding.message = `${BINDING_POLICY} The key ${key} is the issuer's (${issuer}).`;
  } else
    binding = failed(
      'issuer_key',
      outcome.keyFrom ? 'key_not_issuers' : 'key_unknown',
      `${BINDING_POLICY} The key ${key} belongs to ${outcome.controller ?? (outcome.kid ? didOf(outcome.kid) : null) ?? 'no one known'}, not to the issuer ${issuer ?? '(none)'}.`,
    );
  const [schema, status] = await Promise.all([
    safely(['schema'], async () => [await checkSchema(credential)]),
    safely(['status'], async () => [await checkStatus(db, credential, resolveLocal)]),
  ]);
  return summarise([...schema, proof, binding, checkDates(credential, now), ...status], 'vc-jwt');
}

/** Input no check foresaw still ends as a failed check, never as a 500. */
async function safely(checks: CheckName[], run: () => Promise<Check[]>): Promise<Check[]> {
  try {
    return await run();
  } catch (error) {
    const message = `Could not be checked: ${(error as Error)?.message ?? String(error)}`;
    return checks.map((check) => failed(check, 'check_error', message));
  }
}

function summarise(results: Check[], format: Verification['format'], extraWarnings: string[] = []): Verification {
  const failedAny = results.some((r) => r.outcome === 'failed');
  const unknownAny = results.some((r) => r.outcome === 'unknown');
  return {
    verified: !failedAny && !unknownAny,
    verdict: failedAny ? 'invalid' : unknownAny ? 'needs_network' : 'valid',
    format,
    checks: results.filter((r) => r.outcome === 'passed' || r.outcome === 'failed').map((r) => r.check),
    warnings: [
      ...results
        .filter((r) => r.outcome === 'not_checked' || r.outcome === 'unknown')
        .map((r) => `${r.check}: ${r.message}`),
      ...extraWarnings,
    ],
    errors: results.filter((r) => r.outcome === 'failed').map((r) => `${r.check}: ${r.message}`),
    results,
  };
}

const CREDENTIAL_TYPES = ['AchievementCredential', 'OpenBadgeCredential', 'EndorsementCredential'];
const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context';

/** An Open Badges credential says so by its type or its context; anything else is a plain VC. */
function isOpenBadge(credential: Record<string, unknown>): boolean {
  const types = [credential.type].flat();
  const contexts = [credential['@context']].flat();
  return (
    CREDENTIAL_TYPES.some((t) => types.includes(t)) ||
    contexts.some((c) => typeof c === 'string' && c.startsWith(OB_CONTEXT))
  );
}

async function checkSchema(credential: Record<string, unknown>): Promise<Check> {
  const types = [credential.type].flat();
  if (types.includes('EndorsementCredential')) return checkEndorsement(credential);
  if (!isOpenBadge(credential)) return checkVcDataModel(credential);
  const validate = schemaValidator();
  if (validate(credential)) return passed('schema', 'Valid Open Badges 3.0 AchievementCredential.');
  const faults = schemaFaults(validate.errors ?? []);
  const shown = faults.slice(0, 8);
  const more = faults.length > shown.length ? `; and ${faults.length - shown.length} more` : '';
  return failed(
    'schema',
    'schema_invalid',
    `Not an Open Badges 3.0 AchievementCredential: ${shown.join('; ')}${more}.`,
  );
}

const VC_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1'];
const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A credential that is not an Open Badge (the W3C VC 2.0 test suite sends these) is held to the
 * VC Data Model's own rules: the base context first, the VerifiableCredential type, an issuer URL,
 * one or more subjects, dates as dateTimeStamps, and a type on every status, schema and evidence entry.
 */
function checkVcDataModel(credential: Record<string, unknown>): Check {
  const faults: string[] = [];
  const isUrl = (v: unknown) => typeof v === 'string' && /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(v);
  const contexts = credential['@context'];
  if (!Array.isArray(contexts) || !VC_CONTEXTS.includes(contexts[0]))
    faults.push('@context must be a list whose first item is https://www.w3.org/ns/credentials/v2');
  const types = credential.type;
  if (!(typeof types === 'string' || Array.isArray(types)) || ![types].flat().includes('VerifiableCredential'))
    faults.push('type must include "VerifiableCredential"');
  else if ([types].flat().some((t) => typeof t !== 'string')) faults.push('type must list strings');
  if (credential.id !== undefined && !isUrl(credential.id)) faults.push('id must be a URL');
  const issuer = credential.issuer;
  if (!isUrl(issuer) && !(issuer && typeof issuer === 'object' && isUrl((issuer as { id?: unknown }).id)))
    faults.push('issuer must be a URL or an object whose id is a URL');
  const subjects = [credential.credentialSubject].flat();
  if (
    credential.credentialSubject === undefined ||
    subjects.length === 0 ||
    subjects.some((s) => !s || typeof s !== 'object' || Object.keys(s).length === 0)
  )
    faults.push('credentialSubject must be one or more objects with claims');
  for (const name of ['validFrom', 'validUntil', 'issuanceDate', 'expirationDate'])
    if (
      credential[name] !== undefined &&
      !(typeof credential[name] === 'string' && XSD_DATE_TIME.test(credential[name]))
    )
      faults.push(`${name} must be a date-time with its time zone`);
  for (const name of ['credentialStatus', 'credentialSchema', 'evidence', 'refreshService', 'termsOfUse'])
    [credential[name] ?? []].flat().forEach((entry, i, all) => {
      const at = all.length > 1 || Array.isArray(credential[name]) ? `${name}[${i}]` : name;
      if (!entry || typeof entry !== 'object' || (entry as { type?: unknown }).type === undefined)
        faults.push(`${at}.type is required`);
    });
  return faults.length === 0
    ? passed(
        'schema',
        "A VC 2.0 credential, not an Open Badge: the data model's rules hold (no Open Badges schema applies).",
      )
    : failed('schema', 'schema_invalid', `Not a valid VC 2.0 credential: ${faults.join('; ')}.`);
}

/**
 * An EndorsementCredential, against the OB 3.0 EndorsementCredential schema adapted to VC 2.0 (each
 * fault names its property, e.g. `credentialSubject.type must include "EndorsementSubject"`), and the
 * two contexts, which draft 4 cannot state.
 */
function checkEndorsement(credential: Record<string, unknown>): Check {
  const validate = endorsementSchemaValidator();
  const faults = validate(credential) ? [] : schemaFaults(validate.errors ?? []);
  const contexts = [credential['@context']].flat();
  if (
    !contexts.some(
      (c) => typeof c === 'string' && /^https:\/\/www\.w3\.org\/(ns\/credentials\/v2|2018\/credentials\/v1)$/.test(c),
    )
  )
    faults.push('@context lacks the VC context');
  if (!contexts.some((c) => typeof c === 'string' && c.startsWith('https://purl.imsglobal.org/spec/ob/v3p0/context')))
    faults.push('@context lacks the Open Badges 3.0 context');
  const shown = faults.slice(0, 8);
  const more = faults.length > shown.length ? `; and ${faults.length - shown.length} more` : '';
  return faults.length === 0
    ? passed('schema', 'Valid Open Badges 3.0 EndorsementCredential.')
    : failed('schema', 'schema_invalid', `Not an Open Badges 3.0 EndorsementCredential: ${shown.join('; ')}${more}.`);
}

function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return undefined;
}

/**
 * The issuer-key binding policy, stated in every binding result: a did:key or did:web method's
 * DID must be the issuer id; an https method's controller (as its key document states it, and
 * whose document lists the key as an assertion method) must be the issuer id.
 */
export const BINDING_POLICY =
  'Policy: a did:key or did:web key must belong to the DID that is the issuer id; an https key must name the issuer id as its controller.';

function boundToIssuer(outcome: ProofOutcome, issuer: string | undefined): boolean {
  const vm = outcome.verificationMethod;
  if (!vm || !issuer) return false;
  const did = didOf(vm);
  return did ? did === issuer : outcome.controller === issuer;
}

function describe(outcome: ProofOutcome) {
  return `${outcome.suite ?? 'unknown form'} by ${outcome.verificationMethod ?? 'no key'}`;
}

async function checkProofs(
  db: Kysely<DB>,
  credential: Record<string, unknown>,
  resolveLocal: LocalResolver,
  warnings: string[],
): Promise<Check[]> {
  if (!credential.proof) {
    return [
      failed('proof', 'proof_missing', 'The credential is not signed: it has no proof.'),
      failed('issuer_key', 'proof_missing', 'No key to check: the credential has no proof.'),
    ];
  }
  const outcomes = await verifyProofs(credential, resolveLocal);
  for (const o of outcomes) if (o.verified && o.warning) warnings.push(`proof: ${o.warning}`);
  const many = outcomes.length > 1 ? `All ${outcomes.length} proofs are checked, each on its own. ` : '';

  // The signatures: every proof must verify (a Data Integrity proof set).
  let proofCheck: Check;
  const bad = outcomes.filter((o) => !o.verified && !o.unreachableUrl);
  const unreachable = outcomes.filter((o) => o.unreachableUrl);
  if (bad.length > 0) {
    const first = bad[0]!;
    const prefix = outcomes.length > 1 ? `${many}${describe(first)}: ` : '';
    if (first.suite && first.errors[0]?.startsWith('Unsupported proof type'))
      proofCheck = failed('proof', 'proof_unsupported', `${prefix}${first.errors[0]}`);
    else if (
      first.unknownUrl &&
      (first.unknownUrl === first.verificationMethod || first.unknownUrl === first.controller)
    )
      proofCheck = failed(
        'proof',
        'key_unknown',
        `${prefix}Cannot check the signature: ${first.unknownUrl} is not known.`,
      );
    else if (first.unknownUrl)
      proofCheck = failed(
        'proof',
        'document_unknown',
        `${prefix}Cannot check the signature: the credential uses ${first.unknownUrl}, which is not known offline.`,
      );
    else
      proofCheck = failed(
        'proof',
        'proof_invalid',
        `${prefix}The signature does not match the content: ${first.errors.join('; ')}`,
      );
  } else if (unreachable.length > 0) {
    proofCheck = unknown(
      'proof',
      'key_unreachable',
      `Needs the network: ${unreachable.map((o) => o.errors[0]).join('; ')} The signature is neither valid nor invalid until the key can be read.`,
    );
  } else {
    proofCheck = passed(
      'proof',
      `${many}${outcomes.map((o) => `The ${describe(o)} is valid`).join('; ')}: the content is as signed.`,
    );
  }

  // The binding of the keys to the issuer, reported on its own.
  const issuer = issuerIdOf(credential);
  const bound = outcomes.filter((o) => boundToIssuer(o, issuer));
  let keyCheck: Check;
  if (bound.length > 0) {
    const others = outcomes.filter((o) => !bound.includes(o));
    keyCheck = await issuedByPathway(db, credential, issuer!, bound[0]!.verificationMethod!);
    if (keyCheck.outcome === 'passed')
      keyCheck.message = `${BINDING_POLICY} ${keyCheck.message}${
        others.length > 0 ? ` Also signed by ${others.map((o) => o.verificationMethod ?? '(no key)').join(', ')}.` : ''
      }`;
  } else if (unreachable.length > 0) {
    keyCheck = unknown(
      'issuer_key',
      'key_unreachable',
      `Needs the network: the key ${unreachable[0]!.verificationMethod} could not be fetched, so whose it is cannot be told.`,
    );
  } else if (outcomes.every((o) => !o.controller && !(o.verificationMethod && didOf(o.verificationMethod)))) {
    const vm = outcomes[0]?.verificationMethod;
    keyCheck = failed(
      'issuer_key',
      'key_unknown',
      vm ? `The key ${vm} is not known.` : 'The proof names no verification method.',
    );
  } else {
    const owners = outcomes
      .map(
        (o) =>
          `${o.verificationMethod} belongs to ${(o.verificationMethod && didOf(o.verificationMethod)) ?? o.controller ?? 'no one known'}`,
      )
      .join('; ');
    keyCheck = failed(
      'issuer_key',
      'key_not_issuers',
      `${BINDING_POLICY} ${owners}, not to the issuer ${issuer ?? '(none)'}.`,
    );
  }
  return [proofCheck, keyCheck];
}

/** The same JSON value whatever the order of its keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/**
 * A credential naming a Pathway issuer must be one that issuer stored, unchanged: a signature by
 * one of its keys is not enough on its own, since retired keys stay published and a key that
 * leaked could sign anything.
 */
async function issuedByPathway(
  db: Kysely<DB>,
  credential: Record<string, unknown>,
  issuer: string,
  vm: string,
  { withoutProof = false } = {},
) {
  const good = passed('issuer_key', `Signed with ${vm}, a key of the issuer.`);
  const base = `${credentialSettings().publicUrl}/issuers/`;
  if (!issuer.startsWith(base)) return good;
  const tenantId = issuer.slice(base.length);
  const id = typeof credential.id === 'string' ? /^urn:uuid:([0-9a-f-]{36})$/i.exec(credential.id)?.[1] : undefined;
  const row = id ? await repo.getCredential(db, tenantId, id) : undefined;
  // A VC-JWT carries the stored credential without its Data Integrity proof.
  const content = (document: Record<string, unknown>) => {
    if (!withoutProof) return canonicalJson(document);
    const { proof: _proof, ...rest } = document;
    return canonicalJson(rest);
  };
  if (!row || content(JSON.parse(row.document)) !== content(credential))
    return failed(
      'issuer_key',
      'not_issued',
      `The issuer has no record of issuing this credential${row ? ' with this content' : ''}.`,
    );
  return good;
}

const CLOCK_SKEW_MS = 5 * 60 * 1000;

function checkDates(credential: Record<string, unknown>, now: Date): Check {
  const from = credential.validFrom ?? credential.issuanceDate;
  const until = credential.validUntil ?? credential.expirationDate;
  for (const [name, value] of [
    ['validFrom', from],
    ['validUntil', until],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value))))
      return failed('dates', 'date_invalid', `${name} is not a date.`);
  }
  if (typeof from === 'string' && Date.parse(from) > now.getTime() + CLOCK_SKEW_MS)
    return failed('dates', 'not_yet_valid', `Not valid before ${from}.`);
  if (typeof until === 'string' && Date.parse(until) < now.getTime() - CLOCK_SKEW_MS)
    return failed('dates', 'expired', `Expired on ${until}.`);
  return passed(
    'dates',
    until ? `Valid from ${from ?? '(not stated)'} until ${until}.` : `Valid from ${from ?? '(not stated)'}.`,
  );
}

interface ParsedEntry {
  tenantId: string;
  purpose: StatusPurpose;
  listNo: number;
  index: number;
}

function ourEntry(entry: Record<string, unknown>): ParsedEntry | 'foreign' | 'invalid' {
  const list = entry.statusListCredential;
  if (typeof list !== 'string') return 'invalid';
  const base = `${credentialSettings().publicUrl}/status/`;
  if (!list.startsWith(base)) return 'foreign';
  const match = /^([^/]+)\/(revocation|suspension)\/(\d+)$/.exec(list.slice(base.length));
  const index = Number(entry.statusListIndex);
  if (
    !match ||
    entry.type !== 'BitstringStatusListEntry' ||
    !Number.isInteger(index) ||
    index < 0 ||
    index >= LIST_SIZE
  )
    return 'invalid';
  if (entry.statusPurpose !== match[2]) return 'invalid';
  return { tenantId: match[1]!, purpose: match[2] as StatusPurpose, listNo: Number(match[3]), index };
}

/** A stored list changes only when re-signed (new updated_at): its proof is checked once per version. */
const verifiedLists = new Map<string, boolean>();
async function listProofHolds(list: Record<string, unknown>, version: string, resolveLocal: LocalResolver) {
  const key = `${String(list.id)}|${version}`;
  let holds = verifiedLists.get(key);
  if (holds === undefined) {
    holds = (await verifyProof(list, resolveLocal)).verified;
    if (verifiedLists.size >= 1000) verifiedLists.delete(verifiedLists.keys().next().value!);
    verifiedLists.set(key, holds);
  }
  return holds;
}

interface ForeignEntry {
  url: string;
  purpose: StatusPurpose;
  index: number;
}

function foreignEntry(entry: Record<string, unknown>): ForeignEntry | undefined {
  const index = Number(entry.statusListIndex);
  const purpose = entry.statusPurpose;
  if (
    entry.type !== 'BitstringStatusListEntry' ||
    typeof entry.statusListCredential !== 'string' ||
    !STATUS_PURPOSES.includes(purpose as StatusPurpose) ||
    !Number.isInteger(index) ||
    index < 0
  )
    return undefined;
  return { url: entry.statusListCredential, purpose: purpose as StatusPurpose, index };
}

/**
 * Another issuer's status list, fetched like a key document (public HTTPS, limits, cache): it must be a
 * BitstringStatusListCredential of the same purpose, signed by the credential's issuer. Unreachable, the
 * check is unknown (the verdict says it needs the network), never a failure.
 */
async function readForeignList(
  entry: ForeignEntry,
  issuer: string | undefined,
  resolveLocal: LocalResolver,
): Promise<{ bit: boolean } | { check: Check }> {
  let list: Record<string, unknown>;
  try {
    list = (await fetchCached(entry.url)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UnreachableDocumentError)
      return { check: unknown('status', 'status_unreachable', `Not checked yet: ${error.message}`) };
    throw error;
  }
  const outcome = await verifyProof(list, resolveLocal);
  if (outcome.unreachableUrl)
    return {
      check: unknown(
        'status',
        'status_unreachable',
        `Not checked yet: ${outcome.unreachableUrl} could not be fetched.`,
      ),
    };
  if (!outcome.verified || issuerIdOf(list) !== issuer)
    return {
      check: failed(
        'status',
        'status_unavailable',
        `The ${entry.purpose} list ${entry.url} is not signed by the credential's issuer.`,
      ),
    };
  const subject = list.credentialSubject as { encodedList?: unknown; statusPurpose?: unknown } | undefined;
  if (subject?.statusPurpose !== entry.purpose)
    return {
      check: failed('status', 'status_unavailable', `The list ${entry.url} is not a ${entry.purpose} list.`),
    };
  const bit = await bitOf(subject.encodedList, entry.index);
  if (bit === undefined)
    return { check: failed('status', 'status_unavailable', `The ${entry.purpose} list ${entry.url} cannot be read.`) };
  return { bit };
}

async function checkStatus(
  db: Kysely<DB>,
  credential: Record<string, unknown>,
  resolveLocal: LocalResolver,
): Promise<Check> {
  const entries = [credential.credentialStatus].flat().filter((e) => e !== undefined && e !== null);
  if (entries.length === 0) return notChecked('status', 'no_status', 'The credential names no status list.');
  const ours: ParsedEntry[] = [];
  const foreign: ForeignEntry[] = [];
  const unusable = () =>
    failed('status', 'status_unavailable', 'A credentialStatus entry is not a usable BitstringStatusListEntry.');
  for (const entry of entries) {
    const parsed = entry && typeof entry === 'object' ? ourEntry(entry as Record<string, unknown>) : 'invalid';
    if (parsed === 'invalid') return unusable();
    if (parsed === 'foreign') {
      const other = foreignEntry(entry as Record<string, unknown>);
      if (!other) return unusable();
      foreign.push(other);
    } else ours.push(parsed);
  }
  // Pathway's credentials name their revocation entry only; suspension is the same index of the
  // tenant's suspension list, read when that list exists.
  for (const entry of [...ours]) {
    if (entry.purpose !== 'revocation' || ours.some((e) => e.purpose === 'suspension' && e.listNo === entry.listNo))
      continue;
    if (await repo.getStatusList(db, entry.tenantId, 'suspension', entry.listNo))
      ours.push({ ...entry, purpose: 'suspension' });
  }
  const issuer = issuerIdOf(credential);
  const set: StatusPurpose[] = [];
  for (const entry of ours) {
    const row = await repo.getStatusList(db, entry.tenantId, entry.purpose, entry.listNo);
    if (!row) return failed('status', 'status_unavailable', `The ${entry.purpose} list does not exist.`);
    const list = JSON.parse(row.document) as Record<string, unknown>;
    // The list is itself a credential: it must be signed by the same issuer.
    if (!(await listProofHolds(list, row.updated_at, resolveLocal)) || issuerIdOf(list) !== issuer)
      return failed(
        'status',
        'status_unavailable',
        `The ${entry.purpose} list is not signed by the credential's issuer.`,
      );
    const bit = await bitOf(
      (list.credentialSubject as { encodedList?: unknown } | undefined)?.encodedList,
      entry.index,
    );
    if (bit === undefined) return failed('status', 'status_unavailable', `The ${entry.purpose} list cannot be read.`);
    if (bit) set.push(entry.purpose);
  }
  for (const entry of foreign) {
    const read = await readForeignList(entry, issuer, resolveLocal);
    if ('check' in read) return read.check;
    if (read.bit) set.push(entry.purpose);
  }
  if (set.includes('revocation')) return failed('status', 'revoked', 'The issuer has revoked this credential.');
  if (set.includes('suspension')) return failed('status', 'suspended', 'The issuer has suspended this credential.');
  const checked = STATUS_PURPOSES.filter((p) => [...ours, ...foreign].some((e) => e.purpose === p)).join(' and ');
  return passed('status', `Neither revoked nor suspended (${checked} lists read).`);
}

export const MAX_PRESENTED = 20;

export interface PresentationCheck {
  /** schema: the presentation's own shape (its contexts). */
  check: 'presentation_proof' | 'holder' | 'schema';
  outcome: Check['outcome'];
  code: string;
  message: string;
}

/** A verifiable presentation: the holder's proof, then each credential it carries, each with its own checks. */
export interface PresentationVerification {
  verified: boolean;
  verdict: Verification['verdict'];
  checks: string[];
  warnings: string[];
  errors: string[];
  results: PresentationCheck[];
  credentials: Verification[];
}

/**
 * A VP-JWT's presentation: the payload itself (VC-JOSE-COSE), or its `vp` claim (VC 1.1 style, whose
 * `iss` names the holder), with the nonce and audience the token was made for.
 */
function presentationOfJwt(outcome: JwtOutcome) {
  const payload = outcome.credential;
  if (!payload) return undefined;
  const inner = payload.vp;
  const vp =
    inner && typeof inner === 'object' && !Array.isArray(inner) ? { ...(inner as Record<string, unknown>) } : payload;
  if (vp.holder === undefined && outcome.iss) vp.holder = outcome.iss;
  return { vp, nonce: payload.nonce, aud: payload.aud };
}

/** VC 2.0: `@context` is an ordered set whose first item is the base context (VC 1.1's, for 1.1 presentations). */
function checkPresentationContext(vp: Record<string, unknown>): PresentationCheck {
  const contexts = vp['@context'];
  const fault = !Array.isArray(contexts)
    ? `@context must be a list whose first item is ${VC_CONTEXTS[0]}`
    : !VC_CONTEXTS.includes(contexts[0])
      ? `@context must begin with ${VC_CONTEXTS[0]} (found ${JSON.stringify(contexts[0] ?? null)})`
      : contexts.some((c) => !(typeof c === 'string' && /^[a-zA-Z][a-zA-Z0-9+.-]*:\S+$/.test(c)) && !isPlainObject(c))
        ? '@context entries must be URLs or context objects'
        : null;
  return fault
    ? { check: 'schema', outcome: 'failed', code: 'schema_invalid', message: `Not a valid presentation: ${fault}.` }
    : {
        check: 'schema',
        outcome: 'passed',
        code: 'passed',
        message: 'The presentation’s contexts are as VC 2.0 requires.',
      };
}

const isPlainObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v);

/** The holder's proof and binding of a VP-JWT: its signature, the nonce and audience asked for, the key's owner. */
function jwtPresentationChecks(
  outcome: JwtOutcome,
  claims: { nonce: unknown; aud: unknown },
  holder: string | undefined,
  options: { challenge?: string; domain?: string },
): PresentationCheck[] {
  const key = outcome.kid ?? 'the embedded jwk';
  const audiences = [claims.aud ?? []].flat();
  const proof: PresentationCheck = !outcome.verified
    ? outcome.unreachableUrl
      ? {
          check: 'presentation_proof',
          outcome: 'unknown',
          code: 'key_unreachable',
          message: `Needs the network: ${outcome.errors.join('; ')}`,
        }
      : {
          check: 'presentation_proof',
          outcome: 'failed',
          code: 'proof_invalid',
          message: `The holder's VP-JWT does not verify: ${outcome.errors.join('; ')}`,
        }
    : options.challenge !== undefined && claims.nonce !== options.challenge
      ? {
          check: 'presentation_proof',
          outcome: 'failed',
          code: 'proof_invalid',
          message: 'The VP-JWT was not made for this challenge: its nonce differs.',
        }
      : options.domain !== undefined && !audiences.includes(options.domain)
        ? {
            check: 'presentation_proof',
            outcome: 'failed',
            code: 'proof_invalid',
            message: `The VP-JWT was not made for ${options.domain}: its aud differs.`,
          }
        : {
            check: 'presentation_proof',
            outcome: 'passed',
            code: 'passed',
            message: `The holder's VP-JWT (${outcome.alg}, key ${key}) is valid${options.challenge ? ' for the challenge given' : ''}.`,
          };
  const bound = jwtKeyIsIssuers(outcome, holder);
  const binding: PresentationCheck = !holder
    ? { check: 'holder', outcome: 'not_checked', code: 'no_holder', message: 'The presentation names no holder.' }
    : outcome.unreachableUrl
      ? {
          check: 'holder',
          outcome: 'unknown',
          code: 'key_unreachable',
          message: `Needs the network: the key ${key} could not be fetched.`,
        }
      : bound === undefined
        ? {
            check: 'holder',
            outcome: 'not_checked',
            code: 'key_embedded',
            message: `The token carries its own key (jwk); nothing ties that key to the holder ${holder}.`,
          }
        : bound
          ? { check: 'holder', outcome: 'passed', code: 'passed', message: `Signed by a key of the holder ${holder}.` }
          : {
              check: 'holder',
              outcome: 'failed',
              code: 'key_not_holders',
              message: `The presentation's key is not the holder's (${holder}).`,
            };
  return [proof, binding];
}

/**
 * Verifies a presentation (W3C VC API `POST /presentations/verify`), as JSON with Data Integrity proofs
 * or as a VP-JWT (bare, or in an EnvelopedVerifiablePresentation): the holder's proof with the
 * authentication purpose (the challenge and domain the verifier gave, when given: a VP-JWT's nonce and
 * aud), the holder binding (the proving key's DID or controller is the `holder`), the presentation's
 * contexts, and every credential in it. An unsigned JSON presentation is accepted with a warning: its
 * credentials still stand on their own.
 */
export async function verifyPresentation(
  db: Kysely<DB>,
  input: unknown,
  options: { challenge?: string; domain?: string } = {},
  now = new Date(),
): Promise<PresentationVerification> {
  const resolveLocal = issuerDocuments(db);
  const token = presentationJwtOf(input);
  const jwt = token ? await verifyJwt(token, resolveLocal) : undefined;
  const fromJwt = jwt ? presentationOfJwt(jwt) : undefined;
  const vp = jwt ? fromJwt?.vp : parseCredential(input);
  const types = vp ? [vp.type].flat() : [];
  const refuse = (message: string) =>
    summarisePresentation(
      [
        { check: 'presentation_proof', outcome: 'failed', code: 'malformed', message },
        { check: 'holder', outcome: 'failed', code: 'malformed', message },
      ],
      [],
    );
  if (!vp || !types.includes('VerifiablePresentation'))
    return refuse(
      'This is not a presentation: expected a JSON object of type VerifiablePresentation, or a VP-JWT carrying one.',
    );
  const tooBig = sizeFault(vp);
  if (tooBig) return refuse(`Too large to check: ${tooBig}.`);
  const carried = [vp.verifiableCredential].flat().filter((c) => c !== undefined && c !== null);
  if (carried.length > MAX_PRESENTED)
    return refuse(`The presentation carries ${carried.length} credentials; at most ${MAX_PRESENTED} are checked.`);
  const holderValue = typeof vp.holder === 'string' ? vp.holder : (vp.holder as { id?: unknown } | undefined)?.id;
  const holder = typeof holderValue === 'string' ? holderValue : undefined;
  const results: PresentationCheck[] = [];
  if (jwt && fromJwt) {
    results.push(...jwtPresentationChecks(jwt, fromJwt, holder, options));
  } else if (!vp.proof) {
    results.push({
      check: 'presentation_proof',
      outcome: 'not_checked',
      code: 'proof_missing',
      message: 'The presentation is not signed: who presents it is not proven.',
    });
    results.push({ check: 'holder', outcome: 'not_checked', code: 'proof_missing', message: 'No holder proof.' });
  } else {
    const outcomes = await verifyProofs(vp, resolveLocal, authenticationPurpose(options));
    const bad = outcomes.find((o) => !o.verified && !o.unreachableUrl);
    const unreachable = outcomes.find((o) => o.unreachableUrl);
    results.push(
      bad
        ? {
            check: 'presentation_proof',
            outcome: 'failed',
            code: 'proof_invalid',
            message: `The holder's proof does not verify: ${bad.errors.join('; ')}`,
          }
        : unreachable
          ? {
              check: 'presentation_proof',
              outcome: 'unknown',
              code: 'key_unreachable',
              message: `Needs the network: ${unreachable.errors[0]}`,
            }
          : {
              check: 'presentation_proof',
              outcome: 'passed',
              code: 'passed',
              message: `The holder's proof is valid${options.challenge ? ' for the challenge given' : ''}.`,
            },
    );
    const bound = outcomes.some((o) => {
      const did = o.verificationMethod ? didOf(o.verificationMethod) : undefined;
      return (did ?? o.controller) === holder;
    });
    results.push(
      !holder
        ? { check: 'holder', outcome: 'not_checked', code: 'no_holder', message: 'The presentation names no holder.' }
        : bound
          ? { check: 'holder', outcome: 'passed', code: 'passed', message: `Signed by a key of the holder ${holder}.` }
          : {
              check: 'holder',
              outcome: 'failed',
              code: 'key_not_holders',
              message: `The presentation's key is not the holder's (${holder}).`,
            },
    );
  }
  results.push(checkPresentationContext(vp));
  const credentials: Verification[] = [];
  for (const credential of carried) credentials.push(await verifyDocument(db, credential, now));
  if (carried.length === 0)
    results.push({
      check: 'presentation_proof',
      outcome: 'not_checked',
      code: 'no_credentials',
      message: 'The presentation carries no credential.',
    });
  return summarisePresentation(results, credentials);
}

function summarisePresentation(results: PresentationCheck[], credentials: Verification[]): PresentationVerification {
  const failedAny = results.some((r) => r.outcome === 'failed') || credentials.some((c) => c.verdict === 'invalid');
  const unknownAny =
    results.some((r) => r.outcome === 'unknown') || credentials.some((c) => c.verdict === 'needs_network');
  return {
    verified: !failedAny && !unknownAny,
    verdict: failedAny ? 'invalid' : unknownAny ? 'needs_network' : 'valid',
    checks: results.filter((r) => r.outcome === 'passed' || r.outcome === 'failed').map((r) => r.check),
    warnings: [
      ...results
        .filter((r) => r.outcome === 'not_checked' || r.outcome === 'unknown')
        .map((r) => `${r.check}: ${r.message}`),
      ...credentials.flatMap((c, i) => c.warnings.map((w) => `verifiableCredential[${i}] ${w}`)),
    ],
    errors: [
      ...results.filter((r) => r.outcome === 'failed').map((r) => `${r.check}: ${r.message}`),
      ...credentials.flatMap((c, i) => c.errors.map((e) => `verifiableCredential[${i}] ${e}`)),
    ],
    results,
    credentials,
  };
}
