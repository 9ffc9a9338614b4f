import type { Ctx } from '../../shared/context.ts';
import { newPdf, pdfBytes, write } from '../../shared/pdf.ts';
import type { Group } from './privacy.coverage.ts';
import type { PersonExport } from './privacy.schemas.ts';

interface Labels {
  title: string;
  exported: string;
  rows: (n: number) => string;
  others: string;
  notes: string;
  groups: Record<Group, string>;
}

// The document's own words; the web app's catalogues are not loaded on the server.
const LABELS: Record<string, Labels> = {
  en: {
    title: 'Your data in Pathway',
    exported: 'Exported',
    rows: (n) => `${n} record(s)`,
    others: 'Records you made about other people (listed by reference)',
    notes: 'Notes',
    groups: {
      identity: 'Person, accounts and sign-ins',
      competency: 'Competencies: ledger, statuses and self-assessments',
      evidence: 'Evidence (files listed, not included)',
      practice: 'Observations, coaching and classroom practice',
      training: 'Training: enrolments, attendance and completions',
      plans: 'Development and school plans',
      recognition: 'Awards and credentials',
      surveys: 'Survey invitations and identified responses',
      community: 'Library, communities, events and competitions',
      notifications: 'Notifications and mail',
      audit: 'Audit entries about you',
    },
  },
  ru: {
    title: 'Ваши данные в Pathway',
    exported: 'Выгружено',
    rows: (n) => `записей: ${n}`,
    others: 'Записи, которые вы сделали о других людях (только ссылки)',
    notes: 'Примечания',
    groups: {
      identity: 'Человек, учётные записи и входы',
      competency: 'Компетенции: журнал, статусы и самооценки',
      evidence: 'Подтверждения (файлы перечислены, не вложены)',
      practice: 'Наблюдения, коучинг и практика в классе',
      training: 'Обучение: записи, посещаемость и завершение',
      plans: 'Планы развития и школьные планы',
      recognition: 'Награды и удостоверения',
      surveys: 'Приглашения в опросы и именные ответы',
      community: 'Библиотека, сообщества, мероприятия и конкурсы',
      notifications: 'Уведомления и почта',
      audit: 'Записи журнала аудита о вас',
    },
  },
  uz: {
    title: 'Pathwaydagi maʼlumotlaringiz',
    exported: 'Eksport qilingan',
    rows: (n) => `${n} ta yozuv`,
    others: 'Boshqa odamlar haqida siz kiritgan yozuvlar (faqat havolalar)',
    notes: 'Izohlar',
    groups: {
      identity: 'Shaxs, hisoblar va kirishlar',
      competency: 'Kompetensiyalar: jurnal, holatlar va oʻzini baholash',
      evidence: 'Dalillar (fayllar roʻyxatda, ilova qilinmagan)',
      practice: 'Kuzatuvlar, kouching va sinf amaliyoti',
      training: 'Oʻqish: roʻyxatga olish, davomat va yakunlash',
      plans: 'Rivojlanish va maktab rejalari',
      recognition: 'Mukofotlar va sertifikatlar',
      surveys: 'Soʻrovnoma taklifnomalari va ismli javoblar',
      community: 'Kutubxona, hamjamiyatlar, tadbirlar va tanlovlar',
      notifications: 'Bildirishnomalar va pochta',
      audit: 'Siz haqingizdagi audit yozuvlari',
    },
  },
  ne: {
    title: 'Pathway मा तपाईंको विवरण',
    exported: 'निर्यात गरिएको',
    rows: (n) => `${n} अभिलेख`,
    others: 'तपाईंले अरू व्यक्तिबारे राखेका अभिलेख (सन्दर्भ मात्र)',
    notes: 'टिप्पणी',
    groups: {
      identity: 'व्यक्ति, खाता र साइन-इन',
      competency: 'सक्षमता: अभिलेख, स्थिति र स्वमूल्याङ्कन',
      evidence: 'प्रमाण (फाइलहरूको सूची मात्र)',
      practice: 'अवलोकन, कोचिङ र कक्षा अभ्यास',
      training: 'तालिम: भर्ना, उपस्थिति र समापन',
      plans: 'विकास योजना र विद्यालय योजना',
      recognition: 'पुरस्कार र प्रमाणपत्र',
      surveys: 'सर्वेक्षण निमन्त्रणा र नाम खुलेका उत्तर',
      community: 'पुस्तकालय, समुदाय, कार्यक्रम र प्रतियोगिता',
      notifications: 'सूचना र इमेल',
      audit: 'तपाईंबारेका लेखापरीक्षण अभिलेख',
    },
  },
  fil: {
    title: 'Ang iyong datos sa Pathway',
    exported: 'Na-export',
    rows: (n) => `${n} talaan`,
    others: 'Mga talaang ginawa mo tungkol sa ibang tao (sanggunian lamang)',
    notes: 'Mga tala',
    groups: {
      identity: 'Tao, mga account at pag-sign in',
      competency: 'Mga kakayahan: ledger, katayuan at pagtatasa sa sarili',
      evidence: 'Ebidensiya (nakalista ang mga file, hindi kalakip)',
      practice: 'Mga obserbasyon, coaching at gawain sa silid-aralan',
      training: 'Pagsasanay: pagpapatala, pagdalo at pagtatapos',
      plans: 'Mga plano sa pag-unlad at plano ng paaralan',
      recognition: 'Mga gawad at kredensiyal',
      surveys: 'Mga imbitasyon sa survey at mga sagot na may pangalan',
      community: 'Aklatan, mga komunidad, kaganapan at paligsahan',
      notifications: 'Mga abiso at mail',
      audit: 'Mga tala ng audit tungkol sa iyo',
    },
  },
};

const MAX_VALUE = 400;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/** The export as a readable A4 document: one section per group, one block per record, field: value. */
export function exportPdf(ctx: Ctx, data: PersonExport): Promise<Buffer> {
  const words = LABELS[ctx.locale] ?? LABELS.en!;
  const person = data.tables.find((t) => t.table === 'person')?.rows[0];
  const name = person ? `${person.given_name} ${person.family_name}` : data.personId;
  const doc = newPdf(ctx.locale, { title: `${words.title}: ${name}` });
  write(doc, words.title, { weight: 'bold', size: 18 });
  write(doc, name, { size: 12 });
  write(doc, `${words.exported}: ${data.exportedAt}`, { size: 9 });
  let group: string | undefined;
  for (const section of data.tables) {
    if (section.group !== group) {
      group = section.group;
      doc.moveDown();
      write(doc, words.groups[section.group], { weight: 'bold', size: 14 });
    }
    doc.moveDown(0.5);
    write(doc, `${section.table} · ${words.rows(section.rows.length)}`, { weight: 'bold', size: 10 });
    for (const row of section.rows) {
      doc.moveDown(0.3);
      for (const [key, value] of Object.entries(row)) {
        if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
        write(doc, `${key}: ${shown(value)}`, { size: 8 });
      }
    }
  }
  if (data.recordedAboutOthers.length > 0) {
    doc.moveDown();
    write(doc, words.others, { weight: 'bold', size: 14 });
    for (const r of data.recordedAboutOthers) write(doc, `${r.table}: ${r.count}`, { size: 9 });
  }
  doc.moveDown();
  write(doc, words.notes, { weight: 'bold', size: 12 });
  for (const note of data.notes) write(doc, note, { size: 9 });
  return pdfBytes(doc);
}
