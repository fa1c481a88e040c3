// Reading one cell of employee data as the data model says: dates, months, percents, money in fen, counts,
// booleans and enums, from text as HR systems and spreadsheets write it (full-width digits, ¥, 1,234.50).
// Every reader returns a result instead of throwing: a bad cell is the user's mistake, reported with the others.

import type { PercentFormat } from '../../compiler/model/policy.ts';

/** A calendar date, YYYY-MM-DD: compares correctly as text and crosses a Worker boundary unchanged. */
export type IsoDate = string;
/** A calendar month, YYYY-MM. */
export type IsoMonth = string;

/** Why a cell was refused: D003 wrong type, D004 bad month, D005 percent out of range, D006 negative, D007 not a value. */
export type ValueFailure = 'D003' | 'D004' | 'D005' | 'D006' | 'D007';

export type ValueResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly code: ValueFailure; readonly suggestion?: string };

const ok = <T>(value: T): ValueResult<T> => ({ ok: true, value });
const fail = (code: ValueFailure = 'D003', suggestion?: string): ValueResult<never> =>
  suggestion === undefined ? { ok: false, code } : { ok: false, code, suggestion };

/** NFKC (full-width digits, ％, ￥, －, ，) and trimmed: what every reader starts from. */
export function normalizeCell(text: string): string {
  // Most cells are plain ASCII; NFKC on them is a waste of time on large files.
  // eslint-disable-next-line no-control-regex
  return (/^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKC')).trim();
}

export function isBlank(text: string): boolean {
  return normalizeCell(text) === '';
}

// ── Decimal text ────────────────────────────────────────────────────────────────────────────────────────────

interface Decimal {
  readonly negative: boolean;
  readonly int: string;
  readonly frac: string;
}

/** "-1,234.50" → parts; thousands separators must group by three; no exponent. A fraction written with more than 15
 * significant digits is a double as Excel stores it (0.94999999999999996 for 0.95, 21911.599999999999 for 21911.6):
 * it is read as the 15 digits Excel shows. */
function readDecimal(text: string): Decimal | undefined {
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?$/.exec(text);
  if (!m || (m[2] === undefined && m[3] === undefined)) return undefined;
  const d = { negative: m[1] === '-', int: (m[2] ?? '0').replace(/,/g, ''), frac: m[3] ?? '' };
  return d.frac.length && significantDigits(d) > 15 ? roundedTo15(d) : d;
}

function significantDigits(d: Decimal): number {
  return (d.int + d.frac).replace(/^0+/, '').replace(/0+$/, '').length;
}

/** A decimal rounded to 15 significant digits, as Excel displays a stored double. */
function roundedTo15(d: Decimal): Decimal {
  const x = Number(Number(`${d.int}.${d.frac}`).toPrecision(15));
  // Decimals up to the 15th significant digit (toFixed, not String: 1.2e-7 must not come out with an exponent).
  const s = x === 0 ? '0' : x.toFixed(Math.max(0, Math.min(100, 14 - Math.floor(Math.log10(x)))));
  const [int, frac = ''] = s.split('.') as [string, string?];
  return { negative: d.negative, int, frac: frac.replace(/0+$/, '') };
}

/** The nearest double to a decimal: one correctly rounded division of two exact integers. */
function decimalToNumber(d: Decimal, shift = 0): number {
  const digits = Number(d.int + d.frac);
  const v = digits / 10 ** (d.frac.length + shift);
  return d.negative && v !== 0 ? -v : v;
}

export function parseNumber(text: string): ValueResult<number> {
  const d = readDecimal(normalizeCell(text));
  if (!d || significantDigits(d) > 15) return fail();
  return ok(decimalToNumber(d));
}

export function parseInteger(text: string): ValueResult<number> {
  const d = readDecimal(normalizeCell(text));
  if (!d || /[^0]/.test(d.frac) || d.int.length > 15) return fail();
  const n = Number(d.int);
  return ok(d.negative && n !== 0 ? -n : n);
}

/** A count: a whole number, zero or more. */
export function parseCount(text: string): ValueResult<number> {
  const r = parseInteger(text);
  if (r.ok && r.value < 0) return fail('D006');
  return r;
}

// ── Money ───────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Money → integer fen, exactly: the decimal text is read digit by digit, never multiplied as a float
 * (0.29 × 100 = 28.999999999999996). Accepts 1,234.50 / 1234.5 / ¥1234.50 / ￥1,234 / 1234元 / -12.3.
 * More than two decimals is refused unless they are zeros: a fen is the smallest amount paid.
 */
export function parseMoney(text: string): ValueResult<number> {
  let t = normalizeCell(text);
  let negative = false;
  if (t.startsWith('-')) { negative = true; t = t.slice(1).trim(); }
  t = t.replace(/^¥\s*/, '').replace(/\s*元$/, '');
  if (!negative && t.startsWith('-')) { negative = true; t = t.slice(1).trim(); }
  const d = readDecimal(t);
  if (!d || d.negative || /^\+/.test(t)) return fail();
  const frac = d.frac.replace(/0+$/, '');
  if (frac.length > 2) return fail();
  const fen = Number(d.int) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return fail();
  return ok(negative && fen !== 0 ? -fen : fen);
}

// ── Percent ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A percent → a fraction (98% → 0.98). A trailing % always means percent. Otherwise the input's declared
 * format decides ('98' → /100, '0.98' → as is); without one (or with '98%') a number ≤ 1 is read as a
 * fraction and a larger one as a percent, so a bare 1 means 100%. Outside 0–100% is D005.
 */
export function parsePercent(text: string, format?: PercentFormat): ValueResult<number> {
  const t = normalizeCell(text);
  let value: number;
  if (t.endsWith('%')) {
    const d = readDecimal(t.slice(0, -1).trim());
    if (!d) return fail();
    value = decimalToNumber(d, 2);
  } else {
    const d = readDecimal(t);
    if (!d) return fail();
    const n = decimalToNumber(d);
    if (format === '98') value = decimalToNumber(d, 2);
    else if (format === '0.98') value = n;
    else value = Math.abs(n) <= 1 ? n : decimalToNumber(d, 2);
  }
  if (value < 0 || value > 1) return fail('D005');
  return ok(value);
}

// ── Dates and months ────────────────────────────────────────────────────────────────────────────────────────

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function isoDate(y: number, m: number, d: number): IsoDate | undefined {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return undefined;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Excel's day numbers (1900 system): 1 = 1900-01-01, and Excel counts a 29 Feb 1900 that never was. */
export function excelSerialToDate(serial: number): IsoDate | undefined {
  if (!Number.isInteger(serial) || serial < 1 || serial > 2958465) return undefined;
  const days = serial < 60 ? serial : serial - 1;
  const d = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const DATE = /^(\d{4})(?:[-/.](\d{1,2})[-/.]|年(\d{1,2})月)(\d{1,2})日?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日, YYYYMMDD, each with a time of day or not (2024-03-15 00:00:00, as
 * exports write dates); an Excel day number if `serial`.
 */
export function parseDate(text: string, options: { readonly serial?: boolean } = {}): ValueResult<IsoDate> {
  const t = normalizeCell(text);
  const m = DATE.exec(t);
  if (m) {
    if (m[5] !== undefined && (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7] ?? 0) > 59)) return fail();
    const date = isoDate(Number(m[1]), Number(m[2] ?? m[3]), Number(m[4]));
    return date ? ok(date) : fail();
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) {
    const date = isoDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
    if (date) return ok(date);
  }
  if (options.serial && /^\d+(?:\.0+)?$/.test(t)) {
    const date = excelSerialToDate(Number(t));
    return date ? ok(date) : fail();
  }
  return fail();
}

/**
 * YYYY-MM, YYYY/MM, YYYY年M月, YYYYMM (202601), YYYY.MM (2026.01); the first day of a month, with or without a time
 * (2026/1/1 0:00, a spreadsheet's month cell), also names it, and so does its Excel day number if `serial`. 2026.1 is
 * refused: as a number it is also how 2026.10 is stored.
 */
export function parseMonth(text: string, options: { readonly serial?: boolean } = {}): ValueResult<IsoMonth> {
  const t = normalizeCell(text);
  const m = /^(\d{4})(?:(?:-|\/|年)(\d{1,2})月?|\.(\d{2}|[2-9])|(\d{2}))$/.exec(t);
  if (m) {
    const month = Number(m[2] ?? m[3] ?? m[4]);
    const year = Number(m[1]);
    return month >= 1 && month <= 12 && year >= 1900 && year <= 2999 ? ok(`${m[1]}-${pad(month)}`) : fail('D004');
  }
  if (/^\d{4}\.1$/.test(t)) return fail('D004', `${t.slice(0, 4)}-01 / ${t.slice(0, 4)}-10`);
  const d = parseDate(t, options);
  if (d.ok && d.value.endsWith('-01')) return ok(d.value.slice(0, 7));
  return fail('D004');
}

// ── Booleans, enums, text ───────────────────────────────────────────────────────────────────────────────────

const TRUE = new Set(['true', '是', '1', 'y', 'yes', '√', '对']);
const FALSE = new Set(['false', '否', '0', 'n', 'no', '×', '错']);

export function parseBoolean(text: string): ValueResult<boolean> {
  const t = normalizeCell(text).toLowerCase();
  if (TRUE.has(t)) return ok(true);
  if (FALSE.has(t)) return ok(false);
  return fail();
}

/** One of the declared values, compared after NFKC and trimming; the stored value is the declared spelling. */
export function parseEnum(text: string, values: readonly string[], suggest?: (name: string, candidates: readonly string[]) => string | undefined): ValueResult<string> {
  const t = normalizeCell(text);
  for (const v of values) if (normalizeCell(v) === t) return ok(v);
  return fail('D007', suggest?.(t, values));
}

// ── Plain cells, read without allocating ────────────────────────────────────────────────────────────────────
// Most cells of a large export are plain ASCII: 92.5, 3, 1234.50, 2026-01-05, 2026-03. These read exactly that
// spelling and give exactly what the readers above give for it; for anything else (full-width digits, thousands
// separators, ¥, %, blanks, mistakes) they answer NaN or undefined, and the cell goes to the reader above.

let plainNegative = false;
let plainInt = 0;
let plainFrac = 0;
let plainFracDigits = 0;

/** -?\d+(\.\d+)? with at most 15 digits (exact as a double): its parts, in the plain* variables. */
function scanPlain(t: string, from: number, to: number): boolean {
  let i = from;
  plainNegative = false;
  if (i < to && t.charCodeAt(i) === 45) { plainNegative = true; i++; }
  let int = 0;
  let digits = 0;
  for (; i < to; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
    digits++;
  }
  if (digits === 0) return false;
  let frac = 0;
  let fracDigits = 0;
  if (i < to) {
    if (t.charCodeAt(i) !== 46) return false;
    for (i++; i < to; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return false;
      frac = frac * 10 + c;
      fracDigits++;
    }
    if (fracDigits === 0) return false;
  }
  if (digits + fracDigits > 15) return false;
  plainInt = int;
  plainFrac = frac;
  plainFracDigits = fracDigits;
  return true;
}

/** 10 ** k for the k a plain cell can need (at most 15 digits, shifted by at most 2 for a percent), exact as doubles. */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** parseNumber of a plain cell; NaN for any other text. */
export function plainNumber(t: string): number {
  return plainDecimal(t, t.length, 0);
}

/**
 * The plain decimal t[0, end) (-?\d+(\.\d+)?, at most 15 digits) as parseNumber reads it, shifted by `shift` places (a
 * percent: 2), with one correctly rounded division of exact integers; NaN for any other text. The commonest cells
 * of all, read in one function without the shared scanner's state.
 */
function plainDecimal(t: string, end: number, shift: number): number {
  let i = 0;
  const negative = end > 0 && t.charCodeAt(0) === 45;
  if (negative) i = 1;
  const intStart = i;
  let int = 0;
  for (; i < end; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    int = int * 10 + c;
  }
  const digits = i - intStart;
  if (digits === 0) return NaN;
  let frac = 0;
  let fracDigits = 0;
  if (i < end) {
    if (t.charCodeAt(i) !== 46) return NaN;
    const fracStart = ++i;
    for (; i < end; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return NaN;
      frac = frac * 10 + c;
    }
    fracDigits = i - fracStart;
    if (fracDigits === 0) return NaN;
  }
  if (digits + fracDigits > 15) return NaN;
  const v = fracDigits === 0 && shift === 0 ? int : (int * POW10[fracDigits]! + frac) / POW10[fracDigits + shift]!;
  return negative && v !== 0 ? -v : v;
}

/** parseInteger of a plain cell; NaN for any other text (a fraction included). */
export function plainInteger(t: string): number {
  if (!scanPlain(t, 0, t.length) || plainFrac !== 0) return NaN;
  return plainNegative && plainInt !== 0 ? -plainInt : plainInt;
}

/** parseCount of a plain cell; NaN for any other text (a negative count included). */
export function plainCount(t: string): number {
  const n = plainInteger(t);
  return n < 0 ? NaN : n;
}

/** parseMoney of a plain cell, in fen; NaN for any other text (more than two decimals included). */
export function plainMoney(t: string): number {
  if (!scanPlain(t, 0, t.length)) return NaN;
  let frac = plainFrac;
  let digits = plainFracDigits;
  while (digits > 0 && frac % 10 === 0) { frac /= 10; digits--; }
  if (digits > 2) return NaN;
  const fen = plainInt * 100 + frac * POW10[2 - digits]!;
  return plainNegative && fen !== 0 ? -fen : fen;
}

/** parsePercent of a plain cell (98, 0.98 or 98%); NaN for any other text or a value outside 0–100%. */
export function plainPercent(t: string, format?: PercentFormat): number {
  let value: number;
  if (t.charCodeAt(t.length - 1) === 37) {
    value = plainDecimal(t, t.length - 1, 2);
  } else {
    const n = plainDecimal(t, t.length, 0);
    value = format === '98' || (format !== '0.98' && !(Math.abs(n) <= 1)) ? plainDecimal(t, t.length, 2) : n;
  }
  return value < 0 || value > 1 || value !== value ? NaN : value;
}

const digitAt = (t: string, i: number): number => {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** parseDate of a plain YYYY-MM-DD (a day up to 28, so the month's length never matters); undefined otherwise. */
export function plainDate(t: string): IsoDate | undefined {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return undefined;
  const y = digitAt(t, 0) * 1000 + digitAt(t, 1) * 100 + digitAt(t, 2) * 10 + digitAt(t, 3);
  const m = digitAt(t, 5) * 10 + digitAt(t, 6);
  const d = digitAt(t, 8) * 10 + digitAt(t, 9);
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 && d <= 28 ? t : undefined;
}

/** parseMonth of a plain YYYY-MM; undefined otherwise. */
export function plainMonth(t: string): IsoMonth | undefined {
  if (t.length !== 7 || t.charCodeAt(4) !== 45) return undefined;
  const y = digitAt(t, 0) * 1000 + digitAt(t, 1) * 100 + digitAt(t, 2) * 10 + digitAt(t, 3);
  const m = digitAt(t, 5) * 10 + digitAt(t, 6);
  return y >= 1900 && y <= 2999 && m >= 1 && m <= 12 ? t : undefined;
}
