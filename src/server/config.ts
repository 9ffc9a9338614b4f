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
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    database: env.PATHWAY_DATABASE ?? './data/pathway.sqlite',
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    secureCookies: env.PATHWAY_SECURE_COOKIES === 'true',
    webDir: env.PATHWAY_WEB_DIR ?? path.resolve(import.meta.dirname, '../../dist/web'),
    logLevel: env.LOG_LEVEL ?? 'info',
    filesDir: env.PATHWAY_FILES_DIR ?? './data/files',
  };
}
