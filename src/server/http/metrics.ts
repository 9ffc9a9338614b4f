import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { MetricsAccess } from '../config.ts';
import type { Database } from '../db/database.ts';
import { timeTransactions } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import type { ZodApp } from './app.ts';

/** The route pattern (`/api/people/:personId`), never the raw URL: ids and query strings would make a series each. */
export function routeLabel(req: FastifyRequest): string {
  if (req.is404) return '(unmatched)';
  return req.routeOptions?.url ?? '(unmatched)';
}

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/** The imports `/metrics` counts, one label value each. */
export type ImportKind = 'people' | 'org_units' | 'training_results';
/** imported (committed), dry_run (checked, nothing kept), refused (bad input, e.g. csv_invalid), failed (anything else). */
export type ImportOutcome = 'imported' | 'dry_run' | 'refused' | 'failed';
interface ImportRun {
  kind: ImportKind;
  outcome: ImportOutcome;
  rows: number;
  /** Faulty cells or lines a refused file was reported with (csv_invalid's list). */
  faults: number;
  seconds: number;
}
const importObservers = new Set<(run: ImportRun) => void>();

/**
 * The one call an import service makes so that `/metrics` counts it: runs `run` and tells every app
 * serving metrics in this process its kind, outcome, rows and time. A `pathway import` run by the
 * CLI is another process, so a server's figures count the imports made through it.
 */
export async function measureImport<T extends { rows: number }>(
  kind: ImportKind,
  options: { dryRun?: boolean },
  run: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const tell = (outcome: ImportOutcome, rows: number, faults: number) => {
    const seconds = (performance.now() - started) / 1000;
    for (const observe of importObservers) observe({ kind, outcome, rows, faults, seconds });
  };
  try {
    const result = await run();
    tell(options.dryRun ? 'dry_run' : 'imported', result.rows, 0);
    return result;
  } catch (error) {
    const listed = error instanceof AppError ? (error.details as { errors?: unknown } | undefined)?.errors : undefined;
    tell(error instanceof AppError ? 'refused' : 'failed', 0, Array.isArray(listed) ? listed.length : 0);
    throw error;
  }
}

/** What pg.Pool tells about itself; the database handle carries it only on PostgreSQL, when it exposes it. */
interface PoolFigures {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/**
 * `/metrics` in the Prometheus text format, off unless `PATHWAY_METRICS` says who may read it.
 * Request figures are counted in this process from when the app starts; the queue figures are read
 * from the database at each scrape (two small indexed counts).
 */
export function registerMetrics(app: ZodApp, database: Database, access: MetricsAccess) {
  if (access.mode === 'off') {
    app.get('/metrics', { schema: { hide: true }, config: { auth: 'public' } }, async (req, reply) =>
      reply.code(404).send({ error: { code: 'route_not_found', message: `No route ${req.method} /metrics.` } }),
    );
    return;
  }
  const registry = new client.Registry();
  const registers = [registry];
  client.collectDefaultMetrics({ register: registry });

  const requests = new client.Counter({
    name: 'pathway_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers,
  });
  const latency = new client.Histogram({
    name: 'pathway_http_request_duration_seconds',
    help: 'Time from receiving a request to sending the whole answer, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const inFlight = new client.Gauge({
    name: 'pathway_http_requests_in_flight',
    help: 'Requests received and not yet answered (imports run inside their request, so a running import is one).',
    registers,
  });
  const transactions = new client.Histogram({
    name: 'pathway_db_transaction_duration_seconds',
    help: 'Database transactions run by services, from asking for a connection to commit or rollback.',
    labelNames: ['outcome'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers,
  });
  const lastCommit = new client.Gauge({
    name: 'pathway_db_last_commit_timestamp_seconds',
    help:
      'Unix time of the last transaction this process committed. Dashboard figures change in the same transaction ' +
      'as the write that moves them, so they are as fresh as this; 0 until the first commit.',
    registers,
  });
  new client.Gauge({
    name: 'pathway_db_info',
    help: 'The database in use (label dialect): always 1.',
    labelNames: ['dialect'] as const,
    registers,
  }).set({ dialect: database.dialect }, 1);
  const pool: PoolFigures | undefined = database.pool;
  new client.Gauge({
    name: 'pathway_db_connections',
    help:
      'Database connections: SQLite has exactly one (state="total"); on PostgreSQL the pool\'s open ' +
      '(total), idle and waiting (requests queued for a connection) counts.',
    labelNames: ['state'] as const,
    registers,
    collect() {
      if (database.dialect === 'sqlite') this.set({ state: 'total' }, 1);
      else if (pool) {
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      }
    },
  });
  const databaseUp = new client.Gauge({
    name: 'pathway_metrics_database_up',
    help: '1 when this scrape could read the queue figures from the database, 0 when it could not.',
    registers,
  });
  const outboxPending = new client.Gauge({
    name: 'pathway_mail_outbox_pending',
    help: 'Mails in the outbox not yet sent (due now or waiting for a retry).',
    registers,
  });
  const outboxRetrying = new client.Gauge({
    name: 'pathway_mail_outbox_retrying',
    help: 'Unsent mails whose delivery has failed at least once.',
    registers,
  });
  const outboxOldest = new client.Gauge({
    name: 'pathway_mail_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest unsent mail; 0 when the outbox is empty.',
    registers,
  });
  const digestPending = new client.Gauge({
    name: 'pathway_notification_digest_pending',
    help: 'Notifications waiting for the daily digest mail (pathway send-digests).',
    registers,
  });

  const importRuns = new client.Counter({
    name: 'pathway_import_runs_total',
    help:
      'CSV imports run through this server, by kind (people, org_units, training_results) and outcome: imported, ' +
      'dry_run, refused (bad input, nothing written) or failed (an unexpected error, nothing written).',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const importRows = new client.Counter({
    name: 'pathway_import_rows_total',
    help: 'Rows of the files imported (outcome="imported") or checked by a dry run (outcome="dry_run"), by kind.',
    labelNames: ['kind', 'outcome'] as const,
    registers,
  });
  const importFaults = new client.Counter({
    name: 'pathway_import_faults_total',
    help: 'Problems (a line and column each) reported in refused files, by kind.',
    labelNames: ['kind'] as const,
    registers,
  });
  const importDuration = new client.Histogram({
    name: 'pathway_import_duration_seconds',
    help: 'Time an import took, from its first check to its commit or refusal, by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    registers,
  });
  const observeImport = ({ kind, outcome, rows, faults, seconds }: ImportRun) => {
    importRuns.inc({ kind, outcome });
    if (outcome === 'imported' || outcome === 'dry_run') importRows.inc({ kind, outcome }, rows);
    if (faults > 0) importFaults.inc({ kind }, faults);
    importDuration.observe({ kind, outcome }, seconds);
  };
  importObservers.add(observeImport);

  const stopTiming = timeTransactions((seconds, outcome) => {
    transactions.observe({ outcome }, seconds);
    if (outcome === 'commit') lastCommit.set(Date.now() / 1000);
  });
  app.addHook('onClose', async () => {
    stopTiming();
    importObservers.delete(observeImport);
    registry.clear();
  });
  app.addHook('onRequest', async (_req, reply) => {
    inFlight.inc();
    // 'close' comes once the answer is sent or the client has gone; onResponse misses the latter.
    reply.raw.once('close', () => inFlight.dec());
  });
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: routeLabel(req), status_class: statusClass(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  async function readQueues() {
    try {
      const outbox = await database.db
        .selectFrom('outbox')
        .select((eb) => [
          eb.fn.countAll<number>().as('pending'),
          eb.fn.sum<number>(sql`case when attempts > 0 then 1 else 0 end`).as('retrying'),
          eb.fn.min('created_at').as('oldest'),
        ])
        .where('sent_at', 'is', null)
        .executeTakeFirstOrThrow();
      const digest = await database.db
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('pending'))
        .where('digest', '=', 'pending')
        .executeTakeFirstOrThrow();
      outboxPending.set(Number(outbox.pending));
      outboxRetrying.set(Number(outbox.retrying ?? 0));
      outboxOldest.set(outbox.oldest ? Math.max(0, (Date.now() - Date.parse(outbox.oldest)) / 1000) : 0);
      digestPending.set(Number(digest.pending));
      databaseUp.set(1);
    } catch (error) {
      // The figures stay as last read; the scrape still answers, and says the database did not.
      databaseUp.set(0);
      app.log.warn({ err: error }, 'metrics could not read the database');
    }
  }

  app.get('/metrics', { schema: { hide: true }, config: { auth: 'public' } }, async (req, reply) => {
    allowed(access, req);
    await readQueues();
    return reply
      .type(registry.contentType)
      .header('cache-control', 'no-store')
      .send(await registry.metrics());
  });
}

const digest = (text: string) => createHash('sha256').update(text).digest();

function allowed(access: MetricsAccess, req: FastifyRequest) {
  if (access.mode === 'token') {
    const given = req.headers.authorization?.match(/^Bearer (\S+)$/i)?.[1] ?? '';
    if (!timingSafeEqual(digest(given), digest(access.token)))
      throw new AppError('not_authenticated', 'Send the metrics token as Authorization: Bearer <token>.');
  } else if (access.mode === 'loopback') {
    // The socket's own address, not req.ip: a proxy on this machine is loopback too, so a request
    // it forwards (it says so in a header) is refused, or the whole internet would pass as local.
    const forwarded = ['x-forwarded-for', 'forwarded', 'x-real-ip'].some((h) => req.headers[h] !== undefined);
    if (forwarded || !isLoopback(req.socket.remoteAddress))
      throw new AppError('forbidden', 'Metrics are served to this machine only (PATHWAY_METRICS=loopback).');
  }
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(address);
}
