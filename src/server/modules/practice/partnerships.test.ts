import { beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { AppError } from '../../shared/errors.ts';
import * as people from '../people/people.service.ts';
import * as assignments from './assignments.service.ts';
import { coachLinks } from './coaching.links.ts';
import * as partnerships from './partnerships.service.ts';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

/**
 * The story: a district officer partners the region's teacher college with two of the
 * district's schools and names a coach; the coach then reaches those schools' teachers and no
 * others; other districts' schools, overlaps and strangers are refused; coverage shows who has no
 * partner; a school leader names a peer coach for a teacher for a term.
 */
describeOnEachDatabase('partnerships and coach assignments', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let centre: Awaited<ReturnType<typeof make.unit>>;
  let coach: Awaited<ReturnType<typeof make.user>>;
  let otherTrainer: Awaited<ReturnType<typeof make.person>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let regional: Awaited<ReturnType<typeof make.user>>;
  let leader: Awaited<ReturnType<typeof make.user>>;
  let teacherA1: Awaited<ReturnType<typeof make.user>>;
  let peerA1: Awaited<ReturnType<typeof make.person>>;
  let teacherA1b: Awaited<ReturnType<typeof make.person>>;
  let teacherA2: Awaited<ReturnType<typeof make.user>>;
  let partnershipId: string;

  const body = (over: Partial<Parameters<typeof partnerships.createPartnership>[1]> = {}) => ({
    teiUnitId: tei.id,
    title: 'Amber schools and the college',
    focus: 'Student-centred use of tablets in grades 5-7',
    startsOn: day(-30),
    endsOn: day(335),
    schoolIds: [world.schoolA1.id, world.schoolA1b.id],
    coachIds: [coach.person.id],
    ...over,
  });

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Highlands Teacher College');
    centre = await make.unit(world.ctx, world.districtA1, 'resource_centre', 'A1 Resource Centre');
    coach = await make.user(world.ctx, 'trainer', tei);
    await people.updatePerson(world.ctx, coach.person.id, { category: 'trainer' });
    await make.person(world.ctx, tei, { category: 'trainer' });
    otherTrainer = await make.person(world.ctx, centre, { category: 'trainer' });
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    regional = await make.user(world.ctx, 'regional_officer', world.regionA);
    leader = await make.user(world.ctx, 'school_leader', world.schoolA1);
    teacherA1 = await make.user(world.ctx, 'teacher', world.schoolA1);
    peerA1 = await make.person(world.ctx, world.schoolA1);
    teacherA1b = await make.person(world.ctx, world.schoolA1b);
    teacherA2 = await make.user(world.ctx, 'teacher', world.schoolA2);
  });

  describe('a partnership', () => {
    it('is made by a district officer with the region college, two schools and a coach', async () => {
      const made = await partnerships.createPartnership(district.ctx, body());
      partnershipId = made.id;
      expect(made.status).toBe('active');
      expect(made.host.name.text).toBe('Highlands Teacher College');
      expect(made.schools.map((s) => s.id).sort()).toEqual([world.schoolA1.id, world.schoolA1b.id].sort());
      expect(made.coaches.map((c) => c.personId)).toEqual([coach.person.id]);
      expect(made.can).toEqual({ edit: true, log: true });
    });

    it('lets its coach reach the teachers of its schools and nobody else', async () => {
      const links = await coachLinks(world.ctx, coach.person.id);
      expect(links.get(teacherA1.person.id)).toEqual(new Set(['partnership']));
      expect(links.has(teacherA1b.id)).toBe(true);
      expect(links.has(teacherA2.person.id)).toBe(false);
      expect((await coachLinks(world.ctx, coach.person.id, day(400))).size).toBe(0);
    });

    it('refuses a school outside the officer district', async () => {
      const refused = await refusal(
        partnerships.createPartnership(
          district.ctx,
          body({ schoolIds: [world.schoolA2.id], startsOn: day(400), endsOn: day(500) }),
        ),
      );
      expect(refused.code).toBe('org_unit_not_found');
      expect(refused.details?.field).toBe('body.schoolIds');
    });

    it('refuses an overlapping partnership of the same institution and school', async () => {
      const refused = await refusal(
        partnerships.createPartnership(
          regional.ctx,
          body({ schoolIds: [world.schoolA1b.id, world.schoolA2.id], startsOn: day(300), endsOn: day(600) }),
        ),
      );
      expect(refused.code).toBe('partnership_overlap');
      expect(refused.details?.unitIds).toEqual([world.schoolA1b.id]);
      // The day after it ends, the same pair may start again.
      const next = await partnerships.createPartnership(
        regional.ctx,
        body({ schoolIds: [world.schoolA1b.id, world.schoolA2.id], startsOn: day(336), endsOn: day(600) }),
      );
      expect(next.status).toBe('upcoming');
    });

    it('lets only one of two identical partnerships made at once through', async () => {
      const same = body({ schoolIds: [world.schoolA2.id], startsOn: day(700), endsOn: day(800) });
      const outcomes = await Promise.allSettled([
        partnerships.createPartnership(regional.ctx, same),
        partnerships.createPartnership(regional.ctx, same),
      ]);
      expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
      const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(failed.reason.code).toBe('partnership_overlap');
    });

    it('checks the host, the schools, the coaches and the period', async () => {
      const cases: [Partial<Parameters<typeof partnerships.createPartnership>[1]>, string, string][] = [
        [{ teiUnitId: world.schoolA1b.id }, 'partnership_host_not_institution', 'body.teiUnitId'],
        [
          { teiUnitId: centre.id, coachIds: [otherTrainer.id], schoolIds: [world.schoolA1.id, world.schoolA2.id] },
          'org_unit_not_found',
          'body.schoolIds',
        ],
        [{ schoolIds: [world.districtA1.id] }, 'not_a_school', 'body.schoolIds'],
        [{ coachIds: [otherTrainer.id] }, 'coach_not_at_host', 'body.coachIds'],
        [{ coachIds: [teacherA1.person.id] }, 'coach_not_at_host', 'body.coachIds'],
        [{ endsOn: day(-30) }, 'partnership_dates_invalid', 'body.endsOn'],
        [{ endsOn: day(900 + 5 * 366 + 1) }, 'partnership_dates_invalid', 'body.endsOn'],
      ];
      for (const [over, code, field] of cases) {
        const refused = await refusal(
          partnerships.createPartnership(district.ctx, body({ startsOn: day(900), endsOn: day(1000), ...over })),
        );
        expect([refused.code, refused.details?.field]).toEqual([code, field]);
      }
      // A district resource centre serves its district only, not the neighbouring one.
      const refused = await refusal(
        partnerships.createPartnership(
          regional.ctx,
          body({ teiUnitId: centre.id, coachIds: [otherTrainer.id], schoolIds: [world.schoolA2.id] }),
        ),
      );
      expect(refused.code).toBe('partnership_host_not_serving');
      // A school leader manages only their own school.
      const leaderTry = await refusal(
        partnerships.createPartnership(leader.ctx, body({ startsOn: day(900), endsOn: day(1000) })),
      );
      expect(leaderTry.code).toBe('org_unit_not_found');
    });

    it('takes log entries from its coach, dated within it, and refuses teachers', async () => {
      const logged = await partnerships.addLogEntry(coach.ctx, partnershipId, {
        happenedOn: day(-2),
        text: 'Demonstration lesson with grade 6 at School A1-1.',
      });
      expect(logged.log[0]).toMatchObject({
        happenedOn: day(-2),
        author: `${coach.person.givenName} ${coach.person.familyName}`,
      });
      expect(
        (await refusal(partnerships.addLogEntry(coach.ctx, partnershipId, { happenedOn: day(3), text: 'x' }))).code,
      ).toBe('log_date_invalid');
      expect(
        (await refusal(partnerships.addLogEntry(teacherA1.ctx, partnershipId, { happenedOn: day(-1), text: 'x' })))
          .code,
      ).toBe('forbidden');
    });

    it('is edited by a manager over all its schools and audited', async () => {
      const edited = await partnerships.updatePartnership(district.ctx, partnershipId, {
        focus: 'Tablets and projects',
      });
      expect(edited.focus).toBe('Tablets and projects');
      const audit = await getDb()
        .db.selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', partnershipId)
        .orderBy('at')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['partnership.create', 'partnership.log', 'partnership.update']);
      expect((await refusal(partnerships.updatePartnership(leader.ctx, partnershipId, { focus: 'x' }))).code).toBe(
        'forbidden',
      );
    });
  });

  describe('its page', () => {
    it('counts the coaching cycles its coaches run in each school within its period', async () => {
      const at = new Date().toISOString();
      const cycle = (id: string, teacherId: string, coachId: string, startsOn: string, status: string) => ({
        tenant_id: world.ctx.tenantId,
        id,
        coach_person_id: coachId,
        teacher_person_id: teacherId,
        design_id: null,
        framework_id: 'f',
        focus_item_ids: '[]',
        starts_on: startsOn,
        ends_on: startsOn,
        lesson_date: startsOn,
        status,
        plan_notes: '',
        strengths: null,
        next_steps: null,
        teacher_reflection: null,
        reflection_shared: 0,
        follow_up_on: null,
        follow_up_notes: null,
        created_at: at,
        updated_at: at,
      });
      await getDb()
        .db.insertInto('coaching_cycle')
        .values([
          cycle('cy1', teacherA1.person.id, coach.person.id, day(-10), 'followed_up'),
          cycle('cy2', teacherA1.person.id, coach.person.id, day(-5), 'observed'),
          cycle('cy3', teacherA1b.id, coach.person.id, day(-3), 'planned'),
          // Before the partnership, by someone else, and with a teacher outside it: not counted.
          cycle('cy4', teacherA1.person.id, coach.person.id, day(-40), 'followed_up'),
          cycle('cy5', teacherA1.person.id, peerA1.id, day(-2), 'followed_up'),
          cycle('cy6', teacherA2.person.id, coach.person.id, day(-2), 'followed_up'),
        ])
        .execute();
      const page = await partnerships.getPartnership(district.ctx, partnershipId);
      const counts = Object.fromEntries(page.schools.map((s) => [s.id, [s.cyclesStarted, s.cyclesCompleted]]));
      expect(counts).toEqual({ [world.schoolA1.id]: [2, 1], [world.schoolA1b.id]: [1, 0] });
    });
  });

  describe('coverage', () => {
    it('lists the schools of a region without a partner, per district', async () => {
      const region = await partnerships.coverage(regional.ctx, world.regionA.id, { partner: 'without' });
      expect([region.schools, region.withPartner, region.withoutPartner]).toEqual([3, 2, 1]);
      expect(region.list.map((s) => s.id)).toEqual([world.schoolA2.id]);
      expect(region.areas.map((a) => [a.name.text, a.schools, a.withPartner])).toEqual([
        ['District A1', 2, 2],
        ['District A2', 1, 0],
      ]);
      const later = await partnerships.coverage(regional.ctx, world.regionA.id, { partner: 'all', on: day(400) });
      expect(later.withPartner).toBe(2);
      expect((await refusal(partnerships.coverage(teacherA1.ctx, world.districtA1.id, { partner: 'all' }))).code).toBe(
        'org_unit_not_found',
      );
    });
  });

  describe('coach assignments', () => {
    it('lets a leader name a peer coach whose reach lasts for the assignment only', async () => {
      const made = await assignments.assignCoach(leader.ctx, {
        coachPersonId: peerA1.id,
        teacherPersonId: teacherA1.person.id,
        startsOn: day(-1),
        endsOn: day(60),
      });
      expect(made.status).toBe('active');
      const now = await coachLinks(world.ctx, peerA1.id);
      expect([...now.keys()]).toEqual([teacherA1.person.id]);
      expect(now.get(teacherA1.person.id)).toEqual(new Set(['assignment']));
      expect((await coachLinks(world.ctx, peerA1.id, day(61))).size).toBe(0);
      expect((await coachLinks(world.ctx, peerA1.id, day(-2))).size).toBe(0);

      const dup = await refusal(
        assignments.assignCoach(leader.ctx, {
          coachPersonId: peerA1.id,
          teacherPersonId: teacherA1.person.id,
          startsOn: day(30),
          endsOn: day(90),
        }),
      );
      expect(dup.code).toBe('coach_assignment_exists');
      const outside = await refusal(
        assignments.assignCoach(leader.ctx, {
          coachPersonId: peerA1.id,
          teacherPersonId: teacherA2.person.id,
          startsOn: day(0),
          endsOn: day(10),
        }),
      );
      expect(outside.code).toBe('person_not_found');
      const backwards = await refusal(
        assignments.assignCoach(leader.ctx, {
          coachPersonId: peerA1.id,
          teacherPersonId: teacherA1.person.id,
          startsOn: day(200),
          endsOn: day(100),
        }),
      );
      expect(backwards.code).toBe('assignment_dates_invalid');
      expect((await assignments.listAssignments(teacherA1.ctx, {})).map((a) => a.id)).toEqual([made.id]);
      expect(await assignments.listAssignments(teacherA2.ctx, {})).toEqual([]);
    });
  });

  describe('over HTTP', () => {
    let districtSession: Session;
    let teacherA1Session: Session;
    let teacherA2Session: Session;
    beforeAll(async () => {
      districtSession = await signIn(app, district.username, district.password);
      teacherA1Session = await signIn(app, teacherA1.username, teacherA1.password);
      teacherA2Session = await signIn(app, teacherA2.username, teacherA2.password);
    });

    it('shows a partnership to a teacher of a covered school and hides it from others', async () => {
      const own = await app.inject({ url: `/api/partnerships/${partnershipId}`, headers: teacherA1Session.headers });
      expect(own.statusCode).toBe(200);
      expect(own.json().schools).toHaveLength(2);
      const other = await app.inject({ url: `/api/partnerships/${partnershipId}`, headers: teacherA2Session.headers });
      expect(other.statusCode).toBe(404);
      expect(other.json().error.code).toBe('partnership_not_found');
      const list = await app.inject({ url: '/api/partnerships', headers: teacherA2Session.headers });
      expect(list.json().items.map((p: { id: string }) => p.id)).not.toContain(partnershipId);
    });

    it('creates, lists and counts coverage for a district officer', async () => {
      const options = await app.inject({
        url: `/api/partnerships/options?teiUnitId=${centre.id}`,
        headers: districtSession.headers,
      });
      expect(options.statusCode).toBe(200);
      expect(
        options
          .json()
          .hosts.map((h: { id: string }) => h.id)
          .sort(),
      ).toEqual([tei.id, centre.id].sort());
      expect(options.json().coaches.map((c: { personId: string }) => c.personId)).toEqual([otherTrainer.id]);
      const created = await app.inject({
        method: 'POST',
        url: '/api/partnerships',
        headers: districtSession.headers,
        payload: body({ teiUnitId: centre.id, coachIds: [otherTrainer.id], schoolIds: [world.schoolA1.id] }),
      });
      expect(created.statusCode).toBe(201);
      const coverage = await app.inject({
        url: `/api/units/${world.districtA1.id}/partnership-coverage?partner=with`,
        headers: districtSession.headers,
      });
      expect(coverage.statusCode).toBe(200);
      const a1 = coverage.json().list.find((s: { id: string }) => s.id === world.schoolA1.id);
      expect(a1.partnerships).toHaveLength(2);
      const unknownField = await app.inject({
        method: 'POST',
        url: '/api/partnerships',
        headers: districtSession.headers,
        payload: { ...body(), colour: 'red' },
      });
      expect(unknownField.statusCode).toBe(400);
    });

    it('edits a partnership and takes a coach log entry', async () => {
      const coachSession = await signIn(app, coach.username, coach.password);
      const edited = await app.inject({
        method: 'PATCH',
        url: `/api/partnerships/${partnershipId}`,
        headers: districtSession.headers,
        payload: { title: 'Amber schools with the college' },
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json().title).toBe('Amber schools with the college');
      const byCoach = await app.inject({
        method: 'PATCH',
        url: `/api/partnerships/${partnershipId}`,
        headers: coachSession.headers,
        payload: { title: 'Mine now' },
      });
      expect(byCoach.statusCode).toBe(403);
      const logged = await app.inject({
        method: 'POST',
        url: `/api/partnerships/${partnershipId}/log`,
        headers: coachSession.headers,
        payload: { happenedOn: day(-1), text: 'Co-taught a lesson in grade 5.' },
      });
      expect(logged.statusCode).toBe(201);
      expect(logged.json().log[0].text).toBe('Co-taught a lesson in grade 5.');
      const overlap = await app.inject({
        method: 'POST',
        url: '/api/partnerships',
        headers: districtSession.headers,
        payload: body(),
      });
      expect(overlap.json().error).toMatchObject({ code: 'partnership_overlap', details: { field: 'body.schoolIds' } });
    });

    it('lists a coach assignment to the teacher it names', async () => {
      const res = await app.inject({ url: '/api/coach-assignments', headers: teacherA1Session.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0].coach.personId).toBe(peerA1.id);
    });
  });
});
