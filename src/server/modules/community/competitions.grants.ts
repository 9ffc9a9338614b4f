import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import * as repo from './competitions.repo.ts';
import type { ReportInput } from './competitions.schemas.ts';
import { getApplication, parse, requireApplication } from './competitions.service.ts';
import * as resources from './resources.service.ts';

/**
 * After the award: milestones with due days, progress reports and the final report (with evidence files
 * through the application's file upload). The final report completes the grant and puts the project in
 * the library as a case study, shared in the lead's district and submitted for national publication
 * (moderated there like any resource).
 */

function requireFunded(application: repo.ApplicationRow) {
  if (application.status !== 'awarded')
    throw new AppError(
      'application_not_awarded',
      application.status === 'completed' ? 'This grant is completed.' : 'Only an awarded grant is reported on.',
      { applicationId: application.id, status: application.status },
    );
}

/** A milestone of a funded project, by its lead or the call's managers. */
export async function addMilestone(ctx: Ctx, applicationId: string, input: { title: string; dueOn: string }) {
  const { application, call, manager } = await requireApplication(ctx, applicationId);
  if (!manager && application.lead_person_id !== ctx.actor.personId)
    throw new AppError('forbidden', 'The lead applicant or the call’s managers set milestones.', {
      permission: 'lead',
    });
  requireFunded(application);
  if (input.dueOn > call.reporting_due)
    throw new AppError('milestone_after_reporting', 'A milestone is due by the call’s reporting day.', {
      field: 'body.dueOn',
      reportingDue: call.reporting_due,
    });
  await inTransaction(ctx, async (tx) => {
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      application_id: applicationId,
      title: input.title,
      due_on: input.dueOn,
      created_by_account_id: tx.actor.accountId,
      created_at: nowIso(),
    };
    await repo.insertMilestone(tx.db, row);
    await recordAudit(
      tx.db,
      tx,
      'competition_milestone.create',
      { type: 'competition_milestone', id: row.id },
      null,
      row,
    );
  });
  return getApplication(ctx, applicationId);
}

/**
 * A progress report (optionally on a milestone) or the final report, by a team member. The final report
 * completes the grant and creates its showcase: a case study in the library, written in the same
 * transaction through the resources service, by the reporter with the rest of the team as co-authors.
 */
export async function addReport(ctx: Ctx, applicationId: string, input: ReportInput) {
  const { application, call, member } = await requireApplication(ctx, applicationId);
  if (!member) throw new AppError('forbidden', 'Only the team reports on its grant.', { permission: 'team' });
  requireFunded(application);
  if (input.milestoneId) {
    const milestones = await repo.milestonesOf(ctx.db, ctx.tenantId, [applicationId]);
    if (!milestones.some((m) => m.id === input.milestoneId)) throw notFound('competition_milestone', input.milestoneId);
  }
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id: newId(),
      application_id: applicationId,
      milestone_id: input.milestoneId ?? null,
      kind: input.kind,
      text: input.text,
      created_by_person_id: tx.actor.personId!,
      created_at: at,
    };
    await repo.insertReport(tx.db, row);
    await recordAudit(tx.db, tx, 'competition_report.create', { type: 'competition_report', id: row.id }, null, row);
    if (input.kind !== 'final') return;
    const team = await repo.teamOf(tx.db, tx.tenantId, [applicationId]);
    const theme = parse<Record<string, string>>(call.theme);
    const showcase = await resources.createResource(tx, {
      kind: 'case_study',
      designId: null,
      title: { [tx.locale]: application.title },
      description: { [tx.locale]: `${application.summary}\n\n${input.text}`.slice(0, 2000) },
      url: null,
      subject: '',
      grade: '',
      languages: [],
      licence: 'CC-BY-4.0',
      competencies: [],
      tags: ['pbl', ...(theme.en ? [theme.en.slice(0, 50)] : [])],
      authorPersonIds: team.map((m) => m.person_id).filter((p) => p !== tx.actor.personId),
    });
    await resources.shareResource(tx, showcase.id, 'district');
    await resources.submitResource(tx, showcase.id);
    const done = await repo.updateApplication(
      tx.db,
      tx.tenantId,
      applicationId,
      { status: 'completed', showcase_resource_id: showcase.id, updated_at: at },
      'awarded',
    );
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError('application_not_awarded', 'This grant is completed.', { applicationId, status: 'completed' });
    await recordAudit(
      tx.db,
      tx,
      'competition_application.complete',
      { type: 'competition_application', id: applicationId },
      { status: 'awarded' },
      { status: 'completed', showcaseResourceId: showcase.id },
    );
  });
  return getApplication(ctx, applicationId);
}
