import { hasPermissionAnywhere, hasPermissionAt, requirePermissionAt, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { NOT_YET } from '../assessment/assessment.schemas.ts';
import { loadStandard, requireAssessable, type Standard } from '../assessment/assessment.standard.ts';
import { MINIMUM_GROUP } from '../assessment/reports.service.ts';
import * as org from '../org/org.service.ts';
import * as training from '../training/catalogue.service.ts';
import { trackEdits } from '../translations/translations.tracking.ts';
import * as awards from './awards.service.ts';
import * as repo from './rules.repo.ts';
import { type Condition, MAX_CONDITIONS, MAX_DEPTH, type Preview, type Rule, type RuleInput } from './rules.schemas.ts';
import { ruleTexts } from './rules.translatable.ts';

const PREVIEW_PAGE = 20;

// ---------------------------------------------------------------- checking a condition

function leavesOf(condition: Condition): number {
  return condition.type === 'all' || condition.type === 'any'
    ? condition.conditions.reduce((n, c) => n + leavesOf(c), 0)
    : 1;
}

function depthOf(condition: Condition): number {
  return condition.type === 'all' || condition.type === 'any' ? 1 + Math.max(...condition.conditions.map(depthOf)) : 0;
}

/** Whether any condition of the tree is of one of these types. */
function names(condition: Condition, types: Condition['type'][]): boolean {
  if (condition.type === 'all' || condition.type === 'any') return condition.conditions.some((c) => names(c, types));
  return types.includes(condition.type);
}

/**
 * Looks up everything a condition names, refusing the first unknown competency, aspect, level,
 * module or programme with the field path it sits at (`body.condition.conditions.1.levelCode`).
 */
async function compile(
  ctx: Ctx,
  frameworkId: string | undefined,
  condition: Condition,
  field = 'body.condition',
): Promise<{ frameworkId: string | null; compiled: repo.Compiled; refs: { type: repo.RefType; id: string }[] }> {
  if (depthOf(condition) > MAX_DEPTH)
    throw new AppError('condition_too_deep', `Groups may nest ${MAX_DEPTH} deep at most.`, { field });
  if (leavesOf(condition) > MAX_CONDITIONS)
    throw new AppError('condition_too_large', `A rule may hold ${MAX_CONDITIONS} conditions at most.`, { field });
  let standard: Standard | null = null;
  if (frameworkId || names(condition, ['competency', 'aspect'])) {
    standard = await loadStandard(ctx, frameworkId);
    requireAssessable(standard, true);
  }
  const [modules, programmes] = names(condition, ['module', 'programme'])
    ? await Promise.all([training.listModules(ctx), training.listProgrammes(ctx)])
    : [[], []];
  const refs: { type: repo.RefType; id: string }[] = [];
  const alignments = new Map<string, { frameworkId: string; itemId: string }>();
  const resultItemIds = new Set<string>();

  const levelsFrom = (levelCode: string, at: string): string[] => {
    const levels = standard!.framework.levels.map((l) => l.code);
    const from = levels.indexOf(levelCode);
    if (from < 0 || levelCode === NOT_YET)
      throw new AppError('unknown_level', `No level ${levelCode} in this version of the standard.`, {
        field: at,
        levelCode,
        levels,
      });
    return levels.slice(from);
  };

  const walk = (c: Condition, at: string): repo.Resolved => {
    switch (c.type) {
      case 'all':
      case 'any':
        return { kind: c.type, parts: c.conditions.map((part, i) => walk(part, `${at}.conditions.${i}`)) };
      case 'competency': {
        const item = standard!.competencies.find((i) => i.id === c.itemId);
        if (!item)
          throw new AppError('unknown_competency', `No competency ${c.itemId} in this version of the standard.`, {
            field: `${at}.itemId`,
            itemId: c.itemId,
          });
        const levels = levelsFrom(c.levelCode, `${at}.levelCode`);
        refs.push({ type: 'item', id: item.id });
        alignments.set(item.id, { frameworkId: standard!.framework.id, itemId: item.id });
        resultItemIds.add(item.id);
        return { kind: 'confirmed', itemIds: [item.id], levels };
      }
      case 'aspect': {
        const aspect = standard!.framework.items.find((i) => i.id === c.itemId && i.type === 'aspect');
        if (!aspect)
          throw new AppError('unknown_aspect', `No aspect ${c.itemId} in this version of the standard.`, {
            field: `${at}.itemId`,
            itemId: c.itemId,
          });
        const levels = levelsFrom(c.levelCode, `${at}.levelCode`);
        const itemIds = standard!.competencies
          .filter((i) => standard!.aspectOf.get(i.id)?.id === aspect.id)
          .map((i) => i.id);
        for (const id of itemIds) {
          refs.push({ type: 'item', id });
          resultItemIds.add(id);
        }
        alignments.set(aspect.id, { frameworkId: standard!.framework.id, itemId: aspect.id });
        return { kind: 'confirmed', itemIds, levels };
      }
      case 'module': {
        if (!modules.some((m) => m.id === c.moduleId))
          throw new AppError('unknown_module', `No training module ${c.moduleId}.`, {
            field: `${at}.moduleId`,
            moduleId: c.moduleId,
          });
        refs.push({ type: 'module', id: c.moduleId });
        return { kind: 'module', moduleId: c.moduleId };
      }
      case 'programme': {
        const programme = programmes.find((p) => p.id === c.programmeId);
        if (!programme)
          throw new AppError('unknown_programme', `No programme ${c.programmeId}.`, {
            field: `${at}.programmeId`,
            programmeId: c.programmeId,
          });
        const moduleIds = programme.modules.map((m) => m.id);
        // Completing the last of its modules completes a programme, so each module is a reference too.
        refs.push({ type: 'programme', id: programme.id }, ...moduleIds.map((id) => ({ type: 'module' as const, id })));
        return { kind: 'programme', programmeId: programme.id, moduleIds };
      }
    }
  };

  const resolved = walk(condition, field);
  return {
    frameworkId: standard?.framework.id ?? null,
    compiled: { condition: resolved, alignments: [...alignments.values()], resultItemIds: [...resultItemIds] },
    refs,
  };
}

// ---------------------------------------------------------------- reading

function text(ctx: Ctx, value: LocalizedText) {
  return resolveText(value, ctx.locale, ctx.defaultLocale);
}

async function toRules(ctx: Ctx, rows: repo.RuleRow[]): Promise<Rule[]> {
  const counts = await awards.countsByRule(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const name = JSON.parse(row.name) as LocalizedText;
    const description = JSON.parse(row.description) as LocalizedText;
    const criteria = JSON.parse(row.criteria) as LocalizedText;
    return {
      id: row.id,
      name,
      description,
      criteria,
      displayName: text(ctx, name),
      displayDescription: text(ctx, description),
      displayCriteria: text(ctx, criteria),
      achievementType: row.achievement_type as Rule['achievementType'],
      frameworkId: row.framework_id,
      condition: JSON.parse(row.condition) as Condition,
      mode: row.mode as Rule['mode'],
      status: row.status as Rule['status'],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      activatedAt: row.activated_at,
      awards: counts.get(row.id) ?? { pending: 0, issued: 0, rejected: 0 },
    };
  });
}

/** Rules are national, like the standard they read: written with recognition.manage at the top unit. */
async function requireManager(ctx: Ctx) {
  requirePermissionAt(ctx, 'recognition.manage', await org.topUnitPath(ctx));
}

async function isManager(ctx: Ctx) {
  return hasPermissionAt(ctx, 'recognition.manage', await org.topUnitPath(ctx));
}

/**
 * A new version of a standard was published: rules naming items of the version it superseded also
 * name the items that keep their CASE identifiers, so ratings on the current version reach them.
 * Called in the publish transaction, before statuses are carried.
 */
export async function followNewVersion(
  ctx: Ctx,
  fromFrameworkId: string,
  toFrameworkId: string,
  pairs: { fromItemId: string; toItemId: string }[],
) {
  const successor = new Map(pairs.map((p) => [p.fromItemId, p.toItemId]));
  const rows = await repo.rulesNamingItems(ctx.db, ctx.tenantId, [...successor.keys()]);
  // Ids are UUIDs, so replacing them in the stored JSON touches nothing else: the condition, its
  // resolved form (evaluated by CASE identifier across versions, so evidence on either counts) and
  // the credential's alignments all name the current version's items from now on.
  const follow = (text: string) => text.replace(/[0-9a-f-]{36}/g, (id) => successor.get(id) ?? id);
  for (const row of rows) {
    const values = {
      condition: follow(row.condition),
      resolved: follow(row.resolved.replaceAll(`"${fromFrameworkId}"`, `"${toFrameworkId}"`)),
      framework_id: row.framework_id === fromFrameworkId ? toFrameworkId : row.framework_id,
      updated_at: nowIso(),
    };
    await repo.updateRule(ctx.db, ctx.tenantId, row.id, values);
    const named = (JSON.stringify(JSON.parse(row.resolved)).match(/[0-9a-f-]{36}/g) ?? []).filter((id) =>
      successor.has(id),
    );
    await repo.addRefs(
      ctx.db,
      ctx.tenantId,
      row.id,
      named.map((id) => ({ type: 'item' as const, id: successor.get(id)! })),
    );
    await recordAudit(
      ctx.db,
      ctx,
      'recognition_rule.follow_version',
      { type: 'recognition_rule', id: row.id },
      { frameworkId: row.framework_id },
      { frameworkId: values.framework_id },
    );
  }
}

/** Everyone signed in reads active rules (what can be earned); managers also read drafts and retired ones. */
export async function listRules(ctx: Ctx, status?: Rule['status']): Promise<Rule[]> {
  const manager = await isManager(ctx);
  const statuses = status ? [status] : manager ? ['draft', 'active', 'retired'] : ['active'];
  if (!manager && statuses.some((s) => s !== 'active'))
    throw new AppError('forbidden', 'Only recognition managers read draft and retired rules.', {
      permission: 'recognition.manage',
    });
  return toRules(ctx, await repo.listRules(ctx.db, ctx.tenantId, statuses));
}

async function requireRule(ctx: Ctx, id: string): Promise<repo.RuleRow> {
  const row = await repo.getRule(ctx.db, ctx.tenantId, id);
  if (!row || (row.status !== 'active' && !(await isManager(ctx)))) throw notFound('recognition_rule', id);
  return row;
}

export async function getRule(ctx: Ctx, id: string): Promise<Rule> {
  return (await toRules(ctx, [await requireRule(ctx, id)]))[0]!;
}

// ---------------------------------------------------------------- writing

function ruleValues(input: RuleInput, frameworkId: string | null, compiled: repo.Compiled) {
  return {
    name: JSON.stringify(input.name),
    description: JSON.stringify(input.description),
    criteria: JSON.stringify(input.criteria),
    achievement_type: input.achievementType,
    framework_id: frameworkId,
    condition: JSON.stringify(input.condition),
    resolved: JSON.stringify(compiled),
    mode: input.mode,
  };
}

/** A new rule, as a draft: it awards nothing until it is activated. */
export async function createRule(ctx: Ctx, input: RuleInput): Promise<Rule> {
  await requireManager(ctx);
  const { frameworkId, compiled, refs } = await compile(ctx, input.frameworkId, input.condition);
  return inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const row: repo.RuleRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      ...ruleValues(input, frameworkId, compiled),
      status: 'draft',
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
      activated_at: null,
    };
    await repo.insertRule(tx.db, row);
    await repo.replaceRefs(tx.db, tx.tenantId, row.id, refs);
    await recordAudit(tx.db, tx, 'recognition_rule.create', { type: 'recognition_rule', id: row.id }, null, input);
    return (await toRules(tx, [row]))[0]!;
  });
}

/** Only drafts change: awards already made were made under the rule as it stood. */
export async function updateRule(ctx: Ctx, id: string, input: RuleInput): Promise<Rule> {
  await requireManager(ctx);
  const { frameworkId, compiled, refs } = await compile(ctx, input.frameworkId, input.condition);
  return inTransaction(ctx, async (tx) => {
    const before = await requireRule(tx, id);
    const values = { ...ruleValues(input, frameworkId, compiled), updated_at: nowIso() };
    if (!(await trackEdits(tx, ruleTexts, id, () => repo.moveRule(tx.db, tx.tenantId, id, 'draft', values))))
      throw new AppError('rule_not_draft', 'Only a draft rule can be edited; retire it and write a new one.', {
        id,
        status: before.status,
      });
    await repo.replaceRefs(tx.db, tx.tenantId, id, refs);
    await recordAudit(tx.db, tx, 'recognition_rule.update', { type: 'recognition_rule', id }, before, input);
    return getRule(tx, id);
  });
}

/**
 * draft > active > retired (a draft may be retired unused). Activating awards everyone who
 * qualifies at that moment, in the same transaction; from then on changes to the ledger and to
 * training are evaluated as they happen.
 */
export async function setStatus(ctx: Ctx, id: string, status: 'active' | 'retired'): Promise<Rule> {
  await requireManager(ctx);
  return inTransaction(ctx, async (tx) => {
    const before = await requireRule(tx, id);
    const at = nowIso();
    const from = status === 'active' ? ['draft'] : ['draft', 'active'];
    const moved =
      from.includes(before.status) &&
      (await repo.moveRule(tx.db, tx.tenantId, id, before.status, {
        status,
        updated_at: at,
        ...(status === 'active' ? { activated_at: at } : {}),
      }));
    if (!moved)
      throw new AppError('invalid_transition', `A ${before.status} rule cannot become ${status}.`, {
        from: before.status,
        to: status,
      });
    let awarded = 0;
    if (status === 'active') {
      const row = (await repo.getRule(tx.db, tx.tenantId, id))!;
      awarded = (await awards.awardQualifying(tx, row, null)).length;
    }
    await recordAudit(
      tx.db,
      tx,
      `recognition_rule.${status === 'active' ? 'activate' : 'retire'}`,
      { type: 'recognition_rule', id },
      { status: before.status },
      { status, awarded },
    );
    return getRule(tx, id);
  });
}

// ---------------------------------------------------------------- preview

/** The unit a preview counts under: within the actor's recognition scope, else "not found". */
async function requirePreviewUnit(ctx: Ctx, unitId: string) {
  if (!hasPermissionAnywhere(ctx, 'recognition.manage') && !hasPermissionAnywhere(ctx, 'recognition.approve'))
    throw new AppError('forbidden', 'Previewing rules needs recognition.manage or recognition.approve.', {
      permission: 'recognition.approve',
    });
  const manager = await isManager(ctx);
  return org.requireUnit(ctx, unitId, manager ? 'recognition.manage' : 'recognition.approve');
}

/**
 * Qualifying for a rule says who stands at what confirmed level: names go only to readers who may
 * see those people's ratings (assessment.read), and a reader who may not see them all gets counts
 * of fewer than MINIMUM_GROUP suppressed, as reports do.
 */
async function preview(
  ctx: Ctx,
  unit: { id: string; path: string },
  compiled: repo.Compiled,
  ruleId: string | null,
): Promise<Preview> {
  const nameRoots = scopePaths(ctx, 'assessment.read')
    .filter((root) => root.startsWith(unit.path) || unit.path.startsWith(root))
    .map((root) => (root.startsWith(unit.path) ? root : unit.path));
  const found = await repo.preview(
    ctx.db,
    ctx.tenantId,
    unit.path,
    compiled.condition,
    ruleId,
    PREVIEW_PAGE,
    nameRoots,
  );
  const seesAll = hasPermissionAt(ctx, 'assessment.read', unit.path);
  const hidden = (n: number) => !seesAll && n > 0 && n < MINIMUM_GROUP;
  const suppressed = hidden(found.qualifying) || hidden(found.awarded);
  return {
    unitId: unit.id,
    qualifying: hidden(found.qualifying) ? null : found.qualifying,
    awarded: suppressed ? null : found.awarded,
    suppressed,
    people: found.people.map((p) => ({
      personId: p.id,
      name: `${p.given_name} ${p.family_name}`,
      unitName: text(ctx, JSON.parse(p.unit_name) as LocalizedText),
      awardStatus: (p.award_status ?? null) as Preview['people'][number]['awardStatus'],
    })),
  };
}

/** "Who would qualify today" for a condition being written. */
export async function previewDraft(
  ctx: Ctx,
  input: { unitId: string; frameworkId?: string | undefined; condition: Condition },
): Promise<Preview> {
  const unit = await requirePreviewUnit(ctx, input.unitId);
  const { compiled } = await compile(ctx, input.frameworkId, input.condition);
  return preview(ctx, unit, compiled, null);
}

/** "Who would qualify today" for a saved rule, with who already holds its award. */
export async function previewRule(ctx: Ctx, id: string, unitId: string): Promise<Preview> {
  const row = await requireRule(ctx, id);
  return preview(ctx, await requirePreviewUnit(ctx, unitId), repo.compiledOf(row), row.id);
}
