import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { seedDemo } from '../../../cli/demo.ts';
import { REGIONAL_LOGIN, seedSecondCountry } from '../../../cli/demo-second-country.ts';
import { REFERENCE_CASE_IDENTIFIER } from './reference.ts';
import type { Comparison } from './regional.schemas.ts';

const PASSWORD = 'pathway-demo';
const THIS_YEAR = new Date().getUTCFullYear();

describeOnEachDatabase('regional office', (getDb) => {
  let app: TestApp;
  let office: Session;
  let meridia: Session;
  let solvara: Session;
  const comparison = async () => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/regional/comparison?period=${THIS_YEAR}`,
      headers: office.headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as {
      competencies: { identifier: string }[];
      countries: {
        code: string;
        coverage: { mapped: number; total: number } | null;
        cells: { share: number | null; suppressed: boolean; mapped: unknown[]; caveats: string[] }[];
      }[];
    };
  };

  beforeAll(async () => {
    await seedDemo(getDb(), { teachers: 400 });
    await seedSecondCountry(getDb(), { code: 'solvara', name: 'Republic of Solvara', teachers: 300 });
    app = await testApp(getDb());
    office = await signIn(app, REGIONAL_LOGIN, PASSWORD);
    meridia = await signIn(app, 'ministry', PASSWORD);
    solvara = await signIn(app, 'solvara-ministry', PASSWORD);
  }, 240_000);
  afterAll(async () => app?.close());

  it('shows Meridia, which granted in the demo, and not Solvara until its ministry grants', async () => {
    const before = await comparison();
    expect(before.countries.map((c) => c.code)).toEqual(['demo']);
    expect(before.competencies).toHaveLength(18);
    // Today's figures stand for this year only: an earlier year is what the country recorded when it
    // closed (the demo records 2024 and 2025 as those years close), and a year it did not record is absent.
    const past = async (year: number) =>
      (
        await app.inject({ method: 'GET', url: `/api/regional/comparison?period=${year}`, headers: office.headers })
      ).json() as Comparison;
    const lastYear = await past(2025);
    expect(lastYear.countries.map((c) => [c.code, c.source])).toEqual([['demo', 'recorded']]);
    expect((await past(THIS_YEAR - 5)).countries).toEqual([]);
    // The trend's points are those years' comparisons.
    const mean = (country: { cells: { mapped: unknown[]; share: number | null }[] }) => {
      const mapped = country.cells.filter((c) => c.mapped.length > 0);
      return mapped.some((c) => c.share === null) ? null : mapped.reduce((a, c) => a + c.share!, 0) / mapped.length;
    };
    const trends = (await app.inject({ url: '/api/regional/trends', headers: office.headers })).json();
    const demo = trends.countries.find((c: { code: string }) => c.code === 'demo');
    expect(demo.points.map((p: { year: number; source: string }) => [p.year, p.source])).toEqual([
      [2024, 'recorded'],
      [2025, 'recorded'],
      [THIS_YEAR, 'live'],
    ]);
    expect(demo.points[1].meanShare).toBe(mean(lastYear.countries[0]!));
    expect(demo.points.at(-1).meanShare).toBe(mean(before.countries[0]!));
    const ministryAsks = await app.inject({ url: '/api/regional/trends', headers: meridia.headers });
    expect(ministryAsks.statusCode).toBe(403);

    const overview = await app.inject({ method: 'GET', url: '/api/data-sharing', headers: solvara.headers });
    expect(overview.statusCode).toBe(200);
    const region = overview.json().regionalTenants.find((t: { code: string }) => t.code === 'region');
    expect(region.shared).toEqual([]);
    const granted = await app.inject({
      method: 'POST',
      url: '/api/data-sharing',
      headers: solvara.headers,
      payload: { granteeTenantId: region.id, dataset: 'competency_shares' },
    });
    expect(granted.statusCode).toBe(201);
    // The page says who shared, by name.
    const who = (await app.inject({ method: 'GET', url: '/api/data-sharing', headers: solvara.headers }))
      .json()
      .regionalTenants.find((t: { code: string }) => t.code === 'region').shared;
    expect(who).toEqual([
      expect.objectContaining({ dataset: 'competency_shares', grantedBy: expect.stringMatching(/^\S+ \S+/) }),
    ]);
    const again = await app.inject({
      method: 'POST',
      url: '/api/data-sharing',
      headers: solvara.headers,
      payload: { granteeTenantId: region.id, dataset: 'competency_shares' },
    });
    expect(again.json().error.code).toBe('dataset_already_shared');

    const after = await comparison();
    expect(after.countries.map((c) => c.code)).toEqual(['demo', 'solvara']);
    for (const country of after.countries) {
      // Some reference items are left unmapped by each crosswalk: coverage below 100%.
      expect(country.coverage!.mapped).toBeLessThan(country.coverage!.total);
      expect(country.cells.some((c) => c.share !== null)).toBe(true);
      expect(country.cells.some((c) => c.mapped.length === 0 && c.share === null)).toBe(true);
      expect(country.cells.some((c) => c.caveats.length > 0)).toBe(true);
    }
    // Different standards: Solvara maps 11 of the 18, Meridia 15.
    expect(after.countries.map((c) => c.coverage!.mapped)).toEqual([15, 11]);
  });

  it('revoking takes the country off the very next request, and both audit logs say so', async () => {
    const overview = (await app.inject({ method: 'GET', url: '/api/data-sharing', headers: meridia.headers })).json();
    const region = overview.regionalTenants.find((t: { code: string }) => t.code === 'region');
    const shares = region.shared.find((s: { dataset: string }) => s.dataset === 'competency_shares');
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/data-sharing/${shares.agreementId}/revoke`,
      headers: meridia.headers,
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().active).toBe(false);
    expect((await comparison()).countries.map((c) => c.code)).not.toContain('demo');
    // History is kept: the revoked row stays, a new grant is a new row.
    const history = (await app.inject({ method: 'GET', url: '/api/data-sharing', headers: meridia.headers })).json()
      .history as { id: string; active: boolean; grantedBy: string | null; revokedBy: string | null }[];
    const me = (await app.inject({ url: '/api/me', headers: meridia.headers })).json() as { displayName: string };
    // Who revoked is named beside who granted (the demo's seeding granted as the ministry's officer too).
    expect(history.find((h) => h.id === shares.agreementId)).toMatchObject({
      active: false,
      revokedBy: me.displayName,
      grantedBy: expect.any(String),
    });

    const db = getDb().db;
    const audits = await db
      .selectFrom('audit_log')
      .innerJoin('tenant', 'tenant.id', 'audit_log.tenant_id')
      .select(['tenant.code', 'audit_log.action'])
      .where('audit_log.entity_id', '=', shares.agreementId)
      .execute();
    const seen = audits.map((a) => `${a.code} ${a.action}`).sort();
    expect(seen).toEqual([
      'demo data_sharing.grant',
      'demo data_sharing.revoke',
      'region data_sharing.grant',
      'region data_sharing.revoke',
    ]);
  });

  it('a regional session can read no individual of any country', async () => {
    const db = getDb().db;
    const teacher = await db
      .selectFrom('person')
      .innerJoin('tenant', 'tenant.id', 'person.tenant_id')
      .select(['person.id', 'person.org_unit_id'])
      .where('tenant.code', '=', 'solvara')
      .executeTakeFirstOrThrow();
    const refused = [
      `/api/people/${teacher.id}`,
      `/api/people?unitId=${teacher.org_unit_id}`,
      '/api/people',
      `/api/dashboards/competencies?unitId=${teacher.org_unit_id}`,
      `/api/dashboards/competencies/teachers?unitId=${teacher.org_unit_id}`,
      '/api/dashboards/competencies',
      `/api/org-units/${teacher.org_unit_id}`,
    ];
    for (const url of refused) {
      const res = await app.inject({ method: 'GET', url, headers: office.headers });
      expect([403, 404], url).toContain(res.statusCode);
    }
    // And the country's own data-sharing page is the ministry's, not the office's.
    const sharing = await app.inject({ method: 'GET', url: '/api/data-sharing', headers: office.headers });
    expect(sharing.statusCode).toBe(403);
    // A country's ministry cannot read the comparison.
    const theirs = await app.inject({
      method: 'GET',
      url: `/api/regional/comparison?period=${THIS_YEAR}`,
      headers: meridia.headers,
    });
    expect(theirs.statusCode).toBe(403);
  });

  it('every tenant holds the same reference, identified by the same CASE identifier', async () => {
    const rows = await getDb()
      .db.selectFrom('framework')
      .innerJoin('tenant', 'tenant.id', 'framework.tenant_id')
      .select(['tenant.code', 'framework.status'])
      .where('framework.case_identifier', '=', REFERENCE_CASE_IDENTIFIER)
      .orderBy('tenant.code')
      .execute();
    expect(rows).toEqual([
      { code: 'demo', status: 'draft' },
      { code: 'solvara', status: 'draft' },
    ]);
  });
});

describeOnEachDatabase('operator API', (getDb) => {
  let app: TestApp;
  const token = 'operator-secret-for-tests';
  beforeAll(async () => {
    process.env.PATHWAY_OPERATOR_TOKEN = token;
    app = await testApp(getDb());
  });
  afterAll(async () => {
    delete process.env.PATHWAY_OPERATOR_TOKEN;
    await app?.close();
  });
  const post = (payload: Record<string, unknown>, auth = `Bearer ${token}`) =>
    app.inject({ method: 'POST', url: '/api/operator/tenants', headers: { authorization: auth }, payload });

  it('creates countries and regional offices, with a precise code for each mistake', async () => {
    const created = await post({ code: 'uzb', name: 'Uzbekistan', country: 'uz', locales: ['uz', 'ru', 'en'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'uzb', country: 'UZ', kind: 'country', defaultLocale: 'uz' });
    const office = await post({ code: 'office', name: 'Office', locales: ['en'], kind: 'regional' });
    expect(office.json()).toMatchObject({ kind: 'regional', country: null });

    expect((await post({ code: 'uzb', name: 'Again', country: 'UZ', locales: ['en'] })).json().error.code).toBe(
      'tenant_code_taken',
    );
    const bad = await post({ code: 'xx', name: 'Nowhere', country: 'XX', locales: ['en'] });
    expect([bad.statusCode, bad.json().error.code]).toEqual([422, 'unknown_country']);
    const locale = await post({ code: 'npl', name: 'Nepal', country: 'NP', locales: ['ne', 'de'] });
    expect([locale.statusCode, locale.json().error.code]).toEqual([422, 'unknown_locale']);

    const list = await app.inject({
      method: 'GET',
      url: '/api/operator/tenants',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.json().tenants.map((t: { code: string }) => t.code)).toEqual(['office', 'uzb']);
  });

  it('answers nobody without the operator token', async () => {
    expect((await post({ code: 'p1', name: 'P', country: 'PH', locales: ['fil'] }, 'Bearer wrong')).statusCode).toBe(
      401,
    );
    const none = await app.inject({ method: 'GET', url: '/api/operator/tenants' });
    expect(none.statusCode).toBe(401);
  });
});

describe('operator API switched off', () => {
  it('is refused when no operator token is configured', async () => {
    const { freshDatabase } = await import('../../../../test/db.ts');
    const database = await freshDatabase('sqlite');
    const app = await testApp(database);
    const res = await app.inject({
      method: 'GET',
      url: '/api/operator/tenants',
      headers: { authorization: 'Bearer x' },
    });
    expect(res.json().error.code).toBe('operator_api_disabled');
    await app.close();
    await database.close();
  });
});
