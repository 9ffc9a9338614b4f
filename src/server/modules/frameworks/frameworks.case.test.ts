import { afterAll, beforeAll, expect, it } from 'vitest';
import { caseValidator } from '../../../../test/case-schema.ts';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';

describeOnEachDatabase('CASE 1.1 export and provider', (getDb) => {
  let app: TestApp;
  let ministry: Session;
  let published: { id: string; caseIdentifier: string; items: { id: string; code: string; caseIdentifier: string }[] };
  let draftCaseId: string;

  beforeAll(async () => {
    const world = await make.country(getDb());
    app = await testApp(getDb());
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
    const post = (url: string, payload: object) =>
      app.inject({ method: 'POST', url, headers: ministry.headers, payload });
    const fw = (await post('/api/frameworks/from-template', {})).json();
    const item = fw.items.find((i: { code: string }) => i.code === 'A4.1');
    for (const level of ['KA', 'KD']) {
      await app.inject({
        method: 'PUT',
        url: `/api/frameworks/${fw.id}/items/${item.id}/rubrics/${level}`,
        headers: ministry.headers,
        payload: {
          descriptor: { en: `Descriptor at ${level}`, ru: `Описание уровня ${level}` },
          score: level === 'KA' ? 1 : 2,
        },
      });
    }
    await post(`/api/frameworks/${fw.id}/status`, { status: 'in_review' });
    await post(`/api/frameworks/${fw.id}/status`, { status: 'published' });
    published = fw;
    draftCaseId = (await post('/api/frameworks/from-template', { version: '9.9' })).json().caseIdentifier;
  });
  afterAll(() => app.close());

  it('exports a CFPackage that the official CASE 1.1 schema accepts, the same every time', async () => {
    const res = await app.inject({ url: `/api/frameworks/${published.id}/export/case`, headers: ministry.headers });
    expect(res.statusCode).toBe(200);
    const pkg = res.json();
    const validate = caseValidator();
    expect(validate(pkg) ? [] : validate.errors).toEqual([]);
    expect(pkg.CFDocument).toMatchObject({
      identifier: published.caseIdentifier,
      caseVersion: '1.1',
      adoptionStatus: 'Adopted',
    });
    expect(pkg.CFItems).toHaveLength(24);
    expect(pkg.CFItems.every((i: { identifier: string }) => /^[0-9a-f-]{36}$/.test(i.identifier))).toBe(true);
    const childOf = pkg.CFAssociations.filter((a: { associationType: string }) => a.associationType === 'isChildOf');
    expect(childOf).toHaveLength(24);
    const aspectLinks = childOf.filter(
      (a: { destinationNodeURI: { identifier: string } }) =>
        a.destinationNodeURI.identifier === published.caseIdentifier,
    );
    expect(aspectLinks).toHaveLength(6);
    expect(pkg.CFRubrics[0].CFRubricCriteria[0].CFRubricCriterionLevels.map((l: { score: number }) => l.score)).toEqual(
      [1, 2],
    );
    const again = await app.inject({ url: `/api/frameworks/${published.id}/export/case`, headers: ministry.headers });
    expect(again.json()).toEqual(pkg);
  });

  it('serves published frameworks publicly under /ims/case/v1p1, with paging and imsx errors', async () => {
    const docs = await app.inject({ url: '/ims/case/v1p1/CFDocuments?limit=10&offset=0' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['x-total-count']).toBe('1');
    expect(docs.json().CFDocuments.map((d: { identifier: string }) => d.identifier)).toEqual([
      published.caseIdentifier,
    ]);
    const pkg = await app.inject({ url: `/ims/case/v1p1/CFPackages/${published.caseIdentifier}` });
    expect(pkg.json().CFItems).toHaveLength(24);
    const item = published.items.find((i) => i.code === 'A3.2')!;
    const cfItem = await app.inject({ url: `/ims/case/v1p1/CFItems/${item.caseIdentifier}` });
    expect(cfItem.json()).toMatchObject({ identifier: item.caseIdentifier, humanCodingScheme: 'A3.2' });
    const draft = await app.inject({ url: `/ims/case/v1p1/CFPackages/${draftCaseId}` });
    expect(draft.statusCode).toBe(404);
    expect(draft.json()).toMatchObject({ imsx_codeMajor: 'failure', imsx_severity: 'error' });
    expect(draft.json().imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('unknownobject');
  });
  it('serves associations, item associations, rubrics and item types by identifier; paging and bad input the CASE way', async () => {
    const pkg = (await app.inject({ url: `/ims/case/v1p1/CFPackages/${published.caseIdentifier}` })).json();
    const item = published.items.find((i) => i.code === 'A4.1')!;
    const set = (await app.inject({ url: `/ims/case/v1p1/CFItemAssociations/${item.caseIdentifier}` })).json();
    expect(set.CFItem.identifier).toBe(item.caseIdentifier);
    expect(set.CFAssociations.map((a: { associationType: string }) => a.associationType)).toEqual(['isChildOf']);
    const association = set.CFAssociations[0];
    const one = await app.inject({ url: `/ims/case/v1p1/CFAssociations/${association.identifier}` });
    expect(one.json()).toEqual(association);
    const rubric = await app.inject({ url: `/ims/case/v1p1/CFRubrics/${pkg.CFRubrics[0].identifier}` });
    expect(rubric.json().CFRubricCriteria[0].CFItemURI.identifier).toBe(item.caseIdentifier);
    const type = pkg.CFDefinitions.CFItemTypes[0];
    // CASE reads an item type as a CFItemTypeSet: the type and its descendants.
    expect((await app.inject({ url: `/ims/case/v1p1/CFItemTypes/${type.identifier}` })).json()).toEqual({
      CFItemTypes: [type],
    });
    for (const kind of [
      'CFConcepts',
      'CFSubjects',
      'CFLicenses',
      'CFAssociationGroupings',
      'CFAssociations',
      'CFRubrics',
    ]) {
      const res = await app.inject({ url: `/ims/case/v1p1/${kind}/00000000-0000-4000-8000-000000000000` });
      expect(res.statusCode).toBe(404);
      expect(res.json().imsx_codeMajor).toBe('failure');
    }
    const page = await app.inject({ url: '/ims/case/v1p1/CFDocuments?limit=1&offset=1' });
    expect(page.headers['x-total-count']).toBe('1');
    expect(page.json().CFDocuments).toEqual([]);
    const bad = await app.inject({ url: '/ims/case/v1p1/CFDocuments?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().imsx_codeMinor.imsx_codeMinorField[0].imsx_codeMinorFieldValue).toBe('invaliddata');
  });
});
