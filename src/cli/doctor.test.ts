import { execFile } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../test/db.ts';
import { loadConfig } from '../server/config.ts';
import { type Database, migrate, openDatabase } from '../server/db/database.ts';
import { examine, report } from './doctor.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/pathway.js');

/** A server's folder: the key secret (0600), the file store, and for SQLite the database file. */
function serverFolder() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-doctor-'));
  fs.writeFileSync(path.join(dir, 'issuer-keys.secret'), 'x'.repeat(64), { mode: 0o600 });
  return dir;
}

describe('pathway doctor, before the database', () => {
  it('says which setting is wrong when the settings do not load', async () => {
    const checks = await examine({ config: () => loadConfig({ PATHWAY_METRICS: 'sometimes' }) });
    expect(checks).toEqual([expect.objectContaining({ name: 'settings', outcome: 'fail' })]);
    expect(report(checks)).toMatch(/FAIL {2}settings {2}a setting is wrong: PATHWAY_METRICS must be/);
  });
});

describeOnEachDatabase('pathway doctor', (getDb, dialect) => {
  const dir = serverFolder();
  let location: string;
  let sqlite: Database | undefined;
  let smtp: SMTPServer;
  let smtpUrl: string;
  beforeAll(async () => {
    if (dialect === 'sqlite') {
      location = path.join(dir, 'pathway.sqlite');
      sqlite = openDatabase(location);
      await migrate(sqlite);
    } else {
      location = (getDb() as Database & { location: string }).location;
    }
    smtp = new SMTPServer({ authOptional: true, disabledCommands: ['STARTTLS'], logger: false });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sqlite?.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const settings = (change: NodeJS.ProcessEnv = {}) => ({
    PATHWAY_DATABASE: location,
    PATHWAY_KEY_SECRET_FILE: path.join(dir, 'issuer-keys.secret'),
    PATHWAY_FILES_DIR: path.join(dir, 'files'),
    ...change,
  });

  it('passes every check on a healthy server and prints each', async () => {
    const checks = await examine({ config: () => loadConfig(settings()), env: { PATHWAY_SMTP_URL: smtpUrl } });
    const text = report(checks);
    for (const name of [
      'settings',
      'key secret',
      'data folder',
      'database',
      'migrations',
      'clock',
      'file store',
      'smtp',
      'cookies',
      'proxy',
    ])
      expect(text).toMatch(new RegExp(`^ok {4}${name} `, 'm'));
    expect(checks.every((c) => c.outcome === 'ok')).toBe(true);
    expect(text).toMatch(/Every check passed\.$/);
    expect(text).toMatch(dialect === 'sqlite' ? /journal mode WAL/ : /PostgreSQL \d+/);
  });

  it('names an unwritable file store folder and an unreachable mail server', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    const closed = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port + 1}`;
    const checks = await examine({
      config: () => loadConfig(settings({ PATHWAY_FILES_DIR: path.join(blocker, 'files') })),
      env: { PATHWAY_SMTP_URL: closed },
      timeoutMs: 2000,
    });
    const files = checks.find((c) => c.name === 'file store')!;
    expect(files.outcome).toBe('fail');
    expect(files.detail).toContain(path.join(blocker, 'files'));
    expect(files.detail).toContain('PATHWAY_FILES_DIR');
    expect(checks.find((c) => c.name === 'smtp')).toMatchObject({ outcome: 'fail' });
    expect(report(checks)).toMatch(/2 check\(s\) failed/);
    expect(checks.find((c) => c.name === 'database')).toMatchObject({ outcome: 'ok' });
  });

  it('warns when the cookie or proxy settings do not fit the address people use', async () => {
    const outcomes = async (change: NodeJS.ProcessEnv) => {
      const checks = await examine({ config: () => loadConfig(settings(change)), env: { PATHWAY_SMTP_URL: smtpUrl } });
      const of = (name: string) => checks.find((c) => c.name === name)!;
      return { cookies: of('cookies'), proxy: of('proxy') };
    };
    const cert = { PATHWAY_TLS_CERT: '/etc/pathway/cert.pem', PATHWAY_TLS_KEY: '/etc/pathway/key.pem' };
    const behindProxy = { PATHWAY_PUBLIC_URL: 'https://pathway.example.org', PATHWAY_SECURE_COOKIES: 'true' };

    // Behind nginx or Caddy, as OPERATING.md sets it up: nothing to say.
    const fine = await outcomes({ ...behindProxy, PATHWAY_TRUST_PROXY: '127.0.0.1' });
    expect([fine.cookies.outcome, fine.proxy.outcome]).toEqual(['ok', 'ok']);

    // HTTPS address, cookie not Secure.
    const open = await outcomes({
      PATHWAY_PUBLIC_URL: 'https://pathway.example.org',
      PATHWAY_TRUST_PROXY: '127.0.0.1',
    });
    expect(open.cookies).toMatchObject({ outcome: 'warn' });
    expect(open.cookies.detail).toMatch(/https:\/\/pathway\.example\.org.*PATHWAY_SECURE_COOKIES=true/);
    // Serving HTTPS itself counts as an https address too.
    expect((await outcomes(cert)).cookies).toMatchObject({ outcome: 'warn' });
    // A Secure cookie on a plain-HTTP address nobody could sign in on; localhost is let through.
    const plain = await outcomes({ PATHWAY_PUBLIC_URL: 'http://pathway.lan', PATHWAY_SECURE_COOKIES: 'true' });
    expect(plain.cookies).toMatchObject({ outcome: 'warn' });
    expect(plain.cookies.detail).toMatch(/only over HTTPS/);
    expect((await outcomes({ PATHWAY_SECURE_COOKIES: 'true' })).cookies).toMatchObject({ outcome: 'ok' });

    // A TLS-ending proxy in front, not trusted: every user is the proxy's address.
    const untrusted = await outcomes(behindProxy);
    expect(untrusted.proxy).toMatchObject({ outcome: 'warn' });
    expect(untrusted.proxy.detail).toMatch(/PATHWAY_TRUST_PROXY to the proxy's address/);
    // Serving HTTPS itself while believing X-Forwarded-For.
    const direct = await outcomes({ ...cert, PATHWAY_SECURE_COOKIES: 'true', PATHWAY_TRUST_PROXY: '127.0.0.1' });
    expect(direct.cookies.outcome).toBe('ok');
    expect(direct.proxy).toMatchObject({ outcome: 'warn' });
    expect(direct.proxy.detail).toMatch(/Unset PATHWAY_TRUST_PROXY/);
    // Any proxy believed while the port is open to all; listening on loopback only is fine.
    expect((await outcomes({ ...behindProxy, PATHWAY_TRUST_PROXY: 'true' })).proxy).toMatchObject({ outcome: 'warn' });
    expect((await outcomes({ ...behindProxy, PATHWAY_TRUST_PROXY: 'true', HOST: '127.0.0.1' })).proxy).toMatchObject({
      outcome: 'ok',
    });
  });

  it('warns of a key secret others can read, and of mail that only reaches the log', async () => {
    const open = path.join(dir, 'open.secret');
    fs.writeFileSync(open, 'y'.repeat(64), { mode: 0o644 });
    fs.chmodSync(open, 0o644);
    const checks = await examine({ config: () => loadConfig(settings({ PATHWAY_KEY_SECRET_FILE: open })), env: {} });
    expect(checks.find((c) => c.name === 'key secret')).toMatchObject({ outcome: 'fail' });
    expect(checks.find((c) => c.name === 'key secret')!.detail).toContain(`chmod 600 ${open}`);
    expect(checks.find((c) => c.name === 'smtp')).toMatchObject({ outcome: 'warn' });
  });
});

describe('the pathway doctor command', () => {
  const dir = serverFolder();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 1 and says what is wrong when there is no database', async () => {
    const missing = path.join(dir, 'none.sqlite');
    const failed = await run(process.execPath, [bin, '--database', missing, 'doctor'], {
      env: {
        ...process.env,
        PATHWAY_KEY_SECRET_FILE: path.join(dir, 'issuer-keys.secret'),
        PATHWAY_FILES_DIR: path.join(dir, 'files'),
      },
    }).then(
      () => null,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/FAIL {2}database .*pathway migrate/);
    // The doctor changes nothing: no empty database was made.
    expect(fs.existsSync(missing)).toBe(false);
  });
});
