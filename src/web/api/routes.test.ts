import { afterEach, describe, expect, expectTypeOf, it, vi } from 'vitest';
import { type ApiInput, type ApiResponse, call, queryKey, routeUrl } from './routes.ts';

describe('the typed route client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('puts encoded parameters into the path', () => {
    expect(routeUrl('GET /api/org-units/:unitId', { params: { unitId: 'a/b c?' } })).toBe(
      '/api/org-units/a%2Fb%20c%3F',
    );
    expect(
      routeUrl('DELETE /api/frameworks/:frameworkId/items/:itemId', { params: { frameworkId: 'f1', itemId: 'é' } }),
    ).toBe('/api/frameworks/f1/items/%C3%A9');
  });

  it('writes the query without undefined values, encoded', () => {
    expect(routeUrl('GET /api/people', { query: { q: 'Ana & Bo', limit: 5, cursor: undefined } })).toBe(
      '/api/people?q=Ana+%26+Bo&limit=5',
    );
    expect(routeUrl('GET /api/people', { query: {} })).toBe('/api/people');
    expect(routeUrl('GET /api/tenant')).toBe('/api/tenant');
  });

  it('refuses a missing path parameter rather than calling a wrong URL', () => {
    expect(() => routeUrl('GET /api/org-units/:unitId', { params: { unitId: '' } })).toThrow(/:unitId/);
  });

  it('sends the method of the key and the body as JSON', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ id: 'x' }), { status: 201 }));
    vi.stubGlobal('fetch', fetch);
    await call('POST /api/recognition/rules/:id/status', { params: { id: 'r 1' }, body: { status: 'active' } });
    expect(fetch).toHaveBeenCalledWith(
      '/api/recognition/rules/r%201/status',
      expect.objectContaining({ method: 'POST', body: '{"status":"active"}' }),
    );
  });

  it('keys queries by route, then parameters, then query', () => {
    expect(queryKey('GET /api/org-units', { query: { parentId: 'u1', q: undefined } })).toEqual([
      'GET /api/org-units',
      {},
      { parentId: 'u1' },
    ]);
    expect(queryKey('GET /api/org-units/:unitId', { params: { unitId: 'u1' } })[0]).toBe('GET /api/org-units/:unitId');
  });

  it('types input and answer from the schemas', () => {
    expectTypeOf<ApiResponse<'GET /api/org-units/:unitId'>['ancestors']>().toBeArray();
    expectTypeOf<ApiResponse<'POST /api/auth/logout'>>().toEqualTypeOf<undefined>();
    expectTypeOf<ApiInput<'GET /api/org-units/:unitId'>['params']>().toEqualTypeOf<{ unitId: string }>();
    const neverRun = () => {
      // @ts-expect-error a path parameter is required
      routeUrl('GET /api/org-units/:unitId', {});
      // @ts-expect-error unknown routes are refused
      routeUrl('GET /api/nowhere');
      // @ts-expect-error a body field the schema does not know
      void call('PATCH /api/accounts/:accountId', { params: { accountId: 'a' }, body: { colour: 'red' } });
      // @ts-expect-error a route with a body schema wants a body
      void call('POST /api/recognition/awards/:id/approve', { params: { id: 'a' } });
    };
    expect(neverRun).toBeTypeOf('function');
  });
});
