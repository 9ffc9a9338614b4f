import { createHash } from 'node:crypto';
import { resolveText } from '../../shared/text.ts';
import type { FrameworkDetail, Item } from './frameworks.schemas.ts';

/** 1EdTech CASE 1.1: Pathway's framework as a CFPackage. */

export const CASE_PATH = '/ims/case/v1p1';

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
  const usedTypes = [...new Set(fw.items.map((i) => i.type))];

  const CFItems = fw.items.map((i) => ({
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
  }));

  const CFAssociations = fw.items.map((i) => {
    const parent = i.parentId ? byId.get(i.parentId)! : null;
    const destination = parent ? itemLink(parent) : docLink;
    return {
      identifier: derivedId(i.caseIdentifier, 'isChildOf', destination.identifier),
      uri: uri('CFAssociations', derivedId(i.caseIdentifier, 'isChildOf', destination.identifier)),
      associationType: 'isChildOf',
      sequenceNumber: i.position + 1,
      originNodeURI: itemLink(i),
      destinationNodeURI: destination,
      lastChangeDateTime: at,
    };
  });

  for (const link of options.crosswalk ?? []) {
    const origin = byId.get(link.fromItemId);
    if (!origin) continue;
    const type = CASE_RELATION[link.relation]!;
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

  return {
    CFDocument: {
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
    },
    CFItems,
    CFAssociations,
    CFDefinitions: {
      CFItemTypes: usedTypes.map((type) => ({
        identifier: typeId(type),
        uri: uri('CFItemTypes', typeId(type)),
        title: ITEM_TYPE_TITLES[type],
        description: ITEM_TYPE_TITLES[type],
        hierarchyCode: String(['aspect', 'competency', 'indicator'].indexOf(type) + 1),
        typeCode: type,
        lastChangeDateTime: at,
      })),
    },
    CFRubrics,
  };
}
