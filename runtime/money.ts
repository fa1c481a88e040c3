// Money rounding with the policy's rule (四舍五入 to the fen by default), exact for every amount the language allows.
// A money value is a double in yuan; the decimal it stands for has at most six places (literals are written to the
// fen and percents to a hundredth of a percent, docs/reference.md §4), and float operations leave the double within a
// hair of it (1200 × 0.85 = 1019.9999999999999). Within ±MONEY_LIMIT yuan that hair is far below half a millionth of
// a yuan, so the value is first brought to a whole number of millionths of a yuan (a safe integer: ≤ 10^14), and
// the rule is applied to that integer exactly — no tolerance that a real fraction could fall into (issue 20:
// 0.004999999元 was rounded as the tie 0.005). A value with more places (a division, a product of several percents)
// is taken to its nearest millionth first: a documented step, not float noise. Beyond ±MONEY_LIMIT no rounding can be
// exact in a double, so the amount is NaN (shown as such) rather than silently a fen off. No strings, no
// allocation: fast enough for millions of pay lines a second.

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/** The largest money amount (yuan, either sign) that is rounded exactly; README.md "Money". */
export const MONEY_LIMIT = 100_000_000;

/** Millionths of a yuan per yuan: the grid every money value is brought to before the policy's rule. */
const MICRO = 1_000_000;

/** x (yuan) rounded to a whole number of `precision` units (0.01 = 分, 0.1 = 角, 1 = 元), as that count of units;
 * NaN when x is not finite or beyond ±MONEY_LIMIT. */
export function roundUnits(x: number, precision = 0.01, mode: Rounding = 'half-up'): number {
  const scale = Math.round(1 / precision);
  const v = x * scale;
  const a = Math.abs(v);
  const whole = Math.floor(a);
  // NaN, ±Infinity and amounts beyond the limit fail this one comparison.
  if (!(whole <= MONEY_LIMIT * scale)) return NaN;
  // Already a whole number of units (most pay lines: 1800, 200, 0): the rule has nothing to round (+ 0: -0 → 0).
  if (a === whole) return v + 0;
  // The fraction of a unit in whole millionths of a yuan: a - whole is exact, and the float error of x, a few ulps,
  // is below 0.02 of a millionth within the limit. (floor(… + 0.5), not Math.round: measurably faster here.)
  const per = MICRO / scale;
  const rest = Math.floor((a - whole) * per + 0.5);
  // Up from this many millionths: half a unit (a tie rounds up; half-even takes it back below), any, or a whole unit.
  const from = mode === 'half-up' || mode === 'half-even' ? per / 2 : mode === 'up' ? 1 : per;
  const n = rest >= from && !(mode === 'half-even' && rest * 2 === per && whole % 2 === 0) ? whole + 1 : whole;
  return x < 0 ? -n : n;
}

/** x (yuan) rounded with the policy's rule; returns yuan. */
export function roundMoney(x: number, precision = 0.01, mode: Rounding = 'half-up'): number {
  const scale = Math.round(1 / precision);
  return roundUnits(x, precision, mode) / scale;
}

/** x (yuan) rounded with the policy's rule; returns integer fen. */
export function roundToFen(x: number, precision = 0.01, mode: Rounding = 'half-up'): number {
  return roundUnits(x, precision, mode) * Math.round(precision * 100);
}

/** Each present person's pay lines rounded with the policy's rule and summed in fen, in one pass over the lines'
 * columns (the rule's parameters read once, whole amounts within the limit added without a call), into `total`
 * (zeros: 0 stays for the absent). */
export function sumLinesFen(lines: readonly Float64Array[], present: Uint8Array, precision = 0.01, mode: Rounding = 'half-up', total: Float64Array = new Float64Array(present.length)): Float64Array {
  const n = present.length;
  const scale = Math.round(1 / precision);
  const fen = Math.round(precision * 100);
  const limit = MONEY_LIMIT * scale;
  const k = lines.length;
  for (let i = 0; i < n; i++) {
    if (!present[i]) continue;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const x = lines[j]![i]!;
      const v = x * scale;
      sum += (v === Math.floor(v) && v <= limit && v >= -limit ? v + 0 : roundUnits(x, precision, mode)) * fen;
    }
    total[i] = sum;
  }
  return total;
}

/** Yuan → integer fen (half-up, as roundToFen). */
export function toFen(yuan: number): number {
  return roundUnits(yuan, 0.01, 'half-up');
}

/** Integer fen → "1234.50" (negative: "-12.30"), every digit written out however large (never "1e+21"); a fen
 * count that is not a whole number is rounded to one first. Pay that is not a number never reaches here as text: a
 * run reports it as a problem (run-problems.ts), so a non-finite amount is Ladder's own error, said loudly. */
export function formatFen(fen: number): string {
  if (!Number.isFinite(fen)) throw new RangeError(`formatFen: not a finite amount (${fen})`);
  const whole = Math.round(fen);
  if (Number.isSafeInteger(whole)) {
    const sign = whole < 0 ? '-' : '';
    const a = Math.abs(whole);
    return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
  }
  const big = BigInt(whole);
  const a = big < 0n ? -big : big;
  return `${big < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`;
}
