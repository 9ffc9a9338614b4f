import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from './db.ts';
import { type TestApp, testApp } from './http.ts';

describeOnEachDatabase('system endpoints', (getDb, dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await testApp(getDb());
  });
  afterAll(() => app.close());

  it('reports health with the database in use', async () => {
    const res = await app.inject({ url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: dialect });
  });

  it('publishes an OpenAPI 3 document of the routes and a browsable page', async () => {
    const doc = (await app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const route of ['/api/org-units', '/api/people', '/api/auth/login', '/api/imports/people'])
      expect(doc.paths).toHaveProperty([route]);
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty(
      'username',
    );
    const page = await app.inject({ url: '/api/docs' });
    expect([200, 302]).toContain(page.statusCode);
  });

  it('answers an unknown API route with a JSON 404, and an unknown media type with 415', async () => {
    const res = await app.inject({ url: '/api/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('route_not_found');
    const media = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(media.statusCode).toBe(415);
    expect(media.json().error.code).toBe('unsupported_media_type');
  });
});
