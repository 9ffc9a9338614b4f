import { createHash } from 'node:crypto';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { FileStore } from '../../shared/storage.ts';
import * as people from '../people/people.service.ts';
import * as repo from './assessment.repo.ts';
import type { Evidence } from './assessment.schemas.ts';
import { requireSubject } from './assessment.service.ts';
import { loadStandard, requireCompetency } from './assessment.standard.ts';

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

const OFFICE: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};
const TEXT_EXTENSIONS = new Set(['txt', 'md', 'csv']);

const starts = (bytes: Buffer, signature: number[] | string, at = 0) =>
  Buffer.from(typeof signature === 'string' ? Buffer.from(signature, 'latin1') : signature).equals(
    bytes.subarray(at, at + signature.length),
  );

/**
 * The content type from the file's own bytes, never from what the client claims. Only documents,
 * images, video and plain text are taken; anything a browser could run (HTML, SVG, scripts,
 * executables) is refused.
 */
export function sniffContentType(bytes: Buffer, fileName: string): string | null {
  const extension = fileName.toLowerCase().split('.').at(-1) ?? '';
  if (starts(bytes, '%PDF-')) return 'application/pdf';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, 'GIF87a') || starts(bytes, 'GIF89a')) return 'image/gif';
  if (starts(bytes, 'RIFF') && starts(bytes, 'WEBP', 8)) return 'image/webp';
  if (starts(bytes, 'ftyp', 4)) return 'video/mp4';
  if (starts(bytes, 'PK\x03\x04')) return OFFICE[extension] ?? null;
  if (TEXT_EXTENSIONS.has(extension) && !bytes.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      return 'text/plain; charset=utf-8';
    } catch {
      return null;
    }
  }
  return null;
}

export function toEvidence(row: repo.EvidenceRow): Evidence {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind as Evidence['kind'],
    title: row.title,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    url: row.url,
    itemIds: JSON.parse(row.item_ids),
    createdAt: row.created_at,
  };
}

async function checkedItems(ctx: Ctx, itemIds: string[], frameworkId: string | undefined, field: string) {
  if (itemIds.length === 0) return [];
  const standard = await loadStandard(ctx, frameworkId);
  for (const id of itemIds) requireCompetency(standard, id, field);
  return [...new Set(itemIds)];
}

function baseRow(ctx: Ctx, personId: string, title: string, itemIds: string[]) {
  return {
    tenant_id: ctx.tenantId,
    id: newId(),
    person_id: personId,
    title,
    item_ids: JSON.stringify(itemIds),
    uploaded_by_account_id: ctx.actor.accountId,
    created_at: nowIso(),
  };
}

/** The same bytes twice in one portfolio are refused, naming the evidence already there. */
async function refuseDuplicate(ctx: Ctx, personId: string, sha256: string) {
  const existing = await repo.evidenceWithHash(ctx.db, ctx.tenantId, personId, sha256);
  if (existing)
    throw new AppError('evidence_duplicate', 'This file is already in the portfolio.', {
      evidenceId: existing.id,
      title: existing.title,
      fileName: existing.file_name,
      createdAt: existing.created_at,
    });
}

/**
 * A file for a person's portfolio: the teacher's own, or one an observer or assessor adds. The
 * bytes are hashed as received (the upload is spooled whole before the route runs); a file already
 * in the portfolio is refused before it is stored, and again under the person's lock.
 */
export async function uploadEvidence(
  ctx: Ctx,
  files: FileStore,
  personId: string,
  input: { title: string; fileName: string; itemIds: string[]; frameworkId?: string | undefined },
  bytes: Buffer,
): Promise<Evidence> {
  await requireSubject(ctx, personId, 'assessment.observe');
  if (bytes.length === 0) throw new AppError('file_empty', 'The file is empty.', { field: 'body' });
  if (bytes.length > EVIDENCE_MAX_BYTES)
    throw new AppError('file_too_large', `Evidence files are at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB.`, {
      maxBytes: EVIDENCE_MAX_BYTES,
    });
  const contentType = sniffContentType(bytes, input.fileName);
  if (!contentType)
    throw new AppError(
      'file_type_not_allowed',
      'Only PDF, images (PNG, JPEG, GIF, WebP), MP4 video, office documents and plain text are accepted.',
      { fileName: input.fileName },
    );
  const itemIds = await checkedItems(ctx, input.itemIds, input.frameworkId, 'query.itemIds');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await refuseDuplicate(ctx, personId, sha256);
  const row: repo.EvidenceRow = {
    ...baseRow(ctx, personId, input.title, itemIds),
    kind: 'file',
    file_name: input.fileName,
    content_type: contentType,
    size_bytes: bytes.length,
    storage_key: '',
    url: null,
    content_sha256: sha256,
  };
  row.storage_key = `${ctx.tenantId}/${row.id}`;
  await files.put(row.storage_key, bytes);
  try {
    await inTransaction(ctx, async (tx) => {
      // Two uploads of one file at once: the second finds the first here (the unique index backs it).
      await people.lockPeople(tx, [personId]);
      await refuseDuplicate(tx, personId, sha256);
      await repo.insertEvidence(tx.db, row);
      await recordAudit(tx.db, tx, 'evidence.upload', { type: 'evidence', id: row.id }, null, { ...row });
    });
  } catch (error) {
    await files.remove(row.storage_key);
    throw error;
  }
  return toEvidence(row);
}

/** A link (a video of a lesson, a shared document) in a person's portfolio. */
export async function addEvidenceLink(
  ctx: Ctx,
  personId: string,
  input: { title: string; url: string; itemIds: string[]; frameworkId?: string | undefined },
): Promise<Evidence> {
  await requireSubject(ctx, personId, 'assessment.observe');
  const itemIds = await checkedItems(ctx, input.itemIds, input.frameworkId, 'body.itemIds');
  const row: repo.EvidenceRow = {
    ...baseRow(ctx, personId, input.title, itemIds),
    kind: 'link',
    file_name: null,
    content_type: null,
    size_bytes: null,
    storage_key: null,
    url: input.url,
    content_sha256: null,
  };
  await inTransaction(ctx, async (tx) => {
    await repo.insertEvidence(tx.db, row);
    await recordAudit(tx.db, tx, 'evidence.link', { type: 'evidence', id: row.id }, null, row);
  });
  return toEvidence(row);
}

export async function listEvidence(ctx: Ctx, personId: string): Promise<Evidence[]> {
  await requireSubject(ctx, personId, 'assessment.read');
  return (await repo.evidenceOfPerson(ctx.db, ctx.tenantId, personId)).map(toEvidence);
}

/** The file, for the person themself or those who may read their assessment. */
export async function evidenceFile(ctx: Ctx, files: FileStore, evidenceId: string) {
  const row = await repo.getEvidence(ctx.db, ctx.tenantId, evidenceId);
  if (!row) throw notFound('evidence', evidenceId);
  try {
    await requireSubject(ctx, row.person_id, 'assessment.read');
  } catch {
    throw notFound('evidence', evidenceId);
  }
  if (row.kind !== 'file' || !row.storage_key)
    throw new AppError('evidence_is_link', 'This evidence is a link, not a file.', { url: row.url });
  return { bytes: await files.get(row.storage_key), contentType: row.content_type!, fileName: row.file_name! };
}

/** Evidence ids given with a rating or a review must belong to the person concerned. */
export async function requireEvidenceOf(ctx: Ctx, personId: string, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  const rows = await repo.evidenceByIds(ctx.db, ctx.tenantId, unique);
  const owned = new Set(rows.filter((r) => r.person_id === personId).map((r) => r.id));
  const stray = unique.filter((id) => !owned.has(id));
  if (stray.length > 0)
    throw new AppError('unknown_evidence', 'Some evidence does not exist in this person’s portfolio.', {
      field,
      ids: stray,
    });
  return unique;
}
