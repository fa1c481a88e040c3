// The helpers generated stages call (compiler/codegen/helpers.ts): exact values on small columns, including the
// arguments and/or can now hand them when the other side is false.

import { describe, expect, it } from 'vitest';
import { hAvg, hCount, hPrev, hStreak, withinCC, withinCO, withinOC, withinOO } from '../../compiler/codegen/helpers.ts';

const months = [Float64Array.of(80, 1), Float64Array.of(NaN, 1), Float64Array.of(90, 0)];

describe('history helpers', () => {
  it('average the months that have a value, count yes months, and count a streak back from this month', () => {
    expect(hAvg(months, 0, 2, 0)).toBe(85);
    expect(hAvg(months, 1, 1, 0)).toBeNaN();
    expect(hAvg(months, 2, 1, 0)).toBeNaN(); // an empty window (before the data has a past quarter)
    expect(hCount(months, 0, 2, 1)).toBe(2);
    expect(hStreak(months, 1, 1)).toBe(2);
    expect(hStreak(months, 2, 1)).toBe(0);
  });
  it('read a past month, and no month for a k before the data, after this month, or between months', () => {
    expect(hPrev(months, 2, 2, 0)).toBe(80);
    expect(hPrev(months, 2, 0, 0)).toBe(90);
    expect(hPrev(months, 2, 3, 0)).toBeNaN();
    expect(hPrev(months, 1, -1, 0)).toBeNaN();
    expect(hPrev(months, 2, 0.5, 0)).toBeNaN();
  });
});

describe('intervals', () => {
  it('include or exclude each end as written, as 1 or 0, and never hold for NaN', () => {
    expect([withinCC(80, 80, 90), withinCO(90, 80, 90), withinOC(80, 80, 90), withinOO(85, 80, 90)]).toEqual([1, 0, 0, 1]);
    expect([withinCC(NaN, 80, 90), withinOO(NaN, -Infinity, Infinity)]).toEqual([0, 0]);
  });
});
