import type { Locale } from '../../shared/catalogues.ts';
import type { DesignContent, TemplateKey } from './designs.schemas.ts';

interface TemplateText {
  name: string;
  summary: string;
  content: DesignContent;
}

/**
 * Starting points a teacher adapts: the structure of a good design for two approaches the reform
 * promotes, written in every language of the app (a teacher designs in their own language).
 */
export const TEMPLATES: Record<TemplateKey, Record<Locale, TemplateText>> = {
  one_to_one: {
    en: {
      name: '1:1 computing lesson',
      summary: 'Every student works on their own device: research, create and share, with the teacher guiding.',
      content: {
        objectives: [
          'Students find and evaluate information on the topic using their devices.',
          'Students create a short digital product that explains what they learned.',
          'Students give and use feedback from a classmate.',
        ],
        studentActivity:
          'Each student uses a laptop or tablet to research a guiding question, keeps notes in a shared document, and makes a one-page digital poster or short presentation.',
        ict: ['Laptops or tablets (one per student)', 'Offline encyclopaedia or internet', 'Document or slide editor'],
        steps: [
          {
            title: 'Guiding question and device check',
            description: 'Present the question; students open the tools.',
            minutes: 5,
          },
          { title: 'Research', description: 'Students search, read and note sources.', minutes: 15 },
          { title: 'Create', description: 'Students build their poster or slides.', minutes: 15 },
          { title: 'Peer feedback', description: 'Pairs review each other with a checklist.', minutes: 5 },
          {
            title: 'Share and reflect',
            description: 'Some students present; all write one thing they learned.',
            minutes: 5,
          },
        ],
        grouping: 'individual',
        assessment:
          'A short checklist for the product (accurate, sources named, clear); the teacher circulates and notes who needs help; exit note.',
        resources: ['Checklist for peer feedback', 'List of safe sources', 'Rules for using devices'],
      },
    },
    ru: {
      name: 'Урок 1:1 (у каждого ученика своё устройство)',
      summary: 'Каждый ученик работает на своём устройстве: ищет, создаёт и делится, учитель направляет.',
      content: {
        objectives: [
          'Ученики находят и оценивают информацию по теме с помощью своих устройств.',
          'Ученики создают короткий цифровой продукт, объясняющий, что они узнали.',
          'Ученики дают отзыв однокласснику и используют полученный отзыв.',
        ],
        studentActivity:
          'Каждый ученик с ноутбуком или планшетом исследует ключевой вопрос, ведёт заметки в общем документе и делает одностраничный цифровой плакат или короткую презентацию.',
        ict: [
          'Ноутбуки или планшеты (по одному на ученика)',
          'Офлайн-энциклопедия или интернет',
          'Текстовый редактор или редактор слайдов',
        ],
        steps: [
          {
            title: 'Ключевой вопрос и проверка устройств',
            description: 'Представьте вопрос; ученики открывают инструменты.',
            minutes: 5,
          },
          { title: 'Поиск', description: 'Ученики ищут, читают и записывают источники.', minutes: 15 },
          { title: 'Создание', description: 'Ученики делают плакат или слайды.', minutes: 15 },
          {
            title: 'Взаимная оценка',
            description: 'Пары проверяют работы друг друга по контрольному списку.',
            minutes: 5,
          },
          {
            title: 'Представление и рефлексия',
            description: 'Несколько учеников выступают; все записывают, что узнали.',
            minutes: 5,
          },
        ],
        grouping: 'individual',
        assessment:
          'Короткий контрольный список для продукта (точно, указаны источники, понятно); учитель ходит по классу и отмечает, кому нужна помощь; записка на выходе.',
        resources: [
          'Контрольный список для взаимной оценки',
          'Список надёжных источников',
          'Правила работы с устройствами',
        ],
      },
    },
    uz: {
      name: '1:1 kompyuterlashtirilgan dars',
      summary: 'Har bir oʻquvchi oʻz qurilmasida ishlaydi: izlaydi, yaratadi va ulashadi, oʻqituvchi yoʻnaltiradi.',
      content: {
        objectives: [
          'Oʻquvchilar qurilmalari yordamida mavzu boʻyicha maʼlumot topadi va baholaydi.',
          'Oʻquvchilar oʻrganganlarini tushuntiruvchi qisqa raqamli mahsulot yaratadi.',
          'Oʻquvchilar sinfdoshiga fikr bildiradi va olingan fikrdan foydalanadi.',
        ],
        studentActivity:
          'Har bir oʻquvchi noutbuk yoki planshetda asosiy savolni tadqiq qiladi, umumiy hujjatda qaydlar yuritadi va bir sahifali raqamli plakat yoki qisqa taqdimot tayyorlaydi.',
        ict: [
          'Noutbuk yoki planshetlar (har bir oʻquvchiga bittadan)',
          'Oflayn ensiklopediya yoki internet',
          'Matn yoki slayd muharriri',
        ],
        steps: [
          {
            title: 'Asosiy savol va qurilmalarni tekshirish',
            description: 'Savolni taqdim eting; oʻquvchilar vositalarni ochadi.',
            minutes: 5,
          },
          { title: 'Izlanish', description: 'Oʻquvchilar izlaydi, oʻqiydi va manbalarni yozib boradi.', minutes: 15 },
          { title: 'Yaratish', description: 'Oʻquvchilar plakat yoki slaydlarni tayyorlaydi.', minutes: 15 },
          {
            title: 'Oʻzaro baholash',
            description: 'Juftliklar bir-birining ishini nazorat roʻyxati boʻyicha koʻrib chiqadi.',
            minutes: 5,
          },
          {
            title: 'Taqdimot va mulohaza',
            description: 'Ayrim oʻquvchilar taqdim etadi; hamma oʻrganganini yozadi.',
            minutes: 5,
          },
        ],
        grouping: 'individual',
        assessment:
          'Mahsulot uchun qisqa nazorat roʻyxati (aniq, manbalar koʻrsatilgan, tushunarli); oʻqituvchi sinfni aylanib, kimga yordam kerakligini qayd etadi; chiqish varaqchasi.',
        resources: [
          'Oʻzaro baholash uchun nazorat roʻyxati',
          'Ishonchli manbalar roʻyxati',
          'Qurilmalardan foydalanish qoidalari',
        ],
      },
    },
    ne: {
      name: '१:१ कम्प्युटिङ पाठ',
      summary: 'हरेक विद्यार्थीले आफ्नै उपकरणमा काम गर्छन्: खोज्छन्, सिर्जना गर्छन् र साझा गर्छन्; शिक्षकले मार्गदर्शन गर्छन्।',
      content: {
        objectives: [
          'विद्यार्थीहरूले आफ्ना उपकरण प्रयोग गरी विषयबारे जानकारी खोज्छन् र मूल्याङ्कन गर्छन्।',
          'विद्यार्थीहरूले आफूले सिकेको कुरा बुझाउने छोटो डिजिटल सामग्री बनाउँछन्।',
          'विद्यार्थीहरूले साथीलाई पृष्ठपोषण दिन्छन् र पाएको पृष्ठपोषण प्रयोग गर्छन्।',
        ],
        studentActivity:
          'हरेक विद्यार्थीले ल्यापटप वा ट्याब्लेटमा मार्गदर्शक प्रश्नको खोजी गर्छन्, साझा कागजातमा टिपोट राख्छन् र एक पृष्ठको डिजिटल पोस्टर वा छोटो प्रस्तुति बनाउँछन्।',
        ict: ['ल्यापटप वा ट्याब्लेट (प्रति विद्यार्थी एक)', 'अफलाइन विश्वकोश वा इन्टरनेट', 'कागजात वा स्लाइड सम्पादक'],
        steps: [
          {
            title: 'मार्गदर्शक प्रश्न र उपकरण जाँच',
            description: 'प्रश्न प्रस्तुत गर्नुहोस्; विद्यार्थीहरूले उपकरण खोल्छन्।',
            minutes: 5,
          },
          { title: 'खोजी', description: 'विद्यार्थीहरूले खोज्छन्, पढ्छन् र स्रोत टिप्छन्।', minutes: 15 },
          { title: 'सिर्जना', description: 'विद्यार्थीहरूले पोस्टर वा स्लाइड बनाउँछन्।', minutes: 15 },
          { title: 'साथी पृष्ठपोषण', description: 'जोडीहरूले जाँचसूची प्रयोग गरी एकअर्काको काम हेर्छन्।', minutes: 5 },
          { title: 'प्रस्तुति र चिन्तन', description: 'केही विद्यार्थी प्रस्तुत गर्छन्; सबैले सिकेको एउटा कुरा लेख्छन्।', minutes: 5 },
        ],
        grouping: 'individual',
        assessment:
          'सामग्रीका लागि छोटो जाँचसूची (सही, स्रोत उल्लेख, स्पष्ट); शिक्षकले कक्षामा घुमेर कसलाई सहयोग चाहिन्छ टिप्छन्; बाहिरिने बेलाको टिपोट।',
        resources: ['साथी पृष्ठपोषणको जाँचसूची', 'सुरक्षित स्रोतहरूको सूची', 'उपकरण प्रयोगका नियम'],
      },
    },
    fil: {
      name: 'Aralin na 1:1 computing',
      summary:
        'Bawat mag-aaral ay may sariling device: nagsasaliksik, lumilikha at nagbabahagi, habang gumagabay ang guro.',
      content: {
        objectives: [
          'Nakahahanap at nasusuri ng mga mag-aaral ang impormasyon tungkol sa paksa gamit ang kanilang device.',
          'Nakalilikha ang mga mag-aaral ng maikling digital na produkto na nagpapaliwanag ng kanilang natutuhan.',
          'Nakapagbibigay at nakagagamit ang mga mag-aaral ng puna mula sa kaklase.',
        ],
        studentActivity:
          'Bawat mag-aaral ay gumagamit ng laptop o tablet upang saliksikin ang gabay na tanong, nagtatala sa isang shared na dokumento, at gumagawa ng isang-pahinang digital poster o maikling presentasyon.',
        ict: [
          'Laptop o tablet (isa bawat mag-aaral)',
          'Offline na ensiklopedya o internet',
          'Editor ng dokumento o slide',
        ],
        steps: [
          {
            title: 'Gabay na tanong at pagsuri ng device',
            description: 'Ilahad ang tanong; bubuksan ng mga mag-aaral ang mga tool.',
            minutes: 5,
          },
          {
            title: 'Pananaliksik',
            description: 'Naghahanap, nagbabasa at nagtatala ng sanggunian ang mga mag-aaral.',
            minutes: 15,
          },
          { title: 'Paglikha', description: 'Ginagawa ng mga mag-aaral ang poster o slides.', minutes: 15 },
          {
            title: 'Puna ng kaklase',
            description: 'Sinusuri ng magkapareha ang gawa ng isa’t isa gamit ang checklist.',
            minutes: 5,
          },
          {
            title: 'Pagbabahagi at pagninilay',
            description: 'Ilang mag-aaral ang nagpapakita; lahat ay nagsusulat ng isang natutuhan.',
            minutes: 5,
          },
        ],
        grouping: 'individual',
        assessment:
          'Maikling checklist para sa produkto (tama, may sanggunian, malinaw); umiikot ang guro at itinatala kung sino ang nangangailangan ng tulong; exit note.',
        resources: [
          'Checklist para sa puna ng kaklase',
          'Listahan ng ligtas na sanggunian',
          'Mga tuntunin sa paggamit ng device',
        ],
      },
    },
  },
  project_based: {
    en: {
      name: 'Project-based learning',
      summary:
        'Small groups investigate a real local problem over several lessons and present a solution made with ICT.',
      content: {
        objectives: [
          'Students plan and carry out an investigation of a real problem in their community.',
          'Students collect and analyse data with ICT tools.',
          'Students present a solution to an audience and explain their reasoning.',
        ],
        studentActivity:
          'In groups of four, students choose a driving question about a local problem, gather data (survey, photos, measurements), analyse it in a spreadsheet and present a proposal as a short video or slide show.',
        ict: ['Shared computers or tablets', 'Spreadsheet', 'Phone camera', 'Presentation or video tool'],
        steps: [
          {
            title: 'Launch: driving question',
            description: 'Introduce the problem; groups agree on their question and roles.',
            minutes: 40,
          },
          { title: 'Plan the investigation', description: 'Groups plan what data to collect and how.', minutes: 40 },
          {
            title: 'Collect data',
            description: 'Survey, photograph and measure; record in a spreadsheet.',
            minutes: 80,
          },
          {
            title: 'Analyse and design a solution',
            description: 'Make charts; draft the proposal; teacher conferences with each group.',
            minutes: 80,
          },
          {
            title: 'Present and reflect',
            description: 'Groups present to classmates and invited guests; each student writes a reflection.',
            minutes: 40,
          },
        ],
        grouping: 'small_groups',
        assessment:
          'A rubric shared at the start (investigation, use of data, solution, teamwork, presentation); checkpoints at each stage; self and peer assessment of teamwork; individual reflection.',
        resources: ['Project rubric', 'Group roles cards', 'Project calendar', 'Data collection sheet'],
      },
    },
    ru: {
      name: 'Проектное обучение',
      summary:
        'Малые группы исследуют реальную местную проблему в течение нескольких уроков и представляют решение, созданное с помощью ИКТ.',
      content: {
        objectives: [
          'Ученики планируют и проводят исследование реальной проблемы своего сообщества.',
          'Ученики собирают и анализируют данные с помощью средств ИКТ.',
          'Ученики представляют решение аудитории и обосновывают его.',
        ],
        studentActivity:
          'В группах по четыре ученики выбирают ключевой вопрос о местной проблеме, собирают данные (опрос, фотографии, измерения), анализируют их в электронной таблице и представляют предложение в виде короткого видео или презентации.',
        ict: [
          'Общие компьютеры или планшеты',
          'Электронная таблица',
          'Камера телефона',
          'Средство для презентаций или видео',
        ],
        steps: [
          {
            title: 'Запуск: ключевой вопрос',
            description: 'Представьте проблему; группы договариваются о вопросе и ролях.',
            minutes: 40,
          },
          { title: 'План исследования', description: 'Группы планируют, какие данные и как собирать.', minutes: 40 },
          {
            title: 'Сбор данных',
            description: 'Опрос, фотографии, измерения; запись в электронную таблицу.',
            minutes: 80,
          },
          {
            title: 'Анализ и разработка решения',
            description: 'Диаграммы; черновик предложения; учитель беседует с каждой группой.',
            minutes: 80,
          },
          {
            title: 'Представление и рефлексия',
            description: 'Группы выступают перед классом и гостями; каждый пишет рефлексию.',
            minutes: 40,
          },
        ],
        grouping: 'small_groups',
        assessment:
          'Рубрика, известная с начала (исследование, работа с данными, решение, командная работа, представление); контрольные точки на каждом этапе; само- и взаимооценка командной работы; индивидуальная рефлексия.',
        resources: ['Рубрика проекта', 'Карточки ролей в группе', 'Календарь проекта', 'Лист сбора данных'],
      },
    },
    uz: {
      name: 'Loyihaga asoslangan taʼlim',
      summary:
        'Kichik guruhlar bir necha dars davomida haqiqiy mahalliy muammoni oʻrganadi va AKT yordamida yaratilgan yechimni taqdim etadi.',
      content: {
        objectives: [
          'Oʻquvchilar oʻz jamoasidagi haqiqiy muammoni tadqiq qilishni rejalashtiradi va amalga oshiradi.',
          'Oʻquvchilar AKT vositalari yordamida maʼlumot toʻplaydi va tahlil qiladi.',
          'Oʻquvchilar yechimni tinglovchilarga taqdim etadi va asoslaydi.',
        ],
        studentActivity:
          'Toʻrt kishilik guruhlarda oʻquvchilar mahalliy muammo haqida asosiy savol tanlaydi, maʼlumot toʻplaydi (soʻrovnoma, suratlar, oʻlchovlar), uni elektron jadvalda tahlil qiladi va taklifni qisqa video yoki slayd-shou sifatida taqdim etadi.',
        ict: [
          'Umumiy kompyuterlar yoki planshetlar',
          'Elektron jadval',
          'Telefon kamerasi',
          'Taqdimot yoki video vositasi',
        ],
        steps: [
          {
            title: 'Boshlash: asosiy savol',
            description: 'Muammoni tanishtiring; guruhlar savol va rollarni kelishib oladi.',
            minutes: 40,
          },
          {
            title: 'Tadqiqotni rejalashtirish',
            description: 'Guruhlar qanday maʼlumotni qanday toʻplashni rejalashtiradi.',
            minutes: 40,
          },
          {
            title: 'Maʼlumot toʻplash',
            description: 'Soʻrovnoma, suratga olish va oʻlchash; elektron jadvalga yozish.',
            minutes: 80,
          },
          {
            title: 'Tahlil va yechim ishlab chiqish',
            description: 'Diagrammalar; taklif loyihasi; oʻqituvchi har bir guruh bilan suhbatlashadi.',
            minutes: 80,
          },
          {
            title: 'Taqdimot va mulohaza',
            description: 'Guruhlar sinfdoshlar va mehmonlarga taqdim etadi; har bir oʻquvchi mulohaza yozadi.',
            minutes: 40,
          },
        ],
        grouping: 'small_groups',
        assessment:
          'Boshidanoq maʼlum boʻlgan rubrika (tadqiqot, maʼlumotdan foydalanish, yechim, jamoaviy ish, taqdimot); har bosqichda nazorat nuqtalari; jamoaviy ishni oʻz-oʻzini va oʻzaro baholash; shaxsiy mulohaza.',
        resources: ['Loyiha rubrikasi', 'Guruh rollari kartochkalari', 'Loyiha taqvimi', 'Maʼlumot toʻplash varagʻi'],
      },
    },
    ne: {
      name: 'परियोजनामा आधारित सिकाइ',
      summary:
        'साना समूहहरूले केही पाठसम्म स्थानीय वास्तविक समस्याको खोजी गर्छन् र सूचना प्रविधि प्रयोग गरी बनाएको समाधान प्रस्तुत गर्छन्।',
      content: {
        objectives: [
          'विद्यार्थीहरूले आफ्नो समुदायको वास्तविक समस्याको खोजी योजना बनाएर गर्छन्।',
          'विद्यार्थीहरूले सूचना प्रविधिका साधन प्रयोग गरी तथ्याङ्क सङ्कलन र विश्लेषण गर्छन्।',
          'विद्यार्थीहरूले श्रोतासामु समाधान प्रस्तुत गर्छन् र आफ्नो तर्क बुझाउँछन्।',
        ],
        studentActivity:
          'चार जनाको समूहमा विद्यार्थीहरूले स्थानीय समस्याबारे मार्गदर्शक प्रश्न छान्छन्, तथ्याङ्क सङ्कलन गर्छन् (सर्वेक्षण, फोटो, नापजाँच), स्प्रेडसिटमा विश्लेषण गर्छन् र प्रस्तावलाई छोटो भिडियो वा स्लाइड प्रस्तुतिका रूपमा प्रस्तुत गर्छन्।',
        ict: ['साझा कम्प्युटर वा ट्याब्लेट', 'स्प्रेडसिट', 'फोनको क्यामेरा', 'प्रस्तुति वा भिडियो साधन'],
        steps: [
          {
            title: 'सुरुवात: मार्गदर्शक प्रश्न',
            description: 'समस्या परिचय गराउनुहोस्; समूहहरूले प्रश्न र भूमिका तय गर्छन्।',
            minutes: 40,
          },
          { title: 'खोजीको योजना', description: 'समूहहरूले कुन तथ्याङ्क कसरी सङ्कलन गर्ने योजना बनाउँछन्।', minutes: 40 },
          { title: 'तथ्याङ्क सङ्कलन', description: 'सर्वेक्षण, फोटो र नापजाँच; स्प्रेडसिटमा अभिलेख।', minutes: 80 },
          {
            title: 'विश्लेषण र समाधान',
            description: 'चार्ट बनाउने; प्रस्तावको मस्यौदा; शिक्षकले हरेक समूहसँग छलफल गर्छन्।',
            minutes: 80,
          },
          { title: 'प्रस्तुति र चिन्तन', description: 'समूहहरूले साथी र अतिथिसामु प्रस्तुत गर्छन्; हरेकले चिन्तन लेख्छन्।', minutes: 40 },
        ],
        grouping: 'small_groups',
        assessment:
          'सुरुमै बाँडिएको रुब्रिक (खोजी, तथ्याङ्कको प्रयोग, समाधान, समूहकार्य, प्रस्तुति); हरेक चरणमा जाँच बिन्दु; समूहकार्यको स्वमूल्याङ्कन र साथी मूल्याङ्कन; व्यक्तिगत चिन्तन।',
        resources: ['परियोजना रुब्रिक', 'समूह भूमिका कार्ड', 'परियोजना पात्रो', 'तथ्याङ्क सङ्कलन पाना'],
      },
    },
    fil: {
      name: 'Pagkatutong batay sa proyekto',
      summary:
        'Sinisiyasat ng maliliit na grupo ang isang tunay na lokal na problema sa loob ng ilang aralin at naglalahad ng solusyong ginawa gamit ang ICT.',
      content: {
        objectives: [
          'Nagpaplano at nagsasagawa ang mga mag-aaral ng pagsisiyasat sa isang tunay na problema sa kanilang komunidad.',
          'Nangangalap at nagsusuri ng datos ang mga mag-aaral gamit ang mga ICT tool.',
          'Inilalahad ng mga mag-aaral ang solusyon sa mga tagapakinig at ipinaliliwanag ang kanilang pangangatwiran.',
        ],
        studentActivity:
          'Sa mga grupong may apat na kasapi, pumipili ang mga mag-aaral ng gabay na tanong tungkol sa lokal na problema, nangangalap ng datos (sarbey, larawan, sukat), sinusuri ito sa spreadsheet at inilalahad ang mungkahi bilang maikling video o slide show.',
        ict: [
          'Pinagsasaluhang computer o tablet',
          'Spreadsheet',
          'Camera ng cellphone',
          'Tool para sa presentasyon o video',
        ],
        steps: [
          {
            title: 'Simula: gabay na tanong',
            description: 'Ipakilala ang problema; magkasundo ang grupo sa tanong at mga tungkulin.',
            minutes: 40,
          },
          {
            title: 'Pagplano ng pagsisiyasat',
            description: 'Pinaplano ng grupo kung anong datos ang kukunin at paano.',
            minutes: 40,
          },
          {
            title: 'Pangangalap ng datos',
            description: 'Sarbey, pagkuha ng larawan at pagsukat; itala sa spreadsheet.',
            minutes: 80,
          },
          {
            title: 'Pagsusuri at pagbuo ng solusyon',
            description: 'Gumawa ng tsart; burador ng mungkahi; kinakausap ng guro ang bawat grupo.',
            minutes: 80,
          },
          {
            title: 'Paglalahad at pagninilay',
            description: 'Naglalahad ang grupo sa kaklase at mga panauhin; bawat isa ay sumusulat ng pagninilay.',
            minutes: 40,
          },
        ],
        grouping: 'small_groups',
        assessment:
          'Rubric na ibinahagi sa simula (pagsisiyasat, paggamit ng datos, solusyon, pagtutulungan, paglalahad); mga checkpoint sa bawat yugto; sariling pagtatasa at pagtatasa ng kapwa sa pagtutulungan; indibidwal na pagninilay.',
        resources: [
          'Rubric ng proyekto',
          'Mga kard ng tungkulin sa grupo',
          'Kalendaryo ng proyekto',
          'Pahina ng pangangalap ng datos',
        ],
      },
    },
  },
};

/** A template in the language asked for, else in English (a language added since it was written). */
export function templateText(key: TemplateKey, language: Locale): TemplateText {
  return TEMPLATES[key][language] ?? TEMPLATES[key].en!;
}
