import { AppError } from '../../shared/errors.ts';
import { applyListQuery, type ListQuery, pick } from './frameworks.case.query.ts';
import * as repo from './frameworks.repo.ts';
import { type CaseDatabase, casePackage, caseDocuments as casePage } from './frameworks.service.ts';

/**
 * Lookups of the public CASE provider for records Pathway derives rather than stores (associations,
 * rubrics, item types): their identifiers are name-based, so they are found by rendering the
 * published packages. A country publishes a handful of standards, so this stays cheap.
 */

type Package = Awaited<ReturnType<typeof casePackage>>;

async function* publicPackages(database: CaseDatabase, origin: string): AsyncGenerator<Package> {
  for (let offset = 0; ; offset += 50) {
    const rows = await repo.publicFrameworks(database.db, { limit: 50, offset });
    for (const row of rows) yield casePackage(database, row.case_identifier, origin);
    if (rows.length < 50) return;
  }
}

const unknown = (kind: string, id: string) =>
  new AppError('case_not_found', `No published ${kind} ${id}.`, { identifier: id });

export async function caseAssociation(database: CaseDatabase, id: string, origin: string) {
  for await (const pkg of publicPackages(database, origin)) {
    const found = pkg.CFAssociations.find((a) => a.identifier === id);
    if (found) return found;
  }
  throw unknown('CFAssociation', id);
}

/**
 * An item with every association it takes part in, as origin or destination: the one list besides
 * CFDocuments that the provider answers (a set of records), so it takes the same sort, orderBy,
 * filter, fields and paging, and the total the filter kept.
 */
export async function caseItemAssociations(database: CaseDatabase, id: string, query: ListQuery, origin: string) {
  const row = await repo.publicFrameworkOfItem(database.db, id);
  if (!row) throw unknown('CFItem', id);
  const pkg = await casePackage(database, row.case_identifier, origin);
  const { total, records } = applyListQuery(
    pkg.CFAssociations.filter((a) => a.originNodeURI.identifier === id || a.destinationNodeURI.identifier === id),
    query,
  );
  return { total, CFItem: pkg.CFItems.find((i) => i.identifier === id)!, CFAssociations: records };
}

export async function caseRubric(database: CaseDatabase, id: string, origin: string) {
  for await (const pkg of publicPackages(database, origin)) {
    const found = pkg.CFRubrics.find((r) => r.identifier === id);
    if (found) return found;
  }
  throw unknown('CFRubric', id);
}

/** Kinds whose read answers a set: the record asked for, then its descendants by `hierarchyCode`. */
export const HIERARCHICAL = ['CFConcepts', 'CFSubjects', 'CFItemTypes'] as const;
type Hierarchical = (typeof HIERARCHICAL)[number];

function withDescendants<T extends { hierarchyCode?: unknown }>(all: T[], found: T): T[] {
  const code = typeof found.hierarchyCode === 'string' ? found.hierarchyCode : '';
  if (!code) return [found];
  const below = all.filter(
    (d) => d !== found && typeof d.hierarchyCode === 'string' && d.hierarchyCode.startsWith(`${code}.`),
  );
  return [found, ...below.sort((a, b) => String(a.hierarchyCode).localeCompare(String(b.hierarchyCode)))];
}

/** CASE answers a concept, subject or item type as a set: it and its descendants (`CFConceptSet`...). */
export async function caseDefinitionSet(database: CaseDatabase, kind: Hierarchical, id: string, origin: string) {
  for await (const pkg of publicPackages(database, origin)) {
    const all = (pkg.CFDefinitions[kind] ?? []) as { identifier: string; hierarchyCode?: unknown }[];
    const found = all.find((d) => d.identifier === id);
    if (found) return { [kind]: withDescendants(all, found) };
  }
  throw unknown(kind.slice(0, -1), id);
}

/** Definitions a package came with (concepts, subjects, licences, association groupings), by identifier. */
export async function caseDefinition(
  database: CaseDatabase,
  kind: 'CFLicenses' | 'CFAssociationGroupings',
  id: string,
  origin: string,
) {
  for await (const pkg of publicPackages(database, origin)) {
    const found = (pkg.CFDefinitions[kind] ?? []).find((d) => d.identifier === id);
    if (found) return found;
  }
  throw unknown(kind.slice(0, -1), id);
}

/** CFDocuments as the list endpoint's query asks: filtered and sorted over every published document, then paged. */
export async function caseDocumentList(database: CaseDatabase, query: ListQuery, origin: string) {
  if (!query.filter && !query.sort && query.orderBy === 'asc') {
    const { total, CFDocuments } = await casePage(database, query, origin);
    return { total, CFDocuments: query.fields ? CFDocuments.map((d) => pick(d, query.fields!)) : CFDocuments };
  }
  const all: Record<string, unknown>[] = [];
  for await (const pkg of publicPackages(database, origin)) all.push(pkg.CFDocument);
  const { total, records } = applyListQuery(all, query);
  return { total, CFDocuments: records };
}
