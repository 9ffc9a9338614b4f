import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type Migration, Migrator, PostgresDialect, SqliteAdapter, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../shared/errors.ts';
import { makePrivateDir, privateFile } from '../shared/storage.ts';
import * as foundation from './migrations/0001_foundation.ts';
import * as frameworks from './migrations/0002_frameworks.ts';
import * as crosswalks from './migrations/0003_crosswalks.ts';
import * as assessment from './migrations/0004_assessment.ts';
import * as training from './migrations/0005_training.ts';
import * as monitoring from './migrations/0006_monitoring.ts';
import * as indicators from './migrations/0007_indicators.ts';
import * as credentials from './migrations/0008_credentials.ts';
import * as recognitionRules from './migrations/0009_recognition_rules.ts';
import * as loginThrottle from './migrations/0010_login_throttle.ts';
import * as frameworkVersions from './migrations/0011_framework_versions.ts';
import * as notifications from './migrations/0012_notifications.ts';
import * as evidenceHash from './migrations/0013_evidence_hash.ts';
import * as practice from './migrations/0014_practice.ts';
import * as followThrough from './migrations/0015_follow_through.ts';
import * as schoolPlans from './migrations/0016_school_plans.ts';
import * as surveys from './migrations/0017_surveys.ts';
import * as followThroughTeacher from './migrations/0018_follow_through_teacher.ts';
import * as surveyResults from './migrations/0019_survey_results.ts';
import * as resources from './migrations/0020_resources.ts';
import * as events from './migrations/0021_events.ts';
import * as surveyTally from './migrations/0022_survey_tally.ts';
import * as communities from './migrations/0023_communities.ts';
import * as competitions from './migrations/0024_competitions.ts';
import * as caseFidelity from './migrations/0025_case_fidelity.ts';
import * as moodleFidelity from './migrations/0026_moodle_fidelity.ts';
import * as resourceRecent from './migrations/0027_resource_recent.ts';
import * as translations from './migrations/0028_translations.ts';
import * as backupRecord from './migrations/0029_backup_record.ts';
import * as practiceSpeed from './migrations/0030_practice_speed.ts';
import * as searchSpeed from './migrations/0031_search_speed.ts';
import * as regional from './migrations/0032_regional.ts';
import * as exchange from './migrations/0034_exchange.ts';
import * as offeringChanges from './migrations/0036_offering_changes.ts';
import * as competencyYears from './migrations/0037_competency_years.ts';
import * as regionalCollaboration from './migrations/0038_regional_collaboration.ts';
import * as surveyLazyTally from './migrations/0039_survey_lazy_tally.ts';
import * as communitySearchSpeed from './migrations/0040_community_search_speed.ts';
import * as followThroughPlacement from './migrations/0041_follow_through_placement.ts';
import * as tenantWording from './migrations/0042_tenant_wording.ts';
import * as searchWithoutPendingList from './migrations/0043_search_without_pending_list.ts';
import * as countsByPlace from './migrations/0045_counts_by_place.ts';
import * as schoolCounts from './migrations/0046_school_counts.ts';
import * as surveyResponsePlace from './migrations/0047_survey_response_place.ts';
import * as keyOrder from './migrations/0048_key_order.ts';
import * as surveyPendingAnswers from './migrations/0049_survey_pending_answers.ts';
import * as pendingCounts from './migrations/0050_pending_counts.ts';
import type { DB } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** The raw better-sqlite3 handle when on SQLite (bulk loaders and benchmarks use it). */
  sqlite?: SQLite.Database;
  /** The PostgreSQL schema named in the URL, if any. */
  schema?: string;
  /** The PostgreSQL connection pool (its counts are on /metrics). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

// Read PostgreSQL values the way SQLite gives them, so the code above the repos sees one shape.
pg.types.setTypeParser(20, (v) => Number(v)); // int8: counts
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(1184, (v) => new Date(v).toISOString()); // timestamptz

/**
 * Opens the database named by one setting: a file path (or ':memory:') for SQLite, or a
 * postgres:// URL. A `schema` query parameter on the URL puts every table in that schema.
 */
export function openDatabase(location: string): Database {
  if (/^postgres(ql)?:\/\//.test(location)) return openPostgres(location);
  return openSqlite(location);
}

function openSqlite(file: string): Database {
  if (file !== ':memory:' && file !== '') {
    makePrivateDir(path.dirname(path.resolve(file)));
    // SQLite gives the -wal and -shm files the database file's mode, so a 0600 database keeps
    // all three private; ones left by an earlier run are tightened too.
    privateFile(file);
    for (const suffix of ['-wal', '-shm']) privateFile(`${file}${suffix}`, { create: false });
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -200000');
  // Checkpoint every ~40 MB of WAL rather than every 4 MB: index pages that many commits touch
  // (ledger, projection) are copied back once per checkpoint, not once per few commits.
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<DB>({ dialect: new TransactionalDdlSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; preparing costs as much as running a small query, and a
 * 500-row insert costs milliseconds to prepare. Reusing statements by SQL text removes that.
 */
function withStatementCache(sqlite: SQLite.Database, size = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

function openPostgres(url: string): Database {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema');
  parsed.searchParams.delete('schema');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max: Number(process.env.PATHWAY_DB_POOL ?? 10),
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', pool, ...(schema ? { schema } : {}), close: () => db.destroy() };
}

const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_frameworks': frameworks,
  '0003_crosswalks': crosswalks,
  '0004_assessment': assessment,
  '0005_training': training,
  '0006_monitoring': monitoring,
  '0007_indicators': indicators,
  '0008_credentials': credentials,
  '0009_recognition_rules': recognitionRules,
  '0010_login_throttle': loginThrottle,
  '0011_framework_versions': frameworkVersions,
  '0012_notifications': notifications,
  '0013_evidence_hash': evidenceHash,
  '0014_practice': practice,
  '0015_follow_through': followThrough,
  '0016_school_plans': schoolPlans,
  '0017_surveys': surveys,
  '0018_follow_through_teacher': followThroughTeacher,
  '0019_survey_results': surveyResults,
  '0020_resources': resources,
  '0021_events': events,
  '0022_survey_tally': surveyTally,
  '0023_communities': communities,
  '0024_competitions': competitions,
  '0025_case_fidelity': caseFidelity,
  '0026_moodle_fidelity': moodleFidelity,
  '0027_resource_recent': resourceRecent,
  '0028_translations': translations,
  '0029_backup_record': backupRecord,
  '0030_practice_speed': practiceSpeed,
  '0031_search_speed': searchSpeed,
  '0032_regional': regional,
  '0034_exchange': exchange,
  '0036_offering_changes': offeringChanges,
  '0037_competency_years': competencyYears,
  '0038_regional_collaboration': regionalCollaboration,
  '0039_survey_lazy_tally': surveyLazyTally,
  '0040_community_search_speed': communitySearchSpeed,
  '0041_follow_through_placement': followThroughPlacement,
  '0042_tenant_wording': tenantWording,
  '0043_search_without_pending_list': searchWithoutPendingList,
  '0045_counts_by_place': countsByPlace,
  '0046_school_counts': schoolCounts,
  '0047_survey_response_place': surveyResponsePlace,
  '0048_key_order': keyOrder,
  '0049_survey_pending_answers': surveyPendingAnswers,
  '0050_pending_counts': pendingCounts,
};

/** Every migration this code knows, in the order they run: the schema version a backup records. */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS).sort();

/**
 * SQLite runs DDL inside a transaction (CREATE, ALTER and DROP roll back like any write), but
 * Kysely's SQLite adapter says it does not, so its Migrator would run each migration on its own and
 * a failure halfway would leave part of a migration applied and unrecorded. Only the Migrator reads
 * this flag; with it, the pending migrations run in one transaction on SQLite as on PostgreSQL.
 * (No migration may use a PRAGMA that is a no-op inside a transaction, such as foreign_keys, or VACUUM.)
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalDdlSqliteDialect extends SqliteDialect {
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

function migratorFor(database: Database, migrations: Record<string, Migration>): Migrator {
  // Naming the schema matters: without it the migrator may find another schema's lock table and skip creating its own.
  return new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
}

/** The migrations applied to this database, in name order; none when it was never migrated. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const found =
    database.dialect === 'postgres'
      ? await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(database.db)
      : await sql<{ found: number }>`select count(*) as found from sqlite_master
          where type = 'table' and name = 'kysely_migration'`.execute(database.db);
  if (!found.rows[0]?.found) return [];
  const rows = await database.db.selectFrom('kysely_migration').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

/** A database another (newer) Pathway has migrated is left alone: its tables may not be what this code reads. */
export async function refuseNewerSchema(database: Database): Promise<void> {
  const unknown = (await appliedMigrations(database)).filter((name) => !(name in MIGRATIONS));
  if (unknown.length > 0)
    throw new AppError(
      'schema_newer_than_code',
      `The database has migrations this version of Pathway does not know (${unknown.join(', ')}): it was upgraded by a newer version. Run that version.`,
      { unknown },
    );
}

/**
 * Applies the pending migrations, all in one transaction on both dialects (see
 * TransactionalDdlSqliteAdapter): a failed upgrade leaves the schema and the list of applied
 * migrations as they were. `extra` adds migrations beside the code's own (tests of this promise).
 */
export async function migrate(
  database: Database,
  { to, extra }: { to?: string; extra?: Record<string, Migration> } = {},
): Promise<string[]> {
  await refuseNewerSchema(database);
  const migrator = migratorFor(database, extra ? { ...MIGRATIONS, ...extra } : MIGRATIONS);
  const { error, results } = to ? await migrator.migrateTo(to) : await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
