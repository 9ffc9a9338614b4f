import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import type { Ctx } from '../../shared/context.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as frameworks from '../frameworks/frameworks.service.ts';
import * as designs from './designs.service.ts';

type User = Awaited<ReturnType<typeof make.user>>;

describeOnEachDatabase('activity designs', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let author: User;
  let colleague: User;
  let sameDistrict: User;
  let otherSchool: User;
  let leader: User;
  let otherLeader: User;
  let coach: User;
  let authorSession: Session;
  let otherSession: Session;

  const competency = (i = 0) => standard.items.filter((x) => x.type === 'competency')[i]!;
  const level = (i = 0) => standard.levels[i]!.code;
  const draft = (over: Partial<Parameters<typeof designs.createDesign>[1]> = {}) => ({
    title: 'Water in our village',
    subject: 'Science',
    grade: '7',
    language: 'en' as const,
    coAuthorPersonId: null,
    template: 'project_based' as const,
    competencies: [{ itemId: competency().id, levelCode: level() }],
    ...over,
  });

  const revision = (baseVersion: number, content: unknown) => {
    const { template: _, ...fields } = draft();
    return { ...fields, baseVersion, content };
  };

  beforeAll(async () => {
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    author = await make.user(world.ctx, 'teacher', world.schoolA1);
    colleague = await make.user(world.ctx, 'teacher', world.schoolA1);
    sameDistrict = await make.user(world.ctx, 'teacher', world.schoolA1b);
    otherSchool = await make.user(world.ctx, 'teacher', world.schoolB1);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    otherLeader = await make.user(world.ctx, 'school_leader', world.schoolA2);
    coach = await make.user(world.ctx, 'trainer', world.regionA);
    // The coach is assigned to the author (cycles and partnerships have their own services).
    await getDb()
      .db.insertInto('coach_assignment')
      .values({
        tenant_id: world.ctx.tenantId,
        id: newId(),
        coach_person_id: coach.person.id,
        teacher_person_id: author.person.id,
        starts_on: '2020-01-01',
        ends_on: '2099-12-31',
        created_by_account_id: null,
        created_at: nowIso(),
      })
      .execute();
    app = await testApp(getDb());
    authorSession = await signIn(app, author.username, author.password);
    otherSession = await signIn(app, otherSchool.username, otherSchool.password);
  });
  afterAll(() => app.close());

  it("creates a design from a template in the design's language", async () => {
    const d = await designs.createDesign(author.ctx, draft({ language: 'uz' }) as never);
    expect(d.currentVersion).toBe(1);
    expect(d.sharing).toBe('private');
    expect(d.template).toBe('project_based');
    expect(d.current.content.steps.length).toBeGreaterThan(3);
    expect(d.current.content.objectives[0]).toMatch(/oʻquvchilar/i);
    expect(d.current.totalMinutes).toBe(280);
    expect(d.current.competencies[0]).toMatchObject({ itemId: competency().id, levelCode: level() });
    expect(d.current.frameworkCurrent).toBe(true);
    expect(d.canEdit).toBe(true);
  });

  it('saves each edit as a new version and refuses an edit of a stale version (409)', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/activity-designs',
      headers: authorSession.headers,
      payload: draft({ template: 'one_to_one' }),
    });
    expect(created.statusCode).toBe(201);
    const d = created.json();
    const edit = (baseVersion: number, title: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/activity-designs/${d.id}`,
        headers: authorSession.headers,
        payload: {
          baseVersion,
          title,
          subject: d.subject,
          grade: d.grade,
          language: 'en',
          coAuthorPersonId: colleague.person.id,
          competencies: [{ itemId: competency(1).id, levelCode: level(1) }],
          content: { ...d.current.content, objectives: ['Students model a budget in a spreadsheet.'] },
        },
      });
    const second = await edit(1, 'Budgets, second draft');
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ currentVersion: 2, title: 'Budgets, second draft' });
    expect(second.json().coAuthor.id).toBe(colleague.person.id);
    const stale = await edit(1, 'Someone else’s edit');
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    // The co-author edits too; the first version stays as it was.
    const third = await designs.reviseDesign(colleague.ctx, d.id, {
      ...(second.json() as { title: string; subject: string; grade: string }),
      title: 'Budgets, third draft',
      subject: d.subject,
      grade: d.grade,
      language: 'en',
      coAuthorPersonId: colleague.person.id,
      baseVersion: 2,
      competencies: [],
      content: d.current.content,
    } as never);
    expect(third.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const first = await app.inject({ url: `/api/activity-designs/${d.id}/versions/1`, headers: authorSession.headers });
    expect(first.json().content.objectives).toEqual(d.current.content.objectives);
  });

  it('validates at the edge with the field named', async () => {
    const tooLong = await app.inject({
      method: 'POST',
      url: '/api/activity-designs',
      headers: authorSession.headers,
      payload: {
        ...draft(),
        content: { steps: [{ title: 'All day', minutes: 601 }] },
      },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('content.steps.0.minutes');
    const extra = await app.inject({
      method: 'POST',
      url: '/api/activity-designs',
      headers: authorSession.headers,
      payload: { ...draft(), colour: 'blue' },
    });
    expect(extra.statusCode).toBe(400);
    const many = await app.inject({
      method: 'POST',
      url: '/api/activity-designs',
      headers: authorSession.headers,
      payload: { ...draft(), content: { steps: Array.from({ length: 31 }, () => ({ title: 'Step', minutes: 5 })) } },
    });
    expect(many.statusCode).toBe(400);
    await expect(
      designs.createDesign(author.ctx, draft({ coAuthorPersonId: otherSchool.person.id }) as never),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('shows a private design to its authors, their coach and the school leader only', async () => {
    const d = await designs.createDesign(author.ctx, draft({ coAuthorPersonId: colleague.person.id }) as never);
    for (const reader of [author, colleague, coach, leader]) {
      expect((await designs.getDesign(reader.ctx, d.id)).id).toBe(d.id);
    }
    for (const stranger of [sameDistrict, otherSchool, otherLeader]) {
      await expect(designs.getDesign(stranger.ctx, d.id)).rejects.toMatchObject({ code: 'activity_design_not_found' });
    }
    const res = await app.inject({ url: `/api/activity-designs/${d.id}`, headers: otherSession.headers });
    expect(res.statusCode).toBe(404);
    // The coach comments on a private design; the leader reads it but does not comment.
    const withComment = await designs.commentOnDesign(coach.ctx, d.id, { body: 'Add a timer for step 3.' });
    expect(withComment.comments).toMatchObject([{ body: 'Add a timer for step 3.', version: 1 }]);
    await expect(designs.commentOnDesign(leader.ctx, d.id, { body: 'Nice.' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    // Only authors edit or share.
    await expect(designs.shareDesign(coach.ctx, d.id, 'nation')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('shares to the school, the district and the nation, each reaching further', async () => {
    const d = await designs.createDesign(author.ctx, draft({ title: 'Shared one', subject: 'Geography' }) as never);
    const canRead = async (u: User) =>
      designs.getDesign(u.ctx, d.id).then(
        () => true,
        () => false,
      );
    await designs.shareDesign(author.ctx, d.id, 'school');
    expect([await canRead(colleague), await canRead(sameDistrict), await canRead(otherSchool)]).toEqual([
      true,
      false,
      false,
    ]);
    await designs.shareDesign(author.ctx, d.id, 'district');
    expect([await canRead(sameDistrict), await canRead(otherSchool)]).toEqual([true, false]);
    const before = await app.inject({ url: `/api/activity-designs/${d.id}`, headers: otherSession.headers });
    expect(before.statusCode).toBe(404);
    const shared = await app.inject({
      method: 'PUT',
      url: `/api/activity-designs/${d.id}/sharing`,
      headers: authorSession.headers,
      payload: { sharing: 'nation' },
    });
    expect(shared.json()).toMatchObject({ sharing: 'nation' });
    expect(shared.json().sharedAt).toBeTruthy();
    const after = await app.inject({ url: `/api/activity-designs/${d.id}`, headers: otherSession.headers });
    expect(after.statusCode).toBe(200);
    expect(after.json()).toMatchObject({ canEdit: false, canComment: true });
    // A reader of a shared design comments on it, but does not edit it.
    const comment = await app.inject({
      method: 'POST',
      url: `/api/activity-designs/${d.id}/comments`,
      headers: otherSession.headers,
      payload: { body: 'We tried this in grade 8: it worked.' },
    });
    expect(comment.statusCode).toBe(201);
    const edit = await app.inject({
      method: 'PUT',
      url: `/api/activity-designs/${d.id}`,
      headers: otherSession.headers,
      payload: revision(1, {}),
    });
    expect(edit.statusCode).toBe(403);
  });

  it('lists mine and shared with me, with filters and keyset paging', async () => {
    const ctx: Ctx = sameDistrict.ctx;
    for (const subject of ['History', 'History', 'History']) {
      const d = await designs.createDesign(author.ctx, draft({ subject, title: `${subject} trip` }) as never);
      await designs.shareDesign(author.ctx, d.id, 'district');
    }
    const page1 = await designs.listDesigns(ctx, { scope: 'shared', subject: 'History', limit: 2 });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toBeTruthy();
    const page2 = await designs.listDesigns(ctx, {
      scope: 'shared',
      subject: 'History',
      limit: 2,
      cursor: page1.nextCursor!,
    });
    expect(page2.items).toHaveLength(1);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(3);
    const far = await designs.listDesigns(otherSchool.ctx, { scope: 'shared', subject: 'History', limit: 20 });
    expect(far.items).toEqual([]);
    const mine = await designs.listDesigns(author.ctx, { scope: 'mine', limit: 100 });
    expect(mine.items.every((i) => i.author.id === author.person.id || i.coAuthor?.id === author.person.id)).toBe(true);
    const byCompetency = await designs.listDesigns(author.ctx, {
      scope: 'mine',
      competency: competency(0).id,
      limit: 100,
    });
    const titles = byCompetency.items.map((i) => i.title);
    expect(titles).toContain('Water in our village');
    expect(titles).not.toContain('Budgets, third draft');
    const byTemplate = await designs.listDesigns(author.ctx, { scope: 'mine', template: 'one_to_one', limit: 100 });
    expect(byTemplate.items.map((i) => i.title)).toEqual(['Budgets, third draft']);
    const byLanguage = await designs.listDesigns(author.ctx, { scope: 'mine', language: 'uz', limit: 100 });
    expect(byLanguage.items).toHaveLength(1);
    const res = await app.inject({ url: '/api/activity-designs?scope=shared&limit=1', headers: otherSession.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0].sharing).toBe('nation');
  });

  it('offers templates in every language', async () => {
    const res = await app.inject({
      url: '/api/activity-designs/templates?language=ne',
      headers: authorSession.headers,
    });
    expect(res.json().items.map((t: { key: string }) => t.key)).toEqual(['one_to_one', 'project_based']);
    expect(res.json().items[1].name).toBe('परियोजनामा आधारित सिकाइ');
  });

  it('refuses competencies of a superseded version of the standard', async () => {
    const d = await designs.createDesign(author.ctx, draft() as never);
    const next = await frameworks.newVersion(world.ctx, standard.id, '2.0');
    await frameworks.setStatus(world.ctx, next.id, 'in_review');
    await frameworks.setStatus(world.ctx, next.id, 'published');
    const old = await designs.getDesign(author.ctx, d.id);
    expect(old.current.frameworkCurrent).toBe(false);
    const res = await app.inject({
      method: 'PUT',
      url: `/api/activity-designs/${d.id}`,
      headers: authorSession.headers,
      payload: revision(1, old.current.content),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('unknown_competency');
    const current = (await designs.designStandard(author.ctx)).competencies[0]!;
    const saved = await designs.reviseDesign(author.ctx, d.id, {
      ...revision(1, old.current.content),
      competencies: [{ itemId: current.id, levelCode: level() }],
      content: old.current.content,
    } as never);
    expect(saved.current).toMatchObject({ frameworkId: next.id, frameworkCurrent: true });
  });
});
