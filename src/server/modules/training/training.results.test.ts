import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { AppError } from '../../shared/errors.ts';
import { importResults } from './training.import.ts';
import * as training from './training.ts';

// Fixed before any test moves the clock.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const days = [day(14), day(15), day(16), day(17), day(18)];
const afterTheCourse = new Date(`${day(19)}T09:00:00Z`);

async function refused(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

afterEach(() => {
  vi.useRealTimers();
});

describeOnEachDatabase('training results wait for the training', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let trainer: Awaited<ReturnType<typeof make.person>>;
  let trainerCtx: Awaited<ReturnType<typeof make.user>>['ctx'];
  let module: Awaited<ReturnType<typeof make.trainingModule>>;

  beforeAll(async () => {
    world = await make.country(getDb());
    const standard = await make.publishedStandard(world.ctx);
    const competency = standard.items.find((i) => i.type === 'competency')!;
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    const lead = await make.user(world.ctx, 'trainer', tei);
    trainer = lead.person;
    trainerCtx = lead.ctx;
    module = await make.trainingModule(ministry.ctx, standard, {
      outcomes: [{ itemId: competency.id, levelCode: 'KC' }],
      trainerQualification: null,
    });
  });

  /** A five-day course in two weeks, with `n` teachers enrolled. */
  async function course(n: number) {
    const offering = await make.offering(district.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.id],
      startDate: days[0]!,
      endDate: days.at(-1)!,
      sessionDays: days,
    });
    const teachers: Awaited<ReturnType<typeof make.person>>[] = [];
    for (let i = 0; i < n; i++) teachers.push(await make.person(world.ctx, world.schoolA1));
    await training.nominate(
      district.ctx,
      offering.id,
      teachers.map((t) => t.id),
    );
    return { offering, teachers };
  }

  const attend = async (offeringId: string, personId: string, count: number) => {
    for (const d of days.slice(0, count))
      await training.recordAttendance(trainerCtx, offeringId, { day: d, records: [{ personId, present: true }] });
  };

  it('refuses a completion before the last session day, and records nothing', async () => {
    const { offering, teachers } = await course(1);
    await attend(offering.id, teachers[0]!.id, 1);
    const early = await refused(
      training.recordResults(trainerCtx, offering.id, {
        results: [{ personId: teachers[0]!.id, result: 'completed', score: 90 }],
      }),
    );
    expect(early).toMatchObject({ code: 'offering_not_finished', details: { lastSessionDay: days.at(-1) } });
    const roster = await training.listEnrolments(trainerCtx, offering.id);
    expect(roster[0]).toMatchObject({ result: null, cpdHours: null });
  });

  it('keeps the trainers of an offering off its roster, whoever enrols them', async () => {
    const { offering } = await course(0);
    const self = await refused(training.enrol(trainerCtx, offering.id));
    expect(self).toMatchObject({ code: 'trainer_cannot_enrol', details: { personIds: [trainer.id] } });
    const nominated = await refused(training.nominate(world.ctx, offering.id, [trainer.id]));
    expect(nominated.code).toBe('trainer_cannot_enrol');
    expect(await training.listEnrolments(trainerCtx, offering.id)).toEqual([]);
    expect((await training.getOffering(district.ctx, offering.id)).enrolled).toBe(0);
  });

  it('tells participants of one name apart by national id and school, on the roster and the attendance sheet', async () => {
    const { offering, teachers } = await course(1);
    const namesake = await make.person(world.ctx, world.schoolA1b, {
      givenName: teachers[0]!.givenName,
      familyName: teachers[0]!.familyName,
    });
    await training.nominate(district.ctx, offering.id, [namesake.id]);
    const sheet = await training.attendanceSheet(trainerCtx, offering.id);
    const shown = sheet.rows.map((r) => [r.personName, r.nationalId, r.schoolName.text]);
    expect(shown).toEqual([
      [expect.any(String), teachers[0]!.nationalId, world.schoolA1.name.en],
      [shown[0]![0], namesake.nationalId, world.schoolA1b.name.en],
    ]);
    const roster = await training.listEnrolments(trainerCtx, offering.id);
    expect(roster.map((e) => [e.nationalId, e.schoolName.text])).toEqual(shown.map((r) => r.slice(1)));
  });

  it('completes only at 80% of session days attended; not completed needs no attendance', async () => {
    const { offering, teachers } = await course(3);
    await attend(offering.id, teachers[0]!.id, 3);
    await attend(offering.id, teachers[1]!.id, 4);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(afterTheCourse);
    const short = await refused(
      training.recordResults(trainerCtx, offering.id, {
        results: [
          { personId: teachers[1]!.id, result: 'completed', score: 70 },
          { personId: teachers[0]!.id, result: 'completed', score: 70 },
        ],
      }),
    );
    expect(short).toMatchObject({
      code: 'attendance_below_threshold',
      details: { personId: teachers[0]!.id, attendedDays: 3, sessionDays: 5, requiredDays: 4, threshold: 0.8 },
    });
    expect((await training.listEnrolments(trainerCtx, offering.id)).map((e) => e.result)).toEqual([null, null, null]);

    const summary = await training.recordResults(trainerCtx, offering.id, {
      results: [
        { personId: teachers[1]!.id, result: 'completed', score: 70 },
        { personId: teachers[0]!.id, result: 'not_completed', score: null },
        { personId: teachers[2]!.id, result: 'not_completed', score: null },
      ],
    });
    expect(summary).toMatchObject({ completed: 1, notCompleted: 2 });
  });

  it('imports results only after the course, naming the line of a completion below the threshold', async () => {
    const { offering, teachers } = await course(2);
    const header = `national_id,${days.join(',')},result`;
    const early = await refused(
      importResults(
        trainerCtx,
        offering.id,
        Buffer.from(`${header}\n${teachers[0]!.nationalId},1,1,1,1,1,completed\n`),
      ),
    );
    expect(early.code).toBe('offering_not_finished');
    // Attendance alone may be imported while the course runs.
    const marks = await importResults(
      trainerCtx,
      offering.id,
      Buffer.from(`national_id,${days[0]}\n${teachers[0]!.nationalId},1\n`),
    );
    expect(marks).toMatchObject({ attendanceMarks: 1, completed: 0 });

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(afterTheCourse);
    const bad = [header, `${teachers[0]!.nationalId},1,1,1,1,,completed`, `${teachers[1]!.nationalId},1,,,,,completed`];
    const error = await refused(importResults(trainerCtx, offering.id, Buffer.from(bad.join('\n'))));
    expect(error).toMatchObject({
      code: 'attendance_below_threshold',
      details: { line: 3, personId: teachers[1]!.id, attendedDays: 1, requiredDays: 4 },
    });
    expect((error.details!.lines as unknown[]).length).toBe(1);
    // Nothing of the refused file stays, not even its attendance.
    const sheet = await training.attendanceSheet(trainerCtx, offering.id);
    expect(sheet.rows.find((r) => r.personId === teachers[1]!.id)!.present).toEqual({});

    const good = [
      header,
      `${teachers[0]!.nationalId},1,1,1,1,,completed`,
      `${teachers[1]!.nationalId},1,,,,,not_completed`,
    ];
    const summary = await importResults(trainerCtx, offering.id, Buffer.from(good.join('\n')));
    expect(summary).toMatchObject({ completed: 1, notCompleted: 1 });
  });
});
