import { requireScope, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as people from '../people/people.service.ts';
import { completedBy } from './catalogue.service.ts';
import { canManageAt, leads, requireOffering, requireScheduled, today } from './offerings.service.ts';
import { toEnrolment, toOfferings } from './training.presenters.ts';
import * as repo from './training.repo.ts';
import type { Enrolment } from './training.schemas.ts';

// ---------------------------------------------------------------- enrolment

/** A person's enrolments, newest first, each with its offering: the teacher's "my training". */
export async function enrolmentsOfPerson(ctx: Ctx, personId: string) {
  await people.requirePerson(ctx, personId);
  const rows = await repo.enrolmentsOfPerson(ctx.db, ctx.tenantId, personId);
  const offerings = await toOfferings(
    ctx,
    await repo.listOfferings(ctx.db, ctx.tenantId, { ids: rows.map((r) => r.offering_id) }),
  );
  return rows.map((r) => ({ ...toEnrolment(ctx, r), offering: offerings.find((o) => o.id === r.offering_id)! }));
}

/** The roster: all of it for those who run the offering; for others, the people in their scope and themselves. */
export async function listEnrolments(ctx: Ctx, offeringId: string): Promise<Enrolment[]> {
  const offering = await requireOffering(ctx, offeringId);
  const runner = ctx.actor.system || canManageAt(ctx, offering.host_path) || (await leads(ctx, offeringId));
  const rows = await repo.roster(
    ctx.db,
    ctx.tenantId,
    offeringId,
    runner ? undefined : [...scopePaths(ctx, 'training.nominate'), ...scopePaths(ctx, 'training.manage')],
  );
  const own = runner
    ? []
    : (await repo.roster(ctx.db, ctx.tenantId, offeringId)).filter((r) => r.person_id === ctx.actor.personId);
  const byId = new Map([...rows, ...own].map((r) => [r.id, r]));
  return [...byId.values()].map((r) => toEnrolment(ctx, r));
}

async function requirePrerequisites(ctx: Ctx, personIds: string[], offering: repo.OfferingRow) {
  if (!offering.module_id) return;
  const module = await repo.getModule(ctx.db, ctx.tenantId, offering.module_id);
  const needed = JSON.parse(module!.prerequisite_ids) as string[];
  if (needed.length === 0) return;
  const done = await completedBy(ctx, personIds);
  const lacking = personIds.filter((id) => needed.some((m) => !done.get(id)?.modules.has(m)));
  if (lacking.length)
    throw new AppError('prerequisites_not_met', 'Complete the prerequisite modules first.', {
      personIds: lacking,
      moduleIds: needed,
    });
}

/**
 * Seats go in the order asked: while seats remain a person is enrolled, after that waitlisted.
 * The offering's row lock makes counting and placing one step under concurrent enrolments.
 */
async function place(ctx: Ctx, offering: repo.OfferingRow, personIds: string[], nominated: boolean) {
  requireScheduled(offering);
  // The system (demo seeder, CLI) may record training that ran before Pathway did.
  if (!ctx.actor.system) {
    const now = today();
    if (now < offering.enrol_opens || now > offering.enrol_closes)
      throw new AppError('enrolment_closed', 'Enrolment in this offering is not open.', {
        opens: offering.enrol_opens,
        closes: offering.enrol_closes,
      });
  }
  // Who leads a course does not also take a seat in it (nor appear on its register).
  const trainers = new Set((await repo.trainersOf(ctx.db, ctx.tenantId, [offering.id])).map((t) => t.person_id));
  const leading = personIds.filter((id) => trainers.has(id));
  if (leading.length)
    throw new AppError('trainer_cannot_enrol', 'A trainer of this offering cannot enrol in it.', {
      personIds: leading,
    });
  await requirePrerequisites(ctx, personIds, offering);
  await repo.lockOffering(ctx.db, ctx.tenantId, offering.id);
  const existing = await repo.enrolmentsOfPeople(ctx.db, ctx.tenantId, offering.id, personIds);
  const active = existing.filter((e) => e.status !== 'withdrawn');
  if (active.length)
    throw new AppError('already_enrolled', 'Already enrolled or on the waitlist.', {
      personIds: active.map((e) => e.person_id),
    });
  let taken = await repo.countEnrolled(ctx.db, ctx.tenantId, offering.id);
  const at = nowIso();
  const ids: string[] = [];
  for (const personId of personIds) {
    const status = taken < offering.capacity ? 'enrolled' : 'waitlisted';
    if (status === 'enrolled') taken++;
    const patch = {
      status,
      nominated_by_account_id: nominated ? ctx.actor.accountId : null,
      queued_at: at,
      updated_at: at,
    };
    const before = existing.find((e) => e.person_id === personId);
    if (before) {
      await repo.updateEnrolment(ctx.db, ctx.tenantId, before.id, patch);
      ids.push(before.id);
    } else {
      const id = newId();
      await repo.insertEnrolment(ctx.db, {
        tenant_id: ctx.tenantId,
        id,
        offering_id: offering.id,
        person_id: personId,
        result: null,
        score: null,
        completed_on: null,
        cpd_hours: null,
        created_at: at,
        ...patch,
      });
      ids.push(id);
    }
  }
  const rows = await repo.roster(ctx.db, ctx.tenantId, offering.id);
  const placed = ids.map((id) => toEnrolment(ctx, rows.find((r) => r.id === id)!));
  await enrolmentChanged.emit(ctx, {
    offeringId: offering.id,
    placed: placed.map((e) => ({ personId: e.personId, status: e.status as 'enrolled' | 'waitlisted' })),
  });
  await recordAudit(
    ctx.db,
    ctx,
    nominated ? 'enrolment.nominate' : 'enrolment.create',
    {
      type: 'training_offering',
      id: offering.id,
    },
    null,
    placed,
  );
  return placed;
}

/** People placed on an offering, or moved up from its waitlist (notifications tell each person). */
export const enrolmentChanged = domainEvent<{
  offeringId: string;
  placed: { personId: string; status: 'enrolled' | 'waitlisted' | 'promoted' }[];
}>();

/** The signed-in person enrols themself. */
export async function enrol(ctx: Ctx, offeringId: string): Promise<Enrolment> {
  if (!ctx.actor.personId) throw new AppError('forbidden', 'Only a person can enrol themself.');
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    return (await place(tx, offering, [tx.actor.personId!], false))[0]!;
  });
}

/** A school leader or district officer enrols people in their scope; anyone else is "not found". */
export async function nominate(ctx: Ctx, offeringId: string, personIds: string[]): Promise<Enrolment[]> {
  const roots = requireScope(ctx, 'training.nominate');
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    const ids = [...new Set(personIds)];
    const visible = await repo.peopleUnder(tx.db, tx.tenantId, ids, roots);
    const outside = ids.find((id) => !visible.some((p) => p.id === id));
    if (outside) throw new AppError('person_not_found', `No person with id ${outside}.`, { id: outside });
    return place(tx, offering, ids, true);
  });
}

/** Leaves an offering; a freed seat goes to the first on the waitlist in the same transaction. */
export async function withdraw(ctx: Ctx, enrolmentId: string) {
  return inTransaction(ctx, async (tx) => {
    const enrolment = await repo.getEnrolment(tx.db, tx.tenantId, enrolmentId);
    if (!enrolment) throw notFound('enrolment', enrolmentId);
    const offering = await requireOffering(tx, enrolment.offering_id);
    const self = enrolment.person_id === tx.actor.personId;
    const inScope =
      self ||
      tx.actor.system ||
      canManageAt(tx, offering.host_path) ||
      (await repo.peopleUnder(tx.db, tx.tenantId, [enrolment.person_id], scopePaths(tx, 'training.nominate'))).length >
        0;
    if (!inScope) throw notFound('enrolment', enrolmentId);
    requireScheduled(offering);
    await repo.lockOffering(tx.db, tx.tenantId, offering.id);
    const current = (await repo.getEnrolment(tx.db, tx.tenantId, enrolmentId))!;
    if (current.result === 'completed')
      throw new AppError('result_final', 'A completed training cannot be withdrawn from.', { enrolmentId });
    if (current.status === 'withdrawn')
      throw new AppError('not_enrolled', 'This enrolment was withdrawn already.', { enrolmentId });
    const at = nowIso();
    await repo.updateEnrolment(tx.db, tx.tenantId, enrolmentId, { status: 'withdrawn', updated_at: at });
    let promoted: string | null = null;
    if (current.status === 'enrolled') {
      const next = await repo.firstWaitlisted(tx.db, tx.tenantId, offering.id);
      if (next) {
        await repo.updateEnrolment(tx.db, tx.tenantId, next.id, { status: 'enrolled', updated_at: at });
        promoted = next.id;
        await enrolmentChanged.emit(tx, {
          offeringId: offering.id,
          placed: [{ personId: next.person_id, status: 'promoted' }],
        });
      }
    }
    await recordAudit(tx.db, tx, 'enrolment.withdraw', { type: 'enrolment', id: enrolmentId }, current, {
      status: 'withdrawn',
      promotedEnrolmentId: promoted,
    });
    const rows = await repo.roster(tx.db, tx.tenantId, offering.id);
    const pick = (id: string | null) => (id ? toEnrolment(tx, rows.find((r) => r.id === id)!) : null);
    return { withdrawn: pick(enrolmentId)!, promoted: pick(promoted) };
  });
}
