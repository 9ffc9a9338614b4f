import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { cancelOffering } from '../training/offerings.changes.ts';
import * as training from '../training/training.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

describeOnEachDatabase('the cohort community of a cancelled offering', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let moduleId: string;
  type User = Awaited<ReturnType<typeof make.user>>;
  const users: Record<string, User> = {};
  const sessions = new Map<string, Session>();
  const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: sessions.get(who)!.headers });

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const roles: [string, Parameters<typeof make.user>[1], typeof tei][] = [
      ['ministry', 'ministry_officer', world.nation],
      ['early', 'teacher', world.schoolA1],
      ['late', 'teacher', world.schoolA1b],
      ['trainer', 'trainer', tei],
    ];
    for (const [name, role, at] of roles) {
      users[name] = await make.user(world.ctx, role, at);
      sessions.set(name, await signIn(app, users[name]!.username, users[name]!.password));
    }
    const standard = await make.publishedStandard(world.ctx);
    moduleId = (await make.trainingModule(users.ministry!.ctx, standard, { title: { en: 'Tablets in class' } })).id;
  });
  afterAll(async () => {
    await app?.close();
  });

  const course = () => make.offering(users.ministry!.ctx, tei, { moduleId, trainerIds: [users.trainer!.person.id] });

  it('keeps the members it had when the offering is cancelled and takes in nobody after', async () => {
    const offering = await course();
    await training.enrol(users.early!.ctx, offering.id);
    const opened = await get('trainer', `/api/offerings/${offering.id}/community`);
    expect(opened.statusCode, opened.body).toBe(200);
    const cohortId = opened.json().id as string;
    // Enrolled after the cohort was last read, then the offering is cancelled before anyone reads it again.
    await training.enrol(users.late!.ctx, offering.id);
    await cancelOffering(users.ministry!.ctx, offering.id, 'The trainer is ill.');

    const read = await get('early', `/api/communities/${cohortId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json().members as Json[]).map((m) => [m.id, m.role]).sort()).toEqual(
      [
        [users.early!.person.id, 'member'],
        [users.trainer!.person.id, 'moderator'],
      ].sort(),
    );
    expect((await get('late', `/api/communities/${cohortId}`)).statusCode).toBe(404);
    expect((await get('late', `/api/offerings/${offering.id}/community`)).statusCode).toBe(404);
    const listed = (await get('late', '/api/communities')).json() as Json;
    expect((listed.mine as Json[]).map((c) => c.id)).not.toContain(cohortId);
    expect(((await get('early', '/api/communities')).json().mine as Json[]).map((c) => c.id)).toContain(cohortId);
  });

  it('is not made for an offering cancelled before anyone opened its community', async () => {
    const offering = await course();
    await training.enrol(users.early!.ctx, offering.id);
    await cancelOffering(users.ministry!.ctx, offering.id, 'Not enough teachers.');
    for (const who of ['trainer', 'early']) {
      const res = await get(who, `/api/offerings/${offering.id}/community`);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('offering_cancelled');
    }
    const made = await getDb()
      .db.selectFrom('community')
      .select('id')
      .where('tenant_id', '=', world.ctx.tenantId)
      .where('offering_id', '=', offering.id)
      .execute();
    expect(made).toEqual([]);
  });
});
