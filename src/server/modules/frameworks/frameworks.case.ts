import { createHash } from 'node:crypto';
import { resolveText } from '../../shared/text.ts';
import { type CaseSource, type Json, rubricSnapshot, same } from './frameworks.case.source.ts';
import type { FrameworkDetail, Item } from './frameworks.schemas.ts';

/** 1EdTech CASE 1.1: Pathway's framework as a CFPackage. */

export const CASE_PATH = '/ims/case/v1p1';
/** CASE 1.0 is served beside 1.1 for consumers that speak only 1.0 (frameworks.case.query.ts turns packages into it). */
export const CASE_PATH_V1P0 = '/ims/case/v1p0';

/**
 * Identifiers of derived records (associations, rubric parts, item types) are name-based UUIDs
 * (version 5 layout over SHA-1), so exporting the same framework twice gives the same package.
 */
export function derivedId(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('|')).digest('hex');
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ITEM_TYPE_TITLES: Record<Item['type'], string> = {
  aspect: 'Aspect',
  competency: 'Competency',
  indicator: 'Performance indicator',
};

/** Crosswalk relations as CASE association types (broader/narrower have no CASE 1.1 term: extensions). */
const CASE_RELATION: Record<string, string> = {
  exact_match: 'exactMatchOf',
  related: 'isRelatedTo',
  broader: 'ext:isBroaderThan',
  narrower: 'ext:isNarrowerThan',
};

export interface CrosswalkLinkOut {
  fromItemId: string;
  relation: string;
  target: { identifier: string; title: Record<string, string> };
}

interface Options {
  /** Where this server is reached, e.g. https://pathway.example.org; URIs are built on it. */
  origin: string;
  /** The language CASE's single-language fields use (the framework's first language). */
  language?: string;
  /** Crosswalk links from this framework's items to other frameworks. */
  crosswalk?: CrosswalkLinkOut[];
  /** What a CASE import kept as it came: given back where Pathway did not change it. */
  source?: CaseSource;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A record as it came, with the groups of fields Pathway changed taken from Pathway's rendering
 * (`mine`): a field Pathway leaves out is then left out.
 */
function merge(original: Json, mine: Json, changed: [boolean, string[]][]) {
  const out: Json = { ...original };
  for (const [flag, keys] of changed) {
    if (!flag) continue;
    for (const key of keys) {
      if (key in mine) out[key] = mine[key];
      else delete out[key];
    }
  }
  return out;
}

/** Pathway's extension travels when the original record had one or when Pathway changed the record. */
function withExtensions(out: Json, original: Json, mine: Json, any: boolean) {
  const theirs = isObject(original.extensions) ? original.extensions : undefined;
  const pathway = isObject(mine.extensions) ? mine.extensions.pathway : undefined;
  if (any || theirs?.pathway !== undefined) out.extensions = { ...theirs, pathway };
  else if (theirs) out.extensions = theirs;
  else delete out.extensions;
  return out;
}

export function toCfPackage(fw: FrameworkDetail, options: Options) {
  const language = options.language ?? fw.languages[0] ?? 'en';
  const text = (value: Record<string, string>) => resolveText(value, language, fw.languages[0] ?? 'en').text;
  const uri = (kind: string, id: string) => `${options.origin}${CASE_PATH}/${kind}/${id}`;
  const at = fw.updatedAt;
  const docLink = { title: text(fw.title), identifier: fw.caseIdentifier, uri: uri('CFDocuments', fw.caseIdentifier) };
  const byId = new Map(fw.items.map((i) => [i.id, i]));
  const itemLink = (i: Item) => ({
    title: text(i.title),
    identifier: i.caseIdentifier,
    uri: uri('CFItems', i.caseIdentifier),
  });
  const typeId = (type: Item['type']) => derivedId(fw.caseIdentifier, 'item-type', type);
  const source = options.source;
  const parentIdentifier = (i: Item) => (i.parentId ? byId.get(i.parentId)!.caseIdentifier : null);
  // Siblings keep the places (listEnumeration, sequenceNumber) they came with while none moved.
  const movedGroups = new Set<string | null>();
  for (const i of fw.items) {
    const was = source?.items.get(i.caseIdentifier)?.pathway;
    if (!was || was.parent !== parentIdentifier(i) || was.position !== i.position) movedGroups.add(i.parentId);
  }
  const placeKept = (i: Item) => !movedGroups.has(i.parentId);
  /** Items rendered with Pathway's own type: their CFItemType definitions are Pathway's. */
  const pathwayTyped = new Set<Item['type']>();

  const listed = fw.items
    .map((item, at) => ({ item, at: source?.items.get(item.caseIdentifier)?.index ?? fw.items.length + at }))
    .sort((a, b) => a.at - b.at)
    .map(({ item }) => item);
  const CFItems = listed.map((i) => {
    const mine = pathwayItem(i);
    const kept = source?.items.get(i.caseIdentifier);
    if (!kept) {
      pathwayTyped.add(i.type);
      return mine;
    }
    const was = kept.pathway;
    const groups: [boolean, string[]][] = [
      [i.code !== was.code, ['humanCodingScheme']],
      [!same(i.statement, was.statement), ['fullStatement', 'language']],
      [!same(i.title, was.title), ['abbreviatedStatement']],
      [!same(i.notes, was.notes), ['notes']],
      [i.type !== was.type, ['CFItemType', 'CFItemTypeURI']],
      [!placeKept(i), ['listEnumeration']],
      [i.levelCode !== was.levelCode, []],
    ];
    if (groups[4]![0]) pathwayTyped.add(i.type);
    const any = groups.some(([flag]) => flag);
    const out = merge(kept.item, mine, groups);
    out.identifier = i.caseIdentifier;
    out.uri ??= mine.uri;
    if (any || out.lastChangeDateTime === undefined) out.lastChangeDateTime = mine.lastChangeDateTime;
    return withExtensions(out, kept.item, mine, any);
  });

  function pathwayItem(i: Item): Json {
    return {
      identifier: i.caseIdentifier,
      uri: uri('CFItems', i.caseIdentifier),
      fullStatement: text(i.statement),
      abbreviatedStatement: text(i.title),
      humanCodingScheme: i.code,
      listEnumeration: String(i.position + 1),
      CFItemType: ITEM_TYPE_TITLES[i.type],
      CFItemTypeURI: {
        title: ITEM_TYPE_TITLES[i.type],
        identifier: typeId(i.type),
        uri: uri('CFItemTypes', typeId(i.type)),
      },
      language,
      ...(Object.keys(i.notes).length ? { notes: text(i.notes) } : {}),
      lastChangeDateTime: at,
      // Everything CASE has no field for travels here, so a Pathway import restores it exactly.
      extensions: {
        pathway: {
          type: i.type,
          levelCode: i.levelCode,
          title: i.title,
          statement: i.statement,
          notes: i.notes,
          position: i.position,
        },
      },
    };
  }

  // Associations: those the package came with, in its order (a tree link only while the tree still
  // has it); then tree links Pathway made; then crosswalk links not already among them.
  const treeParent = new Map(fw.items.map((i) => [i.caseIdentifier, i.parentId ? byId.get(i.parentId)! : null]));
  const byIdentifier = new Map(fw.items.map((i) => [i.caseIdentifier, i]));
  const treeLinked = new Set<string>();
  const CFAssociations: Json[] = [];
  const removedItem = (id: string) =>
    (source?.document?.items.includes(id) ?? false) && !byIdentifier.has(id) && id !== fw.caseIdentifier;
  for (const stored of source?.associations ?? []) {
    const item = byIdentifier.get(stored.origin);
    const parent = treeParent.get(stored.origin);
    const isTreeLink =
      stored.associationType === 'isChildOf' &&
      item !== undefined &&
      !treeLinked.has(stored.origin) &&
      (parent ? parent.caseIdentifier : fw.caseIdentifier) === stored.destination;
    if (isTreeLink) {
      treeLinked.add(stored.origin);
      CFAssociations.push(
        placeKept(item) ? stored.data : { ...stored.data, sequenceNumber: item.position + 1, lastChangeDateTime: at },
      );
      continue;
    }
    if (stored.tree || removedItem(stored.origin) || removedItem(stored.destination)) continue;
    CFAssociations.push(stored.data);
  }
  for (const i of fw.items) {
    if (treeLinked.has(i.caseIdentifier)) continue;
    const parent = i.parentId ? byId.get(i.parentId)! : null;
    const destination = parent ? itemLink(parent) : docLink;
    const id = derivedId(i.caseIdentifier, 'isChildOf', destination.identifier);
    CFAssociations.push({
      identifier: id,
      uri: uri('CFAssociations', id),
      associationType: 'isChildOf',
      sequenceNumber: i.position + 1,
      originNodeURI: itemLink(i),
      destinationNodeURI: destination,
      lastChangeDateTime: at,
    });
  }

  const already = new Set((source?.associations ?? []).map((a) => `${a.origin}|${a.associationType}|${a.destination}`));
  for (const link of options.crosswalk ?? []) {
    const origin = byId.get(link.fromItemId);
    if (!origin) continue;
    const type = CASE_RELATION[link.relation]!;
    if (already.has(`${origin.caseIdentifier}|${type}|${link.target.identifier}`)) continue;
    const id = derivedId(origin.caseIdentifier, type, link.target.identifier);
    CFAssociations.push({
      identifier: id,
      uri: uri('CFAssociations', id),
      associationType: type,
      sequenceNumber: CFAssociations.length + 1,
      originNodeURI: itemLink(origin),
      destinationNodeURI: {
        title: text(link.target.title),
        identifier: link.target.identifier,
        uri: uri('CFItems', link.target.identifier),
      },
      lastChangeDateTime: at,
    });
  }

  const rubricItemIds = new Set(fw.rubrics.map((r) => r.itemId));
  const rubricItems = fw.items.filter((i) => rubricItemIds.has(i.id));
  const rubricId = derivedId(fw.caseIdentifier, 'rubric');
  const CFRubrics = rubricItems.length
    ? [
        {
          identifier: rubricId,
          uri: uri('CFRubrics', rubricId),
          title: `${text(fw.title)}: rubric`,
          lastChangeDateTime: at,
          CFRubricCriteria: rubricItems.map((item, position) => {
            const criterionId = derivedId(item.caseIdentifier, 'criterion');
            return {
              identifier: criterionId,
              uri: uri('CFRubrics', criterionId),
              category: item.code,
              description: text(item.title),
              CFItemURI: itemLink(item),
              position: position + 1,
              rubricId,
              lastChangeDateTime: at,
              // Descriptors in every language, by level code (CASE levels carry one language).
              extensions: {
                pathway: {
                  descriptors: Object.fromEntries(
                    fw.rubrics.filter((r) => r.itemId === item.id).map((r) => [r.levelCode, r.descriptor]),
                  ),
                },
              },
              CFRubricCriterionLevels: fw.levels
                .map((level) => ({
                  level,
                  rubric: fw.rubrics.find((r) => r.itemId === item.id && r.levelCode === level.code),
                }))
                .filter((x) => x.rubric)
                .map(({ level, rubric }) => {
                  const levelId = derivedId(item.caseIdentifier, 'level', level.code);
                  return {
                    identifier: levelId,
                    uri: uri('CFRubrics', levelId),
                    description: text(rubric!.descriptor),
                    quality: text(level.title),
                    ...(rubric!.score !== null ? { score: rubric!.score } : {}),
                    position: level.position + 1,
                    rubricCriterionId: criterionId,
                    lastChangeDateTime: at,
                  };
                }),
            };
          }),
        },
      ]
    : [];

  const pathwayDocument: Json = {
    identifier: fw.caseIdentifier,
    uri: docLink.uri,
    creator: 'Pathway',
    title: text(fw.title),
    lastChangeDateTime: at,
    ...(Object.keys(fw.description).length ? { description: text(fw.description) } : {}),
    language,
    version: fw.version,
    caseVersion: '1.1' as const,
    adoptionStatus: {
      draft: 'Draft',
      in_review: 'Private Draft',
      published: 'Adopted',
      // A newer version is the adopted one; evidence recorded against this one stays valid in Pathway.
      superseded: 'Deprecated',
      retired: 'Deprecated',
    }[fw.status],
    ...(fw.publishedAt ? { statusStartDate: fw.publishedAt.slice(0, 10) } : {}),
    ...(fw.licence ? { notes: `Licence: ${fw.licence}` } : {}),
    extensions: {
      pathway: {
        title: fw.title,
        description: fw.description,
        languages: fw.languages,
        licence: fw.licence,
        levels: fw.levels.map(({ code, title, description }) => ({ code, title, description })),
      },
    },
  };
  const CFDocument = documentOf(fw, pathwayDocument, source);
  const definitions = source?.document?.definitions ?? {};
  const theirTypes = Array.isArray(definitions.CFItemTypes) ? (definitions.CFItemTypes as Json[]) : [];
  const CFItemTypes = [
    ...theirTypes,
    ...[...new Set(fw.items.map((i) => i.type))]
      .filter((type) => pathwayTyped.has(type))
      .filter((type) => !theirTypes.some((t) => t.identifier === typeId(type)))
      .map((type) => ({
        identifier: typeId(type),
        uri: uri('CFItemTypes', typeId(type)),
        title: ITEM_TYPE_TITLES[type],
        description: ITEM_TYPE_TITLES[type],
        hierarchyCode: String(['aspect', 'competency', 'indicator'].indexOf(type) + 1),
        typeCode: type,
        lastChangeDateTime: at,
      })),
  ];

  // Rubrics as they came while Pathway's descriptors are the ones read from them (their identifiers too).
  const keptRubrics = source?.document?.rubrics;
  const rubricsNow = rubricSnapshot(
    fw.rubrics.map((r) => ({
      item: byId.get(r.itemId)?.caseIdentifier ?? r.itemId,
      levelCode: r.levelCode,
      descriptor: r.descriptor,
      score: r.score,
    })),
  );
  const rubricsKept =
    keptRubrics !== undefined &&
    source?.document?.pathway.rubrics !== undefined &&
    same(rubricsNow, source.document.pathway.rubrics);

  return {
    CFDocument,
    CFItems,
    CFAssociations: CFAssociations as CaseAssociation[],
    CFDefinitions: { ...definitions, CFItemTypes } as CaseDefinitions,
    CFRubrics: (rubricsKept ? keptRubrics : CFRubrics) as typeof CFRubrics,
  };
}

/** What callers read of an association (the rest travels as it came). */
export interface CaseAssociation extends Json {
  identifier: string;
  associationType: string;
  originNodeURI: { identifier: string; title?: string; uri: string };
  destinationNodeURI: { identifier: string; title?: string; uri: string };
}
export type CaseDefinitions = { CFItemTypes: Json[] } & Partial<
  Record<'CFConcepts' | 'CFSubjects' | 'CFLicenses' | 'CFAssociationGroupings', Json[]>
>;

function documentOf(fw: FrameworkDetail, mine: Json, source: CaseSource | undefined): Json {
  const kept = source?.document;
  if (!kept) return mine;
  const was = kept.pathway;
  const identity = fw.caseIdentifier !== was.caseIdentifier;
  const levels = fw.levels.map(({ code, title, description }) => ({ code, title, description }));
  const groups: [boolean, string[]][] = [
    [identity, ['uri', 'CFPackageURI']],
    [!same(fw.title, was.title), ['title']],
    [!same(fw.description, was.description), ['description']],
    [fw.version !== was.version, ['version']],
    [
      identity || fw.status !== was.status || fw.publishedAt !== was.publishedAt,
      ['adoptionStatus', 'statusStartDate', 'statusEndDate'],
    ],
    [!same(fw.languages, was.languages), ['language']],
    [Date.parse(fw.updatedAt) !== Date.parse(was.updatedAt), ['lastChangeDateTime']],
    [fw.licence !== was.licence, ['licenseURI']],
    [!same(levels, was.levels), []],
  ];
  const any = groups.some(([flag]) => flag);
  const out = merge(kept.document, mine, groups);
  out.identifier = fw.caseIdentifier;
  out.uri ??= mine.uri;
  out.creator ??= mine.creator;
  out.caseVersion = '1.1';
  if (fw.licence !== was.licence && out.notes === undefined && mine.notes !== undefined) out.notes = mine.notes;
  return withExtensions(out, kept.document, mine, any);
}
