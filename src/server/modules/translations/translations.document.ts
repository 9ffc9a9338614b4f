import { AppError } from '../../shared/errors.ts';

/**
 * The shape a translation exchange file is read into and written from, whatever its format
 * (XLIFF 2.0 in translations.xliff.ts, gettext PO in translations.po.ts). Pure data: no database.
 */

/** The four states of XLIFF 2.0 segments, in the order a unit passes through them. */
export type UnitState = 'initial' | 'translated' | 'reviewed' | 'final';
export const UNIT_STATES: readonly UnitState[] = ['initial', 'translated', 'reviewed', 'final'];

export interface TranslationUnit {
  /** Which text of the object this is (e.g. `title`, `levels/2/descriptor`): any string, unique in the object. */
  key: string;
  source: string;
  /** Absent: not translated yet. */
  target?: string;
  state: UnitState;
  /** For the translator: what the text is, where it is shown, how long it may be. */
  note?: string;
}

export interface TranslationObject {
  /** The kind of object (e.g. `competency`); `type:id` is unique in a document. */
  type: string;
  id: string;
  /** A human name of the object, for the translator. */
  name?: string;
  units: TranslationUnit[];
}

export interface TranslationDocument {
  sourceLocale: string;
  targetLocale: string;
  objects: TranslationObject[];
}

const PLACEHOLDER =
  /\{\{\s*([\p{L}\p{N}_][\p{L}\p{M}\p{N}_.-]*)\s*\}\}|\{([\p{L}\p{N}_][\p{L}\p{M}\p{N}_.-]*)\s*[,}]/gu;

/**
 * The `{name}` and `{{name}}` placeholders of a text, each once, sorted; written without inner
 * spaces (`{{ name }}` counts as `{{name}}`), and an ICU argument with a type (`{count, plural, ...}`)
 * as `{count}`, since a language may write it plainly. A translation keeps the placeholders of its source.
 */
export function placeholders(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    found.add(match[1] !== undefined ? `{{${match[1]}}}` : `{${match[2]}}`);
  }
  return [...found].sort();
}

/** Refuses a text (`key`) that does not keep the placeholders of the text it stands for. */
export function requirePlaceholders(key: string, source: string, text: string) {
  const expected = placeholders(source);
  const got = placeholders(text);
  if (expected.join(' ') === got.join(' ')) return;
  throw new AppError(
    'placeholders_changed',
    `${key} must keep the placeholders ${expected.join(' ') || '(none)'}; it has ${got.join(' ') || 'none'}.`,
    { field: 'units', key, expected },
  );
}

/** One problem in a file: where (object, unit or header) and, where it is known, the line. */
export interface TranslationFault {
  where: string;
  line?: number;
  message: string;
}

/** Collects the faults of one file; `failIfAny` throws them all at once as translation_file_invalid. */
export class TranslationFaults {
  readonly list: TranslationFault[] = [];
  truncated = false;
  constructor(
    private readonly format: string,
    private readonly cap = 1000,
  ) {}
  add(where: string, message: string, line?: number) {
    if (this.list.length >= this.cap) {
      this.truncated = true;
      return;
    }
    this.list.push(line === undefined ? { where, message } : { where, line, message });
  }
  get any() {
    return this.list.length > 0 || this.truncated;
  }
  fail(): never {
    const n = this.list.length;
    throw new AppError(
      'translation_file_invalid',
      `${n}${this.truncated ? '+' : ''} problem${n === 1 ? '' : 's'} in the ${this.format} file; nothing was read.`,
      { faults: this.list, truncated: this.truncated },
    );
  }
  failIfAny() {
    if (this.any) this.fail();
  }
}

/**
 * Checks that a document can be written: `type:id` unique, unit keys unique in their object, known
 * states. A document that breaks these is a programming error, not a user's file, so a plain Error.
 */
export function assertWritable(doc: TranslationDocument): void {
  const objects = new Set<string>();
  for (const object of doc.objects) {
    const objectKey = JSON.stringify([object.type, object.id]);
    if (objects.has(objectKey)) throw new Error(`The object ${object.type}:${object.id} appears twice.`);
    objects.add(objectKey);
    const keys = new Set<string>();
    for (const unit of object.units) {
      if (keys.has(unit.key)) throw new Error(`The unit ${unit.key} appears twice in ${object.type}:${object.id}.`);
      keys.add(unit.key);
      if (!UNIT_STATES.includes(unit.state)) throw new Error(`Unit ${unit.key} has an unknown state ${unit.state}.`);
    }
  }
}
