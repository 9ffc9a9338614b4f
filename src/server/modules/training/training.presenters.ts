import type { Ctx } from '../../shared/context.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard, type Standard } from '../assessment/assessment.standard.ts';
import { canManageAt } from './offerings.access.ts';
import * as repo from './training.repo.ts';
import type { Enrolment, Offering, Programme, TrainingModule } from './training.schemas.ts';
/** Rows to responses: what the training services return, in the reader's language. */
export const text = (ctx: Ctx, value: LocalizedText) => resolveText(value, ctx.locale, ctx.defaultLocale);
export const nameOf = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

export interface Qualification {
  programmeIds: string[];
  frameworkId: string | null;
  competencies: { itemId: string; levelCode: string }[];
}

export function toQualification(json: string | null): Qualification | null {
  return json ? (JSON.parse(json) as Qualification) : null;
}

export async function toModules(ctx: Ctx, rows: repo.ModuleRow[]): Promise<TrainingModule[]> {
  const outcomes = await repo.outcomesOf(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  const standards = new Map<string, Standard>();
  for (const id of new Set(rows.map((r) => r.framework_id))) standards.set(id, await loadStandard(ctx, id));
  return rows.map((row) => {
    const standard = standards.get(row.framework_id)!;
    const title = JSON.parse(row.title) as LocalizedText;
    const summary = JSON.parse(row.summary) as LocalizedText;
    return {
      id: row.id,
      code: row.code,
      frameworkId: row.framework_id,
      title,
      summary,
      displayTitle: text(ctx, title),
      displaySummary: text(ctx, summary),
      outcomes: outcomes
        .filter((o) => o.module_id === row.id)
        .map((o) => {
          const item = standard.framework.items.find((i) => i.id === o.item_id);
          return {
            itemId: o.item_id,
            caseIdentifier: item?.caseIdentifier ?? '',
            code: item?.code ?? '',
            title: text(ctx, item?.title ?? {}),
            levelCode: o.level_code,
          };
        })
        .sort((a, b) => a.code.localeCompare(b.code) || a.levelCode.localeCompare(b.levelCode)),
      hours: Number(row.hours),
      deliveryMode: row.delivery_mode as TrainingModule['deliveryMode'],
      languages: JSON.parse(row.languages),
      materials: JSON.parse(row.materials),
      prerequisiteIds: JSON.parse(row.prerequisite_ids),
      trainerQualification: toQualification(row.trainer_qualification),
      followThroughMonths: JSON.parse(row.follow_through_months) as number[],
      updatedAt: row.updated_at,
    };
  });
}

export async function toProgrammes(ctx: Ctx, rows: repo.ProgrammeRow[]): Promise<Programme[]> {
  const links = await repo.programmeModules(
    ctx.db,
    ctx.tenantId,
    rows.map((r) => r.id),
  );
  const modules = new Map(
    (
      await repo.modulesByIds(
        ctx.db,
        ctx.tenantId,
        links.map((l) => l.module_id),
      )
    ).map((m) => [m.id, m]),
  );
  return rows.map((row) => {
    const title = JSON.parse(row.title) as LocalizedText;
    const members = links
      .filter((l) => l.programme_id === row.id)
      .map((l) => modules.get(l.module_id)!)
      .map((m) => ({ id: m.id, code: m.code, title: text(ctx, JSON.parse(m.title)), hours: Number(m.hours) }));
    return {
      id: row.id,
      code: row.code,
      title,
      summary: JSON.parse(row.summary),
      displayTitle: text(ctx, title),
      leadsToRole: row.leads_to_role as Programme['leadsToRole'],
      leadsToLevelCode: row.leads_to_level_code,
      completionRule: 'all_modules' as const,
      modules: members,
      hours: members.reduce((sum, m) => sum + m.hours, 0),
      trainerQualification: toQualification(row.trainer_qualification),
      followThroughMonths: JSON.parse(row.follow_through_months) as number[],
    };
  });
}

export async function toOfferings(ctx: Ctx, rows: repo.OfferingWithHost[]): Promise<Offering[]> {
  const ids = rows.map((r) => r.id);
  const [trainers, seats, modules, programmes] = await Promise.all([
    repo.trainersOf(ctx.db, ctx.tenantId, ids),
    repo.seatCounts(ctx.db, ctx.tenantId, ids),
    repo.modulesByIds(
      ctx.db,
      ctx.tenantId,
      rows.flatMap((r) => (r.module_id ? [r.module_id] : [])),
    ),
    repo.listProgrammes(ctx.db, ctx.tenantId, { ids: [...new Set(rows.flatMap((r) => r.programme_id ?? []))] }),
  ]);
  const count = (id: string, status: string) =>
    Number(seats.find((s) => s.offering_id === id && s.status === status)?.n ?? 0);
  return rows.map((row) => {
    const subject = row.module_id
      ? modules.find((m) => m.id === row.module_id)!
      : programmes.find((p) => p.id === row.programme_id)!;
    return {
      id: row.id,
      kind: row.module_id ? 'module' : 'programme',
      moduleId: row.module_id,
      programmeId: row.programme_id,
      title: text(ctx, JSON.parse(subject.title)),
      hostUnitId: row.host_unit_id,
      hostName: text(ctx, JSON.parse(row.host_name)),
      startDate: row.start_date,
      endDate: row.end_date,
      sessionDays: JSON.parse(row.session_days),
      venue: row.venue,
      onlineUrl: row.online_url,
      capacity: row.capacity,
      language: row.language,
      enrolOpens: row.enrol_opens,
      enrolCloses: row.enrol_closes,
      hours: Number(row.hours),
      trainers: trainers
        .filter((t) => t.offering_id === row.id)
        .map((t) => ({ personId: t.person_id, name: nameOf(t) })),
      enrolled: count(row.id, 'enrolled'),
      waitlisted: count(row.id, 'waitlisted'),
      status: row.status as Offering['status'],
      cancelledAt: row.cancelled_at,
      cancelReason: row.cancel_reason,
      attendanceThreshold: Number(row.attendance_threshold),
      canManage: ctx.actor.system || canManageAt(ctx, row.host_path),
    };
  });
}

export const unitName = (ctx: Ctx, row: repo.RosterRow) => text(ctx, JSON.parse(row.unit_name));

export function toEnrolment(ctx: Ctx, row: repo.RosterRow): Enrolment {
  return {
    id: row.id,
    offeringId: row.offering_id,
    personId: row.person_id,
    personName: nameOf(row),
    nationalId: row.national_id,
    schoolName: unitName(ctx, row),
    status: row.status as Enrolment['status'],
    nominatedByAccountId: row.nominated_by_account_id,
    queuedAt: row.queued_at,
    result: row.result as Enrolment['result'],
    score: row.score,
    completedOn: row.completed_on,
    cpdHours: row.cpd_hours === null ? null : Number(row.cpd_hours),
  };
}
