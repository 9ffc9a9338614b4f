import { hasPermissionAt, type Permission } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import type { FileStore } from '../../shared/storage.ts';
import * as people from '../people/people.service.ts';
import { foldResponsesOf } from '../surveys/tally.ts';
import { pseudonymisePerson } from './privacy.erase.ts';
import { gatherExport } from './privacy.export.ts';
import { exportPdf } from './privacy.pdf.ts';
import type { ErasureResult, PersonExport } from './privacy.schemas.ts';

/**
 * A person's whole record is more than any role sees day to day (individual ratings, sign-ins, the
 * audit trail), so an administrator's export needs accounts.manage over the person's unit, held
 * only by administrators; people.write alone (school leaders, district officers) is not enough.
 * Erasure rewrites the person record too, so it needs people.write as well. Outside the actor's
 * people.read scope the person is "not found"; inside it without the permission, "forbidden".
 */
const EXPORT: Permission[] = ['accounts.manage'];
const ERASE: Permission[] = ['accounts.manage', 'people.write'];

async function requireManaged(ctx: Ctx, personId: string, permissions: Permission[]) {
  const row = await people.requirePerson(ctx, personId);
  const missing = permissions.find((p) => !hasPermissionAt(ctx, p, row.org_path));
  if (missing) {
    throw new AppError('forbidden', `You may not do this for this person (needs ${missing}).`, {
      permission: missing,
    });
  }
  return row;
}

export async function exportMe(ctx: Ctx, format: 'json' | 'pdf'): Promise<PersonExport | Buffer> {
  if (!ctx.actor.personId) throw notFound('person', 'me');
  await foldResponsesOf(ctx, ctx.actor.personId);
  return render(ctx, await gatherExport(ctx.db, ctx.tenantId, ctx.actor.personId), format);
}

export async function exportPerson(ctx: Ctx, personId: string, format: 'json' | 'pdf'): Promise<PersonExport | Buffer> {
  await requireManaged(ctx, personId, EXPORT);
  await foldResponsesOf(ctx, personId);
  const data = await gatherExport(ctx.db, ctx.tenantId, personId);
  await inTransaction(ctx, (tx) =>
    recordAudit(tx.db, tx, 'person.export', { type: 'person', id: personId }, null, { format }),
  );
  return render(ctx, data, format);
}

function render(ctx: Ctx, data: PersonExport, format: 'json' | 'pdf') {
  return format === 'pdf' ? exportPdf(ctx, data) : data;
}

/**
 * Pseudonymises a person in one transaction, then removes their files from the store (evidence,
 * library files of resources they alone wrote, files they added to competition applications): after
 * the commit, so a rollback never loses a file. A file the store will not remove is counted in
 * `filesNotRemoved` for the operator to remove by hand (keys: `<tenant>/<evidence id>`,
 * `<tenant>/resources/<resource id>/...`, `<tenant>/competitions/<application id>/...`).
 */
export async function erasePerson(
  ctx: Ctx,
  files: FileStore,
  personId: string,
  confirm: string,
): Promise<ErasureResult> {
  const done = await inTransaction(ctx, async (tx) => {
    await people.lockPeople(tx, [personId]);
    await requireManaged(tx, personId, ERASE);
    if (confirm !== personId) {
      throw new AppError('validation_failed', 'Repeat the person id in confirm to erase them.', {
        issues: [{ path: 'body.confirm', message: 'Must be the person id' }],
      });
    }
    if (tx.actor.personId === personId) {
      throw new AppError('erase_own_person', 'You cannot erase yourself; ask another administrator.');
    }
    const already = await tx.db
      .selectFrom('audit_log')
      .select('id')
      .where('tenant_id', '=', tx.tenantId)
      .where('entity_type', '=', 'person')
      .where('entity_id', '=', personId)
      .where('action', '=', 'person.erase')
      .executeTakeFirst();
    if (already) throw new AppError('person_already_erased', 'This person was erased already.', { personId });
    // Answers a survey keeps on the response until its round is read become answer rows first, so
    // that their texts are redacted like every other (privacy.erase.ts).
    await foldResponsesOf(tx, personId);
    const result = await pseudonymisePerson(tx, personId);
    // Which fields went, never their values.
    await recordAudit(tx.db, tx, 'person.erase', { type: 'person', id: personId }, null, {
      erasedFields: result.erasedFields,
      accountsDisabled: result.accountsDisabled,
      evidenceFiles: result.storageKeys.evidence.length,
      libraryFiles: result.storageKeys.library.length,
      resourcesWithdrawn: result.resourcesWithdrawn,
      competitionFiles: result.storageKeys.competition.length,
      mailRemoved: result.mailRemoved,
      textsRedacted: result.textsRedacted,
      credentialsKept: result.credentials,
    });
    return result;
  });
  let filesNotRemoved = 0;
  const removeAll = async (keys: string[]) => {
    let removed = 0;
    for (const key of keys) {
      try {
        await files.remove(key);
        removed++;
      } catch {
        filesNotRemoved++;
      }
    }
    return removed;
  };
  return {
    personId,
    pseudonym: done.pseudonym,
    accountsDisabled: done.accountsDisabled,
    evidenceFilesRemoved: await removeAll(done.storageKeys.evidence),
    libraryFilesRemoved: await removeAll(done.storageKeys.library),
    resourcesWithdrawn: done.resourcesWithdrawn,
    competitionFilesRemoved: await removeAll(done.storageKeys.competition),
    mailRemoved: done.mailRemoved,
    textsRedacted: done.textsRedacted,
    filesNotRemoved,
    credentials: done.credentials,
  };
}
