import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { maintenanceLines } from '../../../cli/maintenance.ts';
import { newId } from '../../shared/ids.ts';
import { diskStore, type FileStore } from '../../shared/storage.ts';
import * as evidence from '../assessment/evidence.service.ts';
import { applyRetention, type RetentionSettings, retentionSettings } from './retention.ts';

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const settings: RetentionSettings = { sessionsDays: 30, auditDays: 365, departedEvidenceDays: 180, mailDays: 90 };

describe('retention settings', () => {
  it('reads days from the environment, 0 keeping for ever, and refuses anything else', () => {
    expect(retentionSettings({})).toEqual({ sessionsDays: 30, auditDays: 0, departedEvidenceDays: 0, mailDays: 90 });
    expect(retentionSettings({ PATHWAY_RETAIN_AUDIT_DAYS: '2555', PATHWAY_RETAIN_MAIL_DAYS: '0' })).toMatchObject({
      auditDays: 2555,
      mailDays: 0,
    });
    expect(() => retentionSettings({ PATHWAY_RETAIN_SESSIONS_DAYS: '-1' })).toThrow(/PATHWAY_RETAIN_SESSIONS_DAYS/);
    expect(() => retentionSettings({ PATHWAY_RETAIN_SESSIONS_DAYS: '1 week' })).toThrow(/whole number/);
  });
});

describeOnEachDatabase('pathway maintenance', (getDb) => {
  let filesDir: string;
  let files: FileStore;
  let departedKey: string;
  let stayingKey: string;

  const counts = async () => {
    const db = getDb().db;
    const n = async (table: 'session' | 'audit_log' | 'outbox' | 'password_reset') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      sessions: await n('session'),
      audit: await n('audit_log'),
      outbox: await n('outbox'),
      resets: await n('password_reset'),
    };
  };

  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-retention-'));
    files = diskStore(filesDir);
    const world = await make.country(getDb());
    const standard = await make.publishedStandard(world.ctx);
    const item = standard.items.find((i) => i.type === 'competency')!;
    const departed = await make.user(world.ctx, 'teacher', world.schoolA1);
    const staying = await make.user(world.ctx, 'teacher', world.schoolA1);
    const upload = async (who: typeof departed, text: string) => {
      const row = await evidence.uploadEvidence(
        who.ctx,
        files,
        who.person.id,
        { title: 'Lesson', fileName: 'lesson.txt', itemIds: [item.id] },
        Buffer.from(text),
      );
      return (await world.ctx.db
        .selectFrom('evidence')
        .select('storage_key')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow())!.storage_key!;
    };
    departedKey = await upload(departed, 'a lesson by someone who left\n');
    stayingKey = await upload(staying, 'a lesson by someone who stays\n');
    // Left the service 200 days ago: the account was disabled then.
    await world.ctx.db
      .updateTable('user_account')
      .set({ status: 'disabled', updated_at: daysAgo(200) })
      .where('id', '=', departed.account.id)
      .execute();
    const tenantId = world.ctx.tenantId;
    await world.ctx.db
      .insertInto('session')
      .values([
        {
          id: newId(),
          tenant_id: tenantId,
          account_id: staying.account.id,
          csrf_token: 'x',
          created_at: daysAgo(41),
          expires_at: daysAgo(40),
        },
        {
          id: newId(),
          tenant_id: tenantId,
          account_id: staying.account.id,
          csrf_token: 'y',
          created_at: daysAgo(1),
          expires_at: daysAgo(-1),
        },
      ])
      .execute();
    const audit = (action: string, at: string) => ({
      tenant_id: tenantId,
      id: newId(),
      at,
      actor_account_id: null,
      action,
      entity_type: 'person',
      entity_id: staying.person.id,
      before_json: null,
      after_json: null,
      request_id: null,
    });
    await world.ctx.db
      .insertInto('audit_log')
      .values([
        audit('person.update', daysAgo(1000)),
        audit('person.update', daysAgo(400)),
        audit('person.erase', daysAgo(1000)),
      ])
      .execute();
    const mail = (created: string) => ({
      id: newId(),
      tenant_id: tenantId,
      to_address: 'someone@example.org',
      subject: 's',
      body: 'b',
      created_at: created,
      attempts: 1,
      next_attempt_at: created,
      sent_at: created,
      last_error: null,
    });
    await world.ctx.db
      .insertInto('outbox')
      .values([mail(daysAgo(100)), mail(daysAgo(2))])
      .execute();
  });

  afterAll(() => {
    if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it('on a dry run, counts what would go and removes nothing', async () => {
    const before = await counts();
    const report = await applyRetention(getDb().db, files, settings, { dryRun: true });
    expect(report.counts).toEqual({
      sessions: 1,
      password_resets: 0,
      audit_entries: 2,
      departed_evidence_files: 1,
      mail: 1,
    });
    expect(maintenanceLines(report)).toEqual([
      'sessions: would remove 1',
      'password-reset links: would remove 0',
      'audit entries: would remove 2',
      'evidence files of departed people: would remove 1',
      'notification mail: would remove 1',
    ]);
    expect(await counts()).toEqual(before);
    expect(fs.existsSync(path.join(filesDir, departedKey))).toBe(true);
  });

  it('removes expired sessions, old audit entries and mail, and departed people’s files', async () => {
    const before = await counts();
    const report = await applyRetention(getDb().db, files, settings);
    expect(maintenanceLines(report)).toEqual([
      'sessions: removed 1',
      'password-reset links: removed 0',
      'audit entries: removed 2',
      'evidence files of departed people: removed 1',
      'notification mail: removed 1',
    ]);
    expect(await counts()).toEqual({
      sessions: before.sessions - 1,
      audit: before.audit - 2,
      outbox: before.outbox - 1,
      resets: before.resets,
    });
    expect(fs.existsSync(path.join(filesDir, departedKey))).toBe(false);
    expect(fs.existsSync(path.join(filesDir, stayingKey))).toBe(true);
    const erasure = await getDb()
      .db.selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'person.erase')
      .execute();
    expect(erasure).toHaveLength(1);
    // Nothing left to do.
    const again = await applyRetention(getDb().db, files, settings, { dryRun: true });
    expect(Object.values(again.counts).every((n) => n === 0)).toBe(true);
  });

  it('keeps what a setting of 0 keeps for ever', async () => {
    const report = await applyRetention(
      getDb().db,
      files,
      { sessionsDays: 0, auditDays: 0, departedEvidenceDays: 0, mailDays: 0 },
      { dryRun: true },
    );
    expect(maintenanceLines(report)[0]).toBe('sessions: kept (PATHWAY_RETAIN_SESSIONS_DAYS=0)');
  });
});

describe('the maintenance command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-maintenance-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one line per kind on a dry run', async () => {
    const bin = path.resolve(import.meta.dirname, '../../../../bin/pathway.js');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, '--database', path.join(dir, 'm.sqlite'), 'maintenance', '--dry-run'],
      { env: { ...process.env, CI: '', PATHWAY_FILES_DIR: path.join(dir, 'files'), PATHWAY_RETAIN_AUDIT_DAYS: '' } },
    );
    expect(stdout).toMatch(/^sessions: would remove 0$/m);
    expect(stdout).toMatch(/^audit entries: kept \(PATHWAY_RETAIN_AUDIT_DAYS=0\)$/m);
    expect(stdout).toMatch(/^notification mail: would remove 0$/m);
  }, 60_000);
});
