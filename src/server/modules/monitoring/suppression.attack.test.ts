import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { Ctx } from '../../shared/context.ts';
import { todayIso } from '../../shared/ids.ts';
import * as ledger from '../assessment/assessment.service.ts';
import { groupReport } from '../assessment/reports.service.ts';
import * as selfAssessment from '../assessment/selfassessment.service.ts';
import type { OrgUnit } from '../org/org.schemas.ts';
import * as org from '../org/org.service.ts';
import * as responses from '../surveys/responses.service.ts';
import { roundResults } from '../surveys/results.service.ts';
import * as rounds from '../surveys/rounds.service.ts';
import type { DefinitionInput } from '../surveys/surveys.definition.ts';
import { registerMonitoring } from './aggregates.service.ts';
import { competencyDashboard } from './dashboard.service.ts';
import { indicatorDashboard, recordActuals } from './indicators.figures.ts';
import { createIndicator } from './indicators.service.ts';
import { PLACES_OF_WORK } from './places.ts';

/**
 * An officer who reads every report of every unit and subtracts: parents minus the units shown below
 * them, a unit minus any unit under it shown elsewhere, a unit minus the groups of its breakdowns,
 * one sex from the whole. Nothing may describe a group of 1 to 4 people, directly or as a difference.
 *
 * Figures are tracked by the people they are about ("families"): the teachers of a unit; those
 * self-assessed in a competency (group report, self-assessed dashboard, a count indicator); those
 * confirmed in one (confirmed dashboard, a percent indicator); the respondents of the group report;
 * the respondents of an anonymous survey round (its results at every unit, by sex and type of place).
 */

/** mulberry32: a small seeded generator, so every run builds the same trees. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

const SURVEY: DefinitionInput = {
  sections: [
    {
      key: 's',
      title: { en: 'Use' },
      questions: [
        {
          key: 'use',
          type: 'single',
          text: { en: 'How often?' },
          required: true,
          choices: ['never', 'weekly'].map((value) => ({ value, label: { en: value } })),
        },
      ],
    },
  ],
};

interface Teacher {
  unitId: string;
  unitType: string;
  /** Answered the survey round. */
  answered: boolean;
  sex: 'female' | 'male' | 'other' | null;
  place: { locality: string; type: string } | null;
  self: boolean;
  confirmed: Set<string>;
}

type Family = 'teachers' | 'respondents' | 'survey' | `self:${string}` | `confirmed:${string}`;

/** What was published: family > group ('all', 'sex:female', 'locality:urban', ...) > unit ids. */
type Published = Map<string, Map<string, Set<string>>>;

describeOnEachDatabase('an attacker who subtracts reports', (getDb) => {
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let firstLevel: string;
  let c1: string;
  let c2: string;
  let roundId: string;
  const tally = { trees: 0, reports: 0, figures: 0, surveyFigures: 0, differences: 0 };
  const leaks: string[] = [];

  beforeAll(() => {
    registerMonitoring();
  });

  async function world(seed: number, fixed?: 'amberfield') {
    roundId = '';
    const { ctx, nation } = await make.tenant(getDb());
    standard = await make.publishedStandard(ctx);
    const competencies = standard.items.filter((i) => i.type === 'competency');
    c1 = competencies[0]!.id;
    c2 = competencies[1]!.id;
    firstLevel = standard.levels[0]!.code;
    const base = {
      definition: { en: 'd' },
      legend: { onTrack: 0.95, atRisk: 0.8 },
      objectiveId: null,
      meansOfVerification: { en: 'm' },
    };
    // I1 counts what the confirmed dashboard counts in c1, I3 what the group report counts in c2.
    await createIndicator(ctx, {
      ...base,
      code: 'I1',
      name: { en: 'Confirmed in c1' },
      numerator: { fact: 'at_level', itemId: c1, levelCode: firstLevel, basis: 'confirmed' },
      denominator: { fact: 'teachers' },
      factor: 'percent',
      disaggregations: ['sex', 'locality', 'school_type'],
    });
    await createIndicator(ctx, {
      ...base,
      code: 'I2',
      name: { en: 'Self-assessed' },
      numerator: { fact: 'self_assessed' },
      denominator: { fact: 'teachers' },
      factor: 'percent',
      disaggregations: ['sex', 'locality'],
    });
    await createIndicator(ctx, {
      ...base,
      code: 'I3',
      name: { en: 'Self-assessed at a level in c2' },
      numerator: { fact: 'at_level', itemId: c2, levelCode: firstLevel, basis: 'self' },
      denominator: null,
      factor: 'count',
      disaggregations: ['sex', 'school_type'],
    });

    const rnd = random(seed);
    const units: OrgUnit[] = [nation];
    const parentOf = new Map<string, string | null>([[nation.id, null]]);
    const teachers: Teacher[] = [];
    const assessor = await make.user(ctx, 'assessor', nation);
    const levels = standard.levels.map((l) => l.code);
    const addUnit = async (parent: OrgUnit, type: OrgUnit['type'], name?: string) => {
      const locality = PLACES_OF_WORK.includes(type) ? (['urban', 'rural', null] as const)[rnd.int(0, 2)]! : null;
      const u = await org.createUnit(ctx, {
        parentId: parent.id,
        type,
        code: `${type}-${seed}-${units.length}`,
        name: { en: name ?? `${type} ${units.length}` },
        locality,
      });
      units.push(u);
      parentOf.set(u.id, parent.id);
      return u;
    };
    const addTeachers = async (at: OrgUnit, n: number, selfShare = 0.5, confirmedShare = 0.5) => {
      for (let i = 0; i < n; i++) {
        const sex = (['female', 'male', 'female', 'male', 'other', null] as const)[rnd.int(0, 5)]!;
        const p = await make.person(ctx, at, { sex });
        const t: Teacher = {
          unitId: at.id,
          unitType: at.type,
          answered: rnd.next() < 0.6,
          sex,
          place: PLACES_OF_WORK.includes(at.type) ? { locality: at.locality ?? 'unknown', type: at.type } : null,
          self: rnd.next() < selfShare,
          confirmed: new Set(),
        };
        if (t.self) {
          const as: Ctx = {
            ...ctx,
            actor: { accountId: null, personId: p.id, username: `t-${p.id}`, system: false, grants: [] },
          };
          const sa = await selfAssessment.startSelfAssessment(as, standard.id);
          await selfAssessment.saveAnswers(
            as,
            sa.id,
            Object.fromEntries(competencies.map((c) => [c.id, levels[rnd.int(0, levels.length - 1)]!])),
          );
          await selfAssessment.submitSelfAssessment(as, sa.id);
        }
        for (const item of [c1, c2])
          if (rnd.next() < confirmedShare) {
            t.confirmed.add(item);
            await ledger.recordEvents(assessor.ctx, [
              {
                personId: p.id,
                frameworkId: standard.id,
                itemId: item,
                levelCode: levels[rnd.int(0, levels.length - 1)]!,
                kind: 'assessor',
                sourceType: 'test',
              },
            ]);
          }
        teachers.push(t);
        people.push({ id: p.id, answered: t.answered });
      }
    };
    const people: { id: string; answered: boolean }[] = [];

    if (fixed === 'amberfield') {
      // The leak review found: six respondents in Amberfield, one in Birchwood, nobody else in the region.
      const region = await addUnit(nation, 'region', 'Region');
      const amberfield = await addUnit(region, 'district', 'Amberfield');
      const birchwood = await addUnit(region, 'district', 'Birchwood');
      await addTeachers(await addUnit(amberfield, 'school'), 6, 1, 1);
      await addTeachers(await addUnit(birchwood, 'school'), 1, 1, 1);
      const other = await addUnit(nation, 'region', 'Elsewhere');
      await addTeachers(await addUnit(await addUnit(other, 'district'), 'school'), 7, 1, 1);
    } else {
      for (let r = rnd.int(1, 3); r > 0; r--) {
        const region = await addUnit(nation, 'region');
        for (let d = rnd.int(1, 3); d > 0; d--) {
          const district = await addUnit(region, 'district');
          if (rnd.next() < 0.2) await addTeachers(district, rnd.int(1, 2));
          for (let s = rnd.int(0, 3); s > 0; s--)
            await addTeachers(
              await addUnit(district, (['school', 'school', 'tei'] as const)[rnd.int(0, 2)]!),
              rnd.int(0, 8),
            );
        }
      }
    }
    await recordActuals(ctx, new Date().getUTCFullYear() - 1);

    // An anonymous survey round to every teacher, answered by some.
    const surveyId = await make.publishedSurvey(ctx, SURVEY, { code: `S${seed}` });
    if (people.length) {
      const round = await rounds.createRound(ctx, surveyId, {
        title: { en: 'Use' },
        unitId: nation.id,
        population: { categories: ['teacher'] },
        anonymous: true,
        kind: 'general',
        opensOn: todayIso(),
        closesOn: todayIso(),
      });
      roundId = round.id;
      for (const person of people.filter((x) => x.answered)) {
        const as: Ctx = { ...ctx, actor: { ...ctx.actor, system: false, personId: person.id, accountId: null } };
        await responses.submit(await responses.asInvited(as, roundId), { use: 'weekly' });
      }
    }
    return { ctx, units, parentOf, teachers };
  }

  /** Every report of every unit, as the families, groups and units whose figures it shows. */
  async function readEverything(ctx: Ctx, units: OrgUnit[]): Promise<Published> {
    const published: Published = new Map();
    const show = (family: Family, group: string, unitId: string) => {
      const byGroup = published.get(family) ?? new Map<string, Set<string>>();
      published.set(family, byGroup);
      const set = byGroup.get(group) ?? new Set<string>();
      byGroup.set(group, set);
      set.add(unitId);
    };
    for (const unit of units) {
      const report = await groupReport(ctx, unit.id, standard.id);
      tally.reports++;
      if (report.respondents !== null) show('respondents', 'all', unit.id);
      for (const c of report.competencies)
        if (c.respondents !== null || Object.keys(c.distribution).length > 0) show(`self:${c.itemId}`, 'all', unit.id);

      for (const basis of ['self', 'confirmed'] as const)
        for (const sex of [undefined, 'female', 'male'] as const) {
          const board = await competencyDashboard(ctx, { unitId: unit.id, frameworkId: standard.id, basis, sex });
          tally.reports++;
          const group = sex ? `sex:${sex}` : 'all';
          for (const row of [board.unit, ...board.rows]) {
            if (row.teachers !== null || row.meanShare !== null) show('teachers', group, row.unitId);
            for (const cell of row.cells)
              if (cell.atTarget !== null || cell.share !== null) show(`${basis}:${cell.itemId}`, group, row.unitId);
          }
        }

      if (roundId)
        for (const by of [undefined, 'sex', 'school_type'] as const) {
          const results = await roundResults(ctx, roundId, { unitId: unit.id, by });
          tally.reports++;
          if (results.respondents !== null && !results.suppressed) show('survey', 'all', unit.id);
          for (const c of results.children) if (c.respondents !== null) show('survey', 'all', c.unitId);
          if (by && results.breakdown && !results.breakdown.hidden)
            for (const g of results.breakdown.groups)
              show('survey', `${by === 'sex' ? 'sex' : 'unittype'}:${g.key}`, unit.id);
        }

      // This year by sex and not, and last year's recorded figures (the same people, counted then).
      for (const sex of [undefined, 'female', 'male', 'recorded'] as const) {
        const board =
          sex === 'recorded'
            ? await indicatorDashboard(ctx, { unitId: unit.id, year: new Date().getUTCFullYear() - 1 })
            : await indicatorDashboard(ctx, { unitId: unit.id, sex });
        tally.reports++;
        const group = sex && sex !== 'recorded' ? `sex:${sex}` : 'all';
        for (const f of board.indicators) {
          const family: Family =
            f.indicator.code === 'I1' ? `confirmed:${c1}` : f.indicator.code === 'I3' ? `self:${c2}` : 'teachers';
          const figures = [
            { unitId: unit.id, figure: f.current },
            ...f.children.map((c) => ({ unitId: c.unitId, figure: c.figure })),
          ];
          for (const { unitId, figure } of figures) if (!figure.suppressed) show(family, group, unitId);
          // The progress line: today's live point and last year's recorded one.
          if (f.timeline.some((p) => (p.source === 'live' || p.source === 'recorded') && p.actual !== null))
            show(family, 'all', unit.id);
          for (const b of f.breakdowns)
            for (const g of b.groups)
              if (!g.figure.suppressed)
                show(family, group === 'all' ? `${b.by}:${g.key}` : `${group}&${b.by}:${g.key}`, unit.id);
        }
      }
    }
    return published;
  }

  /** The size of a family's group at a unit (its whole subtree), from what the test itself recorded. */
  function sizer(teachers: Teacher[], parentOf: Map<string, string | null>) {
    const under = (t: Teacher, unitId: string) => {
      for (let at: string | null | undefined = t.unitId; at; at = parentOf.get(at)) if (at === unitId) return true;
      return false;
    };
    const inFamily = (t: Teacher, family: string) => {
      if (family === 'teachers') return true;
      if (family === 'respondents') return t.self;
      if (family === 'survey') return t.answered;
      const [basis, item] = family.split(':');
      return basis === 'self' ? t.self : t.confirmed.has(item!);
    };
    const inGroup = (t: Teacher, group: string): boolean => {
      if (group === 'all') return true;
      if (group.includes('&')) return group.split('&').every((g) => inGroup(t, g));
      const [by, key] = group.split(':') as [string, string];
      if (by === 'sex') return (t.sex ?? 'unknown') === key;
      if (by === 'unittype') return t.unitType === key;
      if (key === 'other') return t.place === null;
      if (by === 'locality') return t.place?.locality === key;
      return t.place?.type === key;
    };
    return (family: string, group: string, unitId: string) =>
      teachers.filter((t) => under(t, unitId) && inFamily(t, family) && inGroup(t, group)).length;
  }

  /** Every subtraction the attacker tries; each difference of 1 to 4 people is a leak. */
  function attack(
    label: string,
    published: Published,
    units: OrgUnit[],
    parentOf: Map<string, string | null>,
    size: ReturnType<typeof sizer>,
  ) {
    const childrenOf = new Map<string, string[]>();
    for (const u of units) {
      const p = parentOf.get(u.id);
      if (p) childrenOf.set(p, [...(childrenOf.get(p) ?? []), u.id]);
    }
    const descendants = (id: string): string[] => (childrenOf.get(id) ?? []).flatMap((c) => [c, ...descendants(c)]);
    const name = (id: string) => units.find((u) => u.id === id)?.displayName.text ?? id;
    const check = (what: string, people: number) => {
      tally.differences++;
      if (people > 0 && people < 5) leaks.push(`${label}: ${what} = ${people} people`);
    };
    for (const [family, byGroup] of published)
      for (const [group, shown] of byGroup) {
        for (const id of shown) {
          const whole = size(family, group, id);
          check(`${family} ${group} of ${name(id)}`, whole);
          // A unit minus each unit under it that some report shows.
          for (const d of descendants(id))
            if (shown.has(d)) check(`${family} ${group}: ${name(id)} minus ${name(d)}`, whole - size(family, group, d));
          // A unit minus the units directly below it that are shown.
          const kids = (childrenOf.get(id) ?? []).filter((c) => shown.has(c));
          check(
            `${family} ${group}: ${name(id)} minus its shown children`,
            whole - kids.reduce((n, c) => n + size(family, group, c), 0),
          );
          // A unit minus the deepest shown units that cover it.
          const cover = (at: string): string[] =>
            (childrenOf.get(at) ?? []).flatMap((c) => (shown.has(c) ? [c] : cover(c)));
          check(
            `${family} ${group}: ${name(id)} minus shown units under it`,
            whole - cover(id).reduce((n, c) => n + size(family, group, c), 0),
          );
        }
        if (group !== 'all') continue;
        // A unit minus the groups of a breakdown shown for it, and minus each group alone.
        for (const id of shown) {
          const whole = size(family, 'all', id);
          const dims = new Map<string, string[]>();
          for (const [g, units] of byGroup)
            if (g !== 'all' && !g.includes('&') && units.has(id))
              dims.set(g.split(':')[0]!, [...(dims.get(g.split(':')[0]!) ?? []), g]);
          for (const [by, groups] of dims) {
            check(
              `${family}: ${name(id)} minus its ${by} groups`,
              whole - groups.reduce((n, g) => n + size(family, g, id), 0),
            );
            for (const g of groups) check(`${family}: ${name(id)} minus ${g}`, whole - size(family, g, id));
          }
        }
      }
  }

  const seeds = [11, 23, 37, 41, 59, 73, 97];
  for (const seed of ['amberfield', ...seeds] as const)
    it(`recovers no group of 1 to 4 people (${seed === 'amberfield' ? 'region minus Amberfield' : `tree ${seed}`})`, async () => {
      leaks.length = 0;
      const w = seed === 'amberfield' ? await world(0, 'amberfield') : await world(seed);
      tally.trees++;
      const published = await readEverything(w.ctx, w.units);
      for (const byGroup of published.values()) for (const units of byGroup.values()) tally.figures += units.size;
      for (const units of published.get('survey')?.values() ?? []) tally.surveyFigures += units.size;
      attack(String(seed), published, w.units, w.parentOf, sizer(w.teachers, w.parentOf));
      expect(leaks.slice(0, 20)).toEqual([]);
    });

  it('tried enough', () => {
    console.log(
      `attacker: ${tally.trees} trees, ${tally.reports} reports, ${tally.figures} unit figures shown (${tally.surveyFigures} of survey results), ${tally.differences} differences`,
    );
    expect(tally.surveyFigures).toBeGreaterThan(20);
    expect(tally.figures).toBeGreaterThan(100);
    expect(tally.differences).toBeGreaterThan(1000);
  });
});
