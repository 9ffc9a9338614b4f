import type { Ctx } from '../../shared/context.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import * as org from '../org/org.service.ts';
import * as people from '../people/people.service.ts';
import * as repo from './training.repo.ts';
import type { Transcript } from './training.schemas.ts';
import { completedBy } from './training.service.ts';

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

/** Spreadsheets run cells that start with = + - @ as formulas: such text is written with a leading quote. */
const cell = (value: string) => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function transcriptCsv(t: Transcript): string {
  const rows = [
    ['completed_on', 'kind', 'code', 'title', 'modules', 'hours', 'score'],
    ...t.entries.map((e) => [
      e.completedOn,
      e.kind,
      e.code,
      e.title.text,
      e.moduleCodes.join(';'),
      String(e.hours),
      e.score === null ? '' : String(e.score),
    ]),
    ['', '', '', 'Total', '', String(t.totalHours), ''],
  ];
  return rows.map((r) => `${r.map(cell).join(',')}\r\n`).join('');
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
