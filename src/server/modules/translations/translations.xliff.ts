import { XMLBuilder, XMLParser, XMLValidator, type XmlBuilderOptions } from 'fast-xml-parser';
import {
  assertWritable,
  type TranslationDocument,
  TranslationFaults,
  type TranslationObject,
  type TranslationUnit,
  UNIT_STATES,
  type UnitState,
} from './translations.document.ts';

/**
 * XLIFF 2.0 (OASIS, core only) for a translation document: one `<file>` per object, one `<unit>` with
 * one `<segment>` per text. Written and read with fast-xml-parser (XMLBuilder, XMLValidator, XMLParser);
 * no XML is put together or taken apart by hand.
 *
 *   <xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
 *     <file id="competency:1b2c…" canResegment="no" xml:space="preserve">
 *       <notes><note category="name">Digital literacy</note></notes>
 *       <unit id="levels_2F2_2Fdescriptor" name="levels/2/descriptor">
 *         <notes><note>Shown on the certificate.</note></notes>
 *         <segment state="translated"><source>…</source><target>…</target></segment>
 *       </unit>
 *     </file>
 *   </xliff>
 *
 * Ids are NMTOKENs, so unit keys, types and object ids are encoded (encodeXliffId): ASCII letters,
 * digits, `.` and `-` stay; `_` is written `__`; every other character is written as its UTF-8 bytes,
 * each `_HH` (upper-case hex); the empty string is `_`. The file id is `encode(type):encode(id)` (an
 * encoded part never holds `:`). The unit's `name` repeats the key for people; only the id is read.
 *
 * Reading is lenient where translation tools differ and strict where meaning would be lost: extra
 * attributes, other namespaces' elements (`mda:metadata`…), `originalData`, comments, CDATA and `<group>`s
 * are passed over; a unit that a tool split into several segments (and `ignorable`s) is joined again,
 * its state the least of its segments'; `<mrk>` annotations keep their text and `<cp hex>` its
 * character; inline codes (`ph`, `pc`, `sc`, `ec`) are refused, as Pathway never writes any.
 */

export const XLIFF_NAMESPACE = 'urn:oasis:names:tc:xliff:document:2.0';

// ---- ids ----

const KEPT = /^[A-Za-z0-9.-]$/;
const encoder = new TextEncoder();

/** A string as an NMTOKEN, reversibly (see the module comment). */
export function encodeXliffId(value: string): string {
  if (value === '') return '_';
  let out = '';
  for (const char of value) {
    if (KEPT.test(char)) out += char;
    else if (char === '_') out += '__';
    else for (const byte of encoder.encode(char)) out += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The string an id encodes, or null when the id is not exactly what encodeXliffId writes. */
export function decodeXliffId(id: string): string | null {
  if (id === '_') return '';
  const bytes: number[] = [];
  for (let i = 0; i < id.length; i++) {
    const char = id[i]!;
    if (char !== '_') {
      if (!KEPT.test(char)) return null;
      bytes.push(char.charCodeAt(0));
    } else if (id[i + 1] === '_') {
      bytes.push(0x5f);
      i++;
    } else {
      const hex = id.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) return null;
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    }
  }
  let value: string;
  try {
    value = new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
  return encodeXliffId(value) === id ? value : null;
}

export function xliffFileId(type: string, id: string): string {
  return `${encodeXliffId(type)}:${encodeXliffId(id)}`;
}

// ---- writing ----

type XNode = Record<string, unknown>;

const element = (name: string, children: XNode[], attributes?: Record<string, string>): XNode => {
  const node: XNode = { [name]: children };
  if (attributes) node[':@'] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`@_${k}`, v]));
  return node;
};
const text = (value: string): XNode[] => (value === '' ? [] : [{ '#text': value }]);

/** Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls but tab,
 * LF and CR; U+FFFE and U+FFFF; lone surrogates (for…of yields a pair as one character). */
function carriesInXml(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code === 0xfffe || code === 0xffff)
      return false;
    if (code >= 0xd800 && code <= 0xdfff) return false;
  }
  return true;
}

function checkXmlText(value: string, where: string): string {
  if (!carriesInXml(value)) throw new Error(`${where} holds a character that XML cannot carry.`);
  return value;
}

const builderOptions: XmlBuilderOptions & { entities: { regex: RegExp; val: string }[] } = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
  // Text needs only these (attribute values get their quotes escaped as well). CR too: a parser turns
  // a raw CR into LF, a character reference it keeps.
  entities: [
    { regex: /&/g, val: '&amp;' },
    { regex: />/g, val: '&gt;' },
    { regex: /</g, val: '&lt;' },
    { regex: /\r/g, val: '&#13;' },
  ],
};

function unitNode(object: TranslationObject, unit: TranslationUnit): XNode {
  const where = `Unit ${unit.key} of ${object.type}:${object.id}`;
  const children: XNode[] = [];
  if (unit.note !== undefined) {
    children.push(element('notes', [element('note', text(checkXmlText(unit.note, where)))]));
  }
  const segment = [element('source', text(checkXmlText(unit.source, where)))];
  if (unit.target !== undefined) segment.push(element('target', text(checkXmlText(unit.target, where))));
  children.push(element('segment', segment, { state: unit.state }));
  return element('unit', children, { id: encodeXliffId(unit.key), name: checkXmlText(unit.key, where) });
}

/**
 * The document as XLIFF 2.0. Objects without units are left out: XLIFF wants at least one unit
 * in a file, and there is nothing in them to translate.
 */
export function toXliff(doc: TranslationDocument): string {
  assertWritable(doc);
  const files = doc.objects
    .filter((object) => object.units.length > 0)
    .map((object) => {
      const children: XNode[] = [];
      if (object.name !== undefined) {
        const name = checkXmlText(object.name, `The name of ${object.type}:${object.id}`);
        children.push(element('notes', [element('note', text(name), { category: 'name' })]));
      }
      for (const unit of object.units) children.push(unitNode(object, unit));
      return element('file', children, {
        id: xliffFileId(object.type, object.id),
        canResegment: 'no',
        'xml:space': 'preserve',
      });
    });
  const tree = [
    element('?xml', [{ '#text': '' }], { version: '1.0', encoding: 'UTF-8' }),
    element('xliff', files, {
      xmlns: XLIFF_NAMESPACE,
      version: '2.0',
      srcLang: checkXmlText(doc.sourceLocale, 'The source locale'),
      trgLang: checkXmlText(doc.targetLocale, 'The target locale'),
    }),
  ];
  return `${new XMLBuilder(builderOptions).build(tree).trimEnd()}\n`;
}

// ---- reading ----

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  cdataPropName: '#cdata',
  // Numeric character references (`&#13;`, `&#x41;`) are decoded only with this on.
  htmlEntities: true,
  captureMetaData: true,
});
// Typed `Symbol` by the library; it is the symbol under which captureMetaData puts `startIndex`.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const isText = (node: XNode) => '#text' in node;
const isCdata = (node: XNode) => '#cdata' in node;
const nameOf = (node: XNode): string | undefined =>
  isText(node) || isCdata(node) ? undefined : Object.keys(node).find((k) => k !== ':@');
const childrenOf = (node: XNode): XNode[] => {
  const name = nameOf(node);
  return name === undefined ? [] : ((node[name] as XNode[] | undefined) ?? []);
};
const attribute = (node: XNode, name: string): string | undefined =>
  (node[':@'] as Record<string, string> | undefined)?.[`@_${name}`];

class Reader {
  readonly faults = new TranslationFaults('XLIFF');
  private readonly lineStarts: number[] = [0];
  /** `prefix:` of XLIFF core elements, as the root declared the namespace ('' for the default). */
  prefix = '';

  constructor(xml: string) {
    for (let i = 0; i < xml.length; i++) if (xml[i] === '\n') this.lineStarts.push(i + 1);
  }

  line(node: XNode): number | undefined {
    const start = (node as { [META]?: { startIndex?: number } })[META]?.startIndex;
    if (start === undefined) return undefined;
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= start) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  fault(where: string, message: string, node?: XNode) {
    this.faults.add(where, message, node ? this.line(node) : undefined);
  }

  /** The XLIFF core name of an element (`unit`), or undefined for another namespace's. */
  core(node: XNode): string | undefined {
    const name = nameOf(node);
    if (name === undefined) return undefined;
    if (this.prefix === '') return name.includes(':') ? undefined : name;
    return name.startsWith(this.prefix) ? name.slice(this.prefix.length) : undefined;
  }

  coreChildren(node: XNode, name: string): XNode[] {
    return childrenOf(node).filter((child) => this.core(child) === name);
  }

  /** The text of a note, or of a source or target (see the module comment on inline elements). */
  text(node: XNode, where: string, inline: boolean): string {
    let out = '';
    for (const child of childrenOf(node)) {
      if (isText(child)) out += String(child['#text']);
      else if (isCdata(child)) out += (child['#cdata'] as XNode[]).map((c) => String(c['#text'] ?? '')).join('');
      else {
        const name = this.core(child);
        if (inline && name === 'mrk') out += this.text(child, where, inline);
        else if (inline && (name === 'sm' || name === 'em')) continue;
        else if (inline && name === 'cp') {
          const hex = attribute(child, 'hex') ?? '';
          const code = /^[0-9A-Fa-f]{1,6}$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
          if (code <= 0x10ffff) out += String.fromCodePoint(code);
          else this.fault(where, `<cp hex="${hex}"> is not a code point.`, child);
        } else {
          this.fault(where, `<${nameOf(child)}> is not allowed here: write plain text without inline codes.`, child);
        }
      }
    }
    return out;
  }
}

const STATE_RANK = new Map(UNIT_STATES.map((state, i) => [state, i]));

function readUnit(reader: Reader, node: XNode, fileWhere: string, key: string): TranslationUnit | undefined {
  const where = `${fileWhere}, unit ${key}`;
  const notes = reader
    .coreChildren(node, 'notes')
    .flatMap((notes) => reader.coreChildren(notes, 'note').map((note) => reader.text(note, where, false)));
  const parts: { source: string; target?: string; state?: UnitState; ignorable: boolean }[] = [];
  let complete = true;
  for (const child of childrenOf(node)) {
    const name = reader.core(child);
    if (name !== 'segment' && name !== 'ignorable') continue;
    const sources = reader.coreChildren(child, 'source');
    const targets = reader.coreChildren(child, 'target');
    if (sources.length !== 1) {
      reader.fault(where, `A <${name}> needs exactly one <source>, not ${sources.length}.`, child);
      complete = false;
      continue;
    }
    if (targets.length > 1) {
      reader.fault(where, `A <${name}> has at most one <target>, not ${targets.length}.`, child);
      complete = false;
      continue;
    }
    const part: (typeof parts)[number] = {
      source: reader.text(sources[0]!, where, true),
      ignorable: name === 'ignorable',
    };
    if (targets[0]) part.target = reader.text(targets[0], where, true);
    if (name === 'segment') {
      const state = attribute(child, 'state') ?? 'initial';
      if (STATE_RANK.has(state as UnitState)) part.state = state as UnitState;
      else {
        reader.fault(where, `The state "${state}" is none of ${UNIT_STATES.join(', ')}.`, child);
        complete = false;
      }
    }
    parts.push(part);
  }
  if (!parts.some((part) => !part.ignorable)) {
    if (complete) reader.fault(where, 'The unit has no <segment> with a <source>.', node);
    return undefined;
  }
  if (!complete) return undefined;

  const segments = parts.filter((part) => !part.ignorable);
  const translated = parts.some((part) => part.target !== undefined);
  let state = segments
    .map((part) => part.state!)
    .reduce((least, s) => (STATE_RANK.get(s)! < STATE_RANK.get(least)! ? s : least));
  // A segment left without a target while others have one: the text as a whole is not translated yet.
  if (translated && segments.some((part) => part.target === undefined)) state = 'initial';
  const unit: TranslationUnit = { key, source: parts.map((part) => part.source).join(''), state };
  if (translated) unit.target = parts.map((p) => p.target ?? (p.ignorable ? p.source : '')).join('');
  if (notes.length > 0) unit.note = notes.join('\n');
  return unit;
}

/** Units of a file or group, groups flattened in document order. */
function readUnits(reader: Reader, container: XNode, fileWhere: string, units: TranslationUnit[], ids: Set<string>) {
  for (const child of childrenOf(container)) {
    const name = reader.core(child);
    if (name === 'group') {
      readUnits(reader, child, fileWhere, units, ids);
      continue;
    }
    if (name !== 'unit') continue;
    const id = attribute(child, 'id');
    if (id === undefined || id === '') {
      reader.fault(fileWhere, 'A <unit> has no id.', child);
      continue;
    }
    const key = decodeXliffId(id);
    if (key === null) {
      reader.fault(`${fileWhere}, unit ${id}`, `The unit id ${id} is not one Pathway wrote.`, child);
      continue;
    }
    if (ids.has(id)) {
      reader.fault(`${fileWhere}, unit ${key}`, `The unit id ${id} appears twice in the file.`, child);
      continue;
    }
    ids.add(id);
    const unit = readUnit(reader, child, fileWhere, key);
    if (unit) units.push(unit);
  }
}

function readFile(reader: Reader, node: XNode): TranslationObject | undefined {
  const fileId = attribute(node, 'id');
  if (fileId === undefined || fileId === '') {
    reader.fault('file', 'A <file> has no id.', node);
    return undefined;
  }
  const parts = fileId.split(':');
  const type = parts.length === 2 ? decodeXliffId(parts[0]!) : null;
  const id = parts.length === 2 ? decodeXliffId(parts[1]!) : null;
  if (type === null || id === null) {
    reader.fault(`file ${fileId}`, `The file id ${fileId} is not type:id as Pathway writes it.`, node);
    return undefined;
  }
  const where = `file ${fileId}`;
  const object: TranslationObject = { type, id, units: [] };
  const names = reader
    .coreChildren(node, 'notes')
    .flatMap((notes) => reader.coreChildren(notes, 'note'))
    .filter((note) => attribute(note, 'category') === 'name');
  if (names[0]) object.name = reader.text(names[0], where, false);
  readUnits(reader, node, where, object.units, new Set());
  return object;
}

/**
 * Reads an XLIFF 2.0 file. Every fault found is reported at once, with the line and the file or unit
 * it is in, as translation_file_invalid; nothing is returned from a faulty file.
 */
export function fromXliff(xml: string): TranslationDocument {
  const reader = new Reader(xml);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    reader.faults.add('file', `The file is not well-formed XML: ${valid.err.msg}`, valid.err.line);
    reader.faults.fail();
  }
  const roots = (parser.parse(xml) as XNode[]).filter((node) => nameOf(node) !== undefined);
  const root = roots[0];
  if (roots.length !== 1 || !root) {
    reader.faults.add('file', `An XML document has one root element, not ${roots.length}.`);
    return reader.faults.fail();
  }
  const rootName = nameOf(root)!;
  const colon = rootName.indexOf(':');
  reader.prefix = colon < 0 ? '' : rootName.slice(0, colon + 1);
  const declared = attribute(root, colon < 0 ? 'xmlns' : `xmlns:${rootName.slice(0, colon)}`);
  if (rootName.slice(colon + 1) !== 'xliff' || declared !== XLIFF_NAMESPACE) {
    reader.fault('root', `The root element must be <xliff> in the namespace ${XLIFF_NAMESPACE}.`, root);
    reader.faults.fail();
  }
  const version = attribute(root, 'version');
  if (version !== '2.0') reader.fault('root', `The XLIFF version must be 2.0, not ${version ?? 'missing'}.`, root);
  const sourceLocale = attribute(root, 'srcLang')?.trim();
  const targetLocale = attribute(root, 'trgLang')?.trim();
  if (!sourceLocale) reader.fault('root', 'The <xliff> element has no srcLang.', root);
  if (!targetLocale) reader.fault('root', 'The <xliff> element has no trgLang: the language translated into.', root);

  const objects: TranslationObject[] = [];
  const fileIds = new Set<string>();
  for (const node of reader.coreChildren(root, 'file')) {
    const object = readFile(reader, node);
    if (!object) continue;
    const fileId = xliffFileId(object.type, object.id);
    if (fileIds.has(fileId)) {
      reader.fault(`file ${fileId}`, `The file id ${fileId} appears twice.`, node);
      continue;
    }
    fileIds.add(fileId);
    objects.push(object);
  }
  reader.faults.failIfAny();
  return { sourceLocale: sourceLocale!, targetLocale: targetLocale!, objects };
}
