import type { Ctx } from '../../shared/context.ts';
import type { LocalizedText } from '../../shared/text.ts';
import * as repo from './frameworks.repo.ts';

/**
 * What a CASE import keeps as it came, so an export gives it back: the CFDocument and its
 * definitions, each CFItem, every CFAssociation. Beside each record, the values Pathway read from
 * it (`pathway`): on export a group of CASE fields comes from the record while Pathway's value is
 * still the one it read, and from Pathway once someone edited it there. So a code Pathway had to
 * make up for an item without humanCodingScheme is never exported as one, and an edit wins.
 */

export type Json = Record<string, unknown>;

export interface ItemSnapshot {
  code: string;
  type: string;
  levelCode: string | null;
  title: LocalizedText;
  statement: LocalizedText;
  notes: LocalizedText;
  /** The parent's CASE identifier (null at the top) and the place among siblings. */
  parent: string | null;
  position: number;
}

export interface DocumentSnapshot {
  caseIdentifier: string;
  title: LocalizedText;
  description: LocalizedText;
  version: string;
  languages: string[];
  licence: string | null;
  status: string;
  publishedAt: string | null;
  updatedAt: string;
  levels: { code: string; title: LocalizedText; description: LocalizedText }[];
  /** Rubric descriptors as read, by item identifier and level code (sorted: see rubricSnapshot). */
  rubrics?: RubricSnapshot[];
}

export interface RubricSnapshot {
  item: string;
  levelCode: string;
  descriptor: LocalizedText;
  score: number | null;
}

export function rubricSnapshot(rows: RubricSnapshot[]): RubricSnapshot[] {
  const key = (r: RubricSnapshot) => `${r.item}|${r.levelCode}`;
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export interface DocumentSource {
  document: Json;
  /** CFDefinitions as they came: CFItemTypes, CFConcepts, CFSubjects, CFLicenses, CFAssociationGroupings. */
  definitions: Json | null;
  pathway: DocumentSnapshot;
  /** CFRubrics as they came: given back while Pathway's descriptors are the ones read from them. */
  rubrics?: Json[];
  /** Identifiers of the package's items: an association naming one Pathway since removed is dropped. */
  items: string[];
}

export interface ItemSource {
  item: Json;
  /** Where the item was in the package: an export lists items in that order. */
  index: number;
  pathway: ItemSnapshot;
}

export interface StoredAssociation {
  identifier: string;
  associationType: string;
  origin: string;
  destination: string;
  /** This isChildOf placed the item in Pathway's tree. */
  tree: boolean;
  data: Json;
}

export interface CaseSource {
  document: DocumentSource | null;
  items: Map<string, ItemSource>;
  associations: StoredAssociation[];
}

export async function caseSourceOf(ctx: Ctx, frameworkId: string): Promise<CaseSource> {
  const rows = await repo.caseSourceOf(ctx.db, ctx.tenantId, frameworkId);
  return {
    document: rows.framework ? (JSON.parse(rows.framework) as DocumentSource) : null,
    items: new Map(rows.items.map((r) => [r.case_identifier, JSON.parse(r.case_source!) as ItemSource])),
    associations: rows.associations.map((a) => ({
      identifier: a.identifier,
      associationType: a.association_type,
      origin: a.origin_identifier,
      destination: a.destination_identifier,
      tree: Number(a.tree) === 1,
      data: JSON.parse(a.data) as Json,
    })),
  };
}

/** Equal as JSON whatever the order of keys (texts read back from the database keep theirs, but not by contract). */
export function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
