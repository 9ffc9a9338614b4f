import * as people from '../server/modules/people/people.service.ts';
import * as partnerships from '../server/modules/practice/partnerships.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import { nowIso } from '../server/shared/ids.ts';

const STARTS = '2025-09-01';
const ENDS = '2027-08-31';
/** Schools a college takes on at most: a few per district, and the rest still wait. */
const SCHOOLS_PER_COLLEGE = 8;

const FOCUS = [
  'Student-centred lessons with the school tablets in grades 5 to 9: lesson design, co-teaching and observation.',
  'Project-based learning with ICT across subjects: planning projects, guiding student research, assessing products.',
  'Using data and digital tools for formative assessment: quick checks, feedback and regrouping students.',
];

const LOG: { on: string; text: string }[] = [
  {
    on: '2025-09-15',
    text: 'Opening meeting with the school leaders: agreed the focus, the coaching calendar and who coaches where.',
  },
  {
    on: '2025-10-08',
    text: 'Demonstration lesson in grade 6 science with tablets; teachers observed with the classroom ICT-use form.',
  },
  {
    on: '2025-11-20',
    text: 'First round of coaching cycles planned with twelve teachers; lesson dates set before the winter break.',
  },
  {
    on: '2026-02-12',
    text: 'Workshop at the college for the partner teachers: designing activities where students create with ICT.',
  },
  {
    on: '2026-04-23',
    text: 'Observed lessons reviewed together; most teachers moved from teacher-led to pair work with devices.',
  },
  {
    on: '2026-06-05',
    text: 'End-of-year review with the district: coverage of the schools, cycles completed, plans for next year.',
  },
  {
    on: '2026-10-01',
    text: 'Second year started: new teachers joined; peer coaches named in each school to keep the cycles going.',
  },
];

/**
 * Every region's teacher college partners with several schools of its region for two school years
 * (the first school of each district and every other one after it), its trainers as coaches, with a
 * log of what they did. The other schools are left without a partner, so coverage has gaps to show.
 * The demo trainer (`trainerId`, at Northern Highlands Teacher College) coaches at Amberfield School No. 1.
 */
export async function seedPartnerships(ctx: Ctx, demo: { trainerId: string }) {
  const colleges = await ctx.db
    .selectFrom('org_unit as u')
    .innerJoin('org_unit as r', (j) => j.onRef('r.tenant_id', '=', 'u.tenant_id').onRef('r.id', '=', 'u.parent_id'))
    .select(['u.id', 'u.code', 'u.name', 'r.path as region_path'])
    .where('u.tenant_id', '=', ctx.tenantId)
    .where('u.type', '=', 'tei')
    .execute();
  colleges.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true }));
  const [trainer] = await ctx.db
    .selectFrom('person')
    .select('org_unit_id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', demo.trainerId)
    .execute();
  const today = nowIso().slice(0, 10);
  let made = 0;
  for (const [r, college] of colleges.entries()) {
    const schools = await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'code'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('type', '=', 'school')
      .where('path', '>=', college.region_path)
      .where('path', '<', `${college.region_path.slice(0, -1)}0`)
      .orderBy('path')
      .execute();
    // School codes end in -S<n>: the odd-numbered schools of each district take part.
    const chosen = schools
      .filter((s) => Number(/-S(\d+)$/.exec(s.code ?? '')?.[1] ?? 1) % 2 === 1)
      .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'en', { numeric: true }))
      .slice(0, SCHOOLS_PER_COLLEGE);
    if (!chosen.length) continue;
    let coaches = (
      await ctx.db
        .selectFrom('person')
        .select('id')
        .where('tenant_id', '=', ctx.tenantId)
        .where('org_unit_id', '=', college.id)
        .where('category', '=', 'trainer')
        .orderBy('sort_name')
        .execute()
    ).map((p) => p.id);
    if (!coaches.length)
      coaches = [
        (
          await people.createPerson(ctx, {
            orgUnitId: college.id,
            category: 'trainer',
            givenName: ['Dilnoza', 'Sita', 'Maricel', 'Bekzod', 'Anil', 'Joy', 'Lola'][r % 7]!,
            familyName: ['Karimova', 'Gurung', 'Santos', 'Tursunov', 'Thapa', 'Reyes', 'Aliyeva'][r % 7]!,
            nationalId: `MRD-COACH-${r + 1}`,
            subjects: [],
            grades: [],
            languages: ['en'],
          })
        ).id,
      ];
    const collegeName = (JSON.parse(college.name) as { en: string }).en.replace(/ Teacher College$/, '');
    const partnership = await partnerships.createPartnership(ctx, {
      teiUnitId: college.id,
      title: `${collegeName} school partnership ${STARTS.slice(0, 4)}–${ENDS.slice(0, 4)}`,
      focus: FOCUS[r % FOCUS.length]!,
      startsOn: STARTS,
      endsOn: ENDS,
      schoolIds: chosen.map((s) => s.id),
      coachIds: [...new Set(trainer?.org_unit_id === college.id ? [demo.trainerId, ...coaches] : coaches)],
    });
    made++;
    const writers = partnership.coaches.map((c) => c.personId);
    for (const [i, entry] of LOG.entries()) {
      if (entry.on > today || (r + i) % 5 === 4) continue;
      const author = writers[i % writers.length]!;
      await partnerships.addLogEntry(
        { ...ctx, actor: { ...ctx.actor, personId: author, username: 'demo' } },
        partnership.id,
        { happenedOn: entry.on, text: entry.text },
      );
    }
  }
  return { partnerships: made };
}
