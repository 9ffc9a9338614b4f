import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as awards from './awards.service.ts';
import * as credentials from './credentials.service.ts';
import * as rules from './rules.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

/**
 * The approval queue over HTTP and through the service: an assessor sees pending awards of people
 * in their region only, approving issues the credential, rejecting needs a reason, a second
 * decision is refused, and the audit log holds both.
 */
describeOnEachDatabase('recognition: rules over HTTP and the approval queue', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let competencies: (typeof standard.items)[number][];
  let ministry: Awaited<ReturnType<typeof make.user>>;
  let assessorA: Awaited<ReturnType<typeof make.user>>;
  let assessorB: Awaited<ReturnType<typeof make.user>>;
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let sessions: Record<'ministry' | 'assessorA' | 'assessorB' | 'teacher' | 'district', Session>;

  const call = async (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as Json };
  };
  const ruleBody = (condition: unknown, extra: Json = {}) => ({
    name: { en: 'ICT-ready teacher', ru: 'Учитель, готовый к ИКТ' },
    description: { en: 'Confirmed in the foundations of ICT use.' },
    criteria: { en: 'An assessor confirmed the competency at Knowledge Deepening or above.' },
    achievementType: 'Competency',
    frameworkId: standard.id,
    condition,
    mode: 'approval',
    ...extra,
  });

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    standard = await make.publishedStandard(world.ctx);
    competencies = standard.items.filter((i) => i.type === 'competency');
    ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    assessorA = await make.user(world.ctx, 'assessor', world.regionA);
    assessorB = await make.user(world.ctx, 'assessor', world.regionB);
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    sessions = {
      ministry: await signIn(app, ministry.username, ministry.password),
      assessorA: await signIn(app, assessorA.username, assessorA.password),
      assessorB: await signIn(app, assessorB.username, assessorB.password),
      teacher: await signIn(app, teacher.username, teacher.password),
      district: await signIn(app, district.username, district.password),
    };
  });
  afterAll(() => app?.close());

  it('checks the condition tree at the edge: shape as 400, unknown references as 422 with the path', async () => {
    const c0 = competencies[0]!;
    const shape = await call(sessions.ministry, 'POST', '/api/recognition/rules', {
      ...ruleBody({ type: 'all', conditions: [{ type: 'competency', itemId: c0.id }] }),
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'body.condition.conditions.0.levelCode' }),
    ]);
    const unknown = await call(
      sessions.ministry,
      'POST',
      '/api/recognition/rules',
      ruleBody({
        type: 'any',
        conditions: [
          { type: 'competency', itemId: c0.id, levelCode: 'KD' },
          { type: 'all', conditions: [{ type: 'programme', programmeId: 'missing' }] },
        ],
      }),
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({
      code: 'unknown_programme',
      details: { field: 'body.condition.conditions.1.conditions.0.programmeId' },
    });
    const level = await call(
      sessions.ministry,
      'POST',
      '/api/recognition/rules',
      ruleBody({ type: 'competency', itemId: c0.id, levelCode: 'B2' }),
    );
    expect(level.status).toBe(422);
    expect(level.body.error).toMatchObject({ code: 'unknown_level', details: { field: 'body.condition.levelCode' } });
  });

  it('refuses a condition nested a thousand deep or a thousand wide with 422, before validating its shape', async () => {
    const leaf = '{"type":"module","moduleId":"x"}';
    const deep = `${'{"type":"all","conditions":['.repeat(1000)}${leaf}${']}'.repeat(1000)}`;
    const wide = `{"type":"any","conditions":[${Array.from({ length: 1000 }, () => leaf).join(',')}]}`;
    const rule = JSON.stringify(ruleBody('__CONDITION__'));
    for (const [condition, code] of [
      [deep, 'condition_too_deep'],
      [wide, 'condition_too_large'],
    ] as const) {
      for (const [method, url, payload] of [
        ['POST', '/api/recognition/preview', `{"unitId":"${world.nation.id}","condition":${condition}}`],
        ['POST', '/api/recognition/rules', rule.replace('"__CONDITION__"', condition)],
        ['PUT', '/api/recognition/rules/some-rule', rule.replace('"__CONDITION__"', condition)],
      ] as const) {
        const res = await app.inject({
          method,
          url,
          headers: { ...sessions.ministry.headers, 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, `${url} ${code}`).toBe(422);
        expect(res.json().error).toMatchObject({ code, details: { field: 'body.condition' } });
      }
    }
  });

  it('refuses rule writing to a teacher and an assessor, and previewing to a district officer', async () => {
    const body = ruleBody({ type: 'competency', itemId: competencies[0]!.id, levelCode: 'KD' });
    expect((await call(sessions.teacher, 'POST', '/api/recognition/rules', body)).status).toBe(403);
    expect((await call(sessions.assessorA, 'POST', '/api/recognition/rules', body)).status).toBe(403);
    const preview = await call(sessions.district, 'POST', '/api/recognition/preview', {
      unitId: world.districtA1.id,
      condition: body.condition,
    });
    expect(preview.status).toBe(403);
    const outside = await call(sessions.assessorA, 'POST', '/api/recognition/preview', {
      unitId: world.schoolB1.id,
      condition: body.condition,
    });
    expect(outside.status).toBe(404);
  });

  it('queues an approval-mode award, shows it only to approvers over the person, and issues on approval', async () => {
    const c1 = competencies[1]!;
    const created = await call(
      sessions.ministry,
      'POST',
      '/api/recognition/rules',
      ruleBody({ type: 'competency', itemId: c1.id, levelCode: 'KD' }),
    );
    expect(created.status).toBe(201);
    const activated = await call(sessions.ministry, 'POST', `/api/recognition/rules/${created.body.id}/status`, {
      status: 'active',
    });
    expect(activated.body).toMatchObject({ status: 'active', awards: { pending: 0 } });
    const other = await make.person(world.ctx, world.schoolA1b);
    for (const id of [teacher.person.id, other.id])
      await reviews.rate(assessorA.ctx, id, {
        frameworkId: standard.id,
        itemId: c1.id,
        levelCode: 'KD',
        evidenceIds: [],
      });

    // Everyone signed in reads the active rule; the teacher sees their own award waiting.
    expect((await call(sessions.teacher, 'GET', '/api/recognition/rules')).body.items).toHaveLength(1);
    const mine = await call(sessions.teacher, 'GET', `/api/recognition/awards?personId=${teacher.person.id}`);
    expect(mine.body.items).toEqual([expect.objectContaining({ status: 'pending', ruleName: expect.any(Object) })]);
    expect((await call(sessions.teacher, 'GET', '/api/recognition/awards')).status).toBe(403);

    const queueA = await call(sessions.assessorA, 'GET', '/api/recognition/awards?status=pending');
    expect(queueA.body.items.map((a: Json) => a.personId).sort()).toEqual([teacher.person.id, other.id].sort());
    expect((await call(sessions.assessorB, 'GET', '/api/recognition/awards')).body.items).toEqual([]);
    const award = queueA.body.items.find((a: Json) => a.personId === teacher.person.id);

    // Outside the approver's subtree the award does not exist; the teacher cannot decide it.
    expect((await call(sessions.assessorB, 'POST', `/api/recognition/awards/${award.id}/approve`, {})).status).toBe(
      404,
    );
    expect((await call(sessions.teacher, 'POST', `/api/recognition/awards/${award.id}/approve`, {})).status).toBe(403);
    expect((await call(sessions.district, 'POST', `/api/recognition/awards/${award.id}/approve`, {})).status).toBe(403);

    const approved = await call(sessions.assessorA, 'POST', `/api/recognition/awards/${award.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'issued',
      credentialId: expect.any(String),
      decidedBy: assessorA.username,
    });
    const issued = await credentials.getCredential(teacher.ctx, approved.body.credentialId);
    expect(issued).toMatchObject({ personId: teacher.person.id, achievementKey: created.body.id, status: 'active' });

    const again = await call(sessions.assessorA, 'POST', `/api/recognition/awards/${award.id}/reject`, {
      reason: 'Too late.',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('award_decided');

    const second = queueA.body.items.find((a: Json) => a.personId === other.id);
    expect((await call(sessions.assessorA, 'POST', `/api/recognition/awards/${second.id}/reject`, {})).status).toBe(
      400,
    );
    const rejected = await call(sessions.assessorA, 'POST', `/api/recognition/awards/${second.id}/reject`, {
      reason: 'The rating is under appeal.',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      reason: 'The rating is under appeal.',
      credentialId: null,
    });
    expect((await call(sessions.assessorA, 'POST', `/api/recognition/awards/${second.id}/approve`, {})).status).toBe(
      409,
    );
    expect((await call(sessions.assessorA, 'GET', '/api/recognition/awards?status=pending')).body.items).toEqual([]);

    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('tenant_id', '=', world.ctx.tenantId)
      .where('action', 'in', ['recognition_award.approve', 'recognition_award.reject'])
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'recognition_award.approve', entity_id: award.id },
      { action: 'recognition_award.reject', entity_id: second.id },
    ]);
  });

  it('re-checks the rule on approval: a person rated down since is 409 award_no_longer_met, still pending', async () => {
    const c5 = competencies[5]!;
    const created = await call(
      sessions.ministry,
      'POST',
      '/api/recognition/rules',
      ruleBody({ type: 'competency', itemId: c5.id, levelCode: 'KD' }),
    );
    await call(sessions.ministry, 'POST', `/api/recognition/rules/${created.body.id}/status`, { status: 'active' });
    const person = await make.person(world.ctx, world.schoolA1);
    const rateAt = (levelCode: string) =>
      reviews.rate(assessorA.ctx, person.id, { frameworkId: standard.id, itemId: c5.id, levelCode, evidenceIds: [] });
    await rateAt('KD');
    const queue = await call(sessions.assessorA, 'GET', `/api/recognition/awards?status=pending&personId=${person.id}`);
    const award = queue.body.items.find((a: Json) => a.ruleId === created.body.id);
    expect(award).toBeDefined();
    await rateAt('KA');
    const approved = await call(sessions.assessorA, 'POST', `/api/recognition/awards/${award.id}/approve`, {});
    expect(approved.status).toBe(409);
    expect(approved.body.error.code).toBe('award_no_longer_met');
    const still = await call(sessions.assessorA, 'GET', `/api/recognition/awards?status=pending&personId=${person.id}`);
    expect(still.body.items.map((a: Json) => a.id)).toContain(award.id);
    expect(await credentials.listCredentials(world.ctx, { personId: person.id })).toEqual([]);
    const rejected = await call(sessions.assessorA, 'POST', `/api/recognition/awards/${award.id}/reject`, {
      reason: 'Rated down since.',
    });
    expect(rejected.status).toBe(200);
    const decided = await call(
      sessions.assessorA,
      'GET',
      `/api/recognition/awards?status=rejected&personId=${person.id}`,
    );
    expect(decided.body.items.map((a: Json) => [a.id, a.status])).toEqual([[award.id, 'rejected']]);
    const left = await call(sessions.assessorA, 'GET', `/api/recognition/awards?status=pending&personId=${person.id}`);
    expect(left.body.items.map((a: Json) => a.id)).not.toContain(award.id);
    expect(await credentials.listCredentials(world.ctx, { personId: person.id })).toEqual([]);
  });

  it('lets only one of two simultaneous decisions through', async () => {
    const c2 = competencies[2]!;
    const rule = await rules.createRule(ministry.ctx, {
      ...(ruleBody({ type: 'competency', itemId: c2.id, levelCode: 'KA' }) as Parameters<typeof rules.createRule>[1]),
    });
    await rules.setStatus(ministry.ctx, rule.id, 'active');
    const person = await make.person(world.ctx, world.schoolA2);
    await reviews.rate(assessorA.ctx, person.id, {
      frameworkId: standard.id,
      itemId: c2.id,
      levelCode: 'KC',
      evidenceIds: [],
    });
    const [pending] = await awards.listAwards(assessorA.ctx, { status: 'pending', personId: person.id, limit: 5 });
    const other = await make.user(world.ctx, 'assessor', world.regionA);
    const outcomes = await Promise.allSettled([
      awards.approve(assessorA.ctx, pending!.id),
      awards.reject(other.ctx, pending!.id, 'Not yet.'),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason.code).toBe('award_decided');
    expect(await awards.listAwards(assessorA.ctx, { status: 'pending', personId: person.id, limit: 5 })).toEqual([]);
  });

  it('previews a saved rule and documents the routes', async () => {
    const [rule] = (await call(sessions.ministry, 'GET', '/api/recognition/rules?status=active')).body.items;
    const preview = await call(
      sessions.assessorA,
      'GET',
      `/api/recognition/rules/${rule.id}/preview?unitId=${world.regionA.id}`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ qualifying: 2, awarded: 2 });
    const openapi = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/recognition/rules', '/api/recognition/preview', '/api/recognition/awards']),
    );
  });
});
