import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { loadStandard } from '../assessment/assessment.standard.ts';
import { fromXliff, toXliff } from './translations.xliff.ts';

interface Unit {
  key: string;
  source: string;
  target: string | null;
  status: string;
  previousSource: string | null;
}

describeOnEachDatabase('translation workflow', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let translator: Session;
  let teacher: Session;
  let translatorAccount: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const t = await make.user(world.ctx, 'translator', world.nation);
    translatorAccount = t.account.id;
    translator = await signIn(app, t.username, t.password);
    const teach = await make.user(world.ctx, 'teacher', world.schoolA1);
    teacher = await signIn(app, teach.username, teach.password);
  });
  afterAll(() => app.close());

  const call = (session: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });
  const upload = (session: Session, body: string) =>
    app.inject({
      method: 'POST',
      url: '/api/translations/import',
      headers: { ...session.headers, 'content-type': 'application/octet-stream' },
      payload: Buffer.from(body, 'utf8'),
    });
  const texts = async (session: Session, type: string, id: string, locale: string) =>
    (await call(session, 'GET', `/api/translations/${type}/${id}/${locale}`)).json() as { units: Unit[] };
  const newDraft = async (version: string) =>
    (await call(ministry, 'POST', '/api/frameworks/from-template', { version })).json() as {
      id: string;
      items: { id: string; code: string; statement: Record<string, string>; caseIdentifier: string }[];
    };

  it('keeps translators to their languages and has their work reviewed', async () => {
    const draft = await newDraft('t1');
    const forbidden = await call(translator, 'GET', `/api/translations/framework/${draft.id}/ne`);
    expect(forbidden.statusCode).toBe(403);
    expect((await call(teacher, 'GET', '/api/translations')).statusCode).toBe(403);
    const given = await call(ministry, 'PUT', `/api/translations/translators/${translatorAccount}`, {
      locales: ['ne'],
    });
    expect(given.json()).toEqual({ accountId: translatorAccount, locales: ['ne'] });
    // The translators are listed by name, with their languages; the ministry is no translator.
    const listed = (await call(ministry, 'GET', '/api/translations/translators')).json();
    expect(listed).toEqual([expect.objectContaining({ accountId: translatorAccount, locales: ['ne'] })]);
    expect(listed[0].name).not.toBe('');
    expect((await call(translator, 'GET', '/api/translations/translators')).statusCode).toBe(403);
    expect((await call(translator, 'GET', `/api/translations/framework/${draft.id}/ne`)).statusCode).toBe(200);
    // English is the source, not a translation; Russian is not this translator's.
    const source = await call(translator, 'PUT', `/api/translations/framework/${draft.id}/en`, {
      units: [{ key: 'title', text: 'x' }],
    });
    expect(source.json().error.code).toBe('language_not_translatable');

    const a11 = draft.items.find((i) => i.code === 'A1.1')!;
    const key = `item/${a11.caseIdentifier}/statement`;
    const saved = await call(translator, 'PUT', `/api/translations/framework/${draft.id}/ne`, {
      units: [{ key, text: 'राष्ट्रिय नीति बुझेर कक्षामा प्रयोग गर्छन्।', status: 'approved' }],
    });
    expect(saved.statusCode).toBe(200);
    // A translator cannot approve their own text: it waits for review.
    expect(saved.json().units.find((u: Unit) => u.key === key).status).toBe('review');
    const waiting = (await call(ministry, 'GET', '/api/translations/queue?status=review')).json();
    expect(waiting.entries).toContainEqual(expect.objectContaining({ id: draft.id, key, locale: 'ne' }));
    const unknown = await call(ministry, 'POST', `/api/translations/framework/${draft.id}/ne/approve`, {
      keys: ['item/nope/statement'],
    });
    expect(unknown.json().error.code).toBe('translation_missing');
    const approved = await call(ministry, 'POST', `/api/translations/framework/${draft.id}/ne/approve`, {
      keys: [key],
    });
    expect(approved.json().units.find((u: Unit) => u.key === key)).toMatchObject({
      status: 'approved',
      target: 'राष्ट्रिय नीति बुझेर कक्षामा प्रयोग गर्छन्।',
    });
    const framework = (await call(ministry, 'GET', `/api/frameworks/${draft.id}`)).json();
    expect(framework.items.find((i: { id: string }) => i.id === a11.id).statement.ne).toBe(
      'राष्ट्रिय नीति बुझेर कक्षामा प्रयोग गर्छन्।',
    );
  });

  it('marks every translation of an edited English statement stale, in the editor, the queue and the standard', async () => {
    const draft = await newDraft('t2');
    const a32 = draft.items.find((i) => i.code === 'A3.2')!;
    const key = `item/${a32.caseIdentifier}/statement`;
    const before = (await texts(ministry, 'framework', draft.id, 'ne')).units.find((u) => u.key === key)!;
    expect(before.status).toBe('approved');

    const edited = await call(ministry, 'PATCH', `/api/frameworks/${draft.id}/items/${a32.id}`, {
      statement: { ...a32.statement, en: 'Learners investigate local problems with ICT in projects they plan.' },
    });
    expect(edited.json().staleLanguages).toEqual(['ru', 'uz', 'ne', 'fil']);
    // Before publishing, the ministry is told which languages would show the old wording.
    const impact = (await call(ministry, 'GET', `/api/frameworks/${draft.id}/publish-impact`)).json();
    expect(impact.staleTranslations).toEqual(['ru', 'uz', 'ne', 'fil'].map((locale) => ({ locale, texts: 1 })));
    const after = (await texts(ministry, 'framework', draft.id, 'ne')).units.find((u) => u.key === key)!;
    expect(after).toMatchObject({
      status: 'stale',
      source: 'Learners investigate local problems with ICT in projects they plan.',
      previousSource: a32.statement.en,
      target: a32.statement.ne,
    });
    const queue = (await call(ministry, 'GET', '/api/translations/queue?status=stale')).json();
    expect(
      queue.entries
        .filter((e: { id: string; key: string }) => e.id === draft.id && e.key === key)
        .map((e: { locale: string }) => e.locale),
    ).toEqual(['ne']);
    const overview = (await call(ministry, 'GET', '/api/translations')).json();
    const row = overview.objects.find((o: { id: string }) => o.id === draft.id);
    expect(row.languages.find((l: { locale: string }) => l.locale === 'ne').counts).toMatchObject({
      stale: 1,
      missing: 0,
    });
    expect(row.languages.find((l: { locale: string }) => l.locale === 'en').counts).toMatchObject({
      stale: 0,
      coverage: 100,
    });

    // Updating the Nepali text makes it current again; the other three stay stale.
    await call(ministry, 'PUT', `/api/translations/framework/${draft.id}/ne`, {
      units: [{ key, text: 'विद्यार्थीहरूले आफूले योजना बनाएका परियोजनामा सूचना प्रविधिसँग स्थानीय समस्या खोज्छन्।' }],
    });
    const fw = (await call(ministry, 'GET', `/api/frameworks/${draft.id}`)).json();
    expect(fw.items.find((i: { id: string }) => i.id === a32.id).staleLanguages).toEqual(['ru', 'uz', 'fil']);

    // A new version keeps the history: still stale in Russian after publishing and copying.
    await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'in_review' });
    await call(ministry, 'POST', `/api/frameworks/${draft.id}/status`, { status: 'published' });
    const next = (await call(ministry, 'POST', `/api/frameworks/${draft.id}/versions`, { version: 't2.1' })).json();
    expect(next.items.find((i: { code: string }) => i.code === 'A3.2').staleLanguages).toEqual(['ru', 'uz', 'fil']);
  });

  it('exports XLIFF for Nepali, imports an edited file all or nothing, and exports the same again', async () => {
    const draft = await newDraft('t3');
    const exported = await call(
      ministry,
      'GET',
      `/api/translations/export?locale=ne&format=xliff&object=framework:${draft.id}`,
    );
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('application/xliff+xml');
    const doc = fromXliff(exported.body);
    expect(doc).toMatchObject({ sourceLocale: 'en', targetLocale: 'ne' });
    const units = doc.objects[0]!.units;
    const a41 = draft.items.find((i) => i.code === 'A4.1')!;
    const key = `item/${a41.caseIdentifier}/title`;
    expect(units.find((u) => u.key === key)).toMatchObject({ target: expect.any(String), state: 'final' });

    // Unchanged, the import writes nothing and the export is identical.
    const same = await upload(ministry, exported.body);
    expect(same.json()).toMatchObject({ locale: 'ne', units: 0 });
    const again = await call(
      ministry,
      'GET',
      `/api/translations/export?locale=ne&format=xliff&object=framework:${draft.id}`,
    );
    expect(again.body).toBe(exported.body);

    // A file with one good edit and one fault writes nothing, and names the fault.
    const edit = (change: (u: (typeof units)[number]) => void, at: string) => {
      const copy = structuredClone(doc);
      change(copy.objects[0]!.units.find((u) => u.key === at)!);
      return copy;
    };
    const good = edit((u) => {
      u.target = 'हरेक विषयका लागि डिजिटल साधन';
      u.state = 'final';
    }, key);
    const broken = structuredClone(good);
    broken.objects[0]!.units.push({ key: 'item/nowhere/title', source: 'x', target: 'y', state: 'final' });
    const refused = await upload(ministry, toXliff(broken));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.faults).toEqual([
      expect.objectContaining({ where: `framework:${draft.id}#item/nowhere/title` }),
    ]);
    const changedSource = structuredClone(good);
    changedSource.objects[0]!.units.find((u) => u.key === key)!.source = 'Something else';
    expect((await upload(ministry, toXliff(changedSource))).json().error.details.faults[0].message).toMatch(
      /source has changed/,
    );
    const wrongLanguage = { ...good, targetLocale: 'ru' };
    expect((await upload(translator, toXliff(wrongLanguage))).statusCode).toBe(422);
    expect((await texts(ministry, 'framework', draft.id, 'ne')).units.find((u) => u.key === key)!.target).not.toBe(
      'हरेक विषयका लागि डिजिटल साधन',
    );

    const imported = await upload(ministry, toXliff(good));
    expect(imported.json()).toEqual({ locale: 'ne', objects: 1, units: 1 });
    expect((await texts(ministry, 'framework', draft.id, 'ne')).units.find((u) => u.key === key)).toMatchObject({
      target: 'हरेक विषयका लागि डिजिटल साधन',
      status: 'approved',
    });
    // export > import > export is identical, in PO too.
    const po = await call(ministry, 'GET', `/api/translations/export?locale=ne&format=po&object=framework:${draft.id}`);
    expect((await upload(ministry, po.body)).json()).toMatchObject({ units: 0 });
    expect(
      (await call(ministry, 'GET', `/api/translations/export?locale=ne&format=po&object=framework:${draft.id}`)).body,
    ).toBe(po.body);
  });

  it('refuses a translation that loses a placeholder', async () => {
    const rule = await call(ministry, 'GET', '/api/translations');
    expect(rule.statusCode).toBe(200);
    const glossary = await call(ministry, 'POST', '/api/translations/glossary', {
      term: { en: 'Badge for {name}' },
    });
    expect(glossary.statusCode).toBe(201);
    const termKey = `term/${glossary.json().id}`;
    const exported = await call(
      ministry,
      'GET',
      '/api/translations/export?locale=ne&format=xliff&object=glossary:terms',
    );
    const doc = fromXliff(exported.body);
    doc.objects[0]!.units.find((u) => u.key === termKey)!.target = 'ब्याज';
    doc.objects[0]!.units.find((u) => u.key === termKey)!.state = 'translated';
    const refused = await upload(ministry, toXliff(doc));
    expect(refused.json().error.details.faults[0].message).toMatch(/placeholders \{name\}/);
    doc.objects[0]!.units.find((u) => u.key === termKey)!.target = '{name} का लागि ब्याज';
    expect((await upload(ministry, toXliff(doc))).json()).toMatchObject({ units: 1 });
    const editor = (await call(ministry, 'GET', '/api/translations/framework/none/ne')).json();
    expect(editor.error.code).toBe('translatable_not_found');
  });

  it('translates a draft questionnaire by question keys, and marks a question stale when its English changes', async () => {
    const draft = (
      await call(ministry, 'POST', '/api/surveys/from-template', { template: 'training_reaction', code: 'tr-react' })
    ).json();
    const editor = await texts(ministry, 'questionnaire', draft.id, 'ne');
    const question = draft.definition.sections[0].questions[0];
    const key = `question/${question.key}/text`;
    expect(editor.units.find((u) => u.key === key)).toMatchObject({ source: question.text.en, status: 'approved' });
    await call(ministry, 'PUT', `/api/translations/questionnaire/${draft.id}/ne`, {
      units: [{ key, text: 'तालिम कस्तो लाग्यो?' }],
    });
    const saved = (await call(ministry, 'GET', `/api/surveys/${draft.id}`)).json();
    expect(saved.definition.sections[0].questions[0].text).toMatchObject({
      en: question.text.en,
      ne: 'तालिम कस्तो लाग्यो?',
    });
    saved.definition.sections[0].questions[0].text.en = 'How useful was the training for your teaching?';
    const { title, description, sourceLocale, purpose, definition } = saved;
    const updated = await call(ministry, 'PUT', `/api/surveys/${draft.id}`, {
      title,
      description,
      sourceLocale,
      purpose,
      definition,
    });
    expect(updated.statusCode).toBe(200);
    const after = (await texts(ministry, 'questionnaire', draft.id, 'ne')).units.find((u) => u.key === key)!;
    expect(after).toMatchObject({ status: 'stale', previousSource: question.text.en, target: 'तालिम कस्तो लाग्यो?' });
    // Published, it is what respondents answered: no longer offered for translation.
    await call(ministry, 'POST', `/api/surveys/${draft.id}/publish`, {});
    expect((await call(ministry, 'GET', `/api/translations/questionnaire/${draft.id}/ne`)).statusCode).toBe(404);
    // The overview says so rather than leaving it out; once a next draft exists, that draft is listed.
    const overview = (await call(ministry, 'GET', '/api/translations')).json();
    expect(overview.kept).toContainEqual({ type: 'questionnaire', id: draft.id, name: title });
    expect(overview.objects.some((o: { id: string }) => o.id === draft.id)).toBe(false);
    const next = await call(ministry, 'POST', `/api/surveys/${draft.id}/versions`, {});
    expect(next.statusCode, next.body).toBe(201);
    const again = (await call(ministry, 'GET', '/api/translations')).json();
    expect(again.kept.some((k: { id: string }) => k.id === draft.id)).toBe(false);
    expect(again.objects.some((o: { id: string }) => o.id === next.json().id)).toBe(true);
  });

  it('puts a translation of a published standard before its readers at once', async () => {
    const standard = await make.publishedStandard(world.ctx);
    const a11 = standard.items.find((i) => i.code === 'A1.1')!;
    const read = async () =>
      (await loadStandard(world.ctx, standard.id)).framework.items.find((i) => i.id === a11.id)!.statement.ne;
    expect(await read()).toBe(a11.statement.ne);
    const saved = await call(ministry, 'PUT', `/api/translations/framework/${standard.id}/ne`, {
      units: [{ key: `item/${a11.caseIdentifier}/statement`, text: 'राष्ट्रिय सूचना प्रविधि नीतिका लक्ष्य बताउँछन्।' }],
    });
    expect(saved.statusCode).toBe(200);
    expect(await read()).toBe('राष्ट्रिय सूचना प्रविधि नीतिका लक्ष्य बताउँछन्।');
    // The source language of a published standard is not the translations module's to change.
    const english = await call(ministry, 'PUT', `/api/translations/framework/${standard.id}/en`, {
      units: [{ key: `item/${a11.caseIdentifier}/statement`, text: 'Changed' }],
    });
    expect(english.json().error.code).toBe('language_not_translatable');
  });
});
