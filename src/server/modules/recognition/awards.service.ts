import { requireScope } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction, systemActor } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as assessment from '../assessment/assessment.service.ts';
import * as training from '../training/results.service.ts';
import * as repo from './awards.repo.ts';
import type { Award, AwardQuery } from './awards.schemas.ts';
import { type AchievementSpec, issueCredential } from './credentials.service.ts';
import * as rules from './rules.repo.ts';

/**
 * Recognition follows the ledger and training: a confirmed level or a completion re-evaluates the
 * active rules that name what changed, for the people it changed for, in the same transaction.
 * Attached at the composition root beside monitoring (`buildApp`, the CLI, the demo seeder).
 */
export function registerRecognition() {
  assessment.statusChanged.on(onStatusChanged);
  training.trainingCompleted.on(onTrainingCompleted);
}

/** Detaches the listeners (the benchmark measures a write with and without them). */
export function unregisterRecognition() {
  assessment.statusChanged.off(onStatusChanged);
  training.trainingCompleted.off(onTrainingCompleted);
}

/**
 * Only the confirmed column matters: a self-assessment (the benchmarked submit path) changes the
 * self column alone and leaves here without a query.
 */
async function onStatusChanged(ctx: Ctx, changes: assessment.StatusChange[]) {
  const confirmed = changes.filter(
    (c) =>
      c.after?.confirmed_event_id != null &&
      (c.before?.confirmed_event_id !== c.after.confirmed_event_id ||
        c.before?.confirmed_level_code !== c.after.confirmed_level_code),
  );
  if (confirmed.length === 0) return;
  const rows = await rules.activeRulesNaming(ctx.db, ctx.tenantId, [
    { type: 'item', ids: [...new Set(confirmed.map((c) => c.after!.item_id))] },
  ]);
  const personIds = [...new Set(confirmed.map((c) => c.after!.person_id))];
  for (const rule of rows) await awardQualifying(ctx, rule, personIds);
}

async function onTrainingCompleted(
  ctx: Ctx,
  done: { personIds: string[]; moduleIds: string[]; programmeId: string | null },
) {
  const rows = await rules.activeRulesNaming(ctx.db, ctx.tenantId, [
    { type: 'module', ids: done.moduleIds },
    { type: 'programme', ids: done.programmeId ? [done.programmeId] : [] },
  ]);
  for (const rule of rows) await awardQualifying(ctx, rule, done.personIds);
}

function text(ctx: Ctx, value: LocalizedText) {
  return resolveText(value, ctx.locale, ctx.defaultLocale);
}

/** What the credential of a rule says: the same achievement (keyed by the rule) for every holder. */
function achievementOf(rule: rules.RuleRow): AchievementSpec {
  const compiled = rules.compiledOf(rule);
  return {
    key: rule.id,
    name: JSON.parse(rule.name),
    description: JSON.parse(rule.description),
    criteria: JSON.parse(rule.criteria),
    achievementType: rule.achievement_type,
    alignments: compiled.alignments,
  };
}

/**
 * Issues the credential of an award, stating the confirmed levels the holder stands at as results.
 * `issuer` is the approver who signed off, or, for automatic rules, the system acting on the rule a
 * manager activated: whoever's change made the person qualify (a trainer recording results, say)
 * need not hold a recognition permission themself.
 */
async function issueFor(ctx: Ctx, rule: rules.RuleRow, award: repo.AwardRow, issuer: Ctx = ctx) {
  const compiled = rules.compiledOf(rule);
  const levels = await repo.confirmedIn(ctx.db, ctx.tenantId, award.person_id, compiled.resultItemIds);
  const credential = await issueCredential(issuer, {
    personId: award.person_id,
    achievement: {
      ...achievementOf(rule),
      results: levels
        .filter((l) => l.confirmed_level_code !== null)
        .map((l) => ({ frameworkId: l.framework_id, itemId: l.item_id, levelCode: l.confirmed_level_code! })),
    },
    source: { type: 'recognition_rule', id: rule.id },
  });
  await repo.setCredential(ctx.db, ctx.tenantId, award.id, credential.id);
  return credential.id;
}

/** Awards now wait in the approval queue (notifications tell the approvers over each person). */
export const awardsQueued = domainEvent<{ ruleId: string; personIds: string[] }>();

/**
 * Awards the rule to those who meet it and hold no award of it yet: among `personIds`, or in the
 * whole tenant when null (activation). Automatic rules issue the credential at once; the others
 * wait in the approval queue. The unique (rule, person) key keeps a repeated event from awarding twice.
 */
export async function awardQualifying(ctx: Ctx, rule: rules.RuleRow, personIds: string[] | null) {
  const condition = rules.compiledOf(rule).condition;
  const qualifying =
    personIds === null
      ? await rules.qualifyingInTenant(ctx.db, ctx.tenantId, rule.id, condition)
      : await rules.qualifyingAmong(ctx.db, ctx.tenantId, rule.id, condition, personIds);
  if (qualifying.length === 0) return [];
  const at = nowIso();
  const automatic = rule.mode === 'automatic';
  const inserted = await repo.insertAwards(
    ctx.db,
    qualifying.map((personId) => ({
      tenant_id: ctx.tenantId,
      id: newId(),
      rule_id: rule.id,
      person_id: personId,
      status: automatic ? 'issued' : 'pending',
      credential_id: null,
      qualified_at: at,
      decided_at: automatic ? at : null,
      decided_by_account_id: null,
      reason: null,
    })),
  );
  if (!automatic) await awardsQueued.emit(ctx, { ruleId: rule.id, personIds: inserted.map((a) => a.person_id) });
  for (const award of inserted) {
    if (automatic) award.credential_id = await issueFor(ctx, rule, award, { ...ctx, actor: systemActor() });
    await recordAudit(
      ctx.db,
      ctx,
      automatic ? 'recognition_award.issue' : 'recognition_award.queue',
      { type: 'recognition_award', id: award.id },
      null,
      award,
    );
  }
  return inserted;
}

// ---------------------------------------------------------------- reading awards

export async function countsByRule(ctx: Ctx, ruleIds: string[]) {
  const out = new Map<string, { pending: number; issued: number; rejected: number }>();
  for (const row of await repo.countsByRule(ctx.db, ctx.tenantId, ruleIds)) {
    const entry = out.get(row.rule_id) ?? { pending: 0, issued: 0, rejected: 0 };
    entry[row.status as keyof typeof entry] = Number(row.n);
    out.set(row.rule_id, entry);
  }
  return out;
}

type ListedRow = Awaited<ReturnType<typeof repo.listAwards>>[number];

function toAward(ctx: Ctx, row: ListedRow): Award {
  return {
    id: row.id,
    ruleId: row.rule_id,
    ruleName: text(ctx, JSON.parse(row.rule_name)),
    achievementType: row.achievement_type as Award['achievementType'],
    mode: row.mode as Award['mode'],
    personId: row.person_id,
    personName: `${row.given_name} ${row.family_name}`,
    unitName: text(ctx, JSON.parse(row.unit_name)),
    status: row.status as Award['status'],
    credentialId: row.credential_id,
    credentialStatus: (row.credential_status ?? null) as Award['credentialStatus'],
    qualifiedAt: row.qualified_at,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by ?? null,
    reason: row.reason,
  };
}

/**
 * The approval queue (pending awards of people in the actor's recognition.approve scope), or
 * decided ones; a person reads their own awards (what awaits approval) without that permission.
 */
export async function listAwards(ctx: Ctx, query: AwardQuery): Promise<Award[]> {
  const own = query.personId !== undefined && query.personId === ctx.actor.personId;
  const roots = own ? ['/'] : requireScope(ctx, 'recognition.approve');
  const rows = await repo.listAwards(
    ctx.db,
    ctx.tenantId,
    { roots, status: query.status, ...(query.personId ? { personId: query.personId } : {}) },
    query.limit,
  );
  return rows.map((r) => toAward(ctx, r));
}

/** An award of someone in the actor's approval scope; anyone else's is "not found". */
async function requireDecidable(ctx: Ctx, id: string) {
  const [row] = await repo.listAwards(ctx.db, ctx.tenantId, { roots: requireScope(ctx, 'recognition.approve'), id }, 1);
  if (!row) throw notFound('recognition_award', id);
  if (row.person_id === ctx.actor.personId)
    throw new AppError('forbidden', 'Nobody can decide on their own recognition.', { id });
  return row;
}

async function decide(
  ctx: Ctx,
  id: string,
  status: 'issued' | 'rejected',
  reason: string | null,
  after: (tx: Ctx, row: ListedRow) => Promise<void>,
): Promise<Award> {
  return inTransaction(ctx, async (tx) => {
    const row = await requireDecidable(tx, id);
    const at = nowIso();
    // The guarded update is the lock: of two decisions at once, one finds the award decided.
    const decided = await repo.decide(tx.db, tx.tenantId, id, {
      status,
      decided_at: at,
      decided_by_account_id: tx.actor.accountId,
      reason,
    });
    if (!decided) throw new AppError('award_decided', 'This award was decided already.', { id, status: row.status });
    await after(tx, row);
    const [fresh] = await repo.listAwards(tx.db, tx.tenantId, { roots: ['/'], id }, 1);
    await recordAudit(
      tx.db,
      tx,
      status === 'issued' ? 'recognition_award.approve' : 'recognition_award.reject',
      { type: 'recognition_award', id },
      { status: row.status },
      { status, reason, credentialId: fresh!.credential_id },
    );
    return toAward(tx, fresh!);
  });
}

/**
 * An approver signs off: the credential is issued in the same transaction, if the person still
 * meets the rule (a level may have been corrected down since they qualified); else 409
 * award_no_longer_met and the award stays pending, for the approver to reject.
 */
export function approve(ctx: Ctx, id: string, comment?: string): Promise<Award> {
  return decide(ctx, id, 'issued', comment ?? null, async (tx, row) => {
    const rule = (await rules.getRule(tx.db, tx.tenantId, row.rule_id))!;
    if (!(await rules.meets(tx.db, tx.tenantId, rules.compiledOf(rule).condition, row.person_id)))
      throw new AppError('award_no_longer_met', 'The person no longer meets the rule; reject the award instead.', {
        id,
      });
    const award = (await repo.getAward(tx.db, tx.tenantId, id))!;
    await issueFor(tx, rule, award);
  });
}

/** An approver declines, saying why; the person is not awarded this rule again. */
export function reject(ctx: Ctx, id: string, reason: string): Promise<Award> {
  return decide(ctx, id, 'rejected', reason, async () => {});
}
