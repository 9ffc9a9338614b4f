import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';

describeOnEachDatabase('national competency standards', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let teacher: Session;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const t = await make.user(world.ctx, 'teacher', world.schoolA1);
    teacher = await signIn(app, t.username, t.password);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

  it('takes a ministry from the template to a published, aligned standard, then to a second version', async () => {
    const created = await call(ministry, 'POST', '/api/frameworks/from-template', {});
    expect(created.statusCode).toBe(201);
    const draft = created.json();
    expect(draft.status).toBe('draft');
    expect(draft.levels.map((l: { code: string }) => l.code)).toEqual(['KA', 'KD', 'KC']);
    const aspects = draft.items.filter((i: { type: string }) => i.type === 'aspect');
    const competencies = draft.items.filter((i: { type: string }) => i.type === 'competency');
    expect(aspects).toHaveLength(6);
    expect(competencies).toHaveLength(18);
    expect(draft.items.every((i: { missingLanguages: string[] }) => i.missingLanguages.length === 0)).toBe(true);

    // Adapt in English only, and see the missing translations marked.
    const pedagogy = competencies.find((i: { code: string }) => i.code === 'A3.2');
    const edited = await call(ministry, 'PATCH', `/api/frameworks/${draft.id}/items/${pedagogy.id}`, {
      statement: { en: 'Runs project-based learning in which learners use ICT to investigate local problems.' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().missingLanguages).toEqual(['ru', 'uz', 'ne', 'fil']);
    await call(ministry, 'PATCH', `/api/frameworks/${draft.id}/items/${pedagogy.id}`, {
      statement: {
        en: 'Runs project-based learning in which learners use ICT to investigate local problems.',
        ru: 'Проводит проектное обучение, в котором учащиеся с помощью ИКТ исследуют местные проблемы.',
      },
    });

    // Rubric descriptor for one competency at one level.
    const rubric = await call(ministry, 'PUT', `/api/frameworks/${draft.id}/items/${pedagogy.id}/rubrics/KD`, {
      descriptor: { en: 'Learners plan and carry out a project over several lessons using shared online documents.' },
      score: 2,
    });
    expect(rubric.json().rubrics).toEqual([
      expect.objectContaining({ itemId: pedagogy.id, levelCode: 'KD', score: 2 }),
    ]);
    const badLevel = await call(ministry, 'PUT', `/api/frameworks/${draft.id}/items/${pedagogy.id}/rubrics/ZZ`, {
      descriptor: { en: 'x' },
    });
    expect(badLevel.statusCode).toBe(404);

    // Align to the master plan; one goal stays unserved and the view says so.
    const served = (
      await call(ministry, 'POST', '/api/policy-goals', {
        code: 'G1',
        title: { en: 'Every school uses ICT for learning' },
        plan: { en: 'ICT master plan 2025-2030' },
        periodStart: 2025,
        periodEnd: 2030,
      })
    ).json();
    const unserved = (
      await call(ministry, 'POST', '/api/policy-goals', {
        code: 'G2',
        title: { en: 'Broadband for every school' },
        plan: { en: 'ICT master plan 2025-2030' },
      })
    ).json();
    const aligned = await call(ministry, 'PUT', `/api/frameworks/${draft.id}/items/${pedagogy.id}/goals`, {
      goalIds: [served.id],
    });
    expect(aligned.json().goalIds).toEqual([served.id]);
    const view = (await call(ministry, 'GET', `/api/frameworks/${draft.id}/alignment`)).json();
    expect(
      view.goals.find((g: { id: string }) => g.id === served.id).items.map((i: { code: string }) => i.code),
    ).toEqual(['A3.2']);
    expect(view.unservedGoalIds).toEqual([unserved.id]);

    // Review and publish; a published version is immutable.
    expect(
      (await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'published' })).json().error.code,
    ).toBe('invalid_transition');
    await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'in_review' });
    const published = await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'published' });
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    const refused = await call(ministry, 'PATCH', `/api/frameworks/${draft.id}/items/${pedagogy.id}`, {
      title: { en: 'Changed' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('framework_published');

    // Everyone reads the published standard; the teacher cannot change it.
    expect((await call(teacher, 'GET', `/api/frameworks/${draft.id}`)).statusCode).toBe(200);
    expect((await call(teacher, 'POST', '/api/frameworks/from-template', {})).statusCode).toBe(403);

    // A new version copies everything as a draft; the diff shows what changed.
    const v2 = (await call(ministry, 'POST', `/api/frameworks/${draft.id}/versions`, { version: '2.0' })).json();
    expect(v2).toMatchObject({ status: 'draft', lineageId: draft.lineageId, version: '2.0' });
    expect(v2.items).toHaveLength(24);
    expect(v2.rubrics).toHaveLength(1);
    const v2pedagogy = v2.items.find((i: { code: string }) => i.code === 'A3.2');
    expect(v2pedagogy.caseIdentifier).toBe(pedagogy.caseIdentifier);
    expect(v2pedagogy.goalIds).toEqual([served.id]);
    await call(ministry, 'PATCH', `/api/frameworks/${v2.id}/items/${v2pedagogy.id}`, { levelCode: 'KC' });
    const a3 = v2.items.find((i: { code: string }) => i.code === 'A3');
    await call(ministry, 'POST', `/api/frameworks/${v2.id}/items`, {
      parentId: a3.id,
      type: 'competency',
      code: 'A3.4',
      levelCode: 'KC',
      title: { en: 'Computational thinking', ru: 'Вычислительное мышление' },
      statement: {
        en: 'Teaches problem solving through algorithms and simple programs.',
        ru: 'Учит решать задачи с помощью алгоритмов и простых программ.',
      },
    });
    const policy = v2.items.find((i: { code: string }) => i.code === 'A1.3');
    expect((await call(ministry, 'DELETE', `/api/frameworks/${v2.id}/items/${policy.id}`)).statusCode).toBe(204);
    const diff = (await call(ministry, 'GET', `/api/frameworks/${draft.id}/diff/${v2.id}`)).json();
    expect(diff.added.map((i: { code: string }) => i.code)).toEqual(['A3.4']);
    expect(diff.removed.map((i: { code: string }) => i.code)).toEqual(['A1.3']);
    expect(diff.changed).toEqual([expect.objectContaining({ code: 'A3.2', fields: ['levelCode'] })]);

    // Retiring keeps the old version readable.
    await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'retired' });
    const old = await call(teacher, 'GET', `/api/frameworks/${draft.id}`);
    expect(old.json()).toMatchObject({ status: 'retired', items: expect.any(Array) });
    expect(old.json().items).toHaveLength(24);
  });

  it('keeps drafts from people who cannot edit them, and other tenants from everything', async () => {
    const draft = (
      await call(ministry, 'POST', '/api/frameworks', {
        title: { en: 'Draft standard' },
        languages: ['en'],
        levels: [{ code: 'L1', title: { en: 'Level 1' } }],
      })
    ).json();
    expect((await call(teacher, 'GET', `/api/frameworks/${draft.id}`)).statusCode).toBe(404);
    expect((await call(teacher, 'GET', '/api/frameworks')).json().items.map((f: { id: string }) => f.id)).not.toContain(
      draft.id,
    );
    const other = await make.tenant(getDb());
    const stranger = await make.user(other.ctx, 'admin', other.nation);
    const session = await signIn(app, stranger.username, stranger.password);
    expect((await call(session, 'GET', `/api/frameworks/${draft.id}`)).statusCode).toBe(404);
  });

  it('refuses duplicate codes, unknown levels, cycles and duplicate level codes, changing nothing', async () => {
    const dupLevels = await call(ministry, 'POST', '/api/frameworks', {
      title: { en: 'X' },
      languages: ['en'],
      levels: [
        { code: 'A', title: { en: 'A' } },
        { code: 'A', title: { en: 'B' } },
      ],
    });
    expect(dupLevels.statusCode).toBe(400);
    expect(dupLevels.json().error.details.issues[0].path).toBe('body.levels.1.code');
    const fw = (
      await call(ministry, 'POST', '/api/frameworks', {
        title: { en: 'Y' },
        languages: ['en'],
        levels: [{ code: 'L1', title: { en: 'One' } }],
      })
    ).json();
    const add = (body: object) =>
      call(ministry, 'POST', `/api/frameworks/${fw.id}/items`, {
        type: 'aspect',
        title: { en: 't' },
        statement: { en: 's' },
        parentId: null,
        ...body,
      });
    const root = (await add({ code: 'R' })).json();
    const child = (await add({ code: 'C', parentId: root.id, type: 'competency' })).json();
    expect((await add({ code: 'R' })).json().error).toMatchObject({
      code: 'duplicate_code',
      details: { field: 'code' },
    });
    expect((await add({ code: 'Z', levelCode: 'L9' })).json().error.details.issues[0].path).toBe('body.levelCode');
    const cycle = await call(ministry, 'POST', `/api/frameworks/${fw.id}/items/${root.id}/move`, {
      parentId: child.id,
      position: 0,
    });
    expect(cycle.json().error.code).toBe('tree_cycle');
    const after = (await call(ministry, 'GET', `/api/frameworks/${fw.id}`)).json();
    const tree = after.items.map((i: { code: string; parentId: string | null }) => [i.code, i.parentId]);
    expect(tree.sort()).toEqual([
      ['C', root.id],
      ['R', null],
    ]);
  });

  it('lets an editor write and then clear an item’s notes, but never empty its title', async () => {
    const draft = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '9.1' })).json();
    const item = draft.items.find((i: { code: string }) => i.code === 'A1.1');
    const url = `/api/frameworks/${draft.id}/items/${item.id}`;
    const noted = await call(ministry, 'PATCH', url, { notes: { en: 'Check against the 2030 plan.' } });
    expect(noted.json().notes).toEqual({ en: 'Check against the 2030 plan.' });
    const cleared = await call(ministry, 'PATCH', url, { notes: {} });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json().notes).toEqual({});
    const untitled = await call(ministry, 'PATCH', url, { title: {} });
    expect(untitled.statusCode).toBe(400);
    expect(untitled.json().error.code).toBe('validation_failed');
  });
});
