import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { readInBatches } from '../../shared/batches.ts';

/**
 * The round's invitations of the people a paper file names by national id, EMIS id or email, with
 * where each person sits and who they are (what a response keeps). Only invited people come back,
 * so a file learns nothing of people outside the round.
 */
export function invitedByIdentifier(db: Kysely<DB>, tenantId: string, roundId: string, identifiers: string[]) {
  return readInBatches(
    identifiers,
    (batch) =>
      db
        .selectFrom('survey_invitation as i')
        .innerJoin('person as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.id', '=', 'i.person_id'))
        .innerJoin('org_unit as u', (j) =>
          j.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.org_unit_id'),
        )
        .select([
          'i.id as invitation_id',
          'i.status',
          'p.id as person_id',
          'p.national_id',
          'p.emis_id',
          'p.email',
          'p.org_unit_id',
          'p.org_path',
          'p.sex',
          'p.category',
          'u.type as unit_type',
          'u.locality as unit_locality',
        ])
        .where('i.tenant_id', '=', tenantId)
        .where('i.round_id', '=', roundId)
        .where((eb) =>
          eb.or([
            eb('p.national_id', 'in', batch),
            eb('p.emis_id', 'in', batch),
            eb(
              eb.fn('lower', ['p.email']),
              'in',
              batch.map((b) => b.toLowerCase()),
            ),
          ]),
        )
        .execute(),
    300,
  );
}
export type InvitedPerson = Awaited<ReturnType<typeof invitedByIdentifier>>[number];
