import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { signIn, type TestApp, testApp } from '../../../../test/http.ts';
import type { Ctx } from '../../shared/context.ts';
import { configureMail, deliverOutbox } from '../../shared/mail.ts';
import { PER_ADDRESS_PER_HOUR, PER_USERNAME_PER_HOUR, resetClock } from '../accounts/accounts.reset.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import * as credentials from '../recognition/credentials.service.ts';
import { configureCredentials } from '../recognition/issuer.keys.ts';
import * as rules from '../recognition/rules.service.ts';
import * as training from '../training/enrolment.service.ts';
import * as plans from '../training/plans.service.ts';
import {
  amountParam,
  dayParam,
  numberParam,
  registerNotifications,
  sendDigests,
  unregisterNotifications,
} from './notifications.service.ts';
import { startTestSmtp } from './test-smtp.ts';

configureCredentials({ publicUrl: 'https://pathway.example', keySecret: 'test-key-secret-for-notifications' });

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  configureMail({ smtpUrl: smtp.url, publicUrl: 'https://pathway.example' });
  registerNotifications();
});
afterAll(async () => {
  resetClock.now = () => new Date();
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
  const inboxOf = async (username: string) => {
    const session = await signIn(app, username, make.TEST_PASSWORD);
    const res = await app.inject({
      method: 'GET',
      url: '/api/me/notifications?order=newest&limit=100',
      headers: session.headers,
    });
    expect(res.statusCode).toBe(200);
    return res.json().items as { kind: string; title: string; body: string; link: string }[];
  };
  /** The one notification of `kind` in the inbox and the one mail with its title, after the outbox is sent. */
  const delivered = async (user: { username: string; person: { email: string | null } }, kind: string) => {
    await deliverOutbox(getDb().db);
    const items = (await inboxOf(user.username)).filter((item) => item.kind === kind);
    expect(items, kind).toHaveLength(1);
    const mails = mailsTo(user.person.email!).filter((m) => m.subject === items[0]!.title);
    expect(mails, kind).toHaveLength(1);
    return { item: items[0]!, mail: mails[0]! };
  };
  const english = (text: unknown) => (text as Record<string, string>).en!;

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

  it('tells the teacher when the assessor asks for more evidence, and when the review is decided', async () => {
    const asked = await requestReview(6);
    await reviews.askForEvidence(assessor.ctx, asked.id, 'Add the lesson plan, please.');
    const evidence = await delivered(teacher, 'evidence_requested');
    expect(evidence.item.title).toBe(`More evidence requested: ${english(competency(6).title)}`);
    expect(evidence.item.link).toBe('/my-portfolio');
    expect(evidence.mail.text).toContain('https://pathway.example/my-portfolio');

    const decided = await requestReview(7);
    await reviews.decideReview(assessor.ctx, decided.id, { levelCode: standard.levels[1]!.code });
    const decision = await delivered(teacher, 'review_decided');
    expect(decision.item.title).toBe(`Review decided: ${english(competency(7).title)}`);
    expect(decision.item.body).toContain(english(standard.levels[1]!.title));
  });

  it('tells the holder when a credential is issued and when it is revoked', async () => {
    const ministry = await signedInUser(world.ctx, 'ministry_officer', world.nation, `ministry${suffix()}@gov.example`);
    const { id } = await credentials.issueCredential(assessor.ctx, {
      personId: teacher.person.id,
      achievement: {
        key: 'notified-credential',
        name: { en: 'Digital pedagogy, level 2', ru: 'Цифровая педагогика, уровень 2' },
        description: { en: 'Confirmed at level 2.' },
        criteria: { en: 'An assessor confirmed level 2.' },
        achievementType: 'Competency',
        alignments: [{ frameworkId: standard.id, itemId: competency(8).id }],
        results: [],
      },
      evidence: [],
      source: { type: 'recognition_rule', id: 'notified-credential' },
    });
    const issued = await delivered(teacher, 'credential_issued');
    expect(issued.item.title).toBe('Credential issued: Digital pedagogy, level 2');
    expect(issued.item.link).toBe('/my-credentials');

    await credentials.changeStatus(ministry.ctx, id, 'revoke', 'Issued to the wrong person.');
    const revoked = await delivered(teacher, 'credential_revoked');
    expect(revoked.item.body).toBe('The status of your credential Digital pedagogy, level 2 is now: revoked.');
  });

  it('tells an approver over the teacher, in their language, that awards wait for approval', async () => {
    const ministry = await signedInUser(world.ctx, 'ministry_officer', world.nation, `rules${suffix()}@gov.example`);
    const approver = await signedInUser(
      world.ctx,
      'assessor',
      world.regionA,
      `approver${suffix()}@region.example`,
      'ru',
    );
    const rule = await rules.createRule(ministry.ctx, {
      name: { en: 'ICT-ready teacher', ru: 'Учитель, готовый к ИКТ' },
      description: { en: 'Confirmed in the foundations of ICT use.' },
      criteria: { en: 'An assessor confirmed the competency at Knowledge Deepening or above.' },
      achievementType: 'Competency',
      frameworkId: standard.id,
      condition: { type: 'competency', itemId: competency(9).id, levelCode: 'KD' },
      mode: 'approval',
    });
    await rules.setStatus(ministry.ctx, rule.id, 'active');
    await reviews.rate(assessor.ctx, teacher.person.id, {
      frameworkId: standard.id,
      itemId: competency(9).id,
      levelCode: 'KD',
      evidenceIds: [],
    });
    const waiting = await delivered(approver, 'approval_waiting');
    expect(waiting.item.title).toBe('Награды ждут утверждения');
    expect(waiting.item.body).toBe('Ожидают вашего утверждения (1): Учитель, готовый к ИКТ.');
    expect(waiting.item.link).toBe('/recognition/approvals');
    // The assessor who rated is not told of the queue their own rating filled.
    expect((await inboxOf(assessor.username)).filter((i) => i.kind === 'approval_waiting')).toEqual([]);
  });

  it('tells the teacher when their school leader proposes a plan and when it is agreed', async () => {
    const leader = await signedInUser(
      world.ctx,
      'school_leader',
      world.schoolA1,
      `leader-plan${suffix()}@school.example`,
    );
    await reviews.rate(assessor.ctx, teacher.person.id, {
      frameworkId: standard.id,
      itemId: competency(10).id,
      levelCode: 'KA',
      evidenceIds: [],
    });
    const plan = await plans.generatePlan(leader.ctx, teacher.person.id, standard.id);
    const proposed = await delivered(teacher, 'plan_proposed');
    expect(proposed.item).toMatchObject({ title: 'A development plan was proposed', link: '/my-plan' });

    await plans.setPlanStatus(leader.ctx, plan.id, 'agreed');
    const agreed = await delivered(teacher, 'plan_agreed');
    expect(agreed.item.title).toBe('Development plan: agreed');
  });

  it('mails at most three reset links an hour per username and refuses an address after ten requests', async () => {
    const reader = await signedInUser(world.ctx, 'teacher', world.schoolA1, `reset${suffix()}@school.example`, 'uz');
    const ask = (username: string, remoteAddress: string) =>
      app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { username }, remoteAddress });
    expect(PER_USERNAME_PER_HOUR).toBe(3);
    expect(PER_ADDRESS_PER_HOUR).toBe(10);
    // Five requests for one account from five addresses: each answered alike, three links mailed.
    for (let i = 1; i <= 5; i++) expect((await ask(reader.username, `10.0.1.${i}`)).statusCode).toBe(202);
    await deliverOutbox(getDb().db);
    expect(mailsTo(reader.person.email!)).toHaveLength(3);
    expect(mailsTo(reader.person.email!).every((m) => m.text.includes('reset-password#'))).toBe(true);

    // One address asking for many usernames: ten are answered, the eleventh is refused.
    for (let i = 1; i <= 10; i++) expect((await ask(`nobody-${i}`, '10.0.2.1')).statusCode).toBe(202);
    const refused = await ask(reader.username, '10.0.2.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests');
    expect((await ask(reader.username, '10.0.2.2')).statusCode).toBe(202);
    await deliverOutbox(getDb().db);
    expect(mailsTo(reader.person.email!)).toHaveLength(3);

    // An hour later both limits have passed.
    const later = new Date(Date.now() + 3601_000);
    resetClock.now = () => later;
    try {
      expect((await ask(reader.username, '10.0.2.1')).statusCode).toBe(202);
      await deliverOutbox(getDb().db, later);
      expect(mailsTo(reader.person.email!)).toHaveLength(4);
    } finally {
      resetClock.now = () => new Date();
    }
  });
});

describe('notification templates', () => {
  it('has every kind, title and body, in every catalogue language', async () => {
    const { KINDS } = await import('./notifications.templates.ts');
    const { everyLanguage, LOCALES } = await import('../../shared/catalogues.ts');
    for (const kind of KINDS)
      for (const part of ['title', 'body'])
        expect(Object.keys(everyLanguage(`messages.notifications.${kind}.${part}`)).sort()).toEqual(
          [...LOCALES].sort(),
        );
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
