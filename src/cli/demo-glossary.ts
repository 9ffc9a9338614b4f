import type { LocalizedText } from '../server/shared/text.ts';

/**
 * The key terms of the demo country's national ICT competency standard, in the five pilot
 * languages, as the standard itself uses them. Translators adapting or extending the standard use
 * the same word for the same idea everywhere; a note says why a term was chosen or what to avoid.
 */
export const DEMO_GLOSSARY: { term: LocalizedText; note?: LocalizedText }[] = [
  {
    term: { en: 'competency', ru: 'компетенция', uz: 'kompetensiya', ne: 'दक्षता', fil: 'kakayahan' },
    note: {
      en: 'What a teacher knows and can do, stated as observable practice. Not “skill”, which is narrower.',
      ru: 'То, что учитель знает и умеет, описанное как наблюдаемая практика. Не «навык»: это более узкое понятие.',
      uz: 'O‘qituvchi biladigan va qila oladigan narsa, kuzatiladigan amaliyot sifatida ifodalangan. «Ko‘nikma» emas: u torroq tushuncha.',
      ne: 'शिक्षकले जानेको र गर्न सक्ने कुरा, अवलोकन गर्न सकिने अभ्यासका रूपमा लेखिएको। “सीप” होइन, त्यो साँघुरो अर्थ हो। “सक्षमता” नलेख्नुहोस्; मापदण्डभरि “दक्षता” प्रयोग हुन्छ।',
      fil: 'Ang alam at kayang gawin ng guro, na inilalarawan bilang praktikang maoobserbahan. Hindi “kasanayan”, na mas makitid ang kahulugan.',
    },
  },
  {
    term: {
      en: 'competency standard',
      ru: 'стандарт компетентности',
      uz: 'kompetensiyalar standarti',
      ne: 'दक्षता मापदण्ड',
      fil: 'pamantayan ng kakayahan',
    },
  },
  {
    term: {
      en: 'ICT (information and communication technology)',
      ru: 'ИКТ (информационно-коммуникационные технологии)',
      uz: 'AKT (axborot-kommunikatsiya texnologiyalari)',
      ne: 'सूचना प्रविधि (सूचना तथा सञ्चार प्रविधि, आईसीटी)',
      fil: 'ICT (teknolohiyang pang-impormasyon at pangkomunikasyon)',
    },
    note: {
      en: 'In running text always the short form: ICT.',
      ru: 'В тексте всегда краткая форма: ИКТ.',
      uz: 'Matnda doim qisqa shakl: AKT.',
      ne: 'पाठमा सधैँ “सूचना प्रविधि” लेख्नुहोस्; पूरा रूप “सूचना तथा सञ्चार प्रविधि” शीर्षक वा परिभाषामा मात्र।',
      fil: 'Sa teksto, laging ang maikling anyo: ICT.',
    },
  },
  {
    term: { en: 'aspect', ru: 'аспект', uz: 'yo‘nalish', ne: 'पक्ष', fil: 'aspekto' },
    note: {
      en: 'One of the six areas of teachers’ work (policy, curriculum and assessment, pedagogy, digital skills, organisation, professional learning).',
      ru: 'Одна из шести областей работы учителя (политика, программа и оценивание, педагогика, цифровые навыки, организация, профессиональное развитие).',
      uz: 'O‘qituvchi faoliyatining oltita sohasidan biri (siyosat, o‘quv dasturi va baholash, pedagogika, raqamli ko‘nikmalar, tashkil etish, kasbiy rivojlanish).',
      ne: 'शिक्षकको कामका छ वटा क्षेत्रमध्ये एक (नीति, पाठ्यक्रम र मूल्याङ्कन, शिक्षणशास्त्र, डिजिटल सीप, व्यवस्थापन, पेशागत सिकाइ)।',
      fil: 'Isa sa anim na larangan ng gawain ng guro (patakaran, kurikulum at pagtatasa, pedagohiya, digital na kasanayan, organisasyon, propesyonal na pagkatuto).',
    },
  },
  {
    term: { en: 'level', ru: 'уровень', uz: 'daraja', ne: 'तह', fil: 'antas' },
  },
  {
    term: {
      en: 'knowledge acquisition',
      ru: 'освоение знаний',
      uz: 'bilimlarni egallash',
      ne: 'ज्ञान आर्जन',
      fil: 'pagkakamit ng kaalaman',
    },
    note: {
      en: 'The first level (KA). The codes KA, KD and KC stay as they are in every language.',
      ru: 'Первый уровень (KA). Коды KA, KD и KC не переводятся.',
      uz: 'Birinchi daraja (KA). KA, KD va KC kodlari tarjima qilinmaydi.',
      ne: 'पहिलो तह (KA)। KA, KD र KC कोड जस्ताको तस्तै रहन्छन्।',
      fil: 'Ang unang antas (KA). Hindi isinasalin ang mga kodigong KA, KD, at KC.',
    },
  },
  {
    term: {
      en: 'knowledge deepening',
      ru: 'углубление знаний',
      uz: 'bilimlarni chuqurlashtirish',
      ne: 'ज्ञानको गहनता',
      fil: 'pagpapalalim ng kaalaman',
    },
  },
  {
    term: {
      en: 'knowledge creation',
      ru: 'создание знаний',
      uz: 'bilim yaratish',
      ne: 'ज्ञान सिर्जना',
      fil: 'paglikha ng kaalaman',
    },
  },
  {
    term: { en: 'learner', ru: 'учащийся', uz: 'o‘quvchi', ne: 'विद्यार्थी', fil: 'mag-aaral' },
    note: {
      en: 'A school pupil of any age. Not “student” in the sense of a university student.',
      ru: 'Школьник любого возраста. Не «студент».',
      uz: 'Har qanday yoshdagi maktab o‘quvchisi. «Talaba» emas.',
      ne: 'जुनसुकै उमेरको विद्यालयको विद्यार्थी। “छात्र/छात्रा” नभई लैङ्गिक रूपमा तटस्थ “विद्यार्थी” प्रयोग गर्नुहोस्।',
      fil: 'Mag-aaral sa paaralan sa anumang edad. Gamitin ang “mag-aaral” sa buong pamantayan, hindi “estudyante”.',
    },
  },
  {
    term: {
      en: 'student-centred learning',
      ru: 'обучение, ориентированное на учащегося',
      uz: 'o‘quvchiga yo‘naltirilgan ta’lim',
      ne: 'विद्यार्थीकेन्द्रित सिकाइ',
      fil: 'pagkatutong nakasentro sa mag-aaral',
    },
  },
  {
    term: {
      en: 'project-based learning',
      ru: 'проектное обучение',
      uz: 'loyihaga asoslangan ta’lim',
      ne: 'परियोजनामा आधारित सिकाइ',
      fil: 'pagkatutong batay sa proyekto',
    },
  },
  {
    term: {
      en: 'knowledge society',
      ru: 'общество знаний',
      uz: 'bilimlar jamiyati',
      ne: 'ज्ञानमा आधारित समाज',
      fil: 'lipunang nakabatay sa kaalaman',
    },
  },
  {
    term: {
      en: 'digital literacy',
      ru: 'цифровая грамотность',
      uz: 'raqamli savodxonlik',
      ne: 'डिजिटल साक्षरता',
      fil: 'literasiyang digital',
    },
  },
  {
    term: {
      en: 'digital citizenship',
      ru: 'цифровое гражданство',
      uz: 'raqamli fuqarolik',
      ne: 'डिजिटल नागरिकता',
      fil: 'digital na pagkamamamayan',
    },
    note: {
      en: 'Safe, responsible and ethical use of technology, which teachers model and teach.',
      ru: 'Безопасное, ответственное и этичное использование технологий, которое учитель показывает и которому учит.',
      uz: 'Texnologiyalardan xavfsiz, mas’uliyatli va odobli foydalanish; o‘qituvchi buni o‘z misolida ko‘rsatadi va o‘rgatadi.',
      ne: 'प्रविधिको सुरक्षित, जिम्मेवार र नैतिक प्रयोग, जुन शिक्षकले आफैँ गरेर देखाउँछ र सिकाउँछ।',
      fil: 'Ligtas, responsable, at etikal na paggamit ng teknolohiya na ipinakikita at itinuturo ng guro.',
    },
  },
  {
    term: {
      en: 'digital resource',
      ru: 'цифровой ресурс',
      uz: 'raqamli resurs',
      ne: 'डिजिटल स्रोत',
      fil: 'digital na materyales',
    },
  },
  {
    term: { en: 'rubric', ru: 'рубрика (критерии оценивания)', uz: 'rubrika', ne: 'रुब्रिक', fil: 'rubrik' },
    note: {
      en: 'The table of what an assessor observes for each competency at each level.',
      ru: 'Таблица того, что наблюдает оценщик по каждой компетенции на каждом уровне.',
      uz: 'Baholovchi har bir kompetensiya bo‘yicha har bir darajada nimani kuzatishini ko‘rsatuvchi jadval.',
      ne: 'मूल्याङ्कनकर्ताले प्रत्येक दक्षताको प्रत्येक तहमा के हेर्छ भन्ने तालिका।',
      fil: 'Ang talaan ng inoobserbahan ng tagasuri sa bawat kakayahan sa bawat antas.',
    },
  },
  {
    term: { en: 'evidence', ru: 'подтверждение (доказательство)', uz: 'dalil', ne: 'प्रमाण', fil: 'ebidensya' },
    note: {
      en: 'Lesson plans, learners’ work, photos or observation notes that show a competency in practice.',
      ru: 'Планы уроков, работы учащихся, фотографии или записи наблюдений, показывающие компетенцию на практике.',
      uz: 'Kompetensiyani amalda ko‘rsatadigan dars rejalari, o‘quvchilar ishlari, suratlar yoki kuzatuv qaydlari.',
      ne: 'दक्षता व्यवहारमा देखाउने पाठ योजना, विद्यार्थीका काम, फोटो वा अवलोकन टिपोट।',
      fil: 'Mga plano ng aralin, gawa ng mga mag-aaral, larawan, o tala ng obserbasyon na nagpapakita ng kakayahan sa praktika.',
    },
  },
  {
    term: { en: 'portfolio', ru: 'портфолио', uz: 'portfolio', ne: 'पोर्टफोलियो', fil: 'portfolio' },
  },
  {
    term: {
      en: 'self-assessment',
      ru: 'самооценка',
      uz: 'o‘zini baholash',
      ne: 'स्वमूल्याङ्कन',
      fil: 'pagtatasa sa sarili',
    },
  },
  {
    term: {
      en: 'assessment for learning',
      ru: 'оценивание для обучения (формирующее оценивание)',
      uz: 'ta’lim uchun baholash (formativ baholash)',
      ne: 'सिकाइका लागि मूल्याङ्कन (निर्माणात्मक मूल्याङ्कन)',
      fil: 'pagtatasa para sa pagkatuto (formative na pagtatasa)',
    },
    note: {
      en: 'Assessment during learning that changes the next step of teaching; not a final test.',
      ru: 'Оценивание в ходе обучения, по итогам которого меняется следующий шаг; не итоговая проверка.',
      uz: 'O‘qitishning keyingi qadamini o‘zgartiradigan, ta’lim jarayonidagi baholash; yakuniy nazorat emas.',
      ne: 'सिकाइकै क्रममा गरिने मूल्याङ्कन, जसले शिक्षणको अर्को चरण बदल्छ; अन्तिम परीक्षा होइन।',
      fil: 'Pagtatasang ginagawa habang natututo at nagbabago sa susunod na hakbang ng pagtuturo; hindi panghuling pagsusulit.',
    },
  },
  {
    term: {
      en: 'professional learning community',
      ru: 'профессиональное обучающееся сообщество',
      uz: 'kasbiy o‘quv hamjamiyati',
      ne: 'पेशागत सिकाइ समुदाय',
      fil: 'propesyonal na komunidad ng pagkatuto',
    },
    note: {
      en: 'Teachers of one school who meet regularly to improve teaching together.',
      ru: 'Учителя одной школы, которые регулярно собираются, чтобы вместе совершенствовать преподавание.',
      uz: 'Birgalikda o‘qitish sifatini oshirish uchun muntazam yig‘iladigan bir maktab o‘qituvchilari.',
      ne: 'सँगै शिक्षण सुधार गर्न नियमित भेला हुने एउटै विद्यालयका शिक्षकहरू।',
      fil: 'Mga guro ng iisang paaralan na regular na nagpupulong upang sama-samang pagbutihin ang pagtuturo; sa mga paaralan ng DepEd, katulad ng LAC (Learning Action Cell).',
    },
  },
  {
    term: {
      en: 'community of practice',
      ru: 'сообщество практики',
      uz: 'amaliyot hamjamiyati',
      ne: 'अभ्यास समुदाय',
      fil: 'komunidad ng praktika',
    },
    note: {
      en: 'Teachers of several schools, often online, who share an interest such as a subject.',
      ru: 'Учителя разных школ, часто в сети, объединённые общим интересом, например предметом.',
      uz: 'Ko‘pincha onlayn birlashgan, umumiy qiziqishga (masalan, fanga) ega turli maktablar o‘qituvchilari.',
      ne: 'प्रायः अनलाइन जोडिएका, विषयजस्तो साझा रुचि भएका विभिन्न विद्यालयका शिक्षकहरू।',
      fil: 'Mga guro mula sa iba’t ibang paaralan, kadalasang online, na may iisang interes gaya ng asignatura.',
    },
  },
  {
    term: {
      en: '1:1 computing',
      ru: 'модель 1:1 (одно устройство на учащегося)',
      uz: '1:1 modeli (har bir o‘quvchiga bitta qurilma)',
      ne: '१:१ कम्प्युटिङ (प्रत्येक विद्यार्थीलाई एउटा उपकरण)',
      fil: '1:1 computing (isang device bawat mag-aaral)',
    },
  },
  {
    term: {
      en: 'ICT in education master plan',
      ru: 'генеральный план по ИКТ в образовании',
      uz: 'ta’limda AKT bo‘yicha bosh reja',
      ne: 'शिक्षामा सूचना प्रविधि गुरुयोजना',
      fil: 'master plan sa ICT sa edukasyon',
    },
  },
];
