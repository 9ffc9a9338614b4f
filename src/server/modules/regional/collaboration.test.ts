import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { seedDemo } from '../../../cli/demo.ts';
import { REGIONAL_LOGIN, seedSecondCountry } from '../../../cli/demo-second-country.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction, systemBase } from '../../shared/context.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as people from '../people/people.service.ts';
import { createTenant } from './tenants.service.ts';

const PASSWORD = 'pathway-demo';
// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

async function tenantId(database: Database, code: string) {
  return (await database.db.selectFrom('tenant').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/** A teacher of the country (the n-th by national id) given an account, for the test to sign in as. */
async function teacherAccount(database: Database, code: string, n: number, username: string) {
  const tenant = await tenantId(database, code);
  const person = await database.db
    .selectFrom('person')
    .select(['id', 'org_unit_id'])
    .where('tenant_id', '=', tenant)
    .where('category', '=', 'teacher')
    .orderBy('national_id')
    .offset(n)
    .limit(1)
    .executeTakeFirstOrThrow();
  await inTransaction({ ...systemBase(database), tenantId: tenant }, (tx) =>
    accounts.createAccount(tx, {
      personId: person.id,
      username,
      password: PASSWORD,
      roles: [{ role: 'teacher', orgUnitId: person.org_unit_id }],
    }),
  );
  return person.id;
}

describeOnEachDatabase('regional collaboration', (getDb) => {
  let app: TestApp;
  const s: Record<string, Session> = {};
  const ids: Record<string, string> = {};
  let projectId = '';
  const call = async (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s[who]!.headers, ...(payload ? { payload } : {}) });
  const ok = async (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, `${who} ${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json() as Json;
  };

  beforeAll(async () => {
    const db = getDb();
    await seedDemo(db, { teachers: 200 });
    await seedSecondCountry(db, { code: 'solvara', name: 'Republic of Solvara', teachers: 60 });
    // A third country that is never invited, with its own ministry.
    const tercia = await createTenant(systemBase(db), {
      code: 'tercia',
      name: 'Tercia',
      country: 'PT',
      locales: ['en'],
    });
    const root = await db.db
      .selectFrom('org_unit')
      .select('id')
      .where('tenant_id', '=', tercia.id)
      .executeTakeFirstOrThrow();
    await inTransaction({ ...systemBase(db), tenantId: tercia.id }, async (tx) => {
      const officer = await people.createPerson(tx, {
        orgUnitId: root.id,
        category: 'officer',
        givenName: 'Ana',
        familyName: 'Terra',
        nationalId: 'TERCIA-1',
        subjects: [],
        grades: [],
        languages: ['en'],
      });
      await accounts.createAccount(tx, {
        personId: officer.id,
        username: 'tercia-ministry',
        password: PASSWORD,
        roles: [{ role: 'ministry_officer', orgUnitId: root.id }],
      });
    });
    ids.meridia = await tenantId(db, 'demo');
    ids.solvara = await tenantId(db, 'solvara');
    ids.tercia = tercia.id;
    ids.meridiaTeacher = (await db.db
      .selectFrom('user_account')
      .select('person_id')
      .where('tenant_id', '=', ids.meridia)
      .where('username', '=', 'teacher')
      .executeTakeFirstOrThrow())!.person_id!;
    ids.solvaraTeacher = await teacherAccount(db, 'solvara', 0, 'solvara-teacher');
    ids.bystander = await teacherAccount(db, 'demo', 7, 'meridia-bystander');
    app = await testApp(db);
    for (const [key, login] of Object.entries({
      office: REGIONAL_LOGIN,
      meridia: 'ministry',
      solvara: 'solvara-ministry',
      tercia: 'tercia-ministry',
      meridiaTeacher: 'teacher',
      solvaraTeacher: 'solvara-teacher',
      bystander: 'meridia-bystander',
    }))
      s[key] = await signIn(app, login, PASSWORD);
  }, 300_000);
  afterAll(async () => app?.close());

  it('the office creates a project with two countries invited; mistakes have their own codes', async () => {
    const body = {
      kind: 'project',
      title: { en: 'Twin schools: weather diaries', ru: 'Школы-побратимы: дневники погоды' },
      startsOn: '2026-09-01',
      endsOn: '2027-05-31',
      onlineUrl: 'https://example.org/twins',
      countryTenantIds: [ids.meridia],
    };
    const backwards = await call('office', 'POST', '/api/regional/activities', { ...body, endsOn: '2026-08-01' });
    expect([backwards.statusCode, backwards.json().error.code]).toEqual([422, 'activity_dates_invalid']);
    const notACountry = await call('office', 'POST', '/api/regional/activities', {
      ...body,
      countryTenantIds: [ids.meridia, 'no-such-tenant'],
    });
    expect([notACountry.statusCode, notACountry.json().error.code]).toEqual([404, 'country_tenant_not_found']);
    // Only an office creates: a ministry is refused.
    const byMinistry = await call('meridia', 'POST', '/api/regional/activities', body);
    expect(byMinistry.json().error.code).toBe('not_regional_tenant');

    const created = await ok('office', 'POST', '/api/regional/activities', body);
    projectId = created.id;
    const invited = await ok('office', 'POST', `/api/regional/activities/${projectId}/countries`, {
      countryTenantIds: [ids.solvara, ids.meridia],
    });
    expect(invited.invited.map((c: Json) => c.code).sort()).toEqual(['demo', 'solvara']);
    expect(invited.can).toMatchObject({ invite: true, attendance: false, nominate: false, post: true });
    const attendance = await call('office', 'PUT', `/api/regional/activities/${projectId}/attendance`, {
      attendance: [{ countryTenantId: ids.meridia, personId: ids.meridiaTeacher, attended: true }],
    });
    expect(attendance.json().error.code).toBe('activity_is_project');
  });

  it('each ministry sees the invitation and nominates its own teacher, and only its own', async () => {
    const list = await ok('meridia', 'GET', '/api/regional/activities');
    expect(list.items.find((a: Json) => a.id === projectId)).toMatchObject({ reach: { ministry: true } });
    const foreign = await call('meridia', 'POST', `/api/regional/activities/${projectId}/participants`, {
      personIds: [ids.solvaraTeacher],
    });
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([422, 'unknown_person']);

    const meridia = await ok('meridia', 'POST', `/api/regional/activities/${projectId}/participants`, {
      personIds: [ids.meridiaTeacher],
    });
    expect(meridia.can.nominate).toBe(true);
    const again = await call('meridia', 'POST', `/api/regional/activities/${projectId}/participants`, {
      personIds: [ids.meridiaTeacher],
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'already_nominated']);
    const solvara = await ok('solvara', 'POST', `/api/regional/activities/${projectId}/participants`, {
      personIds: [ids.solvaraTeacher],
    });
    // A ministry not on the list sees its own people, and of the others only how many there are.
    const seen = solvara.invited.map((c: Json) => [c.code, c.participants.length]);
    expect(seen.sort()).toEqual([
      ['demo', 0],
      ['solvara', 1],
    ]);
    expect(solvara.participants).toBe(2);
    const posts = await call('solvara', 'GET', `/api/regional/activities/${projectId}/posts`);
    expect(posts.statusCode).toBe(403);

    // The nominee is told in their own inbox.
    const inbox = await ok('meridiaTeacher', 'GET', '/api/me/notifications');
    expect(inbox.items.find((n: Json) => n.link === `/regional/activities/${projectId}`)).toMatchObject({
      kind: 'regional_nominated',
    });
  });

  it("both teachers see each other's name, school and country, and each other's posts", async () => {
    for (const [me, other] of [
      ['meridiaTeacher', 'solvara'],
      ['solvaraTeacher', 'demo'],
    ] as const) {
      const detail = await ok(me, 'GET', `/api/regional/activities/${projectId}`);
      expect(detail.reach).toMatchObject({ participant: true, ministry: false, office: false });
      expect(detail.can).toMatchObject({ post: true, nominate: false, invite: false });
      const theirs = detail.invited.find((c: Json) => c.code === other);
      expect(theirs.participants).toHaveLength(1);
      // Name, school and country only: no id of a person of another country, no attendance.
      expect(theirs.participants[0]).toEqual({
        personId: null,
        name: expect.stringMatching(/\S+ \S+/),
        school: expect.objectContaining({ text: expect.any(String) }),
        attended: null,
      });
      const list = await ok(me, 'GET', '/api/regional/activities');
      expect(list.items.map((a: Json) => a.id)).toContain(projectId);
    }
    await ok('meridiaTeacher', 'POST', `/api/regional/activities/${projectId}/posts`, {
      body: 'Our diary starts on Monday: 9 °C and rain.',
    });
    await ok('solvaraTeacher', 'POST', `/api/regional/activities/${projectId}/posts`, {
      body: 'Здравствуйте! У нас солнечно, +14.',
    });
    for (const me of ['meridiaTeacher', 'solvaraTeacher', 'office']) {
      const posts = await ok(me, 'GET', `/api/regional/activities/${projectId}/posts`);
      expect(posts.items.map((p: Json) => [p.from.code, p.body.slice(0, 5)])).toEqual([
        ['demo', 'Our d'],
        ['solvara', 'Здрав'],
      ]);
    }
  });

  it('a country not invited and a teacher not nominated are told "not found" on everything', async () => {
    for (const who of ['tercia', 'bystander']) {
      const list = await ok(who, 'GET', '/api/regional/activities');
      expect(list.items.map((a: Json) => a.id)).not.toContain(projectId);
      const attempts = [
        await call(who, 'GET', `/api/regional/activities/${projectId}`),
        await call(who, 'GET', `/api/regional/activities/${projectId}/posts`),
        await call(who, 'POST', `/api/regional/activities/${projectId}/posts`, { body: 'Hello?' }),
        await call(who, 'POST', `/api/regional/activities/${projectId}/participants`, { personIds: [ids.bystander] }),
        await call(who, 'DELETE', `/api/regional/activities/${projectId}/participants/${ids.meridiaTeacher}`),
        await call(who, 'POST', `/api/regional/activities/${projectId}/countries`, { countryTenantIds: [ids.tercia] }),
      ];
      for (const res of attempts)
        expect([res.statusCode, res.json().error.code]).toEqual([404, 'regional_activity_not_found']);
    }
    // A teacher of an invited country, not nominated, cannot post either; a Solvara teacher cannot withdraw a Meridian.
    const withdraw = await call(
      'solvaraTeacher',
      'DELETE',
      `/api/regional/activities/${projectId}/participants/${ids.meridiaTeacher}`,
    );
    expect(withdraw.statusCode).toBe(403);
  });

  it('a withdrawn teacher no longer reaches the project; their post stays', async () => {
    await ok('meridia', 'DELETE', `/api/regional/activities/${projectId}/participants/${ids.meridiaTeacher}`);
    const gone = await call('meridiaTeacher', 'GET', `/api/regional/activities/${projectId}`);
    expect(gone.statusCode).toBe(404);
    const posts = await ok('solvaraTeacher', 'GET', `/api/regional/activities/${projectId}/posts`);
    expect(posts.items).toHaveLength(2);
    const twice = await call(
      'meridia',
      'DELETE',
      `/api/regional/activities/${projectId}/participants/${ids.meridiaTeacher}`,
    );
    expect(twice.json().error.code).toBe('regional_participant_not_found');
    // Both tenants' audit logs hold the nomination and the withdrawal.
    const audits = await getDb()
      .db.selectFrom('audit_log')
      .innerJoin('tenant', 'tenant.id', 'audit_log.tenant_id')
      .select(['tenant.code', 'audit_log.action'])
      .where('audit_log.entity_id', '=', projectId)
      .where('audit_log.action', 'in', ['regional_activity.nominate', 'regional_activity.withdraw'])
      .execute();
    expect(audits.map((a) => `${a.code} ${a.action}`).sort()).toEqual([
      'demo regional_activity.nominate',
      'demo regional_activity.withdraw',
      'region regional_activity.nominate',
      'region regional_activity.nominate',
      'region regional_activity.withdraw',
      'solvara regional_activity.nominate',
    ]);
  });

  it('the demo holds a seminar and an international project with Meridian teachers and posts', async () => {
    const list = await ok('meridiaTeacher', 'GET', '/api/regional/activities');
    const kinds = list.items.map((a: Json) => a.kind).sort();
    expect(kinds).toEqual(['project', 'seminar']);
    const project = list.items.find((a: Json) => a.kind === 'project');
    const posts = await ok('meridiaTeacher', 'GET', `/api/regional/activities/${project.id}/posts`);
    expect(posts.items.length).toBeGreaterThanOrEqual(3);
  });
});
