import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { domainEvent } from '../../shared/events.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as repo from './assessment.repo.ts';
import { type Instrument, NOT_YET, type SelfAssessment } from './assessment.schemas.ts';
import { recordEvents } from './assessment.service.ts';
import {
  loadStandard,
  requireAssessable,
  requireCompetency,
  requireLevel,
  resolver,
  type Standard,
} from './assessment.standard.ts';

/**
 * A teacher submitted a self-assessment (monitoring counts teachers who self-assessed), recording
 * `events` events in the ledger in the same transaction.
 */
export const selfAssessmentSubmitted = domainEvent<{ personId: string; events: number }>();

/**
 * The self-assessment questionnaire of a published version: one question per competency, grouped
 * by aspect, with one behavioural statement per level (the rubric descriptor, else the level's
 * description) and "not yet"; the item's notes serve as the example, the levels as the glossary.
 */
export async function instrument(ctx: Ctx, frameworkId?: string): Promise<Instrument> {
  const standard = await loadStandard(ctx, frameworkId);
  // A superseded version's questions stay readable: a self-assessment begun on it finishes there.
  requireAssessable(standard, false);
  const text = resolver(ctx);
  const { framework } = standard;
  const aspects = new Map<string, Instrument['aspects'][number]>();
  for (const c of standard.competencies) {
    const aspect = standard.aspectOf.get(c.id);
    const key = aspect?.id ?? '';
    if (!aspects.has(key))
      aspects.set(key, {
        id: key,
        code: aspect?.code ?? '',
        title: text(aspect?.title ?? framework.title),
        questions: [],
      });
    aspects.get(key)!.questions.push({
      itemId: c.id,
      code: c.code,
      title: text(c.title),
      statement: text(c.statement),
      example: Object.keys(c.notes).length > 0 ? text(c.notes) : null,
      options: [
        ...framework.levels.map((l) => ({
          value: l.code,
          levelCode: l.code,
          descriptor: text(
            standard.rubric(c.id, l.code) ?? (Object.keys(l.description).length ? l.description : l.title),
          ),
        })),
        { value: NOT_YET, levelCode: null, descriptor: null },
      ],
    });
  }
  return {
    frameworkId: framework.id,
    title: text(framework.title),
    version: framework.version,
    levels: framework.levels.map((l) => ({ code: l.code, title: text(l.title), description: text(l.description) })),
    aspects: [...aspects.values()],
  };
}

function toSelfAssessment(row: repo.SelfAssessmentRow, standard: Standard): SelfAssessment {
  const answers = JSON.parse(row.answers) as Record<string, string>;
  return {
    id: row.id,
    personId: row.person_id,
    frameworkId: row.framework_id,
    status: row.status as SelfAssessment['status'],
    answers,
    answered: standard.competencies.filter((c) => answers[c.id] !== undefined).length,
    questions: standard.competencies.length,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    submittedAt: row.submitted_at,
  };
}

function requireTeacherActor(ctx: Ctx): string {
  if (!ctx.actor.personId) throw new AppError('forbidden', 'Only a person can assess themself.');
  return ctx.actor.personId;
}

/** The actor's latest self-assessment of a version (open or submitted), or null. */
export async function currentSelfAssessment(ctx: Ctx, frameworkId?: string): Promise<SelfAssessment | null> {
  const personId = requireTeacherActor(ctx);
  const standard = await loadStandard(ctx, frameworkId);
  const row = await repo.latestSelfAssessment(ctx.db, ctx.tenantId, personId, standard.framework.id);
  return row ? toSelfAssessment(row, standard) : null;
}

/** Resumes the open self-assessment of this version, or starts one. */
export async function startSelfAssessment(ctx: Ctx, frameworkId?: string): Promise<SelfAssessment> {
  const personId = requireTeacherActor(ctx);
  const standard = await loadStandard(ctx, frameworkId);
  requireAssessable(standard, true);
  return inTransaction(ctx, async (tx) => {
    const latest = await repo.latestSelfAssessment(tx.db, tx.tenantId, personId, standard.framework.id);
    if (latest?.status === 'in_progress') return toSelfAssessment(latest, standard);
    const at = nowIso();
    const row: repo.SelfAssessmentRow = {
      tenant_id: tx.tenantId,
      id: newId(),
      person_id: personId,
      framework_id: standard.framework.id,
      status: 'in_progress',
      answers: '{}',
      started_at: at,
      updated_at: at,
      submitted_at: null,
    };
    await repo.insertSelfAssessment(tx.db, row);
    return toSelfAssessment(row, standard);
  });
}

async function requireOwn(ctx: Ctx, id: string) {
  const row = await repo.getSelfAssessment(ctx.db, ctx.tenantId, id);
  if (!row || row.person_id !== ctx.actor.personId) throw notFound('self_assessment', id);
  return row;
}

function alreadySubmitted(id: string) {
  return new AppError('already_submitted', 'This self-assessment was submitted already; start a new one.', { id });
}

/** Saves some answers (merged into those saved before), so a teacher can stop and resume. */
export async function saveAnswers(ctx: Ctx, id: string, answers: Record<string, string>): Promise<SelfAssessment> {
  return inTransaction(ctx, async (tx) => {
    const row = await requireOwn(tx, id);
    if (row.status !== 'in_progress') throw alreadySubmitted(id);
    const standard = await loadStandard(tx, row.framework_id);
    for (const [itemId, level] of Object.entries(answers)) {
      requireCompetency(standard, itemId, `body.answers.${itemId}`);
      requireLevel(standard, level, `body.answers.${itemId}`);
    }
    const merged = { ...JSON.parse(row.answers), ...answers };
    const patch = { answers: JSON.stringify(merged), updated_at: nowIso() };
    if ((await repo.updateOpenSelfAssessment(tx.db, tx.tenantId, id, patch)) === 0) throw alreadySubmitted(id);
    return toSelfAssessment({ ...row, ...patch }, standard);
  });
}

/** Submits a complete self-assessment: one `self` event per competency goes into the ledger. */
export async function submitSelfAssessment(ctx: Ctx, id: string): Promise<SelfAssessment> {
  return inTransaction(ctx, async (tx) => {
    const row = await requireOwn(tx, id);
    if (row.status !== 'in_progress') throw alreadySubmitted(id);
    const standard = await loadStandard(tx, row.framework_id);
    // One started before a newer version was published finishes on its own version; what it records
    // is then carried into the current version like every other status (recordEvents does).
    const superseded = standard.framework.status === 'superseded';
    if (!superseded) requireAssessable(standard, true);
    const answers = JSON.parse(row.answers) as Record<string, string>;
    const missing = standard.competencies.filter((c) => answers[c.id] === undefined);
    if (missing.length > 0)
      throw new AppError('self_assessment_incomplete', `${missing.length} competencies are not answered yet.`, {
        missing: missing.map((c) => ({ itemId: c.id, code: c.code })),
      });
    const at = nowIso();
    // The guarded update is the lock: of two concurrent submits, only one finds the row open.
    if ((await repo.updateOpenSelfAssessment(tx.db, tx.tenantId, id, { status: 'submitted', submitted_at: at })) === 0)
      throw alreadySubmitted(id);
    const recorded = await recordEvents(
      tx,
      standard.competencies.map((c) => ({
        personId: row.person_id,
        frameworkId: row.framework_id,
        itemId: c.id,
        levelCode: answers[c.id] === NOT_YET ? null : answers[c.id]!,
        kind: 'self' as const,
        sourceType: 'self_assessment',
        sourceId: id,
      })),
    );
    await recordAudit(tx.db, tx, 'self_assessment.submit', { type: 'self_assessment', id }, null, { answers });
    await selfAssessmentSubmitted.emit(tx, { personId: row.person_id, events: recorded.length });
    return toSelfAssessment({ ...row, status: 'submitted', submitted_at: at, updated_at: at }, standard);
  });
}
