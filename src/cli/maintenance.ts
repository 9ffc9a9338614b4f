import type { Command } from 'commander';
import { loadConfig } from '../server/config.ts';
import type { Database } from '../server/db/database.ts';
import {
  applyRetention,
  RETENTION_ENV,
  type RetentionReport,
  retentionSettings,
} from '../server/modules/privacy/retention.ts';
import { diskStore } from '../server/shared/storage.ts';

type WithDatabase = <T>(work: (database: Database) => Promise<T>) => Promise<T>;

const KINDS: { kind: keyof RetentionReport['counts']; label: string; setting: string }[] = [
  { kind: 'sessions', label: 'sessions', setting: RETENTION_ENV.sessionsDays },
  { kind: 'password_resets', label: 'password-reset links', setting: RETENTION_ENV.sessionsDays },
  { kind: 'audit_entries', label: 'audit entries', setting: RETENTION_ENV.auditDays },
  {
    kind: 'departed_evidence_files',
    label: 'evidence files of departed people',
    setting: RETENTION_ENV.departedEvidenceDays,
  },
  { kind: 'mail', label: 'notification mail', setting: RETENTION_ENV.mailDays },
];

/** One line per kind: `sessions: removed 3` (or `would remove 3`, or `kept (PATHWAY_..._DAYS=0)`). */
export function maintenanceLines(report: RetentionReport): string[] {
  const verb = report.dryRun ? 'would remove' : 'removed';
  const lines = KINDS.map(({ kind, label, setting }) => {
    const n = report.counts[kind];
    return n === null ? `${label}: kept (${setting}=0)` : `${label}: ${verb} ${n}`;
  });
  if (report.filesNotRemoved > 0) lines.push(`files the store would not remove: ${report.filesNotRemoved}`);
  return lines;
}

/** `pathway maintenance [--dry-run]`: applies the retention settings (privacy/retention.ts) to every tenant. */
export function registerMaintenanceCommand(program: Command, withDatabase: WithDatabase) {
  program
    .command('maintenance')
    .description(
      'Remove what the retention settings (PATHWAY_RETAIN_*_DAYS) no longer keep: expired sessions, old audit entries, evidence files of departed people, old notification mail.',
    )
    .option('--dry-run', 'Count what would be removed; remove nothing')
    .action((opts: { dryRun?: boolean }) => {
      const settings = retentionSettings();
      return withDatabase(async (database) => {
        const report = await applyRetention(database.db, diskStore(loadConfig().filesDir), settings, {
          dryRun: opts.dryRun ?? false,
        });
        for (const line of maintenanceLines(report)) console.log(line);
        if (report.filesNotRemoved > 0) process.exitCode = 1;
      });
    });
}
