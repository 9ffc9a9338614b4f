import * as frameworks from '../server/modules/frameworks/frameworks.service.ts';
import type { Ctx } from '../server/shared/context.ts';
import type { LocalizedText } from '../server/shared/text.ts';

/** The demo ministry's ICT-in-education master plan. */
const GOALS = [
  {
    code: 'MP-1',
    title: {
      en: 'Teachers integrate ICT into everyday teaching and learning',
      ru: 'Учителя интегрируют ИКТ в повседневное обучение',
      uz: 'O‘qituvchilar AKTni kundalik ta’lim va o‘qitishga joriy etadi',
      ne: 'शिक्षकहरूले दैनिक शिक्षण र सिकाइमा सूचना प्रविधि एकीकृत गर्छन्',
      fil: 'Isinasama ng mga guro ang ICT sa araw-araw na pagtuturo at pagkatuto',
    },
    competencies: ['A3.1', 'A3.2', 'A4.2'],
  },
  {
    code: 'MP-2',
    title: {
      en: 'Learners build digital skills for further study and work',
      ru: 'Учащиеся развивают цифровые навыки для учёбы и работы',
      uz: 'O‘quvchilar o‘qish va ish uchun raqamli ko‘nikmalarni rivojlantiradi',
      ne: 'विद्यार्थीहरूले थप अध्ययन र कामका लागि डिजिटल सीप विकास गर्छन्',
      fil: 'Nililinang ng mga mag-aaral ang digital na kasanayan para sa pag-aaral at trabaho',
    },
    competencies: ['A2.3', 'A4.3'],
  },
  {
    code: 'MP-3',
    title: {
      en: 'Schools are led and run with the help of ICT',
      ru: 'Школы управляются с помощью ИКТ',
      uz: 'Maktablar AKT yordamida boshqariladi',
      ne: 'विद्यालयहरू सूचना प्रविधिको सहयोगमा सञ्चालन हुन्छन्',
      fil: 'Pinamamahalaan ang mga paaralan sa tulong ng ICT',
    },
    competencies: ['A5.1', 'A5.3'],
  },
  {
    code: 'MP-4',
    title: {
      en: 'Teachers learn continuously in professional networks',
      ru: 'Учителя постоянно учатся в профессиональных сетях',
      uz: 'O‘qituvchilar kasbiy tarmoqlarda uzluksiz o‘rganadi',
      ne: 'शिक्षकहरू पेशागत सञ्जालमा निरन्तर सिक्छन्',
      fil: 'Patuloy na natututo ang mga guro sa mga propesyonal na network',
    },
    competencies: ['A6.1', 'A6.2', 'A6.3'],
  },
  {
    code: 'MP-5',
    title: {
      en: 'Every school has reliable connectivity',
      ru: 'У каждой школы надёжное подключение к интернету',
      uz: 'Har bir maktab ishonchli internetga ulangan',
      ne: 'हरेक विद्यालयमा भरपर्दो इन्टरनेट जडान छ',
      fil: 'May maaasahang koneksiyon sa internet ang bawat paaralan',
    },
    competencies: [],
  },
];
const PLAN = {
  en: 'Meridia ICT in Education Master Plan 2025-2030',
  ru: 'Генеральный план Меридии по ИКТ в образовании на 2025-2030 годы',
  uz: 'Meridiyada ta’limda AKT bo‘yicha 2025-2030 yillarga mo‘ljallangan bosh reja',
  ne: 'मेरिडिया शिक्षामा सूचना प्रविधि गुरुयोजना २०२५-२०३०',
  fil: 'Master Plan ng Meridia para sa ICT sa Edukasyon 2025-2030',
};

/**
 * What an assessor observes at each level of each competency, in the standard's three levels:
 * knowledge acquisition (KA), knowledge deepening (KD), knowledge creation (KC).
 */
const RUBRIC: Record<string, Record<'KA' | 'KD' | 'KC', LocalizedText>> = {
  'A1.1': {
    KA: {
      en: 'Names the main goals of the national ICT-in-education policy and points to one that concerns their own subject.',
      ru: 'Называет основные цели национальной политики по ИКТ в образовании и указывает одну, которая касается его предмета.',
      uz: 'Ta’limda AKT bo‘yicha milliy siyosatning asosiy maqsadlarini sanab beradi va ulardan o‘z faniga tegishli bittasini ko‘rsatadi.',
      ne: 'शिक्षामा सूचना प्रविधिसम्बन्धी राष्ट्रिय नीतिका मुख्य लक्ष्यहरू बताउँछ र तीमध्ये आफ्नो विषयसँग सम्बन्धित एउटा लक्ष्य औँल्याउँछ।',
      fil: 'Naiisa-isa ang mga pangunahing layunin ng pambansang patakaran sa ICT sa edukasyon at natutukoy ang isang may kinalaman sa sarili niyang asignatura.',
    },
    KD: {
      en: 'Explains to colleagues how a policy goal changes what learners do in their lessons, with an example from their own class.',
      ru: 'Объясняет коллегам, как цель политики меняет работу учащихся на его уроках, на примере своего класса.',
      uz: 'Hamkasblariga siyosatdagi biror maqsad uning darslarida o‘quvchilar faoliyatini qanday o‘zgartirishini o‘z sinfidan misol keltirib tushuntiradi.',
      ne: 'नीतिको कुनै लक्ष्यले आफ्नो कक्षामा विद्यार्थीहरूले गर्ने काम कसरी बदल्छ भनी आफ्नै कक्षाको उदाहरणसहित सहकर्मीहरूलाई बुझाउँछ।',
      fil: 'Ipinaliliwanag sa mga kapwa guro kung paano binabago ng isang layunin ng patakaran ang ginagawa ng mga mag-aaral sa kaniyang mga aralin, gamit ang halimbawa mula sa sariling klase.',
    },
    KC: {
      en: 'Leads a staff discussion that turns the policy into concrete school priorities and records what was agreed.',
      ru: 'Ведёт обсуждение в коллективе, превращающее политику в конкретные приоритеты школы, и фиксирует договорённости.',
      uz: 'Jamoada siyosatni maktabning aniq ustuvor vazifalariga aylantiradigan muhokamani olib boradi va kelishilgan qarorlarni qayd etadi.',
      ne: 'नीतिलाई विद्यालयका ठोस प्राथमिकतामा बदल्ने शिक्षक बैठकको छलफलको नेतृत्व गर्छ र सहमति भएका कुरा अभिलेख गर्छ।',
      fil: 'Pinangungunahan ang talakayan ng mga guro na ginagawang kongkretong prayoridad ng paaralan ang patakaran, at itinatala ang mga napagkasunduan.',
    },
  },
  'A1.2': {
    KA: {
      en: 'Marks in a unit plan which lessons serve a goal of the school ICT plan.',
      ru: 'Отмечает в плане раздела, какие уроки служат цели школьного плана по ИКТ.',
      uz: 'Bo‘lim rejasida qaysi darslar maktab AKT rejasining maqsadiga xizmat qilishini belgilab qo‘yadi.',
      ne: 'एकाइ योजनामा कुन-कुन पाठले विद्यालयको सूचना प्रविधि योजनाको लक्ष्य पूरा गर्न मद्दत गर्छन् भनी चिन्ह लगाउँछ।',
      fil: 'Minamarkahan sa plano ng yunit kung aling mga aralin ang tumutugon sa isang layunin ng plano sa ICT ng paaralan.',
    },
    KD: {
      en: 'Plans and teaches a sequence of lessons that meets a policy goal and shows learners’ work as evidence.',
      ru: 'Планирует и проводит серию уроков, выполняющую цель политики, и показывает работы учащихся как подтверждение.',
      uz: 'Siyosat maqsadiga erishishga qaratilgan darslar turkumini rejalashtiradi va o‘tkazadi, dalil sifatida o‘quvchilar ishlarini ko‘rsatadi.',
      ne: 'नीतिको लक्ष्य पूरा गर्ने पाठहरूको शृङ्खलाको योजना बनाई पढाउँछ र प्रमाणका रूपमा विद्यार्थीका काम देखाउँछ।',
      fil: 'Nagpaplano at nagtuturo ng magkakasunod na aralin na tumutupad sa isang layunin ng patakaran, at ipinakikita ang gawa ng mga mag-aaral bilang ebidensya.',
    },
    KC: {
      en: 'Coordinates a school-wide activity across subjects that carries out a policy goal and reports its results.',
      ru: 'Координирует общешкольную межпредметную деятельность по цели политики и отчитывается о её результатах.',
      uz: 'Siyosat maqsadini amalga oshiradigan fanlararo umummaktab tadbirini muvofiqlashtiradi va uning natijalari haqida hisobot beradi.',
      ne: 'नीतिको लक्ष्य पूरा गर्ने, विभिन्न विषय समेटिएको विद्यालयव्यापी क्रियाकलापको समन्वय गर्छ र त्यसको नतिजा प्रतिवेदन गर्छ।',
      fil: 'Pinag-uugnay ang isang gawaing pampaaralan na sumasaklaw sa iba’t ibang asignatura upang tuparin ang isang layunin ng patakaran, at iniuulat ang mga resulta nito.',
    },
  },
  'A1.3': {
    KA: {
      en: 'Notes where the school ICT plan works and where it does not, from their own lessons.',
      ru: 'Отмечает по своим урокам, где школьный план по ИКТ работает, а где нет.',
      uz: 'O‘z darslari asosida maktab AKT rejasi qayerda ish berayotgani va qayerda ish bermayotganini qayd etadi.',
      ne: 'आफ्नै कक्षाको अनुभवका आधारमा विद्यालयको सूचना प्रविधि योजना कहाँ काम गरिरहेको छ र कहाँ गरिरहेको छैन भनी टिपोट गर्छ।',
      fil: 'Itinatala, batay sa sariling mga aralin, kung saan gumagana at kung saan hindi gumagana ang plano sa ICT ng paaralan.',
    },
    KD: {
      en: 'Collects simple evidence (attendance, learners’ work, a survey) on a policy measure and discusses it with the school leader.',
      ru: 'Собирает простые данные (посещаемость, работы учащихся, опрос) о мере политики и обсуждает их с руководителем школы.',
      uz: 'Siyosat chorasi bo‘yicha oddiy dalillar (davomat, o‘quvchilar ishlari, so‘rovnoma) to‘playdi va ularni maktab rahbari bilan muhokama qiladi.',
      ne: 'नीतिको कुनै उपायबारे सामान्य प्रमाण (हाजिरी, विद्यार्थीका काम, सर्वेक्षण) सङ्कलन गर्छ र प्रधानाध्यापकसँग छलफल गर्छ।',
      fil: 'Nangangalap ng simpleng ebidensya (pagdalo, gawa ng mga mag-aaral, sarbey) tungkol sa isang hakbang ng patakaran at tinatalakay ito sa punong-guro.',
    },
    KC: {
      en: 'Writes a proposal backed by classroom evidence that district or national leaders take up in a revision of the plan.',
      ru: 'Готовит предложение, подкреплённое данными из класса, которое район или министерство учитывает при пересмотре плана.',
      uz: 'Sinfdan olingan dalillarga asoslangan taklif tayyorlaydi; tuman yoki milliy rahbariyat uni rejani qayta ko‘rib chiqishda inobatga oladi.',
      ne: 'कक्षाकोठाका प्रमाणमा आधारित प्रस्ताव लेख्छ, जसलाई जिल्ला वा राष्ट्रिय नेतृत्वले योजना परिमार्जन गर्दा समावेश गर्छ।',
      fil: 'Sumusulat ng panukalang sinusuportahan ng ebidensya mula sa silid-aralan, na isinasaalang-alang ng mga pinuno ng distrito o ng bansa sa pagrerebisa ng plano.',
    },
  },
  'A2.1': {
    KA: {
      en: 'Lists the curriculum outcomes of a unit and a digital resource that supports each of them.',
      ru: 'Перечисляет результаты раздела программы и цифровой ресурс, поддерживающий каждый из них.',
      uz: 'Bo‘limning o‘quv dasturidagi kutilayotgan natijalarini va ularning har birini qo‘llab-quvvatlaydigan raqamli resursni sanab o‘tadi.',
      ne: 'एकाइका पाठ्यक्रमगत सिकाइ उपलब्धिहरू र प्रत्येकलाई सहयोग गर्ने एउटा डिजिटल स्रोतको सूची बनाउँछ।',
      fil: 'Inililista ang mga inaasahang bunga ng pagkatuto sa isang yunit ng kurikulum at ang isang digital na materyales na sumusuporta sa bawat isa.',
    },
    KD: {
      en: 'Chooses ICT for the outcomes where it helps most and explains why it does not use it elsewhere.',
      ru: 'Выбирает ИКТ для тех результатов, где они полезнее всего, и объясняет, почему не использует их в остальных.',
      uz: 'AKTni u eng ko‘p foyda beradigan natijalar uchun tanlaydi va boshqa joylarda undan nima uchun foydalanmasligini tushuntiradi.',
      ne: 'सूचना प्रविधिले सबैभन्दा बढी सहयोग गर्ने उपलब्धिहरूका लागि मात्र यसलाई छान्छ र अन्यत्र किन प्रयोग नगरेको हो भनी कारण बताउँछ।',
      fil: 'Pinipili ang ICT para sa mga bunga ng pagkatuto kung saan ito pinakanakatutulong, at ipinaliliwanag kung bakit hindi ito ginagamit sa iba.',
    },
    KC: {
      en: 'Maps the subject curriculum with colleagues and shares a plan of where ICT serves each outcome.',
      ru: 'Вместе с коллегами составляет карту программы предмета и делится планом, где ИКТ служат каждому результату.',
      uz: 'Hamkasblari bilan fan o‘quv dasturining xaritasini tuzadi va AKT har bir natijaga qayerda xizmat qilishini ko‘rsatuvchi rejani ulashadi.',
      ne: 'सहकर्मीहरूसँग मिलेर विषयको पाठ्यक्रमको खाका तयार गर्छ र सूचना प्रविधिले प्रत्येक उपलब्धिमा कहाँ सहयोग गर्छ भन्ने योजना साझा गर्छ।',
      fil: 'Kasama ang mga kapwa guro, bumubuo ng mapa ng kurikulum ng asignatura at ibinabahagi ang plano kung saan nakatutulong ang ICT sa bawat bunga ng pagkatuto.',
    },
  },
  'A2.2': {
    KA: {
      en: 'Uses a ready-made digital task in which learners apply a concept, and checks their answers.',
      ru: 'Использует готовое цифровое задание, в котором учащиеся применяют понятие, и проверяет ответы.',
      uz: 'O‘quvchilar biror tushunchani qo‘llaydigan tayyor raqamli topshiriqdan foydalanadi va ularning javoblarini tekshiradi.',
      ne: 'विद्यार्थीहरूले कुनै अवधारणा प्रयोग गर्ने तयारी डिजिटल कार्य प्रयोग गर्छ र उनीहरूका उत्तर जाँच्छ।',
      fil: 'Gumagamit ng handang digital na gawain kung saan inilalapat ng mga mag-aaral ang isang konsepto, at sinusuri ang kanilang mga sagot.',
    },
    KD: {
      en: 'Sets a real problem that learners solve with data or a simulation, and assesses it with a rubric shared in advance.',
      ru: 'Ставит реальную задачу, которую учащиеся решают с помощью данных или симуляции, и оценивает по заранее известным критериям.',
      uz: 'O‘quvchilar ma’lumotlar yoki simulyatsiya yordamida hal qiladigan real muammo qo‘yadi va uni oldindan tanishtirilgan rubrika asosida baholaydi.',
      ne: 'विद्यार्थीहरूले तथ्याङ्क वा सिमुलेसनको सहायताले समाधान गर्ने वास्तविक समस्या दिन्छ र पहिल्यै जानकारी गराइएको रुब्रिकअनुसार मूल्याङ्कन गर्छ।',
      fil: 'Nagbibigay ng totoong suliranin na lulutasin ng mga mag-aaral gamit ang datos o simulation, at tinatasa ito gamit ang rubrik na ibinahagi nang maaga.',
    },
    KC: {
      en: 'Designs with learners an assessment task on a local problem and moderates the results with other teachers.',
      ru: 'Вместе с учащимися разрабатывает задание по местной проблеме и согласует оценки с другими учителями.',
      uz: 'O‘quvchilar bilan birgalikda mahalliy muammo bo‘yicha baholash topshirig‘ini ishlab chiqadi va natijalarni boshqa o‘qituvchilar bilan birga muvofiqlashtiradi.',
      ne: 'विद्यार्थीहरूसँग मिलेर स्थानीय समस्यामा आधारित मूल्याङ्कन कार्य तयार गर्छ र अन्य शिक्षकहरूसँग बसेर अङ्कन मिलान गर्छ।',
      fil: 'Kasama ang mga mag-aaral, nagdidisenyo ng gawaing pagtatasa tungkol sa isang lokal na suliranin, at inihahambing at iniaayon ang mga resulta kasama ang ibang guro.',
    },
  },
  'A2.3': {
    KA: {
      en: 'Describes the skills a knowledge society asks of learners (collaboration, inquiry, reflection) and where the subject builds them.',
      ru: 'Описывает навыки, которых требует общество знаний (сотрудничество, исследование, рефлексия), и где предмет их развивает.',
      uz: 'Bilimlar jamiyati o‘quvchilardan talab qiladigan ko‘nikmalarni (hamkorlik, izlanish, refleksiya) va fan ularni qayerda rivojlantirishini tavsiflaydi.',
      ne: 'ज्ञानमा आधारित समाजले विद्यार्थीबाट अपेक्षा गर्ने सीप (सहकार्य, खोज, आत्मचिन्तन) र विषयले ती सीप कहाँ विकास गर्छ भनी वर्णन गर्छ।',
      fil: 'Inilalarawan ang mga kasanayang hinihingi ng lipunang nakabatay sa kaalaman sa mga mag-aaral (pakikipagtulungan, pagsisiyasat, pagninilay) at kung saan ito nalilinang ng asignatura.',
    },
    KD: {
      en: 'Gives learners a task in which they find, judge and combine sources online, and assesses the process as well as the product.',
      ru: 'Даёт задание, в котором учащиеся находят, оценивают и объединяют источники в сети, и оценивает процесс наряду с результатом.',
      uz: 'O‘quvchilarga internetdan manbalarni topish, baholash va birlashtirish bo‘yicha topshiriq beradi hamda natija bilan birga jarayonni ham baholaydi.',
      ne: 'विद्यार्थीहरूलाई अनलाइन स्रोत खोज्ने, तिनको विश्वसनीयता जाँच्ने र तिनलाई एकीकृत गर्ने कार्य दिन्छ अनि उत्पादनसँगै प्रक्रियाको पनि मूल्याङ्कन गर्छ।',
      fil: 'Binibigyan ang mga mag-aaral ng gawain kung saan naghahanap, sumusuri, at pinagsasama-sama nila ang mga sanggunian online, at tinatasa ang proseso gayundin ang produkto.',
    },
    KC: {
      en: 'Learners publish something new they made with ICT, review each other’s work and reflect on what they learnt.',
      ru: 'Учащиеся публикуют созданный ими с помощью ИКТ продукт, рецензируют работы друг друга и размышляют о том, чему научились.',
      uz: 'O‘quvchilar AKT yordamida yaratgan yangi ishini e’lon qiladi, bir-birining ishiga taqriz yozadi va nimalarni o‘rganganini tahlil qiladi.',
      ne: 'विद्यार्थीहरूले सूचना प्रविधिको प्रयोग गरी बनाएको नयाँ सामग्री प्रकाशित गर्छन्, एकअर्काको कामको समीक्षा गर्छन् र आफूले के सिके भनी आत्मचिन्तन गर्छन्।',
      fil: 'Inilalathala ng mga mag-aaral ang bagong bagay na nilikha nila gamit ang ICT, sinusuri ang gawa ng isa’t isa, at nagninilay sa kanilang natutuhan.',
    },
  },
  'A3.1': {
    KA: {
      en: 'Opens or explains a topic with a well-chosen video, image or presentation that makes it clearer.',
      ru: 'Начинает или объясняет тему с помощью удачно подобранного видео, изображения или презентации.',
      uz: 'Mavzuni tushunarliroq qiladigan puxta tanlangan video, rasm yoki taqdimot bilan mavzuni boshlaydi yoki tushuntiradi.',
      ne: 'विषयवस्तुलाई अझ स्पष्ट बनाउने राम्ररी छानिएको भिडियो, चित्र वा प्रस्तुतिमार्फत पाठ सुरु गर्छ वा व्याख्या गर्छ।',
      fil: 'Sinisimulan o ipinaliliwanag ang isang paksa gamit ang mahusay na napiling video, larawan, o presentasyon na nagpapalinaw rito.',
    },
    KD: {
      en: 'Uses a digital quiz or poll during the lesson and changes the next step according to learners’ answers.',
      ru: 'Проводит на уроке цифровой опрос или тест и меняет следующий шаг в зависимости от ответов учащихся.',
      uz: 'Dars davomida raqamli test yoki so‘rovnomadan foydalanadi va o‘quvchilar javoblariga qarab keyingi qadamni o‘zgartiradi.',
      ne: 'कक्षाको बीचमा डिजिटल क्विज वा मतसङ्ग्रह प्रयोग गर्छ र विद्यार्थीका उत्तरअनुसार अर्को चरण बदल्छ।',
      fil: 'Gumagamit ng digital na maikling pagsusulit o botohan habang nagtuturo at binabago ang susunod na hakbang ayon sa mga sagot ng mga mag-aaral.',
    },
    KC: {
      en: 'Builds a collection of digital resources with learners and colleagues and shows how it raised engagement.',
      ru: 'Вместе с учащимися и коллегами собирает коллекцию цифровых ресурсов и показывает, как она повысила вовлечённость.',
      uz: 'O‘quvchilar va hamkasblar bilan birgalikda raqamli resurslar to‘plamini yaratadi va u o‘quvchilar faolligini qanday oshirganini ko‘rsatadi.',
      ne: 'विद्यार्थी र सहकर्मीहरूसँग मिलेर डिजिटल स्रोतहरूको सङ्ग्रह बनाउँछ र त्यसले विद्यार्थीको सक्रिय सहभागिता कसरी बढायो भनी देखाउँछ।',
      fil: 'Bumubuo ng koleksiyon ng mga digital na materyales kasama ang mga mag-aaral at kapwa guro, at ipinakikita kung paano nito pinasigla ang pakikilahok ng mga mag-aaral.',
    },
  },
  'A3.2': {
    KA: {
      en: 'Runs a short group task in which learners use a device to look up information for a question set by the teacher.',
      ru: 'Проводит короткое групповое задание, в котором учащиеся ищут на устройстве информацию по вопросу учителя.',
      uz: 'O‘quvchilar o‘qituvchi qo‘ygan savol bo‘yicha qurilmadan ma’lumot izlaydigan qisqa guruh topshirig‘ini o‘tkazadi.',
      ne: 'शिक्षकले दिएको प्रश्नका लागि विद्यार्थीहरूले उपकरण प्रयोग गरी जानकारी खोज्ने छोटो समूहकार्य गराउँछ।',
      fil: 'Nagsasagawa ng maikling pangkatang gawain kung saan gumagamit ang mga mag-aaral ng device upang maghanap ng impormasyon para sa tanong ng guro.',
    },
    KD: {
      en: 'Runs a project of several lessons in which groups investigate a real problem with ICT and present a solution.',
      ru: 'Проводит проект на несколько уроков, в котором группы исследуют реальную проблему с помощью ИКТ и представляют решение.',
      uz: 'Bir necha darsga mo‘ljallangan loyiha o‘tkazadi: guruhlar AKT yordamida real muammoni o‘rganadi va yechim taqdim etadi.',
      ne: 'धेरै कक्षा अवधिसम्म चल्ने परियोजना सञ्चालन गर्छ, जसमा समूहहरूले सूचना प्रविधिको प्रयोग गरी वास्तविक समस्याको खोजी गर्छन् र समाधान प्रस्तुत गर्छन्।',
      fil: 'Nagsasagawa ng proyektong tumatagal nang ilang aralin kung saan sinisiyasat ng mga pangkat ang isang totoong suliranin gamit ang ICT at naglalahad ng solusyon.',
    },
    KC: {
      en: 'Learners define the problem themselves and work with experts or another school online to solve it.',
      ru: 'Учащиеся сами формулируют проблему и решают её в сети вместе с экспертами или другой школой.',
      uz: 'O‘quvchilar muammoni o‘zlari belgilaydi va uni hal qilish uchun mutaxassislar yoki boshqa maktab bilan onlayn hamkorlik qiladi.',
      ne: 'विद्यार्थीहरू आफैँ समस्या पहिचान गर्छन् र त्यसको समाधानका लागि विज्ञ वा अर्को विद्यालयसँग अनलाइन सहकार्य गर्छन्।',
      fil: 'Ang mga mag-aaral mismo ang tumutukoy sa suliranin at nakikipagtulungan online sa mga eksperto o sa ibang paaralan upang lutasin ito.',
    },
  },
  'A3.3': {
    KA: {
      en: 'Shows learners how to keep their work in a digital folder and look back at it.',
      ru: 'Показывает учащимся, как хранить работы в цифровой папке и возвращаться к ним.',
      uz: 'O‘quvchilarga ishlarini raqamli jildda saqlash va ularga qaytib ko‘rib chiqishni ko‘rsatadi.',
      ne: 'विद्यार्थीहरूलाई आफ्ना काम डिजिटल फोल्डरमा राख्ने र पछि फर्केर हेर्ने तरिका देखाउँछ।',
      fil: 'Ipinakikita sa mga mag-aaral kung paano itago ang kanilang mga gawa sa isang digital na folder at balikan ang mga ito.',
    },
    KD: {
      en: 'Learners set goals in a digital portfolio and review their progress with the teacher each month.',
      ru: 'Учащиеся ставят цели в цифровом портфолио и ежемесячно обсуждают с учителем свой прогресс.',
      uz: 'O‘quvchilar raqamli portfolioda maqsadlar qo‘yadi va har oy o‘qituvchi bilan o‘z yutuqlarini ko‘rib chiqadi.',
      ne: 'विद्यार्थीहरू डिजिटल पोर्टफोलियोमा लक्ष्य राख्छन् र हरेक महिना शिक्षकसँग आफ्नो प्रगतिको समीक्षा गर्छन्।',
      fil: 'Nagtatakda ang mga mag-aaral ng mga layunin sa isang digital na portfolio at buwan-buwang sinusuri ang kanilang pag-unlad kasama ang guro.',
    },
    KC: {
      en: 'Learners plan, carry out and evaluate their own learning projects with ICT; the teacher guides rather than directs.',
      ru: 'Учащиеся сами планируют, выполняют и оценивают свои учебные проекты с ИКТ; учитель направляет, а не руководит.',
      uz: 'O‘quvchilar AKT yordamida o‘z o‘quv loyihalarini mustaqil rejalashtiradi, bajaradi va baholaydi; o‘qituvchi buyruq bermaydi, balki yo‘naltiradi.',
      ne: 'विद्यार्थीहरू सूचना प्रविधिको प्रयोग गरी आफ्ना सिकाइ परियोजनाको योजना, कार्यान्वयन र मूल्याङ्कन आफैँ गर्छन्; शिक्षकले निर्देशन दिनुभन्दा मार्गदर्शन गर्छ।',
      fil: 'Pinaplano, isinasagawa, at tinatasa ng mga mag-aaral ang sarili nilang mga proyektong pampagkatuto gamit ang ICT; gumagabay ang guro sa halip na mag-utos.',
    },
  },
  'A4.1': {
    KA: {
      en: 'Uses a computer, a projector and the school’s messaging, word-processing and spreadsheet tools without help.',
      ru: 'Без помощи работает с компьютером, проектором, школьной почтой, текстовым редактором и таблицами.',
      uz: 'Kompyuter, proyektor hamda maktabning xabar almashish, matn muharriri va elektron jadval vositalaridan mustaqil foydalanadi.',
      ne: 'कम्प्युटर, प्रोजेक्टर तथा विद्यालयका सन्देश, वर्ड प्रोसेसिङ र स्प्रेडसिटका साधनहरू कसैको सहयोगबिना प्रयोग गर्छ।',
      fil: 'Gumagamit nang walang tulong ng kompyuter, projector, at ng mga kasangkapan ng paaralan para sa pagmemensahe, word processing, at spreadsheet.',
    },
    KD: {
      en: 'Keeps passwords and learners’ data safe and teaches learners one rule of safe and responsible use each term.',
      ru: 'Защищает пароли и данные учащихся и каждую четверть учит учащихся одному правилу безопасного и ответственного использования.',
      uz: 'Parollar va o‘quvchilar ma’lumotlarini himoya qiladi hamda har chorakda o‘quvchilarga xavfsiz va mas’uliyatli foydalanishning bitta qoidasini o‘rgatadi.',
      ne: 'पासवर्ड र विद्यार्थीका तथ्याङ्क सुरक्षित राख्छ र हरेक सत्रमा विद्यार्थीहरूलाई सुरक्षित तथा जिम्मेवार प्रयोगको एउटा नियम सिकाउँछ।',
      fil: 'Iniingatan ang mga password at datos ng mga mag-aaral, at bawat markahan ay nagtuturo sa mga mag-aaral ng isang tuntunin ng ligtas at responsableng paggamit.',
    },
    KC: {
      en: 'Helps colleagues solve everyday technical problems and writes a short guide the school uses.',
      ru: 'Помогает коллегам решать повседневные технические проблемы и пишет краткую инструкцию, которой пользуется школа.',
      uz: 'Hamkasblariga kundalik texnik muammolarni hal qilishda yordam beradi va maktab foydalanadigan qisqa qo‘llanma yozadi.',
      ne: 'दैनिक प्राविधिक समस्या समाधान गर्न सहकर्मीहरूलाई सहयोग गर्छ र विद्यालयले प्रयोग गर्ने छोटो निर्देशिका लेख्छ।',
      fil: 'Tinutulungan ang mga kapwa guro na lutasin ang mga pang-araw-araw na problemang teknikal at sumusulat ng maikling gabay na ginagamit ng paaralan.',
    },
  },
  'A4.2': {
    KA: {
      en: 'Opens and demonstrates a subject simulation or tool that a lesson plan names.',
      ru: 'Открывает и демонстрирует предметную симуляцию или инструмент, указанный в плане урока.',
      uz: 'Dars rejasida ko‘rsatilgan fan simulyatsiyasi yoki vositasini ochib, namoyish etadi.',
      ne: 'पाठ योजनामा उल्लेख गरिएको विषयगत सिमुलेसन वा साधन खोलेर प्रदर्शन गर्छ।',
      fil: 'Binubuksan at ipinamamalas ang simulation o kasangkapang pang-asignatura na nakasaad sa plano ng aralin.',
    },
    KD: {
      en: 'Chooses between subject software, simulations and shared documents according to the task, and learners use them themselves.',
      ru: 'Выбирает между предметными программами, симуляциями и общими документами в зависимости от задачи; учащиеся работают с ними сами.',
      uz: 'Topshiriqqa qarab fan dasturlari, simulyatsiyalar va umumiy hujjatlar orasidan tanlaydi, o‘quvchilar esa ulardan o‘zlari foydalanadi.',
      ne: 'कार्यअनुसार विषयगत सफ्टवेयर, सिमुलेसन र साझा कागजातमध्ये उपयुक्त छान्छ, र विद्यार्थीहरू आफैँ ती प्रयोग गर्छन्।',
      fil: 'Pumipili sa pagitan ng software pang-asignatura, mga simulation, at mga pinagsasaluhang dokumento ayon sa gawain, at ang mga mag-aaral mismo ang gumagamit ng mga ito.',
    },
    KC: {
      en: 'Combines several tools into a learning sequence and shares it as a reusable lesson with other teachers.',
      ru: 'Объединяет несколько инструментов в учебную последовательность и делится ею с коллегами как готовым уроком.',
      uz: 'Bir nechta vositani yagona o‘quv ketma-ketligiga birlashtiradi va uni boshqa o‘qituvchilar bilan qayta foydalanish mumkin bo‘lgan dars sifatida ulashadi.',
      ne: 'विभिन्न साधनलाई एउटा सिकाइ क्रममा जोड्छ र अन्य शिक्षकहरूले पुनः प्रयोग गर्न सक्ने पाठका रूपमा साझा गर्छ।',
      fil: 'Pinagsasama ang ilang kasangkapan sa isang pagkakasunod-sunod ng pagkatuto at ibinabahagi ito sa ibang guro bilang aralin na magagamit muli.',
    },
  },
  'A4.3': {
    KA: {
      en: 'Shows learners a simple tool for making digital content, such as a slideshow or a short recording.',
      ru: 'Показывает учащимся простой инструмент для создания цифрового контента, например слайд-шоу или короткую запись.',
      uz: 'O‘quvchilarga raqamli kontent yaratish uchun oddiy vositani, masalan, slayd-shou yoki qisqa audio-video yozuvni ko‘rsatadi.',
      ne: 'विद्यार्थीहरूलाई स्लाइड शो वा छोटो रेकर्डिङजस्तो डिजिटल सामग्री बनाउने सजिलो साधन देखाउँछ।',
      fil: 'Ipinakikita sa mga mag-aaral ang isang simpleng kasangkapan sa paggawa ng digital na nilalaman, gaya ng slideshow o maikling recording.',
    },
    KD: {
      en: 'Learners make a video, a website or a simple program about a subject topic, and the teacher gives feedback on both content and form.',
      ru: 'Учащиеся создают видео, сайт или простую программу по теме предмета; учитель комментирует и содержание, и форму.',
      uz: 'O‘quvchilar fan mavzusi bo‘yicha video, veb-sayt yoki oddiy dastur yaratadi; o‘qituvchi ham mazmun, ham shakl bo‘yicha fikr bildiradi.',
      ne: 'विद्यार्थीहरूले विषयको कुनै शीर्षकमा भिडियो, वेबसाइट वा सरल प्रोग्राम बनाउँछन्, र शिक्षकले विषयवस्तु र प्रस्तुति दुवैमा पृष्ठपोषण दिन्छ।',
      fil: 'Gumagawa ang mga mag-aaral ng video, website, o simpleng programa tungkol sa isang paksa ng asignatura, at nagbibigay ang guro ng puna sa nilalaman at sa anyo nito.',
    },
    KC: {
      en: 'Creates original digital materials or tools with learners that others outside the school use.',
      ru: 'Вместе с учащимися создаёт оригинальные цифровые материалы или инструменты, которыми пользуются за пределами школы.',
      uz: 'O‘quvchilar bilan birgalikda maktabdan tashqarida ham foydalaniladigan original raqamli materiallar yoki vositalar yaratadi.',
      ne: 'विद्यार्थीहरूसँग मिलेर विद्यालयबाहिरका मानिसले पनि प्रयोग गर्ने मौलिक डिजिटल सामग्री वा साधन सिर्जना गर्छ।',
      fil: 'Kasama ang mga mag-aaral, lumilikha ng orihinal na digital na materyales o kasangkapan na ginagamit din ng iba sa labas ng paaralan.',
    },
  },
  'A5.1': {
    KA: {
      en: 'Sets out the classroom so that every learner can see the screen and reach a device during the lesson.',
      ru: 'Расставляет класс так, чтобы каждый учащийся видел экран и мог получить устройство на уроке.',
      uz: 'Dars davomida har bir o‘quvchi ekranni ko‘ra oladigan va qurilmaga yeta oladigan qilib sinfni joylashtiradi.',
      ne: 'कक्षामा हरेक विद्यार्थीले पर्दा देख्न र उपकरणसम्म पुग्न सक्ने गरी कक्षाकोठा मिलाउँछ।',
      fil: 'Inaayos ang silid-aralan upang makita ng bawat mag-aaral ang screen at maabot ang isang device habang may aralin.',
    },
    KD: {
      en: 'Runs a rotation in which a class shares a few devices and every learner finishes the task.',
      ru: 'Организует смену групп так, чтобы класс работал на нескольких устройствах и каждый учащийся выполнил задание.',
      uz: 'Sinf bir nechta qurilmadan navbatma-navbat foydalanadigan va har bir o‘quvchi topshiriqni bajaradigan almashinuv tartibini tashkil etadi.',
      ne: 'थोरै उपकरण पालैपालो प्रयोग गर्दै हरेक विद्यार्थीले कार्य पूरा गर्ने गरी समूह फेरबदल (रोटेसन) को व्यवस्था मिलाउँछ।',
      fil: 'Nagpapatupad ng salitan kung saan pinaghahatian ng klase ang ilang device at natatapos ng bawat mag-aaral ang gawain.',
    },
    KC: {
      en: 'Plans the school’s use of shared equipment with colleagues so that every class gets fair access in the timetable.',
      ru: 'Вместе с коллегами планирует использование общего оборудования так, чтобы у каждого класса был равный доступ по расписанию.',
      uz: 'Hamkasblari bilan maktabning umumiy jihozlaridan foydalanishni dars jadvalida har bir sinf teng imkoniyatga ega bo‘ladigan qilib rejalashtiradi.',
      ne: 'समय तालिकामा हरेक कक्षाले समान पहुँच पाउने गरी सहकर्मीहरूसँग मिलेर विद्यालयका साझा उपकरणको प्रयोगको योजना बनाउँछ।',
      fil: 'Kasama ang mga kapwa guro, pinaplano ang paggamit ng paaralan sa mga pinaghahatiang kagamitan upang magkaroon ng patas na access ang bawat klase sa iskedyul.',
    },
  },
  'A5.2': {
    KA: {
      en: 'Forms groups around one device each and gives each group clear instructions.',
      ru: 'Формирует группы вокруг одного устройства и даёт каждой группе ясные инструкции.',
      uz: 'Har biri bitta qurilma atrofida ishlaydigan guruhlar tuzadi va har bir guruhga aniq ko‘rsatmalar beradi.',
      ne: 'एउटा-एउटा उपकरणका वरिपरि समूह बनाउँछ र हरेक समूहलाई स्पष्ट निर्देशन दिन्छ।',
      fil: 'Bumubuo ng mga pangkat na may tig-iisang device at nagbibigay ng malinaw na panuto sa bawat pangkat.',
    },
    KD: {
      en: 'Gives group members roles (researcher, recorder, presenter) and checks that each contributes to the shared work online.',
      ru: 'Распределяет роли в группе (исследователь, секретарь, докладчик) и проверяет вклад каждого в общую работу в сети.',
      uz: 'Guruh a’zolariga vazifalar (tadqiqotchi, kotib, ma’ruzachi) taqsimlaydi va har birining onlayn umumiy ishga hissa qo‘shayotganini tekshiradi.',
      ne: 'समूहका सदस्यलाई भूमिका (खोजकर्ता, अभिलेखकर्ता, प्रस्तुतकर्ता) बाँड्छ र अनलाइन साझा काममा हरेकले योगदान गरेको छ कि छैन जाँच्छ।',
      fil: 'Binibigyan ng papel ang bawat kasapi ng pangkat (mananaliksik, tagatala, tagapag-ulat) at tinitiyak na nag-aambag ang bawat isa sa pinagsasaluhang gawain online.',
    },
    KC: {
      en: 'Groups continue their work online between lessons and with learners of another class or school.',
      ru: 'Группы продолжают работу в сети между уроками и вместе с учащимися другого класса или школы.',
      uz: 'Guruhlar darslar oralig‘ida hamda boshqa sinf yoki maktab o‘quvchilari bilan birgalikda onlayn ishlashni davom ettiradi.',
      ne: 'समूहहरूले कक्षाहरूबीचको समयमा र अर्को कक्षा वा विद्यालयका विद्यार्थीसँग मिलेर अनलाइन काम जारी राख्छन्।',
      fil: 'Ipinagpapatuloy ng mga pangkat ang kanilang gawain online sa pagitan ng mga aralin at kasama ang mga mag-aaral ng ibang klase o paaralan.',
    },
  },
  'A5.3': {
    KA: {
      en: 'Uses the school’s shared drive or platform to find and file plans and records.',
      ru: 'Пользуется общим хранилищем или платформой школы, чтобы находить и сохранять планы и записи.',
      uz: 'Reja va yozuvlarni topish hamda saqlash uchun maktabning umumiy diski yoki platformasidan foydalanadi.',
      ne: 'योजना र अभिलेख खोज्न तथा राख्न विद्यालयको साझा ड्राइभ वा प्लेटफर्म प्रयोग गर्छ।',
      fil: 'Ginagamit ang shared drive o plataporma ng paaralan upang hanapin at itago ang mga plano at talaan.',
    },
    KD: {
      en: 'Shares lesson plans on the school platform and reuses and improves those of colleagues.',
      ru: 'Размещает планы уроков на школьной платформе, использует и улучшает планы коллег.',
      uz: 'Dars rejalarini maktab platformasida ulashadi, hamkasblarining rejalaridan qayta foydalanadi va ularni takomillashtiradi.',
      ne: 'पाठ योजनाहरू विद्यालयको प्लेटफर्ममा साझा गर्छ र सहकर्मीका योजना पुनः प्रयोग गरी सुधार गर्छ।',
      fil: 'Ibinabahagi ang mga plano ng aralin sa plataporma ng paaralan at muling ginagamit at pinagbubuti ang mga plano ng kapwa guro.',
    },
    KC: {
      en: 'Leads a school team that reviews data on learning each term and decides on changes together.',
      ru: 'Руководит школьной командой, которая каждую четверть анализирует данные об обучении и вместе решает, что изменить.',
      uz: 'Har chorakda ta’lim natijalari haqidagi ma’lumotlarni tahlil qiladigan va o‘zgarishlar haqida birgalikda qaror qabul qiladigan maktab jamoasiga rahbarlik qiladi.',
      ne: 'हरेक सत्रमा सिकाइसम्बन्धी तथ्याङ्कको समीक्षा गरी सँगै परिवर्तनको निर्णय गर्ने विद्यालय टोलीको नेतृत्व गर्छ।',
      fil: 'Pinangungunahan ang isang pangkat sa paaralan na sumusuri sa datos tungkol sa pagkatuto bawat markahan at sama-samang nagpapasya kung ano ang babaguhin.',
    },
  },
  'A6.1': {
    KA: {
      en: 'Completes a short online course and keeps a record of it in their professional portfolio.',
      ru: 'Проходит короткий онлайн-курс и сохраняет запись о нём в профессиональном портфолио.',
      uz: 'Qisqa onlayn kursni tamomlaydi va bu haqda kasbiy portfoliosida qayd yuritadi.',
      ne: 'छोटो अनलाइन कोर्स पूरा गर्छ र त्यसको अभिलेख आफ्नो पेशागत पोर्टफोलियोमा राख्छ।',
      fil: 'Tinatapos ang isang maikling online na kurso at itinatala ito sa kaniyang propesyonal na portfolio.',
    },
    KD: {
      en: 'Chooses courses from their development plan and shows a change in their lessons after each.',
      ru: 'Выбирает курсы по своему плану развития и показывает изменения в уроках после каждого.',
      uz: 'Kurslarni o‘z rivojlanish rejasiga ko‘ra tanlaydi va har biridan keyin darslarida yuz bergan o‘zgarishni ko‘rsatadi.',
      ne: 'आफ्नो विकास योजनाअनुसार कोर्स छान्छ र प्रत्येक कोर्सपछि आफ्नो कक्षामा आएको परिवर्तन देखाउँछ।',
      fil: 'Pumipili ng mga kurso batay sa kaniyang plano sa pag-unlad at ipinakikita ang pagbabago sa kaniyang mga aralin pagkatapos ng bawat isa.',
    },
    KC: {
      en: 'Designs and runs a short course or workshop for colleagues from what they learnt.',
      ru: 'На основе полученного опыта разрабатывает и проводит для коллег короткий курс или семинар.',
      uz: 'O‘rganganlari asosida hamkasblari uchun qisqa kurs yoki seminar ishlab chiqadi va o‘tkazadi.',
      ne: 'आफूले सिकेका कुराका आधारमा सहकर्मीहरूका लागि छोटो कोर्स वा कार्यशाला तयार गरी सञ्चालन गर्छ।',
      fil: 'Mula sa kaniyang natutuhan, nagdidisenyo at nagsasagawa ng maikling kurso o workshop para sa mga kapwa guro.',
    },
  },
  'A6.2': {
    KA: {
      en: 'Joins an online group of subject teachers and follows its discussions.',
      ru: 'Вступает в онлайн-сообщество учителей предмета и следит за обсуждениями.',
      uz: 'Fan o‘qituvchilarining onlayn guruhiga qo‘shiladi va undagi muhokamalarni kuzatib boradi.',
      ne: 'विषय शिक्षकहरूको अनलाइन समूहमा सामेल हुन्छ र त्यहाँका छलफल पछ्याउँछ।',
      fil: 'Sumasali sa isang online na grupo ng mga guro ng asignatura at sinusubaybayan ang mga talakayan nito.',
    },
    KD: {
      en: 'Posts a lesson plan or question in a professional network and adapts a colleague’s idea in their class.',
      ru: 'Публикует в профессиональной сети план урока или вопрос и применяет идею коллеги в своём классе.',
      uz: 'Kasbiy tarmoqda dars rejasi yoki savol joylaydi va hamkasbining g‘oyasini o‘z sinfiga moslab qo‘llaydi.',
      ne: 'पेशागत सञ्जालमा पाठ योजना वा प्रश्न राख्छ र सहकर्मीको विचारलाई आफ्नो कक्षाअनुकूल बनाएर प्रयोग गर्छ।',
      fil: 'Nagpo-post ng plano ng aralin o tanong sa isang propesyonal na network at iniaangkop sa sariling klase ang ideya ng isang kapwa guro.',
    },
    KC: {
      en: 'Moderates a community of practice, organising exchanges and online meetings for teachers of the district.',
      ru: 'Модерирует профессиональное сообщество, организуя обмен опытом и онлайн-встречи для учителей района.',
      uz: 'Amaliyot hamjamiyatini boshqaradi, tuman o‘qituvchilari uchun tajriba almashish va onlayn uchrashuvlar tashkil etadi.',
      ne: 'अभ्यास समुदायको सञ्चालन गर्छ र जिल्लाका शिक्षकहरूका लागि अनुभव आदानप्रदान तथा अनलाइन बैठकहरू आयोजना गर्छ।',
      fil: 'Pinangangasiwaan ang isang komunidad ng praktika at nag-oorganisa ng palitan ng karanasan at mga online na pulong para sa mga guro ng distrito.',
    },
  },
  'A6.3': {
    KA: {
      en: 'Tries a new approach seen in training and notes what happened in the lesson.',
      ru: 'Пробует новый подход, увиденный на обучении, и записывает, что получилось на уроке.',
      uz: 'Malaka oshirishda ko‘rgan yangi yondashuvni sinab ko‘radi va darsda nima bo‘lganini qayd etadi.',
      ne: 'तालिममा देखेको नयाँ तरिका प्रयोग गरेर हेर्छ र कक्षामा के भयो भनी टिपोट गर्छ।',
      fil: 'Sinusubukan ang isang bagong pamamaraang nakita sa pagsasanay at itinatala ang nangyari sa aralin.',
    },
    KD: {
      en: 'Tests a new practice over several lessons, collects learners’ work as evidence and discusses it with a colleague.',
      ru: 'Проверяет новую практику на нескольких уроках, собирает работы учащихся как данные и обсуждает их с коллегой.',
      uz: 'Yangi amaliyotni bir necha dars davomida sinovdan o‘tkazadi, o‘quvchilar ishlarini dalil sifatida to‘playdi va ularni hamkasbi bilan muhokama qiladi.',
      ne: 'नयाँ अभ्यास धेरै कक्षामा परीक्षण गर्छ, विद्यार्थीका कामलाई प्रमाणका रूपमा सङ्कलन गर्छ र सहकर्मीसँग छलफल गर्छ।',
      fil: 'Sinusubok ang isang bagong praktika sa loob ng ilang aralin, kinokolekta ang gawa ng mga mag-aaral bilang ebidensya, at tinatalakay ito sa isang kapwa guro.',
    },
    KC: {
      en: 'Runs a small classroom study, presents it at a district or national event and coaches colleagues who adopt it.',
      ru: 'Проводит небольшое исследование в классе, представляет его на районном или национальном мероприятии и сопровождает коллег, которые его применяют.',
      uz: 'Sinfda kichik tadqiqot o‘tkazadi, uni tuman yoki milliy tadbirda taqdim etadi va bu tajribani qo‘llayotgan hamkasblariga murabbiylik qiladi.',
      ne: 'कक्षाकोठामा सानो अध्ययन गर्छ, त्यसलाई जिल्ला वा राष्ट्रिय कार्यक्रममा प्रस्तुत गर्छ र त्यो अभ्यास अपनाउने सहकर्मीहरूलाई कोचिङ गर्छ।',
      fil: 'Nagsasagawa ng maliit na pag-aaral sa silid-aralan, inilalahad ito sa isang pandistrito o pambansang pagtitipon, at ginagabayan ang mga kapwa guro na gumagamit nito.',
    },
  },
};
const SCORE: Record<string, number> = { KA: 1, KD: 2, KC: 3 };

/** An example of each competency in practice: the self-assessment shows it beside the question. */
const EXAMPLES: Record<string, LocalizedText> = {
  'A1.1': {
    en: 'In a staff meeting, explains which goals of the national ICT master plan concern their own subject.',
    ru: 'На педсовете объясняет, какие цели национального плана по ИКТ касаются его предмета.',
    uz: 'Pedagogik kengashda AKT bo‘yicha milliy bosh rejaning qaysi maqsadlari o‘z faniga tegishli ekanini tushuntiradi.',
    ne: 'शिक्षक बैठकमा राष्ट्रिय सूचना प्रविधि गुरुयोजनाका कुन-कुन लक्ष्य आफ्नो विषयसँग सम्बन्धित छन् भनी बुझाउँछ।',
    fil: 'Sa pulong ng mga guro, ipinaliliwanag kung aling mga layunin ng pambansang master plan sa ICT ang may kinalaman sa kaniyang asignatura.',
  },
  'A1.2': {
    en: 'Plans a term of lessons so that they serve a school ICT goal, such as every learner publishing one digital project.',
    ru: 'Планирует уроки четверти так, чтобы они служили цели школы по ИКТ, например, чтобы каждый ученик опубликовал цифровой проект.',
    uz: 'Chorak darslarini maktabning AKT bo‘yicha maqsadiga xizmat qiladigan qilib rejalashtiradi, masalan, har bir o‘quvchi bittadan raqamli loyihasini e’lon qilishi uchun.',
    ne: 'सत्रभरिका पाठहरू विद्यालयको सूचना प्रविधि लक्ष्य पूरा हुने गरी योजना बनाउँछ, जस्तै हरेक विद्यार्थीले एउटा डिजिटल परियोजना प्रकाशित गर्ने।',
    fil: 'Pinaplano ang mga aralin sa isang markahan upang tumugon sa isang layunin sa ICT ng paaralan, gaya ng paglalathala ng bawat mag-aaral ng isang digital na proyekto.',
  },
  'A1.3': {
    en: 'Proposes a change to the school ICT plan after trying an approach with learners, and backs it with results.',
    ru: 'Предлагает изменение школьного плана по ИКТ после проверки подхода с учащимися и подкрепляет его результатами.',
    uz: 'Yondashuvni o‘quvchilar bilan sinab ko‘rgach, maktab AKT rejasiga o‘zgartirish taklif qiladi va uni natijalar bilan asoslaydi.',
    ne: 'विद्यार्थीसँग कुनै तरिका प्रयोग गरेपछि विद्यालयको सूचना प्रविधि योजनामा परिवर्तन प्रस्ताव गर्छ र नतिजाद्वारा त्यसलाई पुष्टि गर्छ।',
    fil: 'Matapos subukan ang isang pamamaraan kasama ang mga mag-aaral, nagmumungkahi ng pagbabago sa plano sa ICT ng paaralan at sinusuportahan ito ng mga resulta.',
  },
  'A2.1': {
    en: 'Names the curriculum outcomes of a unit where a simulation or data tool helps learners most.',
    ru: 'Называет результаты раздела программы, для которых симуляция или работа с данными полезнее всего.',
    uz: 'Bo‘limning qaysi o‘quv natijalarida simulyatsiya yoki ma’lumotlar bilan ishlash vositasi o‘quvchilarga eng ko‘p yordam berishini aytadi.',
    ne: 'एकाइका कुन सिकाइ उपलब्धिमा सिमुलेसन वा तथ्याङ्कसम्बन्धी साधनले विद्यार्थीलाई सबैभन्दा बढी सहयोग गर्छ भनी बताउँछ।',
    fil: 'Tinutukoy ang mga inaasahang bunga ng pagkatuto sa isang yunit kung saan pinakanakatutulong sa mga mag-aaral ang simulation o kasangkapan sa datos.',
  },
  'A2.2': {
    en: 'Learners measure rainfall for two weeks, chart it in a spreadsheet and compare it with last year’s figures.',
    ru: 'Учащиеся две недели измеряют осадки, строят график в таблице и сравнивают с прошлым годом.',
    uz: 'O‘quvchilar ikki hafta davomida yog‘ingarchilikni o‘lchaydi, elektron jadvalda grafik tuzadi va o‘tgan yilgi ko‘rsatkichlar bilan taqqoslaydi.',
    ne: 'विद्यार्थीहरूले दुई हप्तासम्म वर्षा नाप्छन्, स्प्रेडसिटमा ग्राफ बनाउँछन् र गत वर्षको तथ्याङ्कसँग तुलना गर्छन्।',
    fil: 'Sinusukat ng mga mag-aaral ang dami ng ulan sa loob ng dalawang linggo, ginagawan ito ng tsart sa spreadsheet, at inihahambing sa datos noong nakaraang taon.',
  },
  'A2.3': {
    en: 'Learners plan, research and present a local project, deciding themselves which digital tools they need.',
    ru: 'Учащиеся планируют, исследуют и представляют местный проект, сами выбирая нужные цифровые инструменты.',
    uz: 'O‘quvchilar mahalliy loyihani rejalashtiradi, tadqiq qiladi va taqdim etadi, qaysi raqamli vositalar kerakligini o‘zlari hal qiladi.',
    ne: 'विद्यार्थीहरूले कुन डिजिटल साधन चाहिन्छ भनी आफैँ निर्णय गर्दै स्थानीय परियोजनाको योजना, खोज र प्रस्तुति गर्छन्।',
    fil: 'Pinaplano, sinasaliksik, at inilalahad ng mga mag-aaral ang isang lokal na proyekto, at sila mismo ang nagpapasya kung aling mga digital na kasangkapan ang kailangan nila.',
  },
  'A3.1': {
    en: 'Uses a short video and a quick online quiz to introduce a topic and check what learners already know.',
    ru: 'Использует короткое видео и быстрый онлайн-опрос, чтобы начать тему и узнать, что учащиеся уже знают.',
    uz: 'Mavzuni boshlash va o‘quvchilar nimani allaqachon bilishini aniqlash uchun qisqa video va tezkor onlayn testdan foydalanadi.',
    ne: 'नयाँ विषयवस्तु सुरु गर्न र विद्यार्थीलाई पहिले नै के थाहा छ भनी जाँच्न छोटो भिडियो र छिटो अनलाइन क्विज प्रयोग गर्छ।',
    fil: 'Gumagamit ng maikling video at mabilis na maikling pagsusulit online upang ipakilala ang paksa at alamin ang dati nang alam ng mga mag-aaral.',
  },
  'A3.2': {
    en: 'Groups investigate why a school garden fails, collect evidence with tablets and propose a fix.',
    ru: 'Группы выясняют, почему не растёт школьный сад, собирают данные на планшетах и предлагают решение.',
    uz: 'Guruhlar maktab bog‘i nima uchun yaxshi o‘smayotganini o‘rganadi, planshetlar yordamida dalillar to‘playdi va yechim taklif qiladi.',
    ne: 'समूहहरूले विद्यालयको बगैँचा किन राम्रोसँग फस्टाएन भनी खोजी गर्छन्, ट्याब्लेटमार्फत प्रमाण सङ्कलन गर्छन् र समाधान प्रस्ताव गर्छन्।',
    fil: 'Sinisiyasat ng mga pangkat kung bakit hindi umuunlad ang hardin ng paaralan, nangangalap ng ebidensya gamit ang tablet, at nagmumungkahi ng solusyon.',
  },
  'A3.3': {
    en: 'Learners keep a digital portfolio, set their own goals for the month and review them with the teacher.',
    ru: 'Учащиеся ведут цифровое портфолио, ставят цели на месяц и обсуждают их с учителем.',
    uz: 'O‘quvchilar raqamli portfolio yuritadi, oy uchun o‘z maqsadlarini belgilaydi va ularni o‘qituvchi bilan ko‘rib chiqadi.',
    ne: 'विद्यार्थीहरू डिजिटल पोर्टफोलियो राख्छन्, महिनाभरिका लागि आफ्नै लक्ष्य तय गर्छन् र शिक्षकसँग त्यसको समीक्षा गर्छन्।',
    fil: 'Nagtatago ang mga mag-aaral ng digital na portfolio, nagtatakda ng sarili nilang mga layunin para sa buwan, at sinusuri ang mga ito kasama ang guro.',
  },
  'A4.1': {
    en: 'Keeps marks, plans and messages to parents in the school’s digital tools without help.',
    ru: 'Ведёт оценки, планы и сообщения родителям в цифровых инструментах школы без помощи.',
    uz: 'Baholar, rejalar va ota-onalarga xabarlarni maktabning raqamli vositalarida mustaqil yuritadi.',
    ne: 'अङ्क, योजना र अभिभावकलाई पठाउने सन्देशहरू विद्यालयका डिजिटल साधनमा कसैको सहयोगबिना व्यवस्थापन गर्छ।',
    fil: 'Itinatala nang walang tulong ang mga marka, plano, at mensahe sa mga magulang gamit ang mga digital na kasangkapan ng paaralan.',
  },
  'A4.2': {
    en: 'Chooses between a shared document, a mind map and a survey tool according to what the lesson needs.',
    ru: 'Выбирает между общим документом, картой мыслей и опросом в зависимости от задач урока.',
    uz: 'Dars ehtiyojiga qarab umumiy hujjat, aqliy xarita va so‘rovnoma vositasi orasidan tanlaydi.',
    ne: 'पाठको आवश्यकताअनुसार साझा कागजात, माइन्ड म्याप वा सर्वेक्षण साधनमध्ये उपयुक्त छान्छ।',
    fil: 'Pumipili sa pagitan ng pinagsasaluhang dokumento, mind map, at kasangkapan sa sarbey ayon sa pangangailangan ng aralin.',
  },
  'A4.3': {
    en: 'Builds an online space where learners and a partner class co-create a guide to local history.',
    ru: 'Создаёт онлайн-пространство, где учащиеся с классом-партнёром вместе пишут путеводитель по истории края.',
    uz: 'O‘quvchilar hamkor sinf bilan birgalikda o‘lka tarixi bo‘yicha qo‘llanma yaratadigan onlayn makon tashkil etadi.',
    ne: 'विद्यार्थीहरू र साझेदार कक्षाले मिलेर स्थानीय इतिहासको मार्गदर्शिका तयार गर्ने अनलाइन स्थान बनाउँछ।',
    fil: 'Bumubuo ng isang online na espasyo kung saan magkasamang lumilikha ang mga mag-aaral at ang isang katuwang na klase ng gabay sa lokal na kasaysayan.',
  },
  'A5.1': {
    en: 'Sets up a rotation so that thirty learners share six computers and all finish the task.',
    ru: 'Организует смену групп так, чтобы тридцать учащихся работали за шестью компьютерами и все успели.',
    uz: 'O‘ttiz nafar o‘quvchi oltita kompyuterdan navbat bilan foydalanib, hammasi topshiriqni bajarib ulgurishi uchun almashinuv tartibini tashkil etadi.',
    ne: 'तीस जना विद्यार्थीले छ वटा कम्प्युटर पालैपालो प्रयोग गरी सबैले कार्य पूरा गर्ने गरी रोटेसन मिलाउँछ।',
    fil: 'Nag-aayos ng salitan upang mapaghatian ng tatlumpung mag-aaral ang anim na kompyuter at matapos ng lahat ang gawain.',
  },
  'A5.2': {
    en: 'Arranges groups with set roles (researcher, recorder, presenter) around one device each.',
    ru: 'Формирует группы с ролями (исследователь, секретарь, докладчик) вокруг одного устройства.',
    uz: 'Har biri bitta qurilma atrofida ishlaydigan, aniq vazifalar (tadqiqotchi, kotib, ma’ruzachi) taqsimlangan guruhlar tuzadi.',
    ne: 'तोकिएका भूमिका (खोजकर्ता, अभिलेखकर्ता, प्रस्तुतकर्ता) सहित एउटा-एउटा उपकरणका वरिपरि समूह बनाउँछ।',
    fil: 'Bumubuo ng mga pangkat na may nakatakdang papel (mananaliksik, tagatala, tagapag-ulat) at tig-iisang device.',
  },
  'A5.3': {
    en: 'Leads the school’s move to shared online planning so that colleagues reuse each other’s lessons.',
    ru: 'Руководит переходом школы к совместному онлайн-планированию, чтобы коллеги использовали уроки друг друга.',
    uz: 'Hamkasblar bir-birining darslaridan qayta foydalanishi uchun maktabning umumiy onlayn rejalashtirishga o‘tishiga rahbarlik qiladi.',
    ne: 'सहकर्मीहरूले एकअर्काका पाठ पुनः प्रयोग गर्न सकून् भनी विद्यालयलाई साझा अनलाइन योजना प्रणालीमा लैजाने कामको नेतृत्व गर्छ।',
    fil: 'Pinangungunahan ang paglipat ng paaralan sa sama-samang pagpaplano online upang muling magamit ng mga kapwa guro ang mga aralin ng isa’t isa.',
  },
  'A6.1': {
    en: "Completes an online course on spreadsheets and uses what was learnt in the next week's lessons.",
    ru: 'Проходит онлайн-курс по электронным таблицам и применяет его на уроках следующей недели.',
    uz: 'Elektron jadvallar bo‘yicha onlayn kursni tamomlaydi va o‘rganganlarini keyingi hafta darslarida qo‘llaydi.',
    ne: 'स्प्रेडसिटसम्बन्धी अनलाइन कोर्स पूरा गर्छ र सिकेका कुरा अर्को हप्ताका कक्षामा प्रयोग गर्छ।',
    fil: 'Tinatapos ang isang online na kurso tungkol sa spreadsheet at ginagamit ang natutuhan sa mga aralin sa susunod na linggo.',
  },
  'A6.2': {
    en: 'Joins a subject teachers’ online group, shares a lesson plan and adapts one from a colleague.',
    ru: 'Участвует в онлайн-сообществе учителей предмета, делится планом урока и адаптирует план коллеги.',
    uz: 'Fan o‘qituvchilarining onlayn guruhiga qo‘shiladi, dars rejasini ulashadi va hamkasbining rejasini o‘ziga moslashtiradi.',
    ne: 'विषय शिक्षकहरूको अनलाइन समूहमा सामेल हुन्छ, आफ्नो पाठ योजना साझा गर्छ र सहकर्मीको पाठ योजनालाई आफ्नो कक्षाअनुकूल बनाउँछ।',
    fil: 'Sumasali sa online na grupo ng mga guro ng asignatura, nagbabahagi ng plano ng aralin, at iniaangkop ang plano ng isang kapwa guro.',
  },
  'A6.3': {
    en: 'Runs a small classroom study of a new approach and presents the findings at a district workshop.',
    ru: 'Проводит небольшое исследование нового подхода в классе и представляет результаты на районном семинаре.',
    uz: 'Sinfda yangi yondashuv bo‘yicha kichik tadqiqot o‘tkazadi va natijalarini tuman seminarida taqdim etadi.',
    ne: 'नयाँ तरिकाबारे कक्षाकोठामा सानो अध्ययन गर्छ र त्यसको निष्कर्ष जिल्लास्तरीय कार्यशालामा प्रस्तुत गर्छ।',
    fil: 'Nagsasagawa ng maliit na pag-aaral sa silid-aralan tungkol sa isang bagong pamamaraan at inilalahad ang mga natuklasan sa isang pandistritong workshop.',
  },
};

/** The published national standard of the demo country, built from the template and aligned to the plan. */
export async function seedDemoFramework(ctx: Ctx) {
  const draft = await frameworks.createFromTemplate(ctx, { version: '1.0' });
  const byCode = new Map(draft.items.map((i) => [i.code, i]));
  for (const item of draft.items.filter((i) => i.type === 'competency')) {
    const example = EXAMPLES[item.code];
    if (example) await frameworks.updateItem(ctx, draft.id, item.id, { notes: example });
    for (const level of draft.levels) {
      await frameworks.setRubric(ctx, draft.id, item.id, level.code, {
        descriptor: RUBRIC[item.code]![level.code as 'KA' | 'KD' | 'KC'],
        score: SCORE[level.code]!,
      });
    }
  }
  for (const goal of GOALS) {
    const created = await frameworks.createGoal(ctx, {
      code: goal.code,
      title: goal.title,
      plan: PLAN,
      periodStart: 2025,
      periodEnd: 2030,
    });
    for (const code of goal.competencies) {
      const item = byCode.get(code)!;
      await frameworks.alignItem(ctx, draft.id, item.id, [...item.goalIds, created.id]);
      item.goalIds.push(created.id);
    }
  }
  await frameworks.setStatus(ctx, draft.id, 'in_review');
  return frameworks.setStatus(ctx, draft.id, 'published');
}
