import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';

interface Unit {
  key: string;
  source: string;
  target: string | null;
  status: string;
  previousSource: string | null;
}
interface Coverage {
  type: string;
  id: string;
  languages: { locale: string; counts: { total: number; missing: number; stale: number; coverage: number } }[];
}

describeOnEachDatabase('translating library resources', (getDb) => {
  let app: TestApp;
  let ministry: Session;
  let translator: Session;
  let author: Session;

  beforeAll(async () => {
    const world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const t = await make.user(world.ctx, 'translator', world.nation);
    translator = await signIn(app, t.username, t.password);
    const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
    author = await signIn(app, teacher.username, teacher.password);
    const given = await call(ministry, 'PUT', `/api/translations/translators/${t.account.id}`, { locales: ['ne'] });
    expect(given.statusCode, given.body).toBe(200);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const body = (title: Record<string, string>, description?: Record<string, string>) => ({
    kind: 'link',
    url: 'https://example.org/tablets',
    title,
    ...(description ? { description } : {}),
    subject: 'Science',
    grade: '7',
    licence: 'CC-BY-4.0',
  });
  const overview = async () => (await call(ministry, 'GET', '/api/translations')).json().objects as Coverage[];
  const texts = async (session: Session, id: string, locale: string) =>
    (await call(session, 'GET', `/api/translations/resource/${id}/${locale}`)).json() as {
      sourceLocale: string;
      units: Unit[];
    };

  it('lists a shared resource’s title and description per language, never a private draft', async () => {
    const created = await call(
      author,
      'POST',
      '/api/resources',
      body({ en: 'Learning with tablets', ru: 'Обучение с планшетами' }, { en: 'Station rotation in a science lab' }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    expect((await overview()).some((o) => o.id === id)).toBe(false);
    expect((await call(ministry, 'GET', `/api/translations/resource/${id}/ru`)).statusCode).toBe(404);

    await call(author, 'PUT', `/api/resources/${id}/sharing`, { sharing: 'school' });
    const listed = (await overview()).find((o) => o.id === id)!;
    expect(listed.type).toBe('resource');
    const ne = listed.languages.find((l) => l.locale === 'ne')!.counts;
    expect(ne).toMatchObject({ total: 2, missing: 2, coverage: 0 });

    const saved = await call(ministry, 'PUT', `/api/translations/resource/${id}/ne`, {
      units: [
        { key: 'title', text: 'ट्याब्लेटसँग सिकाइ', status: 'approved' },
        { key: 'description', text: 'विज्ञान प्रयोगशालामा पालैपालो समूह काम', status: 'approved' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const detail = (await call(author, 'GET', `/api/resources/${id}`)).json();
    expect(detail.titles).toEqual({ en: 'Learning with tablets', ru: 'Обучение с планшетами', ne: 'ट्याब्लेटसँग सिकाइ' });
    const after = (await overview()).find((o) => o.id === id)!;
    expect(after.languages.find((l) => l.locale === 'ne')!.counts.coverage).toBe(100);
  });

  it('finds a resource by its Nepali title as soon as the translation is saved', async () => {
    const created = await call(author, 'POST', '/api/resources', body({ en: 'Fractions with paper strips' }));
    const id = created.json().id as string;
    await call(author, 'PUT', `/api/resources/${id}/sharing`, { sharing: 'school' });
    const found = async (q: string) =>
      ((await call(author, 'GET', `/api/resources?q=${encodeURIComponent(q)}`)).json().items as { id: string }[]).map(
        (r) => r.id,
      );
    expect(await found('भिन्न')).not.toContain(id);

    const saved = await call(translator, 'PUT', `/api/translations/resource/${id}/ne`, {
      units: [{ key: 'title', text: 'कागजका पट्टीसँग भिन्न', status: 'review' }],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(await found('भिन्न')).toContain(id);
    expect(await found('कागजका पट्टीसँग')).toContain(id);
    expect(await found('fractions')).toContain(id);
  });

  it('marks the other languages stale when the author edits the English title, and the translator’s queue shows it', async () => {
    const created = await call(author, 'POST', '/api/resources', body({ en: 'Coding club' }, { en: 'Weekly club' }));
    const id = created.json().id as string;
    await call(author, 'PUT', `/api/resources/${id}/sharing`, { sharing: 'district' });
    const saved = await call(ministry, 'PUT', `/api/translations/resource/${id}/ne`, {
      units: [
        { key: 'title', text: 'कोडिङ क्लब', status: 'approved' },
        { key: 'description', text: 'साप्ताहिक क्लब', status: 'approved' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const current = (await call(author, 'GET', `/api/resources/${id}`)).json();

    const edited = await call(author, 'PUT', `/api/resources/${id}`, {
      ...body({ ...current.titles, en: 'After-school coding club' }, { en: 'Weekly club' }),
      description: { en: 'Weekly club', ne: 'साप्ताहिक क्लब' },
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const ne = await texts(translator, id, 'ne');
    expect(ne.units.find((u) => u.key === 'title')).toMatchObject({
      status: 'stale',
      source: 'After-school coding club',
      previousSource: 'Coding club',
    });
    expect(ne.units.find((u) => u.key === 'description')!.status).toBe('approved');
    const listed = (await overview()).find((o) => o.id === id)!;
    expect(listed.languages.find((l) => l.locale === 'ne')!.counts).toMatchObject({ stale: 1, coverage: 50 });
    const queue = (await call(translator, 'GET', '/api/translations/queue?status=stale')).json();
    expect(queue.entries).toEqual([expect.objectContaining({ type: 'resource', id, key: 'title', locale: 'ne' })]);
  });

  it('exchanges a resource by XLIFF, and translates a Nepali-only resource from Nepali', async () => {
    const created = await call(author, 'POST', '/api/resources', body({ ne: 'गणित खेलहरू' }));
    const id = created.json().id as string;
    await call(author, 'PUT', `/api/resources/${id}/sharing`, { sharing: 'school' });
    const en = await texts(ministry, id, 'en');
    expect(en.sourceLocale).toBe('ne');
    expect(en.units).toEqual([expect.objectContaining({ key: 'title', source: 'गणित खेलहरू', status: 'missing' })]);

    const file = await call(ministry, 'GET', `/api/translations/export?locale=en&format=xliff&object=resource:${id}`);
    expect(file.statusCode, file.body).toBe(200);
    expect(file.body).toContain('srcLang="ne"');
    const translated = file.body.replace(
      /(<source>गणित खेलहरू<\/source>)(\s*)(<\/segment>)/,
      '$1$2<target>Maths games</target>$2$3',
    );
    expect(translated).not.toBe(file.body);
    const imported = await app.inject({
      method: 'POST',
      url: '/api/translations/import',
      headers: { ...ministry.headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(translated, 'utf8'),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ locale: 'en', objects: 1, units: 1 });
    expect((await call(author, 'GET', `/api/resources/${id}`)).json().titles).toEqual({
      ne: 'गणित खेलहरू',
      en: 'Maths games',
    });
    const found = (await call(author, 'GET', '/api/resources?q=maths%20games')).json().items as { id: string }[];
    expect(found.map((r) => r.id)).toContain(id);
  });
});
