import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../bin/pathway.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-cli-'));
const database = path.join(dir, 'cli.sqlite');

function pathway(...args: string[]) {
  return run(process.execPath, [bin, '--database', database, ...args], { env: { ...process.env, CI: '' } });
}

describe('the pathway command', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrates, then says the schema is up to date', async () => {
    expect((await pathway('migrate')).stdout).toMatch(/Applied: 0001_foundation/);
    expect((await pathway('migrate')).stdout).toMatch(/up to date/);
  });

  it('seeds the demo country with the asked number of teachers and lists one sign-in per role', async () => {
    const { stdout } = await pathway('demo', '--teachers', '120');
    expect(stdout).toMatch(/Seeded 120 teachers/);
    for (const username of ['admin', 'ministry', 'regional', 'district', 'leader', 'teacher', 'trainer', 'assessor']) {
      expect(stdout).toMatch(new RegExp(`^  ${username} `, 'm'));
    }
    const db = openDatabase(database);
    const teachers = await db.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('category', '=', 'teacher')
      .executeTakeFirstOrThrow();
    await db.close();
    expect(Number(teachers.n)).toBe(121);
  });

  it('creates a sign-in for an existing person that must change its password, and refuses an unknown role with a clear error', async () => {
    const ok = await pathway(
      'user',
      'create',
      '--tenant',
      'demo',
      '--national-id',
      'MRD00000001',
      '--username',
      'aruna',
      '--role',
      'school_leader',
      '--unit',
      'R1-D1-S1',
      '--password',
      'long-enough-password',
    );
    expect(ok.stdout).toMatch(/Created account aruna/);
    const accounts = async (username: string) => {
      const db = openDatabase(database);
      try {
        return await db.db
          .selectFrom('user_account')
          .innerJoin('person', 'person.id', 'user_account.person_id')
          .innerJoin('role_assignment', 'role_assignment.account_id', 'user_account.id')
          .innerJoin('org_unit', 'org_unit.id', 'role_assignment.org_unit_id')
          .select([
            'person.national_id',
            'user_account.status',
            'user_account.must_change_password',
            'role_assignment.role',
            'org_unit.code',
          ])
          .where('user_account.username', '=', username)
          .execute();
      } finally {
        await db.close();
      }
    };
    expect(await accounts('aruna')).toEqual([
      // As with an account an administrator creates, the holder chooses a new password at first sign-in.
      {
        national_id: 'MRD00000001',
        status: 'active',
        must_change_password: 1,
        role: 'school_leader',
        code: 'R1-D1-S1',
      },
    ]);
    const bad = pathway(
      'user',
      'create',
      '--tenant',
      'demo',
      '--national-id',
      'MRD00000002',
      '--username',
      'gita',
      '--role',
      'emperor',
      '--unit',
      'R1-D1-S1',
      '--password',
      'long-enough-password',
    );
    await expect(bad).rejects.toMatchObject({ stderr: expect.stringMatching(/Unknown role emperor/) });
    expect(await accounts('gita')).toEqual([]);
  });

  it('rebuilds the competency status of the demo from its ledger, to the same figures', async () => {
    const db = openDatabase(database);
    const count = async () =>
      Number(
        (
          await db.db
            .selectFrom('competency_status')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await db.db.deleteFrom('competency_status').execute();
    const { stdout } = await pathway('rebuild-status', '--tenant', 'demo');
    expect(stdout).toMatch(new RegExp(`Rebuilt ${before} competency statuses`));
    expect(await count()).toBe(before);
    await db.close();
  });

  it("records a closed year's indicator figures for every unit, and refuses a year that is not one", async () => {
    const { stdout } = await pathway('record-actuals', '--tenant', 'demo', '--year', '2025');
    const db = openDatabase(database);
    const [units, indicators, recorded] = await Promise.all(
      (['org_unit', 'indicator', 'indicator_actual'] as const).map(async (table) =>
        Number(
          (
            await db.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              // The demo's own units: the regional office it shares with is a tenant of its own.
              .where('tenant_id', '=', (eb) => eb.selectFrom('tenant').select('id').where('code', '=', 'demo'))
              .$if(table === 'indicator_actual', (q) => q.where('year', '=', 2025))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
    await db.close();
    expect(indicators).toBeGreaterThan(0);
    // Recording 2025 again replaces that year's figures: one per unit and indicator, none twice.
    expect(recorded).toBe(units! * indicators!);
    expect(stdout).toBe(`Recorded ${units! * indicators!} figures for 2025.\n`);
    await expect(pathway('record-actuals', '--tenant', 'demo', '--year', 'last')).rejects.toMatchObject({
      stderr: expect.stringMatching(/year/),
    });
  });

  it('runs the roster benchmark on a small country, one `name value unit` line per figure', async () => {
    // Its country has no teachers but the personas before the import: every demo stage must cope.
    const { stdout, stderr } = await run(
      process.execPath,
      [bin, 'bench', '--teachers', '300', '--only', 'roster', '--sqlite-only'],
      {
        env: { ...process.env, CI: '' },
      },
    );
    for (const figure of ['roster_import.rate', 'roster_import.raw_insert_rate', 'roster_import.ratio'])
      expect(stdout).toMatch(new RegExp(`^sqlite\\.${figure.replace('.', '\\.')} [0-9.]+ \\S+$`, 'm'));
    // Every imported teacher, and the demo's own, is counted in the nation.
    expect(stderr).not.toMatch(/the nation counts/);
  });
});
