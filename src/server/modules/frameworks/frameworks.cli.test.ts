import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-fw-cli-'));
const database = path.join(dir, 'cli.sqlite');
const pathway = (...args: string[]) =>
  run(process.execPath, [path.join(root, 'bin/pathway.js'), '--database', database, ...args], {
    env: { ...process.env, CI: '' },
  });

describe('pathway framework import/export', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('imports a CASE package, prints the new id and counts, and exports it in each format', async () => {
    await pathway('demo', '--teachers', '10');
    const imported = await pathway(
      'framework',
      'import',
      path.join(root, 'test/fixtures/case-1.0-regional-reference.json'),
      '--tenant',
      'demo',
    );
    const [id, summary] = imported.stdout.trim().split('\n');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary).toMatch(/^Imported case as a draft: 9 items, 0 levels/);
    const out = path.join(dir, 'out.json');
    await pathway('framework', 'export', id!, '--tenant', 'demo', '--format', 'case', '--out', out);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).CFDocument.identifier).toBe('9f3c2a10-6b7e-4c1d-8a2b-5e4d3c2b1a00');
    const moodle = await pathway('framework', 'export', id!, '--tenant', 'demo', '--format', 'moodle-csv');
    expect(moodle.stdout.trim().split('\r\n')).toHaveLength(11);
    const csv = await pathway('framework', 'export', id!, '--tenant', 'demo', '--format', 'csv');
    expect(csv.stdout).toMatch(/^code,parent_code,type,level,title_fr,statement_fr,notes_fr,identifier/);
  }, 240_000);

  it('refuses a broken file with each fault and a failing exit code', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, 'code,parent_code,type,level,statement_en\nA,B,aspect,,x\n');
    const failed = await pathway('framework', 'import', bad, '--tenant', 'demo').catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('line 2, parent_code: The parent B of A is not in the file.');
  }, 60_000);

  it('shows the demo standard fully translated, and exchanges it as XLIFF', async () => {
    const status = (await pathway('translations', 'status', '--tenant', 'demo')).stdout.trim().split('\n');
    // The demo standard is listed first; the CASE package imported above is in French only.
    const demoRef = status.find((line) => line.includes(' framework:'))!.split(' ')[1]!;
    const standard = status.filter((line) => line.split(' ')[1] === demoRef);
    expect(standard.map((line) => line.split(' ')[0])).toEqual(['en', 'ru', 'uz', 'ne', 'fil']);
    expect(standard.every((line) => line.endsWith(' 100%'))).toBe(true);
    const frameworkRef = standard[0]!.split(' ')[1]!;
    const out = path.join(dir, 'ne.xlf');
    await pathway(
      'translations',
      'export',
      '--tenant',
      'demo',
      '--locale',
      'ne',
      '--object',
      frameworkRef,
      '--out',
      out,
    );
    expect(fs.readFileSync(out, 'utf8')).toContain('trgLang="ne"');
    const imported = await pathway('translations', 'import', out, '--tenant', 'demo');
    expect(imported.stdout.trim()).toBe('Imported 0 texts of 0 object(s) in ne.');
    const edited = path.join(dir, 'ne-bad.xlf');
    fs.writeFileSync(edited, fs.readFileSync(out, 'utf8').replace('trgLang="ne"', 'trgLang="xx"'));
    const refused = await pathway('translations', 'import', edited, '--tenant', 'demo').catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('You do not translate into xx');
  }, 60_000);
});
