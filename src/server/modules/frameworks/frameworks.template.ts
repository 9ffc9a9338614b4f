import type { LocalizedText } from '../../shared/text.ts';

/**
 * A starter national standard with the structure of UNESCO's ICT Competency Framework for
 * Teachers (version 3): six aspects of teachers' work by three levels of knowledge, eighteen
 * competencies. The wording is Pathway's own; a ministry adapts it to its policy.
 */
export interface TemplateLevel {
  code: string;
  title: LocalizedText;
  description: LocalizedText;
}

export interface TemplateCompetency {
  code: string;
  level: string;
  title: LocalizedText;
  statement: LocalizedText;
}

export interface TemplateAspect {
  code: string;
  title: LocalizedText;
  competencies: TemplateCompetency[];
}

export const TEMPLATE_TITLE: LocalizedText = {
  en: 'National ICT competency standard for teachers',
  ru: 'Национальный стандарт ИКТ-компетентности учителей',
};

export const TEMPLATE_DESCRIPTION: LocalizedText = {
  en: 'What teachers know and do to integrate ICT into teaching, from first use to creating knowledge with learners. Structured by six aspects of teachers’ work and three levels.',
  ru: 'Что учителя знают и умеют, чтобы интегрировать ИКТ в обучение: от первых шагов до создания знаний вместе с учащимися. Шесть аспектов работы учителя и три уровня.',
};

export const TEMPLATE_LEVELS: TemplateLevel[] = [
  {
    code: 'KA',
    title: { en: 'Knowledge acquisition', ru: 'Освоение знаний' },
    description: {
      en: 'Teachers learn to use ICT to support the curriculum and their own work.',
      ru: 'Учителя учатся использовать ИКТ для поддержки учебной программы и своей работы.',
    },
  },
  {
    code: 'KD',
    title: { en: 'Knowledge deepening', ru: 'Углубление знаний' },
    description: {
      en: 'Teachers use ICT so that learners apply what they know to complex, real-world problems.',
      ru: 'Учителя используют ИКТ, чтобы учащиеся применяли знания к сложным реальным задачам.',
    },
  },
  {
    code: 'KC',
    title: { en: 'Knowledge creation', ru: 'Создание знаний' },
    description: {
      en: 'Teachers and learners use ICT to create new knowledge and to keep learning together.',
      ru: 'Учителя и учащиеся используют ИКТ, чтобы создавать новые знания и продолжать учиться вместе.',
    },
  },
];

const c = (code: string, level: string, en: [string, string], ru: [string, string]): TemplateCompetency => ({
  code,
  level,
  title: { en: en[0], ru: ru[0] },
  statement: { en: en[1], ru: ru[1] },
});

export const TEMPLATE_ASPECTS: TemplateAspect[] = [
  {
    code: 'A1',
    title: { en: 'Understanding ICT in education policy', ru: 'Понимание политики в области ИКТ в образовании' },
    competencies: [
      c(
        'A1.1',
        'KA',
        [
          'Policy understanding',
          'Explains how the national ICT-in-education policy and master plan relate to their own classroom practice.',
        ],
        [
          'Понимание политики',
          'Объясняет, как национальная политика и генеральный план по ИКТ в образовании связаны с его работой в классе.',
        ],
      ),
      c(
        'A1.2',
        'KD',
        [
          'Policy application',
          'Plans lessons and school activities that carry out the goals of the national ICT-in-education policy.',
        ],
        [
          'Применение политики',
          'Планирует уроки и школьные мероприятия, реализующие цели национальной политики в области ИКТ в образовании.',
        ],
      ),
      c(
        'A1.3',
        'KC',
        [
          'Policy innovation',
          'Reviews how the policy works in practice and proposes improvements to school and national leaders.',
        ],
        [
          'Развитие политики',
          'Анализирует, как политика работает на практике, и предлагает улучшения руководству школы и страны.',
        ],
      ),
    ],
  },
  {
    code: 'A2',
    title: { en: 'Curriculum and assessment', ru: 'Учебная программа и оценивание' },
    competencies: [
      c(
        'A2.1',
        'KA',
        [
          'Curriculum knowledge',
          'Identifies where ICT can support the curriculum of their subject and its assessment.',
        ],
        ['Знание программы', 'Определяет, где ИКТ могут поддержать учебную программу по предмету и оценивание.'],
      ),
      c(
        'A2.2',
        'KD',
        [
          'Knowledge application',
          'Uses ICT so that learners apply subject knowledge to real problems, and assesses that application.',
        ],
        [
          'Применение знаний',
          'Использует ИКТ, чтобы учащиеся применяли знания предмета к реальным задачам, и оценивает это применение.',
        ],
      ),
      c(
        'A2.3',
        'KC',
        [
          'Skills for a knowledge society',
          'Designs learning and assessment in which learners use ICT to create knowledge, collaborate and reflect.',
        ],
        [
          'Навыки общества знаний',
          'Проектирует обучение и оценивание, в которых учащиеся с помощью ИКТ создают знания, сотрудничают и рефлексируют.',
        ],
      ),
    ],
  },
  {
    code: 'A3',
    title: { en: 'Pedagogy', ru: 'Педагогика' },
    competencies: [
      c(
        'A3.1',
        'KA',
        ['ICT-enhanced teaching', 'Chooses digital resources and tools that make teaching clearer and more engaging.'],
        [
          'Обучение с ИКТ',
          'Выбирает цифровые ресурсы и инструменты, которые делают обучение понятнее и увлекательнее.',
        ],
      ),
      c(
        'A3.2',
        'KD',
        ['Complex problem solving', 'Organises project-based, collaborative learning supported by ICT.'],
        ['Решение сложных задач', 'Организует проектное совместное обучение с использованием ИКТ.'],
      ),
      c(
        'A3.3',
        'KC',
        [
          'Learner self-management',
          'Creates learning environments in which learners plan, manage and evaluate their own learning with ICT.',
        ],
        [
          'Самоуправление учащихся',
          'Создаёт учебную среду, в которой учащиеся с помощью ИКТ сами планируют, организуют и оценивают своё обучение.',
        ],
      ),
    ],
  },
  {
    code: 'A4',
    title: { en: 'Application of digital skills', ru: 'Применение цифровых навыков' },
    competencies: [
      c(
        'A4.1',
        'KA',
        ['Everyday use', 'Uses common devices and office and communication software safely and responsibly.'],
        [
          'Повседневное использование',
          'Безопасно и ответственно пользуется распространёнными устройствами, офисными и коммуникационными программами.',
        ],
      ),
      c(
        'A4.2',
        'KD',
        ['Infusion', 'Uses subject-specific software, simulations and online collaboration tools in lessons.'],
        ['Интеграция', 'Использует на уроках предметные программы, симуляции и средства совместной работы в сети.'],
      ),
      c(
        'A4.3',
        'KC',
        [
          'Transformation',
          'Models the creative use of digital technologies and helps learners build digital content and solutions.',
        ],
        [
          'Преобразование',
          'Показывает творческое использование цифровых технологий и помогает учащимся создавать цифровой контент и решения.',
        ],
      ),
    ],
  },
  {
    code: 'A5',
    title: { en: 'Organization and administration', ru: 'Организация и управление' },
    competencies: [
      c(
        'A5.1',
        'KA',
        [
          'Classroom organisation',
          'Arranges the classroom and its ICT equipment so that every learner has fair access.',
        ],
        ['Организация класса', 'Организует класс и ИКТ-оборудование так, чтобы у каждого учащегося был равный доступ.'],
      ),
      c(
        'A5.2',
        'KD',
        ['Collaborative groups', 'Manages flexible group work with ICT inside and beyond the classroom.'],
        ['Совместная работа в группах', 'Управляет гибкой групповой работой с ИКТ в классе и за его пределами.'],
      ),
      c(
        'A5.3',
        'KC',
        [
          'Learning organisations',
          'Contributes to a school culture in which ICT supports continuous improvement and shared learning.',
        ],
        [
          'Обучающаяся организация',
          'Способствует школьной культуре, в которой ИКТ поддерживают постоянное совершенствование и совместное обучение.',
        ],
      ),
    ],
  },
  {
    code: 'A6',
    title: { en: 'Teacher professional learning', ru: 'Профессиональное развитие учителя' },
    competencies: [
      c(
        'A6.1',
        'KA',
        ['Digital literacy', 'Uses ICT for their own professional development and administrative work.'],
        ['Цифровая грамотность', 'Использует ИКТ для своего профессионального развития и административной работы.'],
      ),
      c(
        'A6.2',
        'KD',
        [
          'Networking',
          'Takes part in online professional networks and communities of practice to improve their teaching.',
        ],
        [
          'Профессиональные сети',
          'Участвует в профессиональных сетях и сообществах практики в интернете, чтобы совершенствовать преподавание.',
        ],
      ),
      c(
        'A6.3',
        'KC',
        [
          'Teacher as innovator',
          'Tries out new practice, shares the results and supports colleagues in their learning.',
        ],
        ['Учитель-новатор', 'Апробирует новые практики, делится результатами и поддерживает коллег в их обучении.'],
      ),
    ],
  },
];
