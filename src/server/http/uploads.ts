import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { ZodApp } from './app.ts';

/**
 * An uploaded file, received in full and kept in a private temporary file until the response is
 * sent. A route reads it only once it has all arrived, so a client that crawls or goes away never
 * holds a transaction (SQLite has one connection) and never reaches a service half-sent.
 */
export class Upload {
  constructor(
    readonly file: string,
    readonly size: number,
  ) {}
  bytes(): Promise<Buffer> {
    return fs.promises.readFile(this.file);
  }
  stream(): fs.ReadStream {
    return fs.createReadStream(this.file);
  }
}

let spoolDir: string | undefined;
/** One folder per process, 0700 (mkdtemp's mode), under the system's temporary folder. */
function uploadsFolder() {
  spoolDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-uploads-'));
  return spoolDir;
}

const tooLarge = (maxBytes: number) =>
  new AppError('body_too_large', `The file is larger than ${Math.round(maxBytes / 1024 / 1024) || '<1'} MB.`, {
    maxBytes,
  });

async function spool(req: FastifyRequest, payload: NodeJS.ReadableStream, maxBytes: number): Promise<Upload> {
  if (Number(req.headers['content-length']) > maxBytes) throw tooLarge(maxBytes);
  const file = path.join(uploadsFolder(), newId());
  let size = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      size += chunk.length;
      next(size > maxBytes ? tooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(payload, cap, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await fs.promises.rm(file, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('upload_incomplete', 'The upload ended before the whole file arrived. Send it again.');
  }
  return new Upload(file, size);
}

async function discard(req: FastifyRequest) {
  if (req.body instanceof Upload) await fs.promises.rm(req.body.file, { force: true });
}

/**
 * Makes this (encapsulated) scope take request bodies as uploads of the given content types (any
 * by default), at most `maxBytes` each: files are checked by their own bytes, never decoded or
 * trusted by type. Register the scope's routes after calling it; other scopes keep their parsers.
 */
export function acceptUploads(app: ZodApp, maxBytes: number, contentTypes: string[] | '*' = '*') {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(contentTypes, (req, payload, done) => {
    spool(req, payload, maxBytes).then((upload) => done(null, upload), done);
  });
  app.addHook('onResponse', discard);
  app.addHook('onRequestAbort', discard);
}

/** The route's upload, or a coded error when the request carried no file. */
export function requireUpload(body: unknown): Upload {
  if (!(body instanceof Upload) || body.size === 0) {
    throw new AppError('file_empty', 'Send the file as the request body.', { field: 'body' });
  }
  return body;
}
