import type { Database } from '../server/db/database.ts';
import * as accounts from '../server/modules/accounts/accounts.service.ts';
import * as frameworks from '../server/modules/frameworks/frameworks.service.ts';
import { registerMonitoring } from '../server/modules/monitoring/aggregates.service.ts';
import * as org from '../server/modules/org/org.service.ts';
import * as people from '../server/modules/people/people.service.ts';
import { registerPractice } from '../server/modules/practice/practice.events.ts';
import { registerRecognition } from '../server/modules/recognition/awards.service.ts';
import { foldEveryRound } from '../server/modules/surveys/tally.ts';
import type { Role } from '../server/shared/access.ts';
import { recordAudit } from '../server/shared/audit.ts';
import { type Ctx, inTransaction, systemBase } from '../server/shared/context.ts';
import { newId, nowIso } from '../server/shared/ids.ts';
import type { LocalizedText } from '../server/shared/text.ts';
import { refreshStatistics } from './context.ts';
import { seedDemoAssessment } from './demo-assessment.ts';
import { seedLibrary } from './demo-community.ts';
import { type ActiveTeacher, seedDemoCountry } from './demo-country.ts';
import { seedEvaluation } from './demo-evaluation.ts';
import { seedDemoFramework } from './demo-framework.ts';
import { seedGatherings } from './demo-gatherings.ts';
import { seedDemoMonitoring, seedDemoSurveyIndicator } from './demo-monitoring.ts';
import { seedCycles } from './demo-practice-cycles.ts';
import { seedDesigns } from './demo-practice-designs.ts';
import { seedFollowThrough } from './demo-practice-followthrough.ts';
import { seedPartnerships } from './demo-practice-partnerships.ts';
import { seedSchoolPlans } from './demo-practice-schoolplans.ts';
import { seedDemoRecognition } from './demo-recognition.ts';
import { seedRegionalDemo } from './demo-second-country.ts';
import { seedSurveys } from './demo-surveys.ts';
import { amberfieldCohorts, seedDemoCatalogue, seedDemoTraining } from './demo-training.ts';
import { seedDemoTranslations } from './demo-translations.ts';

export const DEMO_TENANT = 'demo';
export const DEMO_PASSWORD = 'pathway-demo';

/** One sign-in per role; each person sits where the role is assigned. */
export const DEMO_LOGINS: { username: string; role: Role; where: string }[] = [
  { username: 'admin', role: 'admin', where: 'the nation' },
  { username: 'ministry', role: 'ministry_officer', where: 'the nation' },
  { username: 'regional', role: 'regional_officer', where: 'Northern Highlands region' },
  { username: 'district', role: 'district_officer', where: 'Amberfield district' },
  { username: 'leader', role: 'school_leader', where: 'Amberfield School No. 1' },
  { username: 'teacher', role: 'teacher', where: 'Amberfield School No. 1' },
  { username: 'trainer', role: 'trainer', where: 'Northern Highlands Teacher College' },
  { username: 'assessor', role: 'assessor', where: 'Northern Highlands region' },
  { username: 'translator', role: 'translator', where: 'the nation (ru, uz, ne, fil)' },
];

/** Text in each of the demo's five languages: a name the demo builds must have them all. */
type FiveLanguages = Record<'en' | 'ru' | 'uz' | 'ne' | 'fil', string>;

const REGIONS: FiveLanguages[] = [
  {
    en: 'Northern Highlands',
    ru: 'Северное нагорье',
    uz: 'Shimoliy tog‘lar',
    ne: 'उत्तरी पहाड',
    fil: 'Hilagang Kabundukan',
  },
  { en: 'River Plains', ru: 'Речные равнины', uz: 'Daryo tekisliklari', ne: 'नदी मैदान', fil: 'Kapatagan ng Ilog' },
  { en: 'Eastern Coast', ru: 'Восточное побережье', uz: 'Sharqiy sohil', ne: 'पूर्वी तट', fil: 'Silangang Baybayin' },
  { en: 'Central Valley', ru: 'Центральная долина', uz: 'Markaziy vodiy', ne: 'मध्य उपत्यका', fil: 'Gitnang Lambak' },
  { en: 'Western Steppe', ru: 'Западная степь', uz: 'G‘arbiy dasht', ne: 'पश्चिमी मैदान', fil: 'Kanlurang Parang' },
  { en: 'Southern Lakes', ru: 'Южные озёра', uz: 'Janubiy ko‘llar', ne: 'दक्षिणी ताल', fil: 'Katimugang Lawa' },
  {
    en: 'Island Provinces',
    ru: 'Островные провинции',
    uz: 'Orol viloyatlari',
    ne: 'टापु प्रदेश',
    fil: 'Mga Lalawigang Pulo',
  },
];
/** District names are place names: spelt for each script, as a map of the country would. */
const DISTRICT_NAMES: FiveLanguages[] = [
  { en: 'Amberfield', ru: 'Эмберфилд', uz: 'Emberfild', ne: 'एम्बरफिल्ड', fil: 'Amberfield' },
  { en: 'Birchwood', ru: 'Берчвуд', uz: 'Berchvud', ne: 'बर्चवुड', fil: 'Birchwood' },
  { en: 'Cedar Bay', ru: 'Сидар-Бей', uz: 'Sidar-Bey', ne: 'सिडार बे', fil: 'Cedar Bay' },
  { en: 'Dunmore', ru: 'Данмор', uz: 'Danmor', ne: 'डनमोर', fil: 'Dunmore' },
  { en: 'Elmstead', ru: 'Элмстед', uz: 'Elmsted', ne: 'एल्मस्टेड', fil: 'Elmstead' },
  { en: 'Fernhill', ru: 'Фернхилл', uz: 'Fernxill', ne: 'फर्नहिल', fil: 'Fernhill' },
  { en: 'Granton', ru: 'Грантон', uz: 'Granton', ne: 'ग्रान्टन', fil: 'Granton' },
  { en: 'Hollow Creek', ru: 'Холлоу-Крик', uz: 'Xollou-Krik', ne: 'होलो क्रिक', fil: 'Hollow Creek' },
];
/** Nepali writes numbers in Devanagari digits. */
const devanagari = (n: string) => n.replace(/[0-9]/g, (d) => '०१२३४५६७८९'[Number(d)]!);
/** An org unit's name in every language, from the names it is built from. */
const named = (parts: FiveLanguages): FiveLanguages => parts;
const GIVEN = {
  female: ['Aruna', 'Maria', 'Dilnoza', 'Sita', 'Lourdes', 'Nodira', 'Gita', 'Ana', 'Malika', 'Rina'],
  male: ['Ramesh', 'Jose', 'Bekzod', 'Hari', 'Paolo', 'Aziz', 'Bikash', 'Carlo', 'Timur', 'Suman'],
};
const FAMILY = [
  'Adhikari',
  'Santos',
  'Karimov',
  'Shrestha',
  'Reyes',
  'Yusupova',
  'Gurung',
  'Cruz',
  'Rahimov',
  'Thapa',
  'Bautista',
  'Tashkentova',
];
const SUBJECTS = ['mathematics', 'science', 'language', 'social_studies', 'ict', 'arts'];
const LEVELS: LocalizedText[] = [
  { en: 'Nation', ru: 'Страна', uz: 'Mamlakat', ne: 'राष्ट्र', fil: 'Bansa' },
  { en: 'Region', ru: 'Регион', uz: 'Viloyat', ne: 'प्रदेश', fil: 'Rehiyon' },
  { en: 'District', ru: 'Район', uz: 'Tuman', ne: 'जिल्ला', fil: 'Distrito' },
  { en: 'School', ru: 'Школа', uz: 'Maktab', ne: 'विद्यालय', fil: 'Paaralan' },
];

/**
 * The teachers the country's activity reaches (self-assessments, ratings, training, plans, coaching):
 * all of them at demo sizes; a sample of a benchmark's million, so its seed stays bounded.
 */
const ACTIVE_TEACHERS = 4000;

export interface DemoOptions {
  teachers: number;
  /** Size the school network for this many teachers (default: `teachers`); the benchmark loads them itself. */
  sizeFor?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Seeds the fictional Republic of Meridia. Deterministic: the same N gives the same country. */
export async function seedDemo(database: Database, options: DemoOptions) {
  registerMonitoring();
  registerPractice();
  registerRecognition();
  const base = systemBase(database);
  const { tenant, root } = await org.createTenant(base, {
    code: DEMO_TENANT,
    name: {
      en: 'Republic of Meridia',
      ru: 'Республика Меридия',
      uz: 'Meridiya Respublikasi',
      ne: 'मेरिडिया गणतन्त्र',
      fil: 'Republika ng Meridia',
    },
    defaultLocale: 'en',
    locales: ['en', 'ru', 'uz', 'ne', 'fil'],
    levelNames: LEVELS,
    root: {
      type: 'nation',
      code: 'MRD',
      name: { en: 'Meridia', ru: 'Меридия', uz: 'Meridiya', ne: 'मेरिडिया', fil: 'Meridia' },
    },
  });
  const ctx: Ctx = { ...base, tenantId: tenant.id };
  const schoolsTotal = Math.max(24, Math.ceil((options.sizeFor ?? options.teachers) / 40));
  const districtsPerRegion = Math.max(2, Math.ceil(schoolsTotal / (REGIONS.length * 30)));
  const at = nowIso();

  const units = await inTransaction(ctx, async (tx) => {
    const rows: org.UnitRow[] = [];
    let key = await org.reservePathKeys(tx, REGIONS.length * (2 + districtsPerRegion * 2) + schoolsTotal);
    const unit = (
      parent: { id: string; path: string; depth: number },
      type: string,
      code: string,
      name: LocalizedText,
      locality: string | null = null,
    ) => {
      const row: org.UnitRow = {
        tenant_id: tx.tenantId,
        id: newId(),
        parent_id: parent.id,
        path: `${parent.path}${(key++).toString(36)}/`,
        depth: parent.depth + 1,
        type,
        code,
        name: JSON.stringify(name),
        locality,
        teacher_count: 0,
        created_at: at,
        updated_at: at,
      };
      rows.push(row);
      return row;
    };
    const schools: org.UnitRow[] = [];
    const districts: org.UnitRow[] = [];
    const teis: org.UnitRow[] = [];
    const districtNames: FiveLanguages[] = [];
    REGIONS.forEach((regionName, r) => {
      const region = unit(root, 'region', `R${r + 1}`, regionName);
      const college = named({
        en: `${regionName.en} Teacher College`,
        ru: `Педагогический колледж «${regionName.ru}»`,
        uz: `${regionName.uz} pedagogika kolleji`,
        ne: `${regionName.ne} शिक्षक कलेज`,
        fil: `Kolehiyo ng mga Guro ng ${regionName.fil}`,
      });
      teis.push(unit(region, 'tei', `R${r + 1}-TEI`, college));
      for (let d = 0; d < districtsPerRegion; d++) {
        const base = DISTRICT_NAMES[(r + d) % DISTRICT_NAMES.length]!;
        const suffix = r === 0 && d === 0 ? '' : ` ${r + 1}-${d + 1}`;
        const districtName = named({
          en: `${base.en}${suffix}`,
          ru: `${base.ru}${suffix}`,
          uz: `${base.uz}${suffix}`,
          ne: `${base.ne}${devanagari(suffix)}`,
          fil: `${base.fil}${suffix}`,
        });
        const district = unit(region, 'district', `R${r + 1}-D${d + 1}`, districtName);
        districts.push(district);
        districtNames.push(districtName);
        const centre = named({
          en: `${districtName.en} ICT Resource Centre`,
          ru: `Ресурсный центр ИКТ района ${districtName.ru}`,
          uz: `${districtName.uz} tumani AKT resurs markazi`,
          ne: `${districtName.ne} सूचना प्रविधि स्रोत केन्द्र`,
          fil: `ICT Resource Centre ng ${districtName.fil}`,
        });
        unit(district, 'resource_centre', `R${r + 1}-D${d + 1}-RC`, centre);
      }
    });
    for (let s = 0; s < schoolsTotal; s++) {
      const district = districts[s % districts.length]!;
      const name = districtNames[s % districts.length]!;
      const n = Math.floor(s / districts.length) + 1;
      const school = named({
        en: `${name.en} School No. ${n}`,
        ru: `Школа № ${n} района ${name.ru}`,
        uz: `${name.uz} tumani ${n}-maktab`,
        ne: `${name.ne} विद्यालय नं. ${devanagari(String(n))}`,
        fil: `Paaralan Blg. ${n} ng ${name.fil}`,
      });
      schools.push(unit(district, 'school', `${district.code}-S${n}`, school, s % 3 === 0 ? 'urban' : 'rural'));
    }
    await org.insertUnitRows(tx, rows);
    await org.unitsLoaded.emit(tx, {});
    return { schools, districts, teis, regions: rows.filter((u) => u.type === 'region') };
  });

  // Where each school is, for the pace of its activity: region, district within it, urban or rural.
  const schoolPlace = units.schools.map((school) => {
    const [, r, d] = /^R(\d+)-D(\d+)-/.exec(school.code ?? '')!;
    return { region: Number(r) - 1, district: Number(d) - 1, urban: school.locality === 'urban' };
  });
  const active: ActiveTeacher[] = [];
  // Teachers in batches, each its own transaction so a million-teacher seed streams with a progress bar.
  const batch = 5000;
  for (let start = 0; start < options.teachers; start += batch) {
    const rows: people.PersonRow[] = [];
    for (let i = start; i < Math.min(options.teachers, start + batch); i++) {
      const school = units.schools[i % units.schools.length]!;
      // Alternate the sex within each school, not across schools (an even count of schools would make each single-sex).
      rows.push(demoPerson(ctx.tenantId, school, i, 'teacher', at, Math.floor(i / units.schools.length)));
      if (i < ACTIVE_TEACHERS) active.push({ id: rows.at(-1)!.id, n: i, ...schoolPlace[i % units.schools.length]! });
    }
    await inTransaction(ctx, (tx) => people.upsertPeopleRows(tx, rows));
    options.onProgress?.(Math.min(options.teachers, start + batch), options.teachers);
  }

  const school1 = units.schools[0]!;
  const district1 = units.districts[0]!;
  const region1 = units.regions[0]!;
  const tei1 = units.teis[0]!;
  const placement: Record<string, { unit: org.UnitRow | { id: string; path: string }; category: string }> = {
    admin: { unit: root, category: 'officer' },
    ministry: { unit: root, category: 'officer' },
    regional: { unit: region1, category: 'officer' },
    district: { unit: district1, category: 'officer' },
    leader: { unit: school1, category: 'school_leader' },
    teacher: { unit: school1, category: 'teacher' },
    trainer: { unit: tei1, category: 'trainer' },
    assessor: { unit: region1, category: 'assessor' },
    translator: { unit: root, category: 'officer' },
  };
  await inTransaction(ctx, async (tx) => {
    const rows = DEMO_LOGINS.map((login, i) => {
      const place = placement[login.username]!;
      return demoPerson(tx.tenantId, place.unit as org.UnitRow, 9_000_000 + i, place.category, at);
    });
    await people.upsertPeopleRows(tx, rows);
    await org.recountTeachers(tx);
    await people.peopleLoaded.emit(tx, {});
    await recordAudit(tx.db, tx, 'demo.seed', { type: 'tenant', id: tx.tenantId }, null, {
      teachers: options.teachers,
    });
    const accountOf = new Map<string, string>();
    for (const [i, login] of DEMO_LOGINS.entries()) {
      const place = placement[login.username]!;
      const account = await accounts.createAccount(tx, {
        personId: rows[i]!.id,
        username: login.username,
        password: DEMO_PASSWORD,
        roles: [{ role: login.role, orgUnitId: place.unit.id }],
      });
      accountOf.set(login.username, account.id);
    }
    const framework = await seedDemoFramework(tx);
    const personOf = (username: string) => rows[DEMO_LOGINS.findIndex((l) => l.username === username)]!.id;
    const standard = await frameworks.getFramework(tx, framework.id);
    const leader = { id: personOf('leader'), accountId: accountOf.get('leader')! };
    const assessor = { id: personOf('assessor'), accountId: accountOf.get('assessor')! };
    await seedDemoAssessment(
      tx,
      standard,
      { nationId: root.id, districtId: district1.id, schoolId: school1.id },
      { teacherId: personOf('teacher'), leader },
    );
    await refreshStatistics(tx);
    const catalogue = await seedDemoCatalogue(
      tx,
      standard,
      { teiId: tei1.id, nationId: root.id },
      { trainerId: personOf('trainer') },
    );
    const monitoring = await seedDemoMonitoring(
      tx,
      standard,
      { nationId: root.id, regionId: region1.id },
      { integrationModuleId: catalogue.modules[0] },
    );
    await seedDemoRecognition(tx, standard, { trainerId: personOf('trainer'), assessor });
    const cohorts = await amberfieldCohorts(tx, district1.id, personOf('teacher'));
    await seedDemoCountry(
      tx,
      standard,
      { teiIds: units.teis.map((t) => t.id), nationId: root.id },
      active.filter((t) => t.id !== personOf('teacher')),
      new Set([...cohorts.upcoming, ...cohorts.lastTerm]),
      { moduleIds: catalogue.modules, programmeId: catalogue.programmeId, expertId: catalogue.expertId },
    );
    await refreshStatistics(tx);
    await seedDemoTraining(
      tx,
      standard,
      { teiId: tei1.id, districtId: district1.id },
      { trainerId: personOf('trainer'), teacherId: personOf('teacher') },
      { moduleId: catalogue.modules[0] },
    );
    // Classroom practice: colleges partner with schools, teachers design activities, coaches follow through.
    await seedPartnerships(tx, { trainerId: personOf('trainer') });
    await seedDesigns(tx, active, { teacherId: personOf('teacher'), leaderId: personOf('leader') });
    // The resource library: curricula, a case study, a filmed lesson and shared designs, in every language.
    await seedLibrary(tx, active);
    // Communities of practice, seminars and meetings, and a PBL grant call in review.
    await seedGatherings(tx, active);
    await refreshStatistics(tx);
    await seedCycles(tx);
    await seedFollowThrough(tx);
    await seedSchoolPlans(tx);
    await refreshStatistics(tx);
    await seedEvaluation(tx, standard, active, catalogue.modules[0]);
    // Last year's and this year's national survey of training effectiveness, answered across the country.
    await seedSurveys(tx, root.id);
    await refreshStatistics(tx);
    await seedDemoSurveyIndicator(tx, { nationId: root.id }, monitoring.practiceObjectiveId);
    await seedDemoTranslations(tx, accountOf.get('translator')!);
  });
  // The surveys' answers are counted now, not while the ministry waits for its first dashboard.
  await foldEveryRound(ctx);
  // The reference framework, Meridia's crosswalk to it, and a regional office Meridia shares with.
  await seedRegionalDemo(database, tenant.id);
  return { tenant, schools: units.schools.length, districts: units.districts.length, teachers: options.teachers };
}

function demoPerson(
  tenantId: string,
  unit: { id: string; path: string },
  i: number,
  category: string,
  at: string,
  round = 0,
): people.PersonRow {
  const sex = (i + round) % 2 === 0 ? 'female' : 'male';
  const given = GIVEN[sex][i % 10]!;
  const family = FAMILY[(i * 7) % FAMILY.length]!;
  const subject = SUBJECTS[i % SUBJECTS.length]!;
  return {
    tenant_id: tenantId,
    id: newId(),
    org_unit_id: unit.id,
    org_path: unit.path,
    category,
    given_name: given,
    family_name: family,
    sort_name: people.sortNameOf(family, given),
    sex,
    national_id: `MRD${String(i + 1).padStart(8, '0')}`,
    emis_id: null,
    subjects: JSON.stringify(category === 'teacher' ? [subject] : []),
    grades: JSON.stringify(category === 'teacher' ? [String((i % 12) + 1)] : []),
    languages: JSON.stringify(['en']),
    email: null,
    phone: null,
    created_at: at,
    updated_at: at,
  };
}
