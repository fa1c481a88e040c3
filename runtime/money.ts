// Money rounding with the policy's rule (四舍五入 to the fen by default), free of binary floating-point error:
// the value is first brought to 15 significant digits, which removes the error of a few float operations
// (1200 × 0.85 = 1019.9999999999999 → 1020), then rounded on that decimal value.

export type Rounding = 'half-up' | 'half-even' | 'down' | 'up';

/** Rounds x (yuan) to a whole number of `precision` yuan units; returns yuan. */
export function roundMoney(x: number, precision = 0.01, mode: Rounding = 'half-up'): number {
  if (!Number.isFinite(x)) return x;
  const units = Number((x / precision).toPrecision(15));
  const sign = units < 0 ? -1 : 1;
  const a = Math.abs(units);
  const floor = Math.floor(a);
  const frac = Number((a - floor).toPrecision(12));
  let n: number;
  switch (mode) {
    case 'down': n = floor; break;
    case 'up': n = frac > 0 ? floor + 1 : floor; break;
    case 'half-even': n = frac > 0.5 || (frac === 0.5 && floor % 2 === 1) ? floor + 1 : floor; break;
    default: n = frac >= 0.5 ? floor + 1 : floor;
  }
  return toFen(sign * n * precision) / 100;
}

/** Yuan → integer fen. */
export function toFen(yuan: number): number {
  return Math.round(Number((yuan * 100).toPrecision(15)));
}

/** Integer fen → "1234.50" (negative: "-12.30"). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A general number rounded half-up to `digits` decimals (round() in policies). */
export function roundHalfUp(x: number, digits = 0): number {
  const f = 10 ** digits;
  const v = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.floor(v + 0.5)) / f;
}
