import { hasPermissionAt, requireScope, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import { institutionsServing } from '../training/offerings.service.ts';
import * as repo from './partnerships.repo.ts';
import {
  COACH_CATEGORIES,
  type Coverage,
  type CreatePartnershipInput,
  type LogInput,
  MAX_PARTNERSHIP_YEARS,
  type Partnership,
  type PartnershipSummary,
  type UpdatePartnershipInput,
} from './partnerships.schemas.ts';
import { schoolsChanged } from './schools.changes.ts';

const HOST_TYPES = ['tei', 'resource_centre'] as const;
type HostType = (typeof HOST_TYPES)[number];

const text = (ctx: Ctx, json: string) => resolveText(JSON.parse(json) as LocalizedText, ctx.locale, ctx.defaultLocale);
export const personName = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

/** The path of the unit above: an institution serves its parent's subtree ('/1/4/9/' -> '/1/4/'). */
const parentPath = (path: string) => path.slice(0, path.slice(0, -1).lastIndexOf('/') + 1);

export function periodStatus(startsOn: string, endsOn: string, on: string = todayIso()) {
  return on < startsOn ? 'upcoming' : on > endsOn ? 'ended' : 'active';
}

/** `day` plus whole years (29 February falls to 1 March). */
export function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** Roots where the actor reads partnerships as a manager or an officer. */
function readRoots(ctx: Ctx): string[] {
  return [...scopePaths(ctx, 'practice.manage'), ...scopePaths(ctx, 'reports.read')];
}

/** One practice.manage root holds every school: the actor may shape a partnership with them all. */
function managesAll(ctx: Ctx, schoolPaths: string[]): boolean {
  if (ctx.actor.system) return true;
  return scopePaths(ctx, 'practice.manage').some((root) => schoolPaths.every((p) => p.startsWith(root)));
}

async function actorUnitId(ctx: Ctx): Promise<string | null> {
  if (!ctx.actor.personId) return null;
  const [me] = await repo.peopleByIds(ctx.db, ctx.tenantId, [ctx.actor.personId]);
  return me?.org_unit_id ?? null;
}

interface Loaded {
  row: NonNullable<Awaited<ReturnType<typeof repo.getPartnership>>>;
  schools: Awaited<ReturnType<typeof repo.schoolsOf>>;
  coaches: Awaited<ReturnType<typeof repo.coachesOf>>;
  coach: boolean;
  managesAll: boolean;
  managesASchool: boolean;
}

/**
 * A partnership the actor may read: managers and officers over a school or the host, its coaches,
 * and people placed in one of its schools (leaders and teachers). Anyone else gets "not found".
 */
async function requirePartnership(ctx: Ctx, id: string): Promise<Loaded> {
  const row = await repo.getPartnership(ctx.db, ctx.tenantId, id);
  if (!row) throw notFound('partnership', id);
  const [schools, coaches] = await Promise.all([
    repo.schoolsOf(ctx.db, ctx.tenantId, [id]),
    repo.coachesOf(ctx.db, ctx.tenantId, [id]),
  ]);
  const coach = !!ctx.actor.personId && coaches.some((c) => c.id === ctx.actor.personId);
  const roots = readRoots(ctx);
  const paths = schools.map((s) => s.path);
  let visible =
    ctx.actor.system || coach || [row.host_path, ...paths].some((p) => roots.some((root) => p.startsWith(root)));
  if (!visible) {
    const unitId = await actorUnitId(ctx);
    visible = !!unitId && schools.some((s) => s.id === unitId);
  }
  if (!visible) throw notFound('partnership', id);
  return {
    row,
    schools,
    coaches,
    coach,
    managesAll: managesAll(ctx, paths),
    managesASchool: ctx.actor.system || paths.some((p) => hasPermissionAt(ctx, 'practice.manage', p)),
  };
}

async function present(ctx: Ctx, loaded: Loaded): Promise<Partnership> {
  const { row, schools, coaches } = loaded;
  const [log, cycles] = await Promise.all([
    repo.logOf(ctx.db, ctx.tenantId, row.id),
    repo.cycleCounts(ctx.db, ctx.tenantId, row),
  ]);
  const bySchool = new Map(cycles.map((c) => [c.school_id, c]));
  return {
    ...summary(ctx, row, schools.length, coaches.length),
    schools: schools.map((s) => ({
      id: s.id,
      name: text(ctx, s.name),
      teachers: s.teacher_count,
      cyclesStarted: Number(bySchool.get(s.id)?.started ?? 0),
      cyclesCompleted: Number(bySchool.get(s.id)?.completed ?? 0),
    })),
    coaches: coaches.map((c) => ({ personId: c.id, name: personName(c) })),
    log: log.map((l) => ({
      id: l.id,
      happenedOn: l.happened_on,
      text: l.text,
      author:
        l.given_name && l.family_name ? personName({ given_name: l.given_name, family_name: l.family_name }) : null,
      createdAt: l.created_at,
    })),
    can: { edit: loaded.managesAll, log: loaded.coach || loaded.managesASchool },
  };
}

function summary(ctx: Ctx, row: Loaded['row'], schoolCount: number, coachCount: number): PartnershipSummary {
  return {
    id: row.id,
    title: row.title,
    focus: row.focus,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status: periodStatus(row.starts_on, row.ends_on),
    host: { id: row.tei_unit_id, name: text(ctx, row.host_name), type: row.host_type as HostType },
    schoolCount,
    coachCount,
  };
}

export async function getPartnership(ctx: Ctx, id: string): Promise<Partnership> {
  return present(ctx, await requirePartnership(ctx, id));
}

export async function listPartnerships(
  ctx: Ctx,
  query: { status: 'upcoming' | 'active' | 'ended' | 'all'; unitId?: string | undefined },
): Promise<PartnershipSummary[]> {
  const under = query.unitId ? (await org.requireUnit(ctx, query.unitId)).path : undefined;
  const rows = await repo.listPartnerships(
    ctx.db,
    ctx.tenantId,
    {
      roots: ctx.actor.system ? ['/'] : readRoots(ctx),
      personId: ctx.actor.personId,
      unitId: await actorUnitId(ctx),
    },
    { ...(under ? { under } : {}), on: todayIso(), status: query.status },
    200,
  );
  const ids = rows.map((r) => r.id);
  const [schools, coaches] = await Promise.all([
    repo.schoolsOf(ctx.db, ctx.tenantId, ids),
    repo.coachesOf(ctx.db, ctx.tenantId, ids),
  ]);
  const count = (list: { partnership_id: string }[], id: string) => list.filter((x) => x.partnership_id === id).length;
  return rows.map((r) => summary(ctx, r, count(schools, r.id), count(coaches, r.id)));
}

// ---------------------------------------------------------------- writing

type Fields = Required<CreatePartnershipInput>;

/**
 * Every rule a partnership's fields answer to, checked before anything is written: the period, the
 * host (an institution serving the schools' area), the schools (places of work the actor manages
 * together), the coaches (people placed at the host), and no second partnership of the host with a
 * school over the same days.
 */
async function checkFields(ctx: Ctx, input: Fields, exceptId: string | null) {
  const fault = (
    code:
      | 'partnership_dates_invalid'
      | 'org_unit_not_found'
      | 'not_a_school'
      | 'forbidden'
      | 'partnership_host_not_institution'
      | 'partnership_host_not_serving'
      | 'coach_not_at_host'
      | 'partnership_overlap',
    field: string,
    message: string,
    details: Record<string, unknown> = {},
  ) => new AppError(code, message, { field: `body.${field}`, ...details });
  if (input.endsOn <= input.startsOn)
    throw fault('partnership_dates_invalid', 'endsOn', 'A partnership ends after it starts.');
  if (input.endsOn > addYears(input.startsOn, MAX_PARTNERSHIP_YEARS))
    throw fault(
      'partnership_dates_invalid',
      'endsOn',
      `A partnership runs for at most ${MAX_PARTNERSHIP_YEARS} years.`,
      {
        maxYears: MAX_PARTNERSHIP_YEARS,
      },
    );

  const schoolIds = [...new Set(input.schoolIds)];
  const coachIds = [...new Set(input.coachIds)];
  const units = await repo.unitsByIds(ctx.db, ctx.tenantId, [input.teiUnitId, ...schoolIds]);
  const unitOf = new Map(units.map((u) => [u.id, u]));
  const manageRoots = ctx.actor.system ? ['/'] : scopePaths(ctx, 'practice.manage');

  const schools = schoolIds.map((id) => unitOf.get(id));
  const unseen = schoolIds.filter(
    (_id, i) => !schools[i] || !(ctx.actor.system || hasPermissionAt(ctx, 'org.read', schools[i]!.path)),
  );
  if (unseen.length)
    throw fault('org_unit_not_found', 'schoolIds', 'No such school in your area.', { id: unseen[0], unitIds: unseen });
  const notSchools = schools.filter((s) => s!.type !== 'school').map((s) => s!.id);
  if (notSchools.length)
    throw fault('not_a_school', 'schoolIds', 'A partnership is made with schools.', { unitIds: notSchools });
  const paths = schools.map((s) => s!.path);
  if (!managesAll(ctx, paths))
    throw fault('forbidden', 'schoolIds', 'You do not manage practice over all of these schools.', {
      permission: 'practice.manage',
      unitIds: schools.filter((s) => !hasPermissionAt(ctx, 'practice.manage', s!.path)).map((s) => s!.id),
    });

  // The host is visible to whoever could choose it: inside their area, or attached above it.
  const host = unitOf.get(input.teiUnitId);
  const hostVisible =
    host &&
    (ctx.actor.system ||
      hasPermissionAt(ctx, 'org.read', host.path) ||
      manageRoots.some((root) => root.startsWith(parentPath(host.path))));
  if (!hostVisible) throw fault('org_unit_not_found', 'teiUnitId', 'No such institution.', { id: input.teiUnitId });
  if (!(HOST_TYPES as readonly string[]).includes(host.type))
    throw fault(
      'partnership_host_not_institution',
      'teiUnitId',
      'A partnership is hosted by a teacher-education institution or resource centre.',
      { type: host.type },
    );
  const serving = parentPath(host.path);
  const unserved = schools.filter((s) => !s!.path.startsWith(serving)).map((s) => s!.id);
  if (unserved.length)
    throw fault('partnership_host_not_serving', 'teiUnitId', 'This institution does not serve all of these schools.', {
      unitIds: unserved,
    });

  const people = await repo.peopleByIds(ctx.db, ctx.tenantId, coachIds);
  const personOf = new Map(people.map((p) => [p.id, p]));
  const notCoaches = coachIds.filter((id) => {
    const p = personOf.get(id);
    return !p || p.org_unit_id !== host.id || !(COACH_CATEGORIES as readonly string[]).includes(p.category);
  });
  if (notCoaches.length)
    throw fault('coach_not_at_host', 'coachIds', 'Coaches are trainers or assessors placed at the host institution.', {
      personIds: notCoaches,
    });

  // SQLite runs one writer at a time; on PostgreSQL two writers would both see no overlap.
  if (ctx.dialect === 'postgres') await repo.lockHost(ctx.db, ctx.tenantId, host.id);
  const clashes = await repo.overlapping(
    ctx.db,
    ctx.tenantId,
    host.id,
    schoolIds,
    input.startsOn,
    input.endsOn,
    exceptId,
  );
  if (clashes.length)
    throw fault(
      'partnership_overlap',
      'schoolIds',
      'This institution already has a partnership with one of these schools over these dates.',
      {
        partnershipIds: [...new Set(clashes.map((c) => c.id))],
        unitIds: [...new Set(clashes.map((c) => c.school_unit_id))],
      },
    );
  return { schoolIds, coachIds };
}

const auditShape = (input: Fields) => ({
  teiUnitId: input.teiUnitId,
  title: input.title,
  focus: input.focus,
  startsOn: input.startsOn,
  endsOn: input.endsOn,
  schoolIds: [...new Set(input.schoolIds)].sort(),
  coachIds: [...new Set(input.coachIds)].sort(),
});

export async function createPartnership(ctx: Ctx, input: CreatePartnershipInput): Promise<Partnership> {
  if (!ctx.actor.system) requireScope(ctx, 'practice.manage');
  const id = await inTransaction(ctx, async (tx) => {
    const { schoolIds, coachIds } = await checkFields(tx, input, null);
    const at = nowIso();
    const id = newId();
    await repo.insertPartnership(tx.db, {
      tenant_id: tx.tenantId,
      id,
      tei_unit_id: input.teiUnitId,
      title: input.title,
      focus: input.focus,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
    });
    await repo.setMembers(tx.db, tx.tenantId, id, schoolIds, coachIds);
    await schoolsChanged.emit(tx, { schoolIds });
    await recordAudit(tx.db, tx, 'partnership.create', { type: 'partnership', id }, null, auditShape(input));
    return id;
  });
  return getPartnership(ctx, id);
}

export async function updatePartnership(ctx: Ctx, id: string, input: UpdatePartnershipInput): Promise<Partnership> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requirePartnership(tx, id);
    if (!loaded.managesAll)
      throw new AppError('forbidden', 'You do not manage practice over all of the schools of this partnership.', {
        permission: 'practice.manage',
      });
    const before: Fields = {
      teiUnitId: loaded.row.tei_unit_id,
      title: loaded.row.title,
      focus: loaded.row.focus,
      startsOn: loaded.row.starts_on,
      endsOn: loaded.row.ends_on,
      schoolIds: loaded.schools.map((s) => s.id),
      coachIds: loaded.coaches.map((c) => c.id),
    };
    const after: Fields = {
      ...before,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    };
    const { schoolIds, coachIds } = await checkFields(tx, after, id);
    await repo.updatePartnership(tx.db, tx.tenantId, id, {
      tei_unit_id: after.teiUnitId,
      title: after.title,
      focus: after.focus,
      starts_on: after.startsOn,
      ends_on: after.endsOn,
      updated_at: nowIso(),
    });
    await repo.setMembers(tx.db, tx.tenantId, id, schoolIds, coachIds);
    // The schools it named before and those it names now: their periods of partnership may have changed.
    await schoolsChanged.emit(tx, { schoolIds: [...new Set([...before.schoolIds, ...schoolIds])] });
    await recordAudit(
      tx.db,
      tx,
      'partnership.update',
      { type: 'partnership', id },
      auditShape(before),
      auditShape(after),
    );
  });
  return getPartnership(ctx, id);
}

/** Coaches and managers over a school of the partnership append to its log; entries are never changed. */
export async function addLogEntry(ctx: Ctx, id: string, input: LogInput): Promise<Partnership> {
  await inTransaction(ctx, async (tx) => {
    const loaded = await requirePartnership(tx, id);
    if (!(loaded.coach || loaded.managesASchool))
      throw new AppError('forbidden', 'Only the coaches and managers of a partnership write its log.', {
        permission: 'practice.manage',
      });
    const until = [loaded.row.ends_on, todayIso()].sort()[0]!;
    if (input.happenedOn < loaded.row.starts_on || input.happenedOn > until)
      throw new AppError('log_date_invalid', 'A log entry is dated within the partnership and not in the future.', {
        field: 'body.happenedOn',
        from: loaded.row.starts_on,
        until,
      });
    const entry = {
      tenant_id: tx.tenantId,
      id: newId(),
      partnership_id: id,
      happened_on: input.happenedOn,
      author_person_id: tx.actor.personId,
      text: input.text,
      created_at: nowIso(),
    };
    await repo.insertLog(tx.db, entry);
    await recordAudit(tx.db, tx, 'partnership.log', { type: 'partnership', id }, null, {
      entryId: entry.id,
      happenedOn: entry.happened_on,
      text: entry.text,
    });
  });
  return getPartnership(ctx, id);
}

// ---------------------------------------------------------------- choosing and coverage

/**
 * What a manager may choose from: institutions serving their area (inside it, or attached on the
 * way down to it), the schools they manage (only those the chosen host serves), and the chosen
 * host's trainers and assessors.
 */
export async function partnershipOptions(ctx: Ctx, teiUnitId: string | undefined) {
  const roots = ctx.actor.system ? ['/'] : requireScope(ctx, 'practice.manage');
  const hosts = await institutionsServing(ctx, roots);
  const host = teiUnitId ? hosts.find((h) => h.id === teiUnitId) : undefined;
  if (teiUnitId && !host) throw notFound('org_unit', teiUnitId);
  const [coaches, schools] = await Promise.all([
    host ? repo.peopleAt(ctx.db, ctx.tenantId, host.id, COACH_CATEGORIES) : Promise.resolve([]),
    repo.schoolsUnder(ctx.db, ctx.tenantId, roots, 2000),
  ]);
  const serving = host ? parentPath(host.path) : '';
  return {
    hosts: hosts.map((h) => ({ id: h.id, name: text(ctx, h.name), type: h.type as HostType })),
    coaches: coaches.map((c) => ({ personId: c.id, name: personName(c), category: c.category })),
    schools: schools
      .filter((s) => s.path.startsWith(serving))
      .map((s) => ({
        id: s.id,
        name: text(ctx, s.name),
        districtName: s.parent_name ? text(ctx, s.parent_name) : null,
      })),
  };
}

const COVERAGE_LIST_LIMIT = 500;

/**
 * Schools under a unit with and without a partnership running on the day, per area below it, and
 * the schools themselves (filtered to those with or without a partner). For officers and managers.
 */
export async function coverage(
  ctx: Ctx,
  unitId: string,
  query: { on?: string | undefined; partner: 'with' | 'without' | 'all' },
): Promise<Coverage> {
  const unit = await org.requireUnit(ctx, unitId);
  if (!(ctx.actor.system || readRoots(ctx).some((root) => unit.path.startsWith(root))))
    throw notFound('org_unit', unitId);
  const on = query.on ?? todayIso();
  const [schools, partnered, children] = await Promise.all([
    repo.schoolPathsUnder(ctx.db, ctx.tenantId, unit.path),
    repo.partneredSchoolsUnder(ctx.db, ctx.tenantId, unit.path, on),
    repo.childrenOf(ctx.db, ctx.tenantId, unit.id),
  ]);
  const partnersOf = new Map<string, { id: string; title: string; hostName: ReturnType<typeof text> }[]>();
  for (const r of partnered) {
    const list = partnersOf.get(r.school_unit_id) ?? [];
    if (!list.some((p) => p.id === r.id)) list.push({ id: r.id, title: r.title, hostName: text(ctx, r.host_name) });
    partnersOf.set(r.school_unit_id, list);
  }
  const withPartner = schools.filter((s) => partnersOf.has(s.id)).length;
  const areas = children
    .map((c) => {
      const inside = schools.filter((s) => s.path.startsWith(c.path));
      return {
        id: c.id,
        name: text(ctx, c.name),
        type: c.type,
        schools: inside.length,
        withPartner: inside.filter((s) => partnersOf.has(s.id)).length,
      };
    })
    .filter((a) => a.schools > 0 && a.type !== 'school');
  const chosen = schools
    .filter((s) => query.partner === 'all' || (query.partner === 'with') === partnersOf.has(s.id))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const shown = chosen.slice(0, COVERAGE_LIST_LIMIT);
  const rows = new Map(
    (
      await repo.unitsByIds(
        ctx.db,
        ctx.tenantId,
        shown.map((s) => s.id),
      )
    ).map((r) => [r.id, r]),
  );
  return {
    unit: { id: unit.id, name: text(ctx, unit.name), type: unit.type },
    on,
    schools: schools.length,
    withPartner,
    withoutPartner: schools.length - withPartner,
    areas,
    list: shown.map((s) => ({
      id: s.id,
      name: text(ctx, rows.get(s.id)!.name),
      teachers: rows.get(s.id)!.teacher_count,
      partnerships: partnersOf.get(s.id) ?? [],
    })),
    truncated: chosen.length > shown.length,
  };
}
