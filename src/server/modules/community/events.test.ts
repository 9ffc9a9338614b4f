import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { readIcs, unescapeText } from '../../../../test/ics.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read as loose JSON in HTTP tests.
type Json = Record<string, any>;

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('events: policy meetings, registration, follow-up actions and the calendar feed', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  type User = Awaited<ReturnType<typeof make.user>>;
  let ministry: User;
  let districtA1: User;
  let districtB1: User;
  let teacherA1: User;
  let teacherA1b: User;
  let teacherB1: User;
  const sessions = new Map<User, Session>();
  const as = (user: User) => sessions.get(user)!.headers;

  const meetingDay = dayFromNow(3);
  const title = 'Policy meeting: ICT, budget; plan \\ next steps';
  const meetingBody = () => ({
    kind: 'policy_meeting',
    title: { en: title, ru: 'Совещание по политике ИКТ' },
    description: {
      en: `Review of the national ICT roadmap.\nEvery region brings its figures, its plans and its questions for ${'the ministry, '.repeat(5)}end`,
    },
    unitId: world.nation.id,
    startsAt: `${meetingDay}T10:00:00+05:00`,
    endsAt: `${meetingDay}T12:30:00+05:00`,
    place: 'Room 4, Ministry; Tashkent',
    agenda: [
      { time: '10:00', title: { en: 'Opening' }, presenter: 'Deputy Minister' },
      { time: '10:30', title: { en: 'Regional figures' } },
    ],
  });
  let meeting: Json;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    districtA1 = await make.user(world.ctx, 'district_officer', world.districtA1);
    districtB1 = await make.user(world.ctx, 'district_officer', world.districtB1);
    teacherA1 = await make.user(world.ctx, 'teacher', world.schoolA1);
    teacherA1b = await make.user(world.ctx, 'teacher', world.schoolA1b);
    teacherB1 = await make.user(world.ctx, 'teacher', world.schoolB1);
    for (const user of [ministry, districtA1, districtB1, teacherA1, teacherA1b, teacherB1])
      sessions.set(user, await signIn(app, user.username, user.password));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets a ministry officer create a policy meeting with an agenda and invite two people and a guest', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(ministry),
      payload: meetingBody(),
    });
    expect(created.statusCode).toBe(201);
    meeting = created.json();
    expect(meeting).toMatchObject({
      kind: 'policy_meeting',
      title: { text: title },
      startsAt: `${meetingDay}T05:00:00.000Z`,
      endsAt: `${meetingDay}T07:30:00.000Z`,
      canManage: true,
      agenda: [
        { time: '10:00', title: { text: 'Opening' }, presenter: 'Deputy Minister' },
        { time: '10:30', title: { text: 'Regional figures' }, presenter: null },
      ],
    });

    const invited = await app.inject({
      method: 'POST',
      url: `/api/events/${meeting.id}/invitations`,
      headers: as(ministry),
      payload: {
        personIds: [districtA1.person.id, teacherA1.person.id],
        guests: [{ email: 'Expert@Example.org', name: 'Outside expert' }],
      },
    });
    expect(invited.statusCode).toBe(200);
    const detail = invited.json();
    expect(detail.participants.map((p: Json) => [p.personId, p.source]).sort()).toEqual(
      [
        [districtA1.person.id, 'invited'],
        [teacherA1.person.id, 'invited'],
      ].sort(),
    );
    expect(detail.guests).toEqual([{ email: 'expert@example.org', name: 'Outside expert', attended: null }]);

    for (const user of [districtA1, teacherA1]) {
      const inbox = (await app.inject({ method: 'GET', url: '/api/me/notifications', headers: as(user) })).json();
      expect(inbox.items[0]).toMatchObject({ kind: 'event_invited', link: `/events/${meeting.id}` });
      expect(inbox.items[0].title).toContain('Policy meeting');
    }
    const uninvited = (
      await app.inject({ method: 'GET', url: '/api/me/notifications', headers: as(teacherB1) })
    ).json();
    expect(uninvited.items.filter((n: Json) => n.kind === 'event_invited')).toEqual([]);

    // Invited, the district officer sees the meeting among theirs; the teacher of region B does not.
    const mine = (await app.inject({ method: 'GET', url: '/api/events', headers: as(districtA1) })).json();
    expect(mine.items.find((e: Json) => e.id === meeting.id)).toMatchObject({ mine: 'invited', canManage: false });
    const theirs = (await app.inject({ method: 'GET', url: '/api/events', headers: as(teacherB1) })).json();
    expect(theirs.items.map((e: Json) => e.id)).not.toContain(meeting.id);
  });

  it('refuses an event that ends before it starts, and an online link that is not https', async () => {
    const backwards = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(ministry),
      payload: { ...meetingBody(), endsAt: `${meetingDay}T09:00:00+05:00` },
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().error.code).toBe('event_dates_invalid');
    const plain = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(ministry),
      payload: { ...meetingBody(), place: undefined, onlineUrl: 'http://meet.example.org/x' },
    });
    expect(plain.statusCode).toBe(400);
  });

  it('lets people under a workshop’s unit register while seats remain, and not people elsewhere', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: as(districtA1),
      payload: {
        kind: 'workshop',
        title: { en: 'Project-based learning workshop' },
        unitId: world.districtA1.id,
        startsAt: `${dayFromNow(10)}T09:00:00Z`,
        endsAt: `${dayFromNow(10)}T16:00:00Z`,
        onlineUrl: 'https://meet.example.org/pbl',
        registrationOpen: true,
        capacity: 1,
      },
    });
    expect(created.statusCode).toBe(201);
    const workshop = created.json();

    const listed = (await app.inject({ method: 'GET', url: '/api/events', headers: as(teacherA1) })).json();
    expect(listed.items.find((e: Json) => e.id === workshop.id)).toMatchObject({ mine: null, registrationOpen: true });

    const registered = await app.inject({
      method: 'POST',
      url: `/api/events/${workshop.id}/registration`,
      headers: as(teacherA1),
    });
    expect(registered.statusCode).toBe(200);
    expect(registered.json()).toMatchObject({ mine: 'registered', seatsTaken: 1, participants: [] });

    const again = await app.inject({
      method: 'POST',
      url: `/api/events/${workshop.id}/registration`,
      headers: as(teacherA1),
    });
    expect(again.json().error.code).toBe('already_registered');
    const full = await app.inject({
      method: 'POST',
      url: `/api/events/${workshop.id}/registration`,
      headers: as(teacherA1b),
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('event_full');

    const outside = await app.inject({
      method: 'POST',
      url: `/api/events/${workshop.id}/registration`,
      headers: as(teacherB1),
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.code).toBe('event_not_found');

    // A policy meeting is by invitation: registration is closed even to those under its unit.
    const closed = await app.inject({
      method: 'POST',
      url: `/api/events/${meeting.id}/registration`,
      headers: as(teacherA1b),
    });
    expect(closed.statusCode).toBe(404);
  });

  it('keeps an event to its organisers: unseen is 404, seen but not organised is 403', async () => {
    const edit = { ...meetingBody(), place: 'Somewhere else' };
    const unseen = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}`,
      headers: as(districtB1),
      payload: edit,
    });
    expect(unseen.statusCode).toBe(404);
    expect(unseen.json().error.code).toBe('event_not_found');
    const invitedOnly = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}`,
      headers: as(districtA1),
      payload: edit,
    });
    expect(invitedOnly.statusCode).toBe(403);
    expect(invitedOnly.json().error.code).toBe('forbidden');
    const own = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}`,
      headers: as(ministry),
      payload: { ...meetingBody(), place: 'Room 4, Ministry; Tashkent' },
    });
    expect(own.statusCode).toBe(200);
  });

  it('serves the invited person’s calendar feed by token, escaped and folded, and 404 for a wrong token', async () => {
    const issued = await app.inject({ method: 'POST', url: '/api/me/calendar-token', headers: as(districtA1) });
    expect(issued.statusCode).toBe(200);
    const { token, url } = issued.json();
    expect(url).toMatch(new RegExp(`/api/calendar/${token}\\.ics$`));

    const feed = await app.inject({ method: 'GET', url: `/api/calendar/${token}.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const { events, physical } = readIcs(feed.body);
    const event = events.find((e) => e.UID === `${meeting.id}@pathway`)!;
    expect(event).toBeDefined();
    expect(event.DTSTART).toBe(`${meetingDay.replaceAll('-', '')}T050000Z`);
    expect(event.DTEND).toBe(`${meetingDay.replaceAll('-', '')}T073000Z`);
    expect(event.DTSTAMP).toMatch(/^\d{8}T\d{6}Z$/);
    expect(event.SUMMARY).toBe('Policy meeting: ICT\\, budget\\; plan \\\\ next steps');
    expect(unescapeText(event.SUMMARY!)).toBe(title);
    expect(event.LOCATION).toBe('Room 4\\, Ministry\\; Tashkent');
    expect(event.DESCRIPTION).toContain('roadmap.\\nEvery region');
    expect(unescapeText(event.DESCRIPTION!)).toBe(meetingBody().description.en);
    expect(physical.some((line) => line.startsWith(' '))).toBe(true); // the description was folded

    // The teacher of region B, not invited, has an empty feed.
    const other = (await app.inject({ method: 'POST', url: '/api/me/calendar-token', headers: as(teacherB1) })).json();
    const empty = await app.inject({ method: 'GET', url: `/api/calendar/${other.token}.ics` });
    expect(readIcs(empty.body).events).toEqual([]);

    const wrong = await app.inject({ method: 'GET', url: `/api/calendar/${'x'.repeat(32)}.ics` });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().error.code).toBe('calendar_not_found');

    // A new address replaces the old one.
    await app.inject({ method: 'POST', url: '/api/me/calendar-token', headers: as(districtA1) });
    expect((await app.inject({ method: 'GET', url: `/api/calendar/${token}.ics` })).statusCode).toBe(404);
  });

  it('after the meeting records attendance, minutes and a follow-up action its owner closes later', async () => {
    const early = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}/attendance`,
      headers: as(ministry),
      payload: { people: [{ personId: districtA1.person.id, attended: true }] },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('event_not_started');

    // The meeting takes place: move it into the past.
    await getDb()
      .db.updateTable('event')
      .set({
        starts_at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
        ends_at: new Date(Date.now() - 3_600_000).toISOString(),
      })
      .where('id', '=', meeting.id)
      .execute();

    const attendance = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}/attendance`,
      headers: as(ministry),
      payload: {
        people: [
          { personId: districtA1.person.id, attended: true },
          { personId: teacherA1.person.id, attended: false },
        ],
        guests: [{ email: 'expert@example.org', attended: true }],
      },
    });
    expect(attendance.statusCode).toBe(200);
    expect(attendance.json().participants.find((p: Json) => p.personId === districtA1.person.id).attended).toBe(true);
    expect(attendance.json().guests[0].attended).toBe(true);
    const stranger = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}/attendance`,
      headers: as(ministry),
      payload: { people: [{ personId: teacherB1.person.id, attended: true }] },
    });
    expect(stranger.json().error.code).toBe('not_a_participant');

    const minutes = await app.inject({
      method: 'PUT',
      url: `/api/events/${meeting.id}/minutes`,
      headers: as(ministry),
      payload: {
        minutes: { en: 'Regions presented their figures.', ru: 'Регионы представили свои данные.' },
        outcomes: { en: 'District plans updated by next term.' },
      },
    });
    expect(minutes.statusCode).toBe(200);
    expect(minutes.json().minutes.text).toBe('Regions presented their figures.');

    const decision = await app.inject({
      method: 'POST',
      url: `/api/events/${meeting.id}/decisions`,
      headers: as(ministry),
      payload: { text: { en: 'Every district updates its ICT plan.' } },
    });
    expect(decision.statusCode).toBe(201);
    const decisionId = decision.json().decisions[0].id;

    const due = dayFromNow(14);
    const created = await app.inject({
      method: 'POST',
      url: `/api/events/${meeting.id}/actions`,
      headers: as(ministry),
      payload: {
        title: { en: 'Update the district ICT plan' },
        ownerPersonId: districtA1.person.id,
        dueOn: due,
        decisionId,
      },
    });
    expect(created.statusCode).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({ status: 'open', dueOn: due, overdue: false, closedAt: null, closedBy: null });
    expect(action.owner.personId).toBe(districtA1.person.id);

    // One more, already late, owned by the teacher: the organiser sees it among overdue actions.
    const late = (
      await app.inject({
        method: 'POST',
        url: `/api/events/${meeting.id}/actions`,
        headers: as(ministry),
        payload: {
          title: { en: 'Send the school figures' },
          ownerPersonId: teacherA1.person.id,
          dueOn: dayFromNow(-1),
        },
      })
    ).json();
    const overdue = (
      await app.inject({ method: 'GET', url: '/api/events/actions/overdue', headers: as(ministry) })
    ).json();
    expect(overdue.items.map((a: Json) => a.id)).toEqual([late.id]);
    expect(overdue.items[0].overdue).toBe(true);
    const notTheirs = (
      await app.inject({ method: 'GET', url: '/api/events/actions/overdue', headers: as(districtB1) })
    ).json();
    expect(notTheirs.items).toEqual([]);

    const open = (await app.inject({ method: 'GET', url: '/api/me/actions', headers: as(districtA1) })).json();
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({
      id: action.id,
      eventId: meeting.id,
      title: { text: 'Update the district ICT plan' },
    });

    // Someone else cannot close it; its owner can, once.
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/events/actions/${action.id}/close`,
      headers: as(districtB1),
    });
    expect(foreign.statusCode).toBe(404);
    const closed = await app.inject({
      method: 'POST',
      url: `/api/events/actions/${action.id}/close`,
      headers: as(districtA1),
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'done',
      closedBy: {
        accountId: districtA1.account.id,
        name: `${districtA1.person.givenName} ${districtA1.person.familyName}`,
      },
    });
    expect(Date.parse(closed.json().closedAt)).toBeGreaterThan(Date.now() - 60_000);
    const twice = await app.inject({
      method: 'POST',
      url: `/api/events/actions/${action.id}/close`,
      headers: as(districtA1),
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('event_action_closed');
    expect((await app.inject({ method: 'GET', url: '/api/me/actions', headers: as(districtA1) })).json().items).toEqual(
      [],
    );

    const audit = await getDb()
      .db.selectFrom('audit_log')
      .select(['action', 'actor_account_id'])
      .where('entity_id', '=', action.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['event_action.create', 'event_action.close']);

    // The organiser sees the closed action with who closed it; the owner sees only their own.
    const seen = (await app.inject({ method: 'GET', url: `/api/events/${meeting.id}`, headers: as(ministry) })).json();
    expect(seen.actions).toHaveLength(2);
    expect(seen.outcomes.text).toBe('District plans updated by next term.');
    const owners = (
      await app.inject({ method: 'GET', url: `/api/events/${meeting.id}`, headers: as(districtA1) })
    ).json();
    expect(owners.actions.map((a: Json) => a.id)).toEqual([action.id]);
    expect(owners.participants).toEqual([]);
  });
});
