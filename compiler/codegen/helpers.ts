// Helpers the generated stages call: our own code, one set of functions for every rule set compiled in the process,
// handed to the generated source as its one parameter. Shared, they carry V8's type feedback from one rule set to the
// next: a `ladder compare` runs each scheme's fresh stages once, and helpers compiled anew with each would meet their
// first months (an empty window before the data has a past quarter) without feedback and be optimized blind.
//
// Each reads columns only; none allocates or writes.

type Months = readonly Float64Array[];

/** x in an interval, one function per kind of ends (the ends are the policy's constants): no branch on flags. */
export const withinCC = (x: number, lo: number, hi: number): number => (x >= lo ? 1 : 0) & (x <= hi ? 1 : 0);
export const withinCO = (x: number, lo: number, hi: number): number => (x >= lo ? 1 : 0) & (x < hi ? 1 : 0);
export const withinOC = (x: number, lo: number, hi: number): number => (x > lo ? 1 : 0) & (x <= hi ? 1 : 0);
export const withinOO = (x: number, lo: number, hi: number): number => (x > lo ? 1 : 0) & (x < hi ? 1 : 0);

/** Mean of person i's values in months a…b, skipping months without one (NaN); NaN if none. */
export function hAvg(h: Months, a: number, b: number, i: number): number {
  let s = 0;
  let k = 0;
  for (let j = a; j <= b; j++) { const x = h[j]![i]!; if (x === x) { s += x; k++; } }
  return k ? s / k : NaN;
}

export function hSum(h: Months, a: number, b: number, i: number): number {
  let s = 0;
  for (let j = a; j <= b; j++) { const x = h[j]![i]!; if (x === x) s += x; }
  return s;
}

export function hMin(h: Months, a: number, b: number, i: number): number {
  let s = Infinity;
  for (let j = a; j <= b; j++) { const x = h[j]![i]!; if (x < s) s = x; }
  return s === Infinity ? NaN : s;
}

export function hMax(h: Months, a: number, b: number, i: number): number {
  let s = -Infinity;
  for (let j = a; j <= b; j++) { const x = h[j]![i]!; if (x > s) s = x; }
  return s === -Infinity ? NaN : s;
}

/** Months a…b in which person i's yes/no was yes. */
export function hCount(h: Months, a: number, b: number, i: number): number {
  let s = 0;
  for (let j = a; j <= b; j++) if (h[j]![i] === 1) s++;
  return s;
}

/** Person i's value k months before month m; NaN before the data starts, and for a k that names no month (negative
 * or fractional: and/or evaluate both sides, so a prev() guarded by a condition still runs when it is false). */
export function hPrev(h: Months, m: number, k: number, i: number): number {
  const j = m - k;
  const month = j >= 0 && j <= m ? h[j] : undefined;
  return month !== undefined ? month[i]! : NaN;
}

/** Consecutive months up to m in which person i's yes/no was yes. */
export function hStreak(h: Months, m: number, i: number): number {
  let s = 0;
  for (let j = m; j >= 0 && h[j]![i] === 1; j--) s++;
  return s;
}

/** Sum of event column c of person i over months a…b. */
export function evWin(EV: readonly (readonly Float64Array[])[], c: number, a: number, b: number, i: number): number {
  let s = 0;
  for (let j = a; j <= b; j++) s += EV[j]![c]![i]!;
  return s;
}

/** round(x, d) of the language: half away from zero, at the decimal x was meant to be. */
export function roundTo(x: number, d: number): number {
  const f = 10 ** d;
  const v = Number((Math.abs(x) * f).toPrecision(15));
  return (Math.sign(x) * Math.floor(v + 0.5)) / f;
}

// ── Calendar: dates are day numbers (days since 1970-01-01, UTC), NaN where unknown ─────────────────────────────

const DAY_MS = 86_400_000;

/** The date `n` whole months after day `d` (before, for negative n); a day the target month lacks becomes its last
 * day (01-31 + 1个月 → 02-28/29). */
export function addMonths(d: number, n: number): number {
  if (d !== d || n !== n) return NaN;
  const t = new Date(d * DAY_MS);
  const y = t.getUTCFullYear(), m = t.getUTCMonth() + Math.trunc(n), day = t.getUTCDate();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(day, last)) / DAY_MS;
}

/** Full months from day a to day b, counted to the day (04-14 → 07-13 is 2, → 07-14 is 3); negative when b is
 * before a. */
export function fullMonths(a: number, b: number): number {
  if (a !== a || b !== b) return NaN;
  const x = new Date(a * DAY_MS), y = new Date(b * DAY_MS);
  if (b < a) return -fullMonths(b, a);
  let months = (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth();
  if (addMonths(a, months) > b) months--;
  return months;
}

/** The day of the month of day d (1–31). */
export function dayOfMonth(d: number): number {
  return d !== d ? NaN : new Date(d * DAY_MS).getUTCDate();
}

/** The day number of a YYYY-MM-DD text (NaN for anything else). */
export function dayNumber(text: string): number {
  const t = Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return text.length >= 10 && t === t ? t / DAY_MS : NaN;
}

/** A day number as YYYY-MM-DD. */
export function dateText(d: number): string {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** A value computed in binary floating point, as the whole number it was meant to be when within a billionth of one
 * ((95% − 90%) / 1% is 4.999999999999996, and floor must give 5, as the written numbers say). Policy literals and data
 * have at most 6 decimals, so no value meant to be fractional comes that close to a whole number. */
function snapWhole(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - r) <= 1e-9 * Math.max(1, Math.abs(x)) ? r : x;
}

export function floorX(x: number): number {
  return Math.floor(snapWhole(x));
}

export function ceilX(x: number): number {
  return Math.ceil(snapWhole(x));
}

export const STAGE_HELPERS = { withinCC, withinCO, withinOC, withinOO, hAvg, hSum, hMin, hMax, hCount, hPrev, hStreak, evWin, roundTo, addMonths, fullMonths, dayOfMonth, floorX, ceilX };

/** The generated source's first line: the helpers by name, from its parameter. */
export const HELPERS_BINDING = `const { ${Object.keys(STAGE_HELPERS).join(', ')} } = helpers;`;

/** The helper testing x against an interval with these ends. */
export function withinHelper(loClosed: boolean, hiClosed: boolean): string {
  return `within${loClosed ? 'C' : 'O'}${hiClosed ? 'C' : 'O'}`;
}
