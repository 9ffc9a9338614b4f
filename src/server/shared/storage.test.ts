import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.ts';
import { migrate, openDatabase } from '../db/database.ts';
import { resolveKeySecret } from '../modules/recognition/issuer.keys.ts';
import { diskStore } from './storage.ts';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder keeps its contents from other users', () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-data-'));
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('makes the data folder 0700 and the database, its WAL, the uploaded files and the key secret 0600', async () => {
    const data = path.join(base, 'fresh', 'data');
    const config = loadConfig({
      PATHWAY_DATABASE: path.join(data, 'pathway.sqlite'),
      PATHWAY_FILES_DIR: path.join(data, 'files'),
    });
    const database = openDatabase(config.database);
    await migrate(database);
    const files = diskStore(config.filesDir);
    await files.put('evidence/tenant-1/file-1', Buffer.from('private'));
    resolveKeySecret(config);

    expect(fs.readdirSync(data).sort()).toEqual([
      'files',
      'issuer-keys.secret',
      'pathway.sqlite',
      'pathway.sqlite-shm',
      'pathway.sqlite-wal',
    ]);
    for (const dir of [
      path.join(base, 'fresh'),
      data,
      config.filesDir,
      path.join(config.filesDir, 'evidence', 'tenant-1'),
    ])
      expect([dir, modeOf(dir)]).toEqual([dir, 0o700]);
    for (const file of ['pathway.sqlite', 'pathway.sqlite-wal', 'pathway.sqlite-shm', 'issuer-keys.secret'])
      expect([file, modeOf(path.join(data, file))]).toEqual([file, 0o600]);
    expect(modeOf(path.join(config.filesDir, 'evidence', 'tenant-1', 'file-1'))).toBe(0o600);
    await database.close();
  });

  it("tightens database files other users could read, but only warns about the user's own folder", async () => {
    const warnings = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const shared = path.join(base, 'shared');
    fs.mkdirSync(shared, { mode: 0o755 });
    fs.chmodSync(shared, 0o755);
    const file = path.join(shared, 'pathway.sqlite');
    const first = openDatabase(file);
    await migrate(first);
    await first.close();
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(`${file}-wal`, '');
    fs.chmodSync(`${file}-wal`, 0o644);

    const database = openDatabase(file);
    await database.db.selectFrom('tenant').selectAll().execute();
    expect(modeOf(shared)).toBe(0o755);
    expect([modeOf(file), modeOf(`${file}-wal`), modeOf(`${file}-shm`)]).toEqual([0o600, 0o600, 0o600]);
    const messages = warnings.mock.calls.map((c) => String(c[0]));
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`${shared} (mode 755) can be read by other users`),
        expect.stringContaining(`${file} was mode 644; Pathway set it to 600.`),
      ]),
    );
    await database.close();
  });
});
