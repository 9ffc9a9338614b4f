import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { expect, it, vi } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { Ctx } from '../../shared/context.ts';
import { todayIso } from '../../shared/ids.ts';
import { MINIMUM_GROUP } from '../../shared/suppression.ts';
import { addMonths } from '../practice/coaching.links.ts';
import { FoldSchedule } from './fold.schedule.ts';
import * as responses from './responses.service.ts';
import { roundResults } from './results.service.ts';
import * as rounds from './rounds.service.ts';
import type { DefinitionInput } from './surveys.definition.ts';
import { foldEveryRound, type TallyRow, tallyKey, tallyRows } from './tally.ts';

const choices = ['never', 'monthly', 'weekly'].map((value) => ({ value, label: { en: value } }));
const definition: DefinitionInput = {
  sections: [
    {
      key: 'use',
      title: { en: 'ICT in your lessons' },
      questions: [
        { key: 'frequency', type: 'likert', text: { en: 'How often?' }, required: true, choices },
        { key: 'tools', type: 'multiple', text: { en: 'Which tools?' }, choices },
        {
          key: 'skills',
          type: 'matrix',
          text: { en: 'How often do you use each?' },
          choices,
          rows: ['slides', 'video'].map((value) => ({ value, label: { en: value } })),
        },
        { key: 'years', type: 'number', text: { en: 'Years teaching' }, min: 0, max: 50 },
        { key: 'how', type: 'long_text', text: { en: 'What did they do?' } },
      ],
    },
  ],
};

const sorted = (rows: TallyRow[]) =>
  rows
    .map((r) => ({ ...r, value_number: Number(r.value_number), n: Number(r.n) }))
    .sort((a, b) => (tallyKey(a) < tallyKey(b) ? -1 : 1));

async function twentyTeachers(getDb: () => Database) {
  const world = await make.country(getDb());
  const surveyId = await make.publishedSurvey(world.ctx, definition);
  const schools = [world.schoolA1, world.schoolA1b, world.schoolA2, world.schoolB1];
  const teachers: Ctx[] = [];
  for (let i = 0; i < 20; i++) {
    const person = await make.person(world.ctx, schools[i % schools.length]!, { category: 'teacher' });
    await getDb()
      .db.updateTable('person')
      .set({ sex: i % 3 ? 'female' : 'male' })
      .where('id', '=', person.id)
      .execute();
    teachers.push({
      ...world.ctx,
      actor: { accountId: null, personId: person.id, username: `t${i}`, system: false, grants: [] },
    });
  }
  const today = todayIso();
  const round = await rounds.createRound(world.ctx, surveyId, {
    title: { en: 'ICT use' },
    unitId: world.nation.id,
    population: { categories: ['teacher'] },
    anonymous: true,
    kind: 'general',
    opensOn: today,
    closesOn: addMonths(today, 1),
  });
  return { world, teachers, round };
}

const answers = (i: number) => ({
  frequency: choices[i % 3]!.value,
  tools: choices.filter((_, c) => (i + c) % 2 === 0).map((c) => c.value),
  skills: { slides: choices[i % 2]!.value, video: choices[(i + 1) % 3]!.value },
  years: i % 7,
  how: `Lesson ${i}`,
});

/** The round's tallies as stored, and as counted again from every stored response and its answers. */
async function storedAndRebuilt(db: Kysely<DB>, roundId: string) {
  const stored = await db.selectFrom('survey_response').selectAll().where('round_id', '=', roundId).execute();
  const rebuilt = new Map<string, TallyRow>();
  for (const response of stored) {
    const rows = await db.selectFrom('survey_answer').selectAll().where('response_id', '=', response.id).execute();
    for (const row of tallyRows(response, rows)) {
      const seen = rebuilt.get(tallyKey(row));
      if (seen) seen.n += row.n;
      else rebuilt.set(tallyKey(row), row);
    }
  }
  const tallies = await db.selectFrom('survey_tally').selectAll().where('round_id', '=', roundId).execute();
  return { responses: stored, tallies: sorted(tallies), rebuilt: sorted([...rebuilt.values()]) };
}

describeOnEachDatabase('survey tallies kept as responses come in', (getDb) => {
  it('equal the tallies counted again from the answers when twenty teachers submit at once, results read meanwhile', async () => {
    const { world, teachers, round } = await twentyTeachers(getDb);

    // Everyone at once, with results read between; the first five also submit a second time, which
    // must be refused and add nothing.
    const outcomes = await Promise.allSettled([
      ...teachers.flatMap((ctx, i) => [
        (async () => responses.submit(await responses.asInvited(ctx, round.id), answers(i)))(),
        roundResults(world.ctx, round.id, {}).then(() => undefined),
      ]),
      ...teachers
        .slice(0, 5)
        .map(async (ctx, i) => responses.submit(await responses.asInvited(ctx, round.id), answers(i + 1))),
    ]);
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(40);
    expect(refused.map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill('response_submitted'));

    const results = await roundResults(world.ctx, round.id, {});
    expect(results).toMatchObject({ respondents: 20, suppressed: false });
    // Which of a teacher's two submissions wins is a race: the counts are those of the answers kept.
    const kept = await getDb()
      .db.selectFrom('survey_answer')
      .select('value_text')
      .where('round_id', '=', round.id)
      .where('question_key', '=', 'frequency')
      .execute();
    const counts: Record<string, number> = {};
    for (const { value_text } of kept) counts[value_text!] = (counts[value_text!] ?? 0) + 1;
    expect(kept).toHaveLength(20);
    expect(results.questions.find((q) => q.key === 'frequency')?.counts).toEqual(counts);
    const { responses: stored, tallies, rebuilt } = await storedAndRebuilt(getDb().db, round.id);
    expect(stored).toHaveLength(20);
    expect(stored.every((r) => r.tallied === 1 && r.person_id === null)).toBe(true);
    expect(tallies).toEqual(rebuilt);
    expect(tallies.find((t) => t.unit_path === world.nation.path && t.grp === '' && t.kind === 'r')?.n).toBe(20);
  });

  it('are folded by the server shortly after submissions, without a reader; a closing server folds no more', async () => {
    const { teachers, round } = await twentyTeachers(getDb);
    const warned = vi.fn();
    const folds = new FoldSchedule({ warn: warned } as unknown as FastifyBaseLogger, 50);
    const waitingCount = async () =>
      (
        await getDb()
          .db.selectFrom('survey_response')
          .select('id')
          .where('round_id', '=', round.id)
          .where('tallied', '=', 0)
          .execute()
      ).length;
    for (const [i, ctx] of teachers.slice(0, 12).entries()) {
      await responses.submit(await responses.asInvited(ctx, round.id), answers(i));
      folds.after(ctx, round.id);
    }
    await vi.waitFor(async () => expect(await waitingCount()).toBe(0), { timeout: 5000, interval: 25 });
    const { responses: stored, tallies, rebuilt } = await storedAndRebuilt(getDb().db, round.id);
    expect(stored).toHaveLength(12);
    expect(stored.every((r) => r.pending_answers === null)).toBe(true);
    expect(tallies).toEqual(rebuilt);

    // A server closing before a fold is due folds nothing more: the fold is asked for after the
    // submissions (however slow they were) and the server closes at once, well before it is due.
    for (const [i, ctx] of teachers.slice(12).entries())
      await responses.submit(await responses.asInvited(ctx, round.id), answers(i));
    folds.after(teachers[12]!, round.id);
    await folds.close();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await waitingCount()).toBe(8);
    expect(warned).not.toHaveBeenCalled();
  });

  it('count a submission in the results read right after it', async () => {
    const { world, teachers, round } = await twentyTeachers(getDb);
    for (const [i, ctx] of teachers.entries()) {
      await responses.submit(await responses.asInvited(ctx, round.id), answers(i));
      const results = await roundResults(world.ctx, round.id, {});
      if (i + 1 < MINIMUM_GROUP) expect(results).toMatchObject({ respondents: null, suppressed: true });
      else expect(results).toMatchObject({ respondents: i + 1, suppressed: false });
    }
    const { tallies, rebuilt } = await storedAndRebuilt(getDb().db, round.id);
    expect(tallies).toEqual(rebuilt);
  });

  it('are counted for every waiting round at once by fold-tallies, each response once, with its place', async () => {
    const { world, teachers, round } = await twentyTeachers(getDb);
    for (const [i, ctx] of teachers.slice(0, 7).entries())
      await responses.submit(await responses.asInvited(ctx, round.id), answers(i));
    expect((await storedAndRebuilt(getDb().db, round.id)).tallies).toEqual([]);
    expect(await foldEveryRound(world.ctx)).toBe(1);
    expect(await foldEveryRound(world.ctx)).toBe(0);
    const { responses: stored, tallies, rebuilt } = await storedAndRebuilt(getDb().db, round.id);
    expect(tallies).toEqual(rebuilt);
    expect(stored.every((r) => r.tallied === 1 && r.place === 'unknown|school')).toBe(true);
    const placed = tallies.filter((t) => t.grp === 'place:unknown|school' && t.kind === 'r');
    expect(placed.map((t) => t.n)).toContain(7);
  });
});
