import type { Database } from '../src/server/db/database.ts';
import * as accounts from '../src/server/modules/accounts/accounts.service.ts';
import * as frameworks from '../src/server/modules/frameworks/frameworks.service.ts';
import type { OrgUnit } from '../src/server/modules/org/org.schemas.ts';
import * as org from '../src/server/modules/org/org.service.ts';
import type { CreatePersonInput, Person } from '../src/server/modules/people/people.schemas.ts';
import * as people from '../src/server/modules/people/people.service.ts';
import type { DefinitionInput } from '../src/server/modules/surveys/surveys.definition.ts';
import type { CreateModuleInput, CreateOfferingInput } from '../src/server/modules/training/training.schemas.ts';
import * as training from '../src/server/modules/training/training.ts';
import type { Role } from '../src/server/shared/access.ts';
import { type Ctx, systemBase } from '../src/server/shared/context.ts';
import { newId, nowIso } from '../src/server/shared/ids.ts';

let counter = 0;
const next = () => ++counter;

export const TEST_PASSWORD = 'correct-horse-battery';

/** A tenant with a nation at the top; returns the system ctx for it. */
export async function tenant(database: Database, code = `t${next()}`): Promise<{ ctx: Ctx; nation: OrgUnit }> {
  const base = systemBase(database);
  const { tenant, root } = await org.createTenant(base, {
    code,
    name: { en: `Country ${code}` },
    defaultLocale: 'en',
    locales: ['en', 'ne'],
    levelNames: [{ en: 'Nation' }, { en: 'Region' }, { en: 'District' }, { en: 'School' }],
    root: { type: 'nation', code: `${code}-N`, name: { en: `Nation ${code}` } },
  });
  return { ctx: { ...base, tenantId: tenant.id }, nation: root };
}

export function unit(ctx: Ctx, parent: OrgUnit, type: OrgUnit['type'], name?: string): Promise<OrgUnit> {
  const n = next();
  return org.createUnit(ctx, { parentId: parent.id, type, code: `${type}-${n}`, name: { en: name ?? `${type} ${n}` } });
}

export function person(ctx: Ctx, at: OrgUnit, input: Partial<CreatePersonInput> = {}): Promise<Person> {
  const n = next();
  return people.createPerson(ctx, {
    orgUnitId: at.id,
    category: 'teacher',
    givenName: `Given${n}`,
    familyName: `Family${n}`,
    nationalId: `NID${n}`,
    subjects: [],
    grades: [],
    languages: [],
    ...input,
  });
}

/** A person with a sign-in holding `role` at `at`; returns the username and a service ctx acting as them. */
export async function user(ctx: Ctx, role: Role, at: OrgUnit) {
  const p = await person(ctx, at, { category: role === 'teacher' ? 'teacher' : 'officer' });
  const username = `${role.replaceAll('_', '-')}${next()}`;
  const account = await accounts.createAccount(ctx, {
    personId: p.id,
    username,
    password: TEST_PASSWORD,
    roles: [{ role, orgUnitId: at.id }],
  });
  const actorCtx: Ctx = {
    ...ctx,
    actor: {
      accountId: account.id,
      personId: p.id,
      username,
      system: false,
      grants: [{ role, orgUnitId: at.id, orgUnitPath: at.path }],
    },
  };
  return { username, password: TEST_PASSWORD, account, person: p, ctx: actorCtx };
}

/** Nation > 2 regions > 2 districts each > 2 schools each: enough tree for scope tests. */
export async function country(database: Database) {
  const { ctx, nation } = await tenant(database);
  const regionA = await unit(ctx, nation, 'region', 'Region A');
  const regionB = await unit(ctx, nation, 'region', 'Region B');
  const districtA1 = await unit(ctx, regionA, 'district', 'District A1');
  const districtA2 = await unit(ctx, regionA, 'district', 'District A2');
  const districtB1 = await unit(ctx, regionB, 'district', 'District B1');
  const schoolA1 = await unit(ctx, districtA1, 'school', 'School A1-1');
  const schoolA1b = await unit(ctx, districtA1, 'school', 'School A1-2');
  const schoolA2 = await unit(ctx, districtA2, 'school', 'School A2-1');
  const schoolB1 = await unit(ctx, districtB1, 'school', 'School B1-1');
  return { ctx, nation, regionA, regionB, districtA1, districtA2, districtB1, schoolA1, schoolA1b, schoolA2, schoolB1 };
}

/** The starter standard (6 aspects x 3 levels, 18 competencies), published: what assessment works against. */
export async function publishedStandard(ctx: Ctx) {
  const draft = await frameworks.createFromTemplate(ctx, { version: `1.${next()}` });
  await frameworks.setStatus(ctx, draft.id, 'in_review');
  await frameworks.setStatus(ctx, draft.id, 'published');
  return frameworks.getFramework(ctx, draft.id);
}

/** A training module aligned to competencies of a published standard (at the first level unless given). */
export function trainingModule(
  ctx: Ctx,
  standard: Awaited<ReturnType<typeof publishedStandard>>,
  input: Partial<CreateModuleInput> = {},
) {
  const n = next();
  const competency = standard.items.find((i) => i.type === 'competency')!;
  return training.createModule(ctx, {
    code: `M${n}`,
    frameworkId: standard.id,
    title: { en: `Module ${n}` },
    summary: { en: `What module ${n} is about.` },
    outcomes: [{ itemId: competency.id, levelCode: standard.levels[0]!.code }],
    hours: 12,
    deliveryMode: 'face_to_face',
    languages: ['en'],
    materials: [],
    prerequisiteIds: [],
    trainerQualification: null,
    ...input,
  });
}

/** An offering of a module at `host`, open for enrolment from today until it starts in a week. */
export function offering(ctx: Ctx, host: OrgUnit, input: Partial<CreateOfferingInput> & { trainerIds: string[] }) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return training.createOffering(ctx, {
    hostUnitId: host.id,
    startDate: day(7),
    endDate: day(9),
    venue: 'Room 4',
    onlineUrl: null,
    capacity: 20,
    language: 'en',
    ...input,
  });
}

/** A published questionnaire with this definition (a round is sent only from a published one). */
export async function publishedSurvey(
  ctx: Ctx,
  definition: DefinitionInput,
  input: { code?: string; purpose?: 'general' | 'national' | 'reaction' | 'pre_post' | 'follow_up' } = {},
): Promise<string> {
  const id = newId();
  const code = input.code ?? `S${next()}`;
  const at = nowIso();
  await ctx.db
    .insertInto('survey')
    .values({
      tenant_id: ctx.tenantId,
      id,
      family_id: id,
      version: 1,
      code,
      title: JSON.stringify({ en: code }),
      description: JSON.stringify({ en: `Questionnaire ${code}` }),
      source_locale: 'en',
      purpose: input.purpose ?? 'national',
      definition: JSON.stringify(definition),
      status: 'published',
      created_by_account_id: null,
      created_at: at,
      updated_at: at,
      published_at: at,
    })
    .execute();
  return id;
}
