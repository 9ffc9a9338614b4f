import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { aggregateSnapshot, rebuildAggregates } from '../monitoring/aggregates.service.ts';
import * as designs from '../practice/designs.service.ts';

type User = Awaited<ReturnType<typeof make.user>>;

describeOnEachDatabase('resource library', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let author: User;
  let sameDistrict: User;
  let otherDistrict: User;
  let districtOfficer: User;
  let otherDistrictOfficer: User;
  let ministryOfficer: User;
  const sessions: Record<string, Session> = {};
  let designResourceId: string;

  const competency = () => standard.items.filter((x) => x.type === 'competency')[0]!;
  const level = () => standard.levels[0]!.code;

  const as = (
    who: 'author' | 'sameDistrict' | 'otherDistrict' | 'districtOfficer' | 'otherDistrictOfficer' | 'ministryOfficer',
  ) => ({
    get: (url: string) => app.inject({ method: 'GET', url, headers: sessions[who]!.headers }),
    send: (method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      app.inject({ method, url, headers: sessions[who]!.headers, ...(payload === undefined ? {} : { payload }) }),
  });
  const search = async (who: Parameters<typeof as>[0], query: Record<string, string>) => {
    const res = await as(who).get(`/api/resources?${new URLSearchParams(query)}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as { id: string }[]).map((r) => r.id);
  };

  beforeAll(async () => {
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    author = await make.user(world.ctx, 'teacher', world.schoolA1);
    sameDistrict = await make.user(world.ctx, 'teacher', world.schoolA1b);
    otherDistrict = await make.user(world.ctx, 'teacher', world.schoolB1);
    districtOfficer = await make.user(world.ctx, 'district_officer', world.districtA1);
    otherDistrictOfficer = await make.user(world.ctx, 'district_officer', world.districtB1);
    ministryOfficer = await make.user(world.ctx, 'ministry_officer', world.nation);
    app = await testApp(getDb());
    const users = { author, sameDistrict, otherDistrict, districtOfficer, otherDistrictOfficer, ministryOfficer };
    for (const [name, u] of Object.entries(users)) sessions[name] = await signIn(app, u.username, u.password);
  });
  afterAll(() => app.close());

  it('publishes a shared activity design nationally, found by Nepali, Cyrillic and unaccented Latin queries', async () => {
    const design = await designs.createDesign(author.ctx, {
      title: 'Tablets in the science lab',
      subject: 'Science',
      grade: '7',
      language: 'en',
      coAuthorPersonId: null,
      template: 'one_to_one',
      competencies: [{ itemId: competency().id, levelCode: level() }],
    } as never);

    const body = {
      kind: 'activity_design',
      designId: design.id,
      title: { en: 'Learning with tablets', ne: 'ट्याब्लेटसँग शिक्षण', ru: 'Обучение с планшетами' },
      description: { en: 'A café-style station rotation', uz: 'Planshet bilan oʻqitish' },
      subject: 'Science',
      grade: '7',
      languages: ['en', 'ne'],
      licence: 'CC-BY-4.0',
      competencies: [{ itemId: competency().id, levelCode: level() }],
      tags: ['tablets'],
    };
    // A private design is not shared through the library.
    const refused = await as('author').send('POST', '/api/resources', body);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('design_not_shared');
    await designs.shareDesign(author.ctx, design.id, 'district');

    const created = await as('author').send('POST', '/api/resources', body);
    expect(created.statusCode, created.body).toBe(201);
    const resource = created.json();
    designResourceId = resource.id;
    expect(resource).toMatchObject({ status: 'draft', sharing: 'private', canEdit: true });
    expect(resource.design).toMatchObject({ id: design.id, title: 'Tablets in the science lab' });
    expect(resource.titles.ne).toBe('ट्याब्लेटसँग शिक्षण');

    expect(
      (await as('author').send('PUT', `/api/resources/${resource.id}/sharing`, { sharing: 'district' })).statusCode,
    ).toBe(200);
    // National publication needs the design shared with the nation.
    const early = await as('author').send('POST', `/api/resources/${resource.id}/submit`);
    expect(early.json().error.code).toBe('design_not_shared');
    await designs.shareDesign(author.ctx, design.id, 'nation');
    const submitted = await as('author').send('POST', `/api/resources/${resource.id}/submit`);
    expect(submitted.json().status).toBe('submitted');

    // Until approved, a teacher of another district neither finds nor reads it; one of the district does.
    expect(await search('otherDistrict', { q: 'शिक्षण' })).not.toContain(resource.id);
    expect((await as('otherDistrict').get(`/api/resources/${resource.id}`)).statusCode).toBe(404);
    expect(await search('sameDistrict', { q: 'शिक्षण' })).toContain(resource.id);

    // The moderator of the author's district sees it for review; one of another district neither sees nor decides it.
    expect(await search('districtOfficer', { review: 'true' })).toContain(resource.id);
    expect(await search('otherDistrictOfficer', { review: 'true' })).not.toContain(resource.id);
    expect(await search('author', { review: 'true' })).not.toContain(resource.id);
    expect((await as('otherDistrictOfficer').get(`/api/resources/${resource.id}`)).statusCode).toBe(404);
    const byOther = await as('otherDistrictOfficer').send('POST', `/api/resources/${resource.id}/approve`);
    expect(byOther.statusCode).toBe(404);
    expect((await as('author').send('POST', `/api/resources/${resource.id}/approve`)).statusCode).toBe(403);
    expect((await as('districtOfficer').get(`/api/resources/${resource.id}`)).json().canModerate).toBe(true);
    // A district moderator approves national publication of a submission from a school of their district.
    const approved = await as('districtOfficer').send('POST', `/api/resources/${resource.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('published');
    expect((await as('ministryOfficer').send('POST', `/api/resources/${resource.id}/approve`)).json().error.code).toBe(
      'resource_not_submitted',
    );
    expect(await search('districtOfficer', { review: 'true' })).not.toContain(resource.id);
    // Taking a published resource down stays with the nation's moderators.
    const takeDown = await as('districtOfficer').send('POST', `/api/resources/${resource.id}/reject`, {
      reason: 'Outdated.',
    });
    expect(takeDown.statusCode).toBe(403);

    for (const q of ['शिक्षण', 'ट्याब्लेट', 'cafe', 'CAFÉ', 'oqitish', "o'qitish", 'обучение', 'планш', 'tablets science'])
      expect(await search('otherDistrict', { q }), q).toContain(resource.id);
    expect(await search('otherDistrict', { q: 'volcano' })).not.toContain(resource.id);

    const used = await as('otherDistrict').send('POST', `/api/resources/${resource.id}/uses`, {
      usedOn: '2026-03-02',
      classLabel: 'Grade 7B',
      note: 'Worked well in pairs.',
    });
    expect(used.statusCode, used.body).toBe(201);
    expect(used.json().uses).toBe(1);
    expect(used.json().recentUses[0]).toMatchObject({
      classLabel: 'Grade 7B',
      person: { id: otherDistrict.person.id },
    });
    // The use counts for the `used_library` indicator fact, at once and as a rebuild finds it.
    const fact = () =>
      getDb()
        .db.selectFrom('person_fact')
        .select('value')
        .where('person_id', '=', otherDistrict.person.id)
        .where('fact', '=', 'used_library')
        .executeTakeFirst();
    expect(Number((await fact())?.value)).toBe(1);
    // (The factory's people are placed without the upkeep, so only this fact's rows are compared.)
    const usedLibrary = async () => {
      const [, , units, people] = await aggregateSnapshot(world.ctx);
      return [units, people].map((rows) => rows.filter((r) => r.fact === 'used_library'));
    };
    const incremental = await usedLibrary();
    expect(incremental[0]!.length).toBeGreaterThan(0);
    await rebuildAggregates(world.ctx);
    expect(await usedLibrary()).toEqual(incremental);
    const future = await as('otherDistrict').send('POST', `/api/resources/${resource.id}/uses`, {
      usedOn: '2999-01-01',
      classLabel: '7',
    });
    expect(future.json().error.code).toBe('use_date_invalid');

    // One rating per person, changeable.
    await as('otherDistrict').send('PUT', `/api/resources/${resource.id}/rating`, { stars: 2 });
    const rated = await as('otherDistrict').send('PUT', `/api/resources/${resource.id}/rating`, { stars: 5 });
    expect(rated.json()).toMatchObject({ rating: { average: 5, count: 1 }, myRating: 5 });
    await as('sameDistrict').send('PUT', `/api/resources/${resource.id}/rating`, { stars: 4 });
    expect((await as('author').get(`/api/resources/${resource.id}`)).json().rating).toEqual({ average: 4.5, count: 2 });
    expect((await as('author').send('PUT', `/api/resources/${resource.id}/rating`, { stars: 5 })).statusCode).toBe(403);

    // Published resources are not edited in place.
    const locked = await as('author').send('PUT', `/api/resources/${resource.id}/sharing`, { sharing: 'school' });
    expect(locked.json().error.code).toBe('resource_locked');

    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', resource.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'resource.create',
        'resource.share',
        'resource.submit',
        'resource.approve',
        'resource.rate',
      ]),
    );
  });

  it('keeps a district-shared resource inside its district and a draft with its authors', async () => {
    const created = await as('author').send('POST', '/api/resources', {
      kind: 'case_study',
      title: { en: 'Our district mentoring circle' },
      licence: 'CC0-1.0',
    });
    const id = created.json().id as string;
    for (const who of ['sameDistrict', 'otherDistrict', 'districtOfficer'] as const) {
      expect((await as(who).get(`/api/resources/${id}`)).statusCode, who).toBe(404);
      expect(await search(who, { q: 'mentoring' })).not.toContain(id);
    }
    await as('author').send('PUT', `/api/resources/${id}/sharing`, { sharing: 'district' });
    expect(await search('sameDistrict', { q: 'mentoring' })).toContain(id);
    expect((await as('sameDistrict').get(`/api/resources/${id}`)).statusCode).toBe(200);
    expect(await search('otherDistrict', { q: 'mentoring' })).not.toContain(id);
    expect(await search('otherDistrict', {})).not.toContain(id);
    expect((await as('otherDistrict').get(`/api/resources/${id}`)).statusCode).toBe(404);
    expect(
      (await as('otherDistrict').send('POST', `/api/resources/${id}/uses`, { usedOn: '2026-01-05', classLabel: '5' }))
        .statusCode,
    ).toBe(404);

    // The district's moderator withdraws it, with the reason for the author.
    const withdrawn = await as('districtOfficer').send('POST', `/api/resources/${id}/reject`, {
      reason: 'Names pupils.',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'draft',
      sharing: 'private',
      review: { reason: 'Names pupils.' },
    });
    expect((await as('sameDistrict').get(`/api/resources/${id}`)).statusCode).toBe(404);
  });

  it('refuses an executable uploaded as a document and serves an accepted file as a download', async () => {
    const created = await as('author').send('POST', '/api/resources', {
      kind: 'document',
      title: { en: 'Rubric for group work' },
      licence: 'CC-BY-SA-4.0',
    });
    const id = created.json().id as string;
    const upload = (bytes: Buffer, fileName: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/resources/${id}/file?fileName=${encodeURIComponent(fileName)}`,
        headers: { ...sessions.author!.headers, 'content-type': 'application/pdf' },
        payload: bytes,
      });
    const exe = await upload(
      Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]),
      'rubric.pdf',
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('file_type_not_allowed');
    const pdf = await upload(Buffer.from('%PDF-1.4\n% rubric\n'), 'rubric.pdf');
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.json().file).toMatchObject({ name: 'rubric.pdf', contentType: 'application/pdf' });
    const download = await as('author').get(`/api/resources/${id}/file`);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);
    expect(download.body).toContain('%PDF-1.4');
    expect((await as('otherDistrict').get(`/api/resources/${id}/file`)).statusCode).toBe(404);

    const link = await as('author').send('POST', '/api/resources', {
      kind: 'link',
      title: { en: 'A link' },
      url: 'https://example.org/x',
      licence: 'all_rights_reserved',
    });
    const onLink = await app.inject({
      method: 'PUT',
      url: `/api/resources/${link.json().id}/file?fileName=a.pdf`,
      headers: { ...sessions.author!.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.4\n'),
    });
    expect(onLink.json().error.code).toBe('resource_kind_no_file');
    const noUrl = await as('author').send('POST', '/api/resources', {
      kind: 'video',
      title: { en: 'v' },
      licence: 'CC0-1.0',
    });
    expect(noUrl.statusCode).toBe(400);
  });

  it('filters by competency, level, subject, grade, language, licence and kind', async () => {
    const make1 = async (over: Record<string, unknown>) => {
      const res = await as('author').send('POST', '/api/resources', {
        kind: 'lesson_plan',
        title: { en: 'Fractions with paper strips' },
        licence: 'CC-BY-4.0',
        subject: 'Mathematics',
        grade: '5',
        languages: ['en'],
        ...over,
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id as string;
      await as('author').send('PUT', `/api/resources/${id}/sharing`, { sharing: 'school' });
      return id;
    };
    const aligned = await make1({ competencies: [{ itemId: competency().id, levelCode: level() }] });
    const nepali = await make1({ languages: ['ne'], grade: '6', licence: 'CC-BY-NC-4.0', kind: 'curriculum' });
    const q = { q: 'fractions' };
    expect(await search('author', q)).toEqual(expect.arrayContaining([aligned, nepali]));
    expect(await search('author', { ...q, competency: competency().id })).toEqual([aligned]);
    expect(await search('author', { ...q, level: level() })).toEqual([aligned]);
    expect(await search('author', { ...q, language: 'ne' })).toEqual([nepali]);
    expect(await search('author', { ...q, grade: '6' })).toEqual([nepali]);
    expect(await search('author', { ...q, licence: 'CC-BY-4.0' })).toEqual([aligned]);
    expect(await search('author', { ...q, kind: 'curriculum' })).toEqual([nepali]);
    expect((await search('author', { ...q, subject: 'Mathematics' })).sort()).toEqual([aligned, nepali].sort());
    expect(await search('author', { ...q, subject: 'History' })).toEqual([]);
    expect(await search('author', { q: 'fract' })).toEqual(expect.arrayContaining([aligned, nepali]));
    // A word being typed that begins several words, after a whole one.
    const fractal = await make1({ title: { en: 'Fractal paper art' } });
    expect((await search('author', { q: 'paper fract' })).sort()).toEqual([aligned, nepali, fractal].sort());
    expect(await search('author', { q: 'art fract' })).toEqual([fractal]);
    const unknown = await as('author').send('POST', '/api/resources', {
      kind: 'lesson_plan',
      title: { en: 'x' },
      licence: 'CC0-1.0',
      competencies: [{ itemId: 'nope', levelCode: level() }],
    });
    expect(unknown.json().error.code).toBe('unknown_competency');
  });

  it('keeps collections of resources their owner can read', async () => {
    const made = await as('otherDistrict').send('POST', '/api/resource-collections', { name: 'Tablets' });
    expect(made.statusCode, made.body).toBe(201);
    const cid = made.json().id as string;
    const added = await as('otherDistrict').send('POST', `/api/resource-collections/${cid}/items`, {
      resourceId: designResourceId,
    });
    expect(added.json().items.map((r: { id: string }) => r.id)).toEqual([designResourceId]);
    expect((await as('otherDistrict').get('/api/resource-collections')).json().items[0]).toMatchObject({ size: 1 });
    expect((await as('author').get(`/api/resource-collections/${cid}`)).statusCode).toBe(404);
    const removed = await as('otherDistrict').send(
      'DELETE',
      `/api/resource-collections/${cid}/items/${designResourceId}`,
    );
    expect(removed.json().items).toEqual([]);
  });
});
