// The helpers generated stages call (compiler/codegen/helpers.ts): exact values on small columns, including the
// arguments and/or can now hand them when the other side is false.

import { describe, expect, it } from 'vitest';
import { addMonths, ceilX, dateText, dayNumber, dayOfMonth, floorX, fullMonths, hAvg, hCount, hPrev, hStreak, withinCC, withinCO, withinOC, withinOO } from '../../compiler/codegen/helpers.ts';

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

describe('calendar helpers (dates as day numbers)', () => {
  const day = (t: string) => dayNumber(t);
  it('move a date by whole months, to the last day of a shorter month', () => {
    expect(dateText(addMonths(day('2026-01-31'), 1))).toBe('2026-02-28');
    expect(dateText(addMonths(day('2024-01-31'), 1))).toBe('2024-02-29');
    expect(dateText(addMonths(day('2026-04-14'), 3))).toBe('2026-07-14');
    expect(dateText(addMonths(day('2026-03-31'), -1))).toBe('2026-02-28');
    expect(dateText(addMonths(day('2026-11-15'), 14))).toBe('2028-01-15');
  });
  it('count full months to the day, negative backwards, NaN for an unknown date', () => {
    expect(fullMonths(day('2026-04-14'), day('2026-07-13'))).toBe(2);
    expect(fullMonths(day('2026-04-14'), day('2026-07-14'))).toBe(3);
    expect(fullMonths(day('2026-01-31'), day('2026-02-28'))).toBe(1);
    expect(fullMonths(day('2026-07-14'), day('2026-04-14'))).toBe(-3);
    expect(fullMonths(NaN, day('2026-04-14'))).toBeNaN();
  });
  it('read the day of the month and round-trip dates through day numbers', () => {
    expect(dayOfMonth(day('2026-02-28'))).toBe(28);
    expect(dateText(day('1999-12-31'))).toBe('1999-12-31');
    expect(day('2026-07-01') - day('2026-06-01')).toBe(30);
    expect(day('not a date')).toBeNaN();
  });
});

describe('floor and ceil of computed values', () => {
  it('read a float a billionth off a whole number as that number, and leave real fractions alone', () => {
    expect(Math.floor((0.95 - 0.9) / 0.01)).toBe(4); // why the helpers exist
    expect(floorX((0.95 - 0.9) / 0.01)).toBe(5);
    expect(ceilX((0.95 - 0.95) / 0.01)).toBe(0);
    expect(ceilX(21.1 - 20)).toBe(2);
    expect(floorX(2.999999)).toBe(2);
    expect(ceilX(-0.5)).toBe(-0);
    expect(floorX(NaN)).toBeNaN();
  });
});
