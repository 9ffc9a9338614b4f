import fs from 'node:fs';
import path from 'node:path';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';

const schemaFile = path.resolve(import.meta.dirname, 'standards/case-v1p1-cfpackage.schema.json');

/** The official 1EdTech CASE 1.1 CFPackage schema (test/standards), compiled once. */
export function caseValidator() {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
}
