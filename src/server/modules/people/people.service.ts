import { requirePermissionAt, requireScope, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import * as repo from './people.repo.ts';
import type { CreatePersonInput, ListPeopleQuery, Person, UpdatePersonInput } from './people.schemas.ts';

export type { PersonRow } from './people.repo.ts';
export { PERSON_COLUMNS, sortNameOf } from './people.repo.ts';

export function toPerson(row: repo.PersonRow): Person {
  return {
    id: row.id,
    orgUnitId: row.org_unit_id,
    category: row.category as Person['category'],
    givenName: row.given_name,
    familyName: row.family_name,
    sex: row.sex as Person['sex'],
    nationalId: row.national_id,
    emisId: row.emis_id,
    subjects: JSON.parse(row.subjects),
    grades: JSON.parse(row.grades),
    languages: JSON.parse(row.languages),
    email: row.email,
    phone: row.phone,
    updatedAt: row.updated_at,
  };
}

/** A person the actor may read: in their people.read scope, or themselves. Otherwise "not found". */
export async function requirePerson(ctx: Ctx, personId: string): Promise<repo.PersonRow> {
  const row = await repo.getPerson(ctx.db, ctx.tenantId, personId);
  const visible =
    row && (row.id === ctx.actor.personId || scopePaths(ctx, 'people.read').some((p) => row.org_path.startsWith(p)));
  if (!visible) throw notFound('person', personId);
  return row;
}

export async function getPerson(ctx: Ctx, personId: string) {
  const row = await requirePerson(ctx, personId);
  const unit = await org.requireUnitForPerson(ctx, row.org_unit_id);
  return { ...toPerson(row), orgUnit: unit };
}

function encodeCursor(row: repo.PersonRow): string {
  return Buffer.from(JSON.stringify([row.org_path, row.sort_name, row.id])).toString('base64url');
}

function decodeCursor(cursor: string) {
  try {
    const [orgPath, sortName, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if ([orgPath, sortName, id].every((v) => typeof v === 'string')) return { orgPath, sortName, id };
  } catch {}
  throw new AppError('validation_failed', 'The paging cursor is not one this server gave out.', {
    issues: [{ path: 'query.cursor', message: 'Invalid cursor' }],
  });
}

export async function listPeople(ctx: Ctx, query: ListPeopleQuery) {
  let roots = requireScope(ctx, 'people.read');
  if (query.unitId) {
    const unit = await org.requireUnit(ctx, query.unitId, 'people.read');
    roots = [unit.path];
  }
  const rows = await repo.listPeople(
    ctx.db,
    ctx.tenantId,
    {
      roots,
      q: query.q,
      category: query.category,
      subject: query.subject,
      sex: query.sex,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
    },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      ...toPerson(r),
      orgUnitName: resolveText(JSON.parse(r.unit_name), ctx.locale, ctx.defaultLocale).text,
    })),
    nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!) : null,
  };
}

async function requireFreeNationalId(ctx: Ctx, nationalId: string | null | undefined, exceptId?: string) {
  if (!nationalId) return;
  const holder = await repo.findByNationalId(ctx.db, ctx.tenantId, nationalId);
  if (holder && holder.id !== exceptId) {
    throw new AppError('duplicate_external_id', `Another person already has national id ${nationalId}.`, {
      field: 'nationalId',
    });
  }
}

const teacherWeight = (category: string) => (category === 'teacher' ? 1 : 0);

export type Placement = Pick<repo.PersonRow, 'id' | 'org_unit_id' | 'org_path' | 'category' | 'sex'>;
/** A person placed, moved, or changed in what figures count them by (category, sex); null before creation. */
export const personPlaced = domainEvent<{ before: Placement | null; after: Placement }>();
/** People written in bulk (roster import, demo): projections recount the tenant. */
export const peopleLoaded = domainEvent<Record<string, never>>();

const placementOf = ({ id, org_unit_id, org_path, category, sex }: repo.PersonRow): Placement => ({
  id,
  org_unit_id,
  org_path,
  category,
  sex,
});

export async function createPerson(ctx: Ctx, input: CreatePersonInput): Promise<Person> {
  return inTransaction(ctx, async (tx) => {
    requireScope(tx, 'people.write');
    const unit = await org.requireUnit(tx, input.orgUnitId, 'people.read');
    requirePermissionAt(tx, 'people.write', unit.path);
    await requireFreeNationalId(tx, input.nationalId);
    const at = nowIso();
    const row: repo.PersonRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      org_unit_id: unit.id,
      org_path: unit.path,
      category: input.category,
      given_name: input.givenName,
      family_name: input.familyName,
      sort_name: repo.sortNameOf(input.familyName, input.givenName),
      sex: input.sex ?? null,
      national_id: input.nationalId ?? null,
      emis_id: input.emisId ?? null,
      subjects: JSON.stringify(input.subjects),
      grades: JSON.stringify(input.grades),
      languages: JSON.stringify(input.languages),
      email: input.email ?? null,
      phone: input.phone ?? null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertPerson(tx.db, row);
    await org.adjustTeacherCount(tx, unit.id, teacherWeight(row.category));
    await personPlaced.emit(tx, { before: null, after: placementOf(row) });
    const person = toPerson(row);
    await recordAudit(tx.db, tx, 'person.create', { type: 'person', id: row.id }, null, person);
    return person;
  });
}

export async function updatePerson(ctx: Ctx, personId: string, input: UpdatePersonInput): Promise<Person> {
  return inTransaction(ctx, async (tx) => {
    requireScope(tx, 'people.write');
    // Locked before it is read: two concurrent moves would otherwise both start from the same unit
    // and leave the teacher counts and the aggregates off by one.
    await lockPeople(tx, [personId]);
    const before = await requirePerson(tx, personId);
    requirePermissionAt(tx, 'people.write', before.org_path);
    let unit = { id: before.org_unit_id, path: before.org_path };
    if (input.orgUnitId && input.orgUnitId !== before.org_unit_id) {
      const target = await org.requireUnit(tx, input.orgUnitId, 'people.read');
      requirePermissionAt(tx, 'people.write', target.path);
      unit = { id: target.id, path: target.path };
    }
    if (input.nationalId !== undefined) await requireFreeNationalId(tx, input.nationalId, personId);
    const merged = { ...toPerson(before), ...input, orgUnitId: unit.id };
    const patch: Partial<repo.PersonRow> = {
      org_unit_id: unit.id,
      org_path: unit.path,
      category: merged.category,
      given_name: merged.givenName,
      family_name: merged.familyName,
      sort_name: repo.sortNameOf(merged.familyName, merged.givenName),
      sex: merged.sex ?? null,
      national_id: merged.nationalId ?? null,
      emis_id: merged.emisId ?? null,
      subjects: JSON.stringify(merged.subjects),
      grades: JSON.stringify(merged.grades),
      languages: JSON.stringify(merged.languages),
      email: merged.email ?? null,
      phone: merged.phone ?? null,
      updated_at: nowIso(),
    };
    await repo.updatePerson(tx.db, tx.tenantId, personId, patch);
    await org.adjustTeacherCount(tx, before.org_unit_id, -teacherWeight(before.category));
    await org.adjustTeacherCount(tx, unit.id, teacherWeight(merged.category));
    await personPlaced.emit(tx, { before: placementOf(before), after: placementOf({ ...before, ...patch }) });
    const after = toPerson({ ...before, ...patch });
    await recordAudit(tx.db, tx, 'person.update', { type: 'person', id: personId }, toPerson(before), after);
    return after;
  });
}

/** Where these people are and how figures count them, unchecked: for projections over the org tree. */
export async function placementsOf(ctx: Ctx, personIds: string[]): Promise<Placement[]> {
  return (await repo.getPeopleByIds(ctx.db, ctx.tenantId, personIds)).map(placementOf);
}

/**
 * These people, each one the actor may read (`people.read` over where they are placed); otherwise
 * 422 `unknown_person` naming the field and the ids, so a list of invitees or reviewers cannot probe
 * who exists outside the actor's scope.
 */
export async function requireVisiblePeople(ctx: Ctx, personIds: string[], field: string): Promise<Placement[]> {
  const ids = [...new Set(personIds)];
  const placed = await placementsOf(ctx, ids);
  const readable = scopePaths(ctx, 'people.read');
  const visible = placed.filter((p) => readable.some((root) => p.org_path.startsWith(root)));
  const missing = ids.filter((id) => !visible.some((p) => p.id === id));
  if (missing.length)
    throw new AppError('unknown_person', 'Some people are not among those you can see.', { field, ids: missing });
  return visible;
}

/**
 * Serialises writers of figures about these people: whoever reads a person's status, changes it and
 * derives a delta from the two must not interleave with another doing the same.
 */
export async function lockPeople(ctx: Ctx, personIds: string[]): Promise<void> {
  if (ctx.dialect === 'postgres') await repo.lockPeople(ctx.db, ctx.tenantId, personIds);
}

/** Bulk upsert of prepared rows, matched on national id (demo, roster import). Caller recounts teachers. */
export async function upsertPeopleRows(ctx: Ctx, rows: repo.PersonRow[]): Promise<void> {
  await repo.upsertPeople(ctx.db, rows);
}

export async function findByNationalId(ctx: Ctx, nationalId: string): Promise<repo.PersonRow> {
  const row = await repo.findByNationalId(ctx.db, ctx.tenantId, nationalId);
  if (!row) throw new AppError('person_not_found', `No person with national id ${nationalId}.`, { nationalId });
  return requirePerson(ctx, row.id);
}

/** Where each already-known national id is placed now (unit path), for one batch of an import. */
export async function placementsByNationalId(ctx: Ctx, nationalIds: string[]): Promise<Map<string, string>> {
  const rows = await repo.placementsOf(ctx.db, ctx.tenantId, nationalIds);
  return new Map(rows.map((r) => [r.national_id!, r.org_path]));
}
