import { type GetTextTranslation, type GetTextTranslations, po } from 'gettext-parser';
import {
  assertWritable,
  type TranslationDocument,
  TranslationFaults,
  type TranslationObject,
  type TranslationUnit,
  type UnitState,
} from './translations.document.ts';

/**
 * gettext PO for a translation document, written and read with gettext-parser (its compiler folds
 * lines as GNU gettext and Poedit do; its parser with validation on finds syntax errors and duplicates).
 *
 *   msgid ""
 *   msgstr ""
 *   "Language: ru\n"  "X-Source-Language: en\n"  "X-Pathway-Object-Names: {\"competency:1b2c…\":\"…\"}\n"
 *
 *   #. the unit's note
 *   #, fuzzy
 *   msgctxt "competency:1b2c…#levels/2/descriptor"
 *   msgid "source"
 *   msgstr "target"
 *
 * msgctxt is `type:id#key`: in type and id (not in the key) `%`, `:` and `#` are written `%25`, `%3A`
 * and `%23`, so the first `:` ends the type, the first `#` after it ends the id, and the key is the
 * rest as it is. Objects' names, which PO has no place for, are kept in the X-Pathway-Object-Names
 * header as JSON (`type:id` as in msgctxt, to name).
 *
 * States: PO knows translated, fuzzy and untranslated. `#, fuzzy` marks an `initial` unit that has a
 * target; `reviewed` and `final` are flags of those names (Poedit keeps unknown flags), and so is
 * `translated` for the odd unit that is translated without a target. With no flag a unit is
 * `translated` when it has a target, `initial` when not. Fuzzy outweighs the others: a translator who
 * marks a reviewed text "needs work" sends it back to initial.
 *
 * What PO cannot carry: an empty target (msgstr "" means untranslated, so it reads back as none), and
 * in notes (`#.` lines) a line's leading whitespace and a CR.
 */

export const OBJECT_NAMES_HEADER = 'X-Pathway-Object-Names';
export const SOURCE_LANGUAGE_HEADER = 'X-Source-Language';

const escapePart = (value: string) => value.replace(/%/g, '%25').replace(/:/g, '%3A').replace(/#/g, '%23');
const unescapePart = (value: string): string | null => {
  const plain = value.replace(/%(25|3A|23)/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return escapePart(plain) === value ? plain : null;
};

/** `type:id` with both parts escaped, as msgctxt and the names header write an object. */
export const poObjectRef = (type: string, id: string) => `${escapePart(type)}:${escapePart(id)}`;
export const poContext = (type: string, id: string, key: string) => `${poObjectRef(type, id)}#${key}`;

/** The object and key a msgctxt names, or null when it is not one toPo writes. */
export function parsePoContext(context: string): { type: string; id: string; key: string } | null {
  const colon = context.indexOf(':');
  const hash = context.indexOf('#', colon + 1);
  if (colon < 0 || hash < 0) return null;
  const type = unescapePart(context.slice(0, colon));
  const id = unescapePart(context.slice(colon + 1, hash));
  if (type === null || id === null) return null;
  return { type, id, key: context.slice(hash + 1) };
}

function flagFor(unit: TranslationUnit): string | undefined {
  const hasTarget = unit.target !== undefined && unit.target !== '';
  if (unit.state === (hasTarget ? 'translated' : 'initial')) return undefined;
  return unit.state === 'initial' ? 'fuzzy' : unit.state;
}

function stateFrom(flags: Set<string>, hasTarget: boolean): UnitState {
  if (flags.has('fuzzy')) return 'initial';
  for (const state of ['final', 'reviewed', 'translated'] as const) if (flags.has(state)) return state;
  return hasTarget ? 'translated' : 'initial';
}

/** The document as a PO file (UTF-8, lines folded at 79 columns). Objects without units are left out. */
export function toPo(doc: TranslationDocument): string {
  assertWritable(doc);
  const names: Record<string, string> = {};
  const translations: GetTextTranslations['translations'] = { '': { '': { msgid: '', msgstr: [''] } } };
  for (const object of doc.objects) {
    if (object.units.length === 0) continue;
    if (object.name !== undefined) names[poObjectRef(object.type, object.id)] = object.name;
    for (const unit of object.units) {
      const msgctxt = poContext(object.type, object.id, unit.key);
      const entry: GetTextTranslation = { msgctxt, msgid: unit.source, msgstr: [unit.target ?? ''] };
      const flag = flagFor(unit);
      if (unit.note !== undefined || flag !== undefined) {
        entry.comments = {};
        if (unit.note !== undefined) entry.comments.extracted = unit.note;
        if (flag !== undefined) entry.comments.flag = flag;
      }
      translations[msgctxt] = { [unit.source]: entry };
    }
  }
  const headers: Record<string, string> = {
    'Project-Id-Version': 'Pathway',
    Language: doc.targetLocale,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    'Content-Transfer-Encoding': '8bit',
    'X-Generator': 'Pathway',
    [SOURCE_LANGUAGE_HEADER]: doc.sourceLocale,
  };
  if (Object.keys(names).length > 0) headers[OBJECT_NAMES_HEADER] = JSON.stringify(names);
  return po.compile({ charset: 'utf-8', headers, translations }, { foldLength: 79, sort: false }).toString('utf8');
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : headers[found]?.trim();
}

function readNames(value: string | undefined, faults: TranslationFaults): Map<string, string> {
  const names = new Map<string, string>();
  if (value === undefined) return names;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    faults.add('header', `The ${OBJECT_NAMES_HEADER} header is not a JSON object.`);
    return names;
  }
  for (const [ref, name] of Object.entries(parsed)) {
    if (typeof name === 'string') names.set(ref, name);
    else faults.add('header', `The ${OBJECT_NAMES_HEADER} header gives ${ref} a name that is not text.`);
  }
  return names;
}

/**
 * Reads a PO file. Every fault found is reported at once, naming the entry's msgctxt (or the line,
 * for a syntax error), as translation_file_invalid; nothing is returned from a faulty file.
 * Obsolete (`#~`) entries, translator and reference comments and unknown flags are passed over.
 */
export function fromPo(text: string): TranslationDocument {
  const faults = new TranslationFaults('PO');
  let table: GetTextTranslations;
  try {
    table = po.parse(text.replace(/^\uFEFF/, ''), { validation: true });
  } catch (error) {
    const message = (error as Error).message;
    let line = (error as { lineNumber?: unknown }).lineNumber;
    // The parser counts the line break that ends an unclosed string before it notices: the string is a line up.
    if (typeof line === 'number' && message.includes('End-of-line within string')) line -= 1;
    faults.add('file', message, typeof line === 'number' ? line : undefined);
    return faults.fail();
  }

  const headers = (table.headers ?? {}) as Record<string, string>;
  if (!table.headers) faults.add('header', 'The file has no header entry (msgid "").');
  const targetLocale = header(headers, 'Language');
  const sourceLocale = header(headers, SOURCE_LANGUAGE_HEADER);
  if (table.headers && !targetLocale) faults.add('header', 'The header has no Language: the language translated into.');
  if (table.headers && !sourceLocale) faults.add('header', `The header has no ${SOURCE_LANGUAGE_HEADER}.`);
  const names = readNames(header(headers, OBJECT_NAMES_HEADER), faults);

  const objects = new Map<string, TranslationObject>();
  for (const [context, entries] of Object.entries(table.translations)) {
    const messages = Object.values(entries);
    if (context === '') {
      for (const entry of messages) {
        if (entry.msgid !== '') faults.add(`msgid "${entry.msgid}"`, 'The entry has no msgctxt: it names no unit.');
      }
      continue;
    }
    const where = `msgctxt "${context}"`;
    const ref = parsePoContext(context);
    if (!ref) {
      faults.add(where, 'The msgctxt is not type:id#key as Pathway writes it.');
      continue;
    }
    if (messages.length > 1) {
      faults.add(where, `The unit ${ref.key} appears ${messages.length} times.`);
      continue;
    }
    const entry = messages[0]!;
    if (entry.msgid_plural !== undefined) {
      faults.add(where, 'Plural forms (msgid_plural) are not used for these texts.');
      continue;
    }
    const target = entry.msgstr[0] ?? '';
    const flags = new Set(
      (entry.comments?.flag ?? '')
        .split(/[,\n]/)
        .map((flag) => flag.trim())
        .filter(Boolean),
    );
    const unit: TranslationUnit = { key: ref.key, source: entry.msgid, state: stateFrom(flags, target !== '') };
    if (target !== '') unit.target = target;
    if (entry.comments?.extracted !== undefined) unit.note = entry.comments.extracted;

    const objectRef = poObjectRef(ref.type, ref.id);
    let object = objects.get(objectRef);
    if (!object) {
      object = { type: ref.type, id: ref.id, units: [] };
      const name = names.get(objectRef);
      if (name !== undefined) object.name = name;
      objects.set(objectRef, object);
    }
    object.units.push(unit);
  }
  faults.failIfAny();
  return { sourceLocale: sourceLocale!, targetLocale: targetLocale!, objects: [...objects.values()] };
}
