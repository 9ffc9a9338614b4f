import { hasPermissionAt, scopePaths } from '../../shared/access.ts';
import { recordAudit } from '../../shared/audit.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import type { FileStore } from '../../shared/storage.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { EVIDENCE_MAX_BYTES, sniffContentType } from '../assessment/evidence.service.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './competitions.repo.ts';
import type {
  Application,
  ApplicationInput,
  ApplicationStatus,
  CompetitionDetail,
  CompetitionInput,
  CompetitionSummary,
} from './competitions.schemas.ts';
import * as resources from './resources.service.ts';

/**
 * PBL grant competitions (issue 17 part 5): calls, applications by teams of teachers and their files.
 * Reviewing, ranking and decisions are in competitions.reviews.ts; milestones and reports in
 * competitions.grants.ts.
 */
export const MANAGE = 'community.competitions.manage' as const;
export const COMPETITION_MAX_BYTES = EVIDENCE_MAX_BYTES;

export const manages = (ctx: Ctx, path: string) => hasPermissionAt(ctx, MANAGE, path);

export interface Criterion {
  key: string;
  title: LocalizedText;
  weight: number;
  maxScore: number;
}

export const parse = <T>(json: string): T => JSON.parse(json) as T;
export const text = (ctx: Ctx, value: string | LocalizedText) =>
  resolveText(typeof value === 'string' ? parse<LocalizedText>(value) : value, ctx.locale, ctx.defaultLocale);
const utc = (moment: string) => new Date(moment).toISOString();

/** The actor's own unit's path and those above it: the calls open to them. */
async function ownPaths(ctx: Ctx): Promise<string[]> {
  if (!ctx.actor.personId) return [];
  const [me] = await people.placementsOf(ctx, [ctx.actor.personId]);
  return me ? [...org.ancestorPathsOf(me.org_path), me.org_path] : [];
}

export interface CallAccess {
  call: repo.CompetitionRow;
  manager: boolean;
  reviewer: boolean;
}

/** A call the actor may see: its managers, people under its unit, and its reviewers; otherwise "not found". */
export async function requireCompetition(ctx: Ctx, competitionId: string): Promise<CallAccess> {
  const call = await repo.getCompetition(ctx.db, ctx.tenantId, competitionId);
  if (!call) throw notFound('competition', competitionId);
  const manager = manages(ctx, call.unit_path);
  const reviewer = ctx.actor.personId
    ? await repo.inPool(ctx.db, ctx.tenantId, competitionId, ctx.actor.personId)
    : false;
  if (manager || reviewer || (await ownPaths(ctx)).includes(call.unit_path)) return { call, manager, reviewer };
  throw notFound('competition', competitionId);
}

export async function requireManaged(ctx: Ctx, competitionId: string): Promise<repo.CompetitionRow> {
  const { call, manager } = await requireCompetition(ctx, competitionId);
  if (!manager)
    throw new AppError('forbidden', 'Only those who manage competitions at its unit change a call.', {
      permission: MANAGE,
    });
  return call;
}

export interface ApplicationAccess {
  application: repo.ApplicationRow;
  call: repo.CompetitionRow;
  manager: boolean;
  member: boolean;
}

/**
 * An application as its team or the call's managers see it (managers once it is submitted). A reviewer
 * reads it only blind, through competitions.reviews.ts; here they get "not found" like anyone else.
 */
export async function requireApplication(ctx: Ctx, applicationId: string): Promise<ApplicationAccess> {
  const application = await repo.getApplication(ctx.db, ctx.tenantId, applicationId);
  if (!application) throw notFound('application', applicationId);
  const call = (await repo.getCompetition(ctx.db, ctx.tenantId, application.competition_id))!;
  const team = await repo.teamOf(ctx.db, ctx.tenantId, [applicationId]);
  const member = ctx.actor.personId !== null && team.some((m) => m.person_id === ctx.actor.personId);
  const manager = manages(ctx, call.unit_path) && application.status !== 'draft';
  if (!member && !manager) throw notFound('application', applicationId);
  return { application, call, manager, member };
}

function checkTimeline(input: CompetitionInput) {
  const opens = Date.parse(input.opensAt);
  const closes = Date.parse(input.closesAt);
  const closesDay = new Date(closes).toISOString().slice(0, 10);
  const order = [
    ['body.closesAt', opens < closes],
    ['body.reviewBy', closesDay <= input.reviewBy],
    ['body.decisionOn', input.reviewBy <= input.decisionOn],
    ['body.reportingDue', input.decisionOn < input.reportingDue],
  ] as const;
  const wrong = order.find(([, ok]) => !ok);
  if (wrong)
    throw new AppError(
      'competition_dates_invalid',
      'A call opens, closes, is reviewed, decided and reported on in that order.',
      { field: wrong[0] },
    );
}

export async function createCompetition(ctx: Ctx, input: CompetitionInput): Promise<CompetitionDetail> {
  const unit = await org.requireUnit(ctx, input.unitId);
  if (!manages(ctx, unit.path))
    throw new AppError('forbidden', 'Only those who manage competitions at a unit open a call there.', {
      permission: MANAGE,
    });
  checkTimeline(input);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id,
      title: JSON.stringify(input.title),
      theme: JSON.stringify(input.theme),
      description: JSON.stringify(input.description ?? {}),
      unit_id: unit.id,
      unit_path: unit.path,
      eligible_roles: JSON.stringify([...new Set(input.eligibleRoles)]),
      currency: input.currency,
      budget_total: input.budgetTotal,
      max_per_grant: input.maxPerGrant,
      opens_at: utc(input.opensAt),
      closes_at: utc(input.closesAt),
      review_by: input.reviewBy,
      decision_on: input.decisionOn,
      reporting_due: input.reportingDue,
      rubric: JSON.stringify(input.rubric),
      reviewers_per_application: input.reviewersPerApplication,
      created_by_account_id: tx.actor.accountId,
      created_at: at,
      updated_at: at,
    };
    await repo.insertCompetition(tx.db, row);
    await recordAudit(tx.db, tx, 'competition.create', { type: 'competition', id }, null, row);
  });
  return getCompetition(ctx, id);
}

const isOpen = (call: repo.CompetitionRow, at = Date.now()) =>
  Date.parse(call.opens_at) <= at && at < Date.parse(call.closes_at);

function toSummary(ctx: Ctx, call: repo.CompetitionRow, manager: boolean, reviewer: boolean): CompetitionSummary {
  return {
    id: call.id,
    title: text(ctx, call.title),
    theme: text(ctx, call.theme),
    unit: { id: call.unit_id },
    currency: call.currency,
    budgetTotal: call.budget_total,
    maxPerGrant: call.max_per_grant,
    opensAt: call.opens_at,
    closesAt: call.closes_at,
    open: isOpen(call),
    canManage: manager,
    reviewing: reviewer,
  };
}

export async function listCompetitions(ctx: Ctx) {
  const rows = await repo.visibleCompetitions(ctx.db, ctx.tenantId, {
    managed: scopePaths(ctx, MANAGE),
    ancestors: await ownPaths(ctx),
    personId: ctx.actor.personId,
  });
  const items = [];
  for (const row of rows) {
    const reviewer = ctx.actor.personId ? await repo.inPool(ctx.db, ctx.tenantId, row.id, ctx.actor.personId) : false;
    items.push(toSummary(ctx, row, manages(ctx, row.unit_path), reviewer));
  }
  return { items };
}

export async function getCompetition(ctx: Ctx, competitionId: string): Promise<CompetitionDetail> {
  const { call, manager, reviewer } = await requireCompetition(ctx, competitionId);
  const rows = manager
    ? await repo.applicationsOf(ctx.db, ctx.tenantId, call.id, ['submitted', 'awarded', 'declined', 'completed'])
    : [];
  const mine = ctx.actor.personId
    ? await repo.applicationsWithMember(ctx.db, ctx.tenantId, call.id, ctx.actor.personId)
    : [];
  const all = [...new Map([...rows, ...mine].map((a) => [a.id, a])).values()];
  const applications = await presentApplications(ctx, all, manager);
  const pool = manager ? await repo.reviewerPool(ctx.db, ctx.tenantId, call.id) : [];
  const assignments = manager ? await repo.assignmentsOf(ctx.db, ctx.tenantId, call.id) : [];
  const awarded = await repo.awardedTotal(ctx.db, ctx.tenantId, call.id);
  const description = parse<LocalizedText>(call.description);
  return {
    ...toSummary(ctx, call, manager, reviewer),
    description: Object.keys(description).length ? text(ctx, description) : null,
    source: { title: parse(call.title), theme: parse(call.theme) },
    eligibleRoles: parse(call.eligible_roles),
    reviewBy: call.review_by,
    decisionOn: call.decision_on,
    reportingDue: call.reporting_due,
    rubric: rubricOf(ctx, call),
    reviewersPerApplication: call.reviewers_per_application,
    awardedTotal: awarded,
    remainingBudget: call.budget_total - awarded,
    applications,
    reviewers: pool.map((r) => ({
      personId: r.person_id,
      name: `${r.given_name} ${r.family_name}`,
      unitName: text(ctx, r.unit_name).text,
      assigned: assignments.filter((s) => s.reviewer_person_id === r.person_id).length,
    })),
  };
}

export const rubricOf = (ctx: Ctx, call: repo.CompetitionRow) =>
  parse<Criterion[]>(call.rubric).map((c) => ({
    key: c.key,
    title: text(ctx, c.title),
    weight: c.weight,
    maxScore: c.maxScore,
  }));

export const presentFile = (f: repo.FileRow) => ({
  id: f.id,
  reportId: f.report_id,
  fileName: f.file_name,
  contentType: f.content_type,
  sizeBytes: f.size_bytes,
});

/** Applications with their team, files, reviewers (for managers), milestones and reports. */
export async function presentApplications(
  ctx: Ctx,
  rows: repo.ApplicationRow[],
  manager: boolean,
): Promise<Application[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((a) => a.id);
  const [team, files, milestones, reports] = await Promise.all([
    repo.teamOf(ctx.db, ctx.tenantId, ids),
    repo.filesOf(ctx.db, ctx.tenantId, ids),
    repo.milestonesOf(ctx.db, ctx.tenantId, ids),
    repo.reportsOf(ctx.db, ctx.tenantId, ids),
  ]);
  const assignments = manager ? await repo.assignmentsOf(ctx.db, ctx.tenantId, rows[0]!.competition_id) : [];
  return rows.map((a) => ({
    id: a.id,
    competitionId: a.competition_id,
    title: a.title,
    summary: a.summary,
    plan: a.plan,
    budgetRequested: a.budget_requested,
    resourceIds: parse(a.resource_ids),
    status: a.status as ApplicationStatus,
    submittedAt: a.submitted_at,
    awardedAmount: a.awarded_amount,
    decisionNote: a.decision_note,
    decidedAt: a.decided_at,
    showcaseResourceId: a.showcase_resource_id,
    team: team
      .filter((m) => m.application_id === a.id)
      .map((m) => ({
        personId: m.person_id,
        name: `${m.given_name} ${m.family_name}`,
        unitName: text(ctx, m.unit_name).text,
        lead: m.is_lead === 1,
      })),
    files: files.filter((f) => f.application_id === a.id).map(presentFile),
    reviewers: assignments
      .filter((s) => s.application_id === a.id)
      .map((s) => ({
        personId: s.reviewer_person_id,
        name: `${s.given_name} ${s.family_name}`,
        automatic: s.automatic === 1,
      })),
    milestones: milestones
      .filter((m) => m.application_id === a.id)
      .map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on })),
    reports: reports
      .filter((r) => r.application_id === a.id)
      .map((r) => ({
        id: r.id,
        kind: r.kind as 'progress' | 'final',
        milestoneId: r.milestone_id,
        text: r.text,
        createdAt: r.created_at,
      })),
  }));
}

export async function getApplication(ctx: Ctx, applicationId: string): Promise<Application> {
  const { application, manager } = await requireApplication(ctx, applicationId);
  return (await presentApplications(ctx, [application], manager))[0]!;
}

/**
 * People who may join a team for the call (its categories under its unit), found by the start of their
 * family name: what a teacher needs to name colleagues from other schools, for anyone who sees the call.
 */
export async function findCandidates(ctx: Ctx, competitionId: string, q: string) {
  const { call } = await requireCompetition(ctx, competitionId);
  const rows = await repo.eligiblePeople(ctx.db, ctx.tenantId, {
    under: call.unit_path,
    categories: parse<string[]>(call.eligible_roles),
    prefix: q.trim().toLowerCase(),
  });
  return {
    items: rows.map((p) => ({
      personId: p.id,
      name: `${p.given_name} ${p.family_name}`,
      unitName: text(ctx, p.unit_name).text,
    })),
  };
}

/** Sets who may be asked to review the call: people of the tenant the manager can see. */
export async function setReviewers(ctx: Ctx, competitionId: string, personIds: string[]): Promise<CompetitionDetail> {
  const call = await requireManaged(ctx, competitionId);
  const ids = [...new Set(personIds)];
  await people.requireVisiblePeople(ctx, ids, 'body.personIds');
  await inTransaction(ctx, async (tx) => {
    const before = (await repo.reviewerPool(tx.db, tx.tenantId, call.id)).map((r) => r.person_id);
    await repo.replaceReviewerPool(tx.db, tx.tenantId, call.id, ids, nowIso());
    await recordAudit(tx.db, tx, 'competition.reviewers', { type: 'competition', id: call.id }, before, ids);
  });
  return getCompetition(ctx, competitionId);
}

/**
 * Checks that every team member may apply to the call: a person of the tenant, of an eligible category,
 * placed under the call's unit, and on no other application of the call. Returns their placements.
 */
async function checkTeam(ctx: Ctx, call: repo.CompetitionRow, personIds: string[], applicationId: string | null) {
  const placed = await people.placementsOf(ctx, personIds);
  const roles = parse<string[]>(call.eligible_roles);
  for (const [i, id] of personIds.entries()) {
    const field = i === 0 ? 'actor' : `body.memberPersonIds.${i - 1}`;
    const p = placed.find((x) => x.id === id);
    if (!p)
      throw new AppError('unknown_person', 'A team member is not a person of this tenant.', { field, personId: id });
    if (!roles.includes(p.category))
      throw new AppError('applicant_role_ineligible', 'This call is not open to people of this role.', {
        field,
        personId: id,
        category: p.category,
        eligible: roles,
      });
    if (!p.org_path.startsWith(call.unit_path))
      throw new AppError('applicant_unit_ineligible', 'This call is open to people placed under its unit only.', {
        field,
        personId: id,
      });
  }
  const taken = await repo.takenMembers(ctx.db, ctx.tenantId, call.id, personIds, applicationId);
  if (taken.length)
    throw new AppError('applicant_on_other_team', 'A teacher is on one application per call.', {
      field: 'body.memberPersonIds',
      ids: taken.map((t) => t.person_id),
    });
  return personIds.map((id) => placed.find((x) => x.id === id)!);
}

function checkBudget(call: repo.CompetitionRow, requested: number) {
  if (requested > call.max_per_grant)
    throw new AppError('budget_above_max', 'The budget requested is above the call’s largest grant.', {
      field: 'body.budgetRequested',
      max: call.max_per_grant,
    });
}

function requireOpen(call: repo.CompetitionRow) {
  if (!isOpen(call))
    throw new AppError('competition_not_open', 'Applications are made between the call’s opening and closing.', {
      opensAt: call.opens_at,
      closesAt: call.closes_at,
    });
}

async function checkResources(ctx: Ctx, ids: string[]) {
  for (const [i, id] of ids.entries()) {
    try {
      await resources.getResource(ctx, id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'resource_not_found')
        throw new AppError('unknown_resource', 'Attach library resources you can read.', {
          field: `body.resourceIds.${i}`,
          resourceId: id,
        });
      throw error;
    }
  }
}

async function writeTeam(tx: Ctx, call: repo.CompetitionRow, applicationId: string, placed: people.Placement[]) {
  const at = nowIso();
  await repo.replaceTeam(
    tx.db,
    tx.tenantId,
    applicationId,
    placed.map((p, i) => ({
      tenant_id: tx.tenantId,
      application_id: applicationId,
      competition_id: call.id,
      person_id: p.id,
      is_lead: i === 0 ? 1 : 0,
      unit_id: p.org_unit_id,
      unit_path: p.org_path,
      created_at: at,
    })),
  );
}

const applicationValues = (input: ApplicationInput) => ({
  title: input.title,
  summary: input.summary,
  plan: input.plan,
  budget_requested: input.budgetRequested,
  resource_ids: JSON.stringify([...new Set(input.resourceIds)]),
});

/** A draft application led by the actor, with their team; each member must be eligible. */
export async function createApplication(
  ctx: Ctx,
  competitionId: string,
  input: ApplicationInput,
): Promise<Application> {
  const { call } = await requireCompetition(ctx, competitionId);
  const lead = ctx.actor.personId;
  if (!lead) throw new AppError('forbidden', 'Only a person applies.', { permission: 'person' });
  requireOpen(call);
  checkBudget(call, input.budgetRequested);
  await checkResources(ctx, input.resourceIds);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    const placed = await checkTeam(tx, call, [lead, ...input.memberPersonIds.filter((m) => m !== lead)], null);
    const at = nowIso();
    const row = {
      tenant_id: tx.tenantId,
      id,
      competition_id: call.id,
      lead_person_id: lead,
      ...applicationValues(input),
      status: 'draft',
      submitted_at: null,
      awarded_amount: null,
      decision_note: null,
      decided_by_account_id: null,
      decided_at: null,
      showcase_resource_id: null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertApplication(tx.db, row);
    await writeTeam(tx, call, id, placed);
    await recordAudit(tx.db, tx, 'competition_application.create', { type: 'competition_application', id }, null, {
      ...row,
      team: placed.map((p) => p.id),
    });
  });
  return getApplication(ctx, id);
}

function requireLead(ctx: Ctx, application: repo.ApplicationRow) {
  if (application.lead_person_id !== ctx.actor.personId)
    throw new AppError('forbidden', 'Only the lead applicant changes the application.', { permission: 'lead' });
}

function requireDraft(application: repo.ApplicationRow) {
  if (application.status !== 'draft')
    throw new AppError('application_not_draft', 'A submitted application is not changed.', {
      applicationId: application.id,
    });
}

export async function updateApplication(
  ctx: Ctx,
  applicationId: string,
  input: ApplicationInput,
): Promise<Application> {
  const { application, call } = await requireApplication(ctx, applicationId);
  requireLead(ctx, application);
  requireDraft(application);
  requireOpen(call);
  checkBudget(call, input.budgetRequested);
  await checkResources(ctx, input.resourceIds);
  const lead = application.lead_person_id;
  await inTransaction(ctx, async (tx) => {
    const placed = await checkTeam(tx, call, [lead, ...input.memberPersonIds.filter((m) => m !== lead)], applicationId);
    const values = { ...applicationValues(input), updated_at: nowIso() };
    const done = await repo.updateApplication(tx.db, tx.tenantId, applicationId, values, 'draft');
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError('application_not_draft', 'A submitted application is not changed.', { applicationId });
    await writeTeam(tx, call, applicationId, placed);
    await recordAudit(
      tx.db,
      tx,
      'competition_application.update',
      { type: 'competition_application', id: applicationId },
      application,
      { ...values, team: placed.map((p) => p.id) },
    );
  });
  return getApplication(ctx, applicationId);
}

/** Submits within the call's window; the team is checked again (a member may have moved). */
export async function submitApplication(ctx: Ctx, applicationId: string): Promise<Application> {
  const { application, call } = await requireApplication(ctx, applicationId);
  requireLead(ctx, application);
  requireDraft(application);
  requireOpen(call);
  checkBudget(call, application.budget_requested);
  await inTransaction(ctx, async (tx) => {
    const team = (await repo.teamOf(tx.db, tx.tenantId, [applicationId])).map((m) => m.person_id);
    const ordered = [application.lead_person_id, ...team.filter((p) => p !== application.lead_person_id)];
    const placed = await checkTeam(tx, call, ordered, applicationId);
    await writeTeam(tx, call, applicationId, placed);
    const at = nowIso();
    const done = await repo.updateApplication(
      tx.db,
      tx.tenantId,
      applicationId,
      { status: 'submitted', submitted_at: at, updated_at: at },
      'draft',
    );
    if (Number(done.numUpdatedRows) !== 1)
      throw new AppError('application_not_draft', 'This application is already submitted.', { applicationId });
    await recordAudit(
      tx.db,
      tx,
      'competition_application.submit',
      { type: 'competition_application', id: applicationId },
      { status: 'draft' },
      { status: 'submitted', submittedAt: at },
    );
  });
  return getApplication(ctx, applicationId);
}

/**
 * A file for a draft application, or evidence for one of its reports (`reportId`), by a team member.
 * The bytes are read whole by the route before this runs; the type is sniffed with the evidence rules.
 */
export async function uploadFile(
  ctx: Ctx,
  files: FileStore,
  applicationId: string,
  fileName: string,
  bytes: Buffer,
  reportId?: string,
): Promise<Application> {
  const { application, member } = await requireApplication(ctx, applicationId);
  if (!member) throw new AppError('forbidden', 'Only the team adds files.', { permission: 'team' });
  if (reportId) {
    const reports = await repo.reportsOf(ctx.db, ctx.tenantId, [applicationId]);
    if (!reports.some((r) => r.id === reportId)) throw notFound('competition_report', reportId);
  } else requireDraft(application);
  if (bytes.length === 0) throw new AppError('file_empty', 'The file is empty.', { field: 'body' });
  if (bytes.length > COMPETITION_MAX_BYTES)
    throw new AppError('file_too_large', `Files are at most ${COMPETITION_MAX_BYTES / 1024 / 1024} MB.`, {
      maxBytes: COMPETITION_MAX_BYTES,
    });
  const contentType = sniffContentType(bytes, fileName);
  if (!contentType)
    throw new AppError(
      'file_type_not_allowed',
      'Only PDF, images (PNG, JPEG, GIF, WebP), MP4 video, office documents and plain text are accepted.',
      { fileName },
    );
  const id = newId();
  const key = `${ctx.tenantId}/competitions/${applicationId}/${id}`;
  await files.put(key, bytes);
  try {
    await inTransaction(ctx, async (tx) => {
      const current = (await repo.getApplication(tx.db, tx.tenantId, applicationId))!;
      if (!reportId) requireDraft(current);
      const row = {
        tenant_id: tx.tenantId,
        id,
        application_id: applicationId,
        report_id: reportId ?? null,
        file_name: fileName,
        content_type: contentType,
        size_bytes: bytes.length,
        storage_key: key,
        added_by_person_id: tx.actor.personId!,
        created_at: nowIso(),
      };
      await repo.insertFile(tx.db, row);
      await recordAudit(tx.db, tx, 'competition_file.add', { type: 'competition_file', id }, null, row);
    });
  } catch (error) {
    await files.remove(key);
    throw error;
  }
  return getApplication(ctx, applicationId);
}

/** A file of an application, for its team, the call's managers, and (attachments only) assigned reviewers. */
export async function applicationFile(
  ctx: Ctx,
  files: FileStore,
  applicationId: string,
  fileId: string,
  reviewerMayRead: (ctx: Ctx, applicationId: string) => Promise<boolean>,
) {
  let allowed: boolean;
  try {
    await requireApplication(ctx, applicationId);
    allowed = true;
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'application_not_found')) throw error;
    allowed = false;
  }
  const row = await repo.getFile(ctx.db, ctx.tenantId, applicationId, fileId);
  if (!allowed && row && row.report_id === null) allowed = await reviewerMayRead(ctx, applicationId);
  if (!row || !allowed) throw notFound('competition_file', fileId);
  return { fileName: row.file_name, contentType: row.content_type, bytes: await files.get(row.storage_key) };
}
