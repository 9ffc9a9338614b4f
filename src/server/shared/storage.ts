import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/*
 * The data folder (./data by default) holds the SQLite database, uploaded files and the generated
 * key secret: nothing in it is for other users of the machine. Folders Pathway makes are 0700 and
 * files it makes are 0600. A folder that already exists is the user's: Pathway does not change its
 * mode, it warns (once) when other users can enter or read it. Database files are Pathway's own,
 * so `privateFile` tightens them (databases made before Pathway did this were 0644) and says so.
 */

const warned = new Set<string>();
function warnOnce(key: string, message: string) {
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(message, { code: 'PATHWAY_DATA_MODE' });
}

const modeOf = (mode: number) => (mode & 0o777).toString(8).padStart(3, '0');

/** Makes a folder for private data: every folder made is 0700; an existing one is left, with a warning if shared. */
export function makePrivateDir(dir: string): void {
  const made = fsSync.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (made !== undefined) return;
  const { mode } = fsSync.statSync(dir);
  if (process.platform !== 'win32' && mode & 0o077) {
    warnOnce(
      `dir:${path.resolve(dir)}`,
      `${path.resolve(dir)} (mode ${modeOf(mode)}) can be read by other users and holds Pathway's data; ` +
        `Pathway leaves an existing folder as it is: run chmod 700 on it.`,
    );
  }
}

/**
 * Makes a file (empty) with mode 0600 if there is none; an existing one that other users can read
 * is set to owner-only. A missing file stays missing when `create` is false.
 */
export function privateFile(file: string, { create = true } = {}): void {
  if (create) fsSync.closeSync(fsSync.openSync(file, 'a', 0o600));
  let mode: number;
  try {
    mode = fsSync.statSync(file).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !create) return;
    throw error;
  }
  if (process.platform === 'win32' || !(mode & 0o077)) return;
  try {
    fsSync.chmodSync(file, mode & 0o700);
    warnOnce(
      `file:${path.resolve(file)}`,
      `${path.resolve(file)} was mode ${modeOf(mode)}; Pathway set it to ${modeOf(mode & 0o700)}.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
    warnOnce(
      `file:${path.resolve(file)}`,
      `${path.resolve(file)} (mode ${modeOf(mode)}) can be read by other users and belongs to another user: run chmod 600 on it.`,
    );
  }
}

/**
 * Where uploaded files live. Local disk is the default; an S3-compatible store is the scale path
 * and only needs these three calls.
 */
export interface FileStore {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

const SAFE_KEY = /^[\w-]+(\/[\w-]+)*$/;

/** Files under `root` (made 0700 now if missing), each written 0600 in folders made 0700. */
export function diskStore(root: string): FileStore {
  makePrivateDir(root);
  const fileOf = (key: string) => {
    if (!SAFE_KEY.test(key)) throw new Error(`Unsafe storage key: ${key}`);
    return path.join(root, key);
  };
  return {
    async put(key, bytes) {
      const file = fileOf(key);
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      // Write then rename, so a reader never sees half a file.
      const partial = `${file}.${randomBytes(4).toString('hex')}.partial`;
      await fs.writeFile(partial, bytes, { mode: 0o600 });
      await fs.rename(partial, file);
    },
    get: (key) => fs.readFile(fileOf(key)),
    remove: (key) => fs.rm(fileOf(key), { force: true }),
  };
}
