import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as imports from '../imports/imports.service.ts';
import * as training from './enrolment.service.ts';
import * as repo from './training.repo.ts';

const TEACHERS = 3_000;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * A national training's results file: 3,000 teachers x 5 session days is 15,000 attendance marks and
 * 3,000 completions in one import, more rows than one statement may bind parameters for on either
 * database (SQLite 32,766; PostgreSQL 65,535).
 */
describeOnEachDatabase('results import of a whole cohort', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let admin: Session;
  let offeringId: string;
  let csv: string;
  // The training ran last week: its results are in.
  const days = [-11, -10, -9, -8, -7].map(day);

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const standard = await make.publishedStandard(world.ctx);
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'National Teacher College');
    const module = await make.trainingModule(world.ctx, standard, { hours: 30 });
    const lead = await make.person(world.ctx, tei, { category: 'trainer' });
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [lead.id],
      capacity: 10_000,
      startDate: days[0]!,
      endDate: days[4]!,
      enrolOpens: day(-30),
      enrolCloses: days[0]!,
      sessionDays: days,
    });
    offeringId = offering.id;

    const ids = Array.from({ length: TEACHERS }, (_, i) => `BULK-${String(i).padStart(5, '0')}`);
    const people = [
      'national_id,given_name,family_name,sex,category,org_unit_code',
      ...ids.map((id, i) => `${id},Given${i},Family${i},,teacher,${world.schoolA1.code}`),
    ].join('\n');
    await imports.importPeople(world.ctx, [people]);
    const persons = await repo.peopleByNationalIds(getDb().db, world.ctx.tenantId, ids);
    expect(persons).toHaveLength(TEACHERS);
    for (let i = 0; i < persons.length; i += 500)
      await training.nominate(
        world.ctx,
        offering.id,
        persons.slice(i, i + 500).map((p) => p.id),
      );

    csv = [
      ['national_id', 'name', 'result', 'score', 'completed_on', ...days].join(','),
      ...ids.map((id, i) => [id, `Teacher ${i}`, 'completed', String(50 + (i % 50)), days[4], 1, 1, 0, 1, 1].join(',')),
    ].join('\n');
    const user = await make.user(world.ctx, 'admin', world.nation);
    admin = await signIn(app, user.username, user.password);
  }, 300_000);
  afterAll(() => app.close());

  const upload = (query: string) =>
    app.inject({
      method: 'POST',
      url: `/api/offerings/${offeringId}/results/import${query}`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: Buffer.from(csv),
    });
  const written = async () => ({
    completions: (await repo.completions(getDb().db, world.ctx.tenantId)).filter((c) => c.offering_id === offeringId)
      .length,
    marks: (await repo.attendanceOf(getDb().db, world.ctx.tenantId, offeringId)).length,
  });

  it('checks a dry run of the whole file, answers the counts it would give, and writes nothing', async () => {
    const res = await upload('?dryRun=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: true,
      rows: TEACHERS,
      completed: TEACHERS,
      notCompleted: 0,
      attendanceMarks: TEACHERS * days.length,
    });
    expect(await written()).toEqual({ completions: 0, marks: 0 });
  }, 120_000);

  it('reports a faulty line in a dry run as it would in the import', async () => {
    const broken = app.inject({
      method: 'POST',
      url: `/api/offerings/${offeringId}/results/import?dryRun=true`,
      headers: { ...admin.headers, 'content-type': 'text/csv' },
      payload: Buffer.from(`national_id,result\nBULK-00001,passed\n`),
    });
    const res = await broken;
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'csv_invalid',
      details: { errors: [{ line: 2, column: 'result' }] },
    });
    expect(await written()).toEqual({ completions: 0, marks: 0 });
  });

  it('imports 3,000 teachers x 5 session days in one file', async () => {
    const res = await upload('?dryRun=false');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      dryRun: false,
      rows: TEACHERS,
      completed: TEACHERS,
      attendanceMarks: TEACHERS * days.length,
    });
    expect(await written()).toEqual({ completions: TEACHERS, marks: TEACHERS * days.length });
  }, 120_000);

  it('takes the same file again (completions are final, marks are replaced)', async () => {
    const res = await upload('');
    expect(res.statusCode, res.body).toBe(200);
    expect(await written()).toEqual({ completions: TEACHERS, marks: TEACHERS * days.length });
  }, 120_000);
});
