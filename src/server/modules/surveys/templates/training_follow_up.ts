import { BARRIERS, choice, FREQUENCY, type SurveyTemplate, TASKS, t, USEFULNESS, YES_NO } from './text.ts';

/**
 * Kirkpatrick level 3, three to six months after an offering: what teachers apply in class, how
 * often, what stands in the way and what support they had. Its frequency keys match the national survey.
 */
export const trainingFollowUp: SurveyTemplate = {
  code: 'training_follow_up',
  purpose: 'follow_up',
  sourceLocale: 'en',
  title: t(
    'After the training: what you use in class',
    'После обучения: что вы применяете на уроках',
    'Oʻqishdan keyin: darsda nimalarni qoʻllayapsiz',
    'तालिमपछि: कक्षामा तपाईं के प्रयोग गर्दै हुनुहुन्छ',
    'Pagkatapos ng pagsasanay: ano ang ginagamit mo sa klase',
  ),
  description: t(
    'A few months have passed since your training. Tell us what you now do in your lessons, what gets in the way and what help you have had. It takes about 8 minutes.',
    'С момента обучения прошло несколько месяцев. Расскажите, что вы теперь делаете на уроках, что мешает и какую помощь вы получили. Это займёт около 8 минут.',
    'Oʻqishingizdan beri bir necha oy oʻtdi. Endi darslaringizda nimalar qilayotganingiz, nima xalaqit berayotgani va qanday yordam olganingizni aytib bering. Bu taxminan 8 daqiqa oladi.',
    'तपाईंको तालिम सकिएको केही महिना भयो। अहिले कक्षामा के गर्दै हुनुहुन्छ, केले रोकिरहेको छ र कस्तो सहयोग पाउनुभयो भन्नुहोस्। यसमा करिब ८ मिनेट लाग्छ।',
    'Ilang buwan na ang lumipas mula sa iyong pagsasanay. Sabihin sa amin ang ginagawa mo ngayon sa iyong mga aralin, ano ang humahadlang, at anong tulong ang natanggap mo. Mga 8 minuto ito.',
  ),
  definition: {
    sections: [
      {
        key: 'application',
        title: t(
          'In your lessons now',
          'На ваших уроках сейчас',
          'Hozirgi darslaringizda',
          'अहिले तपाईंको कक्षामा',
          'Sa iyong mga aralin ngayon',
        ),
        questions: [
          {
            key: 'applied_tasks',
            type: 'multiple',
            required: true,
            text: t(
              'Which of these from the training have you done in your own lessons since? Choose all that apply.',
              'Что из этого, изученного на обучении, вы с тех пор делали на своих уроках? Выберите все подходящие варианты.',
              'Oʻqishda oʻrganilganlardan qaysilarini oʻshandan beri oʻz darslaringizda bajardingiz? Barcha mos javoblarni tanlang.',
              'तालिममा सिकेकामध्ये कुन कुन काम तपाईंले त्यसयता आफ्नै कक्षामा गर्नुभयो? लागु हुने सबै छान्नुहोस्।',
              'Alin sa mga ito mula sa pagsasanay ang nagawa mo na sa sarili mong mga aralin? Piliin ang lahat ng angkop.',
            ),
            choices: TASKS,
          },
          {
            key: 'applied_frequency',
            type: 'likert',
            required: true,
            text: t(
              'How often do you use what you learned in your lessons?',
              'Как часто вы применяете полученные знания на уроках?',
              'Oʻrganganlaringizni darslaringizda qanchalik tez-tez qoʻllaysiz?',
              'सिकेको कुरा तपाईं आफ्नो कक्षामा कति पटक प्रयोग गर्नुहुन्छ?',
              'Gaano kadalas mong ginagamit ang iyong natutunan sa iyong mga aralin?',
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
            key: 'applied_example',
            type: 'long_text',
            text: t(
              'Describe one lesson in which you used something from the training, and how the students responded.',
              'Опишите один урок, на котором вы применили что-то из обучения, и как отреагировали ученики.',
              'Oʻqishda oʻrganganingizni qoʻllagan bitta darsni va oʻquvchilar bunga qanday munosabat bildirganini tasvirlab bering.',
              'तालिमबाट सिकेको कुरा प्रयोग गरेको एउटा पाठ र विद्यार्थीले कस्तो प्रतिक्रिया दिए भनेर लेख्नुहोस्।',
              'Ilarawan ang isang aralin kung saan ginamit mo ang isang bagay mula sa pagsasanay, at kung paano tumugon ang mga mag-aaral.',
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
            text: t(
              'What has made it hard to use what you learned? Choose all that apply.',
              'Что мешало применять полученные знания? Выберите все подходящие варианты.',
              'Oʻrganganlaringizni qoʻllashga nima qiyinchilik tugʻdirdi? Barcha mos javoblarni tanlang.',
              'सिकेको कुरा प्रयोग गर्न केले गाह्रो बनायो? लागु हुने सबै छान्नुहोस्।',
              'Ano ang nagpahirap sa paggamit ng iyong natutunan? Piliin ang lahat ng angkop.',
            ),
            choices: BARRIERS,
          },
          {
            key: 'barriers_more',
            type: 'short_text',
            text: t(
              'Anything else that gets in the way?',
              'Что-нибудь ещё мешает?',
              'Yana biror narsa xalaqit beradimi?',
              'अरू केही कुराले रोकेको छ?',
              'May iba pa bang humahadlang?',
            ),
          },
        ],
      },
      {
        key: 'support',
        title: t(
          'Support since the training',
          'Поддержка после обучения',
          'Oʻqishdan keyingi koʻmak',
          'तालिमपछिको सहयोग',
          'Suporta mula nang pagsasanay',
        ),
        questions: [
          {
            key: 'months_since',
            type: 'number',
            min: 0,
            max: 36,
            text: t(
              'How many months ago did the training end?',
              'Сколько месяцев назад закончилось обучение?',
              'Oʻqish necha oy oldin tugagan?',
              'तालिम सकिएको कति महिना भयो?',
              'Ilang buwan na ang nakalipas mula nang matapos ang pagsasanay?',
            ),
          },
          {
            key: 'got_support',
            type: 'single',
            required: true,
            text: t(
              'Since the training, has anyone helped you put it into practice?',
              'Помогал ли вам кто-нибудь после обучения применять его на практике?',
              'Oʻqishdan keyin kimdir uni amalda qoʻllashingizga yordam berdimi?',
              'तालिमपछि कसैले त्यसलाई व्यवहारमा उतार्न तपाईंलाई सघायो?',
              'Mula nang pagsasanay, may tumulong ba sa iyo na isagawa ito?',
            ),
            choices: YES_NO,
          },
          {
            key: 'support_from',
            type: 'multiple',
            showIf: { question: 'got_support', anyOf: ['yes'] },
            text: t(
              'Who helped you? Choose all that apply.',
              'Кто вам помогал? Выберите все подходящие варианты.',
              'Sizga kim yordam berdi? Barcha mos javoblarni tanlang.',
              'तपाईंलाई कसले सघायो? लागु हुने सबै छान्नुहोस्।',
              'Sino ang tumulong sa iyo? Piliin ang lahat ng angkop.',
            ),
            choices: [
              choice(
                'coach',
                t(
                  'A coach who visited my lessons',
                  'Наставник, посещавший мои уроки',
                  'Darslarimga kelgan murabbiy',
                  'मेरो कक्षामा आउने कोच',
                  'Isang coach na bumisita sa aking mga aralin',
                ),
              ),
              choice(
                'colleagues',
                t(
                  'Colleagues at my school',
                  'Коллеги в моей школе',
                  'Maktabimdagi hamkasblar',
                  'मेरो विद्यालयका सहकर्मी',
                  'Mga kasamahan sa aking paaralan',
                ),
              ),
              choice(
                'leader',
                t(
                  'My school leader',
                  'Руководитель школы',
                  'Maktab rahbari',
                  'मेरो विद्यालय प्रमुख',
                  'Ang pinuno ng aking paaralan',
                ),
              ),
              choice(
                'trainer',
                t(
                  'The trainer of the course',
                  'Тренер курса',
                  'Kurs treneri',
                  'कोर्सका प्रशिक्षक',
                  'Ang tagapagsanay ng kurso',
                ),
              ),
              choice(
                'online_community',
                t(
                  'An online community of teachers',
                  'Онлайн-сообщество учителей',
                  'Oʻqituvchilarning onlayn hamjamiyati',
                  'शिक्षकहरूको अनलाइन समूह',
                  'Isang online na komunidad ng mga guro',
                ),
              ),
            ],
          },
          {
            key: 'support_usefulness',
            type: 'likert',
            showIf: { question: 'got_support', anyOf: ['yes'] },
            text: t(
              'How useful was this help?',
              'Насколько полезной была эта помощь?',
              'Bu yordam qanchalik foydali boʻldi?',
              'त्यो सहयोग कति उपयोगी भयो?',
              'Gaano kapaki-pakinabang ang tulong na ito?',
            ),
            choices: USEFULNESS,
          },
        ],
      },
    ],
  },
};
