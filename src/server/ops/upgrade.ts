import { appliedMigrations, type Database, MIGRATION_NAMES, migrate, refuseNewerSchema } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';

/** When the newest backup recorded was taken, and how many hours ago; nulls when none is recorded. */
export async function lastBackupAge(
  database: Database,
  now = new Date(),
): Promise<{ at: string | null; hours: number | null }> {
  if (!(await appliedMigrations(database)).includes('0029_backup_record')) return { at: null, hours: null };
  const row = await database.db
    .selectFrom('backup_record')
    .select('created_at')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return { at: null, hours: null };
  return { at: row.created_at, hours: (now.getTime() - Date.parse(row.created_at)) / 3_600_000 };
}

export interface UpgradeResult {
  applied: string[];
  /** Set when migrations were pending and the last backup is older than asked (or there is none). */
  warning: string | null;
}

/**
 * `pathway migrate`: refuses a database a newer Pathway has migrated; before applying pending
 * migrations, looks at the last backup: older than `requireBackupWithinHours` (or none) refuses,
 * otherwise older than `warnAfterHours` is said.
 */
export async function upgrade(
  database: Database,
  {
    requireBackupWithinHours,
    warnAfterHours = 24,
  }: { requireBackupWithinHours?: number; warnAfterHours?: number } = {},
): Promise<UpgradeResult> {
  await refuseNewerSchema(database);
  const applied = await appliedMigrations(database);
  const pending = MIGRATION_NAMES.filter((name) => !applied.includes(name));
  let warning: string | null = null;
  // A database never migrated is a new one: there is nothing to lose.
  if (pending.length > 0 && applied.length > 0) {
    const { at, hours } = await lastBackupAge(database);
    const limit = requireBackupWithinHours ?? warnAfterHours;
    if (hours === null || hours > limit) {
      const said = at ? `The last backup was taken ${hours!.toFixed(1)} hours ago (${at}).` : 'No backup is recorded.';
      if (requireBackupWithinHours !== undefined)
        throw new AppError(
          'backup_too_old',
          `${said} Take one with \`pathway backup --out FILE\` before migrating (asked: within ${requireBackupWithinHours} hours).`,
          { lastBackupAt: at, hours, requiredWithinHours: requireBackupWithinHours },
        );
      warning = `${said} Take one with \`pathway backup --out FILE\` before upgrading.`;
    }
  }
  return { applied: await migrate(database), warning };
}
