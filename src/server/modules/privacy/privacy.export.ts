import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { nowIso } from '../../shared/ids.ts';
import { COVERED, COVERED_VIA, linkKind } from './privacy.coverage.ts';
import { GROUPS, type PersonExport } from './privacy.schemas.ts';

type Row = Record<string, unknown>;

/** The person and their accounts' ids: what every link column is matched against. */
export interface Subject {
  personId: string;
  accountIds: string[];
  email: string | null;
}

export async function subjectOf(db: Kysely<DB>, tenantId: string, personId: string): Promise<Subject> {
  const person = await db
    .selectFrom('person')
    .select(['email'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('user_account')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .execute();
  return { personId, accountIds: accounts.map((a) => a.id), email: person.email };
}

/** `column` names the subject: an id in the set, or (a JSON list of person ids) one containing it. */
function matches(column: string, subject: Subject): RawBuilder<unknown> {
  const ref = sql.ref(column);
  switch (linkKind(column)) {
    case 'account':
      return subject.accountIds.length > 0 ? sql`${ref} in (${sql.join(subject.accountIds)})` : sql`1 = 0`;
    case 'person_list':
      return sql`${ref} like ${`%"${subject.personId}"%`}`;
    default:
      return sql`${ref} = ${subject.personId}`;
  }
}

async function rowsWhere(
  db: Kysely<DB>,
  table: string,
  tenantId: string,
  where: RawBuilder<unknown>[],
  tenantColumn = 'tenant_id',
) {
  if (where.length === 0) return [];
  const { rows } = await sql<Row>`select * from ${sql.table(table)}
    where ${sql.ref(tenantColumn)} = ${tenantId} and (${sql.join(where, sql` or `)})`.execute(db);
  return rows;
}

/** JSON kept in text columns (lists, multilingual text, answers) is shown as JSON, not as a quoted string. */
function readable(row: Row, omit: string[] = []): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (omit.includes(key)) continue;
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value);
        continue;
      } catch {}
    }
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}

/**
 * Everything Pathway holds about one person, table by table (privacy.coverage.ts says which and how).
 * Reads run on the caller's connection; the caller has checked who may ask.
 */
export async function gatherExport(db: Kysely<DB>, tenantId: string, personId: string): Promise<PersonExport> {
  const subject = await subjectOf(db, tenantId, personId);
  const tables: PersonExport['tables'] = [];
  const recordedAboutOthers: PersonExport['recordedAboutOthers'] = [];
  const exportedIds = new Map<string, string[]>();

  for (const cover of COVERED) {
    const links = Object.entries(cover.links);
    const subjectWhere = links.filter(([, role]) => role === 'subject').map(([column]) => matches(column, subject));
    if (cover.table === 'audit_log') {
      subjectWhere.push(sql`entity_id in (${sql.join([subject.personId, ...subject.accountIds])})`);
    }
    const rows = await rowsWhere(db, cover.table, tenantId, subjectWhere, cover.tenantColumn);
    if (rows.length > 0) {
      tables.push({ table: cover.table, group: cover.group, rows: rows.map((r) => readable(r, cover.omit)) });
      exportedIds.set(
        cover.table,
        rows.map((r) => String(r.id)),
      );
    }
    const mine = new Set(rows.map((r) => String(r.id ?? '')));
    const actorWhere = links.filter(([, role]) => role === 'actor').map(([column]) => matches(column, subject));
    const recorded = (await rowsWhere(db, cover.table, tenantId, actorWhere, cover.tenantColumn)).filter(
      (r) => r.id === undefined || !mine.has(String(r.id)),
    );
    if (recorded.length > 0) {
      recordedAboutOthers.push({
        table: cover.table,
        count: recorded.length,
        ids: recorded.flatMap((r) => (r.id === undefined ? [] : [String(r.id)])),
      });
    }
  }

  for (const via of COVERED_VIA) {
    const parentIds = exportedIds.get(via.parent) ?? [];
    if (parentIds.length === 0) continue;
    const rows = await rowsWhere(db, via.table, tenantId, [sql`${sql.ref(via.column)} in (${sql.join(parentIds)})`]);
    if (rows.length > 0) tables.push({ table: via.table, group: via.group, rows: rows.map((r) => readable(r)) });
  }

  // Mail waiting for or sent to the person's address (the outbox names no person, only the address).
  if (subject.email) {
    const { rows } = await sql<Row>`select id, created_at, subject, body, sent_at from outbox
      where (tenant_id = ${tenantId} or tenant_id is null) and to_address = ${subject.email}`.execute(db);
    if (rows.length > 0) tables.push({ table: 'outbox', group: 'notifications', rows: rows.map((r) => readable(r)) });
  }

  tables.sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
  return {
    format: 'pathway-person-export/1',
    exportedAt: nowIso(),
    personId,
    tables,
    recordedAboutOthers,
    notes: [
      'Evidence and library files are listed, not included: download each from Pathway while signed in.',
      'Anonymous survey answers are not linked to anyone, so they are not part of this export.',
      'Passwords, session and token secrets are never exported.',
      'recordedAboutOthers lists by id what this person recorded about other people (ratings, observations, reviews): that content is theirs.',
    ],
  };
}
