import { sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import * as ledger from '../../server/modules/assessment/assessment.service.ts';
import * as reports from '../../server/modules/assessment/reports.service.ts';
import * as frameworks from '../../server/modules/frameworks/frameworks.service.ts';
import {
  rebuildAggregates,
  registerMonitoring,
  unregisterMonitoring,
} from '../../server/modules/monitoring/aggregates.service.ts';
import { competencyDashboard } from '../../server/modules/monitoring/dashboard.service.ts';
import { indicatorDashboard } from '../../server/modules/monitoring/indicators.figures.ts';
import { withPending } from '../../server/modules/monitoring/monitoring.repo.ts';
import * as org from '../../server/modules/org/org.service.ts';
import { registerRecognition, unregisterRecognition } from '../../server/modules/recognition/awards.service.ts';
import type { Ctx } from '../../server/shared/context.ts';
import { systemCtx } from '../context.ts';
import { seedDemo } from '../demo.ts';
import { p95, report, timeIt, withAndWithoutUpkeep } from './measure.ts';
import { rawDriver } from './raw.ts';

/** Submissions written on each side (with and without upkeep), in alternating turns. */
const WRITES = 600;
const TURNS = 6;

/**
 * Dashboards over a national ledger: every teacher rated five times in every competency, statuses and
 * aggregates rebuilt, then the national (regions x competencies) and a district (schools x
 * competencies) dashboard read from the aggregates; and what keeping them live costs a write.
 */
export async function monitoringBench(database: Database, location: string, teachers: number) {
  const name = database.dialect;
  await seedDemo(database, { teachers });
  const ctx = await systemCtx(database, 'demo');
  const standard = (await frameworks.listFrameworks(ctx)).find((f) => f.status === 'published')!;
  const competencies = (await frameworks.getFramework(ctx, standard.id)).items.filter((i) => i.type === 'competency');
  await reports.setTarget(ctx, (await org.unitsOnPath(ctx, '/1/'))[0]!.id, standard.id, 'KD');

  // Five assessor ratings per teacher and competency, a month apart, spread over the levels (the
  // latest decides the status), written inside the database.
  const months = [4, 3, 2, 1, 0].map((m) => new Date(Date.now() - m * 30 * 86_400_000).toISOString());
  await sql`
    insert into assessment_event (tenant_id, id, person_id, framework_id, item_id, level_code, kind, source_type,
      source_id, evidence_ids, comment, supersedes_id, is_void, effective_at, recorded_at, actor_account_id, actor_person_id)
    select p.tenant_id, p.id || ':' || i.id || ':' || k.n, p.id, i.framework_id, i.id,
      case (length(p.national_id) + i.position + k.n + cast(substr(p.national_id, length(p.national_id), 1) as integer)) % 4
        when 0 then 'KA' when 1 then 'KD' when 2 then 'KC' else null end,
      'assessor', 'bench', null, '[]', null, null, 0,
      (case k.n when 1 then ${months[0]} when 2 then ${months[1]} when 3 then ${months[2]} when 4 then ${months[3]}
        else ${months[4]} end)${sql.raw(database.dialect === 'postgres' ? '::timestamptz' : '')},
      ${months[4]}, null, null
    from person p cross join framework_item i
      cross join (select 1 as n union all select 2 union all select 3 union all select 4 union all select 5) k
    where p.tenant_id = ${ctx.tenantId} and p.category = 'teacher'
      and i.tenant_id = ${ctx.tenantId} and i.framework_id = ${standard.id} and i.type = 'competency'
  `.execute(database.db);
  unregisterMonitoring(); // the status rebuild alone; the aggregates are rebuilt and timed next
  const statusRebuild = await timeIt(() => ledger.rebuildStatus(ctx));
  registerMonitoring();
  const aggregateRebuild = await timeIt(() => rebuildAggregates(ctx));
  report(`${name}.monitoring.status_rebuild.time`, statusRebuild.ms / 1000, 's');
  report(`${name}.monitoring.aggregates_rebuild.time`, aggregateRebuild.ms / 1000, 's');

  const nation = (await org.unitsOnPath(ctx, '/1/'))[0]!;
  const districts = await org.listUnits(ctx, { type: 'district', limit: 1000 });
  const national = await p95(100, () =>
    competencyDashboard(ctx, { unitId: nation.id, frameworkId: standard.id, basis: 'confirmed' }),
  );
  const district = await p95(100, (i) =>
    competencyDashboard(ctx, {
      unitId: districts[i % districts.length]!.id,
      frameworkId: standard.id,
      basis: 'confirmed',
    }),
  );
  // The raw limit: the same aggregate rows the dashboard reads, through the driver, nothing computed.
  const regions = await org.unitWithChildren(ctx, nation.id, 'reports.read');
  const rawQuery = database.db
    .selectFrom(withPending(database.db, 'unit_competency_count'))
    .select(['unit_id', 'item_id', 'level_code', (eb) => eb.fn.sum<number>('teachers').as('teachers')])
    .where('tenant_id', '=', ctx.tenantId)
    .where('unit_id', 'in', [nation.id, ...regions.children.map((c) => c.id)])
    .where('framework_id', '=', standard.id)
    .where('basis', '=', 'confirmed')
    .groupBy(['unit_id', 'item_id', 'level_code'])
    .compile();
  const driver = await rawDriver(database, location);
  const rawNational = await p95(100, () => driver.run(rawQuery.sql, rawQuery.parameters));
  await driver.close();
  report(`${name}.monitoring.dashboard_national.p95`, national, 'ms');
  report(`${name}.monitoring.dashboard_national.raw_read_p95`, rawNational, 'ms');
  report(`${name}.monitoring.dashboard_district.p95`, district, 'ms');
  // The indicators dashboard: every demo indicator with target, children and breakdowns.
  const indicatorsNational = await p95(50, () => indicatorDashboard(ctx, { unitId: nation.id }));
  const indicatorsDistrict = await p95(50, (i) =>
    indicatorDashboard(ctx, { unitId: districts[i % districts.length]!.id }),
  );
  report(`${name}.monitoring.indicators_national.p95`, indicatorsNational, 'ms');
  report(`${name}.monitoring.indicators_district.p95`, indicatorsDistrict, 'ms');

  // Writes of a submission's worth (18 competencies) for different teachers, with and without upkeep.
  const people = await database.db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '=', 'teacher')
    .orderBy('org_path')
    .limit(WRITES * 2)
    .execute();
  const write = (c: Ctx, personId: string, level: string) =>
    ledger.recordEvents(
      c,
      competencies.map((item) => ({
        personId,
        frameworkId: standard.id,
        itemId: item.id,
        levelCode: level,
        kind: 'assessor' as const,
        sourceType: 'bench',
      })),
    );
  // Assessor ratings of every competency meet the demo's automatic badge rule; signing those
  // credentials would swamp both sides, so recognition is detached here.
  unregisterRecognition();
  const { without, withUpkeep } = await withAndWithoutUpkeep(
    database,
    { turns: TURNS, perTurn: WRITES / TURNS, detach: unregisterMonitoring, attach: registerMonitoring },
    (i) => write(ctx, people[i]!.id, 'KC'),
  );
  const rate = (ms: number) => ((WRITES * competencies.length) / ms) * 1000;
  report(`${name}.monitoring.event_write.rate_with_aggregates`, rate(withUpkeep), 'events/s');
  report(`${name}.monitoring.event_write.rate_without_aggregates`, rate(without), 'events/s');
  report(`${name}.monitoring.event_write.ratio`, rate(withUpkeep) / rate(without), 'ratio');
  registerRecognition();

  // Lag: the first dashboard read after a write commits must already count it.
  const probe = people[WRITES * 2 - 1]!.id;
  const before = await competencyDashboard(ctx, { unitId: nation.id, frameworkId: standard.id, basis: 'confirmed' });
  await write(ctx, probe, 'KA');
  const afterWrite = await competencyDashboard(ctx, {
    unitId: nation.id,
    frameworkId: standard.id,
    basis: 'confirmed',
  });
  const moved = before.unit.cells.some((c, i) => c.atTarget !== afterWrite.unit.cells[i]!.atTarget);
  report(`${name}.monitoring.write_to_dashboard_lag`, moved ? 0 : Number.NaN, 'ms');
}
