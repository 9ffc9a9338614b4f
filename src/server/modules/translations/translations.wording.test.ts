import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { word } from '../../shared/catalogues.ts';
import * as accounts from '../accounts/accounts.service.ts';
import * as reviews from '../assessment/reviews.service.ts';
import { registerNotifications, unregisterNotifications } from '../notifications/notifications.service.ts';
import * as credentials from '../recognition/credentials.service.ts';
import { configureCredentials } from '../recognition/issuer.keys.ts';

configureCredentials({ publicUrl: 'https://pathway.test', keySecret: 'wording-test-key-secret-0123' });

interface Unit {
  key: string;
  source: string;
  target: string | null;
  status: string;
  previousSource: string | null;
}

describeOnEachDatabase('Pathway’s own texts as a tenant words them', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let standard: Awaited<ReturnType<typeof make.publishedStandard>>;
  let ministry: Session;
  let translator: Session;
  let teacher: Awaited<ReturnType<typeof make.user>>;
  let assessor: Awaited<ReturnType<typeof make.user>>;
  let officer: Awaited<ReturnType<typeof make.user>>;

  beforeAll(async () => {
    registerNotifications();
    world = await make.country(getDb());
    standard = await make.publishedStandard(world.ctx);
    app = await testApp(getDb());
    officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const t = await make.user(world.ctx, 'translator', world.nation);
    translator = await signIn(app, t.username, t.password);
    const given = await call(ministry, 'PUT', `/api/translations/translators/${t.account.id}`, { locales: ['ne'] });
    expect(given.statusCode).toBe(200);
    teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    assessor = await make.user(world.ctx, 'assessor', world.districtA1);
    await accounts.setMyLocale(assessor.ctx, 'ne');
  });
  afterAll(async () => {
    unregisterNotifications();
    await app?.close();
  });

  const call = (session: Session, method: 'GET' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const units = async (session: Session, id: string, locale: string) =>
    (await call(session, 'GET', `/api/translations/wording/${id}/${locale}`)).json().units as Unit[];
  const unit = async (id: string, locale: string, key: string) =>
    (await units(ministry, id, locale)).find((u) => u.key === key)!;
  const requestReview = (i: number) =>
    reviews.requestReview(teacher.ctx, {
      frameworkId: standard.id,
      itemId: standard.items.filter((item) => item.type === 'competency')[i]!.id,
      claimedLevelCode: standard.levels[0]!.code,
      evidenceIds: [],
    });
  const assessorInbox = async () => {
    const session = await signIn(app, assessor.username, assessor.password);
    const res = await call(session, 'GET', '/api/me/notifications?order=newest&limit=100');
    return res.json().items as { kind: string; title: string; body: string }[];
  };

  it('lists notification messages and certificate texts, complete in every language of the tenant', async () => {
    const overview = (await call(ministry, 'GET', '/api/translations')).json();
    const wording = overview.objects.filter((o: { type: string }) => o.type === 'wording');
    expect(wording.map((o: { id: string }) => o.id).sort()).toEqual(['certificate', 'notifications']);
    for (const object of wording)
      expect(object.languages).toContainEqual({
        locale: 'ne',
        counts: expect.objectContaining({ coverage: 100, missing: 0, stale: 0 }),
      });
    const title = await unit('notifications', 'ne', 'review_requested.title');
    expect(title).toMatchObject({
      source: word('en', 'messages.notifications.review_requested.title'),
      target: word('ne', 'messages.notifications.review_requested.title'),
      status: 'approved',
    });
  });

  it('refuses a translation that drops a placeholder, and writes nothing', async () => {
    const res = await call(translator, 'PUT', '/api/translations/wording/notifications/ne', {
      units: [
        { key: 'review_requested.body', text: 'कृपया पुष्टि गर्नुहोस्।', status: 'review' },
        { key: 'review_requested.title', text: 'समीक्षा: {item}', status: 'review' },
      ],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'placeholders_changed', details: { key: 'review_requested.body' } });
    expect((await unit('notifications', 'ne', 'review_requested.title')).status).toBe('approved');
  });

  it('sends a Nepali reader the Nepali wording the ministry approved', async () => {
    const sent = await call(translator, 'PUT', '/api/translations/wording/notifications/ne', {
      units: [{ key: 'review_requested.title', text: 'कृपया समीक्षा गर्नुहोस्: {item}', status: 'review' }],
    });
    expect(sent.statusCode).toBe(200);
    expect((await unit('notifications', 'ne', 'review_requested.title')).status).toBe('review');
    const approved = await call(ministry, 'PUT', '/api/translations/wording/notifications/ne', {
      units: [{ key: 'review_requested.title', text: 'कृपया समीक्षा गर्नुहोस्: {item}', status: 'approved' }],
    });
    expect(approved.statusCode).toBe(200);
    await requestReview(0);
    const [item] = (await assessorInbox()).filter((n) => n.kind === 'review_requested');
    expect(item!.title.startsWith('कृपया समीक्षा गर्नुहोस्: ')).toBe(true);
  });

  it('keeps both of two translations saved at the same moment', async () => {
    const texts = {
      'credential_issued.title': 'प्रमाणपत्र तयार: {name}',
      'credential_issued.body': 'तपाईंलाई {name} दिइएको छ।',
      'credential_revoked.title': 'प्रमाणपत्रको अवस्था: {name}',
    };
    const saves = await Promise.all(
      Object.entries(texts).map(([key, text]) =>
        call(ministry, 'PUT', '/api/translations/wording/notifications/ne', {
          units: [{ key, text, status: 'approved' }],
        }),
      ),
    );
    expect(saves.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const saved = await units(ministry, 'notifications', 'ne');
    for (const [key, text] of Object.entries(texts))
      expect(saved.find((u) => u.key === key)).toMatchObject({ target: text, status: 'approved' });
  });

  it('marks the translations of a reworded source stale, and the translator finds them waiting', async () => {
    const key = 'review_requested.body';
    const before = word('en', `messages.notifications.${key}`);
    const dropped = await call(ministry, 'PUT', '/api/translations/wording/notifications', {
      units: [{ key, text: '{person} would like you to confirm {item}.' }],
    });
    expect(dropped.statusCode).toBe(422);
    expect(dropped.json().error).toMatchObject({ code: 'placeholders_changed', details: { key } });
    const reworded = await call(ministry, 'PUT', '/api/translations/wording/notifications', {
      units: [{ key, text: '{person} would like you to confirm {item} at level {level}, please.' }],
    });
    expect(reworded.statusCode).toBe(200);
    expect(reworded.json().units.find((u: { key: string }) => u.key === key)).toMatchObject({
      text: '{person} would like you to confirm {item} at level {level}, please.',
      catalogue: before,
    });
    expect(await unit('notifications', 'ne', key)).toMatchObject({ status: 'stale', previousSource: before });
    const queue = (await call(translator, 'GET', '/api/translations/queue?status=stale')).json();
    expect(queue.entries).toContainEqual(expect.objectContaining({ type: 'wording', id: 'notifications', key }));
    // An English reader gets the new wording; the Nepali reader keeps the old translation until it is redone.
    await requestReview(1);
    const latest = (await assessorInbox()).filter((n) => n.kind === 'review_requested');
    expect(latest).toHaveLength(2);
    expect(latest[0]!.body).toContain('पुष्टि');

    const restored = await call(ministry, 'PUT', '/api/translations/wording/notifications', {
      units: [{ key, text: null }],
    });
    expect(restored.statusCode).toBe(200);
    expect((await unit('notifications', 'ne', key)).status).toBe('approved');
  });

  it('prints the tenant’s wording on certificates', async () => {
    const reworded = await call(ministry, 'PUT', '/api/translations/wording/certificate', {
      units: [{ key: 'title', text: 'Certificate of ICT Competence' }],
    });
    expect(reworded.statusCode).toBe(200);
    const competency = standard.items.find((i) => i.type === 'competency')!;
    const { id } = await credentials.issueCredential(officer.ctx, {
      personId: teacher.person.id,
      achievement: {
        key: 'rule-wording',
        name: { en: 'Classroom technology' },
        description: { en: 'Uses technology in class.' },
        criteria: { en: 'Confirmed at level 1.' },
        achievementType: 'Badge',
        alignments: [{ frameworkId: standard.id, itemId: competency.id }],
      },
      source: { type: 'recognition_rule', id: 'rule-wording' },
    });
    const pdf = await call(ministry, 'GET', `/api/credentials/${id}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1')).toContain('(Certificate of ICT Competence: Classroom technology)');
  });
});
