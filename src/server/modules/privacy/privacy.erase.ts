import { randomBytes } from 'node:crypto';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../../shared/audit.ts';
import type { Ctx } from '../../shared/context.ts';
import { nowIso } from '../../shared/ids.ts';
import { hashPassword } from '../accounts/accounts.service.ts';
import { foldText, forgetUnindexedWords, indexWords } from '../community/search.ts';
import { sortNameOf } from '../people/people.service.ts';

/**
 * What erasure does to each kind of data, and why:
 * - the person row keeps its id, unit, category, sex, subjects, grades and languages (what the
 *   aggregates count by, so every dashboard figure stays as it was); the name becomes
 *   "Erased person <short id>", and national id, EMIS id, email and phone are cleared;
 * - accounts are disabled, their usernames replaced, their password hashes replaced by the hash of
 *   a random secret; sessions, reset links and calendar links are deleted, API tokens revoked;
 *   their inbox, preferences and mail to their address are deleted; role grants stay (history);
 * - uploaded evidence files are removed from the FileStore after the transaction; the evidence row
 *   stays (title, items, type, size, date) with storage_key null and file name "erased";
 * - a library resource whose only author is the person loses its file (removed from the store after
 *   the transaction; the row keeps title, description, ratings and uses, which other people gave,
 *   with no file fields) and, unless it was a private draft already, is withdrawn from publication
 *   and sharing back to a private draft, with review_reason RESOURCE_WITHDRAWN_REASON for moderators
 *   and an audit entry `resource.withdraw`: a published entry without its file would be an empty
 *   promise to readers. A resource with co-authors keeps its file: it is their work too, and they
 *   can still replace or remove it. Links, videos and activity designs carry no file and stay;
 *   reports of use count in the `used_library` fact whatever the resource's status, so no figure moves;
 * - files the person added to a PBL competition application or its report are removed from the
 *   store and their competition_file rows deleted (the row cannot exist without its file); files
 *   team-mates added stay, as do the application, its team, scores and decision;
 * - the competency ledger, statuses, enrolments, plans, awards and credentials are untouched: they
 *   name only the person's id, which now names a pseudonym. Signed credential documents are never
 *   rewritten (that would break their proofs); Pathway's own name the holder only by a salted hash
 *   of the person id, so they stay active and verifiable, and the public page shows the pseudonym;
 * - free text the person wrote (posts, comments, reflections, logs, evidence titles) is kept,
 *   because others replied to it and it is part of shared records; what identifies them in any text
 *   is replaced: in every text column of every table, the full name (in its orders) and the email
 *   address wherever they occur, and the national id, EMIS id, phone and usernames as whole values
 *   or JSON strings, by the pseudonym; search indexes follow (redactText);
 * - audit entries about the person or their accounts have every string equal to one of those
 *   values, or to the given or family name alone, replaced by "[erased]" (the one place the audit
 *   log is rewritten).
 */

export const ERASED_FILE_NAME = 'erased';
export const RESOURCE_WITHDRAWN_REASON =
  'Withdrawn when the personal data of its only author was erased: its file was removed.';

/** The last 8 hex digits of a UUIDv7 are random: short, and distinct in practice. */
export function shortId(id: string): string {
  return id.replaceAll('-', '').slice(-8);
}

export function pseudonymOf(personId: string) {
  return { givenName: 'Erased person', familyName: shortId(personId) };
}

interface Erased {
  givenName: string;
  familyName: string;
  nationalId: string | null;
  emisId: string | null;
  email: string | null;
  phone: string | null;
  usernames: string[];
}

const distinct = (values: (string | null)[]) =>
  [...new Set(values.filter((v): v is string => !!v && v.trim().length >= 4))].sort((a, b) => b.length - a.length);

/**
 * What erasure looks for in text. Phrases (the full name in its orders, the email address) are
 * replaced wherever they occur. Identifiers (national and EMIS ids, phone, usernames) are replaced
 * only whole, as a JSON string or a whole value: as substrings they would also match longer ids of
 * other people (NID12 in NID123).
 */
function searchedValues(e: Erased): { phrases: string[]; identifiers: string[] } {
  return {
    phrases: distinct([
      `${e.givenName} ${e.familyName}`,
      `${e.familyName} ${e.givenName}`,
      `${e.familyName}, ${e.givenName}`,
      e.email,
    ]),
    identifiers: distinct([e.nationalId, e.emisId, e.phone, ...e.usernames]),
  };
}

export async function pseudonymisePerson(tx: Ctx, personId: string) {
  const db = tx.db;
  const person = await db
    .selectFrom('person')
    .selectAll()
    .where('tenant_id', '=', tx.tenantId)
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('user_account')
    .select(['id', 'username'])
    .where('tenant_id', '=', tx.tenantId)
    .where('person_id', '=', personId)
    .execute();
  const erased: Erased = {
    givenName: person.given_name,
    familyName: person.family_name,
    nationalId: person.national_id,
    emisId: person.emis_id,
    email: person.email,
    phone: person.phone,
    usernames: accounts.map((a) => a.username),
  };
  const pseudonym = pseudonymOf(personId);
  const now = nowIso();
  await db
    .updateTable('person')
    .set({
      given_name: pseudonym.givenName,
      family_name: pseudonym.familyName,
      sort_name: sortNameOf(pseudonym.familyName, pseudonym.givenName),
      national_id: null,
      emis_id: null,
      email: null,
      phone: null,
      updated_at: now,
    })
    .where('tenant_id', '=', tx.tenantId)
    .where('id', '=', personId)
    .execute();

  const accountIds = accounts.map((a) => a.id);
  for (const account of accounts) {
    await db
      .updateTable('user_account')
      .set({
        username: `erased-${shortId(account.id)}`,
        status: 'disabled',
        password_hash: await hashPassword(randomBytes(32).toString('base64url')),
        updated_at: now,
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', account.id)
      .execute();
  }
  if (accountIds.length > 0) {
    await db.deleteFrom('session').where('account_id', 'in', accountIds).execute();
    await db.deleteFrom('password_reset').where('account_id', 'in', accountIds).execute();
    await db
      .deleteFrom('calendar_token')
      .where('tenant_id', '=', tx.tenantId)
      .where('account_id', 'in', accountIds)
      .execute();
    await db
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('tenant_id', '=', tx.tenantId)
      .where('account_id', 'in', accountIds)
      .where('revoked_at', 'is', null)
      .execute();
    for (const table of ['notification', 'notification_preference'] as const) {
      await db.deleteFrom(table).where('tenant_id', '=', tx.tenantId).where('account_id', 'in', accountIds).execute();
    }
  }

  let mailRemoved = 0;
  if (person.email) {
    const removed = await db
      .deleteFrom('outbox')
      .where((eb) => eb.or([eb('tenant_id', '=', tx.tenantId), eb('tenant_id', 'is', null)]))
      .where('to_address', '=', person.email)
      .executeTakeFirst();
    mailRemoved = Number(removed.numDeletedRows);
  }

  const files = await db
    .selectFrom('evidence')
    .select(['id', 'storage_key'])
    .where('tenant_id', '=', tx.tenantId)
    .where('person_id', '=', personId)
    .where('storage_key', 'is not', null)
    .execute();
  if (files.length > 0) {
    await db
      .updateTable('evidence')
      .set({ storage_key: null, file_name: ERASED_FILE_NAME, content_sha256: null })
      .where('tenant_id', '=', tx.tenantId)
      .where(
        'id',
        'in',
        files.map((f) => f.id),
      )
      .execute();
  }

  const library = await removeLibraryFiles(tx, personId);
  const competitionFiles = await db
    .selectFrom('competition_file')
    .select(['id', 'storage_key'])
    .where('tenant_id', '=', tx.tenantId)
    .where('added_by_person_id', '=', personId)
    .execute();
  if (competitionFiles.length > 0) {
    await db
      .deleteFrom('competition_file')
      .where('tenant_id', '=', tx.tenantId)
      .where(
        'id',
        'in',
        competitionFiles.map((f) => f.id),
      )
      .execute();
  }

  const credentials = await db
    .selectFrom('credential')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tenant_id', '=', tx.tenantId)
    .where('person_id', '=', personId)
    .executeTakeFirstOrThrow();

  // Regional collaboration keeps, in the office's tenant, the name the ministry gave at nomination and
  // the name under each post: both take the pseudonym (rows found by the country tenant and person).
  const fullPseudonym = `${pseudonym.givenName} ${pseudonym.familyName}`;
  await db
    .updateTable('regional_participant')
    .set({ name: fullPseudonym })
    .where('country_tenant_id', '=', tx.tenantId)
    .where('person_id', '=', personId)
    .execute();
  await db
    .updateTable('regional_post')
    .set({ author_name: fullPseudonym })
    .where('author_tenant_id', '=', tx.tenantId)
    .where('author_person_id', '=', personId)
    .execute();

  const auditRedacted = await redactAuditAbout(db, tx.tenantId, [personId, ...accountIds], erased);
  const textsRedacted = await redactText(tx, searchedValues(erased), `${pseudonym.givenName} ${pseudonym.familyName}`);

  return {
    pseudonym: `${pseudonym.givenName} ${pseudonym.familyName}`,
    accountsDisabled: accounts.length,
    storageKeys: {
      evidence: files.map((f) => f.storage_key!),
      library: library.storageKeys,
      competition: competitionFiles.map((f) => f.storage_key),
    },
    resourcesWithdrawn: library.withdrawn,
    mailRemoved,
    textsRedacted: textsRedacted + auditRedacted,
    credentials: Number(credentials.n),
    erasedFields: Object.entries({
      name: true,
      nationalId: !!erased.nationalId,
      emisId: !!erased.emisId,
      email: !!erased.email,
      phone: !!erased.phone,
    })
      .filter(([, had]) => had)
      .map(([field]) => field),
  };
}

/**
 * Library resources the person is the only author of lose their file; a shared, submitted or
 * published one goes back to a private draft (see the policy above). Written directly, as the rest of
 * erasure is (privacy.coverage.ts), in the erasure's transaction; the files go after the commit.
 */
async function removeLibraryFiles(tx: Ctx, personId: string) {
  const db = tx.db;
  const owned = await db
    .selectFrom('resource')
    .select(['id', 'author_person_ids', 'storage_key', 'status', 'sharing', 'visible_path'])
    .where('tenant_id', '=', tx.tenantId)
    .where('owner_person_id', '=', personId)
    .where('storage_key', 'is not', null)
    .execute();
  const sole = owned.filter((r) =>
    (JSON.parse(r.author_person_ids) as string[]).every((authorId) => authorId === personId),
  );
  let withdrawn = 0;
  for (const r of sole) {
    const withdraw = r.status !== 'draft' || r.sharing !== 'private';
    const now = nowIso();
    await db
      .updateTable('resource')
      .set({
        file_name: null,
        content_type: null,
        size_bytes: null,
        storage_key: null,
        review_reason: RESOURCE_WITHDRAWN_REASON,
        updated_at: now,
        ...(withdraw ? { status: 'draft', sharing: 'private', visible_path: null } : {}),
      })
      .where('tenant_id', '=', tx.tenantId)
      .where('id', '=', r.id)
      .execute();
    if (withdraw) {
      withdrawn++;
      await recordAudit(
        db,
        tx,
        'resource.withdraw',
        { type: 'resource', id: r.id },
        { status: r.status, sharing: r.sharing, visiblePath: r.visible_path },
        { status: 'draft', sharing: 'private', visiblePath: null, reason: RESOURCE_WITHDRAWN_REASON },
      );
    }
  }
  return { storageKeys: sole.map((r) => r.storage_key!), withdrawn };
}

/** Audit entries about the person: any JSON string equal to an erased value (or containing the full name) goes. */
async function redactAuditAbout(db: Kysely<DB>, tenantId: string, entityIds: string[], e: Erased): Promise<number> {
  const exact = new Set(
    [e.givenName, e.familyName, e.nationalId, e.emisId, e.email, e.phone, ...e.usernames].filter(
      (v): v is string => !!v,
    ),
  );
  const full = searchedValues(e).phrases;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string') return exact.has(value) || full.some((f) => value.includes(f)) ? '[erased]' : value;
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'before_json', 'after_json'])
    .where('tenant_id', '=', tenantId)
    .where('entity_id', 'in', entityIds)
    .execute();
  let changed = 0;
  for (const row of rows) {
    const redo = (json: string | null) => (json === null ? null : JSON.stringify(scrub(JSON.parse(json))));
    const before = redo(row.before_json);
    const after = redo(row.after_json);
    if (before === row.before_json && after === row.after_json) continue;
    // The one place the audit log is rewritten: erasure must not leave the erased values in it.
    await db
      .updateTable('audit_log')
      .set({ before_json: before, after_json: after })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', row.id)
      .execute();
    changed++;
  }
  return changed;
}

/** Signed documents cannot change without breaking their proofs, and hold no name (see README). */
const NOT_REWRITTEN = new Set(['credential', 'credential_status_list', 'issuer_key', 'person', 'search_word']);

/**
 * Replaces the values in every text column of every table of the tenant, one statement per column.
 * Search indexes follow: SQLite's FTS5 tables hold folded text (lower case, no diacritics), so the
 * folded values are replaced there; PostgreSQL's tsvector columns lose the values' words in the
 * entries that hold them as a phrase (ts_delete). FTS5's own shadow tables follow their table.
 */
async function redactText(
  tx: Ctx,
  { phrases, identifiers }: { phrases: string[]; identifiers: string[] },
  replacement: string,
): Promise<number> {
  if (phrases.length + identifiers.length === 0) return 0;
  const db = tx.db;
  const schema =
    tx.dialect === 'postgres'
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s
      : undefined;
  const tables = (await db.introspection.getTables()).filter(
    (t) =>
      !t.isView &&
      (schema === undefined || t.schema === schema) &&
      !NOT_REWRITTEN.has(t.name) &&
      !t.name.startsWith('kysely_') &&
      !/_fts_/.test(t.name),
  );
  const likeEscaped = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);
  const like = (ref: RawBuilder<unknown>, v: string) => sql`${ref} like ${`%${likeEscaped(v)}%`} escape '\\'`;
  let changed = 0;
  const update = async (
    table: string,
    ref: RawBuilder<unknown>,
    hasTenant: boolean,
    set: RawBuilder<unknown>,
    found: RawBuilder<unknown>[],
  ) => {
    if (found.length === 0) return;
    const result = await sql`update ${sql.table(table)} set ${ref} = ${set}
      where ${hasTenant ? sql`tenant_id = ${tx.tenantId} and ` : sql``}(${sql.join(found, sql` or `)})`.execute(db);
    changed += Number(result.numAffectedRows ?? 0);
  };
  /** Phrases anywhere; identifiers as a whole value or a JSON string. */
  const rewrite = async (
    table: string,
    column: string,
    hasTenant: boolean,
    from: string[],
    ids: string[],
    to: string,
  ) => {
    const ref = sql.ref(column);
    let set = sql`${ref}`;
    for (const v of from) set = sql`replace(${set}, ${v}, ${to})`;
    for (const v of ids) set = sql`replace(${set}, ${JSON.stringify(v)}, ${JSON.stringify(to)})`;
    if (ids.length > 0) set = sql`case when ${ref} in (${sql.join(ids)}) then ${to} else ${set} end`;
    const found = [
      ...from.map((v) => like(ref, v)),
      ...ids.map((v) => like(ref, JSON.stringify(v))),
      ...(ids.length > 0 ? [sql`${ref} in (${sql.join(ids)})`] : []),
    ];
    await update(table, ref, hasTenant, set, found);
  };
  for (const table of tables) {
    const hasTenant = table.columns.some((c) => c.name === 'tenant_id');
    const fts = table.name.endsWith('_fts');
    for (const column of table.columns) {
      if (column.name === 'tenant_id' || column.name === 'id') continue;
      if (fts && column.name === 'body') {
        // Folded text: the phrases folded; an identifier in a post's words is not told apart from others'.
        await rewrite(
          table.name,
          column.name,
          hasTenant,
          [...new Set(phrases.map(foldText))],
          [],
          foldText(replacement),
        );
      } else if (column.dataType === 'tsvector') {
        for (const v of phrases.map(foldText)) {
          const words = v.match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
          if (words.length === 0) continue;
          const ref = sql.ref(column.name);
          await update(table.name, ref, hasTenant, sql`ts_delete(${ref}, ${words}::text[])`, [
            sql`${ref} @@ phraseto_tsquery('simple', ${words.join(' ')})`,
          ]);
        }
      } else if (/text|char|clob/i.test(column.dataType)) {
        await rewrite(table.name, column.name, hasTenant, phrases, identifiers, replacement);
      }
    }
  }
  // The words the erased texts held are forgotten from the prefix list where no text holds them now,
  // and the pseudonym's words are found by a prefix like any other.
  if (tx.dialect === 'sqlite') {
    changed += await forgetUnindexedWords(db, tx.tenantId, phrases);
    await indexWords(db, tx.tenantId, [foldText(replacement)]);
  }
  return changed;
}
