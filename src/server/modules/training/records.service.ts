import { createHash } from 'node:crypto';
import { scopePaths } from '../../shared/access.ts';
import { word } from '../../shared/catalogues.ts';
import type { Ctx } from '../../shared/context.ts';
import { spreadsheetCsv } from '../../shared/csv.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import { completedBy } from './catalogue.service.ts';
import { canManageAt } from './offerings.service.ts';
import * as repo from './training.repo.ts';
import type { Certificate, Transcript } from './training.schemas.ts';

/**
 * A teacher's CPD transcript for a calendar year: every completed module or programme with the
 * hours credited. Readable by the teacher and by whoever may read the person.
 */
export async function transcript(ctx: Ctx, personId: string, year?: number): Promise<Transcript> {
  const person = await people.requirePerson(ctx, personId);
  const asked = year ?? new Date().getUTCFullYear();
  const rows = (await repo.completions(ctx.db, ctx.tenantId, [personId])).filter((r) =>
    (r.completed_on ?? '').startsWith(`${asked}-`),
  );
  const programmeIds = [...new Set(rows.flatMap((r) => r.programme_id ?? []))];
  const [links, programmes] = await Promise.all([
    repo.programmeModules(ctx.db, ctx.tenantId, programmeIds),
    repo.listProgrammes(ctx.db, ctx.tenantId, { ids: programmeIds }),
  ]);
  const modules = await repo.modulesByIds(ctx.db, ctx.tenantId, [
    ...rows.flatMap((r) => r.module_id ?? []),
    ...links.map((l) => l.module_id),
  ]);
  const text = (v: LocalizedText) => resolveText(v, ctx.locale, ctx.defaultLocale);
  const codeOf = (id: string) => modules.find((m) => m.id === id)?.code ?? '';
  const entries = rows.map((r) => {
    const subject = r.module_id
      ? modules.find((m) => m.id === r.module_id)!
      : programmes.find((p) => p.id === r.programme_id)!;
    const moduleIds = r.module_id
      ? [r.module_id]
      : links.filter((l) => l.programme_id === r.programme_id).map((l) => l.module_id);
    return {
      enrolmentId: r.id,
      offeringId: r.offering_id,
      kind: r.module_id ? ('module' as const) : ('programme' as const),
      code: subject.code,
      title: text(JSON.parse(subject.title)),
      completedOn: r.completed_on!,
      hours: Number(r.cpd_hours ?? 0),
      score: r.score,
      moduleCodes: moduleIds.map(codeOf),
    };
  });
  return {
    personId,
    personName: `${person.given_name} ${person.family_name}`,
    year: asked,
    totalHours: Math.round(entries.reduce((sum, e) => sum + e.hours, 0) * 100) / 100,
    modulesCompleted: new Set(entries.flatMap((e) => e.moduleCodes)).size,
    entries,
  };
}

/**
 * The certificate number is derived from the enrolment id alone, so every copy printed of one
 * completion carries the same number: the year of completion and ten hex digits of its hash.
 */
export function certificateNumber(enrolmentId: string, completedOn: string): string {
  const digest = createHash('sha256').update(enrolmentId).digest('hex').slice(0, 10).toUpperCase();
  return `${completedOn.slice(0, 4)}-${digest.slice(0, 5)}-${digest.slice(5)}`;
}

/**
 * What a certificate of attendance states for a completed enrolment. Readable by the participant,
 * the offering's trainers, managers of its host and whoever may read the participant; to anyone
 * else the enrolment does not exist.
 */
export async function certificate(ctx: Ctx, enrolmentId: string): Promise<Certificate> {
  const enrolment = await repo.getEnrolment(ctx.db, ctx.tenantId, enrolmentId);
  if (!enrolment) throw notFound('enrolment', enrolmentId);
  const [offering, trainers, [person]] = await Promise.all([
    repo.getOffering(ctx.db, ctx.tenantId, enrolment.offering_id),
    repo.trainersOf(ctx.db, ctx.tenantId, [enrolment.offering_id]),
    repo.peopleByIds(ctx.db, ctx.tenantId, [enrolment.person_id]),
  ]);
  const readable =
    ctx.actor.system ||
    enrolment.person_id === ctx.actor.personId ||
    trainers.some((t) => t.person_id === ctx.actor.personId) ||
    canManageAt(ctx, offering!.host_path) ||
    scopePaths(ctx, 'people.read').some((root) => person!.org_path.startsWith(root));
  if (!readable) throw notFound('enrolment', enrolmentId);
  if (enrolment.result !== 'completed' || !enrolment.completed_on)
    throw new AppError('not_completed', 'A certificate is issued once the training is completed.', {
      enrolmentId,
      status: enrolment.status,
      result: enrolment.result,
    });

  const text = (v: LocalizedText) => resolveText(v, ctx.locale, ctx.defaultLocale);
  const o = offering!;
  const moduleIds = o.module_id
    ? [o.module_id]
    : (await repo.programmeModules(ctx.db, ctx.tenantId, [o.programme_id!])).map((l) => l.module_id);
  const [modules, outcomes, programme, tenant] = await Promise.all([
    repo.modulesByIds(ctx.db, ctx.tenantId, moduleIds),
    repo.outcomesOf(ctx.db, ctx.tenantId, moduleIds),
    o.programme_id ? repo.getProgramme(ctx.db, ctx.tenantId, o.programme_id) : undefined,
    org.getTenant(ctx),
  ]);
  const standards = new Map<string, Awaited<ReturnType<typeof loadStandard>>>();
  for (const id of new Set(modules.map((m) => m.framework_id))) standards.set(id, await loadStandard(ctx, id));
  const frameworkOf = new Map(modules.map((m) => [m.id, m.framework_id]));
  // A programme's modules may share an outcome; the certificate states it once.
  const unique = new Map(outcomes.map((x) => [`${x.item_id}|${x.level_code}`, x]));
  const stated = [...unique.values()]
    .map((x) => {
      const framework = standards.get(frameworkOf.get(x.module_id)!)!.framework;
      const item = framework.items.find((i) => i.id === x.item_id);
      const level = framework.levels.find((l) => l.code === x.level_code);
      return {
        itemId: x.item_id,
        code: item?.code ?? '',
        title: text(item?.title ?? {}),
        levelCode: x.level_code,
        levelTitle: text(level?.title ?? {}),
      };
    })
    .sort(
      (a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }) || a.levelCode.localeCompare(b.levelCode),
    );
  const subject = o.module_id ? modules[0]! : programme!;
  return {
    enrolmentId,
    certificateNumber: certificateNumber(enrolmentId, enrolment.completed_on),
    personId: enrolment.person_id,
    personName: `${person!.given_name} ${person!.family_name}`,
    nationalId: person!.national_id,
    offeringId: o.id,
    kind: o.module_id ? 'module' : 'programme',
    code: subject.code,
    title: text(JSON.parse(subject.title)),
    startDate: o.start_date,
    endDate: o.end_date,
    hostName: text(JSON.parse(o.host_name)),
    trainers: trainers.map((t) => `${t.given_name} ${t.family_name}`),
    cpdHours: Number(enrolment.cpd_hours ?? 0),
    completedOn: enrolment.completed_on,
    outcomes: stated,
    issuer: text(tenant.name),
  };
}

/** The transcript as a spreadsheet in the reader's language: column names and kinds are words, not codes. */
export function transcriptCsv(t: Transcript, locale: string): string {
  const w = (key: string) => word(locale, key);
  const header = [
    'training.transcript.completedOn',
    'training.transcript.kind',
    'training.code',
    'training.transcript.training',
    'training.transcript.modules',
    'training.duration',
    'training.results.score',
  ].map(w);
  const rows = [
    header,
    ...t.entries.map((e) => [
      e.completedOn,
      w(`training.kind.${e.kind}`),
      e.code,
      e.title.text,
      e.moduleCodes.join(';'),
      String(e.hours),
      e.score === null ? '' : String(e.score),
    ]),
    ['', '', '', w('training.transcript.total'), '', String(t.totalHours), ''],
  ];
  return spreadsheetCsv(rows);
}

/**
 * The cascade under a unit: master trainers (completed a programme leading to that role) train
 * trainers (lead offerings or completed a trainer programme), who train teachers. Reach is counted
 * from completions in offerings each person led, per region of where people are placed.
 */
export async function cascade(ctx: Ctx, unitId: string) {
  const unit = await org.requireUnit(ctx, unitId, 'reports.read');
  const [programmes, done, leads, completions] = await Promise.all([
    repo.listProgrammes(ctx.db, ctx.tenantId),
    completedBy(ctx),
    repo.allLeads(ctx.db, ctx.tenantId),
    repo.completions(ctx.db, ctx.tenantId),
  ]);
  const roleOf = (role: string) => new Set(programmes.filter((p) => p.leads_to_role === role).map((p) => p.id));
  const masterProgrammes = roleOf('master_trainer');
  const trainerProgrammes = roleOf('trainer');
  const holders = (ids: Set<string>) =>
    [...done.entries()].filter(([, c]) => [...c.programmes].some((p) => ids.has(p))).map(([id]) => id);
  const masters = new Set(holders(masterProgrammes));
  const trainers = new Set(
    [...leads.map((l) => l.person_id), ...holders(trainerProgrammes)].filter((id) => !masters.has(id)),
  );
  const leadersOf = new Map<string, string[]>();
  for (const l of leads) leadersOf.set(l.offering_id, [...(leadersOf.get(l.offering_id) ?? []), l.person_id]);
  // Who each person trained: completers of the offerings they led.
  const trained = new Map<string, Set<string>>();
  for (const c of completions)
    for (const leader of leadersOf.get(c.offering_id) ?? []) {
      if (leader === c.person_id) continue;
      trained.set(leader, (trained.get(leader) ?? new Set()).add(c.person_id));
    }
  const teachers = new Set(
    [...trained.entries()]
      .filter(([leader]) => masters.has(leader) || trainers.has(leader))
      .flatMap(([, set]) => [...set])
      .filter((id) => !masters.has(id) && !trainers.has(id)),
  );

  const everyone = [...new Set([...masters, ...trainers, ...teachers])];
  const placed = new Map((await repo.peopleByIds(ctx.db, ctx.tenantId, everyone)).map((p) => [p.id, p]));
  const inUnit = (id: string) => placed.get(id)?.org_path.startsWith(unit.path) ?? false;
  const regionPath = (path: string) => {
    const keys = path.split('/').filter(Boolean);
    return `/${keys.slice(0, Math.min(2, keys.length)).join('/')}/`;
  };
  const regions = new Map<string, { masterTrainers: number; trainers: number; teachersReached: number }>();
  const count = (ids: Set<string>, key: 'masterTrainers' | 'trainers' | 'teachersReached') => {
    let total = 0;
    for (const id of ids) {
      if (!inUnit(id)) continue;
      total++;
      const path = regionPath(placed.get(id)!.org_path);
      const row = regions.get(path) ?? { masterTrainers: 0, trainers: 0, teachersReached: 0 };
      row[key]++;
      regions.set(path, row);
    }
    return total;
  };
  const totals = {
    masterTrainers: count(masters, 'masterTrainers'),
    trainers: count(trainers, 'trainers'),
    teachersReached: count(teachers, 'teachersReached'),
  };
  const text = (v: LocalizedText) => resolveText(v, ctx.locale, ctx.defaultLocale);
  const regionRows = [];
  for (const [path, row] of [...regions.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const region = (await org.unitsOnPath(ctx, path)).find((u) => u.path === path)!;
    regionRows.push({ unitId: region.id, name: text(JSON.parse(region.name)), ...row });
  }
  return {
    unitId,
    totals,
    regions: regionRows,
    masterTrainers: [...masters]
      .filter(inUnit)
      .map((id) => {
        const theirTrainers = [...(trained.get(id) ?? [])].filter((t) => trainers.has(t));
        const reached = new Set(
          [id, ...theirTrainers].flatMap((leader) => [...(trained.get(leader) ?? [])]).filter((t) => teachers.has(t)),
        );
        const p = placed.get(id)!;
        return {
          personId: id,
          name: `${p.given_name} ${p.family_name}`,
          trainersTrained: theirTrainers.length,
          teachersReached: reached.size,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
