import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { AppError } from '../../shared/errors.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as self from '../assessment/selfassessment.service.ts';
import * as training from '../training/training.ts';
import * as awards from './awards.service.ts';
import * as ruleRepo from './rules.repo.ts';
import type { Condition, RuleInput } from './rules.schemas.ts';
import * as rules from './rules.service.ts';

async function refused(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describeOnEachDatabase('recognition rules: validation, evaluation, preview', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let competencies: (typeof standard.items)[number][];
  let aspects: (typeof standard.items)[number][];
  let ministry: Awaited<ReturnType<typeof make.user>>;
  let assessorA: Awaited<ReturnType<typeof make.user>>;
  let assessorB: Awaited<ReturnType<typeof make.user>>;
  let district: Awaited<ReturnType<typeof make.user>>;
  let tei: Awaited<ReturnType<typeof make.unit>>;
  let nationalTrainer: Awaited<ReturnType<typeof make.person>>;

  const rate = (personId: string, itemId: string, levelCode: string, who = assessorA) =>
    reviews.rate(who.ctx, personId, { frameworkId: standard.id, itemId, levelCode, evidenceIds: [] });

  const ruleInput = (condition: Condition, extra: Partial<RuleInput> = {}): RuleInput => ({
    name: { en: 'A rule', ru: 'Правило' },
    description: { en: 'What it recognises.' },
    criteria: { en: 'What a holder did.' },
    achievementType: 'Competency',
    frameworkId: standard.id,
    condition,
    mode: 'automatic',
    ...extra,
  });

  const activeRule = async (condition: Condition, extra: Partial<RuleInput> = {}) => {
    const draft = await rules.createRule(ministry.ctx, ruleInput(condition, extra));
    return rules.setStatus(ministry.ctx, draft.id, 'active');
  };

  const awardsOf = (personId: string, status: 'pending' | 'issued' | 'rejected' = 'issued') =>
    awards.listAwards(world.ctx, { status, personId, limit: 50 });

  const complete = async (offering: { id: string }, personIds: string[], recorder = world.ctx) => {
    await training.nominate(world.ctx, offering.id, personIds);
    await training.recordResults(recorder, offering.id, {
      results: personIds.map((personId) => ({ personId, result: 'completed' as const, score: 80 })),
    });
  };

  beforeAll(async () => {
    awards.registerRecognition();
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    competencies = standard.items.filter((i) => i.type === 'competency');
    aspects = standard.items.filter((i) => i.type === 'aspect');
    ministry = await make.user(world.ctx, 'ministry_officer', world.nation);
    assessorA = await make.user(world.ctx, 'assessor', world.regionA);
    assessorB = await make.user(world.ctx, 'assessor', world.regionB);
    district = await make.user(world.ctx, 'district_officer', world.districtA1);
    tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    nationalTrainer = await make.person(world.ctx, world.nation, { category: 'trainer' });
  });

  it('refuses an unknown competency, aspect, level, module or programme with the path where it sits', async () => {
    const [c0, c1] = [competencies[0]!, competencies[1]!];
    const cases: [Condition, string, string][] = [
      [
        {
          type: 'all',
          conditions: [
            { type: 'competency', itemId: c0.id, levelCode: 'KA' },
            { type: 'competency', itemId: 'no-such-item', levelCode: 'KA' },
          ],
        },
        'unknown_competency',
        'body.condition.conditions.1.itemId',
      ],
      [
        {
          type: 'any',
          conditions: [
            { type: 'module', moduleId: 'x' },
            { type: 'competency', itemId: c1.id, levelCode: 'KA' },
          ],
        },
        'unknown_module',
        'body.condition.conditions.0.moduleId',
      ],
      [
        {
          type: 'all',
          conditions: [{ type: 'any', conditions: [{ type: 'competency', itemId: c1.id, levelCode: 'Z9' }] }],
        },
        'unknown_level',
        'body.condition.conditions.0.conditions.0.levelCode',
      ],
      [{ type: 'competency', itemId: c0.id, levelCode: 'not_yet' }, 'unknown_level', 'body.condition.levelCode'],
      [{ type: 'aspect', itemId: c0.id, levelCode: 'KA' }, 'unknown_aspect', 'body.condition.itemId'],
      [{ type: 'programme', programmeId: 'nope' }, 'unknown_programme', 'body.condition.programmeId'],
      [
        {
          type: 'all',
          conditions: [
            {
              type: 'all',
              conditions: [
                {
                  type: 'all',
                  conditions: [
                    { type: 'all', conditions: [{ type: 'all', conditions: [{ type: 'module', moduleId: 'm' }] }] },
                  ],
                },
              ],
            },
          ],
        },
        'condition_too_deep',
        'body.condition',
      ],
    ];
    for (const [condition, code, field] of cases) {
      const error = await refused(rules.createRule(ministry.ctx, ruleInput(condition)));
      expect({ code: error.code, field: error.details?.field }).toEqual({ code, field });
    }
    expect(await rules.listRules(ministry.ctx)).toHaveLength(0);
  });

  it('lets only recognition managers write rules, and shows drafts only to them', async () => {
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    const condition: Condition = { type: 'competency', itemId: competencies[0]!.id, levelCode: 'KC' };
    expect((await refused(rules.createRule(teacher.ctx, ruleInput(condition)))).code).toBe('forbidden');
    expect((await refused(rules.createRule(assessorA.ctx, ruleInput(condition)))).code).toBe('forbidden');
    const draft = await rules.createRule(ministry.ctx, ruleInput(condition, { name: { en: 'Draft only' } }));
    expect(draft).toMatchObject({ status: 'draft', mode: 'automatic', frameworkId: standard.id });
    expect((await refused(rules.getRule(teacher.ctx, draft.id))).code).toBe('recognition_rule_not_found');
    expect((await rules.listRules(teacher.ctx)).map((r) => r.id)).not.toContain(draft.id);
    expect((await refused(rules.listRules(teacher.ctx, 'draft'))).code).toBe('forbidden');
    const edited = await rules.updateRule(ministry.ctx, draft.id, ruleInput(condition, { name: { en: 'Renamed' } }));
    expect(edited.displayName.text).toBe('Renamed');
    const retired = await rules.setStatus(ministry.ctx, draft.id, 'retired');
    expect(retired.status).toBe('retired');
    expect((await refused(rules.updateRule(ministry.ctx, draft.id, ruleInput(condition)))).code).toBe('rule_not_draft');
    expect((await refused(rules.setStatus(ministry.ctx, draft.id, 'active'))).code).toBe('invalid_transition');
  });

  it('issues a credential when an assessor confirms the level, never on a self-assessment, and once', async () => {
    const [c3] = [competencies[3]!];
    const rule = await activeRule({ type: 'competency', itemId: c3.id, levelCode: 'KD' });
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);

    // Self-assessed at the top level: nothing (self never confirms).
    const started = await self.startSelfAssessment(teacher.ctx, standard.id);
    await self.saveAnswers(teacher.ctx, started.id, Object.fromEntries(competencies.map((c) => [c.id, 'KC'])));
    await self.submitSelfAssessment(teacher.ctx, started.id);
    expect(await awardsOf(teacher.person.id)).toHaveLength(0);

    await rate(teacher.person.id, c3.id, 'KA');
    expect(await awardsOf(teacher.person.id)).toHaveLength(0);
    await rate(teacher.person.id, c3.id, 'KD');
    const [award] = await awardsOf(teacher.person.id);
    expect(award).toMatchObject({ ruleId: rule.id, status: 'issued', credentialId: expect.any(String) });

    // The same event again, and a higher level later: still one award.
    await rate(teacher.person.id, c3.id, 'KD');
    await rate(teacher.person.id, c3.id, 'KC');
    expect(await awardsOf(teacher.person.id)).toHaveLength(1);
    const stored = (await ruleRepo.getRule(getDb().db, world.ctx.tenantId, rule.id))!;
    expect(await awards.awardQualifying(world.ctx, stored, [teacher.person.id])).toEqual([]);
    expect((await rules.getRule(ministry.ctx, rule.id)).awards).toEqual({ pending: 0, issued: 1, rejected: 0 });
  });

  it('combines conditions with AND and OR', async () => {
    const [c4, c5, c6] = [competencies[4]!, competencies[5]!, competencies[6]!];
    const pbl = await make.trainingModule(ministry.ctx, standard, { code: 'PBL-R' });
    await activeRule({
      type: 'all',
      conditions: [
        { type: 'competency', itemId: c4.id, levelCode: 'KA' },
        {
          type: 'any',
          conditions: [
            { type: 'competency', itemId: c5.id, levelCode: 'KD' },
            { type: 'module', moduleId: pbl.id },
          ],
        },
      ],
    });
    const [viaLevel, viaModule, onlyOne] = await Promise.all([
      make.person(world.ctx, world.schoolA1),
      make.person(world.ctx, world.schoolA1),
      make.person(world.ctx, world.schoolA1),
    ]);
    await rate(viaLevel.id, c4.id, 'KA');
    expect(await awardsOf(viaLevel.id)).toHaveLength(0);
    await rate(viaLevel.id, c5.id, 'KD');
    expect(await awardsOf(viaLevel.id)).toHaveLength(1);

    await rate(viaModule.id, c4.id, 'KC');
    // The offering's trainer records the results: they hold no recognition permission, and the
    // automatic rule still issues (as the system acting on the active rule).
    const trainer = await make.user(world.ctx, 'trainer', tei);
    // A course that has run (results wait for its last day), attended every day.
    const ran = await make.offering(ministry.ctx, tei, {
      moduleId: pbl.id,
      trainerIds: [trainer.person.id],
      startDate: '2026-03-02',
      endDate: '2026-03-03',
      enrolOpens: '2026-02-01',
      enrolCloses: '2026-03-01',
    });
    await training.nominate(world.ctx, ran.id, [viaModule.id, onlyOne.id]);
    for (const day of ['2026-03-02', '2026-03-03'])
      await training.recordAttendance(trainer.ctx, ran.id, {
        day,
        records: [viaModule.id, onlyOne.id].map((personId) => ({ personId, present: true })),
      });
    await training.recordResults(trainer.ctx, ran.id, {
      results: [viaModule.id, onlyOne.id].map((personId) => ({ personId, result: 'completed' as const, score: 80 })),
    });
    expect(await awardsOf(viaModule.id)).toMatchObject([{ status: 'issued', credentialId: expect.any(String) }]);
    // Completed the module but not confirmed in c4; a confirmation elsewhere changes nothing.
    await rate(onlyOne.id, c6.id, 'KC');
    expect(await awardsOf(onlyOne.id)).toHaveLength(0);
  });

  it('awards an aspect only when every one of its competencies is confirmed at the level or above', async () => {
    const aspect = aspects[2]!;
    const inAspect = competencies.filter((c) => c.parentId === aspect.id);
    expect(inAspect.length).toBeGreaterThan(1);
    await activeRule({ type: 'aspect', itemId: aspect.id, levelCode: 'KD' }, { achievementType: 'Badge' });
    const teacher = await make.person(world.ctx, world.schoolA1b);
    for (const c of inAspect.slice(0, -1)) await rate(teacher.id, c.id, 'KC');
    await rate(teacher.id, inAspect.at(-1)!.id, 'KA');
    expect(await awardsOf(teacher.id)).toHaveLength(0);
    await rate(teacher.id, inAspect.at(-1)!.id, 'KD');
    expect(await awardsOf(teacher.id)).toHaveLength(1);
  });

  it('queues "programme completed and pedagogy confirmed" for approval, by the programme or by all its modules', async () => {
    const pedagogy = competencies[7]!;
    const [m1, m2] = [
      await make.trainingModule(ministry.ctx, standard, { code: 'MT-A' }),
      await make.trainingModule(ministry.ctx, standard, { code: 'MT-B' }),
    ];
    const programme = await training.createProgramme(ministry.ctx, {
      code: 'MTP-R',
      title: { en: 'Master trainer programme' },
      summary: { en: 'Prepares master trainers.' },
      moduleIds: [m1.id, m2.id],
      leadsToRole: 'master_trainer',
      leadsToLevelCode: 'KC',
      trainerQualification: null,
    });
    const rule = await activeRule(
      {
        type: 'all',
        conditions: [
          { type: 'programme', programmeId: programme.id },
          { type: 'competency', itemId: pedagogy.id, levelCode: 'KC' },
        ],
      },
      { mode: 'approval', achievementType: 'Certificate', name: { en: 'Master trainer' } },
    );
    const [byProgramme, byModules] = [await make.person(world.ctx, tei), await make.person(world.ctx, world.schoolA2)];
    await rate(byProgramme.id, pedagogy.id, 'KC');
    await rate(byModules.id, pedagogy.id, 'KC');
    expect(await awardsOf(byProgramme.id, 'pending')).toHaveLength(0);

    await complete(
      await make.offering(ministry.ctx, tei, { programmeId: programme.id, trainerIds: [nationalTrainer.id] }),
      [byProgramme.id],
    );
    expect(await awardsOf(byProgramme.id, 'pending')).toMatchObject([
      { ruleId: rule.id, status: 'pending', credentialId: null },
    ]);

    await complete(await make.offering(ministry.ctx, tei, { moduleId: m1.id, trainerIds: [nationalTrainer.id] }), [
      byModules.id,
    ]);
    expect(await awardsOf(byModules.id, 'pending')).toHaveLength(0);
    await complete(await make.offering(ministry.ctx, tei, { moduleId: m2.id, trainerIds: [nationalTrainer.id] }), [
      byModules.id,
    ]);
    expect(await awardsOf(byModules.id, 'pending')).toHaveLength(1);
  });

  it('awards those who already qualify when a rule is activated, and nothing while it is a draft', async () => {
    const c12 = competencies[12]!;
    const [before, whileDraft] = [
      await make.person(world.ctx, world.schoolB1),
      await make.person(world.ctx, world.schoolB1),
    ];
    await rate(before.id, c12.id, 'KD', assessorB);
    const draft = await rules.createRule(
      ministry.ctx,
      ruleInput({ type: 'competency', itemId: c12.id, levelCode: 'KD' }),
    );
    await rate(whileDraft.id, c12.id, 'KD', assessorB);
    expect(await awardsOf(before.id)).toHaveLength(0);
    expect(await awardsOf(whileDraft.id)).toHaveLength(0);
    const active = await rules.setStatus(ministry.ctx, draft.id, 'active');
    expect(active.awards.issued).toBe(2);
    expect(await awardsOf(whileDraft.id)).toHaveLength(1);
  });

  it('previews who would qualify today under a unit in scope, and nowhere else', async () => {
    const c9 = competencies[9]!;
    const [a, b, c] = [
      await make.person(world.ctx, world.schoolA1, { givenName: 'Ana', familyName: 'Aaberg' }),
      await make.person(world.ctx, world.schoolA1b),
      await make.person(world.ctx, world.schoolB1),
    ];
    await rate(a.id, c9.id, 'KC');
    await rate(b.id, c9.id, 'KA');
    await rate(c.id, c9.id, 'KC', assessorB);
    const condition: Condition = { type: 'competency', itemId: c9.id, levelCode: 'KD' };

    const inA = await rules.previewDraft(assessorA.ctx, { unitId: world.regionA.id, condition });
    expect(inA).toMatchObject({ qualifying: 1, awarded: 0, suppressed: false });
    expect(inA.people).toEqual([expect.objectContaining({ personId: a.id, name: 'Ana Aaberg', awardStatus: null })]);
    const national = await rules.previewDraft(ministry.ctx, {
      unitId: world.nation.id,
      frameworkId: standard.id,
      condition,
    });
    // A ministry officer may not see individual ratings: two is too few to tell, and nobody is named.
    expect(national).toMatchObject({ qualifying: null, suppressed: true, people: [] });

    // Out of scope is "not found"; without a recognition permission, "forbidden".
    expect((await refused(rules.previewDraft(assessorA.ctx, { unitId: world.regionB.id, condition }))).code).toBe(
      'org_unit_not_found',
    );
    expect((await refused(rules.previewDraft(district.ctx, { unitId: world.districtA1.id, condition }))).code).toBe(
      'forbidden',
    );

    const rule = await activeRule(condition, { mode: 'approval' });
    const saved = await rules.previewRule(assessorB.ctx, rule.id, world.regionB.id);
    expect(saved).toMatchObject({ qualifying: 1, awarded: 1, people: [{ personId: c.id, awardStatus: 'pending' }] });
  });

  it('names qualifying people only to readers of their ratings, and counts fewer than 5 as suppressed', async () => {
    const c16 = competencies[16]!; // of an aspect no other test rates
    const condition: Condition = { type: 'competency', itemId: c16.id, levelCode: 'KC' };
    const one = await make.person(world.ctx, world.schoolA1, { givenName: 'Only', familyName: 'One' });
    await rate(one.id, c16.id, 'KC');
    // One teacher at a school: the officer (recognition.manage, no assessment.read) learns nothing.
    const single = await rules.previewDraft(ministry.ctx, { unitId: world.schoolA1.id, condition });
    expect(single).toMatchObject({ qualifying: null, awarded: null, suppressed: true, people: [] });
    for (let i = 0; i < 5; i++) {
      const p = await make.person(world.ctx, i < 3 ? world.schoolA1 : world.schoolB1);
      await rate(p.id, c16.id, 'KC', i < 3 ? assessorA : assessorB);
    }
    // Six across the country: a count, still no names.
    const national = await rules.previewDraft(ministry.ctx, { unitId: world.nation.id, condition });
    expect(national).toMatchObject({ qualifying: 6, awarded: 0, suppressed: false, people: [] });
    // The assessor over region A sees the ratings there: names and small counts alike.
    const regional = await rules.previewDraft(assessorA.ctx, { unitId: world.regionA.id, condition });
    expect(regional).toMatchObject({ qualifying: 4, suppressed: false });
    expect(regional.people).toHaveLength(4);
    // A manager who also assesses one school is named only the people of that school.
    const both = {
      ...ministry.ctx,
      actor: {
        ...ministry.ctx.actor,
        grants: [
          ...ministry.ctx.actor.grants,
          { role: 'assessor' as const, orgUnitId: world.schoolA1.id, orgUnitPath: world.schoolA1.path },
        ],
      },
    };
    const mixed = await rules.previewDraft(both, { unitId: world.nation.id, condition });
    expect(mixed.qualifying).toBe(6);
    expect(mixed.people).toHaveLength(4);
    expect(mixed.people.map((p) => p.personId)).toContain(one.id);
    const saved = await activeRule(condition);
    expect(await rules.previewRule(ministry.ctx, saved.id, world.schoolA1.id)).toMatchObject({
      qualifying: null,
      awarded: null,
      suppressed: true,
      people: [],
    });
  });
});
