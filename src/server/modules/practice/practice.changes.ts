import { domainEvent } from '../../shared/events.ts';

/** What a teacher's practice facts are read from, each kind of them from one source. */
export type PracticeSource = 'observed' | 'cycle' | 'follow_through' | 'design' | 'library';

/**
 * Something a teacher's practice facts depend on changed (an observation submitted, a cycle opened
 * or ended, a follow-through visit recorded, a design shared or withdrawn, a library resource used),
 * emitted in the writing transaction so that monitoring's figures move with it; `sources` names what
 * changed, so only those facts are read again.
 */
export const practiceChanged = domainEvent<{ personIds: string[]; sources: PracticeSource[] }>();
