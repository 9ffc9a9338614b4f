import { afterAll, beforeAll, expect, it } from 'vitest';
import { toErrorResponse } from '../src/server/http/errors.ts';
import { describeOnEachDatabase } from './db.ts';
import * as make from './factories.ts';
import { signIn, type TestApp, testApp } from './http.ts';

describeOnEachDatabase('system endpoints', (getDb, dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(getDb());
  });
  afterAll(() => app.close());

  it('reports health with the database in use, without signing in', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('publishes an OpenAPI 3 document of the routes with their request schemas', async () => {
    const res = await app.inject({ url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of [
      '/api/org-units',
      '/api/org-units/{unitId}',
      '/api/people',
      '/api/people/{personId}',
      '/api/auth/login',
      '/api/me',
      '/api/accounts',
      '/api/audit',
      '/api/imports/people',
    ]) {
      expect(doc.paths, route).toHaveProperty([route]);
    }
    const login = doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.properties).toHaveProperty('username');
    expect(login.required).toEqual(expect.arrayContaining(['username', 'password']));
    const createPerson = doc.paths['/api/people'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(createPerson.properties)).toEqual(
      expect.arrayContaining(['orgUnitId', 'category', 'givenName', 'familyName', 'nationalId']),
    );
    const listQuery = doc.paths['/api/people'].get.parameters.map((p: { name: string; in: string }) => p.name);
    expect(listQuery).toEqual(expect.arrayContaining(['q', 'cursor', 'limit', 'category', 'subject', 'sex']));
    expect(doc.paths['/api/org-units/{unitId}'].patch.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'unitId', in: 'path' })]),
    );
    expect(doc.components.securitySchemes).toHaveProperty('token');
  });

  it('serves the browsable API page', async () => {
    let res = await app.inject({ url: '/api/docs' });
    for (let hops = 0; res.statusCode >= 300 && res.statusCode < 400 && hops < 3; hops++) {
      res = await app.inject({ url: new URL(res.headers.location as string, 'http://localhost/api/docs').pathname });
    }
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body.toLowerCase()).toContain('swagger');
  });

  it('answers an unknown API route with a JSON 404, signed in or not, whatever the method', async () => {
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/nothing-here?x=1' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.json().error).toEqual({ code: 'route_not_found', message: `No route ${method} /api/nothing-here.` });
    }
  });

  it('answers an unsupported content type with 415', async () => {
    const media = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('unsupported_media_type');
    const broken = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
  });

  it('names every unknown field of a body it refuses', async () => {
    const world = await make.country(getDb());
    const officer = await make.user(world.ctx, 'district_officer', world.districtA1);
    const session = await signIn(app, officer.username, officer.password);
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/org-units/${world.schoolA1.id}`,
      headers: session.headers,
      payload: { locality: 'urban', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'validation_failed',
      details: { issues: [expect.objectContaining({ path: 'body.colour' })] },
    });
  });

  it('answers a unique key the database refused with 409, not 500', async () => {
    const row = {
      id: `dup-${dialect}`,
      code: `dup-${dialect}`,
      name: '{}',
      default_locale: 'en',
      locales: '[]',
      level_names: '[]',
      unit_seq: 0,
      created_at: new Date().toISOString(),
    };
    await getDb().db.insertInto('tenant').values(row).execute();
    const error = await getDb()
      .db.insertInto('tenant')
      .values(row)
      .execute()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(toErrorResponse(error)).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });
});
