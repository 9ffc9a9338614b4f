import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FileStore } from '../../shared/storage.ts';

/**
 * How long Pathway keeps what it does not need for ever, in days, from the environment. 0 keeps for
 * ever. `pathway maintenance` applies them (run it daily from cron or a systemd timer).
 *
 * | setting                                  | default | removes                                                   |
 * |------------------------------------------|---------|-----------------------------------------------------------|
 * | PATHWAY_RETAIN_SESSIONS_DAYS             | 30      | sessions and password-reset links expired this long ago   |
 * | PATHWAY_RETAIN_AUDIT_DAYS                | 0       | audit entries older than this (erasure entries are kept)  |
 * | PATHWAY_RETAIN_DEPARTED_EVIDENCE_DAYS    | 0       | evidence files of people whose every account has been     |
 * |                                          |         | disabled this long (the evidence row stays, without file) |
 * | PATHWAY_RETAIN_MAIL_DAYS                 | 90      | notification mail (the outbox), sent or given up          |
 *
 * These belong in src/server/config.ts beside the other settings once that file can take them.
 */
export interface RetentionSettings {
  sessionsDays: number;
  auditDays: number;
  departedEvidenceDays: number;
  mailDays: number;
}

export const RETENTION_ENV = {
  sessionsDays: 'PATHWAY_RETAIN_SESSIONS_DAYS',
  auditDays: 'PATHWAY_RETAIN_AUDIT_DAYS',
  departedEvidenceDays: 'PATHWAY_RETAIN_DEPARTED_EVIDENCE_DAYS',
  mailDays: 'PATHWAY_RETAIN_MAIL_DAYS',
} as const satisfies Record<keyof RetentionSettings, string>;

const DEFAULTS: RetentionSettings = { sessionsDays: 30, auditDays: 0, departedEvidenceDays: 0, mailDays: 90 };

export function retentionSettings(env: NodeJS.ProcessEnv = process.env): RetentionSettings {
  const settings = { ...DEFAULTS };
  for (const [key, name] of Object.entries(RETENTION_ENV) as [keyof RetentionSettings, string][]) {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === '') continue;
    const days = Number(raw);
    if (!Number.isInteger(days) || days < 0) {
      throw new Error(`${name} must be a whole number of days (0 keeps for ever); it is "${raw}".`);
    }
    settings[key] = days;
  }
  return settings;
}

export type RetentionKind = 'sessions' | 'password_resets' | 'audit_entries' | 'departed_evidence_files' | 'mail';

export interface RetentionReport {
  dryRun: boolean;
  /** Per kind: what was removed (or would be, on a dry run); null when the setting keeps it for ever. */
  counts: Record<RetentionKind, number | null>;
  /** Files the store would not remove. */
  filesNotRemoved: number;
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

/**
 * Applies the retention settings to every tenant. Rows go in one transaction; evidence files are
 * removed from the store after it commits (a rollback never loses a file). A dry run only counts.
 */
export async function applyRetention(
  db: Kysely<DB>,
  files: FileStore,
  settings: RetentionSettings,
  { dryRun = false, now = new Date() }: { dryRun?: boolean; now?: Date } = {},
): Promise<RetentionReport> {
  const counts: RetentionReport['counts'] = {
    sessions: null,
    password_resets: null,
    audit_entries: null,
    departed_evidence_files: null,
    mail: null,
  };
  const keys = await db.transaction().execute(async (trx) => {
    const count = async (query: { executeTakeFirstOrThrow(): Promise<{ n: number | string | bigint }> }) =>
      Number((await query.executeTakeFirstOrThrow()).n);

    if (settings.sessionsDays > 0) {
      const cutoff = daysBefore(now, settings.sessionsDays);
      counts.sessions = dryRun
        ? await count(
            trx
              .selectFrom('session')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('expires_at', '<', cutoff),
          )
        : Number((await trx.deleteFrom('session').where('expires_at', '<', cutoff).executeTakeFirst()).numDeletedRows);
      counts.password_resets = dryRun
        ? await count(
            trx
              .selectFrom('password_reset')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('expires_at', '<', cutoff),
          )
        : Number(
            (await trx.deleteFrom('password_reset').where('expires_at', '<', cutoff).executeTakeFirst()).numDeletedRows,
          );
    }

    if (settings.auditDays > 0) {
      const cutoff = daysBefore(now, settings.auditDays);
      // An erasure's entry is kept: it is the record that the person's data was erased.
      const old = trx.selectFrom('audit_log').where('at', '<', cutoff).where('action', '!=', 'person.erase');
      counts.audit_entries = dryRun
        ? await count(old.select((eb) => eb.fn.countAll().as('n')))
        : Number(
            (
              await trx
                .deleteFrom('audit_log')
                .where('at', '<', cutoff)
                .where('action', '!=', 'person.erase')
                .executeTakeFirst()
            ).numDeletedRows,
          );
    }

    let storageKeys: string[] = [];
    if (settings.departedEvidenceDays > 0) {
      const cutoff = daysBefore(now, settings.departedEvidenceDays);
      // Departed: has accounts, none active, and the last was disabled (updated) before the cutoff.
      const departed = trx
        .selectFrom('user_account')
        .select(['tenant_id', 'person_id'])
        .groupBy(['tenant_id', 'person_id'])
        .having((eb) =>
          eb.and([
            eb(eb.fn.sum(eb.case().when('status', '=', 'active').then(1).else(0).end()), '=', 0),
            eb(eb.fn.max('updated_at'), '<', cutoff),
          ]),
        );
      const rows = await trx
        .selectFrom('evidence')
        .innerJoin(departed.as('d'), (join) =>
          join.onRef('d.tenant_id', '=', 'evidence.tenant_id').onRef('d.person_id', '=', 'evidence.person_id'),
        )
        .select(['evidence.tenant_id', 'evidence.id', 'evidence.storage_key'])
        .where('evidence.storage_key', 'is not', null)
        .execute();
      counts.departed_evidence_files = rows.length;
      if (!dryRun) {
        for (const row of rows) {
          await trx
            .updateTable('evidence')
            .set({ storage_key: null, content_sha256: null })
            .where('tenant_id', '=', row.tenant_id)
            .where('id', '=', row.id)
            .execute();
        }
        storageKeys = rows.map((r) => r.storage_key!);
      }
    }

    if (settings.mailDays > 0) {
      const cutoff = daysBefore(now, settings.mailDays);
      counts.mail = dryRun
        ? await count(
            trx
              .selectFrom('outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('created_at', '<', cutoff),
          )
        : Number((await trx.deleteFrom('outbox').where('created_at', '<', cutoff).executeTakeFirst()).numDeletedRows);
    }
    return storageKeys;
  });

  let filesNotRemoved = 0;
  for (const key of keys) {
    try {
      await files.remove(key);
    } catch {
      filesNotRemoved++;
    }
  }
  return { dryRun, counts, filesNotRemoved };
}
