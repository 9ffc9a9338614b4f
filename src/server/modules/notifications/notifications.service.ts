import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Permission, ROLE_PERMISSIONS, ROLES } from '../../shared/access.ts';
import { formatDate, formatDay, formatNumber, isLocale, LOCALES, type Locale, word } from '../../shared/catalogues.ts';
import { type Ctx, inTransaction } from '../../shared/context.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { newId, nowIso } from '../../shared/ids.ts';
import { deliverOutbox, mailLink, sendMail } from '../../shared/mail.ts';
import { type LocalizedText, resolveText } from '../../shared/text.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import { reviewChanged } from '../assessment/reviews.service.ts';
import { awardsQueued } from '../recognition/awards.service.ts';
import { credentialChanged } from '../recognition/credentials.service.ts';
import { enrolmentChanged } from '../training/enrolment.service.ts';
import { planProposed, planStatusChanged } from '../training/plans.service.ts';
import { worded, wordingOf } from '../translations/translations.wording.ts';
import * as repo from './notifications.repo.ts';
import type { InboxQuery, Notification, Preference } from './notifications.schemas.ts';
import { KINDS, type Kind } from './notifications.templates.ts';

const DEFAULT_PREFERENCE = { inbox: true, email: 'immediate' as Preference['email'] };

const asLocale = (value: string | null | undefined, fallback: string): Locale => {
  const chosen = value ?? fallback;
  return isLocale(chosen) ? chosen : 'en';
};

/** A parameter is plain text, multilingual text, or a per-language word (resolved for each recipient). */
type Param = string | { text: LocalizedText } | { words: Record<Locale, string> };

// Days and numbers are written with the catalogues' per-language formats, as the web app writes them,
// so a mail reads "6-dekabr, 2026" where the screen does.
const inEachLanguage = (write: (locale: Locale) => string): Param => ({
  words: Object.fromEntries(LOCALES.map((locale) => [locale, write(locale)])) as Record<Locale, string>,
});

/** A status named in a message ("revoked", "agreed"), in each language's words. */
const statusParam = (status: string): Param => inEachLanguage((locale) => word(locale, `messages.status.${status}`));

/** A calendar day (YYYY-MM-DD, or an instant's date part) as each language writes it. */
export const dayParam = (day: string): Param => inEachLanguage((locale) => formatDay(day, locale));

/** A moment as each language writes a date and time, in UTC and said so (a mail cannot know the reader's zone). */
export const momentParam = (iso: string): Param => inEachLanguage((locale) => `${formatDate(iso, locale, 'UTC')} UTC`);

/** A number with each language's grouping and digits ("12", "१२"). */
export const numberParam = (value: number): Param => inEachLanguage((locale) => formatNumber(value, locale));

/** An amount with each language's grouping and digits, then its unit ("5 000 000 UZS", "५०,००,००० UZS"). */
export const amountParam = (amount: number, unit: string): Param =>
  inEachLanguage((locale) => `${formatNumber(amount, locale)} ${unit}`);

/**
 * Writes a notification for each recipient, in the recipient's language and by their preferences:
 * an inbox row, and a mail now (outbox, sent after the commit) or in the daily digest.
 * Runs in the caller's transaction; the actor is never told about their own action.
 */
export async function notify(
  ctx: Ctx,
  kind: Kind,
  recipients: repo.Recipient[],
  params: Record<string, Param>,
  link: string,
): Promise<number> {
  const unique = [...new Map(recipients.map((r) => [r.account_id, r])).values()].filter(
    (r) => r.account_id !== ctx.actor.accountId,
  );
  const prefs = await repo.preferencesOf(
    ctx.db,
    ctx.tenantId,
    unique.map((r) => r.account_id),
  );
  const saved = new Map(prefs.filter((p) => p.kind === kind).map((p) => [p.account_id, p]));
  const at = nowIso();
  const rows: repo.NotificationRow[] = [];
  const texts = unique.length ? await wordingOf(ctx.db, ctx.tenantId, 'notifications') : new Map();
  for (const recipient of unique) {
    const mine = saved.get(recipient.account_id);
    const pref = mine ? { inbox: mine.inbox === 1, email: mine.email } : DEFAULT_PREFERENCE;
    const email = recipient.email && pref.email !== 'off' ? pref.email : 'off';
    if (!pref.inbox && email === 'off') continue;
    const locale = asLocale(recipient.locale, ctx.defaultLocale);
    const values = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        typeof value === 'string'
          ? value
          : 'text' in value
            ? resolveText(value.text, locale, ctx.defaultLocale).text
            : (value.words[locale] ?? value.words.en ?? ''),
      ]),
    );
    const title = worded(texts, `${kind}.title`, locale, ctx.defaultLocale, values);
    const body = worded(texts, `${kind}.body`, locale, ctx.defaultLocale, values);
    rows.push({
      tenant_id: ctx.tenantId,
      id: newId(),
      account_id: recipient.account_id,
      kind,
      title,
      body,
      link,
      in_inbox: pref.inbox ? 1 : 0,
      digest: email === 'daily' ? 'pending' : 'none',
      created_at: at,
      read_at: null,
    });
    if (email === 'immediate')
      await sendMail(ctx.db, {
        tenantId: ctx.tenantId,
        to: recipient.email!,
        subject: title,
        text: `${body}\n\n${mailLink(link)}\n`,
      });
  }
  await repo.insertNotifications(ctx.db, rows);
  return rows.length;
}

/** Roles that hold `permission`, administrators aside (they hold every permission and would get everything). */
const rolesWith = (permission: Permission) =>
  ROLES.filter((role) => role !== 'admin' && ROLE_PERMISSIONS[role].includes(permission));

/** An item's and a level's titles in every language of the standard, for messages in the reader's. */
async function itemAndLevel(
  ctx: Ctx,
  frameworkId: string,
  itemId: string,
  levelCode: string | null,
): Promise<{ item: Param; level: Param }> {
  const standard = await loadStandard(ctx, frameworkId).catch(() => null);
  const item = standard?.framework.items.find((i) => i.id === itemId);
  const level = standard?.framework.levels.find((l) => l.code === levelCode);
  return { item: item ? { text: item.title } : '', level: level ? { text: level.title } : (levelCode ?? '') };
}

async function onReviewChanged(ctx: Ctx, change: Parameters<Parameters<typeof reviewChanged.on>[0]>[1]) {
  const person = await repo.personPath(ctx.db, ctx.tenantId, change.personId);
  if (!person) return;
  const params = {
    ...(await itemAndLevel(ctx, change.frameworkId, change.itemId, change.levelCode)),
    person: `${person.given_name} ${person.family_name}`,
  };
  if (change.change === 'requested' || change.change === 'evidence_added') {
    if (change.change === 'evidence_added') return; // the assessor already knows the review; no second alert
    const assessors = await repo.accountsWithRoleOver(
      ctx.db,
      ctx.tenantId,
      rolesWith('assessment.rate'),
      person.org_path,
    );
    await notify(ctx, 'review_requested', assessors, params, '/reviews');
    return;
  }
  const teacher = await repo.accountsOfPerson(ctx.db, ctx.tenantId, change.personId);
  const kind = change.change === 'decided' ? 'review_decided' : 'evidence_requested';
  await notify(ctx, kind, teacher, params, '/my-portfolio');
}

async function onCredentialChanged(ctx: Ctx, change: { credentialId: string; personId: string; change: string }) {
  const credential = await repo.credentialName(ctx.db, ctx.tenantId, change.credentialId);
  const holder = await repo.accountsOfPerson(ctx.db, ctx.tenantId, change.personId);
  const params: Record<string, Param> = { name: credential?.achievement_name ?? '' };
  if (change.change === 'issued') {
    await notify(ctx, 'credential_issued', holder, params, '/my-credentials');
    return;
  }
  params.status = statusParam(change.change);
  await notify(ctx, 'credential_revoked', holder, params, '/my-credentials');
}

async function onAwardsQueued(ctx: Ctx, queued: { ruleId: string; personIds: string[] }) {
  const rule = await repo.ruleName(ctx.db, ctx.tenantId, queued.ruleId);
  const name: Param = rule ? parsedName(rule.name) : '';
  const waiting = new Map<string, { recipient: repo.Recipient; count: number }>();
  for (const personId of queued.personIds) {
    const person = await repo.personPath(ctx.db, ctx.tenantId, personId);
    if (!person) continue;
    for (const approver of await repo.accountsWithRoleOver(
      ctx.db,
      ctx.tenantId,
      rolesWith('recognition.approve'),
      person.org_path,
    )) {
      const entry = waiting.get(approver.account_id) ?? { recipient: approver, count: 0 };
      entry.count++;
      waiting.set(approver.account_id, entry);
    }
  }
  for (const { recipient, count } of waiting.values())
    await notify(ctx, 'approval_waiting', [recipient], { name, count: numberParam(count) }, '/recognition/approvals');
}

function parsedName(name: string): Param {
  try {
    const parsed = JSON.parse(name);
    return typeof parsed === 'object' && parsed ? { text: parsed } : name;
  } catch {
    return name;
  }
}

async function onPlanProposed(ctx: Ctx, plan: { personId: string; planId: string }) {
  const teacher = await repo.accountsOfPerson(ctx.db, ctx.tenantId, plan.personId);
  await notify(ctx, 'plan_proposed', teacher, {}, '/my-plan');
}

async function onPlanMoved(ctx: Ctx, plan: { personId: string; status?: string }) {
  if (plan.status !== 'agreed' && plan.status !== 'draft') return;
  const teacher = await repo.accountsOfPerson(ctx.db, ctx.tenantId, plan.personId);
  await notify(ctx, 'plan_agreed', teacher, { status: statusParam(plan.status) }, '/my-plan');
}

async function onEnrolment(
  ctx: Ctx,
  change: { offeringId: string; placed: { personId: string; status: 'enrolled' | 'waitlisted' | 'promoted' }[] },
) {
  const offering = await repo.offeringTitle(ctx.db, ctx.tenantId, change.offeringId);
  if (!offering) return;
  const title = offering.module_title ?? offering.programme_title;
  const params = { offering: title ? parsedName(title) : '', start: dayParam(offering.start_date) };
  const kinds = {
    enrolled: 'enrolment_confirmed',
    waitlisted: 'enrolment_waitlisted',
    promoted: 'enrolment_promoted',
  } as const;
  for (const placed of change.placed) {
    const person = await repo.accountsOfPerson(ctx.db, ctx.tenantId, placed.personId);
    await notify(ctx, kinds[placed.status], person, params, `/offerings/${change.offeringId}`);
  }
}

/** Attaches the listeners; called once at the composition root (and by tests). */
export function registerNotifications() {
  reviewChanged.on(onReviewChanged);
  credentialChanged.on(onCredentialChanged);
  awardsQueued.on(onAwardsQueued);
  planProposed.on(onPlanProposed);
  planStatusChanged.on(onPlanMoved);
  enrolmentChanged.on(onEnrolment);
}

export function unregisterNotifications() {
  reviewChanged.off(onReviewChanged);
  credentialChanged.off(onCredentialChanged);
  awardsQueued.off(onAwardsQueued);
  planProposed.off(onPlanProposed);
  planStatusChanged.off(onPlanMoved);
  enrolmentChanged.off(onEnrolment);
}

// ---------------------------------------------------------------- the inbox

function requireAccount(ctx: Ctx): string {
  if (!ctx.actor.accountId) throw new AppError('not_authenticated', 'Sign in first.');
  return ctx.actor.accountId;
}

const toNotification = (row: Awaited<ReturnType<typeof repo.inbox>>[number]): Notification => ({
  id: row.id,
  kind: row.kind as Notification['kind'],
  title: row.title,
  body: row.body,
  link: row.link,
  createdAt: row.created_at,
  readAt: row.read_at,
});

export async function listInbox(ctx: Ctx, query: InboxQuery) {
  const accountId = requireAccount(ctx);
  const rows = await repo.inbox(ctx.db, ctx.tenantId, accountId, { ...query, limit: query.limit + 1 });
  return {
    items: rows.slice(0, query.limit).map(toNotification),
    unread: await repo.unreadCount(ctx.db, ctx.tenantId, accountId),
    nextOffset: rows.length > query.limit ? query.offset + query.limit : null,
  };
}

export async function unreadCount(ctx: Ctx) {
  return { unread: await repo.unreadCount(ctx.db, ctx.tenantId, requireAccount(ctx)) };
}

export async function markRead(ctx: Ctx, id: string): Promise<Notification> {
  const accountId = requireAccount(ctx);
  if (!(await repo.getOwn(ctx.db, ctx.tenantId, accountId, id))) throw notFound('notification', id);
  await repo.markRead(ctx.db, ctx.tenantId, accountId, id, nowIso());
  return toNotification((await repo.getOwn(ctx.db, ctx.tenantId, accountId, id))!);
}

export async function markAllRead(ctx: Ctx) {
  const accountId = requireAccount(ctx);
  await repo.markRead(ctx.db, ctx.tenantId, accountId, null, nowIso());
  return { unread: 0 };
}

export async function getPreferences(ctx: Ctx): Promise<{ items: Preference[] }> {
  const accountId = requireAccount(ctx);
  const saved = await repo.preferencesOf(ctx.db, ctx.tenantId, [accountId]);
  return {
    items: KINDS.map((kind) => {
      const row = saved.find((p) => p.kind === kind);
      return row
        ? { kind, inbox: row.inbox === 1, email: row.email as Preference['email'] }
        : { kind, ...DEFAULT_PREFERENCE };
    }),
  };
}

export async function setPreferences(ctx: Ctx, items: Preference[]) {
  const accountId = requireAccount(ctx);
  const current = new Map((await getPreferences(ctx)).items.map((p) => [p.kind, p]));
  for (const item of items) current.set(item.kind, item);
  await inTransaction(ctx, (tx) =>
    repo.replacePreferences(
      tx.db,
      tx.tenantId,
      accountId,
      [...current.values()].map((p) => ({ kind: p.kind, inbox: p.inbox ? 1 : 0, email: p.email })),
      nowIso(),
    ),
  );
  return getPreferences(ctx);
}

// ---------------------------------------------------------------- the daily digest

/**
 * One mail per account with everything waiting for the digest, in the account's language; each
 * account's mail and the marking of its notifications are one transaction, then the outbox is sent.
 */
export async function sendDigests(db: Kysely<DB>, at: Date = new Date()) {
  const pending = await repo.pendingDigest(db);
  const byAccount = new Map<string, typeof pending>();
  for (const row of pending)
    byAccount.set(`${row.tenant_id}/${row.account_id}`, [
      ...(byAccount.get(`${row.tenant_id}/${row.account_id}`) ?? []),
      row,
    ]);
  let mails = 0;
  for (const rows of byAccount.values()) {
    const first = rows[0]!;
    await db.transaction().execute(async (trx) => {
      if (first.email) {
        const texts = await wordingOf(trx, first.tenant_id, 'notifications');
        const locale = asLocale(first.locale, first.default_locale);
        const say = (key: string, values?: Record<string, number>) =>
          worded(texts, `digest.${key}`, locale, first.default_locale, values);
        const lines = rows.map((r) => `- ${r.title}\n  ${say('open')}: ${mailLink(r.link)}`);
        await sendMail(
          trx,
          {
            tenantId: first.tenant_id,
            to: first.email,
            subject: say('subject', { count: rows.length }),
            text: `${say('intro')}\n\n${lines.join('\n')}\n`,
          },
          at,
        );
        mails++;
      }
      await repo.markDigested(
        trx,
        first.tenant_id,
        rows.map((r) => r.id),
      );
    });
  }
  const delivered = await deliverOutbox(db, at);
  return { digests: mails, ...delivered };
}
