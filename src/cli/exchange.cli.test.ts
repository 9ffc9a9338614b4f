import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = path.resolve(import.meta.dirname, '../../bin/pathway.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-exchange-'));
// Two installations: a country's server and a regional office's, each with its own database and key secret.
const country = { database: path.join(dir, 'country.sqlite'), secret: 'country-key-secret-0123456789' };
const office = { database: path.join(dir, 'office.sqlite'), secret: 'office-key-secret-0123456789ab' };
const file = (name: string) => path.join(dir, name);

function pathway(at: typeof country, ...args: string[]) {
  return run(process.execPath, [bin, '--database', at.database, ...args], {
    env: { ...process.env, CI: '', PATHWAY_KEY_SECRET: at.secret },
  });
}

async function failure(at: typeof country, ...args: string[]) {
  try {
    await pathway(at, ...args);
  } catch (error) {
    return error as { code: number; stderr: string };
  }
  throw new Error(`pathway ${args.join(' ')} succeeded`);
}

const year = String(new Date().getUTCFullYear());

describe('pathway exchange between two installations', () => {
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('exports a signed package on one, imports and verifies it on the other, refuses a tampered copy', async () => {
    await pathway(country, 'demo', '--teachers', '150');
    await pathway(office, 'tenant', 'create', '--code', 'office', '--name', 'Regional office', '--kind', 'regional');

    await pathway(country, 'exchange', 'export', '--tenant', 'demo', '--period', year, '--out', file('pkg.json'));
    const untrusted = await failure(office, 'exchange', 'import', file('pkg.json'), '--tenant', 'office');
    expect(untrusted.stderr).toMatch(/not trusted for demo/);

    const [key] = (await pathway(country, 'exchange', 'key', '--tenant', 'demo')).stdout.trim().split(' ');
    expect(key).toMatch(/^z6Mk/);
    await pathway(office, 'exchange', 'trust', '--tenant', 'office', '--country', 'demo', '--key', key!);
    const imported = await pathway(office, 'exchange', 'import', file('pkg.json'), '--tenant', 'office');
    expect(imported.stdout).toContain(`Imported demo ${year}.`);
    const again = await pathway(office, 'exchange', 'import', file('pkg.json'), '--tenant', 'office');
    expect(again.stdout).toContain(`Already held: demo ${year}.`);

    const pkg = JSON.parse(fs.readFileSync(file('pkg.json'), 'utf8'));
    const shown = pkg.aggregates.competencyShares.find((s: { share: number | null }) => s.share !== null);
    shown.share = shown.share > 0.5 ? shown.share - 0.2 : shown.share + 0.2;
    fs.writeFileSync(file('tampered.json'), JSON.stringify(pkg));
    const tampered = await failure(office, 'exchange', 'import', file('tampered.json'), '--tenant', 'office');
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/changed after it was signed/);

    delete pkg.proof;
    fs.writeFileSync(file('unsigned.json'), JSON.stringify(pkg));
    expect((await failure(office, 'exchange', 'import', file('unsigned.json'), '--tenant', 'office')).stderr).toMatch(
      /not signed|no signature/,
    );
  }, 240_000);

  it('writes the same aggregates as ADX for a statistics office', async () => {
    await pathway(
      country,
      'exchange',
      'export',
      '--tenant',
      'demo',
      '--period',
      year,
      '--format',
      'adx',
      '--out',
      file('a.xml'),
    );
    const xml = fs.readFileSync(file('a.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<adx xmlns="urn:ihe:qrph:adx:2015"');
    expect(xml).toMatch(
      new RegExp(`<group dataSet="PATHWAY_REFERENCE_SHARES" orgUnit="MRD" period="${year}-01-01/P1Y">`),
    );
    expect(xml).toMatch(/<dataValue dataElement="CFT\d_K[ADC]" value="\d+(\.\d+)?"/);
  }, 120_000);
});
