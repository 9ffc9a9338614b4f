import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import * as ledger from '../assessment/assessment.service.ts';
import * as reports from '../assessment/reports.service.ts';
import * as self from '../assessment/selfassessment.service.ts';
import { aggregateSnapshot, rebuildAggregates } from '../monitoring/aggregates.service.ts';
import type { Dashboard } from '../monitoring/monitoring.schemas.ts';
import * as rules from '../recognition/rules.service.ts';
import type { FrameworkDetail, FrameworkSummary } from './frameworks.schemas.ts';

describeOnEachDatabase('standard versions carry the reform forward', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let v1: FrameworkDetail;
  let ministry: Session;
  let changedCase: string;
  let keptCase: string;
  let late: Awaited<ReturnType<typeof make.user>>;
  let lateId: string;
  let ruleId: string;
  let assessorCtx: Awaited<ReturnType<typeof make.user>>['ctx'];
  const teachers: Awaited<ReturnType<typeof make.user>>[] = [];

  const send = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: ministry.headers, ...(payload === undefined ? {} : { payload }) });
  const itemOf = (fw: FrameworkDetail, caseIdentifier: string) =>
    fw.items.find((i) => i.caseIdentifier === caseIdentifier)!;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    v1 = await make.publishedStandard(world.ctx);
    const competencies = v1.items.filter((i) => i.type === 'competency');
    // Targets belong to the lineage: the one set on 1.0 applies to 2.0.
    await reports.setTarget(world.ctx, world.nation.id, v1.id, 'KD');
    changedCase = competencies[0]!.caseIdentifier;
    keptCase = competencies[1]!.caseIdentifier;
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const assessor = await make.user(world.ctx, 'assessor', world.nation);
    assessorCtx = assessor.ctx;
    // Six teachers of one school self-assess the whole standard and are rated on two competencies.
    for (let n = 0; n < 6; n++) {
      const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
      teachers.push(teacher);
      const started = await self.startSelfAssessment(teacher.ctx);
      const levels = ['KA', 'KD', 'KC'];
      await self.saveAnswers(
        teacher.ctx,
        started.id,
        Object.fromEntries(competencies.map((c, i) => [c.id, levels[(i + n) % 3]!])),
      );
      await self.submitSelfAssessment(teacher.ctx, started.id);
      await ledger.recordEvents(
        assessor.ctx,
        [changedCase, keptCase].map((caseIdentifier) => ({
          personId: teacher.person.id,
          frameworkId: v1.id,
          itemId: itemOf(v1, caseIdentifier).id,
          levelCode: n < 4 ? 'KD' : 'KA',
          kind: 'assessor' as const,
          sourceType: 'test',
        })),
      );
    }
    // A recognition rule written against 1.0: confirmed at KD or above in the competency 2.0 changes.
    const rule = await rules.createRule(officer.ctx, {
      name: { en: 'Changed competency at KD' },
      description: { en: 'Confirmed at knowledge deepening.' },
      criteria: { en: 'Confirmed at knowledge deepening.' },
      achievementType: 'Competency',
      frameworkId: v1.id,
      condition: { type: 'competency', itemId: itemOf(v1, changedCase).id, levelCode: 'KD' },
      mode: 'automatic',
    });
    ruleId = (await rules.setStatus(officer.ctx, rule.id, 'active')).id;
    // A seventh teacher is half-way through a self-assessment of 1.0 when 2.0 is published.
    late = await make.user(world.ctx, 'teacher', world.schoolA1);
    const open = await self.startSelfAssessment(late.ctx);
    lateId = open.id;
    await self.saveAnswers(late.ctx, open.id, Object.fromEntries(competencies.map((c) => [c.id, 'KC'])));
  });
  afterAll(() => app.close());

  const figures = async () => {
    const dashboard = async (basis: string) =>
      (
        await send('GET', `/api/dashboards/competencies?unitId=${world.schoolA1.id}&basis=${basis}`)
      ).json() as Dashboard;
    const confirmed = await dashboard('confirmed');
    const selfBased = await dashboard('self');
    const report = (await send('GET', `/api/units/${world.schoolA1.id}/self-assessment-report`)).json();
    const board = (await send('GET', `/api/dashboards/indicators?unitId=${world.schoolA1.id}`)).json();
    const byCase = async (caseIdentifier: string) => {
      const current = (await send('GET', `/api/frameworks/${confirmed.frameworkId}`)).json() as FrameworkDetail;
      return itemOf(current, caseIdentifier).id;
    };
    const kept = await byCase(keptCase);
    const changed = await byCase(changedCase);
    const cell = (d: Dashboard, itemId: string) => d.unit.cells.find((c) => c.itemId === itemId)!;
    const indicator = (code: string) =>
      board.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === code).current;
    const reported = (itemId: string) =>
      report.competencies.find((c: { itemId: string }) => c.itemId === itemId) as {
        respondents: number | null;
        distribution: Record<string, number>;
      };
    return {
      frameworkId: confirmed.frameworkId,
      assessed: confirmed.unit.assessed,
      selfAssessed: selfBased.unit.assessed,
      keptAtTarget: cell(confirmed, kept).atTarget,
      changedAtTarget: cell(confirmed, changed).atTarget,
      respondents: report.respondents as number | null,
      keptReport: reported(kept),
      keptIndicator: indicator('KEPT'),
      changedIndicator: indicator('CHANGED'),
    };
  };

  it('publishes 2.0 over 1.0: unchanged items keep their figures, changed ones need new evidence, all views agree', async () => {
    for (const [code, caseIdentifier] of [
      ['KEPT', keptCase],
      ['CHANGED', changedCase],
    ] as const) {
      const created = await send('POST', '/api/indicators', {
        code,
        name: { en: `Teachers confirmed at KD (${code})` },
        definition: { en: 'Teachers confirmed at knowledge deepening or above.' },
        numerator: { fact: 'at_level', itemId: itemOf(v1, caseIdentifier).id, levelCode: 'KD', basis: 'confirmed' },
        denominator: { fact: 'teachers' },
        factor: 'percent',
        meansOfVerification: { en: 'Assessor ratings' },
      });
      expect(created.statusCode).toBe(201);
    }
    const before = await figures();
    expect(before.frameworkId).toBe(v1.id);
    expect(before.assessed).toBe(6);
    expect(before.respondents).toBe(6);
    expect(before.keptAtTarget).toBe(4);
    expect(before.keptIndicator.numerator).toBe(4);
    expect(before.changedIndicator.numerator).toBe(4);

    const created = await send('POST', `/api/frameworks/${v1.id}/versions`, { version: '2.0' });
    expect(created.statusCode).toBe(201);
    const v2 = created.json() as FrameworkDetail;
    const edited = await send('PATCH', `/api/frameworks/${v2.id}/items/${itemOf(v2, changedCase).id}`, {
      statement: { en: 'Uses ICT to design project-based learning with students.' },
    });
    expect(edited.statusCode).toBe(200);
    expect((await send('POST', `/api/frameworks/${v2.id}/status`, { status: 'in_review' })).statusCode).toBe(200);

    const impact = (await send('GET', `/api/frameworks/${v2.id}/publish-impact`)).json();
    // Six teachers have a self-assessed or confirmed level on each of the 18 competencies.
    expect(impact).toMatchObject({
      from: { id: v1.id, version: v1.version },
      to: { id: v2.id, version: '2.0' },
      carryOver: 6 * 17,
      changedItems: 1,
      changedRatings: 6,
      addedItems: 0,
      removedItems: 0,
    });
    expect(impact.changed).toEqual([
      expect.objectContaining({ caseIdentifier: changedCase, fields: ['statement'], ratings: 6 }),
    ]);

    const published = await send('POST', `/api/frameworks/${v2.id}/status`, {
      status: 'published',
      changedItems: 'new_evidence',
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', changedItems: 'new_evidence' });

    const list = (await send('GET', '/api/frameworks')).json().items as FrameworkSummary[];
    const lineage = list.filter((f) => f.lineageId === v1.lineageId);
    expect(lineage.find((f) => f.id === v1.id)).toMatchObject({ status: 'superseded' });
    expect(lineage.filter((f) => f.status === 'published').map((f) => f.id)).toEqual([v2.id]);

    const after = await figures();
    expect(after.frameworkId).toBe(v2.id);
    expect(after.assessed).toBe(before.assessed);
    expect(after.selfAssessed).toBe(before.selfAssessed);
    expect(after.keptAtTarget).toBe(before.keptAtTarget);
    expect(after.respondents).toBe(before.respondents);
    expect({ ...after.keptReport, itemId: null }).toEqual({ ...before.keptReport, itemId: null });
    expect(after.keptIndicator).toEqual(before.keptIndicator);
    // The changed competency has no confirmed level in 2.0 until new evidence arrives.
    expect(after.changedAtTarget ?? 0).toBe(0);
    expect(after.changedIndicator.numerator ?? 0).toBe(0);
    const status = await ledger.statusOf(world.ctx, teachers[0]!.person.id, v2.id);
    const v2Detail = (await send('GET', `/api/frameworks/${v2.id}`)).json() as FrameworkDetail;
    expect(status.find((s) => s.itemId === itemOf(v2Detail, changedCase).id)).toBeUndefined();
    expect(status.find((s) => s.itemId === itemOf(v2Detail, keptCase).id)).toMatchObject({
      confirmed: true,
      confirmedLevelCode: 'KD',
      selfAssessed: true,
    });
    // The three views agree: the dashboard's cell is the indicator's numerator; the self-based
    // dashboard's assessed teachers are the group report's respondents.
    expect(after.keptIndicator.numerator).toBe(after.keptAtTarget);
    expect(after.selfAssessed).toBe(after.respondents);

    // History: the dashboard still shows 1.0 as it was when asked for it.
    const history = (
      await send('GET', `/api/dashboards/competencies?unitId=${world.schoolA1.id}&frameworkId=${v1.id}`)
    ).json() as Dashboard;
    expect(history.frameworkId).toBe(v1.id);
    expect(history.unit.cells.find((c) => c.itemId === itemOf(v1, changedCase).id)!.atTarget).toBe(4);

    // 1.0 stays public for evidence that points at it; CASE calls it deprecated.
    const casePackage = await app.inject({ url: `/ims/case/v1p1/CFPackages/${v1.caseIdentifier}` });
    expect(casePackage.statusCode).toBe(200);
    expect(casePackage.json().CFDocument.adoptionStatus).toBe('Deprecated');

    // The carried statuses are ledger events: rebuilding the projection and the aggregates changes nothing.
    const statuses = JSON.stringify(await ledger.statusRowsOf(world.ctx, teachers[0]!.person.id));
    const counts = await aggregateSnapshot(world.ctx);
    await ledger.rebuildStatus(world.ctx);
    await rebuildAggregates(world.ctx);
    expect(JSON.stringify(await ledger.statusRowsOf(world.ctx, teachers[0]!.person.id))).toBe(statuses);
    expect(await aggregateSnapshot(world.ctx)).toEqual(counts);
  });

  it('keeps awards earned on 1.0 and lets new evidence on 2.0 meet rules written against 1.0', async () => {
    const awarded = async () =>
      (
        await world.ctx.db.selectFrom('recognition_award').select('person_id').where('rule_id', '=', ruleId).execute()
      ).map((r) => r.person_id);
    expect(await awarded()).toHaveLength(4);
    const list = (await send('GET', '/api/frameworks')).json().items as FrameworkSummary[];
    const v2Id = list.find((f) => f.lineageId === v1.lineageId && f.status === 'published')!.id;
    const v2 = (await send('GET', `/api/frameworks/${v2Id}`)).json() as FrameworkDetail;
    // (In the same school: a lone teacher elsewhere would be a small group the school's figures give away.)
    const elsewhere = await make.person(world.ctx, world.schoolA1);
    await ledger.recordEvents(assessorCtx, [
      {
        personId: elsewhere.id,
        frameworkId: v2Id,
        itemId: itemOf(v2, changedCase).id,
        levelCode: 'KC',
        kind: 'assessor',
        sourceType: 'test',
      },
    ]);
    expect(await awarded()).toContain(elsewhere.id);
    expect(await awarded()).toHaveLength(5);
  });

  it('lets a self-assessment begun on 1.0 finish there and carries it into 2.0; new ones start on 2.0', async () => {
    // Its questions stay readable on the superseded version, so the teacher can finish it.
    const questions = await self.instrument(late.ctx, v1.id);
    expect(questions.aspects.length).toBeGreaterThan(0);
    const submitted = await self.submitSelfAssessment(late.ctx, lateId);
    expect(submitted.status).toBe('submitted');
    expect(submitted.frameworkId).toBe(v1.id);
    const current = (await send('GET', '/api/frameworks')).json().items as FrameworkSummary[];
    const v2Id = current.find((f) => f.lineageId === v1.lineageId && f.status === 'published')!.id;
    const v2 = (await send('GET', `/api/frameworks/${v2Id}`)).json() as FrameworkDetail;
    const status = await ledger.statusOf(world.ctx, late.person.id, v2Id);
    expect(status.find((s) => s.itemId === itemOf(v2, keptCase).id)).toMatchObject({
      selfAssessed: true,
      selfLevelCode: 'KC',
    });
    expect(status.find((s) => s.itemId === itemOf(v2, changedCase).id)).toBeUndefined();
    const events = await ledger.listEvents(world.ctx, late.person.id, v2Id);
    expect(events.every((e) => e.sourceType === 'carried' && e.kind === 'self')).toBe(true);
    const report = (await send('GET', `/api/units/${world.schoolA1.id}/self-assessment-report`)).json();
    expect(report.respondents).toBe(7);
    const fresh = await self.startSelfAssessment(late.ctx);
    expect(fresh.frameworkId).toBe(v2Id);
    await expect(self.startSelfAssessment(late.ctx, v1.id)).rejects.toMatchObject({ code: 'framework_not_published' });
  });

  it('leaves exactly one current version when two drafts of one lineage are published at once', async () => {
    const list = (await send('GET', '/api/frameworks')).json().items as FrameworkSummary[];
    const current = list.find((f) => f.lineageId === v1.lineageId && f.status === 'published')!;
    const drafts: string[] = [];
    for (const version of ['3.0', '3.1']) {
      const draft = (await send('POST', `/api/frameworks/${current.id}/versions`, { version })).json();
      expect((await send('POST', `/api/frameworks/${draft.id}/status`, { status: 'in_review' })).statusCode).toBe(200);
      drafts.push(draft.id);
    }
    const results = await Promise.all(
      drafts.map((id) => send('POST', `/api/frameworks/${id}/status`, { status: 'published' })),
    );
    expect(results.every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    const after = ((await send('GET', '/api/frameworks')).json().items as FrameworkSummary[]).filter(
      (f) => f.lineageId === v1.lineageId,
    );
    expect(after.filter((f) => f.status === 'published')).toHaveLength(1);
    expect(after.find((f) => f.id === current.id)!.status).toBe('superseded');
    // Whichever won, confirmed levels carried all the way (3.x changed nothing).
    const dashboard = (
      await send('GET', `/api/dashboards/competencies?unitId=${world.schoolA1.id}&basis=confirmed`)
    ).json() as Dashboard;
    const winner = after.find((f) => f.status === 'published')!;
    expect(dashboard.frameworkId).toBe(winner.id);
    const detail = (await send('GET', `/api/frameworks/${winner.id}`)).json() as FrameworkDetail;
    expect(dashboard.unit.cells.find((c) => c.itemId === itemOf(detail, keptCase).id)!.atTarget).toBe(4);
  });
});
