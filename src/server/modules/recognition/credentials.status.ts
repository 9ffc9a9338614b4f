import { Bitstring } from '@digitalbazaar/bitstring';
import type { Ctx } from '../../shared/context.ts';
import { nowIso } from '../../shared/ids.ts';
import { credentialDate } from './credentials.document.ts';
import { type LocalResolver, signCredential, VC_V2_CONTEXT } from './credentials.proof.ts';
import * as repo from './credentials.repo.ts';
import { activeSigningKey, credentialSettings, issuerUrl } from './issuer.keys.ts';

export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/** 131,072 bits (16 KB): the Bitstring Status List minimum, which gives each holder herd privacy. */
export const LIST_SIZE = 131_072;

const STATUS_OF: Record<StatusPurpose, string> = { revocation: 'revoked', suspension: 'suspended' };

export const statusListUrl = (tenantId: string, purpose: StatusPurpose, listNo: number) =>
  `${credentialSettings().publicUrl}/status/${tenantId}/${purpose}/${listNo}`;

/**
 * The credentialStatus of a credential: one BitstringStatusListEntry, for revocation, since Open
 * Badges 3.0 allows a credential one. Suspension keeps its own list at the same index (published
 * beside the revocation list); Pathway's verifier reads it for Pathway's credentials, other
 * verifiers see revocation only. Credentials issued before carry both entries and still verify.
 */
export function statusEntry(tenantId: string, index: number) {
  const list = statusListUrl(tenantId, 'revocation', Math.floor(index / LIST_SIZE));
  return {
    id: `${list}#${index % LIST_SIZE}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(index % LIST_SIZE),
    statusListCredential: list,
  };
}

/** Rebuilds one list from the credentials' status columns and stores it signed with the active key. */
export async function rebuildStatusList(
  ctx: Ctx,
  purpose: StatusPurpose,
  listNo: number,
  resolveLocal: LocalResolver,
): Promise<void> {
  const from = listNo * LIST_SIZE;
  const indexes = await repo.indexesWithStatus(ctx.db, ctx.tenantId, STATUS_OF[purpose], from, from + LIST_SIZE);
  const bits = new Bitstring({ length: LIST_SIZE });
  for (const index of indexes) bits.set(index - from, true);
  const url = statusListUrl(ctx.tenantId, purpose, listNo);
  const now = nowIso();
  const unsigned = {
    '@context': [VC_V2_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerUrl(ctx.tenantId),
    validFrom: credentialDate(now),
    credentialSubject: {
      id: `${url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      // Multibase base64url ('u') of the GZIP-compressed bits, as the specification has it.
      encodedList: `u${await bits.encodeBits()}`,
    },
  };
  const signed = await signCredential(unsigned, await activeSigningKey(ctx), resolveLocal);
  await repo.saveStatusList(ctx.db, {
    tenant_id: ctx.tenantId,
    purpose,
    list_no: listNo,
    document: JSON.stringify(signed),
    updated_at: now,
  });
}

/** Makes the lists that a new index falls in, when they do not exist yet. */
export async function ensureStatusLists(ctx: Ctx, index: number, resolveLocal: LocalResolver): Promise<void> {
  const listNo = Math.floor(index / LIST_SIZE);
  for (const purpose of STATUS_PURPOSES) {
    if (!(await repo.getStatusList(ctx.db, ctx.tenantId, purpose, listNo))) {
      await rebuildStatusList(ctx, purpose, listNo, resolveLocal);
    }
  }
}

/** Reads one bit of an encoded list; undefined when the list cannot be decoded or is too short. */
export async function bitOf(encodedList: unknown, index: number): Promise<boolean | undefined> {
  if (typeof encodedList !== 'string' || !Number.isInteger(index) || index < 0) return undefined;
  try {
    const encoded = encodedList.startsWith('u') ? encodedList.slice(1) : encodedList;
    const bytes = await Bitstring.decodeBits({ encoded });
    const bits = new Bitstring({ buffer: bytes });
    if (index >= bits.length) return undefined;
    return bits.get(index);
  } catch {
    return undefined;
  }
}
