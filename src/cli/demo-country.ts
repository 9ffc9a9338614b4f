import * as assessment from '../server/modules/assessment/assessment.service.ts';
import * as observations from '../server/modules/assessment/observation.service.ts';
import * as self from '../server/modules/assessment/selfassessment.service.ts';
import { recordActuals } from '../server/modules/monitoring/indicators.figures.ts';
import * as people from '../server/modules/people/people.service.ts';
import * as plans from '../server/modules/training/plans.service.ts';
import * as training from '../server/modules/training/training.ts';
import type { Ctx } from '../server/shared/context.ts';
import { AppError } from '../server/shared/errors.ts';

type Framework = { id: string; levels: { code: string }[]; items: { id: string; code: string; type: string }[] };

/** A teacher the country's activity may reach: where they work decides how fast they move. */
export interface ActiveTeacher {
  id: string;
  /** 0-based region and district (within the region) of the school, and whether it is urban. */
  region: number;
  district: number;
  urban: boolean;
  /** Position in the seed, for a deterministic draw. */
  n: number;
}

export const YEARS = [2024, 2025, 2026] as const;
type Year = (typeof YEARS)[number];

/**
 * How far along each region is, 0 to 1: Northern Highlands is the pilot region, clearly ahead;
 * Island Provinces lags (remote schools, late connectivity); the others are in between.
 */
export const REGION_PACE = [0.92, 0.62, 0.7, 0.55, 0.48, 0.66, 0.26];
/** Districts within a region differ too (the first district of each region runs a little ahead). */
const DISTRICT_SHIFT = [0.06, -0.07, 0.02, -0.03, 0.04, -0.05, 0.01, -0.02];
const URBAN_LEAD = 0.07;

/** A small seeded generator (mulberry32): the same teacher always draws the same numbers. */
export function draws(seed: number) {
  let a = (seed * 2654435761) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const paceOf = (t: ActiveTeacher) =>
  clamp(
    REGION_PACE[t.region]! +
      DISTRICT_SHIFT[(t.district + t.region) % DISTRICT_SHIFT.length]! +
      (t.urban ? URBAN_LEAD : 0),
    0.1,
    1,
  );

/** The first year a teacher does something with the pace p, or null: earlier and more often where p is high. */
function yearOf(u: number, p: number, shares: [number, number, number]): Year | null {
  for (const [i, share] of shares.entries()) if (u < share * p) return YEARS[i]!;
  return null;
}

interface Plan {
  teacher: ActiveTeacher;
  pace: number;
  selfYear: Year | null;
  /** Self-assessed level rank per competency (0 = first level; 3 = not yet). */
  selfRanks: number[];
  confirmYear: Year | null;
  trainYear: Year | null;
  module: 0 | 1;
  completes: boolean;
  planYear: Year | null;
  agrees: boolean;
  coached: boolean;
  /** Whether the assessor also rated the first competency of policy, curriculum and professional learning (what the badge needs). */
  fullProfile: boolean;
  /** Noise per competency, so confirmed levels differ between competencies. */
  spread: number[];
}

function planTeacher(t: ActiveTeacher, competencies: number): Plan {
  const r = draws(t.n + 17);
  const pace = paceOf(t);
  const selfYear = yearOf(r(), pace, [0.38, 0.75, 1.02]);
  const lift = clamp(pace * 1.3 + (r() - 0.5) * 0.6, 0, 2);
  const selfRanks = Array.from({ length: competencies }, (_, i) => {
    const v = lift + (r() - 0.5) * 0.9 + (i % 3 === 1 ? 0.15 : 0);
    return v < 0.35 ? 3 : v < 0.9 ? 0 : v < 1.55 ? 1 : 2;
  });
  const confirms = selfYear !== null && r() < 0.35 + 0.55 * pace;
  const confirmDraw = r();
  const confirmYear: Year | null = !confirms
    ? null
    : (YEARS.find((y) => y >= selfYear! && confirmDraw < (y - 2023) * 0.45 + pace * 0.3) ?? 2026);
  const trainYear = yearOf(r(), pace, [0.22, 0.5, 0.72]);
  return {
    teacher: t,
    pace,
    selfYear,
    selfRanks,
    confirmYear,
    trainYear,
    module: r() < 0.6 ? 0 : 1,
    completes: r() < 0.88,
    planYear: selfYear !== null && r() < 0.35 + 0.4 * pace ? selfYear : null,
    agrees: r() < 0.4 + 0.5 * pace,
    coached: r() < 0.2 + 0.5 * pace,
    fullProfile: r() < 0.05 + 0.3 * pace,
    spread: Array.from({ length: competencies }, () => (r() - 0.5) * 0.5),
  };
}

/** The confirmed level rank (0, 1, 2) of a competency in a year, growing each year after the first rating. */
function confirmedRank(plan: Plan, i: number, year: Year) {
  const v =
    plan.pace * 1.1 +
    (year - plan.confirmYear!) * 0.45 +
    plan.spread[i]! +
    (plan.trainYear && plan.trainYear <= year ? 0.2 : 0);
  return v < 0.75 ? 0 : v < 1.5 ? 1 : 2;
}

/**
 * What an assessor rates at an assessment day: pedagogy, basic digital skills and classroom
 * organisation for everyone, two more competencies in turn, and the first of every aspect for a
 * teacher seeking the foundations badge.
 */
const CORE = new Set(['A3.1', 'A3.2', 'A3.3', 'A4.1', 'A5.1']);
const IN_TURN = ['A1.2', 'A2.2', 'A4.2', 'A5.2', 'A6.2', 'A1.3', 'A2.3', 'A4.3', 'A5.3', 'A6.3'];
const BADGE = new Set(['A1.1', 'A2.1', 'A6.1']);
function ratedCompetency(code: string, plan: Plan) {
  if (CORE.has(code)) return true;
  if (BADGE.has(code)) return plan.fullProfile;
  const turn = IN_TURN.indexOf(code);
  return turn >= 0 && (turn === plan.teacher.n % 10 || turn === (plan.teacher.n + 3) % 10);
}

const as = (ctx: Ctx, personId: string): Ctx => ({
  ...ctx,
  actor: { ...ctx.actor, personId, accountId: null, username: 'demo' },
});

const REGION_NAMES = [
  'Northern Highlands',
  'River Plains',
  'Eastern Coast',
  'Central Valley',
  'Western Steppe',
  'Southern Lakes',
  'Island Provinces',
];

/**
 * Three years of the national programme in every region: self-assessments, confirmed ratings,
 * training at each region's teacher college, development plans and coaching visits, at each
 * region's pace. The figures of 2024 and 2025 are recorded as those years' actuals when each year
 * closes, so the roadmap has a progress line; 2026 is live. Teachers in `reserved` take no part in
 * training (the demo's own Amberfield offerings use them).
 */
export async function seedDemoCountry(
  ctx: Ctx,
  framework: Framework,
  places: { teiIds: string[]; nationId: string },
  teachers: ActiveTeacher[],
  reserved: Set<string>,
  catalogue: { moduleIds: readonly [string, string, ...string[]]; programmeId: string; expertId: string },
) {
  const competencies = framework.items.filter((i) => i.type === 'competency');
  const levels = framework.levels.map((l) => l.code);
  const rankCode = (rank: number) => (rank === 3 ? 'not_yet' : levels[rank]!);
  const plansOf = teachers.map((t) => planTeacher(t, competencies.length));
  const item = (code: string) => framework.items.find((i) => i.code === code)!.id;

  // Each college's own trainer, qualified through the master-trainer programme early in 2024.
  const trainers: string[] = [];
  for (const [r, teiId] of places.teiIds.entries()) {
    const trainer = await people.createPerson(ctx, {
      orgUnitId: teiId,
      category: 'trainer',
      givenName: ['Farida', 'Manoj', 'Teresa', 'Rustam', 'Kamala', 'Ramon', 'Shirin'][r % 7]!,
      familyName: ['Usmonova', 'Poudel', 'Villanueva', 'Sobirov', 'Bhandari', 'Aquino', 'Nazarova'][r % 7]!,
      nationalId: `MRD-TRAINER-${r + 1}`,
      subjects: [],
      grades: [],
      languages: ['en'],
    });
    trainers.push(trainer.id);
  }
  const cascade = await training.createOffering(ctx, {
    programmeId: catalogue.programmeId,
    hostUnitId: places.teiIds[0]!,
    startDate: '2024-01-15',
    endDate: '2024-01-26',
    venue: 'Northern Highlands Teacher College, Hall A',
    onlineUrl: null,
    capacity: 12,
    language: 'en',
    enrolOpens: '2023-12-01',
    enrolCloses: '2024-01-10',
    trainerIds: [catalogue.expertId],
  });
  await training.nominate(ctx, cascade.id, trainers);
  await training.recordResults(ctx, cascade.id, {
    results: trainers.map((personId) => ({ personId, result: 'completed' as const, score: 85 })),
  });

  const counts = { selfAssessments: 0, ratings: 0, completions: 0, plans: 0, visits: 0, offerings: 0 };
  for (const year of YEARS) {
    // Self-assessments first: they are what plans and ratings start from.
    for (const plan of plansOf.filter((p) => p.selfYear === year)) {
      const mine = as(ctx, plan.teacher.id);
      const started = await self.startSelfAssessment(mine, framework.id);
      await self.saveAnswers(
        mine,
        started.id,
        Object.fromEntries(competencies.map((c, i) => [c.id, rankCode(plan.selfRanks[i]!)])),
      );
      await self.submitSelfAssessment(mine, started.id);
      counts.selfAssessments++;
    }

    // Assessor ratings: the first at a district assessment day, raised in later years as practice grows.
    const events: assessment.NewEvent[] = [];
    for (const plan of plansOf.filter((p) => p.confirmYear !== null && p.confirmYear <= year))
      for (const [i, c] of competencies.entries()) {
        if (!ratedCompetency(c.code, plan)) continue;
        const rank = confirmedRank(plan, i, year);
        if (year > plan.confirmYear! && rank === confirmedRank(plan, i, (year - 1) as Year)) continue;
        events.push({
          personId: plan.teacher.id,
          frameworkId: framework.id,
          itemId: c.id,
          levelCode: levels[rank]!,
          kind: 'assessor',
          sourceType: 'rating',
          comment:
            year === plan.confirmYear
              ? `Confirmed at the ${year} district assessment day.`
              : `Re-rated in ${year} after a lesson observation.`,
        });
      }
    for (let i = 0; i < events.length; i += 1000) await assessment.recordEvents(ctx, events.slice(i, i + 1000));
    counts.ratings += events.length;

    // Development plans from the self-assessment; a school leader agrees most of them.
    for (const plan of plansOf.filter((p) => p.planYear === year)) {
      try {
        const created = await plans.generatePlan(ctx, plan.teacher.id, framework.id);
        counts.plans++;
        if (plan.agrees) await plans.setPlanStatus(ctx, created.id, 'agreed');
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'no_gaps')) throw error;
      }
    }

    // Training at each region's teacher college: a spring run of the 1:1 module and an autumn run of project-based learning.
    for (const [r, teiId] of places.teiIds.entries())
      for (const module of [0, 1] as const) {
        const cohort = plansOf.filter(
          (p) => p.teacher.region === r && p.trainYear === year && p.module === module && !reserved.has(p.teacher.id),
        );
        if (cohort.length === 0) continue;
        const [start, end] = module === 0 ? [`${year}-04-08`, `${year}-04-12`] : [`${year}-10-07`, `${year}-10-11`];
        const offering = await training.createOffering(ctx, {
          moduleId: catalogue.moduleIds[module],
          hostUnitId: teiId,
          startDate: start,
          endDate: end,
          venue: `${REGION_NAMES[r] ?? 'Regional'} Teacher College, Room ${module === 0 ? 4 : 7}`,
          onlineUrl: null,
          capacity: cohort.length,
          language: 'en',
          enrolOpens: `${year}-0${module === 0 ? 1 : 7}-15`,
          enrolCloses: `${year}-0${module === 0 ? 4 : 9}-01`,
          trainerIds: [trainers[r]!],
        });
        counts.offerings++;
        const ids = cohort.map((p) => p.teacher.id);
        await training.nominate(ctx, offering.id, ids);
        await training.recordResults(ctx, offering.id, {
          results: cohort.map((p) => ({
            personId: p.teacher.id,
            result: p.completes ? ('completed' as const) : ('not_completed' as const),
            score: p.completes ? 60 + Math.round(p.pace * 35) : null,
          })),
        });
        counts.completions += cohort.filter((p) => p.completes).length;
        // Follow-through coaching in the weeks after the course.
        const trainer = as(ctx, trainers[r]!);
        for (const [i, p] of cohort.filter((c) => c.completes && c.coached).entries()) {
          await observations.recordCoachingVisit(trainer, p.teacher.id, {
            visitedOn: `${year}-${module === 0 ? '05' : '11'}-${String(2 + (i % 25)).padStart(2, '0')}`,
            focusItemIds: module === 0 ? [item('A4.1'), item('A5.1')] : [item('A2.2'), item('A3.2')],
            notes:
              module === 0
                ? 'Learners shared devices in pairs; the teacher moved between groups and checked progress.'
                : 'Groups presented their project plans; roles were clear and every learner used the tools.',
            agreedActions:
              module === 0
                ? 'Set a routine for handing out and collecting devices.'
                : 'Publish the projects to parents on the school page.',
          });
          counts.visits++;
        }
      }

    // The year closes: its figures become the roadmap's recorded actuals.
    if (year < 2026) await recordActuals(ctx, year);
  }
  return counts;
}
