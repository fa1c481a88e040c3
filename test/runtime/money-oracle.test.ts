// Money against decimal.js as an oracle: amounts to the fen times percents, plus and minus, rounded with each rule.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Rounding, roundToFen, sumLinesFen } from '../../runtime/money.ts';

const MODES: Record<Rounding, Decimal.Rounding> = {
  'half-up': Decimal.ROUND_HALF_UP, 'half-even': Decimal.ROUND_HALF_EVEN, down: Decimal.ROUND_DOWN, up: Decimal.ROUND_UP,
};

const fen = fc.integer({ min: -10_000_000, max: 10_000_000 }); // up to ±100,000.00 yuan
const basisPoints = fc.integer({ min: 0, max: 20_000 }); // 0.00% … 200.00%

describe('money is exact to the fen', () => {
  for (const mode of Object.keys(MODES) as Rounding[]) {
    it(`amount × percent + amount, rounded ${mode}, equals decimal.js`, () => {
      fc.assert(fc.property(fen, basisPoints, fen, (a, bp, b) => {
        // What the generated code computes: yuan doubles, percent as a fraction.
        const ours = roundToFen((a / 100) * (bp / 10000) + b / 100, 0.01, mode);
        const oracle = new Decimal(a).div(100).mul(new Decimal(bp).div(10000)).plus(new Decimal(b).div(100))
          .toDecimalPlaces(2, MODES[mode]).mul(100).toNumber();
        expect(ours).toBe(oracle);
      }), { numRuns: 3000 });
    });
  }
  it('a score percent of a star amount, as policies write it (星级绩效 × score%)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 500_000 }), fc.integer({ min: 0, max: 1100 }), (amountFen, scoreTenths) => {
      const ours = roundToFen((amountFen / 100) * ((scoreTenths / 10) / 100));
      const oracle = new Decimal(amountFen).div(100).mul(new Decimal(scoreTenths).div(1000)).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).mul(100).toNumber();
      expect(ours).toBe(oracle);
    }), { numRuns: 5000 });
  });
  it('clamped floats of points × 10元 (seed D7)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1200 }), (scoreTenths) => {
      const ours = roundToFen(Math.min(300, Math.max(-300, (scoreTenths / 10 - 80) * 10)));
      const oracle = Decimal.min(300, Decimal.max(-300, new Decimal(scoreTenths).div(10).minus(80).mul(10))).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).mul(100).toNumber();
      expect(ours).toBe(oracle);
    }), { numRuns: 2000 });
  });
});

describe('pay lines summed into the month total, line by line in one pass', () => {
  it('gives each present person exactly the sum of roundToFen over their lines, with every rule and unit; 0 for the absent', () => {
    const amount = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map((f) => f / 100), fc.double({ min: -1e6, max: 1e6 }), fc.constantFrom(NaN, Infinity, -0, 0.005, 1019.9999999999999));
    const person = fc.tuple(fc.array(amount, { minLength: 3, maxLength: 3 }), fc.boolean());
    fc.assert(fc.property(fc.array(person), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...(Object.keys(MODES) as Rounding[])), fc.constantFrom(0.01, 0.1, 1), (cells, k, mode, precision) => {
      const lines = Array.from({ length: k }, (_, j) => Float64Array.from(cells, ([xs]) => xs[j]!));
      const present = Uint8Array.from(cells, ([, p]) => (p ? 1 : 0));
      const total = sumLinesFen(lines, present, precision, mode);
      cells.forEach(([xs, p], i) => {
        const expected = p ? xs.slice(0, k).reduce((a, x) => a + roundToFen(x, precision, mode), 0) : 0;
        expect(Object.is(total[i], expected)).toBe(true);
      });
    }), { numRuns: 500 });
  });
});
