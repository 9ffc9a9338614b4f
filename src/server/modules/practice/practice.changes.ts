import { domainEvent } from '../../shared/events.ts';

/**
 * Something a teacher's practice facts depend on changed (an observation submitted, a cycle opened
 * or ended, a follow-through visit recorded, a design shared or withdrawn), emitted in the writing
 * transaction so that monitoring's figures move with it.
 */
export const practiceChanged = domainEvent<{ personIds: string[] }>();
