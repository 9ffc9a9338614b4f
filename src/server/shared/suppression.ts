/**
 * The one suppression rule every report of groups uses (group reports, the competency dashboard,
 * indicators and what exports and prints them).
 *
 * Whether a unit's figure is shown is decided over the org tree from the top down, never per
 * request: a unit's fate depends only on the units on its way up and their siblings, so every
 * request that shows a unit (as the headline, or as a unit below another) shows or hides it alike,
 * and no difference between two responses can isolate fewer than MINIMUM_GROUP people.
 *
 * - A unit is hidden when any of its figure's sizes (the additive counts of people the figure is
 *   about: teachers, those assessed in a competency, respondents, ...) is 1 to 4.
 * - Among the children of a shown unit, what is hidden (the parent minus the shown children, which
 *   includes people placed in the parent itself) must be nought or at least 5 in every size; if not,
 *   the next-smallest shown sibling is hidden too. Under a hidden unit it must be at least 5 (the
 *   shown children must not add up to the hidden parent), else the children hide the same way.
 * - A breakdown (sex; urban/rural; type of place) is shown for a unit all or nothing: hidden when the
 *   unit is, when any group is 1 to 4 in any size, and, per group, across the children as above.
 * - A figure of several sizes is hidden wherever a figure of any one of them is, so a count that two
 *   reports publish about the same people (the teachers at target, once with a share of all teachers
 *   and once alone) is never shown by one where the other hides it.
 */

export const MINIMUM_GROUP = 5;

export const isSmall = (n: number) => n > 0 && n < MINIMUM_GROUP;

/** The org tree as far as a decision needs it: the top unit and, for each unit opened, all its children. */
export interface TreeSlice {
  top: string;
  children: Map<string, string[]>;
  /** Every unit in the slice, top first. */
  units: string[];
}

/**
 * The slice for reporting `unitId` (and, with `withChildren`, the units directly below it): every
 * unit on the way down from the top with all of its children.
 */
export function sliceFor(
  index: readonly { id: string; parent_id: string | null }[],
  unitId: string,
  withChildren: boolean,
): TreeSlice {
  const childrenOf = new Map<string, string[]>();
  const parentOf = new Map<string, string | null>();
  for (const u of index) {
    parentOf.set(u.id, u.parent_id);
    if (u.parent_id === null) continue;
    const list = childrenOf.get(u.parent_id) ?? [];
    list.push(u.id);
    childrenOf.set(u.parent_id, list);
  }
  for (const list of childrenOf.values()) list.sort();
  const chain: string[] = [];
  for (let at: string | null | undefined = unitId; at; at = parentOf.get(at)) chain.unshift(at);
  const children = new Map<string, string[]>();
  const units = [chain[0]!];
  const opened = withChildren ? chain : chain.slice(0, -1);
  for (const id of opened) {
    const list = childrenOf.get(id) ?? [];
    children.set(id, list);
    units.push(...list);
  }
  return { top: chain[0]!, children, units };
}

/** A figure's sizes per unit, and per group of each breakdown. */
export interface Family {
  /** Names of the sizes, for a canonical order: the same sizes always give the same decision. */
  sizes: readonly string[];
  size(unit: string, k: number): number;
  breakdowns?: readonly {
    name: string;
    groups: readonly string[];
    size(unit: string, group: string, k: number): number;
  }[];
}

export interface Hidden {
  /** Units whose figure is hidden. */
  units: Set<string>;
  /** Per breakdown name, units whose groups are hidden (every unit whose figure is, too). */
  breakdowns: Map<string, Set<string>>;
}

export function decide(slice: TreeSlice, family: Family): Hidden {
  const order = family.sizes
    .map((name, k) => ({ name, k }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.k - b.k))
    .filter((s, i, all) => i === 0 || all[i - 1]!.name !== s.name)
    .map((s) => s.k);
  const seed: Hidden = { units: new Set(), breakdowns: new Map() };
  if (order.length > 1)
    for (const k of order) {
      const single = decide(slice, {
        sizes: [family.sizes[k]!],
        size: (u) => family.size(u, k),
        breakdowns: family.breakdowns?.map((b) => ({ ...b, size: (u: string, g: string) => b.size(u, g, k) })),
      });
      for (const u of single.units) seed.units.add(u);
      for (const [name, set] of single.breakdowns) {
        const into = seed.breakdowns.get(name) ?? new Set<string>();
        for (const u of set) into.add(u);
        seed.breakdowns.set(name, into);
      }
    }

  const units = walk(
    slice,
    order,
    (u) => seed.units.has(u) || order.some((k) => isSmall(family.size(u, k))),
    (u, k) => family.size(u, k),
    new Set(),
    [null],
  );
  const breakdowns = new Map<string, Set<string>>();
  for (const b of family.breakdowns ?? []) {
    const seeded = seed.breakdowns.get(b.name);
    breakdowns.set(
      b.name,
      walk(
        slice,
        order,
        (u) => Boolean(seeded?.has(u)) || b.groups.some((g) => order.some((k) => isSmall(b.size(u, g, k)))),
        (u, k, g) => b.size(u, g!, k),
        units,
        b.groups,
      ),
    );
  }
  return { units, breakdowns };
}

/**
 * Top-down. Under a shown parent, what is hidden among its children (with the people placed in the
 * parent itself) must be nought or at least MINIMUM_GROUP; under a hidden one, at least MINIMUM_GROUP
 * wherever the parent counts anyone, or the shown children would add up to the parent and give away
 * what its hiding protects. Either way, the next-smallest shown child is hidden until it holds.
 */
function walk(
  slice: TreeSlice,
  order: number[],
  primary: (unit: string) => boolean,
  size: (unit: string, k: number, group: string | null) => number,
  alreadyHidden: Set<string>,
  groups: readonly (string | null)[],
): Set<string> {
  const hidden = new Set(alreadyHidden);
  if (primary(slice.top)) hidden.add(slice.top);
  const queue = [slice.top];
  while (queue.length) {
    const parent = queue.shift()!;
    const kids = slice.children.get(parent);
    if (!kids) continue;
    queue.push(...kids);
    const parentHidden = hidden.has(parent);
    for (const kid of kids) if (primary(kid)) hidden.add(kid);
    for (let changed = true; changed; ) {
      changed = false;
      for (const group of groups)
        for (const k of order) {
          const whole = size(parent, k, group);
          const shown = kids.filter((kid) => !hidden.has(kid));
          const rest = whole - shown.reduce((n, kid) => n + size(kid, k, group), 0);
          if (parentHidden ? whole <= 0 || rest >= MINIMUM_GROUP : !isSmall(rest)) continue;
          const next = shown
            .filter((kid) => size(kid, k, group) > 0)
            .sort((a, b) => size(a, k, group) - size(b, k, group) || (a < b ? -1 : 1))[0];
          if (!next) continue;
          hidden.add(next);
          changed = true;
        }
    }
  }
  return hidden;
}
