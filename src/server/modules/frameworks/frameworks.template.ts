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
  uz: 'O‘qituvchilarning AKT kompetensiyalari milliy standarti',
  ne: 'शिक्षकका लागि सूचना प्रविधि दक्षताको राष्ट्रिय मापदण्ड',
  fil: 'Pambansang pamantayan ng kakayahan ng mga guro sa ICT',
};

export const TEMPLATE_DESCRIPTION: LocalizedText = {
  en: 'What teachers know and do to integrate ICT into teaching, from first use to creating knowledge with learners. Structured by six aspects of teachers’ work and three levels.',
  ru: 'Что учителя знают и умеют, чтобы интегрировать ИКТ в обучение: от первых шагов до создания знаний вместе с учащимися. Шесть аспектов работы учителя и три уровня.',
  uz: 'O‘qituvchilar AKTni ta’lim jarayoniga joriy etish uchun nimalarni bilishi va qila olishi: ilk qadamlardan tortib o‘quvchilar bilan birgalikda bilim yaratishgacha. Standart o‘qituvchi faoliyatining oltita yo‘nalishi va uchta darajasidan tuzilgan.',
  ne: 'शिक्षणमा सूचना प्रविधि एकीकृत गर्न शिक्षकले के जान्नुपर्छ र के गर्न सक्नुपर्छ: पहिलो प्रयोगदेखि विद्यार्थीसँगै ज्ञान सिर्जना गर्नेसम्म। यो मापदण्ड शिक्षकको कामका छ वटा पक्ष र तीन तहमा संरचित छ।',
  fil: 'Ang dapat malaman at magawa ng mga guro upang maisama ang ICT sa pagtuturo, mula sa unang paggamit hanggang sa paglikha ng kaalaman kasama ang mga mag-aaral. Nakaayos ito ayon sa anim na aspekto ng gawain ng guro at tatlong antas.',
};

export const TEMPLATE_LEVELS: TemplateLevel[] = [
  {
    code: 'KA',
    title: {
      en: 'Knowledge acquisition',
      ru: 'Освоение знаний',
      uz: 'Bilimlarni egallash',
      ne: 'ज्ञान आर्जन',
      fil: 'Pagkakamit ng kaalaman',
    },
    description: {
      en: 'Teachers learn to use ICT to support the curriculum and their own work.',
      ru: 'Учителя учатся использовать ИКТ для поддержки учебной программы и своей работы.',
      uz: 'O‘qituvchilar o‘quv dasturi va o‘z ishini qo‘llab-quvvatlash uchun AKTdan foydalanishni o‘rganadi.',
      ne: 'शिक्षकहरू पाठ्यक्रम र आफ्नो कामलाई सहयोग पुर्‍याउन सूचना प्रविधिको प्रयोग गर्न सिक्छन्।',
      fil: 'Natututo ang mga guro na gamitin ang ICT upang suportahan ang kurikulum at ang sarili nilang gawain.',
    },
  },
  {
    code: 'KD',
    title: {
      en: 'Knowledge deepening',
      ru: 'Углубление знаний',
      uz: 'Bilimlarni chuqurlashtirish',
      ne: 'ज्ञानको गहनता',
      fil: 'Pagpapalalim ng kaalaman',
    },
    description: {
      en: 'Teachers use ICT so that learners apply what they know to complex, real-world problems.',
      ru: 'Учителя используют ИКТ, чтобы учащиеся применяли знания к сложным реальным задачам.',
      uz: 'O‘qituvchilar AKTdan o‘quvchilar bilimlarini murakkab, hayotiy muammolarni hal qilishda qo‘llashi uchun foydalanadi.',
      ne: 'विद्यार्थीहरूले आफूले जानेको कुरा जटिल, वास्तविक जीवनका समस्यामा लागू गरून् भनेर शिक्षकहरू सूचना प्रविधिको प्रयोग गर्छन्।',
      fil: 'Ginagamit ng mga guro ang ICT upang mailapat ng mga mag-aaral ang kanilang nalalaman sa masalimuot at totoong mga suliranin.',
    },
  },
  {
    code: 'KC',
    title: {
      en: 'Knowledge creation',
      ru: 'Создание знаний',
      uz: 'Bilim yaratish',
      ne: 'ज्ञान सिर्जना',
      fil: 'Paglikha ng kaalaman',
    },
    description: {
      en: 'Teachers and learners use ICT to create new knowledge and to keep learning together.',
      ru: 'Учителя и учащиеся используют ИКТ, чтобы создавать новые знания и продолжать учиться вместе.',
      uz: 'O‘qituvchilar va o‘quvchilar AKT yordamida yangi bilim yaratadi va birgalikda o‘rganishda davom etadi.',
      ne: 'शिक्षक र विद्यार्थीहरू नयाँ ज्ञान सिर्जना गर्न र सँगै सिकिरहन सूचना प्रविधिको प्रयोग गर्छन्।',
      fil: 'Ginagamit ng mga guro at mag-aaral ang ICT upang lumikha ng bagong kaalaman at patuloy na matuto nang magkasama.',
    },
  },
];

type Pair = [title: string, statement: string];
const c = (code: string, level: string, en: Pair, ru: Pair, uz: Pair, ne: Pair, fil: Pair): TemplateCompetency => ({
  code,
  level,
  title: { en: en[0], ru: ru[0], uz: uz[0], ne: ne[0], fil: fil[0] },
  statement: { en: en[1], ru: ru[1], uz: uz[1], ne: ne[1], fil: fil[1] },
});

export const TEMPLATE_ASPECTS: TemplateAspect[] = [
  {
    code: 'A1',
    title: {
      en: 'Understanding ICT in education policy',
      ru: 'Понимание политики в области ИКТ в образовании',
      uz: 'Ta’limda AKT siyosatini tushunish',
      ne: 'शिक्षामा सूचना प्रविधि नीतिको बुझाइ',
      fil: 'Pag-unawa sa patakaran sa ICT sa edukasyon',
    },
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
        [
          'Siyosatni tushunish',
          'Ta’limda AKT bo‘yicha milliy siyosat va bosh reja o‘zining sinfdagi amaliyoti bilan qanday bog‘liqligini tushuntiradi.',
        ],
        [
          'नीतिको बुझाइ',
          'शिक्षामा सूचना प्रविधिसम्बन्धी राष्ट्रिय नीति र गुरुयोजना आफ्नो कक्षाकोठाको अभ्याससँग कसरी जोडिएका छन् भनी व्याख्या गर्छ।',
        ],
        [
          'Pag-unawa sa patakaran',
          'Naipaliliwanag kung paano nauugnay ang pambansang patakaran at master plan sa ICT sa edukasyon sa sarili niyang pagtuturo sa silid-aralan.',
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
        [
          'Siyosatni amalda qo‘llash',
          'Ta’limda AKT bo‘yicha milliy siyosat maqsadlarini amalga oshiradigan darslar va maktab tadbirlarini rejalashtiradi.',
        ],
        [
          'नीतिको प्रयोग',
          'शिक्षामा सूचना प्रविधिसम्बन्धी राष्ट्रिय नीतिका लक्ष्य पूरा गर्ने पाठ र विद्यालयका क्रियाकलापको योजना बनाउँछ।',
        ],
        [
          'Paglalapat ng patakaran',
          'Nagpaplano ng mga aralin at gawaing pampaaralan na tumutupad sa mga layunin ng pambansang patakaran sa ICT sa edukasyon.',
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
        [
          'Siyosatni takomillashtirish',
          'Siyosat amalda qanday ishlayotganini tahlil qiladi va maktab hamda milliy rahbariyatga uni takomillashtirish bo‘yicha takliflar beradi.',
        ],
        [
          'नीतिमा नवप्रवर्तन',
          'नीति व्यवहारमा कसरी लागू भइरहेको छ भनी समीक्षा गर्छ र विद्यालय तथा राष्ट्रिय नेतृत्वलाई सुधारका प्रस्ताव दिन्छ।',
        ],
        [
          'Inobasyon sa patakaran',
          'Sinusuri kung paano gumagana ang patakaran sa aktuwal na praktika at nagmumungkahi ng mga pagpapabuti sa mga pinuno ng paaralan at ng bansa.',
        ],
      ),
    ],
  },
  {
    code: 'A2',
    title: {
      en: 'Curriculum and assessment',
      ru: 'Учебная программа и оценивание',
      uz: 'O‘quv dasturi va baholash',
      ne: 'पाठ्यक्रम र मूल्याङ्कन',
      fil: 'Kurikulum at pagtatasa',
    },
    competencies: [
      c(
        'A2.1',
        'KA',
        [
          'Curriculum knowledge',
          'Identifies where ICT can support the curriculum of their subject and its assessment.',
        ],
        ['Знание программы', 'Определяет, где ИКТ могут поддержать учебную программу по предмету и оценивание.'],
        [
          'O‘quv dasturini bilish',
          'O‘z fanining o‘quv dasturi va uni baholashda AKT qayerda yordam berishi mumkinligini aniqlaydi.',
        ],
        ['पाठ्यक्रमको ज्ञान', 'आफ्नो विषयको पाठ्यक्रम र त्यसको मूल्याङ्कनमा सूचना प्रविधिले कहाँ सहयोग गर्न सक्छ भनी पहिचान गर्छ।'],
        [
          'Kaalaman sa kurikulum',
          'Natutukoy kung saan makatutulong ang ICT sa kurikulum ng kaniyang asignatura at sa pagtatasa nito.',
        ],
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
        [
          'Bilimlarni qo‘llash',
          'O‘quvchilar fan bilimlarini real muammolarga qo‘llashi uchun AKTdan foydalanadi va bu qo‘llashni baholaydi.',
        ],
        [
          'ज्ञानको प्रयोग',
          'विद्यार्थीहरूले विषयको ज्ञान वास्तविक समस्यामा लागू गरून् भनेर सूचना प्रविधिको प्रयोग गर्छ र त्यस प्रयोगको मूल्याङ्कन गर्छ।',
        ],
        [
          'Paglalapat ng kaalaman',
          'Ginagamit ang ICT upang mailapat ng mga mag-aaral ang kaalaman sa asignatura sa totoong mga suliranin, at tinatasa ang paglalapat na ito.',
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
        [
          'Bilimlar jamiyati uchun ko‘nikmalar',
          'O‘quvchilar AKT yordamida bilim yaratadigan, hamkorlikda ishlaydigan va refleksiya qiladigan ta’lim hamda baholashni loyihalaydi.',
        ],
        [
          'ज्ञानमा आधारित समाजका लागि सीप',
          'विद्यार्थीहरूले सूचना प्रविधिको प्रयोग गरी ज्ञान सिर्जना गर्ने, सहकार्य गर्ने र आत्मचिन्तन गर्ने सिकाइ तथा मूल्याङ्कनको ढाँचा तयार गर्छ।',
        ],
        [
          'Mga kasanayan para sa lipunang nakabatay sa kaalaman',
          'Nagdidisenyo ng pagkatuto at pagtatasa kung saan ginagamit ng mga mag-aaral ang ICT upang lumikha ng kaalaman, makipagtulungan, at magnilay.',
        ],
      ),
    ],
  },
  {
    code: 'A3',
    title: { en: 'Pedagogy', ru: 'Педагогика', uz: 'Pedagogika', ne: 'शिक्षणशास्त्र', fil: 'Pedagohiya' },
    competencies: [
      c(
        'A3.1',
        'KA',
        ['ICT-enhanced teaching', 'Chooses digital resources and tools that make teaching clearer and more engaging.'],
        [
          'Обучение с ИКТ',
          'Выбирает цифровые ресурсы и инструменты, которые делают обучение понятнее и увлекательнее.',
        ],
        [
          'AKT bilan boyitilgan o‘qitish',
          'O‘qitishni tushunarliroq va qiziqarliroq qiladigan raqamli resurslar va vositalarni tanlaydi.',
        ],
        ['सूचना प्रविधिद्वारा सुदृढ शिक्षण', 'शिक्षणलाई अझ स्पष्ट र रोचक बनाउने डिजिटल स्रोत र साधन छनोट गर्छ।'],
        [
          'Pagtuturong pinayaman ng ICT',
          'Pumipili ng mga digital na materyales at kasangkapan na nagpapalinaw at nagpapasigla sa pagtuturo.',
        ],
      ),
      c(
        'A3.2',
        'KD',
        ['Complex problem solving', 'Organises project-based, collaborative learning supported by ICT.'],
        ['Решение сложных задач', 'Организует проектное совместное обучение с использованием ИКТ.'],
        ['Murakkab muammolarni hal qilish', 'AKT yordamida loyihaga asoslangan, hamkorlikdagi ta’limni tashkil etadi.'],
        ['जटिल समस्या समाधान', 'सूचना प्रविधिको सहयोगमा परियोजनामा आधारित सहकार्यात्मक सिकाइ सञ्चालन गर्छ।'],
        [
          'Paglutas ng masalimuot na suliranin',
          'Nag-oorganisa ng sama-samang pagkatutong batay sa proyekto sa tulong ng ICT.',
        ],
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
        [
          'O‘quvchilarning o‘z ta’limini boshqarishi',
          'O‘quvchilar AKT yordamida o‘z ta’limini mustaqil rejalashtiradigan, tashkil etadigan va baholaydigan ta’lim muhitini yaratadi.',
        ],
        [
          'विद्यार्थीको स्वव्यवस्थापन',
          'विद्यार्थीहरूले सूचना प्रविधिको प्रयोग गरी आफ्नो सिकाइको योजना, व्यवस्थापन र मूल्याङ्कन आफैँ गर्ने सिकाइ वातावरण निर्माण गर्छ।',
        ],
        [
          'Sariling pamamahala ng mag-aaral',
          'Lumilikha ng mga kapaligirang pampagkatuto kung saan pinaplano, pinamamahalaan, at tinatasa ng mga mag-aaral ang sarili nilang pagkatuto gamit ang ICT.',
        ],
      ),
    ],
  },
  {
    code: 'A4',
    title: {
      en: 'Application of digital skills',
      ru: 'Применение цифровых навыков',
      uz: 'Raqamli ko‘nikmalarni qo‘llash',
      ne: 'डिजिटल सीपको प्रयोग',
      fil: 'Paggamit ng mga digital na kasanayan',
    },
    competencies: [
      c(
        'A4.1',
        'KA',
        ['Everyday use', 'Uses common devices and office and communication software safely and responsibly.'],
        [
          'Повседневное использование',
          'Безопасно и ответственно пользуется распространёнными устройствами, офисными и коммуникационными программами.',
        ],
        [
          'Kundalik foydalanish',
          'Keng tarqalgan qurilmalar, ofis va aloqa dasturlaridan xavfsiz va mas’uliyat bilan foydalanadi.',
        ],
        ['दैनिक प्रयोग', 'सामान्य उपकरण तथा अफिस र सञ्चार सफ्टवेयर सुरक्षित र जिम्मेवार ढङ्गले प्रयोग गर्छ।'],
        [
          'Pang-araw-araw na paggamit',
          'Ligtas at responsableng ginagamit ang mga karaniwang device at ang mga software pang-opisina at pangkomunikasyon.',
        ],
      ),
      c(
        'A4.2',
        'KD',
        ['Infusion', 'Uses subject-specific software, simulations and online collaboration tools in lessons.'],
        ['Интеграция', 'Использует на уроках предметные программы, симуляции и средства совместной работы в сети.'],
        [
          'Integratsiya',
          'Darslarda fanga oid dasturlar, simulyatsiyalar va onlayn hamkorlik vositalaridan foydalanadi.',
        ],
        ['एकीकरण', 'कक्षामा विषयगत सफ्टवेयर, सिमुलेसन र अनलाइन सहकार्यका साधनहरू प्रयोग गर्छ।'],
        [
          'Integrasyon',
          'Gumagamit sa mga aralin ng software na angkop sa asignatura, mga simulation, at mga kasangkapan para sa pagtutulungan online.',
        ],
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
        [
          'Transformatsiya',
          'Raqamli texnologiyalardan ijodiy foydalanishni o‘z misolida ko‘rsatadi va o‘quvchilarga raqamli kontent va yechimlar yaratishda yordam beradi.',
        ],
        [
          'रूपान्तरण',
          'डिजिटल प्रविधिको सिर्जनात्मक प्रयोग आफैँ गरेर देखाउँछ र विद्यार्थीहरूलाई डिजिटल सामग्री र समाधान निर्माण गर्न सहयोग गर्छ।',
        ],
        [
          'Transpormasyon',
          'Ipinakikita sa sariling halimbawa ang malikhaing paggamit ng mga digital na teknolohiya at tinutulungan ang mga mag-aaral na bumuo ng digital na nilalaman at mga solusyon.',
        ],
      ),
    ],
  },
  {
    code: 'A5',
    title: {
      en: 'Organization and administration',
      ru: 'Организация и управление',
      uz: 'Tashkil etish va boshqaruv',
      ne: 'व्यवस्थापन र प्रशासन',
      fil: 'Organisasyon at pangangasiwa',
    },
    competencies: [
      c(
        'A5.1',
        'KA',
        [
          'Classroom organisation',
          'Arranges the classroom and its ICT equipment so that every learner has fair access.',
        ],
        ['Организация класса', 'Организует класс и ИКТ-оборудование так, чтобы у каждого учащегося был равный доступ.'],
        [
          'Sinfni tashkil etish',
          'Har bir o‘quvchi teng foydalana olishi uchun sinf xonasi va undagi AKT jihozlarini joylashtiradi.',
        ],
        ['कक्षाकोठा व्यवस्थापन', 'हरेक विद्यार्थीको समान पहुँच होस् भनी कक्षाकोठा र त्यहाँका सूचना प्रविधि उपकरण व्यवस्थित गर्छ।'],
        [
          'Pagsasaayos ng silid-aralan',
          'Inaayos ang silid-aralan at ang mga kagamitang ICT nito upang magkaroon ng patas na access ang bawat mag-aaral.',
        ],
      ),
      c(
        'A5.2',
        'KD',
        ['Collaborative groups', 'Manages flexible group work with ICT inside and beyond the classroom.'],
        ['Совместная работа в группах', 'Управляет гибкой групповой работой с ИКТ в классе и за его пределами.'],
        ['Hamkorlikdagi guruhlar', 'Sinfda va undan tashqarida AKT yordamida moslashuvchan guruh ishini boshqaradi.'],
        ['सहकार्यात्मक समूह', 'कक्षाकोठाभित्र र बाहिर सूचना प्रविधिको प्रयोग गरी लचिलो समूहकार्य व्यवस्थापन गर्छ।'],
        [
          'Mga pangkat na nagtutulungan',
          'Pinamamahalaan ang nababagong pangkatang gawain gamit ang ICT sa loob at labas ng silid-aralan.',
        ],
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
        [
          'O‘rganuvchi tashkilot',
          'AKT uzluksiz takomillashish va birgalikda o‘rganishni qo‘llab-quvvatlaydigan maktab madaniyatiga hissa qo‘shadi.',
        ],
        ['सिकाइमुखी संस्था', 'सूचना प्रविधिले निरन्तर सुधार र साझा सिकाइलाई सघाउने विद्यालय संस्कृति निर्माणमा योगदान गर्छ।'],
        [
          'Mga organisasyong natututo',
          'Nag-aambag sa kultura ng paaralan kung saan sinusuportahan ng ICT ang tuloy-tuloy na pagpapabuti at sama-samang pagkatuto.',
        ],
      ),
    ],
  },
  {
    code: 'A6',
    title: {
      en: 'Teacher professional learning',
      ru: 'Профессиональное развитие учителя',
      uz: 'O‘qituvchining kasbiy rivojlanishi',
      ne: 'शिक्षकको पेशागत सिकाइ',
      fil: 'Propesyonal na pagkatuto ng guro',
    },
    competencies: [
      c(
        'A6.1',
        'KA',
        ['Digital literacy', 'Uses ICT for their own professional development and administrative work.'],
        ['Цифровая грамотность', 'Использует ИКТ для своего профессионального развития и административной работы.'],
        ['Raqamli savodxonlik', 'AKTdan o‘z kasbiy rivojlanishi va ma’muriy ishlari uchun foydalanadi.'],
        ['डिजिटल साक्षरता', 'आफ्नो पेशागत विकास र प्रशासनिक कामका लागि सूचना प्रविधिको प्रयोग गर्छ।'],
        [
          'Literasiyang digital',
          'Ginagamit ang ICT para sa sariling propesyonal na pag-unlad at mga gawaing administratibo.',
        ],
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
        [
          'Kasbiy tarmoqlar',
          'O‘qitish sifatini oshirish uchun onlayn kasbiy tarmoqlar va amaliyot hamjamiyatlarida ishtirok etadi.',
        ],
        ['पेशागत सञ्जाल', 'आफ्नो शिक्षण सुधार गर्न अनलाइन पेशागत सञ्जाल र अभ्यास समुदायहरूमा सहभागी हुन्छ।'],
        [
          'Pakikipag-ugnayan sa mga network',
          'Nakikilahok sa mga online na propesyonal na network at komunidad ng praktika upang mapabuti ang kaniyang pagtuturo.',
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
        [
          'Novator o‘qituvchi',
          'Yangi amaliyotlarni sinab ko‘radi, natijalari bilan bo‘lishadi va hamkasblarini o‘rganishda qo‘llab-quvvatlaydi.',
        ],
        ['नवप्रवर्तक शिक्षक', 'नयाँ अभ्यास परीक्षण गर्छ, नतिजा साझा गर्छ र सहकर्मीहरूलाई उनीहरूको सिकाइमा सहयोग गर्छ।'],
        [
          'Guro bilang inobador',
          'Sinusubukan ang mga bagong praktika, ibinabahagi ang mga resulta, at sinusuportahan ang mga kapwa guro sa kanilang pagkatuto.',
        ],
      ),
    ],
  },
];
