// Outputs over many rows are made by loops, not by spreading every row into one call: past ~125,000 arguments
// Math.max(...rows) throws RangeError, which a year of 20,000 people reaches.

import { describe, expect, it } from 'vitest';
import { extent } from '../../runtime/extent.ts';
import { toTerminalTable } from '../../runtime/results.ts';
import { barChart } from '../../runtime/simulate/html.ts';

describe('outputs at payroll scale', () => {
  const n = 300_000;
  it('extent finds the smallest and largest of 300,000 values, skipping NaN', () => {
    const xs = Float64Array.from({ length: n }, (_, i) => (i === 17 ? NaN : (i * 7919) % 100_003));
    expect(extent(xs)).toEqual([0, 100_002]);
    expect(extent([])).toEqual([Infinity, -Infinity]);
  });
  it('a terminal table of 300,000 rows is as wide as its widest cell', () => {
    const rows = Array.from({ length: n }, (_, i) => [`E${i}`, i === n - 1 ? '1234567.89' : '1.00']);
    const text = toTerminalTable({ header: ['id', 'total'], rows });
    const lines = text.split('\n');
    expect(lines).toHaveLength(n + 2);
    // The id column is as wide as E299999 (7), the total column as 1234567.89 (10).
    expect(lines[1]).toBe(`${'─'.repeat(7)}  ${'─'.repeat(10)}`);
  });
  it('a bar chart over 300,000 bars draws each of them', () => {
    const bars = Array.from({ length: n }, (_, i) => ({ label: String(i), value: i === 5 ? 500 : 1 }));
    const svg = barChart(bars, { title: 't' });
    expect(svg.split('<rect').length - 1).toBeGreaterThanOrEqual(n);
  });
});
