import type { Database } from '../../db/database.ts';
import { type Ctx, systemBase } from '../../shared/context.ts';
import { AppError } from '../../shared/errors.ts';
import { nowIso } from '../../shared/ids.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { hashToken, newToken } from '../surveys/rounds.service.ts';
import { toIcs } from './calendar.ics.ts';
import * as repo from './events.repo.ts';

/** Past events stay in the feed this long, so a calendar keeps recent history. */
const FEED_HISTORY_DAYS = 90;

/**
 * A new secret address for the actor's calendar feed; the previous one stops working. Only the
 * token's hash is kept, so the address is shown once.
 */
export async function issueCalendarToken(ctx: Ctx, baseUrl: string) {
  const { accountId, personId } = ctx.actor;
  if (!accountId || !personId) throw new AppError('session_required', 'A calendar feed belongs to a signed-in person.');
  const { token, hash } = newToken();
  await repo.replaceCalendarToken(ctx.db, {
    tenant_id: ctx.tenantId,
    account_id: accountId,
    person_id: personId,
    token_hash: hash,
    created_at: nowIso(),
  });
  return { token, url: `${baseUrl}/api/calendar/${token}.ics` };
}

/** The events the token's owner is invited to or registered for, as iCalendar text in their language. */
export async function calendarFeed(database: Database, token: string): Promise<string> {
  const owner = await repo.calendarOwner(database.db, hashToken(token));
  if (!owner) throw new AppError('calendar_not_found', 'This calendar address is not valid.');
  const ctx = systemBase(database);
  const locale = owner.locale ?? owner.default_locale;
  const from = new Date(Date.now() - FEED_HISTORY_DAYS * 86_400_000).toISOString();
  const rows = await repo.eventsOfPerson(ctx.db, owner.tenant_id, owner.person_id, from);
  const text = (json: string) => resolveText(JSON.parse(json) as LocalizedText, locale, owner.default_locale).text;
  return toIcs(
    rows.map((row) => {
      const description = JSON.parse(row.description) as LocalizedText;
      return {
        uid: `${row.id}@pathway`,
        start: row.starts_at,
        end: row.ends_at,
        stamp: row.updated_at,
        summary: text(row.title),
        ...(Object.keys(description).length ? { description: text(row.description) } : {}),
        ...(row.place ? { location: row.place } : row.online_url ? { location: row.online_url } : {}),
        ...(row.online_url ? { url: row.online_url } : {}),
      };
    }),
    'Pathway',
  );
}
