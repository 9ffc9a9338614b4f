import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseValidator } from '../../../../test/case-schema.ts';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';

describeOnEachDatabase('crosswalks between frameworks', (getDb) => {
  let app: TestApp;
  let ministry: Session;
  let teacher: Session;
  let national: { id: string; items: { id: string; code: string }[] };
  let reference: { id: string; items: { id: string; code: string }[] };

  beforeAll(async () => {
    const world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const t = await make.user(world.ctx, 'teacher', world.schoolA1);
    teacher = await signIn(app, t.username, t.password);
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: ministry.headers, payload });
    national = (await post('/api/frameworks/from-template', {})).json();
    await post(`/api/frameworks/${national.id}/status`, { status: 'in_review' });
    await post(`/api/frameworks/${national.id}/status`, { status: 'published' });
    const ref = (
      await post('/api/frameworks', {
        title: { en: 'Regional reference framework' },
        languages: ['en'],
        levels: [{ code: 'B', title: { en: 'Basic' } }],
      })
    ).json();
    const area = (
      await post(`/api/frameworks/${ref.id}/items`, {
        parentId: null,
        type: 'aspect',
        code: 'R',
        title: { en: 'Teaching' },
        statement: { en: 'Teaching with digital technology' },
      })
    ).json();
    for (const code of ['R1', 'R2', 'R3', 'R4']) {
      await post(`/api/frameworks/${ref.id}/items`, {
        parentId: area.id,
        type: 'competency',
        code,
        title: { en: code },
        statement: { en: `Reference competency ${code}` },
      });
    }
    reference = (await app.inject({ url: `/api/frameworks/${ref.id}`, headers: ministry.headers })).json();
  });
  afterAll(() => app.close());

  const item = (fw: { items: { id: string; code: string }[] }, code: string) =>
    fw.items.find((i) => i.code === code)!.id;
  const url = () => `/api/frameworks/${national.id}/crosswalks/${reference.id}`;

  it('maps a published national standard to a reference and reports coverage on both sides', async () => {
    const link = (from: string, to: string, relation: string) =>
      app.inject({
        method: 'POST',
        url: `${url()}/links`,
        headers: ministry.headers,
        payload: { fromItemId: item(national, from), toItemId: item(reference, to), relation },
      });
    expect((await link('A3.2', 'R1', 'exact_match')).statusCode).toBe(201);
    const second = await link('A4.1', 'R2', 'narrower');
    expect(second.json().coverage).toEqual({
      from: { frameworkId: national.id, mapped: 2, total: 18, share: 2 / 18 },
      to: { frameworkId: reference.id, mapped: 2, total: 4, share: 0.5 },
    });
    expect(
      second
        .json()
        .links.map((l: { from: { code: string }; to: { code: string }; relation: string }) => [
          l.from.code,
          l.to.code,
          l.relation,
        ]),
    ).toEqual([
      ['A3.2', 'R1', 'exact_match'],
      ['A4.1', 'R2', 'narrower'],
    ]);
    const twice = await link('A3.2', 'R1', 'related');
    expect(twice.statusCode).toBe(409);
    const removed = await app.inject({
      method: 'DELETE',
      url: `${url()}/links/${second.json().links[1].id}`,
      headers: ministry.headers,
    });
    expect(removed.json().coverage.to.mapped).toBe(1);
  });

  it('shows the same mapping from the other framework’s side, turned around', async () => {
    await app.inject({
      method: 'POST',
      url: `${url()}/links`,
      headers: ministry.headers,
      payload: { fromItemId: item(national, 'A5.1'), toItemId: item(reference, 'R3'), relation: 'broader' },
    });
    const fromReference = `/api/frameworks/${reference.id}/crosswalks/${national.id}`;
    const seen = (await app.inject({ url: fromReference, headers: ministry.headers })).json();
    const mine = seen.links.find((l: { from: { code: string } }) => l.from.code === 'R3');
    expect(mine).toMatchObject({ relation: 'narrower', to: { code: 'A5.1' } });
    expect(seen.coverage.from.frameworkId).toBe(reference.id);
    expect(seen.coverage.from.mapped).toBeGreaterThanOrEqual(2);
    const again = await app.inject({
      method: 'POST',
      url: `${fromReference}/links`,
      headers: ministry.headers,
      payload: { fromItemId: item(reference, 'R3'), toItemId: item(national, 'A5.1'), relation: 'related' },
    });
    expect(again.statusCode).toBe(409);
    const removed = await app.inject({
      method: 'DELETE',
      url: `${fromReference}/links/${mine.id}`,
      headers: ministry.headers,
    });
    expect(removed.statusCode).toBe(200);
    const after = (await app.inject({ url: url(), headers: ministry.headers })).json();
    expect(after.links.some((l: { to: { code: string } }) => l.to.code === 'R3')).toBe(false);
  });

  it('refuses unknown items, unknown relations and people who may not edit standards', async () => {
    const unknown = await app.inject({
      method: 'POST',
      url: `${url()}/links`,
      headers: ministry.headers,
      payload: { fromItemId: 'nope', toItemId: item(reference, 'R3'), relation: 'related' },
    });
    expect(unknown.statusCode).toBe(404);
    const relation = await app.inject({
      method: 'POST',
      url: `${url()}/links`,
      headers: ministry.headers,
      payload: { fromItemId: item(national, 'A1.1'), toItemId: item(reference, 'R3'), relation: 'cousin' },
    });
    expect(relation.json().error.details.issues[0].path).toBe('body.relation');
    const byTeacher = await app.inject({
      method: 'POST',
      url: `${url()}/links`,
      headers: teacher.headers,
      payload: { fromItemId: item(national, 'A1.1'), toItemId: item(reference, 'R3'), relation: 'related' },
    });
    expect(byTeacher.statusCode).toBe(403);
    expect((await app.inject({ url: url(), headers: ministry.headers })).json().links).toHaveLength(1);
  });

  it('carries the mapping into the CASE export as associations to the reference items', async () => {
    const pkg = (
      await app.inject({ url: `/api/frameworks/${national.id}/export/case`, headers: ministry.headers })
    ).json();
    const validate = caseValidator();
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    const mapped = pkg.CFAssociations.filter((a: { associationType: string }) => a.associationType !== 'isChildOf');
    const refItem = reference.items.find((i) => i.code === 'R1') as unknown as { caseIdentifier: string };
    expect(mapped).toEqual([
      expect.objectContaining({
        associationType: 'exactMatchOf',
        destinationNodeURI: expect.objectContaining({ identifier: refItem.caseIdentifier }),
      }),
    ]);
  });
});
