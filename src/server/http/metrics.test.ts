import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../test/db.ts';
import * as make from '../../../test/factories.ts';
import { signIn, type TestApp } from '../../../test/http.ts';
import { parseMetrics } from '../config.ts';
import type { Database } from '../db/database.ts';
import { sendMail } from '../shared/mail.ts';
import { buildApp } from './app.ts';

const TOKEN = 'scrape-me-0123456789abcdef';

function appWith(database: Database, metrics: ReturnType<typeof parseMetrics>, logStream?: Writable) {
  return buildApp({
    config: { secureCookies: false, webDir: '/nonexistent', logLevel: logStream ? 'info' : 'silent', metrics },
    database,
    ...(logStream ? { logStream } : {}),
  });
}

/** The samples of a Prometheus text exposition: `name{labels} value` lines, labels parsed. */
function samples(text: string) {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

describe('the PATHWAY_METRICS setting', () => {
  it('is off unless set, and takes a token of 16 characters or more, or loopback', () => {
    expect(parseMetrics(undefined)).toEqual({ mode: 'off' });
    expect(parseMetrics('off')).toEqual({ mode: 'off' });
    expect(parseMetrics('loopback')).toEqual({ mode: 'loopback' });
    expect(parseMetrics(`token:${TOKEN}`)).toEqual({ mode: 'token', token: TOKEN });
    expect(() => parseMetrics('token:short')).toThrow(/16 characters/);
    // A mistyped setting may hold the secret: the message does not repeat it.
    expect(() => parseMetrics('tokn:very-secret-value-here')).toThrow(/^(?!.*very-secret).*$/);
  });
});

describeOnEachDatabase('/metrics', (getDb) => {
  const apps: TestApp[] = [];
  const open = async (...args: Parameters<typeof appWith>) => {
    const app = await appWith(...args);
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('is not there when the setting is off', async () => {
    const app = await open(getDb(), { mode: 'off' });
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
  });

  it('asks for the token, then answers in the Prometheus text format with the route pattern of a call just made', async () => {
    const db = getDb();
    const app = await open(db, { mode: 'token', token: TOKEN });
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const wrong = await app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: 'Bearer not-the-token' },
    });
    expect(wrong.statusCode).toBe(401);

    const world = await make.country(db);
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolA1.id}`,
      headers: session.headers,
      payload: { locality: 'urban' },
    });
    expect(patched.statusCode).toBe(200);
    await sendMail(db.db, { tenantId: null, to: 'someone@example.org', subject: 'Hello', text: 'Body' });

    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(text).toMatch(/^# HELP pathway_http_requests_total /m);
    expect(text).toMatch(/^# TYPE pathway_http_requests_total counter$/m);
    expect(text).toMatch(/^# TYPE pathway_http_request_duration_seconds histogram$/m);
    const all = samples(text);
    const patches = all.find(
      (s) =>
        s.name === 'pathway_http_requests_total' &&
        s.labels.route === '/api/org-units/:unitId' &&
        s.labels.method === 'PATCH' &&
        s.labels.status_class === '2xx',
    );
    expect(patches?.value).toBe(1);
    // The pattern, never the URL with the id in it.
    expect(text).not.toContain(world.schoolA1.id);
    expect(all.find((s) => s.name === 'pathway_http_requests_total' && s.labels.route === '/metrics')?.value).toBe(2);
    const commits = all.find(
      (s) => s.name === 'pathway_db_transaction_duration_seconds_count' && s.labels.outcome === 'commit',
    );
    expect(commits?.value).toBeGreaterThan(0);
    expect(all.find((s) => s.name === 'pathway_db_last_commit_timestamp_seconds')?.value).toBeGreaterThan(
      Date.now() / 1000 - 60,
    );
    expect(all.find((s) => s.name === 'pathway_mail_outbox_pending')?.value).toBeGreaterThanOrEqual(1);
    expect(all.find((s) => s.name === 'pathway_metrics_database_up')?.value).toBe(1);
    // Only the scrape itself is under way.
    expect(all.find((s) => s.name === 'pathway_http_requests_in_flight')?.value).toBe(1);
    expect(all.find((s) => s.name === 'pathway_db_info')?.labels.dialect).toBe(db.dialect);
    // SQLite has one connection; PostgreSQL reports its pool.
    const connections = all.filter((s) => s.name === 'pathway_db_connections').map((s) => s.labels.state);
    expect(connections).toEqual(db.dialect === 'sqlite' ? ['total'] : ['total', 'idle', 'waiting']);
    expect(all.some((s) => s.name === 'process_start_time_seconds')).toBe(true);
  });

  it('counts imports by kind and outcome: runs, rows, problems in refused files and time taken', async () => {
    const db = getDb();
    const app = await open(db, { mode: 'token', token: TOKEN });
    const world = await make.country(db);
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const post = (kind: string, lines: string[], dryRun = false) =>
      app.inject({
        method: 'POST',
        url: `/api/imports/${kind}${dryRun ? '?dryRun=true' : ''}`,
        headers: { ...session.headers, 'content-type': 'text/csv' },
        payload: lines.join('\n'),
      });
    const header = 'national_id,given_name,family_name,sex,category,org_unit_code';
    const school = world.schoolA1.code;
    expect(
      (await post('org-units', ['code,parent_code,type,name', `MX-1,${world.districtA1.code},school,M`])).statusCode,
    ).toBe(200);
    const people = [header, `MET-1,Ana,Lee,female,teacher,${school}`, `MET-2,Bo,Kim,male,teacher,${school}`];
    expect((await post('people', people)).statusCode).toBe(200);
    expect((await post('people', people, true)).statusCode).toBe(200);
    const faulty = await post('people', [header, 'MET-3,,Lee,female,teacher,NOPE']);
    expect(faulty.json().error.code).toBe('csv_invalid');

    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.body).toMatch(/^# TYPE pathway_import_runs_total counter$/m);
    expect(res.body).toMatch(/^# TYPE pathway_import_duration_seconds histogram$/m);
    const all = samples(res.body);
    const value = (name: string, labels: Record<string, string>) =>
      all.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
    expect(value('pathway_import_runs_total', { kind: 'org_units', outcome: 'imported' })).toBe(1);
    expect(value('pathway_import_runs_total', { kind: 'people', outcome: 'imported' })).toBe(1);
    expect(value('pathway_import_runs_total', { kind: 'people', outcome: 'dry_run' })).toBe(1);
    expect(value('pathway_import_runs_total', { kind: 'people', outcome: 'refused' })).toBe(1);
    expect(value('pathway_import_rows_total', { kind: 'people', outcome: 'imported' })).toBe(2);
    expect(value('pathway_import_rows_total', { kind: 'people', outcome: 'dry_run' })).toBe(2);
    expect(value('pathway_import_rows_total', { kind: 'org_units', outcome: 'imported' })).toBe(1);
    // The empty given name and the unknown unit.
    expect(value('pathway_import_faults_total', { kind: 'people' })).toBe(2);
    expect(value('pathway_import_duration_seconds_count', { kind: 'people', outcome: 'imported' })).toBe(1);
    expect(value('pathway_import_duration_seconds_sum', { kind: 'people', outcome: 'imported' })).toBeGreaterThan(0);
    // Counts, never what was in the files.
    expect(res.body).not.toContain('MET-1');
  });

  it('in loopback mode answers a caller on this machine and refuses others and forwarded requests', async () => {
    const app = await open(getDb(), { mode: 'loopback' });
    const local = await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toMatch(/^# TYPE pathway_http_requests_total counter$/m);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode).toBe(403);
    const proxied = await app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(403);
  });
});

describeOnEachDatabase('request logs', (getDb) => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  let app: TestApp;
  beforeAll(async () => {
    app = await appWith(getDb(), { mode: 'off' }, sink);
  });
  afterAll(() => app.close());

  it('are JSON lines with the request id, method, route pattern, status and duration, and no secrets or names', async () => {
    const world = await make.country(getDb());
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const failed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: officer.username, password: 'wrong-password-guess' },
    });
    expect(failed.statusCode).toBe(401);
    const session = await signIn(app, officer.username, officer.password);
    const sessionToken = session.cookie.split('=')[1]!;
    const read = await app.inject({
      method: 'GET',
      url: `/api/org-units/${world.schoolA1.id}`,
      headers: { ...session.headers, 'x-request-id': 'trace-me-1' },
    });
    expect(read.statusCode).toBe(200);
    const tokenInQuery = 'pw_querytoken0123456789';
    await app.inject({ method: 'GET', url: `/api/health?token=${tokenInQuery}` });
    await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: 'Bearer pw_headertoken0123456789' },
    });

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.find((e) => e.reqId === 'trace-me-1')).toMatchObject({
      method: 'GET',
      route: '/api/org-units/:unitId',
      status: 200,
      durationMs: expect.any(Number),
    });
    expect(requests.find((e) => e.route === '/api/auth/login' && e.status === 401)).toBeDefined();
    expect(requests.find((e) => e.route === '/api/health')).toMatchObject({ status: 400 });

    const log = lines.join('\n');
    for (const secret of [
      officer.password,
      'wrong-password-guess',
      officer.username,
      sessionToken,
      session.csrf,
      tokenInQuery,
      'pw_headertoken',
      world.schoolA1.id,
      'token=',
      'cookie',
      'authorization',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
