import { type Ctx, transactionMemo } from '../../shared/context.ts';
import * as org from '../org/org.service.ts';

/** Units where teachers work: what urban/rural and school-type figures are summed over. */
export const PLACES_OF_WORK = ['school', 'tei', 'resource_centre'];

/** The place of teachers who work under no place of work (a district office, say). */
export const OTHER_PLACE = 'other';

interface Labelled {
  type: string;
  locality: string | null;
}

/** A place of work's group for the breakdowns: `{urban|rural|unknown}|{type}`; null for other units. */
export function placeKey(unit: Labelled): string | null {
  return PLACES_OF_WORK.includes(unit.type) ? `${unit.locality ?? 'unknown'}|${unit.type}` : null;
}

/**
 * The place of teachers of a unit, from the units on its path (top first): the nearest place of work
 * at or above it, or `other`. Every count row carries it, so a unit's breakdown by place is its own rows.
 */
export function placeOfChain(chain: readonly Labelled[]): string {
  for (let i = chain.length - 1; i >= 0; i--) {
    const key = placeKey(chain[i]!);
    if (key) return key;
  }
  return OTHER_PLACE;
}

/** The two halves of a place: urban/rural and the type of institution (`other` for both when placed elsewhere). */
export function splitPlace(place: string): { locality: string; type: string } {
  if (place === OTHER_PLACE) return { locality: OTHER_PLACE, type: OTHER_PLACE };
  const [locality, type] = place.split('|') as [string, string];
  return { locality, type };
}

/** Where a teacher at a unit path is counted: the ids of that unit and every unit above it, and their place. */
export interface Counted {
  unitIds: string[];
  place: string;
}

/** The paths looked up in this transaction (null outside one). */
const lookedUp = (ctx: Ctx) => transactionMemo(ctx, ancestry, () => new Map<string, Promise<Counted>>());

/**
 * Looks up where teachers at a path are counted, once per path within a transaction (an observation
 * moves a status and practice of one teacher: one lookup), or within one change outside one. The
 * tree's own changes in the transaction forget what was looked up (`forgetAncestry`).
 */
export function ancestry(ctx: Ctx) {
  const known = lookedUp(ctx) ?? new Map<string, Promise<Counted>>();
  return (path: string) => {
    let found = known.get(path);
    if (!found) {
      found = org.unitsOnPath(ctx, path).then((units) => ({
        unitIds: units.map((u) => u.id),
        place: placeOfChain(units),
      }));
      known.set(path, found);
    }
    return found;
  };
}

/** A unit moved, was relabelled or the tree was loaded: paths are looked up afresh in this transaction. */
export function forgetAncestry(ctx: Ctx) {
  lookedUp(ctx)?.clear();
}
