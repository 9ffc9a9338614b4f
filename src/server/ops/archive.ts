import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { AppError } from '../shared/errors.ts';

/*
 * The backup file: one gzip'd stream of JSON lines, read and written as a stream.
 *
 *   {"kind":"header", format, formatVersion, schema: [migrations], dialect, createdAt,
 *    keySecretFingerprint, tables: [{ name, rows }]}
 *   per table, parents before children:
 *     {"kind":"table", name, columns}  then one JSON array per row, in primary-key order,
 *     then {"kind":"table_end", name, rows, sha256}   (sha256 of the row lines, each with its \n)
 *   {"kind":"search", columns} ... {"kind":"search_end", rows, sha256}: the full-text index entries
 *     (folded text), which each dialect stores its own way
 *   per uploaded file: {"kind":"file", key, size, sha256}, its bytes as base64 lines, {"kind":"file_end"}
 *   {"kind":"manifest", tables: [{ name, rows, sha256 }], search, files: [{ key, size, sha256 }], missingFiles}
 *   {"kind":"end"}
 *
 * With a passphrase the gzip stream is encrypted with AES-256-GCM under a key derived by scrypt:
 * the file starts with one text line `PATHWAY-BACKUP-ENCRYPTED 1 {kdf params, salt, nonce, check}`
 * (authenticated as additional data), then the ciphertext, then the 16-byte tag. `check` is derived
 * with the key, so a wrong passphrase is told apart from a damaged file before anything is read.
 */

export const FORMAT = 'pathway-backup';
export const FORMAT_VERSION = 1;
const ENCRYPTED_MAGIC = 'PATHWAY-BACKUP-ENCRYPTED 1 ';
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const TAG_BYTES = 16;

export type Value = string | number | null | { $base64: string };

export interface Header {
  kind: 'header';
  format: string;
  formatVersion: number;
  schema: string[];
  dialect: 'sqlite' | 'postgres';
  createdAt: string;
  keySecretFingerprint: string | null;
  tables: { name: string; rows: number }[];
}

export interface Manifest {
  kind: 'manifest';
  tables: { name: string; rows: number; sha256: string }[];
  search: { rows: number; sha256: string };
  files: { key: string; size: number; sha256: string }[];
  missingFiles: string[];
}

/** What a reader of the archive is handed, in file order, after each piece has been checked. */
export type ArchiveEvent =
  | { kind: 'header'; header: Header }
  | { kind: 'table'; name: string; columns: string[] }
  | { kind: 'rows'; name: string; columns: string[]; rows: Value[][] }
  | { kind: 'table_end'; name: string; rows: number }
  | { kind: 'search'; columns: string[] }
  | { kind: 'search_rows'; rows: Value[][] }
  | { kind: 'file'; key: string; bytes: Buffer }
  | { kind: 'manifest'; manifest: Manifest };

export const SEARCH_COLUMNS = ['index', 'tenant_id', 'entity_id', 'thread_id', 'body'];
const FILE_CHUNK = 768 * 1024; // bytes per base64 line

export function encodeValue(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  if (value instanceof Date) return value.toISOString();
  throw new Error(`A value of type ${typeof value} cannot be backed up.`);
}

export function decodeValue(value: Value): string | number | null | Buffer {
  if (value !== null && typeof value === 'object') return Buffer.from(value.$base64, 'base64');
  return value;
}

const sha256 = () => createHash('sha256');

function deriveKey(passphrase: string, salt: Buffer): { key: Buffer; check: Buffer } {
  const derived = scryptSync(passphrase, salt, 48, { ...SCRYPT, maxmem: 64 * 1024 * 1024 });
  return { key: derived.subarray(0, 32), check: derived.subarray(32) };
}

/** Writes the archive's lines, in order, as one file; lines are gathered into chunks so the stream is not per row. */
export class ArchiveWriter {
  private readonly lines: string[] = [];
  private pending = 0;
  private tableHash = sha256();
  private tableRows = 0;
  readonly manifest: Manifest = {
    kind: 'manifest',
    tables: [],
    search: { rows: 0, sha256: '' },
    files: [],
    missingFiles: [],
  };

  constructor(private readonly push: (chunk: string) => Promise<void>) {}

  private async line(text: string) {
    this.lines.push(text, '\n');
    this.pending += text.length + 1;
    if (this.pending >= 256 * 1024) await this.flush();
  }

  async flush() {
    if (this.lines.length === 0) return;
    const chunk = this.lines.join('');
    this.lines.length = 0;
    this.pending = 0;
    await this.push(chunk);
  }

  header(header: Header) {
    return this.line(JSON.stringify(header));
  }

  async beginTable(name: string, columns: string[], kind: 'table' | 'search' = 'table') {
    this.tableHash = sha256();
    this.tableRows = 0;
    await this.line(JSON.stringify(kind === 'table' ? { kind, name, columns } : { kind, columns }));
  }

  async row(values: Value[]) {
    const text = JSON.stringify(values);
    this.tableHash.update(text).update('\n');
    this.tableRows++;
    await this.line(text);
  }

  async endTable(name: string) {
    const entry = { name, rows: this.tableRows, sha256: this.tableHash.digest('hex') };
    this.manifest.tables.push(entry);
    await this.line(JSON.stringify({ kind: 'table_end', ...entry }));
  }

  async endSearch() {
    this.manifest.search = { rows: this.tableRows, sha256: this.tableHash.digest('hex') };
    await this.line(JSON.stringify({ kind: 'search_end', ...this.manifest.search }));
  }

  async file(key: string, bytes: Buffer) {
    const entry = { key, size: bytes.length, sha256: sha256().update(bytes).digest('hex') };
    this.manifest.files.push(entry);
    await this.line(JSON.stringify({ kind: 'file', ...entry }));
    for (let at = 0; at < bytes.length; at += FILE_CHUNK)
      await this.line(JSON.stringify(bytes.subarray(at, at + FILE_CHUNK).toString('base64')));
    await this.line(JSON.stringify({ kind: 'file_end' }));
  }

  async finish() {
    await this.line(JSON.stringify(this.manifest));
    await this.line(JSON.stringify({ kind: 'end' }));
    await this.flush();
  }
}

/**
 * Writes an archive to `out` (0600, through a temporary name renamed at the end, so a failed
 * backup leaves no file that looks whole). `produce` writes the lines.
 */
export async function writeArchive(
  out: string,
  passphrase: string | null,
  produce: (writer: ArchiveWriter) => Promise<void>,
): Promise<{ bytes: number; manifest: Manifest }> {
  const partial = `${out}.${randomBytes(4).toString('hex')}.partial`;
  const file = fs.createWriteStream(partial, { mode: 0o600 });
  const gzip = zlib.createGzip({ level: 6 });
  try {
    let cipher: CipherGCM | undefined;
    if (passphrase !== null) {
      const salt = randomBytes(16);
      const nonce = randomBytes(12);
      const { key, check } = deriveKey(passphrase, salt);
      const headerLine = `${ENCRYPTED_MAGIC}${JSON.stringify({
        kdf: 'scrypt',
        ...SCRYPT,
        salt: salt.toString('base64'),
        nonce: nonce.toString('base64'),
        check: check.toString('base64'),
      })}\n`;
      file.write(headerLine);
      cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(headerLine));
    }
    const done = cipher ? pipeline(gzip, cipher, file, { end: false }) : pipeline(gzip, file, { end: false });
    done.catch(() => undefined); // awaited below; a failure while producing is thrown from write
    const writer = new ArchiveWriter(async (chunk) => {
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    });
    await produce(writer);
    gzip.end();
    await done;
    const tag = cipher?.getAuthTag();
    await new Promise<void>((resolve, reject) => {
      file.on('error', reject);
      if (tag) file.end(tag, resolve);
      else file.end(resolve);
    });
    fs.renameSync(partial, out);
    return { bytes: fs.statSync(out).size, manifest: writer.manifest };
  } catch (error) {
    gzip.destroy();
    file.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

const invalid = (why: string, details?: Record<string, unknown>) =>
  new AppError('backup_invalid', `This file is not a readable Pathway backup: ${why}`, details);

/** The plain gzip stream of an archive file: decrypted (and its tag checked at the end) when encrypted. */
function openArchive(file: string, passphrase: string | null): { stream: Readable; decipher?: Transform } {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw invalid(`there is no file ${file}.`);
  }
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(Math.min(size, 4096));
  fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  if (head[0] === 0x1f && head[1] === 0x8b) return { stream: fs.createReadStream(file) };
  if (!head.subarray(0, ENCRYPTED_MAGIC.length).equals(Buffer.from(ENCRYPTED_MAGIC)))
    throw invalid('it does not start as one.');
  const newline = head.indexOf(0x0a);
  if (newline < 0) throw invalid('its encryption header is cut short.');
  const headerLine = head.subarray(0, newline + 1);
  let params: { kdf: string; N: number; r: number; p: number; salt: string; nonce: string; check: string };
  try {
    params = JSON.parse(headerLine.subarray(ENCRYPTED_MAGIC.length).toString('utf8'));
  } catch {
    throw invalid('its encryption header is damaged.');
  }
  if (passphrase === null)
    throw new AppError(
      'backup_passphrase_required',
      'This backup is encrypted: give its passphrase (--passphrase-env).',
    );
  if (params.kdf !== 'scrypt' || params.N !== SCRYPT.N || params.r !== SCRYPT.r || params.p !== SCRYPT.p)
    throw invalid('its encryption header names settings this version does not use.');
  const { key, check } = deriveKey(passphrase, Buffer.from(params.salt, 'base64'));
  const expected = Buffer.from(params.check, 'base64');
  if (expected.length !== check.length || !timingSafeEqual(expected, check))
    throw new AppError('backup_passphrase_wrong', 'The passphrase does not open this backup.');
  if (size < headerLine.length + TAG_BYTES) throw invalid('it is cut short.');
  const tag = Buffer.alloc(TAG_BYTES);
  const tagFd = fs.openSync(file, 'r');
  fs.readSync(tagFd, tag, 0, TAG_BYTES, size - TAG_BYTES);
  fs.closeSync(tagFd);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(params.nonce, 'base64'));
  decipher.setAAD(headerLine);
  decipher.setAuthTag(tag);
  return {
    stream: fs.createReadStream(file, { start: headerLine.length, end: size - TAG_BYTES - 1 }),
    decipher: decipher as unknown as Transform,
  };
}

/**
 * Reads an archive, checking as it goes: the order of sections, every table's row count and hash
 * against its end line and the manifest, every file's size and hash, and that the stream ends where
 * the archive says it does. `visit` sees each piece only after its own checks; a caller that must
 * not act on a bad file reads it once with no visitor first. Any fault is `backup_invalid`.
 */
export async function readArchive(
  file: string,
  passphrase: string | null,
  visitor: (event: ArchiveEvent) => Promise<void> | void = () => {},
  { batchRows = 500 }: { batchRows?: number } = {},
): Promise<{ header: Header; manifest: Manifest }> {
  let visitError: unknown;
  const visit = async (event: ArchiveEvent) => {
    try {
      await visitor(event);
    } catch (error) {
      visitError = error;
      throw error;
    }
  };
  const { stream, decipher } = openArchive(file, passphrase);
  let header: Header | undefined;
  let manifest: Manifest | undefined;
  let ended = false;
  const seenTables: { name: string; rows: number; sha256: string }[] = [];
  const seenFiles: { key: string; size: number; sha256: string }[] = [];
  let seenSearch: { rows: number; sha256: string } | undefined;
  // The section being read.
  let table:
    | {
        name: string;
        columns: string[];
        search: boolean;
        rows: Value[][];
        count: number;
        hash: ReturnType<typeof sha256>;
      }
    | undefined;
  let upload: { key: string; size: number; sha256: string; parts: Buffer[] } | undefined;
  let lineNo = 0;

  const handle = async (line: string) => {
    lineNo++;
    if (ended) throw invalid(`there is data after its end (line ${lineNo}).`);
    if (upload) {
      if (line.startsWith('"')) {
        upload.parts.push(Buffer.from(JSON.parse(line) as string, 'base64'));
        return;
      }
      const end = JSON.parse(line) as { kind?: string };
      if (end.kind !== 'file_end') throw invalid(`file ${upload.key} is not closed (line ${lineNo}).`);
      const bytes = Buffer.concat(upload.parts);
      if (bytes.length !== upload.size || sha256().update(bytes).digest('hex') !== upload.sha256)
        throw invalid(`file ${upload.key} does not match its hash.`);
      seenFiles.push({ key: upload.key, size: upload.size, sha256: upload.sha256 });
      const key = upload.key;
      upload = undefined;
      await visit({ kind: 'file', key, bytes });
      return;
    }
    if (table && line.startsWith('[')) {
      const row = JSON.parse(line) as Value[];
      if (!Array.isArray(row) || row.length !== table.columns.length)
        throw invalid(`a row of ${table.name} has the wrong number of values (line ${lineNo}).`);
      table.hash.update(line).update('\n');
      table.count++;
      table.rows.push(row);
      if (table.rows.length >= batchRows) await flushRows();
      return;
    }
    const record = JSON.parse(line) as Record<string, unknown> & { kind?: string };
    if (!header) {
      if (record.kind !== 'header' || record.format !== FORMAT) throw invalid('it has no Pathway backup header.');
      if (record.formatVersion !== FORMAT_VERSION)
        throw invalid(`it is in format version ${String(record.formatVersion)}; this Pathway reads ${FORMAT_VERSION}.`);
      header = record as unknown as Header;
      await visit({ kind: 'header', header });
      return;
    }
    switch (record.kind) {
      case 'table':
      case 'search': {
        if (table) throw invalid(`table ${table.name} is not closed (line ${lineNo}).`);
        const columns = record.columns as string[];
        const search = record.kind === 'search';
        if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string'))
          throw invalid(`a table has no column list (line ${lineNo}).`);
        const name = search ? '(search index)' : String(record.name);
        table = { name, columns, search, rows: [], count: 0, hash: sha256() };
        await visit(search ? { kind: 'search', columns } : { kind: 'table', name, columns });
        return;
      }
      case 'table_end':
      case 'search_end': {
        if (!table || table.search !== (record.kind === 'search_end'))
          throw invalid(`a stray end of table (line ${lineNo}).`);
        await flushRows();
        const digest = table.hash.digest('hex');
        if (record.rows !== table.count || record.sha256 !== digest)
          throw invalid(`${table.name} does not match its row count or hash.`);
        if (table.search) seenSearch = { rows: table.count, sha256: digest };
        else {
          const announced = header.tables.find((t) => t.name === table!.name);
          if (!announced || announced.rows !== table.count) throw invalid(`${table.name} does not match the header.`);
          seenTables.push({ name: table.name, rows: table.count, sha256: digest });
          await visit({ kind: 'table_end', name: table.name, rows: table.count });
        }
        table = undefined;
        return;
      }
      case 'file': {
        if (table) throw invalid(`table ${table.name} is not closed (line ${lineNo}).`);
        upload = { key: String(record.key), size: Number(record.size), sha256: String(record.sha256), parts: [] };
        return;
      }
      case 'manifest': {
        if (table) throw invalid(`table ${table.name} is not closed (line ${lineNo}).`);
        manifest = record as unknown as Manifest;
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        if (
          !same(manifest.tables, seenTables) ||
          !same(manifest.files, seenFiles) ||
          !same(manifest.search, seenSearch)
        )
          throw invalid('its manifest does not match its contents.');
        if (seenTables.length !== header.tables.length) throw invalid('tables named in its header are missing.');
        await visit({ kind: 'manifest', manifest });
        return;
      }
      case 'end':
        if (!manifest) throw invalid('it ends before its manifest.');
        ended = true;
        return;
      default:
        throw invalid(`line ${lineNo} is not understood.`);
    }
  };

  async function flushRows() {
    if (!table || table.rows.length === 0) return;
    const rows = table.rows;
    table.rows = [];
    await visit(
      table.search ? { kind: 'search_rows', rows } : { kind: 'rows', name: table.name, columns: table.columns, rows },
    );
  }

  try {
    const lines = async (source: AsyncIterable<Buffer>) => {
      let rest = '';
      const decoder = new TextDecoder('utf-8', { fatal: true });
      for await (const chunk of source) {
        const text = rest + decoder.decode(chunk, { stream: true });
        const lines = text.split('\n');
        rest = lines.pop()!;
        for (const line of lines) await handle(line);
      }
      rest += decoder.decode();
      if (rest !== '') await handle(rest);
    };
    if (decipher) await pipeline(stream, decipher, zlib.createGunzip(), lines);
    else await pipeline(stream, zlib.createGunzip(), lines);
  } catch (error) {
    // A fault of the caller's (an insert that fails) is its own; anything else is the file's.
    if (visitError !== undefined) throw visitError;
    if (error instanceof AppError) throw error;
    const cause = (error as Error).name === 'AbortError' && (error as Error).cause ? (error as Error).cause : error;
    const message = (cause as Error).message;
    if (/authenticate/i.test(message)) throw invalid('it was changed or damaged after it was written.');
    if (cause instanceof SyntaxError) throw invalid(`line ${lineNo + 1} is damaged.`);
    if (
      (cause as NodeJS.ErrnoException).code?.startsWith('ERR_') ||
      (cause as NodeJS.ErrnoException).code?.startsWith('Z_')
    )
      throw invalid(`it is damaged or cut short (${message}).`);
    throw invalid(`it could not be read (${message}).`);
  }
  if (!header || !manifest || !ended) throw invalid('it is cut short.');
  return { header, manifest };
}
