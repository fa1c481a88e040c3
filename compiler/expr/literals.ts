// The numbers a policy may write, by unit: how large and how many decimal places (docs/reference.md §4). Pay is
// computed in binary floating point and rounded to the fen with the policy's rule (runtime/money.ts); that rounding
// is exact for amounts up to 100,000,000 yuan computed to a millionth of a yuan, so a literal may not ask for more
// (issue 20: a 400-digit amount reached codegen as Infinity, 0.004999999元 was rounded as if it were 0.005元).

import type { Unit } from './ast.ts';

export interface LiteralLimit {
  /** The largest magnitude, in the unit as written (元, %, ‰, 分, 次 …). */
  readonly max: number;
  /** Decimal places allowed, as written. */
  readonly places: number;
  readonly en: string;
  readonly zh: string;
}

/** Money to the fen; a percent to a hundredth of a percent (a fraction with 4 places, so money × percent has at most
 * 6: a millionth of a yuan); other numbers to 4 places. */
const MONEY: LiteralLimit = { max: 100_000_000, places: 2, en: 'an amount of money', zh: '金额' };
const PERCENT: LiteralLimit = { max: 10_000, places: 2, en: 'a percent', zh: '百分比' };
const PERMILLE: LiteralLimit = { max: 100_000, places: 1, en: 'a permille', zh: '千分比' };
const OTHER: LiteralLimit = { max: 1_000_000_000, places: 4, en: 'a number', zh: '数值' };
const COUNT: LiteralLimit = { ...OTHER, en: 'a count', zh: '次数' };
const POINTS: LiteralLimit = { ...OTHER, en: 'points', zh: '分数' };
const TIME: LiteralLimit = { max: 100_000, places: 4, en: 'a length of time', zh: '时长' };

export function literalLimit(unit: Unit | null): LiteralLimit {
  switch (unit) {
    case 'yuan': case 'usd': return MONEY;
    case 'percent': return PERCENT;
    case 'permille': return PERMILLE;
    case 'times': case 'people': return COUNT;
    case 'points': return POINTS;
    case 'months': case 'years': case 'quarters': case 'days': return TIME;
    default: return OTHER;
  }
}

/** Decimal places of a number as written: `12.50` → 2, `1e-7` → 7, `1.5e3` → 0. */
export function decimalPlaces(text: string): number {
  const m = /(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?/.exec(text.replace(/[,，_]/g, ''));
  if (!m) return 0;
  return Math.max(0, (m[2] ?? '').length - Number(m[3] ?? 0));
}

/** What is wrong with a literal, if anything: its limit when it is larger or finer than the unit allows. `text` is the
 * number as written (its digits, for the decimal places). */
export function literalOutOfRange(value: number, unit: Unit | null, text: string): LiteralLimit | undefined {
  const limit = literalLimit(unit);
  const digits = /[\d.]+(?:[eE][+-]?\d+)?/.exec(text)?.[0] ?? String(value);
  if (!Number.isFinite(value) || Math.abs(value) > limit.max || decimalPlaces(digits) > limit.places) return limit;
  return undefined;
}

/** A literal as shown in a message: a number of 400 digits is cut to its first and last few. */
export function shownLiteral(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 20)}…${text.slice(-8)}`;
}

/** The arguments of L038 for a literal as written and the limit it passes. */
export function literalArgs(text: string, limit: LiteralLimit): { text: string; what: string; whatZh: string; max: string; places: number } {
  return { text: shownLiteral(text), what: limit.en, whatZh: limit.zh, max: limit.max.toLocaleString('en'), places: limit.places };
}
