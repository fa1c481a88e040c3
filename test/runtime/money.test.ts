import { describe, expect, it } from 'vitest';
import { roundTo } from '../../compiler/codegen/helpers.ts';
import { formatFen, roundMoney, toFen } from '../../runtime/money.ts';

describe('money rounding', () => {
  it.each([
    [1200 * 0.85, 'half-up', 1020],
    [0.1 + 0.2, 'half-up', 0.3],
    [1.005, 'half-up', 1.01],
    [2.675, 'half-up', 2.68],
    [-1.005, 'half-up', -1.01],
    [0.125, 'half-even', 0.12],
    [0.135, 'half-even', 0.14],
    [1.019, 'down', 1.01],
    [1.011, 'up', 1.02],
    [1200 * 0.9 * 0.7, 'half-up', 756],
  ] as const)('%s rounded %s is %s', (x, mode, want) => {
    expect(roundMoney(x, 0.01, mode)).toBe(want);
  });
  it('rounds to the yuan when the policy says 元', () => {
    expect(roundMoney(1234.5, 1, 'half-up')).toBe(1235);
  });
  it('formats fen as a two-place decimal string', () => {
    expect(formatFen(toFen(3220))).toBe('3220.00');
    expect(formatFen(toFen(-12.3))).toBe('-12.30');
    expect(formatFen(toFen(0.07))).toBe('0.07');
  });
  it('round() in formulas is half-up', () => {
    // The helper the generated code calls for round(x, d).
    expect(roundTo(2.5, 0)).toBe(3);
    expect(roundTo(-2.5, 0)).toBe(-3);
    expect(roundTo(1.2345, 2)).toBe(1.23);
  });
});
