import type { LocalizedText } from '../../../shared/text.ts';
import type { Purpose } from '../questionnaires.schemas.ts';
import type { DefinitionInput } from '../surveys.definition.ts';

/** A questionnaire shipped with Pathway: written in our own words, complete in every language. */
export interface SurveyTemplate {
  code: string;
  purpose: Purpose;
  sourceLocale: 'en';
  title: LocalizedText;
  description: LocalizedText;
  definition: DefinitionInput;
}

/** One text in English, Russian, Uzbek (Latin), Nepali and Filipino, in that order. */
export const t = (en: string, ru: string, uz: string, ne: string, fil: string): LocalizedText => ({
  en,
  ru,
  uz,
  ne,
  fil,
});

export const choice = (value: string, label: LocalizedText) => ({ value, label });

/** How often: the scale of the national survey and the follow-up, so their answers compare. */
export const FREQUENCY = [
  choice('never', t('Never', 'Никогда', 'Hech qachon', 'कहिल्यै होइन', 'Hindi kailanman')),
  choice(
    'monthly',
    t(
      'About once a month or less',
      'Примерно раз в месяц или реже',
      'Oyiga bir marta yoki kamroq',
      'महिनामा एक पटक वा कम',
      'Mga isang beses sa isang buwan o mas madalang',
    ),
  ),
  choice(
    'weekly',
    t(
      'At least once a week',
      'Хотя бы раз в неделю',
      'Haftasiga kamida bir marta',
      'हप्तामा कम्तीमा एक पटक',
      'Kahit isang beses sa isang linggo',
    ),
  ),
  choice(
    'daily',
    t(
      'Every day or almost',
      'Каждый день или почти каждый день',
      'Har kuni yoki deyarli har kuni',
      'हरेक दिन वा लगभग हरेक दिन',
      'Araw-araw o halos araw-araw',
    ),
  ),
];

/** Agreement, four points (no middle): the national survey's statements about support. */
export const AGREE4 = [
  choice(
    'strongly_disagree',
    t('Strongly disagree', 'Совсем не согласен', 'Mutlaqo qoʻshilmayman', 'पूर्ण असहमत', 'Lubos na hindi sang-ayon'),
  ),
  choice('disagree', t('Disagree', 'Не согласен', 'Qoʻshilmayman', 'असहमत', 'Hindi sang-ayon')),
  choice('agree', t('Agree', 'Согласен', 'Qoʻshilaman', 'सहमत', 'Sang-ayon')),
  choice(
    'strongly_agree',
    t('Strongly agree', 'Полностью согласен', 'Toʻliq qoʻshilaman', 'पूर्ण सहमत', 'Lubos na sang-ayon'),
  ),
];

/** Agreement, five points: the reaction survey. */
export const AGREE5 = [
  AGREE4[0]!,
  AGREE4[1]!,
  choice(
    'neutral',
    t(
      'Neither agree nor disagree',
      'Ни да, ни нет',
      'Qoʻshilaman ham, qoʻshilmayman ham',
      'न सहमत न असहमत',
      'Hindi sang-ayon o salungat',
    ),
  ),
  AGREE4[2]!,
  AGREE4[3]!,
];

export const USEFULNESS = [
  choice('not_useful', t('Not useful', 'Бесполезно', 'Foydasiz', 'उपयोगी छैन', 'Hindi kapaki-pakinabang')),
  choice(
    'slightly_useful',
    t('Slightly useful', 'Немного полезно', 'Biroz foydali', 'अलिअलि उपयोगी', 'Medyo kapaki-pakinabang'),
  ),
  choice('useful', t('Useful', 'Полезно', 'Foydali', 'उपयोगी', 'Kapaki-pakinabang')),
  choice('very_useful', t('Very useful', 'Очень полезно', 'Juda foydali', 'धेरै उपयोगी', 'Napakakapaki-pakinabang')),
];

export const CONFIDENCE = [
  choice('not_confident', t('Not confident', 'Не уверен', 'Ishonchim yoʻq', 'आत्मविश्वास छैन', 'Hindi tiwala')),
  choice(
    'slightly_confident',
    t('Slightly confident', 'Немного уверен', 'Biroz ishonaman', 'अलिकति आत्मविश्वास छ', 'Medyo tiwala'),
  ),
  choice(
    'fairly_confident',
    t('Fairly confident', 'Довольно уверен', 'Ancha ishonaman', 'राम्रै आत्मविश्वास छ', 'Sapat na tiwala'),
  ),
  choice(
    'very_confident',
    t('Very confident', 'Очень уверен', 'Toʻliq ishonaman', 'धेरै आत्मविश्वास छ', 'Lubos na tiwala'),
  ),
];

export const YES_NO = [
  choice('yes', t('Yes', 'Да', 'Ha', 'हो', 'Oo')),
  choice('no', t('No', 'Нет', 'Yoʻq', 'होइन', 'Hindi')),
];

/** The ICT-in-teaching tasks rated before and after training and asked about at follow-up. */
export const TASKS = [
  choice(
    'find_resources',
    t(
      'Find digital learning resources for a lesson and judge their quality',
      'Находить цифровые учебные ресурсы для урока и оценивать их качество',
      'Dars uchun raqamli taʼlim resurslarini topish va ularning sifatini baholash',
      'पाठका लागि डिजिटल सिकाइ स्रोत खोज्ने र तिनको गुणस्तर जाँच्ने',
      'Maghanap ng digital na kagamitang panturo para sa aralin at suriin ang kalidad nito',
    ),
  ),
  choice(
    'plan_lesson',
    t(
      'Plan a lesson in which students use devices themselves',
      'Планировать урок, на котором ученики сами работают с устройствами',
      'Oʻquvchilar qurilmalardan oʻzlari foydalanadigan darsni rejalashtirish',
      'विद्यार्थी आफैँले उपकरण चलाउने पाठको योजना बनाउने',
      'Magplano ng aralin kung saan ang mga mag-aaral mismo ang gumagamit ng mga device',
    ),
  ),
  choice(
    'present_topic',
    t(
      'Explain a topic with presentations, video or simulations',
      'Объяснять тему с помощью презентаций, видео или симуляций',
      'Mavzuni taqdimot, video yoki simulyatsiyalar yordamida tushuntirish',
      'प्रस्तुति, भिडियो वा सिमुलेसनको सहायताले विषय बुझाउने',
      'Ipaliwanag ang isang paksa gamit ang presentasyon, video o simulation',
    ),
  ),
  choice(
    'student_projects',
    t(
      'Guide students through a project that uses ICT',
      'Вести учеников через проект с использованием ИКТ',
      'Oʻquvchilarga AKT qoʻllaniladigan loyihada yoʻl koʻrsatish',
      'सूचना प्रविधि प्रयोग हुने परियोजनामा विद्यार्थीलाई डोर्‍याउने',
      'Gabayan ang mga mag-aaral sa isang proyektong gumagamit ng ICT',
    ),
  ),
  choice(
    'digital_assessment',
    t(
      'Check learning with digital quizzes and give feedback',
      'Проверять усвоение с помощью цифровых тестов и давать обратную связь',
      'Raqamli testlar orqali bilimni tekshirish va fikr-mulohaza bildirish',
      'डिजिटल प्रश्नोत्तरीबाट सिकाइ जाँच्ने र पृष्ठपोषण दिने',
      'Suriin ang natutunan gamit ang digital na pagsusulit at magbigay ng puna',
    ),
  ),
  choice(
    'online_safety',
    t(
      'Teach safe and responsible use of the internet',
      'Учить безопасному и ответственному использованию интернета',
      'Internetdan xavfsiz va masʼuliyatli foydalanishni oʻrgatish',
      'इन्टरनेटको सुरक्षित र जिम्मेवार प्रयोग सिकाउने',
      'Ituro ang ligtas at responsableng paggamit ng internet',
    ),
  ),
  choice(
    'track_progress',
    t(
      "Use a spreadsheet to follow students' progress",
      'Вести учёт успеваемости учеников в электронной таблице',
      'Oʻquvchilar oʻzlashtirishini elektron jadvalda kuzatib borish',
      'विद्यार्थीको प्रगति स्प्रेडसिटमा राखेर हेर्ने',
      'Gumamit ng spreadsheet upang subaybayan ang pag-unlad ng mga mag-aaral',
    ),
  ),
];

/** What stands in the way of ICT in class: the national survey and the follow-up ask the same. */
export const BARRIERS = [
  choice(
    'devices',
    t(
      'Too few devices for students',
      'Мало устройств для учеников',
      'Oʻquvchilar uchun qurilmalar yetarli emas',
      'विद्यार्थीका लागि उपकरण कम छन्',
      'Kulang ang mga device para sa mga mag-aaral',
    ),
  ),
  choice(
    'connectivity',
    t(
      'No internet or an unreliable one',
      'Нет интернета или он работает с перебоями',
      'Internet yoʻq yoki uzilib qoladi',
      'इन्टरनेट छैन वा भरपर्दो छैन',
      'Walang internet o pabago-bago ito',
    ),
  ),
  choice(
    'electricity',
    t(
      'Unreliable electricity',
      'Перебои с электричеством',
      'Elektr taʼminotidagi uzilishlar',
      'बिजुली भरपर्दो छैन',
      'Pabago-bagong kuryente',
    ),
  ),
  choice(
    'time',
    t(
      'Not enough time to prepare',
      'Не хватает времени на подготовку',
      'Tayyorlanish uchun vaqt yetmaydi',
      'तयारीका लागि समय पुग्दैन',
      'Kulang ang oras sa paghahanda',
    ),
  ),
  choice(
    'skills',
    t(
      'I need more skills',
      'Мне не хватает навыков',
      'Koʻnikmalarim yetarli emas',
      'मलाई अझै सीप चाहिन्छ',
      'Kailangan ko pa ng kasanayan',
    ),
  ),
  choice(
    'content',
    t(
      'Little suitable content in our language',
      'Мало подходящих материалов на нашем языке',
      'Oʻz tilimizda mos materiallar kam',
      'हाम्रो भाषामा उपयुक्त सामग्री कम छ',
      'Kaunti ang angkop na nilalaman sa aming wika',
    ),
  ),
  choice(
    'tech_support',
    t(
      'No technical help when something breaks',
      'Нет технической помощи, когда что-то ломается',
      'Biror narsa buzilsa, texnik yordam yoʻq',
      'केही बिग्रँदा प्राविधिक सहयोग पाइँदैन',
      'Walang teknikal na tulong kapag may nasira',
    ),
  ),
  choice(
    'curriculum',
    t(
      'The curriculum and exams leave no room',
      'Программа и экзамены не оставляют места',
      'Oʻquv dasturi va imtihonlar imkon qoldirmaydi',
      'पाठ्यक्रम र परीक्षाले ठाउँ दिँदैनन्',
      'Walang puwang dahil sa kurikulum at mga pagsusulit',
    ),
  ),
  choice('other', t('Other', 'Другое', 'Boshqa', 'अन्य', 'Iba pa')),
];
