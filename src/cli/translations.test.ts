import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../test/db.ts';
import * as make from '../../test/factories.ts';
import * as org from '../server/modules/org/org.service.ts';
import { registerTranslationCommands } from './translations.ts';

describeOnEachDatabase('pathway translations', (getDb) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-translations-'));
  let tenant: string;
  let moduleId: string;

  beforeAll(async () => {
    const world = await make.country(getDb());
    tenant = (await org.getTenant(world.ctx)).code;
    const standard = await make.publishedStandard(world.ctx);
    moduleId = (await make.trainingModule(world.ctx, standard)).id;
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs `pathway translations ...` in this process, on the test database; returns what it printed. */
  async function pathway(...args: string[]) {
    const program = new Command().exitOverride();
    registerTranslationCommands(program, (work) => work(getDb()));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await program.parseAsync(['translations', ...args], { from: 'user' });
      return log.mock.calls.map((call) => String(call[0]));
    } finally {
      log.mockRestore();
    }
  }

  it('prints one `locale object coverage%` line per language and object, the counts only when verbose', async () => {
    const lines = await pathway('status', '--tenant', tenant);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line).toMatch(/^[a-z]{2,3} [a-z]+:\S+ \d{1,3}%$/);
    expect(lines).toContain(`en module:${moduleId} 100%`);
    expect(lines).toContain(`ne module:${moduleId} 0%`);
    const verbose = await pathway('status', '--tenant', tenant, '--verbose');
    expect(verbose).toContain(`ne module:${moduleId} 0% (2 missing, 0 stale)`);
  });

  it('exports one object named by its bare id or by type:id, the same file either way', async () => {
    const bare = path.join(dir, `bare-${tenant}.po`);
    const typed = path.join(dir, `typed-${tenant}.po`);
    const out = await pathway(
      'export',
      '--tenant',
      tenant,
      '--locale',
      'ne',
      '--format',
      'po',
      '--object',
      moduleId,
      '--out',
      bare,
    );
    expect(out).toEqual([`Wrote 2 texts of 1 object(s) in ne to ${bare}.`]);
    await pathway(
      'export',
      '--tenant',
      tenant,
      '--locale',
      'ne',
      '--format',
      'po',
      '--object',
      `module:${moduleId}`,
      '--out',
      typed,
    );
    expect(fs.readFileSync(bare, 'utf8')).toContain(`msgctxt "module:${moduleId}#title"`);
    expect(fs.readFileSync(bare, 'utf8')).toBe(fs.readFileSync(typed, 'utf8'));
    await expect(
      pathway('export', '--tenant', tenant, '--locale', 'ne', '--object', 'no-such-object', '--out', bare),
    ).rejects.toMatchObject({ code: 'translatable_not_found' });
  });
});
