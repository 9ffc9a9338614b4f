import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { AppError } from '../../shared/errors.ts';
import * as assessment from '../assessment/assessment.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as records from './records.service.ts';
import { importResults } from './training.import.ts';
import * as repo from './training.repo.ts';
import * as training from './training.ts';

// Days counted from when the file was loaded, so that a test moving the clock past a course keeps them.
const loaded = Date.now();
const day = (offset: number) => new Date(loaded + offset * 86_400_000).toISOString().slice(0, 10);
/** Results wait for the training: the clock moves to the day after `last`. */
const courseOver = (last: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(Date.parse(`${last}T09:00:00Z`) + 86_400_000));
};
afterEach(() => {
  vi.useRealTimers();
});

async function refused(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describeOnEachDatabase('training: catalogue, cascade, enrolment, results', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let competencies: (typeof standard.items)[number][];
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let ministry: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let trainer: Awaited<ReturnType<typeof make.user>>;
  let masterProgramme: Awaited<ReturnType<typeof training.createProgramme>>;
  let oneToOne: Awaited<ReturnType<typeof training.createModule>>;

  beforeAll(async () => {
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    competencies = standard.items.filter((i) => i.type === 'competency');
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    trainer = await make.user(world.ctx, 'trainer', tei);
    const mt = await make.trainingModule(ministry.ctx, standard, {
      code: 'MT-1',
      outcomes: [{ itemId: competencies[0]!.id, levelCode: 'KC' }],
    });
    masterProgramme = await training.createProgramme(ministry.ctx, {
      code: 'MTP',
      title: { en: 'Master trainer programme' },
      summary: { en: 'Prepares master trainers.' },
      moduleIds: [mt.id],
      leadsToRole: 'master_trainer',
      leadsToLevelCode: 'KC',
      trainerQualification: null,
    });
    oneToOne = await make.trainingModule(ministry.ctx, standard, {
      code: '1TO1',
      title: { en: '1:1 computing in the classroom', ru: 'Один к одному' },
      outcomes: [
        { itemId: competencies[1]!.id, levelCode: 'KD' },
        { itemId: competencies[2]!.id, levelCode: 'KD' },
      ],
      hours: 18,
      deliveryMode: 'blended',
      languages: ['en', 'ru'],
      trainerQualification: { programmeIds: [masterProgramme.id], competencies: [] },
    });
  });

  it('keeps a catalogue aligned to the standard, filtered by competency, level, language and mode', async () => {
    const online = await make.trainingModule(ministry.ctx, standard, {
      outcomes: [{ itemId: competencies[1]!.id, levelCode: 'KA' }],
      deliveryMode: 'online',
      languages: ['ne'],
      materials: [{ title: 'Guide', url: 'https://example.org/guide.pdf' }],
    });
    const codes = async (filter: Parameters<typeof training.listModules>[1]) =>
      (await training.listModules(district.ctx, filter)).map((m) => m.code);
    expect(await codes({ itemId: competencies[1]!.id })).toEqual(expect.arrayContaining(['1TO1', online.code]));
    expect(await codes({ itemId: competencies[1]!.id, levelCode: 'KD' })).toEqual(['1TO1']);
    expect(await codes({ language: 'ru' })).toEqual(['1TO1']);
    expect(await codes({ mode: 'online' })).toEqual([online.code]);
    const got = await training.getModule(district.ctx, oneToOne.id);
    expect(got.outcomes.map((o) => o.levelCode)).toEqual(['KD', 'KD']);
    expect(got.trainerQualification).toMatchObject({ programmeIds: [masterProgramme.id] });

    expect((await refused(make.trainingModule(district.ctx, standard))).code).toBe('forbidden');
    const badItem = await refused(
      make.trainingModule(ministry.ctx, standard, { outcomes: [{ itemId: 'nope', levelCode: 'KA' }] }),
    );
    expect(badItem).toMatchObject({ code: 'unknown_competency', details: { field: 'body.outcomes.0.itemId' } });
    const notYet = await refused(
      make.trainingModule(ministry.ctx, standard, {
        outcomes: [{ itemId: competencies[0]!.id, levelCode: 'not_yet' }],
      }),
    );
    expect(notYet.code).toBe('unknown_level');
    expect((await refused(make.trainingModule(ministry.ctx, standard, { code: '1TO1' }))).code).toBe('duplicate_code');

    // Prerequisites may not loop back.
    const next = await make.trainingModule(ministry.ctx, standard, { prerequisiteIds: [online.id] });
    const cycle = await refused(training.updateModule(ministry.ctx, online.id, { prerequisiteIds: [next.id] }));
    expect(cycle.code).toBe('prerequisite_cycle');
  });

  it('lets only qualified trainers lead: a completed master-trainer programme or a confirmed level', async () => {
    const refusedOffering = await refused(
      make.offering(district.ctx, tei, { moduleId: oneToOne.id, trainerIds: [trainer.person.id] }),
    );
    expect(refusedOffering).toMatchObject({
      code: 'trainer_not_qualified',
      details: { personIds: [trainer.person.id], field: 'body.trainerIds' },
    });
    expect(await repo.listOfferings(getDb().db, world.ctx.tenantId, { moduleId: oneToOne.id })).toHaveLength(0);

    // The trainer completes the master-trainer programme (no qualification needed to lead it).
    const national = await make.person(world.ctx, world.nation, { category: 'trainer' });
    const mtRun = await make.offering(ministry.ctx, tei, {
      programmeId: masterProgramme.id,
      trainerIds: [national.id],
    });
    await training.nominate(world.ctx, mtRun.id, [trainer.person.id]);
    await training.recordResults(world.ctx, mtRun.id, {
      results: [{ personId: trainer.person.id, result: 'completed', score: 90 }],
    });
    const run = await make.offering(district.ctx, tei, { moduleId: oneToOne.id, trainerIds: [trainer.person.id] });
    expect(run.trainers).toEqual([{ personId: trainer.person.id, name: expect.any(String) }]);
    expect(run.hostName.text).toBe('Region A Teacher College');

    // A module that asks for a confirmed level: a rating by an assessor qualifies, a self-assessment does not.
    const pbl = await make.trainingModule(ministry.ctx, standard, {
      trainerQualification: { programmeIds: [], competencies: [{ itemId: competencies[5]!.id, levelCode: 'KD' }] },
    });
    const other = await make.user(world.ctx, 'trainer', tei);
    const refusedPbl = await refused(
      make.offering(district.ctx, tei, { moduleId: pbl.id, trainerIds: [other.person.id] }),
    );
    expect(refusedPbl.code).toBe('trainer_not_qualified');
    const assessor = await make.user(world.ctx, 'assessor', world.regionA);
    await reviews.rate(assessor.ctx, other.person.id, {
      frameworkId: standard.id,
      itemId: competencies[5]!.id,
      levelCode: 'KC',
      evidenceIds: [],
    });
    const pblRun = await make.offering(district.ctx, tei, { moduleId: pbl.id, trainerIds: [other.person.id] });
    expect(pblRun.kind).toBe('module');
  });

  it('schedules only at institutions the officer serves', async () => {
    const school = await refused(
      make.offering(district.ctx, world.schoolA1, { moduleId: oneToOne.id, trainerIds: [trainer.person.id] }),
    );
    expect(school.code).toBe('host_not_institution');
    const farTei = await make.unit(world.ctx, world.regionB, 'tei', 'Region B college');
    const far = await refused(
      make.offering(district.ctx, farTei, { moduleId: oneToOne.id, trainerIds: [trainer.person.id] }),
    );
    expect(far.code).toBe('org_unit_not_found');
    const options = await training.schedulingOptions(district.ctx, { moduleId: oneToOne.id });
    expect(options.hosts.map((h) => h.id)).toEqual([tei.id]);
    const qualified = new Map(options.trainers.map((t) => [t.personId, t.qualified]));
    expect(qualified.get(trainer.person.id)).toBe(true);
    expect([...qualified.values()].filter((q) => !q).length).toBeGreaterThan(0);
    expect((await refused(training.schedulingOptions(leader.ctx, {}))).code).toBe('forbidden');
    const bad = await refused(
      make.offering(district.ctx, tei, {
        moduleId: oneToOne.id,
        trainerIds: [trainer.person.id],
        sessionDays: [day(30)],
      }),
    );
    expect(bad).toMatchObject({ code: 'offering_dates_invalid', details: { field: 'body.sessionDays' } });
    expect(
      (await refused(make.offering(leader.ctx, tei, { moduleId: oneToOne.id, trainerIds: [trainer.person.id] }))).code,
    ).toBe('forbidden');
  });

  describe('enrolment', () => {
    let offering: Awaited<ReturnType<typeof training.createOffering>>;
    let teachers: Awaited<ReturnType<typeof make.person>>[];

    beforeAll(async () => {
      offering = await make.offering(district.ctx, tei, {
        moduleId: oneToOne.id,
        trainerIds: [trainer.person.id],
        capacity: 2,
        sessionDays: [day(7), day(9)],
      });
      teachers = [];
      for (let i = 0; i < 4; i++) teachers.push(await make.person(world.ctx, i < 3 ? world.schoolA1 : world.schoolA1b));
    });

    it('waitlists past capacity and promotes the first waitlisted when a seat is freed', async () => {
      const placed = await training.nominate(
        leader.ctx,
        offering.id,
        teachers.slice(0, 3).map((t) => t.id),
      );
      expect(placed.map((e) => e.status)).toEqual(['enrolled', 'enrolled', 'waitlisted']);
      const again = await refused(training.nominate(leader.ctx, offering.id, [teachers[0]!.id]));
      expect(again.code).toBe('already_enrolled');
      const { withdrawn, promoted } = await training.withdraw(leader.ctx, placed[1]!.id);
      expect(withdrawn.status).toBe('withdrawn');
      expect(promoted).toMatchObject({ personId: teachers[2]!.id, status: 'enrolled' });
      expect((await training.getOffering(district.ctx, offering.id)).enrolled).toBe(2);
      // Back in: behind everyone, so on the waitlist.
      const back = await training.nominate(district.ctx, offering.id, [teachers[1]!.id]);
      expect(back[0]!.status).toBe('waitlisted');
    });

    it('never overfills under concurrent enrolments, and promotes exactly one per freed seat', async () => {
      const run = await make.offering(district.ctx, tei, {
        moduleId: oneToOne.id,
        trainerIds: [trainer.person.id],
        capacity: 3,
      });
      const crowd: Awaited<ReturnType<typeof make.user>>[] = [];
      for (let i = 0; i < 8; i++) crowd.push(await make.user(world.ctx, 'teacher', world.schoolA2));
      const placed = await Promise.all(crowd.map((t) => training.enrol(t.ctx, run.id)));
      expect(placed.filter((e) => e.status === 'enrolled')).toHaveLength(3);
      const seated = placed.filter((e) => e.status === 'enrolled');
      const freed = await Promise.all(
        seated.slice(0, 2).map((e) => training.withdraw(crowd.find((t) => t.person.id === e.personId)!.ctx, e.id)),
      );
      expect(freed.every((f) => f.promoted?.status === 'enrolled')).toBe(true);
      expect(new Set(freed.map((f) => f.promoted!.id)).size).toBe(2);
      const after = await training.getOffering(district.ctx, run.id);
      expect([after.enrolled, after.waitlisted]).toEqual([3, 3]);
    });

    it('refuses someone outside the nominator’s scope as not found, and writes nothing of the batch', async () => {
      const outside = await make.person(world.ctx, world.schoolB1);
      const before = await training.listEnrolments(district.ctx, offering.id);
      const error = await refused(training.nominate(district.ctx, offering.id, [teachers[3]!.id, outside.id]));
      expect(error).toMatchObject({ code: 'person_not_found', details: { id: outside.id } });
      // teachers[3] is in another school of the district: outside the school leader's scope too.
      const other = await refused(training.nominate(leader.ctx, offering.id, [teachers[3]!.id]));
      expect(other.code).toBe('person_not_found');
      expect(await training.listEnrolments(district.ctx, offering.id)).toEqual(before);
      // A school leader sees only the enrolments of their school on the roster, not one of another school.
      await training.nominate(district.ctx, offering.id, [teachers[3]!.id]);
      const roster = await training.listEnrolments(district.ctx, offering.id);
      expect(roster.map((e) => e.personId)).toContain(teachers[3]!.id);
      const ofTheSchool = roster.filter((e) => teachers.slice(0, 3).some((t) => t.id === e.personId));
      expect(ofTheSchool.length).toBeGreaterThan(0);
      const seen = await training.listEnrolments(leader.ctx, offering.id);
      expect(seen.map((e) => e.id).sort()).toEqual(ofTheSchool.map((e) => e.id).sort());
    });

    it('lets a teacher enrol themself only while enrolment is open', async () => {
      const me = await make.user(world.ctx, 'teacher', world.schoolA1);
      const mine = await training.enrol(me.ctx, offering.id);
      expect(mine.status).toBe('waitlisted');
      const later = await make.offering(district.ctx, tei, {
        moduleId: oneToOne.id,
        trainerIds: [trainer.person.id],
        enrolOpens: day(3),
        enrolCloses: day(5),
      });
      expect((await refused(training.enrol(me.ctx, later.id))).code).toBe('enrolment_closed');
    });

    it('records attendance on session days only, for enrolled people only', async () => {
      const sheet = await training.recordAttendance(trainer.ctx, offering.id, {
        day: day(7),
        records: [
          { personId: teachers[0]!.id, present: true },
          { personId: teachers[2]!.id, present: false },
        ],
      });
      expect(sheet.rows.find((r) => r.personId === teachers[0]!.id)!.present).toEqual({ [day(7)]: true });
      const outside = await refused(
        training.recordAttendance(trainer.ctx, offering.id, {
          day: day(8),
          records: [{ personId: teachers[0]!.id, present: true }],
        }),
      );
      expect(outside).toMatchObject({ code: 'session_day_outside_offering', details: { day: day(8) } });
      const waitlisted = await refused(
        training.recordAttendance(trainer.ctx, offering.id, {
          day: day(9),
          records: [{ personId: teachers[1]!.id, present: true }],
        }),
      );
      expect(waitlisted.code).toBe('not_enrolled');
      expect((await refused(training.attendanceSheet(leader.ctx, offering.id))).code).toBe('forbidden');
    });

    it('credits CPD hours on completion, marks the outcomes trained (not confirmed), and keeps completions final', async () => {
      await training.recordAttendance(trainer.ctx, offering.id, {
        day: day(9),
        records: [{ personId: teachers[0]!.id, present: true }],
      });
      courseOver(day(9));
      const summary = await training.recordResults(trainer.ctx, offering.id, {
        results: [
          { personId: teachers[0]!.id, result: 'completed', score: 81 },
          { personId: teachers[2]!.id, result: 'not_completed', score: null },
        ],
      });
      expect(summary).toMatchObject({ completed: 1, notCompleted: 1 });
      const done = summary.enrolments.find((e) => e.personId === teachers[0]!.id)!;
      expect(done).toMatchObject({ result: 'completed', cpdHours: 18, completedOn: day(9), score: 81 });
      const status = await assessment.statusOf(world.ctx, teachers[0]!.id, standard.id);
      const outcomeItems = [competencies[1]!.id, competencies[2]!.id];
      expect(status.filter((s) => outcomeItems.includes(s.itemId)).map((s) => [s.trained, s.confirmed])).toEqual([
        [true, false],
        [true, false],
      ]);
      const events = await assessment.listEvents(world.ctx, teachers[0]!.id);
      expect(events.filter((e) => e.kind === 'training')).toHaveLength(2);
      expect(events[0]).toMatchObject({ sourceType: 'training_offering', sourceId: done.id, levelCode: 'KD' });

      const changed = await refused(
        training.recordResults(trainer.ctx, offering.id, {
          results: [{ personId: teachers[0]!.id, result: 'not_completed', score: null }],
        }),
      );
      expect(changed.code).toBe('result_final');
      expect((await refused(training.withdraw(leader.ctx, done.id))).code).toBe('result_final');

      const transcript = await records.transcript(leader.ctx, teachers[0]!.id, Number(day(9).slice(0, 4)));
      expect(transcript).toMatchObject({ totalHours: 18, modulesCompleted: 1 });
      expect(transcript.entries[0]).toMatchObject({ code: '1TO1', hours: 18, score: 81, moduleCodes: ['1TO1'] });
      const csv = records.transcriptCsv(transcript, 'en');
      expect(csv.split('\r\n')[0]).toBe('Completed on,Type,Code,Training,Modules,Hours,Score');
      expect(csv).toContain(`${day(9)},Module,1TO1,1:1 computing in the classroom,1TO1,18,81`);
      expect(csv).toContain(',Total,');
      // The reader's language, never a code: the kind is a word of the catalogue.
      const russian = records.transcriptCsv(transcript, 'ru');
      expect(russian.split('\r\n')[0]).toBe('Дата завершения,Вид,Код,Обучение,Модули,Часы,Балл');
      expect(russian).toContain(`${day(9)},Модуль,1TO1,`);
      const outsider = await make.user(world.ctx, 'school_leader', world.schoolB1);
      expect((await refused(records.transcript(outsider.ctx, teachers[0]!.id))).code).toBe('person_not_found');
    });

    it('imports attendance and results all-or-nothing, naming the line of each unknown teacher', async () => {
      const run = await make.offering(district.ctx, tei, {
        moduleId: oneToOne.id,
        trainerIds: [trainer.person.id],
        sessionDays: [day(7), day(8)],
      });
      const people: Awaited<ReturnType<typeof make.person>>[] = [];
      for (let i = 0; i < 2; i++) people.push(await make.person(world.ctx, world.schoolA1));
      await training.nominate(
        leader.ctx,
        run.id,
        people.map((p) => p.id),
      );
      const outsider = await make.person(world.ctx, world.schoolA1);
      const bad = [
        `national_id,name,${day(7)},${day(8)},result,score`,
        `${people[0]!.nationalId},A,1,1,completed,75`,
        `NOPE-1,B,1,0,completed,`,
        `${outsider.nationalId},C,1,1,completed,`,
        `${people[1]!.nationalId},D,maybe,1,done,200`,
      ].join('\n');
      const error = await refused(importResults(trainer.ctx, run.id, Buffer.from(bad)));
      expect(error.code).toBe('csv_invalid');
      expect((error.details!.errors as { line: number; column: string }[]).map((e) => [e.line, e.column])).toEqual([
        [3, 'national_id'],
        [4, 'national_id'],
        [5, day(7)],
        [5, 'result'],
      ]);
      const untouched = await training.listEnrolments(district.ctx, run.id);
      expect(untouched.map((e) => e.result)).toEqual([null, null]);
      expect((await training.attendanceSheet(trainer.ctx, run.id)).rows.map((r) => r.present)).toEqual([{}, {}]);

      const wrongDay = await refused(
        importResults(trainer.ctx, run.id, Buffer.from(`national_id,${day(9)}\n${people[0]!.nationalId},1\n`)),
      );
      expect((wrongDay.details!.errors as { line: number; column: string }[])[0]).toMatchObject({
        line: 1,
        column: day(9),
      });

      courseOver(day(8));
      const good = [
        `national_id,${day(7)},${day(8)},result,score,completed_on`,
        `${people[0]!.nationalId},1,1,completed,75.5,${day(8)}`,
        `${people[1]!.nationalId},1,0,not_completed,,`,
      ].join('\r\n');
      const summary = await importResults(trainer.ctx, run.id, Buffer.from(good));
      expect(summary).toMatchObject({ completed: 1, notCompleted: 1, attendanceMarks: 4 });
      expect(summary.enrolments.find((e) => e.personId === people[0]!.id)).toMatchObject({
        score: 75.5,
        completedOn: day(8),
      });
      const sheet = await training.attendanceSheet(trainer.ctx, run.id);
      expect(sheet.rows.find((r) => r.personId === people[1]!.id)!.present).toEqual({
        [day(7)]: true,
        [day(8)]: false,
      });
      const changed = await refused(
        importResults(trainer.ctx, run.id, Buffer.from(`national_id,result\n${people[0]!.nationalId},not_completed\n`)),
      );
      expect(changed.code).toBe('csv_invalid');
      expect((changed.details!.errors as { line: number; column: string }[])[0]).toMatchObject({
        line: 2,
        column: 'result',
      });
    });

    it('shows the cascade: master trainers > trainers > teachers, per region', async () => {
      const view = await records.cascade(ministry.ctx, world.nation.id);
      expect(view.totals.masterTrainers).toBe(1);
      expect(view.masterTrainers[0]).toMatchObject({ personId: trainer.person.id });
      expect(view.masterTrainers[0]!.teachersReached).toBeGreaterThanOrEqual(2);
      const regionA = view.regions.find((r) => r.unitId === world.regionA.id)!;
      expect(regionA.masterTrainers).toBe(1);
      expect(regionA.teachersReached).toBe(view.totals.teachersReached);
      const regional = await make.user(world.ctx, 'regional_officer', world.regionB);
      const b = await records.cascade(regional.ctx, world.regionB.id);
      expect(b.totals).toEqual({ masterTrainers: 0, trainers: 0, teachersReached: 0 });
      expect((await refused(records.cascade(regional.ctx, world.regionA.id))).code).toBe('org_unit_not_found');
    });
  });
});
