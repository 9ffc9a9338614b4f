import type { Ctx } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import type { LocalizedText } from '../../shared/text.ts';
import { addLink } from '../frameworks/crosswalks.service.ts';
import { Faults, type ImportSpec, importSpec } from '../frameworks/frameworks.import.ts';
import { getFramework } from '../frameworks/frameworks.service.ts';

/**
 * The reference framework countries are compared through: UNESCO's ICT Competency Framework for
 * Teachers, version 3 (6 aspects by 3 levels, 18 competencies; the statements here are Pathway's own
 * short wording). Every identifier is fixed, so the same reference, item for item, exists in every
 * tenant and in every installation: a crosswalk made in one country and an aggregate package made in
 * another name the same reference competency by the same CASE identifier.
 */
export const REFERENCE_CASE_IDENTIFIER = '7c54d963-ee5b-49c6-9f4e-b74a1f53f5fe';

export const REFERENCE_ASPECT_POLICY = '8101a3ee-57b4-431f-8155-fdbb439b4a16';
export const REFERENCE_ASPECT_CURRICULUM = '3ffe6f60-0150-43d2-837a-08728a0ffd1c';
export const REFERENCE_ASPECT_PEDAGOGY = '33098122-4a6e-4bcc-a00b-1464ded8cebd';
export const REFERENCE_ASPECT_DIGITAL_SKILLS = 'eaf889bd-4b74-4a15-8940-28c31d3b1e5d';
export const REFERENCE_ASPECT_ORGANIZATION = '611406bd-2fbe-41b4-a971-c27c075b9f4e';
export const REFERENCE_ASPECT_PROFESSIONAL_LEARNING = '64a44f05-9cff-4385-a9b6-fd1f1fac3279';

export const REFERENCE_POLICY_UNDERSTANDING = '0a1e684e-203d-4c79-9c4d-77b655a3df17';
export const REFERENCE_POLICY_APPLICATION = '2d637a0f-f123-4361-858b-d9504eeca571';
export const REFERENCE_POLICY_INNOVATION = 'c8e7adaf-582e-43c2-8e50-9dd8d7a22c5e';
export const REFERENCE_BASIC_KNOWLEDGE = 'e2c37cf3-29d8-4b79-b10f-adaa054b074e';
export const REFERENCE_KNOWLEDGE_APPLICATION = 'ea70437b-1c77-4b20-8d60-42b6f16ee2d1';
export const REFERENCE_KNOWLEDGE_SOCIETY_SKILLS = '3e6aec19-5395-43e5-b5d7-d11a26364965';
export const REFERENCE_ICT_ENHANCED_TEACHING = 'f2165207-5f64-450a-bc62-43efcc9854b0';
export const REFERENCE_COMPLEX_PROBLEM_SOLVING = '34f11a7d-344b-4450-ba8a-ee5ac2fde57e';
export const REFERENCE_SELF_MANAGEMENT = 'b14c5b77-3303-4def-947b-1840d9d76369';
export const REFERENCE_APPLICATION = '22658ed9-2433-4a2a-aa66-0850f47821ad';
export const REFERENCE_INFUSION = 'b3266013-5146-4cf3-9a2c-1183a439f6bb';
export const REFERENCE_TRANSFORMATION = '33252e5a-1fd2-4e13-a072-d125634692c4';
export const REFERENCE_STANDARD_CLASSROOM = '4b1ef725-7c20-444a-98ed-1290a6dc068c';
export const REFERENCE_COLLABORATIVE_GROUPS = '300c324a-fe6d-438a-b916-c87bd745d751';
export const REFERENCE_LEARNING_ORGANIZATIONS = '3126f8bc-96fc-4878-b984-ae6544d7acb7';
export const REFERENCE_DIGITAL_LITERACY = 'c9c0f403-1b41-4c73-a04a-effee6c9ecc9';
export const REFERENCE_NETWORKING = 'dbc3ce92-d927-4ff2-81b3-af738ad0b725';
export const REFERENCE_MODEL_LEARNER = 'b0daa9f6-3ace-486c-bedd-4123c9f0ba7f';

type Five = Record<'en' | 'ru' | 'uz' | 'ne' | 'fil', string>;
type Level = 'KA' | 'KD' | 'KC';

const LEVELS: { code: Level; title: Five }[] = [
  {
    code: 'KA',
    title: {
      en: 'Knowledge Acquisition',
      ru: 'Приобретение знаний',
      uz: 'Bilim egallash',
      ne: 'ज्ञान प्राप्ति',
      fil: 'Pagkuha ng Kaalaman',
    },
  },
  {
    code: 'KD',
    title: {
      en: 'Knowledge Deepening',
      ru: 'Углубление знаний',
      uz: 'Bilimni chuqurlashtirish',
      ne: 'ज्ञान गहनता',
      fil: 'Pagpapalalim ng Kaalaman',
    },
  },
  {
    code: 'KC',
    title: {
      en: 'Knowledge Creation',
      ru: 'Создание знаний',
      uz: 'Bilim yaratish',
      ne: 'ज्ञान सिर्जना',
      fil: 'Paglikha ng Kaalaman',
    },
  },
];

interface ReferenceCompetency {
  identifier: string;
  level: Level;
  title: Five;
  statement: string;
}
interface ReferenceAspect {
  identifier: string;
  code: string;
  title: Five;
  competencies: [ReferenceCompetency, ReferenceCompetency, ReferenceCompetency];
}

const ASPECTS: ReferenceAspect[] = [
  {
    identifier: REFERENCE_ASPECT_POLICY,
    code: 'CFT1',
    title: {
      en: 'Understanding ICT in Education Policy',
      ru: 'Понимание политики в области ИКТ в образовании',
      uz: 'Ta’limda AKT siyosatini tushunish',
      ne: 'शिक्षामा सूचना प्रविधि नीतिको बुझाइ',
      fil: 'Pag-unawa sa Patakaran ng ICT sa Edukasyon',
    },
    competencies: [
      {
        identifier: REFERENCE_POLICY_UNDERSTANDING,
        level: 'KA',
        title: {
          en: 'Policy understanding',
          ru: 'Понимание политики',
          uz: 'Siyosatni tushunish',
          ne: 'नीति बुझाइ',
          fil: 'Pag-unawa sa patakaran',
        },
        statement: 'Explains how the national ICT-in-education policy shapes their own classroom practice.',
      },
      {
        identifier: REFERENCE_POLICY_APPLICATION,
        level: 'KD',
        title: {
          en: 'Policy application',
          ru: 'Применение политики',
          uz: 'Siyosatni qo‘llash',
          ne: 'नीति प्रयोग',
          fil: 'Paglalapat ng patakaran',
        },
        statement: 'Designs school activities that put the policy’s goals into practice and reports on them.',
      },
      {
        identifier: REFERENCE_POLICY_INNOVATION,
        level: 'KC',
        title: {
          en: 'Policy innovation',
          ru: 'Инновации в политике',
          uz: 'Siyosatdagi innovatsiya',
          ne: 'नीति नवप्रवर्तन',
          fil: 'Inobasyon sa patakaran',
        },
        statement: 'Contributes evidence from practice to the review and renewal of education policy.',
      },
    ],
  },
  {
    identifier: REFERENCE_ASPECT_CURRICULUM,
    code: 'CFT2',
    title: {
      en: 'Curriculum and Assessment',
      ru: 'Учебная программа и оценивание',
      uz: 'O‘quv dasturi va baholash',
      ne: 'पाठ्यक्रम र मूल्याङ्कन',
      fil: 'Kurikulum at Pagtatasa',
    },
    competencies: [
      {
        identifier: REFERENCE_BASIC_KNOWLEDGE,
        level: 'KA',
        title: {
          en: 'Basic knowledge',
          ru: 'Базовые знания',
          uz: 'Asosiy bilimlar',
          ne: 'आधारभूत ज्ञान',
          fil: 'Batayang kaalaman',
        },
        statement: 'Uses ICT to cover curriculum content and to run simple assessments of it.',
      },
      {
        identifier: REFERENCE_KNOWLEDGE_APPLICATION,
        level: 'KD',
        title: {
          en: 'Knowledge application',
          ru: 'Применение знаний',
          uz: 'Bilimlarni qo‘llash',
          ne: 'ज्ञानको प्रयोग',
          fil: 'Paglalapat ng kaalaman',
        },
        statement: 'Uses ICT so learners apply curriculum knowledge to real problems, assessed by performance.',
      },
      {
        identifier: REFERENCE_KNOWLEDGE_SOCIETY_SKILLS,
        level: 'KC',
        title: {
          en: 'Knowledge society skills',
          ru: 'Навыки общества знаний',
          uz: 'Bilimlar jamiyati ko‘nikmalari',
          ne: 'ज्ञान समाजका सीप',
          fil: 'Mga kasanayan sa lipunan ng kaalaman',
        },
        statement: 'Builds learners’ skills for a knowledge society and assesses them continuously with ICT.',
      },
    ],
  },
  {
    identifier: REFERENCE_ASPECT_PEDAGOGY,
    code: 'CFT3',
    title: { en: 'Pedagogy', ru: 'Педагогика', uz: 'Pedagogika', ne: 'शिक्षणशास्त्र', fil: 'Pedagohiya' },
    competencies: [
      {
        identifier: REFERENCE_ICT_ENHANCED_TEACHING,
        level: 'KA',
        title: {
          en: 'ICT-enhanced teaching',
          ru: 'Обучение с помощью ИКТ',
          uz: 'AKT bilan boyitilgan o‘qitish',
          ne: 'सूचना प्रविधियुक्त शिक्षण',
          fil: 'Pagtuturong pinahusay ng ICT',
        },
        statement: 'Chooses ICT resources that support a lesson’s aims and uses them in teaching.',
      },
      {
        identifier: REFERENCE_COMPLEX_PROBLEM_SOLVING,
        level: 'KD',
        title: {
          en: 'Complex problem solving',
          ru: 'Решение сложных задач',
          uz: 'Murakkab muammolarni hal qilish',
          ne: 'जटिल समस्या समाधान',
          fil: 'Paglutas ng masalimuot na problema',
        },
        statement: 'Runs learner-centred, collaborative projects in which ICT supports solving complex problems.',
      },
      {
        identifier: REFERENCE_SELF_MANAGEMENT,
        level: 'KC',
        title: {
          en: 'Self-management',
          ru: 'Самоуправление',
          uz: 'O‘zini o‘zi boshqarish',
          ne: 'आत्म-व्यवस्थापन',
          fil: 'Sariling pamamahala',
        },
        statement: 'Helps learners plan and manage their own learning and create knowledge with ICT.',
      },
    ],
  },
  {
    identifier: REFERENCE_ASPECT_DIGITAL_SKILLS,
    code: 'CFT4',
    title: {
      en: 'Application of Digital Skills',
      ru: 'Применение цифровых навыков',
      uz: 'Raqamli ko‘nikmalarni qo‘llash',
      ne: 'डिजिटल सीपको प्रयोग',
      fil: 'Paglalapat ng mga Digital na Kasanayan',
    },
    competencies: [
      {
        identifier: REFERENCE_APPLICATION,
        level: 'KA',
        title: { en: 'Application', ru: 'Применение', uz: 'Qo‘llash', ne: 'प्रयोग', fil: 'Paglalapat' },
        statement: 'Operates common hardware and software and uses them for everyday teaching tasks.',
      },
      {
        identifier: REFERENCE_INFUSION,
        level: 'KD',
        title: { en: 'Infusion', ru: 'Интеграция', uz: 'Singdirish', ne: 'समावेशन', fil: 'Pagsasanib' },
        statement: 'Combines a range of digital tools flexibly to support learners’ inquiry and collaboration.',
      },
      {
        identifier: REFERENCE_TRANSFORMATION,
        level: 'KC',
        title: {
          en: 'Transformation',
          ru: 'Трансформация',
          uz: 'Transformatsiya',
          ne: 'रूपान्तरण',
          fil: 'Transpormasyon',
        },
        statement: 'Designs learning communities and environments that digital tools make possible.',
      },
    ],
  },
  {
    identifier: REFERENCE_ASPECT_ORGANIZATION,
    code: 'CFT5',
    title: {
      en: 'Organization and Administration',
      ru: 'Организация и администрирование',
      uz: 'Tashkil etish va boshqarish',
      ne: 'संगठन र प्रशासन',
      fil: 'Organisasyon at Administrasyon',
    },
    competencies: [
      {
        identifier: REFERENCE_STANDARD_CLASSROOM,
        level: 'KA',
        title: {
          en: 'Standard classroom',
          ru: 'Обычный класс',
          uz: 'Odatiy sinf',
          ne: 'सामान्य कक्षा',
          fil: 'Karaniwang silid-aralan',
        },
        statement: 'Organises the classroom so every learner can use the available devices safely.',
      },
      {
        identifier: REFERENCE_COLLABORATIVE_GROUPS,
        level: 'KD',
        title: {
          en: 'Collaborative groups',
          ru: 'Совместная работа в группах',
          uz: 'Hamkorlikdagi guruhlar',
          ne: 'सहकार्य समूह',
          fil: 'Mga pangkat na nagtutulungan',
        },
        statement: 'Arranges flexible groups and time so learners collaborate with ICT in and beyond class.',
      },
      {
        identifier: REFERENCE_LEARNING_ORGANIZATIONS,
        level: 'KC',
        title: {
          en: 'Learning organizations',
          ru: 'Обучающиеся организации',
          uz: 'O‘rganuvchi tashkilotlar',
          ne: 'सिक्ने संस्था',
          fil: 'Mga organisasyong natututo',
        },
        statement: 'Leads the school’s development as a learning organisation supported by ICT.',
      },
    ],
  },
  {
    identifier: REFERENCE_ASPECT_PROFESSIONAL_LEARNING,
    code: 'CFT6',
    title: {
      en: 'Teacher Professional Learning',
      ru: 'Профессиональное развитие учителя',
      uz: 'O‘qituvchining kasbiy rivojlanishi',
      ne: 'शिक्षकको पेशागत सिकाइ',
      fil: 'Propesyonal na Pagkatuto ng Guro',
    },
    competencies: [
      {
        identifier: REFERENCE_DIGITAL_LITERACY,
        level: 'KA',
        title: {
          en: 'Digital literacy',
          ru: 'Цифровая грамотность',
          uz: 'Raqamli savodxonlik',
          ne: 'डिजिटल साक्षरता',
          fil: 'Digital na literasiya',
        },
        statement: 'Uses ICT for their own professional learning and to manage their work.',
      },
      {
        identifier: REFERENCE_NETWORKING,
        level: 'KD',
        title: {
          en: 'Networking',
          ru: 'Сетевое взаимодействие',
          uz: 'Tarmoq orqali hamkorlik',
          ne: 'सञ्जाल निर्माण',
          fil: 'Pakikipag-ugnayan sa network',
        },
        statement: 'Takes part in online networks of teachers to share practice and learn from peers.',
      },
      {
        identifier: REFERENCE_MODEL_LEARNER,
        level: 'KC',
        title: {
          en: 'Teacher as model learner',
          ru: 'Учитель как образец учащегося',
          uz: 'O‘qituvchi — namunali o‘rganuvchi',
          ne: 'आदर्श सिकारुका रूपमा शिक्षक',
          fil: 'Guro bilang huwarang mag-aaral',
        },
        statement: 'Experiments, reflects and innovates continually, and leads colleagues in doing so.',
      },
    ],
  },
];

/** Every competency of the reference by its code (CFT1.KA … CFT6.KC), for crosswalks written by code. */
export const REFERENCE_COMPETENCIES: ReadonlyMap<string, string> = new Map(
  ASPECTS.flatMap((a) => a.competencies.map((c) => [`${a.code}.${c.level}`, c.identifier] as const)),
);

const TITLE: Five = {
  en: 'UNESCO ICT Competency Framework for Teachers (version 3): reference',
  ru: 'Рамка ИКТ-компетентности учителей ЮНЕСКО (версия 3): эталон',
  uz: 'YUNESKOning o‘qituvchilar AKT kompetensiyalari doirasi (3-versiya): namuna',
  ne: 'युनेस्को शिक्षकका लागि सूचना प्रविधि दक्षता ढाँचा (संस्करण ३): सन्दर्भ',
  fil: 'UNESCO ICT Competency Framework for Teachers (bersyon 3): sanggunian',
};

/** The reference as an import spec: a CASE document whose identifiers are the constants above. */
function referenceSpec(): ImportSpec {
  const where = { path: 'reference' };
  const items = ASPECTS.flatMap((aspect, a) => [
    {
      key: aspect.identifier,
      caseIdentifier: aspect.identifier,
      parentKey: null,
      type: 'aspect' as const,
      code: aspect.code,
      order: a,
      levelCode: null,
      title: aspect.title,
      statement: aspect.title as LocalizedText,
      notes: {},
      where,
    },
    ...aspect.competencies.map((c, i) => ({
      key: c.identifier,
      caseIdentifier: c.identifier,
      parentKey: aspect.identifier,
      type: 'competency' as const,
      code: `${aspect.code}.${c.level}`,
      order: i,
      levelCode: c.level,
      title: c.title,
      statement: { en: c.statement },
      notes: {},
      where,
    })),
  ]);
  return {
    format: 'case',
    caseIdentifier: REFERENCE_CASE_IDENTIFIER,
    title: TITLE,
    description: {
      en: 'The common reference a regional office compares countries through: 6 aspects of teachers’ work by 3 levels of knowledge. Each country maps its own standard to it.',
    },
    version: '3.0',
    languages: ['en', 'ru', 'uz', 'ne', 'fil'],
    licence: null,
    updatedAt: null,
    levels: LEVELS.map((l) => ({ code: l.code, title: l.title, description: {}, where })),
    items,
    rubrics: [],
    externalLinks: [],
    skipped: 0,
  };
}

/**
 * Puts the reference framework into the tenant (as an imported draft), or finds it there: the same document,
 * identified by REFERENCE_CASE_IDENTIFIER, in every tenant.
 */
export async function installReference(ctx: Ctx): Promise<string> {
  const found = await ctx.db
    .selectFrom('framework')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('case_identifier', '=', REFERENCE_CASE_IDENTIFIER)
    .executeTakeFirst();
  if (found) return found.id;
  // Kept as imported, never published: a published framework would become the country's current
  // standard (the newest published one), and teachers would be asked to assess against the reference.
  const imported = await importSpec(ctx, referenceSpec(), new Faults());
  return imported.frameworkId;
}

export type Relation = 'exact_match' | 'broader' | 'narrower' | 'related';

/**
 * Maps a country's standard to the reference: each entry says how the national competency (by its
 * code) relates to a reference competency (by its code, CFT1.KA …): `broader` when the national
 * competency is broader than the reference one. Reference items left out stay unmapped.
 */
export async function mapToReference(
  ctx: Ctx,
  standardId: string,
  links: readonly { national: string; reference: string; relation: Relation }[],
): Promise<void> {
  const referenceId = await installReference(ctx);
  const [standard, reference] = [await getFramework(ctx, standardId), await getFramework(ctx, referenceId)];
  const national = new Map(standard.items.map((i) => [i.code, i.id]));
  const byIdentifier = new Map(reference.items.map((i) => [i.caseIdentifier, i.id]));
  for (const link of links) {
    const fromItemId = national.get(link.national);
    const identifier = REFERENCE_COMPETENCIES.get(link.reference);
    const toItemId = identifier ? byIdentifier.get(identifier) : undefined;
    if (!fromItemId || !toItemId)
      throw new AppError('validation_failed', `Cannot map ${link.national} to ${link.reference}.`, { link });
    await addLink(ctx, standardId, referenceId, { fromItemId, toItemId, relation: link.relation });
  }
}

/** The reference's title and its competencies in order, as every tenant holds them (no database needed). */
export function referenceOutline() {
  return {
    reference: { identifier: REFERENCE_CASE_IDENTIFIER, title: TITLE as LocalizedText },
    competencies: ASPECTS.flatMap((a) =>
      a.competencies.map((c) => ({ identifier: c.identifier, code: `${a.code}.${c.level}`, title: c.title })),
    ),
  };
}
