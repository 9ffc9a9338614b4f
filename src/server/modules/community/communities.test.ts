import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { newId } from '../../shared/ids.ts';
import * as people from '../people/people.service.ts';
import * as partnerships from '../practice/partnerships.service.ts';
import * as training from '../training/training.ts';
import * as repo from './communities.repo.ts';
import { CANDIDATES, forgetSearchStatistics, indexPost, scanPages } from './search.ts';
import { POSTING_LIMITS } from './threads.service.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

describeOnEachDatabase('communities of practice: threads, mentions, moderation, cohorts, search', (getDb, dialect) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  type User = Awaited<ReturnType<typeof make.user>>;
  const users: Record<string, User> = {};
  const sessions = new Map<string, Session>();
  const http = (who: string) => ({
    send: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: sessions.get(who)!.headers,
        ...(payload === undefined ? {} : { payload: payload as Json }),
      }),
  });
  const ok = async (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
    const res = await http(who).send(method, url, payload);
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json() as Json;
  };
  const inbox = async (who: string) => (await ok(who, 'GET', '/api/me/notifications')).items as Json[];
  const audit = async (action: string) =>
    getDb()
      .db.selectFrom('audit_log')
      .select(['action', 'entity_id', 'after_json'])
      .where('tenant_id', '=', world.ctx.tenantId)
      .where('action', '=', action)
      .execute();
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let subjectCommunity: Json;
  let thread: Json;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const roles: [string, Parameters<typeof make.user>[1], keyof typeof world][] = [
      ['ministry', 'ministry_officer', 'nation'],
      ['districtA1', 'district_officer', 'districtA1'],
      ['districtB1', 'district_officer', 'districtB1'],
      ['teacherA1', 'teacher', 'schoolA1'],
      ['teacherA1b', 'teacher', 'schoolA1b'],
      ['teacherB1', 'teacher', 'schoolB1'],
      ['chatty', 'teacher', 'schoolA1'],
    ];
    for (const [name, role, at] of roles) {
      users[name] = await make.user(world.ctx, role, world[at] as Awaited<ReturnType<typeof make.unit>>);
      sessions.set(name, await signIn(app, users[name]!.username, users[name]!.password));
    }
    users.trainer = await make.user(world.ctx, 'trainer', tei);
    sessions.set('trainer', await signIn(app, users.trainer.username, users.trainer.password));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets a teacher open a subject community for a district that its teachers join and outsiders cannot see', async () => {
    subjectCommunity = await ok('teacherA1', 'POST', '/api/communities', {
      kind: 'subject',
      name: 'Mathematics teachers of District A1',
      subject: 'Mathematics',
      unitId: world.districtA1.id,
    });
    expect(subjectCommunity).toMatchObject({ kind: 'subject', access: 'open', myRole: 'owner', memberCount: 1 });
    const id = subjectCommunity.id as string;

    const listed = await ok('teacherA1b', 'GET', '/api/communities');
    expect(listed.open.map((c: Json) => c.id)).toContain(id);
    expect(listed.mine.map((c: Json) => c.id)).not.toContain(id);
    const joined = await ok('teacherA1b', 'POST', `/api/communities/${id}/membership`);
    expect(joined).toMatchObject({ myRole: 'member', memberCount: 2, can: { post: true, moderate: false } });
    expect((await ok('teacherA1b', 'GET', '/api/communities')).mine.map((c: Json) => c.id)).toContain(id);

    // Someone placed in another region reads nothing of it: not listed, and 404 by id.
    expect((await ok('teacherB1', 'GET', '/api/communities')).open.map((c: Json) => c.id)).not.toContain(id);
    for (const [method, url] of [
      ['GET', `/api/communities/${id}`],
      ['GET', `/api/communities/${id}/threads`],
      ['POST', `/api/communities/${id}/membership`],
    ] as const) {
      const res = await http('teacherB1').send(method, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('community_not_found');
    }
    const post = await http('teacherB1').send('POST', `/api/communities/${id}/threads`, { title: 'x', body: 'y' });
    expect(post.statusCode).toBe(404);

    // A district officer elsewhere cannot make one in District A1.
    const refused = await http('districtB1').send('POST', '/api/communities', {
      kind: 'region',
      name: 'x',
      unitId: world.districtA1.id,
    });
    expect(refused.statusCode).toBe(404);
  });

  it('tells members of a new thread and the people mentioned in a reply, never the author', async () => {
    const id = subjectCommunity.id as string;
    thread = await ok('teacherA1', 'POST', `/api/communities/${id}/threads`, {
      title: 'Fractions with paper strips',
      body: 'How do you introduce fractions in grade 5?',
    });
    expect(thread.thread).toMatchObject({ title: 'Fractions with paper strips', postCount: 1 });
    const link = `/communities/${id}/threads/${thread.thread.id}`;
    expect((await inbox('teacherA1b')).find((n) => n.kind === 'community_post')).toMatchObject({ link });
    expect((await inbox('teacherA1')).filter((n) => n.kind === 'community_post')).toEqual([]);

    const strangerMention = await http('teacherA1b').send('POST', `/api/community/threads/${thread.thread.id}/posts`, {
      body: `Ask @{${users.teacherB1!.person.id}}`,
    });
    expect(strangerMention.statusCode).toBe(422);
    expect(strangerMention.json().error.code).toBe('mention_not_member');

    const reply = await ok('teacherA1b', 'POST', `/api/community/threads/${thread.thread.id}/posts`, {
      body: `@{${users.teacherA1!.person.id}} I fold strips of paper into halves and quarters.`,
    });
    expect(reply.mentions).toEqual([{ id: users.teacherA1!.person.id, name: expect.any(String) }]);
    const mentions = (await inbox('teacherA1')).filter((n) => n.kind === 'community_mention');
    expect(mentions).toHaveLength(1);
    expect(mentions[0]).toMatchObject({ link });
    expect((await inbox('teacherA1')).filter((n) => n.kind === 'community_post')).toEqual([]);

    const page = await ok('teacherA1', 'GET', `/api/community/threads/${thread.thread.id}?limit=1`);
    expect(page.posts).toHaveLength(1);
    expect(page.thread.postCount).toBe(2);
    const rest = await ok('teacherA1', 'GET', `/api/community/threads/${thread.thread.id}?limit=1&after=${page.next}`);
    expect(rest.posts.map((p: Json) => p.id)).toEqual([reply.id]);
    expect(rest.next).toBeNull();
  });

  it('keeps one reaction of a kind per person per post, for members only', async () => {
    const postId = thread.posts[0].id as string;
    await ok('teacherA1b', 'PUT', `/api/community/posts/${postId}/reactions/like`);
    const twice = await ok('teacherA1b', 'PUT', `/api/community/posts/${postId}/reactions/like`);
    expect(twice.reactions).toEqual([{ kind: 'like', count: 1, mine: true }]);
    const both = await ok('teacherA1', 'PUT', `/api/community/posts/${postId}/reactions/like`);
    expect(both.reactions).toEqual([{ kind: 'like', count: 2, mine: true }]);
    const removed = await ok('teacherA1', 'DELETE', `/api/community/posts/${postId}/reactions/like`);
    expect(removed.reactions).toEqual([{ kind: 'like', count: 1, mine: false }]);
    expect((await http('teacherA1').send('PUT', `/api/community/posts/${postId}/reactions/wow`)).statusCode).toBe(400);
    // A moderator by scope reads the community but is not a member: no reactions.
    expect((await http('districtA1').send('PUT', `/api/community/posts/${postId}/reactions/like`)).statusCode).toBe(
      403,
    );
    expect((await http('teacherB1').send('PUT', `/api/community/posts/${postId}/reactions/like`)).statusCode).toBe(404);
  });

  it('lets members report a post and moderators within their scope hide and show it, all audited', async () => {
    const postId = thread.posts[0].id as string;
    const reported = await ok('teacherA1b', 'POST', `/api/community/posts/${postId}/report`, { reason: 'Off topic' });
    expect(reported).toMatchObject({ reportedByMe: true, reportCount: 0 });
    const queue = await ok('districtA1', 'GET', `/api/communities/${subjectCommunity.id}/reports`);
    expect(queue.items).toEqual([expect.objectContaining({ reasons: ['Off topic'], threadId: thread.thread.id })]);

    // A member is not a moderator; an officer of another district does not even see the post.
    expect(
      (await http('teacherA1b').send('POST', `/api/community/posts/${postId}/hide`, { reason: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await http('districtB1').send('POST', `/api/community/posts/${postId}/hide`, { reason: 'x' })).statusCode,
    ).toBe(404);
    expect((await http('districtB1').send('GET', `/api/communities/${subjectCommunity.id}/reports`)).statusCode).toBe(
      404,
    );

    const hidden = await ok('districtA1', 'POST', `/api/community/posts/${postId}/hide`, {
      reason: 'Not about fractions',
    });
    expect(hidden.hidden).toMatchObject({ reason: 'Not about fractions', by: { id: users.districtA1!.person.id } });
    const seenByMember = (await ok('teacherA1b', 'GET', `/api/community/threads/${thread.thread.id}`)).posts[0];
    expect(seenByMember).toMatchObject({ id: postId, body: null, hidden: { reason: null, by: null } });
    const seenByAuthor = (await ok('teacherA1', 'GET', `/api/community/threads/${thread.thread.id}`)).posts[0];
    expect(seenByAuthor).toMatchObject({ body: expect.any(String), hidden: { reason: 'Not about fractions' } });
    const again = await http('districtA1').send('POST', `/api/community/posts/${postId}/hide`, { reason: 'x' });
    expect(again.json().error.code).toBe('invalid_transition');

    // The owner moderates their own community too.
    const shown = await ok('teacherA1', 'POST', `/api/community/posts/${postId}/unhide`, { reason: 'Back on topic' });
    expect(shown.hidden).toBeNull();
    expect((await audit('community_post.hide')).map((a) => a.entity_id)).toEqual([postId]);
    expect((await audit('community_post.unhide')).map((a) => a.entity_id)).toEqual([postId]);
    expect(await audit('community_post.report')).toHaveLength(1);
    expect(await audit('community_thread.create')).not.toHaveLength(0);
  });

  it('makes a cohort community for an offering: its enrolled teachers and trainers, told of each post', async () => {
    const standard = await make.publishedStandard(world.ctx);
    const module = await make.trainingModule(users.ministry!.ctx, standard, { title: { en: '1:1 computing' } });
    const offering = await make.offering(users.ministry!.ctx, tei, {
      moduleId: module.id,
      trainerIds: [users.trainer!.person.id],
    });
    await training.enrol(users.teacherA1!.ctx, offering.id);
    await training.enrol(users.teacherB1!.ctx, offering.id);

    const cohort = await ok('trainer', 'GET', `/api/offerings/${offering.id}/community`);
    expect(cohort).toMatchObject({ kind: 'cohort', access: 'members', offeringId: offering.id, myRole: 'moderator' });
    expect(cohort.name).toContain('1:1 computing');
    expect(cohort.members.map((m: Json) => [m.id, m.role]).sort()).toEqual(
      [
        [users.teacherA1!.person.id, 'member'],
        [users.teacherB1!.person.id, 'member'],
        [users.trainer!.person.id, 'moderator'],
      ].sort(),
    );
    // The same community the second time; someone not enrolled does not see it.
    expect((await ok('teacherA1', 'GET', `/api/offerings/${offering.id}/community`)).id).toBe(cohort.id);
    expect((await http('teacherA1b').send('GET', `/api/offerings/${offering.id}/community`)).statusCode).toBe(404);
    expect((await ok('teacherB1', 'GET', '/api/communities')).mine.map((c: Json) => c.id)).toContain(cohort.id);

    const t = await ok('trainer', 'POST', `/api/communities/${cohort.id}/threads`, {
      title: 'Before the first day',
      body: 'Bring a laptop and one lesson plan you want to change.',
    });
    for (const who of ['teacherA1', 'teacherB1'])
      expect(
        (await inbox(who)).find((n) => n.kind === 'community_post' && n.title.includes('Before the first day')),
      ).toMatchObject({
        link: `/communities/${cohort.id}/threads/${t.thread.id}`,
      });

    // A teacher who withdraws leaves the cohort at its next reading.
    const [enrolment] = await training.enrolmentsOfPerson(users.teacherB1!.ctx, users.teacherB1!.person.id);
    await training.withdraw(users.teacherB1!.ctx, enrolment!.id);
    expect((await http('teacherB1').send('GET', `/api/communities/${cohort.id}`)).statusCode).toBe(404);
  });

  it(`refuses posts past ${POSTING_LIMITS[0].posts} a minute with 429 posting_too_fast`, async () => {
    const id = subjectCommunity.id as string;
    await ok('chatty', 'POST', `/api/communities/${id}/membership`);
    const first = await ok('chatty', 'POST', `/api/communities/${id}/threads`, { title: 'Hello', body: 'one' });
    for (let i = 1; i < POSTING_LIMITS[0].posts; i++)
      await ok('chatty', 'POST', `/api/community/threads/${first.thread.id}/posts`, { body: `post ${i}` });
    const refused = await http('chatty').send('POST', `/api/community/threads/${first.thread.id}/posts`, {
      body: 'more',
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error).toMatchObject({ code: 'posting_too_fast', details: { retryAfterSeconds: 60 } });
  });

  it('attaches only library resources the poster can read', async () => {
    const draft = await ok('teacherA1b', 'POST', '/api/resources', {
      kind: 'link',
      title: { en: 'My private notes' },
      url: 'https://example.org/notes',
      licence: 'all_rights_reserved',
    });
    const mine = await ok('teacherA1', 'POST', '/api/resources', {
      kind: 'link',
      title: { en: 'Fraction strips template' },
      url: 'https://example.org/strips',
      licence: 'CC-BY-4.0',
    });
    const refused = await http('teacherA1').send('POST', `/api/community/threads/${thread.thread.id}/posts`, {
      body: 'See this',
      resourceIds: [draft.id],
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'attachment_not_readable', details: { resourceId: draft.id } });
    const attached = await ok('teacherA1', 'POST', `/api/community/threads/${thread.thread.id}/posts`, {
      body: 'See this template',
      resourceIds: [mine.id],
    });
    expect(attached.attachments).toEqual([{ id: mine.id, title: 'Fraction strips template', readable: true }]);
    // Another member who cannot open the draft resource sees that it is there, without its title.
    const seen = (await ok('teacherA1b', 'GET', `/api/community/threads/${thread.thread.id}?limit=200`)).posts.at(-1);
    expect(seen.attachments).toEqual([{ id: mine.id, title: null, readable: false }]);
  });

  it('finds threads, events and resources in Latin, Cyrillic and Devanagari, only those the reader may open', async () => {
    const id = subjectCommunity.id as string;
    const threadIn = async (title: string, body: string) =>
      (await ok('teacherA1b', 'POST', `/api/communities/${id}/threads`, { title, body })).thread.id as string;
    const russian = await threadIn('Проектное обучение в 7 классе', 'Как оценивать ёмкие групповые проекты?');
    const nepali = await threadIn('कक्षामा कम्प्युटर', 'विद्यार्थीहरूले प्रस्तुति बनाए');
    const latin = await threadIn('Café de la pédagogie', 'Ideas for o‘qituvchi workshops');

    const search = async (who: string, q: string, kind?: string) =>
      (await ok(who, 'GET', `/api/community/search?q=${encodeURIComponent(q)}${kind ? `&kind=${kind}` : ''}`))
        .items as Json[];
    expect((await search('teacherA1', 'проектное')).map((h) => h.id)).toEqual([russian]);
    expect((await search('teacherA1', 'емкие')).map((h) => h.id)).toEqual([russian]);
    expect((await search('teacherA1', 'कम्प्युटर')).map((h) => h.id)).toEqual([nepali]);
    expect((await search('teacherA1', 'विद्यार्थी')).map((h) => h.id)).toEqual([nepali]);
    expect((await search('teacherA1', 'cafe pedag')).map((h) => h.id)).toEqual([latin]);
    expect((await search('teacherA1', "o'qituvchi"))[0]).toMatchObject({
      kind: 'thread',
      id: latin,
      link: `/communities/${id}/threads/${latin}`,
    });
    // Outsiders do not find the community's threads.
    expect(await search('teacherB1', 'проектное')).toEqual([]);

    // Events are found by title, description and agenda; resources by their text; all ranked together.
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const event = await ok('ministry', 'POST', '/api/events', {
      kind: 'workshop',
      title: { en: 'Fractions workshop', ne: 'भिन्न कार्यशाला' },
      agenda: [{ time: '10:00', title: { ru: 'Проектное обучение: итоги' } }],
      unitId: world.nation.id,
      startsAt: `${day}T10:00:00Z`,
      endsAt: `${day}T12:00:00Z`,
      place: 'Hall',
    });
    expect((await search('ministry', 'कार्यशाला')).map((h) => [h.kind, h.id])).toEqual([['event', event.id]]);
    expect((await search('ministry', 'проектное', 'event')).map((h) => h.id)).toEqual([event.id]);
    // The teacher may not open the (unlisted, closed) event.
    expect((await search('teacherA1', 'проектное')).map((h) => h.kind)).toEqual(['thread']);

    const mixed = await search('teacherA1', 'fraction');
    expect(mixed.map((h) => h.kind).sort()).toEqual(['event', 'resource', 'thread'].filter((k) => k !== 'event'));
    expect(mixed.find((h) => h.kind === 'resource')).toMatchObject({ title: 'Fraction strips template' });
    expect(await search('teacherA1', 'fraction', 'resource')).toHaveLength(1);

    // A hidden post is not found.
    const page = await ok('teacherA1', 'GET', `/api/community/threads/${latin}`);
    await ok('districtA1', 'POST', `/api/community/posts/${page.posts[0].id}/hide`, { reason: 'spam' });
    expect(await search('teacherA1', 'cafe')).toEqual([]);
  });

  it('makes a partnership community at its college, with its coaches, for those who read the partnership', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await people.updatePerson(world.ctx, users.trainer!.person.id, { category: 'trainer' });
    const regional = await make.user(world.ctx, 'regional_officer', world.regionA);
    const partnership = await partnerships.createPartnership(regional.ctx, {
      teiUnitId: tei.id,
      title: 'Schools A1 and the college',
      focus: 'Tablets in grades 5-7',
      startsOn: day(-30),
      endsOn: day(300),
      schoolIds: [world.schoolA1.id],
      coachIds: [users.trainer!.person.id],
    });
    const made = await ok('teacherA1', 'POST', '/api/communities', {
      kind: 'partnership',
      name: 'Our partnership',
      access: 'members',
      partnershipId: partnership.id,
    });
    expect(made).toMatchObject({ kind: 'partnership', unit: { id: tei.id }, partnershipId: partnership.id });
    expect(made.members.map((m: Json) => [m.id, m.role]).sort()).toEqual(
      [
        [users.teacherA1!.person.id, 'owner'],
        [users.trainer!.person.id, 'member'],
      ].sort(),
    );
    // A teacher of another school reads neither the partnership nor its community.
    const refused = await http('teacherA1b').send('POST', '/api/communities', {
      kind: 'partnership',
      name: 'x',
      partnershipId: partnership.id,
    });
    expect(refused.json().error.code).toBe('partnership_not_found');
    expect((await http('teacherA1b').send('GET', `/api/communities/${made.id}`)).statusCode).toBe(404);
  });

  it('finds by two words, the last being typed, read in table order or from the index alike', async () => {
    // Written as the service writes them, an hour ago (the posting rate limit is another test's).
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const threadIn = (title: string, body: string, hidden = 0) =>
      getDb()
        .db.transaction()
        .execute(async (trx) => {
          const thread = { id: newId(), title };
          const base = { tenant_id: world.ctx.tenantId, community_id: subjectCommunity.id as string };
          const author_person_id = users.teacherA1b!.person.id;
          await repo.insertThread(trx, {
            ...base,
            ...thread,
            author_person_id,
            post_count: 1,
            last_post_at: at,
            created_at: at,
          });
          const post = newId();
          await repo.insertPost(trx, {
            ...base,
            id: post,
            thread_id: thread.id,
            author_person_id,
            body,
            mentions: '[]',
            attachments: '[]',
            hidden,
            hidden_reason: hidden ? 'spam' : null,
            hidden_by_person_id: null,
            hidden_at: hidden ? at : null,
            created_at: at,
          });
          await indexPost(trx, dialect, world.ctx.tenantId, {
            id: post,
            threadId: thread.id,
            threadTitle: title,
            body,
          });
          return thread.id;
        });
    const both = await threadIn('Hydroponics in the greenhouse', 'Greenhouses need light');
    await threadIn('Hydroponics kits', 'Cheap kits for schools');
    await threadIn('Greenhouse roof', 'Glass or plastic');
    await threadIn('Hydroponics greenhouse offer', 'Buy now', 1);

    const search = async (who: string, q: string) =>
      ((await ok(who, 'GET', `/api/community/search?q=${encodeURIComponent(q)}&kind=thread`)).items as Json[]).map(
        (h) => h.id,
      );
    const expected = async () => {
      expect(await search('teacherA1', 'hydroponics greenh')).toEqual([both]);
      expect(await search('teacherA1', 'greenhouse hydro')).toEqual([both]);
      // A whole word before the last is not the start of a longer one.
      expect(await search('teacherA1', 'hydro greenhouse')).toEqual([]);
      expect(await search('teacherB1', 'hydroponics greenh')).toEqual([]);
    };
    // Without statistics PostgreSQL takes the index's matches; with them, common words are read in
    // table order first (every page of a small table). SQLite looks the prefix up in its word list.
    forgetSearchStatistics();
    await expected();
    if (dialect === 'postgres') {
      await sql`analyze community_search`.execute(getDb().db);
      forgetSearchStatistics();
      await expected();
    }
  });

  it("reads in table order first only what would cost less than the index, by the words' shares", () => {
    const stats = {
      rows: 1_000_000,
      pages: 57_000,
      freqs: new Map([
        ['lesson', 0.25],
        ['podcast', 0.13],
        ['weather', 0.13],
      ]),
    };
    // A word no statistics name is rare: the index at once.
    expect(scanPages(stats, ['zebrafish'])).toBe(0);
    expect(scanPages(stats, ['lesson', 'zebra'])).toBe(0);
    // Common words: about a quarter of the index entries' cost, in pages of the table.
    expect(scanPages(stats, ['lesson'])).toBe(Math.ceil((0.25 * 1_000_000 * 0.25) / (1_000_000 / 57_000)));
    expect(scanPages(stats, ['podcast', 'weath'])).toBeGreaterThan(scanPages(stats, ['weath']));
    // A small table is read whole.
    expect(scanPages({ ...stats, rows: 40, pages: 2 }, ['podcast'])).toBeGreaterThanOrEqual(2);
  });

  it(`finds a thread the reader may open behind more than ${CANDIDATES} newer matches she may not`, async () => {
    const db = getDb();
    const mine = (
      await ok('teacherA1b', 'POST', `/api/communities/${subjectCommunity.id}/threads`, {
        title: 'Zebrafish in the biology lab',
        body: 'Our zebrafish tank',
      })
    ).thread.id as string;
    // A closed community of another region, with many posts on the same fish, written after hers.
    const at = new Date().toISOString();
    const closed = {
      tenant_id: world.ctx.tenantId,
      id: newId(),
      kind: 'subject',
      name: 'Biology of Region B',
      description: '',
      access: 'closed',
      unit_id: world.districtB1.id,
      unit_path: world.districtB1.path,
      subject: null,
      partnership_id: null,
      offering_id: null,
      created_by_person_id: users.teacherB1!.person.id,
      created_at: at,
      updated_at: at,
    };
    const other = { id: newId(), title: 'Zebrafish feeding' };
    await db.db.transaction().execute(async (trx) => {
      await repo.insertCommunity(trx, closed);
      await repo.insertThread(trx, {
        tenant_id: closed.tenant_id,
        id: other.id,
        community_id: closed.id,
        title: other.title,
        author_person_id: users.teacherB1!.person.id,
        post_count: CANDIDATES + 1,
        last_post_at: at,
        created_at: at,
      });
      for (let i = 0; i <= CANDIDATES; i++) {
        const post = newId();
        await repo.insertPost(trx, {
          tenant_id: closed.tenant_id,
          id: post,
          thread_id: other.id,
          community_id: closed.id,
          author_person_id: users.teacherB1!.person.id,
          body: `zebrafish ${i}`,
          mentions: '[]',
          attachments: '[]',
          hidden: 0,
          hidden_reason: null,
          hidden_by_person_id: null,
          hidden_at: null,
          created_at: at,
        });
        await indexPost(trx, dialect, closed.tenant_id, {
          id: post,
          threadId: other.id,
          threadTitle: other.title,
          body: `zebrafish ${i}`,
        });
      }
    });
    const found = await ok('teacherA1', 'GET', '/api/community/search?q=zebrafish&kind=thread');
    expect(found.items.map((h: Json) => h.id)).toEqual([mine]);
    // A moderator over both communities reads the other region's thread too.
    const ministry = await ok('ministry', 'GET', '/api/community/search?q=zebrafish&kind=thread');
    expect(ministry.items.map((h: Json) => h.id)).toContain(other.id);
  });

  it('reads a page of a thread in index order, without sorting, however many posts there are', async () => {
    const db = getDb().db;
    const after = { at: '2026-01-01T00:00:00.000Z', id: 'x' };
    const compiled = repo.postsOfThreadQuery(db, world.ctx.tenantId, 'thread', after, 50).compile();
    const plan = await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        // A test table is tiny: make the planner show the plan it would use for a large one.
        await sql`set local enable_seqscan = off`.execute(trx);
        const rows = await sql.raw<{ 'QUERY PLAN': string }>(`explain ${inline(compiled)}`).execute(trx);
        return rows.rows.map((r) => r['QUERY PLAN']).join('\n');
      }
      const rows = await sql.raw<{ detail: string }>(`explain query plan ${inline(compiled)}`).execute(trx);
      return rows.rows.map((r) => r.detail).join('\n');
    });
    expect(plan).toContain('community_post_thread_idx');
    expect(plan).not.toMatch(/TEMP B-TREE|Sort\b/);
  });
});

/** A compiled query with its parameters written in (strings only here): for EXPLAIN. */
function inline(compiled: { sql: string; parameters: readonly unknown[] }): string {
  let i = 0;
  return compiled.sql.replace(/\$\d+|\?/g, () => `'${String(compiled.parameters[i++]).replaceAll("'", "''")}'`);
}
