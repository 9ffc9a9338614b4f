import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { pathUnder } from '../../shared/access.ts';

/**
 * The evaluation reads other modules' tables as a report does (people, training completions, the
 * assessment ledger) and writes none.
 */

/** Teachers placed under `path`, with where they are placed. */
export function teachersUnder(db: Kysely<DB>, tenantId: string, path: string) {
  return db
    .selectFrom('person')
    .select(['id', 'org_path'])
    .where('tenant_id', '=', tenantId)
    .where('category', '=', 'teacher')
    .where((eb) => pathUnder(eb, 'org_path', [path]))
    .orderBy('id')
    .execute();
}

/** Completed enrolments of teachers under `path` in offerings of these modules or programmes. */
export function completionsUnder(
  db: Kysely<DB>,
  tenantId: string,
  path: string,
  of: { moduleIds: string[]; programmeIds: string[] },
) {
  return db
    .selectFrom('training_enrolment as e')
    .innerJoin('training_offering as o', (j) =>
      j.onRef('o.tenant_id', '=', 'e.tenant_id').onRef('o.id', '=', 'e.offering_id'),
    )
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'e.tenant_id').onRef('p.id', '=', 'e.person_id'))
    .select(['e.person_id', 'e.completed_on', 'o.module_id', 'o.programme_id'])
    .where('e.tenant_id', '=', tenantId)
    .where('e.result', '=', 'completed')
    .where('p.category', '=', 'teacher')
    .where((eb) => pathUnder(eb, 'p.org_path', [path]))
    .where((eb) =>
      eb.or([
        ...(of.moduleIds.length > 0 ? [eb('o.module_id', 'in', of.moduleIds)] : []),
        ...(of.programmeIds.length > 0 ? [eb('o.programme_id', 'in', of.programmeIds)] : []),
      ]),
    )
    .execute();
}

/**
 * Effective confirming events (assessor, observation, imported: neither void nor superseded) of
 * teachers under `path` on these competencies in any version of the standard, effective before
 * `before`, oldest first: the history a confirmed level at any date is read from.
 */
export function confirmingEventsUnder(
  db: Kysely<DB>,
  tenantId: string,
  path: string,
  competencies: { lineageId: string; caseIdentifiers: string[] },
  before: string,
) {
  return db
    .selectFrom('assessment_event as ev')
    .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'ev.tenant_id').onRef('p.id', '=', 'ev.person_id'))
    .innerJoin('framework_item as i', (j) =>
      j.onRef('i.tenant_id', '=', 'ev.tenant_id').onRef('i.id', '=', 'ev.item_id'),
    )
    .innerJoin('framework as f', (j) => j.onRef('f.tenant_id', '=', 'i.tenant_id').onRef('f.id', '=', 'i.framework_id'))
    .select(['ev.id', 'ev.person_id', 'i.case_identifier', 'ev.level_code', 'ev.effective_at'])
    .where('ev.tenant_id', '=', tenantId)
    .where('p.category', '=', 'teacher')
    .where((eb) => pathUnder(eb, 'p.org_path', [path]))
    .where('f.lineage_id', '=', competencies.lineageId)
    .where('i.case_identifier', 'in', competencies.caseIdentifiers)
    .where('ev.kind', 'not in', ['self', 'training'])
    .where('ev.is_void', '=', 0)
    .where('ev.effective_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('assessment_event as s')
            .select('s.id')
            .whereRef('s.tenant_id', '=', 'ev.tenant_id')
            .whereRef('s.supersedes_id', '=', 'ev.id'),
        ),
      ),
    )
    .orderBy('ev.effective_at')
    .orderBy('ev.id')
    .execute();
}
