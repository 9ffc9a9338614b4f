import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { type Config, loadConfig } from '../../config.ts';
import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { makePrivateDir } from '../../shared/storage.ts';
import type { SigningKey } from './credentials.proof.ts';
import * as repo from './credentials.repo.ts';

export interface CredentialSettings {
  /** Origin of every URL inside a credential, without a trailing slash. */
  publicUrl: string;
  keySecret: string;
}

let settings: CredentialSettings | undefined;

/**
 * Issuing needs two settings that a service ctx does not carry; the composition root sets them
 * once (like registerMonitoring). Unset, they come from the environment on first use, so the CLI,
 * the server and tests of other modules sign with the same secret.
 */
export function configureCredentials(given: CredentialSettings): void {
  if (given.keySecret.length < 16) throw new Error('The key secret must be at least 16 characters.');
  settings = { publicUrl: given.publicUrl.replace(/\/+$/, ''), keySecret: given.keySecret };
}

export function configureCredentialsFrom(config: Pick<Config, 'publicUrl' | 'keySecret' | 'keySecretFile'>): void {
  configureCredentials({ publicUrl: config.publicUrl, keySecret: resolveKeySecret(config) });
}

export function credentialSettings(): CredentialSettings {
  if (!settings) configureCredentialsFrom(loadConfig());
  return settings!;
}

/** The configured secret, else the one in the secret file, made (mode 0600) when there is none. */
export function resolveKeySecret(config: Pick<Config, 'keySecret' | 'keySecretFile'>): string {
  if (config.keySecret) return config.keySecret;
  const file = path.resolve(config.keySecretFile);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  makePrivateDir(path.dirname(file));
  const secret = randomBytes(32).toString('base64url');
  try {
    fs.writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8').trim();
    throw error;
  }
}

export const issuerUrl = (tenantId: string) => `${credentialSettings().publicUrl}/issuers/${tenantId}`;
export const keyUrl = (tenantId: string, keyId: string) => `${issuerUrl(tenantId)}/keys/${keyId}`;

// The key-encryption key is derived, so any secret string works and the raw secret never meets AES directly.
function keyEncryptionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'pathway issuer keys', 'aes-256-gcm key encryption', 32));
}

/** AES-256-GCM; the tenant and key id are authenticated data, so a ciphertext moved to another row fails. */
export function encryptSecretKey(secretKeyMultibase: string, tenantId: string, keyId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyEncryptionKey(secret), iv);
  cipher.setAAD(Buffer.from(`${tenantId}/${keyId}`));
  const body = Buffer.concat([cipher.update(secretKeyMultibase, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function decryptSecretKey(stored: string, tenantId: string, keyId: string, secret: string): string {
  const [version, iv, tag, body] = stored.split('.');
  try {
    if (version !== 'v1' || !iv || !tag || !body) throw new Error('unknown format');
    const decipher = createDecipheriv('aes-256-gcm', keyEncryptionKey(secret), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${tenantId}/${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError(
      'issuer_key_unreadable',
      'The issuer key cannot be decrypted: the key secret (PATHWAY_KEY_SECRET or its file) is not the one it was stored under.',
      { keyId },
    );
  }
}

/** Makes a new signing key for the tenant; the caller holds the issuer row lock. */
export async function createKey(ctx: Ctx): Promise<repo.IssuerKeyRow> {
  const seq = await repo.nextKeySeq(ctx.db, ctx.tenantId);
  const id = `key-${seq}`;
  const pair = await Ed25519Multikey.generate({ id: keyUrl(ctx.tenantId, id), controller: issuerUrl(ctx.tenantId) });
  const exported = await pair.export({ publicKey: true, secretKey: true });
  const row: repo.IssuerKeyRow = {
    tenant_id: ctx.tenantId,
    id,
    public_key_multibase: exported.publicKeyMultibase,
    secret_key_encrypted: encryptSecretKey(
      exported.secretKeyMultibase!,
      ctx.tenantId,
      id,
      credentialSettings().keySecret,
    ),
    created_at: nowIso(),
    retired_at: null,
  };
  await repo.insertKey(ctx.db, row);
  return row;
}

/** The active key, made on first use; the caller holds the issuer row lock. */
export async function activeSigningKey(ctx: Ctx): Promise<SigningKey & { keyId: string }> {
  const row = (await repo.activeKey(ctx.db, ctx.tenantId)) ?? (await createKey(ctx));
  return {
    keyId: row.id,
    id: keyUrl(ctx.tenantId, row.id),
    controller: issuerUrl(ctx.tenantId),
    publicKeyMultibase: row.public_key_multibase,
    secretKeyMultibase: decryptSecretKey(
      row.secret_key_encrypted,
      ctx.tenantId,
      row.id,
      credentialSettings().keySecret,
    ),
  };
}

export function multikeyDocument(tenantId: string, key: Pick<repo.IssuerKeyRow, 'id' | 'public_key_multibase'>) {
  return {
    id: keyUrl(tenantId, key.id),
    type: 'Multikey',
    controller: issuerUrl(tenantId),
    publicKeyMultibase: key.public_key_multibase,
  };
}
