import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type DialectName, describeOnEachDatabase, freshDatabase } from '../../../test/db.ts';
import * as make from '../../../test/factories.ts';
import { appliedMigrations, type Database, MIGRATION_NAMES, migrate } from '../db/database.ts';
import * as evidence from '../modules/assessment/evidence.service.ts';
import { CreateCommunityBody, ThreadBody } from '../modules/community/communities.schemas.ts';
import { createCommunity } from '../modules/community/communities.service.ts';
import { createThread } from '../modules/community/threads.service.ts';
import { diskStore, type FileStore } from '../shared/storage.ts';
import { readArchive, type Value } from './archive.ts';
import { backup } from './backup.ts';
import { restore } from './restore.ts';
import { lastBackupAge } from './upgrade.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-ops-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
const tmpFile = (name: string) => path.join(tmp, `${++fileNo}-${name}`);
const newStore = () => {
  const dir = tmpFile('files');
  return { dir, store: diskStore(dir) };
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;
/** A value as both dialects agree on it: timestamps as instants. */
const normal = (v: Value) => (typeof v === 'string' && ISO.test(v) ? new Date(v).toISOString() : v);

/** Every table of a backup, each as its rows (normalised, sorted), with the search entries and files. */
async function contents(file: string, passphrase: string | null = null) {
  const tables = new Map<string, string[]>();
  const search: string[] = [];
  const files = new Map<string, string>();
  const { header, manifest } = await readArchive(file, passphrase, (event) => {
    if (event.kind === 'table') tables.set(event.name, []);
    if (event.kind === 'rows')
      for (const row of event.rows)
        tables
          .get(event.name)!
          .push(JSON.stringify(Object.fromEntries(event.columns.map((c, i) => [c, normal(row[i]!)]))));
    if (event.kind === 'search_rows') for (const row of event.rows) search.push(JSON.stringify(row.slice(0, 4)));
    if (event.kind === 'file') files.set(event.key, event.bytes.toString('base64'));
  });
  for (const rows of tables.values()) rows.sort();
  return { header, manifest, tables, search: search.sort(), files };
}

/** A country with people, a published standard, an uploaded evidence file and a post in the search index. */
async function seed(database: Database, files: FileStore) {
  const world = await make.country(database);
  const standard = await make.publishedStandard(world.ctx);
  const item = standard.items.find((i) => i.type === 'competency')!;
  const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
  for (let i = 0; i < 5; i++) await make.person(world.ctx, world.schoolA2);
  await evidence.uploadEvidence(
    teacher.ctx,
    files,
    teacher.person.id,
    { title: 'Lesson plan', fileName: 'lesson.txt', itemIds: [item.id] },
    Buffer.from('A lesson plan with tablets, grade 5.\n'),
  );
  const community = await createCommunity(
    teacher.ctx,
    CreateCommunityBody.parse({ kind: 'subject', name: 'ICT in school A1', unitId: world.schoolA1.id, subject: 'ICT' }),
  );
  await createThread(
    teacher.ctx,
    community.id,
    ThreadBody.parse({ title: 'Tablets', body: 'My first lesson with tablets and a projector.' }),
  );
  return world;
}

async function rowCount(database: Database, table: string) {
  const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(database.db);
  return Number(rows[0]!.n);
}

describeOnEachDatabase('backup and restore', (getDb, dialect) => {
  let source: Awaited<ReturnType<typeof newStore>>;
  let world: Awaited<ReturnType<typeof seed>>;
  let archive: string;

  beforeAll(async () => {
    source = newStore();
    world = await seed(getDb(), source.store);
  });

  it('takes a consistent copy while people are being added, and restores it table for table with its files', async () => {
    const database = getDb();
    archive = tmpFile(`${dialect}.backup`);
    let writing = true;
    let added = 0;
    const writer = (async () => {
      while (writing) {
        await make.person(world.ctx, world.schoolB1);
        added++;
        // SQLite answers without waiting on I/O: give the backup's file writes their turn.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Let the writes get going, so the copy is taken among them.
    while (added < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const result = await backup(database, { out: archive, files: source.store, keySecret: 'a-key-secret-of-sixteen+' });
    writing = false;
    await writer;
    expect(added).toBeGreaterThan(3);
    expect(result.recorded).toBe(true);
    expect(result.files).toBe(1);
    expect(result.missingFiles).toEqual([]);

    const taken = await contents(archive);
    expect(taken.header.schema).toEqual(MIGRATION_NAMES);
    expect(taken.header.keySecretFingerprint).toMatch(/^hmac-sha256:[0-9a-f]{32}$/);
    expect(fs.readFileSync(archive).includes('a-key-secret-of-sixteen+')).toBe(false);
    // Consistent: every person the copy holds was written with its audit record and its unit's count.
    const people = taken.tables.get('person')!.map((r) => JSON.parse(r) as { id: string; org_unit_id: string });
    const audited = new Set(
      taken.tables
        .get('audit_log')!
        .map((r) => JSON.parse(r) as { entity_type: string; entity_id: string })
        .filter((a) => a.entity_type === 'person')
        .map((a) => a.entity_id),
    );
    expect(people.every((p) => audited.has(p.id))).toBe(true);
    const counted = taken.tables
      .get('org_unit')!
      .map((r) => JSON.parse(r) as { id: string; teacher_count: number })
      .reduce((n, u) => n + u.teacher_count, 0);
    expect(counted).toBe(people.length);
    expect(people.length).toBeLessThan(await rowCount(database, 'person'));
    expect(taken.search.length).toBeGreaterThanOrEqual(1);

    const target = await freshDatabase(dialect);
    const restored = newStore();
    try {
      const outcome = await restore(archive, target, { files: restored.store, keySecret: 'another-secret-sixteen' });
      expect(outcome.keySecretMatches).toBe(false);
      const again = tmpFile('again.backup');
      await backup(target, { out: again, files: restored.store });
      const copy = await contents(again);
      // The restore records nothing of its own: compare before the backup just taken is recorded.
      copy.tables.set('backup_record', taken.tables.get('backup_record')!);
      expect(copy.tables).toEqual(taken.tables);
      expect(copy.search).toEqual(taken.search);
      expect(copy.files).toEqual(taken.files);
      // Same dialect: the very same bytes, table by table.
      for (const t of copy.manifest.tables.filter((t) => t.name !== 'backup_record'))
        expect(t, t.name).toEqual(taken.manifest.tables.find((x) => x.name === t.name));
    } finally {
      await target.close();
    }
  });

  it('encrypts with a passphrase: the right one restores, a wrong or missing one is refused', async () => {
    const encrypted = tmpFile('encrypted.backup');
    await backup(getDb(), { out: encrypted, files: source.store, passphrase: 'correct horse battery staple' });
    expect(fs.readFileSync(encrypted).includes('Lesson plan')).toBe(false);
    const target = await freshDatabase(dialect);
    try {
      const store = newStore();
      await expect(restore(encrypted, target, { files: store.store, passphrase: 'wrong horse' })).rejects.toMatchObject(
        {
          code: 'backup_passphrase_wrong',
        },
      );
      await expect(restore(encrypted, target, { files: store.store })).rejects.toMatchObject({
        code: 'backup_passphrase_required',
      });
      // Changed after it was written: the tag does not match.
      const bytes = fs.readFileSync(encrypted);
      bytes[bytes.length - 100]! ^= 0x01;
      const tampered = tmpFile('tampered.backup');
      fs.writeFileSync(tampered, bytes);
      await expect(
        restore(tampered, target, { files: store.store, passphrase: 'correct horse battery staple' }),
      ).rejects.toMatchObject({ code: 'backup_invalid' });
      expect(await rowCount(target, 'person')).toBe(0);
      expect(fs.readdirSync(store.dir)).toEqual([]);
      const result = await restore(encrypted, target, {
        files: store.store,
        passphrase: 'correct horse battery staple',
      });
      expect(result.rows).toBeGreaterThan(0);
      expect(await rowCount(target, 'person')).toBe(await rowCount(getDb(), 'person'));
    } finally {
      await target.close();
    }
  });

  describe('refuses bad input and writes nothing', () => {
    let target: Database & { location: string };
    let store: ReturnType<typeof newStore>;
    beforeAll(async () => {
      target = await freshDatabase(dialect);
      store = newStore();
    });
    afterAll(() => target.close());
    const untouched = async () => {
      expect(await rowCount(target, 'tenant')).toBe(0);
      expect(await rowCount(target, 'person')).toBe(0);
      expect(fs.readdirSync(store.dir)).toEqual([]);
    };
    const rewrite = (edit: (lines: string[]) => string[]) => {
      const lines = zlib.gunzipSync(fs.readFileSync(archive)).toString('utf8').split('\n');
      const file = tmpFile('edited.backup');
      fs.writeFileSync(file, zlib.gzipSync(edit(lines).join('\n')));
      return file;
    };

    it('a truncated file', async () => {
      const bytes = fs.readFileSync(archive);
      const cut = tmpFile('cut.backup');
      fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.9)));
      await expect(restore(cut, target, { files: store.store })).rejects.toMatchObject({ code: 'backup_invalid' });
      await untouched();
    });

    it('a corrupt file (a changed byte, a changed row, not a backup at all)', async () => {
      const bytes = fs.readFileSync(archive);
      bytes[Math.floor(bytes.length / 2)]! ^= 0xff;
      const corrupt = tmpFile('corrupt.backup');
      fs.writeFileSync(corrupt, bytes);
      await expect(restore(corrupt, target, { files: store.store })).rejects.toMatchObject({ code: 'backup_invalid' });
      const changedRow = rewrite((lines) => lines.map((l) => l.replace('Lesson plan', 'Lesson plan!')));
      await expect(restore(changedRow, target, { files: store.store })).rejects.toMatchObject({
        code: 'backup_invalid',
      });
      const text = tmpFile('not-a-backup.txt');
      fs.writeFileSync(text, 'name,code\nA,1\n');
      await expect(restore(text, target, { files: store.store })).rejects.toMatchObject({ code: 'backup_invalid' });
      await untouched();
    });

    it('a backup of a newer schema', async () => {
      const newer = rewrite((lines) => {
        const header = JSON.parse(lines[0]!);
        header.schema.push('9999_from_the_future');
        return [JSON.stringify(header), ...lines.slice(1)];
      });
      await expect(restore(newer, target, { files: store.store })).rejects.toMatchObject({
        code: 'backup_schema_unknown',
      });
      await untouched();
    });

    it('a database that is not empty', async () => {
      const before = await rowCount(getDb(), 'person');
      await expect(restore(archive, getDb(), { files: store.store })).rejects.toMatchObject({
        code: 'restore_target_not_empty',
      });
      expect(await rowCount(getDb(), 'person')).toBe(before);
      expect(fs.readdirSync(store.dir)).toEqual([]);
    });
  });

  it('migrate refuses a database migrated by a newer Pathway, and reads the last backup’s age', async () => {
    const database = await freshDatabase(dialect);
    try {
      expect((await lastBackupAge(database)).at).toBeNull();
      await backup(database, { out: tmpFile('empty.backup'), files: newStore().store });
      expect((await lastBackupAge(database)).hours).toBeLessThan(0.1);
      await database.db
        .insertInto('kysely_migration')
        .values({ name: '9999_from_the_future', timestamp: new Date().toISOString() })
        .execute();
      await expect(migrate(database)).rejects.toMatchObject({ code: 'schema_newer_than_code' });
    } finally {
      await database.close();
    }
  });

  it('runs pending migrations in one transaction: a failing one leaves no change and nothing recorded', async () => {
    const database = await freshDatabase(dialect);
    try {
      const columnsOfPerson = async () =>
        (await database.db.introspection.getTables()).find((t) => t.name === 'person')!.columns.map((c) => c.name);
      const personColumns = await columnsOfPerson();
      const extra = {
        // Applies cleanly on its own, but shares the batch with the next one.
        '9998_fine': {
          up: async (db: Kysely<unknown>) => {
            await db.schema
              .createTable('upgrade_probe')
              .addColumn('id', 'text', (c) => c.primaryKey())
              .execute();
          },
        },
        '9999_fails_halfway': {
          up: async (db: Kysely<unknown>) => {
            await db.schema.alterTable('person').addColumn('probe_note', 'text').execute();
            await sql`insert into upgrade_probe (id) values ('written')`.execute(db);
            await sql`select * from no_such_table`.execute(db);
          },
        },
      };
      await expect(migrate(database, { extra })).rejects.toThrow(/no_such_table/);
      const tables = (await database.db.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('upgrade_probe');
      expect(await columnsOfPerson()).toEqual(personColumns);
      expect(await appliedMigrations(database)).toEqual([...MIGRATION_NAMES]);
      // The database is usable and the migrations apply once the failing one is fixed.
      const { '9998_fine': fine } = extra;
      expect(await migrate(database, { extra: { '9998_fine': fine } })).toEqual(['9998_fine']);
      expect(await rowCount(database, 'upgrade_probe')).toBe(0);
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(!inject('postgres'))('SQLite > PostgreSQL > SQLite', () => {
  it('keeps every row, every file and every search entry', async () => {
    const databases: (Database & { location: string })[] = [];
    const open = async (dialect: DialectName) => {
      const database = await freshDatabase(dialect);
      databases.push(database);
      return database;
    };
    try {
      const first = newStore();
      const sqliteSource = await open('sqlite');
      await seed(sqliteSource, first.store);
      const a = tmpFile('a.backup');
      await backup(sqliteSource, { out: a, files: first.store });

      const postgres = await open('postgres');
      const second = newStore();
      await restore(a, postgres, { files: second.store });
      const b = tmpFile('b.backup');
      await backup(postgres, { out: b, files: second.store });

      const sqliteAgain = await open('sqlite');
      const third = newStore();
      await restore(b, sqliteAgain, { files: third.store });
      const c = tmpFile('c.backup');
      await backup(sqliteAgain, { out: c, files: third.store });

      const [ca, cb, cc] = [await contents(a), await contents(b), await contents(c)];
      expect(cb.header.dialect).toBe('postgres');
      for (const copy of [cb, cc]) {
        copy.tables.set('backup_record', ca.tables.get('backup_record')!);
        expect(copy.tables).toEqual(ca.tables);
        expect(copy.search).toEqual(ca.search);
        expect(copy.files).toEqual(ca.files);
      }
      for (const table of [
        'tenant',
        'org_unit',
        'person',
        'user_account',
        'framework',
        'framework_item',
        'evidence',
        'audit_log',
      ])
        expect(ca.tables.get(table)!.length, table).toBeGreaterThan(0);
    } finally {
      for (const database of databases) await database.close();
    }
  });
});

describe.skipIf(inject('postgres'))('SQLite > PostgreSQL > SQLite', () => {
  it('is skipped: PostgreSQL is not reachable (see test/global-setup.ts)', () => {});
});
