import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { precompress } from '../src/cli/precompress.ts';
import { parseTrustProxy } from '../src/server/config.ts';
import { buildApp } from '../src/server/http/app.ts';
import { describeOnEachDatabase } from './db.ts';
import * as make from './factories.ts';
import { type Session, signIn, type TestApp } from './http.ts';

function builtWebApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-web-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><title>Pathway</title><script src="/assets/app-3f9a.js"></script>',
  );
  fs.writeFileSync(path.join(dir, 'assets', 'app-3f9a.js'), `console.log(${JSON.stringify('pathway '.repeat(2000))});`);
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  precompress(dir);
  return dir;
}

describeOnEachDatabase('the edge of the API', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let session: Session;
  let token: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    const admin = await make.user(world.ctx, 'admin', world.nation);
    app = await buildApp({
      config: { secureCookies: false, webDir: builtWebApp(), logLevel: 'silent' },
      database: getDb(),
    });
    session = await signIn(app, admin.username, admin.password);
    const created = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: session.headers,
      payload: { name: 'edge' },
    });
    token = created.json().token;
  });
  afterAll(() => app.close());

  it('refuses query parameters a route does not declare, on every kind of route', async () => {
    for (const url of ['/api/people?colour=red', '/api/me?colour=red', '/api/health?colour=red']) {
      const res = await app.inject({ url, headers: session.headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
      expect(res.json().error.details.issues).toEqual([expect.objectContaining({ path: 'query.colour' })]);
    }
    expect((await app.inject({ url: '/api/people?limit=5', headers: session.headers })).statusCode).toBe(200);
  });

  it('refuses U+0000 and unpaired surrogates in the body, query and path, signed in or not', async () => {
    const cases = [
      {
        method: 'POST' as const,
        url: '/api/auth/login',
        payload: { username: 'ad\u0000min', password: 'x' },
        field: 'body.username',
      },
      { method: 'GET' as const, url: '/api/people?q=a%00b', field: 'query.q' },
      { method: 'GET' as const, url: '/api/people/abc%00def', field: 'params.personId' },
      {
        method: 'POST' as const,
        url: '/api/me/tokens',
        payload: { name: 'lone \ud800 surrogate' },
        field: 'body.name',
      },
    ];
    for (const { field, ...request } of cases) {
      const res = await app.inject({ ...request, headers: session.headers });
      expect(res.statusCode, request.url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'invalid_text', details: { field } });
    }
    // Text in any script is welcome.
    const named = await app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: session.headers,
      payload: { name: 'नमस्ते Ўзбекистон 😀' },
    });
    expect(named.statusCode).toBe(201);
  });

  it('checks what each route declares: public, signed in by session or token, session only', async () => {
    // Undeclared routes need a caller.
    expect((await app.inject({ url: '/api/people' })).json().error.code).toBe('not_authenticated');
    // Public routes answer anyone, and a stale token does not stand in the way.
    const stale = { authorization: 'Bearer pw_not-a-token' };
    expect((await app.inject({ url: '/api/health', headers: stale })).statusCode).toBe(200);
    expect((await app.inject({ url: '/ims/case/v1p1/CFDocuments', headers: stale })).statusCode).toBe(200);
    // A token acts like the account; a session-only route refuses it.
    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/people', headers: bearer })).statusCode).toBe(200);
    const minted = await app.inject({ method: 'POST', url: '/api/me/tokens', headers: bearer, payload: { name: 'x' } });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.code).toBe('session_required');
    // VC API issuing is checked by the same hook: a session must echo its CSRF token.
    const unsigned = await app.inject({
      method: 'POST',
      url: '/credentials/issue',
      headers: { cookie: session.cookie },
      payload: { credential: {} },
    });
    expect(unsigned.statusCode).toBe(403);
    expect(unsigned.json().error.code).toBe('csrf_failed');
    const anonymous = await app.inject({ method: 'POST', url: '/credentials/issue', payload: { credential: {} } });
    expect(anonymous.json().error.code).toBe('not_authenticated');
  });

  it('serves the web app precompressed by Accept-Encoding, hashed files cached for a year, pages revalidated', async () => {
    const brotli = await app.inject({ url: '/assets/app-3f9a.js', headers: { 'accept-encoding': 'gzip, br' } });
    expect(brotli.statusCode).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zlib.brotliDecompressSync(brotli.rawPayload).toString()).toContain('pathway pathway');
    expect(brotli.rawPayload.length).toBeLessThan(1000);

    const gzip = await app.inject({ url: '/assets/app-3f9a.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.rawPayload).toString()).toContain('pathway pathway');

    const plain = await app.inject({ url: '/assets/app-3f9a.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('pathway pathway');

    for (const url of ['/', '/dashboard/123', '/favicon.svg']) {
      const page = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['cache-control'], url).toBe('no-cache');
    }
  });
});

describeOnEachDatabase('behind a proxy (PATHWAY_TRUST_PROXY)', (getDb) => {
  it('reads the setting: the socket address, any proxy, a hop count, or a list of addresses', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('false')).toBe(false);
    expect(parseTrustProxy('true')).toBe(true);
    expect(parseTrustProxy(' 10.0.0.0/8, 127.0.0.1 ')).toEqual(['10.0.0.0/8', '127.0.0.1']);
    const twoHops = parseTrustProxy('2') as (address: string, hop: number) => boolean;
    expect([twoHops('10.0.0.1', 0), twoHops('10.0.0.1', 1), twoHops('10.0.0.1', 2)]).toEqual([true, true, false]);
  });

  it('throttles sign-ins per client behind a trusted proxy, not per proxy', async () => {
    const app = await buildApp({
      config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent', trustProxy: ['127.0.0.1'] },
      database: getDb(),
    });
    try {
      const attempt = (client: string, username: string) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'x-forwarded-for': client },
          payload: { username, password: 'wrong-password' },
        });
      let status = 401;
      for (let i = 0; i < 60 && status === 401; i++) status = (await attempt('203.0.113.7', `spray${i}`)).statusCode;
      expect(status).toBe(429);
      // Another school behind the same proxy is not held back by the first one's failures.
      expect((await attempt('198.51.100.9', 'someone')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
