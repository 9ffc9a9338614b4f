import { uuidv7 } from 'uuidv7';

/** Opaque, time-ordered ids: UUIDv7 keeps B-tree inserts near the end of the index. */
export function newId(): string {
  return uuidv7();
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Today's date (UTC) as YYYY-MM-DD: what due dates, terms and lesson dates compare against. */
export const todayIso = () => nowIso().slice(0, 10);
/** The calendar year now (UTC): the year of live figures; earlier years are read as recorded. */
export const thisYear = () => new Date().getUTCFullYear();
