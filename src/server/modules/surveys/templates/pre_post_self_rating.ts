import { CONFIDENCE, type SurveyTemplate, TASKS, t } from './text.ts';

/**
 * Kirkpatrick level 2: the same self-rating before the training and after it, so the change in
 * confidence on each task can be read per offering.
 */
export const prePostSelfRating: SurveyTemplate = {
  code: 'pre_post_self_rating',
  purpose: 'pre_post',
  sourceLocale: 'en',
  title: t(
    'Self-rating: ICT in my teaching',
    'Самооценка: ИКТ в моём преподавании',
    'Oʻz-oʻzini baholash: oʻqitishimda AKT',
    'स्व-मूल्याङ्कन: मेरो शिक्षणमा सूचना प्रविधि',
    'Pagsusuri sa sarili: ICT sa aking pagtuturo',
  ),
  description: t(
    'You answer these questions at the start of the training and again at its end. Rate yourself honestly: the change between the two is what counts, not the level.',
    'Вы ответите на эти вопросы в начале обучения и ещё раз в конце. Оценивайте себя честно: важен не уровень, а изменение между двумя ответами.',
    'Bu savollarga oʻqish boshida va oxirida yana bir bor javob berasiz. Oʻzingizni halol baholang: darajaning oʻzi emas, ikki javob orasidagi oʻzgarish muhim.',
    'तपाईंले यी प्रश्नको उत्तर तालिमको सुरुमा र अन्त्यमा फेरि दिनुहुनेछ। आफूलाई इमानदारीपूर्वक मूल्याङ्कन गर्नुहोस्: स्तर होइन, दुई उत्तरबीचको परिवर्तन महत्त्वपूर्ण हो।',
    'Sasagutin mo ang mga tanong na ito sa simula ng pagsasanay at muli sa pagtatapos nito. Suriin ang sarili nang tapat: ang pagbabago sa pagitan ng dalawa ang mahalaga, hindi ang antas.',
  ),
  definition: {
    sections: [
      {
        key: 'confidence',
        title: t(
          'How confident are you?',
          'Насколько вы уверены?',
          'Qanchalik ishonchingiz bor?',
          'तपाईं कत्तिको आत्मविश्वासी हुनुहुन्छ?',
          'Gaano ka katiwala?',
        ),
        questions: [
          {
            key: 'task_confidence',
            type: 'matrix',
            required: true,
            text: t(
              'How confident are you that you can do each of these in your own classes?',
              'Насколько вы уверены, что сможете сделать каждое из этого на своих уроках?',
              'Quyidagilarning har birini oʻz darslaringizda bajara olishingizga qanchalik ishonasiz?',
              'तलका प्रत्येक काम आफ्नै कक्षामा गर्न सक्छु भन्नेमा तपाईं कत्तिको विश्वस्त हुनुहुन्छ?',
              'Gaano ka katiwala na magagawa mo ang bawat isa rito sa sarili mong klase?',
            ),
            choices: CONFIDENCE,
            rows: TASKS,
          },
          {
            key: 'overall_confidence',
            type: 'likert',
            required: true,
            text: t(
              'Overall, how confident are you in teaching with ICT?',
              'В целом, насколько уверенно вы преподаёте с использованием ИКТ?',
              'Umuman olganda, AKT bilan dars oʻtishda qanchalik ishonchingiz bor?',
              'समग्रमा, सूचना प्रविधिसहित पढाउन तपाईं कत्तिको आत्मविश्वासी हुनुहुन्छ?',
              'Sa kabuuan, gaano ka katiwala sa pagtuturo gamit ang ICT?',
            ),
            choices: CONFIDENCE,
          },
          {
            key: 'want_to_improve',
            type: 'short_text',
            text: t(
              'Which one task would you most like to get better at?',
              'В чём одном вы больше всего хотели бы стать лучше?',
              'Qaysi bitta ishni eng koʻp yaxshiroq bajarishni xohlaysiz?',
              'तपाईं कुन एउटा काममा सबैभन्दा बढी सुधार गर्न चाहनुहुन्छ?',
              'Aling gawain ang pinakagusto mong pagbutihin?',
            ),
          },
        ],
      },
    ],
  },
};
