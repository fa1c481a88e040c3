// Who gets a limited number of places (a star quota, an award): the best by a key, then by each tie-break, then by
// id — the order `byBest` gives. Only the people tied at the last place need that full order: everyone above the key
// of the last place is in, everyone below is out, and the key is sorted as numbers, without a comparator call.

/** How many places a share of a group gives (5% of 30 people: 1), the product taken down to a whole number; the
 * hair above it keeps a share that is exact in decimals (30% of 10) from losing a place to binary rounding. */
export function placesOf(share: number, groupSize: number): number {
  return Math.floor(share * groupSize + 1e-9);
}

/** The order of places: higher key first, then higher tie-breaks, then the smaller id. */
export function byBest(key: ArrayLike<number>, ties: readonly ArrayLike<number>[], idOf: (i: number) => string): (a: number, b: number) => number {
  return (a, b) => {
    if (key[b] !== key[a]) return key[b]! - key[a]!;
    for (const t of ties) if (t[b] !== t[a]) return t[b]! - t[a]!;
    return idOf(a) < idOf(b) ? -1 : 1;
  };
}

/**
 * The first `places` of `people` in the order byBest gives, as a set of their indexes. A key or tie-break that is
 * not a number (NaN) has no consistent order: then everyone is sorted with byBest, as the full order has it.
 */
export function bestPlaces(people: readonly number[], places: number, key: ArrayLike<number>, ties: readonly ArrayLike<number>[], idOf: (i: number) => string): Set<number> {
  const order = byBest(key, ties, idOf);
  // A count that is not a whole number of places (a share's rounding gives one) is taken as slice() takes it.
  if (!Number.isInteger(places) || places < 0) return new Set([...people].sort(order).slice(0, places));
  if (places === 0) return new Set();
  if (places >= people.length) return new Set(people);
  const keys = new Float64Array(people.length);
  for (let k = 0; k < people.length; k++) {
    const x = key[people[k]!]!;
    if (x !== x) return new Set([...people].sort(order).slice(0, places));
    keys[k] = x;
  }
  keys.sort();
  const last = keys[people.length - places]!;
  const winners = new Set<number>();
  const tied: number[] = [];
  // Index loops, not for…of: callers pass arrays of different element kinds, and an iterator specialised to one
  // deoptimizes on the next (a star quota or award runs for every group, every month).
  for (let k = 0; k < people.length; k++) {
    const i = people[k]!;
    const x = key[i]!;
    if (x > last) winners.add(i);
    else if (x === last) tied.push(i);
  }
  for (let j = 0; j < ties.length; j++) {
    const t = ties[j]!;
    for (let k = 0; k < tied.length; k++) if (t[tied[k]!] !== t[tied[k]!]) return new Set([...people].sort(order).slice(0, places));
  }
  tied.sort(order);
  for (let k = 0; winners.size < places; k++) winners.add(tied[k]!);
  return winners;
}
