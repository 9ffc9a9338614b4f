import fs from 'node:fs';
import type { ValidateFunction } from 'ajv';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { AppError } from '../../shared/errors.ts';
import type { AggregatePackage } from './exchange.ts';

/** The published shape of a package (served at /schemas/aggregate-package-1.json for other tools). */
export const PACKAGE_SCHEMA_FILE = new URL('./aggregate-package.schema.json', import.meta.url);

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = new Ajv.default({ allErrors: false, strict: true });
    addFormats.default(ajv);
    validator = ajv.compile(JSON.parse(fs.readFileSync(PACKAGE_SCHEMA_FILE, 'utf8')));
  }
  return validator;
}

/** The package if its shape is the published one; otherwise an error naming the failing property. */
export function validatePackageShape(value: unknown): AggregatePackage {
  const validate = compiled();
  if (validate(value)) return value as AggregatePackage;
  const fault = validate.errors![0]!;
  const extra = (fault.params as { additionalProperty?: string }).additionalProperty;
  const where = `${fault.instancePath}${extra ? `/${extra}` : ''}` || '/';
  throw new AppError(
    'exchange_package_invalid',
    `The package does not have the published shape: ${where} ${fault.message}.`,
    {
      field: where,
    },
  );
}
