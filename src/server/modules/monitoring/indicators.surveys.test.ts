import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { newId, nowIso, todayIso } from '../../shared/ids.ts';
import type { OrgUnit } from '../org/org.schemas.ts';
import { addMonths } from '../practice/coaching.links.ts';
import * as questionnaires from '../surveys/questionnaires.service.ts';
import type { IndicatorDashboard } from './indicators.schemas.ts';
import { OTHER_PLACE, placeKey } from './places.ts';

const year = new Date().getUTCFullYear();
const CODE = 'national_training_effectiveness';
const WEEKLY_OR_MORE = ['weekly', 'daily'];
type Answer = 'never' | 'monthly' | 'weekly' | 'daily';

describeOnEachDatabase('survey results as indicator facts', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let districtA3: OrgUnit;
  let districtA4: OrgUnit;
  let oldRound: string;
  const today = todayIso();

  async function round(surveyId: string, opensOn: string) {
    const id = newId();
    await getDb()
      .db.insertInto('survey_round')
      .values({
        tenant_id: world.ctx.tenantId,
        id,
        survey_id: surveyId,
        title: JSON.stringify({ en: `Round opening ${opensOn}` }),
        unit_id: world.nation.id,
        unit_path: world.nation.path,
        population: JSON.stringify({ categories: ['teacher'] }),
        anonymous: 1,
        kind: 'general',
        offering_id: null,
        opens_on: opensOn,
        closes_on: addMonths(opensOn, 2),
        status: 'open',
        invited: 0,
        last_reminded_at: null,
        created_by_account_id: null,
        created_at: nowIso(),
      })
      .execute();
    return id;
  }

  /** Anonymous responses as the answer form writes them: the place and sex of the respondent, no person. */
  async function respond(roundId: string, at: OrgUnit, answers: ['female' | 'male', Answer][]) {
    const position = { never: 1, monthly: 2, weekly: 3, daily: 4 };
    for (const [sex, answer] of answers) {
      const id = newId();
      await getDb()
        .db.insertInto('survey_response')
        .values({
          tenant_id: world.ctx.tenantId,
          id,
          round_id: roundId,
          person_id: null,
          unit_id: at.id,
          unit_path: at.path,
          sex,
          role: 'teacher',
          school_type: at.type,
          place: placeKey(at) ?? OTHER_PLACE,
          source: 'web',
          submitted_on: today,
          // As a web submission leaves it: counted into the round's tallies by the next reader.
          tallied: 0,
        })
        .execute();
      await getDb()
        .db.insertInto('survey_answer')
        .values({
          tenant_id: world.ctx.tenantId,
          response_id: id,
          round_id: roundId,
          question_key: 'student_ict_frequency',
          item: '',
          value_number: position[answer],
          value_text: answer,
        })
        .execute();
    }
  }

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    districtA3 = await make.unit(world.ctx, world.regionA, 'district', 'District A3');
    districtA4 = await make.unit(world.ctx, world.regionA, 'district', 'District A4');
    const schoolA3 = await make.unit(world.ctx, districtA3, 'school', 'School A3-1');
    const schoolA4 = await make.unit(world.ctx, districtA4, 'school', 'School A4-1');
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);

    // Version 1 ran a round two years ago; version 2 (same code) runs this year's, and next one is not open yet.
    const v1 = await questionnaires.createFromTemplate(officer.ctx, 'national_training_effectiveness');
    await questionnaires.publishSurvey(officer.ctx, v1.id);
    const v2 = await questionnaires.newVersion(officer.ctx, v1.id);
    await questionnaires.publishSurvey(officer.ctx, v2.id);
    oldRound = await round(v1.id, `${year - 2}-03-01`);
    const current = await round(v2.id, today);
    const next = await round(v2.id, addMonths(today, 1));
    await respond(oldRound, world.schoolA1, [
      ['female', 'daily'],
      ['female', 'daily'],
      ['male', 'daily'],
      ['male', 'never'],
      ['male', 'never'],
    ]);
    await respond(next, world.schoolB1, [['female', 'daily']]);

    // This year's round, 26 respondents (weekly or more: 14).
    // District A1 (8, weekly or more 5): school A1-1 6, school A1-2 2.
    await respond(current, world.schoolA1, [
      ['female', 'weekly'],
      ['female', 'daily'],
      ['female', 'weekly'],
      ['female', 'never'],
      ['male', 'monthly'],
      ['male', 'daily'],
    ]);
    await respond(current, world.schoolA1b, [
      ['male', 'weekly'],
      ['male', 'never'],
    ]);
    // District A2 (6, 2); district A3 (3, 2); district A4 (2, 1).
    await respond(current, world.schoolA2, [
      ['female', 'daily'],
      ['female', 'never'],
      ['female', 'never'],
      ['male', 'weekly'],
      ['male', 'monthly'],
      ['male', 'monthly'],
    ]);
    await respond(current, schoolA3, [
      ['female', 'weekly'],
      ['male', 'weekly'],
      ['female', 'never'],
    ]);
    await respond(current, schoolA4, [
      ['male', 'daily'],
      ['female', 'never'],
    ]);
    // Region B, district B1 (7, 4).
    await respond(current, world.schoolB1, [
      ['female', 'weekly'],
      ['female', 'weekly'],
      ['female', 'daily'],
      ['male', 'never'],
      ['male', 'monthly'],
      ['male', 'weekly'],
      ['female', 'never'],
    ]);
  });
  afterAll(() => app.close());

  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, headers: ministry.headers, ...(payload ? { payload } : {}) });
  const figures = async (query: string, code: string) => {
    const res = await send('GET', `/api/dashboards/indicators?${query}`);
    expect(res.statusCode).toBe(200);
    return (res.json() as IndicatorDashboard).indicators.find((f) => f.indicator.code === code)!;
  };
  const define = (
    code: string,
    numerator: object,
    denominator: object | null = { fact: 'survey_respondents', surveyCode: CODE },
  ) =>
    send('POST', '/api/indicators', {
      code,
      name: { en: code },
      definition: { en: `${code}: teachers reporting students use ICT weekly or more` },
      numerator,
      denominator,
      factor: 'percent',
      disaggregations: ['sex', 'school_type', 'org_level'],
      meansOfVerification: { en: 'National survey of training effectiveness' },
    });
  const weekly = {
    fact: 'survey_answered',
    surveyCode: CODE,
    questionKey: 'student_ict_frequency',
    values: WEEKLY_OR_MORE,
  };

  it('gives the share of respondents of the latest round per unit, as computed by hand, against a target', async () => {
    const created = await define('ICT-W', weekly);
    expect(created.statusCode).toBe(201);
    const target = await send('PUT', `/api/indicators/${created.json().id}/targets`, {
      unitId: world.nation.id,
      baseline: null,
      targets: [{ year, value: 60 }],
    });
    expect(target.statusCode).toBe(200);

    const nation = await figures(`unitId=${world.nation.id}`, 'ICT-W');
    expect(nation.current).toMatchObject({ numerator: 14, denominator: 26, suppressed: false });
    expect(nation.current.value).toBeCloseTo((14 / 26) * 100);
    expect(nation.status).toBe('at_risk'); // 53.8 / 60 = 0.9
    const regionA = nation.children.find((c) => c.unitId === world.regionA.id)!;
    expect(regionA.figure).toMatchObject({ numerator: 10, denominator: 19, suppressed: false });
    const regionB = nation.children.find((c) => c.unitId === world.regionB.id)!;
    expect(regionB.figure).toMatchObject({ numerator: 4, denominator: 7, suppressed: false });
    expect(regionB.figure.value).toBeCloseTo((4 / 7) * 100);

    const region = await figures(`unitId=${world.regionA.id}`, 'ICT-W');
    const district = (id: string) => region.children.find((c) => c.unitId === id)!.figure;
    expect(district(world.districtA1.id)).toMatchObject({ numerator: 5, denominator: 8, suppressed: false });
    expect(district(world.districtA1.id).value).toBeCloseTo((5 / 8) * 100);
    expect(district(world.districtA2.id)).toMatchObject({ numerator: 2, denominator: 6, suppressed: false });

    // The same round counted alone: respondents as a count.
    const count = await send('POST', '/api/indicators', {
      code: 'ICT-N',
      name: { en: 'Respondents' },
      definition: { en: 'Respondents to the national survey' },
      numerator: { fact: 'survey_respondents', surveyCode: CODE },
      denominator: null,
      factor: 'count',
      meansOfVerification: { en: 'National survey' },
    });
    expect(count.statusCode).toBe(201);
    expect((await figures(`unitId=${world.nation.id}`, 'ICT-N')).current.value).toBe(26);
  });

  it('hides districts with fewer than five respondents, so that none can be worked out from the region', async () => {
    const region = await figures(`unitId=${world.regionA.id}`, 'ICT-W');
    const byId = new Map(region.children.map((c) => [c.unitId, c]));
    expect(byId.get(districtA3.id)).toMatchObject({ status: 'suppressed', figure: { value: null, suppressed: true } });
    expect(byId.get(districtA4.id)!.figure.suppressed).toBe(true);
    const shown = region.children.filter((c) => !c.figure.suppressed);
    expect(shown.map((c) => c.unitId).sort()).toEqual([world.districtA1.id, world.districtA2.id].sort());
    // The region less the districts shown is the 5 respondents of A3 and A4 together: not one small group.
    const rest = region.current.denominator! - shown.reduce((n, c) => n + c.figure.denominator!, 0);
    expect(rest).toBe(5);
    // Asked for directly, a small district shows nothing either.
    const alone = await figures(`unitId=${districtA3.id}`, 'ICT-W');
    expect(alone.current).toMatchObject({ value: null, numerator: null, suppressed: true });
  });

  it('breaks the share down by the sex respondents gave and by the place they answered from', async () => {
    const nation = await figures(`unitId=${world.nation.id}`, 'ICT-W');
    const bySex = nation.breakdowns.find((b) => b.by === 'sex')!;
    expect(bySex.groups.map((g) => [g.key, g.figure.numerator, g.figure.denominator])).toEqual([
      ['female', 8, 14],
      ['male', 6, 12],
    ]);
    const women = await figures(`unitId=${world.nation.id}&sex=female`, 'ICT-W');
    expect(women.current).toMatchObject({ numerator: 8, denominator: 14, suppressed: false });
    const byType = nation.breakdowns.find((b) => b.by === 'school_type')!;
    expect(byType.groups.map((g) => [g.key, g.figure.numerator, g.figure.denominator])).toEqual([['school', 14, 26]]);
  });

  it('reads a pinned round instead of the latest', async () => {
    const pinned = await define(
      'ICT-OLD',
      { ...weekly, roundId: oldRound },
      {
        fact: 'survey_respondents',
        surveyCode: CODE,
        roundId: oldRound,
      },
    );
    expect(pinned.statusCode).toBe(201);
    const nation = await figures(`unitId=${world.nation.id}`, 'ICT-OLD');
    expect(nation.current).toMatchObject({ numerator: 3, denominator: 5, suppressed: false });
  });

  it('refuses a survey code, question or round that does not exist', async () => {
    const code = (res: { json(): { error?: { code?: string } } }) => res.json().error?.code;
    const noSurvey = await define('BAD-1', { ...weekly, surveyCode: 'no_such_survey' });
    expect([noSurvey.statusCode, code(noSurvey)]).toEqual([422, 'unknown_survey']);
    const noDenominatorSurvey = await define('BAD-2', weekly, { fact: 'survey_respondents', surveyCode: 'nope' });
    expect(code(noDenominatorSurvey)).toBe('unknown_survey');
    const noQuestion = await define('BAD-3', { ...weekly, questionKey: 'student_ict_hours' });
    expect([noQuestion.statusCode, code(noQuestion)]).toEqual([422, 'unknown_survey_question']);
    const noRound = await define('BAD-4', { ...weekly, roundId: newId() });
    expect([noRound.statusCode, code(noRound)]).toEqual([422, 'unknown_survey_round']);
    const notOffered = await define('BAD-5', { ...weekly, values: ['hourly'] });
    expect([notOffered.statusCode, code(notOffered)]).toEqual([400, 'validation_failed']);
    const listed = (await send('GET', '/api/indicators')).json() as { code: string }[];
    expect(listed.map((i) => i.code).filter((c) => c.startsWith('BAD'))).toEqual([]);
  });
});
