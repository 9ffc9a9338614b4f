import { AGREE4, BARRIERS, choice, FREQUENCY, type SurveyTemplate, t, USEFULNESS, YES_NO } from './text.ts';

/**
 * The national survey of training effectiveness: how teachers and students use ICT in teaching, the
 * training teachers received and what they apply from it, what stands in the way and who helps.
 * A ministry runs it yearly; question keys stay the same across versions so rounds compare.
 */
export const nationalTrainingEffectiveness: SurveyTemplate = {
  code: 'national_training_effectiveness',
  purpose: 'national',
  sourceLocale: 'en',
  title: t(
    'National survey of teacher training effectiveness',
    'Национальный опрос об эффективности обучения учителей',
    'Oʻqituvchilar malakasini oshirish samaradorligi boʻyicha milliy soʻrovnoma',
    'शिक्षक तालिमको प्रभावकारितासम्बन्धी राष्ट्रिय सर्वेक्षण',
    'Pambansang sarbey sa bisa ng pagsasanay ng mga guro',
  ),
  description: t(
    'This survey asks how you and your students use digital technology in lessons, what training you have had and what helps or hinders you. It takes about 15 minutes. There are no right or wrong answers.',
    'Этот опрос о том, как вы и ваши ученики используете цифровые технологии на уроках, какое обучение вы прошли и что вам помогает или мешает. Он займёт около 15 минут. Правильных и неправильных ответов нет.',
    'Ushbu soʻrovnoma siz va oʻquvchilaringiz darslarda raqamli texnologiyalardan qanday foydalanishingiz, qanday oʻqishlardan oʻtganingiz hamda sizga nima yordam berishi yoki xalaqit qilishi haqida. U taxminan 15 daqiqa oladi. Toʻgʻri yoki notoʻgʻri javob yoʻq.',
    'यो सर्वेक्षणले तपाईं र तपाईंका विद्यार्थीले कक्षामा डिजिटल प्रविधि कसरी प्रयोग गर्नुहुन्छ, तपाईंले कस्तो तालिम पाउनुभयो र के कुराले सघाउँछ वा रोक्छ भनेर सोध्छ। यसमा करिब १५ मिनेट लाग्छ। यहाँ सही वा गलत उत्तर हुँदैन।',
    'Tinatanong ng sarbey na ito kung paano ginagamit mo at ng iyong mga mag-aaral ang digital na teknolohiya sa klase, anong pagsasanay ang natanggap mo, at ano ang tumutulong o humahadlang sa iyo. Mga 15 minuto ito. Walang tama o maling sagot.',
  ),
  definition: {
    sections: [
      {
        key: 'background',
        title: t('About you', 'О вас', 'Siz haqingizda', 'तपाईंको बारेमा', 'Tungkol sa iyo'),
        questions: [
          {
            key: 'years_teaching',
            type: 'number',
            required: true,
            min: 0,
            max: 60,
            text: t(
              'How many years have you been teaching?',
              'Сколько лет вы работаете учителем?',
              'Necha yildan beri oʻqituvchilik qilasiz?',
              'तपाईंले कति वर्षदेखि पढाउँदै हुनुहुन्छ?',
              'Ilang taon ka nang nagtuturo?',
            ),
          },
          {
            key: 'main_subject',
            type: 'single',
            required: true,
            text: t(
              'Which subject do you teach most?',
              'Какой предмет вы преподаёте больше всего?',
              'Qaysi fanni eng koʻp oʻqitasiz?',
              'तपाईं कुन विषय सबैभन्दा बढी पढाउनुहुन्छ?',
              'Aling asignatura ang pinakamadalas mong itinuturo?',
            ),
            choices: [
              choice(
                'languages',
                t(
                  'Languages and literature',
                  'Языки и литература',
                  'Tillar va adabiyot',
                  'भाषा र साहित्य',
                  'Mga wika at panitikan',
                ),
              ),
              choice('mathematics', t('Mathematics', 'Математика', 'Matematika', 'गणित', 'Matematika')),
              choice('sciences', t('Sciences', 'Естественные науки', 'Tabiiy fanlar', 'विज्ञान', 'Agham')),
              choice(
                'social_studies',
                t(
                  'History and social studies',
                  'История и обществознание',
                  'Tarix va ijtimoiy fanlar',
                  'इतिहास र सामाजिक अध्ययन',
                  'Kasaysayan at araling panlipunan',
                ),
              ),
              choice(
                'informatics',
                t('Informatics or computing', 'Информатика', 'Informatika', 'कम्प्युटर विज्ञान', 'Informatika o computing'),
              ),
              choice(
                'arts_sport',
                t(
                  'Arts, music or physical education',
                  'Искусство, музыка или физкультура',
                  'Sanʼat, musiqa yoki jismoniy tarbiya',
                  'कला, सङ्गीत वा शारीरिक शिक्षा',
                  'Sining, musika o physical education',
                ),
              ),
              choice(
                'primary_all',
                t(
                  'Several subjects in primary grades',
                  'Несколько предметов в начальных классах',
                  'Boshlangʻich sinflarda bir nechta fan',
                  'प्राथमिक कक्षामा धेरै विषय',
                  'Maraming asignatura sa elementarya',
                ),
              ),
              BARRIERS.at(-1)!,
            ],
          },
        ],
      },
      {
        key: 'ict_use',
        title: t(
          'ICT in your lessons',
          'ИКТ на ваших уроках',
          'Darslaringizda AKT',
          'तपाईंको कक्षामा सूचना प्रविधि',
          'ICT sa iyong mga aralin',
        ),
        questions: [
          {
            key: 'teacher_ict_frequency',
            type: 'likert',
            required: true,
            text: t(
              'How often do you use digital technology while teaching a lesson?',
              'Как часто вы используете цифровые технологии во время урока?',
              'Dars oʻtish jarayonida raqamli texnologiyalardan qanchalik tez-tez foydalanasiz?',
              'पाठ पढाउँदा तपाईं कति पटक डिजिटल प्रविधि प्रयोग गर्नुहुन्छ?',
              'Gaano kadalas mong ginagamit ang digital na teknolohiya habang nagtuturo?',
            ),
            choices: FREQUENCY,
          },
          {
            key: 'student_ict_frequency',
            type: 'likert',
            required: true,
            text: t(
              'How often do your students use digital devices themselves during your lessons?',
              'Как часто ваши ученики сами работают с цифровыми устройствами на ваших уроках?',
              'Darslaringizda oʻquvchilar raqamli qurilmalardan oʻzlari qanchalik tez-tez foydalanadi?',
              'तपाईंको कक्षामा विद्यार्थी आफैँले कति पटक डिजिटल उपकरण चलाउँछन्?',
              'Gaano kadalas gumagamit mismo ng mga digital na device ang iyong mga mag-aaral sa iyong mga aralin?',
            ),
            choices: FREQUENCY,
          },
          {
            key: 'ict_purposes',
            type: 'multiple',
            text: t(
              'What do you use ICT for in your teaching? Choose all that apply.',
              'Для чего вы используете ИКТ в обучении? Выберите все подходящие варианты.',
              'Oʻqitishda AKTdan nima maqsadda foydalanasiz? Barcha mos javoblarni tanlang.',
              'पढाइमा तपाईं सूचना प्रविधि केका लागि प्रयोग गर्नुहुन्छ? लागु हुने सबै छान्नुहोस्।',
              'Para saan mo ginagamit ang ICT sa pagtuturo? Piliin ang lahat ng angkop.',
            ),
            choices: [
              choice(
                'present',
                t(
                  'Presenting new content',
                  'Объяснение нового материала',
                  'Yangi mavzuni tushuntirish',
                  'नयाँ विषयवस्तु प्रस्तुत गर्न',
                  'Paglalahad ng bagong aralin',
                ),
              ),
              choice(
                'practice',
                t(
                  'Exercises and practice',
                  'Упражнения и закрепление',
                  'Mashqlar va mustahkamlash',
                  'अभ्यास गराउन',
                  'Mga pagsasanay',
                ),
              ),
              choice(
                'research',
                t(
                  'Students looking up information',
                  'Поиск информации учениками',
                  'Oʻquvchilarning maʼlumot izlashi',
                  'विद्यार्थीले जानकारी खोज्न',
                  'Paghahanap ng impormasyon ng mga mag-aaral',
                ),
              ),
              choice(
                'create',
                t(
                  'Students creating their own work',
                  'Создание учениками собственных работ',
                  'Oʻquvchilarning oʻz ishlarini yaratishi',
                  'विद्यार्थीले आफ्नै काम बनाउन',
                  'Paglikha ng mga mag-aaral ng sariling gawa',
                ),
              ),
              choice(
                'collaborate',
                t(
                  'Students working together online',
                  'Совместная работа учеников онлайн',
                  'Oʻquvchilarning onlayn hamkorligi',
                  'विद्यार्थीले अनलाइन मिलेर काम गर्न',
                  'Pagtutulungan ng mga mag-aaral online',
                ),
              ),
              choice(
                'assess',
                t(
                  'Quizzes and assessment',
                  'Тесты и оценивание',
                  'Testlar va baholash',
                  'प्रश्नोत्तरी र मूल्याङ्कन',
                  'Mga pagsusulit at pagtatasa',
                ),
              ),
              choice(
                'communicate',
                t(
                  'Keeping in touch with students and parents',
                  'Связь с учениками и родителями',
                  'Oʻquvchilar va ota-onalar bilan aloqa',
                  'विद्यार्थी र अभिभावकसँग सम्पर्क',
                  'Pakikipag-ugnayan sa mga mag-aaral at magulang',
                ),
              ),
              choice(
                'prepare',
                t(
                  'Preparing lessons and materials',
                  'Подготовка уроков и материалов',
                  'Darslar va materiallarni tayyorlash',
                  'पाठ र सामग्री तयार गर्न',
                  'Paghahanda ng aralin at kagamitan',
                ),
              ),
            ],
          },
          {
            key: 'student_activities',
            type: 'matrix',
            text: t(
              'How often do students in your classes do each of these with digital technology?',
              'Как часто ученики на ваших уроках делают следующее с помощью цифровых технологий?',
              'Darslaringizda oʻquvchilar raqamli texnologiyalar yordamida quyidagilarni qanchalik tez-tez bajaradi?',
              'तपाईंको कक्षाका विद्यार्थीले डिजिटल प्रविधिबाट तलका काम कति पटक गर्छन्?',
              'Gaano kadalas ginagawa ng mga mag-aaral sa iyong klase ang bawat isa gamit ang digital na teknolohiya?',
            ),
            choices: FREQUENCY,
            rows: [
              choice(
                'search_evaluate',
                t(
                  'Search for information and check whether it can be trusted',
                  'Ищут информацию и проверяют, можно ли ей доверять',
                  'Maʼlumot izlaydi va unga ishonish mumkinligini tekshiradi',
                  'जानकारी खोज्छन् र त्यो भरपर्दो छ कि छैन जाँच्छन्',
                  'Naghahanap ng impormasyon at sinusuri kung mapagkakatiwalaan ito',
                ),
              ),
              choice(
                'create_media',
                t(
                  'Make presentations, videos or other media',
                  'Создают презентации, видео или другие материалы',
                  'Taqdimot, video yoki boshqa materiallar tayyorlaydi',
                  'प्रस्तुति, भिडियो वा अन्य सामग्री बनाउँछन्',
                  'Gumagawa ng presentasyon, video o iba pang media',
                ),
              ),
              choice(
                'work_with_data',
                t(
                  'Work with data in tables or charts',
                  'Работают с данными в таблицах или диаграммах',
                  'Jadval yoki diagrammalarda maʼlumotlar bilan ishlaydi',
                  'तालिका वा चार्टमा तथ्याङ्कसँग काम गर्छन्',
                  'Gumagamit ng datos sa talahanayan o tsart',
                ),
              ),
              choice(
                'coding',
                t(
                  'Write simple programs',
                  'Пишут простые программы',
                  'Oddiy dasturlar yozadi',
                  'साधारण प्रोग्राम लेख्छन्',
                  'Sumusulat ng simpleng programa',
                ),
              ),
              choice(
                'shared_documents',
                t(
                  'Work together on shared documents',
                  'Вместе работают над общими документами',
                  'Umumiy hujjatlar ustida birga ishlaydi',
                  'साझा कागजातमा मिलेर काम गर्छन्',
                  'Sama-samang gumagawa sa mga shared na dokumento',
                ),
              ),
            ],
          },
        ],
      },
      {
        key: 'training',
        title: t(
          'Training you received',
          'Пройденное обучение',
          'Siz oʻtgan oʻqishlar',
          'तपाईंले पाएको तालिम',
          'Pagsasanay na natanggap mo',
        ),
        questions: [
          {
            key: 'received_training',
            type: 'single',
            required: true,
            text: t(
              'In the last two years, have you taken part in training on using ICT in teaching?',
              'Проходили ли вы за последние два года обучение по использованию ИКТ в преподавании?',
              'Soʻnggi ikki yilda oʻqitishda AKTdan foydalanish boʻyicha oʻqishda qatnashdingizmi?',
              'पछिल्लो दुई वर्षमा तपाईंले शिक्षणमा सूचना प्रविधि प्रयोगसम्बन्धी तालिम लिनुभयो?',
              'Sa nakalipas na dalawang taon, lumahok ka ba sa pagsasanay sa paggamit ng ICT sa pagtuturo?',
            ),
            choices: YES_NO,
          },
          {
            key: 'last_training_ended',
            type: 'date',
            showIf: { question: 'received_training', anyOf: ['yes'] },
            text: t(
              'When did your most recent ICT training end?',
              'Когда закончилось ваше последнее обучение по ИКТ?',
              'Soʻnggi AKT oʻqishingiz qachon tugagan?',
              'तपाईंको पछिल्लो सूचना प्रविधि तालिम कहिले सकियो?',
              'Kailan natapos ang pinakahuli mong pagsasanay sa ICT?',
            ),
          },
          {
            key: 'training_hours',
            type: 'number',
            min: 0,
            max: 1000,
            showIf: { question: 'received_training', anyOf: ['yes'] },
            text: t(
              'About how many hours of such training did you have in those two years?',
              'Сколько примерно часов такого обучения было у вас за эти два года?',
              'Shu ikki yilda taxminan necha soat shunday oʻqishda boʻldingiz?',
              'ती दुई वर्षमा तपाईंले करिब कति घण्टा यस्तो तालिम लिनुभयो?',
              'Humigit-kumulang ilang oras ng ganitong pagsasanay ang natanggap mo sa dalawang taong iyon?',
            ),
          },
          {
            key: 'training_formats',
            type: 'multiple',
            showIf: { question: 'received_training', anyOf: ['yes'] },
            text: t(
              'In what forms was it given? Choose all that apply.',
              'В каком формате оно проходило? Выберите все подходящие варианты.',
              'U qanday shaklda oʻtkazilgan? Barcha mos javoblarni tanlang.',
              'तालिम कुन कुन तरिकाले दिइयो? लागु हुने सबै छान्नुहोस्।',
              'Sa anong anyo ito ibinigay? Piliin ang lahat ng angkop.',
            ),
            choices: [
              choice(
                'face_to_face',
                t('A face-to-face course', 'Очный курс', 'Yuzma-yuz kurs', 'प्रत्यक्ष कक्षा', 'Harapang kurso'),
              ),
              choice('online', t('An online course', 'Онлайн-курс', 'Onlayn kurs', 'अनलाइन कोर्स', 'Online na kurso')),
              choice(
                'blended',
                t('A mix of both', 'Смешанный формат', 'Aralash shakl', 'दुवैको मिश्रण', 'Pinagsamang dalawa'),
              ),
              choice(
                'school_based',
                t(
                  'At my school, with colleagues',
                  'В моей школе, с коллегами',
                  'Oʻz maktabimda, hamkasblar bilan',
                  'आफ्नै विद्यालयमा, सहकर्मीसँग',
                  'Sa aking paaralan, kasama ang mga kasamahan',
                ),
              ),
              choice(
                'coaching',
                t(
                  'Coaching or mentoring in my classroom',
                  'Наставничество в моём классе',
                  'Sinfimda murabbiylik yoki ustozlik',
                  'मेरो कक्षामा कोचिङ वा सल्लाह',
                  'Coaching o mentoring sa aking silid-aralan',
                ),
              ),
            ],
          },
          {
            key: 'training_usefulness',
            type: 'likert',
            showIf: { question: 'received_training', anyOf: ['yes'] },
            text: t(
              'How useful was this training for your everyday teaching?',
              'Насколько это обучение полезно для вашей повседневной работы?',
              'Bu oʻqish kundalik dars berishingiz uchun qanchalik foydali boʻldi?',
              'यो तालिम तपाईंको दैनिक शिक्षणका लागि कति उपयोगी भयो?',
              'Gaano kapaki-pakinabang ang pagsasanay na ito sa araw-araw mong pagtuturo?',
            ),
            choices: USEFULNESS,
          },
        ],
      },
      {
        key: 'application',
        title: t(
          'Using what you learned',
          'Применение полученного',
          'Oʻrganganlaringizni qoʻllash',
          'सिकेको कुराको प्रयोग',
          'Paggamit ng natutunan',
        ),
        questions: [
          {
            key: 'applied_amount',
            type: 'single',
            showIf: { question: 'received_training', anyOf: ['yes'] },
            text: t(
              'How much of what you learned in training have you used in your lessons?',
              'Какую часть полученного на обучении вы применили на своих уроках?',
              'Oʻqishda oʻrganganlaringizning qancha qismini darslaringizda qoʻlladingiz?',
              'तालिममा सिकेका कुरामध्ये कति तपाईंले आफ्नो कक्षामा प्रयोग गर्नुभयो?',
              'Gaano karami sa natutunan mo sa pagsasanay ang nagamit mo na sa iyong mga aralin?',
            ),
            choices: [
              choice('none', t('Nothing yet', 'Пока ничего', 'Hozircha hech narsa', 'अहिलेसम्म केही पनि होइन', 'Wala pa')),
              choice('some', t('A little', 'Немного', 'Ozgina', 'थोरै', 'Kaunti')),
              choice('much', t('A good part', 'Значительную часть', 'Koʻp qismini', 'धेरैजसो', 'Malaking bahagi')),
              choice('most', t('Almost all', 'Почти всё', 'Deyarli hammasini', 'लगभग सबै', 'Halos lahat')),
            ],
          },
          {
            key: 'applied_example',
            type: 'long_text',
            showIf: { question: 'received_training', anyOf: ['yes'] },
            text: t(
              'Describe one lesson in which you used something from the training.',
              'Опишите один урок, на котором вы применили что-то из обучения.',
              'Oʻqishda oʻrganganingizni qoʻllagan bitta darsni tasvirlab bering.',
              'तालिमबाट सिकेको कुरा प्रयोग गरेको एउटा पाठबारे लेख्नुहोस्।',
              'Ilarawan ang isang aralin kung saan ginamit mo ang isang bagay mula sa pagsasanay.',
            ),
          },
        ],
      },
      {
        key: 'barriers',
        title: t('What stands in the way', 'Что мешает', 'Nima xalaqit beradi', 'के कुराले रोक्छ', 'Ano ang humahadlang'),
        questions: [
          {
            key: 'barriers',
            type: 'multiple',
            required: true,
            text: t(
              'What makes it hard for you to use ICT in teaching? Choose all that apply.',
              'Что мешает вам использовать ИКТ в преподавании? Выберите все подходящие варианты.',
              'Oʻqitishda AKTdan foydalanishingizga nima qiyinchilik tugʻdiradi? Barcha mos javoblarni tanlang.',
              'शिक्षणमा सूचना प्रविधि प्रयोग गर्न तपाईंलाई केले गाह्रो बनाउँछ? लागु हुने सबै छान्नुहोस्।',
              'Ano ang nagpapahirap sa iyo na gamitin ang ICT sa pagtuturo? Piliin ang lahat ng angkop.',
            ),
            choices: BARRIERS,
          },
          {
            key: 'main_barrier',
            type: 'single',
            required: true,
            text: t(
              'Which one of these is the biggest obstacle for you?',
              'Что из этого мешает вам больше всего?',
              'Bulardan qaysi biri siz uchun eng katta toʻsiq?',
              'यीमध्ये तपाईंका लागि सबैभन्दा ठूलो बाधा कुन हो?',
              'Alin sa mga ito ang pinakamalaking hadlang para sa iyo?',
            ),
            choices: [
              ...BARRIERS.slice(0, -1),
              choice(
                'nothing',
                t(
                  'Nothing stands in my way',
                  'Мне ничего не мешает',
                  'Menga hech narsa xalaqit bermaydi',
                  'मलाई केही पनि रोक्दैन',
                  'Walang humahadlang sa akin',
                ),
              ),
              BARRIERS.at(-1)!,
            ],
          },
          {
            key: 'main_barrier_other',
            type: 'short_text',
            required: true,
            showIf: { question: 'main_barrier', anyOf: ['other'] },
            text: t(
              'What is this other obstacle?',
              'Что это за другое препятствие?',
              'Bu boshqa toʻsiq nima?',
              'त्यो अन्य बाधा के हो?',
              'Ano ang ibang hadlang na ito?',
            ),
          },
        ],
      },
      {
        key: 'support',
        title: t(
          'Support from your school and partners',
          'Поддержка школы и партнёров',
          'Maktab va hamkorlar koʻmagi',
          'विद्यालय र साझेदारको सहयोग',
          'Suporta ng paaralan at mga katuwang',
        ),
        questions: [
          {
            key: 'support_statements',
            type: 'matrix',
            required: true,
            text: t(
              'How far do you agree with each statement?',
              'Насколько вы согласны с каждым утверждением?',
              'Har bir fikrga qanchalik qoʻshilasiz?',
              'तलका प्रत्येक भनाइसँग तपाईं कत्तिको सहमत हुनुहुन्छ?',
              'Gaano ka sumasang-ayon sa bawat pahayag?',
            ),
            choices: AGREE4,
            rows: [
              choice(
                'leader_encourages',
                t(
                  'My school leader encourages teaching with ICT',
                  'Руководитель школы поощряет обучение с ИКТ',
                  'Maktab rahbari AKT bilan dars oʻtishni ragʻbatlantiradi',
                  'मेरो विद्यालय प्रमुखले सूचना प्रविधिसहित पढाउन प्रोत्साहन गर्नुहुन्छ',
                  'Hinihikayat ng pinuno ng aming paaralan ang pagtuturo gamit ang ICT',
                ),
              ),
              choice(
                'colleagues_share',
                t(
                  'Colleagues share ideas and materials with me',
                  'Коллеги делятся со мной идеями и материалами',
                  'Hamkasblar men bilan gʻoya va materiallar ulashadi',
                  'सहकर्मीहरू मसँग विचार र सामग्री बाँड्छन्',
                  'Nagbabahagi ng ideya at kagamitan ang aking mga kasamahan',
                ),
              ),
              choice(
                'tech_help',
                t(
                  'I can get technical help at school when I need it',
                  'В школе я могу получить техническую помощь, когда нужно',
                  'Kerak boʻlganda maktabda texnik yordam olishim mumkin',
                  'चाहिएको बेला विद्यालयमा प्राविधिक सहयोग पाउन सक्छु',
                  'Nakakakuha ako ng teknikal na tulong sa paaralan kapag kailangan',
                ),
              ),
              choice(
                'partners_help',
                t(
                  'Partners such as the teacher college or organisations support our school with ICT',
                  'Партнёры, например педагогический колледж или организации, помогают нашей школе с ИКТ',
                  'Pedagogika kolleji yoki tashkilotlar kabi hamkorlar maktabimizga AKT boʻyicha yordam beradi',
                  'शिक्षक क्याम्पस वा संस्थाजस्ता साझेदारले हाम्रो विद्यालयलाई सूचना प्रविधिमा सघाउँछन्',
                  'Sinusuportahan ng mga katuwang tulad ng teacher college o mga organisasyon ang aming paaralan sa ICT',
                ),
              ),
              choice(
                'district_support',
                t(
                  'The education office supports us in using ICT',
                  'Отдел образования поддерживает нас в использовании ИКТ',
                  'Taʼlim boʻlimi AKTdan foydalanishda bizni qoʻllab-quvvatlaydi',
                  'शिक्षा कार्यालयले सूचना प्रविधि प्रयोगमा हामीलाई सघाउँछ',
                  'Sinusuportahan kami ng tanggapan ng edukasyon sa paggamit ng ICT',
                ),
              ),
            ],
          },
          {
            key: 'support_wish',
            type: 'long_text',
            text: t(
              'What support would help you most to use ICT better in your teaching?',
              'Какая поддержка больше всего помогла бы вам лучше использовать ИКТ в обучении?',
              'Oʻqitishda AKTdan yaxshiroq foydalanishingiz uchun qanday koʻmak eng koʻp yordam beradi?',
              'शिक्षणमा सूचना प्रविधि अझ राम्रोसँग प्रयोग गर्न तपाईंलाई कस्तो सहयोगले सबैभन्दा बढी सघाउँछ?',
              'Anong suporta ang pinakamakatutulong sa iyo upang mas mahusay na magamit ang ICT sa pagtuturo?',
            ),
          },
        ],
      },
    ],
  },
};
