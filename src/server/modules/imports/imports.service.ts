import { measureImport } from '../../http/metrics.ts';
import { type Permission, scopePathsForAll } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { LocalitySchema, UNIT_TYPES } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import { CATEGORIES } from '../people/people.schemas.ts';
import * as people from '../people/people.service.ts';
import { type CsvInput, FaultList, readCsv, splitList } from './csv.ts';

export interface ImportResult {
  kind: 'org-units' | 'people';
  rows: number;
  created: number;
  updated: number;
}

export interface ImportOptions {
  dryRun?: boolean;
}

const within = (roots: string[], path: string) => roots.some((root) => path.startsWith(root));

function requireSomeScope(ctx: Ctx, permissions: Permission[]): string[] {
  const roots = scopePathsForAll(ctx, permissions);
  if (roots.length === 0) throw new AppError('forbidden', `Importing needs ${permissions.join(' and ')} somewhere.`);
  return roots;
}

/** Absent optional columns read as empty, like empty cells. */
function withDefaults<K extends string>(
  values: Record<string, string | undefined>,
  format: { required: readonly K[]; optional: readonly K[] },
): Record<K, string> {
  const row = {} as Record<K, string>;
  for (const column of format.required) row[column] = values[column] ?? '';
  for (const column of format.optional) row[column] = values[column] ?? '';
  return row;
}

// ---------- people ----------

export const PEOPLE_COLUMNS = {
  required: ['national_id', 'given_name', 'family_name', 'sex', 'category', 'org_unit_code'],
  optional: ['emis_id', 'subjects', 'grades', 'languages', 'email', 'phone'],
} as const;

const SEXES = new Set(['female', 'male', 'other', '']);
const CATEGORY_SET = new Set<string>(CATEGORIES);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BATCH = 2000;

/**
 * Imports the people of an EMIS roster. All or nothing: every faulty row is reported with its
 * line and column and nothing is written. A national id already known updates that person.
 */
export async function importPeople(ctx: Ctx, input: CsvInput, options: ImportOptions = {}): Promise<ImportResult> {
  return measureImport('people', options, () => importPeopleNow(ctx, input, options));
}

async function importPeopleNow(ctx: Ctx, input: CsvInput, options: ImportOptions): Promise<ImportResult> {
  const roots = requireSomeScope(ctx, ['people.write', 'import.run']);
  return inTransaction(ctx, async (tx) => {
    const units = new Map<string, { id: string; path: string }>();
    for (const unit of await org.unitIndex(tx)) {
      if (unit.code && within(roots, unit.path)) units.set(unit.code, { id: unit.id, path: unit.path });
    }
    const faults = new FaultList();
    const seen = new Set<string>();
    const at = nowIso();
    let rows = 0;
    let updated = 0;
    let batch: { line: number; row: people.PersonRow }[] = [];

    const flush = async () => {
      const known = await people.placementsByNationalId(
        tx,
        batch.map((b) => b.row.national_id!),
      );
      for (const { line, row } of batch) {
        const current = known.get(row.national_id!);
        if (current === undefined) continue;
        updated++;
        // Someone placed outside the actor's scope is not theirs to move or rename.
        if (!within(roots, current))
          faults.add(line, 'national_id', `The national id ${row.national_id} belongs to a person outside your scope.`);
      }
      if (!faults.any && !options.dryRun) {
        await people.upsertPeopleRows(
          tx,
          batch.map((b) => b.row),
        );
      }
      batch = [];
    };

    for await (const { line, values } of readCsv(input, PEOPLE_COLUMNS, faults)) {
      rows++;
      const v = withDefaults(values, PEOPLE_COLUMNS);
      let ok = true;
      const fault = (column: string, message: string) => {
        faults.add(line, column, message);
        ok = false;
      };
      if (!v.national_id) fault('national_id', 'The national id is required.');
      else if (seen.has(v.national_id))
        fault('national_id', `The national id ${v.national_id} appears earlier in the file.`);
      else seen.add(v.national_id);
      if (!v.given_name) fault('given_name', 'The given name is required.');
      if (!v.family_name) fault('family_name', 'The family name is required.');
      const sex = v.sex.toLowerCase();
      if (!SEXES.has(sex)) fault('sex', `Unknown sex ${v.sex}: use female, male, other or leave it empty.`);
      const category = v.category.toLowerCase();
      if (!CATEGORY_SET.has(category))
        fault('category', `Unknown category ${v.category}: use ${CATEGORIES.join(', ')}.`);
      const unit = units.get(v.org_unit_code);
      if (!unit) fault('org_unit_code', `Unknown org unit code ${v.org_unit_code || '(empty)'}.`);
      if (v.email && !EMAIL.test(v.email)) fault('email', `${v.email} is not an email address.`);
      if (!ok || !unit) continue;
      batch.push({
        line,
        row: {
          tenant_id: tx.tenantId,
          id: newId(),
          org_unit_id: unit.id,
          org_path: unit.path,
          category,
          given_name: v.given_name,
          family_name: v.family_name,
          sort_name: people.sortNameOf(v.family_name, v.given_name),
          sex: sex || null,
          national_id: v.national_id,
          emis_id: v.emis_id || null,
          subjects: JSON.stringify(splitList(v.subjects)),
          grades: JSON.stringify(splitList(v.grades)),
          languages: JSON.stringify(splitList(v.languages)),
          email: v.email || null,
          phone: v.phone || null,
          created_at: at,
          updated_at: at,
        },
      });
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    if (faults.any) faults.fail();
    const result: ImportResult = { kind: 'people', rows, created: rows - updated, updated };
    if (!options.dryRun) {
      await org.recountTeachers(tx);
      await people.peopleLoaded.emit(tx, {});
      await recordAudit(tx.db, tx, 'import.people', { type: 'tenant', id: tx.tenantId }, null, result);
    }
    return result;
  });
}

// ---------- org units ----------

export const ORG_UNIT_COLUMNS = {
  required: ['code', 'parent_code', 'type', 'name'],
  optional: ['locality'],
  pattern: /^name_[a-z]{2,3}(-[a-z0-9]+)?$/,
} as const;

const TYPE_SET = new Set<string>(UNIT_TYPES);
const LOCALITIES = new Set<string>(LocalitySchema.options);

interface UnitRowIn {
  line: number;
  code: string;
  parentCode: string;
  type: string;
  name: Record<string, string>;
  locality: string | null;
}

/**
 * Imports org units: new codes create units, known codes update them (rename, type, locality,
 * and re-parenting, which moves the whole subtree). A parent may come earlier or later in the
 * file or already exist. All or nothing, with every fault's line and column.
 */
export async function importOrgUnits(ctx: Ctx, input: CsvInput, options: ImportOptions = {}): Promise<ImportResult> {
  return measureImport('org_units', options, () => importOrgUnitsNow(ctx, input, options));
}

async function importOrgUnitsNow(ctx: Ctx, input: CsvInput, options: ImportOptions): Promise<ImportResult> {
  const roots = requireSomeScope(ctx, ['org.write', 'import.run']);
  return inTransaction(ctx, async (tx) => {
    const defaultLocale = (await org.getTenant(tx)).defaultLocale;
    const faults = new FaultList();
    const incoming: UnitRowIn[] = [];
    const byCode = new Map<string, UnitRowIn>();
    for await (const { line, values } of readCsv(input, ORG_UNIT_COLUMNS, faults)) {
      const v = withDefaults(values, ORG_UNIT_COLUMNS);
      const row: UnitRowIn = {
        line,
        code: v.code,
        parentCode: v.parent_code,
        type: v.type.toLowerCase(),
        name: {},
        locality: null,
      };
      if (!row.code) faults.add(line, 'code', 'The code is required.');
      else if (byCode.has(row.code))
        faults.add(
          line,
          'code',
          `The code ${row.code} appears earlier in the file (line ${byCode.get(row.code)!.line}).`,
        );
      if (!TYPE_SET.has(row.type)) faults.add(line, 'type', `Unknown type ${v.type}: use ${UNIT_TYPES.join(', ')}.`);
      if (!v.name) faults.add(line, 'name', 'The name is required.');
      else row.name[defaultLocale] = v.name;
      for (const [column, value] of Object.entries(values)) {
        if (column.startsWith('name_') && value) row.name[column.slice(5)] = value;
      }
      if (v.locality) {
        if (LOCALITIES.has(v.locality.toLowerCase())) row.locality = v.locality.toLowerCase();
        else faults.add(line, 'locality', `Unknown locality ${v.locality}: use urban or rural, or leave it empty.`);
      }
      if (row.code && !byCode.has(row.code)) byCode.set(row.code, row);
      incoming.push(row);
    }

    const existing = new Map<string, org.UnitIndexEntry>();
    const byId = new Map<string, org.UnitIndexEntry>();
    for (const unit of await org.unitIndex(tx)) {
      byId.set(unit.id, unit);
      if (unit.code) existing.set(unit.code, unit);
    }
    const visible = (code: string) => {
      const unit = existing.get(code);
      return unit && within(roots, unit.path) ? unit : undefined;
    };

    // Resolve parents and scope.
    for (const row of byCode.values()) {
      const current = existing.get(row.code);
      if (current && !within(roots, current.path)) {
        faults.add(row.line, 'code', `The code ${row.code} belongs to an org unit outside your scope.`);
        continue;
      }
      if (!row.parentCode) {
        if (!(current && current.parent_id === null))
          faults.add(row.line, 'parent_code', 'The parent code is required.');
        continue;
      }
      if (row.parentCode === row.code) faults.add(row.line, 'parent_code', 'A unit cannot be its own parent.');
      else if (!byCode.has(row.parentCode) && !visible(row.parentCode)) {
        faults.add(row.line, 'parent_code', `Unknown org unit code ${row.parentCode}.`);
      }
    }
    if (faults.any) faults.fail();

    // The tree after the import: file rows override current parents. Units without a code are
    // keyed by id so that a cycle through them is still seen.
    const keyOf = (unit: org.UnitIndexEntry) => unit.code ?? `#${unit.id}`;
    const existingByKey = new Map([...byId.values()].map((u) => [keyOf(u), u]));
    const parentKey = (key: string): string | null => {
      const row = byCode.get(key);
      if (row) return row.parentCode || null;
      const parent = existingByKey.get(key)?.parent_id;
      return parent ? keyOf(byId.get(parent)!) : null;
    };
    const depthOf = new Map<string, number>();
    for (const row of byCode.values()) {
      const chain: string[] = [];
      let key: string | null = row.code;
      while (key !== null && !chain.includes(key)) {
        chain.push(key);
        key = parentKey(key);
      }
      if (key !== null) {
        faults.add(
          row.line,
          'parent_code',
          `Placing ${row.code} under ${row.parentCode} makes a cycle: ${[...chain, key].join(' > ')}.`,
        );
      } else {
        depthOf.set(row.code, chain.length - 1);
      }
    }
    if (faults.any) faults.fail();
    const order = [...byCode.values()].sort((a, b) => depthOf.get(a.code)! - depthOf.get(b.code)!);

    let created = 0;
    let updated = 0;
    for (const row of order) existing.has(row.code) ? updated++ : created++;
    const result: ImportResult = { kind: 'org-units', rows: incoming.length, created, updated };
    if (options.dryRun) return result;

    // Write parents before children. Paths of moved subtrees change as we go, so keep them current.
    const at = nowIso();
    let key = await org.reservePathKeys(tx, created);
    const pathOf = new Map<string, { id: string; path: string; depth: number }>();
    for (const unit of existing.values()) pathOf.set(unit.code!, { id: unit.id, path: unit.path, depth: unit.depth });
    const fresh: org.UnitRow[] = [];
    for (const row of order) {
      const current = existing.get(row.code);
      const parent = row.parentCode ? pathOf.get(row.parentCode) : undefined;
      if (!current) {
        const unit = {
          tenant_id: tx.tenantId,
          id: newId(),
          parent_id: parent!.id,
          path: `${parent!.path}${(key++).toString(36)}/`,
          depth: parent!.depth + 1,
          type: row.type,
          code: row.code,
          name: JSON.stringify(row.name),
          locality: row.locality,
          teacher_count: 0,
          created_at: at,
          updated_at: at,
        };
        fresh.push(unit);
        pathOf.set(row.code, unit);
        continue;
      }
      await org.applyUnitChanges(tx, current.id, {
        type: row.type,
        name: JSON.stringify(row.name),
        locality: row.locality,
      });
      const now = pathOf.get(row.code)!;
      if (parent && current.parent_id !== parent.id) {
        if (fresh.length) await org.insertUnitRows(tx, fresh.splice(0));
        const newPath = await org.reparentUnit(tx, now, parent);
        const depthDelta = parent.depth + 1 - now.depth;
        for (const [code, place] of pathOf) {
          if (place.path.startsWith(now.path)) {
            pathOf.set(code, {
              id: place.id,
              path: newPath + place.path.slice(now.path.length),
              depth: place.depth + depthDelta,
            });
          }
        }
        await recordAudit(
          tx.db,
          tx,
          'org_unit.move',
          { type: 'org_unit', id: current.id },
          { path: now.path },
          { path: newPath, by: 'import' },
        );
      }
    }
    if (fresh.length) await org.insertUnitRows(tx, fresh);
    await org.unitsLoaded.emit(tx, {});
    await recordAudit(tx.db, tx, 'import.org_units', { type: 'tenant', id: tx.tenantId }, null, result);
    return result;
  });
}
