import { randomUUID } from 'node:crypto';
import type { Database } from '../server/db/database.ts';
import * as accounts from '../server/modules/accounts/accounts.service.ts';
import * as assessment from '../server/modules/assessment/assessment.service.ts';
import * as reports from '../server/modules/assessment/reports.service.ts';
import * as self from '../server/modules/assessment/selfassessment.service.ts';
import { Faults, type ImportSpec, importSpec } from '../server/modules/frameworks/frameworks.import.ts';
import * as frameworks from '../server/modules/frameworks/frameworks.service.ts';
import * as org from '../server/modules/org/org.service.ts';
import * as people from '../server/modules/people/people.service.ts';
import { grant } from '../server/modules/regional/agreements.service.ts';
import * as collaboration from '../server/modules/regional/collaboration.service.ts';
import { mapToReference, REFERENCE_CASE_IDENTIFIER, type Relation } from '../server/modules/regional/reference.ts';
import { type Ctx, inTransaction, systemActor, systemBase } from '../server/shared/context.ts';
import { newId, nowIso, todayIso } from '../server/shared/ids.ts';
import type { LocalizedText } from '../server/shared/text.ts';
import { draws } from './demo-country.ts';

const PASSWORD = 'pathway-demo';
export const REGIONAL_TENANT = 'region';
export const REGIONAL_LOGIN = 'regional-office';

/** Meridia's standard follows the reference's shape, so most links are exact; three reference items stay unmapped. */
const MERIDIA_CROSSWALK: { national: string; reference: string; relation: Relation }[] = [
  { national: 'A1.1', reference: 'CFT1.KA', relation: 'exact_match' },
  { national: 'A1.2', reference: 'CFT1.KD', relation: 'exact_match' },
  { national: 'A2.1', reference: 'CFT2.KA', relation: 'exact_match' },
  { national: 'A2.2', reference: 'CFT2.KD', relation: 'broader' },
  { national: 'A2.3', reference: 'CFT2.KC', relation: 'exact_match' },
  { national: 'A3.1', reference: 'CFT3.KA', relation: 'exact_match' },
  { national: 'A3.2', reference: 'CFT3.KD', relation: 'exact_match' },
  { national: 'A3.3', reference: 'CFT3.KC', relation: 'narrower' },
  { national: 'A4.1', reference: 'CFT4.KA', relation: 'exact_match' },
  { national: 'A4.2', reference: 'CFT4.KD', relation: 'exact_match' },
  { national: 'A4.3', reference: 'CFT4.KC', relation: 'related' },
  { national: 'A5.1', reference: 'CFT5.KA', relation: 'exact_match' },
  { national: 'A5.2', reference: 'CFT5.KD', relation: 'exact_match' },
  { national: 'A6.1', reference: 'CFT6.KA', relation: 'exact_match' },
  { national: 'A6.2', reference: 'CFT6.KD', relation: 'related' },
];

/** The country's standard other than the reference: the one its teachers are rated against. */
async function nationalStandard(ctx: Ctx): Promise<string> {
  const list = await frameworks.listFrameworks(ctx);
  return list.find((f) => f.status === 'published' && f.caseIdentifier !== REFERENCE_CASE_IDENTIFIER)!.id;
}

/**
 * The demo's last step: the reference framework and Meridia's crosswalk to it, and a regional office
 * (tenant `region`, sign-in `regional-office`) to which Meridia's ministry has granted its competency
 * shares and indicators.
 */
export async function seedRegionalDemo(database: Database, meridiaTenantId: string) {
  const base = systemBase(database);
  const meridia: Ctx = { ...base, tenantId: meridiaTenantId };
  await mapToReference(meridia, await nationalStandard(meridia), MERIDIA_CROSSWALK);

  const { tenant, root } = await org.createTenant(base, {
    code: REGIONAL_TENANT,
    name: {
      en: 'Regional Office for Education',
      ru: 'Региональное бюро по образованию',
      uz: 'Ta’lim bo‘yicha mintaqaviy idora',
      ne: 'शिक्षाका लागि क्षेत्रीय कार्यालय',
      fil: 'Panrehiyong Tanggapan para sa Edukasyon',
    },
    defaultLocale: 'en',
    locales: ['en', 'ru', 'uz', 'ne', 'fil'],
    levelNames: [
      {
        en: 'Regional office',
        ru: 'Региональное бюро',
        uz: 'Mintaqaviy idora',
        ne: 'क्षेत्रीय कार्यालय',
        fil: 'Panrehiyong tanggapan',
      },
    ],
    root: {
      type: 'office',
      code: 'REGION',
      name: {
        en: 'Regional Office for Education',
        ru: 'Региональное бюро по образованию',
        uz: 'Ta’lim bo‘yicha mintaqaviy idora',
        ne: 'शिक्षाका लागि क्षेत्रीय कार्यालय',
        fil: 'Panrehiyong Tanggapan para sa Edukasyon',
      },
    },
    kind: 'regional',
  });
  const office: Ctx = { ...base, tenantId: tenant.id };
  const analystId = await inTransaction(office, async (tx) => {
    const analyst = await people.createPerson(tx, {
      orgUnitId: root.id,
      category: 'officer',
      givenName: 'Leila',
      familyName: 'Karimova',
      nationalId: 'REGION-0001',
      subjects: [],
      grades: [],
      languages: ['en'],
    });
    await accounts.createAccount(tx, {
      personId: analyst.id,
      username: REGIONAL_LOGIN,
      password: PASSWORD,
      roles: [{ role: 'regional_analyst', orgUnitId: root.id }],
    });
    return analyst.id;
  });
  const ministry = await database.db
    .selectFrom('user_account')
    .select('id')
    .where('tenant_id', '=', meridiaTenantId)
    .where('username', '=', 'ministry')
    .executeTakeFirst();
  const asMinistry: Ctx = { ...meridia, actor: { ...systemActor(), accountId: ministry?.id ?? null } };
  for (const dataset of ['competency_shares', 'indicators'] as const)
    await grant(asMinistry, { granteeTenantId: tenant.id, dataset });
  await seedCollaboration(database, {
    office: { ...office, actor: { ...systemActor(), personId: analystId } },
    meridia,
  });
  return { tenantId: tenant.id };
}

const dayFromToday = (days: number) => new Date(Date.parse(todayIso()) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A regional seminar next month and an international project running this school year, both with
 * Meridia invited; its ministry nominates the demo teacher and a few colleagues (each told in their
 * inbox), and the project space holds a first exchange, in English and Russian.
 */
async function seedCollaboration(database: Database, { office, meridia }: { office: Ctx; meridia: Ctx }) {
  const seminar = await collaboration.createActivity(office, {
    kind: 'seminar',
    title: {
      en: 'Regional seminar: ICT in the classroom across borders',
      ru: 'Региональный семинар: ИКТ на уроке без границ',
      uz: 'Mintaqaviy seminar: chegaralarsiz sinfda AKT',
      ne: 'क्षेत्रीय गोष्ठी: सीमापारि कक्षाकोठामा सूचना प्रविधि',
      fil: 'Panrehiyong seminar: ICT sa silid-aralan nang lampas sa hangganan',
    },
    description: {
      en: 'Two days of lessons shown and discussed by teachers of the member states, on the reference framework.',
      ru: 'Два дня открытых уроков и обсуждений учителей стран-участниц по эталонной рамке.',
      uz: 'Aʼzo davlatlar oʻqituvchilari namunaviy asos boʻyicha koʻrsatadigan va muhokama qiladigan ikki kunlik ochiq darslar.',
      ne: 'सदस्य राष्ट्रका शिक्षकले सन्दर्भ ढाँचाअनुसार देखाउने र छलफल गर्ने दुई दिनका खुला कक्षा।',
      fil: 'Dalawang araw ng mga aralin na ipinapakita at pinag-uusapan ng mga guro ng mga kasaping bansa, batay sa sangguniang balangkas.',
    },
    startsOn: dayFromToday(30),
    endsOn: dayFromToday(31),
    place: 'Regional Office for Education, conference hall',
    countryTenantIds: [meridia.tenantId],
  });
  const project = await collaboration.createActivity(office, {
    kind: 'project',
    title: {
      en: 'International project: Our rivers, our data',
      ru: 'Международный проект: Наши реки, наши данные',
      uz: 'Xalqaro loyiha: Daryolarimiz, ma’lumotlarimiz',
      ne: 'अन्तर्राष्ट्रिय परियोजना: हाम्रा नदी, हाम्रो तथ्याङ्क',
      fil: 'Pandaigdigang proyekto: Ang aming mga ilog, ang aming datos',
    },
    description: {
      en: 'Classes in several countries measure their local river, share the data and compare it together.',
      ru: 'Классы из нескольких стран измеряют свою реку, делятся данными и сравнивают их вместе.',
      uz: 'Bir necha mamlakat sinflari oʻz daryosini oʻlchaydi, maʼlumotlarni ulashadi va birga solishtiradi.',
      ne: 'धेरै देशका कक्षाले आफ्नो स्थानीय नदी नाप्छन्, तथ्याङ्क साझा गर्छन् र सँगै तुलना गर्छन्।',
      fil: 'Sinusukat ng mga klase sa ilang bansa ang kanilang ilog, ibinabahagi ang datos at sama-samang pinaghahambing.',
    },
    startsOn: dayFromToday(-14),
    endsOn: dayFromToday(150),
    onlineUrl: 'https://example.org/rivers-project',
    countryTenantIds: [meridia.tenantId],
  });
  const teacher = await database.db
    .selectFrom('user_account')
    .select(['id', 'person_id'])
    .where('tenant_id', '=', meridia.tenantId)
    .where('username', '=', 'teacher')
    .executeTakeFirstOrThrow();
  const colleagues = await database.db
    .selectFrom('person')
    .select('id')
    .where('tenant_id', '=', meridia.tenantId)
    .where('category', '=', 'teacher')
    .where('id', '!=', teacher.person_id!)
    .orderBy('national_id')
    .limit(3)
    .execute();
  const nominees = [teacher.person_id!, ...colleagues.map((c) => c.id)];
  await collaboration.nominate(meridia, seminar.id, nominees.slice(0, 3));
  // The roster benchmark seeds a country with no teachers but the personas: fewer to name there.
  const secondVoice = nominees[3];
  await collaboration.nominate(meridia, project.id, secondVoice ? [nominees[0]!, secondVoice] : [nominees[0]!]);
  const as = (personId: string): Ctx => ({ ...meridia, actor: { ...meridia.actor, personId } });
  await collaboration.addPost(
    as(nominees[0]!),
    project.id,
    'Hello from Amberfield! Our class measured the river’s temperature this week: 11 °C in the morning.',
  );
  if (secondVoice)
    await collaboration.addPost(
      as(secondVoice),
      project.id,
      'Здравствуйте! Мы начнём замеры в понедельник и выложим таблицу к пятнице.',
    );
  await collaboration.addPost(
    office,
    project.id,
    'Welcome to the project space. Please post your first measurements before the end of the month.',
  );
}

type Two = { en: string; ru: string };
const LEVELS: { code: string; title: Two }[] = [
  { code: 'BEG', title: { en: 'Beginning', ru: 'Начальный' } },
  { code: 'DEV', title: { en: 'Developing', ru: 'Развивающийся' } },
  { code: 'PRO', title: { en: 'Proficient', ru: 'Уверенный' } },
  { code: 'LEA', title: { en: 'Leading', ru: 'Ведущий' } },
];

/** A different structure from Meridia's: four domains of three competencies, rated on four proficiency levels. */
const DOMAINS: { code: string; title: Two; competencies: { code: string; title: Two; statement: string }[] }[] = [
  {
    code: 'DC',
    title: { en: 'Digital citizenship and policy', ru: 'Цифровое гражданство и политика' },
    competencies: [
      {
        code: 'DC-1',
        title: { en: 'Knows the digital education strategy', ru: 'Знает стратегию цифрового образования' },
        statement: 'Explains the national digital education strategy and what it asks of their school.',
      },
      {
        code: 'DC-2',
        title: { en: 'Safe and ethical use', ru: 'Безопасное и этичное использование' },
        statement: 'Teaches and models safe, legal and ethical use of technology.',
      },
      {
        code: 'DC-3',
        title: { en: 'Protects learners’ data', ru: 'Защищает данные учащихся' },
        statement: 'Keeps learners’ personal data private in every tool they use.',
      },
    ],
  },
  {
    code: 'TL',
    title: { en: 'Teaching and learning with technology', ru: 'Обучение с помощью технологий' },
    competencies: [
      {
        code: 'TL-1',
        title: { en: 'Plans lessons with digital resources', ru: 'Планирует уроки с цифровыми ресурсами' },
        statement: 'Chooses digital resources that serve a lesson’s objectives.',
      },
      {
        code: 'TL-2',
        title: { en: 'Project-based learning with technology', ru: 'Проектное обучение с технологиями' },
        statement: 'Runs projects in which learners use technology to investigate and solve problems.',
      },
      {
        code: 'TL-3',
        title: { en: 'Assesses with digital tools', ru: 'Оценивает с помощью цифровых инструментов' },
        statement: 'Uses digital quizzes and portfolios to follow and give feedback on learning.',
      },
    ],
  },
  {
    code: 'DT',
    title: { en: 'Digital tools and content', ru: 'Цифровые инструменты и контент' },
    competencies: [
      {
        code: 'DT-1',
        title: { en: 'Operates devices and software', ru: 'Работает с устройствами и программами' },
        statement: 'Operates the school’s devices and common software confidently.',
      },
      {
        code: 'DT-2',
        title: { en: 'Creates digital learning content', ru: 'Создаёт цифровой учебный контент' },
        statement: 'Makes and adapts digital materials, videos and presentations for learners.',
      },
      {
        code: 'DT-3',
        title: { en: 'Manages a connected classroom', ru: 'Управляет классом с техникой' },
        statement: 'Organises devices, connectivity and time so every learner takes part.',
      },
    ],
  },
  {
    code: 'PG',
    title: { en: 'Professional growth', ru: 'Профессиональный рост' },
    competencies: [
      {
        code: 'PG-1',
        title: { en: 'Learns online', ru: 'Учится онлайн' },
        statement: 'Takes online courses and uses digital resources for their own learning.',
      },
      {
        code: 'PG-2',
        title: { en: 'Shares practice in networks', ru: 'Делится опытом в сетях' },
        statement: 'Shares lessons and reflections with colleagues in online networks.',
      },
      {
        code: 'PG-3',
        title: { en: 'Mentors colleagues', ru: 'Наставляет коллег' },
        statement: 'Coaches colleagues in using technology and leads school-based training.',
      },
    ],
  },
];

const CROSSWALK: { national: string; reference: string; relation: Relation }[] = [
  { national: 'DC-1', reference: 'CFT1.KA', relation: 'exact_match' },
  { national: 'DC-2', reference: 'CFT1.KD', relation: 'related' },
  { national: 'TL-1', reference: 'CFT3.KA', relation: 'exact_match' },
  { national: 'TL-2', reference: 'CFT3.KD', relation: 'exact_match' },
  { national: 'TL-3', reference: 'CFT2.KD', relation: 'narrower' },
  { national: 'DT-1', reference: 'CFT4.KA', relation: 'exact_match' },
  { national: 'DT-2', reference: 'CFT4.KD', relation: 'broader' },
  { national: 'DT-3', reference: 'CFT5.KA', relation: 'exact_match' },
  { national: 'PG-1', reference: 'CFT6.KA', relation: 'exact_match' },
  { national: 'PG-2', reference: 'CFT6.KD', relation: 'exact_match' },
  { national: 'PG-3', reference: 'CFT6.KC', relation: 'narrower' },
];

const PROVINCES = [
  { en: 'Coastal Province', ru: 'Прибрежная провинция', pace: 0.8 },
  { en: 'Highland Province', ru: 'Горная провинция', pace: 0.55 },
  { en: 'Border Province', ru: 'Пограничная провинция', pace: 0.35 },
];
const SCHOOLS_PER_PROVINCE = 5;
const GIVEN = ['Amina', 'Davron', 'Elif', 'Farhod', 'Gulnara', 'Hasan', 'Iroda', 'Jamshid', 'Kamila', 'Laziz'];
const FAMILY = ['Aliyeva', 'Boboev', 'Chorieva', 'Doniyorov', 'Ergasheva', 'Fozilov', 'Goyibova'];

function standardSpec(name: string): ImportSpec {
  const where = { path: 'standard' };
  return {
    format: 'csv',
    caseIdentifier: null,
    title: { en: `${name}: Digital Teacher Standard`, ru: `${name}: стандарт цифрового учителя` },
    description: { en: 'Four domains of three competencies, each on four proficiency levels.' },
    version: '2025',
    languages: ['en', 'ru'],
    licence: null,
    updatedAt: null,
    levels: LEVELS.map((l) => ({ code: l.code, title: l.title, description: {}, where })),
    items: DOMAINS.flatMap((d, i) => [
      {
        key: d.code,
        caseIdentifier: randomUUID(),
        parentKey: null,
        type: 'aspect' as const,
        code: d.code,
        order: i,
        levelCode: null,
        title: d.title,
        statement: d.title as LocalizedText,
        notes: {},
        where,
      },
      ...d.competencies.map((c, j) => ({
        key: c.code,
        caseIdentifier: randomUUID(),
        parentKey: d.code,
        type: 'competency' as const,
        code: c.code,
        order: j,
        levelCode: null,
        title: c.title,
        statement: { en: c.statement },
        notes: {},
        where,
      })),
    ]),
    rubrics: [],
    externalLinks: [],
    skipped: 0,
  };
}

/**
 * A further, smaller demo country (`pathway demo --tenant CODE --country NAME`): three provinces of five
 * schools, `teachers` teachers rated by assessors on its own standard (four domains, four levels),
 * the reference framework and the standard's crosswalk to it, and a ministry sign-in `CODE-ministry`.
 * It shares nothing until its ministry grants it.
 */
export async function seedSecondCountry(
  database: Database,
  options: { code: string; name: string; teachers?: number },
) {
  const teachers = options.teachers ?? 300;
  const base = systemBase(database);
  const { tenant, root } = await org.createTenant(base, {
    code: options.code,
    name: { en: options.name },
    defaultLocale: 'en',
    locales: ['en', 'ru'],
    levelNames: [
      { en: 'Nation', ru: 'Страна' },
      { en: 'Province', ru: 'Провинция' },
      { en: 'School', ru: 'Школа' },
    ],
    root: { type: 'nation', code: options.code.toUpperCase(), name: { en: options.name } },
  });
  const ctx: Ctx = { ...base, tenantId: tenant.id };
  const at = nowIso();
  const prefix = options.code.toUpperCase();
  const placed = await inTransaction(ctx, async (tx) => {
    let key = await org.reservePathKeys(tx, PROVINCES.length * (1 + SCHOOLS_PER_PROVINCE));
    const rows: org.UnitRow[] = [];
    const unit = (parent: { id: string; path: string; depth: number }, type: string, code: string, name: Two) => {
      const row: org.UnitRow = {
        tenant_id: tx.tenantId,
        id: newId(),
        parent_id: parent.id,
        path: `${parent.path}${(key++).toString(36)}/`,
        depth: parent.depth + 1,
        type,
        code,
        name: JSON.stringify(name),
        locality: null,
        teacher_count: 0,
        created_at: at,
        updated_at: at,
      };
      rows.push(row);
      return row;
    };
    const schools: { row: org.UnitRow; province: number }[] = [];
    PROVINCES.forEach((p, i) => {
      const province = unit(root, 'region', `${prefix}-P${i + 1}`, { en: p.en, ru: p.ru });
      for (let s = 1; s <= SCHOOLS_PER_PROVINCE; s++)
        schools.push({
          row: unit(province, 'school', `${prefix}-P${i + 1}-S${s}`, {
            en: `${p.en} School ${s}`,
            ru: `Школа ${s}, ${p.ru}`,
          }),
          province: i,
        });
    });
    await org.insertUnitRows(tx, rows);
    await org.unitsLoaded.emit(tx, {});
    const persons: people.PersonRow[] = [];
    const pace: number[] = [];
    for (let n = 0; n < teachers; n++) {
      const school = schools[n % schools.length]!;
      const given = GIVEN[n % GIVEN.length]!;
      const family = FAMILY[(n * 3) % FAMILY.length]!;
      persons.push({
        tenant_id: tx.tenantId,
        id: newId(),
        org_unit_id: school.row.id,
        org_path: school.row.path,
        category: 'teacher',
        given_name: given,
        family_name: family,
        sort_name: people.sortNameOf(family, given),
        sex: n % 2 === 0 ? 'female' : 'male',
        national_id: `${prefix}${String(n + 1).padStart(7, '0')}`,
        emis_id: null,
        subjects: JSON.stringify(['ict']),
        grades: JSON.stringify([String((n % 11) + 1)]),
        languages: JSON.stringify(['en']),
        email: null,
        phone: null,
        created_at: at,
        updated_at: at,
      });
      pace.push(PROVINCES[school.province]!.pace);
    }
    await people.upsertPeopleRows(tx, persons);
    await org.recountTeachers(tx);
    await people.peopleLoaded.emit(tx, {});
    return { persons, pace };
  });

  const imported = await importSpec(ctx, standardSpec(options.name), new Faults());
  await frameworks.setStatus(ctx, imported.frameworkId, 'in_review');
  const standard = await frameworks.getFramework(
    ctx,
    (await frameworks.setStatus(ctx, imported.frameworkId, 'published')).id,
  );
  await reports.setTarget(ctx, root.id, standard.id, 'PRO');
  await mapToReference(ctx, standard.id, CROSSWALK);

  // Assessor ratings for every teacher, faster where the province is further along.
  const competencies = standard.items.filter((i) => i.type === 'competency');
  const events: assessment.NewEvent[] = [];
  placed.persons.forEach((person, n) => {
    const r = draws(n + 101);
    for (const [i, c] of competencies.entries()) {
      const v = placed.pace[n]! * 2.6 + (r() - 0.5) * 1.6 + (i % 4 === 0 ? 0.3 : 0);
      const rank = Math.max(0, Math.min(3, Math.floor(v)));
      events.push({
        personId: person.id,
        frameworkId: standard.id,
        itemId: c.id,
        levelCode: LEVELS[rank]!.code,
        kind: 'assessor',
        sourceType: 'rating',
        comment: 'Rated at the 2026 school assessment visit.',
      });
    }
  });
  for (let i = 0; i < events.length; i += 1000) await assessment.recordEvents(ctx, events.slice(i, i + 1000));

  // A few teachers' own self-assessments, so the country's screens are not empty of them.
  for (const person of placed.persons.slice(0, 30)) {
    const mine: Ctx = { ...ctx, actor: { ...ctx.actor, personId: person.id, accountId: null, username: 'demo' } };
    const started = await self.startSelfAssessment(mine, standard.id);
    await self.saveAnswers(mine, started.id, Object.fromEntries(competencies.map((c) => [c.id, 'DEV'])));
    await self.submitSelfAssessment(mine, started.id);
  }

  // The ministry's sign-in: it decides what the country shares.
  await inTransaction(ctx, async (tx) => {
    const officer = await people.createPerson(tx, {
      orgUnitId: root.id,
      category: 'officer',
      givenName: 'Nodir',
      familyName: 'Rashidov',
      nationalId: `${prefix}-MINISTRY`,
      subjects: [],
      grades: [],
      languages: ['en'],
    });
    await accounts.createAccount(tx, {
      personId: officer.id,
      username: `${options.code}-ministry`,
      password: PASSWORD,
      roles: [{ role: 'ministry_officer', orgUnitId: root.id }],
    });
  });
  return { tenant, teachers, schools: PROVINCES.length * SCHOOLS_PER_PROVINCE, login: `${options.code}-ministry` };
}
