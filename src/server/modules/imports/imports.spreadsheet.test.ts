import { beforeAll, expect, it } from 'vitest';
import { describeOnEachDatabase } from '../../../../test/db.ts';
import * as make from '../../../../test/factories.ts';
import { spreadsheetCsv } from '../../shared/csv.ts';
import * as people from '../people/people.service.ts';
import { FaultList, readCsv } from './csv.ts';
import { importPeople } from './imports.service.ts';

describeOnEachDatabase('roster import of a file that went through a spreadsheet export', (getDb) => {
  let world: Awaited<ReturnType<typeof make.country>>;
  let officer: Awaited<ReturnType<typeof make.user>>;

  beforeAll(async () => {
    world = await make.country(getDb());
    officer = await make.user(world.ctx, 'district_officer', world.districtA1);
  });

  it('reads a guarded cell as its original value and keeps a genuine leading apostrophe', async () => {
    const file = [
      'national_id,given_name,family_name,sex,category,org_unit_code',
      `GRD-1,'=Ana,'-Cruz,female,teacher,${world.schoolA1.code}`,
      `GRD-2,'tis,O'Neill,male,teacher,${world.schoolA1.code}`,
    ].join('\n');
    expect(await importPeople(officer.ctx, [Buffer.from(file)])).toMatchObject({ created: 2 });
    const first = await people.findByNationalId(world.ctx, 'GRD-1');
    expect([first.given_name, first.family_name]).toEqual(['=Ana', '-Cruz']);
    const second = await people.findByNationalId(world.ctx, 'GRD-2');
    expect([second.given_name, second.family_name]).toEqual(["'tis", "O'Neill"]);
  });

  it('gives back every value of a spreadsheet CSV Pathway wrote (the reader of results files too)', async () => {
    const values = ['=SUM(A1)', '@cmd', '-5 points', "'=quoted", "'tis", 'plain'];
    const faults = new FaultList();
    const read = [];
    for await (const record of readCsv(
      [spreadsheetCsv([['value'], ...values.map((v) => [v])])],
      { required: ['value'], optional: [] },
      faults,
    )) {
      read.push(record.values.value);
    }
    expect(faults.any).toBe(false);
    expect(read).toEqual(values);
  });
});
