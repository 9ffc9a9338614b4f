import { sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import type { CommunityPostTable, CommunityThreadTable, ResourceTable } from '../../server/db/schema.ts';
import { searchResources } from '../../server/modules/community/resources.service.ts';
import { CANDIDATES, foldText, indexWords, queryWords } from '../../server/modules/community/search.ts';
import * as threads from '../../server/modules/community/threads.service.ts';
import { rowsPerStatement, writeInBatches } from '../../server/shared/batches.ts';
import type { Ctx } from '../../server/shared/context.ts';
import { newId, nowIso } from '../../server/shared/ids.ts';
import { refreshStatistics, systemCtx } from '../context.ts';
import { seedDemo } from '../demo.ts';
import { draws } from '../demo-country.ts';
import { p95, report, timeIt } from './measure.ts';
import { type RawDriver, rawDriver } from './raw.ts';

/** The library and the communities' posts searched (issue 17). */
const RESOURCES = 100_000;
const POSTS = 1_000_000;
const POSTS_PER_THREAD = 40;
const THREADS_PER_COMMUNITY = 50;
/** Posts on a thread page. */
const PAGE = 20;
const RUNS = 40;

/*
 * Words of teachers' writing in four scripts and languages. Titles and posts draw them with a
 * skew, so the first words of each list are in a large share of all texts (the worst case for a
 * ranked search) and the last are rare.
 */
const WORDS: Record<string, string[]> = {
  en: 'lesson project students tablets water climate fractions video spreadsheet reading village history map coding robot garden market survey poster podcast weather'.split(
    ' ',
  ),
  ne: 'पाठ परियोजना विद्यार्थी ट्याब्लेट पानी जलवायु भिन्न भिडियो स्प्रेडसिट पठन गाउँ इतिहास नक्सा कोडिङ रोबोट बगैंचा बजार सर्वेक्षण पोस्टर मौसम'.split(
    ' ',
  ),
  uz: 'dars loyiha oʻquvchilar planshet suv iqlim kasrlar video jadval oʻqish qishloq tarix xarita dasturlash robot bogʻ bozor soʻrovnoma plakat ob-havo'.split(
    ' ',
  ),
  ru: 'урок проект учащиеся планшеты вода климат дроби видео таблица чтение деревня история карта программирование робот сад рынок опрос плакат погода'.split(
    ' ',
  ),
};
const LANGUAGES = Object.keys(WORDS);
/**
 * Queries a teacher types: a common word and a rare one in each script, two words, a word being
 * typed, and a word no text holds (the cost of a search that finds nothing is the index's, not the table's).
 */
const QUERIES = [
  'zebrafish',
  'lesson',
  'podcast weather',
  'पाठ',
  'पोस्टर',
  'dars',
  'oʻquvchilar loyiha',
  'урок',
  'погода',
  'proj',
  'विद्या',
];

function textOf(random: () => number, language: string, words: number): string {
  const list = WORDS[language]!;
  return Array.from({ length: words }, () => list[Math.floor(random() ** 2 * list.length)]!).join(' ');
}

/** The search index entries of `rows` (already folded bodies), written as the services write them, in bulk. */
async function indexInBulk(
  ctx: Ctx,
  table: 'resource' | 'community',
  rows: { id: string; thread?: string; body: string }[],
) {
  const postgres = ctx.dialect === 'postgres';
  await writeInBatches(rows, rowsPerStatement(5), async (batch) => {
    if (table === 'resource' && postgres) {
      const values = sql.join(batch.map((r) => sql`(${r.id}, ${r.body})`));
      await sql`update resource set search_vector = to_tsvector('simple', v.body)
        from (values ${values}) as v(id, body) where resource.tenant_id = ${ctx.tenantId} and resource.id = v.id`.execute(
        ctx.db,
      );
    } else if (table === 'resource') {
      const values = sql.join(batch.map((r) => sql`(${ctx.tenantId}, ${r.id}, ${r.body})`));
      await sql`insert into resource_fts (tenant_id, resource_id, body) values ${values}`.execute(ctx.db);
      await indexWords(
        ctx.db,
        ctx.tenantId,
        batch.map((r) => r.body),
      );
    } else if (postgres) {
      const values = sql.join(
        batch.map((r) => sql`(${ctx.tenantId}, 'post', ${r.id}, ${r.thread}, to_tsvector('simple', ${r.body}))`),
      );
      await sql`insert into community_search (tenant_id, kind, entity_id, thread_id, search_vector) values ${values}`.execute(
        ctx.db,
      );
    } else {
      const values = sql.join(batch.map((r) => sql`(${ctx.tenantId}, 'post', ${r.id}, ${r.thread}, ${r.body})`));
      await sql`insert into community_fts (tenant_id, kind, entity_id, thread_id, body) values ${values}`.execute(
        ctx.db,
      );
      await indexWords(
        ctx.db,
        ctx.tenantId,
        batch.map((r) => r.body),
      );
    }
  });
}

/** RESOURCES published resources in the four languages, by the demo's teachers. */
export async function loadLibrary(ctx: Ctx, authors: { id: string; org_unit_id: string; org_path: string }[]) {
  const random = draws(17);
  const at = nowIso();
  for (let start = 0; start < RESOURCES; start += 5000) {
    const rows: ResourceTable[] = [];
    const index: { id: string; body: string }[] = [];
    for (let i = start; i < Math.min(RESOURCES, start + 5000); i++) {
      const author = authors[i % authors.length]!;
      const language = LANGUAGES[i % LANGUAGES.length]!;
      const title = textOf(random, language, 4);
      const description = textOf(random, language, 14);
      const id = newId();
      rows.push({
        tenant_id: ctx.tenantId,
        id,
        kind: 'lesson_plan',
        title: JSON.stringify({ [language]: title }),
        description: JSON.stringify({ [language]: description }),
        design_id: null,
        url: null,
        file_name: null,
        content_type: null,
        size_bytes: null,
        storage_key: null,
        subject: ['Science', 'Mathematics', 'Language', 'Social studies'][i % 4]!,
        grade: String(1 + (i % 10)),
        languages: JSON.stringify([language]),
        licence: 'CC-BY-4.0',
        competencies: '[]',
        tags: '[]',
        author_person_ids: '[]',
        owner_person_id: author.id,
        unit_id: author.org_unit_id,
        unit_path: author.org_path,
        sharing: 'nation',
        status: 'published',
        visible_path: '/',
        review_reason: null,
        reviewed_by_person_id: null,
        reviewed_at: at,
        created_at: at,
        updated_at: at,
      });
      index.push({ id, body: foldText(`${title}\n${description}`) });
    }
    await ctx.db.transaction().execute(async (trx) => {
      const tx = { ...ctx, db: trx };
      await writeInBatches(rows, rowsPerStatement(29), (b) => trx.insertInto('resource').values(b).execute());
      await writeInBatches(
        rows.map((r) => ({
          tenant_id: r.tenant_id,
          resource_id: r.id,
          facet: 'language',
          value: JSON.parse(r.languages)[0],
        })),
        rowsPerStatement(4),
        (b) => trx.insertInto('resource_facet').values(b).execute(),
      );
      await indexInBulk(tx, 'resource', index);
    });
  }
}

/** Open communities by subject in each region, each with threads of POSTS_PER_THREAD posts: POSTS posts in all. */
export async function loadPosts(ctx: Ctx, authors: { id: string }[], regions: { id: string; path: string }[]) {
  const random = draws(23);
  const threadCount = POSTS / POSTS_PER_THREAD;
  const communityCount = Math.ceil(threadCount / THREADS_PER_COMMUNITY);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const communities = Array.from({ length: communityCount }, (_, i) => {
    const region = regions[i % regions.length]!;
    return {
      tenant_id: ctx.tenantId,
      id: newId(),
      kind: 'subject',
      name: `${['Science', 'Mathematics', 'Language', 'Social studies'][i % 4]} ${i}`,
      description: '',
      access: 'open',
      unit_id: region.id,
      unit_path: region.path,
      subject: null,
      partnership_id: null,
      offering_id: null,
      created_by_person_id: null,
      created_at: nowIso(),
      updated_at: nowIso(),
    };
  });
  await writeInBatches(communities, rowsPerStatement(15), (b) => ctx.db.insertInto('community').values(b).execute());
  for (let t0 = 0; t0 < threadCount; t0 += 500) {
    const threadRows: CommunityThreadTable[] = [];
    const posts: CommunityPostTable[] = [];
    const index: { id: string; thread: string; body: string }[] = [];
    for (let t = t0; t < Math.min(threadCount, t0 + 500); t++) {
      const language = LANGUAGES[t % LANGUAGES.length]!;
      const title = textOf(random, language, 5);
      const id = newId();
      const community = communities[t % communityCount]!;
      const last = new Date(start + (t * POSTS_PER_THREAD + POSTS_PER_THREAD) * 1000).toISOString();
      threadRows.push({
        tenant_id: ctx.tenantId,
        id,
        community_id: community.id,
        title,
        author_person_id: authors[t % authors.length]!.id,
        post_count: POSTS_PER_THREAD,
        last_post_at: last,
        created_at: new Date(start + t * POSTS_PER_THREAD * 1000).toISOString(),
      });
      for (let p = 0; p < POSTS_PER_THREAD; p++) {
        const body = textOf(random, language, 25);
        const post = newId();
        posts.push({
          tenant_id: ctx.tenantId,
          id: post,
          thread_id: id,
          community_id: community.id,
          author_person_id: authors[(t + p) % authors.length]!.id,
          body,
          mentions: '[]',
          attachments: '[]',
          hidden: 0,
          hidden_reason: null,
          hidden_by_person_id: null,
          hidden_at: null,
          created_at: new Date(start + (t * POSTS_PER_THREAD + p) * 1000).toISOString(),
        });
        index.push({ id: post, thread: id, body: foldText(`${title}\n${body}`) });
      }
    }
    await ctx.db.transaction().execute(async (trx) => {
      await writeInBatches(threadRows, rowsPerStatement(8), (b) =>
        trx.insertInto('community_thread').values(b).execute(),
      );
      await writeInBatches(posts, rowsPerStatement(14), (b) => trx.insertInto('community_post').values(b).execute());
      await indexInBulk({ ...ctx, db: trx }, 'community', index);
    });
  }
}

/** Threads of the open communities of a region: what a teacher placed there reads. */
function threadsOfRegion(ctx: Ctx, regionId: string) {
  return ctx.db
    .selectFrom('community_thread as t')
    .innerJoin('community as c', (j) => j.onRef('c.tenant_id', '=', 't.tenant_id').onRef('c.id', '=', 't.community_id'))
    .select('t.id')
    .where('t.tenant_id', '=', ctx.tenantId)
    .where('c.unit_id', '=', regionId)
    .orderBy('t.id')
    .limit(200)
    .execute();
}

/** The bare full-text match behind a query, through the driver (the index's candidates ranked): the raw limit. */
function rawSearch(raw: RawDriver, database: Database, tenantId: string, table: 'resource' | 'community') {
  const postgres = database.dialect === 'postgres';
  return (q: string) => {
    const words = queryWords(q);
    if (postgres) {
      const terms = words.map((w, i) => `'${w}'${i === words.length - 1 ? ':*' : ''}`).join(' & ');
      const from =
        table === 'resource'
          ? `select id, ts_rank(search_vector, q) as score from resource, to_tsquery('simple', $1) q where tenant_id = $2`
          : `select entity_id, ts_rank(search_vector, q) as score from community_search, to_tsquery('simple', $1) q
             where tenant_id = $2 and kind = 'post'`;
      return raw.run(
        `select * from (${from} and search_vector @@ q limit ${CANDIDATES}) h order by score desc limit 20`,
        [terms, tenantId],
      );
    }
    // SQLite ranks whole words (a word still being typed is matched unranked, which costs less).
    const match = words.map((w) => `"${w}"`).join(' ');
    return raw.run(
      `select * from (select rowid, bm25(${table}_fts) as score from ${table}_fts where ${table}_fts match ?
       order by rowid desc limit ${CANDIDATES}) order by score limit 20`,
      [match],
    );
  };
}

/**
 * A country's library and communities after some years: RESOURCES published resources and
 * POSTS posts in open regional communities, in English, Nepali, Uzbek and Russian. Searched by a
 * teacher (library alone, and library, threads and events together) in each script, and a
 * thread's page read, each beside the bare index query or page read through the driver.
 */
export async function communityBench(database: Database, location: string, teachers: number) {
  const name = database.dialect;
  await seedDemo(database, { teachers });
  const ctx = await systemCtx(database, 'demo');
  const placed = await ctx.db
    .selectFrom('person')
    .select(['id', 'org_unit_id', 'org_path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '=', 'teacher')
    .orderBy('id')
    .limit(5000)
    .execute();
  const regions = await ctx.db
    .selectFrom('org_unit')
    .select(['id', 'path'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('type', '=', 'region')
    .execute();
  const loaded = await timeIt(async () => {
    await loadLibrary(ctx, placed);
    await loadPosts(ctx, placed, regions);
  });
  // Statistics as autovacuum would gather them after such a load: without them PostgreSQL reads a
  // million index entries for a `kind` it believes rare.
  await refreshStatistics(ctx);
  report(`${name}.community_loaded`, RESOURCES, `resources(${POSTS}_posts)`);
  report(`${name}.community_load_time`, loaded.ms / 1000, 's');

  const me = placed[0]!;
  const teacher: Ctx = {
    ...ctx,
    actor: {
      accountId: null,
      personId: me.id,
      username: 'bench-teacher',
      system: false,
      grants: [{ role: 'teacher', orgUnitId: me.org_unit_id, orgUnitPath: me.org_path }],
    },
  };
  const raw = await rawDriver(database, location);
  try {
    const query = (i: number) => QUERIES[i % QUERIES.length]!;
    const library = await p95(RUNS, (i) => searchResources(teacher, { q: query(i), limit: 20 }));
    const rawLibrary = rawSearch(raw, database, ctx.tenantId, 'resource');
    const libraryRaw = await p95(RUNS, (i) => rawLibrary(query(i)));
    const everything = await p95(RUNS, (i) => threads.search(teacher, { q: query(i), limit: 20 }));
    const rawPosts = rawSearch(raw, database, ctx.tenantId, 'community');
    const everythingRaw = await p95(RUNS, async (i) => {
      await rawLibrary(query(i));
      await rawPosts(query(i));
    });
    const browse = await p95(RUNS, () => searchResources(teacher, { limit: 20 }));
    report(`${name}.community_search_library_p95`, library, `ms(${RESOURCES}_resources)`);
    report(`${name}.community_browse_library_p95`, browse, 'ms(newest_first,no_query)');
    report(`${name}.community_search_library_raw_p95`, libraryRaw, 'ms');
    report(`${name}.community_search_all_p95`, everything, `ms(${RESOURCES}_resources,${POSTS}_posts)`);
    report(`${name}.community_search_all_raw_p95`, everythingRaw, 'ms');
    report(`${name}.community_search.goal`, 50, 'ms');

    const region = regions.find((r) => me.org_path.startsWith(r.path))!;
    const sample = await threadsOfRegion(ctx, region.id);
    const page = await p95(RUNS, (i) => threads.getThread(teacher, sample[i % sample.length]!.id, { limit: PAGE }));
    const param = (n: number) => (database.dialect === 'postgres' ? `$${n}` : '?');
    const pageRaw = await p95(RUNS, (i) =>
      raw.run(
        `select * from community_post where tenant_id = ${param(1)} and thread_id = ${param(2)}
         order by created_at, id limit ${PAGE + 1}`,
        [ctx.tenantId, sample[i % sample.length]!.id],
      ),
    );
    report(`${name}.community_thread_page_p95`, page, `ms(${PAGE}_posts_of_${POSTS_PER_THREAD})`);
    report(`${name}.community_thread_page_raw_p95`, pageRaw, 'ms');
    report(`${name}.community_thread_page.goal`, 20, 'ms');
  } finally {
    await raw.close();
  }
}
