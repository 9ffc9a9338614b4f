import fs from 'node:fs';
import type { ValidateFunction } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  DID_V1_CONTEXT,
  documentLoader,
  type LocalResolver,
  MULTIKEY_CONTEXT,
  verifyProof,
} from './credentials.proof.ts';
import * as repo from './credentials.repo.ts';
import { bitOf, LIST_SIZE, STATUS_PURPOSES, type StatusPurpose } from './credentials.status.ts';
import { credentialSettings, issuerUrl, keyUrl, multikeyDocument } from './issuer.keys.ts';

export const CHECKS = ['schema', 'proof', 'issuer_key', 'dates', 'status'] as const;
export type CheckName = (typeof CHECKS)[number];

export interface Check {
  check: CheckName;
  outcome: 'passed' | 'failed' | 'not_checked';
  /** Stable, for the UI to translate: passed, malformed, schema_invalid, proof_missing, proof_invalid,
   * key_unknown, document_unknown, key_not_issuers, not_issued, not_yet_valid, expired, date_invalid, revoked, suspended,
   * status_unavailable, status_offline, no_status, check_error. */
  code: string;
  message: string;
}

/** The W3C VC API verification response (checks, warnings, errors) with each check spelled out. */
export interface Verification {
  verified: boolean;
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
 * Data Model 2.0 needs and nothing else. The bundled schema predates VC 2.0: it requires
 * `issuanceDate` (VC 2.0 names it `validFrom`; either is accepted), allows one credentialStatus object (VC 2.0 allows
 * a set; Pathway names a revocation and a suspension entry) and closes CredentialStatus to `id`
 * and `type` (a BitstringStatusListEntry also carries its purpose, index and list). The test
 * suite checks that these are the only faults an issued credential has against the schema as published.
 */
export function adaptSchemaToVc2(schema: Record<string, unknown>) {
  const adapted = structuredClone(schema) as {
    required: string[];
    anyOf?: object[];
    properties: Record<string, unknown>;
    $defs: { CredentialStatus: { properties: Record<string, unknown> } };
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
  return adapted;
}

export function readOfficialSchema(): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
}

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (validator === undefined) {
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(adaptSchemaToVc2(readOfficialSchema()));
  }
  return validator as ValidateFunction;
}

/** Pathway's issuer documents (controller with every key, and each key), resolved from the database. */
export function issuerDocuments(db: Kysely<DB>): LocalResolver {
  return async (url) => {
    const base = `${credentialSettings().publicUrl}/issuers/`;
    if (!url.startsWith(base)) return undefined;
    const match = /^([^/#?]+)(?:\/keys\/([^/#?]+))?$/.exec(url.slice(base.length));
    if (!match) return undefined;
    const [, tenantId, keyId] = match as unknown as [string, string, string | undefined];
    if (keyId) {
      const key = await repo.getKey(db, tenantId, keyId);
      return key ? { '@context': MULTIKEY_CONTEXT, ...multikeyDocument(tenantId, key) } : undefined;
    }
    return controllerDocument(db, tenantId);
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
 * Verifies any credential, Pathway's or another issuer's, offline, and reports each check on its
 * own. Never throws for anything the input contains.
 */
export async function verifyDocument(db: Kysely<DB>, input: unknown, now = new Date()): Promise<Verification> {
  const credential = parseCredential(input);
  if (!credential) {
    const message = 'This is not a credential: expected a JSON object.';
    return summarise(CHECKS.map((check) => failed(check, 'malformed', message)));
  }
  const tooBig = sizeFault(credential);
  if (tooBig) {
    const message = `Too large to check: ${tooBig}.`;
    return summarise(CHECKS.map((check) => failed(check, 'malformed', message)));
  }
  const resolveLocal = issuerDocuments(db);
  const [schema, proofChecks, dates, status] = await Promise.all([
    safely(['schema'], async () => [await checkSchema(credential)]),
    safely(['proof', 'issuer_key'], () => checkProof(db, credential, resolveLocal)),
    safely(['dates'], async () => [checkDates(credential, now)]),
    safely(['status'], async () => [await checkStatus(db, credential, resolveLocal)]),
  ]);
  return summarise([...schema, ...proofChecks, ...dates, ...status]);
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

function summarise(results: Check[]): Verification {
  return {
    verified: results.every((r) => r.outcome !== 'failed'),
    checks: results.filter((r) => r.outcome !== 'not_checked').map((r) => r.check),
    warnings: results.filter((r) => r.outcome === 'not_checked').map((r) => `${r.check}: ${r.message}`),
    errors: results.filter((r) => r.outcome === 'failed').map((r) => `${r.check}: ${r.message}`),
    results,
  };
}

async function checkSchema(credential: object): Promise<Check> {
  const validate = schemaValidator();
  if (validate(credential)) return passed('schema', 'Valid Open Badges 3.0 AchievementCredential.');
  const faults = (validate.errors ?? [])
    .filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf')
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`);
  return failed('schema', 'schema_invalid', `Not an Open Badges 3.0 AchievementCredential: ${faults.join('; ')}.`);
}

function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return undefined;
}

async function checkProof(
  db: Kysely<DB>,
  credential: Record<string, unknown>,
  resolveLocal: LocalResolver,
): Promise<Check[]> {
  if (!credential.proof) {
    return [
      failed('proof', 'proof_missing', 'The credential is not signed: it has no proof.'),
      failed('issuer_key', 'proof_missing', 'No key to check: the credential has no proof.'),
    ];
  }
  if (Array.isArray(credential.proof) && credential.proof.length > 1) {
    const message = `The credential carries ${credential.proof.length} proofs; exactly one is accepted.`;
    return [failed('proof', 'proof_invalid', message), failed('issuer_key', 'proof_invalid', message)];
  }
  const outcome = await verifyProof(credential, resolveLocal);
  const vm = outcome.verificationMethod;
  // Which key signed, and does it belong to the issuer the credential names?
  let keyCheck: Check;
  let controller: string | undefined;
  if (!vm) {
    keyCheck = failed('issuer_key', 'key_unknown', 'The proof names no verification method.');
  } else {
    try {
      const { document } = await documentLoader(resolveLocal)(vm);
      const c = (document as { controller?: unknown }).controller;
      controller = typeof c === 'string' ? c : undefined;
      const issuer = issuerIdOf(credential);
      keyCheck =
        controller && controller === issuer
          ? await issuedByPathway(db, credential, issuer, vm)
          : failed(
              'issuer_key',
              'key_not_issuers',
              `The key ${vm} belongs to ${controller ?? 'no one'}, not to the issuer ${issuer ?? '(none)'}.`,
            );
    } catch {
      keyCheck = failed(
        'issuer_key',
        'key_unknown',
        `The key ${vm} is not known (it is not Pathway's and cannot be resolved offline).`,
      );
    }
  }
  let proofCheck: Check;
  if (outcome.verified)
    proofCheck = passed('proof', 'The eddsa-rdfc-2022 signature is valid: the content is as signed.');
  else if (outcome.unknownUrl && (outcome.unknownUrl === vm || outcome.unknownUrl === controller))
    proofCheck = failed(
      'proof',
      'key_unknown',
      `Cannot check the signature: ${outcome.unknownUrl} is not known offline.`,
    );
  else if (outcome.unknownUrl)
    proofCheck = failed(
      'proof',
      'document_unknown',
      `Cannot check the signature: the credential uses ${outcome.unknownUrl}, which is not known offline.`,
    );
  else
    proofCheck = failed(
      'proof',
      'proof_invalid',
      `The signature does not match the content: ${outcome.errors.join('; ')}`,
    );
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
async function issuedByPathway(db: Kysely<DB>, credential: Record<string, unknown>, issuer: string, vm: string) {
  const good = passed('issuer_key', `Signed with ${vm}, a key of the issuer.`);
  const base = `${credentialSettings().publicUrl}/issuers/`;
  if (!issuer.startsWith(base)) return good;
  const tenantId = issuer.slice(base.length);
  const id = typeof credential.id === 'string' ? /^urn:uuid:([0-9a-f-]{36})$/i.exec(credential.id)?.[1] : undefined;
  const row = id ? await repo.getCredential(db, tenantId, id) : undefined;
  if (!row || canonicalJson(JSON.parse(row.document)) !== canonicalJson(credential))
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

async function checkStatus(
  db: Kysely<DB>,
  credential: Record<string, unknown>,
  resolveLocal: LocalResolver,
): Promise<Check> {
  const entries = [credential.credentialStatus].flat().filter((e) => e !== undefined && e !== null);
  if (entries.length === 0) return notChecked('status', 'no_status', 'The credential names no status list.');
  const ours: ParsedEntry[] = [];
  let foreign = 0;
  for (const entry of entries) {
    const parsed = entry && typeof entry === 'object' ? ourEntry(entry as Record<string, unknown>) : 'invalid';
    if (parsed === 'invalid')
      return failed(
        'status',
        'status_unavailable',
        'A credentialStatus entry is not a usable BitstringStatusListEntry.',
      );
    if (parsed === 'foreign') foreign++;
    else ours.push(parsed);
  }
  if (ours.length === 0)
    return notChecked('status', 'status_offline', 'Not checked (offline): the status list is not one of ours.');
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
  if (set.includes('revocation')) return failed('status', 'revoked', 'The issuer has revoked this credential.');
  if (set.includes('suspension')) return failed('status', 'suspended', 'The issuer has suspended this credential.');
  const checked = STATUS_PURPOSES.filter((p) => ours.some((e) => e.purpose === p)).join(' and ');
  return passed(
    'status',
    `Neither revoked nor suspended (${checked} lists read${foreign ? '; other lists not checked, offline' : ''}).`,
  );
}
