// Places (star quotas, awards): the winners found from the tied last place are exactly the first `places` of the
// full order — higher key, then tie-breaks, then the smaller id — for every key, tie and count.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestPlaces, byBest, placesOf } from '../../runtime/places.ts';

describe('bestPlaces', () => {
  it('gives the first places of the full order', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constantFrom(NaN, -0, 0.5, 94));
    fc.assert(fc.property(
      fc.array(fc.tuple(value, value, value), { maxLength: 40 }),
      fc.oneof(fc.integer({ min: -3, max: 45 }), fc.constantFrom(NaN, 2.5, Infinity)),
      fc.integer({ min: 0, max: 2 }),
      (rows, places, tieCount) => {
        const key = rows.map((r) => r[0]);
        const ties = [rows.map((r) => r[1]), rows.map((r) => r[2])].slice(0, tieCount);
        const ids = rows.map((_, i) => `E${String((i * 7) % 101).padStart(3, '0')}`);
        const people = rows.map((_, i) => i).filter((i) => i % 5 !== 3);
        const idOf = (i: number) => ids[i]!;
        const full = new Set([...people].sort(byBest(key, ties, idOf)).slice(0, places));
        expect([...bestPlaces(people, places, key, ties, idOf)].sort((a, b) => a - b)).toEqual([...full].sort((a, b) => a - b));
      },
    ), { numRuns: 2000 });
  });
});

describe('places of a share', () => {
  it('takes the share of the group down to a whole number, without losing a place to binary rounding', () => {
    expect(placesOf(0.05, 30)).toBe(1);
    expect(placesOf(0.05, 100_000)).toBe(5000);
    // 0.29 × 100 is 28.999999999999996 in binary: still 29 places.
    expect(placesOf(0.29, 100)).toBe(29);
    expect(placesOf(0.1, 9)).toBe(0);
  });
});
