import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/server/http/app.ts';
import { describeOnEachDatabase } from './db.ts';
import * as make from './factories.ts';
import { type Session, signIn, type TestApp } from './http.ts';

const UPLOAD_ROUTES = [
  '/api/imports/people',
  '/api/imports/org-units',
  '/api/frameworks/import',
  '/api/offerings/00000000-0000-7000-8000-000000000000/results/import',
  '/credentials/verify',
];

/** Opens a raw connection and sends the request head announcing `length` bytes of body. */
function startUpload(port: number, url: string, session: Session, length: number) {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => {});
  // The whole response (head and the body its Content-Length announces), or what came before the close.
  const closed = new Promise<string>((resolve) => {
    let answer = '';
    socket.on('data', (d) => {
      answer += d.toString();
      const [head, body] = answer.split('\r\n\r\n');
      const length = Number(head?.match(/content-length: (\d+)/i)?.[1]);
      if (body !== undefined && Buffer.byteLength(body) >= length) {
        resolve(answer);
        socket.destroy();
      }
    });
    socket.on('close', () => resolve(answer));
  });
  const head = [
    `POST ${url} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Content-Type: text/csv',
    `Content-Length: ${length}`,
    `Cookie: ${session.cookie}`,
    `x-csrf-token: ${session.csrf}`,
    '',
    '',
  ].join('\r\n');
  socket.write(head);
  return { socket, closed };
}

const pathwayUploadFolders = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('pathway-uploads-'));
const spooledFiles = () =>
  pathwayUploadFolders().flatMap((dir) => fs.readdirSync(path.join(os.tmpdir(), dir)).map((f) => `${dir}/${f}`));

describeOnEachDatabase('uploads from clients that go away or crawl', (getDb) => {
  let app: TestApp;
  let port: number;
  let world: Awaited<ReturnType<typeof make.country>>;
  let admin: Awaited<ReturnType<typeof make.user>>;
  let session: Session;

  const signInOverTheNetwork = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: admin.username, password: admin.password }),
    });
    return res.status;
  };

  beforeAll(async () => {
    world = await make.country(getDb());
    admin = await make.user(world.ctx, 'admin', world.nation);
    app = await buildApp({
      config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' },
      database: getDb(),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as net.AddressInfo).port;
    session = await signIn(app, admin.username, admin.password);
  });
  afterAll(() => app.close());

  it('keeps serving after a client cuts an upload off on every upload route, and keeps no part of it', async () => {
    const before = new Set(spooledFiles());
    for (const url of UPLOAD_ROUTES) {
      const { socket, closed } = startUpload(port, url, session, 100_000);
      socket.write(`national_id,family_name\n${'x'.repeat(75)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      socket.destroy();
      await closed;
    }
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(health.status).toBe(200);
    expect(await signInOverTheNetwork()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spooledFiles().filter((f) => !before.has(f))).toEqual([]);
  });

  it('answers sign-ins while a roster upload is still trickling in, then imports it whole', async () => {
    const rows = [
      'national_id,given_name,family_name,sex,category,org_unit_code',
      ...Array.from({ length: 40 }, (_, i) => `UP-${i},Teacher ${i},Trickle,female,teacher,${world.schoolA1.code}`),
    ];
    const body = Buffer.from(`${rows.join('\n')}\n`);
    const { socket, closed } = startUpload(port, '/api/imports/people', session, body.length);
    let sent = 0;
    const trickle = setInterval(() => {
      // Everything but the last byte, 200 bytes at a time: the import cannot have started yet.
      const next = Math.min(sent + 200, body.length - 1);
      if (next > sent) socket.write(body.subarray(sent, next));
      sent = next;
    }, 100);
    try {
      const answers = [await signInOverTheNetwork(), await signInOverTheNetwork(), await signInOverTheNetwork()];
      expect(answers).toEqual([200, 200, 200]);
      expect(sent).toBeLessThan(body.length);
    } finally {
      clearInterval(trickle);
    }
    socket.write(body.subarray(sent));
    const answer = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('"created":40');
  });

  it('refuses an upload larger than its cap by its declared length before reading it', async () => {
    const { closed } = startUpload(port, '/credentials/verify', session, 10 * 1024 * 1024);
    const answer = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
    expect(answer).toContain('body_too_large');
  });
});

describeOnEachDatabase('a stalled upload', (getDb) => {
  it('is closed when the client goes silent, and the server stays up', async () => {
    const world = await make.country(getDb());
    const admin = await make.user(world.ctx, 'admin', world.nation);
    const app = await buildApp({
      config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' },
      database: getDb(),
      timeouts: { idleMs: 300, requestMs: 1_000 },
    });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as net.AddressInfo).port;
      const session = await signIn(app, admin.username, admin.password);
      const { socket, closed } = startUpload(port, '/api/imports/people', session, 5_000);
      socket.write('national_id,family_name\n');
      await closed;
      expect(socket.destroyed).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
