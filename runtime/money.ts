// Money rounding with the policy's rule (四舍五入 to the fen by default), free of binary floating-point error.
// A money value is a double in yuan whose intended decimal has few places; a few float operations leave it within a
// hair of that decimal (1200 × 0.85 = 1019.9999999999999). Scaled to the rounding unit, a fraction within that hair
// of 0, 1 or ½ is read as exactly 0, 1 or ½, then the policy's rule decides. No strings, no allocation: fast enough
// for millions of pay lines a second.

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/** x (yuan) rounded to a whole number of `precision` units (0.01 = 分, 0.1 = 角, 1 = 元), as that count of units. */
export function roundUnits(x: number, precision = 0.01, mode: Rounding = 'half-up'): number {
  if (!Number.isFinite(x)) return x;
  const scale = Math.round(1 / precision);
  const v = x * scale;
  // Already a whole number of units (most pay lines: 1800, 200, 0): the rule has nothing to round (+ 0: -0 → 0,
  // as below).
  if (v === Math.floor(v)) return v + 0;
  const a = Math.abs(v);
  const floor = Math.floor(a);
  const frac = a - floor;
  // The hair: well above float error at these magnitudes, far below any real fraction of a fen.
  const eps = 1e-7 + a * 1e-13;
  let n: number;
  if (frac < eps) n = floor;
  else if (1 - frac < eps) n = floor + 1;
  else if (Math.abs(frac - 0.5) < eps) {
    n = mode === 'down' ? floor : mode === 'half-even' ? (floor % 2 === 0 ? floor : floor + 1) : floor + 1;
  } else if (mode === 'down') n = floor;
  else if (mode === 'up') n = floor + 1;
  else n = frac > 0.5 ? floor + 1 : floor;
  return v < 0 ? -n : n;
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
 * columns (the rule's parameters read once, whole amounts added without a call), into `total` (zeros: 0 stays for
 * the absent). */
export function sumLinesFen(lines: readonly Float64Array[], present: Uint8Array, precision = 0.01, mode: Rounding = 'half-up', total: Float64Array = new Float64Array(present.length)): Float64Array {
  const n = present.length;
  const scale = Math.round(1 / precision);
  const fen = Math.round(precision * 100);
  const k = lines.length;
  for (let i = 0; i < n; i++) {
    if (!present[i]) continue;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const x = lines[j]![i]!;
      const v = x * scale;
      sum += (v === Math.floor(v) ? v + 0 : roundUnits(x, precision, mode)) * fen;
    }
    total[i] = sum;
  }
  return total;
}

/** Yuan → integer fen. */
export function toFen(yuan: number): number {
  return Math.round(Number((yuan * 100).toPrecision(15)));
}

/** Integer fen → "1234.50" (negative: "-12.30"). Pay that is not a number never reaches here as text: a run reports
 * it as a problem (run-problems.ts), so a non-finite amount is Ladder's own error, said loudly. */
export function formatFen(fen: number): string {
  if (!Number.isFinite(fen)) throw new RangeError(`formatFen: not a finite amount (${fen})`);
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
