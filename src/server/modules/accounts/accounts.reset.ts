import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../shared/ids.ts';
import { mailLink } from '../../shared/mail.ts';
import { LOCALES, type Locale } from '../../shared/text.ts';

/** Reset links live 30 minutes; an address may ask 10 times an hour, a username 3 times. */
export const RESET_MINUTES = 30;
export const PER_ADDRESS_PER_HOUR = 10;
export const PER_USERNAME_PER_HOUR = 3;

/** The clock reset links are judged by (tests move it). */
export const resetClock = { now: () => new Date() };

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const newResetToken = () => randomBytes(32).toString('base64url');

/** Counts a request against a key ('addr:<ip>', 'user:<username>') and answers how many the last hour held. */
export async function countRequest(db: Kysely<DB>, key: string, at: Date): Promise<number> {
  const since = new Date(at.getTime() - 3600_000).toISOString();
  await db.deleteFrom('password_reset_request').where('at', '<', since).execute();
  const row = await db
    .selectFrom('password_reset_request')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('key', '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  await db.insertInto('password_reset_request').values({ id: newId(), key, at: at.toISOString() }).execute();
  return Number(row.n) + 1;
}

/** The link goes in the fragment: it never reaches a server log or a Referer header. */
export const resetLink = (token: string) => mailLink(`/reset-password#${token}`);

const MAIL: Record<Locale, { subject: string; text: string }> = {
  en: {
    subject: 'Pathway: set a new password',
    text: 'Someone (we hope you) asked to set a new password for {username}.\n\nOpen this link within 30 minutes to choose one; it works once:\n{link}\n\nIf you did not ask, ignore this mail: your password stays as it is.',
  },
  ru: {
    subject: 'Pathway: новый пароль',
    text: 'Кто-то (надеемся, вы) запросил новый пароль для {username}.\n\nОткройте эту ссылку в течение 30 минут, чтобы задать пароль; она действует один раз:\n{link}\n\nЕсли вы не запрашивали, просто удалите это письмо: пароль не изменится.',
  },
  uz: {
    subject: 'Pathway: yangi parol o‘rnating',
    text: 'Kimdir (umid qilamizki, siz) {username} uchun yangi parol so‘radi.\n\nParol tanlash uchun ushbu havolani 30 daqiqa ichida oching; u bir marta ishlaydi:\n{link}\n\nAgar siz so‘ramagan bo‘lsangiz, bu xatni e’tiborsiz qoldiring: parolingiz o‘zgarmaydi.',
  },
  ne: {
    subject: 'Pathway: नयाँ पासवर्ड राख्नुहोस्',
    text: 'कसैले (आशा छ तपाईंले) {username} का लागि नयाँ पासवर्ड माग्नुभयो।\n\nपासवर्ड छान्न ३० मिनेटभित्र यो लिङ्क खोल्नुहोस्; यो एक पटक मात्र चल्छ:\n{link}\n\nतपाईंले माग्नुभएको होइन भने यो इमेल बेवास्ता गर्नुहोस्: पासवर्ड जस्ताको तस्तै रहन्छ।',
  },
  fil: {
    subject: 'Pathway: magtakda ng bagong password',
    text: 'May humiling (sana ikaw) ng bagong password para sa {username}.\n\nBuksan ang link na ito sa loob ng 30 minuto para pumili ng password; isang beses lang ito gagana:\n{link}\n\nKung hindi ikaw ang humiling, huwag pansinin ang mail na ito: hindi magbabago ang password mo.',
  },
};

export function resetMail(locale: string, username: string, token: string) {
  const chosen = MAIL[(LOCALES as readonly string[]).includes(locale) ? (locale as Locale) : 'en'];
  return {
    subject: chosen.subject,
    text: chosen.text.replace('{username}', username).replace('{link}', resetLink(token)),
  };
}
