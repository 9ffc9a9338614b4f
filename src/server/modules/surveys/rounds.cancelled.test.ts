import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { type Session, signIn, type TestApp, testApp } from '../../../../test/http.ts';
import { todayIso } from '../../shared/ids.ts';
import { cancelOffering } from '../training/offerings.changes.ts';
import * as training from '../training/training.ts';
import type { DefinitionInput } from './surveys.definition.ts';

const definition: DefinitionInput = {
  sections: [
    {
      key: 'confidence',
      title: { en: 'Confidence' },
      questions: [
        {
          key: 'confident',
          type: 'likert',
          text: { en: 'I can plan a lesson where students use ICT' },
          required: true,
          choices: ['1', '2', '3', '4'].map((v) => ({ value: `p${v}`, label: { en: v } })),
        },
      ],
    },
  ],
};
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describeOnEachDatabase('survey rounds for a cancelled offering', (getDb) => {
  let app: TestApp;
  let world: Awaited<ReturnType<typeof make.country>>;
  let ministry: Session;
  let surveyId: string;
  let offeringId: string;

  beforeAll(async () => {
    world = await make.country(getDb());
    app = await testApp(getDb());
    surveyId = await make.publishedSurvey(world.ctx, definition, { purpose: 'pre_post' });
    const standard = await make.publishedStandard(world.ctx);
    const module = await make.trainingModule(world.ctx, standard);
    const tei = await make.unit(world.ctx, world.regionA, 'tei', 'Region A Teacher College');
    const trainer = await make.user(world.ctx, 'trainer', tei);
    offeringId = (await make.offering(world.ctx, tei, { moduleId: module.id, trainerIds: [trainer.person.id] })).id;
    for (let i = 0; i < 3; i++) {
      const teacher = await make.user(world.ctx, 'teacher', world.schoolA1);
      await training.enrol(teacher.ctx, offeringId);
    }
    const officer = await make.user(world.ctx, 'ministry_officer', world.nation);
    ministry = await signIn(app, officer.username, officer.password);
  });
  afterAll(() => app.close());

  const send = (kind: 'pre' | 'post') =>
    app.inject({
      method: 'POST',
      url: `/api/surveys/${surveyId}/rounds`,
      headers: ministry.headers,
      payload: {
        title: { en: `${kind} of the offering` },
        unitId: world.districtA1.id,
        population: { categories: ['teacher'], offeringId },
        anonymous: false,
        kind,
        opensOn: todayIso(),
        closesOn: day(14),
      },
    });

  it('sends a pre round to those enrolled, and no round at all once the offering is cancelled', async () => {
    const before = await send('pre');
    expect(before.statusCode, before.body).toBe(201);
    expect(before.json().invited).toBe(3);

    await cancelOffering(world.ctx, offeringId, 'The venue is closed.');
    for (const kind of ['pre', 'post'] as const) {
      const refused = await send(kind);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'offering_cancelled', details: { offeringId } });
    }
    const rounds = await getDb()
      .db.selectFrom('survey_round')
      .select('id')
      .where('tenant_id', '=', world.ctx.tenantId)
      .where('offering_id', '=', offeringId)
      .execute();
    expect(rounds).toEqual([{ id: before.json().id }]);
  });
});
