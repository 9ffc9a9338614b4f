import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseValidator } from '../../../../test/case-schema.ts';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';

/**
 * Packages made by other CASE tools (test/fixtures/case, written for these tests from the CASE 1.1
 * specification): nothing is refused for lacking or repeating codes, and import > export gives back
 * every identifier, association, definition and field.
 */

// biome-ignore lint/suspicious/noExplicitAny: packages are read as plain JSON, field by field.
type Json = Record<string, any>;
const fixtureText = (name: string) =>
  fs.readFileSync(path.resolve(import.meta.dirname, '../../../../test/fixtures/case', name), 'utf8');
const fixture = (name: string): Json => JSON.parse(fixtureText(name));
const NO_CODES = 'case-1.1-no-codes.json';
const EVERY_FIELD = 'case-1.1-every-field.json';

describe('the test packages', () => {
  it('are CASE 1.1 packages the official schema accepts', () => {
    const validate = caseValidator();
    for (const name of [NO_CODES, EVERY_FIELD]) expect(validate(fixture(name)) ? [] : validate.errors).toEqual([]);
    const every = fixture(EVERY_FIELD);
    const types = new Set(every.CFAssociations.map((a: Json) => a.associationType));
    for (const type of [
      'isChildOf',
      'isPeerOf',
      'isPartOf',
      'exactMatchOf',
      'precedes',
      'isRelatedTo',
      'replacedBy',
      'exemplar',
      'hasSkillLevel',
      'isTranslationOf',
      'ext:isPrerequisiteFor',
    ])
      expect(types).toContain(type);
  });
});

describeOnEachDatabase('CASE 1.1 packages from other tools', (getDb) => {
  let app: TestApp;
  let ministry: Session;
  let elsewhere: Session;

  beforeAll(async () => {
    const world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const other = await make.tenant(getDb());
    const admin = await make.user(other.ctx, 'admin', other.nation);
    elsewhere = await signIn(app, admin.username, admin.password);
  });
  afterAll(() => app.close());

  const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const upload = (s: Session, body: string) =>
    app.inject({
      method: 'POST',
      url: '/api/frameworks/import',
      headers: { ...s.headers, 'content-type': 'application/json' },
      payload: body,
    });
  const exportOf = async (s: Session, id: string) => {
    const res = await call(s, 'GET', `/api/frameworks/${id}/export/case`);
    expect(res.statusCode).toBe(200);
    return res.json() as Json;
  };
  const valid = (pkg: Json) => {
    const validate = caseValidator();
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
  };

  let noCodes: Json;
  let every: Json;

  it('imports items without humanCodingScheme whose identifiers share a prefix, and exports no made-up code', async () => {
    const res = await upload(ministry, fixtureText(NO_CODES));
    expect(res.statusCode).toBe(201);
    noCodes = res.json();
    const items: Json[] = noCodes.framework.items;
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => i.code)).size).toBe(5);
    const pkg = await exportOf(ministry, noCodes.frameworkId);
    valid(pkg);
    expect(pkg.CFItems.some((i: Json) => 'humanCodingScheme' in i)).toBe(false);
    // Nothing was changed in Pathway, so the package comes back as it went in.
    expect(pkg).toEqual({ ...fixture(NO_CODES), CFDefinitions: { CFItemTypes: [] }, CFRubrics: [] });
  });

  it('keeps every association, definition and optional field of a package: import > export gives it back', async () => {
    const res = await upload(ministry, fixtureText(EVERY_FIELD));
    expect(res.statusCode).toBe(201);
    every = res.json();
    expect(every.counts).toMatchObject({ items: 9, skipped: 0 });
    // Codes may repeat in CASE: the second K.1 gets a code of its own in Pathway, and keeps K.1 in CASE.
    const codes = every.framework.items.map((i: Json) => i.code);
    expect(new Set(codes).size).toBe(9);
    expect(codes).toContain('K.1');
    const pkg = await exportOf(ministry, every.frameworkId);
    valid(pkg);
    const source = fixture(EVERY_FIELD);
    expect(pkg.CFAssociations).toHaveLength(21);
    expect(pkg).toEqual(source);
    expect(every.counts).toMatchObject({ levels: 2, rubrics: 2 });
    // What Pathway read: a tree by the first isChildOf of each item, in sequenceNumber order; types from the names.
    const byCase = new Map(every.framework.items.map((i: Json) => [i.caseIdentifier, i]));
    const item = (n: number) => byCase.get(`1e3f0000-aaaa-4bbb-8ccc-0000000000${String(n).padStart(2, '0')}`) as Json;
    expect(item(9).parentId).toBe(item(6).id);
    expect([item(1), item(2), item(3), item(9)].map((i) => i.type)).toEqual([
      'aspect',
      'competency',
      'indicator',
      'indicator',
    ]);
  });

  it('takes Pathway’s edits over the record it came with, and drops associations of removed items', async () => {
    const created = (await upload(elsewhere, fixtureText(EVERY_FIELD))).json();
    const id = created.frameworkId;
    const byCase = new Map(created.framework.items.map((i: Json) => [i.caseIdentifier, i]));
    const item = (n: number) => byCase.get(`1e3f0000-aaaa-4bbb-8ccc-0000000000${String(n).padStart(2, '0')}`) as Json;
    const edited = await call(elsewhere, 'PATCH', `/api/frameworks/${id}/items/${item(2).id}`, {
      code: 'K.1-rev',
      statement: { en: 'Understands the big ideas of science.' },
    });
    expect(edited.statusCode).toBe(200);
    expect((await call(elsewhere, 'DELETE', `/api/frameworks/${id}/items/${item(4).id}`)).statusCode).toBeLessThan(300);
    const rubric = await call(elsewhere, 'PUT', `/api/frameworks/${id}/items/${item(6).id}/rubrics/L1`, {
      descriptor: { en: 'Runs a published investigation with help.' },
      score: 1,
    });
    expect(rubric.statusCode).toBe(200);
    const pkg = await exportOf(elsewhere, id);
    valid(pkg);
    const out = pkg.CFItems.find((i: Json) => i.identifier === item(2).caseIdentifier);
    const source = fixture(EVERY_FIELD).CFItems[1];
    expect(out).toMatchObject({
      humanCodingScheme: 'K.1-rev',
      fullStatement: 'Understands the big ideas of science.',
      conceptKeywords: source.conceptKeywords,
      educationLevel: source.educationLevel,
      subjectURI: source.subjectURI,
      licenseURI: source.licenseURI,
      statusEndDate: source.statusEndDate,
      alternativeLabel: source.alternativeLabel,
    });
    expect(out.lastChangeDateTime).not.toBe(source.lastChangeDateTime);
    expect(out.extensions.tidewater).toEqual({ weight: 2 });
    expect(out.extensions.pathway.code).toBeUndefined();
    expect(out.extensions.pathway.statement).toEqual({ en: 'Understands the big ideas of science.' });
    const gone = item(4).caseIdentifier;
    const ends = pkg.CFAssociations.flatMap((a: Json) => [a.originNodeURI.identifier, a.destinationNodeURI.identifier]);
    expect(ends).not.toContain(gone);
    // Edited rubrics are Pathway's: rendered from its descriptors, under Pathway's identifiers.
    const criterion = pkg.CFRubrics[0].CFRubricCriteria[0];
    expect(criterion.CFItemURI.identifier).toBe(item(6).caseIdentifier);
    expect(criterion.CFRubricCriterionLevels[0].description).toBe('Runs a published investigation with help.');
    expect(pkg.CFRubrics[0].identifier).not.toBe(fixture(EVERY_FIELD).CFRubrics[0].identifier);
    // The item with a repeated code that nobody edited still says K.1.
    expect(pkg.CFItems.find((i: Json) => i.identifier === item(3).caseIdentifier).humanCodingScheme).toBe('K.1');
  });

  it('export > import > export is identical, for a Pathway standard and for a package from elsewhere', async () => {
    const own = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '4.0' })).json();
    const first = await exportOf(ministry, own.id);
    const again = await upload(elsewhere, JSON.stringify(first));
    expect(again.statusCode).toBe(201);
    expect(JSON.stringify(await exportOf(elsewhere, again.json().frameworkId))).toBe(JSON.stringify(first));

    const foreign = await exportOf(ministry, noCodes.frameworkId);
    const other = await make.tenant(getDb());
    const admin = await make.user(other.ctx, 'admin', other.nation);
    const third = await signIn(app, admin.username, admin.password);
    const back = await upload(third, JSON.stringify(foreign));
    expect(back.statusCode).toBe(201);
    expect(JSON.stringify(await exportOf(third, back.json().frameworkId))).toBe(JSON.stringify(foreign));
  });

  it('serves the package, its associations and definitions from the public provider once published', async () => {
    for (const status of ['in_review', 'published'])
      expect((await call(ministry, 'POST', `/api/frameworks/${every.frameworkId}/status`, { status })).statusCode).toBe(
        200,
      );
    const source = fixture(EVERY_FIELD);
    const get = async (url: string) => {
      const res = await app.inject({ url: `/ims/case/v1p1/${url}` });
      expect(res.statusCode, url).toBe(200);
      return res.json() as Json;
    };
    const pkg = await get(`CFPackages/${source.CFDocument.identifier}`);
    valid(pkg);
    expect(pkg.CFDocument).toMatchObject({
      creator: source.CFDocument.creator,
      publisher: source.CFDocument.publisher,
      licenseURI: source.CFDocument.licenseURI,
      subjectURI: source.CFDocument.subjectURI,
      frameworkType: 'CompetencyFramework',
      adoptionStatus: 'Adopted',
    });
    expect(pkg.CFAssociations.map((a: Json) => a.identifier)).toEqual(
      source.CFAssociations.map((a: Json) => a.identifier),
    );
    for (const kind of ['CFLicenses', 'CFAssociationGroupings'])
      for (const definition of source.CFDefinitions[kind])
        expect(await get(`${kind}/${definition.identifier}`)).toEqual(definition);
    // Concepts, subjects and item types are read as sets: the record, then its descendants by hierarchyCode.
    for (const kind of ['CFConcepts', 'CFSubjects', 'CFItemTypes'])
      for (const definition of source.CFDefinitions[kind]) {
        const set = (await get(`${kind}/${definition.identifier}`))[kind];
        expect(set[0]).toEqual(definition);
        const below = source.CFDefinitions[kind].filter(
          (d: Json) => definition.hierarchyCode && d.hierarchyCode?.startsWith(`${definition.hierarchyCode}.`),
        );
        expect(
          set
            .slice(1)
            .map((d: Json) => d.identifier)
            .sort(),
        ).toEqual(below.map((d: Json) => d.identifier).sort());
      }
    const grouped = source.CFAssociations[12];
    expect(await get(`CFAssociations/${grouped.identifier}`)).toEqual(grouped);
    const investigations = source.CFItems[5];
    expect(await get(`CFItems/${investigations.identifier}`)).toEqual(investigations);
    // A new version keeps every association but the top-level links to the old document.
    const next = (
      await call(ministry, 'POST', `/api/frameworks/${every.frameworkId}/versions`, { version: '3.3' })
    ).json();
    const nextPkg = await exportOf(ministry, next.id);
    valid(nextPkg);
    expect(nextPkg.CFDocument).toMatchObject({
      identifier: next.caseIdentifier,
      adoptionStatus: 'Draft',
      version: '3.3',
    });
    const nextIds = nextPkg.CFAssociations.map((a: Json) => a.identifier);
    expect(nextIds).toHaveLength(21);
    expect(source.CFAssociations.map((a: Json) => a.identifier).filter((x: string) => !nextIds.includes(x))).toEqual([
      source.CFAssociations[0].identifier,
      source.CFAssociations[1].identifier,
    ]);
    const set = await get(`CFItemAssociations/${investigations.identifier}`);
    expect(set.CFAssociations.map((a: Json) => a.associationType).sort()).toEqual(
      [
        'exactMatchOf',
        'hasSkillLevel',
        'isChildOf',
        'isChildOf',
        'isPeerOf',
        'isTranslationOf',
        'precedes',
        'replacedBy',
      ].sort(),
    );
  });

  it('answers the CASE REST binding: any case of UUID, invaliduuid, sort, orderBy, filter, fields, and CASE 1.0 beside 1.1', async () => {
    const source = fixture(EVERY_FIELD);
    const id: string = source.CFDocument.identifier;
    const item = source.CFItems[1];
    const upper = await app.inject({ url: `/ims/case/v1p1/CFItems/${item.identifier.toUpperCase()}` });
    expect(upper.json()).toEqual(item);
    const malformed = await app.inject({ url: '/ims/case/v1p1/CFItems/not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invaliduuid');

    // A second published standard, to sort and filter between.
    const own = (await call(ministry, 'POST', '/api/frameworks/from-template', { version: '5.0' })).json();
    for (const status of ['in_review', 'published'])
      await call(ministry, 'POST', `/api/frameworks/${own.id}/status`, { status });
    const list = async (query: string) => {
      const res = await app.inject({ url: `/ims/case/v1p1/CFDocuments?${query}` });
      expect(res.statusCode, query).toBe(200);
      return { total: res.headers['x-total-count'], docs: res.json().CFDocuments as Json[] };
    };
    const titles = (await list('sort=title&orderBy=asc')).docs.map((d) => d.title);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b)));
    expect((await list('sort=title&orderBy=desc')).docs.map((d) => d.title)).toEqual([...titles].reverse());
    const found = await list(`filter=${encodeURIComponent("publisher='Tidewater Department of Schools'")}`);
    expect(found.total).toBe('1');
    expect(found.docs.map((d) => d.identifier)).toEqual([id]);
    const contains = await list(
      `filter=${encodeURIComponent("title~'science' AND language='en-GB'")}&fields=identifier,title`,
    );
    expect(contains.docs).toEqual([{ identifier: id, title: source.CFDocument.title }]);
    const bad = await app.inject({
      url: `/ims/case/v1p1/CFDocuments?filter=${encodeURIComponent('title is science')}`,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invaliddata');

    // CASE 1.0: the same records without what 1.1 added; its own URIs on this provider.
    const v10 = (await app.inject({ url: `/ims/case/v1p0/CFPackages/${id}` })).json();
    expect(v10.CFDocument.identifier).toBe(id);
    expect(v10.CFDocument.caseVersion).toBeUndefined();
    expect(v10.CFDocument.frameworkType).toBeUndefined();
    expect(v10.CFAssociations.map((a: Json) => a.associationType)).toContain('ext:isTranslationOf');
    const ownV10 = (await app.inject({ url: `/ims/case/v1p0/CFPackages/${own.caseIdentifier}` })).json();
    expect(ownV10.CFItems[0].uri).toContain('/ims/case/v1p0/CFItems/');
    const v10List = await app.inject({ url: '/ims/case/v1p0/CFDocuments' });
    expect(v10List.headers['x-total-count']).toBe('2');
    const missing = await app.inject({ url: '/ims/case/v1p0/CFItems/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
  });
});
