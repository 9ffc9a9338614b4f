import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { exportFramework, importFramework } from './frameworks.exchange.ts';
import type { FrameworkDetail } from './frameworks.schemas.ts';
import * as frameworks from './frameworks.service.ts';

const FORMULA_TITLES = ['=SUM(A1)', '@cmd', '-5 points'];

describeOnEachDatabase('framework CSV exports guard spreadsheet formulas', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let elsewhere: Awaited<ReturnType<typeof make.tenant>>;
  let fw: FrameworkDetail;
  let codes: string[];

  beforeAll(async () => {
    world = await make.country(getDb());
    elsewhere = await make.tenant(getDb());
    const draft = await frameworks.createFromTemplate(world.ctx, { version: '1.0' });
    const competencies = draft.items.filter((i) => i.type === 'competency').slice(0, 4);
    codes = competencies.map((i) => i.code);
    for (const [n, title] of [...FORMULA_TITLES, "'tis the season"].entries()) {
      await frameworks.updateItem(world.ctx, draft.id, competencies[n]!.id, { title: { en: title } });
    }
    // A statement that already starts with a quote and a formula character keeps its quote.
    await frameworks.updateItem(world.ctx, draft.id, competencies[0]!.id, { statement: { en: "'=A1 stays" } });
    fw = await frameworks.getFramework(world.ctx, draft.id);
  });

  const exported = async (format: 'csv' | 'moodle-csv') =>
    (await exportFramework(world.ctx, fw.id, format, 'https://pathway.example')).body;
  const titleOf = (f: FrameworkDetail, code: string) => f.items.find((i) => i.code === code)!.title.en;

  it('writes formula-like titles as quoted text in Pathway CSV, and reads them back as they were', async () => {
    const csv = await exported('csv');
    const records = parse(csv) as string[][];
    const title = records[0]!.indexOf('title_en');
    const rowOf = (code: string) => records.find((r) => r[0] === code)!;
    expect(codes.map((c) => rowOf(c)[title])).toEqual(["'=SUM(A1)", "'@cmd", "'-5 points", "'tis the season"]);
    expect(rowOf(codes[0]!)[records[0]!.indexOf('statement_en')]).toBe("''=A1 stays");

    const copy = await importFramework(elsewhere.ctx, Buffer.from(csv), { format: 'csv' });
    const back = await frameworks.getFramework(elsewhere.ctx, copy.frameworkId);
    expect(codes.map((c) => titleOf(back, c))).toEqual([...FORMULA_TITLES, "'tis the season"]);
    expect(back.items.find((i) => i.code === codes[0])!.statement.en).toBe("'=A1 stays");
    expect((await exportFramework(elsewhere.ctx, back.id, 'csv', 'https://pathway.example')).body).toBe(csv);
  });

  it('writes formula-like short names as quoted text in Moodle CSV, and reads them back as they were', async () => {
    const csv = await exported('moodle-csv');
    const records = parse(csv) as string[][];
    const rowOf = (code: string) => records.find((r) => r[1] === code)!;
    expect(codes.map((c) => rowOf(c)[2])).toEqual(["'=SUM(A1)", "'@cmd", "'-5 points", "'tis the season"]);

    const copy = await importFramework(elsewhere.ctx, Buffer.from(csv), { format: 'moodle-csv', language: 'en' });
    const back = await frameworks.getFramework(elsewhere.ctx, copy.frameworkId);
    expect(codes.map((c) => titleOf(back, c))).toEqual([...FORMULA_TITLES, "'tis the season"]);
    expect(back.items.find((i) => i.code === codes[0])!.statement.en).toBe("'=A1 stays");
  });
});
