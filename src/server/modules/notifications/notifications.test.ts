import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { signIn, type TestApp, testApp } from '../../../../test/http.ts';
import type { Ctx } from '../../shared/context.ts';
import { configureMail, deliverOutbox } from '../../shared/mail.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as training from '../training/enrolment.service.ts';
import {
  amountParam,
  dayParam,
  numberParam,
  registerNotifications,
  sendDigests,
  unregisterNotifications,
} from './notifications.service.ts';
import { startTestSmtp } from './test-smtp.ts';

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  configureMail({ smtpUrl: smtp.url, publicUrl: 'https://pathway.example' });
  registerNotifications();
});
afterAll(async () => {
  unregisterNotifications();
  configureMail({ smtpUrl: null });
  await smtp.close();
});

async function signedInUser(
  ctx: Ctx,
  role: Parameters<typeof make.user>[1],
  at: Parameters<typeof make.user>[2],
  email: string,
  locale?: string,
) {
  const person = await make.person(ctx, at, { email, category: role === 'teacher' ? 'teacher' : 'officer' });
  const username = `${role.replaceAll('_', '-')}-${email.split('@')[0]}`;
  const account = await accounts.createAccount(ctx, {
    personId: person.id,
    username,
    password: make.TEST_PASSWORD,
    roles: [{ role, orgUnitId: at.id }],
  });
  const actor: Ctx = {
    ...ctx,
    actor: {
      accountId: account.id,
      personId: person.id,
      username,
      system: false,
      grants: [{ role, orgUnitId: at.id, orgUnitPath: at.path }],
    },
  };
  if (locale) await accounts.setMyLocale(actor, locale);
  return { person, account, username, ctx: locale ? { ...actor, locale } : actor };
}

describeOnEachDatabase('notifications', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let teacher: Awaited<ReturnType<typeof signedInUser>>;
  let assessor: Awaited<ReturnType<typeof signedInUser>>;
  let n = 0;
  const suffix = () => `${++n}-${Math.random().toString(36).slice(2, 8)}`;

  const competency = (i: number) => standard.items.filter((item) => item.type === 'competency')[i]!;
  const requestReview = (i: number) =>
    reviews.requestReview(teacher.ctx, {
      frameworkId: standard.id,
      itemId: competency(i).id,
      claimedLevelCode: standard.levels[0]!.code,
      evidenceIds: [],
    });
  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    const database = getDb();
    world = await make.country(database);
    standard = await make.publishedStandard(world.ctx);
    const id = suffix();
    teacher = await signedInUser(world.ctx, 'teacher', world.schoolA1, `teacher${id}@school.example`);
    assessor = await signedInUser(world.ctx, 'assessor', world.districtA1, `assessor${id}@district.example`, 'ne');
    app = await testApp(database);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('tells the assessor of a review request in the inbox and by mail, in the assessor’s language', async () => {
    await requestReview(0);
    const { sent } = await deliverOutbox(getDb().db);
    expect(sent).toBeGreaterThanOrEqual(1);
    const mails = mailsTo(assessor.person.email!);
    expect(mails).toHaveLength(1);
    const title = competency(0).title;
    const inNepali = (title as Record<string, string>).ne ?? (title as Record<string, string>).en!;
    expect(mails[0]!.subject).toContain('समीक्षा अनुरोध');
    expect(mails[0]!.subject).toContain(inNepali);
    expect(mails[0]!.text).toContain(`${teacher.person.givenName} ${teacher.person.familyName}`);
    expect(mails[0]!.text).toContain('https://pathway.example/reviews');
    // Nobody else in scope of another district hears of it, and the teacher is not told of their own request.
    expect(mailsTo(teacher.person.email!)).toHaveLength(0);

    const session = await signIn(app, assessor.username, make.TEST_PASSWORD);
    const inbox = await app.inject({ method: 'GET', url: '/api/me/notifications', headers: session.headers });
    expect(inbox.statusCode).toBe(200);
    const body = inbox.json();
    expect(body.unread).toBe(1);
    expect(body.items[0]).toMatchObject({ kind: 'review_requested', link: '/reviews', readAt: null });
    expect(body.items[0].title).toContain('समीक्षा अनुरोध');

    const read = await app.inject({
      method: 'POST',
      url: `/api/me/notifications/${body.items[0].id}/read`,
      headers: session.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    const count = await app.inject({
      method: 'GET',
      url: '/api/me/notifications/unread-count',
      headers: session.headers,
    });
    expect(count.json()).toEqual({ unread: 0 });
    // The teacher cannot read or mark the assessor's notification.
    const teacherSession = await signIn(app, teacher.username, make.TEST_PASSWORD);
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/me/notifications/${body.items[0].id}/read`,
      headers: teacherSession.headers,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('sends no mail for a kind whose mail is turned off, and keeps the inbox', async () => {
    const session = await signIn(app, assessor.username, make.TEST_PASSWORD);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: session.headers,
      payload: { items: [{ kind: 'review_requested', inbox: true, email: 'off' }] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().items).toContainEqual({ kind: 'review_requested', inbox: true, email: 'off' });
    const before = mailsTo(assessor.person.email!).length;
    await requestReview(1);
    await deliverOutbox(getDb().db);
    expect(mailsTo(assessor.person.email!)).toHaveLength(before);
    const count = await app.inject({
      method: 'GET',
      url: '/api/me/notifications/unread-count',
      headers: session.headers,
    });
    expect(count.json()).toEqual({ unread: 1 });
    const all = await app.inject({ method: 'POST', url: '/api/me/notifications/read-all', headers: session.headers });
    expect(all.json()).toEqual({ unread: 0 });
  });

  it('gathers a day of notifications into one digest mail', async () => {
    const session = await signIn(app, assessor.username, make.TEST_PASSWORD);
    await app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: session.headers,
      payload: { items: [{ kind: 'review_requested', inbox: true, email: 'daily' }] },
    });
    const before = mailsTo(assessor.person.email!).length;
    await requestReview(2);
    await requestReview(3);
    await requestReview(4);
    await deliverOutbox(getDb().db);
    expect(mailsTo(assessor.person.email!)).toHaveLength(before);
    const result = await sendDigests(getDb().db);
    expect(result.digests).toBe(1);
    const mails = mailsTo(assessor.person.email!);
    expect(mails).toHaveLength(before + 1);
    const digest = mails.at(-1)!;
    expect(digest.subject).toContain('Pathway');
    expect(digest.text.match(/समीक्षा अनुरोध/g)).toHaveLength(3);
    // Sent once: a second run finds nothing waiting.
    expect((await sendDigests(getDb().db)).digests).toBe(0);
  });

  it('keeps a mail in the outbox while SMTP fails and sends it once later', async () => {
    const session = await signIn(app, assessor.username, make.TEST_PASSWORD);
    await app.inject({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      headers: session.headers,
      payload: { items: [{ kind: 'review_requested', inbox: true, email: 'immediate' }] },
    });
    const before = mailsTo(assessor.person.email!).length;
    smtp.state.failing = true;
    await requestReview(5);
    const failed = await deliverOutbox(getDb().db);
    expect(failed).toMatchObject({ sent: 0, failed: 1 });
    smtp.state.failing = false;
    // Not due yet: the retry waits; an hour later it goes, once.
    expect((await deliverOutbox(getDb().db)).sent).toBe(0);
    const later = new Date(Date.now() + 3600_000);
    expect((await deliverOutbox(getDb().db, later)).sent).toBe(1);
    expect((await deliverOutbox(getDb().db, later)).sent).toBe(0);
    expect(mailsTo(assessor.person.email!)).toHaveLength(before + 1);
    const row = await getDb()
      .db.selectFrom('outbox')
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.attempts).toBe(2);
    expect(row.sent_at).not.toBeNull();
  });
  it('tells nominated teachers they are enrolled or waitlisted, and moved up when a seat frees', async () => {
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const trainer = await make.person(world.ctx, tei, { category: 'trainer' });
    const module = await make.trainingModule(world.ctx, standard);
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.id],
      capacity: 1,
    });
    const id = suffix();
    const other = await signedInUser(world.ctx, 'teacher', world.schoolA1, `other${id}@school.example`);
    const leader = await signedInUser(world.ctx, 'school_leader', world.schoolA1, `leader${id}@school.example`);
    const [first] = await training.nominate(leader.ctx, offering.id, [teacher.person.id]);
    await training.nominate(leader.ctx, offering.id, [other.person.id]);
    const kinds = async (accountId: string) =>
      (
        await getDb()
          .db.selectFrom('notification')
          .select(['kind', 'title'])
          .where('account_id', '=', accountId)
          .where('kind', 'like', 'enrolment_%')
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      ).map((r) => r.kind);
    expect(await kinds(teacher.account.id)).toEqual(['enrolment_confirmed']);
    expect(await kinds(other.account.id)).toEqual(['enrolment_waitlisted']);
    await training.withdraw(leader.ctx, first!.id);
    expect(await kinds(other.account.id)).toEqual(['enrolment_waitlisted', 'enrolment_promoted']);
  });

  it('writes each recipient a mail in their own language, with the start day as that language writes it', async () => {
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College (languages)');
    const trainer = await make.person(world.ctx, tei, { category: 'trainer' });
    const module = await make.trainingModule(world.ctx, standard);
    const offering = await make.offering(world.ctx, tei, {
      moduleId: module.id,
      trainerIds: [trainer.id],
      startDate: '2027-03-15',
      endDate: '2027-03-17',
    });
    const leader = await signedInUser(
      world.ctx,
      'school_leader',
      world.schoolA1,
      `leader-lang${suffix()}@school.example`,
    );
    const expected = {
      en: { subject: 'Enrolled:', body: 'starting Mar 15, 2027.' },
      ru: { subject: 'Вы записаны:', body: 'начало 15 мар. 2027 г.' },
      uz: { subject: 'Ro‘yxatga olindingiz:', body: 'boshlanishi 15-mart, 2027.' },
      ne: { subject: 'भर्ना भयो:', body: 'सुरु २०२७ मार्च १५।' },
      fil: { subject: 'Naka-enrol:', body: 'magsisimula sa Mar 15, 2027.' },
    } as const;
    const readers = [];
    for (const locale of Object.keys(expected) as (keyof typeof expected)[])
      readers.push({
        locale,
        reader: await signedInUser(world.ctx, 'teacher', world.schoolA1, `${locale}${suffix()}@school.example`, locale),
      });
    await training.nominate(
      leader.ctx,
      offering.id,
      readers.map((r) => r.reader.person.id),
    );
    await deliverOutbox(getDb().db);
    for (const { locale, reader } of readers) {
      const mails = mailsTo(reader.person.email!);
      expect(mails, locale).toHaveLength(1);
      expect(mails[0]!.subject, locale).toContain(expected[locale].subject);
      expect(mails[0]!.text, locale).toContain(expected[locale].body);
      expect(mails[0]!.text, locale).not.toContain('2027-03-15');
    }
  });
});

describe('notification templates', () => {
  it('has every kind in all five languages', async () => {
    const { TEMPLATES } = await import('./notifications.templates.ts');
    for (const byLocale of Object.values(TEMPLATES))
      expect(Object.keys(byLocale).sort()).toEqual(['en', 'fil', 'ne', 'ru', 'uz']);
  });

  it('writes days, counts and amounts as each language does', () => {
    expect(dayParam('2026-12-06')).toEqual({
      words: { en: 'Dec 6, 2026', ru: '6 дек. 2026 г.', uz: '6-dekabr, 2026', ne: '२०२६ डिसेम्बर ६', fil: 'Dis 6, 2026' },
    });
    expect(numberParam(12)).toEqual({ words: { en: '12', ru: '12', uz: '12', ne: '१२', fil: '12' } });
    expect(amountParam(5_000_000, 'UZS')).toEqual({
      words: {
        en: '5,000,000 UZS',
        ru: '5\u00a0000\u00a0000 UZS',
        uz: '5\u00a0000\u00a0000 UZS',
        ne: '५०,००,००० UZS',
        fil: '5,000,000 UZS',
      },
    });
  });
});
