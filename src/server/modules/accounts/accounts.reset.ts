import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { message } from '../../shared/catalogues.ts';
import { newId } from '../../shared/ids.ts';
import { mailLink } from '../../shared/mail.ts';

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

export function resetMail(locale: string, username: string, token: string) {
  return {
    subject: message(locale, 'messages.passwordReset.subject'),
    text: message(locale, 'messages.passwordReset.text', { username, link: resetLink(token) }),
  };
}
