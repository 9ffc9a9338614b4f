import type { Locale } from '../../shared/text.ts';

export const KINDS = [
  'review_requested',
  'review_decided',
  'evidence_requested',
  'credential_issued',
  'credential_revoked',
  'approval_waiting',
  'plan_proposed',
  'plan_agreed',
  'enrolment_confirmed',
  'enrolment_waitlisted',
  'enrolment_promoted',
  'offering_changed',
  'offering_cancelled',
  'survey_invited',
  'survey_reminder',
  'event_invited',
  'competition_awarded',
  'competition_declined',
  'community_post',
  'community_mention',
  'regional_nominated',
] as const;
export type Kind = (typeof KINDS)[number];

type Template = { title: string; body: string };

/** Message templates per kind and language; `{name}` is replaced by the parameter of that name. */
export const TEMPLATES: Record<Kind, Record<Locale, Template>> = {
  review_requested: {
    en: { title: 'Review requested: {item}', body: '{person} asks you to confirm {item} at level {level}.' },
    ru: { title: 'Запрос на оценку: {item}', body: '{person} просит подтвердить «{item}» на уровне {level}.' },
    uz: {
      title: 'Baholash so‘raldi: {item}',
      body: '{person} «{item}» ni {level} darajasida tasdiqlashingizni so‘ramoqda.',
    },
    ne: { title: 'समीक्षा अनुरोध: {item}', body: '{person} ले {item} लाई {level} तहमा पुष्टि गर्न अनुरोध गर्नुभएको छ।' },
    fil: {
      title: 'Hiniling ang pagsusuri: {item}',
      body: 'Hinihiling ni {person} na kumpirmahin mo ang {item} sa antas {level}.',
    },
  },
  review_decided: {
    en: { title: 'Review decided: {item}', body: 'Your review of {item} was decided at level {level}.' },
    ru: { title: 'Оценка завершена: {item}', body: 'По вашему запросу «{item}» подтверждён уровень {level}.' },
    uz: { title: 'Baholash yakunlandi: {item}', body: '«{item}» bo‘yicha so‘rovingiz {level} darajasida hal qilindi.' },
    ne: { title: 'समीक्षाको निर्णय: {item}', body: 'तपाईंको {item} को समीक्षा {level} तहमा निर्णय भयो।' },
    fil: {
      title: 'Napagpasyahan ang pagsusuri: {item}',
      body: 'Napagpasyahan ang pagsusuri mo sa {item} sa antas {level}.',
    },
  },
  evidence_requested: {
    en: { title: 'More evidence requested: {item}', body: 'The assessor asks for more evidence for {item}.' },
    ru: { title: 'Нужно больше свидетельств: {item}', body: 'Оценщик просит добавить свидетельства для «{item}».' },
    uz: { title: 'Qo‘shimcha dalil so‘raldi: {item}', body: 'Baholovchi «{item}» uchun qo‘shimcha dalil so‘ramoqda.' },
    ne: { title: 'थप प्रमाण माग गरियो: {item}', body: 'मूल्याङ्कनकर्ताले {item} का लागि थप प्रमाण माग गर्नुभएको छ।' },
    fil: {
      title: 'Humihingi ng dagdag na ebidensya: {item}',
      body: 'Humihingi ang tagasuri ng dagdag na ebidensya para sa {item}.',
    },
  },
  credential_issued: {
    en: { title: 'Credential issued: {name}', body: 'You have been awarded {name}.' },
    ru: { title: 'Выдан документ: {name}', body: 'Вам присвоено: {name}.' },
    uz: { title: 'Sertifikat berildi: {name}', body: 'Sizga {name} berildi.' },
    ne: { title: 'प्रमाणपत्र जारी: {name}', body: 'तपाईंलाई {name} प्रदान गरिएको छ।' },
    fil: { title: 'Naibigay ang kredensyal: {name}', body: 'Iginawad sa iyo ang {name}.' },
  },
  credential_revoked: {
    en: { title: 'Credential status changed: {name}', body: 'The status of your credential {name} is now: {status}.' },
    ru: { title: 'Статус документа изменён: {name}', body: 'Новый статус документа «{name}»: {status}.' },
    uz: { title: 'Sertifikat holati o‘zgardi: {name}', body: '«{name}» sertifikatingiz holati endi: {status}.' },
    ne: { title: 'प्रमाणपत्रको स्थिति बदलियो: {name}', body: 'तपाईंको प्रमाणपत्र {name} को स्थिति अब: {status}।' },
    fil: {
      title: 'Nagbago ang katayuan ng kredensyal: {name}',
      body: 'Ang katayuan ng kredensyal mong {name} ay: {status}.',
    },
  },
  approval_waiting: {
    en: { title: 'Awards wait for approval', body: '{count} award(s) of {name} wait for your approval.' },
    ru: { title: 'Награды ждут утверждения', body: 'Ожидают вашего утверждения ({count}): {name}.' },
    uz: { title: 'Mukofotlar tasdiqni kutmoqda', body: '{name}: {count} ta mukofot tasdiqlashingizni kutmoqda.' },
    ne: { title: 'पुरस्कार स्वीकृतिको पर्खाइमा', body: '{name} का {count} पुरस्कार तपाईंको स्वीकृति पर्खिरहेका छन्।' },
    fil: {
      title: 'May mga gantimpalang naghihintay ng pag-apruba',
      body: '{count} gantimpala ng {name} ang naghihintay ng iyong pag-apruba.',
    },
  },
  plan_proposed: {
    en: {
      title: 'A development plan was proposed',
      body: 'A new development plan has been proposed to you. Review it with your school leader.',
    },
    ru: {
      title: 'Предложен план развития',
      body: 'Вам предложен новый план профессионального развития. Обсудите его с руководителем школы.',
    },
    uz: {
      title: 'Rivojlanish rejasi taklif qilindi',
      body: 'Sizga yangi rivojlanish rejasi taklif qilindi. Uni maktab rahbari bilan ko‘rib chiqing.',
    },
    ne: {
      title: 'विकास योजना प्रस्ताव गरियो',
      body: 'तपाईंलाई नयाँ विकास योजना प्रस्ताव गरिएको छ। विद्यालय प्रमुखसँग यसको समीक्षा गर्नुहोस्।',
    },
    fil: {
      title: 'May iminungkahing plano sa pag-unlad',
      body: 'May bagong plano sa pag-unlad na iminungkahi sa iyo. Suriin ito kasama ang punong-guro.',
    },
  },
  plan_agreed: {
    en: { title: 'Development plan: {status}', body: 'Your development plan is now: {status}.' },
    ru: { title: 'План развития: {status}', body: 'Статус вашего плана развития: {status}.' },
    uz: { title: 'Rivojlanish rejasi: {status}', body: 'Rivojlanish rejangiz holati: {status}.' },
    ne: { title: 'विकास योजना: {status}', body: 'तपाईंको विकास योजना अब: {status}।' },
    fil: { title: 'Plano sa pag-unlad: {status}', body: 'Ang plano mo sa pag-unlad ay: {status}.' },
  },
  // {offering} is the module or programme title, {start} its first day.
  enrolment_confirmed: {
    en: { title: 'Enrolled: {offering}', body: 'You have a seat in {offering}, starting {start}.' },
    ru: { title: 'Вы записаны: {offering}', body: 'За вами место на «{offering}», начало {start}.' },
    uz: {
      title: 'Ro‘yxatga olindingiz: {offering}',
      body: '«{offering}» da sizga joy ajratildi, boshlanishi {start}.',
    },
    ne: { title: 'भर्ना भयो: {offering}', body: '{offering} मा तपाईंको सिट पक्का भयो, सुरु {start}।' },
    fil: { title: 'Naka-enrol: {offering}', body: 'May upuan ka sa {offering}, magsisimula sa {start}.' },
  },
  enrolment_waitlisted: {
    en: {
      title: 'On the waitlist: {offering}',
      body: '{offering} is full; you are on its waitlist and will be told if a seat frees up.',
    },
    ru: {
      title: 'В листе ожидания: {offering}',
      body: 'Мест на «{offering}» нет; вы в листе ожидания, мы сообщим, если место освободится.',
    },
    uz: {
      title: 'Kutish ro‘yxatida: {offering}',
      body: '«{offering}» to‘lgan; siz kutish ro‘yxatidasiz, joy bo‘shasa xabar beramiz.',
    },
    ne: {
      title: 'प्रतीक्षा सूचीमा: {offering}',
      body: '{offering} भरिएको छ; तपाईं प्रतीक्षा सूचीमा हुनुहुन्छ, सिट खाली भए जानकारी दिइनेछ।',
    },
    fil: {
      title: 'Nasa waitlist: {offering}',
      body: 'Puno na ang {offering}; nasa waitlist ka at sasabihan ka kapag may bakanteng upuan.',
    },
  },
  enrolment_promoted: {
    en: {
      title: 'A seat freed up: {offering}',
      body: 'You moved from the waitlist to a seat in {offering}, starting {start}.',
    },
    ru: {
      title: 'Освободилось место: {offering}',
      body: 'Вы переведены из листа ожидания на «{offering}», начало {start}.',
    },
    uz: {
      title: 'Joy bo‘shadi: {offering}',
      body: 'Siz kutish ro‘yxatidan «{offering}» ga o‘tkazildingiz, boshlanishi {start}.',
    },
    ne: { title: 'सिट खाली भयो: {offering}', body: 'तपाईं प्रतीक्षा सूचीबाट {offering} मा सिटमा सर्नुभयो, सुरु {start}।' },
    fil: {
      title: 'May bakanteng upuan: {offering}',
      body: 'Nailipat ka mula sa waitlist sa isang upuan sa {offering}, magsisimula sa {start}.',
    },
  },
  // {changes} lists what changed (dates, session days, place, trainers) in the reader's language.
  offering_changed: {
    en: { title: 'Changed: {offering}', body: '{offering} has changed. {changes}' },
    ru: { title: 'Изменения: {offering}', body: 'В «{offering}» есть изменения. {changes}' },
    uz: { title: 'O‘zgarish: {offering}', body: '«{offering}» o‘zgardi. {changes}' },
    ne: { title: 'परिवर्तन: {offering}', body: '{offering} मा परिवर्तन भएको छ। {changes}' },
    fil: { title: 'May pagbabago: {offering}', body: 'May pagbabago sa {offering}. {changes}' },
  },
  // {dates} is the planned first and last day, {reason} the organiser's words.
  offering_cancelled: {
    en: { title: 'Cancelled: {offering}', body: '{offering} ({dates}) is cancelled. Reason: {reason}' },
    ru: { title: 'Отменено: {offering}', body: '«{offering}» ({dates}) отменено. Причина: {reason}' },
    uz: { title: 'Bekor qilindi: {offering}', body: '«{offering}» ({dates}) bekor qilindi. Sabab: {reason}' },
    ne: { title: 'रद्द गरियो: {offering}', body: '{offering} ({dates}) रद्द गरिएको छ। कारण: {reason}' },
    fil: { title: 'Kinansela: {offering}', body: 'Kinansela ang {offering} ({dates}). Dahilan: {reason}' },
  },
  survey_invited: {
    en: { title: 'A survey for you: {title}', body: 'Please answer by {closes}. It takes a few minutes.' },
    ru: { title: 'Опрос для вас: {title}', body: 'Пожалуйста, ответьте до {closes}. Это займёт несколько минут.' },
    uz: {
      title: 'Siz uchun so‘rovnoma: {title}',
      body: 'Iltimos, {closes} gacha javob bering. Bir necha daqiqa oladi.',
    },
    ne: { title: 'तपाईंका लागि सर्वेक्षण: {title}', body: 'कृपया {closes} सम्म जवाफ दिनुहोस्। केही मिनेट मात्र लाग्छ।' },
    fil: { title: 'Isang survey para sa iyo: {title}', body: 'Pakisagot bago ang {closes}. Ilang minuto lang ito.' },
  },
  survey_reminder: {
    en: { title: 'Reminder: {title}', body: 'Your answers are still missing. The survey closes on {closes}.' },
    ru: { title: 'Напоминание: {title}', body: 'Ваших ответов ещё нет. Опрос закрывается {closes}.' },
    uz: { title: 'Eslatma: {title}', body: 'Javoblaringiz hali yo‘q. So‘rovnoma {closes} kuni yopiladi.' },
    ne: { title: 'सम्झना: {title}', body: 'तपाईंको जवाफ अझै आएको छैन। सर्वेक्षण {closes} मा बन्द हुन्छ।' },
    fil: { title: 'Paalala: {title}', body: 'Wala pa ang iyong mga sagot. Magsasara ang survey sa {closes}.' },
  },
  event_invited: {
    en: { title: 'You are invited: {title}', body: 'You are invited to {title}, starting {starts} (UTC).' },
    ru: { title: 'Приглашение: {title}', body: 'Вас приглашают на «{title}», начало {starts} (UTC).' },
    uz: {
      title: 'Taklifnoma: {title}',
      body: 'Siz «{title}» tadbiriga taklif qilindingiz, boshlanishi {starts} (UTC).',
    },
    ne: { title: 'निमन्त्रणा: {title}', body: 'तपाईंलाई {title} मा आमन्त्रण गरिएको छ, सुरु {starts} (UTC)।' },
    fil: { title: 'Inaanyayahan ka: {title}', body: 'Inaanyayahan ka sa {title}, magsisimula sa {starts} (UTC).' },
  },
  competition_awarded: {
    en: { title: 'Grant awarded: {title}', body: 'Your project {title} in {call} is awarded {amount}.' },
    ru: {
      title: 'Грант присуждён: {title}',
      body: 'Вашему проекту «{title}» в конкурсе «{call}» присуждено {amount}.',
    },
    uz: { title: 'Grant berildi: {title}', body: '«{call}» tanlovida «{title}» loyihangizga {amount} grant berildi.' },
    ne: { title: 'अनुदान प्रदान: {title}', body: '{call} मा तपाईंको परियोजना {title} लाई {amount} अनुदान प्रदान गरियो।' },
    fil: {
      title: 'Iginawad ang grant: {title}',
      body: 'Ang proyekto mong {title} sa {call} ay ginawaran ng {amount}.',
    },
  },
  competition_declined: {
    en: { title: 'Application not funded: {title}', body: 'Your project {title} in {call} was not funded this time.' },
    ru: {
      title: 'Заявка не поддержана: {title}',
      body: 'Ваш проект «{title}» в конкурсе «{call}» в этот раз не поддержан.',
    },
    uz: {
      title: 'Ariza qo‘llab-quvvatlanmadi: {title}',
      body: '«{call}» tanlovidagi «{title}» loyihangiz bu safar moliyalashtirilmadi.',
    },
    ne: { title: 'आवेदन स्वीकृत भएन: {title}', body: '{call} मा तपाईंको परियोजना {title} यस पटक अनुदानका लागि छानिएन।' },
    fil: {
      title: 'Hindi napondohan ang aplikasyon: {title}',
      body: 'Ang proyekto mong {title} sa {call} ay hindi napondohan sa pagkakataong ito.',
    },
  },
  community_post: {
    en: { title: 'New in {community}: {thread}', body: '{author} wrote in “{thread}” in {community}.' },
    ru: {
      title: 'Новое в сообществе {community}: {thread}',
      body: '{author} написал(а) в теме «{thread}» ({community}).',
    },
    uz: { title: '{community}da yangilik: {thread}', body: '{author} «{thread}» mavzusida yozdi ({community}).' },
    ne: { title: '{community} मा नयाँ: {thread}', body: '{author} ले {community} को “{thread}” मा लेख्नुभयो।' },
    fil: { title: 'Bago sa {community}: {thread}', body: 'Sumulat si {author} sa “{thread}” sa {community}.' },
  },
  community_mention: {
    en: { title: '{author} mentioned you in {thread}', body: '{author} mentioned you in “{thread}” in {community}.' },
    ru: {
      title: '{author} упомянул(а) вас: {thread}',
      body: '{author} упомянул(а) вас в теме «{thread}» ({community}).',
    },
    uz: {
      title: '{author} sizni eslatdi: {thread}',
      body: '{author} sizni «{thread}» mavzusida eslatdi ({community}).',
    },
    ne: {
      title: '{author} ले तपाईंलाई उल्लेख गर्नुभयो: {thread}',
      body: '{author} ले {community} को “{thread}” मा तपाईंलाई उल्लेख गर्नुभयो।',
    },
    fil: {
      title: 'Binanggit ka ni {author} sa {thread}',
      body: 'Binanggit ka ni {author} sa “{thread}” sa {community}.',
    },
  },
  regional_nominated: {
    en: {
      title: 'You take part in {title}',
      body: 'Your ministry nominated you to {title} of {office}, from {starts}.',
    },
    ru: {
      title: 'Вы участвуете: {title}',
      body: 'Министерство выдвинуло вас на «{title}» ({office}), начало {starts}.',
    },
    uz: {
      title: 'Siz ishtirok etasiz: {title}',
      body: 'Vazirlik sizni «{title}» ({office}) tadbiriga taklif etdi, boshlanishi {starts}.',
    },
    ne: {
      title: 'तपाईं {title} मा सहभागी हुनुहुन्छ',
      body: 'मन्त्रालयले तपाईंलाई {office} को {title} मा मनोनीत गर्‍यो, सुरु {starts}।',
    },
    fil: {
      title: 'Kasali ka sa {title}',
      body: 'Ninomina ka ng ministeryo sa {title} ng {office}, simula {starts}.',
    },
  },
};

/** Words for statuses named in messages. */
export const STATUS_WORDS: Record<string, Record<Locale, string>> = {
  revoke: { en: 'revoked', ru: 'отозван', uz: 'bekor qilingan', ne: 'रद्द गरिएको', fil: 'binawi' },
  suspend: { en: 'suspended', ru: 'приостановлен', uz: 'to‘xtatilgan', ne: 'निलम्बित', fil: 'sinuspinde' },
  reinstate: { en: 'active again', ru: 'снова действует', uz: 'qayta faol', ne: 'फेरि सक्रिय', fil: 'aktibo muli' },
  agreed: { en: 'agreed', ru: 'согласован', uz: 'kelishilgan', ne: 'सहमति भएको', fil: 'napagkasunduan' },
  draft: {
    en: 'back to draft',
    ru: 'возвращён в черновик',
    uz: 'qoralamaga qaytarildi',
    ne: 'मस्यौदामा फर्काइयो',
    fil: 'ibinalik sa draft',
  },
  active: { en: 'started', ru: 'начат', uz: 'boshlangan', ne: 'सुरु भएको', fil: 'sinimulan' },
  done: { en: 'completed', ru: 'выполнен', uz: 'bajarilgan', ne: 'पूरा भएको', fil: 'natapos' },
};

export const DIGEST: Record<Locale, { subject: string; intro: string; open: string }> = {
  en: {
    subject: 'Pathway: {count} new notification(s)',
    intro: 'Here is what happened since the last summary:',
    open: 'Open',
  },
  ru: { subject: 'Pathway: новых уведомлений: {count}', intro: 'Что произошло с прошлой сводки:', open: 'Открыть' },
  uz: {
    subject: 'Pathway: {count} ta yangi bildirishnoma',
    intro: 'Oxirgi xulosadan beri nima bo‘ldi:',
    open: 'Ochish',
  },
  ne: { subject: 'Pathway: {count} नयाँ सूचना', intro: 'अघिल्लो सारांशपछि भएका कुरा:', open: 'खोल्नुहोस्' },
  fil: { subject: 'Pathway: {count} bagong abiso', intro: 'Narito ang nangyari mula sa huling buod:', open: 'Buksan' },
};

export function fill(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
