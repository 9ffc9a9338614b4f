import { hasPermissionAt, requireScope } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { NOT_YET } from '../assessment/assessment.schemas.ts';
import * as assessment from '../assessment/assessment.service.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import * as org from '../org/org.service.ts';
import { completedBy, getProgramme, requireModule, requireProgramme } from './catalogue.service.ts';
import { canManageAt } from './offerings.access.ts';
import { nameOf, type Qualification, text, toOfferings, toQualification } from './training.presenters.ts';
import * as repo from './training.repo.ts';
import type { CreateOfferingInput, Offering, SchedulingOptions } from './training.schemas.ts';

export const today = () => nowIso().slice(0, 10);
export { canManageAt };

// ---------------------------------------------------------------- trainers' qualification

/**
 * The cascade rule: whoever leads must have completed one of the named programmes, or hold a
 * confirmed level at least the required one in every named competency.
 */
async function unqualifiedAmong(ctx: Ctx, qualification: Qualification | null, trainerIds: string[]) {
  if (!qualification) return [];
  const done = await completedBy(ctx, trainerIds);
  const levels = qualification.competencies.length
    ? await assessment.confirmedLevels(ctx, trainerIds, qualification.frameworkId ?? undefined)
    : new Map<string, Map<string, string | null>>();
  const standard = qualification.competencies.length
    ? await loadStandard(ctx, qualification.frameworkId ?? undefined)
    : null;
  const holds = (personId: string) =>
    qualification.competencies.length > 0 &&
    qualification.competencies.every((c) => {
      const mine = levels.get(personId);
      if (!mine?.has(c.itemId)) return false;
      return standard!.rank.get(mine.get(c.itemId) ?? NOT_YET)! >= standard!.rank.get(c.levelCode)!;
    });
  return trainerIds.filter(
    (id) => !qualification.programmeIds.some((p) => done.get(id)?.programmes.has(p)) && !holds(id),
  );
}

async function requireQualified(ctx: Ctx, qualification: Qualification | null, trainerIds: string[]) {
  const unqualified = await unqualifiedAmong(ctx, qualification, trainerIds);
  if (unqualified.length)
    throw new AppError(
      'trainer_not_qualified',
      'A trainer does not hold the qualification this training requires to lead it.',
      { field: 'body.trainerIds', personIds: unqualified, requirement: qualification },
    );
}

// ---------------------------------------------------------------- offerings

const HOST_TYPES = new Set(['tei', 'resource_centre']);

/**
 * Teacher-education institutions and resource centres inside these subtrees or attached to a unit on
 * the way down to them: those that serve the area (training hosts, partnership hosts).
 */
export function institutionsServing(ctx: Ctx, roots: string[]) {
  const ancestors = [...new Set(roots.flatMap((r) => [...org.ancestorPathsOf(r), r]))];
  return repo.institutionsNear(ctx.db, ctx.tenantId, roots, ancestors);
}

async function schedulingHosts(ctx: Ctx) {
  const roots = requireScope(ctx, 'training.manage');
  const hosts = (await institutionsServing(ctx, roots)).filter((h) => canManageAt(ctx, h.path));
  return { roots, hosts };
}

/**
 * What a scheduler can choose from: the institutions they may host training at, and the people who
 * may lead (everyone placed in those institutions, and trainers in the scheduler's area), each
 * marked qualified or not for the module or programme asked about.
 */
export async function schedulingOptions(
  ctx: Ctx,
  subject: { moduleId?: string | undefined; programmeId?: string | undefined },
): Promise<SchedulingOptions> {
  const { roots, hosts } = await schedulingHosts(ctx);
  const trainers = await repo.trainersNear(
    ctx.db,
    ctx.tenantId,
    hosts.map((h) => h.path),
    roots,
  );
  let qualification: Qualification | null = null;
  if (subject.moduleId)
    qualification = toQualification((await requireModule(ctx, subject.moduleId)).trainer_qualification);
  else if (subject.programmeId)
    qualification = toQualification((await requireProgramme(ctx, subject.programmeId)).trainer_qualification);
  const unqualified = new Set(
    await unqualifiedAmong(
      ctx,
      qualification,
      trainers.map((t) => t.id),
    ),
  );
  return {
    hosts: hosts.map((h) => ({
      id: h.id,
      name: text(ctx, JSON.parse(h.name)),
      type: h.type as 'tei' | 'resource_centre',
    })),
    trainers: trainers.map((t) => ({
      personId: t.id,
      name: nameOf(t),
      unitName: text(ctx, JSON.parse(t.unit_name)),
      qualified: !unqualified.has(t.id),
    })),
  };
}

export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let d = new Date(`${start}T00:00:00Z`); d <= new Date(`${end}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1))
    days.push(d.toISOString().slice(0, 10));
  return days;
}

/**
 * Only the candidates scheduling options offer may lead: anyone else is "not found", and their
 * qualification (built from confirmed levels) is never checked, so never revealed.
 */
export async function requireTrainers(
  ctx: Ctx,
  hostPath: string,
  qualification: Qualification | null,
  trainerIds: string[],
) {
  const { roots, hosts } = await schedulingHosts(ctx);
  const institutions = [hostPath, ...hosts.map((h) => h.path)];
  const trainers = (await repo.peopleByIds(ctx.db, ctx.tenantId, trainerIds)).filter(
    (t) =>
      institutions.some((p) => t.org_path.startsWith(p)) ||
      (t.category === 'trainer' && roots.some((r) => t.org_path.startsWith(r))),
  );
  const unknown = trainerIds.find((id) => !trainers.some((t) => t.id === id));
  if (unknown)
    throw new AppError('person_not_found', `No person ${unknown}.`, { field: 'body.trainerIds', id: unknown });
  await requireQualified(ctx, qualification, trainerIds);
}

/** The trainer qualification of what an offering runs (its module's or programme's). */
export async function qualificationOf(ctx: Ctx, offering: repo.OfferingRow) {
  if (offering.module_id)
    return toQualification((await repo.getModule(ctx.db, ctx.tenantId, offering.module_id))!.trainer_qualification);
  return toQualification(
    (await repo.getProgramme(ctx.db, ctx.tenantId, offering.programme_id!))!.trainer_qualification,
  );
}

export async function createOffering(ctx: Ctx, input: CreateOfferingInput): Promise<Offering> {
  requireScope(ctx, 'training.manage');
  const host = await org.requireUnitForPerson(ctx, input.hostUnitId);
  if (!canManageAt(ctx, host.path)) {
    if (!hasPermissionAt(ctx, 'org.read', host.path)) throw notFound('org_unit', input.hostUnitId);
    throw new AppError('forbidden', 'You may not schedule training at this institution.', {
      permission: 'training.manage',
    });
  }
  if (!HOST_TYPES.has(host.type))
    throw new AppError(
      'host_not_institution',
      'Training is hosted by a teacher-education institution or resource centre.',
      {
        field: 'body.hostUnitId',
        type: host.type,
      },
    );
  const sessionDays = [...new Set(input.sessionDays ?? daysBetween(input.startDate, input.endDate))].sort();
  const enrolOpens = input.enrolOpens ?? today();
  const enrolCloses = input.enrolCloses ?? input.startDate;
  const datesFault = (field: string, message: string) =>
    new AppError('offering_dates_invalid', message, { field: `body.${field}` });
  if (input.endDate < input.startDate) throw datesFault('endDate', 'The offering ends before it starts.');
  if (sessionDays.some((d) => d < input.startDate || d > input.endDate))
    throw datesFault('sessionDays', 'Every session day lies between the start and end dates.');
  if (enrolCloses < enrolOpens) throw datesFault('enrolCloses', 'Enrolment closes before it opens.');
  if (enrolCloses > input.endDate) throw datesFault('enrolCloses', 'Enrolment closes by the end of the offering.');

  return inTransaction(ctx, async (tx) => {
    let qualification: Qualification | null;
    let hours: number;
    if (input.moduleId) {
      const module = await repo.getModule(tx.db, tx.tenantId, input.moduleId);
      if (!module) throw new AppError('unknown_module', `No module ${input.moduleId}.`, { field: 'body.moduleId' });
      qualification = toQualification(module.trainer_qualification);
      hours = Number(module.hours);
    } else {
      const programme = await repo.getProgramme(tx.db, tx.tenantId, input.programmeId!);
      if (!programme)
        throw new AppError('unknown_programme', `No programme ${input.programmeId}.`, { field: 'body.programmeId' });
      qualification = toQualification(programme.trainer_qualification);
      hours = (await getProgramme(tx, programme.id)).hours;
    }
    const trainerIds = [...new Set(input.trainerIds)];
    await requireTrainers(tx, host.path, qualification, trainerIds);
    const row: repo.OfferingRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      module_id: input.moduleId ?? null,
      programme_id: input.programmeId ?? null,
      host_unit_id: host.id,
      host_path: host.path,
      start_date: input.startDate,
      end_date: input.endDate,
      session_days: JSON.stringify(sessionDays),
      venue: input.venue,
      online_url: input.onlineUrl,
      capacity: input.capacity,
      language: input.language,
      enrol_opens: enrolOpens,
      enrol_closes: enrolCloses,
      hours,
      roster_version: 0,
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
      status: 'scheduled',
      cancelled_at: null,
      cancel_reason: null,
      attendance_threshold: input.attendanceThreshold ?? 80,
    };
    await repo.insertOffering(tx.db, row, trainerIds);
    const created = await getOffering(tx, row.id);
    await recordAudit(tx.db, tx, 'training_offering.create', { type: 'training_offering', id: row.id }, null, created);
    return created;
  });
}

/** Offerings are a public schedule within the tenant: anyone signed in may find one to enrol in. */
export async function requireOffering(ctx: Ctx, offeringId: string) {
  const row = await repo.getOffering(ctx.db, ctx.tenantId, offeringId);
  if (!row) throw notFound('offering', offeringId);
  return row;
}

/** A cancelled offering is history: no enrolment, withdrawal, attendance, results or change. */
export function requireScheduled(offering: repo.OfferingRow) {
  if (offering.status === 'cancelled')
    throw new AppError('offering_cancelled', 'This offering was cancelled.', {
      offeringId: offering.id,
      cancelledAt: offering.cancelled_at,
    });
}

export async function getOffering(ctx: Ctx, offeringId: string): Promise<Offering> {
  return (await toOfferings(ctx, [await requireOffering(ctx, offeringId)]))[0]!;
}

export async function listOfferings(ctx: Ctx, filter: Parameters<typeof repo.listOfferings>[2]) {
  return toOfferings(ctx, await repo.listOfferings(ctx.db, ctx.tenantId, filter));
}

export async function leads(ctx: Ctx, offeringId: string) {
  if (!ctx.actor.personId) return false;
  const trainers = await repo.trainersOf(ctx.db, ctx.tenantId, [offeringId]);
  return trainers.some((t) => t.person_id === ctx.actor.personId);
}

/** Attendance and results: the offering's trainers, or whoever manages training at its host. */
export async function requireRunner(ctx: Ctx, offering: repo.OfferingRow) {
  if (ctx.actor.system || canManageAt(ctx, offering.host_path) || (await leads(ctx, offering.id))) return;
  throw new AppError('forbidden', 'Only the offering’s trainers or training managers of its host record this.', {
    permission: 'training.manage',
  });
}
