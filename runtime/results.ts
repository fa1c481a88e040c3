// Results as HR reads them: the JSON shape of `ladder run --format json`, CSV, and a terminal table whose columns
// line up with Chinese text (two columns per character).

import { displayWidth } from '../compiler/source/width.ts';
import type { ResultRow, RunResult } from './run.ts';
import type { ParsedPolicy } from '../compiler/model/policy.ts';
import { outputColumns } from '../compiler/model/outputs.ts';

export interface ResultJsonRow {
  readonly employee: string;
  readonly month: string;
  readonly tier: string | null;
  readonly track: string | null;
  readonly star: number | null;
  readonly score: number | string | boolean | null;
  readonly grade: number | string | boolean | null;
  readonly pay: ResultRow['pay'];
  readonly events: readonly { readonly kind: string; readonly name: string }[];
  readonly values: ResultRow['values'];
}

/** The score and grade columns of the results: the policy's `outputs:`, or the default of compiler/model/outputs.ts. */
export interface ResultShape {
  readonly scoreName?: string;
  readonly gradeName?: string;
}

export function resultShape(policy: ParsedPolicy): ResultShape {
  const o = outputColumns(policy);
  return { ...(o.score !== undefined ? { scoreName: o.score } : {}), ...(o.grade !== undefined ? { gradeName: o.grade } : {}) };
}

export function toJsonRows(result: RunResult, shape: ResultShape): ResultJsonRow[] {
  return result.rows.map((r) => jsonRow(r, shape));
}

/** `{ "rows": [ … ] }` as JSON.stringify(…, null, 2) writes it, in pieces of at most `batch` rows: a year of a large
 * department is written without its rows, their JSON objects and the whole text all held at once. */
export function* jsonRowChunks(result: RunResult, shape: ResultShape, batch = 2000): Generator<string> {
  const rows = result.rows;
  if (!rows.length) { yield '{\n  "rows": []\n}\n'; return; }
  yield '{\n  "rows": [\n';
  for (let a = 0; a < rows.length; a += batch) {
    const part: string[] = [];
    for (let k = a; k < Math.min(rows.length, a + batch); k++) {
      part.push('    ' + JSON.stringify(jsonRow(rows[k]!, shape), null, 2).split('\n').join('\n    ') + (k < rows.length - 1 ? ',' : ''));
    }
    yield part.join('\n') + '\n';
  }
  yield '  ]\n}\n';
}

function jsonRow(r: ResultRow, shape: ResultShape): ResultJsonRow {
  return ({
    employee: r.employee, month: r.month, tier: r.tier, track: r.track, star: r.star,
    score: shape.scoreName ? r.values[shape.scoreName] ?? null : null,
    grade: shape.gradeName ? r.values[shape.gradeName] ?? null : null,
    pay: r.pay,
    // What happened to the person this month: each flag raised, then each change of star or tier ("中级 → 高级"), in
    // the order the run made them (issue 19: a move was missing from the list).
    events: [
      ...r.flags.map((name) => ({ kind: 'flag', name })),
      ...r.changes.map((c) => ({ kind: c.kind, name: `${c.from || '—'} → ${c.to}` })),
    ],
    values: r.values,
  });
}

/** Header and cells of the tabular formats. */
export function toTable(result: RunResult, shape: ResultShape): { header: string[]; rows: string[][] } {
  const lines = result.rows[0]?.pay.lines.map((l) => l.name) ?? [];
  const header = ['工号 id', '姓名 name', '月份 month', '职级 tier', '星级 star', ...(shape.scoreName ? [shape.scoreName] : []), ...(shape.gradeName ? [shape.gradeName] : []), ...lines, '合计 total', '标记 flags'];
  const rows = result.rows.map((r) => [
    r.employee, r.name ?? '', r.month, r.tier ?? '', r.star === null ? '' : String(r.star),
    ...(shape.scoreName ? [cell(r.values[shape.scoreName])] : []),
    ...(shape.gradeName ? [cell(r.values[shape.gradeName])] : []),
    ...r.pay.lines.map((l) => l.amount), r.pay.total, r.flags.join(' '),
  ]);
  return { header, rows };
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(Math.round(v * 1e6) / 1e6);
  return String(v);
}

/**
 * CSV as Excel opens it: a UTF-8 BOM (without it Chinese Excel reads the file as GBK and shows mojibake), CRLF, and
 * formula injection neutralised (OWASP): a text cell starting with = + - @, a tab or a CR gets a leading ', so that
 * a name like =HYPERLINK(…) is shown, not run. A negative number (-12.50) is a number and stays as it is.
 */
export function toCsv(table: { header: string[]; rows: string[][] }): string {
  const q = (raw: string) => {
    const s = FORMULA_START.test(raw) && !NUMBER_TEXT.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + [table.header, ...table.rows].map((r) => r.map(q).join(',')).join('\r\n') + '\r\n';
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER_TEXT = /^-\d+(?:\.\d+)?%?$/;

// ── Results as a workbook ────────────────────────────────────────────────────────────────────────────────────

/** A cell of a results workbook: text, or a number with its Excel number format. */
export type ResultCell = string | { readonly number: number; readonly format?: string };

export interface ResultSheet {
  readonly name: string;
  readonly rows: readonly (readonly ResultCell[])[];
  /** Each column's width in characters (a Chinese character counts two). */
  readonly widths: readonly number[];
  /** Rows shown bold as headers (default: the first); a payslip sheet repeats its header before every person. */
  readonly headerRows?: readonly number[];
  /** Rows kept in view while scrolling (default 1: the header); 0 for a sheet whose header repeats. */
  readonly frozenRows?: number;
  /** Printed on A4 landscape, scaled to the page's width (payslip strips are cut from the printout). */
  readonly print?: boolean;
}

/** The names of results sheets in Chinese. */
const SHEET_NAMES_ZH: Readonly<Record<string, string>> = {
  results: '结果', details: '明细', changes: '规则变更', payroll: '工资总额', people: '人员', compare: '方案对比', sweep: '参数试算',
};

export const MONEY_FORMAT = '#,##0.00';

/** Columns kept as text whatever they hold: an id 001 must not become 1, a month 2026-01 must not become a date. */
const TEXT_COLUMN = /工号|\bid\b|employee|姓名|\bname\b|月份|\bmonth\b|section|what/i;
/** Headers of columns whose numbers are amounts of money. */
const MONEY_COLUMN = /工资|金额|合计|total|old|new|change|before|after|旧|新|差额|cost|成本|pay|元/i;

/**
 * A table's text cells as Excel cells: an amount written with two decimals (2000.00, as results write money) is a
 * number formatted #,##0.00; 12.5% is the number 0.125 formatted as a percent; another plain number is a number;
 * anything else, and every cell of an id, name or month column, is text. `numbers` are cells already numbers
 * (a diff's yuan), formatted as money in a money column.
 */
export function toResultSheet(name: string, rows: readonly (readonly (string | number | null)[])[], lang: 'zh' | 'en'): ResultSheet {
  const header = (rows[0] ?? []).map((h) => String(h ?? ''));
  const text = header.map((h) => TEXT_COLUMN.test(h));
  const money = header.map((h) => MONEY_COLUMN.test(h));
  const typed = rows.map((row, r) => row.map((cell, c): ResultCell => {
    if (cell === null || cell === undefined) return '';
    if (r === 0) return String(cell);
    if (typeof cell === 'number') return Number.isFinite(cell) ? { number: cell, ...(money[c] || !Number.isInteger(cell) ? { format: MONEY_FORMAT } : {}) } : String(cell);
    if (text[c]) return cell;
    return typedCell(cell);
  }));
  return { name: lang === 'zh' ? SHEET_NAMES_ZH[name] ?? name : name, rows: typed, widths: columnWidths(rows) };
}

/** Each column as wide as its longest text (a Chinese character counts two; a number gets room for its separators
 * and decimals), at most 60 characters. */
export function columnWidths(rows: readonly (readonly (string | number | null)[])[]): number[] {
  const columns = rows.reduce((n, r) => Math.max(n, r.length), 0);
  return Array.from({ length: columns }, (_, c) => {
    let w = 4;
    for (const row of rows) w = Math.max(w, displayWidth(String(row[c] ?? '')) + (typeof row[c] === 'number' ? 4 : 0));
    return Math.min(w + 2, 60);
  });
}

function typedCell(cell: string): ResultCell {
  if (/^-?(?:0|[1-9]\d{0,12})\.\d{2}$/.test(cell)) return { number: Number(cell), format: MONEY_FORMAT };
  const percent = /^(-?(?:0|[1-9]\d{0,12})(?:\.(\d+))?)%$/.exec(cell);
  if (percent) {
    const decimals = percent[2]?.length ?? 0;
    return { number: Number((Number(percent[1]) / 100).toPrecision(15)), format: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
  }
  if (/^-?(?:0|[1-9]\d{0,14})(?:\.\d+)?$/.test(cell) && cell.replace(/[-.]/g, '').length <= 15) return { number: Number(cell) };
  return cell;
}

export function toTerminalTable(table: { header: string[]; rows: string[][] }): string {
  const widths = table.header.map((h, c) => {
    // A loop, not Math.max(...rows): a spread of 125,000+ rows overflows the call stack.
    let w = displayWidth(h);
    for (const r of table.rows) w = Math.max(w, displayWidth(r[c] ?? ''));
    return w;
  });
  const numeric = table.header.map((_, c) => table.rows.length > 0 && table.rows.every((r) => /^-?[\d.]*$/.test(r[c] ?? '')));
  const fmt = (r: string[]) => r.map((s, c) => {
    const pad = ' '.repeat(widths[c]! - displayWidth(s));
    return numeric[c] ? pad + s : s + pad;
  }).join('  ').trimEnd();
  return [fmt(table.header), widths.map((w) => '─'.repeat(w)).join('  '), ...table.rows.map(fmt)].join('\n');
}
