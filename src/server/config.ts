import path from 'node:path';

export interface Config {
  /** A file path (SQLite) or a postgres:// URL. */
  database: string;
  port: number;
  host: string;
  /** Mark the session cookie Secure (set when served over HTTPS). */
  secureCookies: boolean;
  /** Where the built web app lives. */
  webDir: string;
  logLevel: string;
  /** Where uploaded files (evidence) are kept on local disk. */
  filesDir: string;
  /** The origin every URL inside a credential names (issuer, keys, status lists, verification page). */
  publicUrl: string;
  /** Encrypts issuer signing keys at rest; when null, the secret in `keySecretFile` (made on first use). */
  keySecret: string | null;
  keySecretFile: string;
  /** Which X-Forwarded-For entries to believe for the client's address (req.ip): Fastify's trustProxy. */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  /** Requests one address may make a minute to the verify routes (a credential or presentation sent to check). */
  verifyRateLimit: number;
  /** Serve HTTPS with this PEM certificate (chain) and private key: both files, or neither (plain HTTP). */
  tls: { certFile: string; keyFile: string } | null;
  /** Who may read `/metrics`: nobody (off), a scraper sending the Bearer token, or callers on this machine. */
  metrics: MetricsAccess;
}

export type MetricsAccess = { mode: 'off' } | { mode: 'token'; token: string } | { mode: 'loopback' };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const database = env.PATHWAY_DATABASE ?? './data/pathway.sqlite';
  const port = Number(env.PORT ?? 3000);
  // Beside the data: the SQLite file's folder, or ./data when the database is elsewhere.
  const dataDir = /^postgres(ql)?:\/\//.test(database) || database === ':memory:' ? './data' : path.dirname(database);
  return {
    database,
    port,
    host: env.HOST ?? '0.0.0.0',
    secureCookies: env.PATHWAY_SECURE_COOKIES === 'true',
    webDir: env.PATHWAY_WEB_DIR ?? path.resolve(import.meta.dirname, '../../dist/web'),
    logLevel: env.LOG_LEVEL ?? 'info',
    filesDir: env.PATHWAY_FILES_DIR ?? './data/files',
    publicUrl: (env.PATHWAY_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    keySecret: env.PATHWAY_KEY_SECRET || null,
    keySecretFile: env.PATHWAY_KEY_SECRET_FILE ?? path.join(dataDir, 'issuer-keys.secret'),
    trustProxy: parseTrustProxy(env.PATHWAY_TRUST_PROXY),
    verifyRateLimit: positiveSetting('PATHWAY_VERIFY_RATE_LIMIT', env.PATHWAY_VERIFY_RATE_LIMIT, 20),
    tls: parseTls(env.PATHWAY_TLS_CERT, env.PATHWAY_TLS_KEY),
    metrics: parseMetrics(env.PATHWAY_METRICS),
  };
}

function positiveSetting(name: string, value: string | undefined, fallback: number): number {
  const setting = value?.trim() ?? '';
  if (setting === '') return fallback;
  if (!/^[1-9]\d*$/.test(setting)) throw new Error(`${name} must be a whole number above 0, not "${value}".`);
  return Number(setting);
}

/** unset/off: no metrics; `token:<secret>` (16 characters or more): Bearer token; `loopback`: 127.0.0.1 and ::1 only. */
export function parseMetrics(value: string | undefined): MetricsAccess {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'off') return { mode: 'off' };
  if (setting === 'loopback') return { mode: 'loopback' };
  if (setting.startsWith('token:')) {
    const token = setting.slice('token:'.length);
    if (token.length < 16 || /\s/.test(token))
      throw new Error('PATHWAY_METRICS=token:<secret> needs a secret of 16 characters or more, without spaces.');
    return { mode: 'token', token };
  }
  // The value is not repeated: a mistyped one may hold the secret.
  throw new Error('PATHWAY_METRICS must be off, loopback or token:<secret>.');
}

/** A certificate without its key (or the reverse) is a mistake to stop at, not a reason to fall back to HTTP. */
export function parseTls(cert: string | undefined, key: string | undefined): Config['tls'] {
  const certFile = cert?.trim() ?? '';
  const keyFile = key?.trim() ?? '';
  if (certFile === '' && keyFile === '') return null;
  if (certFile === '' || keyFile === '')
    throw new Error('Set both PATHWAY_TLS_CERT and PATHWAY_TLS_KEY (PEM files) to serve HTTPS, or neither.');
  return { certFile, keyFile };
}

/** unset/false: the socket address; true: any proxy; N: that many hops; else addresses/CIDRs, comma-separated. */
export function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'false') return false;
  if (setting === 'true') return true;
  if (/^\d+$/.test(setting)) {
    // Fastify 5.12 ignores a bare hop count (a direct client could fake the header); this restores it.
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  return setting
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
