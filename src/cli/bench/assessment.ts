import { createHash, randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { sql } from 'kysely';
import type { Database } from '../../server/db/database.ts';
import { buildApp } from '../../server/http/app.ts';
import * as ledger from '../../server/modules/assessment/assessment.service.ts';
import * as self from '../../server/modules/assessment/selfassessment.service.ts';
import * as frameworks from '../../server/modules/frameworks/frameworks.service.ts';
import { unregisterMonitoring } from '../../server/modules/monitoring/aggregates.service.ts';
import type { Ctx } from '../../server/shared/context.ts';
import { newId, nowIso } from '../../server/shared/ids.ts';
import { systemCtx } from '../context.ts';
import { seedDemo } from '../demo.ts';
import { report, timeIt } from './measure.ts';

const SUBMISSIONS = 2000;
const CONCURRENCY = 8;

/** Sends `count` requests over loopback HTTP with keep-alive, `CONCURRENCY` at a time; answers requests/s. */
async function throughput(count: number, send: (i: number) => Promise<Response>): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const res = await send(next++);
      if (!res.ok) throw new Error(`benchmark request failed: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
  };
  const { ms } = await timeIt(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)));
  return (count / ms) * 1000;
}

/** Sign-ins for `people` as API tokens, written directly: argon2 hashing is not what is measured. */
export async function tokensFor(ctx: Ctx, people: { id: string; org_unit_id: string }[]) {
  const at = nowIso();
  const tokens: string[] = [];
  for (let i = 0; i < people.length; i += 200) {
    const slice = people.slice(i, i + 200);
    const accounts = slice.map((p) => ({
      tenant_id: ctx.tenantId,
      id: newId(),
      person_id: p.id,
      username: `bench-${p.id}`,
      password_hash: 'not-a-password',
      locale: null,
      status: 'active',
      created_at: at,
      updated_at: at,
      last_login_at: null,
    }));
    await ctx.db.insertInto('user_account').values(accounts).execute();
    const secrets = accounts.map(() => `pw_${randomBytes(24).toString('base64url')}`);
    await ctx.db
      .insertInto('api_token')
      .values(
        accounts.map((a, n) => ({
          tenant_id: ctx.tenantId,
          id: newId(),
          account_id: a.id,
          name: 'bench',
          token_hash: createHash('sha256').update(secrets[n]!).digest('hex'),
          created_at: at,
          // In use already, as a teacher's sign-in is when they send an answer (they read the form
          // first): the write that marks a token's first use in a minute is not the request's.
          last_used_at: at,
          revoked_at: null,
        })),
      )
      .execute();
    await ctx.db
      .insertInto('role_assignment')
      .values(
        accounts.map((a, n) => ({
          tenant_id: ctx.tenantId,
          id: newId(),
          account_id: a.id,
          role: 'teacher',
          org_unit_id: slice[n]!.org_unit_id,
          created_at: at,
        })),
      )
      .execute();
    tokens.push(...secrets);
  }
  return tokens;
}

export async function assessmentBench(database: Database, _location: string, teachers: number) {
  const name = database.dialect;
  await seedDemo(database, { teachers });
  const ctx = await systemCtx(database, 'demo');
  const standard = (await frameworks.listFrameworks(ctx)).find((f) => f.status === 'published')!;
  const competencies = (await frameworks.getFramework(ctx, standard.id)).items.filter((i) => i.type === 'competency');

  // Teachers who have not self-assessed yet, each with a self-assessment answered and ready to submit.
  const submitters = await database.db
    .selectFrom('person')
    .select(['id', 'org_unit_id'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('category', '=', 'teacher')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('self_assessment').select('id').whereRef('self_assessment.person_id', '=', 'person.id'))),
    )
    .orderBy('org_path')
    .limit(Math.min(SUBMISSIONS, teachers))
    .execute();
  const tokens = await tokensFor(ctx, submitters);
  const ids: string[] = [];
  for (const person of submitters) {
    const mine: Ctx = { ...ctx, actor: { ...ctx.actor, personId: person.id } };
    const started = await self.startSelfAssessment(mine, standard.id);
    await self.saveAnswers(mine, started.id, Object.fromEntries(competencies.map((c) => [c.id, 'KD'])));
    ids.push(started.id);
  }

  const app = await buildApp({
    config: { secureCookies: false, webDir: '/nonexistent', logLevel: 'silent' },
    database,
  });
  const bare = Fastify({ logger: false });
  bare.post('/bare', async () => ({ ok: true }));
  try {
    const appUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const submitRate = await throughput(ids.length, (i) =>
      fetch(`${appUrl}/api/self-assessments/${ids[i]}/submit`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[i]}` },
      }),
    );
    const bareRate = await throughput(ids.length, () =>
      fetch(`${bareUrl}/bare`, { method: 'POST', headers: { authorization: 'Bearer x' } }),
    );
    report(`${name}.self_assessment_submit.rate`, submitRate, `submissions/s(${competencies.length}_competencies)`);
    report(`${name}.self_assessment_submit.bare_fastify_rate`, bareRate, 'requests/s');
    report(`${name}.self_assessment_submit.ratio`, submitRate / bareRate, 'ratio');
  } finally {
    await app.close();
    await bare.close();
  }

  // A ledger of one self-assessment event per teacher and competency, generated inside the database.
  const at = nowIso();
  await sql`
    insert into assessment_event (tenant_id, id, person_id, framework_id, item_id, level_code, kind, source_type,
      source_id, evidence_ids, comment, supersedes_id, is_void, effective_at, recorded_at, actor_account_id, actor_person_id)
    select p.tenant_id, p.id || ':' || i.id, p.id, i.framework_id, i.id,
      case i.position % 3 when 0 then 'KA' when 1 then 'KD' else 'KC' end,
      'self', 'bench', null, '[]', null, null, 0, ${at}, ${at}, null, null
    from person p cross join framework_item i
    where p.tenant_id = ${ctx.tenantId} and p.category = 'teacher'
      and i.tenant_id = ${ctx.tenantId} and i.framework_id = ${standard.id} and i.type = 'competency'
      and not exists (select 1 from self_assessment s where s.tenant_id = p.tenant_id and s.person_id = p.id)
  `.execute(database.db);
  unregisterMonitoring(); // the projection alone: the monitoring bench times the aggregates' rebuild
  const rebuilt = await timeIt(() => ledger.rebuildStatus(ctx));
  // The raw limit: writing the same number of rows into a copy of the projection, with no computing.
  await sql`create table status_copy as select * from competency_status where 1 = 0`.execute(database.db);
  await sql`create unique index status_copy_pk on status_copy (tenant_id, person_id, item_id)`.execute(database.db);
  const copied = await timeIt(() => sql`insert into status_copy select * from competency_status`.execute(database.db));
  report(`${name}.status_rebuild.rows`, rebuilt.result.rows, 'statuses');
  report(`${name}.status_rebuild.time`, rebuilt.ms / 1000, 's');
  report(`${name}.status_rebuild.raw_copy_time`, copied.ms / 1000, 's');
}
