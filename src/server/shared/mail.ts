import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DB } from '../db/schema.ts';
import { newId } from './ids.ts';

/**
 * Every mail Pathway sends goes through `sendMail`, which only writes an `outbox` row in the
 * caller's transaction: a change that rolls back sends nothing. `deliverOutbox` sends what is due
 * after the commit, through SMTP when `PATHWAY_SMTP_URL` is set, else to the log; a failed
 * delivery stays in the outbox with a later attempt time, so it is neither lost nor sent twice.
 */
export interface Mail {
  tenantId: string | null;
  to: string;
  subject: string;
  text: string;
}

export interface MailSettings {
  /** smtp://user:pass@host:port or smtps://...; null: mail is written to the log only. */
  smtpUrl: string | null;
  from: string;
  /** The origin links in mails point at (PATHWAY_PUBLIC_URL). */
  publicUrl: string;
  log: (line: string, fields: Record<string, unknown>) => void;
}

let settings: MailSettings = {
  smtpUrl: process.env.PATHWAY_SMTP_URL || null,
  from: process.env.PATHWAY_MAIL_FROM || 'Pathway <no-reply@pathway.invalid>',
  publicUrl: (process.env.PATHWAY_PUBLIC_URL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, ''),
  log: (line, fields) => console.info(JSON.stringify({ msg: line, ...fields })),
};
let transport: Transporter | null = null;

export function configureMail(change: Partial<MailSettings>): void {
  settings = { ...settings, ...change };
  transport?.close();
  transport = null;
}

/** A path of the web app as an absolute URL for a mail. */
export function mailLink(path: string): string {
  return `${settings.publicUrl}${path}`;
}

export async function sendMail(db: Kysely<DB>, mail: Mail, at: Date = new Date()): Promise<void> {
  const now = at.toISOString();
  await db
    .insertInto('outbox')
    .values({
      id: newId(),
      tenant_id: mail.tenantId,
      to_address: mail.to,
      subject: mail.subject,
      body: mail.text,
      created_at: now,
      attempts: 0,
      next_attempt_at: now,
      sent_at: null,
      last_error: null,
    })
    .execute();
  wakeSender();
}

/** How long a claimed row is left to its sender before another may try it; then 1, 2, 4 ... 60 minutes. */
const LEASE_MS = 5 * 60_000;
const retryDelayMs = (attempts: number) => Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;

/** Sends every due mail once; answers how many were sent and how many failed (and wait for a retry). */
export async function deliverOutbox(db: Kysely<DB>, at: Date = new Date()) {
  const now = at.toISOString();
  const due = await db
    .selectFrom('outbox')
    .select(['id', 'to_address', 'subject', 'body', 'attempts', 'next_attempt_at'])
    .where('sent_at', 'is', null)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(200)
    .execute();
  let sent = 0;
  let failed = 0;
  for (const row of due) {
    // Claimed by moving its attempt time: a second sender (another process) finds it changed.
    const lease = new Date(at.getTime() + LEASE_MS).toISOString();
    const claimed = await db
      .updateTable('outbox')
      .set({ next_attempt_at: lease, attempts: row.attempts + 1 })
      .where('id', '=', row.id)
      .where('sent_at', 'is', null)
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    try {
      await deliver({ to: row.to_address, subject: row.subject, text: row.body });
      await db
        .updateTable('outbox')
        .set({ sent_at: new Date().toISOString(), last_error: null })
        .where('id', '=', row.id)
        .execute();
      sent++;
    } catch (error) {
      failed++;
      const retryAt = new Date(at.getTime() + retryDelayMs(row.attempts + 1)).toISOString();
      await db
        .updateTable('outbox')
        .set({ next_attempt_at: retryAt, last_error: String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', row.id)
        .execute();
    }
  }
  return { sent, failed };
}

async function deliver(mail: { to: string; subject: string; text: string }): Promise<void> {
  if (!settings.smtpUrl) {
    settings.log('mail (no PATHWAY_SMTP_URL: logged, not sent)', mail);
    return;
  }
  transport ??= nodemailer.createTransport(settings.smtpUrl);
  await transport.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, text: mail.text });
}

/**
 * The sender of a server process: drains the outbox on a timer and soon after each new mail (the
 * short delay lets the writing transaction commit first; a mail not yet visible waits for the timer).
 */
let sender: { db: Kysely<DB>; timer: NodeJS.Timeout; soon: NodeJS.Timeout | null; running: boolean } | null = null;

export function startMailSender(db: Kysely<DB>, everyMs = 30_000): () => void {
  stopMailSender();
  const me = {
    db,
    timer: setInterval(() => void drain(), everyMs),
    soon: null as NodeJS.Timeout | null,
    running: false,
  };
  me.timer.unref();
  sender = me;
  return stopMailSender;
}

export function stopMailSender(): void {
  if (!sender) return;
  clearInterval(sender.timer);
  if (sender.soon) clearTimeout(sender.soon);
  sender = null;
}

function wakeSender() {
  const current = sender;
  if (!current || current.soon) return;
  current.soon = setTimeout(() => {
    current.soon = null;
    void drain();
  }, 250);
  current.soon.unref();
}

async function drain() {
  const current = sender;
  if (!current || current.running) return;
  current.running = true;
  try {
    await deliverOutbox(current.db);
  } catch (error) {
    settings.log('mail sender failed', { error: String(error) });
  } finally {
    current.running = false;
  }
}
