import type { LocalizedText } from '../../shared/text.ts';
import { derivedId } from './frameworks.case.ts';
import {
  type Faults,
  type ImportSpec,
  type ItemType,
  isUuid,
  type SpecAssociation,
  type SpecExternalLink,
  type SpecItem,
  type SpecLevel,
  type SpecRubric,
} from './frameworks.import.ts';
import { ITEM_TYPES } from './frameworks.schemas.ts';

/**
 * Reads a CFPackage into an import spec. Pathway's own exports carry everything in
 * `extensions.pathway` and come back exactly; packages made by other CASE tools (CASE 1.0 or 1.1,
 * markdown statements, any script, items in any order, identifiers in any case) are read from the
 * standard fields. What cannot be kept is counted, not silently dropped.
 */

/** CASE 1.1 association types (1.0 has the same list without isTranslationOf); `ext:` ones extend it. */
const ASSOCIATION_TYPES = new Set([
  'isChildOf',
  'isPeerOf',
  'isPartOf',
  'exactMatchOf',
  'precedes',
  'isRelatedTo',
  'replacedBy',
  'exemplar',
  'hasSkillLevel',
  'isTranslationOf',
]);
const CROSSWALK: Record<string, SpecExternalLink['relation']> = {
  exactMatchOf: 'exact_match',
  isRelatedTo: 'related',
  'ext:isBroaderThan': 'broader',
  'ext:isNarrowerThan': 'narrower',
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const array = (v: unknown) => (Array.isArray(v) ? v : []);

/** The fields of CASE 1.1's package records; a record from CASE 1.0 is brought to them on import. */
const FIELDS = {
  document: new Set([
    'identifier',
    'uri',
    'frameworkType',
    'caseVersion',
    'creator',
    'title',
    'lastChangeDateTime',
    'officialSourceURL',
    'publisher',
    'description',
    'subject',
    'subjectURI',
    'language',
    'version',
    'adoptionStatus',
    'statusStartDate',
    'statusEndDate',
    'licenseURI',
    'notes',
    'extensions',
  ]),
  item: new Set([
    'identifier',
    'fullStatement',
    'alternativeLabel',
    'CFItemType',
    'uri',
    'humanCodingScheme',
    'listEnumeration',
    'abbreviatedStatement',
    'conceptKeywords',
    'conceptKeywordsURI',
    'notes',
    'subject',
    'subjectURI',
    'language',
    'educationLevel',
    'CFItemTypeURI',
    'licenseURI',
    'statusStartDate',
    'statusEndDate',
    'lastChangeDateTime',
    'extensions',
  ]),
  association: new Set([
    'identifier',
    'associationType',
    'sequenceNumber',
    'uri',
    'originNodeURI',
    'destinationNodeURI',
    'CFAssociationGroupingURI',
    'lastChangeDateTime',
    'notes',
    'extensions',
  ]),
};
/** Links a package implies (every record is in this document and this package). */
const IMPLIED = new Set(['CFDocumentURI', 'CFPackageURI']);

/**
 * A record as CASE 1.1 spells it, so an export is valid 1.1 whatever came in: CASE 1.0's
 * educationalLevel becomes educationLevel, numbers and strings take the 1.1 types, links the package
 * implies are dropped, and any other field travels in `extensions` under its own name.
 */
function asCase11(record: Json, kind: keyof typeof FIELDS): Json {
  const out: Json = {};
  const moved: Json = {};
  for (const [key, value] of Object.entries(record)) {
    if (IMPLIED.has(key)) continue;
    if (key === 'educationalLevel' && kind === 'item' && record.educationLevel === undefined) {
      out.educationLevel = Array.isArray(value) ? value : String(value).split(/\s*,\s*/);
    } else if (FIELDS[kind].has(key)) out[key] = value;
    else moved[key] = value;
  }
  if (typeof out.listEnumeration === 'number') out.listEnumeration = String(out.listEnumeration);
  if (typeof out.sequenceNumber === 'string' && /^\d+$/.test(out.sequenceNumber))
    out.sequenceNumber = Number(out.sequenceNumber);
  for (const key of ['subject', 'conceptKeywords'])
    if (typeof out[key] === 'string') out[key] = String(out[key]).split(/\s*,\s*/);
  if (Object.keys(moved).length > 0) out.extensions = { ...moved, ...(isObject(out.extensions) ? out.extensions : {}) };
  return out;
}

/** 'en-US' and 'EN' are both 'en': texts are keyed by the primary language subtag. */
export function languageKey(value: unknown): string | undefined {
  const s = str(value);
  const primary = s?.split(/[-_]/)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/** A short title from a statement that may be markdown: first line, markup removed, at most 200 characters. */
export function titleFromStatement(statement: string): string {
  const line =
    statement
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? statement;
  const plain = line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#{1,6}\s+/, '')
    .replace(/^[-*+]\s+/, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .trim();
  return plain.length > 200 ? `${plain.slice(0, 199)}…` : plain || statement.slice(0, 200);
}

/** What an item is, from the name another tool gave its type. */
function typeFromName(name: string | undefined): ItemType | null {
  if (!name) return null;
  // Other tools name types in their own language: match on the unaccented stem.
  const t = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (/indicat|objecti|outcome|benchmark|element|behaviou?r|expectation|criteri/.test(t)) return 'indicator';
  if (/aspect|domain|area|strand|cluster|category|dimension|pillar|subject|theme/.test(t)) return 'aspect';
  if (/compet|standard|skill|abilit|proficien/.test(t)) return 'competency';
  return null;
}

function localized(value: unknown): LocalizedText | undefined {
  if (!isObject(value)) return undefined;
  const out: LocalizedText = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  return out;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

function isoOrNull(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function readCfPackage(pkg: unknown, faults: Faults): ImportSpec {
  const empty: ImportSpec = {
    format: 'case',
    caseIdentifier: null,
    title: {},
    description: {},
    version: '1.0',
    languages: [],
    licence: null,
    updatedAt: null,
    levels: [],
    items: [],
    rubrics: [],
    externalLinks: [],
    skipped: 0,
  };
  if (!isObject(pkg) || !isObject(pkg.CFDocument)) {
    faults.add({ path: '$.CFDocument' }, 'A CFPackage has a CFDocument object.');
    return empty;
  }
  const doc = pkg.CFDocument;
  const ext = isObject(doc.extensions) && isObject(doc.extensions.pathway) ? doc.extensions.pathway : undefined;
  if (!isUuid(doc.identifier)) faults.add({ path: '$.CFDocument.identifier' }, 'The identifier is not a UUID.');
  const docId = typeof doc.identifier === 'string' ? doc.identifier.toLowerCase() : '';
  const docLanguage = languageKey(doc.language) ?? 'en';
  const title = localized(ext?.title) ?? (str(doc.title) ? { [docLanguage]: str(doc.title)! } : undefined);
  if (!title || Object.keys(title).length === 0)
    faults.add({ path: '$.CFDocument.title' }, 'The document has no title.');
  const description =
    localized(ext?.description) ?? (str(doc.description) ? { [docLanguage]: str(doc.description)! } : {});
  const licenceTitle = isObject(doc.licenseURI) ? str(doc.licenseURI.title) : undefined;
  const languages = new Set<string>(
    Array.isArray(ext?.languages) ? ext.languages.filter((l): l is string => typeof l === 'string') : [docLanguage],
  );

  // Levels: Pathway's own, or the qualities of the rubric levels another tool wrote.
  const levels: SpecLevel[] = [];
  if (Array.isArray(ext?.levels)) {
    for (const [i, l] of ext.levels.entries()) {
      const where = { path: `$.CFDocument.extensions.pathway.levels[${i}]` };
      if (!isObject(l) || !str(l.code)) {
        faults.add(where, 'A level has a code.');
        continue;
      }
      levels.push({
        code: str(l.code)!,
        title: localized(l.title) ?? {},
        description: localized(l.description) ?? {},
        where,
      });
    }
  }

  // Items, in whatever order they come.
  const items: SpecItem[] = [];
  const byId = new Map<string, SpecItem>();
  const typeKnown = new Set<string>();
  /** Items whose place among siblings Pathway wrote; others take the association's sequenceNumber. */
  const positioned = new Set<string>();
  for (const [k, raw] of array(pkg.CFItems).entries()) {
    const path = `$.CFItems[${k}]`;
    if (!isObject(raw)) {
      faults.add({ path }, 'A CFItem is an object.');
      continue;
    }
    if (!isUuid(raw.identifier)) {
      faults.add({ path: `${path}.identifier` }, 'The identifier is not a UUID.');
      continue;
    }
    const identifier = raw.identifier.toLowerCase();
    const fullStatement = str(raw.fullStatement);
    if (!fullStatement) faults.add({ path: `${path}.fullStatement` }, 'The item has no fullStatement.');
    const mine = isObject(raw.extensions) && isObject(raw.extensions.pathway) ? raw.extensions.pathway : undefined;
    const language = languageKey(raw.language) ?? docLanguage;
    if (!mine) languages.add(language);
    const statement = localized(mine?.statement) ?? (fullStatement ? { [language]: fullStatement } : {});
    const abbreviated = str(raw.abbreviatedStatement);
    const itemTitle =
      localized(mine?.title) ??
      (abbreviated
        ? { [language]: abbreviated }
        : fullStatement
          ? { [language]: titleFromStatement(fullStatement) }
          : {});
    const notes = localized(mine?.notes) ?? (str(raw.notes) ? { [language]: str(raw.notes)! } : {});
    const typeName = str(raw.CFItemType) ?? (isObject(raw.CFItemTypeURI) ? str(raw.CFItemTypeURI.title) : undefined);
    const declared =
      typeof mine?.type === 'string' && (ITEM_TYPES as readonly string[]).includes(mine.type)
        ? (mine.type as ItemType)
        : typeFromName(typeName);
    if (declared) typeKnown.add(identifier);
    if (numberOf(mine?.position) !== undefined) positioned.add(identifier);
    const item: SpecItem = {
      key: identifier,
      caseIdentifier: identifier,
      parentKey: null,
      type: declared ?? 'competency',
      // Codes are optional and may repeat in CASE; Pathway's own unique code is settled below.
      code: str(raw.humanCodingScheme) ?? '',
      order: numberOf(mine?.position) ?? numberOf(raw.listEnumeration) ?? Number.MAX_SAFE_INTEGER,
      levelCode: typeof mine?.levelCode === 'string' ? mine.levelCode : null,
      title: itemTitle,
      statement,
      notes,
      where: { path },
      caseSource: asCase11({ ...raw, identifier }, 'item'),
    };
    if (byId.has(identifier)) {
      faults.add({ path: `${path}.identifier` }, `The item ${identifier} appears twice.`);
      continue;
    }
    byId.set(identifier, item);
    items.push(item);
  }

  settleCodes(items);

  // Associations: every one is kept as it came (its identifier, type, ends inside or outside the
  // package); the first isChildOf of an item places it in Pathway's tree, and crosswalk types to
  // items outside the package also become crosswalk links where the target is known.
  const externalLinks: SpecExternalLink[] = [];
  const associations: SpecAssociation[] = [];
  const associationIds = new Set<string>();
  let skipped = 0;
  const placed = new Set<string>();
  for (const [j, raw] of array(pkg.CFAssociations).entries()) {
    const path = `$.CFAssociations[${j}]`;
    if (!isObject(raw)) {
      faults.add({ path }, 'A CFAssociation is an object.');
      continue;
    }
    const type = str(raw.associationType);
    if (!type || !(ASSOCIATION_TYPES.has(type) || /^ext:[A-Za-z0-9.\-_|]+$/.test(type))) {
      faults.add({ path: `${path}.associationType` }, `Unknown association type ${String(raw.associationType)}.`);
      continue;
    }
    const origin = isObject(raw.originNodeURI) ? str(raw.originNodeURI.identifier)?.toLowerCase() : undefined;
    const destination = isObject(raw.destinationNodeURI)
      ? str(raw.destinationNodeURI.identifier)?.toLowerCase()
      : undefined;
    if (!origin) {
      faults.add({ path: `${path}.originNodeURI.identifier` }, 'The association has no origin.');
      continue;
    }
    if (!destination) {
      faults.add({ path: `${path}.destinationNodeURI.identifier` }, 'The association has no destination.');
      continue;
    }
    const identifier = isUuid(raw.identifier)
      ? raw.identifier.toLowerCase()
      : derivedId(docId, 'association', String(j), origin, type, destination);
    if (raw.identifier !== undefined && !isUuid(raw.identifier)) {
      faults.add({ path: `${path}.identifier` }, 'The identifier is not a UUID.');
      continue;
    }
    if (associationIds.has(identifier)) {
      faults.add({ path: `${path}.identifier` }, `The association ${identifier} appears twice.`);
      continue;
    }
    associationIds.add(identifier);
    const kept: SpecAssociation = {
      identifier,
      associationType: type,
      origin,
      destination,
      tree: false,
      data: asCase11(
        {
          ...raw,
          identifier,
          originNodeURI: { ...(raw.originNodeURI as Json), identifier: origin },
          destinationNodeURI: { ...(raw.destinationNodeURI as Json), identifier: destination },
        },
        'association',
      ),
    };
    associations.push(kept);
    if (type === 'isChildOf') {
      const child = byId.get(origin);
      if (!child) {
        faults.add({ path: `${path}.originNodeURI.identifier` }, `No CFItem ${origin} in the package.`);
        continue;
      }
      if (destination !== docId && !byId.has(destination)) {
        faults.add(
          { path: `${path}.destinationNodeURI.identifier` },
          `No CFItem or CFDocument ${destination} in the package.`,
        );
        continue;
      }
      // An item reused under a second parent: a tree keeps the first placement (CASE keeps both).
      if (placed.has(origin)) continue;
      placed.add(origin);
      kept.tree = true;
      child.parentKey = destination === docId ? null : destination;
      child.parentWhere = { path: `${path}.destinationNodeURI.identifier` };
      const sequence = numberOf(raw.sequenceNumber);
      if (sequence !== undefined && !positioned.has(origin)) child.order = sequence;
      continue;
    }
    const relation = CROSSWALK[type];
    if (relation && byId.has(origin) && !byId.has(destination) && destination !== docId) {
      externalLinks.push({ itemKey: origin, relation, targetIdentifier: destination });
    }
  }

  // Types another tool did not name: by place in the tree.
  const depthType = (item: SpecItem, seen = new Set<string>()): ItemType => {
    if (typeKnown.has(item.key) || seen.has(item.key)) return item.type;
    seen.add(item.key);
    const parent = item.parentKey ? byId.get(item.parentKey) : undefined;
    if (!parent) return items.some((i) => i.parentKey === item.key) ? 'aspect' : 'competency';
    return depthType(parent, seen) === 'aspect' ? 'competency' : 'indicator';
  };
  for (const item of items) if (!typeKnown.has(item.key)) item.type = depthType(item);

  // Rubrics: criteria point at items; criterion levels are matched to the framework's levels.
  const rubrics: SpecRubric[] = [];
  const derived = levels.length === 0;
  for (const [r, rubric] of array(pkg.CFRubrics).entries()) {
    if (!isObject(rubric)) continue;
    for (const [c, criterion] of array(rubric.CFRubricCriteria).entries()) {
      const path = `$.CFRubrics[${r}].CFRubricCriteria[${c}]`;
      if (!isObject(criterion)) continue;
      const itemRef = isObject(criterion.CFItemURI) ? str(criterion.CFItemURI.identifier)?.toLowerCase() : undefined;
      if (!itemRef) {
        skipped++;
        continue;
      }
      if (!byId.has(itemRef)) {
        faults.add({ path: `${path}.CFItemURI.identifier` }, `No CFItem ${itemRef} in the package.`);
        continue;
      }
      const mine =
        isObject(criterion.extensions) && isObject(criterion.extensions.pathway) ? criterion.extensions.pathway : {};
      const descriptors = isObject(mine.descriptors) ? mine.descriptors : undefined;
      for (const [l, level] of array(criterion.CFRubricCriterionLevels).entries()) {
        const where = { path: `${path}.CFRubricCriterionLevels[${l}]` };
        if (!isObject(level)) continue;
        const text = str(level.description) ?? str(level.feedback);
        if (!text) {
          skipped++;
          continue;
        }
        const quality = str(level.quality);
        const position = numberOf(level.position);
        let spec = levels.find((x) => quality !== undefined && Object.values(x.title).includes(quality));
        if (!spec && !derived && position !== undefined) spec = levels[position - 1];
        if (!spec && derived) {
          spec = {
            code: `L${levels.length + 1}`,
            title: { [docLanguage]: quality ?? `Level ${levels.length + 1}` },
            description: {},
            where,
          };
          levels.push(spec);
        }
        if (!spec) {
          faults.add(where, `No level matches ${quality ?? `position ${position}`}.`);
          continue;
        }
        rubrics.push({
          itemKey: itemRef,
          levelCode: spec.code,
          descriptor: localized(descriptors?.[spec.code]) ?? { [docLanguage]: text },
          score: numberOf(level.score) ?? null,
          where,
        });
      }
    }
  }

  return {
    format: 'case',
    caseIdentifier: docId || null,
    title: title ?? {},
    description,
    version: str(doc.version) ?? '1.0',
    languages: [...languages],
    licence: ext && 'licence' in ext ? ((ext.licence as string | null) ?? null) : (licenceTitle ?? null),
    updatedAt: isoOrNull(doc.lastChangeDateTime),
    levels,
    items,
    rubrics,
    externalLinks,
    skipped,
    caseSource: {
      document: asCase11({ ...doc, identifier: docId }, 'document'),
      definitions: isObject(pkg.CFDefinitions) ? pkg.CFDefinitions : null,
      rubrics: array(pkg.CFRubrics).filter(isObject),
      associations,
    },
  };
}

/**
 * Pathway gives every item a code unique in its framework; CASE does not (humanCodingScheme is
 * optional and may repeat). The first item with a humanCodingScheme keeps it as its code; the others
 * get one made from it or from the identifier, the same for the same package. A made-up code is
 * never exported as humanCodingScheme (the record keeps what it said).
 */
function settleCodes(items: SpecItem[]) {
  const used = new Set<string>();
  const waiting: SpecItem[] = [];
  for (const item of items) {
    if (item.code !== '' && !used.has(item.code)) used.add(item.code);
    else waiting.push(item);
  }
  for (const item of waiting) {
    const id = item.caseIdentifier.replace(/-/g, '');
    for (let length = 8; ; length += 4) {
      const tail = id.slice(0, length);
      const code = item.code === '' ? tail : `${item.code} (${tail})`;
      if (!used.has(code) || length >= id.length) {
        item.code = used.has(code) ? `${code}-${used.size}` : code;
        used.add(item.code);
        break;
      }
    }
  }
}
