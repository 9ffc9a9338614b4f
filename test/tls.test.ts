import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/main.ts';
import { describeOnEachDatabase } from './db.ts';

/** A self-signed certificate for localhost, made by openssl (node:crypto cannot make X.509 certificates). */
function selfSignedCertificate(dir: string): { cert: string; key: string } | null {
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return { cert, key };
  } catch {
    return null;
  }
}

function getOverHttps(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-tls-'));
const files = selfSignedCertificate(dir);
if (!files) console.warn('Skipping the HTTPS test: openssl is not available to make a self-signed certificate.');

describeOnEachDatabase('serving over HTTPS (PATHWAY_TLS_CERT, PATHWAY_TLS_KEY)', (getDb) => {
  let server: Awaited<ReturnType<typeof startServer>> | undefined;

  beforeAll(async () => {
    if (!files) return;
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      PATHWAY_WEB_DIR: '/nonexistent',
      PATHWAY_FILES_DIR: path.join(dir, 'files'),
      PATHWAY_DATABASE: path.join(dir, 'unused.sqlite'),
      PATHWAY_KEY_SECRET: 'tls-test-key-secret-0123456789',
      PATHWAY_TLS_CERT: files.cert,
      PATHWAY_TLS_KEY: files.key,
    });
    server = await startServer(config, getDb());
  });
  afterAll(async () => {
    // The database belongs to the test harness; only the server is closed here.
    await server?.app.close();
  });

  it.skipIf(!files)('answers /api/health over HTTPS with the configured certificate', async () => {
    expect(server!.url).toMatch(/^https:\/\/localhost:\d+$/);
    const port = new URL(server!.url).port;
    const res = await getOverHttps(`https://127.0.0.1:${port}/api/health`, fs.readFileSync(files!.cert));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: 'ok' });
  });

  it('refuses a certificate without its key (or the reverse) rather than serving plain HTTP', () => {
    expect(() => loadConfig({ PATHWAY_TLS_CERT: '/etc/pathway/cert.pem' })).toThrow(/PATHWAY_TLS_KEY/);
    expect(() => loadConfig({ PATHWAY_TLS_KEY: '/etc/pathway/key.pem' })).toThrow(/PATHWAY_TLS_CERT/);
    expect(loadConfig({}).tls).toBeNull();
  });
});
