import { domainEvent } from '../../shared/events.ts';

/**
 * What a school counts as on the indicator dashboard may have changed: a plan became active or was
 * archived, an active plan's period changed, a partnership naming it was made or changed its period
 * or schools. Emitted in the writing transaction so that monitoring's school counts move with it.
 */
export const schoolsChanged = domainEvent<{ schoolIds: string[] }>();
