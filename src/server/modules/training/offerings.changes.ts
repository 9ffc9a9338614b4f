import { recordAudit } from '../../shared/audit.ts';
import { formatDay, LOCALES, type Locale, message } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { accountsOfPeople } from '../notifications/notifications.repo.ts';
import { notify } from '../notifications/notifications.service.ts';
import { enrolmentChanged } from './enrolment.service.ts';
import {
  canManageAt,
  daysBetween,
  getOffering,
  qualificationOf,
  requireOffering,
  requireScheduled,
  requireTrainers,
} from './offerings.service.ts';
import * as repo from './training.repo.ts';
import type { EditOfferingInput, Offering } from './training.schemas.ts';

/** Changing or cancelling an offering: whoever may schedule at its host (`canManageAt`). */
function requireManager(ctx: Ctx, offering: repo.OfferingRow) {
  if (ctx.actor.system || canManageAt(ctx, offering.host_path)) return;
  throw new AppError('forbidden', 'Only training managers of the host may change or cancel this offering.', {
    permission: 'training.manage',
  });
}

/** What changed, as a sentence or two in every language (dates written as each language writes them). */
function describeChanges(before: Offering, after: Offering): Record<Locale, string> | null {
  const datesMoved = before.startDate !== after.startDate || before.endDate !== after.endDate;
  const daysMoved = before.sessionDays.join() !== after.sessionDays.join();
  const venueMoved = before.venue !== after.venue;
  const linkMoved = before.onlineUrl !== after.onlineUrl;
  const names = (o: Offering) => o.trainers.map((t) => t.name).join(', ');
  const trainersMoved = names(before) !== names(after);
  const thresholdMoved = before.attendanceThreshold !== after.attendanceThreshold;
  if (!datesMoved && !daysMoved && !venueMoved && !linkMoved && !trainersMoved && !thresholdMoved) return null;
  return Object.fromEntries(
    LOCALES.map((locale) => {
      const say = (key: string, values: Record<string, string | number>) =>
        message(locale, `messages.offeringChange.${key}`, values);
      const none = message(locale, 'messages.offeringChange.none');
      const day = (d: string) => formatDay(d, locale);
      const lines: string[] = [];
      if (datesMoved) lines.push(say('dates', { start: day(after.startDate), end: day(after.endDate) }));
      if (daysMoved && after.sessionDays.length <= 10)
        lines.push(say('days', { days: after.sessionDays.map(day).join(', ') }));
      if (venueMoved) lines.push(say('venue', { venue: after.venue ?? none }));
      if (linkMoved) lines.push(say('link', { link: after.onlineUrl ?? none }));
      if (trainersMoved) lines.push(say('trainers', { names: names(after) }));
      if (thresholdMoved) lines.push(say('threshold', { percent: after.attendanceThreshold }));
      return [locale, lines.join(' ')];
    }),
  ) as Record<Locale, string>;
}

/** Everyone on the roster (enrolled or waitlisted) and the trainers named, as accounts. */
async function recipientsOf(ctx: Ctx, offeringId: string, trainerIds: string[]) {
  const roster = (await repo.roster(ctx.db, ctx.tenantId, offeringId)).filter(
    (r) => r.status === 'enrolled' || r.status === 'waitlisted',
  );
  return accountsOfPeople(ctx.db, ctx.tenantId, [...new Set([...roster.map((r) => r.person_id), ...trainerIds])]);
}

/**
 * Changes an offering's dates, session days, place, capacity, enrolment window, trainers or
 * attendance threshold. Nothing recorded is dropped: attendance on a day that would stop being a
 * session day, and any change of dates or threshold once results are in, is `offering_has_records`.
 * A larger capacity seats the waitlisted in queue order. Everyone on the roster and every trainer
 * (added and removed ones too) is told what changed.
 */
export async function editOffering(ctx: Ctx, offeringId: string, input: EditOfferingInput): Promise<Offering> {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    requireManager(tx, offering);
    requireScheduled(offering);
    await repo.lockOffering(tx.db, tx.tenantId, offering.id);
    const before = await getOffering(tx, offeringId);

    const startDate = input.startDate ?? offering.start_date;
    const endDate = input.endDate ?? offering.end_date;
    const datesMoved = startDate !== offering.start_date || endDate !== offering.end_date;
    const oldDays = JSON.parse(offering.session_days) as string[];
    const sessionDays = input.sessionDays
      ? [...new Set(input.sessionDays)].sort()
      : datesMoved
        ? daysBetween(startDate, endDate)
        : oldDays;
    const enrolOpens = input.enrolOpens ?? offering.enrol_opens;
    // Enrolment that closed on the first day (the default) still does when the first day moves.
    const enrolCloses =
      input.enrolCloses ?? (offering.enrol_closes === offering.start_date ? startDate : offering.enrol_closes);
    const venue = input.venue === undefined ? offering.venue : input.venue;
    const onlineUrl = input.onlineUrl === undefined ? offering.online_url : input.onlineUrl;
    const capacity = input.capacity ?? offering.capacity;
    const threshold = input.attendanceThreshold ?? Number(offering.attendance_threshold);

    const datesFault = (field: string, message: string) =>
      new AppError('offering_dates_invalid', message, { field: `body.${field}` });
    if (endDate < startDate) throw datesFault('endDate', 'The offering ends before it starts.');
    if (sessionDays.some((d) => d < startDate || d > endDate))
      throw datesFault('sessionDays', 'Every session day lies between the start and end dates.');
    if (enrolCloses < enrolOpens) throw datesFault('enrolCloses', 'Enrolment closes before it opens.');
    if (enrolCloses > endDate) throw datesFault('enrolCloses', 'Enrolment closes by the end of the offering.');
    if (venue === null && onlineUrl === null)
      throw new AppError('validation_failed', 'Give a venue, an online link, or both.', { field: 'body.venue' });

    const daysMoved = sessionDays.join() !== oldDays.join();
    const results = await repo.countResults(tx.db, tx.tenantId, offering.id);
    if (results > 0 && (datesMoved || daysMoved || threshold !== Number(offering.attendance_threshold)))
      throw new AppError(
        'offering_has_records',
        'Results are recorded: the dates, session days and attendance threshold they were judged on stay.',
        { field: datesMoved || daysMoved ? 'body.startDate' : 'body.attendanceThreshold', results },
      );
    if (daysMoved) {
      const kept = new Set(sessionDays);
      const marked = [...new Set((await repo.attendanceOf(tx.db, tx.tenantId, offering.id)).map((m) => m.day))].filter(
        (d) => !kept.has(d),
      );
      if (marked.length)
        throw new AppError(
          'offering_has_records',
          'Attendance is recorded on days that would stop being session days.',
          {
            field: 'body.sessionDays',
            days: marked.sort(),
          },
        );
    }
    const enrolled = await repo.countEnrolled(tx.db, tx.tenantId, offering.id);
    if (capacity < enrolled)
      throw new AppError('capacity_below_enrolled', 'More people are enrolled than the capacity asked for.', {
        field: 'body.capacity',
        enrolled,
        capacity,
      });

    let trainerIds = before.trainers.map((t) => t.personId);
    if (input.trainerIds) {
      const wanted = [...new Set(input.trainerIds)];
      const added = wanted.filter((id) => !trainerIds.includes(id));
      if (added.length) {
        await requireTrainers(tx, offering.host_path, await qualificationOf(tx, offering), added);
        const seated = (await repo.enrolmentsOfPeople(tx.db, tx.tenantId, offering.id, added)).filter(
          (e) => e.status === 'enrolled' || e.status === 'waitlisted',
        );
        if (seated.length)
          throw new AppError('trainer_cannot_enrol', 'Someone enrolled in this offering cannot also lead it.', {
            field: 'body.trainerIds',
            personIds: seated.map((e) => e.person_id),
          });
      }
      if (added.length || wanted.length !== trainerIds.length)
        await repo.replaceTrainers(tx.db, tx.tenantId, offering.id, wanted);
      trainerIds = wanted;
    }

    await repo.updateOffering(tx.db, tx.tenantId, offering.id, {
      start_date: startDate,
      end_date: endDate,
      session_days: JSON.stringify(sessionDays),
      enrol_opens: enrolOpens,
      enrol_closes: enrolCloses,
      venue,
      online_url: onlineUrl,
      capacity,
      attendance_threshold: threshold,
    });

    // Seats added go to the waitlist in queue order, as a withdrawal's seat does.
    const promoted: string[] = [];
    for (let free = capacity - enrolled; free > 0; free--) {
      const next = await repo.firstWaitlisted(tx.db, tx.tenantId, offering.id);
      if (!next) break;
      await repo.updateEnrolment(tx.db, tx.tenantId, next.id, { status: 'enrolled', updated_at: nowIso() });
      promoted.push(next.person_id);
    }
    if (promoted.length)
      await enrolmentChanged.emit(tx, {
        offeringId: offering.id,
        placed: promoted.map((personId) => ({ personId, status: 'promoted' as const })),
      });

    const after = await getOffering(tx, offeringId);
    const changes = describeChanges(before, after);
    if (changes) {
      const recipients = await recipientsOf(tx, offering.id, [
        ...new Set([...before.trainers.map((t) => t.personId), ...trainerIds]),
      ]);
      await notify(
        tx,
        'offering_changed',
        recipients,
        { offering: await subjectTitle(tx, offering), changes: { words: changes } },
        `/offerings/${offering.id}`,
      );
    }
    await recordAudit(tx.db, tx, 'training_offering.update', { type: 'training_offering', id: offering.id }, before, {
      ...after,
      promotedPersonIds: promoted,
    });
    return after;
  });
}

/**
 * Cancels an offering with a reason. Its enrolments stay as they were (the roster shows who was
 * affected) but the offering takes nothing more: no enrolment, withdrawal, attendance or results
 * (`offering_cancelled`), so no completion, CPD hours or plan progress ever comes from it. Refused
 * once results are recorded. Everyone enrolled or waitlisted, and the trainers, are told why.
 */
export async function cancelOffering(ctx: Ctx, offeringId: string, reason: string): Promise<Offering> {
  return inTransaction(ctx, async (tx) => {
    const offering = await requireOffering(tx, offeringId);
    requireManager(tx, offering);
    requireScheduled(offering);
    await repo.lockOffering(tx.db, tx.tenantId, offering.id);
    const results = await repo.countResults(tx.db, tx.tenantId, offering.id);
    if (results > 0)
      throw new AppError('offering_has_records', 'Results are recorded: this offering took place.', { results });
    const before = await getOffering(tx, offeringId);
    await repo.updateOffering(tx.db, tx.tenantId, offering.id, {
      status: 'cancelled',
      cancelled_at: nowIso(),
      cancel_reason: reason,
    });
    const after = await getOffering(tx, offeringId);
    const dates = Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        `${formatDay(offering.start_date, locale)} – ${formatDay(offering.end_date, locale)}`,
      ]),
    ) as Record<Locale, string>;
    await notify(
      tx,
      'offering_cancelled',
      await recipientsOf(
        tx,
        offering.id,
        before.trainers.map((t) => t.personId),
      ),
      { offering: await subjectTitle(tx, offering), dates: { words: dates }, reason },
      `/offerings/${offering.id}`,
    );
    await recordAudit(
      tx.db,
      tx,
      'training_offering.cancel',
      { type: 'training_offering', id: offering.id },
      before,
      after,
    );
    return after;
  });
}

/** The module's or programme's title in every language it has, for messages in each reader's. */
async function subjectTitle(ctx: Ctx, offering: repo.OfferingRow) {
  const row = offering.module_id
    ? await repo.getModule(ctx.db, ctx.tenantId, offering.module_id)
    : await repo.getProgramme(ctx.db, ctx.tenantId, offering.programme_id!);
  return { text: JSON.parse(row!.title) };
}
