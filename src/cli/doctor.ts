import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { Config } from '../server/config.ts';
import { appliedMigrations, type Database, MIGRATION_NAMES, openDatabase } from '../server/db/database.ts';

export type Outcome = 'ok' | 'warn' | 'fail' | 'skip';

export interface Check {
  name: string;
  outcome: Outcome;
  /** What was found, in plain words; on a warning or failure, what to do about it. */
  detail: string;
}

export interface DoctorInput {
  /** Loads the settings (the CLI's, with --database applied); throws when one is wrong. */
  config: () => Config;
  /** Where PATHWAY_SMTP_URL is read (the mail sender reads it from the environment). */
  env?: NodeJS.ProcessEnv;
  /** How long the database and the mail server each get to answer. */
  timeoutMs?: number;
}

/**
 * A setting's worth of checks on one server: the settings (and whether the cookie and proxy settings
 * agree with the address people use), the database, the file store, SMTP and the clock.
 */
export async function examine({ config, env = process.env, timeoutMs = 5000 }: DoctorInput): Promise<Check[]> {
  const checks: Check[] = [];
  let cfg: Config;
  try {
    cfg = config();
    checks.push({ name: 'settings', outcome: 'ok', detail: 'the settings load.' });
  } catch (error) {
    checks.push({ name: 'settings', outcome: 'fail', detail: `a setting is wrong: ${messageOf(error)}` });
    return checks;
  }
  checks.push(keySecret(cfg), dataFolder(cfg), cookies(cfg), proxy(cfg));
  checks.push(...(await databaseChecks(cfg, timeoutMs)));
  checks.push(fileStore(cfg.filesDir));
  checks.push(await smtp(env.PATHWAY_SMTP_URL || null, timeoutMs));
  return checks;
}

function keySecret(cfg: Config): Check {
  const name = 'key secret';
  if (cfg.keySecret) return { name, outcome: 'ok', detail: 'given in PATHWAY_KEY_SECRET.' };
  const file = cfg.keySecretFile;
  let mode: number;
  try {
    mode = fs.statSync(file).mode;
    fs.accessSync(file, fs.constants.R_OK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return {
        name,
        outcome: 'warn',
        detail: `${file} does not exist yet: Pathway makes it the first time it signs a credential. Back it up with the data; without it issued keys cannot be used.`,
      };
    return { name, outcome: 'fail', detail: `${file} cannot be read: ${messageOf(error)}.` };
  }
  if (process.platform !== 'win32' && mode & 0o077)
    return {
      name,
      outcome: 'fail',
      detail: `${file} (mode ${modeOf(mode)}) can be read by other users of this machine: run chmod 600 ${file}.`,
    };
  return { name, outcome: 'ok', detail: `${file}, readable by this user only.` };
}

function dataFolder(cfg: Config): Check {
  const name = 'data folder';
  const folder = path.dirname(cfg.keySecretFile);
  let mode: number;
  try {
    mode = fs.statSync(folder).mode;
  } catch (error) {
    return { name, outcome: 'warn', detail: `${folder} cannot be examined (${messageOf(error)}).` };
  }
  if (process.platform !== 'win32' && mode & 0o077)
    return {
      name,
      outcome: 'warn',
      detail: `${folder} (mode ${modeOf(mode)}) can be read by other users and holds Pathway's data: run chmod 700 ${folder}.`,
    };
  return { name, outcome: 'ok', detail: `${folder}, open to this user only.` };
}

const isHttps = (cfg: Config) => /^https:\/\//i.test(cfg.publicUrl);

/** Browsers keep a Secure cookie from http://localhost (a secure context) but from no other plain-HTTP address. */
function isLocalAddress(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** The session cookie's Secure flag against the address people use: one without the other is a mistake. */
function cookies(cfg: Config): Check {
  const name = 'cookies';
  const https = isHttps(cfg) || cfg.tls !== null;
  if (https && !cfg.secureCookies)
    return {
      name,
      outcome: 'warn',
      detail: `${cfg.tls && !isHttps(cfg) ? 'Pathway serves HTTPS (PATHWAY_TLS_CERT)' : `PATHWAY_PUBLIC_URL is ${cfg.publicUrl}`}, but PATHWAY_SECURE_COOKIES is not true: the session cookie is not marked Secure, so a browser would also send it over plain HTTP, where anyone on the way can read it. Set PATHWAY_SECURE_COOKIES=true.`,
    };
  if (!https && cfg.secureCookies && !isLocalAddress(cfg.publicUrl))
    return {
      name,
      outcome: 'warn',
      detail: `PATHWAY_SECURE_COOKIES is true, but PATHWAY_PUBLIC_URL is ${cfg.publicUrl}: browsers keep a Secure cookie only over HTTPS, so nobody would stay signed in. Serve HTTPS (behind nginx or Caddy, or with PATHWAY_TLS_CERT) and give the https:// address.`,
    };
  return cfg.secureCookies
    ? { name, outcome: 'ok', detail: 'the session cookie is marked Secure, for an HTTPS address.' }
    : { name, outcome: 'ok', detail: `the session cookie is not marked Secure: ${cfg.publicUrl} is plain HTTP.` };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * Whose address Pathway believes (PATHWAY_TRUST_PROXY) against how it is reached: sign-in
 * throttling and the request log key on the client's address, so both mistakes matter.
 */
function proxy(cfg: Config): Check {
  const name = 'proxy';
  const trusting = cfg.trustProxy !== false;
  // An https address while Pathway itself speaks plain HTTP: something in front ends TLS.
  if (isHttps(cfg) && cfg.tls === null && !trusting)
    return {
      name,
      outcome: 'warn',
      detail: `PATHWAY_PUBLIC_URL is https but Pathway serves plain HTTP, so a proxy (nginx, Caddy) ends TLS in front of it, and PATHWAY_TRUST_PROXY is not set: every request seems to come from the proxy, so sign-in throttling counts all users as one client and would lock them out together. Set PATHWAY_TRUST_PROXY to the proxy's address (127.0.0.1 when it runs on this machine).`,
    };
  if (cfg.tls !== null && trusting)
    return {
      name,
      outcome: 'warn',
      detail:
        'Pathway serves HTTPS itself (PATHWAY_TLS_CERT), so no web proxy is in front, yet PATHWAY_TRUST_PROXY is set: any client can choose the address Pathway sees by sending X-Forwarded-For, and escape sign-in throttling. Unset PATHWAY_TRUST_PROXY.',
    };
  if (cfg.trustProxy === true && !LOOPBACK_HOSTS.has(cfg.host))
    return {
      name,
      outcome: 'warn',
      detail: `PATHWAY_TRUST_PROXY=true believes X-Forwarded-For from anyone, and Pathway listens on ${cfg.host} (HOST): a client reaching its port without the proxy chooses its own address. Give the proxy's address (or the number of proxies) instead, or listen on 127.0.0.1 only.`,
    };
  return trusting
    ? { name, outcome: 'ok', detail: "the client's address is read from X-Forwarded-For, as set by the proxy." }
    : { name, outcome: 'ok', detail: "no proxy is trusted: the client's address is the connection's." };
}

async function databaseChecks(cfg: Config, timeoutMs: number): Promise<Check[]> {
  const isPostgres = /^postgres(ql)?:\/\//.test(cfg.database);
  const where = isPostgres ? `PostgreSQL at ${withoutPassword(cfg.database)}` : `SQLite file ${cfg.database}`;
  // Opening a SQLite file that is not there would create an empty one; the doctor changes nothing.
  if (!isPostgres && cfg.database !== ':memory:' && !fs.existsSync(cfg.database))
    return [
      {
        name: 'database',
        outcome: 'fail',
        detail: `there is no ${where}: run \`pathway migrate\` to create it, or set PATHWAY_DATABASE (or --database) to where it is.`,
      },
      skipped('clock', 'no database to compare with.'),
    ];
  let database: Database;
  try {
    database = openDatabase(cfg.database);
  } catch (error) {
    return [
      { name: 'database', outcome: 'fail', detail: `cannot open the ${where}: ${messageOf(error)}.` },
      skipped('clock', 'no database to compare with.'),
    ];
  }
  try {
    try {
      await within(timeoutMs, sql`select 1`.execute(database.db));
    } catch (error) {
      return [
        {
          name: 'database',
          outcome: 'fail',
          detail: `cannot reach the ${where}: ${messageOf(error)}. Check that the server runs, and the address, user and password.`,
        },
        skipped('clock', 'no database to compare with.'),
      ];
    }
    const checks: Check[] = [];
    if (database.dialect === 'sqlite') {
      const mode = (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db)).rows[0]
        ?.journal_mode;
      checks.push(
        mode === 'wal' || cfg.database === ':memory:'
          ? { name: 'database', outcome: 'ok', detail: `the ${where} opens; journal mode WAL.` }
          : {
              name: 'database',
              outcome: 'fail',
              detail: `the ${where} opens but stays in journal mode "${mode}", not WAL: readers would wait for every write. Its folder is probably on a network or unusual file system; keep SQLite on a local disk.`,
            },
      );
    } else {
      const version = (await sql<{ server_version: string }>`show server_version`.execute(database.db)).rows[0]
        ?.server_version;
      checks.push({ name: 'database', outcome: 'ok', detail: `the ${where} answers (PostgreSQL ${version}).` });
    }
    checks.push(await migrations(database));
    checks.push(await clock(database));
    return checks;
  } finally {
    await database.close();
  }
}

async function migrations(database: Database): Promise<Check> {
  const name = 'migrations';
  const applied = await appliedMigrations(database);
  const unknown = applied.filter((m) => !MIGRATION_NAMES.includes(m));
  const pending = MIGRATION_NAMES.filter((m) => !applied.includes(m));
  if (unknown.length > 0)
    return {
      name,
      outcome: 'fail',
      detail: `the database was upgraded by a newer Pathway (it has ${unknown.join(', ')}, which this version does not know): run that version.`,
    };
  if (applied.length === 0)
    return { name, outcome: 'fail', detail: 'the database has no Pathway tables yet: run `pathway migrate`.' };
  if (pending.length > 0)
    return {
      name,
      outcome: 'fail',
      detail: `${pending.length} migration(s) not applied (${pending.join(', ')}): take a backup, then run \`pathway migrate\`.`,
    };
  return { name, outcome: 'ok', detail: `up to date (${applied.at(-1)}).` };
}

/** Sessions, deadlines and credential dates are written with this machine's clock and compared with the database's. */
async function clock(database: Database): Promise<Check> {
  const name = 'clock';
  if (database.dialect === 'sqlite')
    return {
      name,
      outcome: 'ok',
      detail: "SQLite runs in this process and reads this machine's clock: nothing to compare.",
    };
  const before = Date.now();
  const row = (
    await sql<{ ms: number }>`select extract(epoch from clock_timestamp()) * 1000 as ms`.execute(database.db)
  ).rows[0];
  const after = Date.now();
  const skewS = (Number(row?.ms) - (before + after) / 2) / 1000;
  const roundTrip = `${after - before} ms round trip`;
  if (Math.abs(skewS) > 2)
    return {
      name,
      outcome: 'warn',
      detail: `the database's clock is ${Math.abs(skewS).toFixed(1)} s ${skewS > 0 ? 'ahead of' : 'behind'} this machine's (${roundTrip}): sessions, deadlines and credential dates mix the two. Synchronise both with NTP.`,
    };
  return { name, outcome: 'ok', detail: `within ${Math.abs(skewS).toFixed(2)} s of the database's (${roundTrip}).` };
}

/** The server makes the folder at start (as here) and writes each upload with a temporary name, then renames it. */
function fileStore(dir: string): Check {
  const name = 'file store';
  const probe = path.join(dir, `.doctor-${process.pid}.partial`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(probe, 'pathway doctor', { mode: 0o600 });
    fs.rmSync(probe);
  } catch (error) {
    return {
      name,
      outcome: 'fail',
      detail: `cannot write to ${dir} (PATHWAY_FILES_DIR): ${messageOf(error)}. Uploaded evidence and files are kept there; make it a folder the user running Pathway can write to.`,
    };
  }
  const mode = fs.statSync(dir).mode;
  if (process.platform !== 'win32' && mode & 0o077)
    return {
      name,
      outcome: 'warn',
      detail: `${dir} is writable, but (mode ${modeOf(mode)}) other users can read it: run chmod 700 ${dir}.`,
    };
  return { name, outcome: 'ok', detail: `${dir} is writable.` };
}

async function smtp(url: string | null, timeoutMs: number): Promise<Check> {
  const name = 'smtp';
  if (!url)
    return {
      name,
      outcome: 'warn',
      detail:
        'PATHWAY_SMTP_URL is not set: mail (notifications, password reset links) is written to the server log, not sent.',
    };
  let server: string;
  try {
    server = new URL(url).host;
  } catch {
    return { name, outcome: 'fail', detail: 'PATHWAY_SMTP_URL is not a URL: give smtp://user:password@host:587.' };
  }
  const transport = nodemailer.createTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.verify();
    return { name, outcome: 'ok', detail: `the mail server ${server} answers and accepts the sign-in.` };
  } catch (error) {
    return {
      name,
      outcome: 'fail',
      detail: `the mail server ${server} (PATHWAY_SMTP_URL) did not accept: ${messageOf(error)}. Check its address, port, TLS and account.`,
    };
  } finally {
    transport.close();
  }
}

const skipped = (name: string, detail: string): Check => ({ name, outcome: 'skip', detail });

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // A driver's message may quote the URL it was given; its password stays out of the report.
  return text.replace(/(\w+:\/\/[^:/@\s]*:)[^@\s]*@/g, '$1***@').replace(/\.$/, '');
}

function modeOf(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const LABELS: Record<Outcome, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL', skip: 'skip' };

export function report(checks: Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const lines = checks.map((c) => `${LABELS[c.outcome]}  ${c.name.padEnd(width)}  ${c.detail}`);
  const failed = checks.filter((c) => c.outcome === 'fail').length;
  const warned = checks.filter((c) => c.outcome === 'warn').length;
  const summary =
    failed > 0
      ? `${failed} check(s) failed${warned ? `, ${warned} warning(s)` : ''}: Pathway will not run properly until they are fixed.`
      : `Every check passed${warned ? ` (${warned} warning(s))` : ''}.`;
  return `${lines.join('\n')}\n${summary}`;
}

/** `pathway doctor`: exit code 1 when any check failed (warnings do not fail). */
export function registerDoctorCommand(program: Command, config: () => Config) {
  program
    .command('doctor')
    .description(
      'Check the settings (cookies and proxy among them), database, file store, mail server and clock, and say what is wrong.',
    )
    .action(async () => {
      const checks = await examine({ config });
      console.log(report(checks));
      if (checks.some((c) => c.outcome === 'fail')) process.exitCode = 1;
    });
}
