import type SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../db/database.ts';
import { indexWords } from '../modules/community/search.ts';
import { batches } from '../shared/batches.ts';
import type { Value } from './archive.ts';

/*
 * The full-text index travels as one entry per resource, post and event: [index, tenant_id,
 * entity_id, thread_id, folded text]. SQLite keeps that text in its FTS5 tables; PostgreSQL keeps
 * only the tsvector, so its entry is the vector's words in position order (the `simple`
 * configuration does not stem, so the same words are found; a word repeated in a text is kept once).
 */

// biome-ignore lint/suspicious/noExplicitAny: written without the app's table types.
type AnyDb = Kysely<any>;

const FTS = { resource: 'resource_fts', post: 'community_fts', event: 'event_fts' } as const;

export function* sqliteSearchEntries(sqlite: SQLite.Database): Generator<Value[]> {
  const present = new Set(
    (sqlite.prepare(`select name from pragma_table_list where type = 'virtual'`).all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  if (present.has(FTS.resource))
    yield* sqlite
      .prepare(`select 'resource', tenant_id, resource_id, null, body from resource_fts order by rowid`)
      .raw(true)
      .iterate() as Iterable<Value[]>;
  for (const table of [FTS.post, FTS.event])
    if (present.has(table))
      yield* sqlite
        .prepare(`select kind, tenant_id, entity_id, thread_id, body from ${table} order by rowid`)
        .raw(true)
        .iterate() as Iterable<Value[]>;
}

const words = sql`(select string_agg(u.lexeme, ' ' order by coalesce(u.positions[1], 0), u.lexeme) from unnest(search_vector) u)`;

export async function postgresSearchEntries(db: AnyDb): Promise<Value[][]> {
  const out: Value[][] = [];
  const has = await sql<{ resource: boolean; community: boolean }>`select
    exists (select 1 from information_schema.columns where table_schema = current_schema()
      and table_name = 'resource' and column_name = 'search_vector') as resource,
    to_regclass('community_search') is not null as community`.execute(db);
  if (has.rows[0]?.resource) {
    const rows = await sql<{ tenant_id: string; id: string; body: string }>`select tenant_id, id, ${words} as body
      from resource where search_vector <> ''::tsvector order by tenant_id, id`.execute(db);
    for (const r of rows.rows) out.push(['resource', r.tenant_id, r.id, null, r.body ?? '']);
  }
  if (has.rows[0]?.community) {
    const rows = await sql<{
      kind: string;
      tenant_id: string;
      entity_id: string;
      thread_id: string | null;
      body: string;
    }>`
      select kind, tenant_id, entity_id, thread_id, ${words} as body from community_search
      order by tenant_id, kind, entity_id`.execute(db);
    for (const r of rows.rows) out.push([r.kind, r.tenant_id, r.entity_id, r.thread_id, r.body ?? '']);
  }
  return out;
}

/** Writes entries into the target's own index, in the restore's transaction. */
export async function writeSearchEntries(db: AnyDb, dialect: Dialect, entries: Value[][]): Promise<void> {
  if (dialect === 'sqlite') {
    const bodiesOf = new Map<string, string[]>();
    for (const [, tenantId, , , body] of entries) {
      const list = bodiesOf.get(tenantId as string) ?? [];
      list.push(body as string);
      bodiesOf.set(tenantId as string, list);
    }
    for (const [tenantId, bodies] of bodiesOf) await indexWords(db, tenantId, bodies);
    for (const [index, tenantId, entityId, threadId, body] of entries) {
      if (index === 'resource')
        await sql`insert into resource_fts (tenant_id, resource_id, body) values (${tenantId}, ${entityId}, ${body})`.execute(
          db,
        );
      else
        await sql`insert into ${sql.table(index === 'event' ? FTS.event : FTS.post)} (tenant_id, kind, entity_id, thread_id, body)
          values (${tenantId}, ${index}, ${entityId}, ${threadId}, ${body})`.execute(db);
    }
    return;
  }
  const resources = entries.filter((e) => e[0] === 'resource');
  for (const batch of batches(resources, 500))
    await sql`update resource set search_vector = to_tsvector('simple', v.body)
      from (values ${sql.join(batch.map(([, t, id, , body]) => sql`(${t}, ${id}, ${body})`))}) as v(tenant_id, id, body)
      where resource.tenant_id = v.tenant_id and resource.id = v.id`.execute(db);
  const community = entries.filter((e) => e[0] !== 'resource');
  for (const batch of batches(community, 500))
    await sql`insert into community_search (tenant_id, kind, entity_id, thread_id, search_vector)
      values ${sql.join(batch.map(([kind, t, id, thread, body]) => sql`(${t}, ${kind}, ${id}, ${thread}, to_tsvector('simple', ${body}))`))}`.execute(
      db,
    );
}
