import { AGREE5, choice, type SurveyTemplate, t } from './text.ts';

/** Kirkpatrick level 1, at the end of an offering: was it relevant, well made and well led; would they recommend it. */
export const trainingReaction: SurveyTemplate = {
  code: 'training_reaction',
  purpose: 'reaction',
  sourceLocale: 'en',
  title: t(
    'Your view of the training',
    'Ваше мнение об обучении',
    'Oʻqish haqidagi fikringiz',
    'तालिमबारे तपाईंको धारणा',
    'Ang iyong pananaw sa pagsasanay',
  ),
  description: t(
    'Tell us what you thought of the training you have just finished. Your answers help the trainers improve it. It takes about 5 minutes.',
    'Расскажите, что вы думаете о только что завершённом обучении. Ваши ответы помогут тренерам его улучшить. Это займёт около 5 минут.',
    'Hozirgina tugatgan oʻqishingiz haqida fikringizni bildiring. Javoblaringiz trenerlarga uni yaxshilashga yordam beradi. Bu taxminan 5 daqiqa oladi.',
    'भर्खरै सकिएको तालिमबारे तपाईंको विचार भन्नुहोस्। तपाईंका उत्तरले प्रशिक्षकलाई तालिम सुधार्न सघाउँछन्। यसमा करिब ५ मिनेट लाग्छ।',
    'Sabihin sa amin ang iyong palagay sa pagsasanay na katatapos mo lang. Makatutulong ang iyong mga sagot sa mga tagapagsanay upang mapabuti ito. Mga 5 minuto ito.',
  ),
  definition: {
    sections: [
      {
        key: 'content',
        title: t('The training', 'Обучение', 'Oʻqish', 'तालिम', 'Ang pagsasanay'),
        questions: [
          {
            key: 'relevance',
            type: 'likert',
            required: true,
            text: t(
              'What I learned is relevant to my own teaching.',
              'То, что я узнал, имеет отношение к моей работе.',
              'Oʻrganganlarim oʻz dars berishimga aloqador.',
              'मैले सिकेका कुरा मेरो आफ्नै शिक्षणसँग सान्दर्भिक छन्।',
              'Angkop sa sarili kong pagtuturo ang aking natutunan.',
            ),
            choices: AGREE5,
          },
          {
            key: 'quality',
            type: 'matrix',
            required: true,
            text: t(
              'How far do you agree with each statement about the training?',
              'Насколько вы согласны с каждым утверждением об обучении?',
              'Oʻqish haqidagi har bir fikrga qanchalik qoʻshilasiz?',
              'तालिमबारे तलका प्रत्येक भनाइसँग तपाईं कत्तिको सहमत हुनुहुन्छ?',
              'Gaano ka sumasang-ayon sa bawat pahayag tungkol sa pagsasanay?',
            ),
            choices: AGREE5,
            rows: [
              choice(
                'aims_clear',
                t(
                  'Its aims were clear from the start',
                  'Цели были ясны с самого начала',
                  'Maqsadlari boshidanoq aniq edi',
                  'यसका उद्देश्य सुरुदेखि नै स्पष्ट थिए',
                  'Malinaw ang mga layunin nito mula sa simula',
                ),
              ),
              choice(
                'materials_useful',
                t(
                  'The materials will be useful to me later',
                  'Материалы пригодятся мне в дальнейшем',
                  'Materiallar keyinchalik menga foydali boʻladi',
                  'सामग्री मलाई पछि पनि काम लाग्छन्',
                  'Magagamit ko pa ang mga kagamitan sa hinaharap',
                ),
              ),
              choice(
                'practice_time',
                t(
                  'There was enough time for hands-on practice',
                  'Было достаточно времени на практику',
                  'Amaliy mashgʻulotlar uchun yetarli vaqt bor edi',
                  'व्यावहारिक अभ्यासका लागि पर्याप्त समय थियो',
                  'May sapat na oras para sa aktuwal na pagsasanay',
                ),
              ),
              choice(
                'pace_right',
                t(
                  'The pace suited me',
                  'Темп мне подходил',
                  'Surʼati menga mos keldi',
                  'गति मलाई मिल्दो थियो',
                  'Angkop sa akin ang bilis',
                ),
              ),
              choice(
                'equipment_worked',
                t(
                  'The devices and connection worked well enough',
                  'Устройства и подключение работали достаточно хорошо',
                  'Qurilmalar va internet yetarlicha yaxshi ishladi',
                  'उपकरण र इन्टरनेट राम्रैसँग चले',
                  'Maayos na gumana ang mga device at koneksiyon',
                ),
              ),
            ],
          },
        ],
      },
      {
        key: 'trainer',
        title: t('The trainer', 'Тренер', 'Trener', 'प्रशिक्षक', 'Ang tagapagsanay'),
        questions: [
          {
            key: 'trainer',
            type: 'matrix',
            required: true,
            text: t(
              'How far do you agree with each statement about the trainer?',
              'Насколько вы согласны с каждым утверждением о тренере?',
              'Trener haqidagi har bir fikrga qanchalik qoʻshilasiz?',
              'प्रशिक्षकबारे तलका प्रत्येक भनाइसँग तपाईं कत्तिको सहमत हुनुहुन्छ?',
              'Gaano ka sumasang-ayon sa bawat pahayag tungkol sa tagapagsanay?',
            ),
            choices: AGREE5,
            rows: [
              choice(
                'knows_subject',
                t(
                  'Knew the subject well',
                  'Хорошо знал предмет',
                  'Mavzuni yaxshi bilardi',
                  'विषय राम्ररी जान्नुहुन्थ्यो',
                  'Mahusay ang kaalaman sa paksa',
                ),
              ),
              choice(
                'explains_clearly',
                t(
                  'Explained things clearly',
                  'Понятно объяснял',
                  'Tushunarli qilib tushuntirardi',
                  'स्पष्टसँग बुझाउनुहुन्थ्यो',
                  'Malinaw magpaliwanag',
                ),
              ),
              choice(
                'answers_questions',
                t(
                  'Took our questions seriously',
                  'Серьёзно относился к нашим вопросам',
                  'Savollarimizga jiddiy yondashdi',
                  'हाम्रा प्रश्नलाई गम्भीरतापूर्वक लिनुभयो',
                  'Sineryoso ang aming mga tanong',
                ),
              ),
              choice(
                'models_practice',
                t(
                  'Showed how to do it in a real class',
                  'Показывал, как это делать на настоящем уроке',
                  'Buni haqiqiy darsda qanday qilishni koʻrsatdi',
                  'वास्तविक कक्षामा कसरी गर्ने भनेर देखाउनुभयो',
                  'Ipinakita kung paano ito gawin sa tunay na klase',
                ),
              ),
            ],
          },
        ],
      },
      {
        key: 'overall',
        title: t('Overall', 'В целом', 'Umuman olganda', 'समग्रमा', 'Sa kabuuan'),
        questions: [
          {
            key: 'recommend',
            type: 'single',
            required: true,
            text: t(
              'Would you recommend this training to a colleague?',
              'Порекомендовали бы вы это обучение коллеге?',
              'Bu oʻqishni hamkasbingizga tavsiya qilarmidingiz?',
              'के तपाईं यो तालिम सहकर्मीलाई सिफारिस गर्नुहुन्छ?',
              'Irerekomenda mo ba ang pagsasanay na ito sa isang kasamahan?',
            ),
            choices: [
              choice('yes', t('Yes', 'Да', 'Ha', 'गर्छु', 'Oo')),
              choice('maybe', t('Perhaps', 'Возможно', 'Balki', 'सायद', 'Siguro')),
              choice('no', t('No', 'Нет', 'Yoʻq', 'गर्दिनँ', 'Hindi')),
            ],
          },
          {
            key: 'recommend_reservations',
            type: 'long_text',
            showIf: { question: 'recommend', anyOf: ['maybe', 'no'] },
            text: t(
              'What holds you back from recommending it?',
              'Что мешает вам его рекомендовать?',
              'Uni tavsiya qilishingizga nima toʻsqinlik qiladi?',
              'सिफारिस गर्न तपाईंलाई केले रोक्छ?',
              'Ano ang pumipigil sa iyo na irekomenda ito?',
            ),
          },
          {
            key: 'most_valuable',
            type: 'long_text',
            text: t(
              'What was the most valuable part for you?',
              'Что было для вас самым ценным?',
              'Siz uchun eng qimmatli qismi nima boʻldi?',
              'तपाईंका लागि सबैभन्दा महत्त्वपूर्ण भाग कुन थियो?',
              'Ano ang pinakamahalagang bahagi para sa iyo?',
            ),
          },
          {
            key: 'improve',
            type: 'long_text',
            text: t(
              'What should be changed next time?',
              'Что стоит изменить в следующий раз?',
              'Keyingi safar nimani oʻzgartirish kerak?',
              'अर्को पटक के परिवर्तन गर्नुपर्छ?',
              'Ano ang dapat baguhin sa susunod?',
            ),
          },
        ],
      },
    ],
  },
};
