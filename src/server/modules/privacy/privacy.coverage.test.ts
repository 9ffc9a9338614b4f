import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COVERED, COVERED_VIA, PERSON_COLUMN } from './privacy.coverage.ts';

const schemaFile = path.resolve(import.meta.dirname, '../../db/schema.ts');

/** Table name -> its columns, read from the interfaces schema.ts declares and the DB map that names them. */
function tablesInSchema(): Map<string, string[]> {
  const source = fs.readFileSync(schemaFile, 'utf8');
  const interfaces = new Map<string, string[]>();
  for (const match of source.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const columns = [...match[2]!.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]!);
    interfaces.set(match[1]!, columns);
  }
  const db = /export interface DB \{([\s\S]*?)\n\}/.exec(source)![1]!;
  const tables = new Map<string, string[]>();
  for (const [, table, type] of db.matchAll(/^ {2}(\w+): (\w+);/gm)) {
    tables.set(table!, interfaces.get(type!) ?? []);
  }
  return tables;
}

describe('privacy coverage', () => {
  it('reads the schema (a sanity check on the scan itself)', () => {
    const tables = tablesInSchema();
    expect(tables.get('person')).toContain('national_id');
    expect(tables.get('evidence')).toContain('person_id');
  });

  it('covers every column that names a person or an account, in every table of schema.ts', () => {
    const covered = new Map(COVERED.map((c) => [c.table as string, Object.keys(c.links)]));
    const missing: string[] = [];
    for (const [table, columns] of tablesInSchema()) {
      for (const column of columns.filter((c) => PERSON_COLUMN.test(c))) {
        if (!covered.get(table)?.includes(column)) missing.push(`${table}.${column}`);
      }
    }
    // A new table or column that ties rows to a person needs a line in privacy.coverage.ts (export and erasure).
    expect(missing).toEqual([]);
  });

  it('names only tables and columns that exist', () => {
    const tables = tablesInSchema();
    const unknown = [
      ...COVERED.flatMap((c) =>
        [...Object.keys(c.links), ...(c.omit ?? [])]
          .filter((column) => !tables.get(c.table)?.includes(column))
          .map((column) => `${c.table}.${column}`),
      ),
      ...COVERED_VIA.filter((v) => !tables.get(v.table)?.includes(v.column)).map((v) => `${v.table}.${v.column}`),
    ];
    expect(unknown).toEqual([]);
  });
});
