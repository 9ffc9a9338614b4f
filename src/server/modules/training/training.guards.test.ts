import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import type { AppError } from '../../shared/errors.ts';
import * as assessment from '../assessment/assessment.service.ts';
import * as reports from '../assessment/reports.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as plans from './plans.service.ts';
import { importResults } from './training.import.ts';
import * as repo from './training.repo.ts';
import * as training from './training.ts';

async function refused(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

/** Who may write what, and what two writers at once leave behind. */
describeOnEachDatabase('training guards', (getDb, dialect) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let c: string[];
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let module: Awaited<ReturnType<typeof training.createModule>>;
  let guarded: Awaited<ReturnType<typeof training.createModule>>;
  let trainer: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let assessor: Awaited<ReturnType<typeof make.user>>;
  let schoolTrainer: Awaited<ReturnType<typeof make.user>>;
  let trainerSession: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    c = standard.items.filter((i) => i.type === 'competency').map((i) => i.id);
    tei = await make.unit(world.ctx, world.regionA, 'tei');
    const ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    await reports.setTarget(ministry.ctx, world.nation.id, standard.id, 'KD');
    module = await make.trainingModule(ministry.ctx, standard, { outcomes: [{ itemId: c[1]!, levelCode: 'KD' }] });
    guarded = await make.trainingModule(ministry.ctx, standard, {
      trainerQualification: { programmeIds: [], competencies: [{ itemId: c[6]!, levelCode: 'KC' }] },
    });
    trainer = await make.user(world.ctx, 'trainer', tei);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    assessor = await make.user(world.ctx, 'assessor', world.regionA);
    schoolTrainer = await make.user(world.ctx, 'trainer', world.schoolA1);
    trainerSession = await signIn(app, trainer.username, trainer.password);
  });
  afterAll(() => app.close());

  async function teacherWithGap() {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    await reviews.rate(assessor.ctx, teacher.person.id, {
      frameworkId: standard.id,
      itemId: c[1]!,
      levelCode: 'KA',
      evidenceIds: [],
    });
    return teacher;
  }

  async function runWith(people: { id: string }[]) {
    const run = await make.offering(district.ctx, tei, { moduleId: module.id, trainerIds: [trainer.person.id] });
    await training.nominate(
      leader.ctx,
      run.id,
      people.map((p) => p.id),
    );
    return run;
  }

  /** A course that ran last week, everyone present every day: its results may be recorded. */
  async function ranWith(people: { id: string }[]) {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const run = await make.offering(district.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.person.id],
      startDate: day(-9),
      endDate: day(-7),
      enrolOpens: day(-30),
      enrolCloses: day(-9),
    });
    // The system records the enrolments of a course already run.
    await training.nominate(
      world.ctx,
      run.id,
      people.map((p) => p.id),
    );
    for (const day of run.sessionDays)
      await training.recordAttendance(trainer.ctx, run.id, {
        day,
        records: people.map((p) => ({ personId: p.id, present: true })),
      });
    return run;
  }

  it('lets only the teacher or their school leader propose a plan over the draft', async () => {
    const teacher = await teacherWithGap();
    const draft = await plans.generatePlan(teacher.ctx, teacher.person.id, standard.id);
    for (const reader of [assessor, schoolTrainer])
      expect(await refused(plans.generatePlan(reader.ctx, teacher.person.id, standard.id))).toMatchObject({
        code: 'forbidden',
        details: { permission: 'plans.agree' },
      });
    const outsider = await make.user(world.ctx, 'school_leader', world.schoolB1);
    expect((await refused(plans.generatePlan(outsider.ctx, teacher.person.id, standard.id))).code).toBe(
      'person_not_found',
    );
    expect((await plans.plansOf(teacher.ctx, teacher.person.id)).map((p) => p.id)).toEqual([draft.id]);
    const replaced = await plans.generatePlan(leader.ctx, teacher.person.id, standard.id);
    expect((await plans.plansOf(teacher.ctx, teacher.person.id)).map((p) => p.id)).toEqual([replaced.id]);
  });

  it('never deletes the items of a plan that is no longer a draft', async () => {
    const teacher = await teacherWithGap();
    const plan = await plans.generatePlan(teacher.ctx, teacher.person.id, standard.id);
    await plans.setPlanStatus(leader.ctx, plan.id, 'agreed');
    expect(await repo.deletePlan(getDb().db, world.ctx.tenantId, plan.id)).toBe(false);
    const kept = await plans.getPlan(teacher.ctx, plan.id);
    expect(kept.status).toBe('agreed');
    expect(kept.items).toHaveLength(plan.items.length);
    expect(kept.items.length).toBeGreaterThan(0);
  });

  it('does not overwrite a plan agreed while the teacher was editing it', async () => {
    const teacher = await teacherWithGap();
    const plan = await plans.generatePlan(teacher.ctx, teacher.person.id, standard.id);
    const edit = {
      items: [
        { itemId: c[1]!, targetLevelCode: 'KD', moduleId: null, plannedStart: null, plannedEnd: null, note: 'Mine.' },
      ],
    };
    if (dialect === 'postgres') {
      // The leader's agreement holds the plan's row and stays open until PostgreSQL reports the edit waiting
      // on it (pg_blocking_pids): the two overlap on every run, not by timing luck.
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let holding!: (pid: number) => void;
      const holder = new Promise<number>((resolve) => {
        holding = resolve;
      });
      const agreeing = getDb()
        .db.transaction()
        .execute(async (trx) => {
          await plans.setPlanStatus({ ...leader.ctx, db: trx }, plan.id, 'agreed');
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          holding(rows[0]!.pid);
          await held;
        });
      const holderPid = await Promise.race([
        holder,
        agreeing.then(() => Promise.reject(new Error('the agreement ended before holding the plan'))),
      ]);
      let settled = false;
      const editing = refused(plans.editPlan(teacher.ctx, plan.id, edit)).finally(() => {
        settled = true;
      });
      let waited = false;
      while (!waited && !settled) {
        const { rows } = await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_stat_activity where ${holderPid} = any(pg_blocking_pids(pid))
        `.execute(getDb().db);
        waited = rows[0]!.waiting > 0;
        if (!waited) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      release();
      await agreeing;
      expect((await editing).code).toBe('plan_not_draft');
      // The edit reached the plan while the agreement held it, rather than finishing before or after.
      expect(waited).toBe(true);
    } else {
      await plans.setPlanStatus(leader.ctx, plan.id, 'agreed');
      expect((await refused(plans.editPlan(teacher.ctx, plan.id, edit))).code).toBe('plan_not_draft');
    }
    const after = await plans.getPlan(teacher.ctx, plan.id);
    expect(after.status).toBe('agreed');
    expect(after.items.map((i) => i.note)).toEqual(plan.items.map((i) => i.note));
  });

  it('refuses a person named twice in one results or attendance request, writing nothing', async () => {
    const [a, b] = [await make.person(world.ctx, world.schoolA1), await make.person(world.ctx, world.schoolA1)];
    const run = await runWith([a, b]);
    const results = await app.inject({
      method: 'PUT',
      url: `/api/offerings/${run.id}/results`,
      headers: trainerSession.headers,
      payload: {
        results: [
          { personId: a.id, result: 'completed' },
          { personId: b.id, result: 'completed' },
          { personId: a.id, result: 'not_completed' },
        ],
      },
    });
    expect(results.statusCode).toBe(400);
    expect(results.json().error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.results.2.personId' }] },
    });
    expect((await training.listEnrolments(trainer.ctx, run.id)).map((e) => [e.personId, e.result]).sort()).toEqual(
      [
        [a.id, null],
        [b.id, null],
      ].sort(),
    );
    expect((await assessment.listEvents(world.ctx, a.id)).filter((e) => e.kind === 'training')).toEqual([]);

    const attendance = await app.inject({
      method: 'PUT',
      url: `/api/offerings/${run.id}/attendance`,
      headers: trainerSession.headers,
      payload: {
        day: run.sessionDays[0],
        records: [
          { personId: a.id, present: true },
          { personId: a.id, present: false },
        ],
      },
    });
    expect(attendance.statusCode).toBe(400);
    expect(attendance.json().error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'body.records.1.personId' }] },
    });
    const sheet = await training.attendanceSheet(trainer.ctx, run.id);
    expect(sheet.rows.map((r) => r.present)).toEqual([{}, {}]);
  });

  it('writes one set of training events when the same completion is recorded twice at once', async () => {
    const people = [await make.person(world.ctx, world.schoolA1), await make.person(world.ctx, world.schoolA1)];
    const run = await ranWith(people);
    const input = { results: people.map((p) => ({ personId: p.id, result: 'completed' as const, score: null })) };
    await Promise.all([
      training.recordResults(trainer.ctx, run.id, input),
      training.recordResults(trainer.ctx, run.id, input),
      importResults(
        trainer.ctx,
        run.id,
        Buffer.from(`national_id,result\n${people.map((p) => `${p.nationalId},completed`).join('\n')}\n`),
      ),
    ]);
    for (const p of people)
      expect((await assessment.listEvents(world.ctx, p.id)).filter((e) => e.kind === 'training')).toHaveLength(1);
  });

  it('takes trainers only from the candidates scheduling offers, without revealing anyone else’s levels', async () => {
    const body = {
      hostUnitId: tei.id,
      startDate: '2031-01-06',
      endDate: '2031-01-07',
      enrolOpens: '2031-01-01',
      venue: 'Hall',
      onlineUrl: null,
      capacity: 5,
      language: 'en',
    };
    const before = await training.listOfferings(district.ctx, {});
    // A qualified person far away, and an unqualified one: both outside the district's candidates.
    const far = await make.person(world.ctx, world.schoolB1, { category: 'trainer' });
    await reviews.rate(assessor.ctx, schoolTrainer.person.id, {
      frameworkId: standard.id,
      itemId: c[6]!,
      levelCode: 'KC',
      evidenceIds: [],
    });
    const elsewhere = await make.user(world.ctx, 'assessor', world.regionB);
    await reviews.rate(elsewhere.ctx, far.id, {
      frameworkId: standard.id,
      itemId: c[6]!,
      levelCode: 'KC',
      evidenceIds: [],
    });
    const teacher = await make.person(world.ctx, world.schoolA1);
    for (const id of [far.id, teacher.id, schoolTrainer.person.id]) {
      const error = await refused(
        training.createOffering(district.ctx, { ...body, moduleId: guarded.id, trainerIds: [id] }),
      );
      expect(error).toMatchObject({ code: 'person_not_found', details: { field: 'body.trainerIds', id } });
    }
    expect(await training.listOfferings(district.ctx, {})).toEqual(before);
    // A candidate is still checked for the qualification, and may lead once qualified.
    const novice = await make.person(world.ctx, tei, { category: 'trainer' });
    expect(
      (await refused(training.createOffering(district.ctx, { ...body, moduleId: guarded.id, trainerIds: [novice.id] })))
        .code,
    ).toBe('trainer_not_qualified');
    const local = await make.person(world.ctx, world.districtA1, { category: 'trainer' });
    const created = await training.createOffering(district.ctx, {
      ...body,
      moduleId: module.id,
      trainerIds: [local.id],
    });
    expect(created.trainers.map((t) => t.personId)).toEqual([local.id]);
  });

  it('answers an unknown national id and one not enrolled the same way on import', async () => {
    const enrolled = await make.person(world.ctx, world.schoolA1);
    const run = await runWith([enrolled]);
    const stranger = await make.person(world.ctx, world.schoolB1);
    const error = await refused(
      importResults(
        trainer.ctx,
        run.id,
        Buffer.from(`national_id,result\nNOPE-9,completed\n${stranger.nationalId},completed\n`),
      ),
    );
    const faults = error.details!.errors as { line: number; message: string }[];
    expect(faults.map((f) => f.message)).toEqual([
      'National id NOPE-9 is not enrolled in this offering.',
      `National id ${stranger.nationalId} is not enrolled in this offering.`,
    ]);
  });
});
